r"""Material's main stylesheet without the rules that no page of the built site can use.

Material's assets/stylesheets/main.<hash>.min.css styles every component the theme and its
Markdown extensions offer (admonitions of twelve kinds, annotations, cards, grids, mermaid,
tags, versions, …): 22.8 KB gzipped, render-blocking on every page, the largest file a page
waits for before its first paint. A rule whose selector needs a class that appears nowhere in
the built site (no page's HTML, no citations.html, no script, Material's own bundle included,
so the classes its scripts add are there) matches nothing on any page: it goes. Conservative:

- a class counts as present if the word appears anywhere in any HTML or script file of the
  site (in text too), so a class a script names is kept; a class a script builds from a
  prefix (``\`tabbed-control--${e}\```, ``"md-tag--" + x``) is kept by that prefix;
- only the classes outside functional pseudo-classes are required (``x:is(.a,.b)``,
  ``:not(.c)`` and ``:where()`` keep the rule), and a selector list keeps every selector
  of which one could match; at-rules other than @media and @supports are kept whole.

The build's post-build step rewrites the published file in place (``trim_site``), after the
site is complete; its name, which Material's templates link, stays. The trimmed file is
computed from the build itself: a page that starts using a component keeps its rules.
"""
from __future__ import annotations

import re
from pathlib import Path

from transforms.assets import selector_list

PUBLISHED = "assets/stylesheets/main.*.min.css"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# The start of a name a script completes: `prefix${…}` or "prefix" + …
# (A name starts after no name character: without the lookbehind the search tries every
# position inside every word, 0.6 s of a build.)
_PREFIX = re.compile(r"""(?<![A-Za-z0-9_-])([A-Za-z_][A-Za-z0-9_-]*)\$\{|["'`]([A-Za-z_][A-Za-z0-9_-]*)["'`]\s*\+""")


class Words:
    """The words of the built site, and the prefixes its scripts complete into names."""

    def __init__(self, words: set[str], prefixes: set[str]):
        self.words, self.prefixes = words, tuple(sorted(prefixes))

    def has(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)


def site_words(site_dir: Path) -> Words:
    """Every word of every HTML and script file of the built site, and its scripts' prefixes."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for pattern in ("**/*.html", "**/*.js"):
        for path in Path(site_dir).glob(pattern):
            text = path.read_text(encoding="utf-8", errors="replace")
            words.update(_WORD.findall(text))
            if path.suffix == ".js" or "<script" in text:
                # A name's start ends in "-" or "_" ("md-tag--"); a bare word before ${…} is code.
                prefixes.update(p for a, b in _PREFIX.findall(text) if len(p := a or b) > 2 and p[-1] in "-_")
    return Words(words, prefixes)


def needed_classes(selector: list) -> set[str]:
    """The classes a selector needs: its ".name" tokens at the top level (not inside a function)."""
    found = set()
    for before, token in zip(selector, selector[1:]):
        if before.type == "literal" and before.value == "." and token.type == "ident":
            found.add(token.value)
    return found


def _kept(rules, words: Words) -> list[str]:
    import tinycss2

    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in selector_list(rule.prelude) if all(words.has(c) for c in needed_classes(s))]
            if selectors:
                out.append(",".join(tinycss2.serialize(s).strip() for s in selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in {"media", "supports"}:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), words)
            if inner:
                out.append(f"@{rule.lower_at_keyword}" + tinycss2.serialize(rule.prelude) + "{" + "".join(inner) + "}")
        elif rule.type != "error":
            out.append(tinycss2.serialize([rule]))
    return out


def trimmed(css: str, words: Words) -> str:
    """The stylesheet less the selectors that need a class none of ``words`` is; the rest as written."""
    import tinycss2

    return "".join(_kept(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), words))


def trim_site(site_dir: Path) -> list[Path]:
    """Rewrite the published main stylesheet(s) of a complete built site in place; the files rewritten."""
    paths = sorted(Path(site_dir).glob(PUBLISHED))
    if not paths:
        return []
    words = site_words(site_dir)
    for path in paths:
        path.write_text(trimmed(path.read_text(encoding="utf-8"), words), encoding="utf-8")
    return paths
