"""How to cite the study a quotation comes from, from citation.yaml's ``related`` works: the
in-text form (whose words they are), APA 7 and BibTeX, and the once-per-study block of
both on the all-quotes page."""
from __future__ import annotations

from markupsafe import Markup

from analysis.errors import SiteError
from fragments import render_markup
from scholarly.formats import apa_reference_text, bibtex_related, csl_from_related

STUDY_SLUG = {"china_uk": "china-uk", "korea_uk": "korea-uk"}
STUDY_REFERENCE_ID = {"china_uk": "yu2022", "korea_uk": "hwang2008"}


def study_cite_anchor(study: str) -> str:
    return f"cite-study-{STUDY_SLUG[study]}"


def studies(related: dict) -> dict:
    """The related works (citation.yaml) that quotations credit, checked present."""
    missing = [k for k in STUDY_REFERENCE_ID.values() if k not in related]
    if missing:
        raise SiteError(f"citation.yaml: 'related' lacks {', '.join(missing)}, which quote citations credit")
    return related


def study_apa(study: str, related: dict) -> str:
    """The study's APA 7 reference (scholarly.formats, the one APA formatter), title in sentence case."""
    return apa_reference_text(csl_from_related(studies(related)[STUDY_REFERENCE_ID[study]]), title_case="sentence")


def study_bibtex(study: str, related: dict) -> str:
    """The study's BibTeX, written by pybtex (scholarly.formats.bibtex_related)."""
    return bibtex_related(studies(related)[STUDY_REFERENCE_ID[study]])


def in_text(q: dict, related: dict) -> str:
    rel = studies(related)[STUDY_REFERENCE_ID[q["study"]]]
    author = rel["authors"][0]["family"]
    page = f", p. {q['page'].replace('-', '–')}" if q["page"] else ""
    code = q["speaker"]["code_as_printed"]
    # The in-text form says whose words they are: the participant's, or the study's about them.
    if q["speaker"]["attributed"] and q.get("kind") == "reported":
        return f"({author}, {rel['year']}{page}, reporting {code})"
    if q["speaker"]["attributed"] and q.get("kind") == "paraphrase":
        return f"({author}, {rel['year']}{page}, paraphrasing {code})"
    if q["speaker"]["attributed"]:
        return f"({code}, as cited in {author}, {rel['year']}{page})"
    return f"({author}, {rel['year']}{page})"


def study_citation_html(study: str, related: dict) -> Markup:
    """APA and BibTeX of the study the excerpts come from, once per study on the all-quotes
    page; each card links there (its 52 cards would otherwise repeat them)."""
    return render_markup("quote_study_cite.html.j2", apa=study_apa(study, related), bibtex=study_bibtex(study, related))
