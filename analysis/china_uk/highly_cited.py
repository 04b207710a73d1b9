"""Highly cited social science papers of mainland China and the UK, 2011-2021 (Table 12).

Artifacts (name: what it is):
- highly_cited_papers (chart): rate of highly cited papers (HCP) among all social science papers
  and share of HCP with a first affiliation in the country, as printed
- highly_cited_papers_table (table): Table 12 as printed
- highly_cited_values (values): hcp_{china|uk}_{papers|hcp|first_affiliation|rate|first_share}
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import style
from analysis.registry import Value, chart, table, values

SOURCE = "Yu (2022), Table 12 (social science papers, 2011-2021)"
KEYS = {"CHN": "china", "GBR": "uk"}
COUNTRY_COLOURS = {"Mainland China": style.PALETTE[1], "UK": style.PALETTE[0]}


@chart(
    "highly_cited_papers",
    inputs=["china_uk_highly_cited_papers"],
    title="Highly cited social science papers and first affiliation: mainland China and the UK, 2011-2021",
    caption=(
        "Panel \"Rate of HCP\": highly cited papers (HCP) as a share of all social science papers. Panel \"Share of "
        "first affiliation\": share of those highly cited papers whose first affiliation is in the country. Values as "
        "printed in Table 12 of the study."
    ),
    alt=(
        "Two bar charts comparing mainland China and the UK, 2011-2021. Mainland China has the higher rate of "
        "highly cited papers and the higher share of highly cited papers with a first affiliation in the "
        "country; the data table below the chart gives the printed values."
    ),
)
def hcp_chart(papers: pd.DataFrame) -> alt.Chart:
    long = pd.concat(
        [
            pd.DataFrame({"country": papers["country_as_printed"], "measure": "Rate of HCP in social science papers",
                          "percent": papers["hcp_rate_percent"], "as_printed": papers["hcp_rate_as_printed"],
                          "count": papers["highly_cited_papers"], "of": papers["social_science_papers"]}),
            pd.DataFrame({"country": papers["country_as_printed"], "measure": "Share of first affiliation in HCP",
                          "percent": papers["first_affiliation_share_percent"], "as_printed": papers["first_affiliation_share_as_printed"],
                          "count": papers["highly_cited_first_affiliation"], "of": papers["highly_cited_papers"]}),
        ],
        ignore_index=True,
    ).astype({"percent": "float64", "count": "int64", "of": "int64", "country": "object", "as_printed": "object"})
    axis, band, step = style.category_axis(step=24, limit=200)
    scale = {"scale": band} if band else {}
    base = alt.Chart().encode(
        y=alt.Y("country:N", title=None, axis=axis, **scale),
        x=alt.X("percent:Q", title="Per cent", axis=alt.Axis(tickCount=style.pick(5, 3))),
        color=alt.Color("country:N", title=None, legend=None, scale=alt.Scale(domain=list(COUNTRY_COLOURS), range=list(COUNTRY_COLOURS.values()))),
        tooltip=[
            alt.Tooltip("country:N", title="Country"),
            alt.Tooltip("measure:N", title="Measure"),
            alt.Tooltip("as_printed:N", title="As printed"),
            alt.Tooltip("count:Q", title="Papers", format=","),
            alt.Tooltip("of:Q", title="Out of", format=","),
        ],
    )
    # Value labels in the scheme's text colour (render.SCHEMES), not the bar's: 4.5:1 on both schemes.
    text = alt.Chart().mark_text(align="left", dx=3, fontSize=style.FONT).encode(y=alt.Y("country:N", axis=axis, **scale), x="percent:Q", text="as_printed:N")
    layered = alt.layer(base.mark_bar(), text, data=long)
    # Wide: the two measures side by side; phones: stacked.
    faceted = layered.properties(width=style.pick(210, 250), height=step).facet(
        facet=alt.Facet("measure:N", title=None, header=alt.Header(labelFontSize=style.TITLE_FONT, labelFontWeight="bold", labelAnchor=style.pick("middle", "start"))),
        columns=style.pick(2, 1),
    ).resolve_scale(x="independent")
    return style.base(faceted)


@table(
    "highly_cited_papers_table",
    inputs=["china_uk_highly_cited_papers"],
    title="Highly cited papers and first-affiliated papers in social science, mainland China and the UK, 2011-2021",
    caption="Counts, rate of highly cited papers (HCP) and share of first affiliation in HCP, as printed in Table 12.",
)
def hcp_table(papers: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Country": papers["country_as_printed"],
            "Social science papers": papers["social_science_papers"],
            "Highly cited papers (HCP)": papers["highly_cited_papers"],
            "HCP with first affiliation": papers["highly_cited_first_affiliation"],
            "Rate of HCP in social science papers": papers["hcp_rate_as_printed"],
            "Share of first affiliation in HCP": papers["first_affiliation_share_as_printed"],
        }
    )


@values("highly_cited_values", inputs=["china_uk_highly_cited_papers"])
def highly_cited_values(papers: pd.DataFrame) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for row in papers.itertuples():
        stem = f"hcp_{KEYS[row.country_code]}"
        out[f"{stem}_papers"] = Value(int(row.social_science_papers), f"{int(row.social_science_papers):,}", SOURCE)
        out[f"{stem}_hcp"] = Value(int(row.highly_cited_papers), f"{int(row.highly_cited_papers):,}", SOURCE)
        out[f"{stem}_first_affiliation"] = Value(int(row.highly_cited_first_affiliation), f"{int(row.highly_cited_first_affiliation):,}", SOURCE)
        out[f"{stem}_rate"] = Value(float(row.hcp_rate_percent), row.hcp_rate_as_printed, SOURCE)
        out[f"{stem}_first_share"] = Value(float(row.first_affiliation_share_percent), row.first_affiliation_share_as_printed, SOURCE)
    return out
