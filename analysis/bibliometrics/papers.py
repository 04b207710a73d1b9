"""From one raw record to one paper: year, addresses, countries, first author, funding, groups.

Which field decides the first author's country
----------------------------------------------
The first author's affiliation is read from the C1 field (author addresses),
not from RP (reprint, i.e. corresponding, address). RP names the
corresponding author, who is often not the first author, so "led by" would
then mean "corresponded by". Since 2008 each C1 address starts with the
authors it belongs to (``[Yu, Kexin; Wang, Li] Univ Oxford, ...``): the first
author's address is the first C1 address whose list holds the first author.
Before 2008 C1 has no author lists; Web of Science then lists addresses in
author order, so the first C1 address is taken. RP is used only when a
record has no C1 at all and RP names the first author. A first author with
several addresses is assigned the country of the first one listed.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from analysis.bibliometrics import countries as country_rules
from analysis.bibliometrics import funders as funder_rules
from analysis.bibliometrics.readers import Record, split_list

YEARS = range(2001, 2021)
PERIODS = ("2001-2005", "2006-2010", "2011-2015", "2016-2020")
WHOLE_PERIOD = "2001-2020"

# The SU= terms of the study's social-science search strings (SSCI datasets 1, 3, 4),
# matched against a record's research areas (SC) and Web of Science categories (WC).
SOCIAL_SCIENCE_AREAS = frozenset(
    a.upper()
    for a in (
        "Business", "Business, Finance", "Economics", "Hospitality, Leisure, Sport & Tourism",
        "Industrial Relations & Labor", "Management", "Planning & Development", "Development Studies",
        "Cultural Studies", "Demography", "Social Issues", "Social Sciences, Biomedical",
        "Social Sciences, Interdisciplinary", "Social Work", "Area Studies", "Asian Studies", "Urban Studies",
        "Communication", "Education & Educational Research", "Education, Special",
        "Information Science & Library Science", "Education, Scientific Disciplines", "Law",
        "Criminology & Penology", "International Relations", "Political Science", "Public Administration",
    )
)
# SU=(Education & Educational Research), the education datasets (SSCI 2, 5, 6, 7).
EDUCATION_AREA = "EDUCATION & EDUCATIONAL RESEARCH"

# Groups of papers, as the study's datasets define them.
GROUPS = {
    "world_social_science": "World social science papers (SSCI)",
    "world_education": "World education papers (SSCI)",
    "china_social_science": "Mainland China-participated social science papers (SSCI)",
    "uk_social_science": "UK-participated social science papers (SSCI)",
    "china_uk_social_science": "China-UK social science papers (SSCI)",
    "china_education": "Mainland China-participated education papers (SSCI)",
    "uk_education": "UK-participated education papers (SSCI)",
    "china_uk_education": "China-UK education papers (SSCI)",
    "cssci_all": "All CSSCI papers",
    "cssci_education": "CSSCI education papers",
}
# Groups whose citations are counted (the study's citation tables).
CITED_GROUPS = ("china_education", "uk_education", "china_uk_education")

# Categories of a paper within a group, each with the category its share is taken of.
CATEGORIES = {
    "all": "all",
    "domestic_only": "all",
    "international": "all",
    "no_address": "all",
    "china_uk": "all",
    "international_led_by_china": "international",
    "international_led_by_uk": "international",
    "international_led_by_other": "international",
    "international_lead_unknown": "international",
    "china_uk_led_by_china": "china_uk",
    "china_uk_led_by_uk": "china_uk",
    "china_uk_led_by_other": "china_uk",
    "china_uk_lead_unknown": "china_uk",
    "funded": "all",
    "funded_by_china": "all",
    "funded_by_uk": "all",
    "funded_by_china_and_uk": "all",
}
CSSCI_CATEGORIES = ("all", "funded")

_DOI = re.compile(r"DOI \[?(10\.[^,\]\s]+)", re.IGNORECASE)
_CR_VOLUME = re.compile(r"^V(\S+)$")
_CR_PAGE = re.compile(r"^P(\S+)$")
_NAME_KEY = re.compile(r"[^A-Z ]+")
_RP_ROLE = re.compile(r"\s*\((?:corresponding|reprint) author\),?\s*", re.IGNORECASE)
_CSSCI_YEAR = re.compile(r"^\s*(\d{4})")
_CSSCI_GRANT = re.compile(r"\s*[\(（][^\)）]*[\)）]\s*$")
_CSSCI_EDUCATION_CLC = re.compile(r"^G[4-7]")


@dataclass(slots=True)
class Paper:
    key: str
    year: int | None
    addresses: list[str]
    countries: frozenset[str]
    first_author: str
    lead_country: str | None
    agencies: list[str]
    agency_countries: frozenset[str]
    groups: list[str]
    categories: list[str]
    doi: str = ""
    ref_key: str = ""
    cited: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# The extraction the benchmark times: addresses, year, first author, funding
# ---------------------------------------------------------------------------


def wos_year(record: Record) -> int | None:
    value = record.first("PY") or record.first("EY")
    return int(value) if value.isdigit() else None


def wos_addresses(record: Record) -> list[tuple[str, str]]:
    """(authors named for the address, as written, "; "-separated; address) for each C1
    address; the authors are empty before 2008, when C1 had no author lists."""
    out = []
    for entry in record.values("C1"):
        if entry[:1] == "[":
            end = entry.find("]")
            if end != -1:
                out.append((entry[1:end], entry[end + 1 :].strip()))
                continue
        out.append(("", entry.strip()))
    return out


def wos_reprint_addresses(record: Record) -> list[tuple[str, str]]:
    """(author, address) of each RP entry."""
    out = []
    for entry in record.values("RP"):
        for part in split_list(entry):
            out.append(_split_rp(part))
    return out


def _split_rp(part: str) -> tuple[str, str]:
    m = _RP_ROLE.search(part)
    if not m:
        return "", part
    return part[: m.start()].strip(), part[m.end() :].strip()


def wos_first_author(record: Record) -> str:
    return record.first("AF") or record.first("AU")


def wos_funding(record: Record) -> list[str]:
    agencies = []
    for entry in record.values("FU"):
        agencies.extend(funder_rules.agency_name(p) for p in split_list(entry))
    return [a for a in agencies if a]


def extract_wos(record: Record) -> tuple[list[tuple[list[str], str]], int | None, str, list[str]]:
    """The fields the study's categories need, as the benchmark compares them."""
    return wos_addresses(record), wos_year(record), wos_first_author(record), wos_funding(record)


# ---------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------


def _same_author(a: str, b: str) -> bool:
    return " ".join(a.upper().replace(".", " ").replace(",", " ").split()) == " ".join(b.upper().replace(".", " ").replace(",", " ").split())


def lead_country(first_author: str, addresses, reprints, countries) -> str | None:
    if addresses:
        if first_author:
            for authors, address in addresses:
                if authors and any(_same_author(first_author, a) for a in authors.split(";")):
                    return countries(address)
        if not any(authors for authors, _ in addresses):
            return countries(addresses[0][1])
        return None
    for author, address in reprints:
        if first_author and author and _same_author_short(first_author, author):
            return countries(address)
    return None


def _same_author_short(full: str, short: str) -> bool:
    """'Yu, Kexin' (AF) and 'Yu, K' (RP) are the same author: surname and first initial agree."""
    fs, _, fg = full.partition(",")
    ss, _, sg = short.partition(",")
    return fs.strip().upper() == ss.strip().upper() and fg.strip()[:1].upper() == sg.strip()[:1].upper()


def subject_flags(record: Record) -> tuple[bool, bool]:
    """(social science, education) by the study's SU= terms."""
    areas = set()
    for tag in ("SC", "WC"):
        for value in record.values(tag):
            areas.update(a.strip().upper() for a in value.split(";"))
    return bool(areas & SOCIAL_SCIENCE_AREAS), EDUCATION_AREA in areas


def classify_wos(record: Record, countries=None, funders=None) -> Paper:
    countries = countries or country_rules.default_rules()
    funders = funders or funder_rules.default_rules()
    addresses, year, first_author, agencies = extract_wos(record)
    reprints = wos_reprint_addresses(record)
    address_list = [a for _, a in addresses] or [a for _, a in reprints]
    codes = frozenset(countries(a) for a in address_list)
    lead = lead_country(first_author, addresses, reprints, countries)
    if not first_author and record.first("AU"):
        first_author = record.first("AU")
    agency_codes = frozenset(funders.country(a) for a in agencies)
    is_ss, is_edu = subject_flags(record)
    china, uk = country_rules.MAINLAND_CHINA in codes, country_rules.UK in codes
    groups = []
    for flag, stem in ((is_ss, "social_science"), (is_edu, "education")):
        if not flag:
            continue
        groups.append(f"world_{stem}")
        if china:
            groups.append(f"china_{stem}")
        if uk:
            groups.append(f"uk_{stem}")
        if china and uk:
            groups.append(f"china_uk_{stem}")
    categories = ["all"]
    if not codes:
        categories.append("no_address")
    elif len(codes) == 1:
        categories.append("domestic_only")
    else:
        categories.append("international")
        categories.append(f"international_{_lead_label(lead)}")
    if china and uk:
        categories.append("china_uk")
        categories.append(f"china_uk_{_lead_label(lead)}")
    if agencies:
        categories.append("funded")
        by_china = country_rules.MAINLAND_CHINA in agency_codes
        by_uk = country_rules.UK in agency_codes
        if by_china:
            categories.append("funded_by_china")
        if by_uk:
            categories.append("funded_by_uk")
        if by_china and by_uk:
            categories.append("funded_by_china_and_uk")
    return Paper(
        key=record.first("UT") or f"{record.path}:{record.line}",
        year=year,
        addresses=address_list,
        countries=codes,
        first_author=first_author,
        lead_country=lead,
        agencies=agencies,
        agency_countries=agency_codes,
        groups=groups,
        categories=categories,
        doi=record.first("DI").lower(),
        ref_key=source_ref_key(record),
        cited=record.values("CR"),
    )


def _lead_label(lead: str | None) -> str:
    if lead is None:
        return "lead_unknown"
    if lead == country_rules.MAINLAND_CHINA:
        return "led_by_china"
    if lead == country_rules.UK:
        return "led_by_uk"
    return "led_by_other"


def _name_key(author: str) -> str:
    """'Yu, K' / 'Yu K' / 'YU K' -> 'YU K' (surname and initials as cited references write them)."""
    surname, _, given = author.partition(",")
    if not _:
        return _NAME_KEY.sub("", author.upper()).strip()
    initials = "".join(ch for ch in given.upper() if ch.isalpha())
    return f"{_NAME_KEY.sub('', surname.upper()).strip()} {initials}".strip()


def source_ref_key(record: Record) -> str:
    """How a cited reference would name this paper: first author, year, volume, first page."""
    author, year, volume, page = record.first("AU"), record.first("PY"), record.first("VL"), record.first("BP")
    if not (author and year and volume and page):
        return ""
    return f"{_name_key(author)}|{year}|{volume.upper()}|{page.upper()}"


def cited_ref_keys(reference: str) -> tuple[str, str]:
    """(DOI, key) of one cited reference: 'Yu K, 2019, COMP EDUC, V128, P1, DOI 10.1/x'."""
    doi_match = _DOI.search(reference)
    doi = doi_match.group(1).lower().rstrip(".") if doi_match else ""
    parts = [p.strip() for p in reference.split(",")]
    key = ""
    if len(parts) >= 4 and parts[1].isdigit():
        volume = next((m.group(1) for p in parts[2:] if (m := _CR_VOLUME.match(p))), "")
        page = next((m.group(1) for p in parts[2:] if (m := _CR_PAGE.match(p))), "")
        if volume and page:
            key = f"{_name_key(parts[0])}|{parts[1]}|{volume.upper()}|{page.upper()}"
    return doi, key


# ---------------------------------------------------------------------------
# CSSCI
# ---------------------------------------------------------------------------


def classify_cssci(record: Record) -> Paper:
    title = record.first("来源篇名")
    issue = record.first("年代卷期")
    year_match = _CSSCI_YEAR.match(issue)
    authors = [a for a in record.first("来源作者").split("/") if a.strip()]
    first_author = record.first("第一作者") or (authors[0] if authors else "")
    agencies = [_CSSCI_GRANT.sub("", a).strip() for a in record.first("基金").split("/") if a.strip()]
    key_source = "\x1f".join((title, first_author, issue, record.first("期刊")))
    key = "CSSCI:" + hashlib.blake2b(key_source.encode(), digest_size=10).hexdigest()
    subject = " ".join(record.values("学科分类"))
    clc = record.first("中图类号")
    education = "教育" in subject or bool(_CSSCI_EDUCATION_CLC.match(clc))
    groups = ["cssci_all"] + (["cssci_education"] if education else [])
    categories = ["all"] + (["funded"] if agencies else [])
    return Paper(
        key=key,
        year=int(year_match.group(1)) if year_match else None,
        addresses=[a.strip() for a in record.first("机构名称").split("/") if a.strip()],
        countries=frozenset(),
        first_author=first_author,
        lead_country=None,
        agencies=agencies,
        agency_countries=frozenset(),
        groups=groups,
        categories=categories,
    )


def period_of(year: int) -> str | None:
    for period in PERIODS:
        start, end = (int(y) for y in period.split("-"))
        if start <= year <= end:
            return period
    return None
