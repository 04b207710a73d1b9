"""Charts in Chromium: static SVG at first paint (with and without JavaScript), upgrade, re-theme, instant navigation."""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import (
    chart_pages,
    instant_visit,
    retheme_problems,
    static_chart_problems,
    toggle_scheme,
    upgrade_chart_problems,
    format_failures,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def charted(site_dir) -> list[str]:
    found = chart_pages(site_dir)
    # The China-UK methods page carries the first chart of the site; no chart page at all means the include broke.
    assert found, "no page of the built site contains a figure.irc-chart"
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_static_svg_shows_at_first_paint(new_context, charted, scheme):
    context, recorder = new_context(scheme)
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


def test_charts_upgrade_and_follow_the_palette_toggle(new_context, charted):
    failures = {}
    for path in charted:
        context, recorder = new_context("light")
        page = context.new_page()
        page.goto(path)
        recorder.settle(page)
        problems = []
        # Before the upgrade the toggle swaps the static SVG for the other scheme's.
        toggle_scheme(page)
        problems += static_chart_problems(page)
        toggle_scheme(page)
        problems += upgrade_chart_problems(page)
        problems += retheme_problems(page)
        problems += retheme_problems(page)  # and back again
        problems += recorder.problems()
        bundle = [u for u in recorder.requests if "vega-bundle" in u]
        if len(bundle) != 1:
            problems.append(f"the Vega bundle was requested {len(bundle)} times (expected once): {bundle}")
        if problems:
            failures[path] = problems
        page.close()
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


def test_charts_work_after_instant_navigation(new_context, charted):
    """Reach each chart page from the home page through Material's instant loader, then re-check."""
    context, recorder = new_context("light")
    page = context.new_page()
    failures = {}
    for path in charted:
        page.goto("/")
        recorder.settle(page)
        page.evaluate("window.__ircSameDocument = true")
        recorder.reset()
        page.evaluate(
            "p => { const a = document.createElement('a'); a.href = p; a.id = 'irc-go'; a.textContent = 'go';"
            " document.querySelector('article').prepend(a); }",
            path,
        )
        page.locator("#irc-go").click()
        page.wait_for_url(lambda url: url.endswith(path))
        page.wait_for_function("() => !document.getElementById('irc-go')")
        recorder.settle(page)
        problems = []
        if not page.evaluate("window.__ircSameDocument === true"):
            problems.append("full page load instead of instant navigation")
        problems += static_chart_problems(page)
        problems += upgrade_chart_problems(page)
        problems += retheme_problems(page)
        problems += recorder.problems()
        if problems:
            failures[path] = problems
        toggle_scheme(page)  # leave the context's stored palette on light for the next round
    page.close()
    assert not failures, format_failures(failures)
