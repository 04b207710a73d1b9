"""A failed build never replaces the last good site: the publish step, on folders.

Every build writes into ``<site_dir>.partial`` beside the site folder; only a build that
finished without error or strict-mode warning is moved into place. While a site is being
served, a failed rebuild keeps the last good site served, and every page shows the error
at its top (``with_banner``) until a rebuild succeeds.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from fragments import render


def start(final: Path) -> Path:
    """The empty folder this build writes into, beside the site."""
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    return partial


def publish(partial: Path, final: Path) -> None:
    """The finished build replaces the site (the old one is kept aside until the move is done)."""
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def discard(partial: Path) -> None:
    shutil.rmtree(partial, ignore_errors=True)


def with_banner(content: bytes, error: str) -> bytes:
    """A served page with the last rebuild's error at the top of its body."""
    banner = render("build_error.html.j2", error=error).rstrip("\n").encode("utf-8")
    start_at = content.find(b"<body")
    at = content.find(b">", start_at) + 1 if start_at >= 0 else 0
    return content[:at] + banner + content[at:]
