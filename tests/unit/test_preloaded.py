"""tests/preloaded.py: a command forked from the preloaded server sees what `python -m` started
afresh sees (folder, arguments, sys.path, environment) and ends the same way (exit status,
both streams, exit handlers, an uncaught exception)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.preloaded import python_module

PROBE = '''
import atexit, json, os, sys
atexit.register(lambda: print("exit handler ran"))
print(json.dumps({"cwd": os.getcwd(), "argv": sys.argv, "path": sys.path, "name": __name__,
                  "env": {k: v for k, v in os.environ.items() if k.startswith("PROBE")},
                  "project_loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("analysis", "site_engine"))}))
print("on stderr", file=sys.stderr)
if sys.argv[1] == "raise":
    raise ValueError("boom")
sys.exit(int(sys.argv[1]))
'''


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    return tmp_path


def _env(folder) -> dict:
    # A PYTHONPATH of the command's own: the fork's sys.path follows it as a new interpreter's does.
    return {"PATH": os.environ["PATH"], "PYTHONPATH": str(folder / "lib"), "PROBE_ONE": "1", "PROBE_TWO": "two words"}


def _fresh(folder, arg: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "probe", arg], cwd=folder, env=_env(folder), capture_output=True, text=True)


@pytest.mark.parametrize("status", ["0", "3"])
def test_a_forked_command_sees_and_ends_as_a_fresh_one(folder, status):
    fresh, forked = _fresh(folder, status), python_module("probe", [status], folder, _env(folder))
    assert (forked.returncode, forked.stdout, forked.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    seen = json.loads(forked.stdout.splitlines()[0])
    assert seen["cwd"] == str(folder) and seen["path"][:2] == [str(folder), str(folder / "lib")] and seen["name"] == "__main__"
    assert seen["env"] == {"PROBE_ONE": "1", "PROBE_TWO": "two words"} and seen["project_loaded"] == []
    assert forked.returncode == int(status) and forked.stdout.endswith("exit handler ran\n")


def test_an_uncaught_exception_ends_it_with_status_1_and_the_traceback(folder):
    fresh, forked = _fresh(folder, "raise"), python_module("probe", ["raise"], folder, _env(folder))
    assert forked.returncode == fresh.returncode == 1
    assert forked.stderr.startswith("on stderr\n") and forked.stderr.rstrip().endswith("ValueError: boom")
    assert forked.stdout == fresh.stdout
