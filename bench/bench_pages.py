"""Page weight and time to first chart, for every page of the built site, against a vega-embed baseline.

For each page listed in the built sitemap.xml a fresh Chromium context (empty cache)
loads it from a local server; every response body the page fetched before any
interaction is gzip-compressed (level 6, what a static host sends) and summed. On
pages with charts, the page is opened at its first chart's anchor (so the lazy SVG
is in view, as for a reader following a citation to it) and the time from navigation
start until that chart's static SVG is loaded and shown is read in the page. The
baseline is a bare page that draws the same Vega-Lite spec with vega-embed from the
site's own Vega bundle, measured in the same run, in the same browser.

Budgets (issue 8): no page over 100 KB gzipped before interaction; a chart page at
most 75 KB (the reading issue). The notebook page counts like any other. Exit status 1 when a budget is
broken, 2 when the site cannot be built or measured.

    .venv/bin/python bench/bench_pages.py                 # builds the site into a temp folder
    .venv/bin/python bench/bench_pages.py --site site/    # measures an existing build
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent

from tests.browser.browser_helpers import (  # noqa: E402  (shared with the browser tests; the project is installed, so tests/ imports)
    CHROMIUM,
    build_site,
    launch_chromium,
    page_file,
    serve,
    site_pages,
)

BASELINE_TEMPLATE = ROOT / "bench" / "baseline" / "vega_embed.html"
# Material's own files, fetched by every page: its script bundle, main and palette
# stylesheets, and sitemap.xml, which instant navigation reads to know the site's pages.
MATERIAL_FILES = re.compile(r"^(?:.*/)?(?:assets/javascripts/bundle\.[0-9a-f]+\.min\.js|assets/stylesheets/(?:main|palette)\.[0-9a-f]+\.min\.css|sitemap\.xml)$")
BASELINE_MOUNT = "/__baseline__/"
KB = 1024

# Set up before any page script runs: notes the time (ms since navigation start) at
# which the first chart is on screen: the site's static SVG loaded and displayed, or
# for the baseline, vega-embed's SVG with its marks drawn.
FIRST_CHART_PROBE = """
(() => {
  const shown = () => {
    const dark = document.body && document.body.getAttribute('data-md-color-scheme') === 'slate';
    const img = document.querySelector('figure.irc-chart img.irc-chart__svg--' + (dark ? 'dark' : 'light'));
    if (img && img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 0
        && getComputedStyle(img).display !== 'none') return true;
    return !!document.querySelector('#vis svg [class^="mark-"] path, #vis svg [class^="mark-"] text');
  };
  const tick = () => {
    if (shown()) { window.__ircFirstChart = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def first_chart(site_dir: Path, path: str) -> dict | None:
    """The first chart figure of a page: its id and the site paths of its spec and bundle."""
    text = page_file(site_dir, path).read_text(encoding="utf-8")
    start = text.find('<figure class="irc-chart"')
    if start < 0:
        return None
    tag = text[start:text.index(">", start)]
    attrs = dict(part.split('="', 1) for part in tag.replace("<figure ", "").rstrip('"').split('" '))
    return {
        "id": attrs["id"],
        "spec": urlsplit(urljoin(path, html.unescape(attrs["data-spec"]))).path,
        "bundle": urlsplit(urljoin(path, html.unescape(attrs["data-bundle"]))).path,
    }


# Chrome DevTools' "Fast 4G" preset: on 127.0.0.1 bytes cost nothing, so without it the
# timing shows only parse and render time, not what a reader on a phone network waits for.
NETWORKS = {
    "none": None,
    "fast4g": {"offline": False, "latency": 60, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 1_500_000 / 8},
}


def measure(browser, url: str, network: str = "none", settle_ms: int = 300, timeout_ms: int = 30_000) -> dict:
    """Load url in a cold context; gzip bytes of everything fetched before interaction, first-chart time."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.add_init_script(FIRST_CHART_PROBE)
    page = context.new_page()
    if NETWORKS[network]:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORKS[network])
    responses, inflight, failed = [], set(), []
    # Context-level events also see what the page's workers fetch (Material's search index).
    context.on("request", lambda r: inflight.add(r))
    context.on("requestfinished", lambda r: inflight.discard(r))
    context.on("requestfailed", lambda r: (inflight.discard(r), failed.append(r.url)))
    context.on("response", lambda r: responses.append(r))
    page.goto(url, wait_until="load", timeout=timeout_ms)
    quiet = waited = 0
    while quiet < settle_ms and waited < timeout_ms:
        page.wait_for_timeout(50)
        waited += 50
        quiet = quiet + 50 if not inflight else 0
    try:
        page.wait_for_function("() => window.__ircFirstChart !== undefined", timeout=2_000, polling=50)
    except Exception:  # noqa: BLE001  (a page without a chart never sets it)
        pass
    first_chart_ms = page.evaluate("() => window.__ircFirstChart ?? null")
    sizes = {}
    for response in responses:
        # A URL the page names twice (a stylesheet in <link> and in a print partial) crosses the wire once.
        if 300 <= response.status < 400 or response.url in sizes:
            continue
        try:
            body = response.body()
        except Exception:  # noqa: BLE001  (a body the browser no longer holds: counted as failed)
            failed.append(response.url)
            continue
        sizes[response.url] = (len(body), len(gzip.compress(body, compresslevel=6, mtime=0)))
    context.close()
    largest = sorted(((gz, urlsplit(u).path) for u, (_, gz) in sizes.items()), reverse=True)[:6]
    return {
        "material": sum(gz for u, (_, gz) in sizes.items() if MATERIAL_FILES.search(urlsplit(u).path)),
        "requests": len(sizes),
        "raw": sum(raw for raw, _ in sizes.values()),
        "gzip": sum(gz for _, gz in sizes.values()),
        "first_chart_ms": first_chart_ms,
        "failed": failed,
        "largest": [{"path": path, "gzip": gz} for gz, path in largest],
    }


def run(site_dir: Path, base_url: str, browser, repeats: int, network: str = "none", only=None) -> tuple[list[dict], list[dict]]:
    rows, baselines = [], []
    for path in site_pages(site_dir):
        if only and path not in only:
            continue
        chart = first_chart(site_dir, path)
        text = page_file(site_dir, path).read_text(encoding="utf-8")
        kind = "notebook" if "jp-Notebook" in text or "jp-Cell" in text else ("chart" if chart else "page")
        url = base_url + path + (f"#{chart['id']}" if chart else "")
        runs = [measure(browser, url, network) for _ in range(repeats if chart else 1)]
        row = {"page": path, "kind": kind, **runs[0]}
        if chart:
            times = [r["first_chart_ms"] for r in runs if r["first_chart_ms"] is not None]
            row["first_chart_ms"] = statistics.median(times) if times else None
            row["chart"] = chart
        rows.append(row)
    # One baseline per distinct chart spec that opens a chart page, measured in the same run.
    seen = set()
    for row in rows:
        chart = row.get("chart")
        if not chart or chart["spec"] in seen:
            continue
        seen.add(chart["spec"])
        name = chart["id"].removeprefix("chart-")
        runs = [measure(browser, f"{base_url}{BASELINE_MOUNT}{name}.html", network) for _ in range(repeats)]
        times = [r["first_chart_ms"] for r in runs if r["first_chart_ms"] is not None]
        baselines.append({"page": f"baseline: vega-embed, {name}", "kind": "baseline", "for": row["page"], **runs[0],
                          "first_chart_ms": statistics.median(times) if times else None})
    return rows, baselines


def write_baselines(site_dir: Path, folder: Path) -> None:
    template = BASELINE_TEMPLATE.read_text(encoding="utf-8")
    for path in site_pages(site_dir):
        chart = first_chart(site_dir, path)
        if chart:
            name = chart["id"].removeprefix("chart-")
            filled = template.replace("{title}", html.escape(name)).replace("{bundle}", chart["bundle"]).replace("{spec}", chart["spec"])
            (folder / f"{name}.html").write_text(filled, encoding="utf-8")


def budget_problems(rows: list[dict], page_kb: float, chart_kb: float) -> list[str]:
    problems = []
    for row in rows:
        limit = chart_kb if row["kind"] == "chart" else page_kb
        if row["gzip"] > limit * KB:
            problems.append(f"{row['page']} ({row['kind']}): {row['gzip'] / KB:.1f} KB gzipped > {limit:g} KB")
        if row["failed"]:
            problems.append(f"{row['page']}: failed requests {row['failed']}")
        if row["kind"] == "chart" and row["first_chart_ms"] is None:
            problems.append(f"{row['page']}: the first chart never showed")
    return problems


def table(rows: list[dict], baselines: list[dict], page_kb: float, chart_kb: float) -> str:
    lines = [
        f"{'page':<58} {'kind':<9} {'reqs':>4} {'KB raw':>8} {'KB gzip':>8} {'budget':>6} {'1st chart ms':>12}",
        "-" * 111,
    ]
    for row in rows + baselines:
        limit = "" if row["kind"] == "baseline" else f"{chart_kb if row['kind'] == 'chart' else page_kb:g}"
        over = row["kind"] != "baseline" and row["gzip"] > float(limit) * KB
        ms = "" if row["first_chart_ms"] is None else f"{row['first_chart_ms']:.0f}"
        lines.append(
            f"{row['page']:<58} {row['kind']:<9} {row['requests']:>4} {row['raw'] / KB:>8.1f} "
            f"{row['gzip'] / KB:>8.1f} {limit:>6} {ms:>12}{'  OVER BUDGET' if over else ''}"
        )
    for base in baselines:
        page = next(r for r in rows if r["page"] == base["for"])
        ratio = base["gzip"] / page["gzip"] if page["gzip"] else float("nan")
        lines.append(
            f"side by side, {base['for']}: site {page['gzip'] / KB:.1f} KB, first chart {page['first_chart_ms'] or float('nan'):.0f} ms; "
            f"vega-embed baseline {base['gzip'] / KB:.1f} KB, {base['first_chart_ms'] or float('nan'):.0f} ms ({ratio:.1f}x the bytes)"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one into a temp folder)")
    parser.add_argument("--page-budget", type=float, default=100.0, help="KB gzipped, any page (default 100)")
    parser.add_argument("--chart-budget", type=float, default=75.0, help="KB gzipped, a page with a chart (default 75)")
    parser.add_argument("--repeats", type=int, default=3, help="loads per chart page and baseline; the median time is shown")
    parser.add_argument("--network", choices=sorted(NETWORKS), default="none", help="emulated network for the timings (default none)")
    parser.add_argument("--page", action="append", dest="only", help="measure only this page path (repeatable), e.g. /china-uk/methods/")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"bench_pages: {CHROMIUM} is missing (apt-get install chromium-headless-shell or chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        tmp = Path(tmp)
        site_dir = args.site.resolve() if args.site else tmp / "site"
        baseline_dir = tmp / "baseline"
        baseline_dir.mkdir()
        if not args.site:
            site_dir.mkdir()
        with serve(site_dir, mounts={BASELINE_MOUNT: baseline_dir}) as base_url:
            try:
                if not args.site:
                    build_site(site_dir, site_url=base_url + "/")
                write_baselines(site_dir, baseline_dir)
            except (RuntimeError, OSError, ValueError) as exc:
                print(f"bench_pages: {exc}", file=sys.stderr)
                return 2
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                rows, baselines = run(site_dir, base_url, browser, args.repeats, args.network, args.only)
                browser.close()
    print(f"network: {args.network}; timings are medians of {args.repeats} cold loads")
    print(table(rows, baselines, args.page_budget, args.chart_budget))
    material = [r["material"] for r in rows if r["kind"] == "chart"]
    if material:
        floor = statistics.median(material) / KB
        print(f"\nOf each chart page, Material's own files (bundle.js, main.css, palette.css, sitemap.xml): "
              f"{floor:.1f} KB, leaving {args.chart_budget - floor:.1f} KB of the {args.chart_budget:g} KB budget "
              "for the page's HTML, its charts and the site's own scripts and styles.")
    heaviest = max(rows, key=lambda r: r["gzip"])
    print(f"\nLargest responses of the heaviest page ({heaviest['page']}), KB gzipped: "
          + ", ".join(f"{item['path']} {item['gzip'] / KB:.1f}" for item in heaviest["largest"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"pages": rows, "baselines": baselines}, indent=2), encoding="utf-8")
    problems = budget_problems(rows, args.page_budget, args.chart_budget)
    if problems:
        print("\nBudget broken:\n  " + "\n  ".join(problems))
        return 1
    print(f"\nAll {len(rows)} pages within budget ({args.page_budget:g} KB; chart pages {args.chart_budget:g} KB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
