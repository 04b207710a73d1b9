"""``{{ quote("id") }}``: one interview quotation from the quote bank (generated/json/quotes.json),
as a card (fragments/quote.py) with its links worked out for the page it is on.

The disclosure carries the participant record joined by code from the participants data,
source, theme, marking, how to cite it and the study, a permalink to the quote's stable
anchor on the all-quotes page, and the link to the site's four formats in citations.html
(transforms/cite.py), which docs/javascripts/cite.js loads when the box is opened. An
unknown id stops the build naming the page.
"""
from __future__ import annotations

import re
from html import unescape

from analysis.errors import SiteError
from analysis.site_urls import doc_url, relative_url
from fragments.quote import (
    ALL_QUOTES_SRC, INFERRED_NOTE, KIND_CITE, KIND_NOTE, in_text, quote_card, speaker_label, speaker_line,
    study_apa, study_cite_anchor, theme_src,
)
from transforms.build import SiteBuild
from transforms.cite import cite_box, registered_citations
from transforms.page import PageRef


def link(page: PageRef, src_uri: str, anchor: str = "") -> str:
    """A link from ``page`` to the page at ``src_uri`` (and an anchor on it)."""
    url = relative_url(doc_url(src_uri, page.use_directory_urls), page.file_url)
    return url + (f"#{anchor}" if anchor else "")


def site_base(page: PageRef) -> str:
    """The site's absolute base URL, from this page's canonical URL (site_url)."""
    canonical = page.canonical_url or ""
    if canonical and page.url and canonical.endswith(page.url):
        return canonical[: -len(page.url)]
    return canonical


def permalink(page: PageRef, quote_id: str) -> str:
    return site_base(page) + doc_url(ALL_QUOTES_SRC, page.use_directory_urls) + f"#q-{quote_id}"


def people(q: dict, page: PageRef) -> list[dict]:
    """Each speaker's participant record for the card: code, data file (linked from ``page``),
    the fields as the participants data gives them, and whether this site inferred the code."""
    sp = q["speaker"]
    return [{"code": p["code"], "data_link": relative_url(p["data"], page.file_url),
             "data_name": p["data"].rsplit("/", 1)[-1], "fields": p["fields"], "inferred": not sp["attributed"]}
            for p in sp["people"]]


def _site_record(build: SiteBuild, page: PageRef, q: dict, url: str) -> tuple[str, dict]:
    """The site's own record of the excerpt: registered for the page's citations.html, whose
    address the card links; its version and licence the card states."""
    anchor = f"q-{q['id']}"
    box = cite_box(build, page, anchor=anchor, title=f"Interview excerpt {q['id']} ({speaker_label(q)}; {KIND_CITE[q['kind']]})",
                   kind="quote", url=url, within="All quotations")
    src = re.search(r'data-cite-src="([^"]*)"', box)
    rec = registered_citations(build, page.src_uri).get(anchor)
    if not src or rec is None:
        raise SiteError(f"{page.src_uri}: quote {q['id']}: transforms/cite.py made no compact cite box to link")
    return unescape(src.group(1)), rec


def quote_html(build: SiteBuild, q: dict, page: PageRef, *, element_id: str | None) -> str:
    """The card for quote record ``q`` on ``page``."""
    url = permalink(page, q["id"])
    cite_src, rec = _site_record(build, page, q, url)
    on_all_page = page.src_uri == ALL_QUOTES_SRC
    return quote_card(
        q=q,
        element_id=element_id,
        url=url,
        countries="|".join(q["speaker"]["countries"]),
        kind_label=q["kind_label"],
        kind_note=KIND_NOTE[q["kind"]],
        speaker=speaker_line(q),
        translated=q["interview_language"] == "ko",
        people=people(q, page),
        inferred_note=INFERRED_NOTE,
        where=q["location"] + (f", p. {q['page']}" if q["page"] else ""),
        theme_link=link(page, theme_src(q["study"], q["theme"]), q["sub_theme"]),
        all_link=link(page, ALL_QUOTES_SRC, f"q-{q['id']}"),
        in_text=in_text(q, build.related),
        # The all-quotes page prints the study's APA and BibTeX once per study; elsewhere
        # the card gives the APA reference and links to both there.
        study_apa=None if on_all_page else study_apa(q["study"], build.related),
        study_link=link(page, ALL_QUOTES_SRC, study_cite_anchor(q["study"])),
        cite_src=cite_src,
        rec=rec,
    )


def render_quote(build: SiteBuild, name: str, page: PageRef) -> str:
    """``{{ quote("id") }}``: one quote, by its stable id."""
    q = build.quote_bank["by_id"].get(name)
    if q is None:
        raise SiteError(f"{page.src_uri}: no quote with id '{name}' (ids are in data/quotes/quotes.csv, column 'id')")
    # The permanent anchor q-<id> lives on the all-quotes page only: the same quote on a
    # chapter or theme page would otherwise repeat the id in the whole-site print page.
    element_id = f"q-{name}" if page.src_uri == ALL_QUOTES_SRC and name not in page.quote_ids else None
    page.quote_ids.add(name)
    return f"\n\n{quote_html(build, q, page, element_id=element_id)}\n\n"
