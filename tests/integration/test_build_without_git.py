"""A checkout git cannot read (git missing, pointed elsewhere, or refusing a checkout another
user owns, as in a container on a CI runner) stops the build with the reason, instead of
publishing pages dated 1970."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import VENV_BIN, copy_project, mkdocs_build


def _build(project, env: dict) -> subprocess.CompletedProcess:
    """mkdocs build with these variables changed and no SOURCE_DATE_EPOCH (the dates must come from git)."""
    return mkdocs_build(project, project / "out", check=False, env={"SOURCE_DATE_EPOCH": None, **env})


def _assert_stopped_loudly(project, proc, reason: str):
    assert proc.returncode != 0, f"built without dates:\n{proc.stderr[-2000:]}"
    assert "page dates: git cannot read the checkout" in proc.stderr and reason in proc.stderr, proc.stderr[-2000:]
    out = project / "out"
    dated_1970 = [p for p in out.rglob("*") if p.is_file() and p.suffix in {".html", ".xml", ".json"}
                  and "1970" in p.read_text(encoding="utf-8", errors="replace")] if out.exists() else []
    assert not dated_1970, dated_1970[:5]


@pytest.fixture
def checkout(tmp_path):
    # No generated/: the build must stop before any analysis, so nothing is reused.
    return copy_project(tmp_path / "project", with_generated=False)


def test_git_pointed_nowhere_stops_the_build(checkout):
    """Builds its own: a copy whose git is pointed at a folder that is not a repository."""
    proc = _build(checkout, {"GIT_DIR": str(checkout / "no-such-git-dir")})
    _assert_stopped_loudly(checkout, proc, "not a git repository")


def test_git_missing_from_path_stops_the_build(checkout, tmp_path):
    """Builds its own: a copy built with no git on PATH."""
    # A PATH with python and mkdocs' tools but no git.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("node", "sh"):
        if found := shutil.which(tool):
            os.symlink(found, bin_dir / tool)
    proc = _build(checkout, {"PATH": f"{VENV_BIN}:{bin_dir}"})
    _assert_stopped_loudly(checkout, proc, "git cannot run")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the checkout to another user")
def test_dubious_ownership_stops_the_build(checkout):
    """Builds its own: a copy git refuses as owned by another user."""
    # A CI container runs as root over a workspace the runner user owns: git refuses it.
    for path in [checkout, *checkout.rglob("*")]:
        os.lchown(path, 4242, 4242)
    proc = _build(checkout, {"HOME": str(checkout.parent)})  # no safe.directory of this machine's
    _assert_stopped_loudly(checkout, proc, "dubious ownership")
    assert f"safe.directory {checkout}" in proc.stderr

