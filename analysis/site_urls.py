"""Site addresses as plain functions: the URL a page source gets, and one URL relative to another.

The same rules as MkDocs 1.6 (``File.url`` and ``utils.get_relative_url``), written on
``posixpath`` so that nothing but the engine-facing layer imports the engine.
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote


def doc_url(src_uri: str, use_directory_urls: bool) -> str:
    """The site URL of the Markdown page at ``src_uri`` ("a/b.md" -> "a/b/", "index.md" -> "./")."""
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        dest = posixpath.join(parent, stem + ".html")
    else:
        dest = posixpath.join(parent, stem, "index.html")
    dirname, name = posixpath.split(dest)
    if use_directory_urls and name == "index.html":
        dest = (dirname or ".") + "/"
    return quote(dest)


def _parts(path: str) -> list[str]:
    path = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page or file at ``other`` (a last part with a dot is a file)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel
