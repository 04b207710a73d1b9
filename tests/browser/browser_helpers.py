"""Build, serve and walk the built site: shared by the browser tests and bench/bench_pages.py."""
from __future__ import annotations

import functools
import io
import threading
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools.chromium import CHROMIUM, launch_chromium  # noqa: F401 (re-exported for the tests and bench/)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-results" / "screenshots"  # bench/screenshots.py: the CI artifact
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 800}  # the narrowest common phone
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script_path() -> Path:
    """axe.min.js as shipped inside the axe-playwright-python wheel (no npm needed)."""
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"axe-core script missing from the axe-playwright-python wheel: {path}")
    return path


def build_site(out_dir: Path, site_url: str | None = None) -> Path:
    """Strict build of the whole site into out_dir (the analysis runs inside it), for the benchmarks.

    The tests read the run's one build (tests/conftest.py: built_site) instead.
    """
    from tests.conftest import mkdocs_build

    proc = mkdocs_build(ROOT, out_dir, check=False, env={"SITE_URL": site_url} if site_url else None)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
        raise RuntimeError(f"mkdocs build --strict failed (exit {proc.returncode}):\n{tail}")
    return out_dir


def sitemap_locs(text: str) -> list[str]:
    """The page addresses a sitemap.xml lists."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [el.text.strip() for el in ET.fromstring(text).findall("s:url/s:loc", ns)]


def home_address(site_dir: Path) -> str:
    """The address the site was built for (site_url): the home page's, the sitemap's shortest."""
    return min(sitemap_locs((site_dir / "sitemap.xml").read_text(encoding="utf-8")), key=len)


def site_pages(site_dir: Path) -> list[str]:
    """Every page of the built site as a server path ('/', '/china-uk/methods/'), from sitemap.xml.

    The sitemap holds absolute URLs under site_url (the deploy address); the
    shortest of them is the home page, whose path is the prefix to strip.
    """
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        raise FileNotFoundError(f"{sitemap}: no sitemap in the built site")
    locs = sitemap_locs(sitemap.read_text(encoding="utf-8"))
    if not locs:
        raise ValueError(f"{sitemap}: lists no pages")
    home = urlsplit(min(locs, key=len)).path
    pages = []
    for loc in locs:
        path = urlsplit(loc).path
        if not path.startswith(home):
            raise ValueError(f"{sitemap}: {loc} is not under the home page {home}")
        rel = "/" + unquote(path[len(home):])
        if not (site_dir / rel.lstrip("/") / "index.html").is_file() and not (site_dir / rel.lstrip("/")).is_file():
            raise FileNotFoundError(f"{sitemap}: {loc} has no file in the built site")
        pages.append(rel)
    return sorted(set(pages))


def page_file(site_dir: Path, path: str) -> Path:
    target = site_dir / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def chart_pages(site_dir: Path) -> list[str]:
    """Pages whose HTML holds at least one chart figure."""
    return [p for p in site_pages(site_dir) if '<figure class="irc-chart"' in page_file(site_dir, p).read_text(encoding="utf-8")]



def slug(path: str) -> str:
    """A file name for a page path: '/' -> 'home', '/china-uk/methods/' -> 'china-uk_methods'."""
    return path.strip("/").replace("/", "_") or "home"


class _QuietHandler(SimpleHTTPRequestHandler):
    # Extra folders mounted at a URL prefix (the benchmark's baseline page).
    mounts: dict[str, Path] = {}

    def translate_path(self, path):
        for prefix, folder in self.mounts.items():
            if path.startswith(prefix):
                rel = unquote(urlsplit(path).path[len(prefix):])
                return str(Path(folder) / rel)
        return super().translate_path(path)

    def log_message(self, format, *args):  # noqa: A002  (signature fixed by http.server)
        pass


class LocalSitemapHandler(_QuietHandler):
    """Serves a site built for its deploy address as if built for this server's.

    Material's instant loading only follows links that sitemap.xml lists, and matches them
    by protocol and host but not by port or path (its bundle's sitemap reader), so the
    sitemap's addresses are rewritten to this server's: the home page's address, the
    shortest, becomes the server's root. Every other file is served as built.
    """

    def send_head(self):
        if urlsplit(self.path).path != "/sitemap.xml":
            return super().send_head()
        site_dir = Path(self.directory)
        text = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
        body = text.replace(home_address(site_dir), f"http://{self.headers['Host']}/").encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site_dir: Path, mounts: dict[str, Path] | None = None, handler: type = _QuietHandler):
    """Serve site_dir (and folders mounted at URL prefixes) on 127.0.0.1 at a free port through
    handler (a _QuietHandler); yields the base URL without a trailing slash."""
    handler = type("Handler", (handler,), {"mounts": dict(mounts or {})})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"{handler.__base__.__name__}-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def require_chromium() -> None:
    """Skip a browser test when no Chromium is installed; fail it under CI=true, where a
    missing browser means the set-up is broken, not that the checks may be dropped."""
    import os

    import pytest

    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing and CI=true: browser tests must run on CI (.ci/run installs it)")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium-headless-shell or chromium); browser tests skipped outside CI")


# The static SVG a reader sees before any script runs: the <img> of the current scheme.
CHART_STATE_JS = """
() => Array.from(document.querySelectorAll('figure.irc-chart')).map(fig => {
  const scheme = document.body.getAttribute('data-md-color-scheme') === 'slate' ? 'dark' : 'light';
  const img = fig.querySelector('img.irc-chart__svg--' + scheme);
  const other = fig.querySelector('img.irc-chart__svg--' + (scheme === 'dark' ? 'light' : 'dark'));
  const box = img ? img.getBoundingClientRect() : null;
  const style = img ? getComputedStyle(img) : null;
  const template = fig.querySelector('.irc-frame__table template');
  const table = fig.querySelector('.irc-frame__table table') || (template && template.content.querySelector('table'));
  const source = fig.querySelector('.irc-frame__source');
  return {
    id: fig.id,
    scheme,
    state: fig.getAttribute('data-state'),
    hasImg: !!img,
    alt: img ? img.getAttribute('alt') : null,
    complete: img ? img.complete : false,
    naturalWidth: img ? img.naturalWidth : 0,
    visible: !!img && style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0,
    otherHidden: !other || getComputedStyle(other).display === 'none',
    tableRows: table ? table.querySelectorAll('tbody tr').length : 0,
    tabs: Array.from(fig.querySelectorAll('.tabbed-labels label')).map(l => l.textContent.trim()).join(' · '),
    sourceShown: !!source && source.getBoundingClientRect().height > 0 && /^Source: /.test(source.textContent.trim()),
  };
})
"""


# For every chart: the image the browser shows (the <img>/<picture> of the current
# scheme, or the interactive SVG), the smallest font size inside it and the scale
# at which it is drawn (displayed width / the SVG's own width).
def static_chart_problems(page) -> list[str]:
    """Each chart's static SVG (current scheme) is shown and loaded, before any interaction.

    The images are lazy-loaded, so each figure is scrolled into view (without moving
    the pointer, which would start the interactive upgrade) before it is checked.
    """
    count = page.locator("figure.irc-chart").count()
    if not count:
        return []
    park_pointer(page)
    # Scrolled by Playwright rather than by a page script, so it also works with JavaScript off.
    figures = page.locator("figure.irc-chart")
    for i in range(count):
        figures.nth(i).scroll_into_view_if_needed()
    try:
        page.wait_for_function(
            """() => Array.from(document.querySelectorAll('figure.irc-chart')).every(fig => {
                 const dark = document.body.getAttribute('data-md-color-scheme') === 'slate';
                 const img = fig.querySelector('img.irc-chart__svg--' + (dark ? 'dark' : 'light'));
                 return img && img.complete && img.naturalWidth > 0;
               })""",
            polling=100,
            timeout=10_000,
        )
    except Exception:  # noqa: BLE001  (the per-figure report below says which one)
        pass
    problems = []
    for chart in page.evaluate(CHART_STATE_JS):
        where = f"#{chart['id']} ({chart['scheme']})"
        if not chart["hasImg"]:
            problems.append(f"{where}: no static <img> for this scheme")
            continue
        if chart["state"]:
            problems.append(f"{where}: upgraded (data-state={chart['state']}) before any interaction")
        if not (chart["complete"] and chart["naturalWidth"] > 0):
            problems.append(f"{where}: static SVG did not load (naturalWidth={chart['naturalWidth']})")
        if not chart["visible"]:
            problems.append(f"{where}: static SVG is not visible")
        if not chart["otherHidden"]:
            problems.append(f"{where}: the other scheme's SVG is shown too")
        if not (chart["alt"] or "").strip():
            problems.append(f"{where}: static SVG has no text alternative (alt)")
        if chart["tableRows"] < 1:
            problems.append(f"{where}: no data table alternative with rows")
        if chart["tabs"] != "Chart · Table · Sources · Download · Cite":
            problems.append(f"{where}: frame tabs are '{chart['tabs']}'")
        if not chart["sourceShown"]:
            problems.append(f"{where}: no visible 'Source: ...' line")
    return problems


def upgrade_chart_problems(page) -> list[str]:
    """The 'Explore interactively' button of every chart brings up a vega-embed view."""
    problems = []
    figures = page.locator("figure.irc-chart")
    for i in range(figures.count()):
        fig = figures.nth(i)
        name = fig.get_attribute("id")
        # The Table tab shows the chart's data (taken from its <template> when chosen).
        fig.locator(".tabbed-labels label", has_text="Table").click()
        rows = fig.locator(".irc-frame__table table tbody tr")
        if not (rows.count() and rows.first.is_visible()):
            problems.append(f"#{name}: the Table tab shows no data table")
        fig.locator(".tabbed-labels label", has_text="Chart").click()
        button = fig.locator("button.irc-chart__explore")
        # The chart also upgrades when the pointer enters it (charts.js), which removes the
        # button: a pointer crossing it on the way to another chart may get there first.
        if not fig.get_attribute("data-state"):
            try:  # charts.js adds the button once it has loaded: on a loaded machine that can lag
                button.first.wait_for(state="attached", timeout=5_000)
            except Exception:  # noqa: BLE001  (reported just below)
                pass
            if button.count() != 1 and not fig.get_attribute("data-state"):
                problems.append(f"#{name}: no 'Explore interactively' button")
                continue
            try:
                button.click(timeout=5_000)
            except Exception:  # noqa: BLE001  (the pointer reaching the chart upgraded it first)
                pass
        try:
            fig.locator(".vega-embed svg").first.wait_for(state="visible", timeout=10_000)
            page.wait_for_function("el => el.getAttribute('data-state') === 'interactive'", arg=fig.element_handle(), timeout=5_000)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"#{name}: no interactive view after clicking the button (data-state={fig.get_attribute('data-state')}): {type(exc).__name__}")
            continue
        marks = fig.locator(".vega-embed svg .mark-symbol path, .vega-embed svg .mark-rect path, .vega-embed svg .mark-line path, .vega-embed svg [class^='mark-'] path").count()
        if marks == 0:
            problems.append(f"#{name}: interactive view drew no marks")
        if fig.locator("button.irc-chart__explore").count():
            problems.append(f"#{name}: 'Explore interactively' is still there after the upgrade")
        if fig.locator(".vega-embed details, .vega-embed .vega-actions").count():
            problems.append(f"#{name}: vega-embed shows its own action menu (downloads belong in the frame)")
        shown, drawn = fig.evaluate(
            "f => { const s = f.querySelector('.vega-embed svg'); return [s.getBoundingClientRect().width, s.width.baseVal.value]; }"
        )
        if drawn and shown < drawn - 1:
            problems.append(f"#{name}: interactive chart shrunk to {shown:.0f}px from the {drawn:.0f}px it was drawn at")
    return problems


# What the interactive chart looks like, reduced to the colours its theme sets.
INTERACTIVE_COLOURS_JS = """
el => Array.from(el.querySelectorAll('.vega-embed svg text')).slice(0, 12)
        .map(t => getComputedStyle(t).fill).join('|')
"""


def toggle_scheme(page) -> str:
    """Click Material's palette toggle (the visible one) and return the new scheme."""
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("b => document.body.getAttribute('data-md-color-scheme') !== b", arg=before)
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def retheme_problems(page) -> list[str]:
    """After the toggle, every interactive chart redraws in the new scheme's colours."""
    figures = page.locator("figure.irc-chart[data-state=interactive]")
    before = [figures.nth(i).evaluate(INTERACTIVE_COLOURS_JS) for i in range(figures.count())]
    scheme = toggle_scheme(page)
    problems = []
    for i, colours in enumerate(before):
        fig = figures.nth(i)
        try:
            page.wait_for_function(
                f"([el, before]) => {{ const now = ({INTERACTIVE_COLOURS_JS})(el); return now && now !== before; }}",
                arg=[fig.element_handle(), colours],
                timeout=10_000,
            )
        except Exception:  # noqa: BLE001
            problems.append(f"#{fig.get_attribute('id')}: interactive chart kept its colours after switching to {scheme}")
    return problems


def park_pointer(page) -> None:
    """Rest the mouse on the sticky header, where no chart can slide under it.

    charts.js upgrades a chart on pointerenter; Chromium fires that when content
    moves under a resting pointer (scrolling, a page swap), which would count as
    an interaction the test did not mean.
    """
    page.mouse.move(2, 2)


def instant_visit(page, recorder, path: str) -> None:
    """Follow an in-page link to path with the keyboard; Material's instant loader takes it."""
    park_pointer(page)
    page.evaluate(
        """path => {
             const a = document.createElement('a');
             a.href = new URL(path, location.origin).href;
             a.id = 'irc-test-instant-link';
             a.textContent = 'next page';
             document.querySelector('article').prepend(a);
           }""",
        path,
    )
    page.locator("#irc-test-instant-link").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.split("#")[0].split("?")[0].endswith(path))
    page.wait_for_function("() => !document.getElementById('irc-test-instant-link')")
    recorder.settle(page)


def format_failures(failures: dict[str, list]) -> str:
    lines = []
    for where, items in failures.items():
        lines.append(f"{where}:")
        lines.extend(f"    {item}" for item in items)
    return "\n".join(lines)
