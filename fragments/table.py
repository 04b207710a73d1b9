"""A generated table as HTML, from its CSV: below 600 px a row can stack as "column: value"
lines (each cell labelled with its column's name by site.js, from the table's head); numeric
columns are right-aligned as in the Markdown tables they replace."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from fragments import render
from fragments.chart import TableFrame, open_cite_box  # noqa: F401  (re-exported for the transforms)

_NUMBER = re.compile(r"^-?[\d,]*\.?\d+$")


@dataclass
class Grid:
    header: list[str]
    rows: list[list[str]]
    numeric: list[bool]


def read_grid(path: Path) -> Grid:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [row + [""] * (len(header) - len(row)) for row in reader]
    numeric = [
        any(row[i] for row in rows) and all(_NUMBER.match(row[i]) for row in rows if row[i])
        for i in range(len(header))
    ]
    return Grid(header, rows, numeric)


def render_table_frame(frame: TableFrame, grid: Grid) -> str:
    """Number, title and caption above; the table; source line, CSV and cite box under it."""
    return render("table_frame.html.j2", f=frame, grid=grid, cite=Markup(frame.cite_html))
