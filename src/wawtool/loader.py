"""Walk `data/` and build the Dataset, turning every schema error into a located Issue."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import models
from .issues import Issue
from .money import MoneyError
from .yamlsource import SourceFile, YamlPath, read_file

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located(Generic[M]):
    """A model with the file it came from, so later checks can point at a line."""

    model: M
    source: SourceFile

    def at(self, *path: str | int) -> tuple[str, int | None]:
        return self.source.path, self.source.line_of(tuple(path))


@dataclass
class Dataset:
    root: Path
    programmes: Located[models.ProgrammesFile] | None = None
    projects: list[Located[models.Project]] = field(default_factory=list)
    decisions: list[Located[models.Decision]] = field(default_factory=list)
    results: list[Located[models.ResultsFile]] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # stems of files that did not load: their ids are unknown

    def project(self, project_id: str) -> models.Project | None:
        return next((p.model for p in self.projects if p.model.id == project_id), None)


@dataclass
class LoadResult:
    dataset: Dataset | None
    issues: list[Issue]


def _vocabulary() -> list[str]:
    names: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            names.update(obj.model_fields)
    return sorted(names)


_FIELDS = _vocabulary()


def load(root: Path, *, pure_yaml: bool | None = None) -> LoadResult:
    """Read every data file; the Dataset is None when nothing can be trusted."""
    issues: list[Issue] = []
    if not root.is_dir():
        return LoadResult(None, [Issue("E-NODATA", "no data directory here (use --data DIR)", str(root))])
    dataset = Dataset(root)
    programmes_path = root / "programmes.yaml"
    if not programmes_path.is_file():
        issues.append(Issue("E-NODATA", "programmes.yaml is missing", _show(root, programmes_path)))
    else:
        dataset.programmes = _load_one(programmes_path, root, models.ProgrammesFile, issues, pure_yaml)
        if dataset.programmes is None:
            dataset.broken.add("programmes")
    folders: list[tuple[str, type[BaseModel], list[Any]]] = [
        ("projects", models.Project, dataset.projects),
        ("decisions", models.Decision, dataset.decisions),
        ("results", models.ResultsFile, dataset.results),
    ]
    for folder, model, bucket in folders:
        for path in sorted((root / folder).glob("*")) if (root / folder).is_dir() else []:
            if path.suffix == ".yml":
                issues.append(Issue("E-FILENAME", "data files end in .yaml, not .yml", _show(root, path)))
                continue
            if path.suffix != ".yaml":
                continue
            if path.is_dir():
                issues.append(Issue("E-READ", "a directory where a data file was expected", _display(root, path)))
                dataset.broken.add(path.stem)
                continue
            located = _load_one(path, root, model, issues, pure_yaml)
            if located is not None:
                bucket.append(located)
            else:
                dataset.broken.add(path.stem)
    return LoadResult(dataset, issues)


def _show(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root.parent)) if root.parent != Path("") else str(path)
    except ValueError:
        return str(path)


def _load_one(path: Path, root: Path, model: type[M], issues: list[Issue], pure_yaml: bool | None) -> Located[M] | None:
    source = read_file(path, _display(root, path), pure=pure_yaml)
    issues.extend(source.issues)
    if not source.usable():
        return None
    try:
        instance = model.model_validate(source.data)
    except ValidationError as exc:
        issues.extend(schema_issues(exc, source))
        return None
    if source.issues:
        return None
    return Located(instance, source)


def _display(root: Path, path: Path) -> str:
    """Paths as the user typed the data directory, e.g. `data/projects/zorgstart.yaml`."""
    return str(root / path.relative_to(root))


def schema_issues(exc: ValidationError, source: SourceFile) -> list[Issue]:
    found: dict[YamlPath, Issue] = {}
    for error in exc.errors():
        loc = _data_loc(source.data, error["loc"])
        if any(loc[: len(flag)] == flag for flag in source.flagged):
            continue  # already reported by the YAML reader
        if loc in found and error["type"] != "missing":
            continue  # one message per place: union members repeat each other
        code = "E-MONEY" if isinstance(error.get("ctx", {}).get("error"), MoneyError) else "E-SCHEMA"
        found[loc] = Issue(code, f"{_dotted(loc)}: {_message(error)}", source.path, source.line_of(loc))
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


def _dotted(loc: YamlPath) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(file)"


def _message(error: Any) -> str:
    kind = error["type"]
    key = error["loc"][-1] if error["loc"] else ""
    if kind == "extra_forbidden":
        hint = difflib.get_close_matches(str(key), _FIELDS, n=1, cutoff=0.75)
        return f"unknown key '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
    if kind == "missing":
        return f"missing key '{key}'"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if kind in {"string_pattern_mismatch"}:
        return f"'{error.get('input')}' is not an id (lowercase letters, digits and '-')"
    if kind in {"enum", "literal_error"}:
        return f"{message}, got {error.get('input')!r}"
    return message
