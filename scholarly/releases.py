"""Build every release tag into SITE/v/X.Y.Z/, so that each release keeps its permanent address.

    python -m scholarly.releases SITE_DIR [--root-url URL] [--python PATH]

GitHub Pages serves one artifact per deploy, which replaces the last: every deploy
therefore rebuilds each release ``vX.Y.Z`` from its own tag (a git worktree of that
commit, built with that commit's own lock file by ``make build``) into
``SITE_DIR/v/X.Y.Z/``, for the address ``<root-url>v/X.Y.Z/``. A release's build is
its own content: later commits never reach it. ``--python`` builds with a given
Python's ``python -m mkdocs`` instead of ``make build`` (the tests, which have no network for a new venv).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scholarly.metadata import ROOT, load_metadata, root_url
from scholarly.version import RELEASE_TAG


def release_tags(root: Path) -> list[tuple[str, str]]:
    """(tag, X.Y.Z) of every release tag, oldest version first."""
    out = subprocess.run(["git", "tag", "--list", "v*"], cwd=root, capture_output=True, text=True, check=True).stdout
    tags = [(t, m.group(1)) for t in out.split() if (m := RELEASE_TAG.match(t))]
    return sorted(tags, key=lambda tv: tuple(int(x) for x in tv[1].split(".")))


def build_release(root: Path, tag: str, version: str, dest: Path, base_url: str, python: str | None = None) -> None:
    """Build one tag into dest (SITE/v/X.Y.Z) for the address base_url + v/X.Y.Z/."""
    env = {**os.environ, "SITE_URL": f"{base_url}v/{version}/", "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix=f"release-{version}-") as tmp:
        work = Path(tmp) / "src"
        subprocess.run(["git", "worktree", "add", "--detach", str(work), tag], cwd=root, check=True, capture_output=True)
        try:
            out = Path(tmp) / "site"
            if python:
                # python -m: the release checkout (cwd) comes first on the path, before any
                # editable install of another checkout in that Python's environment.
                cmd = [python, "-m", "mkdocs", "build", "--site-dir", str(out)]
            else:
                cmd = ["make", "build"]
                out = work / "site"
            proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"release {tag}: build failed\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(out, dest)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work)], cwd=root, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scholarly.releases", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--root-url", help="the latest version's address (default: SITE_URL, else citation.yaml's url)")
    parser.add_argument("--python", help="build with this Python's mkdocs (python -m mkdocs) instead of `make build`")
    parser.add_argument("--repo", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    base = root_url(args.root_url or os.environ.get("SITE_URL") or load_metadata(args.repo / "citation.yaml")["url"])
    tags = release_tags(args.repo)
    if not tags:
        print("no release tags (vX.Y.Z): nothing to build")
    for tag, version in tags:
        dest = args.site_dir / "v" / version
        print(f"building {tag} into {dest} for {base}v/{version}/")
        build_release(args.repo, tag, version, dest, base, args.python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
