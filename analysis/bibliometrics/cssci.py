"""The CSSCI text-export reader (``【来源篇名】`` blocks ending in a line of dashes)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from analysis.bibliometrics.records import ExportError, ReadReport, Record, Rejection, _bad_bytes_line, _text_blocks

CSSCI_FIELDS = frozenset(
    "来源篇名 英文篇名 来源作者 基金 期刊 第一机构 机构名称 第一作者 中图类号 年代卷期 关键词 基金类别 参考文献 "
    "文件序号 文章类型 学科分类".split()
)
CSSCI_SEPARATOR = re.compile(r"^-{10,}[ \t]*$", re.M)
_CSSCI_LINE = re.compile(r"^【([^】]*)】(.*)$")
_CSSCI_TITLE = re.compile(r"^【来源篇名】", re.M)


# ---------------------------------------------------------------------------
# CSSCI
# ---------------------------------------------------------------------------


def read_cssci(path: Path, report: ReadReport, skip_bad: bool = False) -> Iterator[Record]:
    path = Path(path)
    name = str(path)
    report.format = "cssci"
    pending = ""
    pending_line = 1
    saw_any = False

    def fail(line: int, reason: str) -> None:
        if not skip_bad:
            raise ExportError(path, line, reason)
        report.records_in += 1
        report.rejections.append(Rejection(name, line, reason))

    banner_allowed = True  # only the file's first block may open with CSSCI's banner

    def parse(block: str, line: int, bad: bool, terminated: bool = True) -> Iterator[Record]:
        nonlocal banner_allowed
        start = block.find("\n【") + 1 if not block.startswith("【") else 0
        before = block[:start] if start else block
        # Text before the first field line is CSSCI's banner (recognised line by line), or blank;
        # anything else is a record this reader cannot read (a mangled 【来源篇名】...): rejected.
        stray = _not_banner(before, line) if banner_allowed else _first_text_line(before, line)
        banner_allowed = False
        if stray is not None:
            fail(stray[0], f"text outside any record (expected a line starting with 【来源篇名】): {stray[1]!r}")
        if not start and not block.startswith("【"):
            return
        line += block.count("\n", 0, start)
        block = block[start:]
        # A second title before the separator: the record before it was cut short.
        titles = [m.start() for m in _CSSCI_TITLE.finditer(block) if m.start() > 0]
        pieces = [0, *titles]
        for i, piece_start in enumerate(pieces):
            piece_end = pieces[i + 1] if i + 1 < len(pieces) else len(block)
            piece_line = line + block.count("\n", 0, piece_start)
            if i + 1 < len(pieces):
                fail(piece_line, "truncated record: a new 【来源篇名】 starts before the separator line of dashes")
            elif not terminated:
                fail(piece_line, "truncated record: the file ends before the separator line of dashes")
            else:
                yield from _cssci_record(block[piece_start:piece_end], piece_line, bad)

    def _cssci_record(block: str, line: int, bad: bool) -> Iterator[Record]:
        if bad:
            bad_line = _bad_bytes_line(block, line)
            if bad_line is not None:
                fail(bad_line, "not valid UTF-8; the file must be exported as UTF-8")
                return
        fields: dict[str, list[str]] = {}
        current: str | None = None
        for offset, text in enumerate(block.split("\n")):
            m = _CSSCI_LINE.match(text)
            if m:
                label = "".join(m.group(1).split())  # 【基    金】 -> 基金
                if label not in CSSCI_FIELDS:
                    fail(line + offset, f"unknown CSSCI field 【{m.group(1)}】")
                    return
                current = label
                value = m.group(2).strip()
                fields[label] = [value] if value else []
            elif text.strip():
                fields[current].append(text.strip())  # continuation, e.g. one cited reference per line
        if "来源篇名" not in fields:
            fail(line, "record has no 【来源篇名】 (title) field")
            return
        report.records_in += 1
        report.records_out += 1
        yield Record.from_lists(fields, name, line, "cssci")

    any_bad = False
    for text, _, bad in _text_blocks(path, report, skip_bad, count_lines=False):
        saw_any = saw_any or bool(text.strip())
        any_bad = any_bad or bad
        buffer = pending + text
        pos, pos_line = 0, pending_line
        for m in CSSCI_SEPARATOR.finditer(buffer):
            yield from parse(buffer[pos : m.start()], pos_line, any_bad)
            end = m.end() + 1 if m.end() < len(buffer) else m.end()
            pos_line += buffer.count("\n", pos, end)
            pos = end
        pending_line = pos_line
        pending = buffer[pos:]
    if not saw_any:
        raise ExportError(path, None, "empty file: no records")
    yield from parse(pending, pending_line, any_bad, terminated=False)


# The lines of the banner CSSCI writes before the first record.
_CSSCI_BANNER = re.compile(r"南京大学中国社会科学研究评价中心|数字文献处理系统.*|版权所有.*CSSCI.*")


def _first_text_line(text: str, line: int) -> tuple[int, str] | None:
    for offset, row in enumerate(text.split("\n")):
        if row.strip():
            return line + offset, row.strip()[:60]
    return None


def _not_banner(text: str, line: int) -> tuple[int, str] | None:
    """The first line of ``text`` that is neither blank nor a line of CSSCI's banner."""
    for offset, row in enumerate(text.split("\n")):
        if row.strip() and not _CSSCI_BANNER.fullmatch(row.strip()):
            return line + offset, row.strip()[:60]
    return None
