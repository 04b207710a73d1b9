"""The glossary: its page, and the first use of each term on every other page linked to its entry.

The terms, the forms under which they are recognised and their definitions live in
``data/glossary.csv`` (validated by the pipeline into generated/, analysis/glossary.py).
The glossary page renders them with ``{{ glossary("all") }}``; on every other page the
first occurrence of each term in running text becomes a link to ``glossary/#slug``.

The linker works on the rendered HTML, where the structure is explicit, and changes
text nodes only: tag attributes (alt, title, href) are never touched, and text inside
headings, links, code, quotations, generated charts and tables is left alone. A page
opts out with ``glossary: false`` in its front matter.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from analysis import paths
from analysis.glossary import GLOSSARY_FILE, RULES_FILE, GlossaryError, Term, case_sensitive, form_key, terms_from_rows  # noqa: F401
from analysis.escape import escape_html, escape_markdown  # the one escaping rule
from analysis.site_urls import relative_url

escape = escape_html

GLOSSARY_DATASET = "glossary"
GLOSSARY_PAGE = "glossary.md"
CATEGORY_ORDER = ["Collaboration and policy", "Theory", "Bibliometrics", "Method", "Site and data"]

# Elements whose text is never linked: headings and links (a link inside a link
# is invalid), code, verbatim quotations (the participants' words stay as they
# were), form controls, and raw-text or foreign content.
SKIP_TAGS = frozenset(
    "a abbr button code dt figcaption h1 h2 h3 h4 h5 h6 kbd label math option pre q blockquote samp "
    "script select style summary svg textarea title".split()
)
# Class prefixes of generated artifacts, quotation blocks, reference lists and the
# cite box: their text is data or bibliographic record, not prose.
SKIP_CLASSES = ("irc-chart", "irc-table", "irc-quote", "irc-ref", "irc-cite", "no-glossary")
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def load_terms() -> list[Term]:
    """Validate data/glossary.csv against its schema and return its terms."""
    from analysis import datasets

    frame = datasets.load(GLOSSARY_DATASET)
    return terms_from_rows(frame.to_dict("records"))


def terms_from_generated() -> list[Term]:
    """The glossary rules the pipeline has checked and written (analysis/glossary.py): no
    CSV validation and no alias check in each build."""
    if not RULES_FILE.is_file():
        raise GlossaryError(f"{RULES_FILE.relative_to(paths.ROOT)} is missing: run python -m analysis")
    return [Term(**{**t, "forms": tuple(t["forms"])}) for t in json.loads(RULES_FILE.read_text(encoding="utf-8"))["terms"]]


def compile_matcher(terms: list[Term]) -> tuple[re.Pattern, dict[str, Term]]:
    """One pattern for all forms, longest first, so 'multilayered centre-periphery'
    wins over 'centre-periphery' where both start at the same place."""
    lookup: dict[str, Term] = {}
    exact: list[str] = []
    folded: list[str] = []
    for term in terms:
        for form in term.forms:
            lookup[form_key(form)] = term
            (exact if case_sensitive(form) else folded).append(form)
    if not lookup:
        return re.compile(r"(?!x)x"), lookup
    ordered = sorted(exact + folded, key=lambda f: (-len(f), f))
    pattern = "|".join(re.escape(f) if case_sensitive(f) else f"(?i:{re.escape(f)})" for f in ordered)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?!\w)"), lookup


def _term_for(match: str, lookup: dict[str, Term]) -> Term:
    return lookup.get(match) or lookup[match.casefold()]


def _first_sentence(text: str) -> str:
    # The tooltip stays short; the full definition is one click away.
    head = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0]
    return head.rstrip(";:") + ("" if head.endswith(".") else " …")


# --------------------------------------------------------------------------
# The glossary page
# --------------------------------------------------------------------------
SECTION_NAMES = {
    "background": "Background",
    "china-uk": "China-UK study",
    "korea-uk": "Korea-UK study",
    "quotes": "Quotes",
    "datasets": "Data",
    "reproduce": "Reproduce",
}


def _see_label(see: str) -> str:
    path = see.split("#", 1)[0]
    parts = path[: -len(".md")].split("/")
    section = SECTION_NAMES.get(parts[0], parts[0].replace("-", " ").capitalize())
    if len(parts) == 1:
        return section
    page = "overview" if parts[-1] == "index" else parts[-1].replace("-", " ")
    return f"{section}, {page}"


def glossary_markdown(terms: list[Term]) -> str:
    """Entries grouped by category, alphabetical within each; each heading carries its slug."""
    unknown = sorted({t.category for t in terms} - set(CATEGORY_ORDER))
    if unknown:
        raise GlossaryError(f"{GLOSSARY_FILE}: column 'category': no place on the glossary page for {unknown}")
    blocks: list[str] = []
    for category in CATEGORY_ORDER:
        members = sorted((t for t in terms if t.category == category), key=lambda t: t.term.casefold())
        if not members:
            continue
        blocks.append(f"## {category}\n")
        for t in members:
            others = [f for f in t.forms if f.casefold() not in t.term.casefold()]
            # Terms and definitions are plain text: Markdown or HTML in the data is shown, never rendered.
            also = f" Also recognised as: {', '.join(f'*{escape_markdown(f)}*' for f in others)}." if others else ""
            blocks.append(
                f"### {escape_markdown(t.term)} {{#{t.slug}}}\n\n{escape_markdown(t.definition)}\n\n"
                f'<span class="irc-glossary-see">More: [{_see_label(t.see)}]({t.see}).{also}</span>\n'
            )
    return "\n".join(blocks)


def render_glossary(name: str, src_uri: str, terms: list[Term]) -> str:
    """``{{ glossary("all") }}``: the whole glossary, from data/glossary.csv."""
    if name != "all":
        raise GlossaryError(f"{src_uri}: glossary(\"{name}\"): only glossary(\"all\") exists")
    if src_uri != GLOSSARY_PAGE:
        raise GlossaryError(f"{src_uri}: glossary(\"all\") belongs on {GLOSSARY_PAGE} only (its anchors must be unique)")
    return glossary_markdown(terms)
