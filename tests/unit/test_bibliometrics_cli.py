"""The command line: python -m analysis.bibliometrics EXPORT_DIR --out DIR."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import datasets
from analysis.bibliometrics.cli import main, run
from analysis.paths import ROOT
from tests.bibliometrics_helpers import EXPORT, wos_plain, wos_record

OUTPUTS = ["bibliometric_papers_by_year", "bibliometric_citation_sources_by_period", "bibliometric_funding_agencies", "bibliometric_export_files"]


@pytest.fixture
def export(tmp_path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    return folder


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_cli_writes_valid_datasets_and_a_summary(export, tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "analysis.bibliometrics", str(export), "--out", str(out), "--no-progress"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Summary" in result.stdout and "total" in result.stdout
    assert "duplicate records (same UT or CSSCI record), counted once: 1" in result.stdout
    for name in OUTPUTS:
        frame = datasets.load_file(out / f"{name}.resource.yaml")  # validates like every dataset
        assert len(frame) > 0, name
    files = {r["file"]: r for r in rows(out / "bibliometric_export_files.csv")}
    assert files["citing/wos_citing_articles.txt"]["role"] == "citing"
    assert files["wos_core.tab"]["format"] == "wos-tab-core"
    assert sum(int(r["records_in"]) for r in files.values()) == 22


def test_bad_record_stops_with_file_and_line(export, tmp_path, capsys):
    content = wos_plain([wos_record(1), wos_record(2).replace("LA English", "QQ English")])
    line = content[: content.index("QQ English")].count("\n") + 1
    (export / "bad.txt").write_text(content, encoding="utf-8")
    code = main([str(export), "--out", str(tmp_path / "out"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"bad.txt, line {line}: unknown field tag 'QQ'" in err and "--skip-bad" in err
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_skip_bad_counts_every_rejection(export, tmp_path, capsys):
    (export / "bad.txt").write_text(wos_plain([wos_record(101), wos_record(102).replace("LA English", "QQ English")]), encoding="utf-8")
    (export / "bad.tab").write_text("PT\tAU\tPY\tUT\nJ\tA, B\t2010\n", encoding="utf-8")
    (export / "empty.txt").write_bytes(b"")
    summary = run(export, tmp_path / "out", skip_bad=True, progress=False)
    out = capsys.readouterr().out
    assert summary["records_rejected"] == 2
    assert summary["records_in"] == summary["records_out"] + summary["records_rejected"]
    assert any("bad.tab, line 2: row has 3 tab-separated fields" in r for r in summary["rejections"])
    assert any("empty.txt: empty file" in e for e in summary["file_errors"])
    assert "Rejected records (2)" in out and "Files that could not be read" in out
    files = {r["file"]: r for r in rows(tmp_path / "out" / "bibliometric_export_files.csv")}
    assert (files["bad.txt"]["records_in"], files["bad.txt"]["records_out"], files["bad.txt"]["records_rejected"]) == ("2", "1", "1")
    assert files["empty.txt"]["records_in"] == "0"


def test_missing_or_empty_export_folder(tmp_path, capsys):
    assert main([str(tmp_path / "nope"), "--out", str(tmp_path / "o"), "--no-progress"]) == 1
    assert "export folder not found" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty"), "--out", str(tmp_path / "o"), "--no-progress"]) == 1
    assert "no export files" in capsys.readouterr().err


def test_progress_bar_goes_to_stderr(export, tmp_path, capsys):
    run(export, tmp_path / "out", progress=True)
    captured = capsys.readouterr()
    assert "reading exports" in captured.err and "100%" in captured.err
    assert "reading exports" not in captured.out


def test_synthetic_test_exports_never_go_into_data(capsys):
    from analysis.paths import DATA

    target = DATA / "china_uk" / "bibliometrics_should_not_exist"
    assert main([str(EXPORT), "--out", str(target), "--no-progress"]) == 1
    assert "synthetic test exports" in capsys.readouterr().err
    assert not target.exists()
