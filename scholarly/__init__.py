"""Scholarly metadata for the site, independent of the site generator (no MkDocs here).

- ``metadata``: citation.yaml, read and checked once.
- ``version``: which version a build is (git, a ``git archive``, or a development build)
  and each page's first-published and last-changed dates from one ``git log``.
- ``records``: the plain-data record of one citation (page, chart, table, quotation).
- ``formats``: that record as APA 7, Chicago, BibTeX (pybtex) and RIS.
- ``boxes``: the "Cite this" boxes and citations.html, from Jinja templates.
- ``head``: OpenGraph, Dublin Core and JSON-LD for a page's <head>.
- ``cff``: CITATION.cff and .zenodo.json from citation.yaml.
"""
