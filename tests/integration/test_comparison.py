"""The comparison page: every cell of the side-by-side table links to its evidence,
and every link on the page resolves to a file and an anchor of the built site."""
from __future__ import annotations

import csv

import pytest

from tests.korea_uk_helpers import DOCS, ROOT, link_problem, md_links, table_rows

PAGE = "comparison.md"
TABLE_ID = "side-by-side"
STUDY_COLUMNS = {1: ("China-UK study", "cu-"), 2: ("Korea-UK study", "ku-")}
# Rows the brief asks for, in the table's order.
ASPECTS = [
    "Field", "Period", "Countries", "Method", "Participants", "How collaborations start", "Motivations",
    "Division of labour", "Hierarchy and how it is perceived", "Role of funding", "Outcomes", "Theoretical reading",
]


def markdown() -> str:
    return (DOCS / PAGE).read_text(encoding="utf-8")


def quote_ids() -> set[str]:
    with (ROOT / "data" / "quotes" / "quotes.csv").open(encoding="utf-8") as handle:
        return {row["id"] for row in csv.DictReader(handle)}


def cells_without_links(rows: list[list[str]]) -> list[str]:
    return [f"{row[0]} / {STUDY_COLUMNS[i][0]}" for row in rows for i in STUDY_COLUMNS if not md_links(row[i])]


def test_table_covers_every_aspect_in_order():
    rows = table_rows(markdown(), TABLE_ID)
    assert [row[0].strip("*") for row in rows] == ASPECTS
    assert all(len(row) == 3 for row in rows), "each row has an aspect and one cell per study"


def test_every_cell_links_to_evidence():
    missing = cells_without_links(table_rows(markdown(), TABLE_ID))
    assert not missing, f"{PAGE}: cells without an evidence link: {missing}"


def test_cell_check_catches_a_cell_without_a_link():
    rows = [["**Field**", "Education ([design](china-uk/methods.md#research-design))", "Science and technology"]]
    assert cells_without_links(rows) == ["**Field** / Korea-UK study"]


def test_quote_links_use_the_all_quotes_permalinks_of_the_right_study():
    known = quote_ids()
    for row in table_rows(markdown(), TABLE_ID):
        for column, (study, prefix) in STUDY_COLUMNS.items():
            for target in md_links(row[column]):
                if "quotes/" not in target:
                    continue
                path, _, anchor = target.partition("#")
                assert path == "quotes/all.md" and anchor.startswith("q-"), f"{row[0]}: quote link '{target}' is not a permalink"
                quote_id = anchor[2:]
                assert quote_id in known, f"{row[0]}: quote '{quote_id}' is not in data/quotes/quotes.csv"
                assert quote_id.startswith(prefix), f"{row[0]}: {study} cell cites '{quote_id}' from the other study"


def test_every_link_on_the_page_resolves_in_the_built_site(built_site):
    problems = [p for target in md_links(markdown()) if (p := link_problem(built_site, PAGE, target))]
    assert not problems, f"{PAGE}: broken evidence links:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "target, expected",
    [
        ("china-uk/nowhere.md", "no built file"),
        ("korea-uk/results.md#no-such-anchor", "has no element with id 'no-such-anchor'"),
        ("https://example.org/", "external link"),
    ],
)
def test_link_check_reports_what_is_wrong(built_site, target, expected):
    assert expected in (link_problem(built_site, PAGE, target) or "")


def test_synthesis_section_links_both_studies():
    text = markdown()
    synthesis = text[text.index("{#synthesis}"):]
    targets = md_links(synthesis)
    assert any(t.startswith("china-uk/") or "#q-cu-" in t for t in targets)
    assert any(t.startswith("korea-uk/") or "#q-ku-" in t for t in targets)
