"""Which version a build is, and the dates of each page, without the clock.

Three sources, in order:

1. git: the build runs in a checkout (its top level is the project root). Version from
   ``git describe --tags --match 'v[0-9]*'``, date from the commit, page dates from one
   ``git log`` over the whole history.
2. an archive: ``git archive``, GitHub's zip and Zenodo's deposit expand the
   ``$Format:…$`` placeholders of ``.git_archival.txt`` (``export-subst`` in
   ``.gitattributes``), as setuptools-scm reads them. Page dates: page-dates.json
   (scholarly/page_dates.py), else the archived commit's date.
3. neither: a development build. It says so on every citation and warns; it never
   prints a made-up date.
"""
from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

LOG = logging.getLogger("scholarly")
ARCHIVAL_FILE = ".git_archival.txt"
DEVELOPMENT = "development build"
RELEASE_TAG = re.compile(r"^v(\d+\.\d+\.\d+)$")


@dataclass(frozen=True)
class BuildVersion:
    source: str  # "git", "archive" or "development"
    describe: str  # v0.1.0, v0.1.0-3-gabc1234, abc1234, or "development build"
    commit: str = ""  # full hash, "" when unknown
    date: str = ""  # YYYY-MM-DD of the commit, "" when unknown
    release: str = ""  # X.Y.Z when the commit is exactly the release tag vX.Y.Z
    last_release: str = ""  # the latest release tag at or before the commit, X.Y.Z
    page_dates: dict = field(default_factory=dict, compare=False)  # repo path -> (first published, last changed)

    @property
    def label(self) -> str:
        """The version as citations name it."""
        if self.release:
            return self.release
        if self.source == "development":
            return DEVELOPMENT
        short = self.commit[:7]
        after = f" after release {self.last_release}" if self.last_release else ""
        return f"unreleased commit {short}{after}"

    @property
    def known(self) -> bool:
        return self.source != "development"


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return proc.stdout.strip()


def _release_of(describe: str) -> tuple[str, str]:
    """(release if exactly at a tag, latest release) from a ``git describe`` string."""
    match = re.match(r"^v(\d+\.\d+\.\d+)(?:-(\d+)-g[0-9a-f]+)?$", describe)
    if not match:
        return "", ""
    return (match.group(1) if match.group(2) is None else ""), match.group(1)


def from_git(root: Path) -> BuildVersion | None:
    top = _git(root, "rev-parse", "--show-toplevel")
    # A source archive unpacked inside some other repository must not take that one's history.
    if not top or Path(top).resolve() != root.resolve():
        return None
    commit = _git(root, "rev-parse", "HEAD")
    if not commit:
        return None  # a repository without commits
    describe = _git(root, "describe", "--tags", "--match", "v[0-9]*", "--always") or commit[:7]
    release, last = _release_of(describe)
    date = _git(root, "log", "-1", "--format=%cs") or ""
    return BuildVersion("git", describe, commit, date, release, last, page_dates(root))


def parse_archival(text: str) -> dict[str, str]:
    """The ``key: value`` lines of .git_archival.txt; {} while its placeholders are unexpanded."""
    if "$Format" in text:
        return {}
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in text.splitlines()) if v.strip()}


def from_archive(root: Path) -> BuildVersion | None:
    path = root / ARCHIVAL_FILE
    if not path.is_file():
        return None
    info = parse_archival(path.read_text(encoding="utf-8"))
    commit, date = info.get("node", ""), info.get("node-date", "")[:10]
    if not re.fullmatch(r"[0-9a-f]{40}", commit) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return None
    describe = info.get("describe-name", "") or commit[:7]
    release, last = _release_of(describe)
    from scholarly import page_dates as manifest

    return BuildVersion("archive", describe, commit, date, release, last, manifest.read(root))


def detect(root: Path) -> BuildVersion:
    version = from_git(root) or from_archive(root)
    if version is None:
        LOG.warning(
            "scholarly: no git history and no expanded %s: this is a %s; every citation says so and carries no date",
            ARCHIVAL_FILE, DEVELOPMENT,
        )
        return BuildVersion("development", DEVELOPMENT)
    return version


def page_dates(root: Path) -> dict[str, tuple[str, str]]:
    """Repository path -> (date first added, date last changed), following renames, in one git call.

    ``git log`` lists commits newest first; a rename seen there means that, further back,
    the file had its old name. A file deleted and added again dates from its last addition.
    """
    out = _git(root, "log", "--format=%x00%cs", "--name-status", "-M", "--no-merges")
    if not out:
        return {}
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    alias: dict[str, str] = {}  # old name -> the name it has today
    ended: set[str] = set()  # names whose older history belongs to another file
    for block in out.split("\x00")[1:]:
        lines = block.strip("\n").split("\n")
        date = lines[0]
        for line in lines[1:]:
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            status, paths = parts[0], parts[1:]
            if status.startswith("D"):
                ended.add(paths[0])
                continue
            name = paths[-1]
            if name in ended:
                continue
            current = alias.get(name, name)
            last.setdefault(current, date)
            first[current] = date
            if status.startswith("R") and len(paths) == 2:
                alias[paths[0]] = current
            if status.startswith("A"):
                ended.add(name)
    return {path: (first[path], last[path]) for path in first}
