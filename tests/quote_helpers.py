"""Shared by the quotation tests (test_quotes, test_quotes_browser, test_quote_kinds): the
quote rows and coding frames, a parser of card HTML, a fake page, and a small site built in
tmp_path with the project's own config, plugin, data and quote pages, but not the other
sections' pages (their state does not decide whether the quote bank works).
"""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from analysis import datasets
from tests.conftest import ROOT, copy_project, mkdocs_build

# The source texts are read through IRC_SOURCES (tests/conftest.py: source_text).
QUOTES_CSV = ROOT / "data" / "quotes" / "quotes.csv"
PUBLISHED_IDS = Path(__file__).parent / "fixtures" / "quotes" / "published_ids.txt"
HOSTILE_ID = "cu-initiation-99"
HOSTILE_TEXT = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](http://evil) **bold** _em_ `code` "
    "~~gone~~ ^^up^^ @hwang2008 [@hwang2008] {{ value(\"quotes_total\") }} & done"
)


def _load():
    quotes = datasets.load("quotes")
    frames = {"china_uk": datasets.load("china_uk_coding_frame"), "korea_uk": datasets.load("korea_uk_coding_frame")}
    people = {"china_uk": datasets.load("china_uk_participants"), "korea_uk": datasets.load("korea_uk_interviewees")}
    return quotes, frames, people


def _rows() -> list[dict]:
    with QUOTES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _bad(quotes: pd.DataFrame, id_: str, **changes) -> pd.DataFrame:
    quotes = quotes.copy()
    index = quotes.index[quotes["id"] == id_][0]
    for column, value in changes.items():
        quotes.loc[index, column] = value
    return quotes


def _parse(html: str) -> SimpleNamespace:
    """Tags (with attributes) of the page, and the tags and text inside its <blockquote>s."""
    soup = BeautifulSoup(html, "html.parser", multi_valued_attributes=None)
    quotes = soup.find_all("blockquote")
    return SimpleNamespace(
        tags=[(tag.name, dict(tag.attrs)) for tag in soup.find_all(True)],
        quote_tags=[tag.name for quote in quotes for tag in quote.find_all(True)],
        quote_text=[quote.get_text() for quote in quotes],
    )


def _hostile_record(bank: dict) -> dict:
    q = json.loads(json.dumps(bank["by_id"]["cu-initiation-01"]))
    q.update(id=HOSTILE_ID, anchor=f"q-{HOSTILE_ID}", text=HOSTILE_TEXT, notes="<b>note</b> [y](http://evil)", location="<i>slide</i>")
    q["speaker"]["as_printed"] = "<script>x()</script>"
    return q


def _assert_shown_as_text(html: str) -> None:
    tree = _parse(html)
    names = [t for t, _ in tree.tags]
    assert "script" not in names and "img" not in names and "b" not in names and "i" not in names
    # Inside the quotation only its text: no paragraph, emphasis, code, link or citation markup.
    assert tree.quote_tags == [], tree.quote_tags
    assert not [a for t, a in tree.tags if t == "a" and "evil" in (a.get("href") or "")]
    assert " ".join("".join(tree.quote_text).split()) == " ".join(HOSTILE_TEXT.split())
    assert "Hwang, 2008" not in "".join(tree.quote_text)


def new_site_build():
    """One build's state over the project's generated/ (as the plugin makes it for each build)."""
    from analysis import paths
    from transforms.build import SiteBuild

    return SiteBuild(json.loads(paths.MANIFEST.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def bank(analysed):
    return new_site_build().quote_bank


@pytest.fixture
def site_build(bank):
    return new_site_build()


def _page(src_uri: str = "china-uk/qualitative.md"):
    from analysis.site_urls import doc_url
    from transforms.page import PageRef

    url = doc_url(src_uri, True)
    return PageRef(src_uri, url, True, canonical_url="https://example.org/site/" + url,
                   meta={}, markdown="# Qualitative findings\n", title="Qualitative findings")


# The plugin's option: of the generated pages, the quote bank's only.
ONLY_THE_QUOTE_PAGES = "  - research-site:\n      generated_sections: [quotes]\n"


def make_small_site(target: Path, pages: dict[str, str], extra_rows: list[dict] | None = None) -> Path:
    project = copy_project(target)
    docs = project / "docs"
    keep = {"quotes", "javascripts", "stylesheets"}
    for child in docs.iterdir():
        if child.name not in keep:
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    (docs / "index.md").write_text("# Home\n\nQuotes test site.\n", encoding="utf-8")
    nav = ["  - index.md", "  - Quotes: quotes"] + [f"  - {p}" for p in pages]
    (docs / ".nav.yml").write_text("nav:\n" + "\n".join(nav) + "\n", encoding="utf-8")
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    if extra_rows:
        path = project / "data/quotes/quotes.csv"
        with path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(_rows()[0]), lineterminator="\n")
            writer.writerows(extra_rows)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("  - research-site\n") == 1, "mkdocs.yml lists the site's plugin once"
    (project / "mkdocs.small.yml").write_text(config.replace("  - research-site\n", ONLY_THE_QUOTE_PAGES), encoding="utf-8")
    return project


def build_small_site(project: Path, site: Path, site_url: str | None = None):
    env = {"SITE_URL": site_url} if site_url else None
    return mkdocs_build(project, site, check=False, config="mkdocs.small.yml", env=env)


def _hostile_row() -> dict:
    row = dict(next(r for r in _rows() if r["id"] == "cu-initiation-01"))
    row.update(id=HOSTILE_ID, text=HOSTILE_TEXT, speaker_as_printed="<script>x()</script>", notes="[y](http://evil)")
    return row


def _html(site: Path, url_path: str) -> str:
    return (site / url_path.strip("/") / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served_built_site(built_site):
    """The run's built site (its quotation pages are what the browser tests read), served on
    127.0.0.1 with its sitemap at the server's address, for Material's instant navigation."""
    from tests.browser.browser_helpers import LocalSitemapHandler, require_chromium, serve

    require_chromium()
    with serve(built_site, handler=LocalSitemapHandler) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    from tests.browser.browser_helpers import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


VISIBLE_IDS = "() => Array.from(document.querySelectorAll('figure.irc-quote')).filter(f => !f.hidden).map(f => f.dataset.quoteId)"


def _expected(**where) -> list[str]:
    bank = json.loads((ROOT / "generated/json/quotes.json").read_text())
    out = []
    for q in bank["quotes"]:
        if "study" in where and q["study"] != where["study"]:
            continue
        if "country" in where and where["country"] not in q["speaker"]["countries"]:
            continue
        out.append(q["id"])
    return out


