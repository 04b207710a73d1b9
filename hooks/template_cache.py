"""Compiled page templates survive between builds (Jinja's own bytecode cache).

MkDocs makes a new Jinja environment for every build, and the print-site plugin
makes one more for the whole-site page, so Material's templates were compiled again
each time (about 0.3 s of a warm rebuild on this machine). Every environment the
theme hands out gets the cache. Jinja keys each cached template on its name and a
checksum of its source, so an edited template is recompiled, never served stale.
The cache lives in the gitignored generated/.
"""
from __future__ import annotations

from jinja2 import FileSystemBytecodeCache

from analysis import paths

CACHE_DIR = paths.GENERATED / "template-cache"


def on_config(config):
    theme = config.theme
    make_env = type(theme).get_env.__get__(theme)  # the class's method, so a rebuild never wraps twice

    def get_env():
        env = make_env()
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(CACHE_DIR))
        return env

    theme.get_env = get_env
    return config
