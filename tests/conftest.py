from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import MINIMAL, SHIPPED, build_realised


@pytest.fixture(autouse=True, scope="session")
def _cache_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whole `waw` processes started by tests keep their data cache here, never in the user's own cache."""
    os.environ["WAW_CACHE_DIR"] = str(tmp_path_factory.mktemp("waw-cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/ from the current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture(params=["c", "python"], ids=["libyaml", "pure-python"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test under both YAML parsers: the C one and the pure-Python fallback."""
    monkeypatch.setenv("WAW_YAML", request.param)
    return str(request.param)


@pytest.fixture
def realised(tmp_path: Path) -> Path:
    """The synthetic minimal tree with two years of realisatie (2021 final, 2022 provisional) and a mapping."""
    return build_realised(tmp_path / "data")
