"""Shared test helpers: run the real `waw` command and compare trees."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from wawtool.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
GOLDEN = Path(__file__).resolve().parent / "golden"


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr
        self.output = stdout + stderr


def run(*args: str | Path, data: Path | None = None) -> Result:
    """Run the real `waw` command in-process, with stdout and stderr apart."""
    runner = CliRunner()
    argv = (["--data", str(data)] if data is not None else []) + [str(a) for a in args]
    result = runner.invoke(app, argv, catch_exceptions=False, env={"NO_COLOR": "1", "COLUMNS": "200"})
    return Result(result.exit_code, result.stdout, result.stderr)


def snapshot(tree: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tree)): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}
