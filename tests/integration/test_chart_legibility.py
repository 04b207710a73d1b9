"""Chart text is legible where it is shown: measured from the built SVGs.

A static chart is an <img> (inside a <picture>) at most as wide as the text column:
a drawing wider than the column is scaled down, never up. Text on screen is therefore
its font size times min(1, column / drawing width). The page picks the phone drawing
up to each figure's data-narrow-max viewport width and the wide one above it; the
columns checked are those of the reading issue: 360 px (and the 328 px column of a
360 px screen) for phones, 688 px (Material's column at 1280 px) for laptops.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import parsed

MIN_PX = 11.0
MIN_CONTRAST = 4.5
BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}  # Material's default and slate page backgrounds
# (column width in CSS px, which drawing the page shows there)
COLUMNS = [(328, "narrow"), (360, "narrow"), (688, "wide")]
SVG = "{http://www.w3.org/2000/svg}"


def _figures(site: Path) -> dict[str, dict]:
    """Every chart figure of the built site: its static drawings, by layout and scheme."""
    found: dict[str, dict] = {}
    for html in sorted(site.rglob("index.html")):
        if "print_page" in html.parts:
            continue
        soup = parsed(html)
        for fig in soup.select("figure.irc-chart"):
            drawings = {}
            for img in fig.select("picture > img"):
                scheme = "dark" if "irc-chart__svg--dark" in img["class"] else "light"
                source = img.find_previous_sibling("source")
                drawings[("wide", scheme)] = (html.parent / img["src"]).resolve()
                assert source is not None and source.get("media"), f"{html}: #{fig['id']} has no phone <source>"
                assert f"max-width: {fig['data-narrow-max']}px" in source["media"], f"{html}: #{fig['id']} media {source['media']}"
                drawings[("narrow", scheme)] = (html.parent / source["srcset"]).resolve()
            assert len(drawings) == 4, f"{html}: #{fig['id']} has {len(drawings)} drawings, expected wide and narrow, light and dark"
            found.setdefault(fig["id"], drawings)
    return found


def _texts(svg_path: Path) -> tuple[float, list[tuple[float, str, float, str]]]:
    """(drawing width, [(font size, fill, opacity, text)]) of an SVG made by vl-convert."""
    root = ET.parse(svg_path).getroot()
    width = float(root.get("width"))
    texts = []
    for node in root.iter(f"{SVG}text"):
        size = node.get("font-size") or re.search(r"font-size:\s*([\d.]+)", node.get("style", "") or "").group(1)
        texts.append((float(str(size).rstrip("px")), node.get("fill", "#000"), float(node.get("opacity", "1")), "".join(node.itertext())))
    return width, texts


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture(scope="module")
def figures(built_site) -> dict[str, dict]:
    found = _figures(built_site)
    assert len(found) >= 6, f"only {len(found)} charts found in the built site"
    return found


@pytest.mark.parametrize("column,layout", COLUMNS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_chart_text_below_11px(figures, column, layout, scheme):
    small = []
    for anchor, drawings in figures.items():
        width, texts = _texts(drawings[(layout, scheme)])
        scale = min(1.0, column / width)
        for size, _, _, text in texts:
            if size * scale < MIN_PX:
                small.append(f"#{anchor}: '{text}' {size:g}px x {scale:.2f} = {size * scale:.1f}px")
    assert not small, f"at a {column}px column ({layout} drawing, {scheme}):\n" + "\n".join(small[:20])


@pytest.mark.parametrize("layout", ["wide", "narrow"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_text_contrast(figures, layout, scheme):
    faint = []
    for anchor, drawings in figures.items():
        _, texts = _texts(drawings[(layout, scheme)])
        for _, fill, opacity, text in texts:
            if not fill.startswith("#") or opacity < 1:
                faint.append(f"#{anchor}: '{text}' fill {fill} opacity {opacity} (not a solid colour)")
                continue
            ratio = _contrast(fill, BACKGROUND[scheme])
            if ratio < MIN_CONTRAST:
                faint.append(f"#{anchor}: '{text}' {fill} on {BACKGROUND[scheme]} is {ratio:.1f}:1")
    assert not faint, f"{layout} drawings, {scheme}:\n" + "\n".join(sorted(set(faint))[:20])


def test_phone_drawings_fit_a_360px_screen(figures):
    wide = []
    for anchor, drawings in figures.items():
        for scheme in ("light", "dark"):
            width, _ = _texts(drawings[("narrow", scheme)])
            if width > 328:
                wide.append(f"#{anchor} ({scheme}): {width:g}px")
    assert not wide, "phone drawings wider than the 328px column of a 360px screen:\n" + "\n".join(wide)
