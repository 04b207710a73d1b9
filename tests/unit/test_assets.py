"""The site's stylesheet and scripts as each page gets them (transforms/assets.py): only the
rules a page can use, inline; the theme's inline script minified; the scripts only some pages
or readers need left out of site.js."""
from __future__ import annotations

import re

import pytest

from analysis.paths import DOCS, ROOT
from transforms import assets

CSS = """
.md-typeset figure.irc-chart { display: block; }
.md-typeset .irc-quote__text--verbatim::before { content: "“"; }
.md-typeset .irc-quote-filter, .md-typeset .irc-chart__explore { margin: 0; }
.md-typeset a:not(.md-button):not(.irc-frame__title) { text-decoration: underline; }
[data-md-color-scheme="slate"] .md-typeset figure.irc-chart img.irc-chart__svg--dark { display: block; }
.md-copyright { color: red; }
@media print { .md-typeset .irc-quote__caption > details { display: none; } .md-header { display: none; } }
@media (max-width: 599px) { .md-typeset .irc-quote-group { display: block; } }
"""


def rules(html: str) -> str:
    return assets.page_rules(assets.stylesheet(CSS), html)


def test_a_page_keeps_the_rules_of_the_blocks_it_names_and_every_rule_of_material_s_classes():
    chart_page = '<figure class="irc-chart" id="chart-x"><img class="irc-chart__svg irc-chart__svg--dark"></figure>'
    kept = rules(chart_page)
    assert ".md-typeset figure.irc-chart{display:block}" in kept
    assert "figure.irc-chart img.irc-chart__svg--dark" in kept
    # A selector list loses only the selectors of blocks the page does not have.
    assert ".md-typeset .irc-chart__explore{margin:0}" in kept and "irc-quote" not in kept
    # A class inside :not() is no requirement; Material's classes always stay; an @media keeps what applies.
    assert "a:not(.md-button):not(.irc-frame__title)" in kept and ".md-copyright{color:red}" in kept
    assert "@media print{.md-header{display:none}}" in kept and "599px" not in kept


def test_a_page_with_every_block_keeps_the_whole_stylesheet():
    every = '<p class="irc-chart irc-quote irc-quote-filter irc-quote-group irc-frame"></p>'
    assert rules(every) == assets.minified(CSS)


def test_the_site_stylesheet_with_every_block_named_loses_nothing():
    """On the real stylesheet: reading it and writing it back changes no rule."""
    sheet = assets.stylesheet(assets.bundle(assets.STYLES))
    every = " ".join(sorted(set(re.findall(r"irc-[a-z0-9-]+(?:__[a-z0-9-]+)?", sheet.css))))
    assert assets.page_rules(sheet, f'<p class="{every}"></p>') == sheet.css
    assert len(assets.page_rules(sheet, "<p>plain</p>")) < len(sheet.css) * 0.6


def test_class_blocks_come_from_class_attributes_only_templates_included():
    html = ('<p class="irc-cite__meta x">irc-quote in text</p><template><div class="irc-table-scroll"></div></template>'
            '<a data-x="irc-finding">')
    assert assets.page_blocks(html) == {"irc-cite", "irc-table-scroll"}
    assert assets.block_of("irc-cite__text--apa") == "irc-cite" and assets.block_of("irc-quote-filter__field") == "irc-quote-filter"


SCRIPT_SOURCES = sorted((DOCS / "javascripts").glob("*.js"))
_ADDED = re.compile(r"""(?:className\s*=|classList\.add\(|classList\.toggle\()\s*["']([^"']+)["']""")
_QUERIED = re.compile(r"""\.(irc-[a-z0-9-]+)""")


@pytest.mark.parametrize("path", SCRIPT_SOURCES, ids=lambda p: p.name)
def test_scripts_add_site_classes_only_to_blocks_they_found_in_the_page(path):
    """What page_rules relies on: a script never makes a block of the site's classes that the
    page's HTML does not name, so the page's inline rules cover everything scripts add."""
    source = path.read_text(encoding="utf-8")
    found = {assets.block_of(c) for c in _QUERIED.findall(source)}
    for value in _ADDED.findall(source):
        for name in value.split():
            if name.startswith("irc-"):
                assert assets.block_of(name) in found, f"{path.name} adds {name} to a block it never looked for"


def test_site_js_holds_only_what_every_page_runs_and_the_rest_is_published_to_be_loaded():
    assert set(assets.SCRIPTS).isdisjoint(assets.ON_DEMAND)
    loader = (DOCS / "javascripts" / "loader.js").read_text(encoding="utf-8")
    minify = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for rel in assets.ON_DEMAND:
        assert (DOCS / rel).is_file()
        name = rel.rsplit("/", 1)[1].removesuffix(".js")
        # loader.js names each one; the minify plugin makes its .min.js as it does site.min.js.
        assert f'"{name}"' in loader and f"- {rel}" in minify, rel


def test_lean_html_drops_indentation_between_tags_and_keeps_every_line_break_and_verbatim_text():
    html = ("<div>\n    <p class=\"irc-cite__meta\">Address: <a href=\"x\">x</a>\n    Licence: CC-BY-4.0.</p>\n\n\n"
            "    <pre><code>a\n    b\n\n    <span>c</span></code></pre>\n  <code>x\n   <b>y</b></code>\n"
            "  <script>\n  if (a < b) {}\n  </script>\n</div>")
    out = assets.lean_html(html)
    assert out == ("<div>\n<p class=\"irc-cite__meta\">Address: <a href=\"x\">x</a>\nLicence: CC-BY-4.0.</p>\n"
                   "<pre><code>a\n    b\n\n    <span>c</span></code></pre>\n<code>x\n   <b>y</b></code>\n"
                   "<script>\n  if (a < b) {}\n  </script>\n</div>")
