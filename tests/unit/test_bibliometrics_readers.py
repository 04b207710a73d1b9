"""Readers of raw exports: formats, line numbers, bad input, streaming, fuzzing."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from analysis.bibliometrics import records as readers_base  # CHUNK_BYTES lives here
from analysis.bibliometrics.readers import ExportError, ReadReport, read_cssci, read_export, read_wos_plain, read_wos_tab, sniff
from tests.bibliometrics_helpers import EXPORT, cssci_record, wos_plain, wos_record


def read_all(reader, path, skip_bad=False):
    report = ReadReport(str(path))
    records = list(reader(path, report, skip_bad))
    assert report.balanced(), (report.records_in, report.records_out, report.rejections)
    return records, report


def line_of(content: str, needle: str) -> int:
    """Line number (from 1) of the first line containing ``needle``."""
    return content[: content.index(needle)].count("\n") + 1


def write(tmp_path: Path, name: str, content, encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


# ---------------------------------------------------------------------------
# Good input
# ---------------------------------------------------------------------------


def test_plain_text_clarivate_header():
    records, report = read_all(read_wos_plain, EXPORT / "wos_clarivate.txt")
    assert report.records_in == report.records_out == 10 and report.records_rejected == 0
    first = records[0]
    assert first.first("UT") == "WOS:999900000001"
    assert first.fields["AU"] == ["Li, A", "Zhang, B"]
    assert first.fields["C1"] == ["[Li, An; Zhang, Bo] Beijing Normal Univ, Fac Educ, Beijing 100875, Peoples R China."]
    assert first.line == 3  # after FN and VR
    assert records[2].fields["C1"][1].startswith("[Jones, Emma] Univ Leeds")
    assert report.warnings == []


def test_plain_text_thomson_reuters_header_with_bom_and_crlf():
    raw = (EXPORT / "wos_thomson_reuters.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture really is BOM + CRLF
    records, report = read_all(read_wos_plain, EXPORT / "wos_thomson_reuters.txt")
    assert [r.first("UT") for r in records] == ["WOS:999900000011", "WOS:999900000012"]
    assert records[0].fields["C1"][0] == "Beijing Normal Univ, Sch Educ Technol, Beijing 100875, Peoples R China."
    assert not any("\r" in v for r in records for vs in r.fields.values() for v in vs)
    assert (records[0].line, records[1].line) == (3, 17)  # the lines of the two "PT J" in the file


def test_tab_delimited_core_collection():
    records, report = read_all(read_wos_tab, EXPORT / "wos_core.tab")
    assert report.format == "wos-tab-core"
    assert len(records) == 3
    two = records[1]
    assert two.fields["C1"] == [
        "[Davies, Uma] Swansea Univ, Sch Educ, Swansea SA2 8PP, W Glam, Wales.",
        "[Sun, Vivian] Beijing Normal Univ, Fac Educ, Beijing 100875, Peoples R China.",
    ]
    assert two.fields["AU"] == ["Davies, U", "Sun, V"]
    assert two.line == 3


def test_tab_delimited_all_databases_variant_with_bom():
    records, report = read_all(read_wos_tab, EXPORT / "wos_all_databases.tab")
    assert report.format == "wos-tab-all-databases"
    assert records[0].first("UT") == "WOS:999900000015"
    assert records[0].first("PY") == "2011"


def test_tab_rows_may_end_with_a_tab(tmp_path):
    path = write(tmp_path, "x.tab", "PT\tAU\tPY\tUT\t\nJ\tA, B\t2010\tWOS:1\t\n")
    records, _ = read_all(read_wos_tab, path)
    assert records[0].first("UT") == "WOS:1"


def test_cssci_blocks():
    records, report = read_all(read_cssci, EXPORT / "cssci_education.txt")
    assert len(records) == 3
    first = records[0]
    assert first.first("来源篇名") == "合成测试记录一（非真实数据）"
    assert first.first("基金").startswith("国家社会科学基金")  # 【基    金】 with spaces inside
    assert first.fields["参考文献"] == ["1.王五.合成参考文献.教育研究.2015.36(1)", "2.Synthetic A.Synthetic reference.2010"]
    assert first.fields["基金类别"] == ["国家社科基金项目"]
    assert records[1].fields["基金"] == []
    assert first.line == 6


def test_sniff_picks_the_reader():
    assert sniff(EXPORT / "wos_clarivate.txt") == "wos-plain"
    assert sniff(EXPORT / "wos_thomson_reuters.txt") == "wos-plain"
    assert sniff(EXPORT / "wos_core.tab") == "wos-tab"
    assert sniff(EXPORT / "wos_all_databases.tab") == "wos-tab"
    assert sniff(EXPORT / "cssci_education.txt") == "cssci"


def test_header_only_file_has_no_records(tmp_path):
    path = write(tmp_path, "h.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n")
    records, report = read_all(read_wos_plain, path)
    assert records == [] and report.records_in == 0


def test_missing_ef_is_a_warning_not_a_loss(tmp_path):
    path = write(tmp_path, "noef.txt", wos_plain([wos_record(1)], ef=False))
    records, report = read_all(read_wos_plain, path)
    assert len(records) == 1
    assert any("no EF line" in w for w in report.warnings)


# ---------------------------------------------------------------------------
# Bad input: an error with file and line, or a counted rejection
# ---------------------------------------------------------------------------

BAD_PLAIN = {
    # name: (content, text on the line of the problem, words in the message, good records left with --skip-bad)
    "truncated_at_end": (wos_plain([wos_record(1)]).replace("EF\n", "") + "PT J\nAU X, Y\nPY 2010\n", "PT J\nAU X, Y", "ends before", 1),
    "truncated_in_middle": (wos_plain([wos_record(1).replace("ER\n", ""), wos_record(2)]), "PT J", "new record (PT) starts", 1),
    "unknown_tag": (wos_plain([wos_record(1).replace("LA English", "QQ English"), wos_record(2)]), "QQ English", "unknown field tag 'QQ'", 1),
    "malformed_line": (wos_plain([wos_record(1), wos_record(2).replace("LA English", "la english")]), "la english", "neither a field", 1),
    "text_between_records": (wos_plain([wos_record(1), "garbage here\n" + wos_record(2)]), "garbage here", "outside any record", 2),
}


@pytest.mark.parametrize("case", sorted(BAD_PLAIN))
def test_bad_plain_text_raises_with_file_and_line(tmp_path, case):
    content, needle, words, _ = BAD_PLAIN[case]
    line = line_of(content, needle)
    path = write(tmp_path, f"{case}.txt", content)
    with pytest.raises(ExportError) as err:
        list(read_wos_plain(path, ReadReport(str(path))))
    assert err.value.line == line, str(err.value)
    assert words in str(err.value)
    assert str(path) in str(err.value) and f"line {line}" in str(err.value)


@pytest.mark.parametrize("case", sorted(BAD_PLAIN))
def test_bad_plain_text_with_skip_bad_is_counted(tmp_path, case):
    content, needle, _, good = BAD_PLAIN[case]
    line = line_of(content, needle)
    path = write(tmp_path, f"{case}.txt", content)
    records, report = read_all(read_wos_plain, path, skip_bad=True)
    assert len(records) == good
    assert report.records_rejected == 1
    assert report.rejections[0].line == line


def test_wrong_encoding_names_the_line(tmp_path):
    text = wos_plain([wos_record(1), wos_record(2).replace("LA English", "LA Fran\u00e7ais")])
    line = line_of(text, "LA Fran")
    path = write(tmp_path, "latin1.txt", text.encode("latin-1"))
    with pytest.raises(ExportError, match=rf"line {line}: not valid UTF-8 \(byte 0xe7\)"):
        list(read_wos_plain(path, ReadReport(str(path))))
    records, report = read_all(read_wos_plain, path, skip_bad=True)
    assert [r.first("UT") for r in records] == ["WOS:999900000001"]
    assert report.rejections[0].line == line


def test_utf16_file_is_refused(tmp_path):
    path = write(tmp_path, "u16.txt", wos_plain([wos_record(1)]), encoding="utf-16")
    with pytest.raises(ExportError, match="UTF-16"):
        sniff(path)
    with pytest.raises(ExportError, match="UTF-16"):
        list(read_wos_plain(path, ReadReport(str(path))))


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("reader", [read_wos_plain, read_wos_tab, read_cssci])
def test_empty_file(tmp_path, reader, content):
    path = write(tmp_path, "empty.txt", content)
    with pytest.raises(ExportError, match="empty file"):
        list(reader(path, ReadReport(str(path))))


def test_empty_file_is_refused_by_sniff(tmp_path):
    with pytest.raises(ExportError, match="empty file"):
        sniff(write(tmp_path, "e.txt", b""))


def test_not_web_of_science_header(tmp_path):
    path = write(tmp_path, "x.txt", "FN Something Else\nVR 1.0\nEF\n")
    with pytest.raises(ExportError, match="line 1: not a Web of Science plain-text export"):
        list(read_wos_plain(path, ReadReport(str(path))))


def test_unknown_format(tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        sniff(write(tmp_path, "x.csv", "a,b,c\n1,2,3\n"))


def test_tab_row_with_wrong_number_of_fields(tmp_path):
    path = write(tmp_path, "bad.tab", "PT\tAU\tPY\tUT\nJ\tA, B\t2010\tWOS:1\nJ\tA, B\t2011\nJ\tC, D\t2012\tWOS:3\n")
    with pytest.raises(ExportError, match=r"bad.tab, line 3: row has 3 tab-separated fields, the header has 4"):
        list(read_wos_tab(path, ReadReport(str(path))))
    records, report = read_all(read_wos_tab, path, skip_bad=True)
    assert [r.first("UT") for r in records] == ["WOS:1", "WOS:3"]
    assert report.rejections[0].line == 3


def test_tab_header_problems(tmp_path):
    with pytest.raises(ExportError, match="unknown column tag"):
        list(read_wos_tab(write(tmp_path, "a.tab", "PT\tQQ\tPY\tUT\n"), ReadReport("a")))
    with pytest.raises(ExportError, match="lacks required column"):
        list(read_wos_tab(write(tmp_path, "b.tab", "PT\tAU\n"), ReadReport("b")))
    with pytest.raises(ExportError, match="repeats column"):
        list(read_wos_tab(write(tmp_path, "c.tab", "PT\tPY\tPY\tUT\n"), ReadReport("c")))


def test_tab_wrong_encoding(tmp_path):
    path = write(tmp_path, "l1.tab", "PT\tAU\tPY\tUT\nJ\tM\u00fcller, A\t2010\tWOS:1\nJ\tB, C\t2011\tWOS:2\n", encoding="latin-1")
    with pytest.raises(ExportError, match="l1.tab, line 2: not valid UTF-8"):
        list(read_wos_tab(path, ReadReport(str(path))))
    records, report = read_all(read_wos_tab, path, skip_bad=True)
    assert [r.first("UT") for r in records] == ["WOS:2"] and report.records_rejected == 1


CSSCI_HEAD = "南京大学中国社会科学研究评价中心\n数字文献处理系统 版本：2.1\n\n"


def test_cssci_truncated_and_unknown_field(tmp_path):
    truncated = CSSCI_HEAD + cssci_record(1) + cssci_record(2).split("-" * 71)[0]
    path = write(tmp_path, "t.txt", truncated)
    with pytest.raises(ExportError, match=rf"t.txt, line {line_of(truncated, '合成测试记录2')}: truncated record: the file ends"):
        list(read_cssci(path, ReadReport(str(path))))
    records, report = read_all(read_cssci, path, skip_bad=True)
    assert len(records) == 1 and report.records_rejected == 1

    unknown = CSSCI_HEAD + cssci_record(1).replace("【中图类号】", "【未知字段】") + cssci_record(2)
    path = write(tmp_path, "u.txt", unknown)
    line = line_of(unknown, "【未知字段】")
    with pytest.raises(ExportError, match=rf"u.txt, line {line}: unknown CSSCI field 【未知字段】"):
        list(read_cssci(path, ReadReport(str(path))))
    records, report = read_all(read_cssci, path, skip_bad=True)
    assert len(records) == 1 and report.rejections[0].line == line

    two_titles = CSSCI_HEAD + cssci_record(1).split("-" * 71)[0] + cssci_record(2)
    path = write(tmp_path, "d.txt", two_titles)
    with pytest.raises(ExportError, match=rf"line {line_of(two_titles, '【来源篇名】')}: truncated record: a new 【来源篇名】"):
        list(read_cssci(path, ReadReport(str(path))))


# ---------------------------------------------------------------------------
# Streaming: the same result whatever the chunk size, so no record depends on a boundary
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_chunk_size_does_not_change_anything(monkeypatch, chunk):
    monkeypatch.setattr(readers_base, "CHUNK_BYTES", chunk)
    for name in ("wos_clarivate.txt", "wos_thomson_reuters.txt", "wos_core.tab", "cssci_education.txt"):
        path = EXPORT / name
        report = ReadReport(str(path))
        got = [(r.line, r.fields) for r in read_export(path, report)]
        monkeypatch.setattr(readers_base, "CHUNK_BYTES", 1 << 20)
        report2 = ReadReport(str(path))
        want = [(r.line, r.fields) for r in read_export(path, report2)]
        monkeypatch.setattr(readers_base, "CHUNK_BYTES", chunk)
        assert got == want, name


def test_readers_are_generators(tmp_path):
    path = write(tmp_path, "g.txt", wos_plain([wos_record(i) for i in range(5)]))
    report = ReadReport(str(path))
    iterator = read_wos_plain(path, report)
    next(iterator)
    assert report.records_in == 1  # nothing read ahead beyond the current block's records


# ---------------------------------------------------------------------------
# Fuzzing: records in = records out + rejected, always
# ---------------------------------------------------------------------------

CORRUPTIONS = {
    "ok": lambda r: r,
    "no_er": lambda r: r.replace("ER\n", ""),
    "unknown_tag": lambda r: r.replace("LA English", "QQ English"),
    "lowercase_line": lambda r: r.replace("DT Article", "dt article"),
    "bad_byte": lambda r: r.replace("SO SYNTHETIC", "SO SYNTH\udce9TIC"),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kinds=st.lists(st.sampled_from(sorted(CORRUPTIONS)), min_size=0, max_size=12),
    crlf=st.booleans(),
    bom=st.booleans(),
    ef=st.booleans(),
    chunk=st.sampled_from([5, 33, 4096]),
)
def test_fuzz_plain_text_invariant(tmp_path, monkeypatch, kinds, crlf, bom, ef, chunk):
    monkeypatch.setattr(readers_base, "CHUNK_BYTES", chunk)
    text = wos_plain([CORRUPTIONS[k](wos_record(i)) for i, k in enumerate(kinds)], ef=ef)
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", errors="surrogateescape")
    path = write(tmp_path, "fuzz.txt", (b"\xef\xbb\xbf" if bom else b"") + data)
    report = ReadReport(str(path))
    records = list(read_wos_plain(path, report, skip_bad=True))
    assert report.records_in == report.records_out + report.records_rejected
    assert report.records_out == len(records)
    # Exactly the intact records come out: a record that lost its ER takes no neighbour with it.
    assert {r.first("UT") for r in records} == {f"WOS:9999{i:08d}" for i, k in enumerate(kinds) if k == "ok"}
    assert report.records_rejected == sum(k != "ok" for k in kinds)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), head=st.sampled_from(["FN Clarivate Analytics Web of Science\nVR 1.0\n", "PT\tAU\tPY\tUT\n", CSSCI_HEAD, ""]))
def test_fuzz_arbitrary_bytes_never_lose_count(tmp_path, data, head):
    path = write(tmp_path, "any.txt", head.encode() + data)
    for reader in (read_wos_plain, read_wos_tab, read_cssci):
        report = ReadReport(str(path))
        try:
            records = list(reader(path, report, skip_bad=True))
        except ExportError as exc:
            assert exc.path == str(path)  # file-level problem: named, never silent
            continue
        assert report.records_in == report.records_out + report.records_rejected == len(records) + report.records_rejected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.integers(2, 6), st.booleans()), max_size=15), chunk=st.sampled_from([3, 50, 4096]))
def test_fuzz_tab_rows(tmp_path, monkeypatch, rows, chunk):
    monkeypatch.setattr(readers_base, "CHUNK_BYTES", chunk)
    lines = ["PT\tAU\tPY\tUT"]
    expected_good = 0
    for i, (width, bad_byte) in enumerate(rows):
        cells = ["J", f"A{i}, B", "2010", f"WOS:{i}", "x", "y"][:width]
        lines.append("\t".join(cells) + ("\udce9" if bad_byte else ""))
        expected_good += width == 4 and not bad_byte
    path = write(tmp_path, "f.tab", ("\n".join(lines) + "\n").encode("utf-8", errors="surrogateescape"))
    report = ReadReport(str(path))
    records = list(read_wos_tab(path, report, skip_bad=True))
    assert len(records) == expected_good
    assert report.records_in == len(rows) == report.records_out + report.records_rejected


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kinds=st.lists(st.sampled_from(["ok", "cut", "unknown"]), max_size=8), crlf=st.booleans())
def test_fuzz_cssci(tmp_path, kinds, crlf):
    parts = []
    for i, k in enumerate(kinds):
        rec = cssci_record(i)
        if k == "cut":
            rec = rec.split("-" * 71)[0]
        elif k == "unknown":
            rec = rec.replace("【中图类号】", "【未知】")
        parts.append(rec)
    text = CSSCI_HEAD + "".join(parts)
    if crlf:
        text = text.replace("\n", "\r\n")
    path = write(tmp_path, "c.txt", text)
    report = ReadReport(str(path))
    records = list(read_cssci(path, report, skip_bad=True))
    assert report.records_in == report.records_out + report.records_rejected == len(records) + report.records_rejected
    assert len(records) <= kinds.count("ok")


# Text before the first recognised record is a known header (banner) or a rejected record
# with its line, never skipped: a record whose markers were mangled must not vanish.
_HIDDEN = {
    "mangled_record": lambda i: cssci_record(900 + i).split("-" * 71)[0].replace("【", "[").replace("】", "]"),
    "prose": lambda i: f"Exported by someone on day {i}\n",
    "blank": lambda i: "\n  \n",
}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hidden=st.lists(st.sampled_from(sorted(_HIDDEN)), min_size=1, max_size=3), n_ok=st.integers(0, 4),
       banner=st.booleans(), crlf=st.booleans(), chunk=st.sampled_from([7, 64, 4096]))
def test_fuzz_cssci_text_before_the_first_record_is_never_skipped(tmp_path, monkeypatch, hidden, n_ok, banner, crlf, chunk):
    monkeypatch.setattr(readers_base, "CHUNK_BYTES", chunk)
    hidden_text = any(k != "blank" for k in hidden)
    assume(banner or n_ok or hidden_text)  # blank lines alone are an empty file (tested above)
    before = "".join(_HIDDEN[k](i) for i, k in enumerate(hidden))
    text = (CSSCI_HEAD if banner else "") + before + "".join(cssci_record(i) for i in range(n_ok))
    if crlf:
        text = text.replace("\n", "\r\n")
    path = write(tmp_path, "h.txt", text)
    report = ReadReport(str(path))
    records = list(read_cssci(path, report, skip_bad=True))
    assert len(records) == report.records_out == n_ok
    assert report.records_in == report.records_out + report.records_rejected
    assert (report.records_rejected >= 1) == hidden_text, report.rejections
    if hidden_text:
        first_line = 1 + (CSSCI_HEAD.count("\n") if banner else 0)
        assert report.rejections[0].line >= first_line
        with pytest.raises(ExportError, match=r"h.txt, line \d+: text outside any record"):
            list(read_cssci(path, ReadReport(str(path))))
