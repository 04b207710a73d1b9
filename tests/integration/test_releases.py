"""Every build knows its version; every release is served, and cited, at its own address.

scholarly/version.py (git, a `git archive`, or a development build), scholarly/records.py
and scholarly/releases.py (each tag vX.Y.Z built into site/v/X.Y.Z/).
"""
from __future__ import annotations

import json
import logging
import re
import subprocess
import tarfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fragments import cite_box as boxes
from scholarly import formats, metadata, records, version
from tests.conftest import ROOT, VENV_BIN, copy_project, mkdocs_build, python_m, run

ROOT_URL = "https://example.org/site/"
EXPANDED = ("node: 0123456789abcdef0123456789abcdef01234567\nnode-date: 2026-03-04T05:06:07+00:00\n"
            "describe-name: v1.2.3\n")


def _git(cwd: Path, *args: str, date: str = "2026-01-01T00:00:00Z") -> str:
    env = {"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date}
    return run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, env=env, check=True).stdout


def _site(build: version.BuildVersion, **meta_changes) -> metadata.Site:
    meta = {**metadata.load_metadata(), **meta_changes}
    return metadata.Site(meta, build, ROOT_URL)


RELEASE = version.BuildVersion("git", "v1.2.3", "a" * 40, "2026-03-04", "1.2.3", "1.2.3")
BETWEEN = version.BuildVersion("git", "v1.2.3-4-gbbbbbbb", "b" * 40, "2026-03-09", "", "1.2.3")
DEVELOPMENT = version.BuildVersion("development", version.DEVELOPMENT)


# ---------------------------------------------------------------------------
# Where a build's version comes from
# ---------------------------------------------------------------------------
def test_archival_file_in_the_repository_is_unexpanded_and_git_archive_expands_it(tmp_path):
    text = (ROOT / ".git_archival.txt").read_text(encoding="utf-8")
    assert version.parse_archival(text) == {}
    assert ".git_archival.txt export-subst" in (ROOT / ".gitattributes").read_text(encoding="utf-8")
    archive = tmp_path / "a.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "HEAD", ".git_archival.txt", ".gitattributes"], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        expanded = tar.extractfile(".git_archival.txt").read().decode("utf-8")
    info = version.parse_archival(expanded)
    assert info["node"] == run(["git", "rev-parse", "HEAD"], cwd=ROOT, check=True).stdout.strip()
    assert info["node-date"][:10] == run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, check=True).stdout.strip()


def test_an_archive_build_reads_its_version_and_date_from_the_archival_file(tmp_path):
    (tmp_path / ".git_archival.txt").write_text(EXPANDED, encoding="utf-8")
    build = version.detect(tmp_path)
    assert (build.source, build.release, build.date, build.commit[:4]) == ("archive", "1.2.3", "2026-03-04", "0123")
    # Not a release: an archive of a later commit names the commit after the last release.
    (tmp_path / ".git_archival.txt").write_text(EXPANDED.replace("v1.2.3", "v1.2.3-2-g0123456"), encoding="utf-8")
    later = version.detect(tmp_path)
    assert later.release == "" and later.last_release == "1.2.3"
    assert records.version_label(_site(later)) == "1.2.3-2-g0123456"


def test_neither_git_nor_archive_is_a_development_build_that_warns_and_never_says_1970(tmp_path, caplog):
    (tmp_path / ".git_archival.txt").write_text((ROOT / ".git_archival.txt").read_text(encoding="utf-8"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="scholarly"):
        build = version.detect(tmp_path)
    assert build.source == "development" and "development build" in caplog.text
    rec = records.record(_site(build), path="china-uk/methods/", title="Methods", date="2026-01-01")
    texts = [str(f) for _, _, f in formats.all_formats(rec)] + [str(boxes.meta_html(rec))]
    assert all("development build" in t for t in texts)
    assert not any(re.search(r"19[0-9]{2}|20[0-9]{2}", re.sub(r"https?://\S+", "", t)) for t in texts), texts
    assert "(n.d.)" in str(formats.apa(rec))


def test_an_archive_unpacked_inside_another_repository_does_not_take_its_history(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "x").write_text("x", encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "outer")
    inner = tmp_path / "unpacked"
    inner.mkdir()
    assert version.from_git(inner) is None
    assert version.from_git(tmp_path).source == "git"


def test_page_dates_follow_renames_and_take_the_last_change(tmp_path):
    _git(tmp_path, "init", "-q")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n", encoding="utf-8")
    (docs / "b.md").write_text("# B\n", encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "first", date="2026-01-01T00:00:00Z")
    (docs / "a.md").write_text("# A\n\nMore.\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "edit a", date="2026-02-01T00:00:00Z")
    _git(tmp_path, "mv", "docs/b.md", "docs/c.md")
    _git(tmp_path, "commit", "-qm", "rename b", date="2026-03-01T00:00:00Z")
    (tmp_path / "other").write_text("x", encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "unrelated", date="2026-04-01T00:00:00Z")
    dates = version.page_dates(tmp_path)
    assert dates["docs/a.md"] == ("2026-01-01", "2026-02-01")
    assert dates["docs/c.md"] == ("2026-01-01", "2026-03-01")  # first published under its old name
    assert "docs/b.md" not in dates


# ---------------------------------------------------------------------------
# What a citation names and links
# ---------------------------------------------------------------------------
def test_a_release_citation_names_the_version_and_links_its_permanent_address_with_the_latest_beside():
    rec = records.record(_site(RELEASE), path="china-uk/methods/", title="Methods", kind="chart", anchor="chart-x",
                         page_title="Methods", date="2026-02-01")
    assert rec["url"] == f"{ROOT_URL}v/1.2.3/china-uk/methods/#chart-x"
    assert rec["latest_url"] == f"{ROOT_URL}china-uk/methods/#chart-x"
    for key, _, text in formats.all_formats(rec):
        assert rec["url"] in str(text) and "1.2.3" in str(text), key
    meta = BeautifulSoup(str(boxes.meta_html(rec)), "html.parser")
    assert [a["href"] for a in meta.select("a")] == [rec["url"], rec["latest_url"]]
    assert "(2026, February 1)" in str(formats.apa(rec)) and "(Version 1.2.3)" in str(formats.apa(rec))


def test_between_releases_a_citation_says_it_is_not_a_release_and_links_the_source_commit():
    rec = records.record(_site(BETWEEN), path="cite/", title="How to cite", date="2026-02-01")
    assert rec["url"] == rec["latest_url"] == f"{ROOT_URL}cite/"
    assert "Version 1.2.3-4-gbbbbbbb, not a release" in str(formats.apa(rec))
    meta = BeautifulSoup(str(boxes.meta_html(rec)), "html.parser")
    assert f"https://github.com/irc-research/irc-site/tree/{'b' * 40}" in [a["href"] for a in meta.select("a")]


def test_the_doi_goes_into_the_site_citation_and_every_box_when_configured():
    doi = "10.5281/zenodo.1234567"
    site = _site(RELEASE, doi=doi)
    whole = records.site_record(site)
    assert f"https://doi.org/{doi}" in str(formats.apa(whole)) and f"https://doi.org/{doi}" in str(formats.chicago(whole))
    assert f"doi = {{{doi}}}" in formats.bibtex(whole)
    assert f"DO  - {doi}" in formats.ris(whole).splitlines()
    page = records.record(site, path="cite/", title="How to cite", date="2026-02-01")
    # A page is not the archived deposit: its citation keeps its own address; its box links the DOI.
    assert doi not in formats.bibtex(page) and doi not in formats.ris(page)
    assert f'href="https://doi.org/{doi}"' in str(boxes.meta_html(page))
    without = records.site_record(_site(RELEASE))
    assert "doi.org" not in str(formats.apa(without)) + formats.bibtex(without) + str(boxes.meta_html(without))


def test_date_released_matches_the_release_tag_when_it_exists():
    meta = metadata.load_metadata()
    tag = f"v{meta['version']}"
    tagged = run(["git", "log", "-1", "--format=%cs", tag], cwd=ROOT).stdout.strip()
    if not tagged:
        pytest.skip(f"{tag} is not tagged yet: tag the release commit, then this test checks date_released")
    assert meta["date_released"].isoformat() == tagged


# ---------------------------------------------------------------------------
# A release built and served at its own address, from its own commit
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def released_project(tmp_path_factory, analysed) -> Path:
    """A copy of the project, tagged v0.1.0, then changed by a later commit."""
    project = copy_project(tmp_path_factory.mktemp("release") / "project")
    # The release procedure: refresh page-dates.json from history, commit, tag.
    python_m("analysis.citation_files", ["--write"], cwd=project, check=True)
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "page dates for the release")
    _git(project, "tag", "v0.1.0")
    cite_md = project / "docs" / "cite.md"
    cite_md.write_text(cite_md.read_text(encoding="utf-8") + "\nAFTER-THE-RELEASE\n", encoding="utf-8")
    _git(project, "commit", "-qam", "after the release", date="2026-02-01T00:00:00Z")
    return project


@pytest.fixture(scope="module")
def released_site(released_project) -> Path:
    """The copy's latest site, with v0.1.0 built from its tag into v/0.1.0/, as the deploy does."""
    site = released_project / "site"
    mkdocs_build(released_project, site)
    proc = run([str(VENV_BIN / "python"), "-m", "scholarly.releases", str(site), "--root-url", ROOT_URL,
                "--repo", str(released_project), "--python", str(VENV_BIN / "python")], cwd=ROOT, check=True)
    assert "building v0.1.0" in proc.stdout
    return site


def test_a_release_is_built_at_v_and_its_citations_resolve_to_its_own_content(released_site):
    site = released_site
    release = site / "v" / "0.1.0"
    assert "AFTER-THE-RELEASE" in (site / "cite" / "index.html").read_text(encoding="utf-8")
    assert "AFTER-THE-RELEASE" not in (release / "cite" / "index.html").read_text(encoding="utf-8")
    checked = 0
    for path in sorted(release.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        page_box = next((b for b in soup.select('details.irc-cite[data-cite-kind="page"]')
                         if b.summary.get_text() == "Cite this page"), None)
        if page_box is None:
            continue
        # The box is compact: its record and formats are in the page's citations.html.
        assert page_box["data-cite-src"] == "citations.html#cite-page", path
        box = BeautifulSoup((path.parent / "citations.html").read_text(encoding="utf-8"), "html.parser").find(id="cite-page")
        links = [a["href"] for a in box.select(".irc-cite__meta a")]
        rel = path.parent.relative_to(release).as_posix()
        rel = "" if rel == "." else rel + "/"
        assert links[:2] == [f"{ROOT_URL}v/0.1.0/{rel}", f"{ROOT_URL}{rel}"], path
        apa = box.select_one("pre.irc-cite__text--apa").get_text()
        assert "(Version 0.1.0)" in apa and f"{ROOT_URL}v/0.1.0/{rel}" in apa and "(2026, January 1)" in apa, path
        # The address resolves, inside the release, to this page with the title the citation gives.
        target = release / links[0][len(f"{ROOT_URL}v/0.1.0/"):] / "index.html"
        title = soup.select_one("meta[name='DC.title']")["content"]
        assert target == path and f"TI  - {title}" in box.select_one("pre.irc-cite__text--ris").get_text(), path
        checked += 1
    assert checked >= 40


def test_a_build_from_git_archive_knows_its_release_and_dates(released_project, released_site, tmp_path):
    """Builds its own: a git archive of the tagged release, which has no .git."""
    archive = tmp_path / "src.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "v0.1.0"], cwd=released_project, check=True)
    src = tmp_path / "src"
    with tarfile.open(archive) as tar:
        tar.extractall(src, filter="data")
    mkdocs_build(src, src / "site")
    pages = [p for p in (src / "site").rglob("index.html") if "print_page" not in p.parts]
    assert len(pages) >= 40
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "1970" not in text and "unversioned" not in text and "development build" not in text, path
    methods = (src / "site" / "china-uk" / "methods" / "index.html").read_text(encoding="utf-8")
    assert "(Version 0.1.0)" in methods and '<meta name="DC.date" content="2026-01-01">' in methods
    assert "1970" not in (src / "site" / "sitemap.xml").read_text(encoding="utf-8")
    # The same dates as the release's own site, built from git (page-dates.json was refreshed before the tag).
    released = released_site / "v" / "0.1.0"
    for rel in ("china-uk/methods/index.html", "datasets/index.html", "quotes/all/index.html"):
        facts = []
        for built in (src / "site", released):
            soup = BeautifulSoup((built / rel).read_text(encoding="utf-8"), "html.parser")
            graph = json.loads(soup.select_one("script[type='application/ld+json']").string)["@graph"]
            page = next(n for n in graph if n["@type"] == "WebPage")
            # The page's own record, in its citations.html (the page's cite box is compact).
            record = BeautifulSoup((built / rel).with_name("citations.html").read_text(encoding="utf-8"), "html.parser").find(id="cite-page")
            facts.append((page["datePublished"], page["dateModified"], page["version"],
                          record.select_one("pre.irc-cite__text--apa").get_text().split(" https://")[0]))
        assert facts[0] == facts[1], rel


def test_page_dates_json_is_true_to_git_history():
    """First publications never change; at a release tag every date must be current."""
    from scholarly import page_dates

    recorded = page_dates.read(ROOT)
    history = version.from_git(ROOT)
    assert recorded, "page-dates.json is missing: run python -m analysis.citation_files --write"
    wrong = {p: d for p, d in recorded.items() if p in history.page_dates and history.page_dates[p][0] != d[0]}
    assert not wrong, wrong
    if history.release:
        current = {k: tuple(v) for k, v in page_dates.from_history(history.page_dates).items()}
        assert recorded == current, "a release with stale page-dates.json: run python -m analysis.citation_files --write before tagging"
