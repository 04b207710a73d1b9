"""Print and PDF: the print stylesheet, the whole-site print page and its PDF."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.browser_helpers import launch_chromium, require_chromium
from tests.conftest import parsed
from tools import pdf


def test_print_page_holds_every_page_of_the_site(built_site):
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    sections = soup.select("section.print-page")
    # One section per page in the navigation (the print page itself excluded).
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    pages_in_sitemap = sitemap.count("<loc>") - ("print_page/" in sitemap)
    assert len(sections) >= pages_in_sitemap - 1, (len(sections), pages_in_sitemap)
    assert soup.select_one("figure.irc-chart img.irc-chart__svg--light") is not None, "charts missing from the print page"
    assert soup.select("ul.irc-references > li"), "reference lists missing from the print page"


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# End tags HTML lets an author leave out; their absence is not a nesting error.
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody"}


def nesting_errors(html: str) -> list[str]:
    """Stray or crossed end tags: one in any page breaks the whole-site print page's layout."""
    from html.parser import HTMLParser

    class Checker(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack: list[tuple[str, tuple]] = []
            self.errors: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag not in VOID:
                self.stack.append((tag, self.getpos()))

        def handle_endtag(self, tag):
            if tag in VOID:
                return
            open_tags = [t for t, _ in self.stack]
            if tag not in open_tags:
                self.errors.append(f"stray </{tag}> at line {self.getpos()[0]}")
                return
            while self.stack[-1][0] != tag:
                t, pos = self.stack.pop()
                if t not in OPTIONAL_END:
                    self.errors.append(f"<{t}> of line {pos[0]} closed by </{tag}> at line {self.getpos()[0]}")
            self.stack.pop()

    checker = Checker()
    checker.feed(html)
    return checker.errors


def test_nesting_checker_finds_a_stray_end_tag():
    assert nesting_errors("<div><p>a</div>") == []
    assert nesting_errors("<div><details><div>x</details></div></div>") == [
        "<div> of line 1 closed by </details> at line 1", "stray </div> at line 1",
    ]


def test_every_page_body_is_well_nested(built_site):
    failures = {}
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.find("</article>")
        if start < 0:
            continue
        errors = nesting_errors(html[start : end + len("</article>")])
        if errors:
            failures[path.relative_to(built_site).as_posix()] = errors[:3]
    assert not failures, failures


def test_cite_page_links_the_pdf_and_print_page(built_site):
    soup = BeautifulSoup((built_site / "cite" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in soup.select("article a")}
    assert "../irc-site.pdf" in hrefs and "../print_page/" in hrefs


@pytest.mark.browser
def test_print_media_hides_navigation_controls_and_internal_link_urls(built_site):
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            target = next(
                path for path in sorted(built_site.rglob("index.html"))
                if 'class="irc-chart"' in path.read_text(encoding="utf-8") and "print_page" not in path.parts
            )
            page.goto(target.as_uri())
            page.emulate_media(media="print")
            hidden = page.evaluate(
                """() => ['.md-header', '.md-sidebar--primary', '.md-footer', 'details.irc-cite']
                    .map(s => [s, document.querySelector(s) ? getComputedStyle(document.querySelector(s)).display : 'none'])"""
            )
            assert all(display == "none" for _, display in hidden), hidden
            svg = page.evaluate(
                """() => { const f = document.querySelector('figure.irc-chart');
                    return [getComputedStyle(f.querySelector('.irc-chart__svg--light')).display,
                            getComputedStyle(f.querySelector('.irc-chart__svg--dark')).display,
                            f.querySelector('.irc-chart__svg--light').src.endsWith('.svg')]; }"""
            )
            assert svg == ["block", "none", True], svg
            # Links within the site print no address; links that leave it print theirs.
            internal = page.evaluate(
                """() => Array.from(document.querySelectorAll('article a[href]'))
                    .filter(a => !/^[a-z]+:/.test(a.getAttribute('href')) && a.offsetParent)
                    .map(a => getComputedStyle(a, '::after').content).filter(c => c !== 'none' && c !== 'normal')"""
            )
            assert not internal, f"internal links print addresses: {internal[:5]}"
            external = page.evaluate(
                """() => { const a = Array.from(document.querySelectorAll('article a[href^="http"]'))
                    .find(a => a.offsetParent && !a.closest('.irc-cite'));
                    return a ? [a.getAttribute('href'), getComputedStyle(a, '::after').content] : null; }"""
            )
            assert external is None or external[0] in external[1], external
            closed = page.evaluate(
                """() => Array.from(document.querySelectorAll('article details:not([open])'))
                    .filter(d => getComputedStyle(d).display !== 'none').length"""
            )
            assert closed == 0, f"{closed} closed disclosures would print as empty bars"
            tabs = page.evaluate(
                """() => Array.from(document.querySelectorAll('figure.irc-chart .tabbed-labels'))
                    .filter(l => getComputedStyle(l).display !== 'none').length"""
            )
            assert tabs == 0, "chart tabs (controls) print"
        finally:
            browser.close()


@pytest.mark.browser
def test_pdf_of_the_whole_site(built_site, tmp_path):
    require_chromium()
    out = tmp_path / "irc-site.pdf"
    result = pdf.make_pdf(built_site / "print_page" / "index.html", out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and result["bytes"] > 50_000
    # Several pages: the whole site, not an empty shell.
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 10 or data.count(b"/Type/Page") >= 10


def test_pdf_script_reports_a_missing_print_page(tmp_path, capsys):
    assert pdf.main([str(tmp_path / "nope.html"), str(tmp_path / "x.pdf")]) == 1
    assert "run `mkdocs build` first" in capsys.readouterr().err


def test_every_page_loads_the_print_rules(built_site):
    """Each page of the built site links a stylesheet, present in the site, that holds the print
    rules (test_print_media_hides_navigation_controls_and_internal_link_urls shows them applied)."""
    from tests.browser.browser_helpers import page_file, site_pages

    holds_print_rules: dict[Path, bool] = {}
    without = []
    for path in site_pages(built_site):
        page = page_file(built_site, path)
        soup = parsed(page)
        sheets = [(page.parent / link["href"].split("?")[0]).resolve() for link in soup.select('link[rel~="stylesheet"]')
                  if "//" not in link["href"]]
        for sheet in sheets:
            if sheet not in holds_print_rules:
                holds_print_rules[sheet] = sheet.is_file() and "@media print" in sheet.read_text(encoding="utf-8")
        if not any(holds_print_rules[sheet] for sheet in sheets):
            without.append(path)
    assert not without, f"pages without the print rules: {without[:10]}"
