"""The project's own error for a build that must stop: the message names the file, page or key.

Engine-agnostic code (fragments/, transforms/) raises it; the site engine's plugin
(site_engine/plugin.py) turns it into the engine's own error.
"""
from __future__ import annotations


class SiteError(Exception):
    """The site cannot be built as its sources stand; the message says where and why."""
