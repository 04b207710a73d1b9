"""The workflow on a real runner: git can read the checkout inside the container, no
credentials are left in it, a Pages deploy under way is never cancelled, and zizmor
(the pinned dev dependency) finds nothing."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.unit.test_workflow import WORKFLOW, load, steps

CHECKOUT = "actions/checkout@"


def test_git_may_read_every_checkout_in_a_container():
    # That a checkout drops its credentials is zizmor's artipacked audit (below; tests/unit/test_workflow.py).
    for name, job in load()["jobs"].items():
        job_steps = steps(job)
        for i, step in enumerate(job_steps):
            if step.get("uses", "").startswith(CHECKOUT):
                if "container" in job:
                    runs = " ".join(s.get("run", "") for s in job_steps[i + 1:])
                    assert 'safe.directory "$GITHUB_WORKSPACE"' in runs, f"{name}: git would refuse the checkout"


def test_a_deploy_under_way_is_never_cancelled():
    wf = load()
    assert not (wf.get("concurrency") or {}).get("cancel-in-progress"), "a workflow-wide cancel reaches the deploy"
    deploy = wf["jobs"]["deploy"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    for name in ("build", "deploy"):
        assert not (wf["jobs"][name].get("concurrency") or {}).get("cancel-in-progress"), name


def test_pages_artifact_action_pins_its_own_dependencies():
    # v3.0.1 (56afc60) took actions/upload-artifact@v4 by tag; v4.0.0 pins it by SHA.
    uses = [s["uses"] for job in load()["jobs"].values() for s in steps(job) if "upload-pages-artifact" in s.get("uses", "")]
    assert uses and all(not u.endswith("56afc609e74202658d3ffba0e8f6dda462b719fa") for u in uses)
    comments = re.findall(r"upload-pages-artifact@[0-9a-f]{40} # v(\d+)\.", WORKFLOW.read_text(encoding="utf-8"))
    assert comments and all(int(major) >= 4 for major in comments)


def test_zizmor_reports_no_findings():
    zizmor = Path(sys.executable).parent / "zizmor"
    proc = subprocess.run([str(zizmor), "--offline", "--no-progress", str(WORKFLOW)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout + proc.stderr
