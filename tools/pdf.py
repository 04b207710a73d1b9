"""Print the whole-site page to PDF with headless Chromium (after `mkdocs build`).

    python -m tools.pdf [site/print_page/index.html] [site/irc-site.pdf]

The PDF is written into the built site, so the Cite page's link to it resolves on
the deployed site; it is not part of `mkdocs build` (which has no browser), and the
link is therefore not checked by the strict build (see docs/cite.md).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tools.chromium import launch_chromium

ROOT = Path(__file__).resolve().parent.parent


def make_pdf(print_page: Path, out: Path, *, timeout_ms: int = 120_000) -> dict:
    """Render print_page (a file of the built site) to out; return size and timing."""
    from playwright.sync_api import sync_playwright

    if not print_page.is_file():
        raise FileNotFoundError(f"{print_page}: no print page; run `mkdocs build` first (print-site plugin)")
    start = time.perf_counter()
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            # Only the built site is read: any request off file:// is refused, so
            # the PDF can never depend on the network.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
            page.goto(print_page.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
            # Lazy images (charts) must load before printing.
            page.evaluate("""() => Promise.all(Array.from(document.images, img => {
                img.loading = 'eager';
                return img.complete ? null : new Promise(r => { img.onload = img.onerror = r; });
            }))""")
            page.emulate_media(media="print")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(out), format="A4", print_background=False, prefer_css_page_size=True,
                margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                display_header_footer=True,
                header_template="<span></span>",
                footer_template='<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
            )
        finally:
            browser.close()
    return {"bytes": out.stat().st_size, "seconds": round(time.perf_counter() - start, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("print_page", nargs="?", default=str(ROOT / "site" / "print_page" / "index.html"))
    parser.add_argument("out", nargs="?", default=str(ROOT / "site" / "irc-site.pdf"))
    args = parser.parse_args(argv)
    try:
        result = make_pdf(Path(args.print_page), Path(args.out))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}: {result['bytes'] / 1024:.0f} KiB in {result['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
