"""The CI workflow: tests on every push and pull request, deploys main to Pages,
least-privilege permissions, every action pinned by commit SHA."""
import re

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


def test_every_action_is_pinned_by_commit_sha():
    for name, job in load()["jobs"].items():
        for step in steps(job):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"{name}: {step['uses']} is not pinned by SHA"


def test_permissions_are_least_privilege():
    wf = load()
    assert wf["permissions"] == {"contents": "read"}
    for name, job in wf["jobs"].items():
        perms = job.get("permissions")
        if name == "deploy":
            assert perms == {"pages": "write", "id-token": "write"}
        else:
            assert perms is None, f"job {name} must not widen permissions"


def test_test_job_runs_the_ci_script_with_ci_true():
    job = load()["jobs"]["test"]
    assert job["env"]["CI"] == "true"
    assert any(s.get("run", "").strip() == "bash .ci/run" for s in steps(job))
    ci_script = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in ci_script.splitlines()[-1] and "make test" in readme


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
