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

from analysis.registry import Value, table, values

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


# The papers each citation table's group stands for: the dataset rows of the study's search.
GROUP_DATASET_ROW = {"china": "SSCI_5", "uk": "SSCI_6", "china_uk": "SSCI_7"}


@values("china_uk_citation_direction_values", inputs=["china_uk_citation_sources", "bibliometric_datasets"])
def citation_direction_values(citations: pd.DataFrame, datasets: pd.DataFrame) -> dict[str, Value]:
    """What the "Source countries of citations" tables most likely count: the evidence in numbers.

    - cu_cite_{group}_total_{period}: the total number of records each printed table implies
      (sum of its records over sum of its shares), i.e. what its shares were taken of
    - cu_cite_{group}_per_paper: the 2001-2020 implied total per paper of the group's dataset
    - cu_cite_uk_total_drop: the UK total of 2016-2020 as a share of that of 2011-2015
    """
    out: dict[str, Value] = {}
    records = {f"{r.database}_{r.row}": int(r.records) for r in datasets.itertuples()}
    totals: dict[tuple[str, str], float] = {}
    for (group, period), rows in citations.groupby(["group", "period"], sort=True):
        key = (GROUPS[group], period.replace("-", "_"))
        total = rows["records"].sum() / rows["share_percent"].sum() * 100
        totals[key] = total
        out[f"cu_cite_{key[0]}_total_{key[1]}"] = Value(
            round(total), f"{round(total):,}",
            f"{SOURCE}, {rows['table_as_printed'].iloc[0]} ({group}, {period}): sum of the printed records over the sum of "
            "the printed shares, computed by this site",
        )
    for short, row in GROUP_DATASET_ROW.items():
        total = totals[(short, "2001_2020")]
        papers = records[row]
        out[f"cu_cite_{short}_per_paper"] = Value(
            total / papers, f"{total / papers:.1f}",
            f"{SOURCE}: implied 2001-2020 total of the group's citation table over the papers of dataset {row.replace('_', ' row ')}, "
            "computed by this site",
        )
    drop = totals[("uk", "2016_2020")] / totals[("uk", "2011_2015")]
    out["cu_cite_uk_total_drop"] = Value(
        100 * drop, _percent(100 * drop, 0),
        f"{SOURCE}, Table 7 (UK-participated): implied total of 2016-2020 over that of 2011-2015, computed by this site",
    )
    return out


@values("china_uk_funding_conflict_values", inputs=["china_uk_funding_agencies"])
def funding_conflict_values(agencies: pd.DataFrame) -> dict[str, Value]:
    """The study's 'about three quarters' set against its own China-UK funding table (Table 8).

    - cu_fund_china_uk_implied_papers: papers the table's shares were taken of (records over share)
    - cu_fund_china_uk_chinese_records: acknowledgements of the Chinese agencies the table lists
    - cu_fund_china_uk_chinese_share_of_papers: those acknowledgements over the implied papers
      (an upper bound on the share of papers they can cover)
    """
    rows = agencies[agencies["group"] == "China-UK"]
    source = f"{SOURCE}, {rows['table_as_printed'].iloc[0]} (funding agencies, China-UK education papers), computed by this site"
    implied = rows["records"].sum() / rows["share_percent"].sum() * 100
    chinese = int(rows.loc[rows["funder_country_code"] == "CHN", "records"].sum())
    return {
        "cu_fund_china_uk_implied_papers": Value(round(implied), f"{round(implied):,}", source),
        "cu_fund_china_uk_chinese_records": Value(chinese, str(chinese), source),
        "cu_fund_china_uk_chinese_share_of_papers": Value(100 * chinese / implied, _percent(100 * chinese / implied, 0), source),
    }


@table(
    "data_interpretation_questions",
    inputs=["china_uk_citation_sources", "bibliometric_datasets", "china_uk_funding_agencies", "china_uk_quantitative_findings_summary"],
    title="Questions of interpretation the China-UK slides leave open",
    caption=(
        "Each row: what the slides print, what their own tables imply (computed by this site from the printed "
        "numbers), and how this site reads and shows it."
    ),
)
def interpretation_questions(citations, datasets, agencies, summary) -> pd.DataFrame:
    cite = citation_direction_values(citations, datasets)
    fund = funding_conflict_values(agencies)
    recognition = summary.loc[summary["finding"].str.contains("self-reference|China-affiliated", na=False), "finding"]
    funding = summary.loc[summary["finding"].str.contains("three quarters", na=False), "finding"]
    return pd.DataFrame(
        [
            {
                "Question": "What do the 'Source countries of citations' tables count?",
                "Printed": "Tables titled 'Source countries of citations in … papers' / 'Ten most cited countries and regions in … papers', "
                "columns 'Records' and 'Share of all citations'; filed under 'Recognition'"
                + (" ('" + "'; '".join(recognition) + "')" if len(recognition) else ""),
                "Implied by the tables": (
                    f"about {cite['cu_cite_china_per_paper'].text} records per China-participated paper, "
                    f"{cite['cu_cite_uk_per_paper'].text} per UK-participated paper, {cite['cu_cite_china_uk_per_paper'].text} per China-UK paper; "
                    f"the UK total of 2016-2020 is {cite['cu_cite_uk_total_drop'].text} of that of 2011-2015"
                ),
                "How the site reads it": "Most likely the papers citing each group, by the citing paper's country (this site's reading; "
                "the slides do not say). Tables keep the study's labels; the quantitative page gives the evidence.",
            },
            {
                "Question": "What share of China-UK education papers did Chinese agencies fund?",
                "Printed": funding.iloc[0] if len(funding) else "About three quarters (summary of quantitative findings)",
                "Implied by the tables": (
                    f"Table 8's shares imply about {fund['cu_fund_china_uk_implied_papers'].text} papers; its Chinese agencies have "
                    f"{fund['cu_fund_china_uk_chinese_records'].text} acknowledgements between them, at most "
                    f"{fund['cu_fund_china_uk_chinese_share_of_papers'].text} of those papers"
                ),
                "How the site reads it": "Reported as the study's statement, beside the conflict with its own table; "
                "Table 8 lists only the ten largest agencies, so it cannot settle the question.",
            },
        ]
    )
