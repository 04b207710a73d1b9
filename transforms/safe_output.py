"""What a page carries out of its front matter and the navigation reaches the HTML escaped,
and a page that would publish broken output stops the build.

Material's templates write ``page.title``, navigation titles, ``page.meta.title`` and
``page.meta.description`` into the HTML as they are: MkDocs makes a title from a page's
first heading as HTML, but a title or description from front matter or a navigation
file is plain text, and on generated pages (datasets, quotation themes) it comes from
data. Each is escaped once, with analysis.escape.escape_html (the rule for every value
from data). Then every finished page is checked: an id used twice (a duplicated heading
anchor) or include syntax left in its text outside code (``{{ chart('x') }}``, a missing
``}``) stops the build, naming the page. Last, the whole-site print page gets a relative
base like every other page, so it works wherever the site is served.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from analysis.errors import SiteError
from analysis.escape import escape_html

_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=(["'])(.*?)\1""")
_CODE = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_PAGES_WITH_OWN_IDS = ("print_page",)  # the print-site plugin renames ids of the pages it joins


def escape_title(title: str) -> str:
    """A navigation title (from a .nav.yml file or a page's front matter), escaped."""
    return escape_html(title)


def plain_text(value) -> str:
    """A title or description from front matter, one line, escaped."""
    return escape_html(" ".join(str(value).split()))


def check_page(output: str, content: str | None, src_uri: str) -> None:
    """Stop on an id used twice in the finished page, or include syntax left in its text."""
    where = f"docs/{src_uri}"
    if not src_uri.startswith(_PAGES_WITH_OWN_IDS):
        doubled = sorted(i for i, n in Counter(m.group(2) for m in _ID.finditer(output)).items() if n > 1)
        if doubled:
            raise SiteError(f"{where}: id used more than once (each anchor must be unique): {', '.join(doubled)}")
    # The page's own text (the rendered Markdown): where a typo'd include would show. Text from
    # data is escaped braces and all (analysis/escape.py), so it cannot trip this check.
    outside_code = _CODE.sub(" ", content or "")
    if "{{" in outside_code or "}}" in outside_code:
        at = min(i for i in (outside_code.find("{{"), outside_code.find("}}")) if i >= 0)
        raise SiteError(
            f"{where}: include syntax left in the page (not a known {{{{ KIND(\"NAME\") }}}}): "
            f"…{outside_code[max(0, at - 60): at + 60].strip()}…"
        )


def relative_print_base(html: str, site_url: str, use_directory_urls: bool) -> str:
    """The whole-site print page is rendered with the deploy path (site_url's path, e.g.
    /irc-site/) as Material's base, so served from anywhere else it asks for
    /irc-site/sitemap.xml. Give it the relative base every other page has."""
    mount = urlsplit(site_url or "/").path or "/"
    if mount == "/":
        return html
    relative = ".." if use_directory_urls else "."
    return html.replace(f'"base": "{mount}"', f'"base": "{relative}"').replace(
        f'__md_scope=new URL("{mount}",location)', f'__md_scope=new URL("{relative}",location)'
    )
