"""The two walks of the whole site that most browser checks read (tests/browser/conftest.py: crawl).

Loading a page costs more than checking it, so each page is loaded once per walk and every
check that needs that page in that state is made on it, in an order where no check sees
what an earlier one did to the page:

- **light**: every page loaded afresh on a laptop screen. axe-core; the colour scheme
  shown; console errors and requests; each chart's static picture and the size of its text
  as shown; then the same page narrowed to a phone's 360 px (nothing may overflow sideways;
  chart text as shown there); then, on chart pages, a reader's use of the charts (the
  palette toggle before and after the interactive upgrade).
- **dark**: one fresh load of the home page, then every page (the home page again last)
  reached the way a reader moves on, by Material's instant navigation: axe-core, the scheme,
  errors and requests, and on chart pages their static picture, its text as shown on the
  laptop screen and narrowed to 360 px, the upgrade and re-theme.

Each page's findings are a PageRecord; the tests in test_a11y, test_pages, test_charts,
test_legibility and test_mobile read them, each test one kind of finding.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tests.browser.browser_helpers import (
    DESKTOP,
    PHONE,
    WCAG_TAGS,
    axe_script_path,
    instant_visit,
    park_pointer,
    retheme_problems,
    static_chart_problems,
    toggle_scheme,
    upgrade_chart_problems,
)
from tests.browser.chart_text import LAPTOP_SCREEN, PHONE_SCREEN, chart_text

SCHEMES = ("light", "dark")


@dataclass
class PageRecord:
    path: str
    scheme: str
    problems: list[str] = field(default_factory=list)  # console errors, failed and foreign requests
    violations: list[dict] = field(default_factory=list)  # axe-core
    requests: list[str] = field(default_factory=list)  # before any interaction
    actual_scheme: str = ""
    charts: list[str] = field(default_factory=list)  # static pictures, before any interaction
    interaction: list[str] = field(default_factory=list)  # upgrade, re-theme (chart pages)
    overflow: list[str] = field(default_factory=list)  # at 360 px (light walk)
    chart_text: dict[str, list[dict]] = field(default_factory=dict)  # screen -> CHART_TEXT_JS rows (chart and notebook pages)
    same_document: bool | None = None  # reached without a page load (dark walk; None: loaded afresh)
    classes: set[str] = field(default_factory=set)  # every class any element had while the walk was on the page


# axe-core's WCAG 2.0/2.1 A and AA rules on the whole document: the violations, with up to five nodes each.
# The browser skips the blocks off screen (content-visibility: auto, docs/stylesheets/offscreen.css),
# and axe cannot measure what is not drawn: it left their text "incomplete" (96 nodes of the
# quantitative page unchecked for contrast) and misread cards' links. So axe runs with every
# such block drawn, as each is once the reader scrolls to it, and the blocks are put back after
# (their own style attribute, not a stylesheet for the whole page: that would restyle every element).
# First two frames pass: the page's own work for the next frame is done (a11y.js makes the boxes
# that scroll reachable by keyboard then), which a loaded machine may leave until after the load.
AXE_REPORT = """r => r.violations.map(v => ({
     id: v.id, impact: v.impact, help: v.help,
     nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
     count: v.nodes.length}))"""
AXE_RUN = f"""async tags => {{
  await new Promise(done => {{ requestAnimationFrame(() => requestAnimationFrame(done)); setTimeout(done, 2000); }});
  const skipped = [...document.querySelectorAll('body *')].filter(el => getComputedStyle(el).contentVisibility === 'auto');
  const styles = skipped.map(el => el.getAttribute('style'));
  skipped.forEach(el => el.style.setProperty('content-visibility', 'visible', 'important'));
  try {{
    return ({AXE_REPORT})(await axe.run(document, {{runOnly: {{type: 'tag', values: tags}}, resultTypes: ['violations']}}));
  }} finally {{
    // The attribute is read before it is removed: Chromium, asked to remove a style attribute whose
    // declaration a script changed and nothing read since, leaves it in place, empty (style="").
    skipped.forEach((el, i) => {{
      if (styles[i] !== null) {{ el.setAttribute('style', styles[i]); return; }}
      el.getAttribute('style');
      el.removeAttribute('style');
    }});
  }}
}}"""

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

# Every class name any element carries at any moment, from the document's start: the theme's
# and the site's scripts add and take away classes (an open drawer, an upgraded chart), so a
# read at the end would miss some. In window.__ircClasses, read and emptied by CLASSES_SEEN_JS.
WATCH_CLASSES_JS = """(() => {
  const seen = window.__ircClasses = new Set();
  const take = el => { if (el.classList) for (const c of el.classList) seen.add(c); };
  const takeTree = node => { if (node.nodeType === 1) { take(node); node.querySelectorAll('[class]').forEach(take); } };
  new MutationObserver(records => {
    for (const r of records) { if (r.type === 'attributes') take(r.target); else r.addedNodes.forEach(takeTree); }
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
})();"""
CLASSES_SEEN_JS = "() => { const seen = [...window.__ircClasses]; window.__ircClasses.clear(); return seen; }"

# Material keeps a reader's palette choice in localStorage; the walks forget it after using
# the toggle, so that every later page still shows the scheme the system asks for.
FORGET_PALETTE_JS = "() => Object.keys(localStorage).filter(k => k.endsWith('__palette')).forEach(k => localStorage.removeItem(k))"


# Late requests that change what axe sees: code, styles, a document, data a script fetches.
# Not images or the tab's icon, and not sitemap.xml, which Material's instant loader fetches
# after the load to know the site's own links (the page does not change).
CHANGES_THE_PAGE = {"script", "stylesheet", "document", "fetch", "xhr"}


def _changes_the_page(req) -> bool:
    return req.resource_type in CHANGES_THE_PAGE and not req.url.endswith("/sitemap.xml")


def checked_by_axe(page, recorder) -> list[dict]:
    """axe-core's violations once the page has settled: axe runs while the page's last requests
    finish, and again if one of them could have changed what axe saw (CHANGES_THE_PAGE)."""
    page.wait_for_load_state("load")
    started = len(recorder.seen)
    late = [req for req in recorder.inflight if _changes_the_page(req)]
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)
    recorder.settle(page)
    if late or any(_changes_the_page(req) for req in recorder.seen[started:]):
        violations = page.evaluate(AXE_RUN, WCAG_TAGS)
    return violations


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def _light_visit(page, recorder, path: str, charted: bool, measured: bool) -> PageRecord:
    record = PageRecord(path, "light")
    recorder.reset()
    page.goto(path)
    record.violations = checked_by_axe(page, recorder)
    record.actual_scheme = _scheme(page)
    if charted:
        record.charts = static_chart_problems(page)
    record.requests = list(recorder.requests)
    if measured:
        record.chart_text[LAPTOP_SCREEN] = chart_text(page)
    # The same page on the narrowest common phone.
    page.set_viewport_size(PHONE)
    park_pointer(page)
    record.overflow = page.evaluate(OVERFLOW_JS)
    if measured:
        record.chart_text[PHONE_SCREEN] = chart_text(page)
    page.set_viewport_size(DESKTOP)
    if charted:
        # Before the upgrade the toggle swaps the static SVG for the other scheme's; then the
        # interactive charts, and the toggle twice more (each must redraw them).
        before = len(recorder.requests)
        toggle_scheme(page)
        record.interaction += static_chart_problems(page)
        toggle_scheme(page)
        record.interaction += upgrade_chart_problems(page)
        record.interaction += retheme_problems(page)
        record.interaction += retheme_problems(page)
        bundle = [u for u in recorder.requests[before:] if "vega-bundle" in u]
        if len(bundle) != 1:
            record.interaction.append(f"the Vega bundle was requested {len(bundle)} times (expected once): {bundle}")
        page.evaluate(FORGET_PALETTE_JS)
    record.classes = set(page.evaluate(CLASSES_SEEN_JS))
    record.problems = recorder.problems()
    return record


def _dark_visit(page, recorder, path: str, charted: bool, measured: bool) -> PageRecord:
    record = PageRecord(path, "dark")
    recorder.reset()
    instant_visit(page, recorder, path)
    record.same_document = page.evaluate("window.__ircSameDocument === true")
    page.evaluate("window.__ircSameDocument = true")  # after a full load, the next visit is checked anew
    record.violations = checked_by_axe(page, recorder)
    record.actual_scheme = _scheme(page)
    if charted:
        record.charts = static_chart_problems(page)
    record.requests = list(recorder.requests)
    if measured:
        record.chart_text[LAPTOP_SCREEN] = chart_text(page)
        page.set_viewport_size(PHONE)
        park_pointer(page)
        record.chart_text[PHONE_SCREEN] = chart_text(page)
        page.set_viewport_size(DESKTOP)
        park_pointer(page)
    if charted:
        record.interaction += upgrade_chart_problems(page)
        record.interaction += retheme_problems(page)
        record.interaction += retheme_problems(page)
        page.evaluate(FORGET_PALETTE_JS)
    record.classes = set(page.evaluate(CLASSES_SEEN_JS))
    record.problems = recorder.problems()
    return record


def crawl_scheme(new_context, pages: list[str], charted: set[str], scheme: str, measured: set[str]) -> dict[str, PageRecord]:
    """Every page in one colour scheme (see the module's docstring), path -> PageRecord.

    axe-core comes in as an init script, which the browser runs in each new document
    without the ~550 KB script crossing the wire again for every page.
    """
    context, recorder = new_context(scheme)
    context.add_init_script(path=str(axe_script_path()))
    context.add_init_script(WATCH_CLASSES_JS)
    page = context.new_page()
    records: dict[str, PageRecord] = {}
    if scheme == "light":
        for path in pages:
            records[path] = _light_visit(page, recorder, path, path in charted, path in measured)
    else:
        home = PageRecord("/", scheme)
        page.goto("/")
        home.violations = checked_by_axe(page, recorder)
        home.actual_scheme, home.problems, home.requests = _scheme(page), recorder.problems(), list(recorder.requests)
        home.classes = set(page.evaluate(CLASSES_SEEN_JS))
        page.evaluate("window.__ircSameDocument = true")  # a full page load would drop this flag
        for path in [p for p in pages if p != "/"] + ["/"]:
            records[path] = _dark_visit(page, recorder, path, path in charted, path in measured)
        # The home page's record holds its fresh load and its instant visit.
        visit = records["/"]
        visit.problems = home.problems + visit.problems
        visit.violations = home.violations + [v for v in visit.violations if v["id"] not in {h["id"] for h in home.violations}]
        visit.requests = home.requests + visit.requests
        visit.classes |= home.classes
        if home.actual_scheme != visit.actual_scheme:
            visit.actual_scheme = f"{home.actual_scheme} on a fresh load, {visit.actual_scheme} after instant navigation"
    page.close()
    return records
