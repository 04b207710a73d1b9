"""Shared fixtures: the one built site of a test run, a scratch copy of the project
for tests that break things on purpose, and the source texts (IRC_SOURCES); the commands
that build or analyse a copy (mkdocs_build, python_m: forked from tests/preloaded.py's
process, which has already imported the libraries).

The suite is in three folders, each a marker of the same name (applied here, so
`pytest -m unit` works): unit/ (no build, no subprocess build), integration/ (reads
the built site or runs the pipeline or a build) and browser/ (Chromium).
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# As the Makefile does (see there), for every build a test starts, however pytest was started.
os.environ.setdefault("NBCONVERT_DISABLE_CONFIG_EXPORTERS", "1")
# MkDocs 2 notices off (Material prints one at import otherwise), in every build a test starts.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
os.environ.update(BUILD_ENV)
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


def parsed(path: Path):
    """A built HTML file as a BeautifulSoup tree, parsed once per test process and shared by every
    test that reads it (the site's pages are read by a dozen tests): read it, never change it.
    Keyed on the file's size and modification time, so a file rebuilt in place is parsed again."""
    stat = Path(path).stat()
    return _parsed(Path(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=None)
def _parsed(path: Path, _mtime_ns: int, _size: int):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _completed(proc: subprocess.CompletedProcess, check: bool) -> subprocess.CompletedProcess:
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, proc.args))} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def _env(env: dict | None) -> dict:
    """This process's environment with BUILD_ENV and env's changes (a value None unsets the variable)."""
    return {k: v for k, v in {**os.environ, **BUILD_ENV, **(env or {})}.items() if v is not None}


def run(args: list[str], cwd: Path, env: dict | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """A command in a new process (for `python -m ...` of the project, python_m is quicker)."""
    return _completed(subprocess.run(args, cwd=cwd, env=_env(env), capture_output=True, text=True), check)


def python_m(module: str, args: list[str], cwd: Path, env: dict | None = None,
             check: bool = False) -> subprocess.CompletedProcess:
    """`python -m module args` in cwd, forked from a process that has already imported the
    libraries (tests/preloaded.py says what differs from a new interpreter, and what does not)."""
    from tests.preloaded import python_module

    return _completed(python_module(module, args, cwd, _env(env)), check)


def mkdocs_build(cwd: Path, site_dir: Path, check: bool = True, config: str | None = None,
                 env: dict | None = None, fresh: bool = False) -> subprocess.CompletedProcess:
    """`mkdocs build` of the project in cwd (strict: mkdocs.yml says so) into site_dir. python -m:
    the checkout at cwd comes first on the path (the venv's editable install names this one).
    fresh: in a new interpreter, exactly the README's command (the run's own site is built so);
    otherwise forked from the preloaded one (python_m)."""
    args = ["build", *(["-f", config] if config else []), "--site-dir", str(site_dir)]
    if fresh:
        return run([str(VENV_BIN / "python"), "-m", "mkdocs", *args], cwd=cwd, env=env, check=check)
    return python_m("mkdocs", args, cwd=cwd, env=env, check=check)


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


FOLDERS = ("unit", "integration", "browser")  # each a marker, registered in pyproject.toml


# Modules whose tests build a changed copy of the project (or a small site) themselves.
BUILDERS = ("mkdocs_build", "copy_project", "make_small_site")
SCHEME_PARAM = re.compile(r"\[(?:[^\]]*-)?(light|dark)(?:-[^\]]*)?\]$")


def xdist_unit(nodeid: str) -> str:
    """The unit of work xdist hands a worker (see pytest_xdist_make_scheduler): a browser test
    with a colour scheme parameter joins its scheme's group, which shares one crawl of the
    site in that scheme (tests/browser/conftest.py: crawl); every other test goes with its
    module, so a module-scoped fixture (a built copy, a phone-sized page) is made once."""
    if nodeid.startswith("tests/browser/") and (scheme := SCHEME_PARAM.search(nodeid)):
        return f"tests/browser/[{scheme.group(1)}]"
    return nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(config, items):
    """Mark each test with its folder's marker; under xdist, order the units for two workers.

    The order (xdist keeps it: --no-loadscope-reorder) lets both cores work from the start
    and end together: the light group first (its worker builds the run's site), the unit
    tests while that build runs, then the dark group, then the modules that build copies of
    their own (the longest), then the rest. Within a unit the tests keep their order.
    """
    tests_dir = Path(__file__).parent
    for item in items:
        folder = item.path.relative_to(tests_dir).parts[0] if item.path.is_relative_to(tests_dir) else ""
        if folder in FOLDERS:
            item.add_marker(getattr(pytest.mark, folder))
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return

    def rank(item) -> int:
        unit = xdist_unit(item.nodeid)
        if unit == "tests/browser/[light]":
            return 0
        if unit.startswith("tests/unit/"):
            return 1
        if unit == "tests/browser/[dark]":
            return 2
        builds = "project_copy" in item.fixturenames or any(hasattr(item.module, name) for name in BUILDERS)
        return 3 if builds or unit.startswith("tests/browser/") else 4

    module_rank: dict[str, int] = {}
    for item in items:
        unit = xdist_unit(item.nodeid)
        module_rank[unit] = min(module_rank.get(unit, 9), rank(item))
    items.sort(key=lambda item: module_rank[xdist_unit(item.nodeid)])


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` (pyproject.toml) with the units of xdist_unit: each unit runs on one
    worker, and a worker takes the next unit when it is nearly done with its last.

    The units are named here from the node id, not by xdist_group marks: with pytest 9 the
    mark no longer reaches the scheduler (xdist 3.8 writes the group into Item._nodeid,
    which pytest 9's nodeid no longer reads).
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_unit(nodeid)

    return UnitScheduling(config, log)


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """make(folder) once per test run, whichever xdist worker asks first; the others wait.

    Workers are separate processes, so the work is guarded by a file lock (fcntl, of the
    standard library: filelock is not in the lock) in the run's shared temporary folder
    (the parent of each worker's own). Lazily, in the first test
    that needs it, rather than on the controller before the workers start: a run that needs
    no built site (`pytest -m unit`, one unit test) builds none, and the other worker keeps
    running tests that need nothing while one builds. A failure is recorded, so every
    waiting worker reports it instead of building again.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done, failed = shared / name, shared / f"{name}.done", shared / f"{name}.failed"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not done.exists():
            try:
                make(folder)
            except BaseException as exc:
                failed.write_text(f"{name}: {exc}", encoding="utf-8")
                raise
            done.touch()
    return folder


@pytest.fixture(scope="session")
def analysed(tmp_path_factory) -> None:
    """generated/ of the real project is up to date (once per run: the one writer of generated/)."""
    once_per_run(tmp_path_factory, "analysis", lambda _folder: python_m("analysis", [], cwd=ROOT, check=True))


@pytest.fixture
def project_copy(tmp_path: Path, analysed) -> Path:
    """A private copy of the project (code, data, pages) to break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, analysed) -> Path:
    """The real project built once per test run (strict, at its deploy address) into a temp folder.

    Every test that reads a built site reads this one, the browser tests included
    (tests/browser/conftest.py serves it).
    """
    return once_per_run(tmp_path_factory, "site", lambda folder: mkdocs_build(ROOT, folder, fresh=True))


@pytest.fixture(scope="session")
def copy_site(tmp_path_factory, analysed) -> Path:
    """An unchanged copy of the project (copy_project), built once per run: the folder holds
    project/ and site/. The tests that compare a changed build with an unchanged one, or
    need a good site to break, read this one rather than building it again; none may change it.
    """
    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        mkdocs_build(project, folder / "site")

    return once_per_run(tmp_path_factory, "copy-site", make)
