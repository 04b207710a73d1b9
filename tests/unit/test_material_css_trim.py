"""Material's main stylesheet without the rules no page of the site can use
(transforms/material_css.py): what it keeps and drops. That the trimmed file styles the built
site as Material's own would is shown in a browser, in tests/browser/test_material_css.py."""
from __future__ import annotations

import tinycss2

from transforms import material_css


def _words(words, prefixes=()):
    return material_css.Words(set(words), set(prefixes))


def _selectors(css: str) -> list[str]:
    return [(f"@{r.at_keyword} " if r.type == "at-rule" else "") + tinycss2.serialize(r.prelude).strip()
            for r in tinycss2.parse_stylesheet(css, skip_whitespace=True)]


def test_a_rule_goes_only_when_a_class_it_needs_is_nowhere():
    css = (".md-typeset .admonition{a:1}.md-typeset .tabbed-set{b:2}.md-nav:not(.md-gone){c:3}"
           ".md-x:is(.md-gone,.md-y){d:4}.md-tag--red{e:5}.md-gone,.md-nav{f:6}"
           "@media print{.md-gone{g:7}.md-nav{h:8}}@keyframes md-gone{0%{i:9}}")
    out = material_css.trimmed(css, _words({"md-typeset", "tabbed-set", "md-nav", "md-x"}, {"md-tag--"}))
    assert _selectors(out) == [".md-typeset .tabbed-set", ".md-nav:not(.md-gone)", ".md-x:is(.md-gone,.md-y)",
                               ".md-tag--red", ".md-nav", "@media print", "@keyframes md-gone"]
    assert "@media print{.md-nav{h:8}}" in out and "g:7" not in out and "a:1" not in out


def test_site_words_take_the_names_scripts_build_from_a_prefix(tmp_path):
    (tmp_path / "a.js").write_text('x.className=`tabbed-control--${e}`;y="md-tag--"+c;z=`a${b}`', encoding="utf-8")
    (tmp_path / "p.html").write_text('<p class="md-typeset irc-x">note</p>', encoding="utf-8")
    words = material_css.site_words(tmp_path)
    assert words.has("tabbed-control--prev") and words.has("md-tag--red") and words.has("md-typeset")
    assert words.has("note") and not words.has("admonition") and not words.has("about")
