"""Stable URLs: every published page and anchor (tests/published_urls.txt) is still
served by the build, or its page moved with a redirect (mkdocs-redirects)."""
from __future__ import annotations

import re
import shutil

from tools import urls
from tests.conftest import ROOT, mkdocs_build

PUBLISHED = ROOT / "tests" / "published_urls.txt"


def test_published_list_is_sorted_unique_and_site_relative():
    published = urls.read_published(PUBLISHED)
    assert published == sorted(set(published))
    assert "/" in published and "/cite/" in published and "/references/" in published
    assert all(u.startswith("/") for u in published)


def test_build_serves_every_published_url(built_site):
    lost = urls.missing(urls.read_published(PUBLISHED), urls.collect(built_site), urls.redirect_maps(ROOT / "mkdocs.yml"))
    assert not lost, (
        "published URLs gone without a redirect (add one in mkdocs.yml redirects: redirect_maps, "
        f"or restore the page/anchor): {lost}"
    )


def test_new_urls_are_listed(built_site):
    # Not a stability failure, but the list must be regenerated so new URLs are protected too.
    unlisted = sorted(set(urls.collect(built_site)) - set(urls.read_published(PUBLISHED)))
    assert not unlisted, f"regenerate with `mkdocs build && python -m tools.urls --write site`: {unlisted[:20]}"


def test_collect_reads_pages_and_citable_anchors(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_text('<article class="md-content__inner"><h1 id="home">H</h1></article>', encoding="utf-8")
    (tmp_path / "a" / "b" / "index.html").write_text(
        '<nav id="outside"></nav><article class="md-content__inner"><h2 id="s">S</h2>'
        '<figure id="chart-x"></figure><input id="__tabbed_1_1"><input id="irc-cite-page-apa">'
        '<li id="ref-doe2020"></li><sup id="fnref:1"></sup><table id="T_de371"><th id="T_de371_level0_col0"></th></table>'
        '<pre id="irc-cite-page-apa-text"></pre></article>',
        encoding="utf-8",
    )
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=../a/b/">', encoding="utf-8")
    (tmp_path / "404.html").write_text("<article class=\"md-content__inner\"><h1 id='x'></h1></article>", encoding="utf-8")
    assert urls.collect(tmp_path) == ["/", "/#home", "/a/b/", "/a/b/#chart-x", "/a/b/#s"]


def test_missing_allows_moves_only_with_a_redirect():
    built = ["/", "/new/", "/new/#sec"]
    assert urls.missing(["/old/", "/old/#sec"], built, {"/old/": "/new/"}) == []
    assert urls.missing(["/old/", "/old/#gone"], built, {"/old/": "/new/"}) == ["/old/#gone"]
    assert urls.missing(["/old/"], built, {}) == ["/old/"]
    assert urls.missing(["/", "/#intro"], built, {}) == ["/#intro"]


def test_redirect_maps_are_read_from_mkdocs_yml(tmp_path):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(
        "site_url: !ENV [SITE_URL, 'x']\nplugins:\n  - search\n  - redirects:\n      redirect_maps:\n"
        "        china-uk/old.md: china-uk/methods.md\n        index-old.md: index.md\n        x/index.md: y.md#a\n",
        encoding="utf-8",
    )
    assert urls.redirect_maps(cfg) == {"/china-uk/old/": "/china-uk/methods/", "/index-old/": "/", "/x/": "/y/#a"}


def test_renaming_a_page_without_a_redirect_fails_and_with_one_passes(project_copy, tmp_path):
    """The acceptance check: rename a published page; the URL check must catch it, and a redirect must satisfy it.

    Builds its own, once: the renamed site with the redirect. The check reads the built pages
    without the redirect stubs (urls.collect leaves them out), so this one build is also the
    renamed site as it would be built without the redirect; the check fails it under the
    redirect maps the configuration had before the redirect was added (none)."""
    published = urls.read_published(PUBLISHED)
    # The notebook page of the reproduce section reads the sample exports in tests/fixtures.
    shutil.copytree(ROOT / "tests" / "fixtures", project_copy / "tests" / "fixtures", dirs_exist_ok=True)
    docs = project_copy / "docs"
    (docs / "cite.md").rename(docs / "how-to-cite.md")
    top_nav = docs / ".nav.yml"
    top_nav.write_text(top_nav.read_text(encoding="utf-8").replace("cite.md", "how-to-cite.md"), encoding="utf-8")
    # Links to the old page from other pages (and from the glossary data) are repointed, as an author would.
    for page in [*docs.rglob("*.md"), *(project_copy / "data").rglob("*.csv")]:
        text = page.read_text(encoding="utf-8")
        if "cite.md" in text:
            page.write_text(text.replace("cite.md", "how-to-cite.md"), encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      redirect_maps: {}\n" in text
    without_redirect = urls.redirect_maps(config)
    config.write_text(text.replace("      redirect_maps: {}\n", "      redirect_maps:\n        cite.md: how-to-cite.md\n"), encoding="utf-8")
    site = tmp_path / "site"
    mkdocs_build(project_copy, site)
    built = urls.collect(site)
    assert "/how-to-cite/" in built and "/cite/" not in built
    assert "/cite/" in urls.missing(published, built, without_redirect)

    assert (site / "cite" / "index.html").exists(), "mkdocs-redirects wrote no stub for the old address"
    lost = urls.missing(published, built, urls.redirect_maps(config))
    assert not [u for u in lost if u.startswith("/cite/")], lost


def test_sitemap_has_a_commit_date_for_every_page(built_site):
    text = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = re.findall(r"<lastmod>([^<]+)</lastmod>", text)
    locs = re.findall(r"<loc>([^<]+)</loc>", text)
    assert lastmods and len(lastmods) == len(locs)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in lastmods)
    # Each date is a git commit date (checked per file in test_cite), never later than the build's commit.
    from transforms.build import SiteBuild
    from transforms.cite import site_version

    assert max(lastmods) <= site_version(SiteBuild({"artifacts": {}}))["date"]
