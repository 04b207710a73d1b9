"""The "Cite this" boxes and each page's citations.html, rendered from the Jinja templates
in fragments/templates (cite_*.html.j2, citations.html.j2, related.html.j2) through the
one fragments environment, so they escape by the one rule (analysis/escape.py).

Every box in a page is compact, the page's own as a chart's, table's or quotation's: a link
to its section of the page's citations.html, whose address, version and licence lines and four
formats docs/javascripts/cite.js loads into the box when the reader opens it (a page with seven
such boxes would otherwise repeat those lines seven times, and the first ~14 KB of a page's
HTML are what a phone gets in the first round trip). ``box`` (the formats in place) is for the
Cite page's site box, which is the page's subject.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from fragments import render_markup
from scholarly.formats import all_formats
from scholarly.records import KIND_LABELS, NOUNS

CITATIONS_FILE = "citations.html"


def group_id(anchor: str) -> str:
    return "irc-cite-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", anchor) or "page")


# Public functions return plain str: a str added to Markup would be escaped as text.
def meta_html(rec: dict, copy_hint: bool = True) -> Markup:
    return render_markup("cite_meta.html.j2", rec=rec, copy_hint=copy_hint)


def _formats(rec: dict, anchor: str) -> Markup:
    return render_markup("cite_formats.html.j2", formats=all_formats(rec), group=group_id(anchor))


def formats_html(rec: dict, anchor: str) -> str:
    """The four formats as Material tabs (radio inputs, labels, one <pre> each)."""
    return str(_formats(rec, anchor))


def box(rec: dict, anchor: str, noun: str = "") -> str:
    """The full box: its formats in the page."""
    return str(render_markup("cite_box.html.j2", rec=rec, noun=noun or NOUNS[rec["kind"]], meta=meta_html(rec),
                       formats=_formats(rec, anchor), src="")) + "\n"


def lazy_box(rec: dict, anchor: str) -> str:
    """The compact box: a link to its record and formats in the page's citations.html."""
    return str(render_markup("cite_box.html.j2", rec=rec, noun=NOUNS[rec["kind"]], src=f"{CITATIONS_FILE}#cite-{anchor}")) + "\n"


# The page's stylesheets and icon (without one, browsers ask for /favicon.ico).
_STYLESHEET = re.compile(r'<link rel="(?:stylesheet|icon)" href="[^"]*"[^>]*>')
_BODY = re.compile(r"<body[^>]*>")


def citations_document(*, title: str, site_name: str, canonical: str, entries: dict, page_html: str) -> str:
    """The standalone citations.html of one page: every compact box's four formats.

    Same stylesheets, icon and <body> attributes as the page (copied from its finished HTML,
    relative links valid from the same folder); no clock, so identical across builds.
    """
    head_end = page_html.find("</head>")
    links = [Markup(link) for link in _STYLESHEET.findall(page_html[: head_end if head_end >= 0 else len(page_html)])
             if "print-site" not in link]
    body = _BODY.search(page_html)
    # The page's own record first, then its charts, tables and quotations in page order.
    ordered = sorted(entries.items(), key=lambda item: item[1]["kind"] != "page")
    sections = [{"anchor": anchor, "rec": rec, "label": KIND_LABELS[rec["kind"]] or "Page",
                 "meta": meta_html(rec, copy_hint=False), "formats": _formats(rec, anchor)}
                for anchor, rec in ordered]
    return str(render_markup("citations.html.j2", title=title, site_name=site_name, canonical=canonical, links=links,
                       body_tag=Markup(body.group(0) if body else "<body>"), sections=sections)) + "\n"


def related_html(related: list[dict]) -> str:
    """The published studies the site is built from (citation.yaml), each as its APA 7 reference
    (scholarly.formats.apa_reference, the one APA formatter, as the quotation cards give it)."""
    from scholarly.formats import apa_reference, csl_from_related

    items = [{"id": rel["id"], "reference": apa_reference(csl_from_related(rel), title_case="sentence")} for rel in related]
    return str(render_markup("related.html.j2", items=items)) + "\n"
