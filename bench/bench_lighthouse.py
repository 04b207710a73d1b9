"""Lighthouse 12.2.3 (mobile: simulated slow 4G, 4x CPU slowdown) on the built site,
against a plain Material page with the same text and chart image, in the same run.

    cd bench && npm ci            # once: Lighthouse pinned in bench/package-lock.json
    .venv/bin/python bench/bench_lighthouse.py               # builds the site into a temp folder
    .venv/bin/python bench/bench_lighthouse.py --site site/  # measures an existing build
    .venv/bin/python bench/bench_lighthouse.py --all --runs 1  # every page of the sitemap, once
    .venv/bin/python bench/bench_lighthouse.py --site site/ --before old-site/ --pages /china-uk/methods/
                                                       # also an older build, served under /__before__/,
                                                       # its pages interleaved with these (paired figures)

Both are served gzipped, as GitHub Pages serves them. The baseline is built by MkDocs
with Material alone (no plugins, hooks or extra CSS/JS of this site; system fonts, as
the site): one page holding the text of the Methods page and its chart as an <img>.
Each page is measured --runs times (default 3); medians are printed.

Targets (the reading issue): performance score at least 90 on every page; on the chart
page, first and largest contentful paint at most 1.1 times the baseline's; DOM under
1,500 elements on every page. Exit status 1 when a target is missed, 2 when Lighthouse
cannot run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from bench.gzip_server import serve_gzipped  # noqa: E402
from tests.browser.browser_helpers import build_site, page_file, site_pages  # noqa: E402
from tools.chromium import CHROMIUM_ARGS, FULL_CHROMIUM  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHART_PAGE = "/china-uk/methods/"
PAGES = [
    "/",
    CHART_PAGE,
    "/china-uk/quantitative/",
    "/china-uk/qualitative/",
    "/quotes/all/",
    "/datasets/china_uk_citation_sources/",
    "/reproduce/categorisation/",
]
BASELINE = "/__baseline__/"
BEFORE = "/__before__"  # an older build (--before), served beside this one
MIN_SCORE = 90
PAINT_RATIO = 1.1
MAX_DOM = 1500


def baseline_site(site: Path, out: Path) -> Path:
    """A plain Material site: one page with the chart page's text and its chart as an image."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_file(site, CHART_PAGE).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    docs = out / "docs"
    docs.mkdir(parents=True)
    for fig in article.select("figure.irc-chart"):
        img = fig.select_one("img.irc-chart__svg--light")
        name = Path(img["src"]).name
        shutil.copy2((page_file(site, CHART_PAGE).parent / img["src"]).resolve(), docs / name)
        title = fig.select_one(".irc-frame__title, .irc-chart__title")
        new = soup.new_tag("p")
        new.append(soup.new_tag("img", src=name, alt=img["alt"], width=img["width"], height=img["height"]))
        fig.replace_with(BeautifulSoup(f"<p><strong>{title.get_text(' ', strip=True)}</strong></p>", "html.parser"), new)
    # Only the text: no script, no form control, no disclosure of this site's own.
    for tag in article.select("script, style, details, input, label, button, .md-source-file, .headerlink, a.md-content__button"):
        tag.decompose()
    (docs / "index.md").write_text(str(article.decode_contents()), encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: Baseline\nuse_directory_urls: true\ntheme:\n  name: material\n  font: false\nplugins: []\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(out / "site")], cwd=out, env=env, check=True)
    return out / "site"


def lighthouse(url: str, save: Path | None = None) -> dict:
    proc = subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", "--output-path=stdout", "--quiet",
         "--chrome-flags=" + " ".join(CHROMIUM_ARGS)],
        env={**os.environ, "CHROME_PATH": str(FULL_CHROMIUM)}, capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse {url} failed ({proc.returncode}): {proc.stderr[-800:]}")
    report = json.loads(proc.stdout)
    if save is not None:
        save.write_text(proc.stdout, encoding="utf-8")
    audits = report["audits"]
    missing = [k for k in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time") if "numericValue" not in audits[k]]
    if missing or report["categories"]["performance"]["score"] is None:
        raise RuntimeError(f"lighthouse {url}: no {', '.join(missing) or 'score'} ({report.get('runtimeError', {}).get('code', 'no error code')})")
    print(f"    {url}: largest contentful paint element {_lcp_element(audits)}", file=sys.stderr)
    return {
        "score": round(100 * (report["categories"]["performance"]["score"] or 0)),
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "dom": audits["dom-size"]["numericValue"],
    }


def _lcp_element(audits: dict) -> str:
    """The element Lighthouse took as largest paint, for the log (its report nests it in tables)."""
    def nodes(value):
        if isinstance(value, dict):
            if value.get("type") == "node":
                yield value.get("snippet", "")
            for item in value.values():
                yield from nodes(item)
        elif isinstance(value, list):
            for item in value:
                yield from nodes(item)

    found = list(nodes(audits.get("largest-contentful-paint-element", {}).get("details", {})))
    return found[0][:120] if found else "(none reported)"


def median_row(runs: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def report_path(folder: Path | None, path: str, run: int) -> Path | None:
    """Where the whole Lighthouse report of one run goes (--reports), for its audits and trace."""
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{path.strip('/').replace('/', '_') or 'home'}-{run + 1}.json"


def measure(site: Path, pages: list[str], runs: int, reports: Path | None = None, before: Path | None = None) -> dict[str, dict]:
    with tempfile.TemporaryDirectory(prefix="lh-baseline-") as tmp:
        base = baseline_site(site, Path(tmp))
        mounts = {BASELINE: base, **({BEFORE + "/": before} if before else {})}
        with serve_gzipped(site, mounts) as url:
            paired = [p for page in pages for p in ([BEFORE + page] if before and page in site_pages(before) else []) + [page]]
            results: dict[str, list[dict]] = {p: [] for p in [BASELINE, *paired]}
            # Interleaved, so that the machine's load falls on the baseline and the pages alike.
            for run in range(runs):
                for path in results:
                    # A loaded machine sometimes makes Lighthouse miss a paint: that run is taken again.
                    for attempt in (1, 2, 3):
                        try:
                            results[path].append(lighthouse(url + path, report_path(reports, path, run)))
                            break
                        except RuntimeError as exc:
                            if attempt == 3:
                                raise
                            print(f"  retrying after: {exc}", file=sys.stderr)
                    print(f"  run {run + 1}/{runs} {path}: {results[path][-1]}", file=sys.stderr)
    return {path: median_row(rows) for path, rows in results.items()}


def report(medians: dict[str, dict], runs: int) -> tuple[str, list[str]]:
    base = medians[BASELINE]
    lines = [f"Lighthouse 12.2.3 mobile, medians of {runs} (baseline: plain Material, same text and chart image, same run)",
             f"{'page':40} {'score':>5} {'FCP s':>6} {'LCP s':>6} {'FCP/base':>8} {'LCP/base':>8} {'TBT ms':>7} {'CLS':>5} {'KB':>6} {'DOM':>5}"]
    missed = []
    for path, m in medians.items():
        label = "baseline (plain Material)" if path == BASELINE else path.replace(BEFORE, "before: ", 1)
        lines.append(f"{label:40} {m['score']:>5.0f} {m['fcp']:>6.2f} {m['lcp']:>6.2f} {m['fcp'] / base['fcp']:>8.2f} {m['lcp'] / base['lcp']:>8.2f} "
                     f"{m['tbt']:>7.0f} {m['cls']:>5.3f} {m['bytes'] / 1024:>6.1f} {m['dom']:>5.0f}")
        if path == BASELINE or path.startswith(BEFORE):
            continue  # the targets are the build's own
        if m["score"] < MIN_SCORE:
            missed.append(f"{path}: performance {m['score']:.0f} < {MIN_SCORE}")
        if m["dom"] >= MAX_DOM:
            missed.append(f"{path}: {m['dom']:.0f} DOM elements (target < {MAX_DOM})")
        if path == CHART_PAGE:
            for key in ("fcp", "lcp"):
                if m[key] > PAINT_RATIO * base[key]:
                    missed.append(f"{path}: {key.upper()} {m[key]:.2f} s > {PAINT_RATIO} x baseline {base[key]:.2f} s")
    lines.append("")
    lines.append("targets met" if not missed else "targets missed:\n  " + "\n  ".join(missed))
    return "\n".join(lines), missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build the site into a temp folder)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="every page of the sitemap, not only the reading issue's pages")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help="only these pages (site paths such as /china-uk/methods/)")
    parser.add_argument("--reports", type=Path, help="also keep each run's whole Lighthouse report (JSON) in this folder")
    parser.add_argument("--json", type=Path, help="also write the medians here")
    parser.add_argument("--before", type=Path, help="an older build to measure in the same run, each page beside its new self")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"error: {LIGHTHOUSE} is missing: run `npm ci` in bench/", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lh-site-") as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        present = site_pages(site)
        wanted = args.pages or PAGES
        pages = [p for p in present if not p.startswith("/print_page")] if args.all else [p for p in wanted if p in present]
        try:
            medians = measure(site, pages, args.runs, args.reports, args.before)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    text, missed = report(medians, args.runs)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(medians, indent=2), encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
