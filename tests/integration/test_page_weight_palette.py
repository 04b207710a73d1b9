"""Material's palette stylesheet trimmed to the site's colours (transforms/palette.py): the
rules of other colours go, and every colour a page of the site can show stays as it was."""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

from tests.conftest import ROOT
from transforms import palette

THEME_PALETTE = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # mkdocs.yml's !ENV and !!python tags


def site_palette() -> list[dict]:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["theme"]["palette"]


def test_the_site_palette_names_its_colours_as_material_writes_them():
    used = palette.used_colours(site_palette())
    assert used == {"primary": {"indigo"}, "accent": {"indigo", "light-blue"}}
    assert palette.used_colours({"scheme": "default"}) == {"primary": {"indigo"}, "accent": {"indigo"}}


def test_the_trimmed_palette_drops_other_colours_and_is_much_smaller():
    css = THEME_PALETTE.read_text(encoding="utf-8")
    out = palette.palette_subset(css, site_palette())
    assert "data-md-color-primary=red" in css and "data-md-color-primary=red" not in out
    assert "data-md-color-accent=light-blue" in out and "data-md-color-primary=indigo" in out
    assert "[data-md-color-scheme=slate]" in out  # the dark scheme, which names no colour, stays whole
    assert len(out) < len(css) * 0.4


def test_trim_site_rewrites_the_published_file_in_place(tmp_path):
    folder = tmp_path / "assets" / "stylesheets"
    folder.mkdir(parents=True)
    published = folder / THEME_PALETTE.name
    published.write_text(THEME_PALETTE.read_text(encoding="utf-8"), encoding="utf-8")
    assert palette.trim_site(tmp_path, site_palette()) == [published]
    assert "data-md-color-primary=red" not in published.read_text(encoding="utf-8")
    assert palette.trim_site(tmp_path, None) == []


@pytest.mark.browser
def test_every_colour_of_the_site_palette_computes_the_same_with_the_trimmed_file():
    from playwright.sync_api import sync_playwright

    from tests.browser.browser_helpers import launch_chromium, require_chromium

    require_chromium()

    css = THEME_PALETTE.read_text(encoding="utf-8")
    trimmed = palette.palette_subset(css, site_palette())
    # Every custom property the whole file sets, read on the page's <body> under each palette.
    names = sorted(set(re.findall(r"(--md-[\w-]+)\s*:", css)))
    probe = """names => { const s = getComputedStyle(document.body), a = getComputedStyle(document.querySelector('a'));
        return [names.map(n => n + ':' + s.getPropertyValue(n).trim()), s.colorScheme, a.color]; }"""
    combos = [(entry.get("scheme", "default"), palette.colour_name(entry["primary"]), palette.colour_name(entry["accent"]))
              for entry in site_palette()]
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            for scheme, primary, accent in combos:
                seen = []
                for sheet in (css, trimmed):
                    page.set_content(f'<html><head><style>{sheet}</style><style>a{{color:var(--md-typeset-a-color)}}</style></head>'
                                     f'<body data-md-color-scheme="{scheme}" data-md-color-primary="{primary}" '
                                     f'data-md-color-accent="{accent}"><a href="#">x</a></body></html>')
                    seen.append(page.evaluate(probe, names))
                assert seen[0] == seen[1], (scheme, primary, accent)
                values = dict(v.split(":", 1) for v in seen[0][0])  # the probe read what the palette sets
                assert values["--md-primary-fg-color"] and values["--md-accent-fg-color"], (scheme, primary, accent)
        finally:
            browser.close()
