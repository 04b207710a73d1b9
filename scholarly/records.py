"""The plain-data record of one citation: what every format is written from."""
from __future__ import annotations

import re

from scholarly.metadata import CitationError, Site

# APA's bracketed description of what is cited, by kind of citable thing.
KIND_LABELS = {"page": None, "chart": "Chart", "table": "Table", "quote": "Interview quotation", "dataset": "Data set",
               "finding": "Finding"}
NOUNS = {"page": "page", "chart": "chart", "table": "table", "quote": "quotation", "dataset": "data set", "finding": "finding"}


def bibtex_key(page_url: str, anchor: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{page_url} {anchor}".lower()).strip("-") or "home"
    return f"irc-{slug}"


def version_label(site: Site) -> str:
    """The version as a citation names it: 0.1.0; 0.1.0-3-gabc1234 between releases; development build."""
    build = site.build
    if build.release:
        return build.release
    if not build.known:
        return build.describe
    return build.describe[1:] if build.describe.startswith("v") else build.describe


def record(site: Site, *, path: str, title: str, kind: str = "page", anchor: str = "", page_title: str = "",
           date: str = "", where: str = "") -> dict:
    """One citation as plain data.

    ``path`` is the page's address relative to the site root ("china-uk/methods/"); the
    cited address is that page in this release ("…/v/X.Y.Z/china-uk/methods/#anchor")
    with the latest version's address beside it. ``date`` is the page's last change;
    ``page_title`` the page an anchor is on. ``where`` names the page in errors.
    """
    if kind not in KIND_LABELS:
        raise CitationError(f"{where or path}: unknown citation kind '{kind}' (known: {', '.join(KIND_LABELS)})")
    fragment = f"#{anchor}" if anchor else ""
    latest = f"{site.root_url}{path}{fragment}"
    versioned = f"{site.versioned_base}{path}{fragment}" if site.versioned_base else ""
    build, meta = site.build, site.meta
    source = ""
    if build.known and build.commit and not build.release:
        source = f"{meta['repository'].rstrip('/')}/tree/{build.commit}"
    date = date if build.known else ""
    return {
        "kind": kind,
        "title": title,
        "page_title": page_title,
        "site": meta["short_title"],
        "authors": [dict(a) for a in meta["authors"]],
        "publisher": meta["publisher"],
        "version": version_label(site),
        "released": bool(build.release),
        "known": build.known,
        "release": str(meta["version"]),
        "commit": build.commit,
        "build_date": build.date,
        "date": date,
        "year": date[:4],
        "url": versioned or latest,
        "latest_url": latest,
        "source_url": source,
        "doi": site.doi,
        "license": meta["license"],
        "bibtex_key": bibtex_key(path, anchor),
    }


def site_record(site: Site) -> dict:
    """The citation of the whole site (the work), not of one page: dated by its release."""
    rec = record(site, path="", title=site.meta["title"], date=site.build.date)
    rec["bibtex_key"] = "irc-site"
    rec["whole_site"] = True
    return rec


def author_names(rec: dict) -> list[str]:
    """Authors as cited: an organisation by its name, a person as 'Family, Given'."""
    return [a["name"] if a.get("name") else ", ".join(x for x in (a["family"], a.get("given")) if x) for a in rec["authors"]]
