"""Read one YAML data file safely, keeping the line of every value.

The file is read event by event rather than through PyYAML's constructor, so that
nothing is built that a data file does not need: no objects from tags, no alias
expansion (no billion-laughs), no recursion (the C composer crashes on deep input),
no silent loss of a duplicate key, and no YAML 1.1 guesses (`no` -> False,
`010` -> 8, `1:20` -> 80). Every value keeps its line for error messages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from .issues import Issue

try:
    from yaml import CSafeLoader as _FastLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastLoader = yaml.SafeLoader  # type: ignore[assignment,misc]
    HAVE_LIBYAML = False

MAX_DEPTH = 32
MAX_INT_DIGITS = 15
YamlPath = tuple[str | int, ...]


def dotted(path: YamlPath) -> str:
    """A place in a file as its author reads it: `budget[2].amount`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_YAML11_BOOL = {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_YAML11_NUMBER = re.compile(
    r"""^[-+]?(
        0b[01_]+ | 0x[0-9a-fA-F_]+ | 0[0-9_]+            # binary, hex, octal / leading zero
      | [0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?          # sexagesimal 1:20
      | [0-9][0-9_]*_[0-9_]*(\.[0-9_]*)? | [0-9]*\.[0-9]*_[0-9_]*   # digit separators
    )$""",
    re.VERBOSE,
)
_EXPONENT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.?[0-9_]*[eE][-+]?[0-9]+$")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$")


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
            _Builder(SourceFile(self.path, lines=self.lines), self.loader).run(self.text)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def usable(self) -> bool:
        return self.data is not None


def loader_class(pure: bool | None = None) -> type:
    """The libyaml parser where built, unless WAW_YAML=python asks for the fallback."""
    if pure is None:
        pure = os.environ.get("WAW_YAML", "").lower() == "python"
    return yaml.SafeLoader if pure or not HAVE_LIBYAML else _FastLoader


def parse_bytes(raw: bytes, path: str, *, pure: bool | None = None) -> SourceFile:
    source = SourceFile(path)
    text = _decode(raw, source)
    if text is None:
        return source
    odd_break = _YAML_ONLY_BREAK.search(text)
    if odd_break:
        code = ord(odd_break.group())
        source.issues.append(
            Issue(
                "E-SYNTAX",
                f"character U+{code:04X} ({_BREAK_NAMES[code]}) ends a line for YAML but not in most editors; "
                "replace it with a normal line break or a space",
                path,
                editor_line(text, odd_break.start()),
            )
        )
        return source
    conflicts = [m for m in _CONFLICT.finditer(text)]
    if conflicts:
        for match in conflicts:
            line = editor_line(text, match.start())
            source.issues.append(
                Issue("E-CONFLICT", f"merge-conflict marker '{match.group(1)}': resolve the conflict first", path, line)
            )
        return source
    deep_line = _flow_nesting_too_deep(text)
    if deep_line is not None:
        source.issues.append(Issue("E-DEPTH", _DEPTH_MESSAGE, path, deep_line))
        return source
    loader = loader_class(pure)
    if _fast_path_safe(text):
        try:
            source.data = _FastReader(loader).read(text)
            source.text, source.loader = text, loader
            return source
        except _Fallback:
            pass
    _Builder(source, loader).run(text)
    return source


_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {0x85: "next line", 0x2028: "line separator", 0x2029: "paragraph separator"}
_EDITOR_BREAK = re.compile("\r\n|\r|\n")


def editor_line(text: str, position: int) -> int:
    """The line an editor shows for a position: \\n, \\r\\n and a lone \\r each end a line, as for YAML."""
    return len(_EDITOR_BREAK.findall(text, 0, position)) + 1


_DEPTH_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels; data files are never this deep"


def _flow_nesting_too_deep(text: str) -> int | None:
    """The line where brackets nest past MAX_DEPTH, or None.

    Checked before parsing because a YAML scanner reads a flow collection ahead of the events it
    yields, so whether it refuses deep brackets itself (and in what words) depends on the
    library's version; waw's answer must not.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth, line, quote, previous = 0, 1, "", "\n"
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if char == "\n":
            line += 1
        if quote:
            if char == quote:
                if quote == "'" and text.startswith("''", index):
                    index += 1  # an escaped quote inside single quotes
                else:
                    quote = ""
            elif char == "\\" and quote == '"':
                index += 1
        elif char == "#" and previous in " \t\n":
            newline = text.find("\n", index)
            index = end if newline < 0 else newline
            continue
        elif char in "'\"" and previous in " \t\n[{,:-":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
        previous = char
        index += 1
    return None


class _Fallback(Exception):
    """The fast reader met something that needs the careful one (which then says what and where)."""


_ANCHOR_OR_TAG = re.compile(r"(?:^|[\s\[{,:?-])[&*!][^\s]", re.MULTILINE)
_MAX_FAST_NESTING = 200
# A line indented past 150 columns, or 50 block indicators in a row ("- - - ..."), may nest deeply.
_DEEP_INDENT = "\n" + " " * 150
_INDICATOR_TRIPLE = re.compile(r"[-?][ \t]+[-?][ \t]+[-?]")  # a cheap first look; real data has none
_INDICATOR_RUN = re.compile(r"(?:[-?][ \t]+){50}")


def _fast_path_safe(text: str) -> bool:
    """True when the C composer can be trusted with this text: no anchors or tags, and shallow nesting.

    Nesting is bounded by indentation plus the indicators on a line, and by the number of
    brackets: a file over either bound goes to the event reader, which stops at MAX_DEPTH
    instead of recursing until the process dies.
    """
    if ("&" in text or "*" in text or "!" in text) and _ANCHOR_OR_TAG.search(text):
        return False
    if (
        text.count("[") + text.count("{") > _MAX_FAST_NESTING
        or _DEEP_INDENT in "\n" + text[:200]
        or _DEEP_INDENT in text
    ):
        return False
    return not (_INDICATOR_TRIPLE.search(text) and _INDICATOR_RUN.search(text))


def _composer(loader: type) -> type:
    """The loader with a no-op resolver: the reader resolves plain scalars itself (resolve_plain)."""

    class Composer(loader):
        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return "tag:yaml.org,2002:str"

        def descend_resolver(self, current_node: object, current_index: object) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    return Composer


_COMPOSERS: dict[type, type] = {}


class _FastReader:
    """Compose with libyaml, then build plain data in one pass; any doubt raises _Fallback."""

    def __init__(self, loader: type) -> None:
        if loader not in _COMPOSERS:
            _COMPOSERS[loader] = _composer(loader)
        self.loader = _COMPOSERS[loader]
        self.seen: set[int] = set()

    def read(self, text: str) -> Any:
        try:
            parser = self.loader(text)
        except yaml.YAMLError:
            raise _Fallback from None
        try:
            node = parser.get_single_node()
        except yaml.YAMLError:
            raise _Fallback from None
        finally:
            parser.dispose()
        if node is None or not isinstance(node, yaml.MappingNode):
            raise _Fallback
        return self.build(node)

    def build(self, node: Any, depth: int = 0) -> Any:
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if node.style in (None, ""):
                value, problem = resolve_plain(node.value)
                if problem is not None:
                    raise _Fallback
                return value
            return node.value
        if depth >= MAX_DEPTH:
            raise _Fallback  # the careful reader says where it gets too deep
        if id(node) in self.seen:
            raise _Fallback  # an alias: the same collection twice (the pre-scan makes this rare)
        self.seen.add(id(node))
        if kind is yaml.SequenceNode:
            return [self.build(item, depth + 1) for item in node.value]
        if kind is yaml.MappingNode:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not yaml.ScalarNode:
                    raise _Fallback
                key = self.build(key_node)
                if key.__class__ is not str or key == "<<" or key in result:
                    raise _Fallback
                result[key] = self.build(value_node, depth + 1)
            return result
        raise _Fallback


def _decode(raw: bytes, source: SourceFile) -> str | None:
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        source.issues.append(
            Issue("E-BOM", "file starts with a byte-order mark; save it as UTF-8 without BOM", source.path, 1)
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        source.issues.append(
            Issue(
                "E-ENCODING",
                f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                source.path,
                line,
            )
        )
        return None


class _Abort(Exception):
    """Stops reading a file whose structure cannot be trusted any further."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: YamlPath
    key: Any = None
    key_line: int = 0
    has_key: bool = False
    is_key: bool = False
    seen: dict[Any, int] = field(default_factory=dict)


class _Builder:
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
        frame.has_key, frame.key_line = True, line
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
            self.error("E-DEPTH", _DEPTH_MESSAGE, line)
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


_SPECIAL_WORDS = _NULL | _TRUE | _FALSE | _YAML11_BOOL


def resolve_plain(text: str) -> tuple[Any, tuple[str, str] | None]:
    """The value of an unquoted scalar, or the reason it is ambiguous."""
    first = text[:1]
    if first.isalpha() and text not in _SPECIAL_WORDS:
        return text, None  # a word: by far the most common case (every key), decided without a regex
    if text.isdigit() and (first != "0" or text == "0") and len(text) <= MAX_INT_DIGITS:
        return int(text), None
    if text in _NULL:
        return None, None
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    if text in _YAML11_BOOL:
        return text, (
            "E-AMBIGUOUS",
            f"'{text}' is read as a yes/no value by YAML 1.1 tools; quote it ('{text}') if it is text, "
            "or write true/false",
        )
    if _INT.match(text):
        digits = text.lstrip("+-")
        if len(digits) > MAX_INT_DIGITS:
            return text, ("E-NUMBER", f"number {text[:20]}... has {len(digits)} digits; no figure here is that large")
        return int(text), None
    if _SPECIAL_FLOAT.match(text):
        return text, ("E-NUMBER", f"'{text}' is not a finite number")
    if _EXPONENT.match(text) and re.search(r"[0-9]", text.split("e")[0].split("E")[0]):
        return text, ("E-NUMBER", f"'{text}' uses an exponent; write the plain number")
    if _YAML11_NUMBER.match(text):
        return text, (
            "E-AMBIGUOUS",
            f"'{text}' is read as a different number by YAML 1.1 tools (octal, hex, sexagesimal or digit "
            "separators); write a plain number, or quote it if it is text",
        )
    if _DECIMAL.match(text):
        digits = text.lstrip("+-").replace(".", "")
        if len(digits) > MAX_INT_DIGITS + 2:
            return text, ("E-NUMBER", f"number {text[:20]}... is too long; no figure here is that large")
        return Decimal(text), None
    match = _DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day), None
        except ValueError:
            return text, ("E-DATE", f"'{text}' is not a real date")
    return text, None
