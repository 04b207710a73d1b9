"""Benchmark: our Web of Science reader against metaknowledge's, on the same generated exports.

    .venv/bin/python bench/bench_bibliometrics.py             # 20,000 and 200,000 records
    .venv/bin/python bench/bench_bibliometrics.py --sizes 5000

Each export is generated in a temporary folder (every record has its own UT:
metaknowledge keeps one record per UT) with about 4 KB per record, like a real
full-record export with cited references. Each reader runs in its own child
process, so that peak memory (``ru_maxrss``) belongs to that reader alone, and
does the same extraction for every record: addresses (C1), year (PY), first
author (AU) and funding (FU). A bare loop over the file's lines is the floor.
Targets: at least 3 times metaknowledge's records per second; our peak
memory flat from 20,000 to 200,000 records. Both wall-clock and CPU seconds are
shown: on a shared machine the CPU figure is the steadier of the two.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TOOLS = ("bare line loop", "analysis.bibliometrics", "metaknowledge 3.4.1")
ABSTRACT = ("Synthetic abstract words for the benchmark only, not real data. " * 14).strip()


def generate(path: Path, n_records: int, n_refs: int = 40) -> Path:
    """A plain-text export of about 4 KB per record, written as a stream."""
    from tests.bibliometrics_helpers import wos_record

    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("FN Clarivate Analytics Web of Science\nVR 1.0\n")
        for n in range(n_records):
            record = wos_record(n, 2001 + n % 20, n_refs)
            handle.write(record.replace("LA English\n", f"LA English\nAB {ABSTRACT}\n", 1))
            handle.write("\n")
        handle.write("EF\n")
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(tool: str, path: Path) -> dict:
    """Run one reader over the file; report records, seconds and peak memory."""
    warnings.simplefilter("ignore")
    if tool == "analysis.bibliometrics":
        from analysis.bibliometrics.papers import extract_wos
        from analysis.bibliometrics.readers import ReadReport, read_wos_plain
    elif tool.startswith("metaknowledge"):
        import metaknowledge as mk
    baseline = _peak_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    count = 0
    if tool == "bare line loop":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("ER"):
                    count += 1
    elif tool == "analysis.bibliometrics":
        report = ReadReport(str(path))
        for record in read_wos_plain(path, report):
            addresses, year, first_author, funding = extract_wos(record)
            count += 1
        assert report.records_out == count
    else:
        for record in mk.RecordCollection(str(path)):
            addresses, year = record.get("C1"), record.get("PY")
            authors = record.get("AU")
            first_author = authors[0] if authors else None
            funding = record.get("FU")
            count += 1
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"tool": tool, "records": count, "seconds": seconds, "cpu_seconds": cpu, "peak_mb": _peak_mb(), "baseline_mb": baseline}


def run_child(tool: str, path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", tool, str(path)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if result.returncode != 0:
        return {"tool": tool, "error": (result.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--child", nargs=2, metavar=("TOOL", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-bibliometrics-") as tmp:
        for size in args.sizes:
            path = generate(Path(tmp) / f"export_{size}.txt", size)
            mb = path.stat().st_size / 1e6
            print(f"generated {size:,} records ({mb:,.0f} MB)", file=sys.stderr, flush=True)
            for tool in TOOLS:
                result = run_child(tool, path)
                result.update(size=size, file_mb=mb)
                rows.append(result)
                print(f"  {tool}: done", file=sys.stderr, flush=True)
            path.unlink()
    print(format_table(rows))
    return 0


def format_table(rows: list[dict]) -> str:
    lines = [
        f"{'records':>9} {'file MB':>8} {'reader':<24} {'seconds':>8} {'CPU s':>7} {'records/s':>10} {'per CPU s':>10} {'peak MB':>8} {'vs metaknowledge':>17}",
        "-" * 110,
    ]
    by_size: dict = {}
    for r in rows:
        by_size.setdefault(r["size"], {})[r["tool"]] = r
    for size, tools in by_size.items():
        mk = tools.get(TOOLS[2], {})
        mk_rate = mk["records"] / mk["seconds"] if "seconds" in mk else None
        mk_cpu_rate = mk["records"] / mk["cpu_seconds"] if "cpu_seconds" in mk else None
        for tool in TOOLS:
            r = tools[tool]
            if "error" in r:
                lines.append(f"{size:>9,} {r['file_mb']:>8,.0f} {tool:<24} failed: {r['error']}")
                continue
            rate, cpu_rate = r["records"] / r["seconds"], r["records"] / r["cpu_seconds"]
            ratio = f"{rate / mk_rate:.1f}x ({cpu_rate / mk_cpu_rate:.1f}x CPU)" if mk_rate else "-"
            lines.append(
                f"{size:>9,} {r['file_mb']:>8,.0f} {tool:<24} {r['seconds']:>8.2f} {r['cpu_seconds']:>7.2f} {rate:>10,.0f} {cpu_rate:>10,.0f} {r['peak_mb']:>8,.0f} {ratio:>17}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
