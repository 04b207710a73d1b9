"""The audit's arithmetic checks: shares, rates, rank order and period totals recomputed
from the printed counts, counts repeated across unrelated tables, and printed values that
are not plain numbers (the checks are listed in analysis/audit.py's docstring).
"""
from __future__ import annotations

import math
import re

import pandas as pd

from analysis.audit_rules import Finding

SHARED_VALUE_MINIMUM = 1000  # smaller counts coincide by chance too often to mean anything
# Which bibliometric dataset row counts the papers of each funding group (SSCI list, row).
FUNDING_BASE_ROW = {"China-participated": 5, "UK-participated": 6, "China-UK": 7}


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
