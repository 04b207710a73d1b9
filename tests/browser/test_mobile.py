"""The narrowest common phone (360 x 800): nothing overflows sideways, tables fit or scroll in their own box, charts fit."""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import PHONE, chart_pages, format_failures, park_pointer

pytestmark = pytest.mark.browser

# Elements wider than the screen are allowed only inside a box that scrolls (or clips)
# and itself fits the screen: a wide table in its scroll wrapper, a long code line.
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`page scrolls sideways: scrollWidth ${document.documentElement.scrollWidth} > innerWidth ${window.innerWidth}`);
  }
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.classList.length ? '.' + Array.from(el.classList).slice(0, 2).join('.') : '');
  // The clipping ancestor that keeps el on screen, else the nearest clipping ancestor (or null).
  const box = el => {
    let nearest = null;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (!/(auto|scroll|hidden|clip)/.test(getComputedStyle(a).overflowX)) continue;
      if (a.getBoundingClientRect().right <= width + 1) return a;
      nearest = nearest || a;
    }
    return nearest;
  };
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    const holder = box(el);
    if (holder && holder.getBoundingClientRect().right <= width + 1) continue;
    problems.push(`${name(el)} reaches ${Math.round(r.right)}px on a ${width}px screen` +
                  (holder ? ` (its scroll box ${name(holder)} too)` : ' (not inside a scrolling box)'));
    if (problems.length >= 8) break;
  }
  for (const table of document.querySelectorAll('.md-content table')) {
    const holder = box(table);
    if (table.getBoundingClientRect().width > width && (!holder || !/(auto|scroll)/.test(getComputedStyle(holder).overflowX))) {
      problems.push(`${name(table)} is wider than the screen and not in a box that scrolls`);
    }
  }
  for (const img of document.querySelectorAll('figure.irc-chart img.irc-chart__svg')) {
    const r = img.getBoundingClientRect();
    const fig = img.closest('figure').getBoundingClientRect();
    if (r.width > 0 && (r.width > fig.width + 1 || r.right > width + 1)) {
      problems.push(`chart image ${img.closest('figure').id} is ${Math.round(r.width)}px wide in a ${Math.round(fig.width)}px figure`);
    }
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def phone(new_context):
    context, recorder = new_context("light", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page, recorder
    page.close()


def test_nothing_overflows_on_a_phone(phone, pages):
    page, recorder = phone
    failures = {}
    for path in pages:
        recorder.reset()
        page.goto(path)
        recorder.settle(page)
        park_pointer(page)
        problems = page.evaluate(OVERFLOW_JS) + recorder.problems()
        if problems:
            failures[path] = problems
    assert not failures, "at 360 x 800:\n" + format_failures(failures)


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
