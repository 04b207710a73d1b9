"""The glossary's rows (data/glossary.csv, validated) as JSON for the site's glossary hook.

The hook (hooks/glossary.py) links terms on every page of every build. Reading the
validated rows from generated/ instead of validating the CSV again keeps pandas and
frictionless out of builds where the data did not change; the pipeline re-runs this
when the CSV or its schema changes.
"""
from __future__ import annotations

from analysis.registry import json_artifact


@json_artifact("glossary_terms", inputs=["glossary"])
def glossary_rows(glossary) -> dict:
    # Every column is required text in the schema (data/glossary.resource.yaml).
    return {"rows": glossary.astype(str).to_dict("records")}
