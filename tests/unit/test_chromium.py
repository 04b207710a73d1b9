"""Which Chromium the browser tests, the PDF and bench/ drive (tools/chromium.py)."""
from __future__ import annotations

from pathlib import Path

from tools import chromium


def _installed(monkeypatch, tmp_path: Path, *names: str) -> tuple[Path, Path]:
    shell, full = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    for path in (shell, full):
        if path.name in names:
            path.touch()
    monkeypatch.setattr(chromium, "HEADLESS_SHELL", shell)
    monkeypatch.setattr(chromium, "FULL_CHROMIUM", full)
    monkeypatch.delenv("CHROMIUM", raising=False)
    return shell, full


def test_the_headless_shell_comes_first_when_installed(monkeypatch, tmp_path):
    shell, _full = _installed(monkeypatch, tmp_path, "chromium-headless-shell", "chromium")
    assert chromium.chromium_path() == shell


def test_the_full_browser_is_the_fallback_and_is_named_when_nothing_is_installed(monkeypatch, tmp_path):
    _shell, full = _installed(monkeypatch, tmp_path, "chromium")
    assert chromium.chromium_path() == full
    _installed(monkeypatch, tmp_path)
    (tmp_path / "chromium").unlink()
    assert chromium.chromium_path() == full  # the message a caller prints names it


def test_the_environment_variable_wins(monkeypatch, tmp_path):
    _installed(monkeypatch, tmp_path, "chromium-headless-shell", "chromium")
    monkeypatch.setenv("CHROMIUM", "/opt/other/chrome")
    assert chromium.chromium_path() == Path("/opt/other/chrome")
