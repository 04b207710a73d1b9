"""Page fragments: the HTML a page includes, rendered from the Jinja templates in
fragments/templates through one environment (this module's) with autoescape on.

This module (the environment, ``render``, ``render_markup``, ``render_page``) is the floor any layer may
import, beside ``analysis.escape``: it imports only jinja2, markupsafe and the escaping rule,
so the pipeline (analysis/) renders the pages it writes into generated/pages/ from the same
templates. The other modules of this package stand above analysis/ and scholarly/ and import
both (the findings register, citation records and formats); neither imports them.

What lives where (module: its templates):
- ``chart``: a chart's frame (chart_frame.html.j2)
- ``table``: a generated table's frame (table_frame.html.j2)
- ``slide_figure``: a figure of the China-UK slides: its chart, or the line that stands
  where it would be when it is not redrawn (source_figure.html.j2)
- ``findings``: a finding of the register and the home page's glance (finding.html.j2,
  findings_glance.html.j2); the register itself is loaded and checked in analysis/findings.py
  and fills its named values through finding_text.html.j2
- ``cite_box``: the "Cite this" boxes and each page's citations.html: the cite box (cite_box.html.j2), its metadata
  line and four formats (cite_meta.html.j2, cite_formats.html.j2), a page's
  citations.html (citations.html.j2) and the list of related studies (related.html.j2)
- ``quote``: a quotation card (quote_card.html.j2) and its speaker line
- the error banner a failed ``mkdocs serve`` rebuild shows over the last good site
  (build_error.html.j2, rendered by transforms/safe_site.py)
- rendered by the pipeline (analysis/): a dataset's page (dataset_page.md.j2), the quote
  bank's filter form, study blocks and theme pages' lead and counts (quote_filter.html.j2,
  quote_study.html.j2, quote_theme.html.j2), the data table under each chart
  (chart_data_table.html.j2)
- one markup for a long table whose later rows wait in a <template> (long_table.html.j2,
  one preview rule), used by the tables on pages and by the dataset pages
- rendered by the page transforms: reference lists (reference_list.html.j2,
  transforms/citations.py) and the notebook page's folded set-up cell and download link
  (notebook_parts.html.j2, transforms/notebook_html.py)

Engine-agnostic: nothing here imports MkDocs. The page transforms (transforms/) pass plain values (titles,
captions, relative URLs, HTML already made safe by its maker) and get HTML back.
Every value is escaped by the template, through the project's one rule
(``analysis.escape.escape_html``, which also turns braces into entities so that
include syntax in data is never read as an include), unless it is wrapped in ``markupsafe.Markup``
by whoever made it (the data table of a chart, a cite box). Text from data inside a page's
Markdown goes through the filter ``text`` (``analysis.escape.escape_text``: Markdown and
citation syntax neutralised too, on one line; ``text(keep_spaces=true)`` for a line of a <pre>);
a table's cells, in a raw HTML block where Markdown is not read, through ``block_text``
(``analysis.escape.escape_html_block``: "@" too, which the citation transform would read).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from analysis.escape import escape_html_block, escape_text, escape_text_keep_spaces, jinja_finalize

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _text(value, keep_spaces: bool = False) -> Markup:
    """The filter ``text``: text from data inside Markdown (analysis.escape.escape_text)."""
    return Markup(escape_text_keep_spaces(value) if keep_spaces else escape_text(value))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "j2"), default_for_string=True),
        undefined=StrictUndefined,  # a value the template names but nobody passed is an error, not ""
        finalize=jinja_finalize,  # the one escaping rule (analysis/escape.py): braces from data too
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["text"] = _text
    env.filters["block_text"] = lambda value: Markup(escape_html_block(value))
    return env


def render_markup(template: str, **context) -> Markup:
    """One template of fragments/templates, rendered as it is (no line dropped), without
    the file's final newline: for fragments whose maker places them (a <pre> keeps its lines)."""
    return Markup(environment().get_template(template).render(**context).removesuffix("\n"))


def render(template: str, **context) -> str:
    """One template of fragments/templates, rendered with the given values."""
    html = environment().get_template(template).render(**context)
    # The fragment goes into Markdown as one raw-HTML block: a blank line would end it.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


def render_page(template: str, **context) -> str:
    """A page's Markdown from a template of fragments/templates, every line kept (a blank
    line is Markdown's paragraph break)."""
    return environment().get_template(template).render(**context)
