"""The site's own styles as one stylesheet and its scripts as one file.

Each page used to load six stylesheets and four scripts of the site's own beside
Material's; every one is a request before first paint on a slow phone. The sources
stay as they are in docs/ (one file per concern, each owned and edited on its own);
the build concatenates them, in the order below, into stylesheets/site.css and
javascripts/site.js, which are the only entries of extra_css and extra_javascript.
Scripts that only some pages use, or only once the reader reaches for something, are not
in the bundle: site.js (loader.js) loads them when a page or a reader needs them
(ON_DEMAND below).

The stylesheet is also written into each page's <head> (minified by csscompressor, the
library the minify plugin uses), with only the rules that can apply to that page
(``page_rules``): one request fewer before the first paint on a phone, and no bytes for
the quotation cards' rules on a page without quotations. Material's instant navigation
swaps the <style> with the rest of the <head> (it replaces what differs). The page keeps
its <link> to the whole file, disabled (a browser does not fetch a disabled stylesheet),
for the copies of the page's stylesheets that transforms/cite.py makes in the page's
citations.html, whose template enables it (fragments/templates/citations.html.j2).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from analysis.errors import SiteError
from analysis.paths import DOCS

# Order is the cascade: later rules win over earlier ones of the same weight.
STYLES = [
    "stylesheets/charts.css",
    "stylesheets/cite.css",
    "stylesheets/quotes.css",
    "stylesheets/glossary.css",
    "stylesheets/a11y.css",
    "stylesheets/offscreen.css",  # long pages: off-screen blocks skipped until near
    "stylesheets/print.css",
]
# site.js runs before Material's bundle (overrides/main.html): search_wait.js must be in place
# before the theme starts its search; loader.js defines ircSite.onPage, which a11y.js uses.
SCRIPTS = [
    "javascripts/search_wait.js",  # the search index and worker wait for the reader
    "javascripts/loader.js",  # the scripts of ON_DEMAND, when a page or a reader needs them
    "javascripts/a11y.js",
    "javascripts/anchors.js",  # a jump to a place in a page lands on it (blocks skipped off screen)
    "stylesheets/print.css",  # PAPER_ONLY: put in the page by site.js (see below)
]
# Stylesheets whose rules are all for paper (@media print): in site.css, as every other, but not
# in a page's inline <style>; site.js puts them in the page's <head> as a <style media="print">
# (a script bundle lists them; bundle() wraps each in the script that adds it). They were 0.34 KB
# gzipped of the Methods page's HTML, whose first round trip holds ~14 KB; a reader without
# JavaScript gets them from site.css through a <noscript> link (inline_stylesheet).
PAPER_ONLY = ["stylesheets/print.css"]
# Published beside site.js (and minified like it, mkdocs.yml minify: js_files), loaded by loader.js:
# quotes.js and rows.js on the pages that show a filter or a long table, cite.js when a reader
# opens a compact cite box, charts.js when a reader reaches for a chart.
ON_DEMAND = ["javascripts/quotes.js", "javascripts/rows.js", "javascripts/cite.js", "javascripts/charts.js"]
BUNDLES = {"stylesheets/site.css": STYLES, "javascripts/site.js": SCRIPTS}
# The page's link to the bundle (site.css, or site.min.css once the minify plugin renamed it).
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*stylesheets/site(?:\.min)?\.css)">')


def bundle(sources: list[str]) -> str:
    """The sources one after the other; a stylesheet among scripts as the script that adds it (paper_script)."""
    scripts = any(rel.endswith(".js") for rel in sources)
    parts = []
    for rel in sources:
        path = DOCS / rel
        if not path.is_file():
            raise SiteError(f"transforms/assets.py: {rel} is listed for the bundle but docs/{rel} does not exist")
        text = path.read_text(encoding="utf-8").strip()
        if scripts and rel.endswith(".css"):
            if rel not in PAPER_ONLY:
                raise SiteError(f"transforms/assets.py: {rel} is in a script bundle but not in PAPER_ONLY")
            text = paper_script(text)
        parts.append(f"/* ---- {rel} ---- */\n{text}\n")
    return "\n".join(parts)


def paper_script(css: str) -> str:
    """A script that puts the stylesheet, minified, in the page's <head> for print, on the page
    shown and after every instant navigation (in case the theme swaps the <head>'s elements)."""
    return ("(function (css) {\n  function add() {\n    if (document.getElementById(\"irc-paper\")) return;\n"
            "    var style = document.createElement(\"style\");\n    style.id = \"irc-paper\";\n    style.media = \"print\";\n"
            "    style.textContent = css;\n    document.head.appendChild(style);\n  }\n  add();\n"
            f"  window.ircSite.onPage(add);\n}})({json.dumps(minified(css))});")


def check_listed(extra_css: list[str], extra_javascript: list[str]) -> None:
    """The site's own files in the configuration are the bundles alone (plugins may add their own, e.g. print-site's css/)."""
    for target in BUNDLES:
        listed = extra_css if target.endswith(".css") else extra_javascript
        folder = target.split("/")[0] + "/"
        own = [x for x in listed if x.startswith(folder)]
        if own != [target]:
            raise SiteError(f"mkdocs.yml: the site's own files in {folder} are the one bundle {target} "
                            f"(its sources are listed in transforms/assets.py); found {own}")


def minified(css: str) -> str:
    """The stylesheet as it goes inline into each page's <head> (csscompressor, as the minify plugin)."""
    import csscompressor

    return csscompressor.compress(css)


# The site's class names are BEM-style: block, then __element or --modifier ("irc-cite__text--apa"
# is of the block "irc-cite"). Scripts only add elements and modifiers to blocks already in the
# page (tests/unit/test_assets.py), and what cite.js loads from citations.html is of the block
# "irc-cite", whose box is in the page: a page can only ever show the blocks its HTML names.
_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
_BLOCK = re.compile(r"irc-[a-z0-9]+(?:-[a-z0-9]+)*")


def block_of(class_name: str) -> str:
    return class_name.split("__")[0].split("--")[0]


def page_blocks(html: str) -> set[str]:
    """The site's class blocks a page's HTML names (in any element, its <template>s included)."""
    return {block_of(name) for value in _CLASS_ATTR.findall(html) for name in value.split() if name.startswith("irc-")}


def selector_list(prelude: list) -> list[list]:
    """A rule's selector list, split at its top-level commas (tinycss2 tokens; also for material_css and palette)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _needs(selector: list) -> set[str]:
    """The site's blocks a selector needs: its ".irc-…" classes outside :not() and other functions."""
    found = set()
    for before, token in zip(selector, selector[1:]):
        if before.type == "literal" and before.value == "." and token.type == "ident" and _BLOCK.match(token.value):
            found.add(block_of(token.value))
    return found


@dataclass(frozen=True)
class Stylesheet:
    """The site's stylesheet, minified, and its rules as tinycss2 reads them (once a build);
    the rules kept for each set of blocks, worked out once (many pages share a set)."""

    css: str
    rules: tuple
    kept: dict = field(default_factory=dict, compare=False, repr=False)


_SOURCE_MARK = re.compile(r"^/\* ---- (\S+) ---- \*/$", re.MULTILINE)


def inline_part(source: str) -> str:
    """The bundle (site.css) less the stylesheets that site.js adds (PAPER_ONLY)."""
    pieces = _SOURCE_MARK.split(source)  # text before the first mark, then (name, text) pairs
    return pieces[0] + "".join(text for name, text in zip(pieces[1::2], pieces[2::2]) if name not in PAPER_ONLY)


def stylesheet(source: str) -> Stylesheet:
    """The rules of the site's stylesheet that go inline, from the bundle site.css."""
    import tinycss2

    css = minified(inline_part(source))
    return Stylesheet(css, tuple(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def _kept(rules, blocks: set[str]) -> list[str]:
    import tinycss2

    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in selector_list(rule.prelude) if _needs(s) <= blocks]
            if selectors:
                out.append(",".join(tinycss2.serialize(s).strip() for s in selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), blocks)
            if inner:
                out.append("@media" + tinycss2.serialize(rule.prelude) + "{" + "".join(inner) + "}")
        elif rule.type != "error":
            out.append(tinycss2.serialize([rule]))
    return out


def page_rules(sheet: Stylesheet, html: str) -> str:
    """The rules of the stylesheet that can apply to the page: a selector that names a block of
    the site's classes the page does not have is left out (rules of Material's classes all stay)."""
    blocks = frozenset(page_blocks(html))
    if blocks not in sheet.kept:
        sheet.kept[blocks] = minified("".join(_kept(sheet.rules, blocks)))
    return sheet.kept[blocks]


def inline_stylesheet(output: str, sheet: Stylesheet | None) -> str:
    """The site's stylesheet inline in the page's <head>, its rules for this page; its <link> stays, disabled (see above)."""
    match = _CSS_LINK.search(output)
    if not match or sheet is None or not sheet.css:
        return output
    rules = page_rules(sheet, output)
    if "</" in rules:
        return output
    # Without JavaScript the print rules (PAPER_ONLY) come from the whole file, for paper only.
    inline = (f'<style>{rules}</style>\n<link rel="stylesheet" href="{match.group(1)}" disabled>\n'
              f'<noscript><link media="print" rel="stylesheet" href="{match.group(1)}"></noscript>')
    return output[: match.start()] + inline + output[match.end():]


# Where whitespace is the content: preformatted text and code (Material sets `white-space:
# pre-wrap` on inline code too), form text, inline scripts and styles; and the quotations,
# kept byte for byte as the sources give them (blockquotes and the quotation cards' paraphrases).
_VERBATIM = re.compile(r"<(pre|code|kbd|textarea|script|style|blockquote)[\s>].*?</\1>"
                       r'|<p class="irc-quote__text[^"]*">.*?</p>', re.DOTALL)
_BETWEEN_TAGS = re.compile(r">[ \t]*\n\s*(?=<)")
_INDENT = re.compile(r"\n[ \t]+(?=<)")
# In text: the spaces and tabs around a line break (the templates' indentation), and runs of them.
_AROUND_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_SPACES = re.compile(r"[ \t]{2,}")


# A tag, its quoted attribute values whole (a value may hold ">"): they are left as they are.
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def _text_lean(text: str) -> str:
    return _SPACES.sub(" ", _AROUND_BREAK.sub("\n", text))


def _lean(text: str) -> str:
    text = _INDENT.sub("\n", _BETWEEN_TAGS.sub(">\n", text))
    parts, last = [], 0
    for tag in _TAG.finditer(text):
        parts += [_text_lean(text[last:tag.start()]), tag.group(0)]
        last = tag.end()
    parts.append(_text_lean(text[last:]))
    return "".join(parts)


def lean_html(output: str) -> str:
    """The page without the theme templates' indentation and blank lines between tags, nor the
    runs of spaces in its text: about a tenth of the HTML (1 KB gzipped of a chart page). Every
    line break in text stays, so text lays out as before, also where lines are kept
    (`white-space: pre-line`, the quotation cards' record lines); verbatim elements are untouched.
    (htmlmin, which the minify plugin offers, turns those line breaks into spaces.)"""
    parts, last = [], 0
    for match in _VERBATIM.finditer(output):
        # "<" stands for the verbatim element's opening tag, so that the whitespace before it goes too.
        parts.append(_lean(output[last:match.start()] + "<")[:-1])
        parts.append(match.group(0))
        last = match.end()
    parts.append(_lean(output[last:]))
    return "".join(parts)
