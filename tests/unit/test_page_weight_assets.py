"""What keeps a page's HTML inside a phone's first round trip (transforms/assets.py): the print
rules go into the page from site.js, not its inline <style>; the whitespace of the templates'
text goes, while verbatim text and the quotations stay byte for byte."""
from __future__ import annotations

import json
import re

import pytest

from analysis.errors import SiteError
from analysis.paths import DOCS
from transforms import assets


def test_print_rules_are_in_site_js_and_not_in_the_inline_stylesheet():
    css = assets.bundle(assets.STYLES)
    sheet = assets.stylesheet(css)
    print_css = (DOCS / "stylesheets" / "print.css").read_text(encoding="utf-8")
    assert "@media print" in print_css and "@media print" in css  # site.css keeps them, for print_page/ and no-JS readers
    # The inline rules of a page that names every block hold none of print.css's own rules.
    every = " ".join(sorted(set(re.findall(r"irc-[a-z0-9-]+", css))))
    inline = assets.page_rules(sheet, f'<p class="{every}"></p>')
    assert 'a[href^="http"]::after' not in inline and ".md-typeset details:not([open])" not in inline
    # site.js adds them, minified, as a print-only <style>.
    script = assets.bundle(assets.SCRIPTS)
    added = json.loads(re.search(r'\}\)\((".*")\);', script).group(1))
    assert added == assets.minified(print_css) and 'style.media = "print"' in script
    assert script.index("stylesheets/print.css") > script.index("javascripts/loader.js")  # it uses ircSite.onPage


def test_the_page_links_the_whole_stylesheet_for_print_without_javascript():
    sheet = assets.stylesheet(".md-typeset .irc-x { color: red; }")
    page = '<head><link rel="stylesheet" href="../stylesheets/site.min.css"></head><p class="irc-x"></p>'
    out = assets.inline_stylesheet(page, sheet)
    assert "<style>.md-typeset .irc-x{color:red}</style>" in out
    assert '<link rel="stylesheet" href="../stylesheets/site.min.css" disabled>' in out
    assert '<noscript><link media="print" rel="stylesheet" href="../stylesheets/site.min.css"></noscript>' in out


def test_a_stylesheet_in_a_script_bundle_must_be_for_paper_only():
    with pytest.raises(SiteError, match="PAPER_ONLY"):
        assets.bundle(["javascripts/loader.js", "stylesheets/cite.css"])


def test_site_js_runs_search_wait_first_and_loader_before_its_users():
    order = assets.SCRIPTS
    assert order[0] == "javascripts/search_wait.js"
    assert order.index("javascripts/loader.js") < order.index("javascripts/a11y.js")


def test_lean_html_collapses_text_whitespace_and_keeps_quotations_and_verbatim_text_byte_for_byte():
    quote = '<blockquote class="irc-quote__text irc-quote__text--verbatim" cite="x">We  said\n   so,  twice.</blockquote>'
    paraphrase = '<p class="irc-quote__text irc-quote__text--paraphrase"><span>Paraphrase:</span>  He   said\n  it.</p>'
    pre = "<pre><code>a    b\n    c</code></pre>"
    html = (f'<nav>\n    <span class="md-ellipsis">\n        Methods\n      \n    </span>\n</nav>\n{quote}\n'
            f'<p title="two  spaces\n   kept">Text   with    runs\n     of spaces.</p>\n{paraphrase}\n{pre}\n')
    out = assets.lean_html(html)
    assert '<span class="md-ellipsis">\nMethods\n\n</span>' in out
    assert "<p title=\"two  spaces\n   kept\">Text with runs\nof spaces.</p>" in out  # attribute values untouched
    for verbatim in (quote, paraphrase, pre):
        assert verbatim in out
    assert len(out) < len(html)


def test_lean_html_keeps_every_line_break_of_text():
    html = '<p class="irc-cite__meta">Address: x\n\n   Licence: y.</p>'
    assert assets.lean_html(html) == '<p class="irc-cite__meta">Address: x\n\nLicence: y.</p>'
