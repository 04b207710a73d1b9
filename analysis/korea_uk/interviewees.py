"""Who the Korea-UK study (Hwang 2008) interviewed, from its interviewee Tables 1-6.

Artifacts (name: what it is):
- korea_uk_interviewees_chart (chart): interviewees by research set or collaboration case,
  nationality, and broad field
- korea_uk_interviewees_table (table): one row per interviewee: code, table, nationality,
  field, status in Korea, status and role in the UK, organisation
- korea_uk_interviewee_values (values): korea_uk_interviewees_count,
  korea_uk_interviewees_{korean|british|south_african|german|dutch},
  korea_uk_interviewees_table_{1..6}
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import style
from analysis.registry import Value, chart, table, values

SOURCE = "Hwang (2008), Tables 1-6"
NATIONALITIES = ["Korean", "British", "South African", "German", "Dutch"]
SETS = [
    "Drivers of collaboration (Tables 1-2)",
    "Korean researchers in British laboratories (Tables 3 and 5)",
    "Korean-British-Dutch LCD collaboration (Tables 4 and 6)",
]


@chart(
    "korea_uk_interviewees_chart",
    inputs=["korea_uk_interviewees"],
    title="Interviewees of the Korea-UK study by nationality, research set and field",
    caption=(
        "Number of interviewees listed in Tables 1-6 of the article, by nationality and by the research set or "
        "ongoing collaboration case they belong to (first panel, \"By research set\") and by broad field (second panel, "
        "\"By broad field\", with its own scale; this site's grouping of the printed fields and positions)."
    ),
    alt=(
        "Two stacked bar charts counting the interviewees of the Korea-UK study. Korean interviewees are the "
        "largest group in every research set, British interviewees the second; one South African, one German and "
        "one Dutch interviewee complete the list. By field, engineering, life sciences and physical sciences "
        "account for almost everyone."
    ),
)
def interviewees_chart(people: pd.DataFrame) -> alt.Chart:
    frame = people[["code", "source_table", "nationality_group", "interview_set", "field_group"]].astype("object")
    colour = alt.Color(
        "nationality_group:N", title="Nationality",
        scale=alt.Scale(domain=NATIONALITIES, range=style.PALETTE[: len(NATIONALITIES)]),
        sort=NATIONALITIES,
    )
    order = alt.Order("nationality_rank:Q")
    common = alt.Chart(frame).transform_calculate(
        nationality_rank=" + ".join(f"(datum.nationality_group == '{n}' ? {i} : 0)" for i, n in enumerate(NATIONALITIES))
    )
    axis, band, step = style.category_axis(step=22, limit=360)
    scale = {"scale": band} if band else {}
    field_axis, field_band, field_step = style.category_axis(step=18, limit=200)
    field_scale = {"scale": field_band} if field_band else {}
    by_set = common.mark_bar().encode(
        x=alt.X("count():Q", title="Interviewees"),
        y=alt.Y("interview_set:N", title=None, sort=SETS, axis=axis, **scale),
        color=colour, order=order,
        tooltip=[alt.Tooltip("interview_set:N", title="Set"), alt.Tooltip("nationality_group:N", title="Nationality"),
                 alt.Tooltip("count():Q", title="Interviewees")],
    ).properties(width=style.pick(260, 290), height=step, title=alt.TitleParams("By research set", anchor="start"))
    by_field = common.mark_bar().encode(
        x=alt.X("count():Q", title="Interviewees"),
        y=alt.Y("field_group:N", title=None, sort="-x", axis=field_axis, **field_scale),
        color=colour, order=order,
        tooltip=[alt.Tooltip("field_group:N", title="Broad field"), alt.Tooltip("nationality_group:N", title="Nationality"),
                 alt.Tooltip("count():Q", title="Interviewees")],
    ).properties(width=style.pick(260, 290), height=field_step, title=alt.TitleParams("By broad field", anchor="start"))
    return style.base(alt.vconcat(by_set, by_field))


@table(
    "korea_uk_interviewees_table",
    inputs=["korea_uk_interviewees"],
    title="Interviewees of the Korea-UK study",
    caption=(
        "One row per interviewee of Tables 1-6, by the article's code; cells rebuilt from the PDF text "
        "(see the dataset page for how ambiguous lines were read)."
    ),
)
def interviewees_table(people: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Code": people["code"],
            "Table": people["source_table"],
            "Nationality": people["nationality_group"],
            "Field or project": people["field_as_printed"],
            "Status in Korea": people["status_in_korea"],
            "Status in the UK": people["status_in_uk"],
            "Role": people["role"],
            "Organisation": people["organisation"],
        }
    )


@values("korea_uk_interviewee_values", inputs=["korea_uk_interviewees"])
def interviewee_values(people: pd.DataFrame) -> dict[str, Value]:
    out = {"korea_uk_interviewees_count": len(people)}
    for nationality in NATIONALITIES:
        out[f"korea_uk_interviewees_{nationality.lower().replace(' ', '_')}"] = int((people["nationality_group"] == nationality).sum())
    for number in range(1, 7):
        out[f"korea_uk_interviewees_table_{number}"] = int((people["source_table"] == f"Table {number}").sum())
    return {name: Value(n, str(n), SOURCE) for name, n in out.items()}
