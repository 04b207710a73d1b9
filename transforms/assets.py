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
SCRIPTS = [
    "javascripts/a11y.js",
    "javascripts/loader.js",  # the scripts of ON_DEMAND, when a page or a reader needs them
]
# Published beside site.js (and minified like it, mkdocs.yml minify: js_files), loaded by loader.js:
# quotes.js and rows.js on the pages that show a filter or a long table, cite.js when a reader
# opens a compact cite box, charts.js when a reader reaches for a chart.
ON_DEMAND = ["javascripts/quotes.js", "javascripts/rows.js", "javascripts/cite.js", "javascripts/charts.js"]
BUNDLES = {"stylesheets/site.css": STYLES, "javascripts/site.js": SCRIPTS}
# The page's link to the bundle (site.css, or site.min.css once the minify plugin renamed it).
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*stylesheets/site(?:\.min)?\.css)">')


def bundle(sources: list[str]) -> str:
    parts = []
    for rel in sources:
        path = DOCS / rel
        if not path.is_file():
            raise SiteError(f"transforms/assets.py: {rel} is listed for the bundle but docs/{rel} does not exist")
        parts.append(f"/* ---- {rel} ---- */\n{path.read_text(encoding='utf-8').strip()}\n")
    return "\n".join(parts)


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


def minified_js(source: str) -> str:
    """A script as it goes inline into the page (jsmin, as the minify plugin does site.js):
    the template keeps it readable, with its comments (overrides/partials/javascripts/base.html)."""
    import jsmin

    return jsmin.jsmin(source).strip()


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


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list, split at its top-level commas."""
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


def stylesheet(source: str) -> Stylesheet:
    import tinycss2

    css = minified(source)
    return Stylesheet(css, tuple(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def _kept(rules, blocks: set[str]) -> list[str]:
    import tinycss2

    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _needs(s) <= blocks]
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
    inline = f'<style>{rules}</style>\n<link rel="stylesheet" href="{match.group(1)}" disabled>'
    return output[: match.start()] + inline + output[match.end():]


# Where whitespace is the content: preformatted text and code (Material sets `white-space:
# pre-wrap` on inline code too), form text, and inline scripts and styles.
_VERBATIM = re.compile(r"<(pre|code|kbd|textarea|script|style)[\s>].*?</\1>", re.DOTALL)
_BETWEEN_TAGS = re.compile(r">[ \t]*\n\s*(?=<)")
_INDENT = re.compile(r"\n[ \t]+(?=<)")


def _lean(text: str) -> str:
    return _INDENT.sub("\n", _BETWEEN_TAGS.sub(">\n", text))


def lean_html(output: str) -> str:
    """The page without the theme templates' indentation and blank lines between tags: about a
    tenth of the HTML (0.8 KB gzipped of a chart page). Every run of whitespace that held a
    line break still does, so text lays out as before, also where lines are kept
    (`white-space: pre-line`, the cite boxes' record lines); verbatim elements are untouched.
    (htmlmin, which the minify plugin offers, turns those line breaks into spaces.)"""
    parts, last = [], 0
    for match in _VERBATIM.finditer(output):
        # "<" stands for the verbatim element's opening tag, so that the whitespace before it goes too.
        parts.append(_lean(output[last:match.start()] + "<")[:-1])
        parts.append(match.group(0))
        last = match.end()
    parts.append(_lean(output[last:]))
    return "".join(parts)
