"""The China-UK study pages and the home page: numbers come from named values,
citations resolve, and the built pages carry the sections and evidence links
that readers and other pages rely on."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import parsed, source_text

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted((DOCS / "china-uk").glob("*.md")) + [DOCS / "index.md"]
BIB = ROOT / "data" / "references" / "references.bib"

# --- hand-typed numbers ------------------------------------------------------

FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]+`")
INCLUDE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
CITATION = re.compile(r"\[[^\[\]]*@[\w:.-]+[^\[\]]*\]")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
ATTR_LIST = re.compile(r"\{[#.:][^}]*\}")
HTML_TAG = re.compile(r"<[^>]+>")
# A source's own label is provenance, not a measurement ("Figure 13", "Table 7").
LABEL = re.compile(r"\b(?:Figures?|Tables?|Steps?)\s+\d+[a-z]?(?:\s*(?:-|to|and|,)\s*\d+[a-z]?)*", re.IGNORECASE)
# A place in a source is provenance too: "(slides, lines 642-649)", "(Hwang 2008, p. 119)", "note 5".
SOURCE_LOCATION = re.compile(r"\b(?:lines?|pp?\.|notes?)\s+\d+(?:\s*[-–]\s*\d+)?(?:\s*(?:,|and)\s*\d+(?:\s*[-–]\s*\d+)?)*")
# Identifiers, not findings: a report number and the participants' codes (UK-R1, MC-NDF2).
DOCUMENT_IDS = re.compile(r"\bWorking Paper \d+\b|\b(?:UK|MC)-[A-Z]+\d*\b|\b(?:UK|K)\d{1,2}\b")
YEAR_RANGE = re.compile(r"\b(?:19[7-9]\d|20[0-3]\d)\s*[-–]\s*(?:19[7-9]\d|20[0-3]\d)\b")
# Years: the study's window 2001-2021, and the literature's years (1970-2030), which
# are dates in prose, never counts the data holds (counts of 1,000+ carry separators).
YEAR = re.compile(r"(?<!\d)(?<!\d[.,])(?:19[7-9]\d|20[0-3]\d)(?!\d|[.,]\d|\s*(?:%|per ?cent|percent))")
LIST_MARKER = re.compile(r"^\s*\d+\.\s", re.MULTILINE)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:%|per ?cent|percent)?")


def hand_typed_numbers(markdown: str) -> list[str]:
    """Digits left in prose once includes, code, citations, link targets, labels and years are removed."""
    text = FENCE.sub(" ", markdown)
    for pattern in (LIST_MARKER, INLINE_CODE, INCLUDE, CITATION, LINK_TARGET, ATTR_LIST, HTML_TAG, LABEL, SOURCE_LOCATION, DOCUMENT_IDS, YEAR_RANGE, YEAR):
        text = pattern.sub(" ", text)
    return [m.group(0).strip() for m in NUMBER.finditer(text)]


@pytest.mark.parametrize(
    "prose, flagged",
    [
        ("Its share fell to 12.3% by 2020.", ["12.3%"]),
        ("The index holds 4,988 papers.", ["4,988"]),
        ("About 40 per cent had a foreign address.", ["40 per cent"]),
        ("There were 8 interviews.", ["8"]),
        ("China-UK papers numbered 312 in all.", ["312"]),
        ("In 2016-2020 the share was {{ value(\"citations_china_share_china_2016_2020\") }}.", []),
        ("As Keim argues [@keim2011, p. 138], equals debate.", []),
        ("See [Figure 13](quantitative.md#fig13b) and Table 7 as printed.", []),
        ("The window runs from 2001 to 2020; earlier work covers 1978 to 2013.", []),
        ("Code `SU=(Education 2)` is shown as code.", []),
        ("1. **Funded from home.** Seven agencies.", []),
        ("1. Funded by 75% of agencies.", ["75%"]),
        ("## Outputs {#outputs-2001}", []),
        ("CGHE Working Paper 84 is the report.", []),
        ("UK-R2 and MC-NDF1 spoke; UK-NR too.", []),
        ("Hwang's UK7 and K16 are interviewee codes.", []),
        ("The study concludes so (slides, lines 642-649; line 450).", []),
        ("Hwang reports it (pp. 124, 126; p. 119).", []),
        ("The slides' line 449 says 75% of papers.", ["75%"]),
    ],
)
def test_number_check_flags_hand_typed_numbers_only(prose, flagged):
    assert hand_typed_numbers(prose) == flagged


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_has_no_hand_typed_numbers(page):
    found = hand_typed_numbers(page.read_text(encoding="utf-8"))
    assert not found, (
        f"{page.relative_to(ROOT)}: numbers typed by hand {found}; "
        'include them with {{ value("NAME") }} from a @values function (analysis/china_uk/findings_values.py)'
    )


# --- prose in our own words ----------------------------------------------------

SLIDES = "000_f1e849d268522d47.txt"  # read from the folder IRC_SOURCES names
SHARED_RUN = 8  # words in a row; shorter runs are names and set phrases ("in education research")
# Labels the study gives things are names, not sentences: its title, and sub-theme lists.
LABEL_LINES = re.compile(r"^\*Sub-themes:.*?\*$|\*Patterns and\s+Dynamics.*?\*", re.MULTILINE | re.DOTALL)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def copied_runs(markdown: str, source: str, run: int = SHARED_RUN) -> list[str]:
    """Runs of `run` or more words that the page shares with the source, outside includes and labels."""
    grams = {tuple(w) for w in _windows(_words(source), run)}
    text = LABEL_LINES.sub(" ", markdown)
    for pattern in (FENCE, INLINE_CODE, INCLUDE, LINK_TARGET, HTML_TAG):
        text = pattern.sub(" | ", text)
    words, found, i = _words(text), [], 0
    while i <= len(words) - run:
        if tuple(words[i : i + run]) in grams:
            j = i + run
            while j < len(words) and tuple(words[j - run + 1 : j + 1]) in grams:
                j += 1
            found.append(" ".join(words[i:j]))
            i = j
        else:
            i += 1
    return found


def _windows(words: list[str], run: int):
    return (words[i : i + run] for i in range(len(words) - run + 1))


def test_copy_check_finds_a_copied_sentence():
    source = "The timespan of 2001-2020 was chosen in that China's internationally co-authored papers grew."
    assert copied_runs("We note that the timespan of 2001-2020 was chosen in that China's papers grew.", source)
    assert not copied_runs("The study begins in 2001 because co-authored papers grew after it.", source)
    assert not copied_runs('{{ quote("the timespan of 2001-2020 was chosen in that China") }}', source)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_prose_is_not_copied_from_the_slides(page):
    copied = copied_runs(page.read_text(encoding="utf-8"), source_text(SLIDES))
    assert not copied, f"{page.relative_to(ROOT)}: word runs copied from the slides: {copied}"


# --- citations ----------------------------------------------------------------

CITE_KEYS = re.compile(r"(?<![\w@])@([A-Za-z][\w:-]*[A-Za-z0-9])")


def bib_keys() -> set[str]:
    return set(re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", BIB.read_text(encoding="utf-8"), re.MULTILINE))


def cited_keys(markdown: str) -> set[str]:
    text = INCLUDE.sub(" ", FENCE.sub(" ", markdown))
    keys: set[str] = set()
    for citation in CITATION.finditer(INLINE_CODE.sub(" ", text)):
        keys.update(CITE_KEYS.findall(citation.group(0)))
    return keys


def test_cited_keys_parser():
    assert cited_keys("Growth [@liu2015; @zhang2021, p. 4] and [@keim2011, p. 138].") == {"liu2015", "zhang2021", "keim2011"}
    assert cited_keys("Write to kexin@example.org, not a citation.") == set()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_citation_key_is_in_the_bibliography(page):
    known = bib_keys()
    assert known, f"{BIB.relative_to(ROOT)} holds no entries"
    unknown = sorted(cited_keys(page.read_text(encoding="utf-8")) - known)
    assert not unknown, f"{page.relative_to(ROOT)}: keys not in {BIB.relative_to(ROOT)}: {unknown}"


def test_literature_review_cites_each_point():
    """Every bullet of the literature review cites a work, or says that the study cites none."""
    text = (DOCS / "china-uk" / "literature.md").read_text(encoding="utf-8")
    bullets = re.findall(r"^- \*\*.*?(?=^- |^#|\Z)", text, re.MULTILINE | re.DOTALL)
    assert len(bullets) >= 12
    for bullet in bullets:
        assert CITATION.search(bullet) or "cites no work" in bullet, f"literature.md: uncited point: {bullet[:60]!r}"


# --- named values exist ---------------------------------------------------------

VALUE = re.compile(r"\{\{\s*value\(\s*\"([^\"]+)\"\s*\)\s*\}\}")


@pytest.fixture(scope="module")
def generated_values(analysed) -> dict:
    from analysis.pipeline import build

    manifest = build(log=lambda _msg: None)
    return json.loads((ROOT / "generated" / manifest["values_file"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_named_value_exists(page, generated_values):
    names = set(VALUE.findall(page.read_text(encoding="utf-8")))
    missing = sorted(names - set(generated_values))
    assert not missing, f"{page.relative_to(ROOT)}: no value named {missing}"


def test_findings_values_come_from_the_data(generated_values):
    """Spot checks against the source tables: the values are computed, not typed."""
    assert generated_values["cu_cite_china_usa_rank_2001_2005"]["text"] == "first"
    assert generated_values["cu_cite_china_usa_change"]["raw"] == pytest.approx(-21.7)  # 41.0% -> 19.3%
    assert generated_values["cu_cite_uk_china_rank_2016_2020"]["text"] == "fifth"
    assert generated_values["cu_china_uk_share_of_china_education"]["text"] == "6.3%"  # 312 / 4,988
    assert generated_values["cu_fund_china_uk_listed"]["raw"] == 9
    assert generated_values["cu_records_chinauk_as_printed"]["text"] == "312 16"


def test_output_values_name_the_missing_dataset_row():
    import pandas as pd

    from analysis.china_uk.findings_values import output_values

    datasets = pd.DataFrame({"database": ["SSCI"], "row": [5], "records": [4988], "records_as_printed": ["4,988"]})
    with pytest.raises(ValueError, match=r"bibliometric_datasets: no row for SSCI_6, SSCI_7"):
        output_values(datasets)


# --- the built site ---------------------------------------------------------------

EXPECTED_SECTIONS = {
    "china-uk/index.html": ["research-gap", "research-questions", "why-2001-2020"],
    "china-uk/theory/index.html": [
        "research-systems", "centre-periphery", "academic-dependency", "internationalised-social-science",
    ],
    "china-uk/literature/index.html": ["trends-and-patterns", "drivers-and-motivations", "coordination-and-dynamics"],
    "china-uk/methods/index.html": [
        "research-design", "datasets-and-search-strings", "categorisation", "participants", "interview-questions",
        "analysis", "table-bibliometric_datasets_table", "table-bibliometric_country_rules",
        "chart-bibliometric_record_counts",
    ],
    "china-uk/quantitative/index.html": [
        "outputs", "international-collaboration", "first-authorship", "citations", "citations-overall",
        "citations-by-period", "highly-cited-papers", "funding",
    ],
    "china-uk/qualitative/index.html": [
        "initiation", "motivations", "responsibilities", "challenges", "sustaining", "dissemination", "reflections",
    ],
    "china-uk/summary/index.html": ["quantitative", "qualitative"],
    "china-uk/discussion/index.html": [
        "conclusions", "diversity", "competition", "funding", "first-authorship", "social-relations", "pluralisation",
    ],
    "index.html": ["key-findings"],
}
CONCLUSIONS = ["diversity", "competition", "funding", "first-authorship", "social-relations", "pluralisation"]


@lru_cache(maxsize=None)
def _parse(path: Path) -> SimpleNamespace:
    """Ids on the page, the links inside each h3 section of the article, and its text."""
    soup = parsed(path)
    links: dict[str, list[str]] = {}
    for a in soup.select("a[href]"):
        heading = a.find_previous(["h1", "h2", "h3"])
        if heading is not None and heading.name == "h3" and heading.get("id") and "headerlink" not in a.get("class", []):
            links.setdefault(heading["id"], []).append(a["href"])
    return SimpleNamespace(ids={t["id"] for t in soup.select("[id]") if t["id"]}, links=links, text=soup.get_text())


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    """The run's one strict build of the whole site (tests/conftest.py), never a stale site/."""
    return built_site


@pytest.mark.parametrize("page, ids", sorted(EXPECTED_SECTIONS.items()))
def test_built_page_has_its_sections(site, page, ids):
    path = site / page
    assert path.exists(), f"{page} was not built"
    missing = [i for i in ids if i not in _parse(path).ids]
    assert not missing, f"{page}: sections missing: {missing}"


def test_built_pages_show_no_unrendered_includes(site):
    for page in EXPECTED_SECTIONS:
        text = _parse(site / page).text
        leftover = re.search(r"\{\{\s*\w+\(|\[@\w", text)
        assert not leftover, f"{page}: an include or citation was not rendered: {leftover.group(0)!r}"


class _Nesting(HTMLParser):
    """Ids of charts, tables and quotes found while the page's <article> is still open."""

    CONTAINERS = {"div", "article", "details", "figure", "section", "blockquote"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.inside: set[str] = set()
        self.outside: set[str] = set()

    def handle_starttag(self, tag, attrs):
        ident = dict(attrs).get("id") or ""
        if ident.startswith(("table-", "chart-", "q-", "quote-")) or "irc-quote" in (dict(attrs).get("class") or ""):
            (self.inside if "article" in self.stack else self.outside).add(ident or f"{tag}.irc-quote")
        if tag in self.CONTAINERS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.CONTAINERS and self.stack:
            self.stack.pop()


@pytest.mark.parametrize("page", sorted(EXPECTED_SECTIONS))
def test_included_artifacts_stay_inside_the_article(site, page):
    """Raw HTML of an include must be balanced: an extra closing tag pushes the rest of the page out of the article."""
    parser = _Nesting()
    parser.feed((site / page).read_text(encoding="utf-8"))
    assert not parser.outside, f"{page}: outside <article> (unbalanced HTML before them): {sorted(parser.outside)[:5]}"


def test_every_conclusion_links_to_resolving_evidence(site):
    """One click from each conclusion to a findings section, chart, table or quote, and the target exists."""
    page = site / "china-uk/discussion/index.html"
    parsed = _parse(page)
    for conclusion in CONCLUSIONS:
        evidence = [h for h in parsed.links.get(conclusion, []) if "#" in h and not h.startswith("http")]
        assert evidence, f"discussion: conclusion '{conclusion}' links to no evidence anchor"
        for href in evidence:
            target, anchor = href.split("#", 1)
            target_path = (page.parent / target).resolve() if target else page
            if target_path.is_dir():
                target_path = target_path / "index.html"
            assert target_path.exists(), f"discussion '{conclusion}': {href} points to a missing page"
            assert anchor in _parse(target_path).ids, f"discussion '{conclusion}': {href}: no anchor '{anchor}'"


def test_home_page_leads_with_headline_findings_of_both_studies(site):
    """Home: the headline findings of both studies (from data/findings.csv) first, then one chart, then the ways in."""
    import csv

    with (ROOT / "data" / "findings.csv").open(encoding="utf-8", newline="") as handle:
        headline = [r for r in csv.DictReader(handle) if r["headline"] == "yes"]
    assert {r["study"] for r in headline} >= {"china_uk", "korea_uk"}, "the home page needs headline findings of both studies"
    html = (site / "index.html").read_text(encoding="utf-8")
    text = _parse(site / "index.html").text
    assert "Headline findings" in text
    positions = []
    for r in headline:
        link = f'findings/#finding-{r["id"]}"'
        assert link in html, f"home page: no link to the headline finding {r['id']}"
        positions.append(html.index(link))
    assert html.count('<figure class="irc-chart"') == 1, "the home page shows one chart"
    chart = html.index('<figure class="irc-chart"')
    ways_in = html.index('id="elsewhere"')
    assert max(positions) < chart < ways_in, "headline findings, then the chart, then the ways in"
    for target in ("china-uk/index.md", "korea-uk/index.md", "findings.md"):
        url = target.replace("index.md", "").replace(".md", "/")
        assert f'href="{url}"' in html, f"home page: no way in to {url}"
