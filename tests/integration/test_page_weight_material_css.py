"""Material's main stylesheet without the rules no page of the site can use
(transforms/material_css.py): what it keeps and drops, and, in a browser, that every element of
the reading pages computes the same style with the trimmed file as with Material's own, in both
schemes, on a phone and a laptop, with the search and the navigation drawer open too."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import tinycss2

from transforms import material_css

PAGES = ["/", "/china-uk/methods/", "/china-uk/quantitative/", "/quotes/all/", "/reproduce/categorisation/",
         "/datasets/china_uk_citation_sources/", "/cite/", "/glossary/"]
# What decides where and how an element shows: box, position, type, colour.
PROPERTIES = ["display", "position", "visibility", "float", "width", "height", "margin-top", "margin-left",
              "padding-top", "padding-left", "border-top-width", "border-left-style", "font-size", "font-weight",
              "font-style", "line-height", "color", "background-color", "text-decoration-line", "opacity",
              "overflow-x", "white-space", "transform", "box-shadow", "z-index", "mask-image", "content"]
COMPUTED = """props => [...document.querySelectorAll('body *')].map(el => {
    const s = getComputedStyle(el), b = getComputedStyle(el, '::before'), a = getComputedStyle(el, '::after');
    return [el.tagName + '.' + el.className].concat(props.map(p => s.getPropertyValue(p)),
                                                      [b.content, b.maskImage, a.content, a.maskImage]).join('|');
})"""


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


def _settled(page, tries: int = 8) -> list[str]:
    """The computed styles once two reads 150 ms apart agree: the theme's scripts (tab scroll
    controls, the header's title) set their state after the load, at a time that varies."""
    last = page.evaluate(COMPUTED, PROPERTIES)
    for _ in range(tries):
        page.wait_for_timeout(150)
        now = page.evaluate(COMPUTED, PROPERTIES)
        if now == last:
            return now
        last = now
    return last


@pytest.mark.browser
def test_every_element_of_the_reading_pages_computes_the_same_with_the_trimmed_stylesheet(built_site, tmp_path):
    from tools import pdf

    if not Path(pdf.CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{pdf.CHROMIUM} is missing and CI=true")
        pytest.skip(f"{pdf.CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    from tests.browser.browser_helpers import serve, site_pages

    import material

    # The run's site has the trimmed stylesheet (site_engine/plugin.py trims it before publishing);
    # a copy of it gets Material's own back, for the comparison.
    trimmed = built_site
    [original] = (Path(material.__file__).parent / "templates").glob(material_css.PUBLISHED)
    untrimmed = tmp_path / "site"
    shutil.copytree(built_site, untrimmed)
    [published] = untrimmed.glob(material_css.PUBLISHED)
    shutil.copyfile(original, published)
    assert next(trimmed.glob(material_css.PUBLISHED)).stat().st_size < 0.9 * original.stat().st_size
    pages = [p for p in PAGES if p in site_pages(built_site)]
    assert len(pages) >= 6, pages
    differences = []
    with serve(untrimmed) as full_url, serve(trimmed) as trimmed_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=pdf.CHROMIUM, args=pdf.CHROMIUM_ARGS)
        try:
            for scheme in ("light", "dark"):
                for width in (390, 1280):
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    page = context.new_page()
                    for path in pages:
                        seen = []
                        for base in (full_url, trimmed_url):
                            page.goto(base + path)
                            page.wait_for_load_state("load")  # then _settled: two equal reads
                            # No transitions: the two loads are read at the end state, not mid-way; every
                            # block laid out (the site's content-visibility: auto sizes a block it has not yet
                            # rendered by a placeholder, which depends on timing, not on the stylesheet).
                            page.add_style_tag(content="*,*::before,*::after{transition:none!important;animation:none!important;"
                                                       "content-visibility:visible!important}")
                            states = [_settled(page)]
                            # The drawer and the search open, as their toggles (checkboxes) put them.
                            page.evaluate("() => { for (const id of ['__drawer', '__search']) document.getElementById(id).checked = true; }")
                            states.append(_settled(page))
                            seen.append(states)
                        for state, (full, trim) in enumerate(zip(*seen)):
                            if full != trim:
                                diff = next((f, t) for f, t in zip(full, trim) if f != t) if len(full) == len(trim) else (len(full), len(trim))
                                differences.append(f"{path} {scheme} {width}px state {state}: {diff}")
                    context.close()
        finally:
            browser.close()
    assert not differences, "\n".join(differences[:6])
