"""What the raw-export readers share: the record and report types, the errors, the field
tags, and the decoding of a file into text blocks (encodings refused, lines counted).
The readers are in analysis/bibliometrics/readers.py (Web of Science) and cssci.py."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

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


def _bad_bytes_line(text: str, start_line: int) -> int | None:
    m = _SURROGATE.search(text)
    return None if m is None else start_line + text.count("\n", 0, m.start())
