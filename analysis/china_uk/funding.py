"""Funding agencies acknowledged in the China-UK study's three groups of education papers.

Artifacts (name: what it is):
- funding_agencies_by_country (chart): each listed agency's share of its group's papers,
  coloured by the funder's country or region (Tables 13, 14 and 8 as printed)
- funding_agencies_table (table): all three printed tables in one, as printed
- funding_by_country_table (table): per group and funder country, how many listed agencies
  and how many funded-paper records they account for (sums computed by this site)
- funding_agency_values (values): funding_{group}_{country}_agencies and
  funding_{group}_{country}_records (group = china, uk, china_uk; country = lower-case ISO code or eu)
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import style
from analysis.registry import Value, chart, table, values

SOURCE = "Yu (2022)"
GROUPS = ["China-participated", "UK-participated", "China-UK"]
GROUP_KEYS = {"China-participated": "china", "UK-participated": "uk", "China-UK": "china_uk"}
COUNTRY_COLOURS = {"China": style.PALETTE[1], "UK": style.PALETTE[0], "USA": style.PALETTE[2], "EU": style.PALETTE[3], "Australia": style.PALETTE[4]}


@chart(
    "funding_agencies_by_country",
    inputs=["china_uk_funding_agencies"],
    title="Top funding agencies of the three groups of education papers, by country of funder",
    caption=(
        "Share of each group's SSCI education papers, 2001-2020, that acknowledge the agency, as printed in "
        "Table 13 (China-participated), Table 14 (UK-participated) and Table 8 (China-UK; nine rows as printed). "
        "Colour shows the funder's country or region as printed."
    ),
    alt=(
        "Three horizontal bar charts of funding agencies. Chinese agencies lead the China-participated list "
        "and UK agencies the UK-participated list, each with a few US agencies further down; in China-UK papers "
        "Chinese and UK agencies both appear, with the National Natural Science Foundation of China first."
    ),
)
def by_country(agencies: pd.DataFrame) -> alt.Chart:
    frame = agencies.astype({"records": "int64", "share_percent": "float64", "rank": "int64"}).reset_index(drop=True)
    frame = frame[["group", "table_as_printed", "rank", "agency_as_printed", "funder_country_as_printed", "records", "share_percent", "share_as_printed"]]
    axis, band, step = style.category_axis(step=18, limit=400)
    scale = {"scale": band} if band else {}
    bars = alt.Chart().mark_bar().encode(
        x=alt.X("share_percent:Q", title="Share of the group's papers (%)"),
        y=alt.Y("agency_as_printed:N", title=None, sort=alt.EncodingSortField("rank", op="min", order="ascending"), axis=axis, **scale),
        color=alt.Color(
            "funder_country_as_printed:N", title="Funder's country or region",
            scale=alt.Scale(domain=list(COUNTRY_COLOURS), range=list(COUNTRY_COLOURS.values())),
        ),
        tooltip=[
            alt.Tooltip("group:N", title="Papers"),
            alt.Tooltip("agency_as_printed:N", title="Agency"),
            alt.Tooltip("funder_country_as_printed:N", title="Country or region"),
            alt.Tooltip("records:Q", title="Papers", format=","),
            alt.Tooltip("share_as_printed:N", title="Share as printed (%)"),
            alt.Tooltip("table_as_printed:N", title="Source table"),
        ],
    )
    # Value labels in the scheme's text colour (render.SCHEMES), not the bar's: 4.5:1 on both schemes.
    text = alt.Chart().mark_text(align="left", dx=3, fontSize=style.FONT).encode(
        x="share_percent:Q",
        y=alt.Y("agency_as_printed:N", sort=alt.EncodingSortField("rank", op="min", order="ascending")),
        text=alt.Text("share_percent:Q", format=".2f"),
    )
    faceted = alt.layer(bars, text, data=frame).properties(width=style.pick(180, 250), height=step).facet(
        row=alt.Row(
            "group:N", title=None, sort=GROUPS,
            header=alt.Header(labelFontSize=style.TITLE_FONT, labelFontWeight="bold", labelAngle=0, labelAlign="left", labelOrient="top", labelAnchor="start"),
        )
    ).resolve_scale(y="independent")
    return style.base(faceted)


@table(
    "funding_agencies_table",
    inputs=["china_uk_funding_agencies"],
    title="Top funding agencies of China-participated, UK-participated and China-UK education papers",
    caption="Agencies, funder's country or region, papers (records) and share as printed in Tables 13, 14 and 8.",
)
def agencies_table(agencies: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Papers": agencies["group"],
            "Table": agencies["table_as_printed"],
            "Rank": agencies["rank"],
            "Funding agency (as printed)": agencies["agency_as_printed"],
            "Country/Region": agencies["funder_country_as_printed"],
            "Records": agencies["records"],
            "Share (%) as printed": agencies["share_as_printed"],
        }
    )


def _by_country(agencies: pd.DataFrame) -> pd.DataFrame:
    grouped = (
        agencies.groupby(["group", "funder_country_as_printed"], sort=False)
        .agg(agencies=("agency_as_printed", "size"), records=("records", "sum"), table=("table_as_printed", "first"))
        .reset_index()
    )
    grouped["order"] = grouped["group"].map({g: i for i, g in enumerate(GROUPS)})
    return grouped.sort_values(["order", "records"], ascending=[True, False]).drop(columns="order").reset_index(drop=True)


@table(
    "funding_by_country_table",
    inputs=["china_uk_funding_agencies"],
    title="Listed funding agencies by country of funder",
    caption=(
        "For each group, how many of the printed top agencies are based in each country or region and the sum of "
        "their records. Sums are computed by this site; a paper funded by two listed agencies counts twice, so the "
        "sums are acknowledgements, not papers."
    ),
)
def by_country_table(agencies: pd.DataFrame) -> pd.DataFrame:
    grouped = _by_country(agencies)
    return pd.DataFrame(
        {
            "Papers": grouped["group"],
            "Table": grouped["table"],
            "Funder's country or region": grouped["funder_country_as_printed"],
            "Agencies listed": grouped["agencies"],
            "Records (sum)": grouped["records"],
        }
    )


@values("funding_agency_values", inputs=["china_uk_funding_agencies"])
def funding_agency_values(agencies: pd.DataFrame) -> dict[str, Value]:
    out: dict[str, Value] = {}
    codes = agencies.drop_duplicates("funder_country_as_printed").set_index("funder_country_as_printed")["funder_country_code"]
    for row in _by_country(agencies).itertuples():
        code = codes[row.funder_country_as_printed]
        country = "eu" if pd.isna(code) else str(code).lower()
        stem = f"funding_{GROUP_KEYS[row.group]}_{country}"
        source = f"{SOURCE}, {row.table} ({row.group} education papers); counts summed by this site"
        out[f"{stem}_agencies"] = Value(int(row.agencies), str(int(row.agencies)), source)
        out[f"{stem}_records"] = Value(int(row.records), f"{int(row.records):,}", source)
    return out
