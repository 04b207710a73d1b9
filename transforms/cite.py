"""Every page, chart, table, quotation and finding made citable, through ``scholarly/``.

- ``cite_box()`` makes a "Cite this …" box; its record and formats (the page's own, a chart's,
  table's, quotation's or finding's) are registered in the build and go to a ``citations.html``
  beside the page (``citations_document``), which docs/javascripts/cite.js loads when the reader
  opens the box.
- ``head_metadata()``: the head tags (OpenGraph, Dublin Core, JSON-LD) for overrides/main.html.
- ``page_dates()``: each page's first publication and last change, from its sources' history.
- ``render_citation()``: the ``{{ citation("NAME") }}`` blocks of the Cite page.
"""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from markupsafe import escape

from analysis.errors import SiteError
from analysis.paths import ROOT
from fragments import cite_box as boxes
from scholarly import head, records
from fragments.cite_box import CITATIONS_FILE, formats_html  # noqa: F401  (re-exported)
from scholarly.metadata import CitationError, load_metadata  # noqa: F401  (re-exported)
from transforms.build import SiteBuild
from transforms.page import PageRef

QUOTES_DATA = "data/quotes/quotes.csv"
# The section of a page's citations.html that holds the page's own record ("cite-page").
PAGE_SECTION = "page"

_HEADING = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*#*\s*$", re.MULTILINE)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def site_version(build: SiteBuild) -> dict:
    """The build's version as plain data."""
    version = build.site.build
    return {"describe": version.describe, "date": version.date, "commit": version.commit, "label": records.version_label(build.site)}


def registered_citations(build: SiteBuild, src_uri: str) -> dict:
    """{anchor: citation record} of the compact boxes made for one page in this build."""
    return dict(build.citations.get(src_uri, {}))


def page_heading(page: PageRef) -> str:
    """The page's title as readers see it: its first H1, else its front-matter title, else the engine's title."""
    if page.content:
        match = _H1.search(page.content)
        if match:
            # Without the permalink marks MkDocs (headerlink) and nbconvert (anchor-link) add.
            text = re.sub(r"<a [^>]*class=\"(?:headerlink|anchor-link)\"[^>]*>.*?</a>|<[^>]+>", "", match.group(1))
            return " ".join(unescape(text).split())
    match = _HEADING.search(page.markdown or "")
    if match:
        return re.sub(r"[*_`]", "", match.group(1)).strip()
    return str(page.meta.get("title") or page.title or "")


def _dataset_block(build: SiteBuild, page: PageRef) -> dict | None:
    """A dataset page's schema.org Dataset, its addresses made absolute for this build's site."""
    raw = page.meta.get("jsonld")
    data = json.loads(raw) if isinstance(raw, str) else raw
    if not (isinstance(data, dict) and data.get("@type") == "Dataset"):
        return None
    base = build.site_url.rstrip("/")

    def absolute(rel: str) -> str:
        return f"{base}/{rel}" if base and "://" not in rel else rel

    catalog = dict(data.get("includedInDataCatalog") or {})
    if catalog:
        catalog["name"] = catalog.get("name") or build.site_name
        catalog["url"] = absolute(catalog.get("url", ""))
    return {**data, "url": absolute(data.get("url", "")),
            **({"includedInDataCatalog": catalog} if catalog else {}),
            "distribution": [{**d, "contentUrl": absolute(d["contentUrl"])} for d in data.get("distribution", [])]}


def _sources(build: SiteBuild, page: PageRef) -> list[str]:
    """Repository paths whose changes are changes of this page."""
    if page.abs_src_path:
        try:
            rel = Path(page.abs_src_path).resolve().relative_to(ROOT).as_posix()
            if not rel.startswith("generated/"):
                return [rel]
        except ValueError:
            pass
    dataset = _dataset_block(build, page)
    if dataset:
        return ["data/" + d["contentUrl"].split("/data/", 1)[-1] for d in dataset.get("distribution", [])]
    if page.src_uri.startswith("quotes/"):
        return [QUOTES_DATA]
    if page.src_uri.startswith("datasets/"):  # the generated list of every dataset
        return [p for p in build.site.build.page_dates if p.startswith("data/") and p.endswith(".resource.yaml")]
    return []


def page_dates(build: SiteBuild, page: PageRef) -> tuple[str, str]:
    """(first published, last changed) of the page, from its sources' git history."""
    s = build.site
    pairs = [s.page_dates(p) for p in _sources(build, page)] or [(s.build.date, s.build.date)]
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def _path_and_anchor(build: SiteBuild, url: str) -> tuple[str, str] | None:
    root = build.site.root_url
    if not url.startswith(root):
        return None
    path, _, anchor = url[len(root):].partition("#")
    return path, anchor


def citation_record(build: SiteBuild, page: PageRef, *, anchor: str = "", title: str = "", kind: str = "page",
                    url: str | None = None, within: str | None = None) -> dict:
    """Everything a citation of one page, or of one anchor on it, needs, as plain data."""
    path, date = page.url, page_dates(build, page)[1]
    page_title = page_heading(page)
    if url:
        target = _path_and_anchor(build, url)
        if target:
            path, anchor = target
        if kind == "quote":
            date = build.site.page_dates(QUOTES_DATA)[1]
    rec = records.record(build.site, path=path, title=title or page_title, kind=kind, anchor=anchor, date=date,
                         page_title=(within or page_title) if (anchor or kind != "page") else "",
                         where=page.src_uri)
    if url and not _path_and_anchor(build, url):
        rec["url"] = rec["latest_url"] = url
    return rec


def cite_box(build: SiteBuild, page: PageRef, *, anchor: str, title: str, kind: str, url: str | None = None,
             within: str | None = None) -> str:
    """HTML of a collapsible "Cite this …" box for the page (anchor="") or one anchor on it.

    ``url`` and ``within`` override the cited address and the containing page's title,
    for a thing shown on several pages but cited at one home (a quotation's permalink).
    No blank lines in the output: it must stay one raw-HTML block inside Markdown.
    """
    rec = citation_record(build, page, anchor=anchor, title=title, kind=kind, url=url, within=within)
    # The page's own box is compact too: its four formats and record lines were 0.7 KB gzipped of
    # every page's HTML, read by few readers; the first ~14 KB of a page arrive in one round trip.
    key = anchor or PAGE_SECTION
    build.citations.setdefault(page.src_uri, {}).setdefault(key, rec)
    return boxes.lazy_box(rec, key)


def citations_document(build: SiteBuild, page: PageRef, entries: dict, page_html: str) -> str:
    canonical = page.canonical_url or build.site.root_url + page.url
    site_name = build.site_name or build.site.meta["short_title"]
    return boxes.citations_document(title=page_heading(page), site_name=site_name, canonical=canonical,
                                    entries=entries, page_html=page_html)


def write_citations(build: SiteBuild, output: str, page: PageRef) -> bool:
    """Write citations.html beside the page's index.html, if the page has compact boxes."""
    entries = build.citations.get(page.src_uri)
    if not entries:
        return False
    dest = Path(page.abs_dest_path).parent / CITATIONS_FILE
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(citations_document(build, page, entries, output), encoding="utf-8")
    return True


def render_citation(build: SiteBuild, name: str, page: PageRef) -> str:
    """``{{ citation("NAME") }}`` in a page (a kind in transforms/include.py)."""
    s = build.site
    if name == "site":
        return "\n" + boxes.box(records.site_record(s), "site", noun="site") + "\n"
    if name == "related":
        return "\n" + boxes.related_html(s.meta.get("related", [])) + "\n"
    if name == "version":
        label, version = records.version_label(s), s.build
        if not version.known:
            return str(escape(f"{label}, with no version or date to cite"))
        kind = "release" if version.release else "not a release"
        return str(escape(f"{label} ({kind}; commit of {version.date})"))
    if name == "repository":
        url = s.meta["repository"]
        return f'<a href="{escape(url)}">{escape(url)}</a>'
    raise SiteError(f"{page.src_uri}: no citation block named '{name}' (known: site, related, version, repository)")


def _cited_works(page: PageRef) -> list[dict]:
    """The works a page cites (transforms/citations.py), as plain data."""
    out = []
    for entry in page.cited:
        fields = entry.fields
        out.append({
            "title": re.sub(r"[{}]", "", str(fields.get("title", ""))),
            "authors": [f"{family}, {initials}".strip(", ") for family, initials in entry.authors],
            "year": entry.year,
            "container": re.sub(r"[{}]", "", str(fields.get("journal") or fields.get("booktitle") or "")),
            "doi": str(fields.get("doi", "")),
        })
    return out


def head_metadata(build: SiteBuild, page: PageRef, site_description: str = "") -> dict:
    """The tags overrides/main.html writes into <head>, and the JSON-LD."""
    s = build.site
    rec = citation_record(build, page)
    published, modified = page_dates(build, page)
    meta = page.meta
    description = " ".join(str(meta.get("description") or site_description or s.meta.get("abstract", "")).split())
    dataset = _dataset_block(build, page)
    if dataset is not None:
        rel = next((d["contentUrl"].split("/data/", 1)[-1] for d in dataset.get("distribution", [])), "")
        folder = rel.split("/")[0] if "/" in rel else "general"  # files directly in data/: site-wide
        dataset = head.complete_dataset(s, rec, dataset, folder=folder, published=published, modified=modified)
    return head.head(s, rec, title=rec["title"], description=description, published=published, modified=modified,
                     cited=_cited_works(page), dataset=dataset, scholarly_article=bool(meta.get("scholarly_article")))
