"""Screenshots of every page of a built site, for reviewers (the CI workflow uploads them).

    .venv/bin/python -m bench.screenshots [SITE_DIR]      (`make screenshots`: builds site/ first)

Serves SITE_DIR (default site/) on 127.0.0.1 as the browser tests do and, in Debian's
Chromium, takes a full-page shot of every page its sitemap lists at the desktop size in
the light and the dark scheme, and a screen-sized shot at the phone size, as JPEG into
test-results/screenshots/ (<page>-light.jpg, <page>-dark.jpg, <page>-phone.jpg). Shots
of pages that no longer exist are removed first. The shots check nothing: the browser
tests (tests/browser/) do the checking, without taking them.
"""
from __future__ import annotations

import sys
from pathlib import Path

from tests.browser.browser_helpers import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    LocalSitemapHandler,
    launch_chromium,
    park_pointer,
    serve,
    site_pages,
    slug,
)

ROOT = Path(__file__).resolve().parent.parent

# name -> (browser context options, full page)
SHOTS = {
    "light": ({"color_scheme": "light", "viewport": DESKTOP}, True),
    "dark": ({"color_scheme": "dark", "viewport": DESKTOP}, True),
    "phone": ({"color_scheme": "light", "viewport": PHONE, "is_mobile": True, "has_touch": True}, False),
}


def take(site_dir: Path, out_dir: Path = SCREENSHOTS) -> int:
    """Every page in every shot of SHOTS; returns the number of files written."""
    from playwright.sync_api import sync_playwright

    pages = site_pages(site_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.jpg"):
        old.unlink()
    written = 0
    with serve(site_dir, handler=LocalSitemapHandler) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, (options, full_page) in SHOTS.items():
            context = browser.new_context(base_url=url, service_workers="block", **options)
            page = context.new_page()
            for path in pages:
                page.goto(path, wait_until="load")
                park_pointer(page)  # no chart upgraded by a resting pointer
                page.screenshot(path=str(out_dir / f"{slug(path)}-{name}.jpg"), full_page=full_page, type="jpeg", quality=70)
                written += 1
            context.close()
        browser.close()
    return written


def main() -> int:
    site_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    if not (site_dir / "sitemap.xml").is_file():
        print(f"{site_dir}: no built site (run make build first)", file=sys.stderr)
        return 1
    count = take(site_dir)
    print(f"{count} screenshots in {SCREENSHOTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
