"""MkDocs hook: run the analysis before each build and let pages include its output.

A page names an artifact with one syntax, ``{{ KIND("NAME") }}``:

    {{ value("records_ssci_7") }}      a named number from the data, as text
    {{ chart("bibliometric_record_counts") }}   a figure: static SVG, caption, downloads
    {{ table("bibliometric_datasets_table") }}  a markdown table with caption and CSV link

An unknown kind or name stops the build with the page and the name. Text inside
code spans and fenced code blocks is left alone, so pages can show the syntax.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.escape import escape_html as escape  # noqa: E402  (the one escaping rule; needs ROOT on sys.path)

from analysis import paths  # noqa: E402  (needs ROOT on sys.path)
from hooks.glossary import render_glossary  # noqa: E402  (glossary page, from data/glossary.csv)
from hooks.cite import cite_box, render_citation  # noqa: E402  ("Cite this" boxes, citation.yaml blocks)
from hooks.render_quote import render_quote  # noqa: E402  (interview quotations, from data/quotes/quotes.csv)
from hooks.render_source_figure import render_source_figure  # noqa: E402  (slides' Figures 1-16)
from hooks.render_finding import render_finding, render_findings  # noqa: E402  (findings register, data/findings.csv)
from fragments.chart import ChartFrame, Picture, TableFrame, render_chart_frame  # noqa: E402  (page fragments from templates)
from fragments.table import read_grid, render_table_frame  # noqa: E402

INCLUDE = re.compile(r"\{\{\s*(\w+)\(\s*\"([^\"]*)\"\s*\)\s*\}\}")
# Fenced blocks and inline code spans are copied through untouched.
CODE = re.compile(r"(^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ \t]*$|`[^`\n]+`)", re.MULTILINE | re.DOTALL)

# Site paths of the generated folders (generated/<key> -> site/<value>).
PUBLISHED = {"charts": "charts", "tables": "tables", "json": "json", "assets": "assets/javascripts"}

_state: dict = {}


def _git(*args: str) -> tuple[str, str]:
    """git's output, or "" and why git could not answer (its own first line of error)."""
    try:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    except OSError as exc:
        return "", f"git cannot run: {exc.strerror or exc}"
    if proc.returncode != 0 or not proc.stdout.strip():
        return "", (proc.stderr.strip().splitlines() or [f"git {' '.join(args)} printed nothing"])[0]
    return proc.stdout.strip(), ""


def _commit_epoch() -> str | None:
    """The commit's time for SOURCE_DATE_EPOCH. A checkout git cannot read (git missing, or
    refusing a checkout owned by another user) stops the build: its pages would be dated 1970."""
    epoch, problem = _git("log", "-1", "--format=%ct")
    if epoch:
        return epoch
    if (ROOT / ".git").exists():
        raise PluginError(
            f"page dates: git cannot read the checkout at {ROOT}: {problem}. "
            f"If git names dubious ownership, run: git config --global --add safe.directory {ROOT} ; "
            "or set SOURCE_DATE_EPOCH to build without the history."
        )
    # A source archive (git archive, GitHub's zip): the commit's time is in .git_archival.txt.
    from scholarly.version import ARCHIVAL_FILE, parse_archival

    archival = ROOT / ARCHIVAL_FILE
    info = parse_archival(archival.read_text(encoding="utf-8")) if archival.is_file() else {}
    if info.get("node-date"):
        from datetime import datetime

        return str(int(datetime.fromisoformat(info["node-date"]).timestamp()))
    print(f"WARNING -  page dates: {ROOT} is not a git checkout ({problem}) and {ARCHIVAL_FILE} is not expanded; "
          "this is a development build, dated by the clock", file=sys.stderr)
    return None


def on_config(config):
    # Dates in the build come from the commit, not the clock: two builds of one
    # commit give the same bytes (MkDocs reads SOURCE_DATE_EPOCH for its dates).
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := _commit_epoch()):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    from analysis.datasets import DataError
    from analysis.pipeline import ArtifactError, build

    # The notebook pages' kernels run in a second process while the analysis runs here
    # (hooks/notebook_prerender.py); they only read analysis/ code and test fixtures.
    _key_notebook_cache(config)
    _state["notebook_job"] = _start_notebooks(config)
    try:
        manifest = build(log=lambda msg: print(f"INFO    -  {msg}"))
    except (DataError, ArtifactError) as exc:
        _finish_notebooks()
        raise PluginError(f"analysis failed:\n{exc}") from exc
    except OSError as exc:  # e.g. a read-only generated/: say which file and why, not a traceback
        _finish_notebooks()
        raise PluginError(f"analysis failed: cannot write {exc.filename or paths.GENERATED}: {exc.strerror or exc}") from exc
    values_path = paths.GENERATED / manifest["values_file"]
    _state["manifest"] = manifest
    _state["values"] = json.loads(values_path.read_text(encoding="utf-8"))
    return config


def _key_notebook_cache(config) -> None:
    """Point mkdocs-jupyter's own cache at a folder named by everything a notebook
    page runs: the notebooks, the analysis code, its fixtures and the lock. The plugin
    keys its cache on the notebook file alone, which would serve stale output after
    a change to the code the notebook calls."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        return
    import hashlib

    inputs = sorted(
        [*paths.DOCS.rglob("*.ipynb"), *paths.ANALYSIS.rglob("*.py"), *(ROOT / "tests" / "fixtures" / "bibliometrics").rglob("*"), ROOT / "uv.lock"]
    )
    digest = hashlib.sha256()
    for path in inputs:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    base = paths.GENERATED / "notebook-cache"
    key = digest.hexdigest()[:16]
    for old in base.glob("*") if base.exists() else []:
        if old.name != key:
            import shutil

            shutil.rmtree(old, ignore_errors=True)
    plugin.config["cache"] = True
    plugin.config["cache_dir"] = str(base / key)


def _start_notebooks(config):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["cache"]:
        return None
    from hooks import notebook_prerender

    return notebook_prerender.start(plugin, sorted(paths.DOCS.rglob("*.ipynb")))


def _finish_notebooks() -> None:
    """Wait for the notebook process. If it failed, mkdocs-jupyter finds no cache entry
    and runs the notebook itself, reporting any error in the notebook as usual."""
    job = _state.pop("notebook_job", None)
    if job is None:
        return
    _, stderr = job.communicate()
    if job.returncode != 0:
        tail = (stderr or "").strip().splitlines()[-1:] or ["(no message)"]
        print(f"INFO    -  notebook pre-render exited {job.returncode} ({tail[0]}); mkdocs-jupyter runs it instead")


def on_pre_page(page, config, files):
    # mkdocs-jupyter reads its cache when it renders the page, after this event.
    if page.file.src_uri.endswith(".ipynb"):
        _finish_notebooks()
    return page


def on_post_build(config):
    _finish_notebooks()


def on_build_error(error):
    job = _state.pop("notebook_job", None)
    if job is not None:
        job.kill()
        job.communicate()


def on_files(files: Files, config) -> Files:
    for folder, site_prefix in PUBLISHED.items():
        base = paths.GENERATED / folder
        for path in sorted(base.rglob("*")) if base.exists() else []:
            # Markdown and HTML fragments are included into pages, not published.
            if path.is_file() and path.suffix not in {".md", ".html"}:
                rel = path.relative_to(base).as_posix()
                files.append(File.generated(config, f"{site_prefix}/{rel}", abs_src_path=str(path)))
    # Every dataset (CSV and its metadata) is downloadable at data/<folder>/<file>.
    for path in sorted(paths.DATA.rglob("*")):
        rel = path.relative_to(paths.DATA)
        if path.is_file() and "raw" not in rel.parts and path.suffix in {".csv", ".yaml"}:
            files.append(File.generated(config, f"data/{rel.as_posix()}", abs_src_path=str(path)))
    return files


def on_serve(server, config, builder):
    for folder in (paths.DATA, paths.ANALYSIS):
        server.watch(str(folder))
    return server


def on_page_markdown(markdown: str, page, config, files) -> str:
    pieces = CODE.split(markdown)
    out = []
    # re.split with groups interleaves: text, code, fence-name, text, code, ...
    i = 0
    while i < len(pieces):
        out.append(_substitute(pieces[i], page))
        if i + 1 < len(pieces):
            out.append(pieces[i + 1])
        i += 3
    return "".join(out)


def _substitute(text: str, page) -> str:
    def replace(match: re.Match) -> str:
        kind, name = match.group(1), match.group(2)
        renderer = RENDERERS.get(kind)
        if renderer is None:
            raise PluginError(f"{page.file.src_uri}: unknown include kind '{kind}' in {match.group(0)} (known: {', '.join(sorted(RENDERERS))})")
        return renderer(name, page)

    # Anything else that opens or closes like an include is a typo ({{ chart('x') }}, a lost
    # brace): it would be published as literal text. The page's own text only: what the
    # renderers return is never read for includes.
    for line in text.splitlines():
        rest = INCLUDE.sub("", line)
        if "{{" in rest or "}}" in rest:
            raise PluginError(
                f"docs/{page.file.src_uri}: '{line.strip()[:120]}' is not an include; write {{{{ KIND(\"NAME\") }}}} "
                f"with double quotes and both pairs of braces, or put it in `code` to show the syntax"
            )
    return INCLUDE.sub(replace, text)


def _artifact(kind: str, name: str, page) -> dict:
    entry = _state["manifest"]["artifacts"].get(name)
    if entry is None or entry["kind"] != kind:
        raise PluginError(f"{page.file.src_uri}: no {kind} named '{name}' (see analysis/pipeline.py TOPICS and the registry)")
    return entry


def _url(page, generated_rel: str) -> str:
    folder, rest = generated_rel.split("/", 1)
    return get_relative_url(f"{PUBLISHED[folder]}/{rest}", page.file.url)


def _data_url(page, data_rel: str) -> str:
    return get_relative_url(data_rel, page.file.url)


def render_value(name: str, page) -> str:
    value = _state["values"].get(name)
    if value is None:
        raise PluginError(f"{page.file.src_uri}: no value named '{name}' (values come from @values functions in analysis/)")
    return escape(value["text"])


def _provenance(entry: dict, page) -> str:
    data = ", ".join(f'<a href="{_data_url(page, d)}">{escape(d.rsplit("/", 1)[-1])}</a>' for d in entry["data"])
    return (
        f'<span class="irc-provenance" data-search-exclude>Source: {escape("; ".join(entry["sources"]))}. '
        f"Data: {data}. Made by <code>{escape(entry['origin'])}</code>.</span>"
    )


def _next_number(page, kind: str) -> int:
    """Figures and tables are numbered per page, in the order the page includes them."""
    counts = page.__dict__.setdefault("_irc_numbers", {})
    counts[kind] = counts.get(kind, 0) + 1
    return counts[kind]


def render_chart(name: str, page) -> str:
    entry = _artifact("chart", name, page)
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
        data_links=[(_data_url(page, d), d.rsplit("/", 1)[-1]) for d in entry["data"]],
        origin=entry["origin"],
        light=picture("light"),
        dark=picture("dark"),
        narrow_max_viewport=entry["narrow_max_viewport"],
        spec=_url(page, f["spec"]),
        spec_narrow=_url(page, f["spec_narrow"]),
        bundle=_url(page, _state["manifest"]["vega_bundle"]),
        downloads=[(_url(page, f[key]), label) for key, label in (
            ("csv", "Data (CSV)"), ("svg", "Image (SVG)"), ("png", "Image (PNG)"), ("spec", "Vega-Lite specification (JSON)"))],
        table_html=(paths.GENERATED / f["table_html"]).read_text(encoding="utf-8"),
        cite_html=cite_box(page, None, anchor=anchor, title=entry["title"], kind="chart"),
    )) + "\n"


def render_table(name: str, page) -> str:
    entry = _artifact("table", name, page)
    anchor = f"table-{name}"
    frame = TableFrame(
        anchor=anchor,
        number=_next_number(page, "table"),
        title=entry["title"],
        caption=entry["caption"],
        source_short=entry["source_short"],
        sources=entry["sources"],
        data_links=[(_data_url(page, d), d.rsplit("/", 1)[-1]) for d in entry["data"]],
        origin=entry["origin"],
        csv=_url(page, entry["files"]["csv"]),
        cite_html=cite_box(page, None, anchor=anchor, title=entry["title"], kind="table"),
    )
    # HTML from the table's CSV (every cell escaped by the template), not Markdown:
    # each cell carries its column name so that rows stack on a phone.
    return "\n" + render_table_frame(frame, read_grid(paths.GENERATED / entry["files"]["csv"])) + "\n"


RENDERERS = {
    "value": render_value,
    "chart": render_chart,
    "table": render_table,
    "glossary": render_glossary,
    "citation": render_citation,
    "quote": render_quote,
    "source_figure": lambda name, page: render_source_figure(name, page, render_chart),
    "finding": render_finding,
    "findings": render_findings,
}
