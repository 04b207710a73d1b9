"""Pandoc-style citations in a page's Markdown, resolved against the site's bibliography
(transforms/bibliography.py), and the page's reference list in APA 7 style.

    [@marginson2021]                  -> (Marginson, 2021)
    [@lee2005; @wagner2015]           -> (Lee & Bozeman, 2005; Wagner et al., 2015)
    [@keim2011, p. 138]               -> (Keim, 2011, p. 138)
    [see @katz1997, p. 4]             -> (see Katz & Martin, 1997, p. 4)
    [-@hwang2008]                     -> (2008)
    @marginson2021 argues             -> Marginson (2021) argues
    @keim2011 [p. 138] notes          -> Keim (2011, p. 138) notes

Each citation links to the entry in the page's reference list, appended to the page.
Front matter ``nocite: "@*"`` lists the whole bibliography (the References page). An
unknown key stops the build naming the page and the key. Text in code spans and fenced
code blocks is left alone. Each entry's ``note`` says whether it was verified, and
unverified entries are marked as such.
"""
from __future__ import annotations

import re

from analysis.escape import escape_html as escape  # the one escaping rule
from fragments import environment
from markupsafe import Markup
from scholarly.formats import apa_reference  # the one APA 7 formatter
from transforms.bibliography import BIB_FILE, Bibliography, Entry, ReferenceError_, load_bibliography  # noqa: F401

KEY = r"[A-Za-z0-9_]+(?:[:.\-][A-Za-z0-9_]+)*"
# [ ... @key ... ] not followed by "(" or "[" (a Markdown link) nor, at a line start, by ":"
# (a link definition).
BRACKETED = re.compile(r"(?P<definition>^[ ]{0,3})?\[(?P<body>[^\[\]\n]*?-?@" + KEY + r"[^\[\]\n]*?)\](?![(\[])", re.MULTILINE)
ITEM = re.compile(r"^(?P<prefix>(?:.*?\s)?)(?P<suppress>-?)@(?P<key>" + KEY + r")(?P<rest>.*)$", re.DOTALL)
# A narrative citation: @key at a word start, optionally followed by " [locator]".
NARRATIVE = re.compile(r"(?<![\w@/.:&#=\"'`\\])@(?P<key>" + KEY + r")(?:\s\[(?P<locator>[^\[\]\n]+)\](?![(:]))?")
# Left alone: fenced code, code spans, raw <pre>/<code>/<script>/<style> elements,
# HTML comments, link reference definitions.
CODE = re.compile(
    r"(^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ \t]*$|`[^`\n]+`"
    r"|<(?P<raw>pre|code|script|style)[\s>].*?</(?P=raw)>"
    r"|<!--.*?-->|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$)",
    re.MULTILINE | re.DOTALL,
)
# Raw HTML tags (their attributes may hold "@": e.g. mailto links) are skipped.
TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")



# ---------------------------------------------------------------------------
# Reference-list entries (APA 7 style)
# ---------------------------------------------------------------------------
def format_reference(entry: Entry) -> str:
    """One APA 7 reference as HTML (DOI and URL linked): scholarly.formats.apa_reference."""
    return str(apa_reference({**entry.csl, "year-suffix": entry.suffix} if entry.suffix else entry.csl))


def _sort_key(entry: Entry) -> tuple:
    return (entry.authors[0][0].lower(), [f.lower() for f, _ in entry.authors[1:]], entry.year_label)


def reference_list_html(entries: list[Entry], *, show_notes: bool) -> str:
    """The reference list of a page (show_notes=False) or of the bibliography page (True),
    sorted as APA 7 sorts it, from fragments/templates/reference_list.html.j2."""
    items = []
    for entry in sorted(entries, key=_sort_key):
        # The bibliography's own note: how (or whether) the entry was checked.
        status, _, detail = entry.note.partition(":")
        items.append({
            "key": entry.key, "verified": entry.verified, "html": Markup(format_reference(entry)),
            "badge": "Unverified" if not entry.verified else status[:1].upper() + status[1:],
            "detail": detail.strip(),
        })
    return environment().get_template("reference_list.html.j2").render(entries=items, show_notes=show_notes)


# ---------------------------------------------------------------------------
# In-text citations
# ---------------------------------------------------------------------------
class _Resolver:
    def __init__(self, entries: dict[str, Entry], page_name: str):
        self.entries = entries
        self.page_name = page_name
        self.cited: dict[str, Entry] = {}

    def entry(self, key: str) -> Entry:
        entry = self.entries.get(key)
        if entry is None:
            raise ReferenceError_(
                f"{self.page_name}: unknown citation key '@{key}' (keys are in data/references/references.bib)"
            )
        self.cited.setdefault(key, entry)
        return entry

    def link(self, key: str, text: str) -> str:
        return f'<a class="irc-cite-ref" href="#ref-{key}">{escape(text)}</a>'

    def bracketed(self, match: re.Match) -> str:
        if match.group("definition") is not None and re.match(r":[ \t]*\S", match.string[match.end() :]):
            return match.group(0)  # a link reference definition "[label]: url"
        items = match.group("body").split(";")
        parsed = [ITEM.match(item.strip()) for item in items]
        if not all(parsed):
            return match.group(0)  # not a citation group (e.g. "[email me @ ...]")
        rendered = []
        for m in parsed:
            entry = self.entry(m.group("key"))
            rest = m.group("rest").strip()
            locator = rest[1:].strip() if rest.startswith(",") else rest
            text = entry.year_label if m.group("suppress") else f"{entry.cited_names}, {entry.year_label}"
            if locator:
                text += f", {locator}"
            prefix = m.group("prefix").strip()
            rendered.append((escape(prefix) + " " if prefix else "") + self.link(entry.key, text))
        return "(" + "; ".join(rendered) + ")"

    def narrative(self, match: re.Match) -> str:
        entry = self.entry(match.group("key"))
        locator = match.group("locator")
        paren = f"{entry.year_label}, {locator.strip()}" if locator else entry.year_label
        return self.link(entry.key, f"{entry.cited_names} ({paren})")


def _outside_code_and_tags(text: str, func) -> str:
    out, pos = [], 0
    for m in CODE.finditer(text):
        out.append(_outside_tags(text[pos : m.start()], func))
        out.append(m.group(0))
        pos = m.end()
    out.append(_outside_tags(text[pos:], func))
    return "".join(out)


def _outside_tags(text: str, func) -> str:
    out, pos = [], 0
    for m in TAG.finditer(text):
        out.append(func(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(func(text[pos:]))
    return "".join(out)


def resolve_citations(markdown: str, entries: dict[str, Entry], page_name: str) -> tuple[str, list[Entry]]:
    """Replace citations in Markdown; return the new text and the entries cited, in first-cited order."""
    resolver = _Resolver(entries, page_name)

    def substitute(text: str) -> str:
        text = BRACKETED.sub(resolver.bracketed, text)
        return NARRATIVE.sub(resolver.narrative, text)

    return _outside_code_and_tags(markdown, substitute), list(resolver.cited.values())




def cite_in_page(markdown: str, src_uri: str, meta: dict, bibliography: Bibliography) -> tuple[str, list[Entry]]:
    """The page's Markdown with its citations resolved and its reference list appended,
    and the works it cites (for its head metadata)."""
    entries = bibliography.entries
    markdown, cited = resolve_citations(markdown, entries, src_uri)
    nocite = meta.get("nocite")
    if nocite is not None:
        if str(nocite).strip() != "@*":
            raise ReferenceError_(f"{src_uri}: nocite must be \"@*\" (the whole bibliography), got {nocite!r}")
        verified = sum(e.verified for e in entries.values())
        return markdown + (
            f'\n\n<p class="irc-references__count">{len(entries)} works; {verified} verified against public records, '
            f"{len(entries) - verified} reconstructed from in-text citations only.</p>\n\n"
            + reference_list_html(list(entries.values()), show_notes=True)
        ), cited
    if cited:
        markdown += "\n\n## References {#references}\n\n" + reference_list_html(cited, show_notes=False)
    return markdown, cited
