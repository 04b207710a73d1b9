"""The glossary linker's real inputs: the HTML of every page as the build hands it to the hook.

A strict build of the real project runs in this process with the hook's
``link_first_uses`` wrapped: each call is recorded (page, input HTML, the link
address of every term, and the output the build used), then passed on
unchanged, so the recorded pages are the unlinked HTML a build really links.

    .venv/bin/python -m tests.unit.glossary_pages OUT_DIR   # OUT_DIR/site and OUT_DIR/glossary_inputs.json

The tests (tests/unit/test_glossary_links.py) and the benchmark
(bench/bench_glossary_links.py) compare the old linker with the new one on them.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.glossary import Term  # noqa: E402  (needs ROOT on sys.path)

HOOK = "hooks/glossary.py"  # its name in mkdocs.yml, and so among the build's plugins
INPUTS = "glossary_inputs.json"


def capture(site_dir: Path) -> list[dict]:
    """Build the site into ``site_dir`` and return one record per call of the hook's linker."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    hook = config.plugins[HOOK]
    original = hook.link_first_uses
    current: dict = {}
    records: list[dict] = []

    def recording(html, terms, href_for):
        output = original(html, terms, href_for)
        records.append({
            "page": current.get("page"),
            "html": html,
            "hrefs": {t.slug: href_for(t.slug) for t in terms},
            "terms": [dataclasses.asdict(t) for t in terms],
            "output": output,
        })
        return output

    def page_content(html, page, config, files):
        current["page"] = page.file.src_uri
        return hook.on_page_content(html, page, config, files)

    # The hook's event, as registered, is wrapped so that each record names its page.
    events = config.plugins.events["page_content"]
    events[events.index(hook.on_page_content)] = page_content
    hook.link_first_uses = recording
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        hook.link_first_uses = original
    return records


def terms_of(record: dict) -> list[Term]:
    return [Term(**{**t, "forms": tuple(t["forms"])}) for t in record["terms"]]


def load(out_dir: Path) -> list[dict]:
    return json.loads((out_dir / INPUTS).read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(argv[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    records = capture(out_dir / "site")
    (out_dir / INPUTS).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    print(f"{len(records)} pages recorded in {out_dir / INPUTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
