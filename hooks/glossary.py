"""MkDocs hook: link the first use of each glossary term on a page to its entry.

The terms, the forms under which they are recognised and their definitions
live in ``data/glossary.csv``. The glossary page renders them with
``{{ glossary("all") }}`` (registered in ``hooks/include.py``); on every other
page this hook turns the first occurrence of each term in running text into a
link to ``glossary/#slug``.

It works on the rendered HTML, where the structure is explicit, and changes
text nodes only: tag attributes (alt, title, href) are never touched, and text
inside headings, links, code, quotations, generated charts and tables is left
alone. A page opts out with ``glossary: false`` in its front matter.
"""
from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.escape import escape_html, escape_markdown  # noqa: E402  (the one escaping rule; needs ROOT on sys.path)

escape = escape_html

GLOSSARY_DATASET = "glossary"
GLOSSARY_FILE = "data/glossary.csv"
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


class GlossaryError(ValueError):
    """The glossary data is inconsistent; the message names file, row, column and rule."""


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    forms: tuple[str, ...]
    category: str
    definition: str
    see: str


def terms_from_rows(rows: Iterable[dict], source: str = GLOSSARY_FILE) -> list[Term]:
    """Build terms from table rows; each form may belong to one term only."""
    terms: list[Term] = []
    owner: dict[str, tuple[str, int]] = {}
    for row_number, row in enumerate(rows, start=2):  # row 1 is the header
        forms = tuple(f.strip() for f in str(row["aliases"]).split("|"))
        if any(not f for f in forms):
            raise GlossaryError(f"{source}, row {row_number}, column 'aliases': alias-not-empty: empty form in '{row['aliases']}'")
        for form in forms:
            key = _form_key(form)
            if key in owner:
                other, other_row = owner[key]
                raise GlossaryError(
                    f"{source}, row {row_number}, column 'aliases': alias-unique: form '{form}' "
                    f"is already claimed by '{other}' (row {other_row})"
                )
            owner[key] = (row["slug"], row_number)
        terms.append(Term(row["slug"], row["term"], forms, row["category"], row["definition"], row["see"]))
    return terms


def load_terms() -> list[Term]:
    """Validate data/glossary.csv against its schema and return its terms."""
    from analysis import datasets

    frame = datasets.load(GLOSSARY_DATASET)
    return terms_from_rows(frame.to_dict("records"))


def terms_from_generated() -> list[Term]:
    """The terms from the pipeline's validated copy (analysis/glossary.py), which
    hooks/include.py has just brought up to date: no CSV validation in each build."""
    import json

    from analysis import paths

    manifest = json.loads(paths.MANIFEST.read_text(encoding="utf-8"))
    entry = manifest["artifacts"].get("glossary_terms")
    if entry is None:
        raise GlossaryError("generated/manifest.json has no 'glossary_terms' (is analysis.glossary in TOPICS?)")
    data = json.loads((paths.GENERATED / entry["files"]["json"]).read_text(encoding="utf-8"))
    return terms_from_rows(data["rows"])


def _case_sensitive(form: str) -> bool:
    # Acronyms (no lower-case letter: SSCI, IP, ISO 3166) must not match ordinary words.
    return not any(ch.islower() for ch in form)


def _form_key(form: str) -> str:
    return form if _case_sensitive(form) else form.casefold()


def compile_matcher(terms: list[Term]) -> tuple[re.Pattern, dict[str, Term]]:
    return _compile_matcher(tuple(terms))


@functools.lru_cache(maxsize=4)  # the same terms on every page of a build
def _compile_matcher(terms: tuple[Term, ...]) -> tuple[re.Pattern, dict[str, Term]]:
    """One pattern for all forms, longest first, so 'multilayered centre-periphery'
    wins over 'centre-periphery' where both start at the same place."""
    lookup: dict[str, Term] = {}
    exact: list[str] = []
    folded: list[str] = []
    for term in terms:
        for form in term.forms:
            lookup[_form_key(form)] = term
            (exact if _case_sensitive(form) else folded).append(form)
    if not lookup:
        return re.compile(r"(?!x)x"), lookup
    ordered = sorted(exact + folded, key=lambda f: (-len(f), f))
    pattern = "|".join(re.escape(f) if _case_sensitive(f) else f"(?i:{re.escape(f)})" for f in ordered)
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


def render_glossary(name: str, page) -> str:
    """``{{ glossary("all") }}``: the whole glossary, from data/glossary.csv."""
    from mkdocs.exceptions import PluginError

    if name != "all":
        raise PluginError(f"{page.file.src_uri}: glossary(\"{name}\"): only glossary(\"all\") exists")
    if page.file.src_uri != GLOSSARY_PAGE:
        raise PluginError(f"{page.file.src_uri}: glossary(\"all\") belongs on {GLOSSARY_PAGE} only (its anchors must be unique)")
    try:
        return glossary_markdown(terms_from_generated())
    except GlossaryError as exc:
        raise PluginError(str(exc)) from exc


# --------------------------------------------------------------------------
# MkDocs events
# --------------------------------------------------------------------------
_state: dict = {}


def on_config(config):
    from mkdocs.exceptions import PluginError

    from analysis.datasets import DataError

    try:
        _state["terms"] = terms_from_generated()
    except (GlossaryError, DataError) as exc:
        raise PluginError(f"glossary: {exc}") from exc
    return config


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri == GLOSSARY_PAGE or page.meta.get("glossary") is False:
        return html
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    if glossary is None:
        return html
    from mkdocs.utils import get_relative_url

    base = get_relative_url(glossary.url, page.file.url)
    return link_first_uses(html, _state["terms"], lambda slug: f"{base}#{slug}")
