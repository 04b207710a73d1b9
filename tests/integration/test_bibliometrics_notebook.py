"""The notebook page: committed without outputs, runs offline, and stays light once rendered."""
from __future__ import annotations

import base64
import json

import nbformat

from analysis.paths import DOCS
from transforms.notebook_html import slim_notebook_html

NOTEBOOK = DOCS / "reproduce" / "categorisation.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_notebook_uses_the_offline_svg_renderer():
    source = "\n".join("".join(c["source"]) for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"])
    assert 'alt.renderers.enable("svg")' in source


def test_notebook_runs_and_shows_categories(tmp_path):
    import nbclient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=240, resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = json.dumps([o.get("data", {}).get("text/html", "") for o in outputs])
    assert "international_led_by_china" in text and "china_uk" in text
    svgs = [o["data"]["image/svg+xml"] for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert svgs and "cdn" not in " ".join(svgs).lower()


def _page(extra: str = "") -> str:
    big = "@charset \"UTF-8\";.jupyter-wrapper{--md-red-50: #ffebee;}" + "x" * 500_000
    svg = base64.b64encode(b"<svg aria-label=\"Title text 'Papers per category'\"></svg>").decode()
    return (
        f'<style type="text/css">pre {{ line-height: 125%; }}</style><style type="text/css">{big}</style>'
        '<style>.jupyter-wrapper{--jp-shadow-base-lightness: 0;}</style>'
        '<script src=""></script><script type="text/x-mathjax-config">MathJax.Hub.Config({})</script>'
        '<script type="module">import mermaid from "https://cdnjs.cloudflare.com/ajax/libs/mermaid/11/mermaid.esm.min.mjs";</script>'
        '<div class="jupyter-wrapper"><p>text</p>'
        f'<img alt="No description has been provided for this image" src="data:image/svg+xml;base64,{svg}"/></div>'
        "<style>['pre { line-height: 125%; }']</style>" + extra
    )


def test_slim_notebook_html_drops_the_heavy_css_and_cdn_loaders():
    html = _page()
    slim = slim_notebook_html(html)
    assert len(html) > 500_000 and len(slim) < 3_000
    assert "pre { line-height: 125%; }" in slim  # Pygments colours of the code cells stay
    assert "cdnjs" not in slim and 'src=""' not in slim and "MathJax" not in slim
    assert "--jp-shadow" not in slim and "['pre" not in slim
    assert 'alt="Chart: Papers per category' in slim
    assert ".clipboard-copy-txt" in slim  # the copy-text duplicate of each cell stays hidden
