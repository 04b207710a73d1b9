"""Audit of the sources' own tables: every check is computed from the data, never written by hand.

Artifacts (name: what it is):
- data_audit_findings (table): one row per finding (every check but implied_base): dataset, table
  as printed, rows, check, printed value, expected value, how the site treats it
- data_audit_implied_bases (table): for every ranked table, the range of totals its shares imply
  and the total most rows agree on (information, not a problem)
- data_audit_checks (table): each check with how many findings it produced
- data_audit_values (values): audit_findings_count (problems, without implied bases),
  audit_checks_count, audit_implied_base_tables, and audit_findings_{check} for each check below
  (e.g. audit_findings_share_from_counts)

Checks (the key used in value names, then what it compares):
- implied_base: the total that each printed share implies (records / share), per table
- share_from_counts: a printed share against the share recomputed from its count and the
  table's consensus base (the base most rows agree with, within rounding)
- base_against_dataset: a funding table's implied base against the number of papers in the
  matching bibliometric dataset
- rate_from_counts: Table 12's rates against its counts
- rank_order: a ranked table whose counts rise from one row to the next
- period_against_overall: the four period counts of a country against its 2001-2020 count
- rows_against_title: a table whose row count differs from the number in its title
- repeated_label: a table or figure label printed more than once
- label_sequence: table or figure numbers missing from the sequence, or printed without a number
- identical_values: the same count (1,000 or more) in unrelated tables
- value_as_printed: a printed value that is not a plain number
- no_iso_code: a country label that matches no ISO 3166-1 code
- interviewee_count: the article's stated number of interviewees against the rows of its tables

The data stays as printed; nothing here corrects a value. The checks live in
audit_numbers.py (arithmetic) and audit_labels.py (labels, titles, codes, counts), their
vocabulary (CHECKS, TREATMENT, Finding) in audit_rules.py; this module runs them and makes
the artifacts, so every artifact's origin stays analysis/audit.py.
"""
from __future__ import annotations

import pandas as pd

from analysis.audit_labels import (  # noqa: F401  (importable from here, as before)
    NUMBER_WORDS, check_codes, check_interviewee_counts, check_labels, check_rows_against_titles,
)
from analysis.audit_numbers import (  # noqa: F401  (importable from here, as before)
    FUNDING_BASE_ROW, SHARED_VALUE_MINIMUM, _share_interval, check_identical_values, check_periods_against_overall,
    check_printed_values, check_rank_order, check_rates, check_shares, consensus_base, consensus_region,
)
from analysis.audit_rules import CHECKS, INFORMATION, TREATMENT, Finding  # noqa: F401
from analysis.registry import Value, table, values

INPUTS = [
    "china_uk_source_tables",
    "china_uk_citation_sources",
    "china_uk_funding_agencies",
    "china_uk_highly_cited_papers",
    "bibliometric_datasets",
    "source_figures",
    "korea_uk_interviewees",
    "korea_uk_interviewee_counts_stated",
]


def audit(source_tables, citations, funding, hcp, bibliometric, figures, people, stated) -> pd.DataFrame:
    frames = {
        "china_uk_citation_sources": citations,
        "china_uk_funding_agencies": funding,
        "china_uk_highly_cited_papers": hcp,
        "bibliometric_datasets": bibliometric,
    }
    findings = [
        *check_shares(citations, funding, bibliometric),
        *check_rates(hcp),
        *check_rank_order(citations, funding),
        *check_periods_against_overall(citations),
        *check_rows_against_titles(source_tables, frames),
        *check_labels(source_tables, figures),
        *check_identical_values(citations, funding, hcp, bibliometric),
        *check_printed_values(citations, funding, hcp, bibliometric),
        *check_codes(citations, funding),
        *check_interviewee_counts(people, stated),
    ]
    columns = ["Dataset", "Table as printed", "Rows", "Check", "Printed value", "Expected value", "How the site treats it", "check_key"]
    return pd.DataFrame([f.as_row() for f in findings], columns=columns)


@table(
    "data_audit_findings",
    inputs=INPUTS,
    title="Findings of the audit of the sources' tables",
    caption=(
        "Every finding of the checks described above, computed from the datasets at build time. Printed values "
        "are the sources'; expected values are what the check computes. No value in the datasets is corrected."
    ),
)
def audit_findings(*frames: pd.DataFrame) -> pd.DataFrame:
    found = audit(*frames)
    return found[found["check_key"] != INFORMATION].drop(columns="check_key").reset_index(drop=True)


@table(
    "data_audit_implied_bases",
    inputs=INPUTS,
    title="Totals implied by the printed shares of each ranked table",
    caption=(
        "For each table that prints counts and shares, the range of totals the shares imply (count divided by "
        "share) and the total that most rows agree on within the rounding of their printed shares."
    ),
)
def audit_implied_bases(*frames: pd.DataFrame) -> pd.DataFrame:
    found = audit(*frames)
    bases = found[found["check_key"] == INFORMATION]
    return pd.DataFrame(
        {
            "Dataset": bases["Dataset"],
            "Table as printed": bases["Table as printed"],
            "Rows": bases["Rows"],
            "Totals the shares imply": bases["Printed value"].str.replace("shares as printed imply bases ", "", regex=False),
            "Total most rows agree on": bases["Expected value"].str.replace("one base for the whole table; ", "", regex=False),
        }
    ).reset_index(drop=True)


@table(
    "data_audit_checks",
    inputs=INPUTS,
    title="Checks of the audit and how many findings each produced",
    caption="Each check run on every build, with the number of findings it produced.",
)
def audit_checks(*frames: pd.DataFrame) -> pd.DataFrame:
    found = audit(*frames)["check_key"].value_counts()
    return pd.DataFrame({"Check": list(CHECKS.values()), "Findings": [int(found.get(k, 0)) for k in CHECKS]})


@values("data_audit_values", inputs=INPUTS)
def audit_values(*frames: pd.DataFrame) -> dict[str, Value]:
    found = audit(*frames)
    source = "Audit of the sources' tables (analysis/audit.py)"
    by_check = found["check_key"].value_counts()
    problems = int((found["check_key"] != INFORMATION).sum())
    tables = int(by_check.get(INFORMATION, 0))
    out = {
        "audit_findings_count": Value(problems, str(problems), source),
        "audit_checks_count": Value(len(CHECKS), str(len(CHECKS)), source),
        "audit_implied_base_tables": Value(tables, str(tables), source),
    }
    for key in CHECKS:
        n = int(by_check.get(key, 0))
        out[f"audit_findings_{key}"] = Value(n, str(n), source)
    return out
