"""One Jinja environment renders every fragment: cite boxes, citations.html, findings, frames."""
from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

import fragments
from fragments import findings as finding_html
from fragments import cite_box as boxes
from scholarly import records, version
from scholarly.metadata import Site, load_metadata

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = 'Title "quoted" <b>bold</b> {{ quote("x") }}'


def release_site() -> Site:
    meta = load_metadata()
    build = version.BuildVersion("git", f"v{meta['version']}", "0" * 40, str(meta["date_released"]),
                                 str(meta["version"]), str(meta["version"]), {})
    return Site(meta, build, meta["url"])


def test_every_template_of_the_project_is_in_the_one_folder_and_loads():
    found = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("*/templates/*")
                   if p.parent.parent.name in ("analysis", "scholarly", "fragments"))
    assert found and all(p.startswith("fragments/templates/") for p in found)
    env = fragments.environment()
    for path in found:
        env.get_template(Path(path).name)  # parses


def test_cite_box_escapes_data_by_the_one_rule():
    rec = records.record(release_site(), path="china-uk/methods/", title=PAYLOAD, kind="chart", anchor="chart-x",
                         page_title="Methods", date="2026-11-30")
    html = boxes.box(rec, "chart-x")
    assert "<b>" not in html.split("<pre", 1)[0] and "{{" not in html
    assert "&#123;&#123; quote(" in html  # braces from data become entities: never read as an include
    lazy = boxes.lazy_box(rec, "chart-x")
    assert 'data-cite-src="citations.html#cite-chart-x"' in lazy and "{{" not in lazy


def test_citations_document_lists_each_entry_with_its_formats():
    rec = records.record(release_site(), path="p/", title="A chart", kind="chart", anchor="chart-a", date="2026-11-30")
    page = '<html><head><link rel="stylesheet" href="../assets/x.css"></head><body dir="ltr"><p>x</p></body></html>'
    doc = boxes.citations_document(title="Page <1>", site_name="Site", canonical="https://e.org/p/",
                                   entries={"chart-a": rec}, page_html=page)
    assert '<section class="irc-citations__item" id="cite-chart-a">' in doc
    assert "<title>Citations: Page &lt;1&gt; - Site</title>" in doc
    assert '<link rel="stylesheet" href="../assets/x.css">' in doc and '<body dir="ltr">' in doc
    assert doc.count("irc-cite__text--") == 4  # APA, Chicago, BibTeX, RIS


def test_a_name_no_one_passed_is_an_error_not_an_empty_string():
    with pytest.raises(UndefinedError):
        fragments.render_markup("cite_box.html.j2", noun="chart", meta="", src="x")  # no rec


def test_a_finding_escapes_markdown_and_fills_values():
    f = {"id": "f-1", "study": "china_uk", "reading": "study", "title": "Share is {share}",
         "statement": "A *starred* [link](x) @key of {share}.", "caveats": "", "source_ref": "000:449",
         "evidence": [("value", "share"), ("chart", "c")]}
    values = {"share": {"text": "6.3%", "source": "Table 10"}}
    html = finding_html.render(f, values, link=lambda kind, name: ("../c/#x_y", "Chart_c"), element_id="finding-f-1",
                               permalink="../findings/#finding-f-1", cite_html='<details class="irc-cite"></details>')
    assert "\n\n" not in html  # one raw-HTML block
    assert '<span class="irc-finding__value">6.3%</span>' in html
    for raw in ("*starred*", "[link]", "@key", "Chart_c"):
        assert raw not in html
    assert "Chart&#95;c" in html and '<details class="irc-cite"></details>' in html
    assert "Yu (2022), slides, line 449" in html
    glance = finding_html.render_glance([f], values, href=lambda f: "findings/#finding-f-1")
    assert glance.startswith('<ul class="irc-glance">') and "Share is" in glance


def test_render_markup_keeps_lines_and_render_drops_blank_ones():
    rec = records.record(release_site(), path="p/", title="T", date="2026-11-30")
    html = fragments.render_markup("cite_formats.html.j2", formats=[("bibtex", "BibTeX", Markup("a\n\nb"))], group="g")
    assert "<code>a\n\nb</code>" in html and not html.endswith("\n")
    assert rec["title"] == "T"
