"""The findings page's filter (docs/javascripts/quotes.js): by study and by whose reading, kept in the address."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
VISIBLE = "() => Array.from(document.querySelectorAll('.irc-finding')).filter(e => !e.hidden).map(e => e.dataset.findingId)"


def _rows() -> list[dict]:
    with (ROOT / "data" / "findings.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_findings_filter_by_study_and_reading(new_context):
    rows = _rows()
    context, recorder = new_context("light")
    page = context.new_page()
    page.goto("/findings/")
    page.wait_for_function("() => !document.getElementById('finding-filter').hidden")
    assert sorted(page.evaluate(VISIBLE)) == sorted(r["id"] for r in rows)
    page.select_option("#ff-study", "korea_uk")
    assert sorted(page.evaluate(VISIBLE)) == sorted(r["id"] for r in rows if r["study"] == "korea_uk")
    assert "study=korea_uk" in page.url
    recorder.settle(page)  # let the first load's late requests (the favicon) finish before leaving
    page.goto("/findings/?reading=site")
    page.wait_for_function("() => !document.getElementById('finding-filter').hidden")
    assert sorted(page.evaluate(VISIBLE)) == sorted(r["id"] for r in rows if r["reading"] == "site")
    assert page.locator("#ff-status").inner_text().strip()
    assert not recorder.problems(), recorder.problems()
    context.close()
