"""`waw schema` output validates every shipped data file, and catches what an editor should flag."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from helpers import SHIPPED, run

KIND_OF = {
    "programmes.yaml": "programmes",
    "projects": "project",
    "decisions": "decision",
    "results": "results",
    "seals": "seal",
}


def _plain(node: Any) -> Any:
    """YAML dates as the strings a JSON Schema checker compares them as."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node.isoformat() if isinstance(node, dt.date) else node


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("schemas")
    assert run("schema", "-o", out).exit_code == 0
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text()) for p in out.glob("*.schema.json")}


def _kind(path: Path) -> str:
    return KIND_OF.get(path.name) or KIND_OF[path.parent.name]


FILES = sorted(SHIPPED.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SHIPPED)) for p in FILES])
def test_every_shipped_file_validates(schemas: dict[str, dict[str, Any]], path: Path) -> None:
    validator = jsonschema.Draft202012Validator(schemas[_kind(path)])
    validator.validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_schemas_are_valid_json_schema(schemas: dict[str, dict[str, Any]]) -> None:
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_flags_typos_and_text_amounts(schemas: dict[str, dict[str, Any]]) -> None:
    project = _plain(yaml.safe_load((SHIPPED / "projects" / "zorgstart.yaml").read_text(encoding="utf-8")))
    validator = jsonschema.Draft202012Validator(schemas["project"])
    assert not list(validator.iter_errors(project))
    project["budget"][0]["amout"] = 5
    project["budget"][1]["amount"] = "€ 557.000"
    messages = [e.message for e in validator.iter_errors(project)]
    assert any("'amout' was unexpected" in m for m in messages)
    assert any("'€ 557.000'" in m for m in messages)


def test_schema_output_is_stable(tmp_path: Path) -> None:
    run("schema", "-o", tmp_path / "a")
    run("schema", "-o", tmp_path / "b")
    for name in ("programmes", "project", "decision", "results"):
        assert (tmp_path / "a" / f"{name}.schema.json").read_bytes() == (
            tmp_path / "b" / f"{name}.schema.json"
        ).read_bytes()
