"""Streaming readers for raw bibliographic exports.

Three formats, each a generator of :class:`Record` that holds one record at a
time (memory does not grow with the number of records):

* Web of Science tagged plain text (``FN``/``VR`` header, ``PT ... ER`` records,
  ``EF``), with the Clarivate or the older Thomson Reuters header;
* Web of Science tab-delimited, Core Collection or "All Databases" columns;
* CSSCI text exports (``【来源篇名】`` blocks ending in a line of dashes).

All accept UTF-8 with or without a byte order mark and LF or CRLF line ends.
Every reader fills a :class:`ReadReport`: records in = records out + records
rejected, and each rejection keeps its file, line and reason. Bad input raises
:class:`ExportError` (file and line in the message) unless ``skip_bad`` is set,
in which case the bad record is rejected, counted, and reading goes on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

CHUNK_BYTES = 1 << 20

# Field tags of Web of Science exports (Core Collection and All Databases).
WOS_TAGS = frozenset(
    """FN VR PT AU AF BA BF CA GP BE TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI OI
    FU FP FX CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS SI PN SU MA BP EP AR DI DL D2 EA
    EY PG P2 WC WE SC GA PM OA HP HC DA UT ER EF ED
    Z1 Z2 Z3 Z4 Z8 ZA ZB ZR ZS X1 X4 Y1 Y4 S1 FT AE AK PS ME LT""".split()
)
# Columns present only in "All Databases" tab-delimited exports.
ALL_DATABASES_ONLY = frozenset("Z1 Z2 Z3 Z4 Z8 ZA ZB ZR ZS X1 X4 Y1 Y4 S1 FT AE AK".split())
WOS_HEADERS = ("FN Clarivate Analytics Web of Science", "FN Thomson Reuters Web of Science")
# Multi-valued fields of tab-delimited rows are joined with "; ".
TAB_LIST_FIELDS = frozenset("AU AF BA BF BE CA GP C1 RP CR FU".split())

CSSCI_FIELDS = frozenset(
    "来源篇名 英文篇名 来源作者 基金 期刊 第一机构 机构名称 第一作者 中图类号 年代卷期 关键词 基金类别 参考文献 "
    "文件序号 文章类型 学科分类".split()
)
CSSCI_SEPARATOR = re.compile(r"^-{10,}[ \t]*$", re.M)

_JOIN = "\x1f"  # stands for a line break inside a field, and separates list items
# In a record, every line is "TAG value", "TAG" alone, a continuation (three spaces) or blank.
# (Written as "a newline followed by something bad": a literal first character lets the
# regex engine jump from newline to newline, several times faster than a negative lookahead.)
_NOT_A_FIELD = re.compile(r"\n(?=[^A-Z \n]|[A-Z][^A-Z0-9]|[A-Z][A-Z0-9][^ \n]| [^ ]|  [^ ])")
_TAGS = re.compile(r"\n([A-Z][A-Z0-9])")  # after _NOT_A_FIELD passed, these are exactly the tags
_LATE_TAGS = frozenset("NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI DL D2 EA EY PG WC WE SC GA PM OA HC HP DA UT".split())
_FIELD_END = re.compile(r"\n(?!   )")
_SURROGATE = re.compile("[\udc80-\udcff]")
_LIST_SPLIT = re.compile(r";\s*(?![^\[]*\])")  # "; " outside [author lists] and [grant numbers]
_CSSCI_LINE = re.compile(r"^【([^】]*)】(.*)$")
_CSSCI_TITLE = re.compile(r"^【来源篇名】", re.M)


class ExportError(ValueError):
    """A raw export cannot be read; the message says file, line and what is wrong."""

    def __init__(self, path: Path | str, line: int | None, reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


@dataclass
class Rejection:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}, line {self.line}: {self.reason}"


@dataclass
class ReadReport:
    """What happened to one file: nothing is dropped without a row here."""

    path: str
    format: str = "unknown"
    records_in: int = 0
    records_out: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def records_rejected(self) -> int:
        return len(self.rejections)

    def balanced(self) -> bool:
        return self.records_in == self.records_out + self.records_rejected


class Record:
    """One record: field tag -> values (one per line, or per list item of a tab-delimited cell).

    Values are kept joined by an internal separator and split only when asked
    for, so fields nobody reads cost nothing.
    """

    __slots__ = ("raw", "path", "line", "format")

    def __init__(self, raw: dict[str, str], path: str, line: int, format: str):
        self.raw, self.path, self.line, self.format = raw, path, line, format

    @classmethod
    def from_lists(cls, fields: dict[str, list[str]], path: str, line: int, format: str) -> "Record":
        return cls({k: _JOIN.join(v) for k, v in fields.items()}, path, line, format)

    @property
    def fields(self) -> dict[str, list[str]]:
        return {tag: value.split(_JOIN) if value else [] for tag, value in self.raw.items()}

    def values(self, tag: str) -> list[str]:
        value = self.raw.get(tag)
        return value.split(_JOIN) if value else []

    def first(self, tag: str, default: str = "") -> str:
        value = self.raw.get(tag)
        if not value:
            return default
        cut = value.find(_JOIN)
        return value if cut == -1 else value[:cut]

    def __repr__(self) -> str:
        return f"Record({self.format}, {self.path}, line {self.line}, UT={self.first('UT')!r})"


class TaggedRecord(Record):
    """A plain-text record kept as its text; a field is cut out when it is asked for."""

    __slots__ = ()

    def _span(self, tag: str) -> tuple[int, int] | None:
        text = self.raw
        # Tags appear once per record, in Web of Science's fixed order; those after the long
        # cited-reference list are found faster from the end.
        start = text.rfind("\n" + tag + " ") if tag in _LATE_TAGS else text.find("\n" + tag + " ")
        if start == -1:
            return None
        start += 4
        end = _FIELD_END.search(text, start)
        return start, end.start() if end else len(text)

    def values(self, tag: str) -> list[str]:
        span = self._span(tag)
        if span is None:
            return []
        value = self.raw[span[0] : span[1]]
        return value.split("\n   ") if "\n" in value else [value]

    def first(self, tag: str, default: str = "") -> str:
        span = self._span(tag)
        if span is None:
            return default
        cut = self.raw.find("\n", span[0], span[1])
        return self.raw[span[0] : span[1] if cut == -1 else cut] or default

    @property
    def fields(self) -> dict[str, list[str]]:
        return {tag: self.values(tag) for tag in _TAGS.findall(self.raw)}


def split_list(value: str) -> list[str]:
    """Split a "; "-joined field without splitting inside square brackets."""
    if "[" not in value:
        return [part.strip() for part in value.split(";") if part.strip()]
    return [part.strip() for part in _LIST_SPLIT.split(value) if part.strip()]


# ---------------------------------------------------------------------------
# Shared: bytes -> decoded text blocks that end at a line end, with line numbers
# ---------------------------------------------------------------------------

UTF16_MESSAGE = "file is UTF-16 encoded{detail}; export it again as UTF-8 (e.g. 'Tab-delimited (Win, UTF-8)')"


def foreign_encoding(head: bytes) -> tuple[int, str] | None:
    """(line, reason) when the first bytes of a file are in an encoding the readers refuse:
    UTF-16 with or without a byte order mark, or GBK/GB18030 (CSSCI's Chinese encoding).
    A whole file in another encoding is never read record by record (with --skip-bad it
    would be rejected line by line, or worse, taken for a banner and dropped)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 1, UTF16_MESSAGE.format(detail="")
    sample = head[:2048]
    if len(sample) >= 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return 1, UTF16_MESSAGE.format(detail=" (little-endian, without a byte order mark)")
        if even > len(sample) // 4 and odd == 0:
            return 1, UTF16_MESSAGE.format(detail=" (big-endian, without a byte order mark)")
    try:
        head.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return None  # a character cut by the end of the sample
        bad_at = exc.start
    # A stray bad byte is the readers' to name (or to reject its record); a file whose text
    # is mostly not UTF-8 but reads as Chinese in GB18030 is in that encoding.
    invalid = head.decode("utf-8", errors="replace").count("\ufffd")
    try:
        text = head.decode("gb18030")
    except UnicodeDecodeError:
        return None
    chinese = len(re.findall(r"[\u4e00-\u9fff]", text))
    if invalid >= 4 and ("【" in text or chinese * 5 >= len("".join(text.split()))):
        line = head.count(b"\n", 0, bad_at) + 1
        return line, ("file is in GBK/GB18030 (the Chinese encoding CSSCI exports use), not UTF-8; "
                      "convert it first (e.g. iconv -f GB18030 -t UTF-8) or export it again as UTF-8")
    return None



def _text_blocks(path: Path, report: ReadReport, skip_bad: bool, count_lines: bool = True) -> Iterator[tuple[str, int, bool]]:
    """Yield (text, number of the block's first line, had_bad_bytes), LF-only, BOM removed.

    With ``count_lines=False`` the line number is not kept (0 is yielded): readers that count
    lines themselves save a pass over the data, and an encoding error finds its line by
    counting only then.
    """
    line = 1
    offset = 0  # bytes of the file before the current block
    rest = b""
    first = True
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK_BYTES)
            data = rest + chunk
            if not chunk:
                rest = b""
                if not data:
                    return
                block = data
            else:
                cut = data.rfind(b"\n")
                if cut == -1:
                    rest = data
                    continue
                block, rest = data[: cut + 1], data[cut + 1 :]
            size = len(block)
            if first:
                first = False
                refused = foreign_encoding(block[:65536])
                if refused:
                    raise ExportError(path, *refused)  # whole file: even with skip_bad
                if block.startswith(b"\xef\xbb\xbf"):
                    block = block[3:]
                    offset = 3
                    size -= 3
            try:
                text = block.decode("utf-8")
                bad = False
            except UnicodeDecodeError as exc:
                if not skip_bad:
                    bad_line = (line + block.count(b"\n", 0, exc.start)) if count_lines else _line_at(path, offset + exc.start)
                    raise ExportError(path, bad_line, f"not valid UTF-8 (byte 0x{block[exc.start]:02x}); the file must be exported as UTF-8") from None
                text = block.decode("utf-8", errors="surrogateescape")
                bad = True
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            yield text, (line if count_lines else 0), bad
            if count_lines:
                line += block.count(b"\n")
            offset += size
            if not chunk:
                return


def _line_at(path: Path, byte_offset: int) -> int:
    """Line number of a byte offset (only on the error path: reads the file again)."""
    with path.open("rb") as handle:
        return handle.read(byte_offset).count(b"\n") + 1


def _line_starts(text: str, prefix: str) -> list[int]:
    """Offsets of the lines of ``text`` that start with ``prefix`` (str.find: no regex scan)."""
    found = [0] if text.startswith(prefix) else []
    needle = "\n" + prefix
    i = text.find(needle)
    while i != -1:
        found.append(i + 1)
        i = text.find(needle, i + 1)
    return found


def _er_lines(buffer: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each ER line: "ER" alone on its line, trailing blanks allowed."""
    for start in _line_starts(buffer, "ER"):
        end = buffer.find("\n", start)
        end = len(buffer) if end == -1 else end + 1
        if not buffer[start + 2 : end].strip():
            yield start, end


def _tag_trie(tags) -> str:
    """A regular expression matching exactly these two-character tags, grouped by first
    character, so that the engine tries a few branches per line instead of a hundred."""
    by_first: dict[str, list[str]] = {}
    for tag in sorted(tags):
        by_first.setdefault(tag[0], []).append(re.escape(tag[1]))
    return "|".join(f"{re.escape(first)}[{''.join(seconds)}]" for first, seconds in by_first.items())


# In a block of complete records, every line after a newline is a known record tag (with a
# space, or alone), a continuation, or blank; one search finds the first line that is not.
_RECORD_TAGS = WOS_TAGS - {"FN", "VR", "EF"}
# Continuations are tried first: they are most of the lines (one per cited reference).
_NOT_A_RECORD_LINE = re.compile(rf"\n(?!   |(?:{_tag_trie(_RECORD_TAGS)})(?: |\n|$)|\n|$)")


def _clean_records(buffer: str) -> tuple[list[str], str] | None:
    """The records of a block and the text after the last one, if all of them are well formed.

    One regular-expression pass and two counts over the whole block replace the
    per-record checks. Anything odd (returns None) goes the slow way, which finds and
    names the problem.
    """
    cut = buffer.rfind("\nER\n")
    if cut == -1 or buffer.startswith("ER"):
        return None
    if _NOT_A_RECORD_LINE.search(buffer, 0, cut + 1) is not None:
        return None
    pieces = buffer.split("\nER\n")
    rest = pieces.pop()
    # Each piece is one record: it starts with PT (after at most one blank line) and
    # holds no other PT.
    if buffer.count("\nPT ", 0, cut) + buffer.startswith("PT ") != len(pieces):
        return None
    for piece in pieces:
        if not (piece.startswith("\nPT ") or piece.startswith("PT ")):
            return None
    return pieces, rest


def _bad_bytes_line(text: str, start_line: int) -> int | None:
    m = _SURROGATE.search(text)
    return None if m is None else start_line + text.count("\n", 0, m.start())


# ---------------------------------------------------------------------------
# Web of Science tagged plain text
# ---------------------------------------------------------------------------


def read_wos_plain(path: Path, report: ReadReport, skip_bad: bool = False) -> Iterator[Record]:
    path = Path(path)
    report.format = "wos-plain"
    name = str(path)
    pending = ""  # text after the last complete ER
    pending_line = 1
    header_seen = False
    saw_ef = False
    saw_any = False

    def fail(line: int, reason: str, counts_as_record: bool = True) -> None:
        if not skip_bad:
            raise ExportError(path, line, reason)
        if counts_as_record:
            report.records_in += 1
        report.rejections.append(Rejection(name, line, reason))

    def parse(buf: str, start: int, end: int, line: int, bad: bool, terminated: bool = True) -> Iterator[Record]:
        """Records in ``buf[start:end]``, which begins at ``line``; ``terminated``: an ER line follows.

        Works on offsets into the block instead of copies: a record is sliced once.
        """
        nonlocal header_seen
        while start < end and buf[start] == "\n":
            start += 1
            line += 1
        if start >= end:
            return
        if not header_seen:
            if not buf.startswith(WOS_HEADERS, start):
                first_line = buf[start:end].split("\n", 1)[0][:60]
                raise ExportError(path, line, f"not a Web of Science plain-text export: expected a first line 'FN Clarivate Analytics Web of Science' or 'FN Thomson Reuters Web of Science', found {first_line!r}")
            header_seen = True
            for prefix in ("FN ", "VR "):
                if buf.startswith(prefix, start):
                    cut = buf.find("\n", start, end)
                    start = end if cut == -1 else cut + 1
                    line += 1
            while start < end and buf[start] == "\n":
                start += 1
                line += 1
            if start >= end:
                return
        if not buf.startswith("PT ", start):
            fail(line, "text outside any record (expected a record starting with 'PT ')")
            nxt = buf.find("\nPT ", start, end)
            if nxt == -1:
                return
            line += buf.count("\n", start, nxt + 1)
            start = nxt + 1
        # Another PT before the ER: the record before it was cut short.
        nxt = buf.find("\nPT ", start, end)
        while nxt != -1:
            fail(line, "truncated record: a new record (PT) starts before this one ends with ER")
            line += buf.count("\n", start, nxt + 1)
            start = nxt + 1
            nxt = buf.find("\nPT ", start, end)
        if not terminated:
            fail(line, "truncated record: the file ends before this record's ER line")
            return
        body = buf[start - 1 : end] if start > 0 else "\n" + buf[start:end]
        yield from _wos_record(body, line, bad)

    def _wos_record(body: str, line: int, bad: bool) -> Iterator[Record]:
        """``body``: the record's lines, each after a newline (so body[0] is a newline)."""
        if bad:
            bad_line = _bad_bytes_line(body, line - 1)
            if bad_line is not None:
                fail(bad_line, "not valid UTF-8; the file must be exported as UTF-8")
                return
        # Two C-level regex passes check the whole record: every line is a field
        # ("TAG value"), a continuation (three spaces) or blank, and every tag is known.
        # Fields are cut out only when asked for (TaggedRecord), so unread ones cost nothing.
        bad_line = _NOT_A_FIELD.search(body)
        if bad_line is None:
            unknown = set(_TAGS.findall(body)) - WOS_TAGS
            if not unknown:
                report.records_in += 1
                report.records_out += 1
                yield TaggedRecord(body, name, line, "wos-plain")
                return
            tag = min(unknown, key=lambda t: body.find("\n" + t))
            fail(line - 1 + body.count("\n", 0, body.find("\n" + tag) + 1), f"unknown field tag '{tag}'")
            return
        at = line - 1 + body.count("\n", 0, bad_line.start() + 1)
        shown = body[bad_line.start() + 1 :].split("\n", 1)[0][:60]
        fail(at, f"line is neither a field (two-character tag and a space) nor a continuation (three spaces): {shown!r}")

    any_bad = False  # once a block had bad bytes, records carried over from it are checked too
    for text, _, bad in _text_blocks(path, report, skip_bad, count_lines=False):
        saw_any = saw_any or bool(text.strip())
        any_bad = any_bad or bad
        buffer = pending + text
        pos, pos_line = 0, pending_line  # line numbers are counted forward only (no rescans)
        records = _clean_records(buffer) if header_seen and not any_bad else None
        if records is not None:
            # Fast path: the whole block passed the checks at once (C-level passes over
            # the block); each record is one piece of a split, with no per-line work.
            pieces, pending = records
            for piece in pieces:
                if piece[0] == "\n":
                    pos_line += 1
                else:
                    piece = "\n" + piece
                report.records_in += 1
                report.records_out += 1
                yield TaggedRecord(piece, name, pos_line, "wos-plain")
                pos_line += piece.count("\n", 1) + 2
        else:
            for er_start, end in _er_lines(buffer):
                yield from parse(buffer, pos, er_start, pos_line, any_bad)
                pos_line += buffer.count("\n", pos, end)
                pos = end
            pending = buffer[pos:]
        pending_line = pos_line

    if not saw_any:
        raise ExportError(path, None, "empty file: no header and no records")
    # After the last ER: blank lines and EF, or a record that lost its ER.
    tail = pending
    ef = re.search(r"^EF[ \t]*$", tail, re.M)
    if ef:
        saw_ef = True
        if tail[ef.end() :].strip():
            report.warnings.append(f"{path}, line {pending_line + tail.count(chr(10), 0, ef.end()) + 1}: text after EF (end of file) was ignored")
        tail = tail[: ef.start()]
    yield from parse(tail, 0, len(tail), pending_line, any_bad, terminated=False)
    if not saw_ef:
        report.warnings.append(f"{path}: no EF line at the end; the export may have been cut short (every complete record was read)")


# ---------------------------------------------------------------------------
# Web of Science tab-delimited
# ---------------------------------------------------------------------------


def read_wos_tab(path: Path, report: ReadReport, skip_bad: bool = False) -> Iterator[Record]:
    path = Path(path)
    name = str(path)
    header: list[str] | None = None
    for text, start_line, bad in _text_blocks(path, report, skip_bad):
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        for offset, row in enumerate(lines):
            line = start_line + offset
            if header is None:
                if not row.strip():
                    continue
                header = _tab_header(path, line, row)
                report.format = "wos-tab-all-databases" if ALL_DATABASES_ONLY & set(header) else "wos-tab-core"
                continue
            if not row.strip():
                continue
            report.records_in += 1
            if bad and _SURROGATE.search(row):
                reason = "not valid UTF-8; the file must be exported as UTF-8"
                if not skip_bad:
                    raise ExportError(path, line, reason)
                report.rejections.append(Rejection(name, line, reason))
                continue
            cells = row.split("\t")
            if len(cells) != len(header) and not (len(cells) == len(header) + 1 and cells[-1] == ""):
                reason = f"row has {len(cells)} tab-separated fields, the header has {len(header)}"
                if not skip_bad:
                    raise ExportError(path, line, reason)
                report.rejections.append(Rejection(name, line, reason))
                continue
            raw = {}
            for tag, cell in zip(header, cells):
                if cell:
                    raw[tag] = _JOIN.join(split_list(cell)) if tag in TAB_LIST_FIELDS else cell
            report.records_out += 1
            yield Record(raw, name, line, report.format)
    if header is None:
        raise ExportError(path, None, "empty file: no header row and no records")


def _tab_header(path: Path, line: int, row: str) -> list[str]:
    tags = row.split("\t")
    while tags and tags[-1] == "":
        tags.pop()  # some exports end every line with a tab
    unknown = [t for t in tags if t not in WOS_TAGS]
    if unknown:
        raise ExportError(path, line, f"header has unknown column tag(s): {', '.join(repr(t) for t in unknown[:5])}; expected Web of Science field tags such as PT, AU, C1, PY, UT")
    dupes = sorted({t for t in tags if tags.count(t) > 1})
    if dupes:
        raise ExportError(path, line, f"header repeats column tag(s): {', '.join(dupes)}")
    missing = [t for t in ("UT", "PY") if t not in tags]
    if missing:
        raise ExportError(path, line, f"header lacks required column(s): {', '.join(missing)}")
    return tags


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


# ---------------------------------------------------------------------------
# Format detection
# ---------------------------------------------------------------------------

READERS: dict[str, Callable[..., Iterator[Record]]] = {
    "wos-plain": read_wos_plain,
    "wos-tab": read_wos_tab,
    "cssci": read_cssci,
}


def sniff(path: Path) -> str:
    """Which reader a file needs, from its first bytes."""
    with Path(path).open("rb") as handle:
        head = handle.read(4096)
    if not head.strip():
        raise ExportError(path, None, "empty file: no header and no records")
    refused = foreign_encoding(head)
    if refused:
        raise ExportError(path, *refused)
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace").lstrip()
    if text.startswith("FN "):
        return "wos-plain"
    first = text.split("\n", 1)[0]
    if first.startswith("PT\t") or "\tUT" in first or first.startswith("AU\t"):
        return "wos-tab"
    if "【" in text or "CSSCI" in text or "南京大学中国社会科学研究评价中心" in text:
        return "cssci"
    raise ExportError(path, 1, f"unknown export format (first line {first[:60]!r}); expected Web of Science plain text (FN ...), Web of Science tab-delimited (PT<tab>AU...) or CSSCI (【来源篇名】)")


def read_export(path: Path, report: ReadReport, skip_bad: bool = False) -> Iterator[Record]:
    return READERS[sniff(path)](path, report, skip_bad)
