"""The frame of a chart (as Our World in Data frames one) and of a generated table."""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from fragments import render

# The end of the first sentence of a caption: its subtitle.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)%])\.(?=\s+[A-Z(])")


def subtitle(caption: str) -> str:
    """The caption's first sentence, shown under the title; the whole caption is under Sources."""
    parts = _SENTENCE_END.split(caption.strip(), maxsplit=1)
    first = parts[0].strip()
    return first if first.endswith(".") else first + "."


@dataclass
class Picture:
    """One scheme's static drawing: the wide SVG and the phone one."""

    wide: str
    narrow: str
    width: int
    height: int
    narrow_width: int
    narrow_height: int


@dataclass
class ChartFrame:
    anchor: str  # the figure's id, e.g. "chart-funding_agencies_by_country"
    number: int  # figure number on its page
    title: str
    caption: str
    alt: str
    source_short: str  # "Yu 2022, Table 10"
    sources: list[str]
    data_links: list[tuple[str, str]]  # (href, file name)
    origin: str  # analysis/<module>.py:<function>
    light: Picture
    dark: Picture
    narrow_max_viewport: int
    spec: str
    spec_narrow: str
    bundle: str
    downloads: list[tuple[str, str]]  # (href, label)
    table_html: str  # made by analysis/render.html_table, escaped there
    cite_html: str  # made by transforms/cite.cite_box


def open_cite_box(cite_html: str) -> Markup:
    """The cite box open inside its tab: the tab is the disclosure, the box needs no second one.

    transforms/cite.py makes a closed <details>; docs/javascripts/cite.js loads its formats
    when the Cite tab is chosen (a box in a hidden tab fires no request).
    """
    start = cite_html.find('<details class="irc-cite"')
    if start < 0:
        raise ValueError("cite box without its <details class=\"irc-cite\"> (transforms/cite.py changed?)")
    end = cite_html.index(">", start)
    # " open" last in the tag: transforms/print_fixes.py reads the tag's attributes in its order for the print page.
    return Markup(cite_html[:end] + " open" + cite_html[end:])


def render_chart_frame(frame: ChartFrame) -> str:
    return render(
        "chart_frame.html.j2",
        f=frame,
        subtitle=subtitle(frame.caption),
        table=Markup(frame.table_html),
        cite=open_cite_box(frame.cite_html),
        tabs=["Chart", "Table", "Sources", "Download", "Cite"],
    )


@dataclass
class TableFrame:
    anchor: str
    number: int
    title: str
    caption: str
    source_short: str
    sources: list[str]
    data_links: list[tuple[str, str]]
    origin: str
    csv: str
    cite_html: str
