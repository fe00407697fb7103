"""The fast path: libyaml composes a file in C, and one pass builds plain data from its nodes.

It handles the common file (no anchors, tags, deep nesting, odd scalars, duplicate keys); on any doubt it
raises Fallback and the careful event reader reads the file again and says what and where. A file that
took the fast path keeps no line map: it is built only for a file that turns out to have a problem
(docs/architecture.md has the measurement).
"""

from __future__ import annotations

import os
import re
from typing import Any

import yaml

from .yaml_rules import MAX_DEPTH, resolve_plain

try:
    from yaml import CSafeLoader as _FastLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastLoader = yaml.SafeLoader  # type: ignore[assignment,misc]
    HAVE_LIBYAML = False


def loader_class(pure: bool | None = None) -> type:
    """The libyaml parser where built, unless WAW_YAML=python asks for the fallback."""
    if pure is None:
        pure = os.environ.get("WAW_YAML", "").lower() == "python"
    return yaml.SafeLoader if pure or not HAVE_LIBYAML else _FastLoader


class Fallback(Exception):
    """The fast reader met something that needs the careful one (which then says what and where)."""


# after a byte-order mark too: libyaml drops the mark and then reads `&a` at the start as an anchor
_ANCHOR_OR_TAG = re.compile(r"(?:^|[\s\[{,:?\ufeff-])[&*!][^\s]", re.MULTILINE)
_MAX_FAST_NESTING = 200
# A line indented past 150 columns, or 50 block indicators in a row ("- - - ..."), may nest deeply.
_DEEP_INDENT = "\n" + " " * 150
_INDICATOR_TRIPLE = re.compile(r"[-?][ \t]+[-?][ \t]+[-?]")  # a cheap first look; real data has none
_INDICATOR_RUN = re.compile(r"(?:[-?][ \t]+){50}")


def fast_path_safe(text: str) -> bool:
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


class FastReader:
    """Compose with libyaml, then build plain data in one pass; any doubt raises Fallback."""

    def __init__(self, loader: type) -> None:
        if loader not in _COMPOSERS:
            _COMPOSERS[loader] = _composer(loader)
        self.loader = _COMPOSERS[loader]
        self.seen: set[int] = set()

    def read(self, text: str) -> Any:
        try:
            parser = self.loader(text)
        except yaml.YAMLError:
            raise Fallback from None
        try:
            node = parser.get_single_node()
        except yaml.YAMLError:
            raise Fallback from None
        finally:
            parser.dispose()
        if node is None or not isinstance(node, yaml.MappingNode):
            raise Fallback
        return self.build(node)

    def build(self, node: Any, depth: int = 0) -> Any:
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if node.style in (None, ""):
                value, problem = resolve_plain(node.value)
                if problem is not None:
                    raise Fallback
                return value
            return node.value
        if depth >= MAX_DEPTH:
            raise Fallback  # the careful reader says where it gets too deep
        if id(node) in self.seen:
            raise Fallback  # an alias: the same collection twice (the pre-scan makes this rare)
        self.seen.add(id(node))
        if kind is yaml.SequenceNode:
            return [self.build(item, depth + 1) for item in node.value]
        if kind is yaml.MappingNode:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not yaml.ScalarNode:
                    raise Fallback
                key = self.build(key_node)
                if key.__class__ is not str or key == "<<" or key in result:
                    raise Fallback
                result[key] = self.build(value_node, depth + 1)
            return result
        raise Fallback
