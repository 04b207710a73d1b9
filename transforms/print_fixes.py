"""Fixes for printing and for the whole-site print page (print-site plugin), run by the plugin:

- ``break_long_lines``: newlines between block elements (the print plugin's regex backtracks on long lines).
- ``fix_print_page_ids`` / ``fix_print_page_citations``: ids and cite-box links on print_page/.
- ``strip_print_site_assets``: other pages need not load the print page's CSS and JS.
"""
from __future__ import annotations

import re

from analysis.escape import escape_html as escape  # the one escaping rule

_PRINT_LAZY_BOX = re.compile(
    r'(<details class="irc-cite" data-cite-kind="[^"]+" data-cite-src=")[^"]*("(?:(?!</details>).)*?'
    r'<a class="irc-cite__all" href=")#([^"]+)(")',
    re.DOTALL,
)


def fix_print_page_citations(html: str, print_keys: dict) -> str:
    """On the whole-site print page, point each compact cite box at its page's citations.html."""

    def fix(match: re.Match) -> str:
        target = match.group(3)
        for key, file in print_keys.items():
            if target.startswith(key + "-cite-"):
                href = escape(f"{file}#{target[len(key) + 1:]}")
                return f"{match.group(1)}{href}{match.group(2)}{href}{match.group(4)}"
        return match.group(0)

    return _PRINT_LAZY_BOX.sub(fix, html)


_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.DOTALL)
_BLOCK_SEAM = re.compile(
    r"(</(?:tr|p|blockquote|figcaption|div|details|ul|ol|table|figure)>)(?=<(?:tr|p|div|figcaption|details|blockquote|footer|ul|ol|table|figure)[\s>])"
)


def break_long_lines(html: str) -> str:
    """Put a newline between adjacent block elements (never inside <pre>).

    The print-site plugin rewrites anchor ids with a regex that backtracks along each
    line; one 5,000-character line of table rows took it 15 s. Whitespace between
    block elements does not change how a page renders.
    """
    parts = _PRE.split(html)
    return "".join(part if i % 2 else _BLOCK_SEAM.sub("\\1\n", part) for i, part in enumerate(parts))


_PRINT_SECTION = re.compile(r'<section class="print-page" id="([^"]+)"')
_ID = re.compile(r'(?<=\sid=")([^"]+)(?=")')


def fix_print_page_ids(html: str) -> str:
    """Prefix the ids of charts, tables and quotations on the whole-site print page.

    The print-site plugin points every in-page link at "#<page>-<id>" but renames only
    the ids of headings, list items and footnotes; a link to a chart, table or quotation
    would dangle. Each id that such a link expects gets the page prefix here.
    """
    # A link to another page with a query string (the quote filters) becomes "#<page>-?q=…";
    # on paper it can only lead to that page's section. A link to the print page itself
    # becomes "#print_page"; it leads to the top of the combined page.
    html = re.sub(r'href="#([^"?]+?)-\?[^"]*"', r'href="#\1"', html)
    html = html.replace('href="#print_page"', 'href="#print-site-page"')
    wanted = set(re.findall(r'href="#([^"]+)"', html))
    existing = set(_ID.findall(html))
    starts = [(m.start(), m.group(1)) for m in _PRINT_SECTION.finditer(html)]
    if not starts:
        return html
    out = [html[: starts[0][0]]]
    for i, (pos, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(html)

        def prefix(match: re.Match, key: str = key) -> str:
            ident = match.group(1)
            target = f"{key}-{ident}"
            return target if target in wanted and target not in existing else ident

        out.append(_ID.sub(prefix, html[pos:end]))
    return "".join(out)


# The print-site plugin adds its CSS and JS to every page, but only print_page/ uses
# them. print_page/ is not in the sitemap, so Material's instant navigation never
# swaps it in (it loads in full, with its assets): other pages need not download them.
_PRINT_SITE_ASSETS = re.compile(
    r'[ \t]*(?:<link rel="stylesheet" href="[^"]*css/print-site(?:-material)?\.css">'
    r'|<script src="[^"]*js/print-site\.js"></script>)\n?'
)




def strip_print_site_assets(output: str) -> str:
    return _PRINT_SITE_ASSETS.sub("", output)
