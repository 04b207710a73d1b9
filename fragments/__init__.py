"""Page fragments: the HTML a page includes for a chart, a table or a slide figure,
rendered from Jinja templates in fragments/templates with autoescape on.

Engine-agnostic: nothing here imports MkDocs. The hooks pass plain values (titles,
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


def render(template: str, **context) -> str:
    """One template of fragments/templates, rendered with the given values."""
    html = environment().get_template(template).render(**context)
    # The fragment goes into Markdown as one raw-HTML block: a blank line would end it.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
