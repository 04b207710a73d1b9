"""`make serve`: the development server builds the site, serves it, and rebuilds it
when a data file changes, so the preview never shows a stale artifact; with broken data it
keeps serving the last good site, shows the error on the page, and recovers when the data
is fixed."""
from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, VENV_BIN
from tests.integration.test_no_stale_output import DATASET, LATER_ARTIFACT_FAILED, passes_schema_fails_later

BANNER = "The last rebuild failed; this is the last good build."


def serve_command(port: int) -> str:
    """The Makefile's own `serve` recipe, with this venv and a free port."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:.*\n\t(.+)$", makefile, re.MULTILINE).group(1)
    return recipe.replace("$(BIN)", str(VENV_BIN)).replace("127.0.0.1:8000", f"127.0.0.1:{port}")


def mount_path() -> str:
    from urllib.parse import urlsplit

    from mkdocs.config import load_config

    return urlsplit(load_config(str(ROOT / "mkdocs.yml")).site_url).path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def wait_for(predicate, timeout: float, what: str):
    """predicate() once it is true: asked every 0.1 s (a request to the local server) until timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@contextlib.contextmanager
def serving(project_copy: Path, output=subprocess.DEVNULL):
    """`make serve`'s recipe running on the project copy; yields (base URL, a function that
    returns a page's body when it is served with status 200, else None). Stops the server
    (its whole process group) on the way out."""
    port = free_port()
    # mkdocs serve mounts the site at the path of site_url (e.g. /irc-site/).
    base = f"http://127.0.0.1:{port}" + mount_path().rstrip("/")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    server = subprocess.Popen(serve_command(port), shell=True, cwd=project_copy, env=env, start_new_session=True,
                              stdout=output, stderr=subprocess.STDOUT, text=True)

    def page(path: str):
        try:
            status, body = fetch(f"{base}{path}")
        except OSError:
            return None
        return body if status == 200 else None

    try:
        yield base, page
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_make_serve_rebuilds_on_a_data_change_and_keeps_the_last_good_site_through_an_error(project_copy):
    """Builds its own, as `make serve` on a copy whose data changes: one server session (one
    first build) for the rebuild, the broken data and the recovery."""
    with serving(project_copy) as (base, page):
        def methods_page():
            return page("/china-uk/methods/")

        first = wait_for(methods_page, 180, "the first build to be served")
        assert "<td>312</td>" in first and "<td>313</td>" not in first
        assert "171,054" in first and BANNER not in first
        assert fetch(f"{base}/")[0] == 200
        # The Makefile leaves the whole-site print page out of the preview (IRC_PRINT_PAGE=false).
        assert fetch(f"{base}/print_page/")[0] == 404

        # A changed data file: the page shows the new count once the rebuild is done.
        csv = project_copy / DATASET
        text = csv.read_text(encoding="utf-8")
        assert text.count(",312 16,312\n") == 1
        changed = text.replace(",312 16,312\n", ",312 16,313\n")
        csv.write_text(changed, encoding="utf-8")
        wait_for(lambda: (body := methods_page()) and "<td>313</td>" in body, 120,
                 "the rebuilt methods page to show the changed record count")

        # Broken data: answered at once (fetch times out after 5 s), the last good page, the error on top.
        csv.write_text(passes_schema_fails_later(changed), encoding="utf-8")
        broken = wait_for(lambda: (body := methods_page()) and BANNER in body and body, 120, "the error on the page")
        assert LATER_ARTIFACT_FAILED.search(broken) and "171,054" in broken and "999,999" not in broken
        assert "<td>313</td>" in broken, "the page shown is not the last good build"
        csv.write_text(changed, encoding="utf-8")
        fixed = wait_for(lambda: (body := methods_page()) and BANNER not in body and body, 120, "the fixed rebuild")
        assert "171,054" in fixed and "999,999" not in fixed and "<td>313</td>" in fixed
