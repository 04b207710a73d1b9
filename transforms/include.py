"""Pages include the pipeline's output by name, with one syntax, ``{{ KIND("NAME") }}``:

    {{ value("records_ssci_7") }}      a named number from the data, as text
    {{ chart("bibliometric_record_counts") }}   a figure: static SVG, caption, downloads
    {{ table("bibliometric_datasets_table") }}  a table with caption and CSV link

and quotations, findings, slide figures, the glossary and citation blocks (``RENDERERS``).
An unknown kind or name stops the build with the page and the name. Text inside code
spans and fenced code blocks is left alone, so pages can show the syntax.
"""
from __future__ import annotations

import re

from analysis import paths
from analysis.errors import SiteError
from analysis.escape import escape_html as escape  # the one escaping rule
from analysis.site_urls import relative_url
from fragments.chart import ChartFrame, Picture, TableFrame, render_chart_frame
from fragments.slide_figure import render_source_figure
from fragments.table import read_grid, render_table_frame
from transforms import findings, quotes
from transforms.build import SiteBuild
from transforms.cite import cite_box, render_citation
from transforms.glossary import render_glossary
from transforms.page import PageRef

INCLUDE = re.compile(r"\{\{\s*(\w+)\(\s*\"([^\"]*)\"\s*\)\s*\}\}")
# Fenced blocks and inline code spans are copied through untouched.
CODE = re.compile(r"(^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ \t]*$|`[^`\n]+`)", re.MULTILINE | re.DOTALL)

# Site paths of the generated folders (generated/<key> -> site/<value>).
PUBLISHED = {"charts": "charts", "tables": "tables", "json": "json", "assets": "assets/javascripts"}


def published_files() -> list[tuple[str, str]]:
    """(site path, file) of every generated file and dataset the site publishes as it is."""
    out = []
    for folder, site_prefix in PUBLISHED.items():
        base = paths.GENERATED / folder
        for path in sorted(base.rglob("*")) if base.exists() else []:
            # Markdown and HTML fragments are included into pages, not published.
            if path.is_file() and path.suffix not in {".md", ".html"}:
                out.append((f"{site_prefix}/{path.relative_to(base).as_posix()}", str(path)))
    # Every dataset (CSV and its metadata) is downloadable at data/<folder>/<file>.
    for path in sorted(paths.DATA.rglob("*")):
        rel = path.relative_to(paths.DATA)
        if path.is_file() and "raw" not in rel.parts and path.suffix in {".csv", ".yaml"}:
            out.append((f"data/{rel.as_posix()}", str(path)))
    return out


def expand(markdown: str, build: SiteBuild, page: PageRef) -> str:
    """The page's Markdown with every include replaced by what it names."""
    pieces = CODE.split(markdown)
    out = []
    # re.split with groups interleaves: text, code, fence-name, text, code, ...
    i = 0
    while i < len(pieces):
        out.append(_substitute(pieces[i], build, page))
        if i + 1 < len(pieces):
            out.append(pieces[i + 1])
        i += 3
    return "".join(out)


def _substitute(text: str, build: SiteBuild, page: PageRef) -> str:
    def replace(match: re.Match) -> str:
        kind, name = match.group(1), match.group(2)
        renderer = RENDERERS.get(kind)
        if renderer is None:
            raise SiteError(f"{page.src_uri}: unknown include kind '{kind}' in {match.group(0)} (known: {', '.join(sorted(RENDERERS))})")
        return renderer(build, name, page)

    # Anything else that opens or closes like an include is a typo ({{ chart('x') }}, a lost
    # brace): it would be published as literal text. The page's own text only: what the
    # renderers return is never read for includes.
    for line in text.splitlines():
        rest = INCLUDE.sub("", line)
        if "{{" in rest or "}}" in rest:
            raise SiteError(
                f"docs/{page.src_uri}: '{line.strip()[:120]}' is not an include; write {{{{ KIND(\"NAME\") }}}} "
                f"with double quotes and both pairs of braces, or put it in `code` to show the syntax"
            )
    return INCLUDE.sub(replace, text)


def _artifact(build: SiteBuild, kind: str, name: str, page: PageRef) -> dict:
    entry = build.manifest["artifacts"].get(name)
    if entry is None or entry["kind"] != kind:
        raise SiteError(f"{page.src_uri}: no {kind} named '{name}' (see analysis/pipeline.py TOPICS and the registry)")
    return entry


def _url(page: PageRef, generated_rel: str) -> str:
    folder, rest = generated_rel.split("/", 1)
    return relative_url(f"{PUBLISHED[folder]}/{rest}", page.file_url)


def render_value(build: SiteBuild, name: str, page: PageRef) -> str:
    value = build.values.get(name)
    if value is None:
        raise SiteError(f"{page.src_uri}: no value named '{name}' (values come from @values functions in analysis/)")
    return escape(value["text"])


def _next_number(page: PageRef, kind: str) -> int:
    """Figures and tables are numbered per page, in the order the page includes them."""
    page.numbers[kind] = page.numbers.get(kind, 0) + 1
    return page.numbers[kind]


def render_chart(build: SiteBuild, name: str, page: PageRef) -> str:
    entry = _artifact(build, "chart", name, page)
    f = entry["files"]
    anchor = f"chart-{name}"

    def picture(scheme: str) -> Picture:
        return Picture(
            _url(page, f[f"svg_{scheme}"]), _url(page, f[f"svg_narrow_{scheme}"]),
            entry["width"], entry["height"], entry["narrow_width"], entry["narrow_height"],
        )

    return "\n" + render_chart_frame(ChartFrame(
        anchor=anchor,
        number=_next_number(page, "figure"),
        title=entry["title"],
        caption=entry["caption"],
        alt=entry["alt"],
        source_short=entry["source_short"],
        sources=entry["sources"],
        data_links=[(relative_url(d, page.file_url), d.rsplit("/", 1)[-1]) for d in entry["data"]],
        origin=entry["origin"],
        light=picture("light"),
        dark=picture("dark"),
        narrow_max_viewport=entry["narrow_max_viewport"],
        spec=_url(page, f["spec"]),
        spec_narrow=_url(page, f["spec_narrow"]),
        bundle=_url(page, build.manifest["vega_bundle"]),
        downloads=[(_url(page, f[key]), label) for key, label in (
            ("csv", "Data (CSV)"), ("svg", "Image (SVG)"), ("png", "Image (PNG)"), ("spec", "Vega-Lite specification (JSON)"))],
        table_html=(paths.GENERATED / f["table_html"]).read_text(encoding="utf-8"),
        cite_html=cite_box(build, page, anchor=anchor, title=entry["title"], kind="chart"),
    )) + "\n"


def render_table(build: SiteBuild, name: str, page: PageRef) -> str:
    entry = _artifact(build, "table", name, page)
    anchor = f"table-{name}"
    frame = TableFrame(
        anchor=anchor,
        number=_next_number(page, "table"),
        title=entry["title"],
        caption=entry["caption"],
        source_short=entry["source_short"],
        sources=entry["sources"],
        data_links=[(relative_url(d, page.file_url), d.rsplit("/", 1)[-1]) for d in entry["data"]],
        origin=entry["origin"],
        csv=_url(page, entry["files"]["csv"]),
        cite_html=cite_box(build, page, anchor=anchor, title=entry["title"], kind="table"),
    )
    # HTML from the table's CSV (every cell escaped by the template), not Markdown:
    # each cell carries its column name so that rows stack on a phone.
    return "\n" + render_table_frame(frame, read_grid(paths.GENERATED / entry["files"]["csv"])) + "\n"


RENDERERS = {
    "value": render_value,
    "chart": render_chart,
    "table": render_table,
    "glossary": lambda build, name, page: render_glossary(name, page.src_uri, build.glossary_terms),
    "citation": render_citation,
    "quote": quotes.render_quote,
    "source_figure": lambda build, name, page: render_source_figure(
        name, src_uri=page.src_uri, file_url=page.file_url, use_directory_urls=page.use_directory_urls,
        catalogue=build.artifact_json("source_figures_catalogue", "source_figure"), artifacts=build.manifest["artifacts"],
        render_chart=lambda chart: render_chart(build, chart, page)),
    "finding": findings.render_finding,
    "findings": findings.render_findings,
}
