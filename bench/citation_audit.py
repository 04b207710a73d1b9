"""Figures for the citation issue that need no reference manager: read a built site.

    python bench/citation_audit.py SITE_DIR [--head-date YYYY-MM-DD]

Counts, over every page: 1970 and "unversioned" anywhere a date or version is printed,
the sitemap's dates, publication dates later than modified dates, publication dates
equal to the build's commit date, literal "[date]", RIS T2 values, citation_pdf_url and
whether its file exists, citation_title against the visible <h1>, citation_reference,
citation links to a versioned /v/X.Y.Z/ address, Dataset JSON-LD properties.
"""
from __future__ import annotations

import argparse
import collections
import html
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

DATASET_PROPS = ("name", "description", "url", "identifier", "license", "creator", "temporalCoverage", "spatialCoverage",
                 "keywords", "version", "datePublished", "dateModified", "citation", "distribution", "variableMeasured",
                 "@id", "mainEntityOfPage")


def page_files(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html"))
            if not p.relative_to(site).as_posix().startswith(("print_page/", "search/", "v/"))]


def audit(site: Path, head_date: str | None) -> dict:
    c: collections.Counter = collections.Counter()
    t2: collections.Counter = collections.Counter()
    ds_props: collections.Counter = collections.Counter()
    files = page_files(site)
    c["pages"] = len(files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        metas = {m.get("name") or m.get("property"): m.get("content") for m in soup.find_all("meta")}
        blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
        c["pages with 1970"] += "1970" in text
        c["pages with 'unversioned'"] += "unversioned" in text
        c["pages with literal [date]"] += "[date]" in text
        c["pages with 'development build'"] += "development build" in text
        c["pages with Highwire citation_title"] += "citation_title" in metas
        c["pages with citation_reference"] += any(m.get("name") == "citation_reference" for m in soup.find_all("meta"))
        pdf = metas.get("citation_pdf_url")
        if pdf:
            c["pages with citation_pdf_url"] += 1
            c["citation_pdf_url whose file is in the site"] += (site / pdf.split("/")[-1]).exists()
        h1 = soup.find("h1")
        if "citation_title" in metas and h1 is not None:
            visible = " ".join(h1.get_text(" ", strip=True).replace("¶", "").split())
            c["citation_title differs from <h1>"] += metas["citation_title"] != visible
        c["og:type " + str(metas.get("og:type"))] += 1
        for block in blocks:
            graph = block.get("@graph", [block])
            for node in graph:
                kind = node.get("@type")
                if kind == "Dataset":
                    c["Dataset blocks"] += 1
                    for prop in DATASET_PROPS:
                        ds_props[prop] += prop in node
                    ident = node.get("identifier")
                    ds_props["identifier is a URL"] += isinstance(ident, str) and ident.startswith("http")
                    continue
                pub, mod = node.get("datePublished"), node.get("dateModified")
                if pub and mod:
                    c["datePublished later than dateModified"] += pub > mod
                    if head_date:
                        c["datePublished == commit date"] += pub == head_date
        for pre in soup.select("pre[id$='-ris-text']"):
            for line in html.unescape(pre.get_text()).splitlines():
                if line.startswith("T2  - "):
                    t2[line[6:]] += 1
        cite_links = [a["href"] for a in soup.select(".irc-cite__meta a[href]")]
        c["pages whose cite box links a /v/ address"] += any("/v/" in h for h in cite_links)
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        dates = re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap.read_text(encoding="utf-8"))
        c["sitemap lastmod"] = len(dates)
        c["sitemap lastmod 1970"] = sum(d.startswith("1970") for d in dates)
    cit_files = sorted(site.rglob("citations.html"))
    c["citations.html with literal [date]"] = sum("[date]" in p.read_text(encoding="utf-8") for p in cit_files)
    c["citations.html with 1970"] = sum("1970" in p.read_text(encoding="utf-8") for p in cit_files)
    return {"counts": dict(c), "RIS T2 (top)": dict(t2.most_common(5)), "RIS T2 values": len(t2),
            "Dataset properties (blocks having each)": dict(ds_props)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--head-date", help="the built commit's date, to count publication dates equal to it")
    args = parser.parse_args(argv)
    print(json.dumps(audit(args.site, args.head_date), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
