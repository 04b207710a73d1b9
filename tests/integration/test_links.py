"""Offline link check of the built site: every internal link, asset and #anchor resolves.

Runs without a browser (plain HTML parsing) on the run's one built site. External
links are not fetched: the machines that run the suite reach only package registries.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.browser.browser_helpers import home_address, site_pages
from tests.conftest import parsed

LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"), ("iframe", "src")}
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data", "blob"}


@lru_cache(maxsize=None)
def _parse(path: Path) -> SimpleNamespace:
    """The ids (and <a name>s) of a page, and its links as (tag, url)."""
    soup = parsed(path)
    ids = {tag["id"] for tag in soup.select("[id]") if tag["id"]} | {a["name"] for a in soup.select("a[name]") if a["name"]}
    links = []
    for tag in soup.find_all([t for t, _ in LINK_ATTRS]):
        for t, attr in LINK_ATTRS:
            if tag.name == t and tag.get(attr):
                # <link rel="canonical"/"alternate"> name the deploy address, checked separately.
                if tag.name == "link" and set(tag.get("rel") or []) & {"canonical", "alternate"}:
                    continue
                links.append((tag.name, tag[attr].strip()))
    return SimpleNamespace(ids=ids, links=links)


def _target_file(site_dir: Path, url_path: str) -> Path | None:
    rel = unquote(url_path).lstrip("/")
    candidate = site_dir / rel
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


# mkdocs-print-site-plugin's one-page copy of the site, checked on its own below.
PRINT_PAGE = "print_page/index.html"


# Files the deploy writes after `mkdocs build` (make pdf), so absent from a plain build.
POST_BUILD = {"irc-site.pdf"}
# A release's permanent address (<site>/v/X.Y.Z/), which the deploy builds from the tag after
# `mkdocs build` (scholarly/releases.py); tests/integration/test_releases.py builds one and checks it.
RELEASE_PATH = re.compile(r"^v/\d+\.\d+\.\d+/")


def broken_links(site_dir: Path, base_url: str, only: set[str] | None = None, skip: set[str] = frozenset()) -> list[str]:
    """Every unresolved internal link of the HTML files under site_dir, as 'page: tag url (why)'."""
    base = urlsplit(base_url)
    problems = []
    for html in sorted(site_dir.rglob("*.html")):
        if (only is not None and html.relative_to(site_dir).as_posix() not in only) or html.relative_to(site_dir).as_posix() in skip:
            continue
        rel = html.relative_to(site_dir).as_posix()
        page_url = urljoin(base_url.rstrip("/") + "/", rel)
        for tag, url in _parse(html).links:
            parts = urlsplit(url)
            if parts.scheme in SKIP_SCHEMES:
                continue
            resolved = urlsplit(urljoin(page_url, url))
            if resolved.netloc != base.netloc:
                continue  # an external link: not fetched offline
            target = _target_file(site_dir, resolved.path[len(base.path.rstrip("/")):])
            if target is None and resolved.path.rsplit("/", 1)[-1] in POST_BUILD:
                continue  # written after the build by `make pdf`; tests/integration/test_print.py makes and checks it
            if target is None and RELEASE_PATH.match(resolved.path[len(base.path.rstrip("/")) + 1:]):
                continue  # a release's versioned address: built by the deploy from its tag
            if target is None:
                problems.append(f"{rel}: <{tag}> {url} (no such file)")
                continue
            fragment = unquote(resolved.fragment)
            if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                problems.append(f"{rel}: <{tag}> {url} (no id '{fragment}' in {target.relative_to(site_dir).as_posix()})")
    return problems


@pytest.fixture(scope="module")
def site_dir(built_site) -> Path:
    return built_site


@pytest.fixture(scope="module")
def base_url(built_site) -> str:
    return home_address(built_site)


def test_every_internal_link_and_anchor_resolves(site_dir, base_url):
    problems = broken_links(site_dir, base_url, skip={PRINT_PAGE})
    assert not problems, f"{len(problems)} broken internal links:\n" + "\n".join(problems[:60])


def test_print_page_links_and_anchors_resolve(site_dir, base_url):
    # The print plugin prefixes every in-page anchor with the page's path; ids that do not
    # come from headings (charts, tables, quotations) must be prefixed the same way.
    if not (site_dir / PRINT_PAGE).is_file():
        return
    problems = broken_links(site_dir, base_url, only={PRINT_PAGE})
    assert not problems, f"{len(problems)} broken links on the print page:\n" + "\n".join(problems[:30])


def test_link_checker_catches_a_broken_link_and_anchor(tmp_path):
    # The checker itself must be able to fail: a missing page and a missing anchor.
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../b/">b</a><a href="#nope">x</a><a href="#top">ok</a>')
    (tmp_path / "index.html").write_text('<a href="a/#top">a</a><img src="missing.png"><a href="https://example.org/">ext</a>')
    problems = broken_links(tmp_path, "http://127.0.0.1:9/")
    assert problems == [
        "a/index.html: <a> ../b/ (no such file)",
        "a/index.html: <a> #nope (no id 'nope' in a/index.html)",
        "index.html: <img> missing.png (no such file)",
    ]


def test_sitemap_pages_all_exist(site_dir):
    # site_pages raises when a sitemap entry has no file in the built site.
    assert site_pages(site_dir)
