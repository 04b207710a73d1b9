"""Every dataset validates on load, and each broken copy fails with file, row, column and rule."""
from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pandas as pd
import pytest
import yaml

from analysis import datasets
from analysis.datasets import DataError
from tests.conftest import ROOT, python_m

DATA = ROOT / "data"
CITATIONS = "china_uk_citation_sources"
MY_DATASETS = [
    "china_uk_participants",
    "china_uk_interview_questions",
    "china_uk_mixed_methods_steps",
    "china_uk_citation_sources",
    "china_uk_highly_cited_papers",
    "china_uk_funding_agencies",
    "china_uk_quantitative_findings_summary",
    "china_uk_source_tables",
    "korea_uk_interviewees",
    "korea_uk_interviewee_counts_stated",
]


def broken_copy(tmp_path: Path, name: str = CITATIONS) -> Path:
    """A data/ folder holding one real dataset, ready to be broken; returns its CSV."""
    ds = datasets.describe(name)
    folder = tmp_path / "data" / ds.csv_path.parent.name
    folder.mkdir(parents=True)
    shutil.copy2(ds.csv_path, folder / ds.csv_path.name)
    shutil.copy2(ds.descriptor_path, folder / ds.descriptor_path.name)
    return folder / ds.csv_path.name


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_error(csv: Path, name: str = CITATIONS) -> str:
    datasets._load_cached.cache_clear()
    with pytest.raises(DataError) as info:
        datasets.load(name, data_dir=csv.parent.parent)
    return str(info.value)


# Each case: how to break the file, then what the message must name: row, column, rule, value.
BROKEN = {
    "text in a number column": (
        lambda p: replace_once(p, "PEOPLES R CHINA,CHN,8483,", "PEOPLES R CHINA,CHN,many,"),
        ["row 2", "column 'records'", "type-error", "'many'", "integer"],
    ),
    "negative count": (
        lambda p: replace_once(p, "PEOPLES R CHINA,CHN,8483,", "PEOPLES R CHINA,CHN,-8483,"),
        ["row 2", "column 'records'", "constraint-error", "'-8483'", "minimum"],
    ),
    "share over 100": (
        lambda p: replace_once(p, "8483,28.1,", "8483,128.1,"),
        ["row 2", "column 'share_percent'", "constraint-error", "'128.1'", "maximum"],
    ),
    "negative share": (
        lambda p: replace_once(p, "8483,28.1,", "8483,-28.1,"),
        ["row 2", "column 'share_percent'", "constraint-error", "minimum"],
    ),
    "duplicate key": (
        lambda p: replace_once(p, "China-participated,2001-2020,Table,2,", "China-participated,2001-2020,Table,1,"),
        ["row 3", "'group', 'period', 'rank'", "primary-key", "duplicate key"],
    ),
    "unknown country code": (
        lambda p: replace_once(p, "PEOPLES R CHINA,CHN,", "PEOPLES R CHINA,XXX,"),
        ["row 2", "column 'country_code'", "codelist-constraint", "'XXX'", "ISO 3166-1"],
    ),
    "group outside its enumeration": (
        lambda p: replace_once(p, "China-UK,2016-2020", "China and UK,2016-2020"),
        ["column 'group'", "constraint-error", "'China and UK'", "enum"],
    ),
    "period outside its enumeration": (
        lambda p: replace_once(p, "China-UK,2016-2020", "China-UK,2016-2021"),
        ["column 'period'", "constraint-error", "'2016-2021'", "enum"],
    ),
    "missing column": (
        lambda p: p.write_text(
            "\n".join(",".join(line.split(",")[:-1]) for line in p.read_text(encoding="utf-8").splitlines()) + "\n", encoding="utf-8"
        ),
        ["row 1 (header)", "column 'share_as_printed'", "missing-column"],
    ),
    "empty file": (
        lambda p: p.write_text("", encoding="utf-8"),
        ["row 1 (header)", "'group'", "'share_as_printed'", "empty-file"],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_copy_fails_naming_file_row_column_and_rule(tmp_path, case):
    csv = broken_copy(tmp_path)
    breaker, expected = BROKEN[case]
    breaker(csv)
    message = load_error(csv)
    assert f"{csv.name}" in message and str(csv.parent) in message, message
    for part in expected:
        assert part in message, f"{case}: {part!r} not in message:\n{message}"


def test_required_value_missing_is_named(tmp_path):
    csv = broken_copy(tmp_path, "china_uk_participants")
    replace_once(csv, "2,UK-R2,UK,M,2,Professor", "2,UK-R2,UK,,2,Professor")
    message = load_error(csv, "china_uk_participants")
    assert "row 3" in message and "column 'gender'" in message and "constraint-error" in message and "required" in message, message


@pytest.mark.parametrize("encode", ["bom", "crlf", "bom+crlf"])
def test_utf8_bom_and_crlf_load_like_the_original(tmp_path, encode):
    csv = broken_copy(tmp_path)
    raw = csv.read_bytes()
    if "crlf" in encode:
        raw = raw.replace(b"\n", b"\r\n")
    if "bom" in encode:
        raw = b"\xef\xbb\xbf" + raw
    csv.write_bytes(raw)
    datasets._load_cached.cache_clear()
    loaded = datasets.load(CITATIONS, data_dir=csv.parent.parent)
    original = datasets.load(CITATIONS)
    assert list(loaded.columns) == list(original.columns)  # the BOM does not stick to the first column name
    pd.testing.assert_frame_equal(loaded, original)


def test_every_dataset_in_data_validates():
    found = datasets.discover(DATA)
    assert set(MY_DATASETS) <= set(found)
    for name, descriptor in found.items():
        frame = datasets.load_file(descriptor)
        assert len(frame) > 0, name


@pytest.mark.parametrize("name", MY_DATASETS)
def test_metadata_has_provenance_schema_units_and_key(name):
    ds = datasets.describe(name)
    meta = ds.descriptor
    assert meta["title"].strip() and meta["description"].strip()
    for source in meta["sources"]:
        # The path records where the team's copy sits; the texts themselves are not in the repository.
        assert source["title"] and source["path"].startswith("../shared/sources/")
        assert source.get("table_as_printed"), f"{name}: source without table_as_printed"
        assert PurePosixPath(source["path"]).name.endswith(".txt")
    assert meta["licenses"][0]["name"] == "CC-BY-4.0"
    assert meta["schema"].get("primaryKey"), f"{name}: no primaryKey"
    csv_columns = pd.read_csv(ds.csv_path, nrows=0).columns.tolist()
    assert csv_columns == [f["name"] for f in ds.fields], f"{name}: CSV header and schema differ"
    for field in ds.fields:
        assert field.get("title") or field.get("description"), f"{name}.{field['name']}: undocumented"
        if field.get("type") in {"integer", "number"} and field["name"] not in {"row", "rank", "step", "number", "position", "item_number", "finding_number"}:
            assert field.get("unit"), f"{name}.{field['name']}: number without unit"
            assert "minimum" in field.get("constraints", {}), f"{name}.{field['name']}: no lower bound"
        if field["name"].endswith("_percent"):
            assert field["constraints"]["minimum"] == 0 and field["constraints"]["maximum"] == 100


def test_participants_and_interviewees_are_keyed_by_code_and_hold_no_names():
    participants = datasets.load("china_uk_participants")
    assert list(participants["code"]) == ["UK-R1", "UK-R2", "UK-R3", "UK-NR", "MC-DF1", "MC-DF2", "MC-NDF1", "MC-NDF2"]
    people = datasets.load("korea_uk_interviewees")
    codes = list(people["code"])
    assert codes[:10] == [f"K{i}" for i in range(1, 11)]
    assert {f"K{i}" for i in range(1, 21)} | {f"UK{i}" for i in range(1, 14)} | {"South African 1", "German 1", "Dutch1"} == set(codes)
    text = (DATA / "korea_uk" / "korea_uk_interviewees.csv").read_text(encoding="utf-8")
    # The article names one interviewee in a table note ("Dr. ..."); no name may reach the data.
    assert "Dr." not in text and "Colclough" not in text


def test_descriptor_yaml_is_plain_yaml():
    for name in MY_DATASETS:
        ds = datasets.describe(name)
        assert yaml.safe_load(ds.descriptor_path.read_text(encoding="utf-8"))["path"] == ds.csv_path.name


def test_pipeline_exits_non_zero_naming_the_broken_file(project_copy):
    csv = project_copy / "data" / "china_uk" / f"{CITATIONS}.csv"
    replace_once(csv, "PEOPLES R CHINA,CHN,8483,28.1,", "PEOPLES R CHINA,CHN,8483,128.1,")
    proc = python_m("analysis", [], cwd=project_copy)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "data/china_uk/china_uk_citation_sources.csv" in proc.stderr
    assert "row 2, column 'share_percent': constraint-error: value '128.1' breaks" in proc.stderr


def test_site_build_stops_on_a_broken_file_with_an_actionable_message(project_copy):
    """Builds its own: a copy with a broken data file."""
    from tests.conftest import mkdocs_build

    csv = project_copy / "data" / "korea_uk" / "korea_uk_interviewees.csv"
    replace_once(csv, "\nK2,Table 1,", "\nK1,Table 1,")
    proc = mkdocs_build(project_copy, project_copy / "site", check=False)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "data/korea_uk/korea_uk_interviewees.csv, row 3, column 'code'" in output, output[-2000:]
    assert "unique" in output
