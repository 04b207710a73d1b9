"""A link to a place in a page lands on it, on a phone and a laptop: the last quotation card of
the all-quotations page and the last table or chart of the quantitative page, reached from
another page and from the top of the same page (docs/javascripts/anchors.js). Blocks off screen
are drawn at estimated heights (docs/stylesheets/offscreen.css), which moved targets away: a
jump to a card left its top 137 px above the top of a phone's screen, and one to a table near
the end of the quantitative page left it 229 px above the top of a laptop's."""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import format_failures, page_file
from tests.conftest import parsed

pytestmark = pytest.mark.browser

DEVICES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
    "laptop": {"viewport": {"width": 1280, "height": 800}},
}
TARGETS = {"/quotes/all/": "figure.irc-quote[id]", "/china-uk/quantitative/": "figure.irc-chart[id], .irc-table[id]"}
# Where the browser puts a target: its top at the scroll container's scroll-padding (Material's
# header), or lower on screen when the page ends before the target could reach the top.
OFFSET_JS = """id => {
  const el = document.getElementById(id), root = document.documentElement;
  const pad = parseFloat(getComputedStyle(root).scrollPaddingTop) || 0;
  const margin = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
  const offset = Math.round(el.getBoundingClientRect().top - pad - margin);
  const atEnd = window.scrollY >= root.scrollHeight - window.innerHeight - 1;
  return atEnd && offset > 0 && el.getBoundingClientRect().top < window.innerHeight ? 0 : offset;
}"""


def _settled(page) -> None:
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(300)


def _last_target(site_dir, path: str, selector: str) -> str:
    """The id of the page's last element that selector matches, read from the built page (not
    inside a <template>, whose content is not part of the document until a script adds it)."""
    found = [el for el in parsed(page_file(site_dir, path)).select(selector) if el.find_parent("template") is None]
    assert found, f"{path} has no {selector}"
    return found[-1]["id"]


@pytest.mark.parametrize("device", list(DEVICES))
def test_a_link_to_a_place_lands_on_it(new_context, pages, site_dir, device):
    context, recorder = new_context("light", **DEVICES[device])
    page = context.new_page()
    failures = {}
    for path, selector in TARGETS.items():
        if path not in pages:
            continue
        last = _last_target(site_dir, path, selector)
        page.goto("/")
        recorder.settle(page)
        page.goto(f"{path}#{last}")  # from another page
        _settled(page)
        assert page.evaluate("([s, id]) => { const all = document.querySelectorAll(s); return all[all.length - 1].id === id; }",
                             [selector, last]), f"{path}: #{last} is not the last {selector} in the page as loaded"
        offsets = {"from another page": page.evaluate(OFFSET_JS, last)}
        page.evaluate("() => window.scrollTo(0, 0)")
        _settled(page)
        page.evaluate("""id => { const a = document.createElement('a'); a.href = '#' + id; a.textContent = 'jump';
                                 document.querySelector('.md-content').prepend(a); a.click(); }""", last)
        _settled(page)
        offsets["from the same page"] = page.evaluate(OFFSET_JS, last)
        for how, offset in offsets.items():
            if abs(offset) > 2:
                failures.setdefault(f"{path}#{last}", []).append(f"{how}: its top is {offset} px from where the jump puts it")
    page.close()
    assert not failures, f"{device}:\n" + format_failures(failures)
