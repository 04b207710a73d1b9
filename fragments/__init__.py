"""Page fragments: the HTML a page includes, rendered from the Jinja templates in
fragments/templates through one environment (this module's) with autoescape on.

What lives where (module: its templates):
- ``chart``: a chart's frame (chart_frame.html.j2)
- ``table``: a generated table's frame (table_frame.html.j2)
- ``slide_figure``: a figure of the China-UK slides: its chart, or the line that stands
  where it would be when it is not redrawn (source_figure.html.j2)
- ``findings``: a finding of the register and the home page's glance (finding.html.j2,
  findings_glance.html.j2); the register itself is loaded and checked in analysis/findings.py
- ``cite_box``: the "Cite this" boxes and each page's citations.html: the cite box (cite_box.html.j2), its metadata
  line and four formats (cite_meta.html.j2, cite_formats.html.j2), a page's
  citations.html (citations.html.j2) and the list of related studies (related.html.j2)
- ``quote``: a quotation card (quote_card.html.j2) and its speaker line
- the error banner a failed ``mkdocs serve`` rebuild shows over the last good site
  (build_error.html.j2, rendered by transforms/safe_site.py)

Layering: fragments imports analysis (the escaping rule, the findings register) and
scholarly (citation records and formats); neither of those imports fragments.

Engine-agnostic: nothing here imports MkDocs. The page transforms (transforms/) pass plain values (titles,
captions, relative URLs, HTML already made safe by its maker) and get HTML back.
Every value is escaped by the template, through the project's one rule
(``analysis.escape.escape_html``, which also turns braces into entities so that
include syntax in data is never read as an include), unless it is wrapped in ``markupsafe.Markup``
by whoever made it (the data table of a chart, a cite box).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from analysis.escape import jinja_finalize

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "j2"), default_for_string=True),
        undefined=StrictUndefined,  # a value the template names but nobody passed is an error, not ""
        finalize=jinja_finalize,  # the one escaping rule (analysis/escape.py): braces from data too
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_markup(template: str, **context) -> Markup:
    """One template of fragments/templates, rendered as it is (no line dropped), without
    the file's final newline: for fragments whose maker places them (a <pre> keeps its lines)."""
    return Markup(environment().get_template(template).render(**context).removesuffix("\n"))


def render(template: str, **context) -> str:
    """One template of fragments/templates, rendered with the given values."""
    html = environment().get_template(template).render(**context)
    # The fragment goes into Markdown as one raw-HTML block: a blank line would end it.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
