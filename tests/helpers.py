"""Shared test helpers: run the real `waw` command and compare trees."""

from __future__ import annotations

import subprocess
from pathlib import Path

from typer.testing import CliRunner

from wawtool.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
GOLDEN = Path(__file__).resolve().parent / "golden"

# git with a fixed identity and none of the user's configuration, so tests commit the same anywhere
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "PATH": "/usr/bin:/bin",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


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
