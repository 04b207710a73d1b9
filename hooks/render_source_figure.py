"""Render one figure of the China-UK slides: ``{{ source_figure("fig05") }}``.

The catalogue is ``data/china_uk/source_figures.csv`` (published by the pipeline
as generated/json/source_figures_catalogue.json). When the figure's aggregate
dataset exists in data/ (made from real exports by ``python -m
analysis.bibliometrics``), its chart is registered and shown. Otherwise the page
gets a note: the figure as the slides name it, what the study reports it
showed, and that it is not redrawn because its numbers are not published.
Never a chart from invented values. An unknown id fails the build.
"""
from __future__ import annotations

import json
from html import escape
from typing import Callable

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from analysis import paths

REPRODUCE_PAGE = "reproduce/pipeline/"
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


def _reproduce_url(page) -> str:
    target = REPRODUCE_PAGE if page.file.use_directory_urls else "reproduce/pipeline.html"
    return get_relative_url(target, page.file.url)


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
    how = (
        f'It can be redrawn from raw Web of Science and CSSCI exports with the <a href="{_reproduce_url(page)}">bibliometric pipeline</a>.'
        if chart
        else f'It illustrates the records rather than a series of numbers; the <a href="{_reproduce_url(page)}">bibliometric pipeline</a> lists the fields it reads.'
    )
    return f"""
<div class="admonition info irc-source-figure" id="source-{name}">
<p class="admonition-title">{label} of the slides is not reproduced here</p>
<p><strong>{label}</strong>: &ldquo;{caption}&rdquo;</p>
<p>What the study reports it showed: {_text(figure["showed"])}</p>
<p>The figure was an image and the slides publish none of its numbers, so this site does not redraw it. {how}</p>
</div>
"""
