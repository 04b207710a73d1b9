"""Chart text as a reader sees it, in Chromium: no text below 11 CSS px at a phone's
360 px screen or a laptop's 1280 px one (its 688 px column), light or dark.

Each shown chart image is fetched and parsed; its smallest font size times the scale
at which the browser draws it (shown width / the SVG's own width) is the smallest text
on screen. The notebook page's chart is measured the same way. The measurements are made
on the walks of the site (tests/browser/crawl.py: chart_text), on every page with a chart
or a notebook chart: the light walk loads each page on the laptop screen and narrows it to
the phone's, the dark walk does the same after reaching the page by instant navigation.
tests/integration/test_chart_legibility.py checks the same rule from the built files,
without a browser.
"""
from __future__ import annotations

import pytest

from tests.browser.browser_helpers import format_failures
from tests.browser.chart_text import LAPTOP_SCREEN, PHONE_SCREEN, chart_text_pages

pytestmark = pytest.mark.browser

MIN_PX = 11.0


# The scheme last in each id, so the test joins its scheme's walk (tests/conftest.py: xdist_unit).
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", [PHONE_SCREEN, LAPTOP_SCREEN])
def test_chart_text_is_at_least_11px_as_shown(crawl, site_dir, screen, scheme):
    measured_pages = {path: rec.chart_text[screen] for path, rec in crawl[scheme].items() if screen in rec.chart_text}
    assert set(measured_pages) == set(chart_text_pages(site_dir)), "the walk measured other pages than those with a chart"
    failures, measured = {}, 0
    for path, rows in measured_pages.items():
        images = [image for row in rows for image in row["images"]]
        if not images:
            failures.setdefault(path, []).append("no chart image measured on a page with a chart")
        for row in rows:
            for image in row["images"]:
                measured += 1
                if image["minShown"] < MIN_PX:
                    failures.setdefault(path, []).append(
                        f"#{row['id']} {image['src'][:60]}: {image['minFont']}px x {image['scale']} = {image['minShown']}px "
                        f"(drawn {image['svgWidth']}px, shown {image['shownWidth']}px in a {row['column']}px column)"
                    )
    assert measured >= 7, f"only {measured} chart images measured on {sorted(measured_pages)}"
    assert not failures, f"{screen}, {scheme}:\n" + format_failures(failures)
