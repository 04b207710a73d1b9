"""MkDocs hook: the site's own styles as one stylesheet and its scripts as one file.

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
stylesheet), for the copies of the page's stylesheets that hooks/cite.py makes in the
page's citations.html, whose template enables it (scholarly/templates/citations.html).
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

DOCS = Path(__file__).resolve().parent.parent / "docs"

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
_inline = {"css": ""}


def bundle(sources: list[str]) -> str:
    parts = []
    for rel in sources:
        path = DOCS / rel
        if not path.is_file():
            raise PluginError(f"hooks/assets.py: {rel} is listed for the bundle but docs/{rel} does not exist")
        parts.append(f"/* ---- {rel} ---- */\n{path.read_text(encoding='utf-8').strip()}\n")
    return "\n".join(parts)


def on_config(config):
    # Plugins may add their own files (print-site adds css/); the site's own are the bundle alone.
    for target in BUNDLES:
        listed = config.extra_css if target.endswith(".css") else config.extra_javascript
        folder = target.split("/")[0] + "/"
        own = [str(x) for x in listed if str(x).startswith(folder)]
        if own != [target]:
            raise PluginError(f"mkdocs.yml: the site's own files in {folder} are the one bundle {target} "
                              f"(its sources are listed in hooks/assets.py); found {own}")
    return config


def on_files(files: Files, config) -> Files:
    import csscompressor

    for target, sources in BUNDLES.items():
        content = bundle(sources)
        if target.endswith(".css"):
            _inline["css"] = csscompressor.compress(content)
        files.append(File.generated(config, target, content=content))
        # The sources are in the bundle; published on their own they would only be loaded by mistake.
        for rel in sources:
            source = files.get_file_from_path(rel)
            if source is not None:
                files.remove(source)
    return files


def on_post_page(output: str, page, config) -> str:
    """The site's stylesheet inline in the page's <head>; its <link> stays, disabled (see above)."""
    match = _CSS_LINK.search(output)
    if not match or not _inline["css"] or "</" in _inline["css"]:
        return output
    inline = f'<style>{_inline["css"]}</style>\n<link rel="stylesheet" href="{match.group(1)}" disabled>'
    return output[: match.start()] + inline + output[match.end():]


def on_serve(server, config, builder):
    server.watch(str(DOCS / "stylesheets"))
    server.watch(str(DOCS / "javascripts"))
    return server
