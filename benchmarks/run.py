"""Time waw as whole processes at three scales, with its peers, and print a markdown report.

    python benchmarks/run.py --runs 5 --work /tmp/waw-bench > report.md

Scales: the shipped data/; 35 regions (about 1,500 projects with 12 quarters of
results); 350 regions (10x). Every command runs as its own process; the report
gives the median wall time of the runs and the peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent


def measure(argv: list[str], runs: int, cwd: Path | None = None) -> tuple[float, int]:
    """Median seconds and peak memory (MB) over `runs` runs of one process (or a shell line)."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss // 1024)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"{argv} exited {code}")
    return statistics.median(times), max(peaks)


def waw(data: Path, *args: str) -> list[str]:
    return [str(BIN / "waw"), "--data", str(data), *args]


def jsonschema_line(data: Path, schemas: Path) -> list[str]:
    """check-jsonschema on every file against `waw schema` output: one invocation per kind, in one shell."""
    tool = BIN / "check-jsonschema"
    parts = [
        f"{tool} --schemafile {schemas}/programmes.schema.json {data}/programmes.yaml",
        f"{tool} --schemafile {schemas}/project.schema.json {data}/projects/*.yaml",
        f"{tool} --schemafile {schemas}/decision.schema.json {data}/decisions/*.yaml",
        f"{tool} --schemafile {schemas}/results.schema.json {data}/results/*.yaml",
    ]
    return ["bash", "-c", " && ".join(parts)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/waw-bench"))
    parser.add_argument("--scales", default="shipped,35,350")
    parser.add_argument("--peer-scales", default="35", help="scales at which check-jsonschema runs (it is slow)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    schemas = args.work / "schemas"
    subprocess.run([str(BIN / "waw"), "schema", "-o", str(schemas)], check=True, capture_output=True)
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}\n"
    )
    baseline = measure([sys.executable, "-c", "import yaml, pydantic"], args.runs)
    rows = [("-", "python -c 'import yaml, pydantic'", *baseline)]
    results: dict[tuple[str, str], float] = {}
    memory: dict[tuple[str, str], int] = {}
    for scale in args.scales.split(","):
        if scale == "shipped":
            data = ROOT / "data"
        else:
            data = args.work / f"regions-{scale}"
            if not (data / "programmes.yaml").exists():
                generate(int(scale), data)
        files = sum(1 for _ in data.rglob("*.yaml"))
        out = args.work / "out.xlsx"
        quarter = sorted(p.stem for p in (data / "results").glob("*.yaml"))[-1]
        commands = [
            ("waw --help", [str(BIN / "waw"), "--help"]),
            ("waw validate", waw(data, "validate")),
            ("waw check-budget", waw(data, "check-budget")),
            (f"waw report --quarter {quarter}", waw(data, "report", "--quarter", quarter)),
            ("waw export", waw(data, "export", "-o", str(out))),
            ("floor: libyaml + models", [sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(data)]),
        ]
        if scale in args.peer_scales.split(","):
            commands.append(("check-jsonschema (all files)", jsonschema_line(data, schemas)))
        for name, argv in commands:
            seconds, peak = measure(argv, args.runs)
            results[(scale, name)] = seconds
            memory[(scale, name)] = peak
            rows.append((f"{scale} ({files} files)", name, seconds, peak))
            print(f"  {scale:8} {name:34} {seconds:8.3f} s {peak:6d} MB", file=sys.stderr)
    print(f"| data | command | median of {args.runs} (s) | peak memory (MB) |")
    print("|---|---|---:|---:|")
    for data_name, name, seconds, peak in rows:
        print(f"| {data_name} | `{name}` | {seconds:.3f} | {peak} |")
    print()
    base = baseline[0]
    ratios = []
    if ("shipped", "waw check-budget") in results:
        ratios.append(("`waw --help` / import yaml+pydantic", results[("shipped", "waw --help")] / base, "<= 3"))
        ratios.append(
            (
                "`waw check-budget` (shipped) / import yaml+pydantic",
                results[("shipped", "waw check-budget")] / base,
                "<= 3",
            )
        )
    if ("35", "check-jsonschema (all files)") in results:
        ratios.append(
            (
                "check-jsonschema / `waw check-budget` (35 regions)",
                results[("35", "check-jsonschema (all files)")] / results[("35", "waw check-budget")],
                ">= 10",
            )
        )
    if ("35", "waw check-budget") in results:
        ratios.append(
            (
                "`waw check-budget` / floor (35 regions)",
                results[("35", "waw check-budget")] / results[("35", "floor: libyaml + models")],
                "<= 1.5",
            )
        )
    if ("350", "waw check-budget") in results:
        report = next(name for scale, name in results if scale == "350" and name.startswith("waw report"))
        for name in ("waw validate", "waw check-budget", report, "waw export"):
            ratios.append((f"`{name}` 350 / 35 regions: time", results[("350", name)] / results[("35", name)], "<= 11"))
            ratios.append((f"`{name}` 350 / 35 regions: memory", memory[("350", name)] / memory[("35", name)], "<= 11"))
    print("| ratio | measured | target |")
    print("|---|---:|---|")
    for name, value, target in ratios:
        print(f"| {name} | {value:.2f} | {target} |")


if __name__ == "__main__":
    shutil.which("waw") or None
    main()
