"""A failed or interrupted build never publishes stale or partial output (issue 17's four
cases): an analysis run that fails or is killed leaves generated/ as the last good run
left it; a file changed outside a run is rebuilt; orphans are removed; a failed
`mkdocs build` leaves the site folder as it was."""
from __future__ import annotations

import hashlib
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import mkdocs_build, python_m

DATASET = Path("data") / "china_uk" / "bibliometric_datasets.csv"
TABLE = Path("generated") / "tables" / "bibliometric_datasets_table.md"
# The values function that first meets the deleted row stops the run, naming itself
# (quoted as ' in the terminal, as &#39; in the page's escaped error banner).
LATER_ARTIFACT_FAILED = re.compile(r"values (?:'|&#39;)\w+(?:'|&#39;) failed")
SSCI_7 = 'SSCI,"Datasets in SSCI, Web of Science: 2001-2020",7,'


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def analysis(project: Path) -> subprocess.CompletedProcess:
    return python_m("analysis", [], cwd=project)


def passes_schema_fails_later(text: str) -> str:
    """A row deleted and a count changed: both pass the schema; a later artifact fails."""
    kept = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(SSCI_7))
    return kept.replace('"171,054",171054', '"999,999",999999')


def test_a_failed_run_leaves_the_last_good_output_and_a_revert_is_not_stale(project_copy):
    csv = project_copy / DATASET
    good = csv.read_text(encoding="utf-8")
    before = snapshot(project_copy / "generated")
    csv.write_text(passes_schema_fails_later(good), encoding="utf-8")
    failed = analysis(project_copy)
    assert failed.returncode == 1 and LATER_ARTIFACT_FAILED.search(failed.stderr), failed.stderr
    assert snapshot(project_copy / "generated") == before, "a failed run changed generated/"
    csv.write_text(good, encoding="utf-8")
    again = analysis(project_copy)
    assert again.returncode == 0, again.stderr
    table = (project_copy / TABLE).read_text(encoding="utf-8")
    assert "999,999" not in table and "999999" not in table and "312 16" in table


def test_a_run_killed_midway_leaves_no_mix_of_old_and_new(project_copy):
    csv = project_copy / DATASET
    good = csv.read_text(encoding="utf-8")
    csv.write_text(good.replace('"171,054",171054', '"171,055",171055'), encoding="utf-8")
    staged = project_copy / "generated" / ".staging"
    job = subprocess.Popen([sys.executable, "-m", "analysis"], cwd=project_copy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and job.poll() is None and not any(staged.rglob("bibliometric_datasets_table.md")):
        time.sleep(0.005)
    job.send_signal(signal.SIGTERM)
    job.wait(timeout=60)
    assert job.returncode == -signal.SIGTERM, "the run ended before it could be interrupted"
    assert "171,055" not in (project_copy / TABLE).read_text(encoding="utf-8"), "a killed run published a table"
    csv.write_text(good, encoding="utf-8")
    assert analysis(project_copy).returncode == 0
    table = (project_copy / TABLE).read_text(encoding="utf-8")
    chart_data = (project_copy / "generated" / "charts" / "bibliometric_record_counts.csv").read_text(encoding="utf-8")
    assert "171,054" in table and "171055" not in chart_data and "171054" in chart_data
    assert not staged.exists()


def test_a_file_changed_outside_a_run_is_rebuilt_not_trusted(project_copy):
    table = project_copy / TABLE
    good = table.read_text(encoding="utf-8")
    table.write_text(good.replace("171,054", "171,055"), encoding="utf-8")  # as a half-finished move would
    result = analysis(project_copy)
    assert "up to date" not in result.stdout and "1 of" in result.stdout, result.stdout
    assert table.read_text(encoding="utf-8") == good


def test_orphans_are_removed_and_never_published(project_copy):
    orphans = [project_copy / "generated" / "charts" / "renamed_chart.svg", project_copy / "generated" / "tables" / "old.csv"]
    for orphan in orphans:
        orphan.write_text("stale", encoding="utf-8")
    result = analysis(project_copy)
    assert result.returncode == 0, result.stderr
    assert not [o for o in orphans if o.exists()]


def test_a_failed_build_leaves_the_site_as_it_was(project_copy, copy_site):
    """Builds its own: a copy broken three ways, each built into a folder that holds the good
    site of the unchanged copy (the run's copy_site, as a build of project_copy would make it)."""
    site = project_copy / "site"
    shutil.copytree(copy_site / "site", site)
    before = snapshot(site)
    page = project_copy / "docs" / "china-uk" / "methods.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + '\n\n{{ value("no_such_value") }}\n', encoding="utf-8")
    broken_page = mkdocs_build(project_copy, site, check=False)
    assert broken_page.returncode == 1 and "no_such_value" in broken_page.stdout + broken_page.stderr
    assert snapshot(site) == before, "a failed build changed the site"
    # A warning in strict mode aborts after every page is written: the site stays as it was too.
    page.write_text(good + "\n\nSee [a page that is not there](no-such-page.md).\n", encoding="utf-8")
    warned = mkdocs_build(project_copy, site, check=False)
    assert warned.returncode == 1 and "strict mode" in warned.stdout + warned.stderr
    assert snapshot(site) == before, "a build aborted in strict mode changed the site"
    page.write_text(good, encoding="utf-8")
    # generated/ that cannot be written: a clear message, not an OSError traceback.
    (project_copy / "generated" / ".staging").write_text("in the way", encoding="utf-8")
    csv = project_copy / DATASET
    csv.write_text(csv.read_text(encoding="utf-8").replace('"4,988",4988\n', '"4,989",4989\n', 1), encoding="utf-8")
    unwritable = mkdocs_build(project_copy, site, check=False)
    output = unwritable.stdout + unwritable.stderr
    assert unwritable.returncode == 1 and "analysis failed: cannot write" in output and "Traceback" not in output, output[-2000:]
    assert snapshot(site) == before
    assert not (project_copy / "site.partial").exists()
