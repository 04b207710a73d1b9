"""axe-core (WCAG 2.0/2.1 A and AA) on chosen pages of a built site, light and dark.

    python bench/axe_pages.py SITE_DIR /path/one/ /path/two/ ...

The same axe script, rule tags and run as tests/browser/ (crawl.AXE_RUN: every block
drawn, off-screen ones included); prints each page's violations and exits non-zero if
there are any.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from tests.browser.browser_helpers import WCAG_TAGS, axe_script_path, launch_chromium, serve  # noqa: E402
from tests.browser.crawl import AXE_RUN  # noqa: E402


def main(site: str, paths: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    failures = 0
    with serve(Path(site)) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for scheme in ("light", "dark"):
            ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
            page = ctx.new_page()
            for path in paths:
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                page.add_script_tag(path=str(axe_script_path()))
                violations = [{"id": v["id"], "count": v["count"], "target": v["nodes"][0]["target"]}
                              for v in page.evaluate(AXE_RUN, WCAG_TAGS)]
                failures += len(violations)
                print(f"{scheme:5} {path}: {len(violations)} violations {violations if violations else ''}")
            ctx.close()
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
