"""Data cannot inject markup: one build with hostile text in every kind of data file (a
dataset's metadata and cells, a coding-frame label, a glossary definition, a bibliography
title); every page it reaches shows it as text. Bad links in the bibliography, typo'd
includes and duplicate anchors stop the build, naming where."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Comment

from tests.conftest import mkdocs_build, parsed

SCRIPT, BREAKOUT, COMMENT = "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<!--<script>"
INCLUDE, LINK = '{{ quote("cu-initiation-02") }}', "[x](javascript:alert(1))"
PAYLOAD = f"{SCRIPT}{BREAKOUT}{COMMENT}{INCLUDE}{LINK}"
DATASET = "data/china_uk/china_uk_interview_questions"


def _edit_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        change(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _inject(project: Path) -> None:
    def descriptor(d):
        d["title"] = "Interview questions " + PAYLOAD
        d["description"] = "The questions. " + PAYLOAD
        d["notes"] = [*(d.get("notes") or []), PAYLOAD]
        d["sources"][0]["table_as_printed"] = PAYLOAD
        for field in d["schema"]["fields"]:
            field["description"] = PAYLOAD

    _edit_yaml(project / f"{DATASET}.resource.yaml", descriptor)
    _edit_csv(project / f"{DATASET}.csv", lambda r: r.update(question=r["question"] + " " + PAYLOAD) if r["number"] == "1" else None)
    _edit_csv(project / "data/quotes/china_uk_coding_frame.csv",
              lambda r: r.update(theme_label="Initiation " + PAYLOAD) if r["theme"] == "initiation" else None)
    _edit_csv(project / "data/glossary.csv",
              lambda r: r.update(definition=r["definition"] + " " + PAYLOAD) if r["slug"] == "international-research-collaboration" else None)
    bib = project / "data/references/references.bib"
    text = bib.read_text(encoding="utf-8")
    bib_payload = f"{SCRIPT}{BREAKOUT}{COMMENT}{LINK}"  # braces are BibTeX's own grouping
    bib.write_text(text.replace("title        = {The Continuing Growth", "title        = {" + bib_payload + " The Continuing Growth", 1),
                   encoding="utf-8")


def _live_markup(page: Path) -> list[str]:
    """What the payload would do if it were markup: a script, a handler, a javascript: link, a comment."""
    soup = parsed(page)
    found = [f"<script>{s.string[:40]}" for s in soup.find_all("script") if s.string and "alert(1)" in s.string
             and s.get("type") != "application/ld+json"]
    found += [f"<{t.name} onerror>" for t in soup.find_all(attrs={"onerror": True})]
    found += [f"href={a['href']}" for a in soup.find_all("a", href=True) if a["href"].strip().lower().startswith("javascript:")]
    found += ["<!--<script>" for c in soup.find_all(string=lambda s: isinstance(s, Comment)) if "<script" in c]
    for script in soup.find_all("script", type="application/ld+json"):
        json.loads(script.string)  # a string in the data cannot end the element early
        if "<" in script.string:
            found.append("raw < in JSON-LD")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, analysed) -> Path:
    """A copy of the project with payloads in its data, built: it must build differently."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    _inject(project)
    mkdocs_build(project, project / "site")
    return project / "site"


def test_no_page_runs_or_links_the_payload(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    problems = {str(p.relative_to(hostile_site)): found for p in pages if (found := _live_markup(p))}
    assert not problems, problems


def test_dataset_title_and_description_are_text_in_title_meta_nav_heading_and_json_ld(hostile_site):
    soup = BeautifulSoup((hostile_site / "datasets/china_uk_interview_questions/index.html").read_text(encoding="utf-8"), "html.parser")
    assert PAYLOAD in soup.title.get_text()
    assert soup.find("meta", attrs={"name": "description"})["content"] == "The questions. " + PAYLOAD
    assert PAYLOAD in soup.find("h1").get_text()
    assert any(PAYLOAD in a.get_text() for a in soup.select("nav a"))
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    # One block per page: a graph of the WebPage and, on a dataset page, its Dataset.
    names = [item.get("name") for block in blocks for item in block.get("@graph", [block])]
    assert "Interview questions " + PAYLOAD in names
    text = soup.get_text()
    assert text.count(PAYLOAD) >= 4  # cell, notes, table as printed, schema descriptions


def test_an_include_written_in_data_is_never_expanded(hostile_site):
    # Before the fix the quotation was expanded on three pages (two datasets and the glossary).
    pages = [*hostile_site.glob("datasets/*/index.html"), hostile_site / "glossary/index.html"]
    expanded = [str(p.relative_to(hostile_site)) for p in pages
                if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").find(attrs={"data-quote-id": "cu-initiation-02"})]
    assert not expanded, expanded
    text = BeautifulSoup((hostile_site / "datasets/china_uk_coding_frame/index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    assert INCLUDE in text  # shown as the text it is


def test_cells_reach_the_artifact_table_as_text(hostile_site):
    soup = BeautifulSoup((hostile_site / "china-uk/methods/index.html").read_text(encoding="utf-8"), "html.parser")
    assert any(PAYLOAD in td.get_text() for td in soup.find_all("td"))


def test_theme_label_is_text_in_navigation_and_headings(hostile_site):
    pages = [p for p in hostile_site.rglob("*.html") if "Initiation " + SCRIPT in parsed(p).get_text()]
    assert len(pages) >= 3
    theme_page = next(hostile_site.glob("quotes/china-uk/initiation/index.html"))
    soup = BeautifulSoup(theme_page.read_text(encoding="utf-8"), "html.parser")
    assert PAYLOAD in soup.find("h1").get_text() and PAYLOAD in soup.title.get_text()
    assert any(PAYLOAD in a.get_text() for a in soup.select("nav a"))


def test_glossary_definition_and_bibliography_title_are_plain_text(hostile_site):
    glossary = BeautifulSoup((hostile_site / "glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    assert PAYLOAD in glossary.get_text()
    references = BeautifulSoup((hostile_site / "references/index.html").read_text(encoding="utf-8"), "html.parser")
    # BibTeX is LaTeX: its "--" is an en dash.
    assert f"{SCRIPT}{BREAKOUT}{COMMENT.replace('--', '–')}{LINK}" in references.get_text()


def test_search_index_holds_the_payload_only_escaped(hostile_site):
    index = (hostile_site / "search/search_index.json").read_text(encoding="utf-8")
    entries = json.loads(index)["docs"]
    for entry in entries:
        for key in ("title", "text"):
            value = entry.get(key, "")
            assert "<script>alert" not in value and "<img src=x" not in value and "<!--<script" not in value, (entry["location"], key)


def test_a_javascript_link_in_the_bibliography_stops_the_build(tmp_path):
    from transforms.bibliography import BIB_FILE, ReferenceError_, load_bibliography

    bib = tmp_path / "references.bib"
    bib.write_text(BIB_FILE.read_text(encoding="utf-8").replace("@article{wagner2015,", "@article{wagner2015,\n  url = {javascript:alert(1)},", 1),
                   encoding="utf-8")
    with pytest.raises(ReferenceError_, match=r"entry 'wagner2015', field 'url': 'javascript:alert\(1\)' is not allowed \(rule: an http"):
        load_bibliography(bib)


@pytest.mark.parametrize("addition, message", [
    ("\n\n{{ chart('bibliometric_record_counts') }}\n", r"docs/china-uk/methods.md: .*is not an include"),
    ("\n\n{{ value(\"records_ssci_7\") }\n", r"docs/china-uk/methods.md: .*is not an include"),
    ("\n\n## Again {#side-by-side}\n\n## And again {#side-by-side}\n", r"docs/china-uk/methods.md: id used more than once.*side-by-side"),
])
def test_typos_and_duplicate_anchors_stop_the_build(project_copy, addition, message):
    """Builds its own: a copy whose page has a typo or a duplicate anchor."""
    page = project_copy / "docs/china-uk/methods.md"
    page.write_text(page.read_text(encoding="utf-8") + addition, encoding="utf-8")
    proc = mkdocs_build(project_copy, project_copy / "site", check=False)
    assert proc.returncode == 1 and re.search(message, proc.stdout + proc.stderr), (proc.stdout + proc.stderr)[-1500:]
