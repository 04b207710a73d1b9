"""The glossary's rows (data/glossary.csv, validated) as JSON, and its rules: each term with
the forms it is recognised under, every form claimed by one term only.

The build (transforms/glossary.py) links terms on every page of every build. Reading the
rules from generated/glossary_rules.json, which the pipeline writes when the CSV or its
schema changes (analysis/site_pages.py), keeps pandas, frictionless and the alias check
out of builds where the data did not change.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable

from analysis import paths
from analysis.errors import SiteError
from analysis.registry import json_artifact

GLOSSARY_FILE = "data/glossary.csv"
RULES_FILE = paths.GENERATED / "glossary_rules.json"


@json_artifact("glossary_terms", inputs=["glossary"])
def glossary_rows(glossary) -> dict:
    # Every column is required text in the schema (data/glossary.resource.yaml).
    return {"rows": glossary.astype(str).to_dict("records")}


class GlossaryError(SiteError, ValueError):
    """The glossary data is inconsistent; the message names file, row, column and rule."""


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    forms: tuple[str, ...]
    category: str
    definition: str
    see: str


def terms_from_rows(rows: Iterable[dict], source: str = GLOSSARY_FILE) -> list[Term]:
    """Build terms from table rows; each form may belong to one term only."""
    terms: list[Term] = []
    owner: dict[str, tuple[str, int]] = {}
    for row_number, row in enumerate(rows, start=2):  # row 1 is the header
        forms = tuple(f.strip() for f in str(row["aliases"]).split("|"))
        if any(not f for f in forms):
            raise GlossaryError(f"{source}, row {row_number}, column 'aliases': alias-not-empty: empty form in '{row['aliases']}'")
        for form in forms:
            key = form_key(form)
            if key in owner:
                other, other_row = owner[key]
                raise GlossaryError(
                    f"{source}, row {row_number}, column 'aliases': alias-unique: form '{form}' "
                    f"is already claimed by '{other}' (row {other_row})"
                )
            owner[key] = (row["slug"], row_number)
        terms.append(Term(row["slug"], row["term"], forms, row["category"], row["definition"], row["see"]))
    return terms


def case_sensitive(form: str) -> bool:
    # Acronyms (no lower-case letter: SSCI, IP, ISO 3166) must not match ordinary words.
    return not any(ch.islower() for ch in form)


def form_key(form: str) -> str:
    return form if case_sensitive(form) else form.casefold()


def rules(rows: Iterable[dict]) -> dict:
    """The checked terms as JSON (generated/glossary_rules.json)."""
    return {"terms": [asdict(t) for t in terms_from_rows(rows)]}
