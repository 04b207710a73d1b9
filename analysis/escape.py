"""The one escaping rule for text from data on its way into a page (standard library only,
so the site's page transforms can use it without importing pandas)."""
from __future__ import annotations

import json

# The one rule for text from data on its way into HTML (element text and attribute values):
# markup characters and quotes become entities, and so do braces, so that include syntax
# written in a data file ({{ quote("...") }}) is never read as an include by transforms/include.py.
HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "{": "&#123;", "}": "&#125;"}
# Inside Markdown, the characters that would otherwise become markup too.
MARKDOWN_ENTITIES = {"|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;"}
_HTML_TABLE = str.maketrans(HTML_ENTITIES)
_MARKDOWN_TABLE = str.maketrans({**HTML_ENTITIES, **MARKDOWN_ENTITIES})


def escape_html(value, quote: bool = True) -> str:
    """Text from data, safe as HTML element text or a quoted attribute value (quotes are
    always escaped; ``quote`` is accepted so it can stand in for html.escape)."""
    return str(value).translate(_HTML_TABLE)


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


# Inside raw HTML blocks of Markdown that the site's page transforms read again (quotation cards,
# the quote-bank pages, slide figures): the characters Markdown, pymdownx (caret, tilde) or the
# citation transform ("@key") would read as syntax, as numeric entities, after html.escape.
_INLINE_MARKUP = {c: f"&#{ord(c)};" for c in "[]*_`@{}\\|~^"}


def escape_text(value) -> str:
    """Text from data as HTML with Markdown and transform syntax neutralised; one line."""
    from html import escape

    return "".join(_INLINE_MARKUP.get(c, c) for c in escape(" ".join(str(value).split()), quote=True))


def escape_text_keep_spaces(line: str) -> str:
    """The same as escape_text for one line whose spacing matters (a code block)."""
    from html import escape

    return "".join(_INLINE_MARKUP.get(c, c) for c in escape(line, quote=True))


def escape_attr(value) -> str:
    """Text from data inside a raw HTML attribute value (not read as Markdown)."""
    from html import escape

    return escape(str(value), quote=True)
