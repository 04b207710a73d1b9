"""Interview quotations of both studies: checked against the coding frames and the
participants data, joined to speaker attributes by code, and published as one JSON
artifact that every quote on the site is rendered from (transforms/quotes.py, fragments/quote.py).

A quotation row breaks the build when its theme or sub-theme is not in its study's
coding frame, when its speaker code is not in the participants data, or when a
personal-name column appears in any of these files.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.datasets import DataError
from analysis.paths import DATA, ROOT
from analysis.registry import Value, json_artifact, table, values

INPUTS = [
    "quotes",
    "china_uk_coding_frame",
    "korea_uk_coding_frame",
    "china_uk_participants",
    "korea_uk_interviewees",
]
QUOTES_CSV = DATA / "quotes" / "quotes.csv"
FRAME_CSV = {"china_uk": DATA / "quotes" / "china_uk_coding_frame.csv", "korea_uk": DATA / "quotes" / "korea_uk_coding_frame.csv"}
PARTICIPANTS_CSV = {
    "china_uk": DATA / "china_uk" / "china_uk_participants.csv",
    "korea_uk": DATA / "korea_uk" / "korea_uk_interviewees.csv",
}
STUDY_LABEL = {"china_uk": "China-UK study (Yu 2022)", "korea_uk": "Korea-UK study (Hwang 2008)"}
STUDY_PREFIX = {"china_uk": "cu", "korea_uk": "ku"}
SOURCE_FILE = {"china_uk": "000_f1e849d268522d47.txt", "korea_uk": "001_1075b1596e46c368.txt"}
UNATTRIBUTED = "unattributed"
# The three kinds of quotation, each with the form its text takes (see quotes.resource.yaml).
KIND_FORM = {"verbatim": "passage", "reported": "embedded", "paraphrase": "sentence"}
KIND_LABEL = {
    "verbatim": "Participant's words",
    "reported": "The study's report, with the participant's words quoted",
    "paraphrase": "The study's paraphrase of the participant",
}
QUOTED_FRAGMENT = re.compile(r"[‘'“\"][^‘'“\"’”]{2,}[’'”\"]")
NOT_STATED = "Not stated"

# The participants data states affiliation (China-UK) or nationality (Korea-UK);
# the filter offers one "country" facet across both, so both map onto it here.
COUNTRY_OF = {
    "UK": "UK",
    "Mainland China": "Mainland China",
    "British": "UK",
    "Korean": "Korea",
    "German": "Germany",
    "South African": "South Africa",
    "Dutch": "Netherlands",
}

# Column names that would hold a person's identity; participants appear only by code.
PERSONAL_NAME_COLUMN = re.compile(
    r"(^|_)(name|names|first_?name|given_?name|last_?name|family_?name|surname|full_?name|forename|e_?mail|email_address|phone|orcid)($|_)",
    re.IGNORECASE,
)

# Speaker attributes shown with a quote, in order: (column, label).
ATTRIBUTE_COLUMNS = {
    "china_uk": [
        ("affiliation", "Current affiliation"),
        ("gender", "Gender"),
        ("china_uk_papers", "China-UK papers"),
        ("academic_title", "Academic title"),
    ],
    "korea_uk": [
        ("nationality_group", "Nationality"),
        ("source_table", "Listed in"),
        ("field_as_printed", "Field or project"),
        ("status_in_korea", "Status in Korea"),
        ("status_in_uk", "Status in the UK"),
        ("role", "Role"),
        ("organisation", "Organisation"),
    ],
}


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


def _str(value) -> str:
    return "" if _blank(value) else str(value)


def speaker_codes(speaker_code: str) -> list[str]:
    """The codes of one quote's speaker cell ("UK-R1; UK-R2" names two)."""
    return [c.strip() for c in speaker_code.split(";") if c.strip()]


def check_no_personal_names(frame: pd.DataFrame, path: Path) -> None:
    for column in frame.columns:
        if PERSONAL_NAME_COLUMN.search(str(column)):
            raise DataError(
                f"{_rel(path)}: column '{column}': personal-name rule: participants appear only by the "
                "studies' codes, so no column may hold names, e-mail addresses or other identifiers"
            )


class QuoteProblems:
    """Collects every problem of the quote files before raising, each with file, row, column, rule."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, path: Path, row: int | None, column: str, rule: str, message: str) -> None:
        where = _rel(path) + (f", row {row}" if row is not None else "")
        self.problems.append(f"{where}, column '{column}': {rule}: {message}")

    def raise_if_any(self) -> None:
        if self.problems:
            listing = "\n".join(f"  - {p}" for p in self.problems)
            raise DataError(f"{len(self.problems)} problem(s) in the quotation data:\n{listing}")


def check_quotes(
    quotes: pd.DataFrame,
    frames: dict[str, pd.DataFrame],
    participants: dict[str, pd.DataFrame],
    quotes_path: Path = QUOTES_CSV,
) -> None:
    """Raise DataError unless every quote is filed in its frame and every speaker code is known."""
    check_no_personal_names(quotes, quotes_path)
    for study, frame in participants.items():
        check_no_personal_names(frame, PARTICIPANTS_CSV[study])
    for study, frame in frames.items():
        check_no_personal_names(frame, FRAME_CSV[study])

    found = QuoteProblems()
    sub_themes = {study: dict(zip(frame["sub_theme"], frame["theme"])) for study, frame in frames.items()}
    known_codes = {study: set(frame["code"].astype(str)) for study, frame in participants.items()}
    nationality = {
        code: group for code, group in zip(participants["korea_uk"]["code"], participants["korea_uk"]["nationality_group"])
    } if "korea_uk" in participants else {}
    for index, q in enumerate(quotes.itertuples(index=False)):
        row = index + 2  # the header is row 1, as in frictionless reports
        study = q.study
        if not str(q.id).startswith(STUDY_PREFIX[study] + "-"):
            found.add(quotes_path, row, "id", "id-prefix", f"'{q.id}' belongs to study {study}, so it must start with '{STUDY_PREFIX[study]}-'")
        if q.source_file != SOURCE_FILE[study]:
            found.add(quotes_path, row, "source_file", "study-source", f"'{q.source_file}' is not the source of study {study} ({SOURCE_FILE[study]})")
        frame_path = FRAME_CSV[study]
        themes = set(sub_themes[study].values())
        if q.theme not in themes:
            found.add(quotes_path, row, "theme", "coding-frame", f"'{q.theme}' is not a theme of {_rel(frame_path)} (known: {', '.join(sorted(themes))})")
        elif q.sub_theme not in sub_themes[study]:
            found.add(quotes_path, row, "sub_theme", "coding-frame", f"'{q.sub_theme}' is not a sub-theme of {_rel(frame_path)}")
        elif sub_themes[study][q.sub_theme] != q.theme:
            found.add(
                quotes_path, row, "sub_theme", "coding-frame",
                f"'{q.sub_theme}' belongs to theme '{sub_themes[study][q.sub_theme]}' in {_rel(frame_path)}, not to '{q.theme}'",
            )
        kind = _str(getattr(q, "kind", ""))
        if kind not in KIND_FORM:
            found.add(quotes_path, row, "kind", "kind", f"'{kind}' is not a kind of quotation (known: {', '.join(KIND_FORM)})")
        elif q.form != KIND_FORM[kind]:
            found.add(quotes_path, row, "form", "kind-agrees", f"a {kind} quotation has form '{KIND_FORM[kind]}', not '{q.form}'")
        elif kind == "reported" and q.marking != "italics" and not QUOTED_FRAGMENT.search(str(q.text)):
            found.add(quotes_path, row, "text", "kind-agrees", "a reported quotation holds the participant's words in quotation marks; none found")
        elif kind == "paraphrase" and (q.marking != "unmarked" or speaker_codes(q.speaker_code) == [UNATTRIBUTED]):
            found.add(quotes_path, row, "kind", "kind-agrees", "a paraphrase is unmarked and names its participant by code")
        codes = speaker_codes(q.speaker_code)
        inferred = _str(q.speaker_code_inferred)
        described = _str(q.speaker_nationality_as_described)
        if codes == [UNATTRIBUTED]:
            if inferred and inferred not in known_codes[study]:
                found.add(
                    quotes_path, row, "speaker_code_inferred", "participant-code",
                    f"'{inferred}' is not a code in {_rel(PARTICIPANTS_CSV[study])} (column 'code')",
                )
            elif inferred and described and nationality.get(inferred) != described:
                found.add(
                    quotes_path, row, "speaker_code_inferred", "nationality-agrees",
                    f"'{inferred}' is {nationality.get(inferred)} in {_rel(PARTICIPANTS_CSV[study])}, but the source describes the speaker as {described}",
                )
        else:
            for code in codes:
                if code not in known_codes[study]:
                    found.add(
                        quotes_path, row, "speaker_code", "participant-code",
                        f"'{code}' is not a code in {_rel(PARTICIPANTS_CSV[study])} (column 'code'); "
                        f"a quote the source does not attribute uses '{UNATTRIBUTED}'",
                    )
            if inferred:
                found.add(quotes_path, row, "speaker_code_inferred", "only-if-unattributed", "must be empty when the source prints a code")
            if described:
                # The participants data says where an identified speaker is from; never retype it.
                found.add(quotes_path, row, "speaker_nationality_as_described", "only-if-unattributed", "must be empty when the source prints a code")
    found.raise_if_any()


def _attributes(study: str, code: str, participants: pd.DataFrame) -> dict:
    record = participants.loc[participants["code"] == code].iloc[0]
    fields = [[label, _str(record[column])] for column, label in ATTRIBUTE_COLUMNS[study] if not _blank(record[column])]
    group = record["affiliation"] if study == "china_uk" else record["nationality_group"]
    return {"code": code, "fields": fields, "country": COUNTRY_OF.get(str(group), str(group)), "data": f"data/{PARTICIPANTS_CSV[study].relative_to(DATA).as_posix()}"}


def build_records(quotes: pd.DataFrame, frames: dict[str, pd.DataFrame], participants: dict[str, pd.DataFrame]) -> list[dict]:
    """One display-ready record per quote, speaker attributes joined by code."""
    labels = {
        study: {
            "theme": dict(zip(frame["theme"], frame["theme_label"])),
            "sub_theme": dict(zip(frame["sub_theme"], frame["sub_theme_label"])),
        }
        for study, frame in frames.items()
    }
    records = []
    for q in quotes.itertuples(index=False):
        study = q.study
        codes = speaker_codes(q.speaker_code)
        attributed = codes != [UNATTRIBUTED]
        inferred = _str(q.speaker_code_inferred)
        people = [_attributes(study, c, participants[study]) for c in (codes if attributed else ([inferred] if inferred else []))]
        if people:
            countries = sorted({p["country"] for p in people})
        elif _str(q.speaker_nationality_as_described):
            countries = [COUNTRY_OF[q.speaker_nationality_as_described]]
        else:
            countries = [NOT_STATED]
        records.append(
            {
                "id": q.id,
                "anchor": f"q-{q.id}",
                "study": study,
                "study_label": STUDY_LABEL[study],
                "theme": q.theme,
                "theme_label": labels[study]["theme"][q.theme],
                "sub_theme": q.sub_theme,
                "sub_theme_label": labels[study]["sub_theme"][q.sub_theme],
                "text": q.text,
                "kind": q.kind,
                "kind_label": KIND_LABEL[q.kind],
                "form": q.form,
                "marking": q.marking,
                "speaker": {
                    "code_as_printed": q.speaker_code,
                    "attributed": attributed,
                    "as_printed": _str(q.speaker_as_printed),
                    "inferred_code": inferred,
                    "people": people,
                    "countries": countries,
                },
                "interview_language": q.interview_language,
                "source_file": q.source_file,
                "location": q.location,
                "page": _str(q.page),
                "source_lines": q.source_lines,
                "repairs": _str(q.repairs),
                "notes": _str(q.notes),
            }
        )
    return records


def frame_records(frames: dict[str, pd.DataFrame], quotes: pd.DataFrame) -> dict[str, list[dict]]:
    """Each study's themes in order, with sub-themes and quote counts from the data."""
    out: dict[str, list[dict]] = {}
    for study, frame in frames.items():
        mine = quotes[quotes["study"] == study]
        themes = []
        for theme, rows in frame.sort_values(["theme_order", "sub_theme_order"]).groupby("theme", sort=False):
            first = rows.iloc[0]
            subs = [
                {
                    "sub_theme": r.sub_theme,
                    "label": r.sub_theme_label,
                    "quote_ids": list(mine.loc[mine["sub_theme"] == r.sub_theme, "id"]),
                }
                for r in rows.itertuples(index=False)
            ]
            themes.append(
                {
                    "theme": theme,
                    "label": first["theme_label"],
                    "as_printed": first["theme_as_printed"],
                    "sub_themes": subs,
                    "quote_ids": list(mine.loc[mine["theme"] == theme, "id"]),
                }
            )
        out[study] = themes
    return out


def _checked(quotes, cu_frame, ku_frame, cu_people, ku_people):
    frames = {"china_uk": cu_frame, "korea_uk": ku_frame}
    participants = {"china_uk": cu_people, "korea_uk": ku_people}
    check_quotes(quotes, frames, participants)
    return frames, participants


@json_artifact("quotes", inputs=INPUTS)
def quote_bank(quotes, cu_frame, ku_frame, cu_people, ku_people) -> dict:
    frames, participants = _checked(quotes, cu_frame, ku_frame, cu_people, ku_people)
    return {
        "quotes": build_records(quotes, frames, participants),
        "frames": frame_records(frames, quotes),
        "study_labels": STUDY_LABEL,
    }


@values("quote_values", inputs=INPUTS)
def quote_values(quotes, cu_frame, ku_frame, cu_people, ku_people) -> dict[str, Value]:
    frames, _ = _checked(quotes, cu_frame, ku_frame, cu_people, ku_people)
    source = "data/quotes/quotes.csv"
    out = {"quotes_total": Value(len(quotes), str(len(quotes)), source)}
    for study, prefix in STUDY_PREFIX.items():
        mine = quotes[quotes["study"] == study]
        out[f"quotes_{study}"] = Value(len(mine), str(len(mine)), source)
        unattributed = int((mine["speaker_code"] == UNATTRIBUTED).sum())
        out[f"quotes_{study}_unattributed"] = Value(unattributed, str(unattributed), source)
        for kind in KIND_FORM:
            n = int((mine["kind"] == kind).sum())
            out[f"quotes_{study}_{kind}"] = Value(n, str(n), source)
        for theme in frames[study]["theme"].unique():
            n = int((mine["theme"] == theme).sum())
            out[f"quotes_{prefix}_{theme.replace('-', '_')}"] = Value(n, str(n), source)
    return out


def _frame_table(frame: pd.DataFrame, quotes: pd.DataFrame, study: str) -> pd.DataFrame:
    mine = quotes[quotes["study"] == study]
    counts = mine.groupby("sub_theme").size()
    ordered = frame.sort_values(["theme_order", "sub_theme_order"])
    return pd.DataFrame(
        {
            "Theme": ordered["theme_label"],
            "Sub-theme": ordered["sub_theme_label"],
            "Quotations": [int(counts.get(s, 0)) for s in ordered["sub_theme"]],
        }
    )


@table(
    "china_uk_coding_frame_table",
    inputs=INPUTS,
    title="Coding frame of the China-UK interviews, with the number of quotations per sub-theme",
    caption="Themes and sub-themes as in the study's summary of qualitative findings; counts are of the quotations in the quote bank.",
)
def china_uk_frame_table(quotes, cu_frame, ku_frame, cu_people, ku_people) -> pd.DataFrame:
    _checked(quotes, cu_frame, ku_frame, cu_people, ku_people)
    return _frame_table(cu_frame, quotes, "china_uk")


@table(
    "korea_uk_coding_frame_table",
    inputs=INPUTS,
    title="Analytical categories of the Korea-UK article, with the number of quotations per category",
    caption="Categories read from the article's theory and results sections; counts are of the quotations in the quote bank.",
)
def korea_uk_frame_table(quotes, cu_frame, ku_frame, cu_people, ku_people) -> pd.DataFrame:
    _checked(quotes, cu_frame, ku_frame, cu_people, ku_people)
    return _frame_table(ku_frame, quotes, "korea_uk")


# --- verbatim check: used by tests/integration/test_quotes.py -------------------------------------

def normalise_source(text: str) -> str:
    """Collapse whitespace and drop the slides' Markdown italic markers."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def repairs_of(cell: str) -> list[tuple[str, str]]:
    """Parse 'as extracted => as printed | ...' into pairs."""
    pairs = []
    for item in (cell or "").split("|"):
        if item.strip():
            extracted, _, printed = item.partition("=>")
            pairs.append((extracted.strip(), printed.strip()))
    return pairs


def source_passage(source_text: str, source_lines: str, repairs: str) -> str:
    """The named lines of a source, normalised and repaired as the record documents."""
    first, _, last = source_lines.partition("-")
    lines = source_text.splitlines()[int(first) - 1 : int(last or first)]
    passage = normalise_source(" ".join(lines))
    for extracted, printed in repairs_of(repairs):
        if extracted not in passage:
            raise ValueError(f"repair '{extracted} => {printed}' does not match lines {source_lines}")
        passage = passage.replace(extracted, printed)
    return passage
