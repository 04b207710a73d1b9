"""Build times: cold build (empty generated/ and site/) and warm rebuild with nothing
changed, each run in a fresh process. Prints a table; targets from the foundation issue."""
from __future__ import annotations

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


def timed_build(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(MKDOCS), "build", "-q", "--site-dir", str(site)], cwd=ROOT, env=ENV, check=True)
    return time.perf_counter() - start


def timed_noop() -> float:
    """Baseline: starting Python and importing MkDocs, the floor under any build."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import mkdocs.commands.build, material"], check=True)
    return time.perf_counter() - start


def main(runs: int = 3) -> int:
    cold, warm, floor = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        for _ in range(runs):
            shutil.rmtree(ROOT / "generated", ignore_errors=True)
            cold.append(timed_build(site))
            warm.append(timed_build(site))
            floor.append(timed_noop())
    rows = [
        ("cold build (no generated/, no site/)", statistics.median(cold), 10.0),
        ("warm rebuild, nothing changed", statistics.median(warm), 2.0),
        ("baseline: python + import mkdocs, material", statistics.median(floor), None),
    ]
    print(f"{'measure':45} {'median s':>9} {'target s':>9}  (runs: {runs}, cores: {os.cpu_count()})")
    failed = False
    for label, value, target in rows:
        mark = "" if target is None else ("ok" if value <= target else "OVER")
        failed |= mark == "OVER"
        print(f"{label:45} {value:9.2f} {'' if target is None else f'{target:9.1f}'}  {mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
