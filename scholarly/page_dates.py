"""Each page source's first-published and last-changed dates, kept in page-dates.json for source archives.

A build from git reads these dates from history (scholarly/version.py). A source archive
has no history: it reads them from page-dates.json, which ``python -m
analysis.citation_files --write`` (``make citation``) refreshes from git. Refresh and
commit it before tagging a release, so that a build from the release's archive cites the
same dates as the release's site; tests/integration/test_releases.py checks it at a release tag.
"""
from __future__ import annotations

import json
from pathlib import Path

MANIFEST = "page-dates.json"
PREFIXES = ("docs/", "data/")  # what pages are made from


def from_history(dates: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    return {path: list(pair) for path, pair in sorted(dates.items()) if path.startswith(PREFIXES)}


def render(dates: dict[str, tuple[str, str]]) -> str:
    """One line per file: "path": ["first published", "last changed"]."""
    lines = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in from_history(dates).items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def read(root: Path) -> dict[str, tuple[str, str]]:
    path = root / MANIFEST
    if not path.is_file():
        return {}
    return {k: (v[0], v[1]) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
