"""Chart text as a reader sees it, in Chromium: no text below 11 CSS px at a phone's
360 px screen or a laptop's 1280 px one (its 688 px column), light or dark.

Each shown chart image is fetched and parsed; its smallest font size times the scale
at which the browser draws it (shown width / the SVG's own width) is the smallest text
on screen. The notebook page's chart is measured the same way. tests/integration/test_chart_legibility.py
checks the same rule from the built files, without a browser.
"""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import CHART_TEXT_JS, chart_pages, format_failures, park_pointer

pytestmark = pytest.mark.browser

MIN_PX = 11.0
DEVICES = {
    "phone-360": {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
    "laptop-1280": {"viewport": {"width": 1280, "height": 800}},
}
NOTEBOOK = "/reproduce/categorisation/"


def _load_images(page) -> None:
    page.evaluate("""async () => {
      for (const img of document.querySelectorAll('figure img, .jp-RenderedImage img')) { img.loading = 'eager'; }
      await Promise.all(Array.from(document.images, i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
    }""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", list(DEVICES))
def test_chart_text_is_at_least_11px_as_shown(new_context, site_dir, pages, device, scheme):
    context, recorder = new_context(scheme, **DEVICES[device])
    page = context.new_page()
    targets = chart_pages(site_dir) + ([NOTEBOOK] if NOTEBOOK in pages else [])
    failures, measured = {}, 0
    for path in targets:
        recorder.reset()
        page.goto(path)
        recorder.settle(page)
        park_pointer(page)
        _load_images(page)
        for row in page.evaluate(CHART_TEXT_JS):
            for image in row["images"]:
                measured += 1
                if image["minShown"] < MIN_PX:
                    failures.setdefault(path, []).append(
                        f"#{row['id']} {image['src'][:60]}: {image['minFont']}px x {image['scale']} = {image['minShown']}px "
                        f"(drawn {image['svgWidth']}px, shown {image['shownWidth']}px in a {row['column']}px column)"
                    )
    page.close()
    assert measured >= 7, f"only {measured} chart images measured on {targets}"
    assert not failures, f"{device}, {scheme}:\n" + format_failures(failures)
