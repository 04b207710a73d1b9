"""Scholarly metadata for the site, independent of the site generator (no MkDocs here).

- ``metadata``: citation.yaml, read and checked once.
- ``version``: which version a build is (git, a ``git archive``, or a development build)
  and each page's first-published and last-changed dates from one ``git log``.
- ``records``: the plain-data record of one citation (page, chart, table, quotation).
- ``formats``: that record as APA 7, Chicago, BibTeX (pybtex) and RIS; and the one APA 7
  formatter of published works (``apa_reference``, from CSL-JSON items) for the reference
  list and the quotation cards' study citation.
- ``boxes``: the "Cite this" boxes and citations.html, from the Jinja templates in
  fragments/templates, rendered through ``fragments`` (the one environment and escaping rule).
- ``head``: OpenGraph, Dublin Core and JSON-LD for a page's <head>.
- ``cff``: CITATION.cff and .zenodo.json from citation.yaml.
- ``page_dates``, ``releases``: page-dates.json for source archives; building a release's site.

Layering: scholarly imports fragments and analysis (escaping); neither imports scholarly back
(analysis/citation_files.py, a command-line tool, does).
"""
