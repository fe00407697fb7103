"""The declared dependency ranges, the lock and the lowest pins agree, so every CI run tests what it says."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def _declared(*extras: str) -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + [r for extra in extras for r in project["optional-dependencies"][extra]]
    return {canonicalize_name(r.name): r for r in map(Requirement, wanted)}


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            package, _, version = line.partition("==")
            assert version, f"{name}: {line!r} is not pinned with =="
            pins[canonicalize_name(package)] = version
    return pins


def test_the_lock_pins_every_dependency_within_its_declared_range() -> None:
    locked = _pins("constraints.txt")
    for name, requirement in _declared("test").items():
        assert name in locked, f"constraints.txt lacks {name}"
        assert requirement.specifier.contains(locked[name]), f"{name}=={locked[name]} is outside {requirement}"


def test_the_lowest_pins_are_the_declared_lower_bounds() -> None:
    """Every dependency of waw, and a test dependency whose own requirements meet waw's lowest pins
    (frictionless pulls in typer and pydantic), at its lower bound."""
    lowest = _pins("constraints-lowest.txt")
    declared = _declared()
    assert set(declared) <= set(lowest) and "frictionless" in lowest
    declared = {**declared, **{n: r for n, r in _declared("test").items() if n in lowest}}
    assert set(lowest) == set(declared)
    for name, requirement in declared.items():
        (bound,) = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        assert Version(lowest[name]) == bound, f"{name}: lowest pin {lowest[name]}, declared {requirement}"
