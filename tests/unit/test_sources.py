"""The repository stands alone: checks against the source texts read the folder IRC_SOURCES
names, say in one line when they did not run, and fail instead under IRC_SOURCES_REQUIRED=1;
nothing else reads the team's folder beside the repository."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest

from analysis import datasets
from tests.conftest import ROOT, SOURCES_ENV, SOURCES_REQUIRED_ENV, sources_dir

# What a test or a build runs; descriptors may *record* where a source sits (provenance).
CODE = [*ROOT.glob("analysis/**/*.py"), *ROOT.glob("site_engine/*.py"), *ROOT.glob("transforms/*.py"), *ROOT.glob("tools/*.py"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("bench/*.py"),
        ROOT / "Makefile", ROOT / "mkdocs.yml", ROOT / "pyproject.toml"]
# A path built to the folder (ROOT.parent / "shared", Path("../shared/..."), or ../shared in a recipe).
READS_SHARED = re.compile(r"""\.parent\s*/\s*["']shared["']|Path\(\s*["']\.\./shared|^[^#"']*\.\./shared""")


def test_nothing_a_test_or_build_runs_names_the_folder_beside_the_repository():
    this = Path(__file__).resolve()
    found = [f"{p.relative_to(ROOT)}:{n}" for p in CODE if p.resolve() != this
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if READS_SHARED.search(line)]
    assert not found, f"reads ../shared (set {SOURCES_ENV} instead): {found}"


def test_without_the_setting_the_source_checks_skip_with_one_reason(monkeypatch):
    monkeypatch.delenv(SOURCES_ENV, raising=False)
    monkeypatch.delenv(SOURCES_REQUIRED_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"source texts not checked: {SOURCES_ENV} is not set"):
        sources_dir()


def test_a_folder_without_the_texts_is_not_taken_for_the_sources(monkeypatch, tmp_path):
    monkeypatch.setenv(SOURCES_ENV, str(tmp_path))
    monkeypatch.delenv(SOURCES_REQUIRED_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="is not a folder holding the source .txt files"):
        sources_dir()


@pytest.mark.parametrize("setting", [None, "/nonexistent/irc-sources"])
def test_required_sources_fail_instead_of_skipping(monkeypatch, setting):
    if setting is None:
        monkeypatch.delenv(SOURCES_ENV, raising=False)
    else:
        monkeypatch.setenv(SOURCES_ENV, setting)
    monkeypatch.setenv(SOURCES_REQUIRED_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{SOURCES_REQUIRED_ENV}=1 requires them"):
        sources_dir()


def test_ci_script_requires_the_team_copy_and_runs_the_readme_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf'export {SOURCES_ENV}="\$\{{{SOURCES_ENV}:-\$\(cd \.\. && pwd\)/shared/sources\}}"', script)
    assert re.search(rf'export {SOURCES_REQUIRED_ENV}="\$\{{{SOURCES_REQUIRED_ENV}:-1\}}"', script)
    assert script.rstrip().splitlines()[-1] == "make test"
    assert SOURCES_ENV in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_source_a_descriptor_names_is_in_the_source_folder():
    folder = sources_dir()
    named = {PurePosixPath(s["path"]).name for d in datasets.discover(ROOT / "data").values()
             for s in datasets.describe_file(d).descriptor.get("sources", []) if s.get("path")}
    assert named and not [n for n in sorted(named) if not (folder / n).is_file()]
