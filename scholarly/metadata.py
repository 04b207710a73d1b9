"""citation.yaml, the one metadata source for citing this work, read and checked once."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scholarly import version as versions

ROOT = Path(__file__).resolve().parent.parent
CITATION_FILE = ROOT / "citation.yaml"
REQUIRED_KEYS = ("title", "short_title", "authors", "publisher", "version", "year", "license", "repository", "url")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CitationError(ValueError):
    """citation.yaml is missing a field or has a malformed one; the message names it."""


def load_metadata(path: Path = CITATION_FILE) -> dict:
    try:
        meta = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise CitationError(f"{path.name}: cannot read: {exc}") from exc
    if not isinstance(meta, dict):
        raise CitationError(f"{path.name}: top level must be a mapping")
    missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
    if missing:
        raise CitationError(f"{path.name}: missing required field(s): {', '.join(missing)}")
    for i, author in enumerate(meta["authors"], 1):
        if not isinstance(author, dict) or not (author.get("name") or author.get("family")):
            raise CitationError(f"{path.name}: authors[{i}] needs 'name' (organisation) or 'family' (person)")
        orcid = author.get("orcid")
        if orcid and not re.fullmatch(r"https://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid):
            raise CitationError(f"{path.name}: authors[{i}].orcid '{orcid}' is not a full https://orcid.org/ iD")
    if not str(meta["url"]).endswith("/"):
        raise CitationError(f"{path.name}: url must end with '/' (it is the base of every canonical URL)")
    if not re.fullmatch(r"\d+\.\d+\.\d+", str(meta["version"])):
        raise CitationError(f"{path.name}: version '{meta['version']}' is not X.Y.Z (releases are tagged vX.Y.Z)")
    released = meta.get("date_released")
    if released is not None and not isinstance(released, dt.date):
        raise CitationError(f"{path.name}: date_released '{released}' is not a YYYY-MM-DD date")
    doi = meta.get("doi")
    if doi and not re.fullmatch(r"10\.\d{4,9}/\S+", str(doi)):
        raise CitationError(f"{path.name}: doi '{doi}' is not a DOI (10.NNNN/...), without https://doi.org/")
    return meta


@dataclass(frozen=True)
class Site:
    """Everything a citation needs that is the same for every page of one build."""

    meta: dict
    build: versions.BuildVersion
    root_url: str  # the address of the latest version, ending in "/"

    @property
    def versioned_base(self) -> str:
        """The permanent address of this release ("…/v/X.Y.Z/"), or "" when the build is not a release."""
        return f"{self.root_url}v/{self.build.release}/" if self.build.release else ""

    @property
    def doi(self) -> str:
        return str(self.meta.get("doi") or "")

    def page_dates(self, repo_path: str) -> tuple[str, str]:
        """(first published, last changed) of a source file: from git, else the build's commit date, else ("", "")."""
        return self.build.page_dates.get(repo_path) or (self.build.date, self.build.date)


_VERSIONED = re.compile(r"v/\d+\.\d+\.\d+/$")


def root_url(site_url: str) -> str:
    """The latest version's address from the address a build is made for (a release build adds v/X.Y.Z/)."""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    return _VERSIONED.sub("", site_url)


@lru_cache(maxsize=4)
def _site(path: Path, root: Path, site_url: str) -> Site:
    meta = load_metadata(path)
    return Site(meta, versions.detect(root), root_url(site_url or meta["url"]))


def site(site_url: str = "", path: Path = CITATION_FILE, root: Path = ROOT) -> Site:
    """The site's metadata and build version, read once per (file, address)."""
    return _site(path, root, site_url)


def reset() -> None:
    """Forget what was read (a new build in the same process: mkdocs serve)."""
    _site.cache_clear()
