"""The floor for waw's design: parse every data file with the libyaml loader and validate it with the
same models, nothing else (no line numbers, no strictness, no checks, no report).

    python benchmarks/floor.py DATA_DIR
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import yaml

from wawtool import models


class FloorLoader(yaml.CSafeLoader):
    """libyaml with one change: decimals as Decimal from their text, as the models require."""


FloorLoader.add_constructor("tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node)))

KINDS = {"projects": models.Project, "decisions": models.Decision, "results": models.ResultsFile}


def main(root: Path) -> int:
    count = 0
    models.ProgrammesFile.model_validate(yaml.load((root / "programmes.yaml").read_bytes(), Loader=FloorLoader))
    for folder, model in KINDS.items():
        for path in sorted((root / folder).glob("*.yaml")):
            model.model_validate(yaml.load(path.read_bytes(), Loader=FloorLoader))
            count += 1
    print(f"{count + 1} files parsed and validated")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
