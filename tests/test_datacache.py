"""The validated data kept between whole `waw` processes: the same answers, and never a stale one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import run

WAW = Path(sys.executable).parent / "waw"


def _waw(data: Path, cache: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WAW), "--data", str(data), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "WAW_CACHE_DIR": str(cache), "COLUMNS": "200", **env},
    )


def test_kept_data_gives_the_same_answer_and_follows_every_change(shipped_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _waw(shipped_copy, cache, "budget", "--year", "2024", "--format", "csv")
    assert first.returncode == 0 and len(list(cache.glob("*.pickle"))) == 1
    again = _waw(shipped_copy, cache, "budget", "--year", "2024", "--format", "csv")
    assert again.stdout == first.stdout and again.returncode == 0

    project = shipped_copy / "projects" / "wijkleerbedrijf.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("amount: 240000", "amount: 260000"), "utf-8")
    changed = _waw(shipped_copy, cache, "budget", "--year", "2024", "--format", "csv")
    assert "Totaal uitgaven,,1074795.25" in changed.stdout  # 20.000 more, read from the changed file

    project.write_text(project.read_text(encoding="utf-8").replace("programme: pow", "programme: po"), "utf-8")
    broken = _waw(shipped_copy, cache, "budget", "--year", "2024")
    assert broken.returncode == 2 and "unknown programme 'po'" in broken.stderr
    assert len(list(cache.glob("*.pickle"))) == 2  # data with a problem is never kept


def test_a_damaged_entry_is_read_again_and_the_cache_can_be_turned_off(shipped_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _waw(shipped_copy, cache, "check-budget").returncode == 0
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert _waw(shipped_copy, cache, "check-budget").returncode == 0
    off = tmp_path / "off"
    assert _waw(shipped_copy, off, "check-budget", WAW_CACHE="0").returncode == 0
    assert not off.exists()


def test_in_process_runs_never_keep_anything(shipped_copy: Path, tmp_path: Path) -> None:
    cache = Path(os.environ["WAW_CACHE_DIR"])
    before = set(cache.glob("*"))
    assert run("check-budget", data=shipped_copy).exit_code == 0
    assert set(cache.glob("*")) == before
