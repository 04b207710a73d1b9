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
RAW_TEXT_TAGS = ("script", "style")

# A comment, a doctype/CDATA, or a tag whose quoted attributes may contain '>'.
TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
TAG_NAME = re.compile(r"^</?([A-Za-z][\w:-]*)")
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


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


def _skips(tag: str) -> bool:
    name = TAG_NAME.match(tag).group(1).lower()
    if name in SKIP_TAGS:
        return True
    found = CLASS_ATTR.search(tag)
    if found:
        classes = (found.group(1) or found.group(2) or found.group(3) or "").split()
        return any(c.startswith(prefix) for c in classes for prefix in SKIP_CLASSES)
    return False


def link_first_uses(html: str, terms: list[Term], href_for: Callable[[str], str]) -> str:
    """Link the first occurrence of each term in the linkable text of ``html``."""
    pattern, lookup = compile_matcher(terms)
    linked: set[str] = set()

    def link(match: re.Match) -> str:
        term = _term_for(match.group(0), lookup)
        if term.slug in linked:
            return match.group(0)
        linked.add(term.slug)
        return (
            f'<a class="irc-glossary-term" href="{escape(href_for(term.slug), quote=True)}" '
            f'title="{escape_html(term.term + ": " + _first_sentence(term.definition))}">{match.group(0)}</a>'
        )

    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements and whether each suppresses linking
    skipping = 0
    pos = 0
    while pos < len(html):
        token = TOKEN.search(html, pos)
        end = token.start() if token else len(html)
        text = html[pos:end]
        out.append(pattern.sub(link, text) if text and not skipping else text)
        if not token:
            break
        tag = token.group(0)
        pos = token.end()
        out.append(tag)
        if tag.startswith("<!"):
            continue
        name = TAG_NAME.match(tag).group(1).lower()
        if tag.startswith("</"):
            # Close up to the matching open element; a stray end tag is ignored.
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    skipping -= sum(1 for _, skip in stack[depth:] if skip)
                    del stack[depth:]
                    break
            continue
        if name in RAW_TEXT_TAGS:
            close = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
            stop = close.end() if close else len(html)
            out.append(html[pos:stop])
            pos = stop
            continue
        if name in VOID_TAGS or tag.endswith("/>"):
            continue
        skip = _skips(tag)
        stack.append((name, skip))
        skipping += skip
    return "".join(out)


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


def link_page(html: str, src_uri: str, file_url: str, meta: dict, glossary_url: str | None, terms: list[Term]) -> str:
    """A finished page with the first use of each term linked to the glossary, unless it is
    the glossary itself, opts out (``glossary: false``) or the site has no glossary page."""
    if src_uri == GLOSSARY_PAGE or meta.get("glossary") is False or glossary_url is None:
        return html
    base = relative_url(glossary_url, file_url)
    return link_first_uses(html, terms, lambda slug: f"{base}#{slug}")
