"""Every class of bad input gets a message naming the file, the row or line, the column or
field, and the rule, and a non-zero exit: data files under data/ and raw exports."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from analysis import datasets
from analysis.bibliometrics import cli
from tests.bibliometrics_helpers import EXPORT
from tests.conftest import ROOT, python_m

DATASET = ROOT / "data" / "china_uk" / "china_uk_participants"


def _drop_column(text: str, index: int) -> str:
    rows = [line.split(",") for line in text.splitlines()]
    return "".join(",".join(cells[:index] + cells[index + 1:]) + "\n" for cells in rows)


def _line(text: str, n: int, change) -> str:
    lines = text.splitlines(keepends=True)
    lines[n - 1] = change(lines[n - 1])
    return "".join(lines)


# name -> (how to break the CSV text or bytes, what the message must say)
DATA_CASES = {
    "header-only": (lambda t: t.splitlines(keepends=True)[0], r"row 2, all columns: min-rows: the table has 0 data row"),
    "missing column": (lambda t: _drop_column(t, 3), r"row 1 \(header\), column 'gender': missing-column"),
    "renamed column": (lambda t: _line(t, 1, lambda l: l.replace("gender", "sex")),
                       r"row 1 \(header\), column 'gender': missing-column.*\n.*column 'sex': extra-column"),
    "columns out of order": (lambda t: _line(t, 1, lambda l: l.replace("affiliation,gender", "gender,affiliation")),
                             r"row 1 \(header\): column-order"),
    "unbalanced quote": (lambda t: _line(t, 3, lambda l: l.replace("UK-R2", '"UK-R2')), r"row 3, line 3: unbalanced-quote"),
    "non-UTF-8 byte": (lambda t: _line(t, 4, lambda l: l.replace("Consultant", "Consult\udce9nt")),
                       r"row 4, column 'academic_title': encoding: byte 0xe9 is not UTF-8"),
    "duplicate key": (lambda t: _line(t, 3, lambda l: l.replace("UK-R2", "UK-R1")), r"row 3, columns 'code': primary-key: duplicate key"),
    "wrong type": (lambda t: _line(t, 2, lambda l: l.replace(",F,1,", ",F,two,")), r"row 2, column 'china_uk_papers': type-error: value 'two'"),
    "value outside its list": (lambda t: _line(t, 2, lambda l: l.replace(",F,", ",X,")), r"row 2, column 'gender': constraint-error: value 'X'"),
    "missing cell": (lambda t: _line(t, 2, lambda l: l.replace(",Professor", "")), r"row 2, column 'academic_title': missing-cell"),
    "empty file": (lambda t: "", r"row 1 \(header\), columns 'row'.*: empty-file"),
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_bad_data_file_names_file_row_column_and_rule(tmp_path, case):
    for suffix in (".csv", ".resource.yaml"):
        shutil.copy(DATASET.with_suffix(suffix) if suffix == ".csv" else Path(f"{DATASET}{suffix}"), tmp_path / f"{DATASET.name}{suffix}")
    csv_path = tmp_path / f"{DATASET.name}.csv"
    breaker, expected = DATA_CASES[case]
    csv_path.write_bytes(breaker(csv_path.read_text(encoding="utf-8")).encode("utf-8", errors="surrogateescape"))
    with pytest.raises(datasets.DataError) as err:
        datasets.load_file(tmp_path / f"{DATASET.name}.resource.yaml")
    message = str(err.value)
    assert f"{DATASET.name}.csv" in message and re.search(expected, message), message
    assert message.count("\n  - ") <= 3, f"one cause, a short list:\n{message}"


def test_a_header_only_table_stops_the_analysis_with_exit_1(project_copy):
    questions = project_copy / "data" / "china_uk" / "china_uk_interview_questions.csv"
    questions.write_text(questions.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    proc = python_m("analysis", [], cwd=project_copy)
    assert proc.returncode == 1
    assert "china_uk_interview_questions.csv, row 2, all columns: min-rows" in proc.stderr, proc.stderr


# --- raw exports -----------------------------------------------------------------------

CSSCI = (EXPORT / "cssci_education.txt").read_text(encoding="utf-8")
TAB = (EXPORT / "wos_core.tab").read_text(encoding="utf-8")
PLAIN = (EXPORT / "wos_clarivate.txt").read_text(encoding="utf-8")
_SEPARATOR = CSSCI.find("-----")
MANGLED_FIRST = CSSCI[:_SEPARATOR].replace("【", "[").replace("】", "]") + CSSCI[_SEPARATOR:]

# name -> (files, --skip-bad, exit code, what the output must say)
RAW_CASES = {
    "CSSCI in GBK": ({"c.txt": CSSCI.encode("gb18030")}, False, 1, r"c.txt, line 1: file is in GBK/GB18030"),
    "CSSCI in GBK, --skip-bad": ({"c.txt": CSSCI.encode("gb18030"), "w.tab": TAB}, True, 1,
                                r"Files that could not be read:\n  .*c.txt, line 1: file is in GBK/GB18030(.|\n)*"
                                r"error: 1 file\(s\) could not be read at all"),
    "UTF-16LE without BOM": ({"w.tab": TAB.encode("utf-16-le")}, False, 1, r"w.tab, line 1: file is UTF-16 encoded \(little-endian, without a byte order mark\)"),
    "UTF-16 with BOM": ({"w.tab": b"\xff\xfe" + TAB.encode("utf-16-le")}, False, 1, r"w.tab, line 1: file is UTF-16 encoded"),
    "first CSSCI record mangled": ({"c.txt": MANGLED_FIRST}, False, 1, r"c.txt, line 6: text outside any record .*\[来源篇名\]"),
    "first CSSCI record mangled, --skip-bad": ({"c.txt": MANGLED_FIRST}, True, 0, r"c.txt, line 6: text outside any record"),
    "README holding records": ({"w.tab": TAB, "README.md": CSSCI}, False, 0, r"Files skipped \(1\):\n  README.md: not read, a README; IT LOOKS LIKE A cssci EXPORT"),
    "hidden file holding records": ({"w.tab": TAB, ".old/c.txt": CSSCI}, False, 0, r"\.old/c.txt: not read, hidden .*IT LOOKS LIKE A cssci EXPORT"),
    "record cut short": ({"p.txt": PLAIN[: PLAIN.rfind("\nER\n")] + "\n"}, False, 1, r"p.txt, line \d+: truncated record: the file ends before this record's ER line"),
    "bad byte in one record": ({"p.txt": PLAIN.replace("TI ", "TI \udcff", 1).encode("utf-8", errors="surrogateescape")}, False, 1,
                               r"p.txt, line 8: not valid UTF-8 \(byte 0xff\)"),
    "tab row with a missing field": ({"w.tab": _line(TAB, 3, lambda l: l.replace("\t", "", 1))}, False, 1,
                                     r"w.tab, line 3: row has 16 tab-separated fields, the header has 17"),
    "unknown CSSCI field": ({"c.txt": CSSCI.replace("【中图类号】", "【未知字段】", 1)}, False, 1, r"c.txt, line \d+: unknown CSSCI field 【未知字段】"),
}


@pytest.mark.parametrize("case", sorted(RAW_CASES))
def test_bad_raw_export_is_named_never_silently_lost(tmp_path, capsys, case):
    files, skip_bad, exit_code, expected = RAW_CASES[case]
    exports = tmp_path / "exports"
    for name, content in files.items():
        (exports / name).parent.mkdir(parents=True, exist_ok=True)
        (exports / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    argv = [str(exports), "--out", str(tmp_path / "out"), "--no-progress", *(["--skip-bad"] if skip_bad else [])]
    assert cli.main(argv) == exit_code
    output = capsys.readouterr()
    assert re.search(expected, output.out + output.err), output.out + output.err
