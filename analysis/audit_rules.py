"""The audit's vocabulary: each check's key, its name, how the site treats what it finds,
and one finding (a row of the audit tables). The checks are in audit_numbers.py and
audit_labels.py; analysis/audit.py runs them and makes the artifacts.
"""
from __future__ import annotations

from dataclasses import dataclass

CHECKS = {
    "implied_base": "Base implied by the shares",
    "share_from_counts": "Share recomputed from its count",
    "base_against_dataset": "Implied base against dataset size",
    "rate_from_counts": "Rate recomputed from its counts",
    "rank_order": "Order of a ranked table",
    "period_against_overall": "Period tables against the 2001-2020 table",
    "rows_against_title": "Row count against the title",
    "repeated_label": "Repeated label",
    "label_sequence": "Label sequence",
    "identical_values": "Identical value in unrelated tables",
    "value_as_printed": "Printed value that is not a plain number",
    "no_iso_code": "Country label without an ISO code",
    "interviewee_count": "Stated number of interviewees against table rows",
}

INFORMATION = "implied_base"  # reported for every table; not a problem in itself

TREATMENT = {
    "implied_base": "Reported for information; no value depends on it.",
    "share_from_counts": "The printed share is kept and shown; charts use it as printed. Flagged here.",
    "base_against_dataset": "Shares are kept as printed; the dataset size is not used to recompute them.",
    "rate_from_counts": "Kept as printed.",
    "rank_order": "Rows keep their printed order; the rank column is the printed position.",
    "period_against_overall": "Both tables are kept as printed; the site does not add period counts up.",
    "rows_against_title": "The rows printed are kept; no row is invented.",
    "repeated_label": "Kept as printed in table_as_printed; the site names tables by content, not by label.",
    "label_sequence": "Kept as printed; the site names tables by content, not by number.",
    "identical_values": "Both kept as printed; the coincidence may be a copying error in the source.",
    "value_as_printed": "The *_as_printed column keeps the text; the number column holds the value read from it.",
    "no_iso_code": "The label is kept; the code column is left empty, so the row joins no country.",
    "interviewee_count": "Only the rows the tables print are kept; no interviewee is invented.",
}



@dataclass(frozen=True)
class Finding:
    dataset: str
    table: str
    rows: str
    check: str
    printed: str
    expected: str

    def as_row(self) -> dict:
        return {
            "Dataset": self.dataset,
            "Table as printed": self.table,
            "Rows": self.rows,
            "Check": CHECKS[self.check],
            "Printed value": self.printed,
            "Expected value": self.expected,
            "How the site treats it": TREATMENT[self.check],
            "check_key": self.check,
        }
