"""Named numbers the China-UK pages (docs/china-uk/, docs/index.md) need that the data
modules do not already provide.

Shares, counts and participant numbers come from the data modules
(``citations_*``, ``hcp_*``, ``funding_*``, ``participants_*``); this module adds
what the prose needs on top: ranks, changes between periods, shares computed
from the dataset sizes, and the largest funder per group. Names start with ``cu_``
so they cannot collide with those of other modules.

Values (NAME: what it is):
- cu_china_uk_share_of_china_education, cu_china_uk_share_of_uk_education: China-UK
  education papers as a share of mainland China's / the UK's SSCI education papers
- cu_uk_to_china_education_ratio: UK-participated over mainland China SSCI education papers
- cu_records_chinauk_as_printed: the China-UK education record count exactly as printed ("312 16")
- cu_cite_{group}_{cited}_rank_{period}: rank of work from China, the UK or the USA among the
  countries cited (group: china, uk, china_uk; cited: china, uk, usa; period: 2001_2020,
  2001_2005, ..., 2016_2020), as an ordinal word
- cu_cite_{group}_{cited}_change: change of that share from 2001-2005 to 2016-2020, in points
- cu_fund_{group}_listed: number of agencies the group's funding table lists
- cu_fund_{group}_top_agency, cu_fund_{group}_top_share: the first-ranked agency and its share
"""
from __future__ import annotations

import pandas as pd

from analysis.registry import Value, values

SOURCE = "Yu (2022)"
# The same keys as analysis/china_uk/citations.py, so names read alike across modules.
GROUPS = {"China-participated": "china", "UK-participated": "uk", "China-UK": "china_uk"}
CITED = {"CHN": "china", "GBR": "uk", "USA": "usa"}
PERIODS = ["2001-2005", "2006-2010", "2011-2015", "2016-2020"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def _percent(x: float, digits: int = 1) -> str:
    return f"{x:.{digits}f}%"


def _ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else f"{n}th"


@values("china_uk_output_values", inputs=["bibliometric_datasets"])
def output_values(datasets: pd.DataFrame) -> dict[str, Value]:
    source = f"{SOURCE}, datasets in SSCI (rows 5-7); share computed by this site"
    records = {f"{r.database}_{r.row}": int(r.records) for r in datasets.itertuples()}
    missing = [key for key in ("SSCI_5", "SSCI_6", "SSCI_7") if key not in records]
    if missing:
        raise ValueError(f"bibliometric_datasets: no row for {', '.join(missing)} (columns 'database', 'row')")
    china, uk, both = records["SSCI_5"], records["SSCI_6"], records["SSCI_7"]
    printed = str(datasets.loc[(datasets["database"] == "SSCI") & (datasets["row"] == 7), "records_as_printed"].iloc[0])
    return {
        "cu_china_uk_share_of_china_education": Value(100 * both / china, _percent(100 * both / china), source),
        "cu_china_uk_share_of_uk_education": Value(100 * both / uk, _percent(100 * both / uk), source),
        "cu_uk_to_china_education_ratio": Value(uk / china, f"{uk / china:.1f}", source),
        # The printed oddity itself, so the page can quote it without typing it.
        "cu_records_chinauk_as_printed": Value(printed, printed, f"{SOURCE}, datasets in SSCI, row 7 as printed"),
    }


@values("china_uk_citation_rank_values", inputs=["china_uk_citation_sources"])
def citation_rank_values(citations: pd.DataFrame) -> dict[str, Value]:
    out: dict[str, Value] = {}
    shares: dict[tuple[str, str, str], float] = {}
    for row in citations.itertuples():
        if pd.isna(row.country_code) or row.country_code not in CITED:
            continue
        group, cited, period = GROUPS[row.group], CITED[row.country_code], row.period
        source = f"{SOURCE}, {row.table_as_printed} ({row.group} education papers, {period})"
        out[f"cu_cite_{group}_{cited}_rank_{period.replace('-', '_')}"] = Value(int(row.rank), _ordinal(int(row.rank)), source)
        shares[(group, cited, period)] = float(row.share_percent)
    for (group, cited, period), first in sorted(shares.items()):
        last = shares.get((group, cited, PERIODS[-1]))
        if period != PERIODS[0] or last is None:
            continue
        change = round(last - first, 1)
        out[f"cu_cite_{group}_{cited}_change"] = Value(
            change,
            f"{abs(change):.1f} percentage points",
            f"{SOURCE}, citation sources by period ({group}); change from {PERIODS[0]} to {PERIODS[-1]} computed by this site",
        )
    return out


@values("china_uk_funding_top_values", inputs=["china_uk_funding_agencies"])
def funding_top_values(agencies: pd.DataFrame) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for group, rows in agencies.groupby("group", sort=True):
        short = GROUPS[group]
        source = f"{SOURCE}, {rows['table_as_printed'].iloc[0]} (funding agencies, {group} education papers)"
        top = rows.sort_values("rank").iloc[0]
        out[f"cu_fund_{short}_listed"] = Value(len(rows), str(len(rows)), source)
        out[f"cu_fund_{short}_top_agency"] = Value(str(top["agency_as_printed"]), str(top["agency_as_printed"]), source)
        out[f"cu_fund_{short}_top_share"] = Value(float(top["share_percent"]), _percent(top["share_percent"], 2), source)
    return out
