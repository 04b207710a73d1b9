"""Command-line tools run on a built site, outside the build:

- ``python -m tools.pdf``: the whole-site print page printed to PDF with Chromium (``make pdf``).
- ``python -m tools.urls``: every published page and anchor, written or checked (``make urls``).
"""
