"""The generated dataset pages, and that every number of the sources' tables reaches the site unchanged.

The source text is the team's copy of the two studies, in the folder IRC_SOURCES names (README).
Each row of a transcribed table is rebuilt in the source's own layout (tab-separated, values as
printed) and must be a line of the source text; every dataset page of the built site must show
every row of its CSV.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup, NavigableString

from analysis import datasets
from tests.conftest import ROOT, source_text

CHINA_UK_TEXT = "000_f1e849d268522d47.txt"
KOREA_UK_TEXT = "001_1075b1596e46c368.txt"


def source_lines(name: str) -> list[str]:
    return source_text(name).splitlines()


def raw(name: str) -> pd.DataFrame:
    """The CSV as text, exactly as stored."""
    return pd.read_csv(datasets.describe(name).csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


# ---------------------------------------------------------------------------
# 1. The data equal the source text
# ---------------------------------------------------------------------------


def test_citation_tables_2001_2020_equal_the_source():
    lines = set(source_lines(CHINA_UK_TEXT))
    overall = raw("china_uk_citation_sources").query("period == '2001-2020'")
    for r in overall.itertuples():
        assert f"{r.country_as_printed}\t{r.records}\t{r.share_as_printed}" in lines, r
    printed = [l for l in lines if re.fullmatch(r"[A-Z][A-Z ]+\t\d+\t\d+\.\d%", l)]
    assert len(printed) == len(overall)


def test_citation_tables_by_period_equal_the_source():
    lines = source_lines(CHINA_UK_TEXT)
    by_period = raw("china_uk_citation_sources").query("period != '2001-2020'")
    rebuilt = []
    for (group, rank), rows in by_period.groupby(["group", "rank"], sort=False):
        rows = rows.sort_values("period")
        rebuilt.append("\t".join(f"{r.country_as_printed}\t{r.records}\t{r.share_as_printed}" for r in rows.itertuples()))
    printed = [l for l in lines if re.fullmatch(r"([A-Z]{3}\t\d+\t\d+\.\d\t?){4}", l)]
    assert sorted(rebuilt) == sorted(printed)
    # Each group's rows sit under its own printed title, in rank order.
    for group, title in (("China-participated", "**China**-participated"), ("UK-participated", "**UK**-participated"), ("China-UK", "**China-UK**")):
        start = next(i for i, l in enumerate(lines) if l.startswith("Table") and "Source countries" in l and title in l)
        rows = by_period[by_period["group"] == group]
        ranks = rows["rank"].astype(int).max()
        block = [l for l in lines[start + 1 : start + 4 + ranks] if re.fullmatch(r"([A-Z]{3}\t\d+\t\d+\.\d\t?){4}", l)]
        first = rows[rows["period"] == "2001-2005"].sort_values("rank", key=lambda s: s.astype(int))["country_as_printed"].tolist()
        assert [l.split("\t")[0] for l in block] == first


def test_funding_tables_equal_the_source():
    lines = source_lines(CHINA_UK_TEXT)
    funding = raw("china_uk_funding_agencies")
    for r in funding.itertuples():
        assert f"{r.agency_as_printed}\t{r.funder_country_as_printed}\t{r.records}\t{r.share_as_printed}" in lines, r
    printed = [l for l in lines if re.fullmatch(r"[^\t]+\t(China|UK|USA|EU|Australia)\t\d+\t\d+\.\d\d.*", l)]
    assert len(printed) == len(funding)


def test_highly_cited_papers_equal_the_source():
    lines = source_lines(CHINA_UK_TEXT)
    for r in datasets.load("china_uk_highly_cited_papers").itertuples():
        line = (
            f"{r.country_as_printed}\t{int(r.social_science_papers):,}\t{int(r.highly_cited_papers)}\t"
            f"{int(r.highly_cited_first_affiliation)}\t{r.hcp_rate_as_printed}\t{r.first_affiliation_share_as_printed}"
        )
        assert line in lines, line


def test_datasets_participants_and_questions_equal_the_source():
    lines = source_lines(CHINA_UK_TEXT)
    for r in raw("china_uk_participants").itertuples():
        assert f"{r.row}\t{r.code}\t{r.affiliation}\t{r.gender}\t{r.china_uk_papers}\t{r.academic_title}" in lines, r
    for r in raw("china_uk_interview_questions").itertuples():
        assert f"{r.number}\t{r.question}" in lines, r
    for r in raw("bibliometric_datasets").itertuples():
        cells = [r.row, r.name] + ([r.search_string] if r.search_string else []) + [r.records_as_printed]
        assert "\t".join(cells) in lines, r
    for r in raw("bibliometric_datasets").itertuples():
        assert int(r.records) == int(r.records_as_printed.split()[0].replace(",", ""))


def test_number_columns_equal_their_printed_text():
    def number(text: str) -> float:
        return float(text.split()[0].rstrip("%").replace(",", ""))

    for r in datasets.load("china_uk_citation_sources").itertuples():
        assert r.share_percent == number(r.share_as_printed)
    for r in datasets.load("china_uk_funding_agencies").itertuples():
        assert r.share_percent == number(r.share_as_printed)


def test_steps_and_findings_summary_are_the_source_words():
    text = source_text(CHINA_UK_TEXT)
    for r in raw("china_uk_mixed_methods_steps").itertuples():
        assert r.item in text and r.step_name in text, r
    for r in raw("china_uk_quantitative_findings_summary").itertuples():
        assert f"● {r.finding}" in text, r
    for r in raw("china_uk_source_tables").itertuples():
        plain = r.title_as_printed.replace("China-participated", "**China**-participated").replace(
            "UK-participated", "**UK**-participated").replace("China-UK education", "**China-UK** education")
        assert plain in text or r.title_as_printed in text, r.title_as_printed


def test_interviewee_codes_and_cells_are_in_the_article():
    text = source_text(KOREA_UK_TEXT)
    flat = " ".join(text.split())
    table_starts = {n: text.index(f" Table {n}\nInformation on Interviewees") for n in range(1, 7)}
    ends = {n: table_starts.get(n + 1, len(text)) for n in range(1, 7)}
    for r in raw("korea_uk_interviewees").itertuples():
        n = int(r.source_table.split()[1])
        block = text[table_starts[n] : ends[n]]
        # A code starts a line of its table; a two-word code ("South African 1") may be broken across lines.
        first, *rest = r.code.split()
        assert re.search(rf"(^|\n){re.escape(first)}\b", block), f"{r.code} not in {r.source_table}"
        assert all(part in block for part in rest), f"{r.code} not in {r.source_table}"
        # Every word of the transcribed cells is in the table's text (cells were broken across lines).
        words = {w.strip(",.;-") for w in block.replace("-\n", "-").split()}
        for cell in (r.status_in_korea, r.status_in_uk, r.role):
            for word in cell.replace(";", "").split():
                # A compound broken at its hyphen ("energy- ... environment") counts if both halves are there.
                parts = [w.strip(",.") for w in word.split("-")]
                assert word.strip(",.") in words or all(x in words for x in parts) or word in flat, f"{r.code}: {word!r}"


# ---------------------------------------------------------------------------
# 2. The built pages
# ---------------------------------------------------------------------------


def page_tables(html: str) -> list[list[list[str]]]:
    """The rows of every <table> on a page as lists of cell text, the rows held back in the
    table's <template> (shown on request) included: their text is a TemplateString, which
    BeautifulSoup's get_text() leaves out."""
    soup = BeautifulSoup(html, "html.parser")

    def text(cell) -> str:
        return "".join(s for s in cell.descendants if isinstance(s, NavigableString)).strip()

    return [[[text(cell) for cell in row.find_all(["td", "th"])] for row in table.find_all("tr")]
            for table in soup.find_all("table")]


def dataset_names() -> list[str]:
    return sorted(datasets.discover())


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


def test_data_index_lists_every_dataset(site):
    html = (site / "datasets" / "index.html").read_text(encoding="utf-8")
    for name in dataset_names():
        assert f'href="{name}/"' in html, name
    assert 'href="notes/"' in html


@pytest.mark.parametrize("name", dataset_names())
def test_dataset_page_has_schema_downloads_jsonld_and_every_row(site, name):
    ds = datasets.describe(name)
    page = site / "datasets" / name / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'id="schema"' in html and 'id="provenance"' in html
    folder = ds.csv_path.parent.relative_to(ROOT / "data").as_posix()
    for file in (ds.csv_path, ds.descriptor_path):
        href = f"../../data/{folder}/{file.name}".replace("/./", "/")
        assert f'href="{href}"' in html, href
        assert (page.parent / href).resolve().read_bytes() == file.read_bytes()
    # JSON-LD in the head, a schema.org Dataset naming both downloads.
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    # One graph per page (scholarly/head.py): the Dataset is a node of it, tied to its page.
    dataset_ld = [n for b in blocks for n in b.get("@graph", [b]) if n.get("@type") == "Dataset"]
    assert len(dataset_ld) == 1, blocks
    ld = dataset_ld[0]
    assert ld["name"] == ds.title and ld["alternateName"] == name and ld["identifier"].startswith("https://")
    assert {d["name"] for d in ld["distribution"]} == {ds.csv_path.name, ds.descriptor_path.name}
    assert [v["name"] for v in ld["variableMeasured"]] == [f["name"] for f in ds.fields]
    # Schema table: one row per column with its type.
    tables = page_tables(html)
    schema = next(t for t in tables if t and t[0][:2] == ["Column", "Type"])
    assert [(r[0], r[1]) for r in schema[1:]] == [(f["name"], f.get("type", "string")) for f in ds.fields]
    # Data table: every row of the CSV, every cell equal (numbers compared as numbers).
    frame = raw(name)
    data = next(t for t in tables if t and t[0] == list(frame.columns))
    assert len(data) - 1 == len(frame)
    types = {f["name"]: f.get("type", "string") for f in ds.fields}
    for shown, (_, expected) in zip(data[1:], frame.iterrows()):
        for column, cell in zip(frame.columns, shown):
            want = expected[column]
            if types[column] in {"integer", "number"} and want != "":
                assert float(cell) == float(want), (name, column, cell, want)
            else:
                assert cell == " ".join(want.split()), (name, column, cell, want)
    assert f'<span class="irc-dataset-rows">{len(frame)}</span>' in html


def test_notes_page_shows_the_generated_findings(site):
    html = (site / "datasets" / "notes" / "index.html").read_text(encoding="utf-8")
    findings = pd.read_csv(ROOT / "generated" / "tables" / "data_audit_findings.csv", dtype=str, keep_default_na=False)
    table = next(t for t in page_tables(html) if t and t[0][:3] == ["Dataset", "Table as printed", "Rows"])
    assert len(table) - 1 == len(findings) > 0
    assert any("'312 16'" in row for row in table[1:])
    assert any(row[1] == "Figure 13" for row in table[1:])


def test_artifacts_listed_in_module_docstrings_exist():
    """Other pages include these artifacts by the names the docstrings promise."""
    import importlib

    from analysis.registry import REGISTRY

    modules = ["analysis.china_uk.citations", "analysis.china_uk.funding", "analysis.china_uk.highly_cited",
               "analysis.china_uk.participants", "analysis.korea_uk.interviewees", "analysis.audit"]
    listed = 0
    for name in modules:
        module = importlib.import_module(name)
        for artifact, kind in re.findall(r"^- (\w+) \((chart|table|values)\):", module.__doc__, re.M):
            assert artifact in REGISTRY and REGISTRY[artifact].kind == {"values": "values"}.get(kind, kind), artifact
            listed += 1
    assert listed >= 15


@pytest.mark.parametrize("slug", ["china_participated", "uk_participated", "china_uk"])
def test_published_period_tables_equal_the_source(site, slug):
    """The tables the findings pages include (downloadable at /tables/) reproduce the printed rows."""
    lines = set(source_lines(CHINA_UK_TEXT))
    table = pd.read_csv(site / "tables" / f"citation_sources_{slug}_table.csv", dtype=str, keep_default_na=False)
    periods = ["2001-2005", "2006-2010", "2011-2015", "2016-2020"]
    rows = table[table["2001-2005 country"] != ""]
    assert len(rows) >= 9
    for _, r in rows.iterrows():
        printed = "\t".join(f"{r[f'{p} country']}\t{r[f'{p} #']}\t{r[f'{p} %']}" for p in periods)
        assert printed in lines, printed
        if r["2001-2020 country"]:
            assert f"{r['2001-2020 country']}\t{r['2001-2020 #']}\t{r['2001-2020 %']}" in lines


def test_published_funding_table_equals_the_source(site):
    lines = set(source_lines(CHINA_UK_TEXT))
    table = pd.read_csv(site / "tables" / "funding_agencies_table.csv", dtype=str, keep_default_na=False)
    assert len(table) == 29
    for _, r in table.iterrows():
        line = f"{r['Funding agency (as printed)']}\t{r['Country/Region']}\t{r['Records']}\t{r['Share (%) as printed']}"
        assert line in lines, line
