"""MkDocs hook: a failed build never replaces the last good site.

Every build (``mkdocs build``, ``make build``, each rebuild of ``mkdocs serve``) writes
into ``<site_dir>.partial`` beside the site folder; only a build that finished without
error or strict-mode warning is moved into place. In ``mkdocs serve``, a failed rebuild
keeps the last good site served (MkDocs' own server would hold every request until the
build is fixed) and every page shows the error at its top until a rebuild succeeds.
"""
from __future__ import annotations

import importlib
import logging
import shutil
from pathlib import Path

from jinja2 import Environment
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.hooks.safe_site")

_BANNER = Environment(autoescape=True).from_string(
    '<div class="irc-build-error" role="alert" style="margin:0;padding:1em;background:#b00020;color:#fff;'
    'font:14px/1.4 monospace;white-space:pre-wrap">'
    "<strong>The last rebuild failed; this is the last good build.</strong>\n{{ error }}</div>"
)

_state: dict = {}


def _shared() -> dict:
    """State that outlives one build: MkDocs loads this hook afresh for each rebuild's config."""
    return importlib.import_module("hooks.safe_site")._state


@event_priority(100)  # before every plugin reads site_dir
def on_config(config):
    final = Path(config.site_dir)
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    _state.update(final=final, partial=partial)
    config.site_dir = str(partial)
    return config


def _strict_warnings() -> int:
    """Warnings strict mode counted so far (MkDocs aborts on them after on_post_build)."""
    handlers = logging.getLogger("mkdocs").handlers
    return sum(count for h in handlers if isinstance(h, CountHandler) for _, count in h.get_counts())


@event_priority(-100)  # after every plugin has written its files
def on_post_build(config):
    final, partial = _state["final"], _state["partial"]
    if _strict_warnings():
        return  # MkDocs aborts next; on_build_error removes the partial site
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    config.site_dir = str(final)
    _shared()["error"] = None


def on_build_error(error):
    if partial := _state.get("partial"):
        shutil.rmtree(partial, ignore_errors=True)
    _shared()["error"] = f"{type(error).__name__}: {error}"


def on_serve(server, config, builder):
    shared = _shared()
    rebuild, inject = server.builder, server._inject_js_into_html

    def guarded_rebuild():
        shared["error"] = None
        try:
            rebuild()
        except Exception as exc:  # MkDocs' Abort included; KeyboardInterrupt still stops the server
            shared["error"] = shared.get("error") or f"{type(exc).__name__}: {exc}"
            log.error("Rebuild failed; still serving the last good site, with the error on every page.")

    def inject_with_error(content: bytes, epoch):
        content = inject(content, epoch)
        if not shared.get("error"):
            return content
        banner = _BANNER.render(error=shared["error"]).encode("utf-8")
        start = content.find(b"<body")
        at = content.find(b">", start) + 1 if start >= 0 else 0
        return content[:at] + banner + content[at:]

    # MkDocs 1.6.1 (pinned; unmaintained): the server calls `builder` on each change and
    # passes every HTML file through `_inject_js_into_html`.
    server.builder = guarded_rebuild
    server._inject_js_into_html = inject_with_error
    return server
