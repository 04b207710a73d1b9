"""Which Chromium the PDF, the browser tests and the benchmarks drive, and how it is launched.

Debian's `chromium-headless-shell` is Chromium's own headless build of the same version as
Debian's `chromium` (the same Blink, fonts and print path, no desktop shell around it); it is
also what Playwright itself runs for headless Chromium. On this 2-core machine the test suite
took 0.81 of the full browser's wall and CPU time in the same run, partly because the full
browser keeps about an eighth of a core busy even idle (bench/README.md). The full browser is the fallback, and
Lighthouse (bench/bench_lighthouse.py) keeps using it: Lighthouse is run from the full browser.

The environment variable CHROMIUM, when set, names the binary instead.
"""
from __future__ import annotations

import os
from pathlib import Path

HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")  # apt-get install chromium-headless-shell
FULL_CHROMIUM = Path("/usr/bin/chromium")  # apt-get install chromium
# No sandbox (root in containers), and no background traffic of the browser's own that
# would look like a page's request.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> Path:
    """$CHROMIUM if set; else the headless shell if installed; else the full browser.

    The path returned may not exist (nothing installed): callers say so in their own terms.
    """
    if os.environ.get("CHROMIUM"):
        return Path(os.environ["CHROMIUM"])
    return HEADLESS_SHELL if HEADLESS_SHELL.exists() else FULL_CHROMIUM


CHROMIUM = chromium_path()


def launch_chromium(playwright):
    """A headless Chromium browser from a started Playwright (sync API)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
