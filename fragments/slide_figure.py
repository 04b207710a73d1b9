"""One figure of the China-UK slides, ``{{ source_figure("fig05") }}``: its chart, or the line
that stands where it would be.

The catalogue is ``data/china_uk/source_figures.csv`` (published by the pipeline as
generated/json/source_figures_catalogue.json). When the figure's aggregate dataset
exists in data/ (made from real exports by ``python -m analysis.bibliometrics``), its
chart is registered and shown. Otherwise the page gets one muted line: the figure as
the slides name it, that it is not redrawn (linked to the data notes' table of why) and
what the study reports it showed. Never a chart from invented values. An unknown id
stops the build.
"""
from __future__ import annotations

from typing import Callable

from markupsafe import Markup

from analysis.errors import SiteError
from analysis.escape import escape_text as _text  # HTML, with Markdown and citation syntax neutralised
from analysis.site_urls import relative_url
from fragments import render

NOTES_PAGE = "datasets/notes/"


def render_not_redrawn(figure_id: str, label: str, showed: str, why_url: str) -> str:
    """The muted line that stands where a slide figure would be (source_figure.html.j2)."""
    return render("source_figure.html.j2", id=figure_id, label=label, showed=showed, why=why_url)

def _notes_url(file_url: str, use_directory_urls: bool) -> str:
    """The data notes' table of every figure not redrawn, and why."""
    target = NOTES_PAGE if use_directory_urls else "datasets/notes.html"
    return relative_url(target, file_url) + "#table-source_figures_not_redrawn"


def render_source_figure(name: str, *, src_uri: str, file_url: str, use_directory_urls: bool, catalogue: dict,
                         artifacts: dict, render_chart: Callable[[str], str]) -> str:
    figure = catalogue.get(name)
    if figure is None:
        raise SiteError(f"{src_uri}: no source figure '{name}' (ids: {', '.join(sorted(catalogue))}; see data/china_uk/source_figures.csv)")
    label, caption = _text(figure["label_as_printed"]), _text(figure["caption_as_printed"])
    chart = figure.get("chart")
    if chart and artifacts.get(chart, {}).get("kind") == "chart":
        return (
            f'\n<p class="irc-source-figure__note" id="source-{name}">Reproduction of the slides\' {label} '
            f"(&ldquo;{caption}&rdquo;) from raw exports; the slides themselves publish no numbers for it.</p>\n"
            + render_chart(chart)
        )
    # Markup: _text has escaped HTML and the characters Markdown or the citation transform would read.
    return "\n" + render_not_redrawn(name, Markup(label), Markup(_text(figure["showed"])), _notes_url(file_url, use_directory_urls)) + "\n"
