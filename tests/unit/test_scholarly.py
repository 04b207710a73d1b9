"""scholarly/ is engine-agnostic and safe: no MkDocs, escaped JSON-LD and HTML, one place for formats."""
from __future__ import annotations

import ast
import json

from fragments import cite_box as boxes
from scholarly import formats, head, metadata, records, version
from tests.conftest import ROOT

BUILD = version.BuildVersion("git", "v1.2.3", "a" * 40, "2026-03-04", "1.2.3", "1.2.3")


def test_scholarly_imports_neither_mkdocs_nor_the_layers_above():
    for path in sorted((ROOT / "scholarly").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] in {"mkdocs", "transforms", "site_engine", "material"}], path


def test_analysis_does_not_import_the_layers_above():
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not [m for m in ("transforms", "site_engine") if f"from {m}" in text or f"import {m}" in text], path


def test_json_ld_escapes_every_less_than_sign():
    text = head.dumps({"name": "</script><script>alert(1)</script>", "x": "a<b"})
    assert "<" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "x": "a<b"}


def test_boxes_escape_what_comes_from_data():
    site = metadata.Site(metadata.load_metadata(), BUILD, "https://example.org/site/")
    rec = records.record(site, path="p/", title='<img src=x onerror="alert(1)"> & co', kind="table", anchor="t",
                         page_title="<b>Page</b>", date="2026-03-04")
    html = boxes.box(rec, "t") + boxes.lazy_box(rec, "t") + boxes.formats_html(rec, "t")
    assert "<img" not in html and "<b>" not in html and "&lt;img" in html and "&amp; co" in html
    assert "@" not in html  # transforms/citations.py would read "@online" as a citation key


def test_bibtex_is_written_by_pybtex_and_parses_back():
    from pybtex.database import parse_string

    site = metadata.Site(metadata.load_metadata(), BUILD, "https://example.org/site/")
    rec = records.record(site, path="china-uk/methods/", title="Records & 100% of #tags", kind="chart",
                         anchor="chart-x", page_title="Methods", date="2026-03-04")
    entry = parse_string(formats.bibtex(rec), "bibtex").entries[rec["bibtex_key"]]
    assert entry.type == "online"
    assert entry.fields["url"] == "https://example.org/site/v/1.2.3/china-uk/methods/#chart-x"  # no LaTeX escape in a URL
    assert entry.fields["version"] == "1.2.3" and entry.fields["booktitle"] == "International Research Collaboration"
    assert [str(p) for p in entry.persons["author"]] == ["{IRC Research Team}"]
    assert r"\&" in entry.fields["title"] and r"\%" in entry.fields["title"]


def test_scholar_tags_only_on_an_article_with_its_visible_title_and_references():
    site = metadata.Site(metadata.load_metadata(), BUILD, "https://example.org/site/")
    rec = records.record(site, path="p/", title="Visible title", date="2026-03-04")
    cited = [{"title": "International collaboration", "authors": ["Hwang, K."], "year": "2008",
              "container": "Science, Technology, & Human Values", "doi": "10.1177/0162243907306196"}]
    page = head.head(site, rec, title="Visible title", description="d", published="2026-01-01", modified="2026-03-04",
                     cited=cited)
    assert not [t for t in page["tags"] if t[1].startswith("citation_")]
    assert ("property", "og:type", "website") in page["tags"]
    article = head.head(site, rec, title="Visible title", description="d", published="2026-01-01",
                        modified="2026-03-04", cited=cited, scholarly_article=True)
    tags = [(name, content) for _, name, content in article["tags"]]
    assert ("citation_title", "Visible title") in tags and ("citation_publication_date", "2026/01/01") in tags
    refs = [c for n, c in tags if n == "citation_reference"]
    assert refs == ["citation_title=International collaboration; citation_author=Hwang, K.; citation_publication_date=2008; "
                    "citation_journal_title=Science, Technology, & Human Values; citation_doi=10.1177/0162243907306196"]
    # The PDF is printed after the build (make pdf): no page may point Google Scholar at it.
    assert not [n for n, _ in tags if n == "citation_pdf_url"]
    graph = json.loads(article["jsonld"])["@graph"]
    assert graph[1]["@type"] == "ScholarlyArticle" and graph[1]["citation"][0]["sameAs"].endswith("306196")
