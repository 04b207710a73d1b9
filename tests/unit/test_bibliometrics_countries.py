"""Country rules: every rule's own example, and the study's definitions case by case."""
from __future__ import annotations

import csv

import pytest

from analysis import datasets
from analysis.bibliometrics.countries import RULES_CSV, CountryRules, RuleError, load_rules, normalise
from analysis.bibliometrics.papers import EDUCATION_AREA, SOCIAL_SCIENCE_AREAS

RULES = CountryRules(load_rules())
ROWS = list(csv.DictReader(RULES_CSV.open(encoding="utf-8")))


@pytest.mark.parametrize("row", ROWS, ids=[f"rule{r['order']}" for r in ROWS])
def test_every_rule_example_is_decided_by_that_rule(row):
    assert RULES(row["example_address"]) == row["country_code"]
    assert RULES.rule_for(row["example_address"]).order == int(row["order"])


CASES = [
    # Mainland China: an address in China outside Hong Kong, Macau and Taiwan
    ("Beijing Normal Univ, Fac Educ, Beijing 100875, Peoples R China.", "CHN"),
    ("[Wang, Dan] East China Normal Univ, Shanghai 200062, Peoples R China.", "CHN"),
    ("Some Inst, Beijing, P R China", "CHN"),
    ("Some Inst, Beijing, China", "CHN"),
    # "..., Hong Kong, Peoples R China" is Hong Kong, not mainland China
    ("Univ Hong Kong, Fac Educ, Pokfulam, Hong Kong, Peoples R China.", "HKG"),
    ("Chinese Univ Hong Kong, Dept Educ Adm & Policy, Shatin, Hong Kong, Peoples R China", "HKG"),
    ("Educ Univ Hong Kong, Tai Po, Hong Kong", "HKG"),
    # ... but an institution named after Hong Kong with a campus on the mainland is mainland China
    ("Hong Kong Univ Sci & Technol, Shenzhen Res Inst, Shenzhen, Peoples R China", "CHN"),
    ("Univ Macau, Fac Educ, Taipa, Macau, Peoples R China", "MAC"),
    ("Macao Polytech Univ, Macao, Peoples R China", "MAC"),
    ("Natl Taiwan Normal Univ, Taipei 106, Taiwan", "TWN"),
    ("Natl Chengchi Univ, Taipei, Taiwan, Peoples R China", "TWN"),
    # The UK: England, Scotland, Wales, Northern Ireland
    ("Univ Oxford, Dept Educ, Oxford OX2 6PY, England.", "GBR"),
    ("Univ Edinburgh, Edinburgh EH8 8AQ, Midlothian, Scotland", "GBR"),
    ("Cardiff Univ, Cardiff CF10 3WT, S Glam, Wales", "GBR"),
    ("Queens Univ Belfast, Belfast BT9 5EE, Antrim, North Ireland", "GBR"),
    ("Ulster Univ, Coleraine, Northern Ireland", "GBR"),
    # New South Wales is Australia, however it is written
    ("Univ Sydney, Sydney, NSW 2006, Australia", "AUS"),
    ("Univ New S Wales, Sch Educ, Sydney, New South Wales", "AUS"),
    ("Macquarie Univ, Sydney, New S Wales", "AUS"),
    ("Univ Newcastle, Callaghan, NSW", "AUS"),
    ("Univ New S Wales, Sydney, NSW 2052, Australia", "AUS"),
    # Others
    ("Stanford Univ, Stanford, CA 94305 USA", "USA"),
    ("Univ Toronto, Toronto, ON M5S 1A1, Canada", "CAN"),
    ("Univ Barcelona, Barcelona 08035, Spain", "ESP"),
    ("Hacettepe Univ, Ankara, Turkey", "TUR"),
]


@pytest.mark.parametrize("address,code", CASES)
def test_study_definitions(address, code):
    assert RULES(address) == code


def test_normalise_removes_authors_case_spacing_and_final_stop():
    assert normalise("[Li, An; Zhang, Bo]  Beijing  Normal Univ,Beijing , Peoples R China.") == "BEIJING NORMAL UNIV, BEIJING, PEOPLES R CHINA"


def test_unknown_address_is_reported_not_dropped():
    rules = CountryRules(load_rules())
    assert rules("Univ Nowhere, Atlantis") == "?ATLANTIS"
    assert rules.unknown == {"ATLANTIS": 1}


def test_cache_gives_the_same_answer():
    rules = CountryRules(load_rules())
    first = [rules(a) for a, _ in CASES]
    assert [rules(a) for a, _ in CASES] == first


def test_rules_file_validates_as_a_dataset():
    frame = datasets.load("country_rules")
    assert list(frame["order"]) == sorted(frame["order"])


def test_bad_rules_file_names_row_and_column(tmp_path):
    bad = tmp_path / "rules.csv"
    text = RULES_CSV.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace("any_segment", "somewhere", 1)
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"row 3, column 'scope'"):
        load_rules(bad)
    text = RULES_CSV.read_text(encoding="utf-8").splitlines()
    text[1] = text[1].replace("HONG KONG", "HONG (KONG", 1)
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"row 2, column 'pattern': not a valid regular expression"):
        load_rules(bad)


def test_subject_terms_are_the_study_search_strings():
    """Every SU= term of the study's social-science search string, and only those, is matched."""
    table = datasets.load("bibliometric_datasets")
    ssci1 = table[(table["database"] == "SSCI") & (table["row"] == 1)]["search_string"].iloc[0].upper()
    for area in SOCIAL_SCIENCE_AREAS - {"DEVELOPMENT STUDIES", "PLANNING & DEVELOPMENT"}:
        assert area in ssci1, area
    assert "PLANNING & DEVELOPMENT (DEVELOPMENT STUDIES)" in ssci1
    ssci5 = table[(table["database"] == "SSCI") & (table["row"] == 5)]["search_string"].iloc[0].upper()
    assert f"SU= ({EDUCATION_AREA})" in ssci5
