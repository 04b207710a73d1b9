"""The China-UK study's method in tables: participants, interview questions, design steps,
and the study's own summary of its quantitative findings.

Artifacts (name: what it is):
- china_uk_participants_table (table): the eight interviewees by code, affiliation, gender,
  number of China-UK papers and academic title
- china_uk_interview_questions_table (table): the five interview questions as printed
- china_uk_mixed_methods_steps_table (table): the five steps of the design with procedures and outcomes
- china_uk_quantitative_findings_table (table): the study's summary of quantitative findings
- china_uk_participants_values (values): participants_count, participants_uk,
  participants_mainland_china, participants_female, participants_male,
  participants_china_uk_papers_max, interview_questions_count, mixed_methods_steps_count
"""
from __future__ import annotations

import pandas as pd

from analysis.registry import Value, table, values

SOURCE = "Yu (2022)"


@table(
    "china_uk_participants_table",
    inputs=["china_uk_participants"],
    title="Interview participants of the China-UK study",
    caption="Participants by the study's code, with affiliation, gender, China-UK papers co-authored and academic title, as printed.",
)
def participants_table(participants: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Code": participants["code"],
            "Current affiliation": participants["affiliation"],
            "Gender": participants["gender"],
            "Number of China-UK papers": participants["china_uk_papers"],
            "Academic title": participants["academic_title"],
        }
    )


@table(
    "china_uk_interview_questions_table",
    inputs=["china_uk_interview_questions"],
    title="Semi-structured interview questions of the China-UK study",
    caption="The five guiding questions, verbatim.",
)
def questions_table(questions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"No.": questions["number"], "Question": questions["question"]})


@table(
    "china_uk_mixed_methods_steps_table",
    inputs=["china_uk_mixed_methods_steps"],
    title="Steps of the explanatory sequential mixed-methods design",
    caption="Each step with its procedures and outcomes as printed; items are separated by semicolons.",
)
def steps_table(steps: pd.DataFrame) -> pd.DataFrame:
    joined = (
        steps.sort_values(["step", "element", "item_number"])
        .groupby(["step", "step_name", "element"], sort=False)["item"]
        .agg("; ".join)
        .unstack("element")
        .reset_index()
        .sort_values("step")
    )
    return pd.DataFrame(
        {"Step": joined["step"], "Stage": joined["step_name"], "Procedure": joined["Procedure"], "Outcomes": joined["Outcome"]}
    ).reset_index(drop=True)


@table(
    "china_uk_quantitative_findings_table",
    inputs=["china_uk_quantitative_findings_summary"],
    title="The China-UK study's summary of its quantitative findings",
    caption="The study's own statements, by aspect and theme, as printed.",
)
def findings_table(summary: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Aspect": summary["aspect"], "Theme": summary["theme"], "Finding (as printed)": summary["finding"]})


@values("china_uk_participants_values", inputs=["china_uk_participants", "china_uk_interview_questions", "china_uk_mixed_methods_steps"])
def participants_values(participants: pd.DataFrame, questions: pd.DataFrame, steps: pd.DataFrame) -> dict[str, Value]:
    source = f"{SOURCE}, Participants, Semi-structured interview questions and Process slides"
    counts = {
        "participants_count": len(participants),
        "participants_uk": int((participants["affiliation"] == "UK").sum()),
        "participants_mainland_china": int((participants["affiliation"] == "Mainland China").sum()),
        "participants_female": int((participants["gender"] == "F").sum()),
        "participants_male": int((participants["gender"] == "M").sum()),
        "participants_china_uk_papers_max": int(participants["china_uk_papers"].max()),
        "interview_questions_count": len(questions),
        "mixed_methods_steps_count": int(steps["step"].nunique()),
    }
    return {name: Value(n, str(n), source) for name, n in counts.items()}
