"""scholarly.formats.apa_reference: the one APA 7 formatter for published works (CSL-JSON items)."""
from __future__ import annotations

from pybtex.database import parse_file

from scholarly import formats
from scholarly.metadata import load_metadata


def person(family: str, given: str = "") -> dict:
    return {"family": family, "given": given}


ARTICLE = {
    "id": "a", "type": "article-journal", "title": "Inflationary bibliometric values",
    "author": [person("Persson", "Olle"), person("Glänzel", "Wolfgang"), person("Danell", "Rickard")],
    "issued": {"date-parts": [[2004]]}, "container-title": "Scientometrics", "volume": "60", "issue": "3",
    "page": "421-432", "DOI": "10.1023/B:SCIE.0000034384.35498.7d",
}


def test_journal_article_in_apa_7():
    html = str(formats.apa_reference(ARTICLE))
    assert html == (
        "Persson, O., Glänzel, W., &amp; Danell, R. (2004). Inflationary bibliometric values. "
        "<em>Scientometrics</em>, <em>60</em>(3), 421–432. "
        '<a href="https://doi.org/10.1023/B:SCIE.0000034384.35498.7d">https://doi.org/10.1023/B:SCIE.0000034384.35498.7d</a>'
    )


def test_names_two_authors_hyphenated_initials_and_more_than_twenty():
    two = formats.apa_names([person("Lee", "Sooho"), person("Bozeman", "Barry")])
    assert two == "Lee, S., & Bozeman, B."
    assert formats.apa_names([person("Czerwon", "Hans-Jürgen")]) == "Czerwon, H.-J."
    assert formats.apa_names([person("Mackenzie")]) == "Mackenzie"  # no initials known: no ", ."
    many = formats.apa_names([person(f"Author{i}", "Ann") for i in range(1, 23)])
    assert many.startswith("Author1, A., Author2, A.") and "Author19, A., … Author22, A." in many
    assert "Author20" not in many and "Author21" not in many


def test_no_date_is_n_d_and_a_year_suffix_follows_the_year():
    item = {"id": "x", "type": "book", "title": "Untitled thoughts", "author": [person("Fuller", "Steve")]}
    assert "(n.d.)." in str(formats.apa_reference(item))
    item["issued"] = {"date-parts": [[1997]]}
    item["year-suffix"] = "b"
    assert "(1997b)." in str(formats.apa_reference(item))


def test_edited_book_chapter_and_report():
    book = {"id": "b", "type": "book", "title": "Missionaries of science", "editor": [person("Cueto", "Marcos")],
            "issued": {"date-parts": [[1994]]}, "publisher": "Indiana University Press"}
    assert str(formats.apa_reference(book)) == (
        "Cueto, M. (Ed.). (1994). <em>Missionaries of science</em>. Indiana University Press.")
    chapter = {"id": "c", "type": "chapter", "title": "Translating Western social sciences",
               "author": [person("Sorá", "Gustavo")], "container-title": "The social and human sciences",
               "editor": [person("Heilbron", "Johan"), person("Sorá", "Gustavo"), person("Boncourt", "Thibaud")],
               "issued": {"date-parts": [[2018]]}, "page": "267-293", "publisher": "Palgrave Macmillan"}
    assert ("In J. Heilbron, G. Sorá, &amp; T. Boncourt (Eds.), <em>The social and human sciences</em> (pp. 267–293). "
            "Palgrave Macmillan.") in str(formats.apa_reference(chapter))
    report = {"id": "r", "type": "report", "title": "Patterns and dynamics", "author": [person("Yu", "Kexin")],
              "issued": {"date-parts": [[2022]]}, "genre": "CGHE Working Paper", "number": "84",
              "publisher": "Centre for Global Higher Education"}
    assert str(formats.apa_reference(report)) == (
        "Yu, K. (2022). <em>Patterns and dynamics</em> (CGHE Working Paper No. 84). Centre for Global Higher Education.")


def test_a_bracketed_description_is_not_italicised_and_a_manuscript_says_so():
    item = {"id": "d", "type": "document", "title": "[Work cited as Fuller 1997; not identified]",
            "author": [person("Fuller", "Steve")], "issued": {"date-parts": [[1997]]}}
    assert "<em>" not in str(formats.apa_reference(item))
    item.update(type="manuscript", title="Mapping global science")
    assert str(formats.apa_reference(item)).endswith("<em>Mapping global science</em>. Unpublished manuscript.")


def test_text_from_data_is_escaped_by_the_one_rule():
    item = {**ARTICLE, "title": 'A <script> "x" {{ quote("q") }}', "URL": "https://e.org/?a=1&b=2"}
    del item["DOI"]
    html = str(formats.apa_reference(item))
    assert "<script>" not in html and "{{" not in html
    assert "&lt;script&gt; &quot;x&quot; &#123;&#123;" in html
    assert '<a href="https://e.org/?a=1&amp;b=2">' in html


def test_sentence_case_and_plain_text():
    assert formats.sentence_case("Patterns and Dynamics: A Case of China-UK Ties in the UK") == (
        "Patterns and dynamics: A case of China-UK ties in the UK")
    item = {**ARTICLE, "title": "Growth of Global Cooperation: A Conundrum"}
    text = formats.apa_reference_text(item, title_case="sentence")
    assert "Growth of global cooperation: A conundrum." in text
    assert "<" not in text and "&amp;" not in text and "& Danell" in text


def test_every_bibliography_entry_and_related_study_formats():
    """Each entry of the site's bibliography, read as transforms/bibliography.py reads it, gives a reference
    with its authors' first family name and its year; the related studies keep their DOI."""
    bib = parse_file("data/references/references.bib", bib_format="bibtex")
    for key, raw in bib.entries.items():
        persons = {role: [(" ".join(p.prelast_names + p.last_names), " ".join(p.first_names + p.middle_names))
                          for p in people] for role, people in raw.persons.items()}
        item = formats.csl_from_bibtex(key, raw.type, dict(raw.fields), persons)
        text = formats.apa_reference_text(item)
        first = (raw.persons.get("author") or raw.persons["editor"])[0]
        assert text.startswith(" ".join(first.prelast_names + first.last_names)), key
        assert f"({raw.fields.get('year', 'n.d.')})" in text, key
    for rel in load_metadata()["related"]:
        html = str(formats.apa_reference(formats.csl_from_related(rel), title_case="sentence"))
        assert f"({rel['year']})." in html
        if rel.get("doi"):
            assert f'href="https://doi.org/{rel["doi"]}"' in html


def test_csl_from_bibtex_maps_fields_by_entry_type():
    fields = {"title": "T", "journal": "J", "number": "3", "year": "2001", "doi": "10.1/x"}
    article = formats.csl_from_bibtex("k", "article", fields, {"author": [("Doe", "Jane")]})
    assert article["type"] == "article-journal" and article["issue"] == "3" and article["container-title"] == "J"
    assert article["issued"] == {"date-parts": [[2001]]} and article["DOI"] == "10.1/x"
    report = formats.csl_from_bibtex("k", "techreport", {"institution": "RAND", "number": "MR-1"}, {})
    assert report["type"] == "report" and report["number"] == "MR-1" and report["publisher"] == "RAND"
    assert formats.csl_from_bibtex("k", "misc", {}, {})["type"] == "document"
