"""Turn what artifact functions return into files: Vega-Lite specs, SVG and PNG
(rendered by vl-convert, no browser), CSV and markdown tables."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from analysis.escape import escape_markdown, json_for_script  # noqa: F401  (the one escaping rule)
from fragments import render_markup

# Scheme-specific settings, applied at render time so one spec serves both
# Material schemes; the page swaps the static SVG and the interactive view
# re-embeds with the same settings when the reader toggles light/dark.
# Value labels (text marks) take the scheme's text colour: #333 on white is 12.6:1,
# #E2E4E9 on Material's slate background (#1E2129) about 13:1. charts.js applies the
# same settings to the interactive view (keep the two in step).
TEXT_COLOUR = {"light": "#333333", "dark": "#E2E4E9"}
SCHEMES = {
    "light": {"theme": None, "config": {"background": None, "text": {"color": TEXT_COLOUR["light"]}}},
    "dark": {"theme": "dark", "config": {"background": None, "text": {"color": TEXT_COLOUR["dark"]}}},
    # Downloads stand alone, on white.
    "download": {"theme": None, "config": {"background": "white", "text": {"color": TEXT_COLOUR["light"]}}},
}


def write_text(path: Path, text: str) -> None:
    """Write only when the content changed, so unchanged files keep their mtime."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.write_text(text, encoding="utf-8", newline="\n")


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def dumps(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def svg(spec: dict, scheme: str) -> str:
    import vl_convert as vlc

    settings = SCHEMES[scheme]
    return vlc.vegalite_to_svg(spec, theme=settings["theme"], config=settings["config"])


def png(svg_text: str) -> bytes:
    """A PNG at twice the SVG's size, rasterised from the SVG (no second Vega run)."""
    import vl_convert as vlc

    return vlc.svg_to_png(svg_text, scale=2)


def markdown_table(frame: pd.DataFrame) -> str:
    """A pipe table; cells escaped so data can never turn into markup."""

    def cell(value) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        return escape_markdown(value)

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    align = "| " + " | ".join("---:" if pd.api.types.is_numeric_dtype(frame[c]) else ":---" for c in frame.columns) + " |"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, align, *rows]) + "\n"


def html_table(frame: pd.DataFrame, caption: str) -> str:
    """An HTML table (escaped by the template, fragments/templates/chart_data_table.html.j2),
    used as the data alternative under each chart."""
    rows = [["" if (not isinstance(v, str) and pd.isna(v)) else str(v) for v in row] for row in frame.itertuples(index=False)]
    return str(render_markup("chart_data_table.html.j2", caption=caption, header=[str(c) for c in frame.columns], rows=rows))


_AUTHOR_YEAR = re.compile(r"^(?P<author>[^,(]+),[^(]*\((?P<year>\d{4})\)")


def short_source(source: dict) -> str:
    """'Yu 2022, Table 10' from a dataset's source entry (title as cited, table as printed)."""
    match = _AUTHOR_YEAR.match(source["title"])
    who = f"{match['author'].strip()} {match['year']}" if match else source["title"]
    label = source.get("table_as_printed")
    return f"{who}, {label}" if label else who
