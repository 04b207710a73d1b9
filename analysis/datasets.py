"""Load a dataset from data/ and validate it against its metadata sidecar.

Each dataset is a CSV file with a Frictionless Data resource descriptor beside it
(``NAME.csv`` + ``NAME.resource.yaml``). The descriptor holds the provenance
(title, description, sources, licence, notes) and a Table Schema (types,
constraints, primary key). Every load validates; a bad file raises
:class:`DataError` naming the file, row, column and the rule broken.
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING
from pathlib import Path

import yaml

from analysis import table_checks
from analysis.paths import DATA, ROOT

if TYPE_CHECKING:
    import pandas as pd

DESCRIPTOR_SUFFIX = ".resource.yaml"

# Table Schema type -> pandas dtype used once the file has validated.
PANDAS_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "year": "Int64",
}


class DataError(ValueError):
    """A data file breaks its schema; the message says where and which rule."""


@dataclass(frozen=True)
class Dataset:
    name: str
    descriptor_path: Path
    csv_path: Path
    descriptor: dict

    @property
    def fields(self) -> list[dict]:
        return self.descriptor["schema"]["fields"]

    @property
    def title(self) -> str:
        return self.descriptor["title"]

    @property
    def source_label(self) -> str:
        """The source document and the table label as printed, for captions."""
        src = self.descriptor["sources"][0]
        label = src.get("table_as_printed")
        return f"{src['title']}, {label}" if label else src["title"]


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def discover(data_dir: Path = DATA) -> dict[str, Path]:
    """Map every dataset name (the file stem) to its descriptor; names are unique."""
    found: dict[str, Path] = {}
    for descriptor in sorted(data_dir.rglob(f"*{DESCRIPTOR_SUFFIX}")):
        if "raw" in descriptor.relative_to(data_dir).parts:
            continue
        name = descriptor.name[: -len(DESCRIPTOR_SUFFIX)]
        if name in found:
            raise DataError(
                f"{_rel(descriptor)}: dataset name '{name}' is also used by {_rel(found[name])}; "
                "names must be unique across data/"
            )
        found[name] = descriptor
    return found


def describe(name: str, data_dir: Path = DATA) -> Dataset:
    """Read a dataset's descriptor (no validation of the CSV yet)."""
    index = discover(data_dir)
    if name not in index:
        raise DataError(f"no dataset named '{name}' under {_rel(data_dir)} (looked for {name}{DESCRIPTOR_SUFFIX})")
    return describe_file(index[name])


# PyYAML's C loader (libyaml, in its wheels) when present: the pure-Python one took
# about 1.7 s of a cold build for the descriptors read by each artifact.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=256)
def _parse_yaml_cached(text: str):
    return yaml.load(text, Loader=_YAML_LOADER)


def parse_yaml(text: str):
    """Parse YAML text; a descriptor read again unchanged is parsed once (keyed on its text).
    Callers get their own copy, so changing one cannot change another's."""
    return copy.deepcopy(_parse_yaml_cached(text))


def describe_file(descriptor_path: Path) -> Dataset:
    name = descriptor_path.name[: -len(DESCRIPTOR_SUFFIX)]
    try:
        descriptor = parse_yaml(descriptor_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{_rel(descriptor_path)}: not valid YAML: {exc}") from exc
    for key in ("path", "title", "description", "sources", "licenses", "schema"):
        if not isinstance(descriptor, dict) or key not in descriptor:
            raise DataError(f"{_rel(descriptor_path)}: metadata lacks required key '{key}'")
    csv_path = descriptor_path.parent / descriptor["path"]
    return Dataset(name, descriptor_path, csv_path, descriptor)


def load(name: str, data_dir: Path = DATA) -> pd.DataFrame:
    """Validate and load one dataset by name."""
    return load_dataset(describe(name, data_dir))


def load_file(descriptor_path: Path) -> pd.DataFrame:
    return load_dataset(describe_file(descriptor_path))


def load_dataset(ds: Dataset) -> pd.DataFrame:
    validate(ds)
    return _load_cached(ds.csv_path, _dtypes(ds), ds.csv_path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _load_cached(csv_path: Path, dtypes: tuple, _mtime: int) -> pd.DataFrame:
    import pandas as pd  # here, not at the top: a build with unchanged inputs never needs pandas

    frame = pd.read_csv(
        csv_path,
        encoding="utf-8-sig",  # a UTF-8 BOM loads like any other file
        dtype=dict(dtypes),
        keep_default_na=False,
        na_values=[""],
    )
    return frame


def _dtypes(ds: Dataset) -> tuple:
    return tuple((f["name"], PANDAS_DTYPES.get(f.get("type", "string"), "string")) for f in ds.fields)


_VALID: set[tuple[str, str]] = set()  # (descriptor path, content hash) already validated in this process


def validate(ds: Dataset) -> None:
    """Raise DataError listing every problem of the file, each with row, column and rule.

    Each file is validated once per process and content: artifacts that read the
    same dataset do not pay again."""
    import hashlib

    content = hashlib.sha256(ds.descriptor_path.read_bytes() + (ds.csv_path.read_bytes() if ds.csv_path.exists() else b"")).hexdigest()
    if (str(ds.descriptor_path), content) in _VALID:
        return
    _validate(ds)
    _VALID.add((str(ds.descriptor_path), content))


def _validate(ds: Dataset) -> None:
    import frictionless  # imported here: only a changed input pays for it

    where = _rel(ds.csv_path)
    if not ds.csv_path.exists():
        raise DataError(f"{where}: file not found (named by {_rel(ds.descriptor_path)})")
    if not ds.csv_path.read_bytes().strip():
        columns = ", ".join(f"'{f['name']}'" for f in ds.fields)
        raise DataError(f"{where}, row 1 (header), columns {columns}: empty-file: the file is empty; expected a header row with these {len(ds.fields)} columns")
    problems = table_checks.check(ds.csv_path, [f["name"] for f in ds.fields], ds.descriptor.get("min_rows"),
                                  where, _rel(ds.descriptor_path))
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise DataError(f"{where}: {len(problems)} problem(s) against {_rel(ds.descriptor_path)}:\n{listing}")
    descriptor = {
        "name": ds.name.replace("_", "-"),
        "path": ds.csv_path.name,
        "format": "csv",
        "encoding": "utf-8-sig",
        "schema": ds.descriptor["schema"],
        # Every row is checked: no sampling, no row limit.
        "dialect": {"csv": {"delimiter": ","}},
    }
    resource = frictionless.Resource(descriptor, basepath=str(ds.csv_path.parent))
    report = resource.validate(limit_errors=1000)
    key = ds.descriptor["schema"].get("primaryKey")
    problems = [_describe_error(where, err, key) for task in report.tasks for err in task.errors]
    problems.extend(_check_codelists(ds))
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        raise DataError(f"{where}: {len(problems)} problem(s) against {_rel(ds.descriptor_path)}:\n{listing}{more}")


def _describe_error(where: str, err, key: list[str] | None = None) -> str:
    row = getattr(err, "row_number", None)
    field = getattr(err, "field_name", None)
    parts = [where]
    if row is not None:
        parts.append(f"row {row}")
    elif err.type.endswith("-label"):
        parts.append("row 1 (header)")
    if field:
        parts.append(f"column '{field}'")
    elif err.type == "primary-key" and key:
        parts.append(f"columns {', '.join(repr(k) for k in key)}")
    detail = err.note or err.message
    # frictionless's note names the rule but not the offending value; a researcher needs both.
    cell = getattr(err, "cell", None)
    if err.type in ("type-error", "constraint-error") and cell is not None:
        detail = f"value '{cell}' breaks {detail}"
    if err.type == "primary-key":
        detail = f"duplicate key: {detail}"
    return ", ".join(parts) + f": {err.type}: {detail}"


def _check_codelists(ds: Dataset) -> list[str]:
    """Fields with ``codelist: iso3166-1-alpha3`` must hold ISO 3166-1 alpha-3 codes."""
    coded = [f for f in ds.fields if f.get("codelist")]
    if not coded:
        return []
    import csv

    known = {"iso3166-1-alpha3": _iso_alpha3()}
    problems: list[str] = []
    with ds.csv_path.open(encoding="utf-8-sig", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=2):
            for field in coded:
                codes = known.get(field["codelist"])
                if codes is None:
                    problems.append(f"{_rel(ds.descriptor_path)}: column '{field['name']}': unknown codelist '{field['codelist']}'")
                    continue
                value = (row.get(field["name"]) or "").strip()
                if value and value not in codes:
                    problems.append(
                        f"{_rel(ds.csv_path)}, row {row_number}, column '{field['name']}': "
                        f"codelist-constraint: '{value}' is not an ISO 3166-1 alpha-3 code"
                    )
    return problems


@functools.lru_cache(maxsize=1)
def _iso_alpha3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)
