"""The China-UK study's citation tables: "Source countries of citations in … papers".

The slides do not say what a record in these tables is. This site reads them as the
papers that cite each group, counted by the citing paper's country (the evidence is on
docs/china-uk/quantitative.md#what-the-tables-count and in
analysis/china_uk/findings_values.py:citation_direction_values); titles, captions and
alt texts follow that reading and keep the study's own labels.

Artifacts (name: what it is):
- citation_share_by_period (chart): share of citing records from China, the UK and the USA in
  each five-year period, one panel per group of papers (Tables 7, 7 and 11 as printed)
- citation_sources_overall (chart): the countries and regions of 2001-2020 with the most
  citing records for each group, with their shares (unnumbered Table, Table 8 and Table 10)
- citation_sources_china_participated_table, citation_sources_uk_participated_table,
  citation_sources_china_uk_table (tables): one group's period table as printed, with the
  2001-2020 ranks beside it
- citation_source_values (values): citations_{cited}_share_{group}_{period} and
  citations_{cited}_records_{group}_{period} for every printed row; cited = china, uk, usa or the
  lower-case ISO code, the country in the table's "Countries/Regions" column (read by this site
  as the citing paper's country); group = china, uk, china_uk (the cited papers);
  period = 2001_2020, 2001_2005, ..., 2016_2020
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import style
from analysis.registry import Value, chart, table, values

SOURCE = "Yu (2022)"
GROUPS = ["China-participated", "UK-participated", "China-UK"]
GROUP_KEYS = {"China-participated": "china", "UK-participated": "uk", "China-UK": "china_uk"}
PERIODS = ["2001-2005", "2006-2010", "2011-2015", "2016-2020"]
OVERALL = "2001-2020"
CITED_KEYS = {"CHN": "china", "GBR": "uk", "USA": "usa"}
TRACKED = {"CHN": "China", "GBR": "UK", "USA": "USA"}
TRACKED_COLOURS = {"China": style.PALETTE[1], "UK": style.PALETTE[0], "USA": style.PALETTE[2]}


def _tables_as_printed(citations: pd.DataFrame, period_kind: str) -> str:
    rows = citations[(citations["period"] == OVERALL) == (period_kind == "overall")]
    labels = rows.drop_duplicates("group").set_index("group")["table_as_printed"]
    return "; ".join(f"{labels[g]} ({g})" for g in GROUPS if g in labels)


@chart(
    "citation_share_by_period",
    inputs=["china_uk_citation_sources"],
    title="Source countries of citations in the three groups of education papers, by period, 2001-2020",
    caption=(
        "For each group of SSCI education papers, the 'Share of all citations' of China, the UK and the USA "
        "in each five-year period, as printed in the study's Table 7 (China-participated), Table 7 "
        "(UK-participated) and Table 11 (China-UK). The slides do not say what the tables count; this site "
        "reads them as the papers citing each group, by the citing paper's country (see the quantitative "
        "page). Some printed shares do not follow from their counts; see Data notes."
    ),
    alt=(
        "Three line charts, one per group of cited papers, of the share of citing records from China, the UK "
        "and the USA over four periods from 2001-2005 to 2016-2020. For China-participated papers the USA "
        "leads in 2001-2005 and China from 2006-2010, China's share dipping in 2006-2010 and returning to its "
        "first level by 2016-2020; China-UK papers follow a similar course; for UK-participated papers the UK "
        "leads in every period and China's share rises."
    ),
)
def share_by_period(citations: pd.DataFrame) -> alt.Chart:
    frame = citations[(citations["period"] != OVERALL) & citations["country_code"].isin(list(TRACKED))].copy()
    frame["cited"] = frame["country_code"].map(TRACKED)
    frame = frame[["group", "period", "table_as_printed", "cited", "country_as_printed", "records", "share_percent", "share_as_printed"]]
    frame = frame.astype({"records": "int64", "share_percent": "float64"}).reset_index(drop=True)
    colour = alt.Color(
        "cited:N", title="Citing records from",
        scale=alt.Scale(domain=list(TRACKED_COLOURS), range=list(TRACKED_COLOURS.values())),
    )
    base = alt.Chart().encode(
        x=alt.X("period:O", title=None, sort=PERIODS, axis=alt.Axis(labelAngle=style.pick(-40, 0), labelExpr=style.pick("datum.label", "slice(datum.label, 0, 5) + slice(datum.label, 7)"))),
        y=alt.Y("share_percent:Q", title="Share of all citations (%)", scale=alt.Scale(domain=[0, 45]), axis=alt.Axis(tickCount=style.pick(5, 3))),
        color=colour,
        tooltip=[
            alt.Tooltip("group:N", title="Papers"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("country_as_printed:N", title="Country as printed"),
            alt.Tooltip("records:Q", title="Records", format=","),
            alt.Tooltip("share_as_printed:N", title="Share as printed (%)"),
            alt.Tooltip("table_as_printed:N", title="Source table"),
        ],
    )
    lines = base.mark_line(point=alt.OverlayMarkDef(filled=True, size=60)).encode(
        strokeDash=alt.StrokeDash("cited:N", legend=None)
    )
    labels = alt.Chart().mark_text(dy=-10, fontSize=style.FONT).encode(
        x=alt.X("period:O", sort=PERIODS), y="share_percent:Q", detail="cited:N", text=alt.Text("share_percent:Q", format=".0f"),
    )
    # Phones: the three panels stacked, each as wide as the screen, years as 2001, 2006, ...
    layers = alt.layer(lines, labels, data=frame) if not style.layout().narrow else alt.layer(lines, data=frame)
    faceted = layers.properties(width=style.pick(172, 250), height=style.pick(220, 150)).facet(
        facet=alt.Facet("group:N", title=None, sort=GROUPS, header=alt.Header(labelFontSize=style.TITLE_FONT, labelFontWeight="bold")),
        columns=style.pick(3, 1),
    )
    return style.base(faceted)


@chart(
    "citation_sources_overall",
    inputs=["china_uk_citation_sources"],
    title="Ten most cited countries and regions in the three groups of education papers, 2001-2020 (the study's titles)",
    caption=(
        "'Records' and 'Share of all citations' for the countries and regions listed in the study's tables for "
        "China-participated (unnumbered Table), UK-participated (Table 8, nine rows as printed) and "
        "China-UK (Table 10) education papers in SSCI, 2001-2020. This site reads each row as the papers citing "
        "the group from that country (the slides do not say). Labels are the Web of Science names as printed."
    ),
    alt=(
        "Three bar charts of the countries and regions with the largest shares, 2001-2020. China has the largest "
        "share for China-participated and China-UK papers; the UK has the largest for UK-participated papers, "
        "with the USA second there and the USA among the top three in every group."
    ),
)
def sources_overall(citations: pd.DataFrame) -> alt.Chart:
    frame = citations[citations["period"] == OVERALL][
        ["group", "table_as_printed", "rank", "country_as_printed", "country_code", "records", "share_percent", "share_as_printed"]
    ].astype({"records": "int64", "share_percent": "float64", "rank": "int64"}).reset_index(drop=True)
    frame["highlight"] = frame["country_code"].map(TRACKED).fillna("Other")
    colours = {**TRACKED_COLOURS, "Other": "#8c8c8c"}
    bars = alt.Chart().mark_bar().encode(
        x=alt.X("share_percent:Q", title="Share of all citations (%)"),
        y=alt.Y("country_as_printed:N", title=None, sort=alt.EncodingSortField("rank", op="min", order="ascending"), axis=alt.Axis(labelLimit=110)),
        color=alt.Color("highlight:N", title="Country or region", scale=alt.Scale(domain=list(colours), range=list(colours.values()))),
        tooltip=[
            alt.Tooltip("group:N", title="Papers"),
            alt.Tooltip("rank:Q", title="Rank"),
            alt.Tooltip("country_as_printed:N", title="Country as printed"),
            alt.Tooltip("records:Q", title="Records", format=","),
            alt.Tooltip("share_as_printed:N", title="Share as printed"),
            alt.Tooltip("table_as_printed:N", title="Source table"),
        ],
    )
    # Value labels in the scheme's text colour (render.SCHEMES), not the bar's: 4.5:1 on both schemes.
    text = alt.Chart().mark_text(align="left", dx=3, fontSize=style.FONT).encode(
        x="share_percent:Q", y=alt.Y("country_as_printed:N", sort=alt.EncodingSortField("rank", op="min", order="ascending")),
        text="share_as_printed:N",
    )
    # Wide: the three groups side by side; phones: stacked, one panel per screen width.
    faceted = alt.layer(bars, text, data=frame).properties(width=style.pick(72, 150), height=alt.Step(18)).facet(
        facet=alt.Facet("group:N", title=None, sort=GROUPS, header=alt.Header(labelFontSize=style.TITLE_FONT, labelFontWeight="bold")),
        columns=style.pick(3, 1),
    ).resolve_scale(y="independent")
    return style.base(faceted)


def _period_table(citations: pd.DataFrame, group: str) -> pd.DataFrame:
    """The printed period table of one group, side by side as in the source."""
    rows = citations[citations["group"] == group]
    out = pd.DataFrame({"Rank": sorted(rows.loc[rows["period"] != OVERALL, "rank"].unique())})
    for period in PERIODS:
        part = rows[rows["period"] == period].set_index("rank")
        out[f"{period} country"] = out["Rank"].map(part["country_as_printed"])
        out[f"{period} #"] = out["Rank"].map(part["records"])
        out[f"{period} %"] = out["Rank"].map(part["share_as_printed"])
    overall = rows[rows["period"] == OVERALL].set_index("rank")
    out["2001-2020 country"] = out["Rank"].map(overall["country_as_printed"])
    out["2001-2020 #"] = out["Rank"].map(overall["records"])
    out["2001-2020 %"] = out["Rank"].map(overall["share_as_printed"])
    return out


def _register_group_table(group: str, slug: str, period_label: str, overall_label: str) -> None:
    @table(
        f"citation_sources_{slug}_table",
        inputs=["china_uk_citation_sources"],
        title=f"Source countries of citations in {group} education papers, by period and 2001-2020",
        caption=(
            f"Records (#) and shares of all citations (%) by country or region, as printed in {period_label} "
            f"(periods) and {overall_label} (2001-2020, full country names). Empty cells: the printed table has fewer rows."
        ),
    )
    def group_table(citations: pd.DataFrame) -> pd.DataFrame:
        return _period_table(citations, group)

    group_table.__name__ = f"citation_sources_{slug}_table"


_register_group_table("China-participated", "china_participated", "Table 7", "the unnumbered Table")
_register_group_table("UK-participated", "uk_participated", "Table 7 (the second of that label)", "Table 8")
_register_group_table("China-UK", "china_uk", "Table 11", "Table 10")


@values("citation_source_values", inputs=["china_uk_citation_sources"])
def citation_source_values(citations: pd.DataFrame) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for row in citations.itertuples():
        if pd.isna(row.country_code):
            continue  # a label with no ISO code (FIL) gets no name of its own
        cited = CITED_KEYS.get(row.country_code, row.country_code.lower())
        stem = f"{GROUP_KEYS[row.group]}_{row.period.replace('-', '_')}"
        source = f"{SOURCE}, {row.table_as_printed} ({row.group} education papers, {row.period})"
        share_text = row.share_as_printed if row.share_as_printed.endswith("%") else f"{row.share_as_printed}%"
        out[f"citations_{cited}_share_{stem}"] = Value(float(row.share_percent), share_text, source)
        out[f"citations_{cited}_records_{stem}"] = Value(int(row.records), f"{int(row.records):,}", source)
    return out
