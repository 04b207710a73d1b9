"""Compare two built sites file by file: is every page unchanged, except where a change is meant?

    .venv/bin/python bench/compare_sites.py BEFORE_DIR AFTER_DIR [--allow REGEX ...] [--normalise REGEX ...]

Lists the files only in one site, then compares the others: text files (HTML, XML, JSON,
CSS, JS, CSV, TXT, ...) line by line after normalisation, ``.gz`` files by their content,
anything else byte for byte. Prints how many files are identical and, for each differing
file, its first differing lines; exits 1 when a difference is not covered by ``--allow``.

Normalisation: two builds of the same commit in the same way (``mkdocs build`` twice,
2026-11-30) are byte-identical (no clock, no random asset names: the site's dates come
from git), so nothing is normalised by default. ``--normalise REGEX`` blanks what a
given comparison knows to vary (each match becomes ``<normalised>`` in both sites).

``--allow REGEX`` marks an intended difference: a differing file is allowed when each of
its changed lines (removed or added) matches one of the patterns, or the file's path does.
"""
from __future__ import annotations

import argparse
import difflib
import gzip
import re
import sys
from pathlib import Path

TEXT_SUFFIXES = {".html", ".htm", ".xml", ".json", ".css", ".js", ".csv", ".txt", ".md", ".svg", ".yaml", ".yml",
                 ".cff", ".bib", ".ris", ".map", ".webmanifest"}
SHOWN_LINES = 6  # changed lines shown per differing file
LINE_WIDTH = 160  # characters of a long line shown around its first difference


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def is_text(rel: str) -> bool:
    suffixes = Path(rel.removesuffix(".gz")).suffix
    return suffixes in TEXT_SUFFIXES


def normalised_lines(data: bytes, patterns: list[re.Pattern]) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    for pattern in patterns:
        text = pattern.sub("<normalised>", text)
    return text.splitlines()


def _clip(before: str, after: str) -> tuple[str, str]:
    """Both lines cut to a window around their first differing character."""
    if len(before) <= LINE_WIDTH and len(after) <= LINE_WIDTH:
        return before, after
    start = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
    lo = max(0, start - LINE_WIDTH // 3)
    cut = lambda s: ("…" if lo else "") + s[lo:lo + LINE_WIDTH] + ("…" if len(s) > lo + LINE_WIDTH else "")  # noqa: E731
    return cut(before), cut(after)


def changed_lines(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """(removed, added) lines, in order."""
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    return removed, added


def compare(before_dir: Path, after_dir: Path, allow: list[re.Pattern], normalise: list[re.Pattern]) -> dict:
    before, after = files(before_dir), files(after_dir)
    report = {"only_before": sorted(before - after), "only_after": sorted(after - before),
              "identical": 0, "differing": [], "allowed": []}
    for rel in sorted(before & after):
        a, b = content(before_dir / rel), content(after_dir / rel)
        if a == b:
            report["identical"] += 1
            continue
        if is_text(rel):
            old, new = normalised_lines(a, normalise), normalised_lines(b, normalise)
            if old == new:
                report["identical"] += 1
                continue
            removed, added = changed_lines(old, new)
        else:
            removed, added = [f"<{len(a)} bytes>"], [f"<{len(b)} bytes>"]
        entry = {"path": rel, "removed": removed, "added": added}
        covered = any(p.search(rel) for p in allow) or (
            allow and all(any(p.search(line) for p in allow) for line in removed + added))
        report["allowed" if covered else "differing"].append(entry)
    return report


def show(entry: dict, out) -> None:
    removed, added = entry["removed"], entry["added"]
    print(f"  {entry['path']}: {len(removed)} line(s) removed, {len(added)} added", file=out)
    for old, new in list(zip(removed, added))[:SHOWN_LINES]:
        old, new = _clip(old, new)
        print(f"    - {old}\n    + {new}", file=out)
    for line in removed[len(added):][:SHOWN_LINES]:
        print(f"    - {_clip(line, '')[0]}", file=out)
    for line in added[len(removed):][:SHOWN_LINES]:
        print(f"    + {_clip('', line)[1]}", file=out)


def main(argv: list[str] | None = None, out=sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--allow", action="append", default=[], metavar="REGEX",
                        help="an intended difference: a changed line (or a file path) this matches")
    parser.add_argument("--normalise", action="append", default=[], metavar="REGEX",
                        help="text that varies between the two builds, blanked in both before comparing")
    args = parser.parse_args(argv)
    for d in (args.before, args.after):
        if not d.is_dir():
            parser.error(f"{d} is not a folder")
    report = compare(args.before, args.after, [re.compile(p) for p in args.allow],
                     [re.compile(p) for p in args.normalise])
    for key, label in (("only_before", "only in BEFORE"), ("only_after", "only in AFTER")):
        if report[key]:
            print(f"{len(report[key])} file(s) {label}:", file=out)
            for rel in report[key]:
                print(f"  {rel}", file=out)
    if report["allowed"]:
        print(f"{len(report['allowed'])} file(s) differ as allowed:", file=out)
        for entry in report["allowed"]:
            show(entry, out)
    if report["differing"]:
        print(f"{len(report['differing'])} file(s) differ:", file=out)
        for entry in report["differing"]:
            show(entry, out)
    unexpected = len(report["differing"]) + len(report["only_before"]) + len(report["only_after"])
    print(f"{report['identical']} identical, {len(report['allowed'])} differing as allowed, "
          f"{len(report['differing'])} differing, {len(report['only_before'])} only before, "
          f"{len(report['only_after'])} only after", file=out)
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
