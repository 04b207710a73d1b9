"""Charts in Chromium: static SVG at first paint (with and without JavaScript), upgrade, re-theme, instant navigation."""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import chart_pages, format_failures, static_chart_problems

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def charted(site_dir) -> list[str]:
    found = chart_pages(site_dir)
    # The China-UK methods page carries the first chart of the site; no chart page at all means the include broke.
    assert found, "no page of the built site contains a figure.irc-chart"
    return found


@pytest.mark.parametrize("scheme", ["light"])  # read from the light walk: every page loaded afresh
def test_static_svg_shows_at_first_paint(crawl, charted, scheme):
    failures = {path: crawl[scheme][path].charts for path in charted if crawl[scheme][path].charts}
    assert not failures, format_failures(failures)


def test_static_svg_shows_at_first_paint_in_the_dark_scheme(new_context, charted):
    """The dark walk reaches chart pages by instant navigation: here each is loaded afresh in dark."""
    context, recorder = new_context("dark")
    page = context.new_page()
    failures = {}
    for path in charted:
        recorder.reset()
        page.goto(path)
        recorder.settle(page)
        problems = static_chart_problems(page) + recorder.problems()
        if problems:
            failures[path] = problems
    page.close()
    assert not failures, format_failures(failures)


def test_static_svg_needs_no_javascript(new_context, charted):
    context, _ = new_context("light", java_script_enabled=False)
    page = context.new_page()
    failures = {}
    for path in charted:
        page.goto(path)
        page.wait_for_load_state("load")
        # Without scripts the palette is never applied: the light SVG must show on its own.
        problems = [p for p in static_chart_problems(page) if "before any interaction" not in p]
        if problems:
            failures[path] = problems
    page.close()
    assert not failures, format_failures(failures)


@pytest.mark.parametrize("scheme", ["light"])  # the light walk uses the charts of every chart page (tests/browser/crawl.py)
def test_charts_upgrade_and_follow_the_palette_toggle(crawl, charted, scheme):
    """The toggle swaps the static picture; the button upgrades every chart, which loads the
    Vega bundle once; the toggle, twice more, redraws the interactive charts each time."""
    failures = {path: crawl[scheme][path].interaction for path in charted if crawl[scheme][path].interaction}
    assert not failures, format_failures(failures)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_loads_the_vega_bundle_before_interaction(crawl, scheme):
    # The interactive view is fetched only when a reader reaches for a chart; a page that
    # pulls the bundle on load pays about 300 KB for nothing.
    failures = {}
    for path, rec in crawl[scheme].items():
        loaded = [u for u in rec.requests if "vega-bundle" in u or u.endswith(".vl.json")]
        if loaded:
            failures[f"{path} ({scheme})"] = loaded
    assert not failures, format_failures(failures)


@pytest.mark.parametrize("scheme", ["dark"])  # the dark walk moves by instant navigation (tests/browser/crawl.py)
def test_charts_work_after_instant_navigation(crawl, charted, scheme):
    """Each chart page reached through Material's instant loader: static pictures, upgrade, re-theme."""
    failures = {}
    for path in charted:
        rec = crawl[scheme][path]
        problems = ([] if rec.same_document else ["full page load instead of instant navigation"]) + rec.charts + rec.interaction
        if problems:
            failures[path] = problems
    assert not failures, format_failures(failures)
