"""One citation record in four formats: APA 7, Chicago (notes-bibliography), BibTeX, RIS.

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

from markupsafe import Markup, escape
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

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


def apa(rec: dict) -> Markup:
    date = "n.d."
    if rec["date"]:
        d = dt.date.fromisoformat(rec["date"])
        date = f"{d.year}, {d.strftime('%B')} {d.day}"
    within = Markup(" In <em>{}</em>.").format(rec["page_title"]) if rec["page_title"] else ""
    title, label = rec["title"], KIND_LABELS[rec["kind"]]
    if rec.get("whole_site"):
        # The site itself: its title is the work, in italics, with the version after it.
        return Markup("{}. ({}). <em>{}</em> ({}). {}").format(
            _and(author_names(rec), "&"), date, title, version_phrase(rec), _link(rec))
    return Markup("{}. ({}). <em>{}</em>{}.{} <em>{}</em> ({}). {}").format(
        _and(author_names(rec), "&"), date, title, f" [{label}]" if label else "", within, rec["site"],
        version_phrase(rec), _link(rec))


def chicago(rec: dict) -> Markup:
    within = Markup(" In “{}.”").format(rec["page_title"]) if rec["page_title"] else ""
    when = f", {_long_date(rec['date'])}" if rec["date"] else ""
    if rec.get("whole_site"):
        return Markup("{}. <em>{}</em>. {}{}. {}.").format(
            _and(author_names(rec), "and"), rec["title"], version_phrase(rec), when, _link(rec))
    return Markup("{}. “{}.”{} <em>{}</em>. {}{}. {}.").format(
        _and(author_names(rec), "and"), _labelled(rec), within, rec["site"], version_phrase(rec), when, _link(rec))


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
    # "&#64;" not "@": hooks/references.py would otherwise read "@online" as a citation key.
    return Markup(str(escape(text)).replace("@", "&#64;"))


FORMATS = (("apa", "APA 7", apa), ("chicago", "Chicago", chicago),
           ("bibtex", "BibTeX", lambda rec: _plain(bibtex(rec))), ("ris", "RIS", lambda rec: _plain(ris(rec))))


def all_formats(rec: dict) -> list[tuple[str, str, Markup]]:
    """(key, label, HTML) of each format, in tab order."""
    return [(key, label, fmt(rec)) for key, label, fmt in FORMATS]
