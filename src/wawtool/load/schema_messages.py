"""Schema errors in waw's words, at the place in the file: pydantic's own text and Python's reprs never reach
the user, and an unknown key gets a hint from the keys of its own level."""

from __future__ import annotations

import difflib
import re
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from ..issues import Issue
from ..models import kind_of
from ..money import MoneyError
from .yaml_rules import YamlPath, dotted
from .yamlsource import SourceFile


def schema_issues(exc: ValidationError, source: SourceFile, model: type[BaseModel]) -> list[Issue]:
    found: dict[YamlPath, Issue] = {}
    for error in exc.errors():
        loc = data_loc(source.data, error["loc"])
        if any(loc[: len(flag)] == flag for flag in source.flagged):
            continue  # already reported by the YAML reader
        if loc in found and error["type"] != "missing":
            continue  # one message per place: union members repeat each other
        code = "E-MONEY" if isinstance(error.get("ctx", {}).get("error"), MoneyError) else "E-SCHEMA"
        message = f"{dotted(loc) or '(file)'}: {_message(error, model)}"
        found[loc] = Issue(code, message, source.path, source.line_of(loc))
    return list(found.values())


def data_loc(data: Any, loc: tuple[Any, ...]) -> YamlPath:
    """The error location as it exists in the data, without pydantic's union tags."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if has_child(node, part):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            path.append(part)  # a missing or unknown key: point at it, then stop
            break
    return tuple(path)


def has_child(node: Any, part: Any) -> bool:
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
    got = kind_of(value)
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
