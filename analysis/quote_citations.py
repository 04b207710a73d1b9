"""How to cite the study a quotation comes from, from citation.yaml's ``related`` works: the
in-text form (whose words they are), APA 7 and BibTeX, and the once-per-study block of
both on the all-quotes page."""
from __future__ import annotations

import re

from analysis.errors import SiteError
from analysis.escape import escape_text_keep_spaces

STUDY_SLUG = {"china_uk": "china-uk", "korea_uk": "korea-uk"}
STUDY_REFERENCE_ID = {"china_uk": "yu2022", "korea_uk": "hwang2008"}
_PROPER = {"china", "chinese", "uk", "korea", "korean", "british", "china-uk", "korea-uk"}


def study_cite_anchor(study: str) -> str:
    return f"cite-study-{STUDY_SLUG[study]}"


def studies(related: dict) -> dict:
    """The related works (citation.yaml) that quotations credit, checked present."""
    missing = [k for k in STUDY_REFERENCE_ID.values() if k not in related]
    if missing:
        raise SiteError(f"citation.yaml: 'related' lacks {', '.join(missing)}, which quote citations credit")
    return related


def _sentence_case(title: str) -> str:
    """APA sentence case: lower-case all but the first word, words after a colon and proper nouns."""
    words = " ".join(title.split()).split(" ")
    out = []
    for i, word in enumerate(words):
        keep = i == 0 or out[-1].endswith(":") or word.lower().strip(",.;") in _PROPER or word.isupper()
        out.append(word if keep else word.lower())
    return " ".join(out)


def _initial(given: str) -> str:
    return " ".join(part[0] + "." for part in given.replace("-", " ").split())


def study_apa(study: str, related: dict) -> str:
    rel = studies(related)[STUDY_REFERENCE_ID[study]]
    author = ", ".join(f"{a['family']}, {_initial(a.get('given', ''))}" for a in rel["authors"])
    title = _sentence_case(rel["title"])
    if rel.get("journal"):
        doi = f" https://doi.org/{rel['doi']}" if rel.get("doi") else ""
        return f"{author} ({rel['year']}). {title}. {rel['journal']}, {rel['volume']}({rel['issue']}), {rel['pages'].replace('-', '–')}.{doi}"
    series = f" ({rel['series']} No. {rel['number']})" if rel.get("series") else ""
    return f"{author} ({rel['year']}). {title}{series}. {rel['institution']}."


def _bib(text: str) -> str:
    """A BibTeX field value: TeX's special characters escaped."""
    return re.sub(r"([&%$#])", r"\\\1", " ".join(str(text).split()))


def study_bibtex(study: str, related: dict) -> str:
    rel = studies(related)[STUDY_REFERENCE_ID[study]]
    authors = " and ".join(f"{a['family']}, {a.get('given', '')}".strip(", ") for a in rel["authors"])
    fields = [("author", authors), ("title", "{" + rel["title"] + "}"), ("year", str(rel["year"]))]
    if rel.get("journal"):
        kind = "article"
        fields += [("journal", rel["journal"]), ("volume", str(rel["volume"])), ("number", str(rel["issue"])),
                   ("pages", rel["pages"].replace("-", "--")), ("doi", rel.get("doi", ""))]
    else:
        kind = "techreport"
        fields += [("institution", rel["institution"]), ("type", rel.get("series", "")), ("number", str(rel.get("number", "")))]
    body = ",\n".join(f"  {k:<12} = {{{_bib(v)}}}" for k, v in fields if v)
    return f"@{kind}{{{rel['id']},\n{body}\n}}"


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


def study_citation_html(study: str, related: dict) -> str:
    """APA and BibTeX of the study the excerpts come from, once per study on the all-quotes
    page; each card links there (its 52 cards would otherwise repeat them)."""
    return (
        '<p class="irc-quote__cite-label">The study, APA 7</p>\n'
        + _code_block(study_apa(study, related), "irc-quote__apa")
        + '\n<p class="irc-quote__cite-label">The study, BibTeX</p>\n'
        + _code_block(study_bibtex(study, related), "irc-quote__bibtex")
    )


def _code_block(text: str, cls: str) -> str:
    # One line per source line, joined with "&#10;": a raw blank line would end the HTML block.
    return f'<pre class="{cls}"><code>' + "&#10;".join(escape_text_keep_spaces(line) for line in text.split("\n")) + "</code></pre>"
