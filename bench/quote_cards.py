"""Measure quotation cards and take screenshots of the home, qualitative and all-quotations pages.

    python bench/quote_cards.py SITE_DIR LABEL

Serves SITE_DIR (a built site), opens each page in Debian's Chromium at 390x844
(scale 2, touch) and 1280x800, light and dark, and prints, per page and size:
disclosure boxes (<details>) per quotation, the average height of a closed
quotation card and of the quotation text in it. Screenshots go to
test-results/quote-cards/LABEL/.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from tests.browser.browser_helpers import launch_chromium, serve  # noqa: E402

PAGES = {"home": "/", "qualitative": "/china-uk/qualitative/", "all-quotations": "/quotes/all/"}
SIZES = {"phone": dict(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True),
         "laptop": dict(viewport={"width": 1280, "height": 800})}

MEASURE = """() => {
  const cards = Array.from(document.querySelectorAll('figure.irc-quote'));
  const boxes = cards.map(c => c.querySelectorAll('details').length);
  const h = cards.map(c => c.getBoundingClientRect().height);
  const q = cards.map(c => { const b = c.querySelector('.irc-quote__text'); return b ? b.getBoundingClientRect().height : 0; });
  const avg = a => a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0;
  return {quotes: cards.length, details_on_page: document.querySelectorAll('article details').length,
          boxes_per_quote: avg(boxes), card_px: avg(h), quote_px: avg(q),
          min_ratio: cards.length ? Math.min(...cards.map((c, i) => q[i] / h[i])) : null,
          home_first_screen_text: document.querySelector('article') ? document.querySelector('article').innerText.slice(0, 200) : ''};
}"""


def main(site: str, label: str) -> None:
    from playwright.sync_api import sync_playwright

    out = ROOT / "test-results" / "quote-cards" / label
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    with serve(Path(site)) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for size, opts in SIZES.items():
            for scheme in ("light", "dark"):
                ctx = browser.new_context(color_scheme=scheme, **opts)
                page = ctx.new_page()
                for name, path in PAGES.items():
                    page.goto(url + path)
                    page.wait_for_load_state("networkidle")
                    m = page.evaluate(MEASURE)
                    results[f"{name} {size} {scheme}"] = m
                    page.screenshot(path=str(out / f"{name}-{size}-{scheme}.png"))
                    if name != "home":
                        page.screenshot(path=str(out / f"{name}-{size}-{scheme}-full.png"), full_page=True)
                ctx.close()
        browser.close()
    for key, m in results.items():
        m.pop("home_first_screen_text", None)
        print(key, json.dumps({k: (round(v, 2) if isinstance(v, float) else v) for k, v in m.items()}))
    (out / "measurements.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
