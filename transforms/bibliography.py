"""The site's bibliography, data/references/references.bib, read with pybtex into plain
entries: names as cited, APA year labels (2021a, 2021b), verified or not, safe links only.
Citations in pages and reference lists are in transforms/citations.py."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import SiteError
from analysis.paths import DATA, ROOT
from scholarly.formats import csl_from_bibtex

BIB_FILE = DATA / "references" / "references.bib"
PUBLISHED_FILES = ("references.bib", "citations.tsv")


class ReferenceError_(SiteError, ValueError):
    """The bibliography is malformed or a page cites an unknown key; the message names both."""


@dataclass
class Entry:
    key: str
    type: str
    authors: list[tuple[str, str]]  # (family name as cited, initials)
    editors_only: bool
    year: str
    fields: dict
    verified: bool
    note: str
    suffix: str = ""  # a, b, ... when two works share authors and year
    cited_names: str = ""  # "Lee & Bozeman", "Wagner et al."
    csl: dict = field(default_factory=dict)  # the entry as a CSL-JSON item, for scholarly.formats.apa_reference

    @property
    def year_label(self) -> str:
        return self.year + self.suffix


@dataclass
class Bibliography:
    """Every entry by key, read once per build."""

    entries: dict

    @classmethod
    def load(cls, path: Path = BIB_FILE) -> "Bibliography":
        return cls(load_bibliography(path))


def _text(latex: str, backend) -> str:
    from pybtex.richtext import Text

    return " ".join(Text.from_latex(latex).render(backend).split())


def _backend():
    # One backend instance per reading: render_as() looks the backend up through entry points
    # on every call, which costs ~10 ms each (seconds for a bibliography).
    from pybtex.backends.plaintext import Backend

    return Backend()


def _person(person, backend) -> tuple[str, str]:
    family = _text(" ".join(person.prelast_names + person.last_names), backend)
    given = [_text(n, backend) for n in person.first_names + person.middle_names]
    initials = " ".join(
        "-".join(part[0] + "." for part in name.replace(".", "").split("-") if part) for name in given if name
    )
    return family, initials


# Links from the bibliography: web addresses and DOIs only (no javascript:, data:, relative paths).
SAFE_LINK = {"url": re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE), "doi": re.compile(r"10\.\d{4,9}/[^\s\"'<>]+")}


def load_bibliography(path: Path = BIB_FILE) -> dict[str, Entry]:
    from pybtex.database import parse_file
    from pybtex.scanner import PybtexError

    try:
        db = parse_file(str(path), bib_format="bibtex")
    except (OSError, PybtexError) as exc:
        raise ReferenceError_(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: cannot parse: {exc}") from exc
    backend = _backend()
    entries: dict[str, Entry] = {}
    for key, raw in db.entries.items():
        people = raw.persons.get("author") or raw.persons.get("editor") or []
        if not people:
            raise ReferenceError_(f"{path.name}: entry '{key}' has neither author nor editor")
        year = raw.fields.get("year", "n.d.")
        note = _text(raw.fields.get("note", ""), backend)
        if not note.startswith(("verified", "unverified")):
            raise ReferenceError_(f"{path.name}: entry '{key}' note must start with 'verified' or 'unverified', got: {note[:40]!r}")
        fields = {name: _text(value, backend) for name, value in raw.fields.items() if name not in {"note"}}
        # URLs and DOIs are not LaTeX: keep them as written, and only the kinds a reader can follow safely.
        for name in ("url", "doi"):
            if name in raw.fields:
                fields[name] = raw.fields[name].strip()
                if not SAFE_LINK[name].fullmatch(fields[name]):
                    raise ReferenceError_(
                        f"{path.name}: entry '{key}', field '{name}': {fields[name][:80]!r} is not allowed "
                        f"(rule: {'an http:// or https:// address' if name == 'url' else 'a DOI, 10.NNNN/...'})"
                    )
        persons = {role: [(_text(" ".join(p.prelast_names + p.last_names), backend), _text(" ".join(p.first_names + p.middle_names), backend))
                          for p in group] for role, group in raw.persons.items()}
        entries[key] = Entry(
            csl=csl_from_bibtex(key, raw.type, {**fields, "year": year}, persons),
            key=key,
            type=raw.type.lower(),
            authors=[_person(p, backend) for p in people],
            editors_only=not raw.persons.get("author"),
            year=year,
            fields=fields,
            verified=note.startswith("verified"),
            note=note,
        )
    _disambiguate(entries)
    return entries


def _names_in_text(entry: Entry) -> str:
    families = [family for family, _ in entry.authors]
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} & {families[1]}"
    return f"{families[0]} et al."


def _disambiguate(entries: dict[str, Entry]) -> None:
    """APA: works with the same author names and year get 2021a, 2021b, in title order."""
    groups: dict[tuple, list[Entry]] = {}
    for entry in entries.values():
        entry.cited_names = _names_in_text(entry)
        groups.setdefault((tuple(f for f, _ in entry.authors), entry.year), []).append(entry)
    for same in groups.values():
        if len(same) > 1:
            for letter, entry in zip("abcdefghijklmnopqrstuvwxyz", sorted(same, key=lambda e: e.fields.get("title", ""))):
                entry.suffix = letter
