"""Link the first use of each glossary term in a page's HTML to its glossary entry.

``link_glossary(html, terms, href_for)`` reads the HTML with the standard library's
``html.parser`` instead of a hand-written tokenizer: the parser already knows the
hard parts of HTML's syntax (quoted attributes holding ``>``, comments, declarations,
CDATA sections, ``<script>``/``<style>`` content that holds ``<``, character
references, unquoted attribute values), and it is maintained with Python itself.

The parser is used to find *where* things are, never to write them: every event's
position in the source is read with ``getpos()``, and the output is the source
itself, slice by slice, so tags, comments and references come out byte for byte as
they went in. Only runs of text outside skipped elements are rewritten, and only by
wrapping a term's first use in an ``<a class="irc-glossary-term">``.

The rules are the glossary's (``transforms/glossary.py``), imported, not copied:
which elements and classes are skipped, which elements are void, and the matcher
(longest form first, acronyms case-sensitive, whole words only).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Callable, Sequence

from analysis.escape import escape_html
from analysis.site_urls import relative_url
from transforms.glossary import (
    GLOSSARY_PAGE,
    SKIP_CLASSES,
    SKIP_TAGS,
    VOID_TAGS,
    Term,
    _first_sentence,
    _term_for,
    compile_matcher,
)

Matcher = tuple[re.Pattern, dict[str, Term]]
# The one skipped element whose end tag HTML lets a page leave out: a <dt> ends where the
# next <dt> or <dd> of its list starts (HTML, "Optional tags"). Without this, the
# definitions after an unclosed <dt> would stay unlinked until the list ends.
IMPLIED_END = {"dt": ("dt", "dd"), "dd": ("dt", "dd")}
TEXT, REF, MARKUP = "text", "ref", "markup"  # what the source from one event to the next is


def link_glossary(html: str, terms: Sequence[Term] | Matcher, href_for: Callable[[str], str]) -> str:
    """Link the first occurrence of each term in the linkable text of ``html``.

    ``terms`` is the list of ``Term`` or the ``(pattern, lookup)`` pair that
    ``transforms.glossary.compile_matcher`` makes of it; ``href_for(slug)`` gives each link's address.
    """
    if isinstance(terms, tuple) and len(terms) == 2 and isinstance(terms[0], re.Pattern):
        matcher = terms
    else:
        matcher = compile_matcher(list(terms))
    linker = _Linker(html, matcher, href_for)
    linker.feed(html)
    linker.close()
    return linker.result()


def skips(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element's text is left alone: a skipped element, or a class of a skipped kind."""
    if tag in SKIP_TAGS:
        return True
    # As browsers do, the first class attribute counts.
    value = next((v for name, v in attrs if name == "class"), None) or ""
    return any(c.startswith(prefix) for c in value.split() for prefix in SKIP_CLASSES)


class _Linker(HTMLParser):
    def __init__(self, source: str, matcher: Matcher, href_for: Callable[[str], str]):
        super().__init__(convert_charrefs=False)  # references stay as written, and are seen as such
        self.source = source
        self.pattern, self.lookup = matcher
        self.href_for = href_for
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.linked: set[str] = set()
        self.stack: list[tuple[str, bool]] = []  # open elements and whether each suppresses linking
        self.skipping = 0
        self.out: list[str] = []
        self.done = 0  # source before this offset is in self.out
        self.kind = MARKUP  # of the source from self.mark on
        self.mark = 0
        self.refs: list[tuple[int, int]] = []  # character references in the current text run

    # --- where the parser is ------------------------------------------------

    def _offset(self) -> int:
        # getpos() is the start of the construct being reported: (line from 1, column).
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _event(self, kind: str) -> None:
        """A construct of ``kind`` starts here; the one before it ends here."""
        before = self.kind
        if kind == before and kind != REF:
            return  # markup after markup, text after text: one run, written at once
        at = self._offset()
        if before == REF:
            self.refs.append((self.mark, at))
        if (kind == MARKUP) != (before == MARKUP):
            self._flush(at)
        self.kind, self.mark = kind, at

    def _flush(self, end: int) -> None:
        """Write the source up to ``end``: text (and the references in it) linked, markup as it is."""
        if end <= self.done:
            return
        chunk = self.source[self.done:end]
        if self.kind != MARKUP and not self.skipping:
            chunk = self._link(chunk, self.done)
        self.out.append(chunk)
        self.done = end
        self.refs = []

    def result(self) -> str:
        end = len(self.source)
        if self.kind == REF:
            self.refs.append((self.mark, end))
        self._flush(end)  # anything the parser held back at the end is written as it was
        return "".join(self.out)

    # --- linking ---------------------------------------------------------------

    def _link(self, text: str, base: int) -> str:
        refs = [(start - base, end - base) for start, end in self.refs]

        def link(match: re.Match) -> str:
            found = match.group(0)
            if any(start < match.end() and match.start() < end for start, end in refs):
                return found  # part of a character reference (a form spelled like 'amp') is not a word
            term = _term_for(found, self.lookup)
            if term.slug in self.linked:
                return found
            self.linked.add(term.slug)
            return (
                f'<a class="irc-glossary-term" href="{escape_html(self.href_for(term.slug))}" '
                f'title="{escape_html(term.term + ": " + _first_sentence(term.definition))}">{found}</a>'
            )

        return self.pattern.sub(link, text)

    # --- the parser's events ---------------------------------------------------

    def handle_data(self, data: str) -> None:
        self._event(TEXT)

    def handle_entityref(self, name: str) -> None:
        self._event(REF)

    def handle_charref(self, name: str) -> None:
        self._event(REF)

    def handle_comment(self, data: str) -> None:
        self._event(MARKUP)

    def handle_decl(self, decl: str) -> None:
        self._event(MARKUP)

    def unknown_decl(self, data: str) -> None:  # CDATA sections and other marked sections
        self._event(MARKUP)

    def handle_pi(self, data: str) -> None:
        self._event(MARKUP)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._event(MARKUP)  # <br/>, <path .../>: opens nothing

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._event(MARKUP)
        if tag in VOID_TAGS:
            return
        if tag in IMPLIED_END:
            self._close_implied(IMPLIED_END[tag])
        skip = skips(tag, attrs)
        self.stack.append((tag, skip))
        self.skipping += skip

    def _close_implied(self, ended: tuple[str, ...]) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            name = self.stack[depth][0]
            if name in ended:
                self._close(depth)
                return
            if name == "dl":  # not past the list the new item belongs to
                return

    def _close(self, depth: int) -> None:
        self.skipping -= sum(skip for _, skip in self.stack[depth:])
        del self.stack[depth:]

    def handle_endtag(self, tag: str) -> None:
        self._event(MARKUP)
        # Close up to the matching open element; a stray end tag is ignored.
        if self.stack and self.stack[-1][0] == tag:  # the usual case
            self.skipping -= self.stack.pop()[1]
            return
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                self._close(depth)
                return


def link_page(html: str, src_uri: str, file_url: str, meta: dict, glossary_url: str | None, terms: list[Term]) -> str:
    """A finished page with the first use of each term linked to the glossary, unless it is
    the glossary itself, opts out (``glossary: false``) or the site has no glossary page."""
    if src_uri == GLOSSARY_PAGE or meta.get("glossary") is False or glossary_url is None:
        return html
    base = relative_url(glossary_url, file_url)
    return link_glossary(html, terms, lambda slug: f"{base}#{slug}")
