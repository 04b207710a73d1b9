"""The engine-facing layer stays one thin layer: only site_engine/ imports MkDocs, each
package imports only the layers below it and the floor, no import circle, no sys.path edits,
no file over 400 lines, and mkdocs.yml names the site's plugin once and no hooks."""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# Lowest first: a package may import itself and those listed before it, never one after it.
LAYERS = ["scholarly", "analysis", "fragments", "transforms", "tools", "site_engine"]
BELOW = {"analysis": {"analysis", "scholarly"}, "scholarly": {"scholarly"}, "fragments": {"analysis", "scholarly", "fragments"},
         "transforms": {"analysis", "scholarly", "fragments", "transforms"}, "tools": {"tools", "analysis"},
         "site_engine": set(LAYERS)}
# The floor every layer stands on: the one escaping rule (analysis/escape.py, standard library
# only, so that scholarly, the lowest package, escapes by it too) and the one template
# environment that renders with it (fragments/__init__.py: environment, render, render_markup,
# render_page; jinja2 and markupsafe besides), so that the pipeline renders the pages it writes
# into generated/pages/ from fragments/templates. The floor imports nothing of the project but
# the floor (checked below); the other modules of fragments/ stay above analysis/.
FLOOR = {"analysis.escape", "fragments"}


def _modules() -> dict[str, Path]:
    out = {}
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
            out[name] = path
    return out


def _imports(path: Path, top_level_only: bool = False) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names = [a.name for n in nodes if isinstance(n, ast.Import) for a in n.names]
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def _targets(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project's modules a file imports: ``from fragments import render`` is the module
    fragments (render is a name in it), ``from fragments import chart`` the module fragments.chart."""
    out = set()
    for name in _imports(path):
        if name in modules:
            out.add(name)
        elif name.rsplit(".", 1)[0] in modules:
            out.add(name.rsplit(".", 1)[0])
    return out


def test_only_the_engine_layer_imports_mkdocs():
    for name, path in _modules().items():
        if not name.startswith("site_engine"):
            engine = [i for i in _imports(path) if i.split(".")[0] in {"mkdocs", "material"}]
            assert not engine, f"{path.relative_to(ROOT)} imports {engine}"


def test_each_package_imports_only_the_layers_below_it():
    modules = _modules()
    for name, path in modules.items():
        package = name.split(".")[0]
        above = {t.split(".")[0] for t in _targets(path, modules) if t not in FLOOR}
        above &= set(LAYERS) - BELOW[package]
        assert not above, f"{path.relative_to(ROOT)} imports {sorted(above)}"


def test_the_floor_is_a_module_not_its_package(tmp_path):
    # The floor lets the pipeline render templates, not import the page fragments above it.
    modules = _modules()
    for source, targets, above_the_floor in [
        ("from fragments import render, render_markup", {"fragments"}, set()),
        ("from analysis.escape import escape_html", {"analysis.escape"}, set()),
        ("from fragments import chart", {"fragments", "fragments.chart"}, {"fragments"}),
        ("import fragments.table", {"fragments.table"}, {"fragments"}),
    ]:
        path = tmp_path / "m.py"
        path.write_text(source + "\n", encoding="utf-8")
        found = _targets(path, modules)
        assert found == targets, source
        assert {t.split(".")[0] for t in found if t not in FLOOR} == above_the_floor, source


def test_the_floor_imports_nothing_of_the_project_but_the_floor():
    modules = _modules()
    for name in FLOOR:
        project = _targets(modules[name], modules) - FLOOR
        assert not project, f"{name} imports {sorted(project)}"


def test_no_import_circle_between_modules():
    # Every import, a function's own too: a circle through an import deferred into a function
    # is still two modules that each need the other.
    modules = _modules()

    # ("from analysis import findings" is read as both analysis and analysis.findings.)
    graph = {name: {i for i in _imports(path) if i in modules and i != name} for name, path in modules.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(trail[trail.index(nxt):] + [nxt]))
            if not state.get(nxt):
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if not state.get(name):
            visit(name, [name])


def test_no_code_edits_the_import_path():
    for path in [*_modules().values(), *ROOT.glob("tests/**/*.py"), *ROOT.glob("bench/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"insert", "append", "extend"}:
                target = node.value
                assert not (isinstance(target, ast.Attribute) and target.attr == "path"
                            and isinstance(target.value, ast.Name) and target.value.id == "sys"), path


def test_no_file_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for name, p in _modules().items()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long


def test_mkdocs_yml_names_the_sites_plugin_once_and_no_hooks():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert "hooks" not in config and not (ROOT / "hooks").exists()
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert names.count("research-site") == 1
    # print-site collects the pages last; the site's plugin runs just before it.
    assert names[-2:] == ["research-site", "print-site"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'research-site = "site_engine.plugin:ResearchSitePlugin"' in pyproject


def test_the_build_keeps_no_state_in_modules():
    """The plugin owns each build's state (a fresh SiteBuild per build): no module of the layers
    above the pipeline keeps a cache or state of its own, nor rebinds a global."""
    for name, path in _modules().items():
        if name.split(".")[0] not in {"fragments", "transforms", "tools", "site_engine"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.Global)], path
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Name):
                    assert not any(word in target.id.lower() for word in ("state", "cache")) or target.id.isupper(), (path, target.id)
        cached = [d for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) for d in n.decorator_list
                  if "cache" in ast.unparse(d) and "cached_property" not in ast.unparse(d)]
        assert not cached or name == "fragments", (path, [ast.unparse(d) for d in cached])
