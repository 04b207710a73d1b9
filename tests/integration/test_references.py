"""Citations in pages ([@key], @key) resolve to author-date text and reference lists
(transforms/bibliography.py, transforms/citations.py); unknown keys fail the build; unverified entries stay marked."""
from __future__ import annotations

import csv
import re

import pytest
from bs4 import BeautifulSoup

from transforms import citations as refs
from tests.conftest import ROOT, mkdocs_build, parsed

BIB = ROOT / "data" / "references" / "references.bib"
TSV = ROOT / "data" / "references" / "citations.tsv"


@pytest.fixture(scope="module")
def entries():
    return refs.load_bibliography()


def resolve(text: str, entries) -> str:
    return refs.resolve_citations(text, entries, "page.md")[0]


def plain(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


# ---------------------------------------------------------------------------
# In-text citations
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "source, shown",
    [
        ("[@marginson2021]", "(Marginson, 2021)"),
        ("[@lee2005; @wagner2015]", "(Lee & Bozeman, 2005; Wagner et al., 2015)"),
        ("[@keim2011, p. 138]", "(Keim, 2011, p. 138)"),
        ("[see @katz1997, p. 4]", "(see Katz & Martin, 1997, p. 4)"),
        ("[-@hwang2008]", "(2008)"),
        ("@marginson2021 argues", "Marginson (2021) argues"),
        ("@keim2011 [p. 138] notes", "Keim (2011, p. 138) notes"),
        ("[@issc2010, p. 97]", "(International Social Science Council & UNESCO, 2010, p. 97)"),
        ("[@mosbahnatanson2014]", "(Mosbah-Natanson & Gingras, 2014)"),
        ("[@price1963]", "(de Solla Price, 1963)"),
        ("[@cameron1999]", "(Cameron & Le Bas, 1999)"),
        ("ends a sentence [@marginson2021]:", "ends a sentence (Marginson, 2021):"),
    ],
)
def test_citation_forms_render_author_date(entries, source, shown):
    assert plain(resolve(source, entries)) == shown


def test_citation_links_to_the_page_reference_list(entries):
    html = resolve("[@lee2005; @wagner2015]", entries)
    assert re.findall(r'href="#ref-(\w+)"', html) == ["lee2005", "wagner2015"]


@pytest.mark.parametrize(
    "text",
    [
        "write to kexin.yu@education.ox.ac.uk today",
        "code `[@nosuchkey]` stays",
        "```\n[@nosuchkey] in a fence\n```",
        "[label]: https://example.org/@nosuchkey",
        '<a href="mailto:someone@example.org">mail</a>',
        "<!-- [@nosuchkey] -->",
        "<pre><code>@misc{key,\n  title = {x}\n}</code></pre>",
        '<script type="application/ld+json">{"@context": "https://schema.org"}</script>',
    ],
)
def test_text_that_is_not_a_citation_is_left_alone(entries, text):
    assert resolve(text, entries) == text


def test_unknown_key_is_an_error_naming_page_and_key(entries):
    with pytest.raises(refs.ReferenceError_, match=r"china-uk/theory.md: unknown citation key '@nosuchkey2020'"):
        refs.resolve_citations("As shown [@marginson2021; @nosuchkey2020].", entries, "china-uk/theory.md")
    with pytest.raises(refs.ReferenceError_, match=r"'@nosuchkey2020'"):
        refs.resolve_citations("@nosuchkey2020 says", entries, "p.md")


def test_cited_entries_are_returned_once_in_first_cited_order(entries):
    _, cited = refs.resolve_citations("[@wagner2015] then [@lee2005] and [@wagner2015, p. 2]", entries, "p.md")
    assert [e.key for e in cited] == ["wagner2015", "lee2005"]


# ---------------------------------------------------------------------------
# The bibliography
# ---------------------------------------------------------------------------
def test_same_authors_and_year_get_letters(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@book{a1, author={Doe, Jane}, title={Beta}, year={2020}, note={verified: x}}\n"
        "@book{a2, author={Doe, Jane}, title={Alpha}, year={2020}, note={verified: x}}\n"
        "@book{b1, author={Roe, Rick}, title={Gamma}, year={2020}, note={unverified: reconstructed}}\n",
        encoding="utf-8",
    )
    entries = refs.load_bibliography(bib)
    assert (entries["a2"].year_label, entries["a1"].year_label, entries["b1"].year_label) == ("2020a", "2020b", "2020")
    assert plain(resolve("[@a1; @a2]", entries)) == "(Doe, 2020b; Doe, 2020a)"


@pytest.mark.parametrize(
    "entry, message",
    [
        ("@book{x, author={Doe, J.}, title={T}, year={2020}, note={seen somewhere}}", "entry 'x' note must start with 'verified' or 'unverified'"),
        ("@book{y, title={T}, year={2020}, note={verified: x}}", "entry 'y' has neither author nor editor"),
        ("@book{z, author={Doe, J.}, title={T}, year={2020", "cannot parse"),
    ],
)
def test_malformed_bibliography_is_rejected_naming_the_entry(tmp_path, entry, message):
    bib = tmp_path / "refs.bib"
    bib.write_text(entry + "\n", encoding="utf-8")
    with pytest.raises(refs.ReferenceError_, match=re.escape(message)):
        refs.load_bibliography(bib)


def test_reference_entries_link_dois_and_mark_unverified(entries):
    html = refs.reference_list_html([entries["hwang2008"], entries["li2015"], entries["karady2018"]], show_notes=False)
    soup = BeautifulSoup(html, "html.parser")
    hwang = soup.select_one("#ref-hwang2008")
    assert hwang.select_one('a[href="https://doi.org/10.1177/0162243907306196"]') is not None
    assert "Science, Technology, & Human Values, 33(1), 101–133" in hwang.get_text()
    assert "unverified" in soup.select_one("#ref-li2015")["class"][1]
    assert "Unverified" in soup.select_one("#ref-li2015").get_text()
    assert "Unverified" not in hwang.get_text()
    karady = soup.select_one("#ref-karady2018").get_text()
    assert "In J. Heilbron, G. Sorá, & T. Boncourt (Eds.), The Social and Human Sciences in Global Power Relations." in karady


def test_site_bibliography_is_the_shared_one_with_one_documented_fix(entries):
    # data/references/ is the site's copy of ../shared/sources (data must live in the repo).
    with TSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert {r["key"] for r in rows} == set(entries)
    for row in rows:
        assert entries[row["key"]].verified == (row["verified"] == "yes"), row["key"]
    # The one change: a two-word surname braced so BibTeX reads it as one surname.
    assert "author       = {Cameron and {Le Bas}}," in BIB.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------
def test_references_page_lists_every_entry_with_its_check(built_site, entries):
    soup = BeautifulSoup((built_site / "references" / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = soup.select("ul.irc-references > li")
    assert {li["id"][len("ref-"):] for li in items} == set(entries)
    unverified = [li for li in items if "irc-ref--unverified" in li["class"]]
    assert len(unverified) == sum(not e.verified for e in entries.values())
    for li in unverified:
        assert li.select_one(".irc-ref__status--unverified").get_text() == "Unverified"
    for key, entry in entries.items():
        if entry.fields.get("doi"):
            assert soup.select_one(f'#ref-{key} a[href="https://doi.org/{entry.fields["doi"]}"]'), key
    links = {a["href"] for a in soup.select("article a")}
    assert "../data/references/references.bib" in links
    assert (built_site / "data" / "references" / "references.bib").read_bytes() == BIB.read_bytes()


def test_pages_that_cite_get_their_own_reference_list(built_site, entries):
    citing = 0
    for path in sorted(built_site.rglob("index.html")):
        rel = path.relative_to(built_site).as_posix()
        if rel in {"references/index.html", "print_page/index.html"}:
            continue
        soup = parsed(path)
        article = soup.select_one("article")
        if article is None:
            continue
        cited = {a["href"][len("#ref-"):] for a in article.select("a.irc-cite-ref")}
        listed = {li["id"][len("ref-"):] for li in article.select("ul.irc-references > li")}
        assert cited == listed, f"{rel}: cited {sorted(cited - listed)} not listed; listed {sorted(listed - cited)} not cited"
        assert "[@" not in article.get_text(), f"{rel}: an unresolved citation is left in the text"
        citing += bool(cited)
    assert citing >= 1


def test_build_fails_on_an_unknown_key_naming_page_and_key(project_copy, tmp_path):
    """Builds its own: a copy with a page citing a key the bibliography lacks."""
    page = project_copy / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAs argued [@nosuchkey1999].\n", encoding="utf-8")
    proc = mkdocs_build(project_copy, tmp_path / "site", check=False)
    assert proc.returncode != 0
    assert "glossary.md: unknown citation key '@nosuchkey1999'" in proc.stdout + proc.stderr
