"""Fixtures for the real-browser suite: the run's one build, one local server and one Chromium per xdist worker.

The site is the one every test reads (tests/conftest.py: built_site), served by http.server
on 127.0.0.1 at a free port and walked page by page as listed in its sitemap.xml, so pages
that other parts of the project add are checked without being named here.
"""
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser.browser_helpers import (
    DESKTOP,
    WCAG_TAGS,
    LocalSitemapHandler,
    axe_script_path,
    chart_pages,
    launch_chromium,
    require_chromium,
    serve,
    site_pages,
)
from tests.browser.chart_text import chart_text_pages
from tests.browser.crawl import AXE_RUN, SCHEMES, PageRecord, crawl_scheme


@pytest.fixture(scope="session")
def served_site(built_site):
    """(site folder, base URL): the built site, served with its sitemap at the server's address.

    The site is built for its deploy address, like the one the other tests read; Material's
    instant loading only takes links listed in sitemap.xml, so the server hands out a sitemap
    with its own address (browser_helpers.LocalSitemapHandler), as `mkdocs serve` would build it.
    """
    with serve(built_site, handler=LocalSitemapHandler) as url:
        yield built_site, url


@pytest.fixture(scope="session")
def site_dir(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def base_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def pages(site_dir) -> list[str]:
    found = site_pages(site_dir)
    assert "/" in found, "the sitemap lists no home page"
    return found


# Package scope: the browser closes when tests/browser/ is done, so that later tests
# (test_cite, test_print, test_quotes) can start Playwright's sync API themselves.
@pytest.fixture(scope="package")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


class Recorder:
    """Collects what a context did: console errors, failed requests, requests to other hosts."""

    def __init__(self, context, base_url: str, icon: str = ""):
        self.host = urlsplit(base_url).netloc
        self.icon = icon  # the address of the site's icon (<link rel="icon">)
        self.reset()
        context.on("console", self._console)
        context.on("weberror", lambda err: self.console_errors.append(f"uncaught: {err.error}"))
        context.on("request", self._request)
        context.on("requestfailed", self._request_failed)
        context.on("requestfinished", self._request_finished)
        context.on("response", self._response)

    def reset(self) -> None:
        # Requests still open when a test moves on belong to the page it leaves; the
        # test's own navigation aborts them (Chromium asks for the favicon late, for one).
        self.left_behind: set = set(getattr(self, "inflight", ()))
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.foreign_requests: list[str] = []
        self.requests: list[str] = []
        self.seen: list = []  # the requests themselves, in order (requests holds their URLs)
        self.inflight: set = set()
        self.last_activity = time.monotonic()

    def _request_finished(self, req) -> None:
        self.inflight.discard(req)
        self.last_activity = time.monotonic()

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} @ {msg.location.get('url', '')}")

    def _request_failed(self, req) -> None:
        self.inflight.discard(req)
        self.last_activity = time.monotonic()
        if req.failure == "net::ERR_ABORTED" and (req in self.left_behind or req.resource_type == "image" or req.url == self.icon):
            # Aborted by the test leaving the page, or by the browser itself when a <picture>
            # switches source (a phone drawing for a narrower layout, a dark one for the dark
            # scheme) before the first finished, or when it drops its own late request for the
            # tab's icon: not failed by the site. A missing image or icon still fails, as its
            # HTTP 404 (_response).
            return
        self.failed_requests.append(f"{req.url} ({req.failure})")

    def _request(self, req) -> None:
        if req.is_navigation_request() and req.frame.parent_frame is None:
            # A new document: requests of the one it replaces that are still open are left behind.
            self.left_behind |= self.inflight
        self.inflight.add(req)
        self.last_activity = time.monotonic()
        self.requests.append(req.url)
        self.seen.append(req)
        parts = urlsplit(req.url)
        # data: and blob: URLs never leave the browser.
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != self.host:
            self.foreign_requests.append(req.url)

    def _response(self, resp) -> None:
        if resp.status >= 400:
            self.failed_requests.append(f"{resp.url} (HTTP {resp.status})")

    def settle(self, page, quiet_ms: int = 150, limit_ms: int = 10_000) -> None:
        """Wait for the load event, then until no request has been open for quiet_ms.

        Playwright's "networkidle" waits a fixed 500 ms; over ~60 pages and several
        passes that alone would cost minutes. Quiet counts from the last request that
        started or ended, so a page that has been quiet for a while (while axe ran) is
        not waited for again.
        """
        page.wait_for_load_state("load")
        deadline = time.monotonic() + limit_ms / 1000
        while time.monotonic() < deadline:
            page.evaluate("0")  # a round trip: the browser's events sent before it are handled
            idle_ms = (time.monotonic() - self.last_activity) * 1000
            if not self.inflight and idle_ms >= quiet_ms:
                return
            page.wait_for_timeout(50 if self.inflight else max(10, quiet_ms - idle_ms))
        if self.inflight:
            self.failed_requests.extend(f"{req.url} (still open after {limit_ms} ms)" for req in self.inflight)

    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"failed request: {e}" for e in self.failed_requests]
            + [f"request to another host: {e}" for e in self.foreign_requests]
        )


@pytest.fixture(scope="session")
def icon_url(site_dir, base_url) -> str:
    """The address of the icon the home page names (<link rel="icon">), as the browser asks for it."""
    from bs4 import BeautifulSoup

    link = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("link[rel~=icon]")
    assert link is not None, "the home page names no icon"
    return urljoin(base_url + "/", link["href"])


@pytest.fixture(scope="package")
def new_context(browser, base_url, icon_url):
    """Factory for browser contexts with a Recorder attached; all are closed at session end."""
    made = []

    def make(scheme: str = "light", **options):
        context = browser.new_context(
            base_url=base_url,
            color_scheme=scheme,
            viewport=options.pop("viewport", DESKTOP),
            service_workers="block",
            **options,
        )
        context.set_default_timeout(15_000)
        recorder = Recorder(context, base_url, icon_url)
        made.append(context)
        return context, recorder

    yield make
    for context in made:
        context.close()


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations in the page (axe is added unless an init script did)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script_path()))
    return page.evaluate(AXE_RUN, WCAG_TAGS)


class Crawl(dict):
    """scheme -> {path: PageRecord}; a scheme is crawled the first time a test asks for it.

    The tests that read one scheme's crawl are one xdist group (tests/conftest.py), so
    each scheme is crawled once per run, by the worker that runs its group, and the
    light and dark crawls run on different workers at the same time.
    """

    def __init__(self, new_context, pages: list[str], charted: set[str], measured: set[str]):
        super().__init__()
        self._new_context, self._pages, self._charted, self._measured = new_context, pages, charted, measured

    def __missing__(self, scheme: str) -> dict[str, PageRecord]:
        if scheme not in SCHEMES:
            raise KeyError(scheme)
        self[scheme] = crawl_scheme(self._new_context, self._pages, self._charted, scheme, self._measured)
        return self[scheme]


@pytest.fixture(scope="package")
def crawl(new_context, pages, site_dir) -> Crawl:
    """Every page once per colour scheme (crawl[scheme]; tests/browser/crawl.py says what each
    walk checks), for test_a11y (axe), test_pages (errors, hosts, instant navigation),
    test_charts (requests, charts), test_legibility (chart text as shown) and test_mobile
    (overflow at 360 px).

    Screenshots of every page are not taken here (they check nothing): `make screenshots`
    (bench/screenshots.py) takes them for the CI artifact.
    """
    return Crawl(new_context, pages, set(chart_pages(site_dir)), set(chart_text_pages(site_dir)))
