"""Read one YAML data file safely, keeping the line of every value.

The careful reader goes event by event rather than through PyYAML's constructor, so that nothing is built
that a data file does not need: no objects from tags, no alias expansion (no billion-laughs), no recursion
(the C composer crashes on deep input), no silent loss of a duplicate key. Every value keeps its line for
error messages. Most files take the fast path (yaml_fast) and come here only when it has a doubt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..issues import Issue
from .yaml_fast import Fallback, FastReader, fast_path_safe, loader_class
from .yaml_rules import (
    BREAK_NAMES,
    CONFLICT_MARKER,
    DEPTH_MESSAGE,
    HIDDEN_IN_TEXT,
    HIDDEN_IN_VALUE,
    MAX_DEPTH,
    YAML_ONLY_BREAK,
    YamlPath,
    decode,
    dotted,
    editor_line,
    flow_nesting_too_deep,
    git_line,
    hidden_character,
    resolve_plain,
)


@dataclass
class SourceFile:
    """A data file as plain data, with the line of every key and item."""

    path: str
    data: Any = None
    lines: dict[YamlPath, int] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    flagged: set[YamlPath] = field(default_factory=set)
    text: str | None = field(default=None, repr=False)  # kept so lines can be found when first needed
    loader: type | None = field(default=None, repr=False)

    def line_of(self, path: YamlPath) -> int | None:
        """The line of the value at `path`, or of its nearest ancestor."""
        if not self.lines and self.text is not None and self.loader is not None:
            # The fast path keeps no lines; the line map is built only for a file that has a problem.
            EventReader(SourceFile(self.path, lines=self.lines), self.loader).run(self.text)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def usable(self) -> bool:
        return self.data is not None


def parse_bytes(raw: bytes, path: str, *, pure: bool | None = None) -> SourceFile:
    source = SourceFile(path)
    text = decode(raw, path, source.issues)
    if text is None:
        return source
    odd_break = YAML_ONLY_BREAK.search(text)
    if odd_break:
        code = ord(odd_break.group())
        source.issues.append(
            Issue(
                "E-SYNTAX",
                f"character U+{code:04X} ({BREAK_NAMES[code]}) ends a line for YAML but not in most editors, "
                "nor for git or grep: what follows it is hidden from a review; replace it with a normal line break "
                "or a space",
                path,
                git_line(text, odd_break.start()),
            )
        )
        return source
    hidden = [m for m in HIDDEN_IN_TEXT.finditer(text)]
    if hidden:
        for match in hidden:
            message = f"{hidden_character(match.group())} changes what a reviewer sees; remove it"
            source.issues.append(Issue("E-CHAR", message, path, git_line(text, match.start())))
        return source
    conflicts = [m for m in CONFLICT_MARKER.finditer(text)]
    if conflicts:
        for match in conflicts:
            line = editor_line(text, match.start())
            source.issues.append(
                Issue("E-CONFLICT", f"merge-conflict marker '{match.group(1)}': resolve the conflict first", path, line)
            )
        return source
    deep_line = flow_nesting_too_deep(text)
    if deep_line is not None:
        source.issues.append(Issue("E-DEPTH", DEPTH_MESSAGE, path, deep_line))
        return source
    loader = loader_class(pure)
    if fast_path_safe(text):
        try:
            source.data = FastReader(loader).read(text)
            source.text, source.loader = text, loader
            return _without_hidden_values(source)
        except Fallback:
            pass
    EventReader(source, loader).run(text)
    return _without_hidden_values(source)


def _without_hidden_values(source: SourceFile) -> SourceFile:
    """A value that holds a control character, written as an escape (`"\\x01"`, `"\\e[2J"`), is refused at its
    place: it would retitle or clear a terminal, or break a workbook, where the file itself looks harmless."""
    found: list[tuple[YamlPath, str]] = []

    def walk(node: Any, path: YamlPath) -> None:
        if isinstance(node, str):
            match = HIDDEN_IN_VALUE.search(node)
            if match:
                found.append((path, match.group()))
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key, path)
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, index))

    walk(source.data, ())
    for path, character in found:
        message = f"{dotted(path) or '(file)'}: {hidden_character(character)} in a text; write it out or remove it"
        source.issues.append(Issue("E-CHAR", message, source.path, source.line_of(path)))
        source.flagged.add(path)
    return source


class _Abort(Exception):
    """Stops reading a file whose structure cannot be trusted any further."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: YamlPath
    key: Any = None
    has_key: bool = False
    is_key: bool = False
    seen: dict[Any, int] = field(default_factory=dict)


class EventReader:
    def __init__(self, source: SourceFile, loader: type) -> None:
        self.source = source
        self.loader = loader
        self.stack: list[_Frame] = []
        self.documents = 0
        self.root: Any = None
        self.root_set = False
        self.aliases_seen: set[str] = set()

    def error(self, code: str, message: str, line: int, at: YamlPath | None = None) -> None:
        self.source.issues.append(Issue(code, message, self.source.path, line))
        if at is not None:
            self.source.flagged.add(at)

    def run(self, text: str) -> None:
        try:
            for event in yaml.parse(text, Loader=self.loader):
                self.handle(event)
        except _Abort:
            return
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            problem = exc.problem or "invalid YAML"
            lines = text.splitlines()
            if line and line <= len(lines) and "\t" in lines[line - 1]:
                problem = "a tab where YAML expects spaces (indent with spaces, not tabs)"
            self.source.issues.append(Issue("E-SYNTAX", f"YAML syntax: {problem}", self.source.path, line))
            return
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + 1
            code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
            shown = f"character U+{code:04X}"
            self.source.issues.append(
                Issue("E-SYNTAX", f"YAML syntax: {shown} is not allowed in YAML text", self.source.path, line)
            )
            return
        except yaml.YAMLError as exc:
            self.source.issues.append(Issue("E-SYNTAX", f"YAML syntax: {exc}", self.source.path, 1))
            return
        if self.documents == 0 or (self.root_set and self.root is None):
            self.error("E-EMPTY", "the file holds no data", 1)
            return
        self.source.data = self.root
        if self.root_set and not isinstance(self.root, dict):
            self.error("E-SCHEMA", "the file must hold a mapping of keys to values", self.source.lines.get((), 1), ())
            self.source.data = None

    # -- events -------------------------------------------------------------
    def handle(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.error("E-MULTIDOC", "a second YAML document ('---'); one file holds one document", line)
                raise _Abort
            return
        if isinstance(event, yaml.AliasEvent):
            anchor = event.anchor or ""
            if anchor not in self.aliases_seen:  # one report per alias name, not per use
                self.aliases_seen.add(anchor)
                self.error("E-ANCHOR", f"alias '*{event.anchor}' is not allowed: write the value out", line)
            self.add(None, line, flagged=True)
            return
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            self.error("E-ANCHOR", f"anchor '&{event.anchor}' is not allowed: write the value out", line)
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag not in (None, "!"):
            self.error("E-TAG", f"explicit tag '{event.tag}' is not allowed", line)
            if isinstance(event, yaml.ScalarEvent):
                self.add(event.value, line, flagged=True)
                return
        if isinstance(event, yaml.ScalarEvent):
            self.add_scalar(event, line)
        elif isinstance(event, yaml.CollectionStartEvent):
            self.open(event, line)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.close()

    def current_path(self, frame: _Frame) -> YamlPath:
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        return (*frame.path, frame.key)

    def add(self, value: Any, line: int, *, flagged: bool = False) -> YamlPath:
        """Place a finished value in the open container (or as the root)."""
        if not self.stack:
            self.root, self.root_set = value, True
            self.source.lines[()] = line
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            if not frame.has_key:
                self.set_key(frame, value, line)
                return frame.path
            path = (*frame.path, frame.key)
            if frame.key is not _SKIP:
                frame.container[frame.key] = value
            frame.has_key = False
        else:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.source.lines[path] = line
        if flagged:
            self.source.flagged.add(path)
        return path

    def set_key(self, frame: _Frame, key: Any, line: int) -> None:
        frame.has_key = True
        if not isinstance(key, str):
            shown = "a nested mapping or list" if isinstance(key, (dict, list)) else repr(key)
            self.error("E-KEY", f"key {shown} is not plain text; quote it", line)
            frame.key = _SKIP
            return
        if key == "<<":
            self.error("E-ANCHOR", "merge key '<<' is not allowed: write the keys out", line, frame.path)
            frame.key = _SKIP
            return
        if key in frame.seen:
            self.error(
                "E-DUPKEY",
                f"duplicate key '{key}' (first on line {frame.seen[key]}); YAML would silently keep only the last",
                line,
                (*frame.path, key),
            )
            frame.key = _SKIP
            return
        frame.seen[key] = line
        frame.key = key
        self.source.lines[(*frame.path, key)] = line

    def add_scalar(self, event: yaml.ScalarEvent, line: int) -> None:
        is_key = bool(self.stack) and isinstance(self.stack[-1].container, dict) and not self.stack[-1].has_key
        plain = event.implicit[0] and event.style in (None, "")
        if not plain:
            self.add(event.value, line)
            return
        value, problem = resolve_plain(event.value)
        if problem is not None:
            code, message = problem
            where = self.stack and not is_key and self.current_path(self.stack[-1])
            self.error(code, message, line, where or None)
            self.add(event.value if is_key else value, line, flagged=True)
            return
        self.add(value, line)

    def open(self, event: yaml.CollectionStartEvent, line: int) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.error("E-DEPTH", DEPTH_MESSAGE, line)
            raise _Abort
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        if self.stack and isinstance(self.stack[-1].container, dict) and not self.stack[-1].has_key:
            self.error("E-KEY", "a mapping or list used as a key", line)
            self.stack[-1].has_key, self.stack[-1].key = True, _SKIP
            path: YamlPath = (*self.stack[-1].path, "?")
            self.stack.append(_Frame(container, path, is_key=True))
            return
        elif self.stack:
            path = self.current_path(self.stack[-1])
        else:
            path = ()
        self.stack.append(_Frame(container, path))
        self.source.lines.setdefault(path, line)

    def close(self) -> None:
        frame = self.stack.pop()
        if frame.is_key:
            return  # a complex key, already reported; its value follows
        line = self.source.lines.get(frame.path, 0)
        self.add(frame.container, line)


_SKIP = object()
