"""MkDocs hook: what a page carries out of its front matter and the navigation reaches the
HTML escaped, and a page that would publish broken output stops the build.

Material's templates write ``page.title``, navigation titles, ``page.meta.title`` and
``page.meta.description`` into the HTML as they are: MkDocs makes a title from a page's
first heading as HTML, but a title or description from front matter or a navigation
file is plain text, and on generated pages (datasets, quotation themes) it comes from
data. Each is escaped here once, with analysis.escape.escape_html (the rule for every
value from data). Then every finished page is checked: an id used twice (a duplicated
heading anchor) or include syntax left in its text outside code (``{{ chart('x') }}``,
a missing ``}``) stops the build, naming the page. Last, the whole-site print page gets
a relative base like every other page, so it works wherever the site is served.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Section

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.escape import escape_html  # noqa: E402  (needs ROOT on sys.path)

_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=(["'])(.*?)\1""")
_CODE = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_PAGES_WITH_OWN_IDS = ("print_page",)  # the print-site plugin renames ids of the pages it joins


def _explicit_title(item) -> bool:
    # MkDocs 1.6 (pinned) keeps a title given by the navigation in the instance dict;
    # otherwise Page.title is computed later from front matter or the first heading.
    return isinstance(item, (Section, Link)) or "title" in vars(item)


@event_priority(-100)  # after mkdocs-awesome-nav has set the titles of its .nav.yml files
def on_nav(nav, config, files):
    def walk(items):
        for item in items:
            if _explicit_title(item) and item.title is not None:
                item.title = escape_html(item.title)
            if isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
    return nav


@event_priority(-100)  # every page has read its front matter; no page is rendered yet
def on_env(env, config, files):
    for file in files.documentation_pages():
        page = file.page
        if page is not None and "title" in page.meta and "title" not in vars(page):
            page.title = escape_html(" ".join(str(page.meta["title"]).split()))
    return env


@event_priority(-100)  # after hooks/cite.py and the search plugin read the plain text
def on_page_context(context, page, config, nav):
    for key in ("title", "description"):
        if page.meta.get(key) is not None:
            page.meta[key] = escape_html(" ".join(str(page.meta[key]).split()))
    return context


@event_priority(-100)
def on_post_page(output: str, page, config) -> str:
    where = f"docs/{page.file.src_uri}"
    if not page.file.src_uri.startswith(_PAGES_WITH_OWN_IDS):
        doubled = sorted(i for i, n in Counter(m.group(2) for m in _ID.finditer(output)).items() if n > 1)
        if doubled:
            raise PluginError(f"{where}: id used more than once (each anchor must be unique): {', '.join(doubled)}")
    # The page's own text (the rendered Markdown): where a typo'd include would show. Text from
    # data is escaped braces and all (analysis/escape.py), so it cannot trip this check.
    outside_code = _CODE.sub(" ", page.content or "")
    if "{{" in outside_code or "}}" in outside_code:
        at = min(i for i in (outside_code.find("{{"), outside_code.find("}}")) if i >= 0)
        raise PluginError(
            f"{where}: include syntax left in the page (not a known {{{{ KIND(\"NAME\") }}}}): "
            f"…{outside_code[max(0, at - 60): at + 60].strip()}…"
        )
    return output


@event_priority(-50)  # after the print-site plugin wrote print_page/, before safe_site moves the site
def on_post_build(config):
    """The whole-site print page is rendered with the deploy path (site_url's path, e.g.
    /irc-site/) as Material's base, so served from anywhere else it asks for
    /irc-site/sitemap.xml. Give it the relative base every other page has."""
    print_page = Path(config.site_dir) / "print_page" / "index.html"
    mount = urlsplit(config.site_url or "/").path or "/"
    if not print_page.is_file() or mount == "/":
        return
    html = print_page.read_text(encoding="utf-8")
    relative = ".." if config.use_directory_urls else "."
    fixed = html.replace(f'"base": "{mount}"', f'"base": "{relative}"').replace(
        f'__md_scope=new URL("{mount}",location)', f'__md_scope=new URL("{relative}",location)'
    )
    if fixed != html:
        print_page.write_text(fixed, encoding="utf-8")
