"""Page transforms, engine-agnostic: plain functions from a page's Markdown or HTML (and
plain values) to Markdown or HTML, and the build's state they share. Nothing here imports
the site engine; site_engine/plugin.py calls these functions from the engine's events.

- ``page``: what the transforms know of a page (``PageRef``), and ``build``: one build's state
  (``SiteBuild``: the pipeline's manifest and values, citation metadata, registered citations).
- ``include``: ``{{ KIND("NAME") }}`` expansion; ``quotes`` and ``findings``: its quotation
  and finding kinds, with their links worked out for the page.
- ``bibliography`` and ``citations``: ``[@key]`` citations and reference lists.
- ``cite``: page facts, cite boxes, head metadata; ``print_fixes``: print URLs and the print page.
- ``glossary``: the glossary page and the first-use linker.
- ``safe_output``: escaping of titles and checks of finished pages; ``safe_site``: the publish
  step on folders; ``assets``: the site's one stylesheet and script; ``notebook_html``: notebook
  pages without JupyterLab's CSS.
"""
