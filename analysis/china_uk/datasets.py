"""The China-UK study's bibliometric datasets: record counts and search strings."""
import altair as alt
import pandas as pd

from analysis import style
from analysis.registry import Value, chart, table, values


@chart(
    "bibliometric_record_counts",
    inputs=["bibliometric_datasets"],
    title="Records retrieved for each dataset of the China-UK study, 2001-2020",
    caption=(
        "Number of records in each of the nine CSSCI and SSCI datasets, on a logarithmic scale "
        "so that counts from a few hundred to about two million can be read on one axis."
    ),
    alt=lambda d: (
        f"Dot plot on a logarithmic axis of the record counts of {len(d)} bibliometric datasets, from "
        f"{d['records'].min():,} ({d.loc[d['records'].idxmin(), 'name']}) "
        f"to {d['records'].max():,} ({d.loc[d['records'].idxmax(), 'name']})."
    ),
)
def record_counts(datasets: pd.DataFrame) -> alt.Chart:
    frame = datasets.assign(
        dataset=datasets["database"] + " " + datasets["row"].astype(str) + ": " + datasets["name"],
        records_label=datasets["records"].map("{:,}".format),
    )[["database", "row", "dataset", "records", "records_label", "records_as_printed"]]
    order = list(frame["dataset"])
    axis, scale, step = style.category_axis(step=22, limit=360)
    encode_y = alt.Y("dataset:N", sort=order, title=None, axis=axis, **({"scale": scale} if scale else {}))
    points = (
        alt.Chart(frame)
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X(
                "records:Q",
                scale=alt.Scale(type="log"),
                title="Records (log scale)",
                axis=alt.Axis(values=[100, 10_000, 1_000_000], format=","),
            ),
            y=encode_y,
            color=alt.Color("database:N", title="Database", scale=alt.Scale(range=style.PALETTE[:2])),
            shape=alt.Shape("database:N", title="Database"),
            tooltip=[
                alt.Tooltip("dataset:N", title="Dataset"),
                alt.Tooltip("records:Q", title="Records", format=","),
                alt.Tooltip("records_as_printed:N", title="As printed"),
            ],
        )
    )
    labels = (
        alt.Chart(frame)
        .mark_text(align="left", dx=9, fontSize=style.FONT)
        .encode(x="records:Q", y=encode_y, text="records_label:N")
    )
    return style.base((points + labels).properties(width=style.pick(230, 220), height=step))


@table(
    "bibliometric_datasets_table",
    inputs=["bibliometric_datasets"],
    title="Datasets and search strings of the China-UK study",
    caption="Each dataset with its database, the search string as printed (SSCI only) and the records retrieved.",
)
def datasets_table(datasets: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Database": datasets["database"],
            "Row": datasets["row"],
            "Dataset": datasets["name"],
            "Search string": datasets["search_string"].fillna("(not given; CSSCI)"),
            "Records (as printed)": datasets["records_as_printed"],
        }
    )


@values("bibliometric_datasets_values", inputs=["bibliometric_datasets"])
def datasets_values(datasets: pd.DataFrame) -> dict[str, Value]:
    source = "Yu (2022), methodology slide: datasets in CSSCI and SSCI"
    by_key = {f"{r.database.lower()}_{r.row}": int(r.records) for r in datasets.itertuples()}
    out = {f"records_{key}": Value(n, f"{n:,}", source) for key, n in by_key.items()}
    out["dataset_count"] = Value(len(datasets), str(len(datasets)), source)
    out["records_min"] = Value(int(datasets["records"].min()), f"{int(datasets['records'].min()):,}", source)
    out["records_max"] = Value(int(datasets["records"].max()), f"{int(datasets['records'].max()):,}", source)
    return out
