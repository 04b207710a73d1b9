"""Analysis package: turns the validated CSVs in data/ into the charts, tables and
named values that the pages of docs/ include. Entry point: ``python -m analysis``."""
