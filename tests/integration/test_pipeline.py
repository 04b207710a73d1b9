"""The one-way pipeline: data/ -> analysis -> generated/ -> pages -> site/."""
from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

import jsonschema

from tests.conftest import ROOT, mkdocs_build, python_m, run


def analysis(cwd: Path, *args: str):
    return python_m("analysis", list(args), cwd=cwd)


def manifest(cwd: Path) -> dict:
    return json.loads((cwd / "generated" / "manifest.json").read_text())


def test_every_chart_has_spec_svgs_png_csv_and_words(project_copy):
    proc = analysis(project_copy)
    assert proc.returncode == 0, proc.stderr
    charts = {n: e for n, e in manifest(project_copy)["artifacts"].items() if e["kind"] == "chart"}
    assert "bibliometric_record_counts" in charts
    for name, entry in charts.items():
        for key in ("spec", "svg_light", "svg_dark", "svg", "png", "csv", "table_html"):
            path = project_copy / "generated" / entry["files"][key]
            assert path.stat().st_size > 0, f"{name}: {key} empty"
        for key in ("title", "caption", "alt"):
            assert entry[key].strip(), f"{name}: no {key}"
        assert entry["sources"], f"{name}: no source"
        svg = (project_copy / "generated" / entry["files"]["svg_light"]).read_text()
        assert svg.startswith("<svg") and entry["width"] > 0 and entry["height"] > 0


def test_chart_specs_validate_against_the_vega_lite_schema(project_copy):
    import altair as alt

    assert analysis(project_copy).returncode == 0
    schema = alt.vegalite.v6.schema.core.load_schema()
    for name, entry in manifest(project_copy)["artifacts"].items():
        if entry["kind"] == "chart":
            spec = json.loads((project_copy / "generated" / entry["files"]["spec"]).read_text())
            jsonschema.validate(spec, schema)  # raises with the failing path


def test_unchanged_inputs_are_not_recomputed(project_copy):
    assert analysis(project_copy).returncode == 0
    first = manifest(project_copy)
    svg = project_copy / "generated" / first["artifacts"]["bibliometric_record_counts"]["files"]["svg_light"]
    mtime = svg.stat().st_mtime_ns
    again = analysis(project_copy)
    assert "up to date" in again.stdout
    assert svg.stat().st_mtime_ns == mtime


def test_a_changed_data_file_rebuilds_the_artifacts_that_read_it(project_copy):
    assert analysis(project_copy).returncode == 0
    csv = project_copy / "data" / "china_uk" / "bibliometric_datasets.csv"
    csv.write_text(csv.read_text().replace("All CSSCI papers", "All CSSCI papers (edited)"))
    proc = analysis(project_copy)
    assert proc.returncode == 0, proc.stderr
    table = (project_copy / "generated" / "tables" / "bibliometric_datasets_table.md").read_text()
    assert "All CSSCI papers (edited)" in table


def test_missing_data_file_stops_the_build_naming_it(project_copy):
    (project_copy / "data" / "china_uk" / "bibliometric_datasets.csv").unlink()
    proc = analysis(project_copy)
    assert proc.returncode == 1
    assert "data/china_uk/bibliometric_datasets.csv: file not found" in proc.stderr


def test_malformed_csv_stops_the_build_with_file_row_and_column(project_copy):
    csv = project_copy / "data" / "china_uk" / "bibliometric_datasets.csv"
    lines = csv.read_text().splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] + ",four thousand"
    csv.write_text("\n".join(lines) + "\n")
    proc = analysis(project_copy)
    assert proc.returncode == 1
    assert "data/china_uk/bibliometric_datasets.csv, row 3, column 'records'" in proc.stderr
    assert "type-error" in proc.stderr


def test_a_chart_function_that_raises_stops_the_build_naming_it(project_copy):
    module = project_copy / "analysis" / "china_uk" / "datasets.py"
    module.write_text(
        module.read_text()
        + '\n\n@chart("broken_chart", inputs=["bibliometric_datasets"], title="t", caption="c", alt="a")\n'
        + "def broken_chart(datasets):\n    raise KeyError('no_such_column')\n"
    )
    proc = analysis(project_copy)
    assert proc.returncode == 1
    assert "analysis/china_uk/datasets.py:broken_chart: chart 'broken_chart' failed: KeyError" in proc.stderr


def test_a_page_naming_an_unknown_artifact_fails_the_build_with_page_and_name(project_copy, tmp_path):
    """Builds its own: a copy with a page naming a chart that does not exist."""
    (project_copy / "docs" / "aaa-broken.md").write_text('# Broken\n\n{{ chart("no_such_chart") }}\n')
    proc = mkdocs_build(project_copy, tmp_path / "site", check=False)
    assert proc.returncode != 0
    assert "aaa-broken.md: no chart named 'no_such_chart'" in proc.stderr


def test_a_page_naming_an_unknown_value_fails_the_build(project_copy, tmp_path):
    """Builds its own: a copy with a page naming a value that does not exist."""
    (project_copy / "docs" / "aaa-broken.md").write_text('# Broken\n\nThere were {{ value("no_such_value") }} records.\n')
    proc = mkdocs_build(project_copy, tmp_path / "site", check=False)
    assert proc.returncode != 0
    assert "aaa-broken.md: no value named 'no_such_value'" in proc.stderr


def test_include_syntax_inside_code_is_left_alone(tmp_path, analysed):
    """Builds its own: a small site (tests/quote_helpers.py: the quotation pages and this one)
    with a page showing include syntax as code."""
    from tests.quote_helpers import build_small_site, make_small_site

    page = '# Code\n\nWrite `{{ chart("example") }}` in a page.\n\n```\n{{ table("example") }}\n```\n'
    project = make_small_site(tmp_path / "project", {"aaa-code.md": page})
    proc = build_small_site(project, tmp_path / "site")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-2000:]
    html = (tmp_path / "site" / "aaa-code" / "index.html").read_text()
    assert "{{ chart(&quot;example&quot;) }}" in html or '{{ chart("example") }}' in html


def test_the_page_shows_the_static_svg_and_downloads_without_javascript(built_site):
    html = (built_site / "china-uk" / "methods" / "index.html").read_text()
    assert 'id="chart-bibliometric_record_counts"' in html
    assert 'src="../../charts/bibliometric_record_counts.light.svg"' in html
    for suffix in (".csv", ".svg", ".png", ".vl.json"):
        assert f'href="../../charts/bibliometric_record_counts{suffix}"' in html
        assert (built_site / "charts" / f"bibliometric_record_counts{suffix}").exists()
    # Phones get their own drawing, through the <picture>'s media source.
    assert 'srcset="../../charts/bibliometric_record_counts.narrow.light.svg"' in html
    assert (built_site / "charts" / "bibliometric_record_counts.narrow.dark.svg").exists()
    # The Table tab: the CSV at once; the data table itself waits in a <template> for the tab.
    table_tab = html[html.index('class="tabbed-block irc-frame__table"'):]
    table_tab = table_tab[: table_tab.index("</template>")]
    assert 'href="../../charts/bibliometric_record_counts.csv"' in table_tab
    assert "<template" in table_tab and "Data of the chart:" in table_tab and "<tbody>" in table_tab


def test_the_vega_bundle_is_served_by_the_site(built_site):
    bundles = list((built_site / "assets" / "javascripts").glob("vega-bundle-*.js"))
    assert len(bundles) == 1 and bundles[0].stat().st_size > 500_000


def _tree(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())


def test_a_build_from_scratch_is_byte_identical_to_one_from_the_cache(project_copy, copy_site, tmp_path):
    """Builds its own: a copy without generated/, so every artifact and the notebook are computed
    again. It must give, byte for byte, the site of the same commit built from the cache
    (copy_site reused the project's generated/). site_engine/notebooks.py runs the notebook
    beside the analysis and fills mkdocs-jupyter's cache: the plugin must find the entry."""
    shutil.rmtree(project_copy / "generated")
    proc = mkdocs_build(project_copy, tmp_path / "site")
    log = proc.stdout + proc.stderr
    assert "Cache hit: " in log and "categorisation.ipynb" in log
    assert "Cache miss" not in log
    cached = copy_site / "site"
    files = _tree(cached)
    assert files == _tree(tmp_path / "site")
    _, mismatch, errors = filecmp.cmpfiles(cached, tmp_path / "site", files, shallow=False)
    assert not mismatch and not errors, f"differ: {mismatch[:10]}"


def test_generated_artifacts_and_the_site_are_ignored_by_git_and_none_is_committed(analysed):
    """Every file the analysis wrote, and the default site folder, is one git ignores; git tracks none."""
    outputs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "generated").rglob("*") if p.is_file())
    assert outputs, "the analysis wrote nothing into generated/"
    outputs += ["site/index.html", "site/sitemap.xml"]
    proc = subprocess.run(["git", "check-ignore", "--stdin"], cwd=ROOT, input="\n".join(outputs), capture_output=True, text=True)
    assert sorted(proc.stdout.split()) == outputs, f"not ignored: {sorted(set(outputs) - set(proc.stdout.split()))[:10]}"
    tracked = run(["git", "ls-files", "--", "generated", "site", "docs/generated"], cwd=ROOT, check=True).stdout.split()
    assert not tracked, tracked[:10]
    assert not (ROOT / "docs" / "generated").exists()


def test_a_failing_vega_bundle_step_stops_the_build_naming_it(project_copy):
    """The bundle's child process fails (its partial file cannot be written: a folder is in
    the way); the run stops, naming the step and giving the child's error. The code and the
    data are unchanged, so nothing else is computed again."""
    (bundle,) = (project_copy / "generated" / "assets").glob("vega-bundle-*.js")
    bundle.unlink()
    bundle.with_name(bundle.name + ".partial").mkdir()
    proc = analysis(project_copy)
    assert proc.returncode == 1
    assert f"analysis/vega_bundle.py: writing assets/{bundle.name} failed (exit 1)" in proc.stderr
    assert "IsADirectoryError" in proc.stderr


def _notebook_page(site: Path) -> bytes:
    return (site / "reproduce" / "categorisation" / "index.html").read_bytes()


def test_without_a_notebook_prerender_the_plugin_renders_the_same_page(project_copy, copy_site, tmp_path):
    """Builds its own: a copy whose notebook pre-render fails on purpose, with no cached entry.
    The plugin then runs the notebook itself, and its page is the one the pre-render gave
    (copy_site; test_a_build_from_scratch_is_byte_identical_to_one_from_the_cache checks a
    fresh pre-render gives that page too)."""
    shutil.rmtree(project_copy / "generated" / "notebook-cache")
    script = project_copy / "site_engine" / "notebooks.py"
    script.write_text(script.read_text().replace(
        "    job = json.loads(args[0])\n", "    raise SystemExit(3)\n"))
    proc = mkdocs_build(project_copy, tmp_path / "site")
    log = proc.stdout + proc.stderr
    assert "notebook pre-render exited 3" in log
    assert "Cache miss, writing" in log
    assert _notebook_page(tmp_path / "site") == _notebook_page(copy_site / "site")
