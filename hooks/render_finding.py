"""Render findings from the register (data/findings.csv) into pages.

    {{ finding("cu-relations") }}      one finding, by id
    {{ findings("china_uk") }}         every finding of a study (china_uk, korea_uk, both), in order
    {{ findings("headline:korea_uk") }}  the headline findings of a study
    {{ findings("glance") }}           one line per headline finding (the home page's first screen);
    {{ findings("glance:china_uk") }}  the same for one study
    {{ findings("all") }}              every finding, with the filter (the findings page)

The finding's permanent anchor, finding-<id>, and its cite box are on the findings page
only (docs/findings.md); elsewhere the finding links there. The first call of a build
checks every finding against the build's named values, artifacts and quotations
(analysis/findings.py) and stops the build naming the finding on any problem.
"""
from __future__ import annotations

import json
import re

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from analysis import findings as register
from analysis import paths
from hooks.cite import cite_box
from hooks.render_quote import ALL_QUOTES_SRC, doc_url

FINDINGS_SRC = "findings.md"
STUDIES = ("china_uk", "korea_uk", "both")
_INCLUDE = re.compile(r"\{\{\s*(chart|table)\(\s*\"([^\"]*)\"\s*\)\s*\}\}")
_cache: dict = {}


def _state() -> dict:
    """This build's findings, values and artifacts, read from generated/manifest.json once per build."""
    stat = paths.MANIFEST.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    if _cache.get("key") == key:
        return _cache["state"]
    manifest = json.loads(paths.MANIFEST.read_text(encoding="utf-8"))
    artifacts = manifest["artifacts"]
    if "findings" not in artifacts:
        raise PluginError("findings: no JSON artifact named 'findings' (is analysis.findings listed in TOPICS?)")
    values = json.loads((paths.GENERATED / manifest["values_file"]).read_text(encoding="utf-8"))
    found = json.loads((paths.GENERATED / artifacts["findings"]["files"]["json"]).read_text(encoding="utf-8"))["findings"]
    for f in found:
        f["evidence"] = [tuple(item) for item in f["evidence"]]
    quotes = json.loads((paths.GENERATED / artifacts["quotes"]["files"]["json"]).read_text(encoding="utf-8"))["quotes"]
    try:
        register.check(found, values=values, quote_ids={q["id"] for q in quotes},
                       artifacts={name: entry["kind"] for name, entry in artifacts.items()})
    except register.FindingError as exc:
        raise PluginError(str(exc)) from exc
    state = {
        "findings": found,
        "by_id": {f["id"]: f for f in found},
        "values": values,
        "artifacts": artifacts,
        "homes": _artifact_homes(),
    }
    _cache.update(key=key, state=state)
    return state


def _artifact_homes() -> dict[str, str]:
    """Chart or table name -> the first page (src_uri) that includes it."""
    homes: dict[str, str] = {}
    for path in sorted(paths.DOCS.rglob("*.md")):
        src = path.relative_to(paths.DOCS).as_posix()
        for kind, name in _INCLUDE.findall(path.read_text(encoding="utf-8")):
            homes.setdefault(f"{kind}:{name}", src)
    return homes


def _rel(page, src_uri: str, anchor: str = "") -> str:
    url = get_relative_url(doc_url(src_uri, page.file.use_directory_urls), page.file.url)
    return url + (f"#{anchor}" if anchor else "")


def _linker(page, state: dict):
    def link(kind: str, name: str) -> tuple[str, str]:
        if kind in ("chart", "table"):
            entry = state["artifacts"][name]
            home = state["homes"].get(f"{kind}:{name}")
            if home is None:
                raise PluginError(f"findings: {kind} '{name}' is evidence for a finding but no page shows it")
            return _rel(page, home, f"{kind}-{name}"), entry.get("title", name)
        if kind == "quote":
            return _rel(page, ALL_QUOTES_SRC, f"q-{name}"), f"#{name}"
        if kind == "page":
            path, _, anchor = name.partition("#")
            if not (paths.DOCS / path).is_file():
                raise PluginError(f"findings: evidence names page '{path}', which is not in docs/")
            label = (anchor or path).replace("-", " ")
            return _rel(page, path, anchor), label[:1].upper() + label[1:]
        raise PluginError(f"findings: no link for evidence kind '{kind}'")

    return link


def _site_base(page) -> str:
    canonical = page.canonical_url or ""
    if canonical and page.url and canonical.endswith(page.url):
        return canonical[: -len(page.url)]
    return canonical


def _one(f: dict, page, state: dict, *, compact: bool = False) -> str:
    on_home = page.file.src_uri == FINDINGS_SRC
    used = page.__dict__.setdefault("_irc_finding_ids", set())
    element_id = f"finding-{f['id']}" if on_home and f["id"] not in used else None
    used.add(f["id"])
    absolute = _site_base(page) + doc_url(FINDINGS_SRC, page.file.use_directory_urls) + f"#finding-{f['id']}"
    cite = ""
    if on_home:
        title = str(register.resolve(f["title"], state["values"], f["id"]).striptags())
        cite = cite_box(page, None, anchor=f"finding-{f['id']}", title=title, kind="finding", url=absolute, within="Findings")
    try:
        html = register.render(f, state["values"], link=_linker(page, state), element_id=element_id,
                               permalink=_rel(page, FINDINGS_SRC, f"finding-{f['id']}"), cite_html=cite, compact=compact)
    except register.FindingError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc
    return f"\n\n{html}\n\n"


def render_finding(name: str, page) -> str:
    state = _state()
    f = state["by_id"].get(name)
    if f is None:
        raise PluginError(f"{page.file.src_uri}: no finding with id '{name}' (ids are in data/findings.csv, column 'id')")
    return _one(f, page, state)


def render_findings(name: str, page) -> str:
    state = _state()
    selection, _, study = name.partition(":")
    if selection == "glance":
        studies = [study] if study else list(STUDIES)
        if not set(studies) <= set(STUDIES):
            raise PluginError(f"{page.file.src_uri}: findings(\"{name}\"): unknown study '{study}'")
        chosen = [f for s in studies for f in state["findings"] if f["study"] == s and f["headline"]]
        html = register.render_glance(chosen, state["values"], href=lambda f: _rel(page, FINDINGS_SRC, f"finding-{f['id']}"),
                                      show_study=not study)
        return f"\n\n{html}\n\n"
    if name == "all":
        chosen = [f for s in STUDIES for f in state["findings"] if f["study"] == s]
    elif selection == "headline" and study in STUDIES:
        chosen = [f for f in state["findings"] if f["study"] == study and f["headline"]]
    elif name in STUDIES:
        chosen = [f for f in state["findings"] if f["study"] == name]
    else:
        raise PluginError(f"{page.file.src_uri}: findings(\"{name}\"): expected a study ({', '.join(STUDIES)}), headline:<study>, glance or all")
    if not chosen:
        raise PluginError(f"{page.file.src_uri}: findings(\"{name}\") selects no finding in data/findings.csv")
    return "".join(_one(f, page, state) for f in chosen)
