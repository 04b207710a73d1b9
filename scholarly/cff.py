"""CITATION.cff and .zenodo.json from citation.yaml.

The files are committed (GitHub and Zenodo read them from the repository), so the
output is deterministic: same citation.yaml, same bytes.
"""
from __future__ import annotations

import json

import yaml

from scholarly.formats import apa_reference_text, csl_from_related

HEADER = "# Generated from citation.yaml by `python -m analysis.citation_files --write`; do not edit.\n"


def _text(value) -> str:
    return " ".join(str(value).split())


def _cff_person(person: dict) -> dict:
    if person.get("name"):
        out = {"name": person["name"]}
    else:
        out = {"family-names": person["family"]}
        if person.get("given"):
            out["given-names"] = person["given"]
    if person.get("affiliation"):
        out["affiliation"] = person["affiliation"]
    if person.get("orcid"):
        out["orcid"] = person["orcid"]
    return out


def _cff_reference(rel: dict) -> dict:
    out = {"type": rel["type"], "title": _text(rel["title"]), "authors": [_cff_person(a) for a in rel["authors"]]}
    if rel.get("journal"):
        out["journal"] = rel["journal"]
    if rel.get("volume"):
        out["volume"] = int(rel["volume"])
    if rel.get("issue"):
        out["issue"] = str(rel["issue"])
    if rel.get("pages"):
        start, _, end = str(rel["pages"]).partition("-")
        out["start"], out["end"] = int(start), int(end or start)
    if rel.get("institution"):
        out["institution"] = {"name": rel["institution"]}
    if rel.get("series"):
        out["collection-title"] = rel["series"]
    if rel.get("number"):
        out["number"] = str(rel["number"])
    out["year"] = int(rel["year"])
    if rel.get("doi"):
        out["doi"] = rel["doi"]
    return out


def _released(meta: dict) -> str:
    released = meta.get("date_released")
    return released.isoformat() if released else ""


def preferred_citation(meta: dict) -> dict:
    """How to cite the work: the website, at its release, by the organisation that keeps it."""
    out = {
        "type": "website",
        "title": _text(meta["title"]),
        "authors": [_cff_person(a) for a in meta["authors"]],
        "publisher": {"name": meta["publisher"]},
        "version": str(meta["version"]),
        "url": f"{meta['url']}v/{meta['version']}/",
    }
    if _released(meta):
        out["date-published"] = _released(meta)
        out["year"] = int(_released(meta)[:4])
    if meta.get("doi"):
        out["doi"] = meta["doi"]
    return out


def citation_cff(meta: dict) -> dict:
    out = {
        "cff-version": "1.2.0",
        "message": "If you use this work, please cite it as below.",
        # CFF knows only software and dataset; the site is data with its analysis and text.
        "type": "dataset",
        "title": _text(meta["title"]),
        "abstract": _text(meta.get("abstract", "")),
        "authors": [_cff_person(a) for a in meta["authors"]],
        "version": str(meta["version"]),
    }
    if _released(meta):
        out["date-released"] = _released(meta)
    if meta.get("doi"):
        out["doi"] = meta["doi"]
    out.update({
        "license": meta["license"],
        "repository-code": meta["repository"],
        "url": meta["url"],
        "keywords": list(meta.get("keywords", [])),
        "preferred-citation": preferred_citation(meta),
        "references": [_cff_reference(r) for r in meta.get("related", [])],
    })
    return out


def zenodo_json(meta: dict) -> dict:
    creators = []
    for a in meta["authors"]:
        person = {"name": a["name"] if a.get("name") else f"{a['family']}, {a.get('given', '')}".rstrip(", ")}
        if a.get("affiliation"):
            person["affiliation"] = a["affiliation"]
        if a.get("orcid"):
            person["orcid"] = a["orcid"].rsplit("/", 1)[-1]
        creators.append(person)
    related = [
        {"identifier": r["doi"], "relation": "isDerivedFrom", "scheme": "doi", "resource_type": "publication-article"}
        for r in meta.get("related", [])
        if r.get("doi")
    ]
    # The release's permanent address on the site: the deposit documents it.
    related.append({"identifier": f"{meta['url']}v/{meta['version']}/", "relation": "isSupplementTo", "scheme": "url"})
    out = {
        "title": _text(meta["title"]),
        "description": _text(meta.get("abstract", "")),
        "upload_type": "dataset",
        "creators": creators,
        "version": str(meta["version"]),
    }
    if _released(meta):
        out["publication_date"] = _released(meta)
    out.update({
        "license": meta["license"].lower(),
        "keywords": list(meta.get("keywords", [])),
        "language": "eng" if meta.get("language", "en") == "en" else meta["language"],
        "related_identifiers": related,
        # Zenodo's references are free text: each study's APA 7 reference from the one APA formatter.
        "references": [apa_reference_text(csl_from_related(r), title_case="sentence") for r in meta.get("related", [])],
    })
    return out


def render_files(meta: dict) -> tuple[str, str]:
    """(CITATION.cff text, .zenodo.json text)."""
    cff = HEADER + yaml.safe_dump(citation_cff(meta), sort_keys=False, allow_unicode=True, width=1000)
    zen = json.dumps(zenodo_json(meta), indent=2, ensure_ascii=False) + "\n"
    return cff, zen
