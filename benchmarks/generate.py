"""Synthetic waw data at national scale: N labour-market regions side by side.

Every figure is made up (deterministic from the seed) and lives only under
benchmarks/; it has the shape of the shipped data: per region two programmes,
43 projects with budget lines, targets and status, a balanced reallocation, and
results for 12 quarters.

    python benchmarks/generate.py --regions 35 --out /tmp/waw-35
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

PROJECTS_PER_REGION = 43
QUARTERS = [f"{year}-Q{q}" for year in (2021, 2022, 2023) for q in (1, 2, 3, 4)]
CATEGORIES = ["doorstroombanen", "scholingsprojecten", "begeleiding-doelgroepen", "wsp-projecten"]
INDICATORS = [
    ("trajecten-gestart", "count", "cumulative"),
    ("uitstroom-betaald-werk", "count", "cumulative"),
    ("diplomarendement", "percent", "rate"),
    ("werkplekken", "count", "level"),
]


def programmes(regions: int) -> str:
    lines = ["programmes:"]
    for r in range(regions):
        for kind, end in (("waw", "2024-12"), ("pow", "2023-12")):
            lines += [
                f"  - id: r{r:03d}-{kind}",
                f'    name: "Regio {r:03d} {kind}"',
                "    period:",
                "      start: 2021-01",
                f"      end: {end}",
                '      source: "synthetic"',
            ]
    lines += ["funding_sources:"]
    for r in range(regions):
        lines += [
            f"  - id: r{r:03d}-vrijval",
            f'    name: "Vrijval regio {r:03d}"',
            "    kind: vrijval",
            "    amount: 1000000",
            '    source: "synthetic"',
        ]
    lines += ["categories:"] + [f'  - {{id: {c}, name: "{c}", source: "synthetic"}}' for c in CATEGORIES]
    lines += ["indicators:"] + [f'  - {{id: {i}, name: "{i}", unit: {u}, kind: {k}}}' for i, u, k in INDICATORS]
    lines += [
        "begroting_groups:",
        '  - {id: organisatie, name: "Organisatie"}',
        '  - {id: projecten, name: "Projecten"}',
    ]
    lines += ["cost_lines:"]
    for r in range(regions):
        for year in (2022, 2023, 2024):
            lines += [
                f"  - programme: r{r:03d}-waw",
                f"    year: {year}",
                "    group: organisatie",
                f'    description: "Coördinatie regio {r:03d}"',
                "    amount: 95000.50",
                '    source: "synthetic"',
            ]
    lines += ["available:"]
    for r in range(regions):
        for year in (2022, 2023, 2024):
            lines += [
                f"  - year: {year}",
                f"    programme: r{r:03d}-waw",
                "    amount: 99000000",
                '    source: "synthetic"',
            ]
    lines += ["traffic_lights:", "  green_from: 80", "  orange_from: 60", '  source: "synthetic"']
    return "\n".join(lines) + "\n"


def project(region: int, number: int, rnd: random.Random) -> str:
    pid = f"r{region:03d}-p{number:02d}"
    amounts = [rnd.randrange(10_000, 500_000) for _ in range(3)]
    lines = [
        f"id: {pid}",
        f'name: "Project {number} van regio {region:03d}"',
        f"programme: r{region:03d}-{'waw' if number % 3 else 'pow'}",
        f"category: {CATEGORIES[number % 4]}",
        f"origin: r{region:03d}-bijstelling",
        "target_groups: [Participatiewet, WW]",
        "partners: [WSP, UWV]",
        "period:",
        "  start: 2021-01",
        "  end: 2023-12",
        '  source: "synthetic"',
        "status:",
        "  - as_of: 2021-01",
        "    status: running",
        '    source: "synthetic"',
        "budget:",
    ]
    for year, amount in zip((2021, 2022, 2023), amounts, strict=True):
        lines += [
            f"  - year: {year}",
            f"    amount: {amount}.{rnd.randrange(100):02d}",
            "    description: Uitvoering",
            f"    funding: r{region:03d}-vrijval",
            f"    decision: r{region:03d}-bijstelling",
            '    source: "synthetic"',
        ]
    lines += ["targets:"]
    for indicator, _, _ in INDICATORS[: 1 + number % 2]:
        lines += [
            f"  - indicator: {indicator}",
            f"    value: {rnd.randrange(10, 400)}",
            "    start: 2021-01",
            "    end: 2023-12",
            '    source: "synthetic"',
        ]
    lines += ['source: "synthetic"']
    return "\n".join(lines) + "\n"


def decision(region: int, released: str) -> str:
    funded = "\n".join(f"  - r{region:03d}-p{n:02d}" for n in range(PROJECTS_PER_REGION))
    return (
        f'id: r{region:03d}-bijstelling\nkind: bijstelling\nreference: "R{region:03d}"\n'
        f'title: "Bijstelling regio {region:03d}"\ndate: 2020-11-25\nsource: "synthetic"\n'
        f'released:\n  - funding: r{region:03d}-vrijval\n    amount: {released}\n    source: "synthetic"\n'
        f"funded:\n{funded}\n"
    )


def results(quarter: str, regions: int, rnd: random.Random) -> str:
    year, q = quarter.split("-Q")
    lines = [
        f"quarter: {quarter}",
        f"as_of: {year}-{int(q) * 3:02d}",
        f'title: "Monitor {quarter}"',
        'source: "synthetic"',
        "results:",
    ]
    for r in range(regions):
        for n in range(PROJECTS_PER_REGION):
            lines += [
                f"  - project: r{r:03d}-p{n:02d}",
                "    indicator: trajecten-gestart",
                f"    value: {rnd.randrange(0, 300)}",
                '    source: "synthetic"',
            ]
    return "\n".join(lines) + "\n"


def generate(regions: int, out: Path, seed: int = 1) -> None:
    rnd = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("projects", "decisions", "results"):
        (out / folder).mkdir(parents=True)
    (out / "programmes.yaml").write_text(programmes(regions), encoding="utf-8")
    for r in range(regions):
        for n in range(PROJECTS_PER_REGION):
            (out / "projects" / f"r{r:03d}-p{n:02d}.yaml").write_text(project(r, n, rnd), encoding="utf-8")
        (out / "decisions" / f"r{r:03d}-bijstelling.yaml").write_text(decision(r, "RELEASED"), encoding="utf-8")
    for quarter in QUARTERS:
        (out / "results" / f"{quarter}.yaml").write_text(results(quarter, regions, rnd), encoding="utf-8")
    _balance(out, regions)


def _balance(out: Path, regions: int) -> None:
    """Set each region's released amount to the exact sum of its projects' lines."""
    from decimal import Decimal

    for r in range(regions):
        total = Decimal(0)
        for path in (out / "projects").glob(f"r{r:03d}-p*.yaml"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip().startswith("amount:"):
                    total += Decimal(line.split(":", 1)[1].strip())
        path = out / "decisions" / f"r{r:03d}-bijstelling.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("RELEASED", f"{total:.2f}"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.regions, args.out, args.seed)
    files = sum(1 for _ in args.out.rglob("*.yaml"))
    size = sum(p.stat().st_size for p in args.out.rglob("*.yaml"))
    print(f"{args.out}: {args.regions} regions, {files} files, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
