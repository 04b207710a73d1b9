"""Accessibility: axe-core's WCAG 2.1 A/AA rules on every page in both schemes, and keyboard use."""
from __future__ import annotations

import pytest

from conftest import format_failures

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations(crawl, scheme):
    failures = {}
    for path, rec in crawl[scheme].items():
        for v in rec.violations:
            nodes = "; ".join(f"{n['target']}: {n['summary']}".replace("\n", " ") for n in v["nodes"])
            failures.setdefault(path, []).append(f"{v['id']} ({v['impact']}, {v['count']} nodes): {v['help']} -> {nodes}")
    assert not failures, f"axe-core WCAG 2.1 A/AA violations ({scheme}):\n" + format_failures(failures)
