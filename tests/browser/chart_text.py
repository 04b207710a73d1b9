"""Chart text as the browser shows it: the smallest text of each chart image on screen, in CSS px
(tests/browser/test_legibility.py reads it from the walks, tests/browser/crawl.py: chart_text;
bench/reading.py prints it for every screen and scheme)."""
from __future__ import annotations

from pathlib import Path

from tests.browser.browser_helpers import page_file, site_pages


def chart_text_pages(site_dir: Path) -> list[str]:
    """Pages whose chart text CHART_TEXT_JS measures: the chart pages and the notebook's (its chart is an output image)."""
    marks = ('<figure class="irc-chart"', "jp-RenderedImage", "jp-RenderedSVG")
    return [p for p in site_pages(site_dir) if any(m in page_file(site_dir, p).read_text(encoding="utf-8") for m in marks)]


# The chart images shown, loaded now: lazy images off screen are made eager (only those shown,
# not the other scheme's, which must still load when a reader toggles), after two frames in which
# a <picture> that a new screen width switched to another drawing has started loading it.
LOAD_SHOWN_CHARTS_JS = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const shown = Array.from(document.querySelectorAll('figure img, .jp-RenderedImage img')).filter(i => i.checkVisibility());
  for (const img of shown) { img.loading = 'eager'; }
  await Promise.all(shown.map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
}"""

CHART_TEXT_JS = """
async () => {
  const out = [];
  const figures = Array.from(document.querySelectorAll('figure.irc-chart, .jp-RenderedImage, .jp-RenderedSVG'));
  for (const fig of figures) {
    const imgs = Array.from(fig.querySelectorAll('img')).filter(i => i.getBoundingClientRect().width > 0);
    const row = {id: fig.id || ('notebook-chart-' + figures.indexOf(fig)), column: Math.round(fig.getBoundingClientRect().width), images: []};
    for (const img of imgs) {
      const src = img.currentSrc || img.src;
      const text = await (await fetch(src)).text();
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = doc.documentElement;
      const w = parseFloat(svg.getAttribute('width')) || parseFloat((svg.getAttribute('viewBox') || '0 0 0').split(/[ ,]+/)[2]);
      const sizes = Array.from(doc.querySelectorAll('text')).map(t => {
        const own = t.getAttribute('font-size') || (t.getAttribute('style') || '').match(/font-size:\\s*([\\d.]+)/)?.[1];
        return parseFloat(own);
      }).filter(x => x > 0);
      const scale = img.getBoundingClientRect().width / w;
      const min = Math.min(...sizes);
      row.images.push({src: src.split('/').pop(), svgWidth: w, shownWidth: Math.round(img.getBoundingClientRect().width),
                       scale: +scale.toFixed(3), minFont: min, minShown: +(min * scale).toFixed(2)});
    }
    // Interactive SVG (after an upgrade): the rendered size of its smallest text.
    const live = Array.from(fig.querySelectorAll('.vega-embed svg text')).map(t => t.getBoundingClientRect().height ? parseFloat(getComputedStyle(t).fontSize) * (t.ownerSVGElement.getBoundingClientRect().width / (t.ownerSVGElement.width.baseVal.value || 1)) : 0).filter(x => x > 0);
    if (live.length) row.interactiveMin = +Math.min(...live).toFixed(2);
    row.boxes = fig.querySelectorAll('details:not([open])').length + (fig.nextElementSibling && fig.nextElementSibling.matches('details:not([open])') ? 1 : 0);
    row.tabs = fig.querySelectorAll('.tabbed-labels label, [role=tab]').length;
    row.height = Math.round(fig.getBoundingClientRect().height);
    out.push(row);
  }
  return out;
}
"""


# The two screens chart text is measured on (test_legibility): a laptop's 1280 px (Material's
# 688 px column) and the narrowest common phone's 360 px.
LAPTOP_SCREEN, PHONE_SCREEN = "laptop-1280", "phone-360"


def chart_text(page) -> list[dict]:
    """The chart images shown, loaded, and the smallest text of each as drawn (CHART_TEXT_JS)."""
    page.evaluate(LOAD_SHOWN_CHARTS_JS)
    return page.evaluate(CHART_TEXT_JS)
