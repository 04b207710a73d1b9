"""What Zotero's own translators save from a built site, and what its importers keep.

    python bench/zotero_check.py SITE_DIR [--server http://127.0.0.1:1969] [--json OUT]

Serves SITE_DIR on a free local port, POSTs every page's address to the translation
server's /web endpoint (Zotero's Embedded Metadata, COinS, unAPI and DOI translators
decide), and every BibTeX and RIS record the site offers to /import. Prints a tally:
pages by item type, organisation authors kept whole (one name, fieldMode 1), dates,
website titles, abstracts, versions; records whose version, date and site name survive
the import. Start the server first (shared/tools/zotero-server.sh start DEST).
"""
from __future__ import annotations

import argparse
import collections
import functools
import html
import http.server
import json
import re
import sys
import threading
import urllib.request
from pathlib import Path

SKIP = ("print_page/", "404.html", "search/")
# The pages wrap a record in <pre><code>; citations.html files write <pre> alone.
PRE = re.compile(r'<pre id="[^"]*-(bibtex|ris)-text"[^>]*>(?:<code>)?(.*?)(?:</code>)?</pre>', re.DOTALL)


def pages(site: Path) -> list[str]:
    """Site-relative paths of every HTML page (each index.html, without print and 404 pages)."""
    out = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(SKIP) and not rel.startswith("v/"):
            out.append(rel[: -len("index.html")])
    return out


def records(site: Path) -> list[tuple[str, str, str]]:
    """(file, format, text) of every BibTeX and RIS record in the site's pages and citations.html files."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("print_page/", "v/")):
            continue
        for fmt, body in PRE.findall(path.read_text(encoding="utf-8")):
            text = html.unescape(re.sub(r"<[^>]+>", "", body))
            out.append((rel, fmt, text))
    return out


def post(server: str, endpoint: str, body: str) -> list[dict]:
    req = urllib.request.Request(f"{server}/{endpoint}", data=body.encode("utf-8"), headers={"Content-Type": "text/plain"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except Exception as exc:  # noqa: BLE001 - a failed translation is a finding, not a crash
        return [{"error": str(exc)}]


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, httpd.server_address[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102
        pass


def creator_kind(creator: dict) -> str:
    if "name" in creator:
        return "one field (name)"
    return f"split: first={creator.get('firstName')!r} last={creator.get('lastName')!r}"


def version_of(item: dict, notes: list[dict]) -> str:
    """Where the item keeps a version: versionNumber, edition, Extra's 'Version:' line, or a child note."""
    for field in ("versionNumber", "edition"):
        if item.get(field):
            return f"{field}={item[field]}"
    match = re.search(r"^Version: *(\S+)", item.get("extra", ""), re.MULTILINE)
    if match:
        return f"extra Version: {match.group(1)}"
    match = re.search(r"^Published: .*\bversion ([\w.+-]+)", item.get("extra", ""), re.MULTILINE | re.IGNORECASE)
    if match:
        return f"extra Published: version {match.group(1)}"
    match = re.search(r"\((?:Version ([\w.+-]+)|development build)", item.get("websiteTitle", ""))
    if match:
        return f"websiteTitle (Version {match.group(1) or 'development build'})"
    for note in notes:
        found = re.search(r"Version:? ([\w.+-]+)", re.sub(r"<[^>]+>", "", note.get("note", "")))
        if found:
            return f"child note {found.group(1)}"
    return "none"


def check_pages(site: Path, server: str) -> dict:
    httpd, port = serve(site)
    tally: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    items = {}
    try:
        for rel in pages(site):
            result = post(server, "web", f"http://127.0.0.1:{port}/{rel}")
            item = next((i for i in result if i.get("itemType") not in (None, "note")), result[0] if result else {})
            notes = [i for i in result if i.get("itemType") == "note"]
            items[rel] = item
            tally["itemType"][item.get("itemType") or f"error: {item.get('error', 'nothing saved')}"] += 1
            for c in item.get("creators", []):
                tally["creators"][creator_kind(c)] += 1
            tally["date"]["none" if not item.get("date") else ("1970" if item["date"].startswith("1970") else "a date")] += 1
            tally["websiteTitle"][item.get("websiteTitle") or item.get("publicationTitle") or "none"] += 1
            tally["abstract"]["yes" if item.get("abstractNote") else "none"] += 1
            tally["version"][re.sub(r"[\d.]+[\w.+-]*", "X", version_of(item, notes))] += 1
            tally["url"]["versioned /v/" if "/v/" in item.get("url", "") else "latest address"] += 1
    finally:
        httpd.shutdown()
    return {"pages": len(items), "tally": {k: dict(v) for k, v in tally.items()}, "items": items}


def check_imports(site: Path, server: str, site_name: str) -> dict:
    tally: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    recs = records(site)
    for _, fmt, text in recs:
        result = post(server, "import", text)
        item = next((i for i in result if i.get("itemType") not in (None, "note")), {})
        notes = [i for i in result if i.get("itemType") == "note"]
        t = tally[fmt]
        t["records"] += 1
        t[f"itemType {item.get('itemType') or 'none'}"] += 1
        t["version kept" if version_of(item, notes) != "none" else "version lost"] += 1
        t["organisation whole" if all("name" in c for c in item.get("creators", [{}])) else "organisation split"] += 1
        container = item.get("websiteTitle") or item.get("publicationTitle") or ""
        t["container is the site" if container.startswith(site_name) else f"container {container[:30]!r}"] += 1
        bad_date = "0000" in item.get("accessDate", "") or "[date]" in text
        t["'[date]' or 0000 access date" if bad_date else "no bogus access date"] += 1
        t["date kept" if item.get("date") else "no date"] += 1
    return {"records": len(recs), "tally": {k: dict(v) for k, v in tally.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--server", default="http://127.0.0.1:1969")
    parser.add_argument("--site-name", default="International Research Collaboration")
    parser.add_argument("--json", type=Path, help="write every item and the tallies here")
    args = parser.parse_args(argv)
    try:
        urllib.request.urlopen(args.server + "/", timeout=5)
    except urllib.error.HTTPError:
        pass  # the server answers 404 at /: it is up
    except OSError as exc:
        print(f"translation server not reachable at {args.server}: {exc}", file=sys.stderr)
        return 2
    report = {"web": check_pages(args.site, args.server), "import": check_imports(args.site, args.server, args.site_name)}
    print(f"pages: {report['web']['pages']}")
    for key, counter in report["web"]["tally"].items():
        print(f"  {key}: {counter}")
    print(f"records: {report['import']['records']}")
    for key, counter in report["import"]["tally"].items():
        print(f"  {key}: {counter}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
