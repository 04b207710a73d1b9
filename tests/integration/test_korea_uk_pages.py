"""The Korea-UK study pages, the background pages and their data: every interviewee
of Tables 1-6 is in the data and the chart, counted against the article's own
statements; Katz and Martin's factors are complete and paraphrased; pages include
what they name, use every Korea-UK quotation, and copy no sentence from the sources."""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import datasets, paths
from analysis.datasets import DataError
from analysis.korea_uk.factors import check_complete, katz_martin_factors_table
from tests.conftest import source_text, sources_dir
from tests.korea_uk_helpers import DOCS, ROOT, html_ids, link_problem, md_links

# Source texts by file name, read from the folder IRC_SOURCES names.
HWANG = "001_1075b1596e46c368.txt"
OVERVIEW = "002_6ef5002d4d9c5358.txt"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "korea_uk"
OWN_PAGES = sorted((DOCS / "korea-uk").glob("*.md")) + sorted((DOCS / "background").glob("*.md")) + [DOCS / "comparison.md"]
INCLUDE = re.compile(r"\{\{\s*(\w+)\(\s*\"([^\"]*)\"\s*\)\s*\}\}")


def page_id(page: Path) -> str:
    return str(page.relative_to(DOCS))


# --- interviewees: data, chart, and the article's stated counts -----------------


@pytest.fixture(scope="module")
def interviewees() -> pd.DataFrame:
    return datasets.load("korea_uk_interviewees")


@pytest.fixture(scope="module")
def stated() -> pd.DataFrame:
    return datasets.load("korea_uk_interviewee_counts_stated")


def test_article_states_thirty_seven_interviewees(stated):
    # Set one: ten Korean + eight British; set two: ten Korean, six British,
    # one German, one Dutch, one South African (Hwang 2008, method section).
    assert int(stated["count_stated"].sum()) == 37


def test_each_group_in_the_data_matches_the_article_except_the_documented_table_2_gap(interviewees, stated):
    printed = interviewees.assign(tables=interviewees["source_table"].map(
        {"Table 1": "Table 1", "Table 2": "Table 2", "Table 3": "Table 3; Table 4", "Table 4": "Table 3; Table 4",
         "Table 5": "Table 5; Table 6", "Table 6": "Table 5; Table 6"}
    )).groupby(["tables", "nationality_group"]).size()
    gaps = {}
    for row in stated.itertuples():
        have = int(printed.get((row.tables, row.nationality_group), 0))
        if have != row.count_stated:
            gaps[(row.tables, row.nationality_group)] = (int(row.count_stated), have)
    # The article's text counts eight British interviewees for Table 2; the table prints seven codes.
    assert gaps == {("Table 2", "British"): (8, 7)}
    assert len(interviewees) == int(stated["count_stated"].sum()) - 1
    notes = " ".join(interviewees["transcription_note"].dropna())
    assert "eight British interviewees in Table 2 but prints seven codes" in notes


def test_codes_are_the_articles_and_complete(interviewees):
    codes = list(interviewees["code"])
    assert [c for c in codes if re.fullmatch(r"K\d+", c)] == [f"K{i}" for i in range(1, 21)]
    assert [c for c in codes if re.fullmatch(r"UK\d+", c)] == [f"UK{i}" for i in range(1, 14)]
    assert {"South African 1", "German 1", "Dutch1"} <= set(codes)


def test_every_interviewee_is_in_the_chart_data_and_the_table(analysed, interviewees):
    manifest = json.loads(paths.MANIFEST.read_text(encoding="utf-8"))
    chart = manifest["artifacts"]["korea_uk_interviewees_chart"]
    spec = json.loads((paths.GENERATED / chart["files"]["spec"]).read_text(encoding="utf-8"))
    in_spec = {row["code"] for rows in spec.get("datasets", {}).values() for row in rows}
    table = pd.read_csv(paths.GENERATED / manifest["artifacts"]["korea_uk_interviewees_table"]["files"]["csv"])
    expected = set(interviewees["code"])
    assert in_spec == expected, f"chart lacks {sorted(expected - in_spec)}"
    assert set(table["Code"]) == expected


# --- Katz and Martin's factors ------------------------------------------------------


def test_factors_table_lists_ten_numbered_factors_from_page_111():
    frame = katz_martin_factors_table(datasets.load("katz_martin_factors"))
    assert list(frame["No."]) == list(range(1, 11))
    assert set(frame["Page"]) == {"p. 111"}
    assert frame["Factor (paraphrased)"].str.len().min() > 10


def test_factor_labels_are_paraphrases_not_the_sources_wording():
    source = _normalise(source_text(HWANG))
    for label in datasets.load("katz_martin_factors")["factor"]:
        assert _normalise(label) not in source, f"factor label copies the source: {label!r}"


def test_a_missing_factor_is_reported_with_file_column_and_rule():
    nine = pd.DataFrame({"number": range(1, 10), "factor": ["x" * 5] * 9, "source_page": [111] * 9})
    with pytest.raises(DataError, match=r"katz_martin_factors\.csv: column 'number': list-complete: factor number\(s\) 10 missing"):
        check_complete(nine)


@pytest.mark.parametrize(
    "fixture, message",
    [
        ("duplicate_number", r"row 3, column 'number': unique-error"),
        ("number_out_of_range", r"row 11, column 'number': constraint-error"),
        ("page_not_a_number", r"row 2, column 'source_page': type-error"),
    ],
)
def test_bad_factor_files_name_row_column_and_rule(tmp_path, fixture, message):
    shutil.copy(FIXTURES / f"{fixture}.csv", tmp_path / "katz_martin_factors.csv")
    shutil.copy(ROOT / "data" / "korea_uk" / "katz_martin_factors.resource.yaml", tmp_path)
    with pytest.raises(DataError, match=message):
        datasets.load_file(tmp_path / "katz_martin_factors.resource.yaml")


# --- pages -------------------------------------------------------------------------------


def quotes() -> list[dict]:
    with (ROOT / "data" / "quotes" / "quotes.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_results_page_uses_every_korea_uk_quotation_once():
    used = [name for kind, name in INCLUDE.findall((DOCS / "korea-uk" / "results.md").read_text(encoding="utf-8")) if kind == "quote"]
    korea = [q["id"] for q in quotes() if q["study"] == "korea_uk"]
    assert sorted(used) == sorted(korea)


def test_korea_uk_pages_quote_only_the_korea_uk_study():
    for page in (DOCS / "korea-uk").glob("*.md"):
        for kind, name in INCLUDE.findall(page.read_text(encoding="utf-8")):
            if kind == "quote":
                assert name.startswith("ku-"), f"{page_id(page)} quotes {name}"


@pytest.mark.parametrize("page", OWN_PAGES, ids=page_id)
def test_page_links_resolve_in_the_built_site(built_site, page):
    src = page_id(page)
    problems = [p for t in md_links(page.read_text(encoding="utf-8")) if (p := link_problem(built_site, src, t))]
    assert not problems, f"{src}:\n" + "\n".join(problems)


def test_method_page_shows_interviewee_chart_and_table(built_site):
    ids = html_ids(built_site / "korea-uk" / "method" / "index.html")
    assert {"chart-korea_uk_interviewees_chart", "table-korea_uk_interviewees_table"} <= ids


def test_dynamics_page_shows_the_factors_table(built_site):
    html = (built_site / "korea-uk" / "dynamics" / "index.html").read_text(encoding="utf-8")
    assert 'id="table-katz_martin_factors_table"' in html
    assert len(re.findall(r"<td[^>]*>p\. 111</td>", html)) == 10


# --- our own words ----------------------------------------------------------------------

SHINGLE = 8  # words: long enough that a shared run means a copied phrase, not a shared term


def _normalise(text: str) -> str:
    text = re.sub(r"-\n(?=[a-z])", "", text)  # words hyphenated across PDF line breaks
    text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", " ").replace("–", "-")
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def _prose(markdown: str) -> str:
    text = re.sub(r"^---\n.*?\n---\n", "", markdown, flags=re.DOTALL)  # front matter
    text = INCLUDE.sub(" | ", text)
    text = re.sub(r"\[[^\[\]]*@[\w:.-]+[^\[\]]*\]", " | ", text)  # citations
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    return text


def copied_runs(prose: str, source: str, size: int = SHINGLE) -> list[str]:
    """Runs of ``size`` words that appear, in order, in the source text."""
    found: list[str] = []
    for chunk in re.split(r"[|\n]{1}\s*\n|\|", prose):
        words = _normalise(chunk).split()
        for i in range(len(words) - size + 1):
            run = " ".join(words[i : i + size])
            if run in source and not any(run in f for f in found):
                found.append(run)
    return found


def test_copy_check_finds_a_copied_phrase_and_ignores_our_wording():
    source = _normalise(source_text(HWANG))
    assert copied_runs("As he says, international collaboration is not simply determined by the nature of the scientific tasks.", source)
    assert not copied_runs("International collaboration is not decided by the scientific task alone.", source)


@pytest.mark.parametrize("page", OWN_PAGES, ids=page_id)
def test_page_copies_no_run_of_words_from_the_sources(page):
    source = _normalise(source_text(HWANG)) + " | " + _normalise(source_text(OVERVIEW))
    runs = copied_runs(_prose(page.read_text(encoding="utf-8")), source)
    assert not runs, f"{page_id(page)} repeats the sources word for word: {runs}"


def test_glossary_definitions_are_our_own_words():
    source = " | ".join(_normalise(p.read_text(encoding="utf-8")) for p in sorted(sources_dir().glob("00*.txt")))
    runs = [r for d in datasets.load("glossary")["definition"] for r in copied_runs(d, source)]
    assert not runs, f"glossary definitions repeat the sources: {runs}"


@pytest.mark.parametrize("page", OWN_PAGES + [DOCS / "glossary.md"], ids=page_id)
def test_page_has_no_hand_typed_numbers(page):
    # One rule for the whole site: the China-UK page tests define what counts as a typed number.
    from tests.integration.test_china_uk_pages import hand_typed_numbers

    found = hand_typed_numbers(page.read_text(encoding="utf-8"))
    assert not found, f"{page_id(page)}: numbers typed by hand {found}; include them with {{{{ value(...) }}}}"


def test_factor_count_value_reads_as_a_word():
    from analysis.korea_uk.factors import katz_martin_factor_values

    value = katz_martin_factor_values(datasets.load("katz_martin_factors"))["katz_martin_factor_count"]
    assert (value.raw, value.text) == (10, "ten")
