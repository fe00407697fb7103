"""Every write can destroy: a command replaces only what it made itself, whole or not at all, one writer at a
time, and a process killed mid-write leaves the old file whole (issue 22, first point)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from helpers import ROOT, run, snapshot

WRITER = """
import sys
from pathlib import Path
from wawtool.files import write_atomic
target, size, overwrite = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
print("ready", flush=True)
while True:
    write_atomic(target, b"n" * size, overwrite=overwrite)
    if not overwrite:
        break
"""


def _kill_while_writing(target: Path, delay: float, overwrite: bool) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(48 * 1024 * 1024), "1" if overwrite else "0"],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert process.stdout is not None and process.stdout.readline() == b"ready\n"
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.parametrize("overwrite", [True, False], ids=["replace", "new-file"])
def test_a_write_killed_at_any_moment_leaves_the_old_file_whole_and_nothing_else(
    tmp_path: Path, overwrite: bool
) -> None:
    target = tmp_path / "2024.yaml"
    for round_number in range(12):
        if overwrite:
            target.write_bytes(b"old")
        else:
            target.unlink(missing_ok=True)
        _kill_while_writing(target, 0.01 + round_number * 0.015, overwrite)
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names in (["2024.yaml"], []), names  # no temporary file, at no moment of the kill
        if target.exists():
            content = target.read_bytes()
            assert content in (b"old", b"n" * 48 * 1024 * 1024), len(content)  # never a partial file


def test_a_new_file_is_never_written_over_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    """`overwrite=False` is decided by the file system when the name is given, not by an earlier look."""
    from wawtool.files import WriteError, write_atomic

    target = tmp_path / "gamma.yaml"
    target.write_text("someone else's")
    with pytest.raises(WriteError, match="exists"):
        write_atomic(target, b"mine", overwrite=False)
    assert target.read_text() == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["gamma.yaml"]


def test_writers_into_one_data_directory_wait_for_each_other_and_a_stuck_one_is_refused(tmp_path: Path) -> None:
    from wawtool.files import WriteError, data_lock

    order: list[str] = []
    with data_lock(tmp_path):
        waiting = threading.Thread(target=lambda: _take(tmp_path, order))
        waiting.start()
        time.sleep(0.3)
        order.append("first done")
    waiting.join(5)
    assert order == ["first done", "second"]
    with data_lock(tmp_path), pytest.raises(WriteError, match="another waw is writing"), data_lock(tmp_path, wait=0.2):
        pass
    assert list(tmp_path.iterdir()) == []  # the lock is the directory's own: no lock file


def _take(directory: Path, order: list[str]) -> None:
    from wawtool.files import data_lock

    with data_lock(directory):
        order.append("second")


def _waw(data: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from wawtool.cli import run; run()", "--data", str(data), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "WAW_CACHE": "0"},
    )


def test_two_new_projects_of_one_id_at_once_write_it_once(minimal: Path) -> None:
    """Both once reported "Wrote", though an existing file is never to be overwritten."""
    for round_number in range(3):
        project = f"gamma-{round_number}"
        both = [
            _waw(minimal, "new", "project", project, "--name", f"G {round_number}", "--programme", "prog")
            for _ in range(2)
        ]
        outcomes = sorted((p.wait(), p.communicate()) for p in both)
        codes = [code for code, _ in outcomes]
        assert codes == [0, 2], outcomes
        assert "exists already" in outcomes[1][1][1]
        assert (minimal / "projects" / f"{project}.yaml").is_file()


def _filled_template(data: Path, tmp_path: Path) -> Path:
    book = tmp_path / "sjabloon.xlsx"
    assert run("template", "results", "--quarter", "Q3-2021", "-o", book, data=data).exit_code == 0
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Resultaten"]
    sheet["G2"], sheet["I2"] = 9, "Rapportage Q3"
    workbook.save(book)
    return book


def test_two_imports_of_one_quarter_at_once_serialise_and_lose_nothing(minimal: Path, tmp_path: Path) -> None:
    """Both once exited 0 and one was lost (20 of 20 rounds)."""
    book = _filled_template(minimal, tmp_path)
    target = minimal / "results" / "2021-Q3.yaml"
    for _ in range(3):
        target.unlink(missing_ok=True)
        both = [_waw(minimal, "import-results", str(book), "--quarter", "Q3-2021") for _ in range(2)]
        outcomes = sorted((p.wait(), p.communicate()) for p in both)
        assert [code for code, _ in outcomes] == [0, 2], outcomes
        assert "exists; use --force" in outcomes[1][1][1]
        assert "value: 9" in target.read_text()
        assert run("validate", data=minimal).exit_code == 0


def test_export_template_and_schema_never_replace_a_file_waw_did_not_write(minimal: Path, tmp_path: Path) -> None:
    mine = tmp_path / "begroting.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "years of a controller's work"
    book.save(mine)
    before = mine.read_bytes()
    for args in (("export", "-o", mine), ("template", "results", "--quarter", "Q2-2021", "-o", mine)):
        refused = run(*args, data=minimal)
        assert refused.exit_code == 2 and "was not written by waw" in refused.stderr, refused.output
        assert mine.read_bytes() == before
    ours = tmp_path / "export.xlsx"
    assert run("export", "-o", ours, data=minimal).exit_code == 0
    assert run("export", "-o", ours, data=minimal).exit_code == 0  # its own earlier workbook: replaced
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "project.schema.json").write_text('{"title": "our own project schema"}')
    refused = run("schema", "-o", schemas, data=minimal)
    assert refused.exit_code == 2 and "project.schema.json exists and was not written by waw" in refused.stderr
    assert (schemas / "project.schema.json").read_text() == '{"title": "our own project schema"}'
    assert [p.name for p in schemas.iterdir()] == ["project.schema.json"]  # nothing written before refusing


def test_no_write_leaves_anything_in_data_but_what_it_wrote(minimal: Path, tmp_path: Path) -> None:
    before = snapshot(minimal)
    book = _filled_template(minimal, tmp_path)
    assert run("import-results", book, "--quarter", "Q3-2021", data=minimal).exit_code == 0
    after = snapshot(minimal)
    assert set(after) - set(before) == {"results/2021-Q3.yaml"}
    assert all(after[name] == content for name, content in before.items())
