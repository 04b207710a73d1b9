"""Katz and Martin's ten factors behind co-authorship, as the Korea-UK study lists them."""
import pandas as pd

from analysis.datasets import DataError
from analysis.registry import Value, table, values

FACTOR_COUNT = 10  # the list in Hwang (2008, 111) is numbered (1) to (10)
SOURCE_FILE = "data/korea_uk/katz_martin_factors.csv"


def check_complete(factors: pd.DataFrame) -> None:
    """The schema makes numbers unique and 1-10; only a count can show one is missing."""
    numbers = set(int(n) for n in factors["number"])
    missing = sorted(set(range(1, FACTOR_COUNT + 1)) - numbers)
    if missing:
        raise DataError(
            f"{SOURCE_FILE}: column 'number': list-complete: factor number(s) "
            f"{', '.join(map(str, missing))} missing; the source lists {FACTOR_COUNT}"
        )


@table(
    "katz_martin_factors_table",
    inputs=["katz_martin_factors"],
    title="Ten factors behind the growth of co-authorship (Katz and Martin 1997, as listed by Hwang 2008)",
    caption=(
        "The factors in the order of the source's numbered list; each label is paraphrased "
        "for this site. Page numbers refer to Hwang (2008)."
    ),
)
def katz_martin_factors_table(factors: pd.DataFrame) -> pd.DataFrame:
    check_complete(factors)
    ordered = factors.sort_values("number")
    return pd.DataFrame(
        {
            "No.": ordered["number"].astype(int).to_numpy(),
            "Factor (paraphrased)": ordered["factor"].to_numpy(),
            "Page": ordered["source_page"].map(lambda p: f"p. {p}").to_numpy(),
        }
    )


@values("katz_martin_factor_values", inputs=["katz_martin_factors"])
def katz_martin_factor_values(factors: pd.DataFrame) -> dict[str, Value]:
    count = len(factors)
    words = {10: "ten"}  # prose reads the count as a word
    return {"katz_martin_factor_count": Value(count, words.get(count, str(count)), "Hwang (2008), p. 111")}
