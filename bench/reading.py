"""How the built site reads: screenshots, chart text sizes, boxes, DOM size, print pages.

    .venv/bin/python -m bench.reading [SITE_DIR] [OUT_DIR]

Serves SITE_DIR (default site/) locally and, in Debian's Chromium, takes phone
(390x844, scale 2, touch) and laptop (1280x800) screenshots in both schemes of the
pages the reading issue names, measures the smallest chart text as shown (each
text's font size times the scale its SVG is drawn at), counts disclosure boxes per
chart and DOM elements per page, and prints the qualitative and quantitative pages
to A4 PDF to count their pages. Figures go to OUT_DIR/reading.json and stdout.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from tests.browser.browser_helpers import launch_chromium, serve, site_pages, slug  # noqa: E402
from tests.browser.chart_text import CHART_TEXT_JS  # noqa: E402

PAGES = [
    "/",
    "/china-uk/methods/",
    "/china-uk/quantitative/",
    "/china-uk/qualitative/",
    "/quotes/all/",
    "/datasets/china_uk_citation_sources/",
    "/reproduce/categorisation/",
    "/korea-uk/method/",
]
PRINTED = ["/china-uk/qualitative/", "/china-uk/quantitative/"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
NARROW = {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}

PAGE_JS = """
() => ({
  dom: document.getElementsByTagName('*').length,
  details: document.querySelectorAll('.md-content details').length,
  figures: document.querySelectorAll('figure.irc-chart').length,
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  stylesheets: Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(l => l.getAttribute('href')),
  scripts: Array.from(document.querySelectorAll('script[src]')).map(s => s.getAttribute('src')),
})
"""


def _settle(page) -> None:
    page.wait_for_load_state("load")
    # Lazy images: scroll every chart into view, then wait for them to decode.
    page.evaluate("""async () => {
      for (const img of document.querySelectorAll('figure img')) { img.loading = 'eager'; }
      await Promise.all(Array.from(document.images, i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
    }""")
    page.mouse.move(2, 2)
    page.wait_for_timeout(150)


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def measure(site: Path, out: Path) -> dict:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    present = set(site_pages(site))
    pages = [p for p in PAGES if p in present]
    chart_pages = [p for p in sorted(present) if 'class="irc-chart' in _html(site, p)]
    results: dict = {"pages": {}, "charts": {}, "print": {}}
    with serve(site) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for device, options in (("phone", PHONE), ("laptop", LAPTOP)):
            for scheme in ("light", "dark"):
                context = browser.new_context(base_url=url, color_scheme=scheme, service_workers="block", **options)
                page = context.new_page()
                for path in pages:
                    page.goto(path)
                    _settle(page)
                    page.screenshot(path=str(out / f"{slug(path)}-{device}-{scheme}.jpg"), full_page=True, type="jpeg", quality=60)
                    if scheme == "light":
                        results["pages"].setdefault(path, {})[device] = page.evaluate(PAGE_JS)
                context.close()
        for device, options in (("360", NARROW), ("phone", PHONE), ("laptop", LAPTOP)):
            for scheme in ("light", "dark"):
                context = browser.new_context(base_url=url, color_scheme=scheme, service_workers="block", **options)
                page = context.new_page()
                for path in chart_pages:
                    page.goto(path)
                    _settle(page)
                    for row in page.evaluate(CHART_TEXT_JS):
                        results["charts"].setdefault(row["id"], {"page": path})[f"{device}-{scheme}"] = row
                context.close()
        context = browser.new_context(base_url=url, **LAPTOP)
        page = context.new_page()
        for path in PRINTED:
            if path not in present:
                continue
            page.goto(path)
            _settle(page)
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=False, margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
            (out / f"{slug(path)}.pdf").write_bytes(pdf)
            results["print"][path] = pdf_pages(pdf)
            page.emulate_media(media="screen")
        context.close()
        browser.close()
    (out / "reading.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


def _html(site: Path, path: str) -> str:
    target = site / path.lstrip("/")
    target = target / "index.html" if path.endswith("/") else target
    return target.read_text(encoding="utf-8") if target.is_file() else ""


def report(results: dict) -> str:
    lines = ["page                                    device  DOM   details  sideways-scroll  own CSS/JS"]
    for path, devices in results["pages"].items():
        for device, row in devices.items():
            own_css = [s for s in row["stylesheets"] if "assets/stylesheets" not in s]
            own_js = [s for s in row["scripts"] if "assets/javascripts/bundle" not in s]
            lines.append(f"{path:40} {device:7} {row['dom']:5} {row['details']:7}  {row['scrollWidth'] > row['innerWidth']!s:15}  {len(own_css)}/{len(own_js)}")
    lines.append("")
    lines.append("chart (page)                                   smallest shown text px: 360-light 360-dark phone-light laptop-light laptop-dark   boxes tabs")
    for chart, rows in results["charts"].items():
        def small(key):
            imgs = rows.get(key, {}).get("images", [])
            return f"{min(i['minShown'] for i in imgs):.1f}" if imgs else "-"
        first = rows.get("laptop-light", {})
        lines.append(f"{chart:46} {small('360-light'):>9} {small('360-dark'):>8} {small('phone-light'):>11} {small('laptop-light'):>12} {small('laptop-dark'):>11}   {first.get('boxes', '-'):>5} {first.get('tabs', '-'):>4}")
    lines.append("")
    for path, count in results["print"].items():
        lines.append(f"print A4 {path}: {count} pages")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0]) if argv else ROOT / "site"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "test-results" / "reading"
    results = measure(site, out)
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
