"""Build times, against a baseline measured in the same run. Prints a table; the
targets are the foundation issue's (cold at most 10 s, warm rebuild at most 2 s).

- cold build: a fresh process, with no generated/ (analysis artifacts, notebook and
  template caches) and no site/, as after `make install` in a fresh clone.
- warm rebuild in `make serve`: what the development server does when a file is saved.
  `make serve` leaves out the whole-site print page (IRC_PRINT_PAGE=false, as the
  print-site plugin's documentation suggests for local previews); the same rebuild
  with it is printed too.
  `mkdocs serve` keeps one process and calls its builder again (load the config,
  build every page). Here one process builds once, untimed, then rebuilds with
  nothing changed; the median of those rebuilds is reported. Same builder calls as
  mkdocs/commands/serve.py.
- warm `make build`: a fresh process with generated/ up to date. It adds Python's
  start-up and the imports (MkDocs, Material, mkdocs-jupyter with nbconvert) that a
  serving process has already done.
- baseline: a fresh Python importing MkDocs and Material only, the floor of any build.

    .venv/bin/python bench/bench_build.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

# Run in a child process: the serving process's rebuilds, timed inside it.
SERVE_REBUILDS = """
import logging, statistics, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.ERROR)
site_dir, rebuilds = sys.argv[1], int(sys.argv[2])

def builder():  # mkdocs/commands/serve.py: get_config() then build(config, serve_url=...)
    config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    config.site_url = serve_url = "http://127.0.0.1:8000/"
    build(config, serve_url=serve_url)

config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
config.plugins.on_startup(command="serve", dirty=False)
builder()  # the initial build of `mkdocs serve`
times = []
for _ in range(rebuilds):
    start = time.perf_counter()
    builder()
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def timed_build(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(MKDOCS), "build", "-q", "--site-dir", str(site)], cwd=ROOT, env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def serve_rebuild(site: Path, rebuilds: int, print_page: bool = False) -> float:
    """`make serve` runs with IRC_PRINT_PAGE=false (Makefile): no whole-site print page."""
    env = {**ENV, "IRC_PRINT_PAGE": "true" if print_page else "false"}
    out = subprocess.run([sys.executable, "-c", SERVE_REBUILDS, str(site), str(rebuilds)], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def timed_noop() -> float:
    """Baseline: starting Python and importing MkDocs, the floor under any build."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import mkdocs.commands.build, material"], check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    cold, serve, serve_print, warm, floor = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        for _ in range(args.runs):
            shutil.rmtree(ROOT / "generated", ignore_errors=True)
            shutil.rmtree(site, ignore_errors=True)
            cold.append(timed_build(site))
            warm.append(timed_build(site))
            serve.append(serve_rebuild(Path(tmp) / "serve", 3))
            serve_print.append(serve_rebuild(Path(tmp) / "serve-print", 3, print_page=True))
            floor.append(timed_noop())
    rows = [
        ("cold build (no generated/, no site/)", statistics.median(cold), 10.0),
        ("warm rebuild in make serve, nothing changed", statistics.median(serve), 2.0),
        ("  the same with the whole-site print page", statistics.median(serve_print), None),
        ("warm make build (fresh process), nothing changed", statistics.median(warm), None),
        ("baseline: python + import mkdocs, material", statistics.median(floor), None),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{'measure':50} {'median s':>9} {'target s':>9}  (runs: {args.runs}, cores: {os.cpu_count()}, load: {load:.2f})")
    failed = False
    for label, value, target in rows:
        mark = "" if target is None else ("ok" if value <= target else "OVER")
        failed |= mark == "OVER"
        print(f"{label:50} {value:9.2f} {'' if target is None else f'{target:9.1f}'}  {mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
