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
from pathlib import Path
from typing import Callable, Iterator

from analysis.bibliometrics.cssci import read_cssci
from analysis.bibliometrics.records import (  # noqa: F401  (the readers' public names, in one place)
    ALL_DATABASES_ONLY, TAB_LIST_FIELDS, WOS_HEADERS, WOS_TAGS, ExportError, ReadReport, Record, Rejection,
    TaggedRecord, _bad_bytes_line, _JOIN, _NOT_A_FIELD, _SURROGATE, _TAGS, _text_blocks, foreign_encoding, split_list,
)


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
