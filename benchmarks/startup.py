"""Where the time of `waw check-budget` on the shipped data goes: each step as a whole process, cumulative.

    python benchmarks/startup.py --runs 11 > startup.md
    python benchmarks/startup.py --runs 11 --against /tmp/waw-before/bin   # against an earlier waw

Run it from an installed waw (`pip install .` writes the compiled bytecode); an editable install under
PYTHONDONTWRITEBYTECODE=1 compiles waw's modules anew at every start and measures that instead.

Every line adds one piece to the line before it, so the difference between two lines is what that piece
costs a user; the last lines are the real command with JSON output (no rich) and with the terminal table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATA = ROOT / "data"

FLOOR = f"""
import sys; sys.argv = ['floor', {str(DATA)!r}]
sys.path.insert(0, {str(ROOT / "benchmarks")!r})
import typer, rich.console, rich.table
from floor import main; main(__import__('pathlib').Path(sys.argv[1]))
"""

STEPS = [
    ("the target's baseline: import yaml, pydantic", [sys.executable, "-c", "import yaml, pydantic"]),
    ("+ from pydantic import BaseModel", [sys.executable, "-c", "import yaml; from pydantic import BaseModel"]),
    ("+ import typer", [sys.executable, "-c", "import yaml, typer; from pydantic import BaseModel"]),
    (
        "+ import rich.console, rich.table",
        [sys.executable, "-c", "import yaml, typer, rich.console, rich.table; from pydantic import BaseModel"],
    ),
    (
        "+ waw's models defined",
        [sys.executable, "-c", "import yaml, typer, rich.console, rich.table, wawtool.models"],
    ),
    ("+ every file parsed and validated (the floor script)", [sys.executable, "-c", FLOOR]),
    ("`waw --help`", [str(BIN / "waw"), "--help"]),
    ("`waw check-budget --format json`", [str(BIN / "waw"), "--data", str(DATA), "check-budget", "--format", "json"]),
    ("`waw check-budget` (terminal table)", [str(BIN / "waw"), "--data", str(DATA), "check-budget"]),
]


def median_seconds(argv: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
        )
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{argv} exited {done.returncode}: {done.stderr.decode()}")
    return statistics.median(times)


STACK = [sys.executable, "-c", "import yaml, typer, rich.table; from pydantic import BaseModel"]
COMMAND = [str(BIN / "waw"), "--data", str(DATA), "check-budget"]


def target_ratio(runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """The target of issue 12: `waw check-budget` against importing its own stack, both as whole processes,
    run in turns so that a slow moment of the machine weighs on both alike."""
    stack, command = [], []
    median_seconds(COMMAND, 1, env)  # fills the data cache, unless env turns it off
    for _ in range(runs):
        stack.append(median_seconds(STACK, 1))
        command.append(median_seconds(COMMAND, 1, env))
    return statistics.median(stack), statistics.median(command)


def against(other_bin: Path, runs: int) -> None:
    """Issue 10's limit: `waw check-budget` within 5% of an earlier waw's, both installed (each in its own
    venv), run in turns on the same data, with the data cache kept and off."""
    other = [str(other_bin / "waw"), *COMMAND[1:]]
    print(f"`waw check-budget` on the shipped data, {runs * 2} runs in turns:")
    print()
    print(f"| data cache | {other_bin.parent.name} (s) | this waw (s) | change |")
    print("|---|---:|---:|---:|")
    for label, env in (("kept", None), ("off (WAW_CACHE=0)", {"WAW_CACHE": "0"})):
        then, now = [], []
        median_seconds(other, 1, env), median_seconds(COMMAND, 1, env)  # fill both caches
        for _ in range(runs * 2):
            then.append(median_seconds(other, 1, env))
            now.append(median_seconds(COMMAND, 1, env))
        before, after = statistics.median(then), statistics.median(now)
        print(f"| {label} | {before:.3f} | {after:.3f} | {(after / before - 1) * 100:+.1f}% |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--against", type=Path, help="the bin directory of another installed waw to compare with")
    args = parser.parse_args()
    if args.against:
        against(args.against, args.runs)
        return
    rows = [(name, median_seconds(argv, args.runs)) for name, argv in STEPS]
    base = rows[0][1]
    print(f"| step | median of {args.runs} (s) | x baseline |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} | {seconds / base:.2f} |")
    print()
    print(f'Target (issue 12): `waw check-budget` against `python -c "{STACK[2]}"`, {args.runs * 2} runs in turns:')
    print()
    print("| data cache | stack (s) | waw check-budget (s) | ratio |")
    print("|---|---:|---:|---:|")
    cases = (("kept (every run after the first)", None), ("off: WAW_CACHE=0, as a first run", {"WAW_CACHE": "0"}))
    for label, env in cases:
        stack, command = target_ratio(args.runs * 2, env)
        print(f"| {label} | {stack:.3f} | {command:.3f} | {command / stack:.2f}x |")


if __name__ == "__main__":
    main()
