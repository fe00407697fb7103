"""JSON Schemas of the data files, generated from the models, for editors and other checkers."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from . import models

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "programmes": (models.ProgrammesFile, "data/programmes.yaml"),
    "project": (models.Project, "data/projects/<id>.yaml"),
    "decision": (models.Decision, "data/decisions/<id>.yaml"),
    "results": (models.ResultsFile, "data/results/<YYYY>-Q<n>.yaml"),
    "realisatie": (models.RealisatieFile, "data/realisatie/<YYYY>.yaml"),
    "mapping": (models.RealisatieMapping, "data/realisatie/mapping.yaml"),
    "seal": (models.SealFile, "data/seals/<YYYY>-Q<n>.yaml, written by waw publish"),
}


def schema_of(kind: str) -> dict[str, Any]:
    model, where = KINDS[kind]
    schema = _stable(model.model_json_schema(mode="validation"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"waw {kind} file ({where})"
    return schema


def _stable(node: Any) -> Any:
    """The same schema from every pydantic release: older ones write a one-value `enum` beside its `const`."""
    if isinstance(node, dict):
        if "const" in node and node.get("enum") == [node["const"]]:
            node = {k: v for k, v in node.items() if k != "enum"}
        return {k: _stable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_stable(v) for v in node]
    return node


def schema_files() -> dict[str, str]:
    """File name -> JSON text, stable so the output can be committed and diffed."""
    return {
        f"{kind}.schema.json": json.dumps(schema_of(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for kind in KINDS
    }
