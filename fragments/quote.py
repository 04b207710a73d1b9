"""The quotation card (templates/quote_card.html.j2): plain values in, HTML out; how to cite
the study a quotation comes from is analysis/quote_citations.py. Links, the page and the site's own record of the
excerpt are worked out by transforms/quotes.py.

Every string from the data is escaped for HTML *and* for Markdown and the site's other
transforms (``[``, ``*``, ``_``, backticks, ``@`` ...), so a quote can never turn into
markup, a link or a citation.
"""
from __future__ import annotations

from markupsafe import Markup

from analysis.escape import escape_attr, escape_text  # noqa: F401  (escape_attr re-exported)
from analysis.quote_citations import (  # noqa: F401  (re-exported for the transforms)
    STUDY_REFERENCE_ID, in_text, study_apa, study_bibtex, study_citation_html, study_cite_anchor,
)
from analysis.quote_pages import ALL_QUOTES_SRC, theme_src  # noqa: F401  (re-exported)
from fragments import render

INFERRED_NOTE = ("the only interviewee in the article’s tables who fits its description: "
                 "identified by this site, not by the article")
KIND_NOTE = {
    "verbatim": "The participant’s words as the study prints them.",
    "reported": "The study’s sentence about the participant; only the words in quotation marks are the participant’s.",
    "paraphrase": "The study’s sentence about the participant; no words in it are marked as the participant’s.",
}
KIND_CITE = {"verbatim": "participant's words", "reported": "the study's report", "paraphrase": "the study's paraphrase"}


def speaker_label(q: dict) -> str:
    sp = q["speaker"]
    return sp["code_as_printed"] if sp["attributed"] else (f"unattributed; {sp['inferred_code']} inferred" if sp["inferred_code"] else "unattributed")


def speaker_line(q: dict) -> str:
    """One line: code, country, role (China-UK); the source's description (Korea-UK)."""
    sp = q["speaker"]
    if sp["attributed"]:
        def one(p: dict) -> str:
            fields = dict(p["fields"])
            role = fields.get("Academic title") or fields.get("Role") or fields.get("Status in the UK") or ""
            return " · ".join(x for x in (p["code"], p["country"], role) if x)

        return " and ".join(one(p) for p in sp["people"])
    described = sp["as_printed"] or "Speaker not named"
    described = described[0].upper() + described[1:]
    # The source prints no participant code; the disclosure says how the speaker is described.
    return f"{described} · no code"


def _quote_safe(value):
    """Every plain string of the card escaped for HTML and for Markdown and the transforms."""
    if isinstance(value, Markup) or value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return Markup(escape_text(value))
    if isinstance(value, dict):
        return {k: _quote_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_quote_safe(v) for v in value)
    return value


def quote_card(**context) -> str:
    """The card: the quotation first, one speaker line, one disclosure for source and
    citation. No blank lines (one raw-HTML block)."""
    return render("quote_card.html.j2", **_quote_safe(context)).rstrip("\n")
