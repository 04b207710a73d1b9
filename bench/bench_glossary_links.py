"""The glossary linker's time per build: the regex tokenizer (hooks.glossary.link_first_uses)
against html.parser (transforms.glossary_links.link_glossary), measured in the same run.

Inputs: every page's HTML as a strict build hands it to the hook (recorded by
tests/unit/glossary_pages.py; the build runs first unless --inputs names a folder it
already wrote), and, as a larger second input, every finished HTML file of that build.
Each linker runs over all pages, alternately, --runs times; the median is printed, with
the outputs compared (a difference is exit status 1).

    .venv/bin/python bench/bench_glossary_links.py [--runs 7] [--inputs DIR]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.glossary import link_first_uses  # noqa: E402  (needs ROOT on sys.path)
from tests.unit import glossary_pages  # noqa: E402  (shared with the tests)
from transforms.glossary_links import link_glossary  # noqa: E402

LINKERS = {"regex tokenizer (link_first_uses)": link_first_uses, "html.parser (link_glossary)": link_glossary}


def median_seconds(linker, jobs: list[tuple[str, list, object]], runs: int) -> tuple[float, list[str]]:
    times, outputs = [], []
    for _ in range(runs):
        start = time.perf_counter()
        outputs = [linker(html, terms, href_for) for html, terms, href_for in jobs]
        times.append(time.perf_counter() - start)
    return statistics.median(times), outputs


def measure(name: str, jobs: list, runs: int) -> bool:
    size = sum(len(html) for html, _, _ in jobs)
    print(f"\n{name}: {len(jobs)} pages, {size / 1e6:.2f} M characters, median of {runs} runs")
    results = {label: median_seconds(linker, jobs, runs) for label, linker in LINKERS.items()}
    for label, (seconds, _) in results.items():
        print(f"  {label:36} {seconds * 1000:8.1f} ms   {seconds * 1000 / len(jobs):6.2f} ms a page")
    (old, old_out), (new, new_out) = results.values()
    same = old_out == new_out
    print(f"  ratio new/old {new / old:.2f}; outputs {'identical' if same else 'DIFFER'}")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--inputs", type=Path, help="a folder tests/unit/glossary_pages.py already wrote")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.inputs
        if folder is None:
            folder = Path(scratch)
            if glossary_pages.main([str(folder)]) != 0:
                return 2
        records = glossary_pages.load(folder)
        terms = glossary_pages.terms_of(records[0])
        hook_inputs = [(r["html"], glossary_pages.terms_of(r), r["hrefs"].__getitem__) for r in records]
        documents = [(p.read_text(encoding="utf-8"), terms, lambda slug: f"../glossary/#{slug}")
                     for p in sorted((folder / "site").rglob("*.html"))]
        same = measure("pages as the hook receives them in a build", hook_inputs, args.runs)
        same = measure("finished HTML files of the build (whole documents)", documents, args.runs) and same
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
