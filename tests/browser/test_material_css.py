"""Material's main stylesheet trimmed by the build (transforms/material_css.py) styles every page
as Material's own file would, shown in the browser in two parts that together prove it:

- the trimmed file is Material's own less whole rules: Chromium parses both, and the trimmed
  file's rules (one entry per selector, with its @media/@supports context and declarations)
  are the original's, in the original's order, so every kept rule cascades as before;
- no rule it dropped matched anything: each needs a class (outside a functional
  pseudo-class) that no element carried at any moment of the two walks of every page
  (tests/browser/crawl.py watches every class from the document's start), nor with the
  navigation drawer, the search and its results open on a phone and a laptop.

A selector matches only when elements carry all of its top-level classes, so a rule whose
class never appeared styled nothing. This replaces a comparison of every element's computed
style on eight pages (54 s a run): the walks reach every page, in both schemes, and the
classes their scripts add.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.crawl import CLASSES_SEEN_JS, WATCH_CLASSES_JS
from transforms import material_css

pytestmark = pytest.mark.browser

# One entry per selector of each style rule ([context, selector, declarations]); other rules whole.
RULES_JS = """css => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const split = text => {
    const parts = [];
    let depth = 0, start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (c === ',' && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; }
    }
    parts.push(text.slice(start).trim());
    return parts;
  };
  const out = [];
  const walk = (rules, context) => {
    for (const r of rules) {
      if (r instanceof CSSStyleRule) split(r.selectorText).forEach(s => out.push([context, s, r.style.cssText]));
      else if (r instanceof CSSMediaRule || r instanceof CSSSupportsRule) walk(r.cssRules, context + r.cssText.split('{')[0].trim() + ' ');
      else out.push([context, '', r.cssText]);
    }
  };
  walk(sheet.cssRules, '');
  return out;
}"""
_PARENS = re.compile(r"\([^()]*\)")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def _unescaped(rule: list[str]) -> tuple[str, ...]:
    """A rule's text with CSS hex escapes written as the characters they stand for: Material's file
    writes "<" in its icons' data URLs as "\\3c ", the trimmed copy as "<", the same string to CSS."""
    return tuple(_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), part) for part in rule)


def _short(rule) -> str:
    return " ".join(rule)[:160]


def needed(selector: str) -> set[str]:
    """The classes an element (or its ancestors and siblings) must carry for selector to match:
    its .name tokens outside parentheses (:not(.x), :is(.a, .b) need none)."""
    while _PARENS.search(selector):
        selector = _PARENS.sub("", selector)
    return set(_CLASS.findall(selector))


def test_needed_classes_leave_out_functional_pseudo_classes():
    assert needed(".md-nav__link:not(.md-nav__link--active):is(.a,.b)>.md-x::before") == {"md-nav__link", "md-x"}
    assert needed("[data-md-color-scheme=slate] .md-typeset :is(h1,h2)") == {"md-typeset"}


@pytest.fixture(scope="module")
def dropped(browser, site_dir) -> list[tuple[str, ...]]:
    """The rules of Material's own main.css that the build's trimmed copy left out, as Chromium
    parses them; the test fails here if the trimmed copy is anything but the original less rules."""
    import material

    [original] = (Path(material.__file__).parent / "templates").glob(material_css.PUBLISHED)
    [trimmed] = site_dir.glob(material_css.PUBLISHED)
    assert trimmed.name == original.name, "the published file keeps Material's name (its templates link it)"
    page = browser.new_page()
    try:
        full, kept = ([_unescaped(rule) for rule in page.evaluate(RULES_JS, path.read_text(encoding="utf-8"))]
                      for path in (original, trimmed))
    finally:
        page.close()
    assert len(kept) < 0.8 * len(full), f"the trim kept {len(kept)} of {len(full)} rules"
    out, rest = [], iter(full)
    for rule in kept:
        for candidate in rest:
            if candidate == rule:
                break
            out.append(candidate)
        else:
            pytest.fail(f"the trimmed stylesheet has a rule that is not Material's, or out of order: {_short(rule)}")
    out.extend(rest)
    not_style = [rule for rule in out if not rule[1]]
    assert not not_style, f"the trim dropped rules other than style rules: {[_short(r) for r in not_style[:3]]}"
    unjustified = [rule for rule in out if not needed(rule[1])]
    assert not unjustified, f"the trim dropped rules that need no class: {[_short(r) for r in unjustified[:3]]}"
    return out


def _matched(dropped: list[tuple[str, ...]], seen: set[str]) -> list[str]:
    """Dropped selectors whose every needed class was seen on some element."""
    return sorted({f"{context}{selector}" for context, selector, _ in dropped if needed(selector) <= seen})


@pytest.mark.parametrize("scheme", ["light", "dark"])  # read from the walks (tests/browser/crawl.py)
def test_no_dropped_rule_matched_an_element_on_the_walk(crawl, scheme, dropped):
    seen = set().union(*(rec.classes for rec in crawl[scheme].values()))
    assert "md-typeset" in seen and "md-header" in seen, "the walk saw none of the theme's classes"
    matched = _matched(dropped, seen)
    assert not matched, f"{len(matched)} dropped rules may have matched on the {scheme} walk:\n" + "\n".join(matched[:12])


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 800}, {"width": 1280, "height": 900}], ids=["phone", "laptop"])
def test_no_dropped_rule_matches_with_the_drawer_and_the_search_open(new_context, viewport, dropped):
    context, recorder = new_context("light", viewport=viewport)
    context.add_init_script(WATCH_CLASSES_JS)
    page = context.new_page()
    page.goto("/china-uk/quantitative/")
    recorder.settle(page)
    button = page.locator("label.md-header__button[for=__drawer]")
    if button.is_visible():
        button.click()
        page.locator(".md-nav--primary").first.wait_for(state="visible")
        page.keyboard.press("Escape")
    page.keyboard.press("/")  # Material's search shortcut opens the search, on a phone too
    page.locator("input.md-search__input").wait_for(state="visible")
    page.keyboard.type("collaboration")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    seen = set(page.evaluate(CLASSES_SEEN_JS))
    assert {"md-search-result__item", "md-search-result__link"} <= seen, sorted(seen)
    matched = _matched(dropped, seen)
    assert not matched, f"{len(matched)} dropped rules may have matched:\n" + "\n".join(matched[:12])
    assert not recorder.problems(), recorder.problems()
    page.close()
