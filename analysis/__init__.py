"""Analysis package: turns the validated CSVs in data/ into the charts, tables and
named values that the pages of docs/ include, and the pages and rules the site makes
from data (dataset pages, quote-bank pages, glossary rules: ``site_pages``), each written
once per change into generated/. Entry point: ``python -m analysis``.

Layering: imports scholarly/ and the floor, never the page fragments above it. The floor is
the one escaping rule (``analysis.escape``) and the one template environment
(``fragments``: ``render``, ``render_markup``, ``render_page``), through which this package
renders the HTML it writes (dataset pages, the quote bank's pages, a chart's data table)
from fragments/templates."""
