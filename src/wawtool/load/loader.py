"""Walk `data/` (or a git revision of it) and build the Dataset, turning every schema error into a located Issue."""

from __future__ import annotations

import copy
import gc
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .. import models
from ..issues import Issue
from .schema_messages import data_loc, has_child, schema_issues
from .yaml_rules import YamlPath, dotted
from .yamlsource import SourceFile, parse_bytes

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

    def issue(self, code: str, place: YamlPath, message: str, *, line_of: YamlPath | None = None) -> Issue:
        """A problem at `place`, born with the file's own numbering: `budget[3].year: ...` names the third item
        of the file even where an earlier item was left out of the model. The line is that of `line_of`
        where the message names a larger place than the value it points at."""
        where = self.in_file(place)
        return Issue(
            code, f"{dotted(where)}: {message}", self.source.path, self.source.line_of(self.in_file(line_of or place))
        )


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
    seals: list[Located[models.SealFile]] = field(default_factory=list)  # published quarters (waw publish)
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


FOLDERS = ("projects", "decisions", "results", "realisatie", "seals")
Reader = Callable[[str], bytes]
MAPPING = "realisatie/mapping.yaml"  # ledger codes to projects; every other file there is a year


MAX_FILE_BYTES = 8 * 1024 * 1024  # no data file comes near; a larger one (a dump, a link to /dev/zero) is not read
QUIET = {".gitkeep"}  # the one file that may sit in data/ unread: git's marker of an empty folder


class NotAFile(OSError):
    """A name in the data directory that is not a regular file waw may read; the message says what it is."""


def load(root: Path, *, pure_yaml: bool | None = None) -> LoadResult:
    """Read every data file under `root`; the Dataset is None when nothing can be trusted."""
    if not root.is_dir():
        return LoadResult(None, [Issue("E-NODATA", "no data directory here (use --data DIR)", str(root))])
    return load_tree(root, data_files(root), lambda name: read_data_file(root, name), pure_yaml=pure_yaml)


def data_files(root: Path) -> list[str]:
    """Every name under `root`, in the order loading reads them: programmes.yaml, each folder's files by name,
    then whatever else is there, so that a file waw does not read is reported, never passed over. Links are
    listed, not followed; a directory named like a data file is listed as the name it pretends to be."""
    found: list[str] = []
    for directory, folders, files in os.walk(root):
        here = Path(directory).relative_to(root)
        links = [f for f in folders if (Path(directory) / f).is_symlink() or f.endswith((".yaml", ".yml"))]
        folders[:] = sorted(f for f in folders if f not in links)
        found += [(here / name).as_posix() for name in [*files, *links]]
    order = {folder: i for i, folder in enumerate(FOLDERS, start=1)}

    def position(name: str) -> tuple[int, str]:
        folder = name.partition("/")[0]
        return (0 if name == "programmes.yaml" else order.get(folder, len(order) + 1) if "/" in name else 99), name

    return sorted(found, key=position)


def read_data_file(root: Path, name: str) -> bytes:
    """A data file's bytes, only if it is a regular file inside `root` of a size a data file can have: a FIFO
    would hang, a device or a link to /dev/zero would never end, a link out of `root` reads another's file."""
    path = root / name
    if path.is_symlink():
        target = path.resolve()
        try:
            target.relative_to(root.resolve())
        except ValueError:
            raise NotAFile(f"a link to {target}, outside the data directory") from None
    info = path.stat()  # a missing target or no permission: the OSError says so
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(name)
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile("not a regular file (a FIFO, device or socket)")
    if info.st_size > MAX_FILE_BYTES:
        raise NotAFile(f"{info.st_size} bytes, more than any data file needs ({MAX_FILE_BYTES})")
    return path.read_bytes()


def unread_reason(name: str) -> str | None:
    """Why a listed name is not a data file, or None when it is one (or the quiet .gitkeep)."""
    folder, _, rest = name.partition("/")
    if Path(name).name in QUIET or name == "programmes.yaml":
        return None
    if not rest or folder not in FOLDERS:
        return f"not read: waw reads programmes.yaml and the folders {', '.join(f + '/' for f in FOLDERS)}"
    if "/" in rest:
        return f"not read: a file in a subfolder; data files lie directly in {folder}/"
    if not rest.endswith((".yaml", ".yml")):
        return "not read: data files end in .yaml"
    return None


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
        "seals": (models.SealFile, dataset.seals),
    }
    for name in names:
        folder, _, file_name = name.partition("/")
        reason = unread_reason(name)
        if reason is not None:
            issues.append(Issue("E-UNREAD", reason, str(root / name), 1))
            continue
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
    except NotAFile as exc:
        issues.append(Issue("E-READ", f"cannot read file: {exc}", shown))
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
            loc = data_loc(data, error["loc"])
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
        if not has_child(parent, part):
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
