"""The registry of artifacts: each chart, table or set of named values is a small
function registered here with the datasets it reads and the words that go with it.

    @chart("bibliometric_record_counts", inputs=["bibliometric_datasets"],
           title="...", caption="...", alt="...")
    def record_counts(datasets: pd.DataFrame) -> alt.Chart: ...

The pipeline calls each function with its inputs loaded and validated, in the
order the inputs are listed, and writes what it returns into ``generated/``.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable

from analysis.paths import ROOT


@dataclass(frozen=True)
class Value:
    """A named number for prose: the raw value, the text a page shows, its source."""

    raw: Any
    text: str
    source: str


@dataclass
class Artifact:
    name: str
    kind: str  # "chart" | "table" | "values" | "json"
    func: Callable
    inputs: list[str]
    meta: dict = field(default_factory=dict)

    @property
    def origin(self) -> str:
        """Where the artifact is made: ``analysis/module.py:function``."""
        path = inspect.getsourcefile(self.func) or "?"
        try:
            path = str(type(ROOT)(path).relative_to(ROOT))
        except ValueError:
            pass
        return f"{path}:{self.func.__name__}"


REGISTRY: dict[str, Artifact] = {}


def _register(kind: str, name: str, inputs: list[str], meta: dict) -> Callable:
    def decorator(func: Callable) -> Callable:
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise ValueError(f"artifact name '{name}' registered twice: {REGISTRY[name].origin} and {func.__module__}.{func.__name__}")
        REGISTRY[name] = Artifact(name, kind, func, list(inputs), meta)
        return func

    return decorator


def chart(name: str, *, inputs: list[str], title: str, caption: str, alt: str | Callable) -> Callable:
    """Register a function that returns an Altair chart.

    ``alt`` (the text alternative) may be a function of the same inputs, so that
    numbers it quotes come from the data rather than being typed twice.
    """
    return _register("chart", name, inputs, {"title": title, "caption": caption, "alt": alt})


def table(name: str, *, inputs: list[str], title: str, caption: str) -> Callable:
    """Register a function that returns a display-ready DataFrame."""
    return _register("table", name, inputs, {"title": title, "caption": caption})


def values(name: str, *, inputs: list[str]) -> Callable:
    """Register a function that returns ``{value_name: Value}`` for prose."""
    return _register("values", name, inputs, {})


def json_artifact(name: str, *, inputs: list[str]) -> Callable:
    """Register a function that returns JSON-serialisable data for the site's build."""
    return _register("json", name, inputs, {})
