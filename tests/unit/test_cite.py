"""Citing the site: one metadata source (citation.yaml) -> CITATION.cff, .zenodo.json,
every page's head tags and "Cite this" boxes (scholarly/, wired in by transforms/cite.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from analysis import citation_files
from transforms import cite, print_fixes
from transforms.build import SiteBuild
from transforms.page import PageRef
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
    monkeypatch.setattr(citation_files, "DATES_FILE", tmp_path / "page-dates.json")
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
        {"identifier": "10.1177/0162243907306196", "relation": "isDerivedFrom", "scheme": "doi", "resource_type": "publication-article"},
        {"identifier": f"{meta['url']}v/{meta['version']}/", "relation": "isSupplementTo", "scheme": "url"},
    ]
    # The release and its date, in all three; the preferred citation is the website at that release.
    released = meta["date_released"].isoformat()
    assert cff["date-released"] == zen["publication_date"] == released
    preferred = cff["preferred-citation"]
    assert preferred["type"] == "website" and preferred["year"] == int(released[:4])
    assert preferred["authors"] == [{"name": "IRC Research Team"}] and preferred["url"].endswith(f"/v/{meta['version']}/")


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
    version = cite.site_version(new_build())
    describe = run(["git", "describe", "--tags", "--match", "v[0-9]*", "--always"], cwd=ROOT, check=True).stdout.strip()
    assert version["describe"] == describe
    assert version["date"] == run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, check=True).stdout.strip()


# ---------------------------------------------------------------------------
# The "Cite this" box
# ---------------------------------------------------------------------------
def new_build(site_name: str = "") -> SiteBuild:
    """A build's state, as the plugin makes it for each build (no artifacts needed here)."""
    return SiteBuild({"artifacts": {}}, site_name=site_name)


def fake_page(url="china-uk/theory/", markdown="# Theoretical framework\n\nText.\n", meta=None):
    return PageRef(url.rstrip("/") + ".md", url, canonical_url=f"https://irc-research.github.io/irc-site/{url}",
                   markdown=markdown, meta=meta or {})


def _formats(box_html: str) -> dict[str, str]:
    soup = BeautifulSoup(box_html, "html.parser")
    return {
        pre["class"][1].split("--")[1]: pre.get_text()
        for pre in soup.select("pre.irc-cite__text")
    }


def _registered_formats(build, page, anchor: str) -> dict[str, str]:
    """The four formats cite_box registered for an anchor (they go to the page's citations.html)."""
    rec = cite.registered_citations(build, page.src_uri)[anchor]
    return _formats(cite.formats_html(rec, anchor))


def _cited(url: str) -> str:
    """The address a citation names: on a release build (HEAD tagged vX.Y.Z) the release's own."""
    site = new_build().site
    return url.replace(site.root_url, site.versioned_base, 1) if site.versioned_base else url


def test_cite_box_for_a_chart_registers_four_formats_with_anchor_version_and_no_access_date():
    build = new_build()
    page = fake_page()
    box = cite.cite_box(build, page, anchor="chart-record_counts", title="Records by year", kind="chart")
    assert _formats(box) == {}, "the formats of a chart's box belong in citations.html, not in the page"
    texts = _registered_formats(build, page, "chart-record_counts")
    assert set(texts) == {"apa", "chicago", "bibtex", "ris"}
    url = _cited("https://irc-research.github.io/irc-site/china-uk/theory/#chart-record_counts")
    version = cite.site_version(new_build())
    for name, text in texts.items():
        assert url in text, name
        assert version["label"] in text, name
        assert "[date]" not in text and "ccessed" not in text and "Retrieved" not in text, f"{name}: an access date"
        assert "Records by year" in text, name
    assert texts["apa"].startswith("IRC Research Team. (")
    assert "[Chart]. In Theoretical framework. International Research Collaboration (Version " in texts["apa"]
    assert texts["bibtex"].startswith("@online{irc-china-uk-theory-chart-record-counts,")
    assert 'booktitle = "International Research Collaboration"' in texts["bibtex"]
    assert "urldate" not in texts["bibtex"]
    ris = texts["ris"].splitlines()
    assert ris[0] == "TY  - ELEC" and ris[-1].startswith("ER  -") and not [x for x in ris if x.startswith("Y2")]
    # T2 is the container Zotero keeps as the website title: the site, not the page.
    assert "T2  - International Research Collaboration" in ris
    assert f"DA  - {version['date'].replace('-', '/')}" in ris  # the fake page has no git history: the build's date


def test_registered_formats_keep_one_id_per_tab_and_pre():
    build = new_build()
    page = fake_page()
    cite.cite_box(build, page, anchor="table-x", title="T", kind="table")
    block = cite.formats_html(cite.registered_citations(build, page.src_uri)["table-x"], "table-x")
    ids = re.findall(r'id="([^"]+)"', block)
    assert len(ids) == len(set(ids)) == 8 and all(i.startswith("irc-cite-table-x-") for i in ids)


def test_compact_cite_box_stays_one_raw_html_block_and_links_its_citations():
    build = new_build()
    box = cite.cite_box(build, fake_page(), anchor="table-x", title="T", kind="table")
    assert "\n\n" not in box, "a blank line would end the raw HTML block inside Markdown"
    # "@" would be read as a citation key by transforms/citations.py.
    assert "@" not in box
    soup = BeautifulSoup(box, "html.parser")
    details = soup.select_one("details.irc-cite")
    assert details["data-cite-kind"] == "table" and details["data-cite-src"] == "citations.html#cite-table-x"
    assert details.summary.get_text() == "Cite this table"
    # The address, version and licence lines are in citations.html, once per box, not in the page.
    assert details.select_one("p.irc-cite__meta") is None and "https://" not in box
    link = details.select_one("p.irc-cite__fallback a.irc-cite__all")
    assert link["href"] == "citations.html#cite-table-x"
    assert all(name in link.get_text() for name in ("APA 7", "Chicago", "BibTeX", "RIS"))
    assert not soup.select("pre, input, label") and not re.findall(r'id="', box)


def test_cite_box_of_a_page_is_compact_and_its_record_goes_first_in_citations_html():
    build = new_build()
    page = fake_page(markdown="# *Methods* and data {#top}\n")
    cite.cite_box(build, page, anchor="chart-a", title="A chart", kind="chart")
    box = cite.cite_box(build, page, anchor="", title="", kind="page")
    soup = BeautifulSoup(box, "html.parser")
    assert soup.details["data-cite-src"] == "citations.html#cite-page" and not soup.select("pre")
    assert soup.summary.get_text() == "Cite this page"
    registered = cite.registered_citations(build, page.src_uri)
    assert list(registered) == ["chart-a", cite.PAGE_SECTION] and registered["page"]["kind"] == "page"
    page_html = '<html><head></head><body><p>x</p></body></html>'
    doc = BeautifulSoup(cite.citations_document(build, page, registered, page_html), "html.parser")
    first = doc.select("main section")[0]
    assert first["id"] == "cite-page" and first.h2.get_text().startswith("Page: ")
    texts = {pre["class"][1].split("--")[1]: pre.get_text() for pre in first.select("pre.irc-cite__text")}
    assert set(texts) == {"apa", "chicago", "bibtex", "ris"}
    assert "Methods and data" in texts["chicago"]
    assert "[Chart]" not in texts["apa"] and " In " not in texts["apa"]


def test_citations_document_holds_a_section_per_box():
    build = new_build()
    page = fake_page()
    cite.cite_box(build, page, anchor="chart-a", title="A chart", kind="chart")
    cite.cite_box(build, page, anchor="table-b", title="A table", kind="table")
    page_html = ('<html><head><link rel="icon" href="../../assets/favicon.svg"><link rel="stylesheet" href="../../assets/main.css">'
                 '<link rel="stylesheet" href="../../css/print-site.css"></head>'
                 '<body dir="ltr" data-md-color-scheme="default"><p>x</p></body></html>')
    build.site_name = "International Research Collaboration"
    doc = cite.citations_document(build, page, cite.registered_citations(build, page.src_uri), page_html)
    assert doc == cite.citations_document(build, page, cite.registered_citations(build, page.src_uri), page_html)
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
        # The record's lines the compact box leaves out: cite.js takes them from here.
        meta = section.select_one("p.irc-cite__meta").get_text()
        assert f"china-uk/theory/#{section['id'].removeprefix('cite-')}" in meta and "Licence:" in meta
        assert len(section.select(".irc-cite__formats pre.irc-cite__text")) == 4


def test_unknown_citation_kind_is_an_error_naming_the_page():
    build = new_build()
    with pytest.raises(cite.CitationError, match=r"china-uk/theory.md: unknown citation kind 'figure'"):
        cite.cite_box(build, fake_page(), anchor="x", title="x", kind="figure")


def test_cite_box_can_cite_a_quotation_at_its_permanent_home():
    build = new_build()
    page = fake_page()
    home = "https://irc-research.github.io/irc-site/quotes/all/#q-cu-initiation-01"
    box = cite.cite_box(build, page, anchor="q-cu-initiation-01", title="Interview excerpt cu-initiation-01",
                        kind="quote", url=home, within="All quotations")
    texts = _registered_formats(build, page, "q-cu-initiation-01")
    assert set(texts) == {"apa", "chicago", "bibtex", "ris"}
    assert all(_cited(home) in text for text in texts.values())
    assert "[Interview quotation]. In All quotations." in texts["apa"]
    assert "Cite this quotation" in box and 'data-cite-src="citations.html#cite-q-cu-initiation-01"' in box


def test_print_page_cite_boxes_point_at_their_pages_citations():
    # The print-site plugin made "citations.html#cite-chart-x" on china-uk/methods/ into
    # "#china-uk-methods-citations-cite-chart-x"; the print page lives in print_page/.
    keys = {"china-uk-methods-citations": "../china-uk/methods/citations.html"}
    html = ('<details class="irc-cite" data-cite-kind="chart" data-cite-src="citations.html#cite-chart-x"><summary>s</summary>'
            '<p class="irc-cite__fallback"><a class="irc-cite__all" href="#china-uk-methods-citations-cite-chart-x">f</a></p></details>'
            '<details class="irc-cite" data-cite-kind="page"><a href="#other">o</a></details>')
    fixed = print_fixes.fix_print_page_citations(html, keys)
    assert fixed.count('"../china-uk/methods/citations.html#cite-chart-x"') == 2
    assert '<a href="#other">' in fixed


def test_print_page_ids_follow_the_print_plugin_links():
    html = (
        '<div id="print-site-page"><section class="print-page" id="a"><figure id="chart-x"></figure><h2 id="a-s"></h2>'
        '<a href="#a-chart-x">c</a><a href="#b-?theme=t">q</a><a href="#print_page">p</a></section>'
        '<section class="print-page" id="b"><figure id="chart-x"></figure></section></div>'
    )
    fixed = print_fixes.fix_print_page_ids(html)
    assert '<figure id="a-chart-x">' in fixed and '<section class="print-page" id="b"><figure id="chart-x">' in fixed
    assert 'href="#b"' in fixed and 'href="#print-site-page"' in fixed
