"""MkDocs objects turned into the plain values the transforms take, and the serve guard."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort

from transforms import safe_site
from transforms.build import SiteBuild
from transforms.page import PageRef

PRINT_PAGE = Path("print_page") / "index.html"


def page_ref(build: SiteBuild, page) -> PageRef:
    """The build's record of an MkDocs page, brought up to date with what MkDocs knows now."""
    ref = build.page(page.file.src_uri, page.file.url)
    ref.canonical_url = page.canonical_url
    ref.meta = page.meta if page.meta is not None else {}
    ref.title = page.title
    ref.markdown = page.markdown
    ref.content = getattr(page, "content", None)
    ref.abs_src_path = page.file.abs_src_path
    ref.abs_dest_path = page.file.abs_dest_path
    return ref


def print_page_of(config):
    """The print-site plugin's whole-site page, when the plugin is on."""
    return getattr(config.plugins.get("print-site"), "print_page", None)


def print_key(url: str) -> str:
    """The key the print-site plugin gives a page's anchors on the whole-site page."""
    from mkdocs_print_site_plugin.urls import get_page_key

    return get_page_key(url)


def rewrite_print_page(site_dir: Path, fix) -> None:
    """Apply ``fix`` to the whole-site print page the print-site plugin wrote, if it did."""
    path = site_dir / PRINT_PAGE
    if path.is_file():
        html = path.read_text(encoding="utf-8")
        fixed = fix(html)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")


def serve_guard(server, log):
    """``mkdocs serve`` keeps serving the last good site when a rebuild fails (MkDocs' own
    server would hold every request until the build is fixed), and every page shows the
    error at its top until a rebuild succeeds."""
    rebuild, inject = server.builder, server._inject_js_into_html
    failure: dict = {"error": None}

    def guarded_rebuild():
        failure["error"] = None
        try:
            rebuild()
        except Exception as exc:  # MkDocs' Abort included; KeyboardInterrupt still stops the server
            # MkDocs reports a plugin's error as Abort("Aborted with a BuildError!"), raised while
            # handling it: the error itself is the Abort's context.
            cause = exc.__context__ if isinstance(exc, Abort) and isinstance(exc.__context__, Exception) else exc
            failure["error"] = f"{type(cause).__name__}: {cause}"
            log.error("Rebuild failed; still serving the last good site, with the error on every page.")

    def inject_with_error(content: bytes, epoch):
        content = inject(content, epoch)
        return safe_site.with_banner(content, failure["error"]) if failure["error"] else content

    # MkDocs 1.6.1 (pinned; unmaintained): the server calls `builder` on each change and
    # passes every HTML file through `_inject_js_into_html`.
    server.builder = guarded_rebuild
    server._inject_js_into_html = inject_with_error
    return server
