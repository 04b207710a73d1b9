"""Interview quotations: data, coding frames, the join to participants, rendering, pages.

Built-HTML checks use a small site in tmp_path (tests/quote_helpers.py); the real-browser
checks of the filter are in test_quotes_browser.py.
"""
from __future__ import annotations

import csv
import json
import re
from urllib.parse import urljoin

import pandas as pd
import pytest

from analysis.datasets import DataError
from analysis.quotes import (
    PERSONAL_NAME_COLUMN,
    check_no_personal_names,
    check_quotes,
    normalise_source,
    repairs_of,
    source_passage,
)
from tests.conftest import ROOT, python_m, source_text
from tests.quote_helpers import (  # noqa: F401  (bank is a fixture)
    HOSTILE_ID,
    HOSTILE_TEXT,
    PUBLISHED_IDS,
    QUOTES_CSV,
    _assert_shown_as_text,
    _bad,
    _hostile_record,
    _hostile_row,
    _html,
    _load,
    _page,
    _parse,
    _rows,
    bank,
    build_small_site,
    make_small_site,
    site_build,
)


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
def test_records_validate_against_schema_frames_and_participants():
    quotes, frames, people = _load()
    check_quotes(quotes, frames, people)  # raises on any problem
    assert len(quotes) >= 40
    assert set(quotes["study"]) == {"china_uk", "korea_uk"}


def test_published_ids_are_never_removed():
    """Ids are permanent addresses (#q-<id>): once listed in the fixture, an id must stay."""
    published = [line.strip() for line in PUBLISHED_IDS.read_text().splitlines() if line.strip() and not line.startswith("#")]
    current = {r["id"] for r in _rows()}
    assert not [i for i in published if i not in current], "published quote ids disappeared"


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["id"])
def test_every_quote_occurs_word_for_word_in_its_source(row):
    source = source_text(row["source_file"])  # the folder IRC_SOURCES names
    passage = source_passage(source, row["source_lines"], row["repairs"])
    assert normalise_source(row["text"]) in passage, f"{row['id']} differs from lines {row['source_lines']} of {row['source_file']}"
    # Repairs are limited to what the notes explain: line-break hyphens and lost spaces.
    for extracted, printed in repairs_of(row["repairs"]):
        assert extracted.replace("- ", "").replace(" ", "") == printed.replace(" ", ""), (row["id"], extracted, printed)
    if row["repairs"]:
        assert re.search(r"hyphen|space", row["notes"]), f"{row['id']}: repairs must be explained in notes"


def test_the_verbatim_check_catches_a_changed_word():
    row = next(r for r in _rows() if r["id"] == "cu-initiation-02")
    source = source_text(row["source_file"])
    passage = source_passage(source, row["source_lines"], row["repairs"])
    assert normalise_source(row["text"].replace("paper", "article")) not in passage
    with pytest.raises(ValueError, match="does not match"):
        source_passage(source, row["source_lines"], "no such words => x")


def test_theme_outside_the_coding_frame_fails_with_file_row_column():
    quotes, frames, people = _load()
    row = int(quotes.index[quotes["id"] == "cu-motivations-01"][0]) + 2
    with pytest.raises(DataError, match=rf"data/quotes/quotes.csv, row {row}, column 'theme': coding-frame: 'funding'"):
        check_quotes(_bad(quotes, "cu-motivations-01", theme="funding"), frames, people)


def test_sub_theme_of_another_theme_fails():
    quotes, frames, people = _load()
    with pytest.raises(DataError, match=r"column 'sub_theme': coding-frame: 'trust-building' belongs to theme 'sustaining'"):
        check_quotes(_bad(quotes, "cu-initiation-01", sub_theme="trust-building"), frames, people)


def test_korea_uk_theme_is_checked_against_its_own_frame():
    quotes, frames, people = _load()
    with pytest.raises(DataError, match=r"'initiation' is not a theme of data/quotes/korea_uk_coding_frame.csv"):
        check_quotes(_bad(quotes, "ku-labour-01", theme="initiation", sub_theme="prior-personal-networks"), frames, people)


def test_unknown_speaker_code_fails_naming_the_participants_file():
    quotes, frames, people = _load()
    with pytest.raises(DataError, match=r"column 'speaker_code': participant-code: 'UK-R9' is not a code in data/china_uk/china_uk_participants.csv"):
        check_quotes(_bad(quotes, "cu-initiation-01", speaker_code="UK-R9"), frames, people)
    # Each of two codes is checked.
    with pytest.raises(DataError, match=r"'MC-X' is not a code"):
        check_quotes(_bad(quotes, "cu-sustaining-05", speaker_code="UK-R1; MC-X"), frames, people)


def test_inferred_code_must_exist_and_agree_with_the_description():
    quotes, frames, people = _load()
    with pytest.raises(DataError, match=r"column 'speaker_code_inferred': participant-code: 'K99'"):
        check_quotes(_bad(quotes, "ku-korean-drivers-06", speaker_code_inferred="K99"), frames, people)
    with pytest.raises(DataError, match=r"nationality-agrees: 'UK8' is British"):
        check_quotes(_bad(quotes, "ku-korean-drivers-06", speaker_code_inferred="UK8"), frames, people)


def test_attributes_are_not_retyped_beside_a_printed_code():
    quotes, frames, people = _load()
    with pytest.raises(DataError, match=r"column 'speaker_nationality_as_described': only-if-unattributed"):
        check_quotes(_bad(quotes, "cu-initiation-01", speaker_nationality_as_described="British"), frames, people)


def test_study_prefix_and_source_file_must_agree():
    quotes, frames, people = _load()
    with pytest.raises(DataError, match=r"column 'source_file': study-source"):
        check_quotes(_bad(quotes, "cu-initiation-01", source_file="001_1075b1596e46c368.txt"), frames, people)


@pytest.mark.parametrize("column", ["name", "first_name", "Surname", "full_name", "email", "participant_name", "E_mail", "given_name"])
def test_personal_name_columns_fail(column):
    assert PERSONAL_NAME_COLUMN.search(column)
    quotes, frames, people = _load()
    with pytest.raises(DataError, match=rf"column '{column}': personal-name rule"):
        check_quotes(quotes.assign(**{column: "x"}), frames, people)
    with pytest.raises(DataError, match=r"china_uk_participants.csv: column .*personal-name rule"):
        check_quotes(quotes, frames, {**people, "china_uk": people["china_uk"].assign(**{column: "x"})})


@pytest.mark.parametrize("column", ["code", "speaker_code", "sub_theme", "source_table", "nationality_group", "field_as_printed", "renamed"])
def test_ordinary_columns_are_not_taken_for_names(column):
    assert not PERSONAL_NAME_COLUMN.search(column)


def test_real_quote_and_participant_files_carry_no_personal_name_column():
    for path in [QUOTES_CSV, ROOT / "data/china_uk/china_uk_participants.csv", ROOT / "data/korea_uk/korea_uk_interviewees.csv"]:
        check_no_personal_names(pd.read_csv(path, nrows=0), path)


def test_no_quote_or_participant_value_names_a_person():
    """The Korea-UK article names one interviewee in a table note; no record may carry such a name."""
    title_and_name = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.\s+[A-Z][a-z]+")
    for path in [QUOTES_CSV, ROOT / "data/china_uk/china_uk_participants.csv", ROOT / "data/korea_uk/korea_uk_interviewees.csv"]:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column, value in row.items():
                    assert not title_and_name.search(value or ""), f"{path.name}, row {number}, column '{column}': a personal name"
    assert title_and_name.search("Note: Dr. Someone worked in industry")


def test_speaker_attributes_come_from_the_participants_data(project_copy):
    proc = python_m("analysis", [], cwd=project_copy)
    assert proc.returncode == 0, proc.stderr
    bank = json.loads((project_copy / "generated/json/quotes.json").read_text())
    by_id = {q["id"]: q for q in bank["quotes"]}
    cu = pd.read_csv(ROOT / "data/china_uk/china_uk_participants.csv", dtype=str).set_index("code")
    person = by_id["cu-initiation-01"]["speaker"]["people"][0]
    assert person["code"] == "UK-R3"
    assert dict(person["fields"])["Academic title"] == cu.loc["UK-R3", "academic_title"]
    inferred = by_id["ku-korean-drivers-06"]["speaker"]
    assert not inferred["attributed"] and inferred["inferred_code"] == "K9" and inferred["countries"] == ["Korea"]
    assert by_id["cu-sustaining-05"]["speaker"]["countries"] == ["UK"]
    assert len(by_id["cu-sustaining-05"]["speaker"]["people"]) == 2
    counts = {t["theme"]: len(t["quote_ids"]) for t in bank["frames"]["china_uk"]}
    rows = _rows()
    assert counts == {t: sum(1 for r in rows if r["study"] == "china_uk" and r["theme"] == t) for t in counts}


def test_pipeline_stops_on_a_speaker_not_in_the_participants_data(project_copy):
    path = project_copy / "data/quotes/quotes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",UK-R3,UK-R3,", ",UK-R7,UK-R3,", 1), encoding="utf-8")
    proc = python_m("analysis", [], cwd=project_copy)
    assert proc.returncode != 0
    assert "data/quotes/quotes.csv, row 2, column 'speaker_code': participant-code: 'UK-R7'" in proc.stderr


# ---------------------------------------------------------------------------
# Renderer: escaping, through the site's own Markdown extensions
# ---------------------------------------------------------------------------
def test_renderer_escapes_a_hostile_record_through_the_site_markdown(bank, site_build):
    from markdown import Markdown
    from mkdocs.config import load_config

    from transforms.quotes import quote_html

    html = quote_html(site_build, _hostile_record(bank), _page(), element_id=f"q-{HOSTILE_ID}")
    assert "<script>" not in html and "<img" not in html
    config = load_config(str(ROOT / "mkdocs.yml"))
    md = Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    # As a page holds it: a paragraph before, the quote block, a paragraph after.
    _assert_shown_as_text(md.convert(f"Before.\n\n{html}\n\nAfter."))
    # Inside an admonition, where Markdown is parsed around it.
    md.reset()
    _assert_shown_as_text(md.convert("!!! note\n\n    " + html + "\n"))


def test_renderer_links_the_permalink_theme_page_and_credits_the_study(bank, site_build):
    from transforms import cite
    from transforms.quotes import quote_html

    page = _page()
    html = quote_html(site_build, bank["by_id"]["ku-korean-drivers-06"], page, element_id="q-ku-korean-drivers-06")
    tree = _parse(html)
    hrefs = [a.get("href") for t, a in tree.tags if t == "a"]
    assert "../../quotes/all/#q-ku-korean-drivers-06" in hrefs
    assert "../../quotes/korea-uk/drivers/#korean-drivers" in hrefs
    assert 'cite="https://example.org/site/quotes/all/#q-ku-korean-drivers-06"' in html
    assert "Hwang, K. (2008)" in html and "(Hwang, 2008, p. 125)" in html
    from html import unescape

    from fragments.quote import study_citation_html

    # The study the excerpt is quoted from: its APA reference in the card, and a link to its APA
    # and BibTeX where the all-quotes page prints them once (analysis/quote_pages.py).
    assert "../../quotes/all/#cite-study-korea-uk" in hrefs
    assert "@article{hwang2008," in unescape(study_citation_html("korea_uk", site_build.related))
    # ...and the site's own record of the excerpt at its permalink, in four formats (transforms/cite.py):
    # the card links them; they go to the page's citations.html, loaded when the box is opened.
    assert 'data-cite-src="citations.html#cite-q-ku-korean-drivers-06"' in html
    assert [a.get("href") for t, a in tree.tags if "irc-cite__all" in (a.get("class") or "")] == ["citations.html#cite-q-ku-korean-drivers-06"]
    rec = cite.registered_citations(site_build, page.src_uri)["q-ku-korean-drivers-06"]
    assert f"version {rec['version']}" in html and f"licence {rec['license']}" in html  # the record's version, as text
    formats = cite.formats_html(rec, "q-ku-korean-drivers-06")
    site_record = unescape(formats)
    assert "@online{irc-" in site_record and "quotes/all/#q-ku-korean-drivers-06" in site_record
    assert all(f">{label}</label>" in formats for label in ("APA 7", "Chicago", "BibTeX", "RIS"))
    assert "@" not in html  # the references hook would read a literal "@key" as a citation
    assert "K9" in html and "not by the article" in html
    cu = quote_html(site_build, bank["by_id"]["cu-initiation-01"], _page(), element_id=None)
    assert "Yu, K. (2022)" in cu and "(UK-R3, as cited in Yu, 2022)" in cu and ' id="' not in cu.split(">")[0]


def test_only_the_all_quotes_page_carries_the_permanent_anchor(site_build):
    from transforms.quotes import render_quote

    chapter = _page("china-uk/qualitative.md")
    assert 'id="q-cu-initiation-01"' not in render_quote(site_build, "cu-initiation-01", chapter)
    bank_page = _page("quotes/all.md")
    assert 'id="q-cu-initiation-01"' in render_quote(site_build, "cu-initiation-01", bank_page)
    assert 'id="q-cu-initiation-01"' not in render_quote(site_build, "cu-initiation-01", bank_page)  # never twice


def test_unknown_id_raises_naming_the_page(site_build):
    from analysis.errors import SiteError
    from transforms.quotes import render_quote

    with pytest.raises(SiteError, match=r"korea-uk/results.md: no quote with id 'ku-nothing-01'"):
        render_quote(site_build, "ku-nothing-01", _page("korea-uk/results.md"))


# ---------------------------------------------------------------------------
# Built site: a small site in tmp_path with the project's plugin and the quote pages
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """Builds its own: a small site (the quotation pages) with a hostile quotation added to the data."""
    base = tmp_path_factory.mktemp("quotes_site")
    project = make_small_site(
        base / "project",
        {"hostile.md": f'# Hostile\n\nA quote:\n\n{{{{ quote("{HOSTILE_ID}") }}}}\n\nAfter.\n'},
        extra_rows=[_hostile_row()],
    )
    site = base / "site"
    proc = build_small_site(project, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def test_built_page_shows_the_hostile_record_as_text(small_site):
    html = _html(small_site, "hostile/")
    start = html.index(f'data-quote-id="{HOSTILE_ID}"')
    figure = html[html.rindex("<figure", 0, start) : html.index("</figure>", start) + len("</figure>")]
    _assert_shown_as_text(figure)
    assert "alert(1)" not in "".join(a.get("onerror", "") for _, a in _parse(html).tags)


def test_every_quote_is_reachable_from_theme_page_filter_page_and_permalink(small_site):
    bank_page = _html(small_site, "quotes/all/")
    nav_hrefs = [a.get("href") for t, a in _parse(bank_page).tags if t == "a"]
    for row in _rows():
        quote_id, anchor = row["id"], f'q-{row["id"]}'
        # The filter page holds it at its permanent anchor.
        assert re.search(rf'<figure[^>]* id="{anchor}" data-quote-id="{quote_id}"', bank_page), quote_id
        # Its theme page lists it, and the theme page is in the navigation.
        theme_path = f"quotes/{row['study'].replace('_', '-')}/{row['theme']}/"
        theme_html = _html(small_site, theme_path)
        assert f'data-quote-id="{quote_id}"' in theme_html, (quote_id, theme_path)
        assert any(h and urljoin("/quotes/all/", h) == "/" + theme_path for h in nav_hrefs), theme_path
        # The theme page's permalink resolves to the anchor on the filter page.
        permalinks = re.findall(r'class="irc-quote__permalink" href="([^"]+)"', theme_html)
        assert urljoin("/" + theme_path, f"../../all/#{anchor}") in {urljoin("/" + theme_path, p) for p in permalinks}


def test_theme_pages_show_counts_from_the_data(small_site):
    rows = [r for r in _rows() if r["study"] == "china_uk" and r["theme"] == "motivations"]
    html = _html(small_site, "quotes/china-uk/motivations/")
    assert f"{len(rows)} quotations in" in html
    for sub in {r["sub_theme"] for r in rows}:
        n = sum(1 for r in rows if r["sub_theme"] == sub)
        assert re.search(rf'href="#{sub}">[^<]+</a></td><td>{n}</td>', html), sub
    # A theme the study names but quotes nobody under: its page says so plainly, and
    # the filter does not offer it.
    empty = _html(small_site, "quotes/china-uk/dissemination/")
    assert "The study names this theme but quotes nobody under it." in empty
    assert 'figure class="irc-quote' not in empty
    options = re.findall(r'<option value="china_uk:([a-z-]+)"', _html(small_site, "quotes/all/"))
    assert "dissemination" not in options and "motivations" in options


def test_filter_form_has_labelled_controls_and_a_live_region(small_site):
    tree = _parse(_html(small_site, "quotes/all/"))
    controls = {"qf-study", "qf-theme", "qf-country", "qf-kind", "qf-text"}
    ids = {a.get("id") for t, a in tree.tags if t in ("select", "input")}
    labels = {a.get("for") for t, a in tree.tags if t == "label"}
    assert controls <= ids and controls <= labels
    status = [a for t, a in tree.tags if a.get("id") == "qf-status"][0]
    assert status.get("role") == "status" and status.get("aria-live") == "polite"
    form = [a for t, a in tree.tags if t == "form" and a.get("id") == "quote-filter"][0]
    assert "hidden" in form  # shown by the script only: without it every quote is simply listed


def test_unknown_id_fails_the_build_naming_the_page(tmp_path):
    """Builds its own: a small site with a page naming a quotation that does not exist."""
    project = make_small_site(tmp_path / "project", {"broken.md": '# Broken\n\n{{ quote("cu-initiation-98") }}\n'})
    proc = build_small_site(project, tmp_path / "site")
    assert proc.returncode != 0
    assert "broken.md: no quote with id 'cu-initiation-98'" in proc.stdout + proc.stderr


