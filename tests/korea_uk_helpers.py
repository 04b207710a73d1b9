"""Helpers for the Korea-UK, background, comparison and glossary tests: find the
links of a Markdown page and check each against the built site."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from tests.conftest import parsed

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# [text](target) but not ![image](...); the target may carry a #fragment.
MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<target>[^)\s]+)\)")


def md_links(markdown: str) -> list[str]:
    return [m.group("target") for m in MD_LINK.finditer(markdown)]


def table_rows(markdown: str, heading_id: str) -> list[list[str]]:
    """Body rows (cells stripped) of the first pipe table after the heading with ``{#heading_id}``."""
    start = markdown.find(f"{{#{heading_id}}}")
    if start < 0:
        raise ValueError(f"no heading with id '{heading_id}'")
    lines = markdown[start:].splitlines()[1:]
    rows: list[list[str]] = []
    in_table = False
    for line in lines:
        if line.startswith("|"):
            in_table = True
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif in_table:
            break
    if len(rows) < 2 or not set(rows[1][0]) <= set(":- "):
        raise ValueError(f"no pipe table after '{heading_id}'")
    return rows[2:]


def html_ids(path: Path) -> set[str]:
    soup = parsed(path)
    return {tag["id"] for tag in soup.select("[id]") if tag["id"]}


def built_path(site: Path, page_src: str, target: str) -> tuple[Path, str]:
    """Where a Markdown link from ``page_src`` (path under docs/) lands in the built site
    (use_directory_urls: a/b.md -> a/b/index.html, a/index.md -> a/index.html)."""
    path, _, fragment = target.partition("#")
    if not path:
        resolved = PurePosixPath(page_src)
    else:
        resolved = PurePosixPath(page_src).parent / path
    parts: list[str] = []
    for part in resolved.parts:
        if part == "..":
            if not parts:
                raise ValueError(f"{page_src}: link '{target}' leaves the docs folder")
            parts.pop()
        elif part != ".":
            parts.append(part)
    rel = PurePosixPath(*parts)
    if rel.suffix == ".md":
        rel = rel.parent / "index.html" if rel.stem == "index" else rel.with_suffix("") / "index.html"
    return site / rel, fragment


def link_problem(site: Path, page_src: str, target: str) -> str | None:
    """None if the link resolves in the built site (file and, if given, its anchor); else why not."""
    if re.match(r"^[a-z]+:", target):
        return f"{target}: external link (evidence must be on this site)"
    try:
        path, fragment = built_path(site, page_src, target)
    except ValueError as exc:
        return str(exc)
    if not path.exists():
        return f"{target}: no built file {path.relative_to(site)}"
    if fragment and fragment not in html_ids(path):
        return f"{target}: {path.relative_to(site)} has no element with id '{fragment}'"
    return None
