"""Generate CITATION.cff and .zenodo.json from citation.yaml, the one metadata source.

    python -m analysis.citation_files --write    rewrite both files
    python -m analysis.citation_files --check    exit 1 if either file is stale

The files are committed (GitHub and Zenodo read them from the repository), so the
output is deterministic: same citation.yaml, same bytes.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from analysis.paths import ROOT

CITATION_YAML = ROOT / "citation.yaml"
CFF_FILE = ROOT / "CITATION.cff"
ZENODO_FILE = ROOT / ".zenodo.json"
HEADER = "# Generated from citation.yaml by `python -m analysis.citation_files --write`; do not edit.\n"


def _load(path: Path = CITATION_YAML) -> dict:
    # The same validation as the build uses, so a bad file fails in one place.
    from hooks.cite import load_metadata

    return load_metadata(path)


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


def citation_cff(meta: dict) -> dict:
    return {
        "cff-version": "1.2.0",
        "message": "If you use this work, please cite it as below.",
        # CFF knows only software and dataset; the site is data with its analysis and text.
        "type": "dataset",
        "title": _text(meta["title"]),
        "abstract": _text(meta.get("abstract", "")),
        "authors": [_cff_person(a) for a in meta["authors"]],
        "version": str(meta["version"]),
        "license": meta["license"],
        "repository-code": meta["repository"],
        "url": meta["url"],
        "keywords": list(meta.get("keywords", [])),
        "references": [_cff_reference(r) for r in meta.get("related", [])],
    }


def reference_text(rel: dict) -> str:
    """APA-style text of a related publication (Zenodo's `references` are free text)."""
    names = ", ".join(f"{a['family']}, {a['given'][0]}." if a.get("given") else a["family"] for a in rel["authors"])
    text = f"{names} ({rel['year']}). {_text(rel['title'])}."
    if rel.get("journal"):
        text += f" {rel['journal']}, {rel.get('volume', '')}({rel.get('issue', '')}), {str(rel.get('pages', '')).replace('-', '–')}."
    if rel.get("series"):
        text += f" {rel['series']} {rel.get('number', '')}. {rel.get('institution', '')}."
    if rel.get("doi"):
        text += f" https://doi.org/{rel['doi']}"
    return text


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
    return {
        "title": _text(meta["title"]),
        "description": _text(meta.get("abstract", "")),
        "upload_type": "dataset",
        "creators": creators,
        "version": str(meta["version"]),
        "license": meta["license"].lower(),
        "keywords": list(meta.get("keywords", [])),
        "language": "eng" if meta.get("language", "en") == "en" else meta["language"],
        "related_identifiers": related,
        "references": [reference_text(r) for r in meta.get("related", [])],
    }


def render(meta: dict) -> dict[Path, str]:
    cff = HEADER + yaml.safe_dump(citation_cff(meta), sort_keys=False, allow_unicode=True, width=1000)
    zen = json.dumps(zenodo_json(meta), indent=2, ensure_ascii=False) + "\n"
    return {CFF_FILE: cff, ZENODO_FILE: zen}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.citation_files", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite CITATION.cff and .zenodo.json")
    mode.add_argument("--check", action="store_true", help="fail if either file differs from citation.yaml")
    args = parser.parse_args(argv)
    from hooks.cite import CitationError

    try:
        outputs = render(_load())
    except CitationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    stale = []
    for path, text in outputs.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            if args.write:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.name}")
            else:
                stale.append(path.name)
    if stale:
        print(f"error: {', '.join(stale)} out of date with citation.yaml; run python -m analysis.citation_files --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
