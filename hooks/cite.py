"""MkDocs hook: make every page, chart, table and quote citable, through ``scholarly/``.

This file only wires MkDocs to the engine-agnostic package ``scholarly`` (metadata,
version, formats, boxes, head tags):

- ``on_config`` reads citation.yaml and the build's version once.
- ``cite_box()`` (called by hooks/include.py and hooks/render_quote.py) makes a "Cite
  this …" box; a chart's, table's or quotation's formats go to a ``citations.html``
  beside the page, which docs/javascripts/cite.js loads when the reader opens the box.
- ``on_page_context`` puts the head tags (OpenGraph, Dublin Core, JSON-LD) and the
  page's own box into the template context for ``overrides/main.html``.
- Each page's ``update_date`` (the sitemap's lastmod) is its source's last change.

``python -m hooks.cite --write`` regenerates CITATION.cff and .zenodo.json
(the same as ``python -m analysis.citation_files --write``).
"""
from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import print_fixes  # noqa: E402
from hooks.print_fixes import fix_print_page_citations, fix_print_page_ids, print_urls  # noqa: E402,F401  (re-exported)
from scholarly import boxes, head, records  # noqa: E402
from scholarly import metadata as scholarly_meta  # noqa: E402
from scholarly.boxes import CITATIONS_FILE, formats_html  # noqa: E402,F401  (re-exported)
from scholarly.metadata import CitationError, load_metadata  # noqa: E402,F401  (re-exported)

KIND_LABELS = records.KIND_LABELS
QUOTES_DATA = "data/quotes/quotes.csv"


def _shared() -> dict:
    """This build's state: the site, registered citations, print-page keys.

    MkDocs loads this file as a hook module by path and hooks/include.py imports it as
    hooks.cite: two module objects. Both use the dict of hooks.cite.
    """
    return importlib.import_module("hooks.cite")._STATE


_STATE: dict = {"site_url": "", "pages": {}, "print_keys": {}}


def site() -> scholarly_meta.Site:
    return scholarly_meta.site(_shared()["site_url"])


def site_version() -> dict:
    """The build's version as plain data (for other hooks and tests)."""
    build = site().build
    return {"describe": build.describe, "date": build.date, "commit": build.commit, "label": records.version_label(site())}


def _reset_registry() -> None:
    _shared()["pages"].clear()
    _shared()["print_keys"].clear()


def registered_citations(src_uri: str) -> dict:
    """{anchor: citation record} of the compact boxes made for one page in this build."""
    return dict(_shared()["pages"].get(src_uri, {}))


# ---------------------------------------------------------------------------
# Page facts: title, sources, dates
# ---------------------------------------------------------------------------
_HEADING = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*#*\s*$", re.MULTILINE)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def page_heading(page) -> str:
    """The page's title as readers see it: its first H1, else its front-matter title, else MkDocs' title."""
    if getattr(page, "content", None):
        match = _H1.search(page.content)
        if match:
            from html import unescape

            # Without the permalink marks MkDocs (headerlink) and nbconvert (anchor-link) add.
            text = re.sub(r"<a [^>]*class=\"(?:headerlink|anchor-link)\"[^>]*>.*?</a>|<[^>]+>", "", match.group(1))
            return " ".join(unescape(text).split())
    match = _HEADING.search(page.markdown or "")
    if match:
        return re.sub(r"[*_`]", "", match.group(1)).strip()
    return str((page.meta or {}).get("title") or page.title or "")


def _sources(page) -> list[str]:
    """Repository paths whose changes are changes of this page."""
    src = page.file.abs_src_path
    if src:
        try:
            rel = Path(src).resolve().relative_to(ROOT).as_posix()
            if not rel.startswith("generated/"):
                return [rel]
        except ValueError:
            pass
    dataset = _dataset_block(page)
    if dataset:
        return ["data/" + d["contentUrl"].split("/data/", 1)[-1] for d in dataset.get("distribution", [])]
    if page.file.src_uri.startswith("quotes/"):
        return [QUOTES_DATA]
    if page.file.src_uri.startswith("datasets/"):  # the generated list of every dataset
        return [p for p in site().build.page_dates if p.startswith("data/") and p.endswith(".resource.yaml")]
    return []


def page_dates(page) -> tuple[str, str]:
    """(first published, last changed) of the page, from its sources' git history."""
    s = site()
    pairs = [s.page_dates(p) for p in _sources(page)] or [(s.build.date, s.build.date)]
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def _dataset_block(page) -> dict | None:
    import json

    raw = (page.meta or {}).get("jsonld")
    data = json.loads(raw) if isinstance(raw, str) else raw
    return data if isinstance(data, dict) and data.get("@type") == "Dataset" else None


def _path_and_anchor(url: str) -> tuple[str, str] | None:
    root = site().root_url
    if not url.startswith(root):
        return None
    path, _, anchor = url[len(root):].partition("#")
    return path, anchor


def citation_record(page, config=None, *, anchor: str = "", title: str = "", kind: str = "page",
                    url: str | None = None, within: str | None = None) -> dict:
    """Everything a citation of one page, or of one anchor on it, needs, as plain data."""
    path, date = page.url, page_dates(page)[1]
    page_title = page_heading(page)
    if url:
        target = _path_and_anchor(url)
        if target:
            path, anchor = target
        if kind == "quote":
            date = site().page_dates(QUOTES_DATA)[1]
    rec = records.record(site(), path=path, title=title or page_title, kind=kind, anchor=anchor, date=date,
                         page_title=(within or page_title) if (anchor or kind != "page") else "",
                         where=page.file.src_uri)
    if url and not _path_and_anchor(url):
        rec["url"] = rec["latest_url"] = url
    return rec


def cite_box(page, config, *, anchor: str, title: str, kind: str, url: str | None = None, within: str | None = None) -> str:
    """HTML of a collapsible "Cite this …" box for the page (anchor="") or one anchor on it.

    ``url`` and ``within`` override the cited address and the containing page's title,
    for a thing shown on several pages but cited at one home (a quotation's permalink).
    No blank lines in the output: it must stay one raw-HTML block inside Markdown.
    """
    rec = citation_record(page, config, anchor=anchor, title=title, kind=kind, url=url, within=within)
    if kind == "page":
        return boxes.box(rec, anchor)
    _shared()["pages"].setdefault(page.file.src_uri, {}).setdefault(anchor, rec)
    return boxes.lazy_box(rec, anchor)


def citations_document(page, config, entries: dict, page_html: str) -> str:
    canonical = page.canonical_url or site().root_url + page.url
    site_name = (config or {}).get("site_name") or site().meta["short_title"]
    return boxes.citations_document(title=page_heading(page), site_name=site_name, canonical=canonical,
                                    entries=entries, page_html=page_html)


def write_citations(output: str, page, config) -> None:
    """Write citations.html beside the page's index.html, if the page has compact boxes."""
    entries = _shared()["pages"].get(page.file.src_uri)
    if not entries:
        return
    dest = Path(page.file.abs_dest_path).parent / CITATIONS_FILE
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(citations_document(page, config, entries, output), encoding="utf-8")
    # The print-site plugin turns the link "citations.html#cite-x" into "#<key>-cite-x";
    # fix_print_page_citations turns it back into a link to this file.
    from mkdocs_print_site_plugin.urls import get_page_key

    _shared()["print_keys"][get_page_key(page.url + CITATIONS_FILE)] = "../" + page.url + CITATIONS_FILE


def render_citation(name: str, page) -> str:
    """``{{ citation("NAME") }}`` in a page (a kind in hooks/include.py RENDERERS)."""
    from markupsafe import escape
    from mkdocs.exceptions import PluginError

    s = site()
    if name == "site":
        return "\n" + boxes.box(records.site_record(s), "site", noun="site") + "\n"
    if name == "related":
        return "\n" + boxes.related_html(s.meta.get("related", [])) + "\n"
    if name == "version":
        label, build = records.version_label(s), s.build
        if not build.known:
            return str(escape(f"{label}, with no version or date to cite"))
        kind = "release" if build.release else "not a release"
        return str(escape(f"{label} ({kind}; commit of {build.date})"))
    if name == "repository":
        url = s.meta["repository"]
        return f'<a href="{escape(url)}">{escape(url)}</a>'
    raise PluginError(f"{page.file.src_uri}: no citation block named '{name}' (known: site, related, version, repository)")


def _cited_works(page) -> list[dict]:
    """The works a page cites (hooks/references.py leaves them on the page), as plain data."""
    out = []
    for entry in getattr(page, "irc_cited", None) or []:
        fields = entry.fields
        out.append({
            "title": re.sub(r"[{}]", "", str(fields.get("title", ""))),
            "authors": [f"{family}, {initials}".strip(", ") for family, initials in entry.authors],
            "year": entry.year,
            "container": re.sub(r"[{}]", "", str(fields.get("journal") or fields.get("booktitle") or "")),
            "doi": str(fields.get("doi", "")),
        })
    return out


def head_metadata(page, config) -> dict:
    """The tags overrides/main.html writes into <head>, and the JSON-LD."""
    s = site()
    rec = citation_record(page, config)
    published, modified = page_dates(page)
    meta = page.meta or {}
    description = " ".join(str(meta.get("description") or (config or {}).get("site_description")
                               or s.meta.get("abstract", "")).split())
    dataset = _dataset_block(page)
    if dataset is not None:
        rel = next((d["contentUrl"].split("/data/", 1)[-1] for d in dataset.get("distribution", [])), "")
        folder = rel.split("/")[0] if "/" in rel else "general"  # files directly in data/: site-wide
        dataset = head.complete_dataset(s, rec, dataset, folder=folder, published=published, modified=modified)
    return head.head(s, rec, title=rec["title"], description=description, published=published, modified=modified,
                     cited=_cited_works(page), dataset=dataset, scholarly_article=bool(meta.get("scholarly_article")))


# ---------------------------------------------------------------------------
# MkDocs events
# ---------------------------------------------------------------------------
def on_config(config):
    state = _shared()
    scholarly_meta.reset()
    _reset_registry()  # mkdocs serve rebuilds in one process: each build registers its own citations
    state["site_url"] = config.get("site_url") or ""
    try:
        site()
    except CitationError as exc:
        from mkdocs.exceptions import PluginError

        raise PluginError(str(exc)) from exc
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    # The sitemap's <lastmod> reads update_date: the page's own last change.
    page.update_date = page_dates(page)[1] or page.update_date
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    base = page.canonical_url or site().root_url + page.url
    return print_fixes.break_long_lines(print_fixes.print_urls(html, base))


def on_page_context(context, page, config, nav):
    # The print-site plugin keeps each page's HTML from its own on_page_content, which
    # runs before any hook's; hand it the finished content (glossary links, print URLs).
    if hasattr(page, "html") and page.content:
        page.html = page.content
    page.meta["citation"] = citation_record(page, config)
    context["irc_head"] = page.irc_head = head_metadata(page, config)
    # The whole-site print page is rendered by the print-site plugin without this
    # event; its template reads the head tags from the page object instead.
    print_page = getattr(config.plugins.get("print-site"), "print_page", None)
    if print_page is not None and getattr(print_page, "irc_head", None) is None:
        print_page.irc_head = head_metadata(print_page, config)
    if not (page.meta or {}).get("hide_cite_box"):
        context["irc_cite_box"] = cite_box(page, config, anchor="", title="", kind="page")
    return context


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri.startswith("print_page"):
        return output
    output = print_fixes.strip_print_site_assets(output)
    write_citations(output, page, config)
    return output


def on_post_build(config):
    print_page = Path(config["site_dir"]) / "print_page" / "index.html"
    if print_page.is_file():  # written by the print-site plugin's on_post_build, which runs before hooks
        html = print_page.read_text(encoding="utf-8")
        fixed = fix_print_page_citations(fix_print_page_ids(html), _shared()["print_keys"])
        if fixed != html:
            print_page.write_text(fixed, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from analysis import citation_files

    return citation_files.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
