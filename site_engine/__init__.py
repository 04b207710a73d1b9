"""The engine-facing layer: the only code that imports MkDocs.

- ``plugin``: ``ResearchSitePlugin``, the one entry in mkdocs.yml ``plugins:`` (``research-site``);
  it owns the event order and the build's state and calls plain functions of analysis/,
  scholarly/, fragments/ and transforms/.
- ``pages``: what the plugin hands those functions instead of MkDocs objects (a ``PageRef``
  for a page), the whole-site print page, and the guard that keeps ``mkdocs serve`` on the
  last good site.
- ``notebooks``: mkdocs-jupyter's notebook pages rendered into its cache beside the analysis.
"""
