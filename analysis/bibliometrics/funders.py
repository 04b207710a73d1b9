"""Funding agencies: clean the names of the FU field and assign each to a country.

The rules are data (``data/bibliometrics/funder_rules.csv``); see its descriptor.
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from analysis.paths import DATA

RULES_CSV = DATA / "bibliometrics" / "funder_rules.csv"
UNCLASSIFIED = "unclassified"
_GRANTS = re.compile(r"\s*\[[^\]]*\]?")  # "[71874093, ES/P005292/1]" after the agency name
_NON_WORD = re.compile(r"[^0-9a-z]+")


def agency_name(entry: str) -> str:
    """The agency of one FU entry, without its grant numbers."""
    if "[" in entry:
        entry = _GRANTS.sub("", entry)
    return " ".join(entry.split()).strip(" ;,.")


def agency_key(name: str) -> str:
    """Spelling-insensitive key: case, punctuation and 'the'/'and'/'of' do not matter."""
    words = [w for w in _NON_WORD.sub(" ", name.lower()).split() if w not in {"the", "and", "of", "for"}]
    return " ".join(words)


class FunderRules:
    def __init__(self, path: Path = RULES_CSV):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = sorted(csv.DictReader(handle), key=lambda r: int(r["order"]))
        self.rules = [(re.compile(r["pattern"], re.IGNORECASE), r["country_code"]) for r in rows]
        self.rows = rows

    @functools.lru_cache(maxsize=65536)
    def country(self, name: str) -> str:
        for pattern, code in self.rules:
            if pattern.search(name):
                return code
        return UNCLASSIFIED


@functools.lru_cache(maxsize=1)
def default_rules() -> FunderRules:
    return FunderRules()
