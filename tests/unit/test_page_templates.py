"""The pages the pipeline writes (dataset pages, the quote bank) and the tables it makes are
rendered from fragments/templates through the one environment: data stays text, whatever it
holds, and a long table holds back its later rows by one rule wherever it appears."""
from __future__ import annotations

import re
from html import unescape

import pandas as pd
import yaml
from bs4 import BeautifulSoup, NavigableString

import fragments
from analysis import dataset_pages, paths, pipeline, quote_pages, render
from analysis.quote_citations import study_citation_html
from fragments.chart import TableFrame
from fragments.table import Grid, render_table_frame

# Markup, a quoted attribute breakout, include syntax, a citation key and Markdown, in one value.
HOSTILE = '<script>alert(1)</script> "quoted" \'single\' {{ quote("x") }} @yu2022 *star* [link](x) a_b'
# What must never reach a page as it is: in any text, markup, quotes, an include and a citation
# key; in Markdown text also Markdown syntax (in a raw HTML block, a table's cells, Markdown is not read).
RAW_HTML = ("<script", '"quoted"', "'single'", "{{", "@yu2022")
RAW_MARKDOWN = ("*star*", "[link]", "a_b")


def _text(value: str) -> str:
    return " ".join(value.split())


def _assert_inert(html: str, markdown: bool = True) -> None:
    """No markup from data, no attribute breakout; and in text (where the page's Markdown and
    transforms read it, not inside a tag) no include or citation key, nor (``markdown``) Markdown syntax."""
    assert "<script" not in html and '"quoted"' not in html
    text = re.sub(r"<[^<>]*>", " ", html)
    for raw in RAW_HTML + (RAW_MARKDOWN if markdown else ()):
        assert raw not in text, raw


def _cell(td) -> str:
    """A cell's text, in a <template> too (BeautifulSoup's get_text leaves a TemplateString out)."""
    return "".join(s for s in td.descendants if isinstance(s, NavigableString))


def _held(table) -> list:
    """The rows a table holds back in its <template> (soupsieve does not select into one)."""
    return [tr for t in table.tbody.find_all("template", class_="irc-more__rows", recursive=False)
            for tr in t.find_all("tr", recursive=False)]


def test_filter_form_keeps_hostile_labels_and_countries_as_text():
    bank = {
        "frames": {"china_uk": [{"theme": "t1", "label": HOSTILE, "quote_ids": ["a"]},
                                {"theme": "t2", "label": "Unused", "quote_ids": []}],
                   "korea_uk": [{"theme": "k1", "label": "Drivers", "quote_ids": ["b", "c"]}]},
        "quotes": [{"speaker": {"countries": [HOSTILE, "UK"]}, "kind": "verbatim", "kind_label": HOSTILE},
                   {"speaker": {"countries": ["Korea"]}, "kind": "paraphrase", "kind_label": "Paraphrase"}],
    }
    html = quote_pages._filter_form(bank)
    _assert_inert(html)
    form_line, status_line, rest = html.split("\n")
    assert form_line.startswith('<form class="irc-quote-filter"') and form_line.endswith("</form>") and rest == ""
    assert status_line == '<p class="irc-quote-filter__status" id="qf-status" role="status" aria-live="polite"></p>'
    soup = BeautifulSoup(html, "html.parser")
    theme = soup.select_one("#qf-theme")
    assert [g["label"] for g in theme.find_all("optgroup")] == [quote_pages.STUDY_HEADING[s] for s in quote_pages.STUDY_ORDER]
    # A theme nobody is quoted under is not offered; the others carry their count.
    assert [(o["value"], o.get("data-study"), o.get_text()) for o in theme.find_all("option")][1:] == [
        ("china_uk:t1", "china_uk", f"{_text(HOSTILE)} (1)"), ("korea_uk:k1", "korea_uk", "Drivers (2)")]
    countries = [(o["value"], o.get_text()) for o in soup.select("#qf-country option")]
    assert countries == [("", "All countries"), ("UK", "UK"), ("Korea", "Korea"), (HOSTILE, _text(HOSTILE))]
    assert [o["value"] for o in soup.select("#qf-kind option")] == ["", "verbatim", "paraphrase"]


def test_theme_page_lead_and_counts_keep_hostile_labels_as_text():
    theme = {"theme": "t1", "label": HOSTILE, "as_printed": HOSTILE, "quote_ids": ["q1"],
             "sub_themes": [{"sub_theme": "s1", "label": HOSTILE, "quote_ids": ["q1"]},
                            {"sub_theme": "s2", "label": "Quiet", "quote_ids": []}]}
    page = quote_pages.theme_markdown({"frames": {}}, "china_uk", theme, use_directory_urls=True)
    body = page.split("---\n", 2)[2]
    _assert_inert(body.replace('{{ quote("q1") }}', ""))
    soup = BeautifulSoup(body, "html.parser")
    lead = soup.select_one("p.irc-quote-theme__lead")
    assert f"“{_text(HOSTILE)}”" in lead.get_text() and "1 quotation in 1 of its 2 sub-themes" in lead.get_text()
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select(".irc-quote-theme__counts tbody tr")]
    assert rows == [[_text(HOSTILE), "1"], ["Quiet", "0"]]
    assert [a["href"] for a in soup.select(".irc-quote-theme__counts a")] == ["#s1"]  # only a sub-theme with quotations links
    assert "\n\n" not in str(soup.select_one(".irc-quote-theme__counts"))


def test_the_study_citation_block_keeps_its_lines_in_one_html_block():
    related = {"yu2022": {"id": "yu2022", "type": "report", "authors": [{"family": "Yu", "given": "Kai"}], "year": 2022,
                          "title": "A study", "institution": "CGHE", "series": "CGHE Working Paper", "number": 84},
               "hwang2008": {"id": "hwang2008", "authors": [{"family": "Hwang", "given": "K"}], "year": 2008, "title": "T",
                             "journal": "J", "volume": 1, "issue": 1, "pages": "1-2"}}
    html = str(study_citation_html("china_uk", related))
    assert "\n\n" not in html and "@techreport" not in html and "&#64;techreport" in html
    bibtex = BeautifulSoup(html, "html.parser").select_one("pre.irc-quote__bibtex").get_text()
    assert unescape(bibtex).startswith("@techreport{yu2022,\n")  # "&#10;" joins the lines


def _dataset(tmp_path, rows: int):
    (tmp_path / "hostile.csv").write_text(
        "id,label,count\n" + "".join(f'{i},"{HOSTILE.replace(chr(34), chr(34) * 2)}",{i * 10}\n' for i in range(1, rows + 1)),
        encoding="utf-8")
    descriptor = {
        "path": "hostile.csv", "title": "Hostile " + HOSTILE, "description": "About " + HOSTILE,
        "sources": [{"title": "Source " + HOSTILE, "table_as_printed": HOSTILE}],
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "notes": [HOSTILE],
        "schema": {"fields": [{"name": "id", "type": "integer", "title": "Id", "constraints": {"required": True, "unique": True}},
                              {"name": "label", "type": "string", "title": "Label", "description": HOSTILE},
                              {"name": "count", "type": "integer", "title": "Count"}],
                   "primaryKey": "id"},
    }
    (tmp_path / "hostile.resource.yaml").write_text(yaml.safe_dump(descriptor), encoding="utf-8")
    from analysis import datasets

    return datasets.describe_file(tmp_path / "hostile.resource.yaml")


def test_dataset_page_keeps_hostile_metadata_and_cells_as_text(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "DATA", tmp_path)
    page = dataset_pages.dataset_page(_dataset(tmp_path, rows=40))
    front, body = page.split("---\n", 2)[1:]
    assert yaml.safe_load(front)["title"] == "Hostile " + HOSTILE  # plain text; the build escapes it for the head
    table_at = body.index('<div class="irc-table-scroll">')
    _assert_inert(body[:table_at])
    _assert_inert(body[table_at:], markdown=False)
    assert BeautifulSoup(body.split("\n")[1], "html.parser").get_text() == f"# Hostile {_text(HOSTILE)}"
    soup = BeautifulSoup(body, "html.parser")
    assert soup.select_one(".irc-dataset-rows").get_text() == "40"
    assert "**key:** <code>id</code>" in body
    table = soup.select_one(".irc-table-scroll table")
    shown = table.select("tbody > tr")
    held = _held(table)
    assert len(shown) + len(held) == 40 and held
    assert {_cell(tr.find_all("td")[1]) for tr in shown + held} == {_text(HOSTILE)}
    assert [th.get("style") for th in table.select("thead th")] == ["text-align: right;", None, "text-align: right;"]
    note = soup.select_one("p.irc-more")
    assert note.get_text().startswith(f"The first {len(shown)} of 40 rows are shown; the CSV (Download, above)")
    # Markdown paragraphs around the table; none inside it (one raw-HTML block).
    assert "\n\n" not in body[body.index('<div class="irc-table-scroll">'):].rstrip("\n")


def _long_table(header, rows, numeric, stack=False):
    template = fragments.environment().from_string(
        '{% from "long_table.html.j2" import long_table %}{{ long_table(header, rows, numeric, "below", stack=stack) }}')
    return BeautifulSoup(template.render(header=header, rows=rows, numeric=numeric, stack=stack), "html.parser")


def test_one_preview_rule_about_eighty_cells_at_least_five_rows():
    def shown(columns: int, rows: int) -> int:
        soup = _long_table([f"c{i}" for i in range(columns)], [[str(r)] * columns for r in range(rows)], [False] * columns)
        assert len(soup.select("tbody > tr")) + len(_held(soup.table)) == rows
        return len(soup.select("tbody > tr"))

    assert shown(2, 40) == 40 and shown(2, 42) == 42 and shown(2, 43) == 40  # 80 cells; all when at most two more wait
    assert shown(4, 30) == 20 and shown(20, 30) == 5 and shown(1, 200) == 80
    assert shown(3, 4) == 4 and shown(3, 0) == 0


def test_tables_on_pages_and_dataset_pages_share_the_markup(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "DATA", tmp_path)
    frame = pd.read_csv(_dataset(tmp_path, rows=40).csv_path)
    data = dataset_pages.data_rows(frame)
    page = BeautifulSoup(dataset_pages.dataset_page(_dataset(tmp_path, rows=40)), "html.parser")
    table_frame = TableFrame(anchor="table-x", number=1, title="T", caption="C", source_short="S", sources=["S"],
                             data_links=[("a.csv", "a.csv")], origin="o", csv="a.csv", cite_html="")
    on_page = BeautifulSoup(render_table_frame(table_frame, Grid(data["header"], data["rows"], data["numeric"])), "html.parser")

    def held(soup):
        return [len(soup.select("tbody > tr")), len(_held(soup.select_one(".irc-table-scroll table"))),
                soup.select_one("p.irc-more")["data-all"], soup.select_one("button.irc-more__show").get_text()]

    assert held(page) == held(on_page) == [26, 14, "All 40 rows are shown.", "Show all 40 rows"]
    # A table on a page stacks on phones (site.js names each cell's column from the head); a dataset's does not.
    assert on_page.select_one("table")["data-irc-stack"] == "" and not on_page.select("td[data-label]")
    assert on_page.select_one("thead th").get_text() == "id"
    assert page.select_one(".irc-table-scroll table").get("data-irc-stack") is None


def test_a_charts_data_table_keeps_hostile_cells_as_text():
    frame = pd.DataFrame({HOSTILE: [HOSTILE, None], "n": [1.5, float("nan")]})
    html = render.html_table(frame, "Data of the chart: " + HOSTILE)
    _assert_inert(html, markdown=False)
    assert html.count("\n") == 3 and not html.endswith("\n")  # a row per line (the print page's id regex)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.caption.get_text() == "Data of the chart: " + HOSTILE
    assert [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")] == [[HOSTILE, "1.5"], ["", ""]]


def test_the_pipeline_reruns_when_a_template_it_renders_changes():
    code = {p.relative_to(paths.ROOT).as_posix() for p in pipeline._code_files()}
    assert {"fragments/__init__.py", "fragments/templates/long_table.html.j2", "fragments/templates/dataset_page.md.j2",
            "fragments/templates/chart_data_table.html.j2"} <= code
    used = set(re.findall(r'"([a-z_]+\.(?:html|md)\.j2)"', "".join(
        (paths.ANALYSIS / name).read_text(encoding="utf-8") for name in
        ("dataset_pages.py", "quote_pages.py", "quote_citations.py", "render.py", "findings.py"))))
    assert used and {f"fragments/templates/{name}" for name in used} <= code
