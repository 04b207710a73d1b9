"""The three kinds of quotation (data/quotes/quotes.csv, column kind): every record has one,
it agrees with the record, and the card and its citation show it."""
from __future__ import annotations

import pytest

from analysis.datasets import DataError
from analysis.quotes import check_quotes
from tests.quote_helpers import VISIBLE_IDS, _bad, _load, _page, _rows, bank, chromium, served_built_site, site_build  # noqa: F401  (fixtures)


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["id"])
def test_every_quotation_record_has_a_kind(row):
    assert row["kind"] in {"verbatim", "reported", "paraphrase"}, f"{row['id']}: kind '{row['kind']}'"


def test_the_bank_holds_all_three_kinds_and_the_attributed_paraphrases():
    rows = {r["id"]: r for r in _rows()}
    assert {r["kind"] for r in rows.values()} == {"verbatim", "reported", "paraphrase"}
    # MC-NDF2 on trust in education researchers (slides, comparison of China and the UK).
    trust = [r for r in rows.values() if r["speaker_code"] == "MC-NDF2" and "trusted more" in r["text"]]
    assert trust and trust[0]["kind"] == "paraphrase"


@pytest.mark.parametrize(
    "id_, changes, rule",
    [
        ("cu-initiation-01", {"kind": "reported"}, "kind-agrees"),   # a passage is not a report
        ("cu-initiation-04", {"kind": "verbatim"}, "kind-agrees"),   # nor an embedded sentence the participant's words
        ("cu-reflections-11", {"speaker_code": "unattributed"}, "kind-agrees"),  # a paraphrase names its participant
        ("cu-initiation-04", {"text": "Academic UK-R1 recalled one weird collaboration"}, "kind-agrees"),  # no quoted words
        ("cu-initiation-01", {"kind": "hearsay"}, "kind"),
    ],
)
def test_kind_must_agree_with_the_record(id_, changes, rule):
    quotes, frames, people = _load()
    with pytest.raises(DataError, match=rf"column '?(kind|form|text|speaker_code)'?.*{rule}|{rule}"):
        check_quotes(_bad(quotes, id_, **changes), frames, people)


def test_the_three_kinds_look_different_and_each_card_has_one_disclosure(bank, site_build):
    from transforms.quotes import quote_html

    cards = {kind: quote_html(site_build, bank["by_id"][i], _page(), element_id=None)
             for kind, i in (("verbatim", "cu-initiation-01"), ("reported", "cu-initiation-04"), ("paraphrase", "cu-reflections-11"))}
    for kind, html in cards.items():
        assert f"irc-quote--{kind}" in html and f"irc-quote__text--{kind}" in html
        assert html.count("<details") == 1, f"{kind}: one disclosure for source and citation"
        # The quotation comes first, before the speaker line (the figcaption's own text) and the disclosure.
        assert html.index("irc-quote__text") < html.index('<figcaption class="irc-quote__caption">— ') < html.index("<details")
    assert "<blockquote" in cards["verbatim"] and "<blockquote" in cards["reported"]
    assert "<blockquote" not in cards["paraphrase"]  # the study's words are not set as a quotation
    assert "report, with the participant" in cards["reported"].replace("&#8217;", "’")
    assert "paraphrase of the participant" in cards["paraphrase"]
    # One line for the speaker: code, country, role.
    assert "UK-R3 · UK · Consultant" in cards["verbatim"]
    # The citation says whose words they are.
    assert "(UK-R3, as cited in Yu, 2022)" in cards["verbatim"]
    assert "(Yu, 2022, reporting UK-R1)" in cards["reported"]
    assert "(Yu, 2022, paraphrasing MC-NDF2)" in cards["paraphrase"]


@pytest.mark.browser
def test_filter_hides_a_study_with_its_count_and_cite_box_and_filters_by_kind(served_built_site, chromium):
    page = chromium.new_page()
    page.goto(served_built_site + "/quotes/all/?study=korea_uk")
    page.wait_for_function("() => !document.getElementById('quote-filter').hidden")
    parts = """s => Array.from(document.querySelectorAll('[data-quote-study-part="' + s + '"]')).map(e => !!e.closest('[hidden]'))"""
    hidden_cu, hidden_ku = page.evaluate(parts, "china_uk"), page.evaluate(parts, "korea_uk")
    assert len(hidden_cu) == 2 and all(hidden_cu), "the China-UK count and cite box stay when only Korea-UK matches"
    assert hidden_ku and not any(hidden_ku)
    page.goto(served_built_site + "/quotes/all/?kind=paraphrase")
    page.wait_for_function("() => !document.getElementById('quote-filter').hidden")
    shown = page.evaluate(VISIBLE_IDS)
    expected = [r["id"] for r in _rows() if r["kind"] == "paraphrase"]
    assert shown == expected
    page.close()
