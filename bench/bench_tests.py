"""Time the test suite (`make test`'s command, `.venv/bin/pytest`) for a baseline commit and
for this tree in the same run, and count the site builds each run makes.

The baseline is checked out as a detached `git worktree` in a temporary folder. It reuses
this tree's .venv when its uv.lock and pyproject.toml are identical, and otherwise gets
its own through `make install`. Runs alternate (current, baseline, current, ...) so that
both see the same load on this shared machine; min, median and max of each and the ratio
of medians are printed, with the machine's load average before and after.

Each run's CPU time is printed beside its wall time: the seconds the machine's cores spent
busy during the run (/proc/stat: user, nice, system and interrupts; idle, waiting for disk
and time taken by the host are not counted). It counts every process on the machine, the
run's own (pytest, its workers, the builds, Chromium, whose processes are not all reaped by
a parent, so rusage misses them), and anything else running; on a 2-core machine the suite
cannot take less wall time than half its CPU time.

Builds are counted by a `sitecustomize` module put first on PYTHONPATH for the runs: every
Python process that runs `mkdocs build` (by the console script or `-m mkdocs`, started afresh
or forked by tests/preloaded.py) appends its arguments, folder, CPU seconds (its own and its
reaped children's) and wall seconds to a log as it exits. The run prints the count and the
CPU seconds of all builds, and keeps the log beside its pytest output. A build with
`-f <config>` other than mkdocs.yml is counted apart (the small test site of tests/quote_helpers.py).

    .venv/bin/python bench/bench_tests.py [--baseline 12dceb7] [--runs 2] [-- pytest args]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-results" / "bench-tests"  # each run's pytest output (not committed)
DEFAULT_BASELINE = "12dceb7"  # the merge-base with main when the suite was reorganised (issue 16)

SHIM = '''
import atexit, json, os, resource, sys, time
# sys.argv too: a command forked from the tests' preloaded server (tests/preloaded.py) imports
# this module again with its own arguments in sys.argv (sys.orig_argv stays the server's).
argv = list(sys.orig_argv) + list(sys.argv)
if "build" in argv and any(a == "mkdocs" or a.endswith("/mkdocs") for a in argv) and os.environ.get("IRC_BENCH_BUILD_LOG"):
    # At exit, the CPU seconds the build used (its own since it started, or since it was forked:
    # a fork's counters start at zero; and its reaped children's) and its wall time.
    def _record(start=time.perf_counter()):
        cpu = sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
        with open(os.environ["IRC_BENCH_BUILD_LOG"], "a", encoding="utf-8") as log:
            log.write(json.dumps({"argv": argv, "cwd": os.getcwd(), "cpu": round(cpu, 3),
                                  "seconds": round(time.perf_counter() - start, 3)}) + "\\n")
    atexit.register(_record)
'''


def sh(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, check=True, text=True, capture_output=True, **kw)


def baseline_tree(commit: str, parent: Path) -> Path:
    tree = parent / f"baseline-{commit[:7]}"
    sh(["git", "worktree", "add", "--detach", str(tree), commit], ROOT)
    same_lock = subprocess.run(["git", "diff", "--quiet", commit, "HEAD", "--", "uv.lock", "pyproject.toml"], cwd=ROOT).returncode == 0
    if same_lock:
        (tree / ".venv").symlink_to(ROOT / ".venv")
    else:
        sh(["make", "install"], tree)
    return tree


def summary_line(output: str) -> str:
    """pytest's closing line ('596 passed, 2 skipped in 250.1s'), without the time."""
    for line in reversed(output.splitlines()):
        if re.search(r"\d+ (passed|failed|error)", line):
            return re.sub(r"\s+in [\d.]+s.*$", "", line.strip("= "))
    return "(no summary line)"


def count_builds(log: Path) -> tuple[int, int, float]:
    """(full-site builds, builds of another config, CPU seconds of all of them) from the shim's log."""
    full = other = 0
    cpu = 0.0
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            argv, cpu = entry["argv"], cpu + entry["cpu"]
            config = argv[argv.index("-f") + 1] if "-f" in argv else argv[argv.index("--config-file") + 1] if "--config-file" in argv else "mkdocs.yml"
            if Path(config).name == "mkdocs.yml":
                full += 1
            else:
                other += 1
    return full, other, cpu


def busy_cpu_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat's first line, in clock ticks)."""
    ticks = os.sysconf("SC_CLK_TCK")
    user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8])
    return (user + nice + system + irq + softirq) / ticks


def run_suite(tree: Path, shim_dir: Path, log: Path, pytest_args: list[str]) -> dict:
    log.unlink(missing_ok=True)
    env = {**os.environ, "IRC_BENCH_BUILD_LOG": str(log),
           "PYTHONPATH": os.pathsep.join(p for p in (str(shim_dir), os.environ.get("PYTHONPATH", "")) if p)}
    cpu_start, start = busy_cpu_seconds(), time.perf_counter()
    proc = subprocess.run([str(tree / ".venv" / "bin" / "pytest"), *pytest_args], cwd=tree, env=env, text=True, capture_output=True)
    seconds, cpu = time.perf_counter() - start, busy_cpu_seconds() - cpu_start
    full, other, build_cpu = count_builds(log)
    failures = [line for line in proc.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    stamp = f"{tree.name}-{time.strftime('%H%M%S')}"
    (OUTPUT / f"{stamp}.txt").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if log.exists():  # each build: arguments, folder, CPU and wall seconds
        shutil.copy(log, OUTPUT / f"{stamp}-builds.jsonl")
    return {"seconds": seconds, "cpu": cpu, "exit": proc.returncode, "summary": summary_line(proc.stdout), "full": full, "other": other, "build_cpu": build_cpu,
            "failures": failures}


def fmt(seconds: float) -> str:
    return f"{int(seconds // 60)} min {seconds % 60:04.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare with (default %(default)s)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each tree (default %(default)s)")
    parser.add_argument("--baseline-only", action="store_true", help="time the baseline alone")
    parser.add_argument("pytest_args", nargs="*", help="arguments for pytest after `--` (default: none, as `make test`)")
    args = parser.parse_args()
    commit = sh(["git", "rev-parse", args.baseline], ROOT).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as tmp:
        tmpdir = Path(tmp)
        shim_dir = tmpdir / "shim"
        shim_dir.mkdir()
        (shim_dir / "sitecustomize.py").write_text(SHIM, encoding="utf-8")
        base = baseline_tree(commit, tmpdir)
        try:
            trees = {"current": ROOT, f"baseline {commit[:7]}": base}
            if args.baseline_only:
                del trees["current"]
            for tree in trees.values():  # untimed: both start with generated/ up to date
                sh([str(tree / ".venv" / "bin" / "python"), "-m", "analysis"], tree)
            results: dict[str, list[dict]] = {name: [] for name in trees}
            print(f"load average before: {os.getloadavg()}  cores: {os.cpu_count()}", flush=True)
            for i in range(args.runs):
                for name, tree in trees.items():
                    r = run_suite(tree, shim_dir, tmpdir / "builds.log", args.pytest_args)
                    results[name].append(r)
                    print(f"run {i + 1} {name:>17}: {fmt(r['seconds'])}  CPU {r['cpu']:.0f} s  exit {r['exit']}  {r['summary']}  "
                          f"builds: {r['full']} full site + {r['other']} other config, CPU {r['build_cpu']:.0f} s  (load {os.getloadavg()[0]:.2f})", flush=True)
                    for line in r["failures"]:
                        print(f"    {line}", flush=True)
            print(f"load average after: {os.getloadavg()}")
            medians, cpu_medians = {}, {}
            for name, runs in results.items():
                times, cpus = [r["seconds"] for r in runs], [r["cpu"] for r in runs]
                medians[name], cpu_medians[name] = statistics.median(times), statistics.median(cpus)
                print(f"{name:>17}: min {fmt(min(times))}  median {fmt(medians[name])}  max {fmt(max(times))}  "
                      f"CPU min {min(cpus):.0f} s  median {cpu_medians[name]:.0f} s  max {max(cpus):.0f} s")
            if len(medians) == 2:
                cur_name, base_name = list(trees)
                print(f"current / baseline (medians): wall {medians[cur_name] / medians[base_name]:.2f}  "
                      f"CPU {cpu_medians[cur_name] / cpu_medians[base_name]:.2f}")
            failed = any(r["exit"] != 0 for runs in results.values() for r in runs)
            return 1 if failed else 0
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
