"""The quote bank's pages, written by the pipeline from the quotation data into generated/pages/.

- ``quotes/all.md``: every quotation, grouped by study and theme, each at its stable
  anchor ``#q-<id>``, with a filter form (study, theme, speaker's country, words)
  that docs/javascripts/quotes.js turns on; without JavaScript the form stays hidden
  and every quotation is on the page.
- ``quotes/<study>/<theme>.md``: one page per theme of each study's coding frame,
  with its sub-themes, the number of quotations in each, and the quotations.

The pages are Markdown written here, their HTML (the filter form, each study's count and
citation, the themes' leads and counts) rendered from fragments/templates (quote_*.html.j2),
and then treated like any other page: each quotation
is rendered by ``{{ quote("id") }}`` (transforms/quotes.py) where the page is built, since
its card links relative to the page and registers the page's citations. Counts come from
the data; nothing is typed by hand.
"""
from __future__ import annotations

import json
from urllib.parse import quote as url_quote

from analysis.escape import escape_text
from analysis.quote_citations import STUDY_SLUG, study_citation_html, study_cite_anchor
from analysis.site_urls import doc_url, relative_url
from fragments import render_markup, render_page

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
    """The filter form's choices, from the data (a theme nobody is quoted under is not offered)."""
    frames = bank["frames"]
    groups = [{"label": STUDY_HEADING[study],
               "options": [(f"{study}:{t['theme']}", study, t["label"], len(t["quote_ids"])) for t in frames[study] if t["quote_ids"]]}
              for study in STUDY_ORDER]
    present = {c for q in bank["quotes"] for c in q["speaker"]["countries"]}
    kinds = {q["kind"]: q["kind_label"] for q in bank["quotes"]}
    return render_page(
        "quote_filter.html.j2", studies=[(s, STUDY_HEADING[s]) for s in STUDY_ORDER], groups=groups,
        countries=[c for c in COUNTRY_ORDER if c in present] + sorted(present - set(COUNTRY_ORDER)),
        kinds=[(k, kinds[k]) for k in ("verbatim", "reported", "paraphrase") if k in kinds])


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
        lines.append(render_markup("quote_study.html.j2", study=study, count=_count(total), anchor=study_cite_anchor(study),
                                   citation=study_citation_html(study, related)))
        for theme in frames[study]:
            if not theme["quote_ids"]:
                continue
            link = _rel(ALL_QUOTES_SRC, theme_src(study, theme["theme"]), use_directory_urls)
            anchor = f'{study.replace("_", "-")}-{theme["theme"]}'
            lines += [
                "",
                f'### {escape_text(theme["label"])} {{ #{anchor} data-quote-group="{study}:{theme["theme"]}" }}',
                "",
                render_markup("quote_group.html.j2", count=_count(len(theme["quote_ids"])), link=link, label=theme["label"]),
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
        render_markup("quote_theme.html.j2", study_heading=STUDY_HEADING[study], as_printed=theme["as_printed"], count=n,
                      count_text=_count(n), used=len(used), sub_themes=theme["sub_themes"], filtered=filtered,
                      all_link=all_link, empty_reason=_empty_reason(study)),
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

