"""One citation record in four formats: APA 7, Chicago (notes-bibliography), BibTeX, RIS;
and the one APA 7 reference formatter for published works (``apa_reference``), for the
reference list (transforms/citations.py) and the quotation cards' study citation
(analysis/quote_citations.py study_apa).

Hand-written, not CSL: bench/csl_side_by_side.py prints each record and bibliography
entry in both, through citeproc-py with the official apa.csl and Chicago 17 styles,
and says where CSL is wrong (bench/README.md, "CSL or hand-written").

APA and Chicago are HTML (titles in <em>), escaped here; BibTeX and RIS are plain text.
No access date: every citation names a version and, for a release, its permanent
address, so APA 7 needs no retrieval date; none is ever printed as a placeholder.
Where Zotero's importers keep each field (checked through its translation server,
bench/zotero_check.py):

- RIS ``TY ELEC`` becomes a Web Page: ``T2`` is its website title (the site), ``ET``
  is dropped for web pages, so the version also goes in ``M2`` as ``Version: X``,
  which Zotero keeps in Extra and its citation styles read as the version.
- BibTeX ``@online`` becomes a Web Page: ``booktitle`` is its website title; Zotero has
  no version field for a web page, and keeps ``howpublished`` in Extra
  ("Published: <site>, version X"); ``version`` is BibLaTeX's own field.
"""
from __future__ import annotations

import datetime as dt
import io
import re

from markupsafe import Markup
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

from analysis.escape import escape_html
from scholarly.records import KIND_LABELS, author_names


def _long_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def _labelled(rec: dict) -> str:
    label = KIND_LABELS[rec["kind"]]
    return rec["title"] + (f" [{label}]" if label else "")


def _and(names: list[str], conj: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f", {conj} " + names[-1]


def version_phrase(rec: dict) -> str:
    if not rec["known"]:
        return rec["version"]  # "development build"
    return f"Version {rec['version']}" + ("" if rec["released"] else ", not a release")


def _link(rec: dict) -> str:
    return f"https://doi.org/{rec['doi']}" if rec.get("whole_site") and rec["doi"] else rec["url"]


def _h(value) -> Markup:
    """Text from a record, escaped by the one rule (analysis/escape.py: braces too) before Markup.format sees it."""
    return value if isinstance(value, Markup) else Markup(escape_html(value))


def apa(rec: dict) -> Markup:
    date = "n.d."
    if rec["date"]:
        d = dt.date.fromisoformat(rec["date"])
        date = f"{d.year}, {d.strftime('%B')} {d.day}"
    within = Markup(" In <em>{}</em>.").format(_h(rec["page_title"])) if rec["page_title"] else ""
    title, label = rec["title"], KIND_LABELS[rec["kind"]]
    if rec.get("whole_site"):
        # The site itself: its title is the work, in italics, with the version after it.
        return Markup("{}. ({}). <em>{}</em> ({}). {}").format(
            *map(_h, (_and(author_names(rec), "&"), date, title, version_phrase(rec), _link(rec))))
    return Markup("{}. ({}). <em>{}</em>{}.{} <em>{}</em> ({}). {}").format(
        *map(_h, (_and(author_names(rec), "&"), date, title, f" [{label}]" if label else "", within, rec["site"],
                  version_phrase(rec), _link(rec))))


def chicago(rec: dict) -> Markup:
    within = Markup(" In “{}.”").format(_h(rec["page_title"])) if rec["page_title"] else ""
    when = f", {_long_date(rec['date'])}" if rec["date"] else ""
    if rec.get("whole_site"):
        return Markup("{}. <em>{}</em>. {}{}. {}.").format(
            *map(_h, (_and(author_names(rec), "and"), rec["title"], version_phrase(rec), when, _link(rec))))
    return Markup("{}. “{}.”{} <em>{}</em>. {}{}. {}.").format(
        *map(_h, (_and(author_names(rec), "and"), _labelled(rec), within, rec["site"], version_phrase(rec), when,
                  _link(rec))))


class _Writer(Writer):
    """pybtex's BibTeX writer, with URL and DOI fields verbatim (LaTeX-escaping "#" breaks an address)."""

    VERBATIM = ("url", "doi")

    def _write_field(self, stream, type, value):  # noqa: A002 - pybtex's signature
        if type in self.VERBATIM:
            stream.write(f",\n    {type} = {{{value}}}")
        else:
            super()._write_field(stream, type, value)


def _person(author: dict) -> Person:
    if author.get("name"):
        # Braces keep an organisation one name (otherwise "Team, IRC Research").
        return Person("{" + author["name"] + "}")
    return Person(last=author["family"], first=author.get("given", ""))


def bibtex(rec: dict) -> str:
    fields = {"title": "{" + _labelled(rec) + "}"}
    if rec["page_title"]:
        fields["titleaddon"] = f"In: {rec['page_title']}"
    if not rec.get("whole_site"):
        fields["booktitle"] = rec["site"]
    fields["howpublished"] = f"{rec['site']}, {version_phrase(rec)[0].lower()}{version_phrase(rec)[1:]}"
    fields["organization"] = rec["publisher"]
    fields["version"] = rec["version"]
    if rec["date"]:
        fields["date"] = rec["date"]
        fields["year"] = rec["year"]
    fields["url"] = rec["url"]
    if rec.get("whole_site") and rec["doi"]:
        fields["doi"] = rec["doi"]
    entry = Entry("online", fields=fields, persons={"author": [_person(a) for a in rec["authors"]]})
    out = io.StringIO()
    _Writer().write_stream(BibliographyData({rec["bibtex_key"]: entry}), out)
    return out.getvalue().strip()


def ris(rec: dict) -> str:
    lines = [("TY", "ELEC")]
    lines += [("AU", name) for name in author_names(rec)]
    lines.append(("TI", _labelled(rec)))
    if not rec.get("whole_site"):
        lines.append(("T2", rec["site"]))
    lines.append(("PB", rec["publisher"]))
    if rec["date"]:
        lines += [("PY", rec["year"]), ("DA", rec["date"].replace("-", "/"))]
    lines += [("ET", rec["version"]), ("M2", f"Version: {rec['version']}"), ("UR", rec["url"])]
    if rec.get("whole_site") and rec["doi"]:
        lines.append(("DO", rec["doi"]))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}".rstrip() if value else f"{tag}  - " for tag, value in lines)


def _plain(text: str) -> Markup:
    # "&#64;" not "@": transforms/citations.py would otherwise read "@online" as a citation key.
    return Markup(escape_html(text).replace("@", "&#64;"))


# ---------------------------------------------------------------------------
# APA 7 references of published works, from CSL-JSON items
# ---------------------------------------------------------------------------
# An item is a CSL-JSON dict (the citation world's exchange format: Zotero, pandoc and
# citeproc read it): type (article-journal, book, chapter, report, manuscript, document),
# author / editor ([{"family", "given"}] or [{"literal"}]), issued ({"date-parts": [[year]]}),
# year-suffix, title, container-title, volume, issue, page, genre, number, publisher,
# DOI, URL. ``csl_from_bibtex`` and ``csl_from_related`` make one from the bibliography
# and from citation.yaml's ``related``.
BIBTEX_TYPES = {"article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
                "techreport": "report", "unpublished": "manuscript"}
# Words that keep their capital in sentence case (the studies' countries and adjectives).
PROPER_WORDS = {"china", "chinese", "uk", "korea", "korean", "british", "china-uk", "korea-uk"}


def sentence_case(title: str) -> str:
    """APA sentence case: lower-case all but the first word, words after a colon, proper
    nouns (PROPER_WORDS) and words in capitals."""
    words = " ".join(title.split()).split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        keep = i == 0 or out[-1].endswith(":") or word.lower().strip(",.;") in PROPER_WORDS or word.isupper()
        out.append(word if keep else word.lower())
    return " ".join(out)


def initials(given: str) -> str:
    """'Hans-Jürgen' -> 'H.-J.', 'Caroline S.' -> 'C. S.' (APA keeps the hyphen)."""
    return " ".join("-".join(part[0] + "." for part in name.replace(".", "").split("-") if part)
                    for name in given.split() if name)


def _apa_person(person: dict, *, initials_first: bool = False) -> str:
    if person.get("literal"):
        return person["literal"]
    family, given = person.get("family", ""), initials(person.get("given", ""))
    if not given:
        return family
    return f"{given} {family}" if initials_first else f"{family}, {given}"


def apa_names(people: list[dict]) -> str:
    """'Lee, S., & Bozeman, B.': up to 20 names, "&" before the last; past 20, the first 19, "…" and the last."""
    names = [_apa_person(p) for p in people]
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", … " + names[-1]


def _editors(people: list[dict]) -> str:
    """A host volume's editors: 'J. Heilbron, G. Sorá, & T. Boncourt (Eds.)'."""
    names = [_apa_person(p, initials_first=True) for p in people]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + (", & " if len(names) > 2 else " & ") + names[-1]
    return joined + (" (Ed.)" if len(names) == 1 else " (Eds.)")


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _year(item: dict) -> str:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return (str(parts[0][0]) if parts[0] else "n.d.") + item.get("year-suffix", "")


def apa_reference(item: dict, *, title_case: str = "as-is") -> Markup:
    """One APA 7 reference as HTML: titles of whole works and journals in <em>, DOI (as an
    https://doi.org/ address) or URL linked; "n.d." without a year. ``title_case="sentence"``
    puts the title in sentence case (for titles kept in title case, as citation.yaml's are)."""
    e = escape_html
    people = item.get("author") or item.get("editor") or []
    who = e(apa_names(people))
    if not item.get("author") and item.get("editor"):
        who += " (Ed.)" if len(people) == 1 else " (Eds.)"
    parts = [f"{_end(who)} ({e(_year(item))})."]
    raw_title = item.get("title") or "[untitled]"
    title = e(sentence_case(raw_title) if title_case == "sentence" else raw_title)
    kind = item.get("type", "document")
    pages = e(re.sub(r"(?<=\d)-+(?=\d)", "–", item.get("page", "")))
    if kind == "article-journal":
        parts.append(_end(title))
        journal = f"<em>{e(item.get('container-title', ''))}</em>"
        if item.get("volume"):
            journal += f", <em>{e(item['volume'])}</em>" + (f"({e(item['issue'])})" if item.get("issue") else "")
        elif item.get("issue"):
            journal += f", ({e(item['issue'])})"
        parts.append(journal + (f", {pages}" if pages else "") + ".")
    elif kind == "book":
        parts.append(_end(f"<em>{title}</em>"))
    elif kind == "chapter":
        parts.append(_end(title))
        eds = item.get("editor") if item.get("author") else None
        host = (f"In {e(_editors(eds))}, " if eds else "In ") + f"<em>{e(item.get('container-title', ''))}</em>"
        parts.append(host + (f" (pp. {pages})" if pages else "") + ".")
    elif kind == "report":
        number = item.get("number", "")
        series = f"{item['genre']} No. {number}" if item.get("genre") and number else item.get("genre") or number
        parts.append(_end(f"<em>{title}</em>" + (f" ({e(series)})" if series else "")))
    else:  # manuscript, document: a bracketed title is a description of an unidentified work, not italicised
        parts.append(_end(title if raw_title.startswith("[") else f"<em>{title}</em>"))
        if kind == "manuscript":
            parts.append("Unpublished manuscript.")
    if item.get("publisher") and kind in ("book", "chapter", "report"):
        parts.append(_end(e(item["publisher"])))
    if item.get("DOI"):
        doi = e(item["DOI"])
        parts.append(f'<a href="https://doi.org/{doi}">https://doi.org/{doi}</a>')
    elif item.get("URL"):
        parts.append(f'<a href="{e(item["URL"])}">{e(item["URL"])}</a>')
    return Markup(" ".join(parts))


def apa_reference_text(item: dict, *, title_case: str = "as-is") -> str:
    """The same reference as plain text (no italics, no links), for a <pre> or a data attribute."""
    return apa_reference(item, title_case=title_case).striptags()


def csl_from_bibtex(key: str, entry_type: str, fields: dict, persons: dict) -> dict:
    """A CSL-JSON item from a BibTeX entry whose LaTeX is already plain text: ``fields`` by
    BibTeX name, ``persons`` role -> [(family, given)] (transforms/bibliography.py reads both with pybtex)."""
    kind = BIBTEX_TYPES.get(entry_type.lower(), "document")
    item: dict = {"id": key, "type": kind}
    for role in ("author", "editor"):
        if persons.get(role):
            item[role] = [{"family": family, "given": given} for family, given in persons[role]]
    year = fields.get("year", "")
    if year.isdigit():
        item["issued"] = {"date-parts": [[int(year)]]}
    names = {"title": "title", "volume": "volume", "pages": "page", "doi": "DOI", "url": "URL", "publisher": "publisher",
             "institution": "publisher", "type": "genre", "journal": "container-title", "booktitle": "container-title",
             "number": "issue" if kind == "article-journal" else "number"}
    for name, csl in names.items():
        if fields.get(name):
            item[csl] = fields[name]
    return item


def csl_from_related(rel: dict) -> dict:
    """A CSL-JSON item from one of citation.yaml's ``related`` studies."""
    item = {"id": rel["id"], "type": "article-journal" if rel.get("journal") else "report",
            "author": [{"family": a["family"], "given": a.get("given", "")} for a in rel["authors"]],
            "issued": {"date-parts": [[int(rel["year"])]]}, "title": " ".join(str(rel["title"]).split())}
    for name, csl in (("journal", "container-title"), ("volume", "volume"), ("issue", "issue"), ("pages", "page"),
                      ("doi", "DOI"), ("institution", "publisher"), ("series", "genre"), ("number", "number")):
        if rel.get(name):
            item[csl] = str(rel[name])
    return item


def bibtex_related(rel: dict) -> str:
    """BibTeX (pybtex's writer) for one of citation.yaml's ``related`` studies: @article with
    its journal, or @techreport with its series and number."""
    title = "{" + " ".join(str(rel["title"]).split()) + "}"  # braces keep the title's capitals
    if rel.get("journal"):
        kind = "article"
        fields = {"title": title, "year": str(rel["year"]), "journal": rel["journal"], "volume": str(rel["volume"]),
                  "number": str(rel["issue"]), "pages": str(rel["pages"]).replace("-", "--"), "doi": rel.get("doi", "")}
    else:
        kind = "techreport"
        fields = {"title": title, "year": str(rel["year"]), "institution": rel["institution"],
                  "type": rel.get("series", ""), "number": str(rel.get("number", ""))}
    persons = {"author": [Person(last=a["family"], first=a.get("given", "")) for a in rel["authors"]]}
    entry = Entry(kind, fields={k: v for k, v in fields.items() if v}, persons=persons)
    out = io.StringIO()
    _Writer().write_stream(BibliographyData({rel["id"]: entry}), out)
    return out.getvalue().strip()


FORMATS = (("apa", "APA 7", apa), ("chicago", "Chicago", chicago),
           ("bibtex", "BibTeX", lambda rec: _plain(bibtex(rec))), ("ris", "RIS", lambda rec: _plain(ris(rec))))


def all_formats(rec: dict) -> list[tuple[str, str, Markup]]:
    """(key, label, HTML) of each format, in tab order."""
    return [(key, label, fmt(rec)) for key, label, fmt in FORMATS]
