"""Count papers into the study's series and write them as datasets (CSV + descriptor).

Only counters are kept, so memory grows with the number of groups, years,
countries and agencies, not with the number of records; the one exception is
the set of record keys used to drop duplicates (8 bytes of hash per record)
and the index of cited papers (only the China, UK and China-UK groups).
"""
from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.bibliometrics import funders as funder_rules
from analysis.bibliometrics.papers import (
    CATEGORIES,
    CITED_GROUPS,
    CSSCI_CATEGORIES,
    GROUPS,
    PERIODS,
    WHOLE_PERIOD,
    YEARS,
    Paper,
    cited_ref_keys,
    period_of,
)

TOP_AGENCIES = 20
PAPERS_BY_YEAR = "bibliometric_papers_by_year"
CITATION_SOURCES = "bibliometric_citation_sources_by_period"
FUNDING_AGENCIES = "bibliometric_funding_agencies"
EXPORT_FILES = "bibliometric_export_files"

SOURCE = {
    "title": "Raw Web of Science (SSCI) and CSSCI exports, aggregated by analysis.bibliometrics",
    "path": "data/raw/ (not published; see data/raw/README.md)",
}
LICENSE = [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (these aggregate counts)"}]


def _digest(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


@dataclass
class Aggregates:
    papers: Counter = field(default_factory=Counter)  # (group, category, year) -> papers
    groups_seen: set = field(default_factory=set)
    agencies: dict = field(default_factory=lambda: defaultdict(Counter))  # group -> agency key -> papers
    agency_spellings: dict = field(default_factory=lambda: defaultdict(Counter))
    cited_index: dict = field(default_factory=dict)  # DOI or reference key -> {(group, period)}
    citing: Counter = field(default_factory=Counter)  # (group, period, country) -> citing records
    citing_totals: Counter = field(default_factory=Counter)  # (group, period) -> citing records
    seen: set = field(default_factory=set)
    seen_citing: set = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)  # what happened to papers, for the summary

    # -- source papers ---------------------------------------------------------
    def add_paper(self, paper: Paper) -> None:
        digest = _digest(paper.key)
        if digest in self.seen:
            self.counts["duplicate records (same UT or CSSCI record), counted once"] += 1
            return
        self.seen.add(digest)
        if paper.year is None:
            self.counts["papers without a publication year (PY), not in the yearly series"] += 1
            return
        if paper.year not in YEARS:
            self.counts[f"papers outside {YEARS[0]}-{YEARS[-1]}, not in the yearly series"] += 1
            return
        if not paper.groups:
            self.counts["papers in none of the study's subject groups (SC/WC), not counted"] += 1
            return
        self.counts["papers counted"] += 1
        for group in paper.groups:
            self.groups_seen.add(group)
            for category in paper.categories:
                self.papers[(group, category, paper.year)] += 1
        keys = {}
        for name in paper.agencies:
            keys.setdefault(funder_rules.agency_key(name), name)
        for key, name in keys.items():
            self.agency_spellings[key][name] += 1
            for group in paper.groups:
                self.agencies[group][key] += 1
        cited_groups = [g for g in paper.groups if g in CITED_GROUPS]
        period = period_of(paper.year)
        if cited_groups and period:
            entry = {(g, period) for g in cited_groups}
            for key in (paper.doi and f"doi:{paper.doi}", paper.ref_key and f"ref:{paper.ref_key}"):
                if key:
                    self.cited_index.setdefault(key, set()).update(entry)

    # -- citing papers ---------------------------------------------------------
    def add_citing(self, paper: Paper) -> None:
        digest = _digest(paper.key)
        if digest in self.seen_citing:
            self.counts["duplicate citing records, counted once"] += 1
            return
        self.seen_citing.add(digest)
        hits: set = set()
        for reference in paper.cited:
            doi, key = cited_ref_keys(reference)
            for k in (doi and f"doi:{doi}", key and f"ref:{key}"):
                if k and k in self.cited_index:
                    hits |= self.cited_index[k]
        if not hits:
            self.counts["citing records that cite none of the exported China, UK or China-UK papers"] += 1
            return
        self.counts["citing records matched to cited papers"] += 1
        hits |= {(g, WHOLE_PERIOD) for g, _ in hits}
        for group, period in hits:
            self.citing_totals[(group, period)] += 1
            for country in paper.countries or {"?"}:
                self.citing[(group, period, country)] += 1

    # -- output ----------------------------------------------------------------
    def papers_rows(self) -> list[dict]:
        rows = []
        for group in sorted(self.groups_seen, key=list(GROUPS).index):
            categories = CSSCI_CATEGORIES if group.startswith("cssci") else tuple(CATEGORIES)
            for category in categories:
                share_of = CATEGORIES[category]
                for year in YEARS:
                    n = self.papers[(group, category, year)]
                    d = self.papers[(group, share_of, year)]
                    rows.append(
                        {
                            "group": group,
                            "category": category,
                            "year": year,
                            "papers": n,
                            "share_of": share_of,
                            "share_of_papers": d,
                            "share": round(n / d, 6) if d else "",
                        }
                    )
        return rows

    def citation_rows(self) -> list[dict]:
        rows = []
        for group in CITED_GROUPS:
            for period in (*PERIODS, WHOLE_PERIOD):
                total = self.citing_totals[(group, period)]
                if not total:
                    continue
                ranked = sorted(
                    ((c, n) for (g, p, c), n in self.citing.items() if g == group and p == period),
                    key=lambda item: (-item[1], item[0]),
                )
                for rank, (country, n) in enumerate(ranked, start=1):
                    rows.append(
                        {
                            "group": group,
                            "period": period,
                            "rank": rank,
                            "country_code": country,
                            "country_or_region": _country_name(country),
                            "citing_records": n,
                            "all_citing_records": total,
                            "share": round(n / total, 6),
                        }
                    )
        return rows

    def agency_rows(self, funders=None) -> list[dict]:
        funders = funders or funder_rules.default_rules()
        rows = []
        for group in sorted(self.agencies, key=list(GROUPS).index):
            group_papers = sum(self.papers[(group, "all", y)] for y in YEARS)
            ranked = sorted(self.agencies[group].items(), key=lambda item: (-item[1], item[0]))[:TOP_AGENCIES]
            for rank, (key, n) in enumerate(ranked, start=1):
                name = self.agency_spellings[key].most_common(1)[0][0]
                country = "CHN" if group.startswith("cssci") else funders.country(name)
                rows.append(
                    {
                        "group": group,
                        "rank": rank,
                        "agency": name,
                        "agency_country": country,
                        "papers": n,
                        "group_papers": group_papers,
                        "share": round(n / group_papers, 6) if group_papers else "",
                    }
                )
        return rows


def _country_name(code: str) -> str:
    if code.startswith("?"):
        return f"unknown ({code[1:] or 'no address'})"
    import pycountry

    special = {"HKG": "Hong Kong", "MAC": "Macau", "TWN": "Taiwan", "CHN": "Mainland China", "GBR": "United Kingdom", "USA": "United States"}
    if code in special:
        return special[code]
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


# ---------------------------------------------------------------------------
# Writing datasets
# ---------------------------------------------------------------------------


def _write_csv(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _write_descriptor(path: Path, descriptor: dict) -> None:
    text = "# Frictionless Data resource descriptor, written by `python -m analysis.bibliometrics`.\n"
    text += yaml.safe_dump(descriptor, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def _descriptor(name: str, title: str, description: str, notes: list[str], fields: list[dict], key: list[str]) -> dict:
    return {
        "path": f"{name}.csv",
        "title": title,
        "description": description,
        "sources": [SOURCE],
        "licenses": LICENSE,
        "notes": notes,
        "schema": {"fields": fields, "primaryKey": key},
    }


def write_datasets(agg: Aggregates, out: Path, files: list[dict], run_notes: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    group_enum = list(GROUPS)
    papers_fields = [
        {"name": "group", "type": "string", "title": "Group of papers", "description": "; ".join(f"{k}: {v}" for k, v in GROUPS.items()), "constraints": {"required": True, "enum": group_enum}},
        {"name": "category", "type": "string", "title": "Category", "description": "Type of paper within the group (see analysis/bibliometrics/papers.py).", "constraints": {"required": True, "enum": list(CATEGORIES)}},
        {"name": "year", "type": "integer", "title": "Publication year", "constraints": {"required": True, "minimum": YEARS[0], "maximum": YEARS[-1]}},
        {"name": "papers", "type": "integer", "title": "Papers", "unit": "papers", "constraints": {"required": True, "minimum": 0}},
        {"name": "share_of", "type": "string", "title": "Share of", "description": "The category whose papers (same group and year) the share is taken of.", "constraints": {"required": True, "enum": sorted(set(CATEGORIES.values()))}},
        {"name": "share_of_papers", "type": "integer", "title": "Papers in that category", "unit": "papers", "constraints": {"required": True, "minimum": 0}},
        {"name": "share", "type": "number", "title": "Share", "description": "papers / share_of_papers; empty when there are no papers to take a share of.", "unit": "fraction", "constraints": {"minimum": 0, "maximum": 1}},
    ]
    spec = [
        (
            PAPERS_BY_YEAR,
            "Papers by year, group and category, from raw exports",
            "Yearly counts (2001-2020) of papers in each group of the China-UK study (world, mainland China, UK and China-UK; social science and education; CSSCI) and in each category: domestic only, internationally collaborated, China-UK, led by China, the UK or another country (first author's address), and funded by Chinese or UK agencies.",
            papers_fields,
            ["group", "category", "year"],
            agg.papers_rows(),
        ),
        (
            CITATION_SOURCES,
            "Source countries of citations by period, from raw exports",
            "For each group, the countries and regions of the papers that cite the group's papers, by the period in which the cited papers appeared: citing records with at least one address in the country, and their share of all citing records (a record with several countries counts for each, so shares can add up to more than 1).",
            [
                {"name": "group", "type": "string", "title": "Group of cited papers", "constraints": {"required": True, "enum": list(CITED_GROUPS)}},
                {"name": "period", "type": "string", "title": "Period of the cited papers", "constraints": {"required": True, "enum": [*PERIODS, WHOLE_PERIOD]}},
                {"name": "rank", "type": "integer", "title": "Rank", "constraints": {"required": True, "minimum": 1}},
                {"name": "country_code", "type": "string", "title": "Country code", "description": "ISO 3166-1 alpha-3 (Hong Kong, Macau and Taiwan separate from mainland China); '?' followed by the address text when no rule knows it.", "constraints": {"required": True}},
                {"name": "country_or_region", "type": "string", "title": "Country or region", "constraints": {"required": True}},
                {"name": "citing_records", "type": "integer", "title": "Citing records", "unit": "records", "constraints": {"required": True, "minimum": 1}},
                {"name": "all_citing_records", "type": "integer", "title": "All citing records", "unit": "records", "constraints": {"required": True, "minimum": 1}},
                {"name": "share", "type": "number", "title": "Share of all citing records", "unit": "fraction", "constraints": {"required": True, "minimum": 0, "maximum": 1}},
            ],
            ["group", "period", "rank"],
            agg.citation_rows(),
        ),
        (
            FUNDING_AGENCIES,
            f"Top {TOP_AGENCIES} funding agencies of each group, from raw exports",
            "Papers (2001-2020) acknowledging each funding agency of the FU field (CSSCI: the 基金 field), the agency's country or region, and its share of all the group's papers.",
            [
                {"name": "group", "type": "string", "title": "Group of papers", "constraints": {"required": True, "enum": group_enum}},
                {"name": "rank", "type": "integer", "title": "Rank", "constraints": {"required": True, "minimum": 1, "maximum": TOP_AGENCIES}},
                {"name": "agency", "type": "string", "title": "Funding agency", "description": "Most frequent spelling of the agency in the exports.", "constraints": {"required": True}},
                {"name": "agency_country", "type": "string", "title": "Country or region of the agency", "description": "By data/bibliometrics/funder_rules.csv; 'unclassified' when no rule matched.", "constraints": {"required": True}},
                {"name": "papers", "type": "integer", "title": "Papers", "unit": "papers", "constraints": {"required": True, "minimum": 1}},
                {"name": "group_papers", "type": "integer", "title": "All papers of the group", "unit": "papers", "constraints": {"required": True, "minimum": 1}},
                {"name": "share", "type": "number", "title": "Share of the group's papers", "unit": "fraction", "constraints": {"required": True, "minimum": 0, "maximum": 1}},
            ],
            ["group", "rank"],
            agg.agency_rows(),
        ),
        (
            EXPORT_FILES,
            "Raw export files read, with records in, out and rejected",
            "One row per raw export file read to make the aggregate datasets beside this one: its format and what happened to its records.",
            [
                {"name": "file", "type": "string", "title": "File (relative to the export folder)", "constraints": {"required": True, "unique": True}},
                {"name": "role", "type": "string", "title": "Role", "constraints": {"required": True, "enum": ["papers", "citing"]}},
                {"name": "format", "type": "string", "title": "Format", "constraints": {"required": True}},
                {"name": "records_in", "type": "integer", "title": "Records in", "constraints": {"required": True, "minimum": 0}},
                {"name": "records_out", "type": "integer", "title": "Records out", "constraints": {"required": True, "minimum": 0}},
                {"name": "records_rejected", "type": "integer", "title": "Records rejected", "constraints": {"required": True, "minimum": 0}},
            ],
            ["file"],
            files,
        ),
    ]
    for name, title, description, fields, key, rows in spec:
        csv_path = out / f"{name}.csv"
        _write_csv(csv_path, [f["name"] for f in fields], rows)
        _write_descriptor(out / f"{name}.resource.yaml", _descriptor(name, title, description, run_notes, fields, key))
        written.append(csv_path)
    return written
