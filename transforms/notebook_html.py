"""Notebook pages kept light and offline.

mkdocs-jupyter 0.26.3 renders every notebook through a fixed template
(``mkdocs_html/notebook.html.j2``) that inlines JupyterLab's whole stylesheet
(~575 KB, ~90 KB gzipped) plus a theme sheet, a MathJax loader and a Mermaid
loader that imports from cdnjs. The plugin has no option to leave them out
(``include_requirejs: false`` and ``custom_mathjax_url`` only cover part of it,
and the template path is hard-coded), so ``notebook_page`` removes them from the
rendered notebook HTML and adds the few rules the notebook markup needs.
Pygments' colours for the code cells and the outputs' own styles are kept.
"""
from __future__ import annotations

import base64
import binascii
import re
from analysis.escape import escape_html as escape  # the one escaping rule
from markupsafe import Markup

from fragments import environment

_STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)
_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>\s*", re.S)
_PLACEHOLDER_ALT = 'alt="No description has been provided for this image"'
_SVG_IMG = re.compile(r'<img alt="No description has been provided for this image" src="data:image/svg\+xml;base64,([^"]+)"')
_SVG_TITLE = re.compile(r"Title text (?:'|&#39;)(.+?)(?:'|&#39;)")

# What the removed JupyterLab sheet did that the page still needs.
NOTEBOOK_CSS = """
.jupyter-wrapper .jp-Collapser, .jupyter-wrapper .clipboard-copy-txt, .jupyter-wrapper .anchor-link { display: none; }
.jupyter-wrapper .jp-Cell { margin: 0 0 1em; }
.jupyter-wrapper .jp-CodeCell .jp-InputArea { position: relative; }
.jupyter-wrapper .highlight-ipynb pre, .jupyter-wrapper .jp-OutputArea-output pre {
  margin: 0; padding: .7em 1em; overflow-x: auto; font-size: .75rem; line-height: 1.4;
  background: var(--md-code-bg-color); color: var(--md-code-fg-color); border-radius: .1rem; }
.jupyter-wrapper .highlight-ipynb pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.jupyter-wrapper .celltoolbar { display: none; }
.jupyter-wrapper .jp-OutputArea-output pre { background: transparent; border-left: .2rem solid var(--md-default-fg-color--lightest); }
.jupyter-wrapper .zeroclipboard-container { position: absolute; top: .3em; right: .3em; }
.jupyter-wrapper clipboard-copy { cursor: pointer; opacity: .6; }
.jupyter-wrapper clipboard-copy:hover { opacity: 1; }
.jupyter-wrapper .jp-RenderedImage img, .jupyter-wrapper .jp-RenderedSVG svg { max-width: 100%; height: auto; }
.jupyter-wrapper .jp-OutputArea-output { overflow-x: auto; margin-top: .4em; }
.jupyter-wrapper table { font-size: .7rem; border-collapse: collapse; }
.jupyter-wrapper th, .jupyter-wrapper td { padding: .2em .6em; border-bottom: 1px solid var(--md-default-fg-color--lightest); text-align: right; }
"""


def _chart_alt(match: re.Match) -> str:
    """nbconvert's placeholder alt text replaced by the chart's own title (Vega writes it into the SVG)."""
    try:
        svg = base64.b64decode(match.group(1)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return match.group(0)
    title = _SVG_TITLE.search(svg)
    if title is None:
        return match.group(0)
    alt = escape(f"Chart: {title.group(1)} (drawn by the code cell above from the counts it computes).", quote=True)
    return match.group(0).replace(_PLACEHOLDER_ALT, f'alt="{alt}"')


def _keep_style(body: str) -> bool:
    text = body.lstrip()
    if text.startswith("[") or ".jupyter-wrapper{" in text[:200] or "jp-Mermaid" in text:
        return False  # JupyterLab sheets, the Mermaid rules, and a stray Python list of CSS
    return True


def _keep_script(attrs: str, body: str) -> bool:
    if 'src=""' in attrs or "mathjax" in attrs.lower() or "MathJax" in body or "mermaid" in body:
        return False
    return "cdn" not in attrs.lower()


def slim_notebook_html(html: str) -> str:
    """Notebook HTML without the inlined JupyterLab CSS, MathJax and CDN loaders."""
    seen: set[str] = set()

    def style(match: re.Match) -> str:
        body = match.group(1)
        if not _keep_style(body) or body in seen:
            return ""
        seen.add(body)
        return match.group(0)

    html = _STYLE.sub(style, html)
    html = _SCRIPT.sub(lambda m: m.group(0) if _keep_script(m.group(1), m.group(2)) else "", html)
    html = _SVG_IMG.sub(_chart_alt, html)
    return f"<style>{' '.join(NOTEBOOK_CSS.split())}</style>\n{html}"


_H1_END = re.compile(r"</h1>")


def _parts():
    """The macros of fragments/templates/notebook_parts.html.j2 (set-up fold, download link)."""
    return environment().get_template("notebook_parts.html.j2").module
_SETUP_CELL = re.compile(r'<div class="jp-Cell [^"]*\bcelltag_setup\b[^"]*"[^>]*>')
_DIV = re.compile(r"<div\b|</div>")


def _element_end(html: str, start: int) -> int:
    """The end of the <div> that opens at start (nbconvert's markup is well nested)."""
    depth = 0
    for tag in _DIV.finditer(html, start):
        depth += 1 if tag.group(0) == "<div" else -1
        if depth == 0:
            return tag.end()
    raise ValueError("unbalanced <div> in the notebook HTML")


def fold_setup_cell(html: str) -> str:
    """The cell tagged "setup" (imports, sys.path) folded under a summary: it runs and stays
    on the page (its cell anchors too), but the page opens on what the notebook shows."""
    match = _SETUP_CELL.search(html)
    if match is None:
        return html
    end = _element_end(html, match.start())
    folded = str(_parts().setup(Markup(html[match.start(): end])))
    return html[: match.start()] + folded + html[end:]


def download_link(html: str, notebook_name: str) -> str:
    """A link to the .ipynb (copied beside the page by mkdocs-jupyter's include_source) under the title."""
    link = str(_parts().download(notebook_name))
    html, found = _H1_END.subn(lambda m: m.group(0) + link, html, count=1)
    return html if found else link + html


def notebook_page(html: str, src_uri: str) -> str:
    """A notebook page's HTML slimmed, its setup cell folded and its download linked; other pages as they are."""
    if src_uri.endswith(".ipynb"):
        return download_link(fold_setup_cell(slim_notebook_html(html)), src_uri.rsplit("/", 1)[-1])
    return html
