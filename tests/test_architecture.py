"""The house as docs/architecture.md describes it: every module named there exists and every module is named,
each stage imports only what lies below it, no private name crosses a module, and modules and functions stay
short enough to read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "src" / "wawtool"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")
DOMAIN = {"budget", "neutrality", "moves", "realisatie", "lights"}
BASE = {"periods", "values", "figures", "money", "issues", "files", "models", "schema"}
ABOVE_LOAD = {"reports", "layout", "render", "exchange", "site", "cli"}

# What a stage must never import (its own kind and everything below it is fine).
NEVER: dict[str, set[str]] = {
    "domain": {"reports", "layout", "render", "exchange", "site", "cli", "validation"},
    "reports": {"layout", "render", "exchange", "site", "cli"},
    "layout": {"render", "exchange", "site", "cli"},
    "render": {"reports", "exchange", "site", "cli", "load", "validation", "rules", *DOMAIN},
    "load": {*ABOVE_LOAD, "validation", "rules", *DOMAIN},
    "validation": {*ABOVE_LOAD, *DOMAIN},
    "rules": {*ABOVE_LOAD, "validation", *DOMAIN},
    "base": {*ABOVE_LOAD, "validation", "rules", *DOMAIN},
    "exchange": {"site", "cli"},
    "site": {"cli"},
}


def _stage(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    if len(parts) > 1:
        return parts[0]
    return "domain" if path.stem in DOMAIN else "base" if path.stem in BASE else path.stem


def _imports(path: Path, text: str | None = None) -> list[tuple[str, list[str]]]:
    """(the wawtool module imported, the names taken) for every import of the file (or of `text` as if it
    stood there), at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text)
    package = ".".join(("wawtool", *path.relative_to(PACKAGE).parent.parts))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module.startswith("wawtool"):
                found.append((module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names if alias.name.startswith("wawtool")]
    return found


def _target_stage(module: str, names: list[str]) -> set[str]:
    parts = module.split(".")[1:]
    if not parts:  # `from wawtool import budget`
        return {"domain" if n in DOMAIN else n for n in names}
    return {"domain" if parts[0] in DOMAIN else parts[0]}


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_every_module_is_named_in_the_architecture_page(path: Path) -> None:
    relative = path.relative_to(PACKAGE)
    if len(relative.parts) == 1:
        assert f"{relative.name} " in DOC or f"{relative.name}\n" in DOC, f"{relative} is missing from the layout"
    else:
        section = DOC[DOC.index(f"├── {relative.parts[0]}/") :]
        section = section[: section.index("\n├── ", 1)] if "\n├── " in section[1:] else section
        assert re.search(rf"\b{path.stem}\b", section), f"{relative} is missing from its folder's line"


def test_every_module_the_architecture_page_names_exists() -> None:
    tree = DOC[DOC.index("src/wawtool/") : DOC.index("```", DOC.index("src/wawtool/"))]
    for name in re.findall(r"[├└]── ([a-z_]+\.py)", tree):
        assert (PACKAGE / name).is_file(), name
    for folder in re.findall(r"[├└]── ([a-z_]+)/", tree):
        assert (PACKAGE / folder).is_dir(), folder


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_each_stage_imports_only_what_lies_below_it(path: Path) -> None:
    stage = _stage(path)
    never = NEVER.get(stage, set())
    for module, names in _imports(path):
        wrong = _target_stage(module, names) & never
        assert not wrong, f"{path.relative_to(PACKAGE)} ({stage}) imports {module} ({', '.join(wrong)})"
        private = [n for n in names if n.startswith("_")]
        assert not private, f"{path.relative_to(PACKAGE)} imports the private {', '.join(private)} from {module}"


def test_modules_and_functions_stay_short_enough_to_read() -> None:
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(PACKAGE)
        if relative.name != "models.py":
            assert len(text.splitlines()) <= 450, f"{relative} has {len(text.splitlines())} lines"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                reason = "Long because" in (ast.get_docstring(node) or "")
                assert length <= 60 or reason, f"{relative}:{node.lineno} {node.name} has {length} lines"


def test_a_stage_that_breaks_the_rules_is_caught() -> None:
    """The rules above fail where they must: a renderer that reads a report, a private import."""
    text = "from ..reports.budget import BudgetReport\nfrom ..layout.dutch import _separators\n"
    found = _imports(PACKAGE / "render" / "terminal.py", text)
    assert found == [("wawtool.reports.budget", ["BudgetReport"]), ("wawtool.layout.dutch", ["_separators"])]
    stages = {stage for module, names in found for stage in _target_stage(module, names)}
    assert NEVER["render"] & stages == {"reports"}
    assert "_separators" in found[1][1]
