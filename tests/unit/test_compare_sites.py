"""bench/compare_sites.py: two built sites compared file by file."""
from __future__ import annotations

import gzip
import importlib.util
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("compare_sites", ROOT / "bench" / "compare_sites.py")
compare_sites = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_sites)


def site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".gz"):
            path.write_bytes(gzip.compress(text.encode(), mtime=len(str(root))))  # same content, other bytes
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = compare_sites.main([str(a) for a in args], out=out)
    return code, out.getvalue()


PAGE = "<html>\n<p>Version 0.1.0</p>\n<p>Same</p>\n</html>\n"


def test_identical_sites_pass(tmp_path):
    files = {"index.html": PAGE, "a/b.png": b"\x89PNG", "sitemap.xml.gz": "<urlset/>"}
    code, out = run(site(tmp_path / "one", files), site(tmp_path / "two", files))
    assert code == 0 and "3 identical, 0 differing as allowed, 0 differing" in out


def test_a_changed_line_and_a_missing_file_fail_and_are_shown(tmp_path):
    before = site(tmp_path / "before", {"index.html": PAGE, "old.html": "x"})
    after = site(tmp_path / "after", {"index.html": PAGE.replace("0.1.0", "0.2.0"), "new.html": "y"})
    code, out = run(before, after)
    assert code == 1
    assert "index.html: 1 line(s) removed, 1 added" in out
    assert "- <p>Version 0.1.0</p>" in out and "+ <p>Version 0.2.0</p>" in out
    assert "old.html" in out.split("only in BEFORE")[1] and "new.html" in out.split("only in AFTER")[1]


def test_allow_and_normalise(tmp_path):
    before = site(tmp_path / "before", {"index.html": PAGE})
    after = site(tmp_path / "after", {"index.html": PAGE.replace("0.1.0", "0.2.0")})
    assert run(before, after, "--allow", r"Version \d")[0] == 0
    assert run(before, after, "--allow", "Same")[0] == 1  # the changed lines do not match
    code, out = run(before, after, "--normalise", r"\d+\.\d+\.\d+")
    assert code == 0 and "1 identical" in out
