"""Assign one address of a Web of Science record to a country or region.

The rules live in ``data/bibliometrics/country_rules.csv``; see its resource
descriptor for their meaning. This module only applies them, quickly: the
any-segment rules are one combined regular expression, and results are cached
per address (the cache is cleared when it grows, so memory stays bounded).
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import DATA

RULES_CSV = DATA / "bibliometrics" / "country_rules.csv"
MAINLAND_CHINA = "CHN"
UK = "GBR"
UNKNOWN_PREFIX = "?"  # unknown addresses keep their last segment: "?ATLANTIS"
_CACHE_LIMIT = 200_000
_COMMA = re.compile(r"\s*,\s*")


class RuleError(ValueError):
    """The rules file is malformed; the message names the file, row and column."""


@dataclass(frozen=True)
class CountryRule:
    order: int
    scope: str
    pattern: str
    country_code: str
    country_or_region: str


def normalise(address: str) -> str:
    """Upper case, single spaces, no author list in brackets, no final full stop."""
    text = address.strip()
    if text.startswith("["):
        end = text.find("]")
        if end != -1:
            text = text[end + 1 :]
    text = " ".join(text.split()).upper().rstrip(". ")
    return _COMMA.sub(", ", text)


def segments(address: str) -> list[str]:
    return [s.strip() for s in normalise(address).split(",") if s.strip()]


def load_rules(path: Path = RULES_CSV) -> list[CountryRule]:
    rules: list[CountryRule] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path}, row {row_number}"
            if row.get("scope") not in {"any_segment", "last_segment"}:
                raise RuleError(f"{where}, column 'scope': must be any_segment or last_segment, got {row.get('scope')!r}")
            try:
                re.compile(row["pattern"])
            except re.error as exc:
                raise RuleError(f"{where}, column 'pattern': not a valid regular expression: {exc}") from exc
            rules.append(CountryRule(int(row["order"]), row["scope"], row["pattern"], row["country_code"], row["country_or_region"]))
    return sorted(rules, key=lambda r: r.order)


class CountryRules:
    """Callable: ``rules(address) -> country code`` (or ``"?SEGMENT"`` when unknown)."""

    def __init__(self, rules: list[CountryRule]):
        self.rules = rules
        self._any = [r for r in rules if r.scope == "any_segment"]
        self._last = [(r, re.compile(r.pattern)) for r in rules if r.scope == "last_segment"]
        # One pass over the address finds every any-segment rule that matches a whole segment.
        alternatives = "|".join(f"(?P<r{r.order}>{r.pattern})" for r in self._any)
        self._any_re = re.compile(rf"(?:^|, )(?:{alternatives})(?=,|$)") if self._any else None
        self._cache: dict[str, str] = {}
        self._last_cache: dict[str, tuple[int, str] | None] = {}
        self.unknown: dict[str, int] = {}

    def __call__(self, address: str) -> str:
        hit = self._cache.get(address)
        if hit is not None:
            return hit
        code = self._classify(address)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[address] = code
        return code

    def rule_for(self, address: str) -> CountryRule | None:
        """The rule that decides an address (None if only the ISO lookup or nothing matched)."""
        order = self._decide(normalise(address))[0]
        return next((r for r in self.rules if r.order == order), None)

    def _classify(self, address: str) -> str:
        text = normalise(address)
        order, code = self._decide(text)
        if code is None:
            last = text.rsplit(",", 1)[-1].strip()
            code = UNKNOWN_PREFIX + last
            self.unknown[last] = self.unknown.get(last, 0) + 1
        return code

    def _decide(self, text: str) -> tuple[int | None, str | None]:
        best: tuple[int, str] | None = None
        if self._any_re is not None:
            # Try the combined pattern at the start of every segment; the lowest rule order wins.
            for start in [0, *(i for i, ch in enumerate(text) if ch == ",")]:
                m = self._any_re.match(text, start)
                if m:
                    order = min(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
                    if best is None or order < best[0]:
                        best = (order, self._code_of(order))
        last = text.rsplit(",", 1)[-1].strip()
        decided = self._last_rule(last)
        if decided is not None and (best is None or decided[0] < best[0]):
            best = decided
        if best is not None:
            return best
        iso = _iso_code(last)
        return (None, iso)

    def _code_of(self, order: int) -> str:
        return next(r.country_code for r in self._any if r.order == order)

    def _last_rule(self, last: str) -> tuple[int, str] | None:
        if last in self._last_cache:
            return self._last_cache[last]
        found = next(((r.order, r.country_code) for r, rx in self._last if rx.fullmatch(last)), None)
        if len(self._last_cache) >= _CACHE_LIMIT:
            self._last_cache.clear()
        self._last_cache[last] = found
        return found


@functools.lru_cache(maxsize=4096)
def _iso_code(name: str) -> str | None:
    """ISO 3166 alpha-3 code for a country name as Web of Science writes it, if unambiguous."""
    import pycountry

    target = name.upper()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and value.upper() == target:
                return country.alpha_3
    return None


@functools.lru_cache(maxsize=1)
def default_rules() -> CountryRules:
    return CountryRules(load_rules())
