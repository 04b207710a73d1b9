"""`python -m MODULE ARGS` for the builds and analysis runs the tests start, each in a fresh fork
of a process that has already imported the libraries they use (MkDocs, Material, mkdocs-jupyter,
pandas, Altair, ...), instead of a new interpreter importing them again.

Importing those libraries is most of a failing build (1.3 s forked against 2.4-3.1 s started
afresh, on this machine) and about 2.5 s of a full one; a test run forks 23 builds (bench/README.md)
and the analysis runs of the tests that change a copy's data.
The standard library's multiprocessing "forkserver" does the work: one server per test
process imports PRELOAD once, and forks a child for each command. The child is what a fresh
`python -m` would be, as far as the project can tell:

- it runs in the command's folder, with the command's environment (os.environ, so the processes
  it starts get it too) and that folder first on sys.path, as `python -m` puts it;
- none of the project's own packages has been imported (it checks; the preloaded libraries
  are only third-party ones), so a copy of the project runs its own code;
- sitecustomize, if its path holds one, is imported as at an interpreter's start; MODULE runs as
  __main__ (runpy, as `-m` does), and at the end the exit handlers run as at an interpreter's
  exit; its exit status, stdout and stderr come back as a CompletedProcess.

What stays different: the preloaded libraries were imported under the server's environment,
not the command's. The variables read at import (NO_MKDOCS_2_WARNING, DISABLE_MKDOCS_2_WARNING,
NBCONVERT_DISABLE_CONFIG_EXPORTERS) are set the same for every build the tests start
(tests/conftest.py), so no test depends on that. The run's own site (tests/conftest.py:
built_site), `make serve`, releases and a run killed midway still start a new interpreter,
so the README's own commands are run as written in every test run.
"""
from __future__ import annotations

import atexit
import json
import multiprocessing
import os
import runpy
import site
import subprocess
import sys
import tempfile
from pathlib import Path

# Third-party modules a build or an analysis run imports; the project's own packages never.
PRELOAD = [
    "mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.structure.pages",
    "material.plugins.search.plugin", "material.templates", "mkdocs_jupyter.plugin", "mkdocs_awesome_nav.plugin",
    "mkdocs_print_site_plugin.plugin", "mkdocs_redirects.plugin", "mkdocs_minify_plugin.plugin",
    "pymdownx.superfences", "pymdownx.tabbed", "markdown", "jinja2", "bs4", "yaml",
    "pybtex.database", "latexcodec", "tinycss2", "pandas", "altair", "jsonschema", "nbformat", "nbconvert",
]
# The project's own top-level packages (tests/conftest.py: PROJECT_PARTS): a child must import its
# folder's copy of them, so none may be imported before it starts.
PROJECT_PACKAGES = ("analysis", "fragments", "scholarly", "site_engine", "transforms", "tools")

_context: multiprocessing.context.ForkServerContext | None = None
# sys.path of a fresh `python -m` started in some folder, without that folder (its first entry),
# by the PYTHON* variables that shape it (PYTHONPATH, PYTHONNOUSERSITE, ...).
_fresh_paths: dict[tuple, list[str]] = {}


def _server() -> multiprocessing.context.ForkServerContext:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _fresh_path(env: dict) -> list[str]:
    """What a new interpreter started with env puts on sys.path after its folder (asked once per setting)."""
    key = tuple(sorted((k, v) for k, v in env.items() if k.startswith("PYTHON")))
    if key not in _fresh_paths:
        probe = subprocess.run([sys.executable, "-c", "import json, sys; print(json.dumps(sys.path[1:]))"], env=env,
                               capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
        _fresh_paths[key] = json.loads(probe.stdout)
    return _fresh_paths[key]


def _child(module: str, args: list[str], cwd: str, env: dict, sys_path: list[str], out: str, err: str) -> None:
    """In the fork: become `python -m module args` started in cwd with env."""
    loaded = sorted(name for name in sys.modules if name.split(".")[0] in PROJECT_PACKAGES)
    if loaded:
        raise RuntimeError(f"tests/preloaded.py: the project's own modules were imported before the command: {loaded}")
    for fd, path in ((1, out), (2, err)):
        target = os.open(path, os.O_WRONLY)
        os.dup2(target, fd)
        os.close(target)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.path[:] = [cwd, *sys_path]
    sys.argv = [module, *args]
    # A new interpreter imports sitecustomize if its path holds one (bench/bench_tests.py counts
    # builds with one): so does the fork, now that its path and arguments are the command's.
    sys.modules.pop("sitecustomize", None)
    site.execsitecustomize()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        atexit._run_exitfuncs()  # as an interpreter does at exit (the fork ends with os._exit)


def python_module(module: str, args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """Run `python -m module args` in cwd with exactly env, forked from the preloaded server."""
    context = _server()
    with tempfile.TemporaryDirectory(prefix="preloaded-") as tmp:
        out, err = Path(tmp) / "stdout", Path(tmp) / "stderr"
        out.touch()
        err.touch()
        child = context.Process(target=_child, args=(module, [str(a) for a in args], str(Path(cwd).resolve()), dict(env),
                                                      _fresh_path(env), str(out), str(err)))
        child.start()
        child.join()
        return subprocess.CompletedProcess([sys.executable, "-m", module, *map(str, args)], child.exitcode,
                                           out.read_text(encoding="utf-8", errors="replace"),
                                           err.read_text(encoding="utf-8", errors="replace"))
