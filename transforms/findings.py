"""Findings from the register (data/findings.csv) in pages, rendered by fragments/findings.py
with their links worked out for the page they are on.

    {{ finding("cu-relations") }}      one finding, by id
    {{ findings("china_uk") }}         every finding of a study (china_uk, korea_uk, both), in order
    {{ findings("headline:korea_uk") }}  the headline findings of a study
    {{ findings("glance") }}           one line per headline finding (the home page's first screen);
    {{ findings("glance:china_uk") }}  the same for one study
    {{ findings("all") }}              every finding, with the filter (the findings page)

The finding's permanent anchor, finding-<id>, and its cite box are on the findings page
only (docs/findings.md); elsewhere the finding links there. The first use in a build
checks every finding against the build's named values, artifacts and quotations and
stops the build naming the finding on any problem.
"""
from __future__ import annotations

from analysis import findings as register
from analysis import paths
from analysis.errors import SiteError
from analysis.site_urls import doc_url
from fragments import findings as finding_html
from fragments.quote import ALL_QUOTES_SRC
from transforms.cite import cite_box
from transforms.page import PageRef
from transforms.quotes import link, site_base

FINDINGS_SRC = "findings.md"
STUDIES = ("china_uk", "korea_uk", "both")


def _linker(build, page: PageRef):
    homes = build.findings["homes"]

    def to(kind: str, name: str) -> tuple[str, str]:
        if kind in ("chart", "table"):
            entry = build.manifest["artifacts"][name]
            home = homes.get(f"{kind}:{name}")
            if home is None:
                raise SiteError(f"findings: {kind} '{name}' is evidence for a finding but no page shows it")
            return link(page, home, f"{kind}-{name}"), entry.get("title", name)
        if kind == "quote":
            return link(page, ALL_QUOTES_SRC, f"q-{name}"), f"#{name}"
        if kind == "page":
            path, _, anchor = name.partition("#")
            if not (paths.DOCS / path).is_file():
                raise SiteError(f"findings: evidence names page '{path}', which is not in docs/")
            label = (anchor or path).replace("-", " ")
            return link(page, path, anchor), label[:1].upper() + label[1:]
        raise SiteError(f"findings: no link for evidence kind '{kind}'")

    return to


def _one(build, f: dict, page: PageRef, *, compact: bool = False) -> str:
    on_home = page.src_uri == FINDINGS_SRC
    element_id = f"finding-{f['id']}" if on_home and f["id"] not in page.finding_ids else None
    page.finding_ids.add(f["id"])
    absolute = site_base(page) + doc_url(FINDINGS_SRC, page.use_directory_urls) + f"#finding-{f['id']}"
    cite = ""
    if on_home:
        title = str(register.resolve(f["title"], build.values, f["id"]).striptags())
        cite = cite_box(build, page, anchor=f"finding-{f['id']}", title=title, kind="finding", url=absolute, within="Findings")
    try:
        html = finding_html.render(f, build.values, link=_linker(build, page), element_id=element_id,
                               permalink=link(page, FINDINGS_SRC, f"finding-{f['id']}"), cite_html=cite, compact=compact)
    except register.FindingError as exc:
        raise SiteError(f"{page.src_uri}: {exc}") from exc
    return f"\n\n{html}\n\n"


def render_finding(build, name: str, page: PageRef) -> str:
    f = build.findings["by_id"].get(name)
    if f is None:
        raise SiteError(f"{page.src_uri}: no finding with id '{name}' (ids are in data/findings.csv, column 'id')")
    return _one(build, f, page)


def render_findings(build, name: str, page: PageRef) -> str:
    every = build.findings["findings"]
    selection, _, study = name.partition(":")
    if selection == "glance":
        studies = [study] if study else list(STUDIES)
        if not set(studies) <= set(STUDIES):
            raise SiteError(f"{page.src_uri}: findings(\"{name}\"): unknown study '{study}'")
        chosen = [f for s in studies for f in every if f["study"] == s and f["headline"]]
        html = finding_html.render_glance(chosen, build.values, href=lambda f: link(page, FINDINGS_SRC, f"finding-{f['id']}"),
                                      show_study=not study)
        return f"\n\n{html}\n\n"
    if name == "all":
        chosen = [f for s in STUDIES for f in every if f["study"] == s]
    elif selection == "headline" and study in STUDIES:
        chosen = [f for f in every if f["study"] == study and f["headline"]]
    elif name in STUDIES:
        chosen = [f for f in every if f["study"] == name]
    else:
        raise SiteError(f"{page.src_uri}: findings(\"{name}\"): expected a study ({', '.join(STUDIES)}), headline:<study>, glance or all")
    if not chosen:
        raise SiteError(f"{page.src_uri}: findings(\"{name}\") selects no finding in data/findings.csv")
    return "".join(_one(build, f, page) for f in chosen)
