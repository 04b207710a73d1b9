"""Published URLs: every page address and every citable anchor of a built site.

    python -m tools.urls --write [SITE_DIR]   rewrite tests/published_urls.txt from a build
    python -m tools.urls --check [SITE_DIR]   list published URLs the build has lost

A published page or anchor may move only with a redirect (mkdocs-redirects'
``redirect_maps`` in mkdocs.yml), never disappear; tests/integration/test_stable_urls.py runs
the check against a fresh build.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED_URLS = ROOT / "tests" / "published_urls.txt"
# Not pages of their own: the error page and the whole-site print page (which repeats every page).
SKIP_PAGES = {"404.html", "print_page/index.html"}
# Each page's citations.html (transforms/cite.py) holds the four formats of its cite boxes:
# loaded into the page by script, not a page, and its "cite-" anchors are not promised.
SKIP_FILES = {"citations.html"}
# Ids made by widgets, not anchors anyone cites: tab inputs, footnote back-links, cite
# boxes, and the ids pandas' Styler gives notebook tables and their cells (T_..._row0_col1;
# heading ids are lower-case slugs, so an upper-case "T_" never clashes with one).
SKIP_IDS = re.compile(r"^(__|fn:|fnref|irc-cite-|T_)")
ID_ATTR = re.compile(r'\sid="([^"]+)"')
REDIRECT_STUB = re.compile(r'<meta http-equiv="refresh"')


def _article(html: str) -> str:
    # Anchors count only inside the page's content, not Material's chrome (header, nav, search).
    start = html.find('<article class="md-content__inner')
    end = html.find("</article>", start)
    return html[start:end] if start >= 0 else ""


def page_url(rel: str) -> str:
    """site/a/b/index.html -> "/a/b/"; the home page is "/"."""
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def collect(site: Path) -> list[str]:
    """Sorted site-relative URLs: each page ("/china-uk/theory/") and each anchor ("...#id")."""
    urls: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel in SKIP_PAGES or path.name in SKIP_FILES:
            continue
        html = path.read_text(encoding="utf-8")
        if REDIRECT_STUB.search(html[:2000]):
            continue  # a mkdocs-redirects stub: the old address, kept by redirect
        url = page_url(rel)
        urls.add(url)
        is_bibliography = url == "/references/"
        for ident in ID_ATTR.findall(_article(html)):
            # A page's own reference list changes with its citations; only the
            # bibliography page's entry anchors are promised to stay.
            if SKIP_IDS.match(ident) or (ident.startswith("ref-") and not is_bibliography):
                continue
            urls.add(f"{url}#{ident}")
    return sorted(urls)


def redirect_maps(mkdocs_yml: Path) -> dict[str, str]:
    """old page (as URL) -> new page (as URL), from mkdocs-redirects' config."""

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV and other tags: read them as plain values here.
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=Loader)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "redirects" in plugin:
            maps = (plugin["redirects"] or {}).get("redirect_maps") or {}
            return {_md_to_url(old): _md_to_url(new) for old, new in maps.items()}
    return {}


def _md_to_url(md: str) -> str:
    if md.startswith(("http://", "https://")):
        return md
    md, _, anchor = md.partition("#")
    url = md[: -len(".md")]
    url = "" if url == "index" else url[: -len("index")] if url.endswith("/index") else url + "/"
    return "/" + url + (f"#{anchor}" if anchor else "")


def missing(published: list[str], built: list[str], redirects: dict[str, str]) -> list[str]:
    """Published URLs the build no longer serves, allowing for pages moved by redirect."""
    have = set(built)
    lost = []
    for url in published:
        if url in have:
            continue
        page, _, anchor = url.partition("#")
        target = redirects.get(page)
        if target and target.startswith(("http://", "https://")):
            continue  # moved off the site; nothing to check here
        if target:
            moved = target if not anchor else f"{target.partition('#')[0]}#{anchor}"
            if moved.partition("#")[0] in have and (not anchor or moved in have):
                continue
        lost.append(url)
    return lost


def read_published(path: Path = PUBLISHED_URLS) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


HEADER = (
    "# Every published page URL and citable anchor (site-relative), sorted.\n"
    "# Regenerate after adding pages or anchors: mkdocs build && python -m tools.urls --write site\n"
    "# A line may disappear only with a redirect (mkdocs.yml redirects: redirect_maps).\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.urls", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite tests/published_urls.txt from the built site")
    mode.add_argument("--check", action="store_true", help="exit 1 if a published URL is missing without a redirect")
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").exists():
        print(f"error: {site} is not a built site; run mkdocs build first", file=sys.stderr)
        return 1
    built = collect(site)
    if args.write:
        PUBLISHED_URLS.write_text(HEADER + "\n".join(built) + "\n", encoding="utf-8")
        print(f"wrote {PUBLISHED_URLS.relative_to(ROOT)}: {len(built)} URLs")
        return 0
    lost = missing(read_published(), built, redirect_maps(ROOT / "mkdocs.yml"))
    for url in lost:
        print(f"missing without a redirect: {url}", file=sys.stderr)
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
