"""The quote bank's pages, written by the pipeline from the quotation data into generated/pages/.

- ``quotes/all.md``: every quotation, grouped by study and theme, each at its stable
  anchor ``#q-<id>``, with a filter form (study, theme, speaker's country, words)
  that docs/javascripts/quotes.js turns on; without JavaScript the form stays hidden
  and every quotation is on the page.
- ``quotes/<study>/<theme>.md``: one page per theme of each study's coding frame,
  with its sub-themes, the number of quotations in each, and the quotations.

The pages are Markdown written here and then treated like any other page: each quotation
is rendered by ``{{ quote("id") }}`` (transforms/quotes.py) where the page is built, since
its card links relative to the page and registers the page's citations. Counts come from
the data; nothing is typed by hand.
"""
from __future__ import annotations

import json
from urllib.parse import quote as url_quote

from analysis.escape import escape_attr, escape_text
from analysis.quote_citations import STUDY_SLUG, study_citation_html, study_cite_anchor
from analysis.site_urls import doc_url, relative_url

ALL_QUOTES_SRC = "quotes/all.md"

STUDY_HEADING = {"china_uk": "China-UK study (Yu 2022)", "korea_uk": "Korea-UK study (Hwang 2008)"}
STUDY_ORDER = ["china_uk", "korea_uk"]
COUNTRY_ORDER = ["UK", "Mainland China", "Korea", "Germany", "South Africa", "Netherlands", "Not stated"]


def theme_src(study: str, theme: str) -> str:
    return f"quotes/{STUDY_SLUG[study]}/{theme}.md"


def _count(n: int) -> str:
    return f"{n} quotation" + ("" if n == 1 else "s")


def _rel(from_src: str, to_src: str, use_directory_urls: bool) -> str:
    return relative_url(doc_url(to_src, use_directory_urls), doc_url(from_src, use_directory_urls))


def _filter_form(bank: dict) -> str:
    frames = bank["frames"]
    studies = "".join(f'<option value="{s}">{escape_text(STUDY_HEADING[s])}</option>' for s in STUDY_ORDER)
    groups = []
    for study in STUDY_ORDER:
        options = "".join(
            f'<option value="{escape_attr(study + ":" + t["theme"])}" data-study="{study}">{escape_text(t["label"])} ({len(t["quote_ids"])})</option>'
            for t in frames[study]
            if t["quote_ids"]  # a theme nobody is quoted under is not offered
        )
        groups.append(f'<optgroup label="{escape_attr(STUDY_HEADING[study])}">{options}</optgroup>')
    present = {c for q in bank["quotes"] for c in q["speaker"]["countries"]}
    countries = [c for c in COUNTRY_ORDER if c in present] + sorted(present - set(COUNTRY_ORDER))
    country_options = "".join(f'<option value="{escape_attr(c)}">{escape_text(c)}</option>' for c in countries)
    kinds = {q["kind"]: q["kind_label"] for q in bank["quotes"]}
    kind_options = "".join(
        f'<option value="{k}">{escape_text(kinds[k])}</option>' for k in ("verbatim", "reported", "paraphrase") if k in kinds
    )
    return (
        '<form class="irc-quote-filter" id="quote-filter" role="search" aria-label="Filter the quotations" hidden>'
        '<div class="irc-quote-filter__field"><label for="qf-study">Study</label>'
        f'<select id="qf-study" name="study"><option value="">All studies</option>{studies}</select></div>'
        '<div class="irc-quote-filter__field"><label for="qf-theme">Theme</label>'
        f'<select id="qf-theme" name="theme"><option value="">All themes</option>{"".join(groups)}</select></div>'
        '<div class="irc-quote-filter__field"><label for="qf-country">Speaker’s country</label>'
        f'<select id="qf-country" name="country"><option value="">All countries</option>{country_options}</select></div>'
        '<div class="irc-quote-filter__field"><label for="qf-kind">Kind of quotation</label>'
        f'<select id="qf-kind" name="kind"><option value="">All kinds</option>{kind_options}</select></div>'
        '<div class="irc-quote-filter__field irc-quote-filter__field--text"><label for="qf-text">Words in the quotation, speaker or theme</label>'
        '<input id="qf-text" name="text" type="search" autocomplete="off" spellcheck="false"></div>'
        '<div class="irc-quote-filter__actions"><button type="reset" class="md-button">Clear filters</button>'
        '<span class="irc-quote-filter__hint">The address bar keeps the filter, so the filtered view can be shared.</span></div>'
        "</form>\n"
        '<p class="irc-quote-filter__status" id="qf-status" role="status" aria-live="polite"></p>\n'
    )


def all_quotes_markdown(bank: dict, related: dict, use_directory_urls: bool) -> str:
    frames = bank["frames"]
    lines = [
        "---",
        "title: All quotations",
        "---",
        "",
        "# All quotations",
        "",
        'Every interview excerpt the two studies quote and every statement they attribute to a named participant: '
        '{{ value("quotes_china_uk") }} from the China-UK study and {{ value("quotes_korea_uk") }} from the Korea-UK study. '
        "Each is given as its source prints it, under its speaker's code, and marked by kind: a participant's own words "
        "(in quotation marks, on a solid rule), the study's report of a participant with the participant's words "
        "quoted (on a dashed rule), or the study's paraphrase of a named participant (unquoted, in a shaded box). "
        "Each has a permanent address ending in `#q-` and the quotation's id. "
        "With JavaScript on, the form below narrows the list; the address bar then holds the filter, so a filtered "
        "view can be bookmarked or shared.",
        "",
        _filter_form(bank),
    ]
    for study in STUDY_ORDER:
        total = sum(len(t["quote_ids"]) for t in frames[study])
        lines += ["", f'## {escape_text(STUDY_HEADING[study])} {{ #{study.replace("_", "-")} data-quote-study="{study}" }}', ""]
        # The count and the study's citation go with the study's heading when the filter hides it.
        lines.append(f'<p class="irc-quote-study__count" data-quote-study-part="{study}">{_count(total)}.</p>')
        lines += [
            "",
            f'<details class="irc-quote__cite" id="{study_cite_anchor(study)}" data-quote-study-part="{study}"><summary>How to cite the study these '
            f"excerpts come from</summary>{study_citation_html(study, related)}</details>",
        ]
        for theme in frames[study]:
            if not theme["quote_ids"]:
                continue
            link = _rel(ALL_QUOTES_SRC, theme_src(study, theme["theme"]), use_directory_urls)
            anchor = f'{study.replace("_", "-")}-{theme["theme"]}'
            lines += [
                "",
                f'### {escape_text(theme["label"])} {{ #{anchor} data-quote-group="{study}:{theme["theme"]}" }}',
                "",
                f'<p class="irc-quote-group__lead">{_count(len(theme["quote_ids"]))}. '
                f'<a href="{link}">Theme page: {escape_text(theme["label"])}</a></p>',
            ]
            for quote_id in theme["quote_ids"]:
                lines += ["", f'{{{{ quote("{quote_id}") }}}}']
    return "\n".join(lines) + "\n"


def _empty_reason(study: str) -> str:
    if study == "korea_uk":
        return "The article uses these categories as its analytical lens and files none of its quotations under them."
    return "The slides list its sub-themes in their summary of qualitative findings but give no quotation or example for them."


def theme_markdown(bank: dict, study: str, theme: dict, use_directory_urls: bool) -> str:
    src = theme_src(study, theme["theme"])
    all_link = _rel(src, ALL_QUOTES_SRC, use_directory_urls)
    filtered = f'{all_link}?theme={url_quote(study + ":" + theme["theme"], safe="")}'
    n = len(theme["quote_ids"])
    used = [s for s in theme["sub_themes"] if s["quote_ids"]]
    lines = [
        "---",
        f'title: {json.dumps(theme["label"] + " — " + STUDY_HEADING[study], ensure_ascii=False)}',  # a quote in a label cannot break the YAML
        "---",
        "",
        f'# {escape_text(theme["label"])}',
        "",
        f'<p class="irc-quote-theme__lead">{escape_text(STUDY_HEADING[study])}. Theme as the study names it: '
        f'“{escape_text(theme["as_printed"])}”. '
        + (f'{_count(n)} in {len(used)} of its {len(theme["sub_themes"])} sub-themes. '
           f'<a href="{filtered}">These quotations in the filterable list</a> · <a href="{all_link}">All quotations</a></p>'
           if n else
           f'<strong>The study names this theme but quotes nobody under it.</strong> '
           f'{_empty_reason(study)} <a href="{all_link}">All quotations</a></p>'),
        "",
        '<div class="irc-quote-theme__counts"><table><caption>Sub-themes and the number of quotations filed under each</caption>'
        '<thead><tr><th scope="col">Sub-theme</th><th scope="col">Quotations</th></tr></thead><tbody>'
        + "".join(
            f'<tr><td>{"<a href=" + chr(34) + "#" + s["sub_theme"] + chr(34) + ">" + escape_text(s["label"]) + "</a>" if s["quote_ids"] else escape_text(s["label"])}</td>'
            f'<td>{len(s["quote_ids"])}</td></tr>'
            for s in theme["sub_themes"]
        )
        + "</tbody></table></div>",
    ]
    for sub in used:
        lines += ["", f'## {escape_text(sub["label"])} {{ #{sub["sub_theme"]} }}', "", f"{_count(len(sub['quote_ids']))}."]
        for quote_id in sub["quote_ids"]:
            lines += ["", f'{{{{ quote("{quote_id}") }}}}']
    return "\n".join(lines) + "\n"


def theme_nav(bank: dict, study: str) -> str:
    """The section's .nav.yml (mkdocs-awesome-nav): theme pages in the frame's order, short titles."""
    items = "".join(f'  - {json.dumps(t["label"], ensure_ascii=False)}: {t["theme"]}.md\n' for t in bank["frames"][study])
    return "# Generated by analysis/quote_pages.py from the study's coding frame.\nnav:\n" + items


def generated_pages(bank: dict, related: dict, use_directory_urls: bool = True) -> dict[str, str]:
    """src_uri -> content of every file of the quote bank (theme pages, their nav, the bank page)."""
    pages = {ALL_QUOTES_SRC: all_quotes_markdown(bank, related, use_directory_urls)}
    for study in STUDY_ORDER:
        for theme in bank["frames"][study]:
            pages[theme_src(study, theme["theme"])] = theme_markdown(bank, study, theme, use_directory_urls)
        pages[f"quotes/{STUDY_SLUG[study]}/.nav.yml"] = theme_nav(bank, study)
    return pages

