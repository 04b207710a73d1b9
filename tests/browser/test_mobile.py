"""The narrowest common phone (360 x 800): nothing overflows sideways, tables fit or scroll in their own box, charts fit.

Every page at 360 px is checked on the light walk of the site (tests/browser/crawl.py: the page
loaded on a laptop screen, then narrowed); the interactive charts on a phone-sized touch screen here.
"""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import PHONE, chart_pages, format_failures
from tests.browser.crawl import OVERFLOW_JS

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def phone(new_context):
    context, recorder = new_context("light", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page, recorder
    page.close()


@pytest.mark.parametrize("scheme", ["light"])  # read from the light walk (tests/browser/crawl.py)
def test_nothing_overflows_on_a_phone(crawl, scheme):
    failures = {path: rec.overflow for path, rec in crawl[scheme].items() if rec.overflow}
    assert not failures, "at 360 px:\n" + format_failures(failures)


def test_interactive_charts_fit_a_phone(phone, site_dir):
    page, recorder = phone
    failures = {}
    for path in chart_pages(site_dir):
        recorder.reset()
        page.goto(path)
        recorder.settle(page)
        problems = []
        figures = page.locator("figure.irc-chart")
        for i in range(figures.count()):
            figures.nth(i).locator("button.irc-chart__explore").tap()
            try:
                figures.nth(i).locator(".vega-embed svg").first.wait_for(state="visible", timeout=10_000)
            except Exception:  # noqa: BLE001
                problems.append(f"#{figures.nth(i).get_attribute('id')}: no interactive view after a tap")
        problems += page.evaluate(OVERFLOW_JS) + recorder.problems()
        if problems:
            failures[path] = problems
    assert not failures, "interactive charts at 360 x 800:\n" + format_failures(failures)
