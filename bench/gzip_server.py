"""A local static server that compresses text responses with gzip, as GitHub Pages does.

Used by bench/bench_lighthouse.py: Lighthouse's simulated slow 4G charges a page for
the bytes it transfers, so the files must go over the wire as a real host sends them.
"""
from __future__ import annotations

import functools
import gzip
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.browser.browser_helpers import _QuietHandler

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
        import io

        return io.BytesIO(body)


@contextmanager
def serve_gzipped(site_dir: Path, mounts: dict[str, Path] | None = None):
    """Serve site_dir (and folders mounted at URL prefixes) gzipped on 127.0.0.1; yields the base URL."""
    handler = type("Handler", (GzipHandler,), {"mounts": dict(mounts or {})})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="gzip-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
