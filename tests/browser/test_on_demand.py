"""What a page loads before the reader does anything, and what comes when they do
(transforms/assets.py, docs/javascripts/loader.js): chart and citation code only on reach,
the record lines of a compact cite box once it opens, each page's own rules after instant
navigation, and everything still usable without JavaScript."""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import chart_pages, instant_visit

pytestmark = pytest.mark.browser

ON_DEMAND = ("/javascripts/charts.min.js", "/javascripts/cite.min.js")


def _loaded(recorder, name: str) -> bool:
    return any(u.split("?")[0].endswith(name) for u in recorder.requests)


@pytest.fixture(scope="module")
def chart_page(site_dir) -> str:
    pages = [p for p in chart_pages(site_dir) if p != "/"] or chart_pages(site_dir)
    assert pages, "no page with a chart"
    return pages[0]


def test_a_chart_page_loads_chart_and_citation_code_only_when_the_reader_reaches(new_context, chart_page):
    context, recorder = new_context("light")
    page = context.new_page()
    page.goto(chart_page)
    recorder.settle(page)
    assert not [name for name in ON_DEMAND if _loaded(recorder, name)], recorder.requests
    figure = page.locator("figure.irc-chart").first
    button = figure.locator("button.irc-chart__explore")
    button.wait_for(state="visible")
    # The Table tab needs no script beyond site.js: its rows are in place at once.
    figure.locator(".tabbed-labels label", has_text="Table").click()
    assert figure.locator(".irc-frame__table table tbody tr").first.is_visible()
    assert not _loaded(recorder, "/javascripts/charts.min.js")
    figure.locator(".tabbed-labels label", has_text="Chart").click()
    figure.locator(".irc-chart__view").hover()
    page.wait_for_function("f => f.getAttribute('data-state') === 'interactive'", arg=figure.element_handle(), timeout=15_000)
    assert _loaded(recorder, "/javascripts/charts.min.js") and button.count() == 0
    recorder.settle(page)
    assert not recorder.problems(), recorder.problems()
    page.close()


def test_a_compact_cite_box_shows_its_address_version_and_licence_once_opened(new_context, site_dir):
    # A table's box: a closed <details> after the table (fragments/templates/cite_box.html.j2).
    path = next(p for p in chart_pages(site_dir)
                if 'class="irc-table__meta"' in (site_dir / p.strip("/") / "index.html").read_text(encoding="utf-8"))
    context, recorder = new_context("dark")
    page = context.new_page()
    page.goto(path)
    recorder.settle(page)
    box = page.locator(".irc-table__meta details.irc-cite[data-cite-src]").first
    anchor = box.get_attribute("data-cite-src").split("#cite-", 1)[1]
    assert box.locator(".irc-cite__meta").count() == 0 and f"#{anchor}" not in box.inner_text()
    assert box.locator("a.irc-cite__all").get_attribute("href").endswith(f"citations.html#cite-{anchor}")
    box.locator("summary").click()
    box.locator("pre.irc-cite__text").first.wait_for(state="visible", timeout=10_000)
    assert box.locator(".irc-cite__meta").count() == 1
    meta = box.locator(".irc-cite__meta").inner_text()
    assert f"/#{anchor}" in meta and "Licence" in meta and "Copy a format" in meta, meta
    assert box.locator("pre.irc-cite__text").count() == 4 and box.locator("a.irc-cite__all").count() == 0
    assert _loaded(recorder, "/javascripts/cite.min.js")
    assert not recorder.problems(), recorder.problems()
    page.close()


def test_instant_navigation_brings_the_rules_of_the_next_page(new_context, chart_page):
    """A page's inline stylesheet holds only its own rules; Material's instant navigation swaps
    the <head>'s <style> for the next page's, so quotation cards reached that way are styled."""
    context, recorder = new_context("light")
    page = context.new_page()
    page.goto(chart_page)
    recorder.settle(page)
    page.evaluate("window.__ircSameDocument = true")
    own = "() => [...document.head.querySelectorAll('style')].map(s => s.textContent).join('')"
    # The premise of the test: the page navigated from has no quotation card rules of its own.
    assert "irc-quote" not in page.evaluate("() => document.querySelector('article').innerHTML"), (
        f"{chart_page} shows quotations itself: start this test from a page without them")
    assert "irc-quote__text" not in page.evaluate(own)
    instant_visit(page, recorder, "/quotes/all/")
    assert page.evaluate("window.__ircSameDocument === true"), "full page load instead of instant navigation"
    assert "irc-quote__text" in page.evaluate(own)
    style = page.evaluate("""() => { const q = document.querySelector('blockquote.irc-quote__text--verbatim');
                                      return getComputedStyle(q).borderLeftStyle; }""")
    assert style == "solid"
    assert not recorder.problems(), recorder.problems()
    page.close()


def test_without_javascript_a_chart_page_offers_no_dead_button_and_links_its_citations(new_context, chart_page):
    context, recorder = new_context("light", java_script_enabled=False)
    page = context.new_page()
    page.goto(chart_page)
    figure = page.locator("figure.irc-chart").first
    assert figure.locator("button.irc-chart__explore").count() == 1
    assert not figure.locator("button.irc-chart__explore").is_visible()
    box = page.locator("details.irc-cite[data-cite-src]").first
    box.evaluate("b => b.open = true")
    link = box.locator("a.irc-cite__all")
    assert link.is_visible() and "address, version and licence" in link.inner_text()
    page.close()


def test_controls_shown_by_scripts_keep_their_room_from_the_first_paint(new_context):
    """Before quotes.js runs, the quote filter already takes its room, unseen (data-irc-js,
    overrides/main.html): showing it moves nothing below it (a layout shift Lighthouse counted)."""
    context, recorder = new_context("light")
    page = context.new_page()
    held = []
    page.route("**/javascripts/quotes.min.js", lambda route: held.append(route))
    page.goto("/quotes/all/", wait_until="domcontentloaded")  # "load" would wait for the held script
    page.wait_for_function("() => document.documentElement.hasAttribute('data-irc-js')")
    first = page.locator("figure.irc-quote").first
    form = page.locator("#quote-filter")
    before = first.bounding_box()["y"]
    assert form.evaluate("f => f.hidden && getComputedStyle(f).visibility === 'hidden' && f.getBoundingClientRect().height > 0")
    for route in held:
        route.continue_()
    page.wait_for_function("() => !document.getElementById('quote-filter').hidden")
    assert form.is_visible() and abs(first.bounding_box()["y"] - before) < 1
    page.close()
