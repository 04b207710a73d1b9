"""Citing the site: one metadata source (citation.yaml) -> CITATION.cff, .zenodo.json,
every page's head tags and "Cite this" boxes (hooks/cite.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from analysis import citation_files
from hooks import cite
from tests.conftest import ROOT, run

FIXTURES = ROOT / "tests" / "fixtures" / "cite"
# Google Scholar's inclusion guidelines: a publication date as YYYY/MM/DD, YYYY/MM or YYYY.
SCHOLAR_DATE = re.compile(r"^\d{4}(/\d{2}(/\d{2})?)?$")


# ---------------------------------------------------------------------------
# One metadata source
# ---------------------------------------------------------------------------
def test_generated_files_agree_with_citation_yaml():
    expected = citation_files.render(cite.load_metadata())
    for path, text in expected.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python -m analysis.citation_files --write"
        )


def test_check_command_fails_on_a_stale_file(tmp_path, monkeypatch):
    stale = tmp_path / "CITATION.cff"
    stale.write_text("cff-version: 1.2.0\n", encoding="utf-8")
    monkeypatch.setattr(citation_files, "CFF_FILE", stale)
    monkeypatch.setattr(citation_files, "ZENODO_FILE", tmp_path / ".zenodo.json")
    assert citation_files.main(["--check"]) == 1
    assert citation_files.main(["--write"]) == 0
    assert citation_files.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_citation_cff_validates_against_the_cff_1_2_0_schema():
    # Schema copied from the cffconvert 2.0.0 wheel (cffconvert itself pins jsonschema<4).
    schema = json.loads((FIXTURES / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(data)


def test_cff_and_zenodo_carry_the_same_facts_as_citation_yaml():
    meta = cite.load_metadata()
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zen = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert cff["title"] == zen["title"] == " ".join(meta["title"].split())
    assert cff["version"] == zen["version"] == str(meta["version"])
    assert cff["license"] == meta["license"] and zen["license"] == meta["license"].lower()
    assert [a["name"] for a in cff["authors"]] == [c["name"] for c in zen["creators"]] == [a["name"] for a in meta["authors"]]
    assert cff["repository-code"] == meta["repository"] and cff["url"] == meta["url"]
    # The related publications: CGHE Working Paper 84 and Hwang 2008 with its DOI.
    refs = {r["title"][:40]: r for r in cff["references"]}
    hwang = next(r for r in cff["references"] if r.get("doi"))
    assert hwang["doi"] == "10.1177/0162243907306196" and hwang["year"] == 2008
    wp = next(r for r in cff["references"] if r.get("number") == "84")
    assert wp["institution"]["name"] == "Centre for Global Higher Education" and wp["year"] == 2022
    assert len(refs) == 2
    assert zen["related_identifiers"] == [
        {"identifier": "10.1177/0162243907306196", "relation": "isDerivedFrom", "scheme": "doi", "resource_type": "publication-article"}
    ]


def test_canonical_url_in_citation_yaml_matches_mkdocs_default_site_url():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', text, re.MULTILINE).group(1)
    assert default == cite.load_metadata()["url"]


def test_no_orcid_is_listed_without_a_source():
    # The sources give none; an ORCID may only be added from the person's own record.
    assert "orcid" not in (ROOT / "citation.yaml").read_text(encoding="utf-8").split("# only from")[1]


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda m: m.pop("title"), "missing required field(s): title"),
        (lambda m: m.update(authors=[{"affiliation": "x"}]), "authors[1] needs 'name'"),
        (lambda m: m.update(authors=[{"family": "Doe", "orcid": "0000-0002-1825-0097"}]), "is not a full https://orcid.org/ iD"),
        (lambda m: m.update(url="https://example.org/site"), "url must end with '/'"),
    ],
)
def test_bad_citation_yaml_is_rejected_naming_the_field(tmp_path, edit, message):
    meta = yaml.safe_load((ROOT / "citation.yaml").read_text(encoding="utf-8"))
    edit(meta)
    bad = tmp_path / "citation.yaml"
    bad.write_text(yaml.safe_dump(meta), encoding="utf-8")
    with pytest.raises(cite.CitationError, match=re.escape(message)) as err:
        cite.load_metadata(bad)
    assert "citation.yaml" in str(err.value)


def test_version_comes_from_git_not_the_clock():
    version = cite.site_version()
    assert version["describe"] == run(["git", "describe", "--tags", "--always"], cwd=ROOT, check=True).stdout.strip()
    assert version["date"] == run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, check=True).stdout.strip()


# ---------------------------------------------------------------------------
# The "Cite this" box
# ---------------------------------------------------------------------------
def fake_page(url="china-uk/theory/", markdown="# Theoretical framework\n\nText.\n", meta=None):
    return SimpleNamespace(
        url=url,
        canonical_url=f"https://irc-research.github.io/irc-site/{url}",
        markdown=markdown,
        meta=meta or {},
        title=None,
        is_homepage=url == "",
        file=SimpleNamespace(src_uri=url.rstrip("/") + ".md", abs_src_path=None),
    )


def _formats(box_html: str) -> dict[str, str]:
    soup = BeautifulSoup(box_html, "html.parser")
    return {
        pre["class"][1].split("--")[1]: pre.get_text()
        for pre in soup.select("pre.irc-cite__text")
    }


def _registered_formats(page, anchor: str) -> dict[str, str]:
    """The four formats cite_box registered for an anchor (they go to the page's citations.html)."""
    rec = cite.registered_citations(page.file.src_uri)[anchor]
    return _formats(cite.formats_html(rec, anchor))


def test_cite_box_for_a_chart_registers_four_formats_with_anchor_version_and_accessed_date():
    cite._reset_registry()
    page = fake_page()
    box = cite.cite_box(page, None, anchor="chart-record_counts", title="Records by year", kind="chart")
    assert _formats(box) == {}, "the formats of a chart's box belong in citations.html, not in the page"
    texts = _registered_formats(page, "chart-record_counts")
    assert set(texts) == {"apa", "chicago", "bibtex", "ris"}
    url = "https://irc-research.github.io/irc-site/china-uk/theory/#chart-record_counts"
    version = cite.site_version()
    for name, text in texts.items():
        assert url in text, name
        assert version["describe"] in text, name
        assert "[date]" in text, f"{name}: no accessed-date placeholder"
        assert "Records by year" in text, name
    assert texts["apa"].startswith("IRC Research Team. (")
    assert "[Chart]. In Theoretical framework." in texts["apa"]
    assert texts["bibtex"].startswith("@misc{irc-china-uk-theory-chart-record-counts,")
    assert "urldate      = {[date]}" in texts["bibtex"]
    ris = texts["ris"].splitlines()
    assert ris[0] == "TY  - ELEC" and ris[-1].startswith("ER  -") and "Y2  - [date]" in ris
    assert f"DA  - {version['date'].replace('-', '/')}" in ris


def test_registered_formats_keep_one_id_per_tab_and_pre():
    cite._reset_registry()
    page = fake_page()
    cite.cite_box(page, None, anchor="table-x", title="T", kind="table")
    block = cite.formats_html(cite.registered_citations(page.file.src_uri)["table-x"], "table-x")
    ids = re.findall(r'id="([^"]+)"', block)
    assert len(ids) == len(set(ids)) == 8 and all(i.startswith("irc-cite-table-x-") for i in ids)


def test_compact_cite_box_stays_one_raw_html_block_and_links_its_citations():
    cite._reset_registry()
    box = cite.cite_box(fake_page(), None, anchor="table-x", title="T", kind="table")
    assert "\n\n" not in box, "a blank line would end the raw HTML block inside Markdown"
    # "@" would be read as a citation key by hooks/references.py.
    assert "@" not in box
    soup = BeautifulSoup(box, "html.parser")
    details = soup.select_one("details.irc-cite")
    assert details["data-cite-kind"] == "table" and details["data-cite-src"] == "citations.html#cite-table-x"
    assert details.summary.get_text() == "Cite this table"
    assert "https://irc-research.github.io/irc-site/china-uk/theory/#table-x" in details.select_one("p.irc-cite__meta").get_text()
    link = details.select_one("p.irc-cite__fallback a.irc-cite__all")
    assert link["href"] == "citations.html#cite-table-x"
    assert all(name in link.get_text() for name in ("APA 7", "Chicago", "BibTeX", "RIS"))
    assert not soup.select("pre, input, label") and not re.findall(r'id="', box)


def test_cite_box_of_a_page_keeps_its_formats_in_the_page():
    cite._reset_registry()
    page = fake_page(markdown="# *Methods* and data {#top}\n")
    box = cite.cite_box(page, None, anchor="", title="", kind="page")
    texts = _formats(box)
    assert set(texts) == {"apa", "chicago", "bibtex", "ris"} and "data-cite-src" not in box
    assert "Methods and data" in texts["chicago"]
    assert "[Chart]" not in texts["apa"] and " In " not in texts["apa"]
    assert cite.registered_citations(page.file.src_uri) == {}


def test_citations_document_holds_a_section_per_box():
    cite._reset_registry()
    page = fake_page()
    cite.cite_box(page, None, anchor="chart-a", title="A chart", kind="chart")
    cite.cite_box(page, None, anchor="table-b", title="A table", kind="table")
    page_html = ('<html><head><link rel="icon" href="../../assets/favicon.svg"><link rel="stylesheet" href="../../assets/main.css">'
                 '<link rel="stylesheet" href="../../css/print-site.css"></head>'
                 '<body dir="ltr" data-md-color-scheme="default"><p>x</p></body></html>')
    config = {"site_name": "International Research Collaboration"}
    doc = cite.citations_document(page, config, cite.registered_citations(page.file.src_uri), page_html)
    assert doc == cite.citations_document(page, config, cite.registered_citations(page.file.src_uri), page_html)
    assert doc.startswith('<!doctype html>\n<html lang="en"') and "@" not in doc.replace("&#64;", "")
    soup = BeautifulSoup(doc, "html.parser")
    assert soup.title.get_text() == "Citations: Theoretical framework - International Research Collaboration"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert soup.select_one('link[rel="canonical"]')["href"] == "https://irc-research.github.io/irc-site/china-uk/theory/"
    assert [link["href"] for link in soup.select('link[rel="stylesheet"], link[rel="icon"]')] == [
        "../../assets/favicon.svg", "../../assets/main.css"]
    assert soup.body["data-md-color-scheme"] == "default"
    main = soup.select_one("main.md-typeset")
    assert main.h1 and main.select_one('a[href="./"]')
    sections = main.select("section")
    assert [s["id"] for s in sections] == ["cite-chart-a", "cite-table-b"]
    assert [s.h2.get_text() for s in sections] == ["Chart: A chart", "Table: A table"]
    for section in sections:
        assert section.select_one("p.irc-cite__meta")
        assert len(section.select(".irc-cite__formats pre.irc-cite__text")) == 4


def test_unknown_citation_kind_is_an_error_naming_the_page():
    with pytest.raises(cite.CitationError, match=r"china-uk/theory.md: unknown citation kind 'figure'"):
        cite.cite_box(fake_page(), None, anchor="x", title="x", kind="figure")


def test_print_urls_makes_relative_links_absolute_for_print():
    html = '<a href="../methods/#data">m</a> <a href="https://doi.org/1">d</a> <a href="#top">t</a>'
    out = cite.print_urls(html, "https://example.org/site/china-uk/theory/")
    assert 'data-print-url="https://example.org/site/china-uk/methods/#data"' in out
    assert out.count("data-print-url") == 1


# ---------------------------------------------------------------------------
# The built site: head tags and cite boxes on every page
# ---------------------------------------------------------------------------
def _pages(site: Path) -> list[Path]:
    return [
        p for p in sorted(site.rglob("index.html"))
        if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")[:2000]
    ]


def test_every_page_has_google_scholar_required_tags(built_site):
    failures = {}
    for path in _pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        tags: dict[str, list[str]] = {}
        for meta in soup.select("meta[name^=citation_]"):
            tags.setdefault(meta["name"], []).append(meta.get("content", ""))
        problems = []
        if not [t for t in tags.get("citation_title", []) if t.strip()]:
            problems.append("no citation_title")
        if not [a for a in tags.get("citation_author", []) if a.strip()]:
            problems.append("no citation_author")
        dates = tags.get("citation_publication_date", []) + tags.get("citation_date", [])
        if not dates or not all(SCHOLAR_DATE.match(d) for d in dates):
            problems.append(f"publication date missing or not YYYY/MM/DD: {dates}")
        canonical = soup.select_one('link[rel="canonical"]')
        if canonical is None or tags.get("citation_public_url", [None])[0] != canonical["href"]:
            problems.append("citation_public_url differs from the canonical URL")
        if problems:
            failures[str(path.relative_to(built_site))] = problems
    assert not failures, failures


def test_every_page_has_json_ld_and_opengraph(built_site):
    for path in _pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
        main = next(b for b in blocks if b.get("@type") in {"ScholarlyArticle", "WebPage"})
        assert main["isPartOf"]["@type"] == "WebSite", path
        assert main["author"] and main["datePublished"], path
        og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
        assert og["og:url"] == soup.select_one('link[rel="canonical"]')["href"], path
        assert og["og:title"] and og["og:site_name"], path


def test_every_page_chart_and_table_has_a_cite_box(built_site):
    for path in _pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if path.relative_to(built_site).as_posix() == "print_page/index.html":
            continue  # the combined copy: its ids carry page prefixes (checked by the link test)
        page_boxes = [b for b in article.select("details.irc-cite") if b.summary.get_text() == "Cite this page"]
        assert len(page_boxes) == 1, f"{path}: {len(page_boxes)} 'Cite this page' boxes"
        assert page_boxes[0].select_one("a")["href"] == soup.select_one('link[rel="canonical"]')["href"], path
        for holder in article.select("figure.irc-chart, div.irc-table"):
            box = holder.select_one("details.irc-cite")
            if box is None and holder.name == "div":
                # A table's caption and cite box follow it in a sibling block.
                meta = holder.find_next_sibling("div", class_="irc-table__meta")
                box = meta.select_one("details.irc-cite") if meta else None
            assert box is not None, f"{path}: #{holder['id']} has no cite box"
            assert f"#{holder['id']}" in box.get_text(), f"{path}: cite box of #{holder['id']} lacks its anchor"


def test_every_artifact_cite_box_loads_its_formats_from_an_existing_citations_file(built_site):
    boxes = 0
    sections_linked: dict[Path, set[str]] = {}
    for path in _pages(built_site):
        if path.relative_to(built_site).as_posix() == "print_page/index.html":
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for box in soup.select("article details.irc-cite"):
            kind = box["data-cite-kind"]
            if kind == "page":
                assert not box.has_attr("data-cite-src") and len(box.select("pre.irc-cite__text")) == 4, path
                continue
            boxes += 1
            src = box.get("data-cite-src", "")
            file, _, fragment = src.partition("#")
            assert file == "citations.html" and fragment, f"{path}: box of kind {kind} has data-cite-src={src!r}"
            assert not box.select("pre.irc-cite__text"), f"{path}: #{fragment} still carries its formats in the page"
            assert box.select_one("a.irc-cite__all")["href"] == src, path
            target = path.parent / file
            assert target.is_file(), f"{path}: {src} does not exist"
            ids = sections_linked.setdefault(target, {s["id"] for s in BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").select("main section[id]")})
            assert fragment in ids, f"{path}: no section #{fragment} in {target.relative_to(built_site)}"
    # 170 boxes when this was written (charts, tables and each quotation wherever it appears).
    assert boxes >= 100, boxes
    files = sorted(built_site.rglob("citations.html"))
    assert set(files) == set(sections_linked), "a citations.html that no page links, or the reverse"
    for file in files:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex", file
        for section in soup.select("main section[id^=cite-]"):
            texts = {pre["class"][1].split("--")[1]: pre.get_text() for pre in section.select("pre.irc-cite__text")}
            assert set(texts) == {"apa", "chicago", "bibtex", "ris"}, f"{file}#{section['id']}"
            assert texts["bibtex"].startswith("@misc{irc-") and texts["ris"].startswith("TY  - ELEC"), f"{file}#{section['id']}"
            assert all("[date]" in t for t in texts.values()), f"{file}#{section['id']}"


def test_sitemap_lastmod_comes_from_git(built_site):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    dates = cite.git_file_dates()
    head = cite.site_version()["date"]
    site_url = cite.load_metadata()["url"]
    checked = 0
    for url in root.findall("s:url", ns):
        loc, lastmod = url.find("s:loc", ns).text, url.find("s:lastmod", ns).text
        rel = loc[len(site_url):]
        src = "docs/" + ("index.md" if rel == "" else rel.rstrip("/") + ".md")
        if not (ROOT / src).exists():
            src = "docs/" + rel + "index.md"
        if (ROOT / src).exists():
            assert lastmod == dates.get(src, head), f"{loc}: lastmod {lastmod}, git says {dates.get(src, head)}"
            checked += 1
    assert checked >= 5


@pytest.mark.browser
def test_cite_box_fills_accessed_date_and_offers_copy_buttons(built_site):
    import datetime as dt
    import os

    from hooks import pdf

    if not Path(pdf.CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{pdf.CHROMIUM} is missing and CI=true")
        pytest.skip(f"{pdf.CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    target = next(
        p for p in sorted(built_site.rglob("index.html"))
        if 'class="irc-chart"' in p.read_text(encoding="utf-8") and "print_page" not in p.parts
    )
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    # Material's scripts need http(s), not file://.
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(built_site))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/{target.parent.relative_to(built_site).as_posix()}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=pdf.CHROMIUM, args=pdf.CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            errors = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(url)
            today = dt.date.today()
            long_date = f"{today.strftime('%B')} {today.day}, {today.year}"
            expected = [long_date, long_date, today.isoformat(), today.strftime("%Y/%m/%d")]
            # The page's own box carries its four formats in the page, dates filled on load.
            page_box = page.locator("details.irc-cite[data-cite-kind=page]")
            assert page_box.locator("pre.irc-cite__text").count() == 4
            page.wait_for_function("document.querySelector('details.irc-cite[data-cite-kind=page] .irc-cite__accessed').textContent !== '[date]'")
            assert page_box.locator(".irc-cite__accessed").evaluate_all("els => els.map(e => e.textContent)") == expected
            # A chart's box holds only a link until it is opened; opening it loads the formats.
            box = page.locator("figure.irc-chart details.irc-cite").first
            assert box.locator("pre.irc-cite__text").count() == 0
            assert box.locator("a.irc-cite__all").count() == 1
            box.locator("summary").scroll_into_view_if_needed()
            box.locator("summary").click()
            box.locator("pre.irc-cite__text").first.wait_for(state="visible", timeout=10_000)
            assert box.locator("a.irc-cite__all").count() == 0, "the fallback link stays after the formats loaded"
            assert box.locator(".irc-cite__accessed").evaluate_all("els => els.map(e => e.textContent)") == expected
            # Material's copy button (content.code.copy) on each of the four formats of the chart's box,
            # made as Material makes the page box's ones.
            buttons = box.locator("nav.md-code__nav > button.md-code__button[data-md-type=copy]")
            assert buttons.count() == 4
            for i in range(4):
                target = buttons.nth(i).get_attribute("data-clipboard-target")
                pre_id = box.locator("pre.irc-cite__text").nth(i).get_attribute("id")
                assert target == f"#{pre_id} > code" and pre_id.startswith("__code_irc-cite-chart-"), target
            assert buttons.first.get_attribute("title") == page_box.locator("button.md-code__button").first.get_attribute("title")
            # One click copies the visible format; the copied text is the citation with today's date.
            page.context.grant_permissions(["clipboard-read", "clipboard-write"])
            # Each button copies its own format (BibTeX is the third tab).
            box.locator(".tabbed-labels label").nth(2).click()
            buttons.nth(2).click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied.startswith("@misc{irc-") and "chart-" in copied.splitlines()[0]
            assert today.isoformat() in copied and "[date]" not in copied
            # Closing and opening again loads nothing twice.
            box.locator("summary").click()
            box.locator("summary").click()
            page.wait_for_timeout(200)
            assert box.locator("pre.irc-cite__text").count() == 4 and buttons.count() == 4
            assert not errors, errors
        finally:
            browser.close()
            server.shutdown()


def test_cite_box_can_cite_a_quotation_at_its_permanent_home():
    cite._reset_registry()
    page = fake_page()
    home = "https://irc-research.github.io/irc-site/quotes/all/#q-cu-initiation-01"
    box = cite.cite_box(page, None, anchor="q-cu-initiation-01", title="Interview excerpt cu-initiation-01",
                        kind="quote", url=home, within="All quotations")
    texts = _registered_formats(page, "q-cu-initiation-01")
    assert set(texts) == {"apa", "chicago", "bibtex", "ris"}
    assert all(home in text for text in texts.values())
    assert "[Interview quotation]. In All quotations." in texts["apa"]
    assert "Cite this quotation" in box and 'data-cite-src="citations.html#cite-q-cu-initiation-01"' in box


def test_print_page_cite_boxes_point_at_their_pages_citations():
    # The print-site plugin made "citations.html#cite-chart-x" on china-uk/methods/ into
    # "#china-uk-methods-citations-cite-chart-x"; the print page lives in print_page/.
    keys = {"china-uk-methods-citations": "../china-uk/methods/citations.html"}
    html = ('<details class="irc-cite" data-cite-kind="chart" data-cite-src="citations.html#cite-chart-x"><summary>s</summary>'
            '<p class="irc-cite__fallback"><a class="irc-cite__all" href="#china-uk-methods-citations-cite-chart-x">f</a></p></details>'
            '<details class="irc-cite" data-cite-kind="page"><a href="#other">o</a></details>')
    fixed = cite.fix_print_page_citations(html, keys)
    assert fixed.count('"../china-uk/methods/citations.html#cite-chart-x"') == 2
    assert '<a href="#other">' in fixed


def test_print_page_ids_follow_the_print_plugin_links():
    html = (
        '<div id="print-site-page"><section class="print-page" id="a"><figure id="chart-x"></figure><h2 id="a-s"></h2>'
        '<a href="#a-chart-x">c</a><a href="#b-?theme=t">q</a><a href="#print_page">p</a></section>'
        '<section class="print-page" id="b"><figure id="chart-x"></figure></section></div>'
    )
    fixed = cite.fix_print_page_ids(html)
    assert '<figure id="a-chart-x">' in fixed and '<section class="print-page" id="b"><figure id="chart-x">' in fixed
    assert 'href="#b"' in fixed and 'href="#print-site-page"' in fixed
