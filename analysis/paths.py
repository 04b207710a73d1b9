"""Every path the project uses, defined once."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"  # raw bibliographic exports; gitignored, never committed
DOCS = ROOT / "docs"
ANALYSIS = ROOT / "analysis"
GENERATED = ROOT / "generated"  # everything the pipeline writes; gitignored
CHARTS = GENERATED / "charts"
TABLES = GENERATED / "tables"
ASSETS = GENERATED / "assets"
MANIFEST = GENERATED / "manifest.json"
VALUES = GENERATED / "values.json"
