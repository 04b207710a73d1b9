"""The site works wherever it is served: no page names the deploy path (site_url's path,
e.g. /irc-site/) as an absolute address, so a local server at / or a fork under another
name serves every file a page asks for. The print page was the one that did
(Material's base and scope, hence /irc-site/sitemap.xml)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.integration.test_serve import mount_path


def test_no_page_asks_for_the_deploy_path(built_site):
    mount = mount_path()
    assert mount not in ("", "/"), "site_url has no path: this test would prove nothing"
    # Attribute values and Material's JSON/JS that start with the deploy path (full URLs are fine).
    absolute = re.compile(rf"""(?:=|:\s*|URL\()["']{re.escape(mount)}""")
    found = {}
    # 404.html is the exception by design: the host serves it at any depth, so MkDocs gives it
    # addresses from the site's root; a fork sets SITE_URL (mkdocs.yml) to its own address.
    for page in sorted(p for p in built_site.rglob("*.html") if p.name != "404.html"):
        hits = absolute.findall(page.read_text(encoding="utf-8"))
        if hits:
            found[str(page.relative_to(built_site))] = hits[:3]
    assert not found, found


def test_the_print_page_is_built_and_reads_its_base_relatively(built_site):
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert '"base": ".."' in html and '__md_scope=new URL("..",location)' in html
    assert urlsplit("https://example.org" + mount_path()).path.strip("/")  # the deploy path is not the root
