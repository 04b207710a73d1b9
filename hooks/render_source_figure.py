"""Render one figure of the China-UK slides: ``{{ source_figure("fig05") }}``.

The catalogue is ``data/china_uk/source_figures.csv`` (published by the pipeline
as generated/json/source_figures_catalogue.json). When the figure's aggregate
dataset exists in data/ (made from real exports by ``python -m
analysis.bibliometrics``), its chart is registered and shown. Otherwise the page
gets one muted line: the figure as the slides name it, that it is not redrawn
(linked to the data notes' table of why) and what the study reports it showed.
Never a chart from invented values. An unknown id fails the build.
"""
from __future__ import annotations

import json
from html import escape
from typing import Callable

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from analysis import paths
from fragments.source_figure import render_not_redrawn

NOTES_PAGE = "datasets/notes/"
# Characters Markdown, pymdownx or the citation hook ("@key") would read as syntax.
_MARKUP = {c: f"&#{ord(c)};" for c in "[]*_`@{}\\|~^"}


def _text(value: str) -> str:
    return "".join(_MARKUP.get(ch, ch) for ch in escape(" ".join(str(value).split()), quote=True))


def _catalogue() -> tuple[dict, dict]:
    # Read from disk: hooks/include.py's on_config has just written the manifest
    # (importing hooks.include here would give a second module with empty state).
    manifest = json.loads(paths.MANIFEST.read_text(encoding="utf-8"))
    entry = manifest["artifacts"].get("source_figures_catalogue")
    if entry is None:
        raise PluginError("source_figure: the artifact 'source_figures_catalogue' is missing (analysis.china_uk.source_figures not in TOPICS?)")
    catalogue = json.loads((paths.GENERATED / entry["files"]["json"]).read_text(encoding="utf-8"))
    return catalogue, manifest["artifacts"]


def _notes_url(page) -> str:
    """The data notes' table of every figure not redrawn, and why."""
    target = NOTES_PAGE if page.file.use_directory_urls else "datasets/notes.html"
    return get_relative_url(target, page.file.url) + "#table-source_figures_not_redrawn"


def render_source_figure(name: str, page, render_chart: Callable[[str, object], str]) -> str:
    catalogue, artifacts = _catalogue()
    figure = catalogue.get(name)
    if figure is None:
        raise PluginError(f"{page.file.src_uri}: no source figure '{name}' (ids: {', '.join(sorted(catalogue))}; see data/china_uk/source_figures.csv)")
    label, caption = _text(figure["label_as_printed"]), _text(figure["caption_as_printed"])
    chart = figure.get("chart")
    if chart and artifacts.get(chart, {}).get("kind") == "chart":
        return (
            f'\n<p class="irc-source-figure__note" id="source-{name}">Reproduction of the slides\' {label} '
            f"(&ldquo;{caption}&rdquo;) from raw exports; the slides themselves publish no numbers for it.</p>\n"
            + render_chart(chart, page)
        )
    # Markup: _text has escaped HTML and the characters Markdown or the citation hook would read.
    return "\n" + render_not_redrawn(name, Markup(label), Markup(_text(figure["showed"])), _notes_url(page)) + "\n"
