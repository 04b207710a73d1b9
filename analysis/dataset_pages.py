"""One page per dataset under datasets/, written by the pipeline from the dataset's metadata.

Each page (``datasets/<name>.md``, in generated/pages/, never in docs/; rendered from
fragments/templates/dataset_page.md.j2) shows the description, provenance, download links,
schema, notes and every row (in the long-table markup the tables on pages use), and carries
schema.org ``Dataset`` JSON-LD in its front matter key ``jsonld`` (a JSON string) for
the page head. Its addresses are site-relative and its catalogue unnamed: the build
completes them for the address it is made for (transforms/cite.py). The Data section's
landing page (``datasets/index.md``) lists them all. A dataset whose metadata lacks a
required key stops the pipeline (analysis.datasets).
"""
from __future__ import annotations

from pathlib import Path

import yaml
from markupsafe import Markup

from analysis import paths
from analysis.escape import escape_markdown
from fragments import render_page

SECTION = "datasets"
INDEX = f"{SECTION}/index.md"
LICENSE_URLS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}
# Section headings of the Data landing page, by folder of data/; other folders show their name.
FOLDER_HEADINGS = {
    "china_uk": "China-UK study",
    "korea_uk": "Korea-UK study",
    "bibliometrics": "Bibliometric processing rules",
    "quotes": "Interview quotations",
    "general": "Site-wide",
}
# Datasets above this size show their first rows only; every table of the sources fits below it.
MAX_ROWS_SHOWN = 300


def pages() -> dict[str, str]:
    """Page sources by URI: one per dataset and the Data landing page."""
    from analysis import datasets

    index = datasets.discover(paths.DATA)
    described = [datasets.describe_file(path) for path in index.values()]
    pages = {f"{SECTION}/{ds.name}.md": dataset_page(ds) for ds in described}
    pages[INDEX] = index_page(described)
    return pages


def _data_rel(path: Path) -> str:
    return path.relative_to(paths.DATA).as_posix()


def _cell(value) -> str:
    """Metadata text made safe for Markdown with the rule of every data table (analysis/escape.py)."""
    return "" if value is None else escape_markdown(value).strip()


def _constraints(field: dict) -> str:
    rules = []
    for key, value in (field.get("constraints") or {}).items():
        if key == "required" and value:
            rules.append("required")
        elif key == "unique" and value:
            rules.append("unique")
        elif key == "enum":
            rules.append("one of: " + ", ".join(str(v) for v in value))
        elif key == "minimum":
            rules.append(f"≥ {value}")
        elif key == "maximum":
            rules.append(f"≤ {value}")
        elif key == "pattern":
            rules.append(f"matches {value}")
        else:
            rules.append(f"{key}: {value}")
    if field.get("codelist") == "iso3166-1-alpha3":
        rules.append("ISO 3166-1 alpha-3 code")
    return "; ".join(rules)


def schema_table(ds) -> str:
    import pandas as pd

    from analysis.render import markdown_table

    frame = pd.DataFrame(
        [
            {
                "Column": f["name"],
                "Type": f.get("type", "string"),
                "Unit": f.get("unit", ""),
                "Description": ". ".join(x.rstrip(".") for x in (f.get("title", ""), f.get("description", "")) if x) + ".",
                "Constraints": _constraints(f),
            }
            for f in ds.fields
        ]
    )
    # A column empty in every row (Unit, in most datasets) only takes width from Description.
    return markdown_table(frame.loc[:, (frame != "").any()])


def _credit() -> str:
    """Who made the transcriptions: the site's team, as citation.yaml (the one citation source) names it."""
    from scholarly.metadata import CITATION_FILE, load_metadata

    meta = load_metadata() if CITATION_FILE.exists() else {}
    return (meta.get("authors") or [{}])[0].get("name") or meta.get("publisher") or "the site's maintainers"


def jsonld(ds, rows: int) -> dict:
    """schema.org Dataset with site-relative addresses and the catalogue's name left to the build."""
    page_url = f"{SECTION}/{ds.name}/"
    csv_url = f"data/{_data_rel(ds.csv_path)}"
    meta_url = f"data/{_data_rel(ds.descriptor_path)}"
    licence = ds.descriptor["licenses"][0]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": ds.title,
        "description": " ".join(ds.descriptor["description"].split()),
        "url": page_url,
        "identifier": ds.name,
        "license": LICENSE_URLS.get(licence.get("name"), licence.get("path", licence.get("name"))),
        "isAccessibleForFree": True,
        "isBasedOn": [
            {"@type": "CreativeWork", "name": s["title"], **({"description": f"Table as printed: {s['table_as_printed']}"} if s.get("table_as_printed") else {})}
            for s in ds.descriptor["sources"]
        ],
        "creator": {"@type": "Organization", "name": _credit()},
        "includedInDataCatalog": {"@type": "DataCatalog", "name": "", "url": f"{SECTION}/"},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": csv_url, "name": ds.csv_path.name},
            {"@type": "DataDownload", "encodingFormat": "application/yaml", "contentUrl": meta_url, "name": ds.descriptor_path.name},
        ],
        "variableMeasured": [
            {"@type": "PropertyValue", "name": f["name"], "description": f.get("description") or f.get("title", ""), **({"unitText": f["unit"]} if f.get("unit") else {})}
            for f in ds.fields
        ],
        "size": f"{rows} rows",
    }


def dataset_page(ds) -> str:
    """The page's Markdown: its front matter, then the template dataset_page.md.j2."""
    from analysis import datasets
    from analysis.escape import json_for_script

    try:
        frame = datasets.load_dataset(ds)
    except datasets.DataError as exc:
        raise datasets.DataError(f"dataset page for '{ds.name}': {exc}") from exc
    description = " ".join(ds.descriptor["description"].split())
    # Front matter is plain text (transforms/safe_output.py escapes title and description for the
    # HTML); the JSON-LD is already safe inside <script> (every <, > and & escaped).
    front = {"title": ds.title, "description": description, "jsonld": json_for_script(jsonld(ds, len(frame)))}
    here = f"{SECTION}/{ds.name}.md"
    key = ds.descriptor["schema"].get("primaryKey")
    body = render_page(
        "dataset_page.md.j2", ds=ds, description=description, total=len(frame),
        key=[key] if isinstance(key, str) else key or [],
        csv={"name": ds.csv_path.name, "href": _relative(f"data/{_data_rel(ds.csv_path)}", here)},
        meta={"name": ds.descriptor_path.name, "href": _relative(f"data/{_data_rel(ds.descriptor_path)}", here)},
        licences=[licence.get("title") or licence.get("name") for licence in ds.descriptor["licenses"]],
        sources=ds.descriptor["sources"], notes=ds.descriptor.get("notes") or [],
        schema=Markup(schema_table(ds)), **data_rows(frame.head(MAX_ROWS_SHOWN)))
    return f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000).strip()}\n---\n{body}"


def data_rows(frame) -> dict:
    """The frame's header, rows and right-aligned (numeric) columns for the long table
    (fragments/templates/long_table.html.j2, which escapes them): each cell's text on one line,
    empty for a missing value."""
    import pandas as pd

    def cell(value) -> str:
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else " ".join(str(value).split())

    return {"header": [cell(c) for c in frame.columns],
            "rows": [[cell(v) for v in row] for row in frame.itertuples(index=False)],
            "numeric": [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]}


def _relative(target: str, page_uri: str) -> str:
    """A link from a page source to another site file, as MkDocs resolves relative links."""
    depth = page_uri.count("/")
    return "../" * depth + target


def index_page(described) -> str:
    by_folder: dict[str, list] = {}
    for ds in described:
        folder = ds.descriptor_path.parent.relative_to(paths.DATA).as_posix()
        by_folder.setdefault(folder if folder != "." else "general", []).append(ds)
    sections = []
    for folder in sorted(by_folder):
        lines = []
        for ds in sorted(by_folder[folder], key=lambda d: d.name):
            src = ds.descriptor["sources"][0]
            label = src.get("table_as_printed", "")
            lines.append(f"| [{_cell(ds.title)}]({ds.name}.md) | `{ds.name}` | {_cell(label)} |")
        heading = FOLDER_HEADINGS.get(folder, folder)
        sections.append(f"## {heading}\n\nFiles in `data/{folder}/`.\n\n| Dataset | Name | Source table as printed |\n| :--- | :--- | :--- |\n" + "\n".join(lines))
    return (
        "---\ntitle: Data\n---\n\n# Data\n\n"
        "Every table the site draws on is held as a CSV file with a metadata file beside it "
        "(a Frictionless Data resource descriptor): what the table is, which source and which printed "
        "table it comes from, and a schema giving each column's type, unit and allowed values. Every build "
        "checks each file against its schema and stops, naming the file, row, column and rule, when one "
        "breaks it. Each dataset below has its own page with its schema, its provenance, download links and all of its rows.\n\n"
        "The [Data notes](notes.md) page lists what an automatic audit of the sources' own tables finds: shares "
        "that do not follow from their counts, repeated table labels and similar problems, and how the site treats each.\n\n"
        + "\n\n".join(sections)
        + "\n"
    )
