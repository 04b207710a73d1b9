"""The glossary: data/glossary.csv validates, the glossary page renders every term
with a stable anchor, and the hook links only the first use of each term in
running text, never in headings, links, code, quotations or attributes."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from analysis.datasets import DataError, load_file
from transforms.glossary import (
    GlossaryError,
    Term,
    glossary_markdown,
    load_terms,
    terms_from_generated,
    terms_from_rows,
)
from transforms.glossary_links import link_glossary
from tests.korea_uk_helpers import html_ids, link_problem

FIXTURES = Path(__file__).parents[1] / "fixtures" / "glossary"


def term(slug: str, forms: str, category: str = "Bibliometrics") -> Term:
    return Term(slug, forms.split("|")[0], tuple(forms.split("|")), category, f"Definition of {slug}. More words here.", "glossary.md")


TERMS = [
    term("ssci", "SSCI|Social Sciences Citation Index"),
    term("cssci", "CSSCI"),
    term("web-of-science", "Web of Science"),
    term("centre-periphery", "centre-periphery|center-periphery", "Theory"),
    term("multilayered", "multilayered centre-periphery", "Theory"),
]


def link(html: str) -> str:
    return link_glossary(html, TERMS, lambda slug: f"../glossary/#{slug}")


def links_in(html: str) -> list[str]:
    return re.findall(r'<a class="irc-glossary-term" href="\.\./glossary/#([\w-]+)"', html)


# --- the hook on small inputs -------------------------------------------------


def test_only_the_first_use_on_a_page_is_linked():
    out = link("<p>SSCI here.</p><p>SSCI again and SSCI once more.</p>")
    assert links_in(out) == ["ssci"]
    assert re.sub(r"<[^>]+>", "", out) == "SSCI here.SSCI again and SSCI once more."
    assert out.startswith('<p><a class="irc-glossary-term" href="../glossary/#ssci"')


def test_headings_are_left_alone_and_do_not_use_up_the_first_link():
    out = link('<h2 id="ssci-data">SSCI data<a class="headerlink" href="#ssci-data">¶</a></h2><p>The SSCI.</p>')
    assert out.startswith('<h2 id="ssci-data">SSCI data<a class="headerlink"')
    assert links_in(out) == ["ssci"]
    assert "<p>The <a " in out


def test_code_pre_and_existing_links_are_left_alone():
    html = '<p><code>SSCI</code> <a href="x/">Web of Science</a></p><pre><code>SSCI\nWeb of Science</code></pre>'
    assert link(html) == html


def test_attributes_are_never_touched():
    html = (
        '<p title="SSCI and Web of Science" data-x="a > SSCI">text</p>'
        '<img alt="SSCI chart" src="ssci.svg"><p>The SSCI.</p>'
    )
    out = link(html)
    assert out.startswith('<p title="SSCI and Web of Science" data-x="a > SSCI">text</p><img alt="SSCI chart" src="ssci.svg">')
    assert links_in(out) == ["ssci"]


def test_quotations_generated_artifacts_scripts_and_comments_are_left_alone():
    html = (
        "<blockquote><p>SSCI in a quotation</p></blockquote>"
        '<div class="irc-quote"><p>Web of Science</p></div>'
        '<figure class="irc-chart"><figcaption>SSCI</figcaption></figure>'
        '<div class="irc-table"><table><tr><td>CSSCI</td></tr></table></div>'
        '<script>var t = "<p>SSCI</p>";</script><!-- SSCI -->'
    )
    assert link(html) == html


def test_acronyms_match_case_sensitively_and_whole_words_only():
    out = link("<p>ssci, SSCIX and CSSCI, then SSCI.</p>")
    assert links_in(out) == ["cssci", "ssci"]
    assert "ssci, SSCIX and " in out


def test_phrases_match_in_any_case_and_keep_their_spelling():
    out = link("<p>The Center-Periphery model.</p>")
    assert ">Center-Periphery</a>" in out and links_in(out) == ["centre-periphery"]


def test_the_longest_form_wins_where_forms_overlap():
    out = link("<p>A multilayered centre-periphery differs from a centre-periphery.</p>")
    assert links_in(out) == ["multilayered", "centre-periphery"]
    assert ">multilayered centre-periphery</a>" in out


def test_text_after_nested_skipped_elements_is_linked_again():
    out = link("<ul><li><a href='#'><code>SSCI</code></a> x</li></ul><p>SSCI</p>")
    assert links_in(out) == ["ssci"] and out.endswith("</a></p>")


# --- the glossary data --------------------------------------------------------


def rows(*specs: tuple[str, str]) -> list[dict]:
    return [
        {"slug": slug, "term": slug, "aliases": aliases, "category": "Theory", "definition": "x" * 30, "see": "glossary.md"}
        for slug, aliases in specs
    ]


def test_a_form_claimed_by_two_terms_is_an_error_naming_row_and_column():
    with pytest.raises(GlossaryError, match=r"glossary\.csv, row 3, column 'aliases': alias-unique: form 'Core' .*'a' \(row 2\)"):
        terms_from_rows(rows(("a", "core|centre"), ("b", "Core")))


def test_an_empty_form_is_an_error():
    with pytest.raises(GlossaryError, match=r"row 2, column 'aliases': alias-not-empty"):
        terms_from_rows(rows(("a", "core||centre")))


def test_acronym_and_word_with_the_same_letters_are_different_forms():
    terms = terms_from_rows(rows(("ip", "IP"), ("ip-word", "ip")))
    assert [t.slug for t in terms] == ["ip", "ip-word"]


def test_schema_rejects_a_bad_slug_with_row_and_column(tmp_path):
    for name in ("glossary.csv", "glossary.resource.yaml"):
        shutil.copy(FIXTURES / f"bad_slug_{name}", tmp_path / name)
    with pytest.raises(DataError, match=r"row 2, column 'slug': constraint-error"):
        load_file(tmp_path / "glossary.resource.yaml")


def test_the_real_glossary_loads_and_covers_the_required_terms():
    slugs = {t.slug for t in load_terms()}
    required = {
        "ssci", "cssci", "web-of-science", "highly-cited-paper", "first-authorship", "first-affiliation",
        "centre-periphery", "academic-dependency", "middle-science",
    }
    assert required <= slugs, f"missing: {sorted(required - slugs)}"


def test_the_build_reads_the_same_terms_from_the_pipeline_as_from_the_csv(analysed):
    # Builds take the validated rows from generated/ (analysis/glossary.py), not the CSV.
    assert terms_from_generated() == load_terms()


def test_glossary_markdown_gives_each_term_a_heading_with_its_slug():
    md = glossary_markdown(load_terms())
    for t in load_terms():
        assert re.search(rf"^### .+ \{{#{re.escape(t.slug)}\}}$", md, re.MULTILINE), t.slug


# --- the built site -----------------------------------------------------------


def test_every_term_has_its_anchor_on_the_built_glossary_page(built_site):
    ids = html_ids(built_site / "glossary" / "index.html")
    missing = [t.slug for t in load_terms() if t.slug not in ids]
    assert not missing, f"glossary page lacks anchors: {missing}"


def test_every_see_link_resolves(built_site):
    problems = [p for t in load_terms() if (p := link_problem(built_site, "glossary.md", t.see))]
    assert not problems, "\n".join(problems)


def test_built_pages_link_each_term_at_most_once_and_to_a_real_anchor(built_site):
    ids = html_ids(built_site / "glossary" / "index.html")
    linked_pages = 0
    for page in built_site.rglob("index.html"):
        if page.parent.name == "print_page":
            continue  # the print plugin concatenates every page, each with its own first uses
        html = page.read_text(encoding="utf-8")
        slugs = re.findall(r'class="irc-glossary-term" href="[^"#]*#([\w-]+)"', html)
        assert len(slugs) == len(set(slugs)), f"{page.relative_to(built_site)}: a term is linked twice"
        assert set(slugs) <= ids, f"{page.relative_to(built_site)}: links to unknown entries {set(slugs) - ids}"
        linked_pages += bool(slugs)
    assert linked_pages >= 10, "the hook linked terms on fewer than ten pages"
    assert 'class="irc-glossary-term"' not in (built_site / "glossary" / "index.html").read_text(encoding="utf-8")


def test_first_use_on_a_real_page_is_linked(built_site):
    html = (built_site / "korea-uk" / "theory" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="irc-glossary-term" href="\.\./\.\./glossary/#multilayered-centre-periphery"', html)
    # The page title mentions no term, the first paragraph does: it is the one linked.
    assert '<h1 id="theory">Theory' in html


# --- the page step the plugin runs on every page ------------------------------


def _link_page(html: str, page: tuple, glossary_url: str | None) -> str:
    from transforms.glossary_links import link_page

    src, url, meta = page
    return link_page(html, src, url, meta, glossary_url, TERMS)


def _page(src: str, url: str, meta: dict | None = None) -> tuple:
    return src, url, meta or {}


def test_event_links_with_a_url_relative_to_the_page():
    out = _link_page("<p>SSCI</p>", _page("korea-uk/theory.md", "korea-uk/theory/"), "glossary/")
    assert links_in(out.replace("../../glossary/", "../glossary/")) == ["ssci"]
    assert 'href="../../glossary/#ssci"' in out


@pytest.mark.parametrize(
    "page, files",
    [
        (_page("glossary.md", "glossary/"), "glossary/"),  # the glossary itself
        (_page("references.md", "references/", {"glossary": False}), "glossary/"),  # opted out
        (_page("index.md", ""), None),  # a build without a glossary page
    ],
)
def test_event_leaves_pages_alone_where_it_should(page, files):
    assert _link_page("<p>SSCI</p>", page, files) == "<p>SSCI</p>"
