"""The findings register (data/findings.csv): checked, resolved and rendered as HTML.

Each finding states one headline result, says whose reading it is and lists its
evidence. This module knows no site engine: the MkDocs hook (hooks/render_finding.py)
hands it the build's named values, artifact names, quotation ids and a function
that turns an evidence item into a link.

Artifacts (name: what it is):
- findings (json): every finding with its evidence parsed; the build stops, naming
  the finding, when a finding has no evidence, names an unknown chart, table or
  quotation, a malformed source location, or states a study's reading without one.

Statement, title and caveats hold numbers only as ``{value_name}``; :func:`resolve`
fills them from the named values and raises :class:`FindingError` on an unknown name.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from analysis.registry import REGISTRY, json_artifact

EVIDENCE_KINDS = ("value", "chart", "table", "quote", "source", "page")
SOURCE_FILES = {"000": "000_f1e849d268522d47.txt", "001": "001_1075b1596e46c368.txt"}
SOURCE_LABELS = {"000": "Yu (2022), slides", "001": "Hwang (2008), article"}
STUDY_LABELS = {"china_uk": "China-UK study", "korea_uk": "Korea-UK study", "both": "Both studies"}
GLANCE_LABELS = {"china_uk": "China-UK", "korea_uk": "Korea-UK", "both": "Both"}
READING_LABELS = {"study": "The study’s reading", "site": "This site’s reading"}
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")
SOURCE_REF = re.compile(r"^(000|001):([0-9]+)(?:-([0-9]+))?$")
PAGE_REF = re.compile(r"^[a-z0-9_./-]+\.md(#[A-Za-z0-9_-]+)?$")
TEXT_COLUMNS = ("title", "statement", "caveats")
# Markdown and hook syntax that must show as itself inside the raw HTML a page receives.
_MARKUP_CHARS = {c: f"&#{ord(c)};" for c in "[]*_`@{}\\|~^"}


class FindingError(ValueError):
    """A finding is malformed or names evidence that does not exist; the message names it."""


def _str(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def parse_evidence(cell: str) -> list[tuple[str, str]]:
    """'chart:x; quote:y' -> [('chart', 'x'), ('quote', 'y')]."""
    items = []
    for part in _str(cell).split(";"):
        part = part.strip()
        if part:
            kind, _, name = part.partition(":")
            items.append((kind.strip(), name.strip()))
    return items


def source_label(ref: str) -> str:
    """'000:449' -> 'Yu (2022), slides, line 449'."""
    match = SOURCE_REF.match(ref)
    if not match:
        raise FindingError(f"malformed source location '{ref}' (expected FILE:LINES such as 000:449)")
    prefix, first, last = match.groups()
    lines = f"lines {first}-{last}" if last else f"line {first}"
    return f"{SOURCE_LABELS[prefix]}, {lines}"


def records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.sort_values(["study", "order"]).itertuples(index=False):
        out.append(
            {
                "id": row.id,
                "study": row.study,
                "order": int(row.order),
                "headline": str(row.headline) == "yes",
                "title": _str(row.title),
                "statement": _str(row.statement),
                "reading": row.reading,
                "source_ref": _str(row.source_ref),
                "evidence": parse_evidence(row.evidence),
                "caveats": _str(row.caveats),
            }
        )
    return out


def static_problems(findings: list[dict], *, quote_ids: set[str], artifacts: dict[str, str]) -> list[str]:
    """What can be checked without the named values: one message per problem, naming the finding.

    ``artifacts`` maps an artifact name to its kind ('chart', 'table', ...).
    """
    problems = []
    for f in findings:
        where = f"finding '{f['id']}' (data/findings.csv)"
        if f["reading"] == "study" and not f["source_ref"]:
            problems.append(f"{where}: states the study's reading but gives no source_ref")
        for ref in [f["source_ref"]] if f["source_ref"] else []:
            if not SOURCE_REF.match(ref):
                problems.append(f"{where}: malformed source_ref '{ref}'")
        if not f["evidence"]:
            problems.append(f"{where}: has no evidence")
        for kind, name in f["evidence"]:
            if kind not in EVIDENCE_KINDS:
                problems.append(f"{where}: unknown evidence kind '{kind}' (known: {', '.join(EVIDENCE_KINDS)})")
            elif not name:
                problems.append(f"{where}: evidence '{kind}:' names nothing")
            elif kind in ("chart", "table") and artifacts.get(name) != kind:
                problems.append(f"{where}: evidence names {kind} '{name}', which the analysis does not make")
            elif kind == "quote" and name not in quote_ids:
                problems.append(f"{where}: evidence names quotation '{name}', which is not in data/quotes/quotes.csv")
            elif kind == "source" and not SOURCE_REF.match(name):
                problems.append(f"{where}: malformed source location '{name}' (expected FILE:LINES such as 000:449)")
            elif kind == "page" and not PAGE_REF.match(name):
                problems.append(f"{where}: malformed page reference '{name}' (expected path.md#anchor)")
    return problems


def value_problems(findings: list[dict], values: dict) -> list[str]:
    """Unknown value names, in evidence or in {placeholders}, naming the finding."""
    problems = []
    for f in findings:
        where = f"finding '{f['id']}' (data/findings.csv)"
        for kind, name in f["evidence"]:
            if kind == "value" and name not in values:
                problems.append(f"{where}: evidence names value '{name}', which the analysis does not make")
        for column in TEXT_COLUMNS:
            for name in PLACEHOLDER.findall(f[column]):
                if name not in values:
                    problems.append(f"{where}: {column} uses {{{name}}}, which is not a named value")
    return problems


def check(findings: list[dict], *, values: dict, quote_ids: set[str], artifacts: dict[str, str]) -> None:
    problems = static_problems(findings, quote_ids=quote_ids, artifacts=artifacts) + value_problems(findings, values)
    if problems:
        raise FindingError("findings register:\n  " + "\n  ".join(problems))


def _md_safe(text: str) -> str:
    out = str(escape(re.sub(r"\s+", " ", str(text))))
    return "".join(_MARKUP_CHARS.get(c, c) for c in out)


def resolve(text: str, values: dict, finding_id: str) -> Markup:
    """Escape ``text`` and fill each {name} with the named value's text."""
    out, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in values:
            raise FindingError(f"finding '{finding_id}': {{{name}}} is not a named value")
        out.append(_md_safe(text[last:match.start()]))
        out.append(f'<span class="irc-finding__value">{_md_safe(values[name]["text"])}</span>')
        last = match.end()
    out.append(_md_safe(text[last:]))
    return Markup("".join(out))


def _finalize(value):
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    return Markup(_md_safe(value))


_env: dict = {}


def environment() -> Environment:
    if "env" not in _env:
        _env["env"] = Environment(
            loader=FileSystemLoader(str(Path(__file__).resolve().parent / "templates")),
            autoescape=True,
            finalize=_finalize,
        )
    return _env["env"]


def evidence_items(f: dict, values: dict, link) -> list[dict]:
    """Display items for one finding's evidence; ``link(kind, name)`` gives (href, label) or None."""
    items = []
    for kind, name in f["evidence"]:
        if kind == "value":
            v = values[name]
            items.append({"kind": "Number", "label": f"{v['text']} ({v['source']})", "href": ""})
        elif kind == "source":
            items.append({"kind": "Source", "label": source_label(name), "href": ""})
        else:
            href, label = link(kind, name)
            items.append({"kind": {"chart": "Chart", "table": "Table", "quote": "Quotation", "page": "Section"}[kind],
                          "label": label, "href": href})
    return items


def render(f: dict, values: dict, *, link, element_id: str | None, permalink: str, cite_html: str = "", compact: bool = False) -> str:
    """One finding as HTML (no blank lines: one raw-HTML block inside Markdown)."""
    html = environment().get_template("finding.html").render(
        f=f,
        element_id=element_id,
        title=resolve(f["title"], values, f["id"]),
        statement=resolve(f["statement"], values, f["id"]),
        caveats=resolve(f["caveats"], values, f["id"]) if f["caveats"] else "",
        study_label=STUDY_LABELS[f["study"]],
        reading_label=READING_LABELS[f["reading"]],
        source=source_label(f["source_ref"]) if f["source_ref"] else "",
        evidence=evidence_items(f, values, link),
        permalink=permalink,
        cite_html=Markup(cite_html),
        compact=compact,
    )
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_glance(findings: list[dict], values: dict, *, href, show_study: bool = True) -> str:
    """The home page's first screen: one line per headline finding, linked to the full finding."""
    html = environment().get_template("findings_glance.html").render(
        items=[{"study": GLANCE_LABELS[f["study"]], "study_key": f["study"], "title": resolve(f["title"], values, f["id"]),
                "reading": f["reading"], "href": href(f)} for f in findings],
        show_study=show_study,
    )
    return "\n".join(line for line in html.splitlines() if line.strip())


@json_artifact("findings", inputs=["findings", "quotes"])
def findings_artifact(findings: pd.DataFrame, quotes: pd.DataFrame) -> dict:
    recs = records(findings)
    artifacts = {name: art.kind for name, art in REGISTRY.items()}
    problems = static_problems(recs, quote_ids=set(quotes["id"].astype(str)), artifacts=artifacts)
    if problems:
        raise FindingError("findings register:\n  " + "\n  ".join(problems))
    return {"findings": recs}
