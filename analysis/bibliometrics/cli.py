"""python -m analysis.bibliometrics EXPORT_DIR --out data/china_uk/bibliometrics/

Reads every export under EXPORT_DIR (Web of Science plain text or
tab-delimited, CSSCI), counts the study's categories and writes the aggregate
datasets to --out. Files under a folder named ``citing`` are the citing
articles of the exported papers (full records with cited references) and feed
the citation-source counts. Prints a summary: records in, out and rejected for
each file, and everything not counted, with the reason.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from analysis.bibliometrics import aggregate
from analysis.bibliometrics.countries import default_rules as country_rules
from analysis.bibliometrics.funders import UNCLASSIFIED
from analysis.bibliometrics.funders import default_rules as funder_rules
from analysis.bibliometrics.papers import classify_cssci, classify_wos
from analysis.bibliometrics.readers import READERS, ExportError, ReadReport, sniff

CITING_FOLDER = "citing"
SKIP_NAMES = {"README.md", "README.txt", ".gitkeep"}
DEFAULT_OUT = Path("data/china_uk/bibliometrics")


def _skipped(path: Path, export_dir: Path) -> bool:
    return path.name in SKIP_NAMES or any(part.startswith(".") for part in path.relative_to(export_dir).parts)


def find_exports(export_dir: Path) -> list[Path]:
    files = sorted(p for p in export_dir.rglob("*") if p.is_file() and not _skipped(p, export_dir))
    # Cited papers are indexed before their citing articles are read.
    return sorted(files, key=lambda p: (CITING_FOLDER in p.relative_to(export_dir).parts[:-1], str(p)))


def skipped_files(export_dir: Path) -> list[str]:
    """The files not read (READMEs, hidden files), each with why, and whether it looks like an export."""
    listed = []
    for path in sorted(p for p in export_dir.rglob("*") if p.is_file() and _skipped(p, export_dir)):
        why = "a README" if path.name in SKIP_NAMES else "hidden (its name or folder starts with '.')"
        try:
            fmt = sniff(path)
        except ExportError:
            fmt = None
        holds = f"; IT LOOKS LIKE A {fmt} EXPORT: rename it if its records should be counted" if fmt else ""
        listed.append(f"{path.relative_to(export_dir).as_posix()}: not read, {why}{holds}")
    return listed


def run(export_dir: Path, out: Path, skip_bad: bool = False, progress: bool | None = None, log=print) -> dict:
    """Read, count and write; returns the summary (also printed through ``log``)."""
    from tqdm import tqdm

    export_dir = Path(export_dir)
    if not export_dir.is_dir():
        raise ExportError(export_dir, None, "export folder not found")
    files = find_exports(export_dir)
    skipped = skipped_files(export_dir)
    if not files:
        raise ExportError(export_dir, None, "no export files in this folder")
    _refuse_synthetic_into_data(export_dir, Path(out))
    started = time.perf_counter()
    agg = aggregate.Aggregates()
    countries, funders = country_rules(), funder_rules()
    countries.unknown.clear()
    reports: list[tuple[Path, str, ReadReport]] = []
    file_errors: list[str] = []
    unclassified: Counter = Counter()
    total_bytes = sum(p.stat().st_size for p in files)
    bar = tqdm(total=total_bytes, unit="B", unit_scale=True, desc="reading exports", disable=(not progress) if progress is not None else None, file=sys.stderr)
    try:
        for path in files:
            rel = path.relative_to(export_dir).as_posix()
            role = "citing" if CITING_FOLDER in path.relative_to(export_dir).parts[:-1] else "papers"
            report = ReadReport(rel)
            bar.set_postfix_str(rel[-40:])
            try:
                fmt = sniff(path)
                reader = READERS[fmt](path, report, skip_bad)
                for record in _with_progress(reader, path, bar):
                    if record.format == "cssci":
                        if role == "citing":
                            continue  # CSSCI records carry no countries to count citations by
                        agg.add_paper(classify_cssci(record))
                        continue
                    paper = classify_wos(record, countries, funders)
                    if role == "citing":
                        agg.add_citing(paper)
                    else:
                        for name, code in zip(paper.agencies, _codes(paper, funders)):
                            if code == UNCLASSIFIED:
                                unclassified[name] += 1
                        agg.add_paper(paper)
            except ExportError as exc:
                if not skip_bad:
                    raise
                # A file that cannot be read at all (empty, wrong format) is a counted rejection too.
                file_errors.append(str(exc))
                report.warnings.append(f"file rejected: {exc}")
            reports.append((path, role, report))
    finally:
        bar.close()
    files_rows = [
        {"file": r.path, "role": role, "format": r.format, "records_in": r.records_in, "records_out": r.records_out, "records_rejected": r.records_rejected}
        for _, role, r in reports
    ]
    notes = [
        f"Made from {len(files)} export file(s): {sum(r.records_in for *_, r in reports):,} records in, "
        f"{sum(r.records_out for *_, r in reports):,} out, {sum(r.records_rejected for *_, r in reports):,} rejected "
        f"(see {aggregate.EXPORT_FILES}.csv).",
        *[f"{what}: {n:,}" for what, n in sorted(agg.counts.items())],
        "Country rules: data/bibliometrics/country_rules.csv; funder rules: data/bibliometrics/funder_rules.csv; "
        "the first author's country comes from the C1 field (see analysis/bibliometrics/papers.py).",
    ]
    written = aggregate.write_datasets(agg, Path(out), files_rows, notes)
    summary = {
        "files": files_rows,
        "records_in": sum(r["records_in"] for r in files_rows),
        "records_out": sum(r["records_out"] for r in files_rows),
        "records_rejected": sum(r["records_rejected"] for r in files_rows),
        "rejections": [str(x) for *_, r in reports for x in r.rejections],
        "warnings": [w for *_, r in reports for w in r.warnings],
        "file_errors": file_errors,
        "skipped": skipped,
        "counts": dict(agg.counts),
        "unknown_countries": Counter(countries.unknown).most_common(10),
        "unclassified_agencies": unclassified.most_common(10),
        "written": [str(p) for p in written],
        "seconds": round(time.perf_counter() - started, 2),
    }
    log(format_summary(summary))
    return summary


def _refuse_synthetic_into_data(export_dir: Path, out: Path) -> None:
    """The test exports are made up: their counts must never land where the site reads data."""
    from analysis.paths import DATA, ROOT

    fixtures = (ROOT / "tests").resolve()
    if export_dir.resolve().is_relative_to(fixtures) and out.resolve().is_relative_to(DATA.resolve()):
        raise ExportError(export_dir, None, f"these are synthetic test exports; refusing to write their counts into {out} (the site would show them as data)")


def _codes(paper, funders):
    return [funders.country(a) for a in paper.agencies]


def _with_progress(records, path: Path, bar):
    """Advance the bar by the file's size in steps as its records come (readers stream)."""
    size = path.stat().st_size
    done = 0
    count = 0
    for record in records:
        count += 1
        if count % 2000 == 0:
            step = min(size - done, size // 50 or 1)
            bar.update(step)
            done += step
        yield record
    bar.update(size - done)


def format_summary(s: dict) -> str:
    lines = ["", "Summary", "=======", f"{'file':<50} {'format':<24} {'in':>9} {'out':>9} {'rejected':>9}"]
    for row in s["files"]:
        lines.append(f"{row['file'][-50:]:<50} {row['format']:<24} {row['records_in']:>9,} {row['records_out']:>9,} {row['records_rejected']:>9,}")
    lines.append(f"{'total':<50} {'':<24} {s['records_in']:>9,} {s['records_out']:>9,} {s['records_rejected']:>9,}")
    lines.append("")
    for what, n in sorted(s["counts"].items()):
        lines.append(f"{what}: {n:,}")
    if s["rejections"]:
        lines.append(f"\nRejected records ({len(s['rejections'])}):")
        lines += [f"  {r}" for r in s["rejections"][:20]]
        if len(s["rejections"]) > 20:
            lines.append(f"  ... and {len(s['rejections']) - 20} more")
    if s["file_errors"]:
        lines.append("\nFiles that could not be read:")
        lines += [f"  {e}" for e in s["file_errors"]]
    if s.get("skipped"):
        lines.append(f"\nFiles skipped ({len(s['skipped'])}):")
        lines += [f"  {x}" for x in s["skipped"]]
    if s["warnings"]:
        lines.append("\nWarnings:")
        lines += [f"  {w}" for w in s["warnings"] if not w.startswith("file rejected")]
    if s["unknown_countries"]:
        lines.append("\nAddresses no country rule knows (last part of the address, count):")
        lines += [f"  {name}: {n}" for name, n in s["unknown_countries"]]
    if s["unclassified_agencies"]:
        lines.append("\nMost frequent funding agencies no funder rule assigns:")
        lines += [f"  {name}: {n}" for name, n in s["unclassified_agencies"]]
    lines.append("\nWritten:")
    lines += [f"  {p}" for p in s["written"]]
    if s.get("seconds") is not None:
        lines.append(f"\nDone in {s['seconds']} s.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bibliometrics", description=__doc__.split("\n\n")[1].replace("\n", " "))
    parser.add_argument("export_dir", type=Path, help="folder with the raw exports (e.g. data/raw/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder for the aggregate datasets (default: {DEFAULT_OUT})")
    parser.add_argument("--skip-bad", action="store_true", help="reject and count bad records (and unreadable files) instead of stopping at the first; a file that cannot be read at all still ends the run with exit 1")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        summary = run(args.export_dir, args.out, skip_bad=args.skip_bad, progress=False if args.no_progress else None)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("hint: --skip-bad rejects bad records, counts them and goes on", file=sys.stderr)
        return 1
    if summary["file_errors"]:
        # Bad records are counted and reported; a whole file that could not be read is a loss
        # the counts do not show, so the run does not end as a success.
        print(f"error: {len(summary['file_errors'])} file(s) could not be read at all; none of their records are counted:", file=sys.stderr)
        for line in summary["file_errors"]:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0
