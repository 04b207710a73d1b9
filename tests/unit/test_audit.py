"""The audit finds the sources' known problems, and flags a deliberately wrong share."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import audit, datasets


@pytest.fixture(scope="module")
def inputs() -> list[pd.DataFrame]:
    return [datasets.load(name) for name in audit.INPUTS]


@pytest.fixture(scope="module")
def findings(inputs) -> pd.DataFrame:
    return audit.audit(*inputs)


def of(findings: pd.DataFrame, check: str) -> pd.DataFrame:
    return findings[findings["check_key"] == check]


def test_record_count_printed_as_two_numbers(findings):
    odd = of(findings, "value_as_printed")
    assert ((odd["Printed value"] == "'312 16'") & odd["Rows"].str.contains("SSCI row 7")).any()
    assert (odd["Printed value"] == "'0.90 ³⁹'").any()


def test_repeated_labels_table_7_table_8_figure_13(findings):
    repeated = of(findings, "repeated_label")
    assert set(repeated["Table as printed"]) == {"Table 7", "Table 8", "Figure 13"}
    assert all("printed 2 times" in v for v in repeated["Printed value"])


def test_label_sequence_reports_unnumbered_missing_and_out_of_order(findings):
    seq = of(findings, "label_sequence")
    assert (seq["Printed value"] == "'Table' without a number").any()
    assert seq["Expected value"].str.contains("figures 6, 8, 11, 15 do not appear").any()
    assert (seq["Printed value"] == "Table 14 then Table 8").any()


def test_identical_value_4988_in_cssci_and_ssci(findings):
    same = of(findings, "identical_values")
    row = same[same["Printed value"] == "4,988 in 2 tables"]
    assert len(row) == 1
    assert "CSSCI row 2: Education papers" in row["Rows"].iloc[0]
    assert "SSCI row 5: Mainland China education papers" in row["Rows"].iloc[0]


def test_row_count_against_title(findings):
    short = of(findings, "rows_against_title")
    assert set(zip(short["Table as printed"], short["Printed value"])) == {("Table 8", "9 rows")}
    assert len(short) == 2  # the UK citation table and the China-UK funding table, both "Table 8"
    assert all(v.startswith("10 rows") for v in short["Expected value"])


def test_shares_that_do_not_follow_from_counts(findings):
    wrong = of(findings, "share_from_counts")
    rows = set(wrong["Rows"])
    assert "China-UK, 2001-2005: rank 6 (GBR)" in rows
    assert "UK-participated, 2006-2010: rank 1 (GBR)" in rows
    gbr = wrong[wrong["Rows"] == "China-UK, 2001-2005: rank 6 (GBR)"].iloc[0]
    assert gbr["Printed value"].startswith("7.4 of 23") and gbr["Expected value"].startswith("7.9")


def test_every_ranked_table_reports_its_implied_base(findings, inputs):
    citations, funding = inputs[1], inputs[2]
    tables = citations.groupby(["group", "period"]).ngroups + funding["group"].nunique()
    assert len(of(findings, "implied_base")) == tables


def test_china_uk_funding_base_against_312_papers(findings):
    base = of(findings, "base_against_dataset")
    assert len(base) == 1
    assert base["Printed value"].iloc[0] == "shares imply about 300 papers"
    assert base["Expected value"].iloc[0].startswith("312 papers")


def test_rank_order_and_codes_and_interviewees(findings):
    order = of(findings, "rank_order")
    assert set(order["Printed value"]) == {"21 then 23", "65 then 69"}
    codes = of(findings, "no_iso_code")
    assert set(codes["Printed value"]) == {"'FIL'", "'EU'"}
    people = of(findings, "interviewee_count")
    assert len(people) == 1 and people["Printed value"].iloc[0] == "7 coded rows" and people["Expected value"].iloc[0].startswith("8 ")


def test_period_tables_against_overall_table(findings):
    period = of(findings, "period_against_overall")
    row = period[period["Rows"] == "China-UK: PEOPLES R CHINA / CHN"].iloc[0]
    assert row["Printed value"] == "869 records in 2001-2020"
    assert row["Expected value"].startswith("904, the sum of the four periods (57 + 123 + 333 + 391)")


def test_table_12_rates_follow_from_counts(findings):
    assert of(findings, "rate_from_counts").empty


def test_every_finding_is_complete(findings):
    for column in ["Dataset", "Table as printed", "Rows", "Check", "Printed value", "Expected value", "How the site treats it"]:
        assert findings[column].astype(str).str.strip().ne("").all(), column


def _table(shares: list[str], records: list[int], group: str = "China-UK", period: str = "2016-2020") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": group, "period": period, "table_as_printed": "Table 99", "rank": range(1, len(records) + 1),
            "country_as_printed": [f"C{i}" for i in range(len(records))], "country_code": "USA",
            "records": records, "share_percent": [float(s.rstrip("%")) for s in shares], "share_as_printed": shares,
        }
    )


def test_fixture_with_a_wrong_share_is_flagged(inputs):
    bibliometric = inputs[4]
    # Base 1,000: 500 -> 50.0, 300 -> 30.0, 200 -> 20.0; the last share is printed wrong on purpose.
    table = _table(["50.0", "30.0", "25.0"], [500, 300, 200])
    empty_funding = inputs[2].iloc[0:0]
    found = audit.check_shares(table, empty_funding, bibliometric)
    wrong = [f for f in found if f.check == "share_from_counts"]
    assert len(wrong) == 1
    assert wrong[0].rows.endswith("rank 3 (C2)")
    assert wrong[0].printed.startswith("25.0 of 200") and wrong[0].expected.startswith("20.0 (= 200 / 1,000")


def test_fixture_with_correct_shares_has_no_share_finding(inputs):
    table = _table(["50.0", "30.0", "20.0"], [500, 300, 200])
    found = audit.check_shares(table, inputs[2].iloc[0:0], inputs[4])
    assert [f.check for f in found] == ["implied_base"]
    assert "3 of 3 rows agree on about 1,000" in found[0].expected


def test_fixture_rounding_is_tolerated():
    # 1 / 3 of 900 is 33.33...; printed to one decimal it is 33.3, which must agree with base 900.
    lo, hi = audit._share_interval(300, "33.3", 33.3)
    assert lo <= 900 <= hi
    base, agreeing = audit.consensus_base([audit._share_interval(300, "33.3", 33.3), audit._share_interval(600, "66.7", 66.7)])
    assert agreeing == 2 and abs(base - 900) < 2


def test_fixture_rising_counts_are_flagged(inputs):
    table = _table(["40.0", "60.0"], [400, 600])
    found = audit.check_rank_order(table, inputs[2].iloc[0:0])
    assert len(found) == 1 and found[0].printed == "400 then 600"


def test_audit_values_count_findings(inputs, findings):
    vals = audit.audit_values(*inputs)
    problems = findings[findings["check_key"] != "implied_base"]
    assert vals["audit_findings_count"].raw == len(problems) == len(audit.audit_findings(*inputs)) > 0
    assert vals["audit_implied_base_tables"].raw == len(audit.audit_implied_bases(*inputs)) == 18
    assert sum(vals[f"audit_findings_{k}"].raw for k in audit.CHECKS) == len(findings)
    checks = audit.audit_checks(*inputs)
    assert checks["Findings"].sum() == len(findings)
    assert "Base implied by the shares" not in set(audit.audit_findings(*inputs)["Check"])
