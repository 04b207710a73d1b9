"""Generate CITATION.cff and .zenodo.json from citation.yaml, the one metadata source.

    python -m analysis.citation_files --write    rewrite both files, and page-dates.json from git
    python -m analysis.citation_files --check    exit 1 if either file is stale

The generation itself is in scholarly/cff.py (used by the build too). page-dates.json
(scholarly/page_dates.py) gives a source archive, which has no git history, each
page's dates: refresh it with --write before tagging a release.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.paths import ROOT
from scholarly import page_dates, version
from scholarly.cff import render_files
from scholarly.metadata import CitationError, load_metadata

CITATION_YAML = ROOT / "citation.yaml"
CFF_FILE = ROOT / "CITATION.cff"
ZENODO_FILE = ROOT / ".zenodo.json"
DATES_FILE = ROOT / page_dates.MANIFEST


def render(meta: dict) -> dict[Path, str]:
    cff, zen = render_files(meta)
    return {CFF_FILE: cff, ZENODO_FILE: zen}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.citation_files", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite CITATION.cff and .zenodo.json")
    mode.add_argument("--check", action="store_true", help="fail if either file differs from citation.yaml")
    args = parser.parse_args(argv)
    try:
        outputs = render(load_metadata(CITATION_YAML))
    except CitationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.write:
        build = version.from_git(ROOT)
        if build is not None:
            outputs = {**outputs, DATES_FILE: page_dates.render(build.page_dates)}
    stale = []
    for path, text in outputs.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            if args.write:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.name}")
            else:
                stale.append(path.name)
    if stale:
        print(f"error: {', '.join(stale)} out of date with citation.yaml; run python -m analysis.citation_files --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
