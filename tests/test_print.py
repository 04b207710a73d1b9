"""Print and PDF: the print stylesheet, the whole-site print page and its PDF."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks import pdf
from tests.conftest import ROOT


def _require_chromium() -> None:
    if Path(pdf.CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{pdf.CHROMIUM} is missing and CI=true: the PDF must be made on CI")
    pytest.skip(f"{pdf.CHROMIUM} is not installed (apt-get install chromium)")


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


def test_cite_page_links_the_pdf_and_print_page(built_site):
    soup = BeautifulSoup((built_site / "cite" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in soup.select("article a")}
    assert "../irc-site.pdf" in hrefs and "../print_page/" in hrefs


@pytest.mark.browser
def test_print_media_hides_navigation_and_shows_link_urls(built_site):
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=pdf.CHROMIUM, args=pdf.CHROMIUM_ARGS)
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
            after = page.evaluate(
                """() => { const a = document.querySelector('article a[data-print-url]');
                    return [a.dataset.printUrl, getComputedStyle(a, '::after').content]; }"""
            )
            assert after[0].startswith("http") and after[0] in after[1], after
        finally:
            browser.close()


@pytest.mark.browser
def test_pdf_of_the_whole_site(built_site, tmp_path):
    _require_chromium()
    out = tmp_path / "irc-site.pdf"
    result = pdf.make_pdf(built_site / "print_page" / "index.html", out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and result["bytes"] > 50_000
    # Several pages: the whole site, not an empty shell.
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 10 or data.count(b"/Type/Page") >= 10


def test_pdf_script_reports_a_missing_print_page(tmp_path, capsys):
    assert pdf.main([str(tmp_path / "nope.html"), str(tmp_path / "x.pdf")]) == 1
    assert "run `mkdocs build` first" in capsys.readouterr().err


def test_print_stylesheet_is_loaded_on_every_page():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - stylesheets/print.css\n" in text
    assert (ROOT / "docs" / "stylesheets" / "print.css").read_text(encoding="utf-8").lstrip().startswith("/*")
