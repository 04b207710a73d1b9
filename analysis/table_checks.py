"""Checks of a data file's text that run before Frictionless sees it (called by
analysis/datasets.py with plain values; imports nothing from the project).

Frictionless reports these problems in ways that mislead: a byte that is not UTF-8
as a byte offset, a quote that never closes as a cascade of errors on later rows, a
missing column as wrong labels on every column after it, and a file with a header
and no rows not at all. Each check here names the file, the line or row, the column
and the rule, and stops validation before those cascades.
"""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

# A table the site draws on is never empty; a descriptor may ask for more rows (min_rows).
DEFAULT_MIN_ROWS = 1


def check(csv_path: Path, names: list[str], min_rows: int | None, where: str, descriptor_where: str) -> list[str]:
    """Problems of the file's text, header and size; empty when Frictionless may go on.

    ``names`` are the schema's column names in order; ``min_rows`` the descriptor's
    ``min_rows`` (None: the default). Plain values, not a ``datasets.Dataset``, so that
    this module needs nothing from datasets.py, which calls it.
    """
    data = csv_path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [_encoding_problem(data, exc, names, where)]
    records, problem = _records(text, where)
    if problem:
        return [problem]
    if not records:
        return []  # an empty file: datasets.py reports it with the columns it expects
    header = records[0][1]
    problems = _header_problems(header, names, where)
    if problems:
        return problems
    rows = [r for r in records[1:] if any(cell.strip() for cell in r[1])]
    minimum = DEFAULT_MIN_ROWS if min_rows is None else min_rows
    if len(rows) < minimum:
        return [
            f"{where}, row 2, all columns: min-rows: the table has {len(rows)} data row(s) below its header; "
            f"at least {minimum} required (min_rows in {descriptor_where}, default {DEFAULT_MIN_ROWS})"
        ]
    return []


def _encoding_problem(data: bytes, exc: UnicodeDecodeError, names: list[str], where: str) -> str:
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line = data.count(b"\n", 0, exc.start) + 1
    before = data[line_start:exc.start].decode("utf-8", errors="replace")
    try:
        column = len(next(csv.reader([before]), [""])) - 1 if before else 0
    except csv.Error:
        column = before.count(",")
    label = f"column '{names[column]}'" if column < len(names) else f"column {column + 1}"
    return (
        f"{where}, row {line}, {label}: encoding: byte 0x{data[exc.start]:02x} is not UTF-8 "
        f"(after {before[-20:]!r}); save the file as UTF-8"
    )


def _records(text: str, where: str) -> tuple[list[tuple[int, list[str]]], str | None]:
    """(first line, cells) of every record, or the line where a quoted value never closes."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return records, None
        except csv.Error as exc:
            return records, (
                f"{where}, row {start}, line {start}: unbalanced-quote: a quoted value that starts on this line "
                f"is not closed where it should be ({exc}); every \" inside a quoted value must be doubled (\"\")"
            )
        records.append((start, cells))
        start = reader.line_num + 1


def _header_problems(header: list[str], names: list[str], where: str) -> list[str]:
    header = [h.strip() for h in header]
    if header == names:
        return []
    at = f"{where}, row 1 (header)"
    problems = [f"{at}, column '{n}': missing-column: the schema requires column '{n}'; the header has {', '.join(header)}"
                for n in names if n not in header]
    problems += [f"{at}, column '{h}': extra-column: the schema has no column '{h}' (columns: {', '.join(names)})"
                 for h in header if h not in names]
    dupes = sorted({h for h in header if header.count(h) > 1})
    problems += [f"{at}, column '{h}': duplicate-column: the header names it {header.count(h)} times" for h in dupes]
    if not problems:
        problems.append(f"{at}: column-order: the columns must be in the schema's order: {', '.join(names)}")
    return problems
