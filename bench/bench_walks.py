"""What the two browser walks of the test suite cost (tests/browser/crawl.py), and how much of it
is axe-core, against the same walks without axe measured in the same run.

Each walk is the suite's own code (crawl_scheme: every page of the built site in one colour
scheme, with every check the tests read), on one built site, in one Chromium (the one the
tests drive, tools/chromium.py). A run walks light and dark with axe, and light and dark with axe
replaced by the wait for the page to settle that comes with it (the baseline), alternating
which goes first. Wall time, and CPU time of every process on the machine (/proc/stat, as
bench_tests.py: Chromium's processes are not all reaped by a parent, so rusage misses them).

On a 2-core machine the whole suite cannot take less wall time than half its CPU time, so
these walks' CPU seconds, with the builds' (bench_tests.py prints them), show how much of
`make test`'s time those checks take by themselves.

    .venv/bin/python bench/bench_walks.py [SITE_DIR] [--runs 2]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_tests import busy_cpu_seconds
from tests.browser import crawl
from tests.browser.browser_helpers import (
    DESKTOP,
    LocalSitemapHandler,
    build_site,
    chart_pages,
    launch_chromium,
    serve,
    site_pages,
)
from tests.browser.chart_text import chart_text_pages
from tests.browser.conftest import Recorder


def without_axe(page, recorder) -> list[dict]:
    """checked_by_axe's waits (the load, then the page's last requests) and no axe run."""
    page.wait_for_load_state("load")
    recorder.settle(page)
    return []


def walk(browser, url: str, site: Path, scheme: str, axe: bool) -> tuple[float, float, int]:
    """(wall seconds, machine CPU seconds, pages) of one walk as the tests make it."""
    def new_context(scheme: str = "light", **options):
        context = browser.new_context(base_url=url, color_scheme=scheme, viewport=options.pop("viewport", DESKTOP),
                                      service_workers="block", **options)
        context.set_default_timeout(15_000)
        made.append(context)
        return context, Recorder(context, url)

    made: list = []
    real = crawl.checked_by_axe
    crawl.checked_by_axe = real if axe else without_axe
    pages = site_pages(site)
    try:
        cpu, start = busy_cpu_seconds(), time.perf_counter()
        records = crawl.crawl_scheme(new_context, pages, set(chart_pages(site)), scheme, set(chart_text_pages(site)))
        seconds, cpu = time.perf_counter() - start, busy_cpu_seconds() - cpu
    finally:
        crawl.checked_by_axe = real
        for context in made:
            context.close()
    problems = sum(len(r.violations) + len(r.problems) for r in records.values())
    if problems:
        print(f"    ({scheme}{'' if axe else ', no axe'}: {problems} violations or problems found; timed all the same)")
    return seconds, cpu, len(records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each walk (default %(default)s)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-walks-") as tmp:
        site = Path(args.site) if args.site else build_site(Path(tmp) / "site")
        results: dict[tuple[str, bool], list[tuple[float, float]]] = {}
        with serve(site, handler=LocalSitemapHandler) as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for i in range(args.runs):
                order = [(s, a) for a in (True, False) for s in crawl.SCHEMES]
                for scheme, axe in order if i % 2 == 0 else list(reversed(order)):
                    seconds, cpu, pages = walk(browser, url, site, scheme, axe)
                    results.setdefault((scheme, axe), []).append((seconds, cpu))
                    print(f"run {i + 1} {scheme:5} {'with axe' if axe else 'no axe  '}: {pages} pages, "
                          f"{seconds:6.1f} s, CPU {cpu:6.1f} s", flush=True)
            browser.close()
    print("medians:")
    cpu = {key: statistics.median(c for _s, c in runs) for key, runs in results.items()}
    for (scheme, axe), runs in results.items():
        print(f"  {scheme:5} {'with axe' if axe else 'no axe  '}: {statistics.median(s for s, _c in runs):6.1f} s, "
              f"CPU {cpu[scheme, axe]:6.1f} s")
    both, baseline = sum(cpu[s, True] for s in crawl.SCHEMES), sum(cpu[s, False] for s in crawl.SCHEMES)
    print(f"both walks: CPU {both:.0f} s, of which axe {both - baseline:.0f} s ({both / baseline:.2f} of the walks without it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
