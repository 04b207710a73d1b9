"""The pages and rules the site makes from data, written once per change into generated/:

- ``generated/pages/<source path>``: the dataset pages and the Data landing page
  (analysis/dataset_pages.py), the quote bank's pages and their navigation files
  (analysis/quote_pages.py). The build adds them to the site as if they were in docs/.
- ``generated/glossary_rules.json``: the glossary's terms and forms, checked (analysis/glossary.py).

Written after every pipeline run whose inputs changed (or when citation.yaml, which the
pages credit, changed): a stamp records what they were made from.
"""
from __future__ import annotations

import hashlib
import json
import shutil

from analysis import paths

PAGES = paths.GENERATED / "pages"
STAMP = ".made-from.json"  # what the pages were made from, and their order (the site's file order)


def _key(manifest: dict) -> str:
    from scholarly.metadata import CITATION_FILE

    citation = CITATION_FILE.read_bytes() if CITATION_FILE.exists() else b""
    return hashlib.sha256(manifest["fingerprint"].encode() + b"\0" + citation).hexdigest()


def _artifact(manifest: dict, name: str) -> dict:
    return json.loads((paths.GENERATED / manifest["artifacts"][name]["files"]["json"]).read_text(encoding="utf-8"))


def write(manifest: dict, log=print) -> None:
    """Bring generated/pages/ and generated/glossary_rules.json up to date with the manifest."""
    from analysis import dataset_pages, glossary, quote_pages

    key = _key(manifest)
    stamp = PAGES / STAMP
    if stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8"))["key"] == key and glossary.RULES_FILE.is_file():
        return
    from scholarly.metadata import load_metadata

    related = {r["id"]: r for r in load_metadata().get("related", [])}
    pages = {**dataset_pages.pages(), **quote_pages.generated_pages(_artifact(manifest, "quotes"), related)}
    rules = glossary.rules(_artifact(manifest, "glossary_terms")["rows"])
    # Written whole beside the old pages, then swapped in: a build never reads half of them.
    partial = PAGES.with_name(PAGES.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    for uri, text in pages.items():
        path = partial / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (partial / STAMP).write_text(json.dumps({"key": key, "pages": list(pages)}, indent=1), encoding="utf-8")
    glossary.RULES_FILE.write_text(json.dumps(rules, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.rmtree(PAGES, ignore_errors=True)
    partial.rename(PAGES)
    log(f"analysis: {len(pages)} generated pages and {len(rules['terms'])} glossary rules written")


def files() -> list[tuple[str, str]]:
    """(source path, file) of every generated page, as the site adds them."""
    stamp = PAGES / STAMP
    if not stamp.is_file():
        return []
    return [(uri, str(PAGES / uri)) for uri in json.loads(stamp.read_text(encoding="utf-8"))["pages"]]
