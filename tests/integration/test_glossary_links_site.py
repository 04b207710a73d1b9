"""The glossary linker on html.parser (transforms/glossary_links.py) and the regex tokenizer it
replaced (tests/unit/regex_glossary_linker.py) give the same output on every finished page of
the built site: whole documents with navigation, scripts, inline SVG and the links the build
already made (which both must leave alone)."""
from __future__ import annotations

from tests.unit.regex_glossary_linker import link_first_uses
from transforms.glossary import terms_from_generated
from transforms.glossary_links import link_glossary


def href(slug: str) -> str:
    return f"../glossary/#{slug}"


def first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {at}:\n  old: {a[at - 120:at + 120]!r}\n  new: {b[at - 120:at + 120]!r}"


def test_both_linkers_agree_on_every_page_of_the_built_site(built_site):
    terms = terms_from_generated()
    documents = sorted(built_site.rglob("*.html"))
    assert len(documents) > 60
    changed = 0
    for path in documents:
        html = path.read_text(encoding="utf-8")
        a, b = link_first_uses(html, terms, href), link_glossary(html, terms, href)
        assert a == b, f"{path.relative_to(built_site)}: {first_difference(a, b)}"
        changed += b != html
    # Pages already linked keep their first uses; a term first used inside a skipped element
    # and again in prose is linked now, so some pages do change: the comparison is not empty.
    assert changed, "neither linker changed any page: is the comparison empty?"
