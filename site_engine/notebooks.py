"""Execute notebook pages in a second process while the analysis runs.

A cold build spent about 5 s in the analysis and then about 3 s running the
notebook's kernel, one after the other, on a 2-core machine. This module lets the
plugin (site_engine/plugin.py) start the notebook early: a child process renders each notebook
page into mkdocs-jupyter's own cache, with the plugin's own functions and the
plugin's own settings, under the cache key the plugin will look up. When MkDocs
reaches the page, the plugin finds the entry ("Cache hit") instead of executing
the notebook again.

Nothing here decides what a notebook page shows: if the child process fails or is
slow, the plugin finds no entry and executes the notebook itself, reporting any
error as it always does.

    python -m site_engine.notebooks JOB_JSON   # what the plugin runs
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from analysis import paths

ROOT = paths.ROOT

# The plugin settings that nb2html and the cache key read (mkdocs_jupyter/plugin.py).
SETTINGS = (
    "execute", "kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
    "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url",
    "toc_depth", "execute_ignore",
)


def _executes(nb: Path, settings) -> bool:
    """The plugin's rule: execute unless the notebook matches an execute_ignore pattern."""
    return settings["execute"] and not any(nb.match(pattern) for pattern in settings["execute_ignore"] or [])


def pending(plugin, notebooks: list[Path]) -> list[tuple[Path, Path]]:
    """(notebook, cache file) for each notebook whose cache entry does not exist yet."""
    from mkdocs_jupyter import plugin as jupyter_plugin

    out = []
    for nb in notebooks:
        key = jupyter_plugin._compute_cache_key(str(nb), plugin.config, _executes(nb, plugin.config))
        cache_path = jupyter_plugin._get_cache_path(plugin.config["cache_dir"], key)
        if not cache_path.exists():
            out.append((nb, cache_path))
    return out


def start(plugin, notebooks: list[Path]) -> subprocess.Popen | None:
    """Start rendering the notebooks with no cache entry; None when there is nothing to do."""
    todo = pending(plugin, notebooks)
    if not todo:
        return None
    settings = {key: plugin.config[key] for key in SETTINGS}
    job = {"settings": settings, "notebooks": [[str(nb), str(path)] for nb, path in todo]}
    return subprocess.Popen(
        [sys.executable, "-m", "site_engine.notebooks", json.dumps(job)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def key_cache(plugin) -> None:
    """Point mkdocs-jupyter's own cache at a folder named by everything a notebook
    page runs: the notebooks, the analysis code, its fixtures and the lock. The plugin
    keys its cache on the notebook file alone, which would serve stale output after
    a change to the code the notebook calls."""
    inputs = sorted(
        [*paths.DOCS.rglob("*.ipynb"), *paths.ANALYSIS.rglob("*.py"), *(ROOT / "tests" / "fixtures" / "bibliometrics").rglob("*"), ROOT / "uv.lock"]
    )
    digest = hashlib.sha256()
    for path in inputs:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    base = paths.GENERATED / "notebook-cache"
    key = digest.hexdigest()[:16]
    for old in base.glob("*") if base.exists() else []:
        if old.name != key:
            shutil.rmtree(old, ignore_errors=True)
    plugin.config["cache"] = True
    plugin.config["cache_dir"] = str(base / key)


def finish(job: subprocess.Popen | None, log) -> None:
    """Wait for the notebook process. If it failed, mkdocs-jupyter finds no cache entry
    and runs the notebook itself, reporting any error in the notebook as usual."""
    if job is None:
        return
    _, stderr = job.communicate()
    if job.returncode != 0:
        tail = (stderr or "").strip().splitlines()[-1:] or ["(no message)"]
        log.info(f"notebook pre-render exited {job.returncode} ({tail[0]}); mkdocs-jupyter runs it instead")


def render(nb: str, cache_path: str, settings: dict) -> None:
    """What mkdocs-jupyter's page render does on a cache miss (plugin.py, new_render)."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter import plugin as jupyter_plugin

    body = convert.nb2html(
        nb,
        execute=_executes(Path(nb), settings),
        kernel_name=settings["kernel_name"],
        theme=settings["theme"],
        allow_errors=settings["allow_errors"],
        show_input=settings["show_input"],
        no_input=settings["no_input"],
        no_prompt=settings["no_prompt"],
        remove_tag_config=settings["remove_tag_config"],
        highlight_extra_classes=settings["highlight_extra_classes"],
        include_requirejs=settings["include_requirejs"],
        custom_mathjax_url=settings["custom_mathjax_url"],
    )
    toc_tokens, title = jupyter_plugin._get_nb_toc_tokens(nb, settings["toc_depth"])
    path = Path(cache_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a temporary name, then renamed: the build never reads half a file.
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8")
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m site_engine.notebooks JOB_JSON", file=sys.stderr)
        return 2
    job = json.loads(args[0])
    for nb, cache_path in job["notebooks"]:
        render(nb, cache_path, job["settings"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
