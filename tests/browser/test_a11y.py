"""Accessibility: axe-core's WCAG 2.1 A/AA rules on every page in both schemes, and keyboard use."""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import page_file, format_failures

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations(crawl, scheme):
    failures = {}
    for path, rec in crawl[scheme].items():
        for v in rec.violations:
            nodes = "; ".join(f"{n['target']}: {n['summary']}".replace("\n", " ") for n in v["nodes"])
            failures.setdefault(path, []).append(f"{v['id']} ({v['impact']}, {v['count']} nodes): {v['help']} -> {nodes}")
    assert not failures, f"axe-core WCAG 2.1 A/AA violations ({scheme}):\n" + format_failures(failures)


def _quote_filter_page(site_dir, pages) -> str:
    for path in pages:
        if 'id="quote-filter"' in page_file(site_dir, path).read_text(encoding="utf-8"):
            return path
    pytest.fail("no page in the sitemap holds the quote filter (form#quote-filter)")


VISIBLE_QUOTES_JS = "() => Array.from(document.querySelectorAll('figure.irc-quote')).filter(q => !q.closest('[hidden]')).length"


def _tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching selector has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received the focus after {limit} presses of Tab")


def test_quote_filter_works_with_the_keyboard_alone(new_context, site_dir, pages):
    path = _quote_filter_page(site_dir, pages)
    context, recorder = new_context("light")
    page = context.new_page()
    page.goto(path)
    recorder.settle(page)
    assert page.locator("#quote-filter").is_visible(), "the filter form stays hidden with JavaScript on"
    total = page.evaluate(VISIBLE_QUOTES_JS)
    assert total > 1, f"{path}: expected a list of quotations, found {total}"

    # 1. A select: Tab to it, pick the first real option with the arrow key.
    _tab_to(page, "#quote-filter select")
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"n => ({VISIBLE_QUOTES_JS})() < n", arg=total, timeout=5_000)
    narrowed = page.evaluate(VISIBLE_QUOTES_JS)
    assert 0 < narrowed < total
    assert page.locator("#qf-status").inner_text().strip(), "the live status line says nothing after filtering"

    # 2. The text box: Tab on to it and type a word from a quotation still shown.
    word = page.evaluate(
        """() => {
             const q = Array.from(document.querySelectorAll('figure.irc-quote')).find(q => !q.closest('[hidden]'));
             const words = q.querySelector('blockquote').textContent.match(/[A-Za-z]{7,}/g) || [];
             return words.sort((a, b) => b.length - a.length)[0];
           }"""
    )
    assert word, "no word to search for in the first quotation shown"
    _tab_to(page, "#quote-filter input")
    page.keyboard.type(word)
    # The text box applies after a short pause in typing, and then keeps the words in the address.
    page.wait_for_function("w => new URL(location.href).searchParams.get('text') === w", arg=word, timeout=5_000)
    found = page.evaluate(VISIBLE_QUOTES_JS)
    assert 1 <= found <= narrowed, f"typing {word!r} left {found} quotations (had {narrowed})"

    # 3. Clear: Tab to the reset button and press Enter; everything is back.
    _tab_to(page, "#quote-filter button[type=reset]")
    page.keyboard.press("Enter")
    page.wait_for_function(f"n => ({VISIBLE_QUOTES_JS})() === n", arg=total, timeout=5_000)
    assert not recorder.problems(), recorder.problems()
    page.close()


def test_citations_document_passes_axe(new_context, site_dir, pages):
    """A page's citations.html (the formats of its cite boxes) is a document of its own: check it too."""
    from tests.browser.conftest import axe_violations

    target = next((p for p in pages if (page_file(site_dir, p).parent / "citations.html").is_file()), None)
    assert target, "no page has a citations.html beside it"
    failures = {}
    for scheme in ("light", "dark"):
        context, recorder = new_context(scheme)
        page = context.new_page()
        page.goto(target + "citations.html")
        recorder.settle(page)
        assert page.locator("main section[id^=cite-]").count() >= 1
        for v in axe_violations(page):
            nodes = "; ".join(f"{n['target']}: {n['summary']}".replace("\n", " ") for n in v["nodes"])
            failures.setdefault(f"{target}citations.html ({scheme})", []).append(f"{v['id']} ({v['impact']}): {v['help']} -> {nodes}")
        problems = recorder.problems()
        if problems:
            failures.setdefault(f"{target}citations.html ({scheme})", []).extend(problems)
        page.close()
    assert not failures, "citations.html:\n" + format_failures(failures)


# Where a focused element's ring would be drawn, and what of it the frame around it lets paint:
# content-visibility: auto (docs/stylesheets/offscreen.css) contains paint, which clips at the
# frame's edge plus its overflow-clip-margin.
RING_CLIPPED_JS = """
(el) => {
  const cs = getComputedStyle(el);
  const reach = parseFloat(cs.outlineOffset || '0') + parseFloat(cs.outlineWidth || '0');
  const frame = el.closest('figure.irc-chart, .irc-table, figure.irc-quote');
  const fs = getComputedStyle(frame);
  if (fs.contentVisibility !== 'auto') return [];
  const margin = parseFloat(fs.overflowClipMargin || '0') || 0;
  const r = el.getBoundingClientRect(), f = frame.getBoundingClientRect();
  const out = [];
  if (r.left - reach < f.left - margin) out.push('left');
  if (r.top - reach < f.top - margin) out.push('top');
  if (r.right + reach > f.right + margin) out.push('right');
  return out;
}
"""


@pytest.mark.parametrize("control", ["figure.irc-chart a.irc-frame__title", "figure.irc-quote summary"])
def test_focus_ring_of_a_control_at_a_frame_edge_is_not_clipped(new_context, site_dir, pages, control):
    """The first chart's title link and the first quotation card's "Source and citation" control,
    each the first focusable element of a block that content-visibility: auto contains."""
    marker = 'class="irc-frame__title' if "chart" in control else 'class="irc-quote '
    path = next(p for p in pages if marker in page_file(site_dir, p).read_text(encoding="utf-8"))
    context, recorder = new_context("light", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(path)
    recorder.settle(page)
    _tab_to(page, control)
    clipped = page.evaluate(RING_CLIPPED_JS, page.locator(control).first.element_handle())
    assert not clipped, f"{path}: the focus ring of the first {control} is clipped on its {', '.join(clipped)} side(s)"
    page.close()


def test_axe_runs_with_every_skipped_block_drawn_and_the_page_is_put_back(new_context, pages):
    """crawl.AXE_RUN: while axe runs, no block is left for the browser to skip (axe cannot
    measure what is not drawn); after it, the blocks skip again with their own style as before."""
    from tests.browser.crawl import AXE_RUN

    path = "/china-uk/quantitative/" if "/china-uk/quantitative/" in pages else pages[0]
    context, recorder = new_context("light")
    page = context.new_page()
    page.goto(path)
    recorder.settle(page)
    state_js = """() => [...document.querySelectorAll('body *')].filter(el => getComputedStyle(el).contentVisibility === 'auto')
                          .map(el => el.getAttribute('style'))"""
    before = page.evaluate(state_js)
    assert before, f"{path}: no block skippable off screen (docs/stylesheets/offscreen.css)"
    page.add_script_tag(content=f"window.axe = {{run: async () => {{ window.__skippedDuringRun = ({state_js})().length; return {{violations: []}}; }}}};")
    assert page.evaluate(AXE_RUN, ["wcag2a"]) == []
    assert page.evaluate("window.__skippedDuringRun") == 0
    assert page.evaluate(state_js) == before
    page.close()
