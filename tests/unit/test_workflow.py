"""The CI workflow: tests on every push and pull request through .ci/run, deploys main to
Pages. Pinning by commit SHA, least-privilege permissions and checkouts that drop their
credentials are zizmor's audits (tests/unit/test_workflow_safety.py); here the audit is shown
to fail a workflow that breaks each of them."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_runs_on_every_push_and_pull_request():
    triggers = load()["on"]
    assert "push" in triggers and "pull_request" in triggers
    assert not (triggers["push"] or {}).get("branches"), "tests must run on every branch"


CHECKOUT_PIN = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683"


def zizmor(workflow: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "zizmor"), "--offline", "--no-progress", str(workflow)],
                          capture_output=True, text=True)


@pytest.mark.parametrize("finding, old, new", [
    ("unpinned-uses", CHECKOUT_PIN, "actions/checkout@v4"),
    ("excessive-permissions", "permissions:\n  contents: read\n", "permissions: write-all\n"),
    ("artipacked", "          persist-credentials: false\n", ""),
])
def test_the_workflow_audit_fails_a_workflow_that_breaks_a_rule(tmp_path, finding, old, new):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text, f"the workflow no longer has {old!r} to break"
    broken = tmp_path / ".github" / "workflows" / WORKFLOW.name
    broken.parent.mkdir(parents=True)
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = zizmor(broken)
    assert proc.returncode != 0 and finding in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def _ci_run(tmp_path: Path, sources: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """.ci/run of a copy of the script, with a `make` on PATH that records its arguments."""
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / ".ci" / "run", repo / ".ci" / "run")
    bin_dir, calls = tmp_path / "bin", tmp_path / "make-calls"
    bin_dir.mkdir()
    (bin_dir / "make").write_text(f'#!/bin/sh\necho "$@ CI=$CI" >> {calls}\n', encoding="utf-8")
    (bin_dir / "make").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "IRC_SOURCES": str(sources),
           "IRC_SOURCES_REQUIRED": "1", "CI": "true"}
    return subprocess.run(["bash", str(repo / ".ci" / "run")], env=env, capture_output=True, text=True), calls


def test_the_test_job_runs_the_ci_script_which_runs_make_test(tmp_path):
    job = load()["jobs"]["test"]
    assert job["env"]["CI"] == "true"
    assert any(s.get("run", "").strip() == "bash .ci/run" for s in steps(job))
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text("text", encoding="utf-8")
    proc, calls = _ci_run(tmp_path, sources)
    assert proc.returncode == 0, proc.stderr
    assert calls.read_text(encoding="utf-8").splitlines() == ["test CI=true"]


def test_the_ci_script_stops_when_the_required_source_texts_are_missing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc, calls = _ci_run(tmp_path, empty)
    assert proc.returncode == 1 and f"no .txt file in IRC_SOURCES={empty}" in proc.stderr
    assert not calls.exists(), "make test ran without the source texts"


def test_main_is_built_after_tests_and_deployed_with_the_pages_actions():
    jobs = load()["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["needs"] == "test" and deploy["needs"] == "build"
    assert "refs/heads/main" in build["if"] and "push" in build["if"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in steps(build))
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps(deploy))
    assert deploy["environment"]["name"] == "github-pages"
    # A failed build never reaches deploy: the build step runs make build (non-zero stops the job).
    assert any("make build" in s.get("run", "") for s in steps(build))
