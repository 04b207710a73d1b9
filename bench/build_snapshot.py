"""Build the work tree as if it were a source archive of a given commit, for bench/compare_sites.py.

    .venv/bin/python bench/build_snapshot.py SITE_DIR [--as COMMIT] [--from COMMIT] [--patch FILE]

A build from git names its version after the commit it is on: a branch one commit past a
release cites "0.1.0-1-gabc1234, not a release" at other addresses than the release does,
so its pages differ from the release's everywhere. To compare what a change does to the
pages and nothing else, this copies the project's files (the work tree's tracked and
untracked, not ignored files; or, with ``--from``, one commit's) into a temporary folder
without git history, fills ``.git_archival.txt`` as ``git archive`` would for ``--as``
(default: HEAD), and builds it with this work tree's environment into SITE_DIR. Page
dates then come from page-dates.json (scholarly/page_dates.py), as in any source archive.
``--patch`` applies a patch (``git apply``) to the copy only, e.g. a merge's rewiring.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def archival(commit: str) -> str:
    """.git_archival.txt as ``git archive`` expands it at ``commit``."""
    return git("log", "-1", "--format=node: %H%nnode-date: %cI%ndescribe-name: %(describe:tags=true,match=v[0-9]*)",
               commit)


def copy_tree(dest: Path, commit: str | None) -> None:
    if commit:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        return
    for rel in git("ls-files", "-co", "--exclude-standard", "-z").split("\0"):
        src = ROOT / rel
        if rel and src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="where the built site goes")
    parser.add_argument("--as", dest="as_commit", default="HEAD", help="the commit the version is named after")
    parser.add_argument("--from", dest="from_commit", default=None, help="build this commit's files, not the work tree")
    parser.add_argument("--patch", type=Path, default=None, help="a patch to apply to the copy before building")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="snapshot-") as tmp:
        src = Path(tmp)
        copy_tree(src, args.from_commit)
        if args.patch:
            subprocess.run(["git", "apply", "-p1", str(args.patch.resolve())], cwd=src, check=True)
        (src / ".git_archival.txt").write_text(archival(args.as_commit), encoding="utf-8")
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        # python -m puts the copy's folder first on the path, before the editable install of
        # this work tree, so the copy builds with its own packages.
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(src / "mkdocs.yml"), "-d", str(args.site.resolve())],
                              cwd=src, env=env)
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
