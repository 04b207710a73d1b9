"""The slides' Figures 1-16: a catalogue for the pages, and their reproductions.

A figure is reproduced only from aggregate data made by ``python -m
analysis.bibliometrics`` from real exports. The charts below are registered
only when that aggregate dataset exists in data/; until then
``{{ source_figure("figNN") }}`` shows what the study says the figure showed,
and that its numbers are not published.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import datasets, style
from analysis.registry import chart, json_artifact, table

PAPERS = "bibliometric_papers_by_year"
AGENCIES = "bibliometric_funding_agencies"

CATEGORY_LABELS = {
    "all": "All papers",
    "domestic_only": "Domestic only",
    "international": "Internationally collaborated",
    "china_uk": "China-UK",
    "international_led_by_china": "Led by mainland China",
    "international_led_by_uk": "Led by the UK",
    "china_uk_led_by_china": "First author in mainland China",
    "china_uk_led_by_uk": "First author in the UK",
    "china_uk_led_by_other": "First author elsewhere",
    "funded_by_china": "Funded by a Chinese agency",
    "funded_by_uk": "Funded by a UK agency",
}
GROUP_LABELS = {
    "world_social_science": "World social science (SSCI)",
    "world_education": "World education (SSCI)",
    "china_education": "Mainland China education (SSCI)",
    "uk_education": "UK education (SSCI)",
    "cssci_education": "Education (CSSCI)",
}
SOURCE_NOTE = "Counted from raw exports by analysis.bibliometrics; the slides publish no numbers for this figure."


@json_artifact("source_figures_catalogue", inputs=["source_figures"])
def source_figures_catalogue(figures: pd.DataFrame) -> dict:
    records = figures.astype(object).where(figures.notna(), None).to_dict(orient="records")
    return {row["id"]: row for row in records}


@table(
    "source_figures_table",
    inputs=["source_figures"],
    title="The figures of the China-UK slides and what reproduces each",
    caption=(
        "Every figure label printed in the slides, in order of appearance (two are labelled Figure 13), "
        "with the aggregate dataset and the chart that redraw it once raw exports have been run through the pipeline."
    ),
)
def source_figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Id": figures["id"],
            "Label as printed": figures["label_as_printed"],
            "Caption as printed": figures["caption_as_printed"],
            "Aggregate dataset": figures["dataset"].fillna("(none: not a data series)"),
            "Chart": figures["chart"].fillna(""),
        }
    )


@table(
    "source_figures_not_redrawn",
    inputs=["source_figures"],
    title="Figures of the China-UK slides that this site does not redraw",
    caption=(
        "Each figure of the slides that is not redrawn here, with its caption as printed and what the study "
        "reports it showed. Figures that were data series can be redrawn from raw Web of Science and CSSCI "
        "exports with the bibliometric pipeline; the slides publish none of their numbers."
    ),
)
def source_figures_not_redrawn(figures: pd.DataFrame) -> pd.DataFrame:
    missing = figures[~figures["chart"].isin(REGISTERED)]
    return pd.DataFrame(
        {
            "Figure as printed": missing["label_as_printed"],
            "Slide section": missing["section_as_printed"],
            "Caption as printed": missing["caption_as_printed"],
            "What the study reports it showed": missing["showed"],
            "Why not redrawn": [
                "Not a data series (an illustration of the records)" if pd.isna(d) else "Numbers not published; needs raw exports"
                for d in missing["dataset"]
            ],
        }
    )


# ---------------------------------------------------------------------------
# Chart builders (pure functions of the aggregate data frame)
# ---------------------------------------------------------------------------


def _select(papers: pd.DataFrame, group: str, categories: list[str]) -> pd.DataFrame:
    frame = papers[(papers["group"] == group) & (papers["category"].isin(categories))].copy()
    frame["series"] = frame["category"].map(CATEGORY_LABELS)
    frame["share_pct"] = (frame["share"].astype("Float64") * 100).round(1)
    return frame[["year", "series", "papers", "share_pct"]].astype({"papers": "int64", "year": "int64"})


def _lines(frame: pd.DataFrame, value: str, title: str, order: list[str]) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y(f"{value}:Q", title=title),
            color=alt.Color("series:N", title=None, sort=order, scale=alt.Scale(range=style.PALETTE)),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("series:N", title="Series"), alt.Tooltip(f"{value}:Q", title=title)],
        )
        .properties(width=style.pick(style.WIDE.width - 160, style.NARROW.width - 80), height=style.pick(220, 180))
    )


def paper_types_chart(papers: pd.DataFrame, group: str, categories: list[str]) -> alt.Chart:
    frame = _select(papers, group, categories)
    order = [CATEGORY_LABELS[c] for c in categories]
    return style.base(_lines(frame, "papers", "Papers", order))


def count_and_share_chart(papers: pd.DataFrame, group: str, categories: list[str]) -> alt.Chart:
    frame = _select(papers, group, categories)
    order = [CATEGORY_LABELS[c] for c in categories]
    counts = _lines(frame, "papers", "Papers", order)
    shares = _lines(frame, "share_pct", "Share (%)", order)
    return style.base(alt.vconcat(counts, shares, data=frame).resolve_scale(color="shared"))


def groups_chart(papers: pd.DataFrame, groups: list[str], with_share_of: str | None = None) -> alt.Chart:
    frame = papers[(papers["category"] == "all") & (papers["group"].isin(groups))].copy()
    frame["series"] = frame["group"].map(GROUP_LABELS)
    frame = frame[["year", "series", "group", "papers"]].astype({"papers": "int64", "year": "int64"})
    order = [GROUP_LABELS[g] for g in groups]
    counts = _lines(frame, "papers", "Papers", order)
    if with_share_of is None:
        return style.base(counts)
    world = papers[(papers["category"] == "all") & (papers["group"] == with_share_of)].set_index("year")["papers"]
    frame["share_pct"] = [round(100 * p / world[y], 1) if world.get(y) else None for y, p in zip(frame["year"], frame["papers"])]
    shares = _lines(frame, "share_pct", f"Share of {GROUP_LABELS[with_share_of].lower()} (%)", order)
    return style.base(alt.vconcat(counts, shares, data=frame).resolve_scale(color="shared"))


def agency_shares_chart(agencies: pd.DataFrame, group: str, top: int = 10) -> alt.Chart:
    frame = agencies[agencies["group"] == group].nsmallest(top, "rank").copy()
    frame["share_pct"] = (frame["share"].astype("Float64") * 100).round(2)
    frame = frame[["rank", "agency", "agency_country", "papers", "share_pct"]].astype({"rank": "int64", "papers": "int64"})
    axis, band, step = style.category_axis(step=20, limit=340)
    scale = {"scale": band} if band else {}
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("share_pct:Q", title="Share of the group's papers (%)"),
            y=alt.Y("agency:N", sort=alt.EncodingSortField("rank"), title=None, axis=axis, **scale),
            color=alt.Color("agency_country:N", title="Country or region", scale=alt.Scale(range=style.PALETTE)),
            tooltip=["agency:N", "agency_country:N", "papers:Q", alt.Tooltip("share_pct:Q", title="Share (%)")],
        )
        .properties(width=style.pick(style.WIDE.width - 400, style.NARROW.width - 30), height=step)
    )
    return style.base(bars)


# ---------------------------------------------------------------------------
# Registration: only for aggregate data that exists (no data, no chart)
# ---------------------------------------------------------------------------

# id -> (chart name, dataset, builder, title)
REPRODUCTIONS = {
    "fig02": ("china_education_paper_types_by_year", PAPERS, lambda d: paper_types_chart(d, "china_education", ["all", "domestic_only", "international", "china_uk"]), "Types of mainland China education papers by year"),
    "fig03": ("uk_education_paper_types_by_year", PAPERS, lambda d: paper_types_chart(d, "uk_education", ["all", "domestic_only", "international", "china_uk"]), "Types of UK-participated education papers by year"),
    "fig04": ("china_uk_education_paper_types_by_year", PAPERS, lambda d: paper_types_chart(d, "china_uk_education", ["all", "china_uk_led_by_china", "china_uk_led_by_uk", "funded_by_china", "funded_by_uk"]), "Types of China-UK education papers by year"),
    "fig05": ("world_social_science_and_education_outputs_by_year", PAPERS, lambda d: groups_chart(d, ["world_social_science", "world_education"]), "World social science and education papers in SSCI by year"),
    "fig07": ("china_and_uk_education_outputs_and_world_share_by_year", PAPERS, lambda d: groups_chart(d, ["china_education", "uk_education"], with_share_of="world_education"), "China- and UK-participated education papers and their world shares by year"),
    "fig09": ("china_education_papers_ssci_and_cssci_by_year", PAPERS, lambda d: groups_chart(d, ["china_education", "cssci_education"]), "Education papers in SSCI (mainland China) and CSSCI by year"),
    "fig10": ("china_international_collaboration_by_year", PAPERS, lambda d: count_and_share_chart(d, "china_education", ["international"]), "Internationally collaborated China-participated education papers by year"),
    "fig13a": ("china_led_international_papers_by_year", PAPERS, lambda d: count_and_share_chart(d, "china_education", ["international_led_by_china"]), "China-led papers among China's internationally collaborated education papers by year"),
    "fig12": ("uk_international_collaboration_by_year", PAPERS, lambda d: count_and_share_chart(d, "uk_education", ["international"]), "Internationally collaborated UK-participated education papers by year"),
    "fig13b": ("uk_led_international_papers_by_year", PAPERS, lambda d: count_and_share_chart(d, "uk_education", ["international_led_by_uk"]), "UK-led papers among the UK's internationally collaborated education papers by year"),
    "fig14": ("china_uk_first_authorship_by_year", PAPERS, lambda d: count_and_share_chart(d, "china_uk_education", ["china_uk_led_by_china", "china_uk_led_by_uk", "china_uk_led_by_other"]), "First authorship of China-UK education papers by year"),
    "fig16": ("china_uk_funding_agency_shares", AGENCIES, lambda d: agency_shares_chart(d, "china_uk_education"), "Funding agencies of China-UK education papers, 2001-2020"),
}


LABELS = {
    "fig02": "Figure 2", "fig03": "Figure 3", "fig04": "Figure 4", "fig05": "Figure 5", "fig07": "Figure 7",
    "fig09": "Figure 9", "fig10": "Figure 10", "fig13a": "first Figure 13", "fig12": "Figure 12",
    "fig13b": "second Figure 13", "fig14": "Figure 14", "fig16": "Figure 16",
}


def _alt_text(title: str):
    def alt_text(frame: pd.DataFrame) -> str:
        return f"Chart: {title}, 2001-2020, counted from raw exports ({len(frame)} rows of aggregate data)."

    return alt_text


def register_reproductions(available: set[str]) -> list[str]:
    """Register the chart of every figure whose aggregate dataset is present."""
    registered = []
    for fig_id, (name, dataset, build, title) in REPRODUCTIONS.items():
        if dataset not in available:
            continue
        chart(
            name,
            inputs=[dataset],
            title=title,
            caption=f"Reproduces the slides' {LABELS[fig_id]}. {SOURCE_NOTE}",
            alt=_alt_text(title),
        )(build)
        registered.append(name)
    return registered


REGISTERED = register_reproductions(set(datasets.discover()))
