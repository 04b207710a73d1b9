"""Artifacts about the bibliometric pipeline itself (its rules), for the Methods page."""
import pandas as pd

from analysis.registry import table


@table(
    "bibliometric_country_rules",
    inputs=["country_rules"],
    title="How an address is assigned to a country or region",
    caption=(
        "Rules applied to each address of a Web of Science record, in order; the first rule that "
        "matches decides. Rules 1-6 implement the address terms of the study's search strings; "
        "the rest name other countries so that international collaboration can be counted. "
        "Addresses no rule matches are looked up by ISO country name, and are otherwise reported as unknown."
    ),
)
def country_rules_table(rules: pd.DataFrame) -> pd.DataFrame:
    scope = {"any_segment": "any part of the address", "last_segment": "last part of the address"}
    return pd.DataFrame(
        {
            "Order": rules["order"],
            "Matches": rules["pattern"],
            "In": rules["scope"].map(scope),
            "Country or region": rules["country_or_region"] + " (" + rules["country_code"] + ")",
            "Search-string term": rules["study_term"],
            "Example address": rules["example_address"],
        }
    )
