"""Interview quotations in a real browser (Debian's Chromium): the filter, its URL state,
instant navigation, the keyboard, and the page without JavaScript."""
from __future__ import annotations

import pytest

from tests.quote_helpers import VISIBLE_IDS, _expected, _rows, chromium, served_built_site  # noqa: F401  (fixtures)


@pytest.mark.browser
def test_filter_reads_and_writes_the_url(served_built_site, chromium):
    page = chromium.new_page()
    page.goto(served_built_site + "/quotes/all/?study=korea_uk&country=Korea")
    page.wait_for_function("() => !document.getElementById('quote-filter').hidden")
    expected = _expected(study="korea_uk", country="Korea")
    assert page.evaluate(VISIBLE_IDS) == expected
    assert page.text_content("#qf-status") == f"{len(expected)} of {len(_rows())} quotations match the filter."
    page.select_option("#qf-country", "UK")
    assert "country=UK" in page.url and "study=korea_uk" in page.url
    assert page.evaluate(VISIBLE_IDS) == _expected(study="korea_uk", country="UK")
    page.close()


@pytest.mark.browser
def test_filter_works_with_the_keyboard_alone(served_built_site, chromium):
    page = chromium.new_page()
    page.goto(served_built_site + "/quotes/all/")
    page.wait_for_function("() => !document.getElementById('quote-filter').hidden")
    page.focus("#qf-study")
    for _ in range(4):  # Tab from the study select (past theme, country, kind) to the words field
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "qf-text"
    page.keyboard.type("meteorology")
    page.wait_for_function("() => new URL(location.href).searchParams.get('text') === 'meteorology'")
    assert not page.is_visible(".md-search__output"), "the filter's parameter opened Material's search"
    visible = page.evaluate(VISIBLE_IDS)
    assert visible and set(visible) <= {"ku-korean-drivers-06", "ku-korean-drivers-07"}
    assert page.text_content("#qf-status").startswith(f"{len(visible)} of ")
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "qf-study"
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => new URL(location.href).searchParams.get('study') === 'china_uk'")
    assert page.evaluate(VISIBLE_IDS) == []  # no China-UK quotation mentions meteorology
    assert page.text_content("#qf-status").startswith("0 of ")
    page.close()


@pytest.mark.browser
def test_filter_starts_after_instant_navigation_and_permalinks_land(served_built_site, chromium):
    page = chromium.new_page()
    page.goto(served_built_site + "/quotes/")
    page.wait_for_function("() => typeof document$ !== 'undefined'")
    page.evaluate("window.__same_document = true")
    page.locator("article").get_by_role("link", name="All quotations", exact=True).first.click()
    page.wait_for_function("() => location.pathname.endsWith('/quotes/all/')")
    page.wait_for_function("() => document.getElementById('quote-filter') && !document.getElementById('quote-filter').hidden")
    assert page.evaluate("window.__same_document === true"), "the page reloaded: instant navigation was not used"
    page.select_option("#qf-study", "china_uk")
    assert page.evaluate(VISIBLE_IDS) == _expected(study="china_uk")
    # A permalink whose quotation a shared filter would hide clears the filter.
    page.goto(served_built_site + "/quotes/all/?study=china_uk#q-ku-labour-01")
    page.wait_for_function("() => !document.getElementById('quote-filter').hidden")
    assert page.is_visible("#q-ku-labour-01")
    page.close()


@pytest.mark.browser
def test_without_javascript_every_quote_is_listed(served_built_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_built_site + "/quotes/all/")
    assert page.locator("figure.irc-quote").count() == len(_rows())
    assert page.locator("figure.irc-quote:visible").count() == len(_rows())
    assert not page.is_visible("#quote-filter")
    page.click("#q-cu-initiation-01 details.irc-cite summary")  # the card's one disclosure opens without scripts
    about = page.locator("#q-cu-initiation-01 .irc-quote__about")
    assert about.is_visible()
    # Everything the disclosure says is in the page, not loaded: record, source, theme, marking,
    # speaker as printed, how to cite it, its permalink, the study's citation and the four formats.
    for text in ("UK-R3 in china_uk_participants.csv", "Academic title: Consultant", "line 469 of the source text",
                 "Marking in the source: quotation marks", "Speaker as printed: UK-R3"):
        assert text in about.inner_text(), text
    box = page.locator("#q-cu-initiation-01 details.irc-cite")
    assert "Cite it as (UK-R3, as cited in Yu, 2022)" in box.inner_text()
    for name in ("china_uk_participants.csv", "Initiation › Prior personal networks", "#cu-initiation-01",
                 "How to cite the study this excerpt comes from", "This quotation in APA 7, Chicago, BibTeX and RIS"):
        assert box.get_by_role("link", name=name, exact=True).is_visible(), name
    context.close()



@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_opened_card_loads_its_formats_and_passes_axe(served_built_site, chromium, scheme):
    """The card's disclosure, open: cite.js puts the four formats in place of the link to them and
    keeps the rest; axe-core finds no WCAG 2.1 A/AA violation in the card, in either scheme."""
    from tests.browser.browser_helpers import WCAG_TAGS, axe_script_path

    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(served_built_site + "/quotes/all/")
    page.wait_for_function("() => !document.getElementById('quote-filter').hidden")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == {"light": "default", "dark": "slate"}[scheme]
    card = page.locator("#q-ku-korean-drivers-06")
    card.locator("summary").click()
    card.locator("pre.irc-cite__text").first.wait_for(state="visible", timeout=10_000)
    assert card.locator("a.irc-cite__all").count() == 0
    assert card.locator(".irc-quote__about").is_visible() and card.locator(".irc-quote__permalink").is_visible()
    assert "Copy a format" in card.locator(".irc-cite__meta").inner_text()
    page.add_script_tag(path=str(axe_script_path()))
    violations = page.evaluate(
        """tags => axe.run('#q-ku-korean-drivers-06', {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
             .then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))""",
        WCAG_TAGS,
    )
    assert violations == [], violations
    context.close()
