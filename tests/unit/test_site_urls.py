"""analysis/site_urls.py gives the addresses MkDocs gives (File.url, utils.get_relative_url),
without importing MkDocs: checked against MkDocs itself on the shapes the site uses."""
from __future__ import annotations

import itertools

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from analysis.site_urls import doc_url, relative_url

URLS = ["a/b/", "a/b/c.html", "index.html", "./", ".", "", "x/", "a/", "a/c/d/", "data/x.csv", "../x", "a/b/../c/",
        "charts/x.svg", "quotes/all/", "/abs/", "datasets/notes/", "quotes/china-uk/initiation/"]


@pytest.mark.parametrize("url, other", list(itertools.product(URLS, URLS)))
def test_relative_url_is_mkdocs_own(url, other):
    assert relative_url(url, other) == get_relative_url(url, other)


@pytest.mark.parametrize("src", ["index.md", "a/index.md", "a/b.md", "README.md", "a/README.md", "x y.md", "quotes/china-uk/x.md"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_doc_url_is_mkdocs_own(src, directory_urls):
    assert doc_url(src, directory_urls) == File(src, None, None, directory_urls).url
