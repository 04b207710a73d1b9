"""What Zotero's own translators save from the built site (zotero/translation-server).

Runs when the translation server answers at ZOTERO_SERVER (default http://127.0.0.1:1969;
start it with shared/tools/zotero-server.sh start DEST); skips otherwise. The same
checks, with a full tally, are in bench/zotero_check.py.
"""
from __future__ import annotations

import importlib.util
import os
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT

SERVER = os.environ.get("ZOTERO_SERVER", "http://127.0.0.1:1969")
SITE_NAME = "International Research Collaboration"


def _reachable() -> bool:
    try:
        urllib.request.urlopen(SERVER + "/", timeout=3)
    except urllib.error.HTTPError:
        return True  # it answers 404 at /: it is up
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _reachable(), reason=f"Zotero translation server not reachable at {SERVER}")


def _check():
    spec = importlib.util.spec_from_file_location("zotero_check", ROOT / "bench" / "zotero_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_zotero_saves_every_page_as_a_web_page_or_dataset_with_the_organisation_whole(built_site):
    report = _check().check_pages(built_site, SERVER)
    items = report["items"]
    assert len(items) >= 50
    for rel, item in items.items():
        kind = "dataset" if rel.startswith("datasets/") and rel != "datasets/" and rel != "datasets/notes/" else "webpage"
        assert item.get("itemType") == kind, (rel, item)
        assert item["creators"] == [{"name": "IRC Research Team", "creatorType": "author"}], rel
        assert item.get("date") and not item["date"].startswith("1970"), rel
        assert item.get("abstractNote"), rel
        if kind == "webpage":
            # A Web Page has no version field: the website title is the site in its version.
            assert item["websiteTitle"].startswith(f"{SITE_NAME} (") and "ersion" in item["websiteTitle"], rel
        else:
            assert item.get("versionNumber"), rel


def test_zotero_importers_keep_version_site_and_date_of_every_record(built_site):
    report = _check().check_imports(built_site, SERVER, SITE_NAME)
    assert report["records"] >= 200
    for fmt in ("bibtex", "ris"):
        tally = report["tally"][fmt]
        n = tally["records"]
        assert tally.get("itemType webpage") == n, (fmt, tally)
        assert tally.get("version kept") == n, (fmt, tally)
        assert tally.get("organisation whole") == n, (fmt, tally)
        assert tally.get("no bogus access date") == n, (fmt, tally)
        assert tally.get("date kept") == n, (fmt, tally)
        # All but the record of the whole site, which is the website itself and has no container.
        assert tally.get("container is the site") == n - 1, (fmt, tally)
