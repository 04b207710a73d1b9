"""The audit's checks of what the sources print around their numbers: row counts against
titles, table and figure labels, country labels without an ISO code, and the article's
stated number of interviewees against its tables' rows.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.audit_rules import Finding

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twenty": 20}


def _select(frame: pd.DataFrame, selection) -> pd.DataFrame:
    if selection is None or (not isinstance(selection, str) and pd.isna(selection)) or not selection:
        return frame
    mask = pd.Series(True, index=frame.index)
    for condition in selection.split(";"):
        negate = "!=" in condition
        column, value = condition.split("!=" if negate else "=", 1)
        column_values = frame[column].astype(str)
        mask &= (column_values != value) if negate else (column_values == value)
    return frame[mask]


def _number_in_title(title: str) -> int | None:
    """The row count a title promises ("Ten most cited", "Top ten funding"); None if it promises none."""
    words = "|".join(NUMBER_WORDS)
    match = re.search(rf"\b({words})\s+(?:most|biggest|largest|funding|countries)\b", title, flags=re.IGNORECASE)
    return NUMBER_WORDS[match.group(1).lower()] if match else None


def check_rows_against_titles(source_tables: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> list[Finding]:
    findings = []
    for t in source_tables.itertuples():
        stated = _number_in_title(t.title_as_printed)
        if stated is None or t.dataset not in frames:
            continue
        rows = _select(frames[t.dataset], t.selection)
        if len(rows) != stated:
            findings.append(Finding(
                t.dataset, t.label_as_printed if isinstance(t.label_as_printed, str) else "(no label)",
                t.selection.replace(";", ", ") if isinstance(t.selection, str) else "all rows", "rows_against_title",
                f"{len(rows)} rows", f"{stated} rows ('{t.title_as_printed}')",
            ))
    return findings


def check_labels(source_tables: pd.DataFrame, figures: pd.DataFrame) -> list[Finding]:
    findings = []
    labelled = [("table", r.label_as_printed, r.title_as_printed, r.dataset) for r in source_tables.itertuples() if isinstance(r.label_as_printed, str)]
    labelled += [("figure", r.label_as_printed, r.caption_as_printed, "source_figures") for r in figures.sort_values("position").itertuples()]
    for kind in ("table", "figure"):
        mine = [x for x in labelled if x[0] == kind]
        counts = pd.Series([x[1] for x in mine]).value_counts()
        for label, n in counts.items():
            if n > 1:
                titles = [x[2] for x in mine if x[1] == label]
                findings.append(Finding(
                    ", ".join(sorted({x[3] for x in mine if x[1] == label})), label, "; ".join(titles), "repeated_label",
                    f"{label} printed {n} times", "each label once",
                ))
        numbers = sorted({int(m.group(1)) for x in mine if (m := re.search(r"(\d+)$", x[1]))})
        unnumbered = [x for x in mine if not re.search(r"\d+$", x[1])]
        for x in unnumbered:
            findings.append(Finding(x[3], x[1], x[2], "label_sequence", f"'{x[1]}' without a number", f"a numbered {kind} label"))
        if numbers:
            missing = [n for n in range(1, numbers[-1] + 1) if n not in numbers]
            if missing:
                findings.append(Finding(
                    ", ".join(sorted({x[3] for x in mine})), f"{kind.title()}s {numbers[0]}-{numbers[-1]}", "all labelled " + kind + "s",
                    "label_sequence", f"numbers printed: {', '.join(map(str, numbers))}",
                    f"{kind}s {', '.join(map(str, missing))} do not appear",
                ))
        order = [int(m.group(1)) for x in mine if (m := re.search(r"(\d+)$", x[1]))]
        for before, after in zip(order, order[1:]):
            if after < before:
                findings.append(Finding(
                    ", ".join(sorted({x[3] for x in mine})), f"{kind.title()} {after}", f"printed after {kind.title()} {before}",
                    "label_sequence", f"{kind.title()} {before} then {kind.title()} {after}", "numbers that rise through the deck",
                ))
    return findings


def check_codes(citations, funding) -> list[Finding]:
    findings = []
    for r in citations[citations["country_code"].isna()].itertuples():
        findings.append(Finding("china_uk_citation_sources", r.table_as_printed, f"{r.group}, {r.period}: rank {int(r.rank)}", "no_iso_code",
                                f"'{r.country_as_printed}'", "an ISO 3166-1 alpha-3 code (FIL could be PHL, the Philippines, or FIN, Finland)"
                                if r.country_as_printed == "FIL" else "an ISO 3166-1 alpha-3 code"))
    for label, rows in funding[funding["funder_country_code"].isna()].groupby("funder_country_as_printed"):
        findings.append(Finding("china_uk_funding_agencies", ", ".join(sorted(rows["table_as_printed"].unique())),
                                "; ".join(rows["agency_as_printed"]), "no_iso_code", f"'{label}'",
                                "a country code (the European Union has none in ISO 3166-1)"))
    return findings


def check_interviewee_counts(people: pd.DataFrame, stated: pd.DataFrame) -> list[Finding]:
    findings = []
    for s in stated.itertuples():
        tables = s.tables.split("; ")
        rows = people[people["source_table"].isin(tables) & (people["nationality_group"] == s.nationality_group)]
        if len(rows) != int(s.count_stated):
            findings.append(Finding(
                "korea_uk_interviewees", ", ".join(tables), f"{s.nationality_group}: {', '.join(rows['code'])}", "interviewee_count",
                f"{len(rows)} coded rows", f"{int(s.count_stated)} ('{s.statement_as_printed}')",
            ))
    return findings
