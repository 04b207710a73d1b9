"""The glossary linker the site used before transforms/glossary_links.py: a hand-written
regular-expression tokenizer over the page's HTML. Kept here, in the tests only, as the
reference the html.parser linker is compared with (tests/unit/test_glossary_links.py):
both must give the same output on every case except the listed intended differences."""
from __future__ import annotations

import re
from typing import Callable

from analysis.escape import escape_html
from transforms.glossary import SKIP_CLASSES, SKIP_TAGS, VOID_TAGS, Term, _first_sentence, _term_for, compile_matcher

escape = escape_html
RAW_TEXT_TAGS = ("script", "style")
# A comment, a doctype/CDATA, or a tag whose quoted attributes may contain '>'.
TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
TAG_NAME = re.compile(r"^</?([A-Za-z][\w:-]*)")
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


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
