"""The site's own styles as one stylesheet and its scripts as one file.

Each page used to load six stylesheets and four scripts of the site's own beside
Material's; every one is a request before first paint on a slow phone. The sources
stay as they are in docs/ (one file per concern, each owned and edited on its own);
the build concatenates them, in the order below, into stylesheets/site.css and
javascripts/site.js, which are the only entries of extra_css and extra_javascript.
Scripts that only some pages use are not in the bundle: site.js loads charts.js on
pages with a chart and quotes.js on the page with the quote filter, when they are
shown (also after Material's instant navigation).

The stylesheet is also written into each page's <head> (minified by csscompressor, the
library the minify plugin uses): one request fewer before the first paint on a phone.
The page keeps its <link> to the file, disabled (a browser does not fetch a disabled
stylesheet), for the copies of the page's stylesheets that transforms/cite.py makes in the
page's citations.html, whose template enables it (fragments/templates/citations.html.j2).
"""
from __future__ import annotations

import re

from analysis.errors import SiteError
from analysis.paths import DOCS

# Order is the cascade: later rules win over earlier ones of the same weight.
STYLES = [
    "stylesheets/charts.css",
    "stylesheets/cite.css",
    "stylesheets/quotes.css",
    "stylesheets/glossary.css",
    "stylesheets/a11y.css",
    "stylesheets/offscreen.css",  # long pages: off-screen blocks skipped until near
    "stylesheets/print.css",
]
SCRIPTS = [
    "javascripts/cite.js",
    "javascripts/a11y.js",
    "javascripts/rows.js",  # long tables: the rows after the first, on request
    "javascripts/loader.js",  # charts.js and quotes.js, on the pages that show them
]
BUNDLES = {"stylesheets/site.css": STYLES, "javascripts/site.js": SCRIPTS}
# The page's link to the bundle (site.css, or site.min.css once the minify plugin renamed it).
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*stylesheets/site(?:\.min)?\.css)">')


def bundle(sources: list[str]) -> str:
    parts = []
    for rel in sources:
        path = DOCS / rel
        if not path.is_file():
            raise SiteError(f"transforms/assets.py: {rel} is listed for the bundle but docs/{rel} does not exist")
        parts.append(f"/* ---- {rel} ---- */\n{path.read_text(encoding='utf-8').strip()}\n")
    return "\n".join(parts)


def check_listed(extra_css: list[str], extra_javascript: list[str]) -> None:
    """The site's own files in the configuration are the bundles alone (plugins may add their own, e.g. print-site's css/)."""
    for target in BUNDLES:
        listed = extra_css if target.endswith(".css") else extra_javascript
        folder = target.split("/")[0] + "/"
        own = [x for x in listed if x.startswith(folder)]
        if own != [target]:
            raise SiteError(f"mkdocs.yml: the site's own files in {folder} are the one bundle {target} "
                            f"(its sources are listed in transforms/assets.py); found {own}")


def minified(css: str) -> str:
    """The stylesheet as it goes inline into each page's <head> (csscompressor, as the minify plugin)."""
    import csscompressor

    return csscompressor.compress(css)


def inline_stylesheet(output: str, css: str) -> str:
    """The site's stylesheet inline in the page's <head>; its <link> stays, disabled (see above)."""
    match = _CSS_LINK.search(output)
    if not match or not css or "</" in css:
        return output
    inline = f'<style>{css}</style>\n<link rel="stylesheet" href="{match.group(1)}" disabled>'
    return output[: match.start()] + inline + output[match.end():]
