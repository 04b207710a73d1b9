"""Build every generated artifact, in dependency order: validate all datasets,
then run each registered artifact function whose inputs or code changed.

Order of work: data/ -> (validate) -> artifact functions -> generated/ files +
generated/manifest.json, which the build (site_engine/plugin.py, transforms/include.py) reads;
then the pages and rules the site makes from data (analysis/site_pages.py).

A run never leaves a mix of old and new: every file goes to generated/.staging/ and is
moved into place only when every artifact succeeded, the manifest last. The manifest
records each file's SHA-256; a run checks them, so a file changed or half-written
outside a run (or by a run killed while moving files) is rebuilt, never trusted. Files
in the published folders that the manifest does not list are removed.
"""
from __future__ import annotations

import hashlib
import importlib
import re
import sys
import time
from pathlib import Path

from analysis import paths, site_pages

# Topic modules, each registering its charts, tables and values. Listed here,
# explicitly, so there is one place that says what the site is built from.
TOPICS = [
    "analysis.china_uk.datasets",
    "analysis.china_uk.findings_values",
    "analysis.korea_uk.factors",
    "analysis.bibliometrics.artifacts",
    "analysis.china_uk.source_figures",
    "analysis.china_uk.participants",
    "analysis.china_uk.citations",
    "analysis.china_uk.highly_cited",
    "analysis.china_uk.funding",
    "analysis.korea_uk.interviewees",
    "analysis.audit",
    "analysis.quotes",
    "analysis.glossary",
    "analysis.findings",  # last: it checks the chart and table names the others register
]

PIPELINE_VERSION = "2"
# Folders of generated/ the pipeline owns (and the site publishes): files no run wrote are orphans.
OWNED_FOLDERS = ("charts", "tables", "json", "assets")


class ArtifactError(RuntimeError):
    """An artifact function failed; the message names the function."""


def _hash_files(files: list[Path]) -> str:
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in files:
        digest.update(str(path.relative_to(paths.ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _data_files() -> list[Path]:
    return sorted(p for p in paths.DATA.rglob("*") if p.is_file() and "raw" not in p.relative_to(paths.DATA).parts)


def _code_files() -> list[Path]:
    files = sorted(p for p in paths.ANALYSIS.rglob("*.py") if "__pycache__" not in p.parts)
    # The pipeline renders its pages and tables through fragments' environment and templates.
    fragments = paths.ROOT / "fragments"
    files += [fragments / "__init__.py", *sorted((fragments / "templates").glob("*.j2"))]
    lock = paths.ROOT / "uv.lock"
    return files + ([lock] if lock.exists() else [])


def fingerprint() -> str:
    """Content hash of everything the artifacts depend on (cheap: hashlib only)."""
    return _hash_files(_data_files() + _code_files())


def _read_manifest() -> dict:
    import json

    if not paths.MANIFEST.exists():
        return {}
    try:
        return json.loads(paths.MANIFEST.read_text(encoding="utf-8"))
    except ValueError:
        return {}


def _intact(hashes: dict[str, str]) -> bool:
    """Every file is there with the content the run that wrote it recorded."""
    from analysis.staging import file_hash

    try:
        return all(file_hash(paths.GENERATED / rel) == digest for rel, digest in hashes.items())
    except OSError:
        return False


def _outputs_intact(manifest: dict) -> bool:
    artifacts = manifest.get("artifacts", {})
    if not artifacts or "hashes" not in manifest:
        return False
    return all("hashes" in entry for entry in artifacts.values()) and _intact(manifest["hashes"])


def is_up_to_date() -> bool:
    manifest = _read_manifest()
    return manifest.get("fingerprint") == fingerprint() and _outputs_intact(manifest)


def build(force: bool = False, log=print) -> dict:
    """Bring generated/ up to date and return the manifest."""
    start = time.perf_counter()
    # Taken before any work: an input edited during the build leaves the manifest stale, never falsely fresh.
    inputs_fingerprint = fingerprint()
    if not force and is_up_to_date():
        manifest = _read_manifest()
        _remove_orphans(manifest)
        log("analysis: generated/ is up to date (inputs unchanged, every file as recorded)")
        site_pages.write(manifest, log)
        return manifest

    from analysis import datasets
    from analysis.registry import REGISTRY

    # vl-convert holds the GIL for the ~1.4 s it takes to bundle Vega, so the bundle
    # is made by a second process while this one validates data and renders charts.
    bundle_job = _start_vega_bundle()
    for module in TOPICS:
        importlib.import_module(module)

    # 1. Every dataset validates, used by an artifact or not: a bad file anywhere stops the build.
    index = datasets.discover(paths.DATA)
    for name, descriptor in index.items():
        datasets.load_file(descriptor)

    from analysis.staging import Staging

    out = Staging(paths.GENERATED)
    try:
        manifest = _run(index, REGISTRY, out, force, bundle_job, inputs_fingerprint)
    except BaseException:
        out.discard()
        if bundle_job is not None and bundle_job.poll() is None:
            bundle_job.kill()
        raise
    out.commit(last=paths.MANIFEST)
    _remove_orphans(manifest)
    log(f"analysis: {len(index)} datasets valid; {manifest.pop('_rebuilt')} of {len(manifest['artifacts'])} artifacts rebuilt "
        f"in {time.perf_counter() - start:.2f} s")
    site_pages.write(manifest, log)
    return manifest


def _run(index, registry, out, force: bool, bundle_job, inputs_fingerprint: str) -> dict:
    """Every artifact into the staging folder; the manifest that lists them (not yet in place)."""
    from analysis import datasets, render
    from analysis.staging import file_hash

    previous = _read_manifest().get("artifacts", {})
    code_hash = _hash_files(_code_files())
    artifacts: dict[str, dict] = {}
    values: dict[str, dict] = {}
    rebuilt = 0
    for name in sorted(registry):
        art = registry[name]
        missing = [i for i in art.inputs if i not in index]
        if missing:
            raise ArtifactError(f"{art.origin}: {art.kind} '{name}' reads unknown dataset(s): {', '.join(missing)}")
        inputs = [datasets.describe_file(index[i]) for i in art.inputs]
        key = hashlib.sha256(
            (code_hash + _hash_files([p for ds in inputs for p in (ds.descriptor_path, ds.csv_path)])).encode()
        ).hexdigest()
        old = previous.get(name)
        if not force and old and old.get("key") == key and "hashes" in old and _intact(old["hashes"]):
            entry = old
        else:
            frames = [datasets.load_dataset(ds) for ds in inputs]
            try:
                result = art.func(*frames)
            except Exception as exc:  # re-raised with the function's name
                raise ArtifactError(f"{art.origin}: {art.kind} '{name}' failed: {type(exc).__name__}: {exc}") from exc
            before = set(out.hashes)
            entry = _write(art, result, inputs, frames, out)
            entry["key"] = key
            entry["hashes"] = {rel: out.hashes[rel] for rel in sorted(set(out.hashes) - before)}
            rebuilt += 1
        artifacts[name] = entry
        if art.kind == "values":
            values.update(entry["values"])

    bundle = _finish_vega_bundle(bundle_job)
    out.write_text(paths.VALUES, render.dumps(values))
    hashes = {rel: d for entry in artifacts.values() for rel, d in entry["hashes"].items()}
    hashes[str(paths.VALUES.relative_to(paths.GENERATED))] = out.hashes["values.json"]
    hashes[bundle] = file_hash(paths.GENERATED / bundle)
    manifest = {
        "fingerprint": inputs_fingerprint,
        "artifacts": artifacts,
        "values_file": str(paths.VALUES.relative_to(paths.GENERATED)),
        "vega_bundle": bundle,
        "hashes": dict(sorted(hashes.items())),
    }
    out.write_text(paths.MANIFEST, render.dumps(manifest))
    return {**manifest, "_rebuilt": rebuilt}


def _remove_orphans(manifest: dict) -> None:
    """Delete what no run listed from the folders the site publishes (a renamed or removed
    artifact's old files, or anything put there by hand)."""
    import shutil

    from analysis.staging import Staging

    shutil.rmtree(paths.GENERATED / Staging.FOLDER, ignore_errors=True)  # left by a killed run
    listed = set(manifest["hashes"])
    for folder in OWNED_FOLDERS:
        base = paths.GENERATED / folder
        for path in sorted(base.rglob("*"), reverse=True) if base.exists() else []:
            rel = path.relative_to(paths.GENERATED).as_posix()
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
            elif not path.is_dir() and rel not in listed:
                path.unlink()


def _write(art, result, inputs, frames, out) -> dict:
    from analysis import render

    sources = sorted({ds.source_label for ds in inputs})
    data_links = [f"data/{ds.csv_path.relative_to(paths.DATA)}" for ds in inputs]
    meta = dict(art.meta)
    if callable(meta.get("alt")):
        meta["alt"] = meta["alt"](*frames)
    base = {"kind": art.kind, "origin": art.origin, "inputs": art.inputs, "sources": sources, "data": data_links, **meta}
    if art.kind in ("chart", "table"):
        base["source_short"] = "; ".join(sorted({render.short_source(ds.descriptor["sources"][0]) for ds in inputs}))
    if art.kind == "chart":
        return {**base, **_write_chart(art, result, sources, meta, frames, out)}
    if art.kind == "table":
        stem = paths.TABLES / art.name
        out.write_text(stem.with_suffix(".md"), render.markdown_table(result))
        out.write_text(stem.with_suffix(".csv"), result.to_csv(index=False, lineterminator="\n"))
        return {**base, "files": {"markdown": f"tables/{art.name}.md", "csv": f"tables/{art.name}.csv"}, "rows": len(result)}
    if art.kind == "values":
        out = {}
        for key, val in result.items():
            out[key] = {"raw": val.raw, "text": val.text, "source": val.source, "origin": art.origin}
        return {**base, "files": {}, "values": out}
    if art.kind == "json":
        rel = f"json/{art.name}.json"
        out.write_text(paths.GENERATED / rel, render.dumps(result))
        return {**base, "files": {"json": rel}}
    raise ArtifactError(f"{art.origin}: unknown artifact kind '{art.kind}'")


def _svg_size(svg_text: str) -> tuple[int, int]:
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"', svg_text)
    return (round(float(match.group(1))), round(float(match.group(2)))) if match else (0, 0)


def _write_chart(art, chart, sources: list[str], meta: dict, frames, out) -> dict:
    from analysis import render, style

    spec = chart.to_dict()  # Altair validates against the Vega-Lite schema here
    spec["description"] = meta["alt"]
    spec.setdefault("usermeta", {})["source"] = "; ".join(sources)
    stem = paths.CHARTS / art.name
    out.write_text(stem.with_suffix(".vl.json"), render.dumps(spec))
    light = render.svg(spec, "light")
    out.write_text(stem.with_suffix(".light.svg"), light)
    out.write_text(stem.with_suffix(".dark.svg"), render.svg(spec, "dark"))
    # Phones get a drawing of their own (panels stacked, fewer ticks), made by the same function.
    with style.drawing("narrow"):
        narrow = {**art.func(*frames).to_dict(), "description": meta["alt"], "usermeta": spec["usermeta"]}
    out.write_text(stem.with_suffix(".narrow.vl.json"), render.dumps(narrow))
    narrow_light = render.svg(narrow, "light")
    out.write_text(stem.with_suffix(".narrow.light.svg"), narrow_light)
    out.write_text(stem.with_suffix(".narrow.dark.svg"), render.svg(narrow, "dark"))
    # Downloads stand alone, so they carry their title and source.
    titled = {**spec, "title": {"text": art.meta["title"], "subtitle": f"Source: {'; '.join(sources)}", "anchor": "start"}}
    download_svg = render.svg(titled, "download")
    out.write_text(stem.with_suffix(".svg"), download_svg)
    out.write_bytes(stem.with_suffix(".png"), render.png(download_svg))
    data = chart.data
    out.write_text(stem.with_suffix(".csv"), data.to_csv(index=False, lineterminator="\n"))
    out.write_text(stem.with_suffix(".table.html"), render.html_table(data, f"Data of the chart: {art.meta['title']}"))
    width, height = _svg_size(light)
    narrow_width, narrow_height = _svg_size(narrow_light)
    return {
        "files": {
            "spec": f"charts/{art.name}.vl.json",
            "svg_light": f"charts/{art.name}.light.svg",
            "svg_dark": f"charts/{art.name}.dark.svg",
            "spec_narrow": f"charts/{art.name}.narrow.vl.json",
            "svg_narrow_light": f"charts/{art.name}.narrow.light.svg",
            "svg_narrow_dark": f"charts/{art.name}.narrow.dark.svg",
            "svg": f"charts/{art.name}.svg",
            "png": f"charts/{art.name}.png",
            "csv": f"charts/{art.name}.csv",
            "table_html": f"charts/{art.name}.table.html",
        },
        "width": width,
        "height": height,
        "narrow_width": narrow_width,
        "narrow_height": narrow_height,
        "narrow_max_viewport": style.NARROW.max_viewport,
    }


def _vega_bundle_path() -> tuple[str, Path]:
    import vl_convert as vlc

    versions = f"vega{vlc.get_vega_version()}-embed{vlc.get_vega_embed_version()}"
    rel = f"assets/vega-bundle-{versions}.js"
    return rel, paths.GENERATED / rel


def _start_vega_bundle():
    """Start writing the Vega bundle in a child process; None when it is already there."""
    _, target = _vega_bundle_path()
    if target.exists():
        return None
    import subprocess

    return subprocess.Popen(
        [sys.executable, "-m", "analysis.vega_bundle", str(target)],
        cwd=paths.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def _finish_vega_bundle(job) -> str:
    """The Vega + Vega-Lite + vega-embed bundle the site serves itself, from the pinned
    vl-convert (analysis/vega_bundle.py): wait for the child process, check its file."""
    rel, target = _vega_bundle_path()
    if job is not None:
        _, stderr = job.communicate()
        if job.returncode != 0:
            raise ArtifactError(
                f"analysis/vega_bundle.py: writing {rel} failed (exit {job.returncode}): {(stderr or '').strip()[-500:]}"
            )
    if not target.exists():
        raise ArtifactError(f"analysis/vega_bundle.py: {rel} was not written")
    return rel  # older bundles are orphans, removed once the run is in place


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild every artifact even if its inputs are unchanged")
    args = parser.parse_args(argv)
    from analysis.datasets import DataError

    try:
        build(force=args.force)
    except (DataError, ArtifactError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
