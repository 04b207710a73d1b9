"""Analysis package: turns the validated CSVs in data/ into the charts, tables and
named values that the pages of docs/ include, and the pages and rules the site makes
from data (dataset pages, quote-bank pages, glossary rules: ``site_pages``), each written
once per change into generated/. Entry point: ``python -m analysis``."""
