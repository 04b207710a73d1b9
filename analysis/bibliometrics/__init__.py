"""Raw Web of Science and CSSCI exports -> the aggregate datasets of the China-UK study.

Readers stream records (memory does not grow with the file), the country and
funder rules are data (``data/bibliometrics/*.csv``), and the aggregates are
written as datasets with resource descriptors, like every other file in data/.
Run it with ``python -m analysis.bibliometrics EXPORT_DIR --out DIR``.
"""
