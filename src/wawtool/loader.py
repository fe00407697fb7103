"""Walk `data/` and build the Dataset, turning every schema error into a located Issue."""

from __future__ import annotations

import copy
import difflib
import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from . import models
from .issues import Issue
from .models import _kind
from .money import MoneyError
from .yamlsource import SourceFile, YamlPath, dotted, parse_bytes

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located(Generic[M]):
    """A model with the file it came from, so later checks can point at a line.

    A file with schema errors still gets the cross-file checks: its broken list items are left out of the
    model (`partial`), and `kept` maps each shortened list back to the item numbers of the file.
    """

    model: M
    source: SourceFile
    kept: dict[YamlPath, list[int]] = field(default_factory=dict)

    @property
    def partial(self) -> bool:
        return bool(self.kept)

    def in_file(self, path: YamlPath) -> YamlPath:
        """A path of the model as a path of the file (items after a left-out one have moved up)."""
        result: list[str | int] = []
        for part in path:
            if isinstance(part, int) and tuple(result) in self.kept:
                indices = self.kept[tuple(result)]
                part = indices[part] if part < len(indices) else part
            result.append(part)
        return tuple(result)

    def at(self, *path: str | int) -> tuple[str, int | None]:
        return self.source.path, self.source.line_of(self.in_file(tuple(path)))


class _ById(Generic[M]):
    """Models by id, so a lookup per result row stays constant-time at national scale."""

    def __init__(self) -> None:
        self.index: dict[str, M] = {}
        self.built_from = -1  # how many files the index was built from: rebuilt when files were added

    def get(self, files: list[Located[M]], model_id: str) -> M | None:
        if self.built_from != len(files):
            self.index = {f.model.id: f.model for f in files}  # type: ignore[attr-defined]
            self.built_from = len(files)
        return self.index.get(model_id)


@dataclass
class Dataset:
    root: Path
    programmes: Located[models.ProgrammesFile] | None = None
    projects: list[Located[models.Project]] = field(default_factory=list)
    decisions: list[Located[models.Decision]] = field(default_factory=list)
    results: list[Located[models.ResultsFile]] = field(default_factory=list)
    realisatie: list[Located[models.RealisatieFile]] = field(default_factory=list)
    mapping: Located[models.RealisatieMapping] | None = None
    broken: set[str] = field(default_factory=set)  # stems of files that did not load: their ids are unknown
    _projects_by_id: _ById[models.Project] = field(default_factory=lambda: _ById(), repr=False)
    _decisions_by_id: _ById[models.Decision] = field(default_factory=lambda: _ById(), repr=False)

    def project(self, project_id: str) -> models.Project | None:
        return self._projects_by_id.get(self.projects, project_id)

    def decision(self, decision_id: str) -> models.Decision | None:
        return self._decisions_by_id.get(self.decisions, decision_id)


@dataclass
class LoadResult:
    dataset: Dataset | None
    issues: list[Issue]


FOLDERS = ("projects", "decisions", "results", "realisatie")
Reader = Callable[[str], bytes]
MAPPING = "realisatie/mapping.yaml"  # ledger codes to projects; every other file there is a year


def load(root: Path, *, pure_yaml: bool | None = None) -> LoadResult:
    """Read every data file under `root`; the Dataset is None when nothing can be trusted."""
    if not root.is_dir():
        return LoadResult(None, [Issue("E-NODATA", "no data directory here (use --data DIR)", str(root))])
    return load_tree(root, data_files(root), lambda name: (root / name).read_bytes(), pure_yaml=pure_yaml)


def data_files(root: Path) -> list[str]:
    """Every name under `root` that loading looks at, in the order it reads them."""
    names = ["programmes.yaml"] if (root / "programmes.yaml").exists() else []
    for folder in FOLDERS:
        if (root / folder).is_dir():
            names += [f"{folder}/{p.name}" for p in sorted((root / folder).iterdir())]
    return names


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Loading builds many long-lived objects without cycles; left running, the cyclic collector rescans them
    again and again (over 40% of `waw validate` at 350 regions, and growing faster than the data)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_tree(root: Path, names: list[str], read: Reader, *, pure_yaml: bool | None = None) -> LoadResult:
    """Build the Dataset from named files (`projects/x.yaml`), read from disk or from a git revision."""
    with cyclic_gc_paused():
        return _load_tree(root, names, read, pure_yaml)


def _load_tree(root: Path, names: list[str], read: Reader, pure_yaml: bool | None) -> LoadResult:
    issues: list[Issue] = []
    dataset = Dataset(root)
    if "programmes.yaml" not in names:
        issues.append(Issue("E-NODATA", "programmes.yaml is missing", str(root / "programmes.yaml")))
    else:
        dataset.programmes = _load_one("programmes.yaml", root, read, models.ProgrammesFile, issues, pure_yaml)
        if dataset.programmes is None:
            dataset.broken.add("programmes")
    buckets: dict[str, tuple[type[BaseModel], list[Any]]] = {
        "projects": (models.Project, dataset.projects),
        "decisions": (models.Decision, dataset.decisions),
        "results": (models.ResultsFile, dataset.results),
        "realisatie": (models.RealisatieFile, dataset.realisatie),
    }
    for name in names:
        folder, _, file_name = name.partition("/")
        if folder not in buckets or not file_name:
            continue
        stem, suffix = Path(file_name).stem, Path(file_name).suffix
        if suffix == ".yml":
            issues.append(Issue("E-FILENAME", "data files end in .yaml, not .yml", str(root / name)))
            continue
        if suffix != ".yaml":
            continue
        model, bucket = buckets[folder]
        if name == MAPPING:
            dataset.mapping = _load_one(name, root, read, models.RealisatieMapping, issues, pure_yaml)
            continue
        located = _load_one(name, root, read, model, issues, pure_yaml)
        if located is not None:
            bucket.append(located)
        else:
            dataset.broken.add(stem)
    return LoadResult(dataset, issues)


def _load_one(
    name: str, root: Path, read: Reader, model: type[M], issues: list[Issue], pure_yaml: bool | None
) -> Located[M] | None:
    shown = str(root / name)
    try:
        raw = read(name)
    except IsADirectoryError:
        issues.append(Issue("E-READ", "a directory where a data file was expected", shown))
        return None
    except OSError as exc:
        issues.append(Issue("E-READ", f"cannot read file: {exc.strerror or exc}", shown))
        return None
    source = parse_bytes(raw, shown, pure=pure_yaml)
    issues.extend(source.issues)
    if not source.usable():
        return None
    try:
        instance = model.model_validate(source.data)
    except ValidationError as exc:
        issues.extend(schema_issues(exc, source, model))
        return _without_broken_items(model, source, exc)
    return Located(instance, source)


def _without_broken_items(model: type[M], source: SourceFile, exc: ValidationError) -> Located[M] | None:
    """The file's model without the list items (or optional keys) that failed, so its references and other
    rules are still checked in the same run; None when a required part of the file itself is broken."""
    data = copy.deepcopy(source.data)
    kept: dict[YamlPath, list[int]] = {}
    for _ in range(3):  # leaving out an item cannot create new errors elsewhere, but stay bounded
        cuts: set[YamlPath] = set()
        for error in exc.errors():
            loc = _data_loc(data, error["loc"])
            items = [i for i, part in enumerate(loc) if isinstance(part, int)]
            if items:
                cuts.add(loc[: items[-1] + 1])
            elif loc and isinstance(loc[0], str) and loc[0] in model.model_fields:
                if model.model_fields[loc[0]].is_required():
                    return None
                cuts.add(loc[:1])
            elif loc and isinstance(loc[0], str) and isinstance(data, dict):
                cuts.add(loc[:1])  # an unknown key
            else:
                return None
        for cut in sorted(cuts, key=lambda c: [(0, p) if isinstance(p, str) else (1, -p) for p in c], reverse=False):
            _drop(data, cut, kept)
        try:
            return Located(model.model_validate(data), source, kept)
        except ValidationError as again:
            exc = again
    return None


def _drop(data: Any, path: YamlPath, kept: dict[YamlPath, list[int]]) -> None:
    parent = data
    for part in path[:-1]:
        if not _has_child(parent, part):
            return  # inside something left out already
        parent = parent[part]
    last = path[-1]
    if isinstance(last, int) and isinstance(parent, list) and 0 <= last < len(parent):
        file_path = path[:-1]  # lists are only shortened at their own level: no index above it has moved
        indices = kept.setdefault(file_path, list(range(len(parent))))
        del parent[last]
        del indices[last]
    elif isinstance(last, str) and isinstance(parent, dict):
        parent.pop(last, None)


def schema_issues(exc: ValidationError, source: SourceFile, model: type[BaseModel]) -> list[Issue]:
    found: dict[YamlPath, Issue] = {}
    for error in exc.errors():
        loc = _data_loc(source.data, error["loc"])
        if any(loc[: len(flag)] == flag for flag in source.flagged):
            continue  # already reported by the YAML reader
        if loc in found and error["type"] != "missing":
            continue  # one message per place: union members repeat each other
        code = "E-MONEY" if isinstance(error.get("ctx", {}).get("error"), MoneyError) else "E-SCHEMA"
        message = f"{dotted(loc) or '(file)'}: {_message(error, model)}"
        found[loc] = Issue(code, message, source.path, source.line_of(loc))
    return list(found.values())


def _data_loc(data: Any, loc: tuple[Any, ...]) -> YamlPath:
    """The error location as it exists in the data, without pydantic's union tags."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if _has_child(node, part):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            path.append(part)  # a missing or unknown key: point at it, then stop
            break
    return tuple(path)


def _has_child(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return isinstance(part, str) and part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _is_tag(part: str) -> bool:
    return "[" in part or part in {"str", "int", "bool", "none", "decimal", "list", "dict", "date"}


def _message(error: Any, model: type[BaseModel]) -> str:
    """Every schema error in waw's words: pydantic's own text and Python's reprs never reach the user."""
    kind = error["type"]
    key = error["loc"][-1] if error["loc"] else ""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    got = _kind(value)
    if kind == "extra_forbidden":
        here = keys_at(model, [p for p in error["loc"][:-1] if not (isinstance(p, str) and _is_tag(p))])
        hint = difflib.get_close_matches(str(key), sorted(here - {str(key)}), n=1, cutoff=0.75)
        return f"unknown key '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
    if kind == "missing":
        return f"missing key '{key}'"
    if kind in {"value_error", "assertion_error"}:
        message = str(error["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        return message
    if kind == "string_type":
        return f"expected text, got {got}; quote it if it is text"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got {got}"
    if kind.startswith(("float_", "decimal_")):
        return f"expected a number, got {got}"
    if kind == "string_too_short":
        return "expected text, got an empty string"
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not an id (lowercase letters, digits and '-')"
    if kind in {"enum", "literal_error"}:
        return f"expected one of {ctx.get('expected', 'the listed values')}, got {got}"
    if kind.startswith("bool_"):
        return f"expected true or false, got {got}"
    if kind.startswith(("date_", "datetime_")):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return f"'{value}' is not a real date"
        return f"expected a date such as 2024-02-01, got {got}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping (key: value lines), got {got}"
    if kind in {"list_type", "tuple_type", "set_type", "iterable_type"}:
        return f"expected a list (lines starting with '- '), got {got}"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, name = bounds[kind]
        return f"must be {words} {ctx.get(name)}, got {got}"
    if kind in {"too_short", "too_long"}:
        size = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return f"expected {'at least' if kind == 'too_short' else 'at most'} {size} item(s)"
    if kind == "string_too_long":
        return f"text longer than {ctx.get('max_length')} characters"
    return f"{got} is not allowed here"


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's type can hold: `list[BudgetLine] | None` holds BudgetLine."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _field_named(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def keys_at(model: type[BaseModel], loc: list[Any]) -> set[str]:
    """The keys allowed at a place in a file, so a hint suggests a key of this level, never of another."""
    models = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        fields = [f for f in (_field_named(m, part) for m in models) if f is not None]
        models = [m for f in fields for m in _models_in(f.annotation)]
        if not models:
            return set()
    return {info.alias or name for m in models for name, info in m.model_fields.items()}
