"""The built site: every page's head metadata and cite boxes (scholarly/ through transforms/cite.py)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from transforms import cite
from scholarly import version as versions
from tests.conftest import ROOT, parsed


def _pages(site: Path) -> list[Path]:
    return [
        p for p in sorted(site.rglob("index.html"))
        if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")[:2000]
        and not p.relative_to(site).as_posix().startswith("v/")
    ]


def _visible_title(soup: BeautifulSoup) -> str:
    h1 = copy.copy(soup.select_one("article h1"))  # a copy: the shared tree is not changed
    for link in h1.select("a.headerlink, a.anchor-link"):
        link.decompose()
    return " ".join(h1.get_text(" ", strip=True).split())


def _graph(soup: BeautifulSoup) -> dict[str, dict]:
    blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    assert len(blocks) == 1, "one JSON-LD graph per page"
    return {node["@type"]: node for node in blocks[0]["@graph"]}


def test_no_page_carries_google_scholar_tags_none_is_a_scholarly_article(built_site):
    # Highwire tags made Zotero save every page as a journal article without a journal;
    # Google Scholar's tags are for scholarly articles, which no page of this site is.
    with_tags = [str(p.relative_to(built_site)) for p in _pages(built_site)
                 if "print_page" not in p.parts and 'name="citation_' in p.read_text(encoding="utf-8")]
    assert not with_tags


def test_every_page_says_what_zotero_reads_with_its_visible_title(built_site):
    checked = 0
    for path in _pages(built_site):
        if "print_page" in path.parts:
            continue
        soup = parsed(path)
        tags = {(m.get("name") or m.get("property")): m.get("content") for m in soup.select("head meta[content]")}
        graph = _graph(soup)
        is_dataset = "Dataset" in graph
        assert tags.get("og:type") == (None if is_dataset else "website"), path
        assert tags.get("DC.type") == ("Dataset" if is_dataset else None), path
        assert tags["DC.creator"] == "IRC Research Team,", path  # the comma keeps it one name in Zotero
        assert tags["og:title"] == tags["DC.title"] == _visible_title(soup), path
        assert tags["og:url"] == soup.select_one('link[rel="canonical"]')["href"], path
        assert tags["og:site_name"] == "International Research Collaboration", path
        assert "1970" not in tags.get("DC.date", "") and tags.get("DC.date"), path
        checked += 1
    assert checked >= 50


def test_every_page_has_one_json_ld_graph_with_stable_dates(built_site):
    build = versions.from_git(ROOT)
    for path in _pages(built_site):
        if "print_page" in path.parts:
            continue
        soup = parsed(path)
        graph = _graph(soup)
        page, website = graph["WebPage"], graph["WebSite"]
        assert page["isPartOf"] == {"@id": website["@id"]}, path
        assert page["@id"] == page["url"] + "#webpage", path
        assert page["author"] == [{"@type": "Organization", "name": "IRC Research Team"}], path
        # First published, then last changed: never the other way round, never the build's clock.
        assert page["datePublished"] <= page["dateModified"] <= build.date, path
        assert soup.select_one('meta[name="DC.date"]')["content"] == page["dateModified"], path
        if "Dataset" in graph:
            assert page["mainEntity"] == {"@id": graph["Dataset"]["@id"]}, path
            assert graph["Dataset"]["mainEntityOfPage"] == {"@id": page["@id"]}, path


def test_page_dates_are_its_sources_first_and_last_commits(built_site):
    build = versions.from_git(ROOT)
    methods = parsed(built_site / "china-uk" / "methods" / "index.html")
    page = _graph(methods)["WebPage"]
    first = versions._git(ROOT, "log", "--follow", "--diff-filter=A", "--format=%cs", "--", "docs/china-uk/methods.md")
    last = versions._git(ROOT, "log", "-1", "--format=%cs", "--", "docs/china-uk/methods.md")
    assert page["datePublished"] == first.splitlines()[-1]
    assert page["dateModified"] == last
    assert build.page_dates["docs/china-uk/methods.md"] == (page["datePublished"], page["dateModified"])


def test_dataset_pages_meet_google_dataset_search(built_site):
    pages = [p for p in sorted((built_site / "datasets").glob("*/index.html")) if p.parent.name != "notes"]
    assert len(pages) >= 15
    temporal = 0
    for path in pages:
        data = _graph(parsed(path))["Dataset"]
        for prop in ("name", "description", "url", "identifier", "license", "creator", "keywords", "datePublished",
                     "dateModified", "distribution", "variableMeasured", "citation", "spatialCoverage"):
            if prop == "spatialCoverage" and "glossary" in path.parts[-2]:
                continue  # the glossary covers no place
            assert data.get(prop), f"{path}: no {prop}"
        ids = data["identifier"] if isinstance(data["identifier"], list) else [data["identifier"]]
        assert all(i.startswith("https://") for i in ids), path
        temporal += "temporalCoverage" in data
    # Only the four China-UK bibliometric datasets have a period the source states (2001-2020).
    assert temporal == 4


def test_every_page_chart_and_table_has_a_cite_box(built_site):
    for path in _pages(built_site):
        soup = parsed(path)
        article = soup.select_one("article")
        if path.relative_to(built_site).as_posix() == "print_page/index.html":
            continue  # the combined copy: its ids carry page prefixes (checked by the link test)
        page_boxes = [b for b in article.select("details.irc-cite") if b.summary.get_text() == "Cite this page"]
        assert len(page_boxes) == 1, f"{path}: {len(page_boxes)} 'Cite this page' boxes"
        # Compact, as every box: the page's record is the first section of its citations.html.
        assert page_boxes[0]["data-cite-src"] == "citations.html#cite-page", path
        record = parsed(path.parent / "citations.html").select("main section")[0]
        assert record["id"] == "cite-page" and record.h2.get_text().startswith("Page: "), path
        hrefs = [a["href"] for a in record.select(".irc-cite__meta a")]
        assert soup.select_one('link[rel="canonical"]')["href"] in hrefs, path
        for holder in article.select("figure.irc-chart, div.irc-table"):
            box = holder.select_one("details.irc-cite")
            if box is None and holder.name == "div":
                # A table's caption and cite box follow it in a sibling block.
                meta = holder.find_next_sibling("div", class_="irc-table__meta")
                box = meta.select_one("details.irc-cite") if meta else None
            assert box is not None, f"{path}: #{holder['id']} has no cite box"
            # A compact box links its section of citations.html, which gives the anchor's address.
            link = box.select_one("a.irc-cite__all")
            assert link is not None and link["href"] == f"citations.html#cite-{holder['id']}", f"{path}: cite box of #{holder['id']} lacks its link"
            section = parsed(path.parent / "citations.html").find(id=f"cite-{holder['id']}")
            assert section is not None and f"#{holder['id']}" in section.select_one(".irc-cite__meta").get_text(), \
                f"{path}: citations.html has no record of #{holder['id']}"


def test_every_artifact_cite_box_loads_its_formats_from_an_existing_citations_file(built_site):
    boxes = 0
    sections_linked: dict[Path, set[str]] = {}
    for path in _pages(built_site):
        if path.relative_to(built_site).as_posix() == "print_page/index.html":
            continue
        soup = parsed(path)
        for box in soup.select("article details.irc-cite"):
            kind = box["data-cite-kind"]
            if not box.has_attr("data-cite-src"):
                # The one full box: the site's own, on the Cite page, whose subject it is.
                assert box.summary.get_text() == "Cite this site" and len(box.select("pre.irc-cite__text")) == 4, path
                continue
            boxes += 1
            src = box.get("data-cite-src", "")
            file, _, fragment = src.partition("#")
            assert file == "citations.html" and fragment, f"{path}: box of kind {kind} has data-cite-src={src!r}"
            assert not box.select("pre.irc-cite__text"), f"{path}: #{fragment} still carries its formats in the page"
            assert box.select_one("a.irc-cite__all")["href"] == src, path
            target = path.parent / file
            assert target.is_file(), f"{path}: {src} does not exist"
            if target not in sections_linked:  # parsed once per file, not once per box
                sections_linked[target] = {s["id"] for s in parsed(target).select("main section[id]")}
            ids = sections_linked[target]
            assert fragment in ids, f"{path}: no section #{fragment} in {target.relative_to(built_site)}"
    # 170 boxes when this was written (charts, tables and each quotation wherever it appears),
    # and since one more on every page: the page's own.
    assert boxes >= 150, boxes
    files = sorted(built_site.rglob("citations.html"))
    assert set(files) == set(sections_linked), "a citations.html that no page links, or the reverse"
    for file in files:
        soup = parsed(file)
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex", file
        for section in soup.select("main section[id^=cite-]"):
            texts = {pre["class"][1].split("--")[1]: pre.get_text() for pre in section.select("pre.irc-cite__text")}
            assert set(texts) == {"apa", "chicago", "bibtex", "ris"}, f"{file}#{section['id']}"
            assert texts["bibtex"].startswith("@online{irc-") and texts["ris"].startswith("TY  - ELEC"), f"{file}#{section['id']}"
            assert not any("[date]" in t for t in texts.values()), f"{file}#{section['id']}"


def test_sitemap_lastmod_is_each_pages_last_change(built_site):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    build = versions.from_git(ROOT)
    site_url = cite.load_metadata()["url"]
    checked = 0
    for url in root.findall("s:url", ns):
        loc, lastmod = url.find("s:loc", ns).text, url.find("s:lastmod", ns).text
        assert not lastmod.startswith("1970"), loc
        rel = loc[len(site_url):]
        src = "docs/" + ("index.md" if rel == "" else rel.rstrip("/") + ".md")
        if not (ROOT / src).exists():
            src = "docs/" + rel + "index.md"
        if (ROOT / src).exists():
            expected = build.page_dates.get(src, (build.date, build.date))[1]
            assert lastmod == expected, f"{loc}: lastmod {lastmod}, git says {expected}"
            checked += 1
    assert checked >= 5


@pytest.mark.browser
def test_cite_box_offers_copy_buttons_and_loads_formats(built_site):
    from playwright.sync_api import sync_playwright

    from tests.browser.browser_helpers import launch_chromium, require_chromium

    require_chromium()

    target = next(
        p for p in sorted(built_site.rglob("index.html"))
        if 'class="irc-chart"' in p.read_text(encoding="utf-8") and "print_page" not in p.parts
    )
    from tests.browser.browser_helpers import serve

    # Material's scripts need http(s), not file://.
    with serve(built_site) as base, sync_playwright() as p:
        url = f"{base}/{target.parent.relative_to(built_site).as_posix()}/"
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            errors = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(url)
            # The page's own box is compact too: opening it loads its record and four formats.
            page_box = page.locator("details.irc-cite[data-cite-kind=page]")
            assert page_box.locator("pre.irc-cite__text").count() == 0
            page_box.locator("summary").scroll_into_view_if_needed()
            page_box.locator("summary").click()
            page_box.locator("pre.irc-cite__text").first.wait_for(state="visible", timeout=10_000)
            assert page_box.locator("pre.irc-cite__text").count() == 4
            # The address loaded, not page.url: navigation.tracking puts the section scrolled to into it.
            assert url.rstrip("/").rsplit("/", 1)[-1] in page_box.locator(".irc-cite__meta").inner_text()
            # A chart's box holds only a link until it is opened; opening it loads the formats.
            box = page.locator("figure.irc-chart details.irc-cite").first
            assert box.locator("pre.irc-cite__text").count() == 0
            assert box.locator("a.irc-cite__all").count() == 1
            # The chart's box is its frame's Cite tab: choosing the tab loads the formats.
            figure = page.locator("figure.irc-chart").first
            figure.locator(".tabbed-labels label", has_text="Cite").scroll_into_view_if_needed()
            figure.locator(".tabbed-labels label", has_text="Cite").click()
            box.locator("pre.irc-cite__text").first.wait_for(state="visible", timeout=10_000)
            assert box.locator("a.irc-cite__all").count() == 0, "the fallback link stays after the formats loaded"
            # Material's copy button (content.code.copy) on each of the four formats of the chart's box,
            # made as Material makes its own, with the theme's title for it.
            buttons = box.locator("nav.md-code__nav > button.md-code__button[data-md-type=copy]")
            assert buttons.count() == 4
            for i in range(4):
                target = buttons.nth(i).get_attribute("data-clipboard-target")
                pre_id = box.locator("pre.irc-cite__text").nth(i).get_attribute("id")
                assert target == f"#{pre_id} > code" and pre_id.startswith("__code_irc-cite-chart-"), target
            theme_title = json.loads(page.locator("#__config").text_content())["translations"]["clipboard.copy"]
            assert buttons.first.get_attribute("title") == theme_title
            # One click copies the visible format: the citation, with no date left for the reader to fill.
            page.context.grant_permissions(["clipboard-read", "clipboard-write"])
            # Each button copies its own format (BibTeX is the third tab).
            box.locator(".tabbed-labels label").nth(2).click()
            buttons.nth(2).click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert "chart-" in copied.splitlines()[0]
            assert copied.startswith("@online{irc-") and "[date]" not in copied and "urldate" not in copied
            # Leaving the Cite tab and choosing it again loads nothing twice.
            figure.locator(".tabbed-labels label", has_text="Chart").click()
            figure.locator(".tabbed-labels label", has_text="Cite").click()
            page.wait_for_timeout(200)
            assert box.locator("pre.irc-cite__text").count() == 4 and buttons.count() == 4
            assert not errors, errors
        finally:
            browser.close()


