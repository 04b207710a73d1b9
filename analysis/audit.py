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

The data stays as printed; nothing here corrects a value.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from analysis.registry import Value, table, values

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

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twenty": 20}
SHARED_VALUE_MINIMUM = 1000  # smaller counts coincide by chance too often to mean anything
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
# Which bibliometric dataset row counts the papers of each funding group (SSCI list, row).
FUNDING_BASE_ROW = {"China-participated": 5, "UK-participated": 6, "China-UK": 7}


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


def _decimals(text: str) -> int:
    match = re.search(r"\.(\d+)", text)
    return len(match.group(1)) if match else 0


def _share_interval(records: int, share_text: str, share: float) -> tuple[float, float]:
    """The range of bases consistent with a share printed to its number of decimals."""
    half = 0.5 * 10 ** -_decimals(share_text)
    low_share, high_share = (share + half) / 100, max(share - half, 1e-12) / 100
    return records / low_share, records / high_share


def consensus_region(intervals: list[tuple[float, float]]) -> tuple[float, float, int]:
    """The range of bases inside the most intervals, and how many intervals contain it."""
    events = sorted([(lo, 0) for lo, _ in intervals] + [(hi, 1) for _, hi in intervals])
    best, depth, best_lo, best_hi = 0, 0, 0.0, 0.0
    for i, (point, kind) in enumerate(events):
        if kind == 0:
            depth += 1
            if depth > best:
                best, best_lo = depth, point
                best_hi = next(p for p, k in events[i + 1 :] if k == 1)
        else:
            depth -= 1
    return best_lo, best_hi, best


def consensus_base(intervals: list[tuple[float, float]]) -> tuple[float, int]:
    """The middle of the range of bases most rows agree on, and how many agree."""
    lo, hi, agreeing = consensus_region(intervals)
    return (lo + hi) / 2, agreeing


def _fmt(x: float, decimals: int = 0) -> str:
    return f"{x:,.{decimals}f}"


def _select(frame: pd.DataFrame, selection) -> pd.DataFrame:
    if selection is None or (not isinstance(selection, str) and pd.isna(selection)) or not selection:
        return frame
    mask = pd.Series(True, index=frame.index)
    for condition in selection.split(";"):
        negate = "!=" in condition
        column, value = condition.split("!=" if negate else "=", 1)
        column_values = frame[column].astype(str)
        mask &= (column_values != value) if negate else (column_values == value)
    return frame[mask]


def _ranked_tables(citations: pd.DataFrame, funding: pd.DataFrame):
    """Every printed ranked table with records and shares: (dataset, label, description, rows)."""
    for (group, period), rows in citations.groupby(["group", "period"], sort=False):
        yield "china_uk_citation_sources", rows["table_as_printed"].iloc[0], f"{group}, {period}", rows.sort_values("rank")
    for group, rows in funding.groupby("group", sort=False):
        yield "china_uk_funding_agencies", rows["table_as_printed"].iloc[0], group, rows.sort_values("rank")


def _row_label(row) -> str:
    name = getattr(row, "country_as_printed", None) or getattr(row, "agency_as_printed", "")
    return f"rank {int(row.rank)} ({name})"


def check_shares(citations: pd.DataFrame, funding: pd.DataFrame, bibliometric: pd.DataFrame) -> list[Finding]:
    findings: list[Finding] = []
    ssci = bibliometric[bibliometric["database"] == "SSCI"].set_index("row")
    for dataset, label, what, rows in _ranked_tables(citations, funding):
        intervals = [_share_interval(int(r.records), r.share_as_printed.split()[0], float(r.share_percent)) for r in rows.itertuples()]
        region_lo, region_hi, agreeing = consensus_region(intervals)
        base = (region_lo + region_hi) / 2
        implied = [int(r.records) / (float(r.share_percent) / 100) for r in rows.itertuples()]
        findings.append(Finding(
            dataset, label, f"{what}: all {len(rows)} rows", "implied_base",
            f"shares as printed imply bases from {_fmt(min(implied))} to {_fmt(max(implied))}",
            f"one base for the whole table; {agreeing} of {len(rows)} rows agree on about {_fmt(base)}",
        ))
        for r, (lo, hi) in zip(rows.itertuples(), intervals):
            if lo <= region_hi and hi >= region_lo:
                continue  # agrees with the other rows within the rounding of its printed share
            decimals = _decimals(r.share_as_printed.split()[0])
            expected = 100 * int(r.records) / base
            findings.append(Finding(
                dataset, label, f"{what}: {_row_label(r)}", "share_from_counts",
                f"{r.share_as_printed} of {int(r.records):,} (implies a base of {_fmt(int(r.records) / (float(r.share_percent) / 100))})",
                f"{expected:.{decimals}f} (= {int(r.records):,} / {_fmt(base)}, the base of the other rows)",
            ))
        if dataset == "china_uk_funding_agencies":
            size_row = ssci.loc[FUNDING_BASE_ROW[what]]
            papers = int(size_row["records"])
            if not any(lo <= papers <= hi for lo, hi in intervals) or not (min(lo for lo, _ in intervals) <= papers <= max(hi for _, hi in intervals)):
                findings.append(Finding(
                    dataset, label, f"{what}: all rows", "base_against_dataset",
                    f"shares imply about {_fmt(base)} papers",
                    f"{papers:,} papers ({size_row['name']}, SSCI row {FUNDING_BASE_ROW[what]}, printed {size_row['records_as_printed']})",
                ))
    return findings


def check_rates(hcp: pd.DataFrame) -> list[Finding]:
    findings = []
    for r in hcp.itertuples():
        for numerator, denominator, printed_text, printed in (
            (r.highly_cited_papers, r.social_science_papers, r.hcp_rate_as_printed, r.hcp_rate_percent),
            (r.highly_cited_first_affiliation, r.highly_cited_papers, r.first_affiliation_share_as_printed, r.first_affiliation_share_percent),
        ):
            decimals = _decimals(printed_text)
            expected = round(100 * int(numerator) / int(denominator), decimals)
            if not math.isclose(expected, float(printed), abs_tol=10 ** -decimals / 2):
                findings.append(Finding(
                    "china_uk_highly_cited_papers", "Table 12", r.country_as_printed, "rate_from_counts",
                    printed_text, f"{expected:.{decimals}f}% (= {int(numerator):,} / {int(denominator):,})",
                ))
    return findings


def check_rank_order(citations: pd.DataFrame, funding: pd.DataFrame) -> list[Finding]:
    findings = []
    for dataset, label, what, rows in _ranked_tables(citations, funding):
        previous = None
        for r in rows.itertuples():
            if previous is not None and int(r.records) > int(previous.records):
                findings.append(Finding(
                    dataset, label, f"{what}: {_row_label(previous)} and {_row_label(r)}", "rank_order",
                    f"{int(previous.records):,} then {int(r.records):,}",
                    "counts that do not rise down the table",
                ))
            previous = r
    return findings


def check_periods_against_overall(citations: pd.DataFrame) -> list[Finding]:
    findings = []
    for group, rows in citations.groupby("group", sort=False):
        overall = rows[rows["period"] == "2001-2020"]
        periods = rows[rows["period"] != "2001-2020"]
        n_periods = periods["period"].nunique()
        label = f"{overall['table_as_printed'].iloc[0]} and {periods['table_as_printed'].iloc[0]}"
        overall_base = consensus_base([_share_interval(int(r.records), r.share_as_printed, float(r.share_percent)) for r in overall.itertuples()])[0]
        period_bases = [
            consensus_base([_share_interval(int(r.records), r.share_as_printed, float(r.share_percent)) for r in part.itertuples()])[0]
            for _, part in periods.groupby("period", sort=True)
        ]
        if not math.isclose(overall_base, sum(period_bases), rel_tol=0.01):
            findings.append(Finding(
                "china_uk_citation_sources", label, f"{group}: all records", "period_against_overall",
                f"2001-2020 table implies about {_fmt(overall_base)} records in all",
                f"about {_fmt(sum(period_bases))}, the sum of the four periods' implied totals",
            ))
        for r in overall.itertuples():
            if pd.isna(r.country_code):
                continue
            mine = periods[periods["country_code"] == r.country_code]
            if mine["period"].nunique() < n_periods:
                continue  # missing from a period's top ten: its sum is unknown
            total = int(mine["records"].sum())
            if total != int(r.records):
                findings.append(Finding(
                    "china_uk_citation_sources", label, f"{group}: {r.country_as_printed} / {r.country_code}", "period_against_overall",
                    f"{int(r.records):,} records in 2001-2020",
                    f"{total:,}, the sum of the four periods ({' + '.join(f'{int(x):,}' for x in mine.sort_values('period')['records'])})",
                ))
    return findings


def _number_in_title(title: str) -> int | None:
    """The row count a title promises ("Ten most cited", "Top ten funding"); None if it promises none."""
    words = "|".join(NUMBER_WORDS)
    match = re.search(rf"\b({words})\s+(?:most|biggest|largest|funding|countries)\b", title, flags=re.IGNORECASE)
    return NUMBER_WORDS[match.group(1).lower()] if match else None


def check_rows_against_titles(source_tables: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> list[Finding]:
    findings = []
    for t in source_tables.itertuples():
        stated = _number_in_title(t.title_as_printed)
        if stated is None or t.dataset not in frames:
            continue
        rows = _select(frames[t.dataset], t.selection)
        if len(rows) != stated:
            findings.append(Finding(
                t.dataset, t.label_as_printed if isinstance(t.label_as_printed, str) else "(no label)",
                t.selection.replace(";", ", ") if isinstance(t.selection, str) else "all rows", "rows_against_title",
                f"{len(rows)} rows", f"{stated} rows ('{t.title_as_printed}')",
            ))
    return findings


def check_labels(source_tables: pd.DataFrame, figures: pd.DataFrame) -> list[Finding]:
    findings = []
    labelled = [("table", r.label_as_printed, r.title_as_printed, r.dataset) for r in source_tables.itertuples() if isinstance(r.label_as_printed, str)]
    labelled += [("figure", r.label_as_printed, r.caption_as_printed, "source_figures") for r in figures.sort_values("position").itertuples()]
    for kind in ("table", "figure"):
        mine = [x for x in labelled if x[0] == kind]
        counts = pd.Series([x[1] for x in mine]).value_counts()
        for label, n in counts.items():
            if n > 1:
                titles = [x[2] for x in mine if x[1] == label]
                findings.append(Finding(
                    ", ".join(sorted({x[3] for x in mine if x[1] == label})), label, "; ".join(titles), "repeated_label",
                    f"{label} printed {n} times", "each label once",
                ))
        numbers = sorted({int(m.group(1)) for x in mine if (m := re.search(r"(\d+)$", x[1]))})
        unnumbered = [x for x in mine if not re.search(r"\d+$", x[1])]
        for x in unnumbered:
            findings.append(Finding(x[3], x[1], x[2], "label_sequence", f"'{x[1]}' without a number", f"a numbered {kind} label"))
        if numbers:
            missing = [n for n in range(1, numbers[-1] + 1) if n not in numbers]
            if missing:
                findings.append(Finding(
                    ", ".join(sorted({x[3] for x in mine})), f"{kind.title()}s {numbers[0]}-{numbers[-1]}", "all labelled " + kind + "s",
                    "label_sequence", f"numbers printed: {', '.join(map(str, numbers))}",
                    f"{kind}s {', '.join(map(str, missing))} do not appear",
                ))
        order = [int(m.group(1)) for x in mine if (m := re.search(r"(\d+)$", x[1]))]
        for before, after in zip(order, order[1:]):
            if after < before:
                findings.append(Finding(
                    ", ".join(sorted({x[3] for x in mine})), f"{kind.title()} {after}", f"printed after {kind.title()} {before}",
                    "label_sequence", f"{kind.title()} {before} then {kind.title()} {after}", "numbers that rise through the deck",
                ))
    return findings


def _counts(citations, funding, hcp, bibliometric):
    """Every printed count with the table it belongs to: (value, dataset, table, row)."""
    for r in citations.itertuples():
        yield int(r.records), "china_uk_citation_sources", f"{r.table_as_printed} ({r.group}, {r.period})", r.country_as_printed
    for r in funding.itertuples():
        yield int(r.records), "china_uk_funding_agencies", f"{r.table_as_printed} ({r.group})", r.agency_as_printed
    for r in hcp.itertuples():
        for column in ("social_science_papers", "highly_cited_papers", "highly_cited_first_affiliation"):
            yield int(getattr(r, column)), "china_uk_highly_cited_papers", "Table 12", f"{r.country_as_printed}, {column}"
    for r in bibliometric.itertuples():
        yield int(r.records), "bibliometric_datasets", r.list_as_printed, f"{r.database} row {r.row}: {r.name}"


def check_identical_values(citations, funding, hcp, bibliometric) -> list[Finding]:
    by_value: dict[int, list] = {}
    for value, dataset, table_label, row in _counts(citations, funding, hcp, bibliometric):
        if value >= SHARED_VALUE_MINIMUM:
            by_value.setdefault(value, []).append((dataset, table_label, row))
    findings = []
    for value, places in sorted(by_value.items()):
        tables = {(d, t) for d, t, _ in places}
        if len(tables) > 1:
            findings.append(Finding(
                ", ".join(sorted({d for d, _, _ in places})), "; ".join(sorted({t for _, t in tables})),
                "; ".join(f"{t}: {r}" for _, t, r in places), "identical_values",
                f"{value:,} in {len(tables)} tables", "different counts for different sets of records",
            ))
    return findings


def check_printed_values(citations, funding, hcp, bibliometric) -> list[Finding]:
    findings = []

    def plain(text: str) -> bool:
        return re.fullmatch(r"[\d,]+(\.\d+)?%?", text) is not None

    for r in bibliometric.itertuples():
        if not plain(r.records_as_printed) or int(r.records_as_printed.split()[0].replace(",", "")) != int(r.records):
            findings.append(Finding("bibliometric_datasets", r.list_as_printed, f"{r.database} row {r.row}: {r.name}", "value_as_printed",
                                    f"'{r.records_as_printed}'", f"one count; the site reads {int(r.records):,}"))
    for dataset, frame, label_col, pairs in (
        ("china_uk_citation_sources", citations, "country_as_printed", [("share_as_printed", "share_percent")]),
        ("china_uk_funding_agencies", funding, "agency_as_printed", [("share_as_printed", "share_percent")]),
        ("china_uk_highly_cited_papers", hcp, "country_as_printed",
         [("hcp_rate_as_printed", "hcp_rate_percent"), ("first_affiliation_share_as_printed", "first_affiliation_share_percent")]),
    ):
        for r in frame.itertuples():
            for text_col, number_col in pairs:
                text = getattr(r, text_col)
                if not plain(text):
                    label = getattr(r, "table_as_printed", "Table 12")
                    findings.append(Finding(dataset, label, f"{getattr(r, 'group', '')} {getattr(r, label_col)}".strip(), "value_as_printed",
                                            f"'{text}'", f"a plain number; the site reads {float(getattr(r, number_col)):g}"))
    return findings


def check_codes(citations, funding) -> list[Finding]:
    findings = []
    for r in citations[citations["country_code"].isna()].itertuples():
        findings.append(Finding("china_uk_citation_sources", r.table_as_printed, f"{r.group}, {r.period}: rank {int(r.rank)}", "no_iso_code",
                                f"'{r.country_as_printed}'", "an ISO 3166-1 alpha-3 code (FIL could be PHL, the Philippines, or FIN, Finland)"
                                if r.country_as_printed == "FIL" else "an ISO 3166-1 alpha-3 code"))
    for label, rows in funding[funding["funder_country_code"].isna()].groupby("funder_country_as_printed"):
        findings.append(Finding("china_uk_funding_agencies", ", ".join(sorted(rows["table_as_printed"].unique())),
                                "; ".join(rows["agency_as_printed"]), "no_iso_code", f"'{label}'",
                                "a country code (the European Union has none in ISO 3166-1)"))
    return findings


def check_interviewee_counts(people: pd.DataFrame, stated: pd.DataFrame) -> list[Finding]:
    findings = []
    for s in stated.itertuples():
        tables = s.tables.split("; ")
        rows = people[people["source_table"].isin(tables) & (people["nationality_group"] == s.nationality_group)]
        if len(rows) != int(s.count_stated):
            findings.append(Finding(
                "korea_uk_interviewees", ", ".join(tables), f"{s.nationality_group}: {', '.join(rows['code'])}", "interviewee_count",
                f"{len(rows)} coded rows", f"{int(s.count_stated)} ('{s.statement_as_printed}')",
            ))
    return findings


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
