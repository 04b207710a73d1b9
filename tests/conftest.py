"""Shared fixtures: a built copy of the site, a scratch copy of the project
for tests that break things on purpose, and the source texts (IRC_SOURCES)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Everything a build reads; the scratch copy leaves out outputs and the venv.
PROJECT_PARTS = ["analysis", "fragments", "scholarly", "site_engine", "transforms", "tools", ".git_archival.txt", ".gitattributes", "page-dates.json", "data", "docs", "overrides", "mkdocs.yml", "pyproject.toml", "uv.lock", "citation.yaml",
                 "tests/fixtures/bibliometrics"]  # the notebook page runs on this small export


# The studies' texts are others' copyrighted documents, so they are not in the repository:
# checks that compare the site with them read the folder IRC_SOURCES names (README, "Source
# checks"). Without it they are skipped with this reason; IRC_SOURCES_REQUIRED=1 (.ci/run)
# turns a missing folder into a failure.
SOURCES_ENV, SOURCES_REQUIRED_ENV = "IRC_SOURCES", "IRC_SOURCES_REQUIRED"


def sources_dir() -> Path:
    """The folder of source texts, or skip (fail under IRC_SOURCES_REQUIRED=1) the calling test."""
    setting = os.environ.get(SOURCES_ENV, "").strip()
    folder = Path(setting).expanduser() if setting else None
    if folder is not None and folder.is_dir() and any(folder.glob("*.txt")):
        return folder
    if folder is None:
        reason = f"source texts not checked: {SOURCES_ENV} is not set (README, 'Source checks')"
    else:
        reason = f"source texts not checked: {SOURCES_ENV}={setting} is not a folder holding the source .txt files"
    if os.environ.get(SOURCES_REQUIRED_ENV) == "1":
        pytest.fail(f"{reason}, and {SOURCES_REQUIRED_ENV}=1 requires them", pytrace=False)
    pytest.skip(reason)


def source_text(name: str) -> str:
    """One source text by file name (skips or fails as sources_dir does)."""
    path = sources_dir() / name
    assert path.is_file(), f"source text missing: {path}"
    return path.read_text(encoding="utf-8")


def run(args: list[str], cwd: Path, env: dict | None = None, check: bool = False) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def mkdocs_build(cwd: Path, site_dir: Path, check: bool = True) -> subprocess.CompletedProcess:
    # python -m: the checkout at cwd comes first on the path (the venv's editable install names this one).
    return run([str(VENV_BIN / "python"), "-m", "mkdocs", "build", "--site-dir", str(site_dir)], cwd=cwd, check=check)


def copy_project(target: Path, with_generated: bool = True) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    if with_generated and (ROOT / "generated").exists():
        # Artifacts are keyed by content, so the copy reuses them until a test changes an input.
        shutil.copytree(ROOT / "generated", target / "generated")
    ignore = shutil.ignore_patterns("__pycache__", "raw", ".ipynb_checkpoints")
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=ignore)
        elif src.exists():
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)
    # Dates come from git; give the copy one commit so builds are reproducible.
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                "commit", "-qm", "copy", "--date=2026-01-01T00:00:00Z"]):
        run(cmd, cwd=target, env={"GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"}, check=True)
    return target


@pytest.fixture(scope="session")
def analysed() -> None:
    """generated/ of the real project is up to date (built once per session)."""
    run([sys.executable, "-m", "analysis"], cwd=ROOT, check=True)


@pytest.fixture
def project_copy(tmp_path: Path, analysed) -> Path:
    """A private copy of the project (code, data, pages) to break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project built once per test session (strict mode) into a temp folder."""
    site = tmp_path_factory.mktemp("site")
    mkdocs_build(ROOT, site)
    return site
