"""Every page of the built site in Chromium: no errors, no failed or third-party requests, instant navigation."""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import chart_pages, instant_visit, format_failures

pytestmark = pytest.mark.browser


# Built pages that are rightly absent from the sitemap: mkdocs-print-site-plugin's
# one-page copy of the whole site (every page in it is checked on its own).
NOT_IN_SITEMAP = {"/print_page/"}


def test_sitemap_discovers_the_site(pages, site_dir):
    # Guards the discovery itself: a sitemap that lost pages would make every other check vacuous.
    built = set()
    for index in site_dir.rglob("index.html"):
        html = index.read_text(encoding="utf-8", errors="replace")
        if 'http-equiv="refresh"' in html[:2000]:
            continue  # a mkdocs-redirects stub, not a page
        rel = index.parent.relative_to(site_dir).as_posix()
        built.add("/" if rel == "." else f"/{rel}/")
    assert len(pages) >= 5, pages
    missing = sorted(built - set(pages) - NOT_IN_SITEMAP)
    assert not missing, f"built pages the sitemap does not list (so no browser check sees them): {missing}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_loads_cleanly(crawl, scheme):
    failures = {path: rec.problems for path, rec in crawl[scheme].items() if rec.problems}
    assert not failures, f"pages with console errors or bad requests ({scheme}):\n" + format_failures(failures)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_scheme_follows_the_system_setting(crawl, scheme):
    expected = {"light": "default", "dark": "slate"}[scheme]
    wrong = {path: [f"data-md-color-scheme={rec.actual_scheme}"] for path, rec in crawl[scheme].items() if rec.actual_scheme != expected}
    assert not wrong, format_failures(wrong)


@pytest.mark.parametrize("scheme", ["dark"])  # the dark walk moves by instant navigation (tests/browser/crawl.py)
def test_instant_navigation_reaches_every_page_cleanly(crawl, scheme, pages):
    """The whole site walked by in-page links: no reload and no errors on any page."""
    assert set(crawl[scheme]) == set(pages)
    failures = {}
    for path, rec in crawl[scheme].items():
        problems = [] if rec.same_document else ["full page load instead of instant navigation"]
        if problems + rec.problems:
            failures[path] = problems + rec.problems
    assert not failures, "after instant navigation:\n" + format_failures(failures)


def test_sidebar_link_uses_instant_loading(new_context, site_dir):
    """The real navigation sidebar (not an injected link) leads to a chart page without a reload."""
    target = ([p for p in chart_pages(site_dir) if p != "/"] or ["/"])[0]  # from the home page to another page
    context, recorder = new_context("light")
    page = context.new_page()
    page.goto("/")
    recorder.settle(page)
    page.evaluate("window.__ircSameDocument = true")
    link = page.locator(f".md-sidebar--primary a.md-nav__link[href$='{target.lstrip('/')}']").first
    link.click()
    page.wait_for_url(lambda url: url.endswith(target))
    recorder.settle(page)
    assert page.evaluate("window.__ircSameDocument === true"), "sidebar link caused a full page load"
    assert page.locator("h1").first.is_visible()
    assert not recorder.problems(), recorder.problems()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_index_waits_for_the_reader(crawl, scheme):
    # site.js (docs/javascripts/search_wait.js) holds the index back until search is used.
    early = {f"{path} ({scheme})": [u for u in rec.requests if u.endswith("search_index.json") or "/workers/search." in u]
             for path, rec in crawl[scheme].items()}
    early = {k: v for k, v in early.items() if v}
    assert not early, "search index fetched before any interaction:\n" + format_failures(early)


@pytest.mark.parametrize("how", ["keyboard", "pointer"])
def test_search_finds_pages_once_the_reader_asks(new_context, how):
    context, recorder = new_context("light")
    page = context.new_page()
    page.goto("/")
    recorder.settle(page)
    if how == "keyboard":
        page.keyboard.press("/")  # Material's shortcut
    else:
        # On a wide screen the search box sits in the header; on a narrow one, behind an icon.
        box = page.locator("input.md-search__input")
        (box if box.is_visible() else page.locator("label.md-header__button[for=__search]").first).click()
    query = page.locator("input.md-search__input")
    query.wait_for(state="visible")
    query.focus()
    page.keyboard.type("collaboration")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15_000)
    assert results.count() > 0
    assert any(u.endswith("search_index.json") for u in recorder.requests)
    assert any("/workers/search." in u for u in recorder.requests)
    assert not recorder.problems(), recorder.problems()
    page.close()


def test_cite_box_loads_its_formats_after_instant_navigation(new_context, site_dir):
    """A chart's cite box on a page reached by instant navigation still loads its four formats."""
    target = (chart_pages(site_dir) or [None])[0]
    assert target, "no page with a chart"
    context, recorder = new_context("light")
    page = context.new_page()
    page.goto("/")
    recorder.settle(page)
    page.evaluate("window.__ircSameDocument = true")
    instant_visit(page, recorder, target)
    assert page.evaluate("window.__ircSameDocument === true"), "full page load instead of instant navigation"
    # A chart's cite box is the frame's Cite tab: choosing the tab loads the formats.
    figure = page.locator("figure.irc-chart").first
    box = figure.locator("details.irc-cite[data-cite-src]")
    label = figure.locator(".tabbed-labels label", has_text="Cite")
    label.scroll_into_view_if_needed()
    label.click()
    box.locator("pre.irc-cite__text").first.wait_for(state="visible", timeout=10_000)
    assert box.locator("pre.irc-cite__text").count() == 4
    assert box.locator("button.md-code__button[data-md-type=copy]").count() == 4
    assert "[date]" not in box.inner_text()  # no access-date placeholder (scholarly/formats.py)
    recorder.settle(page)
    assert not recorder.problems(), recorder.problems()
    page.close()
