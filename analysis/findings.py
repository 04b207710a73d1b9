"""The findings register (data/findings.csv): loaded, checked and its values filled in.

Each finding states one headline result, says whose reading it is and lists its
evidence. This module knows no site engine. fragments/findings.py renders a finding from the
records and values checked here, with the build's named values, artifact names, quotation
ids and a function that turns an evidence item into a link; this module only fills a text's
named values (``resolve``, through the template finding_text.html.j2).

Artifacts (name: what it is):
- findings (json): every finding with its evidence parsed; the build stops, naming
  the finding, when a finding has no evidence, names an unknown chart, table or
  quotation, a malformed source location, or states a study's reading without one.

Statement, title and caveats hold numbers only as ``{value_name}``; :func:`resolve`
fills them from the named values and raises :class:`FindingError` on an unknown name.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from analysis.escape import escape_markdown
from analysis.registry import REGISTRY, json_artifact
from fragments import render_markup

if TYPE_CHECKING:  # pandas is imported where a frame is read: the site build needs none (0.25 s)
    import pandas as pd

EVIDENCE_KINDS = ("value", "chart", "table", "quote", "source", "page")
SOURCE_FILES = {"000": "000_f1e849d268522d47.txt", "001": "001_1075b1596e46c368.txt"}
SOURCE_LABELS = {"000": "Yu (2022), slides", "001": "Hwang (2008), article"}
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")
SOURCE_REF = re.compile(r"^(000|001):([0-9]+)(?:-([0-9]+))?$")
PAGE_REF = re.compile(r"^[a-z0-9_./-]+\.md(#[A-Za-z0-9_-]+)?$")
TEXT_COLUMNS = ("title", "statement", "caveats")


class FindingError(ValueError):
    """A finding is malformed or names evidence that does not exist; the message names it."""


def _str(value) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    import pandas as pd

    return "" if pd.isna(value) else str(value)


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


def markdown_safe(text) -> str:
    """Text from the register, safe inside Markdown and the raw HTML a page receives: on one
    line (runs of whitespace as one space, edges kept: the text sits between named values),
    escaped by the one rule (analysis.escape.escape_markdown)."""
    return escape_markdown(re.sub(r"\s+", " ", str(text)))


def resolve(text: str, values: dict, finding_id: str) -> Markup:
    """Escape ``text`` and fill each {name} with the named value's text, in a span
    (fragments/templates/finding_text.html.j2)."""
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in values:
            raise FindingError(f"finding '{finding_id}': {{{name}}} is not a named value")
        parts += [(False, Markup(markdown_safe(text[last:match.start()]))), (True, Markup(markdown_safe(values[name]["text"])))]
        last = match.end()
    parts.append((False, Markup(markdown_safe(text[last:]))))
    return render_markup("finding_text.html.j2", parts=parts)


@json_artifact("findings", inputs=["findings", "quotes"])
def findings_artifact(findings: pd.DataFrame, quotes: pd.DataFrame) -> dict:
    recs = records(findings)
    artifacts = {name: art.kind for name, art in REGISTRY.items()}
    problems = static_problems(recs, quote_ids=set(quotes["id"].astype(str)), artifacts=artifacts)
    if problems:
        raise FindingError("findings register:\n  " + "\n  ".join(problems))
    return {"findings": recs}
