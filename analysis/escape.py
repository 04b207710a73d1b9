"""The one escaping rule for text from data on its way into a page (standard library only,
so the site's page transforms can use it without importing pandas)."""
from __future__ import annotations

import json

# The one rule for text from data on its way into HTML (element text and attribute values):
# markup characters and quotes become entities, and so do braces, so that include syntax
# written in a data file ({{ quote("...") }}) is never read as an include by transforms/include.py.
HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "{": "&#123;", "}": "&#125;"}
# Inside Markdown, the characters that would otherwise become markup too.
# "@" (a citation key for transforms/citations.py), "~" and "^" (pymdownx's sub- and superscript)
# included: text from data never becomes a citation or a strike-through.
MARKDOWN_ENTITIES = {"|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;",
                     "@": "&#64;", "~": "&#126;", "^": "&#94;"}
_HTML_TABLE = str.maketrans(HTML_ENTITIES)
_MARKDOWN_TABLE = str.maketrans({**HTML_ENTITIES, **MARKDOWN_ENTITIES})


def escape_html(value, quote: bool = True) -> str:
    """Text from data, safe as HTML element text or a quoted attribute value (quotes are
    always escaped; ``quote`` is accepted so it can stand in for html.escape)."""
    return str(value).translate(_HTML_TABLE)


def escape_html_block(value) -> str:
    """Text from data inside a raw HTML block of a Markdown page (a table's cells): escape_html,
    and "@" as an entity too, since the page's citation transform reads raw HTML as well
    (transforms/citations.py). Markdown is not read inside such a block, so its characters stay."""
    return escape_html(value).replace("@", "&#64;")


def escape_markdown(value) -> str:
    """Text from data, safe inside Markdown (and the HTML it becomes); one line."""
    return str(value).translate(_MARKDOWN_TABLE).replace("\n", " ")


def json_for_script(obj) -> str:
    """JSON for a <script> element: every <, > and & as a \\u escape, so no string in the
    data can end the element or open a comment that swallows the page."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def jinja_finalize(value):
    """Jinja's ``finalize`` for templates that render data: plain strings go through
    ``escape_html`` (braces included) before autoescape sees them; Markup made by its
    maker passes as it is; None prints nothing."""
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(escape_html(value))
    return value


# The same rule under the names the quotation cards and slide figures use.
def escape_text(value) -> str:
    """Text from data as HTML with Markdown and transform syntax neutralised; whitespace
    collapsed to single spaces (one line)."""
    return escape_markdown(" ".join(str(value).split()))


def escape_text_keep_spaces(line: str) -> str:
    """escape_text for one line whose spacing matters (a code block)."""
    return str(line).translate(_MARKDOWN_TABLE)


def escape_attr(value) -> str:
    """Text from data inside a raw HTML attribute value: escape_html."""
    return escape_html(value)
