"""`make serve` with broken data: it keeps serving the last good site, shows the error on
the page, and recovers when the data is fixed; an edit undone is not stale."""
from __future__ import annotations

from tests.integration.test_no_stale_output import DATASET, LATER_ARTIFACT_FAILED, passes_schema_fails_later
from tests.integration.test_serve import serving, wait_for

BANNER = "The last rebuild failed; this is the last good build."


def test_serve_keeps_the_last_good_site_shows_the_error_and_recovers(project_copy):
    with serving(project_copy) as (_, page):
        def methods_page():
            return page("/china-uk/methods/")

        first = wait_for(methods_page, 180, "the first build to be served")
        assert "171,054" in first and BANNER not in first
        csv = project_copy / DATASET
        good = csv.read_text(encoding="utf-8")
        csv.write_text(passes_schema_fails_later(good), encoding="utf-8")
        # Answered at once (fetch times out after 5 s), the last good page, the error on top.
        broken = wait_for(lambda: (body := methods_page()) and BANNER in body and body, 120, "the error on the page")
        assert LATER_ARTIFACT_FAILED.search(broken) and "171,054" in broken and "999,999" not in broken
        csv.write_text(good, encoding="utf-8")
        fixed = wait_for(lambda: (body := methods_page()) and BANNER not in body and body, 120, "the fixed rebuild")
        assert "171,054" in fixed and "999,999" not in fixed
