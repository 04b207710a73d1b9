"""Write the Vega + Vega-Lite + vega-embed bundle that the site serves itself.

The bundle comes from the pinned vl-convert (``vl_convert.javascript_bundle()``), so
its versions are the ones that render the static SVGs. ``analysis/pipeline.py`` runs
this module as a child process because vl-convert holds the GIL while bundling.

    python -m analysis.vega_bundle generated/assets/vega-bundle-<versions>.js
"""
from __future__ import annotations

import sys
from pathlib import Path


def write(target: Path) -> None:
    import vl_convert as vlc

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(vlc.javascript_bundle(), encoding="utf-8", newline="\n")
    partial.replace(target)  # whole or not at all


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m analysis.vega_bundle TARGET.js", file=sys.stderr)
        return 2
    write(Path(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
