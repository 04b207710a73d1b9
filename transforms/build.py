"""One build's state, shared by the transforms: made fresh for every build (a rebuild of a
served site starts from nothing), read from what the pipeline has just written."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from analysis import paths
from analysis import findings as register
from analysis.errors import SiteError
from transforms.page import PageRef


@dataclass
class SiteBuild:
    manifest: dict  # generated/manifest.json, as the pipeline returned it
    site_url: str = ""
    site_name: str = ""
    use_directory_urls: bool = True
    citations: dict = field(default_factory=dict)  # src_uri -> {anchor: citation record} (compact cite boxes)
    print_keys: dict = field(default_factory=dict)  # print-page key -> that page's citations.html
    pages: dict = field(default_factory=dict)  # src_uri -> PageRef
    inline_css: object = None  # the site's stylesheet, minified and read once (transforms/assets.py Stylesheet)

    def page(self, src_uri: str, file_url: str) -> PageRef:
        """The build's record of one page, made on first use."""
        ref = self.pages.get(src_uri)
        if ref is None:
            ref = self.pages[src_uri] = PageRef(src_uri, file_url, self.use_directory_urls)
        return ref

    def artifact_json(self, name: str, who: str) -> dict:
        entry = self.manifest["artifacts"].get(name)
        if entry is None or entry.get("kind") != "json":
            raise SiteError(f"{who}: no JSON artifact named '{name}' (is its module listed in analysis/pipeline.py TOPICS?)")
        return json.loads((paths.GENERATED / entry["files"]["json"]).read_text(encoding="utf-8"))

    @cached_property
    def values(self) -> dict:
        return json.loads((paths.GENERATED / self.manifest["values_file"]).read_text(encoding="utf-8"))

    @cached_property
    def site(self):
        """citation.yaml and the build's version (scholarly/), read once per build."""
        from scholarly import metadata

        return metadata.site(self.site_url)

    @cached_property
    def related(self) -> dict:
        """citation.yaml's related works by id (the studies quotations credit)."""
        return {r["id"]: r for r in self.site.meta.get("related", [])}

    @cached_property
    def bibliography(self):
        from transforms.bibliography import Bibliography

        return Bibliography.load()

    @cached_property
    def glossary_terms(self) -> list:
        from transforms.glossary import terms_from_generated

        return terms_from_generated()

    @cached_property
    def quote_bank(self) -> dict:
        """The quote records and coding frames of this build, indexed by id."""
        data = self.artifact_json("quotes", "quote")
        data["by_id"] = {q["id"]: q for q in data["quotes"]}
        return data

    @cached_property
    def findings(self) -> dict:
        return load_findings(self)


# A page's chart and table includes, to find where each finding's evidence is shown.
_INCLUDE = re.compile(r"\{\{\s*(chart|table)\(\s*\"([^\"]*)\"\s*\)\s*\}\}")


def load_findings(build) -> dict:
    """This build's findings, checked against its values, artifacts and quotations."""
    artifacts = build.manifest["artifacts"]
    if "findings" not in artifacts:
        raise SiteError("findings: no JSON artifact named 'findings' (is analysis.findings listed in TOPICS?)")
    found = build.artifact_json("findings", "findings")["findings"]
    for f in found:
        f["evidence"] = [tuple(item) for item in f["evidence"]]
    try:
        register.check(found, values=build.values, quote_ids=set(build.quote_bank["by_id"]),
                       artifacts={name: entry["kind"] for name, entry in artifacts.items()})
    except register.FindingError as exc:
        raise SiteError(str(exc)) from exc
    return {"findings": found, "by_id": {f["id"]: f for f in found}, "homes": _artifact_homes()}


def _artifact_homes() -> dict[str, str]:
    """Chart or table name -> the first page (src_uri) that includes it."""
    homes: dict[str, str] = {}
    for path in sorted(paths.DOCS.rglob("*.md")):
        src = path.relative_to(paths.DOCS).as_posix()
        for kind, name in _INCLUDE.findall(path.read_text(encoding="utf-8")):
            homes.setdefault(f"{kind}:{name}", src)
    return homes


def _git(*args: str) -> tuple[str, str]:
    """git's output, or "" and why git could not answer (its own first line of error)."""
    import subprocess

    try:
        proc = subprocess.run(["git", *args], cwd=paths.ROOT, capture_output=True, text=True)
    except OSError as exc:
        return "", f"git cannot run: {exc.strerror or exc}"
    if proc.returncode != 0 or not proc.stdout.strip():
        return "", (proc.stderr.strip().splitlines() or [f"git {' '.join(args)} printed nothing"])[0]
    return proc.stdout.strip(), ""


def commit_epoch(warn) -> str | None:
    """The commit's time for SOURCE_DATE_EPOCH. A checkout git cannot read (git missing, or
    refusing a checkout owned by another user) stops the build: its pages would be dated 1970."""
    root = paths.ROOT
    epoch, problem = _git("log", "-1", "--format=%ct")
    if epoch:
        return epoch
    if (root / ".git").exists():
        raise SiteError(
            f"page dates: git cannot read the checkout at {root}: {problem}. "
            f"If git names dubious ownership, run: git config --global --add safe.directory {root} ; "
            "or set SOURCE_DATE_EPOCH to build without the history."
        )
    # A source archive (git archive, GitHub's zip): the commit's time is in .git_archival.txt.
    from scholarly.version import ARCHIVAL_FILE, parse_archival

    archival = root / ARCHIVAL_FILE
    info = parse_archival(archival.read_text(encoding="utf-8")) if archival.is_file() else {}
    if info.get("node-date"):
        from datetime import datetime

        return str(int(datetime.fromisoformat(info["node-date"]).timestamp()))
    warn(f"page dates: {root} is not a git checkout ({problem}) and {ARCHIVAL_FILE} is not expanded; "
         "this is a development build, dated by the clock")
    return None
