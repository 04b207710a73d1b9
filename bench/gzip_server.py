"""A local static server that compresses text responses with gzip, as GitHub Pages does.

Used by bench/bench_lighthouse.py: Lighthouse's simulated slow 4G charges a page for
the bytes it transfers, so the files must go over the wire as a real host sends them.
"""
from __future__ import annotations

import gzip
import io
from pathlib import Path

from tests.browser.browser_helpers import _QuietHandler, serve

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".md")


class GzipHandler(_QuietHandler):
    _cache: dict = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        key = (str(path), path.stat().st_mtime_ns)
        body = self._cache.get(key)
        if body is None:
            body = self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve_gzipped(site_dir: Path, mounts: dict[str, Path] | None = None):
    """Serve site_dir (and folders mounted at URL prefixes) gzipped on 127.0.0.1; yields the base URL."""
    return serve(site_dir, mounts, handler=GzipHandler)
