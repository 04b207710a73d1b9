"""The findings register (data/findings.csv): every finding has evidence, its evidence
exists, its numbers come from named values, a study's reading names its place in the
source, and the pages that state a study's reading say where."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import datasets, findings, paths
from tests.conftest import sources_dir

ROOT = Path(__file__).resolve().parents[2]
FINDINGS_CSV = ROOT / "data" / "findings.csv"


def _rows() -> list[dict]:
    with FINDINGS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def built(analysed) -> dict:
    """This checkout's analysis output: values, artifact kinds, quotation ids."""
    from analysis.pipeline import build

    manifest = build(log=lambda msg: None)
    values = json.loads((paths.GENERATED / manifest["values_file"]).read_text(encoding="utf-8"))
    quotes = json.loads((paths.GENERATED / manifest["artifacts"]["quotes"]["files"]["json"]).read_text(encoding="utf-8"))
    return {
        "values": values,
        "artifacts": {name: e["kind"] for name, e in manifest["artifacts"].items()},
        "quote_ids": {q["id"] for q in quotes["quotes"]},
    }


def _records() -> list[dict]:
    return findings.records(datasets.load("findings"))


# ---------------------------------------------------------------------------
# The register as it stands
# ---------------------------------------------------------------------------
def test_register_validates_and_covers_both_studies():
    recs = _records()
    assert {f["study"] for f in recs} == {"china_uk", "korea_uk", "both"}
    assert {f["study"] for f in recs if f["headline"]} >= {"china_uk", "korea_uk"}


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["id"])
def test_no_finding_without_evidence(row):
    items = findings.parse_evidence(row["evidence"])
    assert items, f"{row['id']}: no evidence"
    # A finding rests on more than the place where it is stated.
    assert [k for k, _ in items if k != "source"], f"{row['id']}: evidence is only a source location"


def test_every_evidence_item_exists(built):
    findings.check(_records(), values=built["values"], quote_ids=built["quote_ids"], artifacts=built["artifacts"])


@pytest.mark.parametrize("row", [r for r in _rows() if r["reading"] == "study"], ids=lambda r: r["id"])
def test_a_study_reading_names_its_place_in_the_source(row):
    assert re.fullmatch(r"(000|001):\d+(-\d+)?", row["source_ref"]), f"{row['id']}: no source_ref"


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["id"])
def test_source_locations_are_lines_of_the_source(row):
    refs = [row["source_ref"]] if row["source_ref"] else []
    refs += [name for kind, name in findings.parse_evidence(row["evidence"]) if kind == "source"]
    for ref in refs:
        prefix, lines = ref.split(":")
        path = sources_dir() / findings.SOURCE_FILES[prefix]
        assert path.exists(), f"source text missing: {path}"
        total = len(path.read_text(encoding="utf-8").splitlines())
        first, _, last = lines.partition("-")
        assert 1 <= int(first) <= int(last or first) <= total, f"{row['id']}: {ref} is outside {path.name}"


PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]+\}")
# Years and periods are dates, not counts the data holds.
YEARS = re.compile(r"\b(?:19|20)\d\d(?:-(?:19|20)\d\d)?\b")


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["id"])
def test_numbers_in_a_finding_come_from_named_values(row):
    for column in findings.TEXT_COLUMNS:
        text = YEARS.sub(" ", PLACEHOLDER.sub(" ", row[column]))
        assert not re.search(r"\d", text), f"{row['id']}.{column}: a number typed by hand: {text!r}"


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["id"])
def test_a_finding_is_in_this_sites_words(row):
    from tests.integration.test_korea_uk_pages import _normalise, copied_runs

    source = " | ".join(_normalise(p.read_text(encoding="utf-8")) for p in sorted(sources_dir().glob("00*.txt")))
    for column in findings.TEXT_COLUMNS:
        runs = copied_runs(PLACEHOLDER.sub(" ", row[column]), source)
        assert not runs, f"{row['id']}.{column} repeats the sources word for word: {runs}"


# ---------------------------------------------------------------------------
# The checks fail, and name the finding
# ---------------------------------------------------------------------------
def _one(**changes) -> list[dict]:
    rec = dict(_records()[0])
    rec.update(changes)
    return [rec]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"evidence": []}, "has no evidence"),
        ({"evidence": [("chart", "no_such_chart")]}, "chart 'no_such_chart'"),
        ({"evidence": [("table", "citation_share_by_period")]}, "table 'citation_share_by_period'"),
        ({"evidence": [("quote", "cu-nothing-99")]}, "quotation 'cu-nothing-99'"),
        ({"evidence": [("value", "no_such_value")]}, "value 'no_such_value'"),
        ({"evidence": [("source", "000-449")]}, "malformed source location"),
        ({"evidence": [("page", "no page")]}, "malformed page reference"),
        ({"evidence": [("rumour", "x")]}, "unknown evidence kind"),
        ({"reading": "study", "source_ref": ""}, "gives no source_ref"),
        ({"statement": "It rose to {no_such_share}."}, "{no_such_share}"),
    ],
)
def test_check_names_the_finding_and_the_problem(built, changes, message):
    bad = _one(**changes)
    with pytest.raises(findings.FindingError) as info:
        findings.check(bad, values=built["values"], quote_ids=built["quote_ids"], artifacts=built["artifacts"])
    assert f"finding '{bad[0]['id']}'" in str(info.value) and message in str(info.value)


def test_the_analysis_stops_on_a_finding_with_unknown_evidence():
    frame = datasets.load("findings").copy()
    frame.loc[0, "evidence"] = "quote:cu-nothing-99"
    quotes = datasets.load("quotes")
    with pytest.raises(findings.FindingError, match=f"finding '{frame.loc[0, 'id']}'"):
        findings.findings_artifact(frame, quotes)


def test_resolve_fills_values_escapes_text_and_refuses_unknown_names():
    values = {"share": {"text": "6.3%"}}
    html = str(findings.resolve("A <b>[link](x)</b> of {share}.", values, "f-1"))
    assert "6.3%" in html and "<b>" not in html and "[" not in html
    with pytest.raises(findings.FindingError, match="finding 'f-1'"):
        findings.resolve("{unknown}", values, "f-1")


# ---------------------------------------------------------------------------
# Pages: a sentence stating a study's reading carries its place in the source
# ---------------------------------------------------------------------------
STUDY_PAGES = (
    sorted((ROOT / "docs" / "china-uk").glob("*.md")) + sorted((ROOT / "docs" / "korea-uk").glob("*.md"))
    + [ROOT / "docs" / "comparison.md"]
)
# A sentence that gives the study's reading: "The study concludes ...", "its summary states ...".
STUDY_READING = re.compile(
    r"\b(?:the study|the slides|its summary|the study's summary|Hwang|the article|the author)(?:'s)?\s+"
    r"(?:reads|concludes|reports|states|argues|finds|describes|speaks|calls|connects|cautions|suggests|sees|names|heads|files"
    r"|places|treats|notes|attributes|explains|adds)\b",
    re.IGNORECASE,
)
# Where the source says it: slide lines, article pages or notes, a citation key, a table or figure label,
# or a finding from the register (which carries its own source location).
LOCATION = re.compile(
    r"\blines?\s+\d+|\bpp?\.\s*\d+|\bnote\s+\d+|\[@[\w:.-]+|\b(?:Table|Figure)\s+\d+|\{\{\s*findings?\(|source_figure\(",
)


def paragraphs(markdown: str) -> list[str]:
    """Prose paragraphs, and each row of a table on its own (a table cell can state a reading too)."""
    text = re.sub(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", " ", markdown, flags=re.MULTILINE | re.DOTALL)
    out = []
    for block in re.split(r"\n\s*\n", text):
        if block.lstrip().startswith("|"):
            out += [row for row in block.splitlines() if row.strip().startswith("|")]
        elif block.strip() and not block.lstrip().startswith(("#", "<", "{{")):
            out.append(block)
    return out


def unlocated_readings(markdown: str) -> list[str]:
    """Paragraphs that state a study's reading without saying where the study states it."""
    return [" ".join(p.split())[:120] for p in paragraphs(markdown) if STUDY_READING.search(p) and not LOCATION.search(p)]


def test_location_rule_can_fail():
    assert unlocated_readings("Intro.\n\nThe study concludes that funding matters little.\n")
    assert not unlocated_readings("The study concludes that funding matters little (slides, line 644).\n")
    assert not unlocated_readings("Hwang's own words.\n\nThe study reports it [@yu2022].\n")
    assert not unlocated_readings("A paragraph with no reading of the study.\n")
    assert unlocated_readings("Hwang concludes that the model fails.\n")
    assert unlocated_readings("| a | The study reports a rise. |\n| b | The study reports it (line 9). |\n") == ["| a | The study reports a rise. |"]
    assert not unlocated_readings("Hwang concludes (p. 126) that the model fails.\n")


@pytest.mark.parametrize("page", STUDY_PAGES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_a_page_stating_a_study_reading_says_where(page):
    missing = unlocated_readings(page.read_text(encoding="utf-8"))
    assert not missing, f"{page.relative_to(ROOT)}: a study's reading without its source location: {missing}"


def test_findings_page_is_in_the_navigation_and_lists_every_finding():
    nav = (ROOT / "docs" / ".nav.yml").read_text(encoding="utf-8")
    assert "findings.md" in nav
    page = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert '{{ findings("all") }}' in page
    assert 'id="ff-study"' in page and 'id="ff-reading"' in page
    frame = pd.read_csv(FINDINGS_CSV, dtype=str)
    assert frame["id"].is_unique
