"""Writing generated/ safely: the files of one analysis run are staged and moved into place
together, each with its SHA-256 (standard library only: an up-to-date check that hashes
every file must not import pandas)."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path


class Staging:
    """The files of one analysis run. Each is written under ``<target>/.staging/`` and moved
    into place only by :meth:`commit`, after the whole run succeeded: a run that fails or is
    killed leaves the target as the last good run left it. A file whose content is unchanged
    is not rewritten (it keeps its mtime). ``hashes`` holds the SHA-256 of every file written."""

    FOLDER = ".staging"

    def __init__(self, target: Path):
        self.target = target
        self.root = target / self.FOLDER
        shutil.rmtree(self.root, ignore_errors=True)  # left by a run that was killed
        self.hashes: dict[str, str] = {}
        self._pending: list[str] = []

    def write_text(self, path: Path, text: str) -> None:
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: Path, data: bytes) -> None:
        rel = path.relative_to(self.target).as_posix()
        self.hashes[rel] = hashlib.sha256(data).hexdigest()
        if path.is_file() and path.read_bytes() == data:
            return
        staged = self.root / rel
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        self._pending.append(rel)

    def commit(self, last: Path) -> None:
        """Move every staged file into place, ``last`` (the manifest) after all the others."""
        last_rel = last.relative_to(self.target).as_posix()
        for rel in sorted(self._pending, key=lambda r: r == last_rel):
            final = self.target / rel
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.root / rel, final)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self._pending.clear()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
