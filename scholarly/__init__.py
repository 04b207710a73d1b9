"""Scholarly metadata for the site, independent of the site generator (no MkDocs here).

- ``metadata``: citation.yaml, read and checked once.
- ``version``: which version a build is (git, a ``git archive``, or a development build)
  and each page's first-published and last-changed dates from one ``git log``.
- ``records``: the plain-data record of one citation (page, chart, table, quotation).
- ``formats``: that record as APA 7, Chicago, BibTeX (pybtex) and RIS; and the one APA 7
  formatter of published works (``apa_reference``, from CSL-JSON items) for the reference
  list, the quotation cards' study citation, the related studies and Zenodo's references.
- ``head``: OpenGraph, Dublin Core and JSON-LD for a page's <head>.
- ``cff``: CITATION.cff and .zenodo.json from citation.yaml.
- ``page_dates``, ``releases``: page-dates.json for source archives; building a release's site.

Layering: the lowest package. It imports nothing of the project but the one escaping rule
(``analysis.escape``, standard library only); the "Cite this" boxes that render these
records are page fragments (``fragments.cite_box``).
"""
