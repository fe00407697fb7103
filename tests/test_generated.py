"""The benchmark generator's data at one region, through the commands that read all of it: the shape of a
region's data (zero values, many quarters) that the shipped data does not have. `waw site` once crashed on every
generated data set (a bar of value 0)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import ROOT, run


def test_every_reading_command_succeeds_on_one_generated_region(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--regions", "1", "--out", str(data)],
        check=True,
        capture_output=True,
    )
    assert run("validate", data=data).exit_code == 0
    assert run("check-budget", data=data).exit_code in (0, 1)
    assert run("report", data=data).exit_code == 0
    site = run("site", "-o", tmp_path / "site", data=data)
    assert site.exit_code == 0, site.output
    pages = list((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 40 and all("Traceback" not in p.read_text(encoding="utf-8") for p in pages)
    assert run("export", "-o", tmp_path / "werkmap.xlsx", data=data).exit_code == 0
