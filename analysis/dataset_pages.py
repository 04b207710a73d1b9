"""One page per dataset under datasets/, written by the pipeline from the dataset's metadata.

Each page (``datasets/<name>.md``, in generated/pages/, never in docs/) shows the
description, provenance, download links, schema, notes and every row, and carries
schema.org ``Dataset`` JSON-LD in its front matter key ``jsonld`` (a JSON string) for
the page head. Its addresses are site-relative and its catalogue unnamed: the build
completes them for the address it is made for (transforms/cite.py). The Data section's
landing page (``datasets/index.md``) lists them all. A dataset whose metadata lacks a
required key stops the pipeline (analysis.datasets).
"""
from __future__ import annotations

from pathlib import Path

import yaml

from analysis import paths
from analysis.escape import escape_markdown

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
    from analysis import datasets
    from analysis.escape import escape_html, json_for_script

    try:
        frame = datasets.load_dataset(ds)
    except datasets.DataError as exc:
        raise datasets.DataError(f"dataset page for '{ds.name}': {exc}") from exc
    rows = len(frame)
    # Front matter is plain text (transforms/safe_output.py escapes title and description for the
    # HTML); the JSON-LD is already safe inside <script> (every <, > and & escaped).
    front = {"title": ds.title, "description": " ".join(ds.descriptor["description"].split()), "jsonld": json_for_script(jsonld(ds, rows))}
    here = f"{SECTION}/{ds.name}.md"
    csv_link = _relative(f"data/{_data_rel(ds.csv_path)}", here)
    meta_link = _relative(f"data/{_data_rel(ds.descriptor_path)}", here)
    sources = "\n".join(
        f"- {_cell(s['title'])}" + (f" — table as printed: {_cell(s['table_as_printed'])}" if s.get("table_as_printed") else "")
        for s in ds.descriptor["sources"]
    )
    licences = "; ".join(_cell(l.get("title") or l.get("name")) for l in ds.descriptor["licenses"])
    notes = "\n".join(f"- {_cell(' '.join(str(n).split()))}" for n in ds.descriptor.get("notes") or []) or "None."
    key = ds.descriptor["schema"].get("primaryKey")
    key_text = ", ".join(f"<code>{escape_html(k)}</code>" for k in ([key] if isinstance(key, str) else key or [])) or "none"
    shown = frame.head(MAX_ROWS_SHOWN)
    shown_note = "" if rows <= MAX_ROWS_SHOWN else f" The first {MAX_ROWS_SHOWN} are shown; the CSV holds them all."
    return f"""---
{yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000).strip()}
---

# {_cell(ds.title)}

{_cell(' '.join(ds.descriptor['description'].split()))}

<div class="irc-dataset-facts" markdown>

- **Dataset name:** `{ds.name}`
- **Rows:** <span class="irc-dataset-rows">{rows}</span>; **columns:** {len(ds.fields)}; **key:** {key_text}
- **Download:** [{ds.csv_path.name}]({csv_link}) (CSV, UTF-8) · [{ds.descriptor_path.name}]({meta_link}) (metadata: Frictionless resource descriptor)
- **Licence:** {licences}

</div>

## Provenance

{sources}

## Schema

{schema_table(ds)}

## Notes

{notes}

## Data

All {rows} rows as the CSV holds them.{shown_note}

{data_table(shown)}
"""


# The data table shows this many rows at first; the others wait in a <template> in its body
# (not part of the page until "Show all", docs/javascripts/rows.js, or printing).
PREVIEW_ROWS = 25


def data_table(frame) -> str:
    """Every row of the frame as an HTML table, aligned as a Markdown pipe table would be
    (numbers right); rows after the first PREVIEW_ROWS in a <template>, with a note and a
    "Show all" button after the table. One row per line, no blank line: one raw HTML block."""
    import pandas as pd

    from analysis.escape import escape_html

    def cell(value) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        return escape_html(" ".join(str(value).split()))

    align = [' style="text-align: right;"' if pd.api.types.is_numeric_dtype(frame[c]) else ' style="text-align: left;"'
             for c in frame.columns]
    head = "".join(f'<th scope="col"{a}>{cell(c)}</th>' for c, a in zip(frame.columns, align))
    body = ["<tr>" + "".join(f"<td{a}>{cell(v)}</td>" for v, a in zip(row, align)) + "</tr>"
            for row in frame.itertuples(index=False)]
    total = len(body)
    shown = total if total <= PREVIEW_ROWS + 5 else PREVIEW_ROWS
    if shown < total:
        body = [*body[:shown], '<template class="irc-more__rows">', *body[shown:], "</template>"]
    rows = "\n".join(body)
    html = (f'<div class="irc-table-scroll">\n<table>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>\n</div>")
    if shown < total:
        html += (f'\n<p class="irc-more" data-all="All {total} rows are shown.">The first {shown} of {total} rows are '
                 f"shown; the CSV (Download, above) holds them all. "
                 f'<button type="button" class="md-button irc-more__show" hidden>'
                 f"Show all {total} rows</button></p>")
    return html


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
