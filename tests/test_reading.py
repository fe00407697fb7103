"""One reader of data/, for the work tree and for git revisions: every file is read or reported, never
passed over, and nothing that is not a plain file inside data/ is read (issue 22, point 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from helpers import MINIMAL, git, run

NESTED = (MINIMAL / "projects" / "alpha.yaml").read_text(encoding="utf-8").replace("id: alpha", "id: hidden", 1)


def test_a_project_in_a_subfolder_is_reported_by_validate_and_check_budget(minimal: Path) -> None:
    """Its money vanished: validate and check-budget said 'no problems' while diff read it from git."""
    (minimal / "projects" / "sub").mkdir()
    (minimal / "projects" / "sub" / "hidden.yaml").write_text(NESTED, encoding="utf-8")
    for command in ("validate", "check-budget"):
        result = run(command, data=minimal)
        assert result.exit_code == 2, result.output
        wanted = (
            "projects/sub/hidden.yaml:1: E-UNREAD not read: a file in a subfolder; data files lie directly in projects/"
        )
        assert wanted in result.output


def test_every_file_waw_does_not_read_is_named(minimal: Path) -> None:
    (minimal / "projects" / "notes.txt").write_text("a note")
    (minimal / "README.md").write_text("# data")
    (minimal / "results" / ".2021-Q2.yaml.swp").write_bytes(b"\x00")
    (minimal / "decisions" / ".gitkeep").write_text("")  # git's marker of an empty folder: quiet
    output = run("validate", data=minimal).output
    assert "projects/notes.txt:1: E-UNREAD not read: data files end in .yaml" in output
    assert "README.md:1: E-UNREAD not read: waw reads programmes.yaml and the folders projects/" in output
    assert "results/.2021-Q2.yaml.swp:1: E-UNREAD" in output
    assert ".gitkeep" not in output


def test_a_fifo_a_device_and_a_link_out_of_data_are_not_read(minimal: Path, tmp_path: Path) -> None:
    """A FIFO hung waw and a link to /dev/zero ate its memory; a link outside data/ read someone else's file."""
    os.mkfifo(minimal / "projects" / "pipe.yaml")
    os.symlink("/dev/zero", minimal / "projects" / "zero.yaml")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(NESTED.replace("id: hidden", "id: far"), encoding="utf-8")
    os.symlink(outside, minimal / "projects" / "far.yaml")
    started = time.monotonic()
    result = run("validate", data=minimal)
    assert time.monotonic() - started < 30 and result.exit_code == 2
    assert "projects/pipe.yaml: E-READ cannot read file: not a regular file (a FIFO, device or socket)" in result.output
    assert (
        "projects/zero.yaml: E-READ cannot read file: a link to /dev/zero, outside the data directory" in result.output
    )
    assert (
        f"projects/far.yaml: E-READ cannot read file: a link to {outside.resolve()}, outside the data" in result.output
    )


def test_a_link_inside_data_is_read_and_a_huge_file_is_not(minimal: Path) -> None:
    (minimal / "projects" / "copy").mkdir()
    big = minimal / "projects" / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(9 * 1024 * 1024)
    result = run("validate", data=minimal)
    assert "projects/big.yaml: E-READ cannot read file: 9437184 bytes, more than any data file needs" in result.output


def test_a_git_revision_is_read_by_the_same_rules(tmp_path: Path) -> None:
    """diff read nested files from git that the work tree ignored: the same commit now reads the same."""
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo / "data")
    (repo / "data" / "projects" / "sub").mkdir()
    (repo / "data" / "projects" / "sub" / "hidden.yaml").write_text(NESTED, encoding="utf-8")
    os.symlink("../programmes.yaml", repo / "data" / "projects" / "link.yaml")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "data")
    subprocess.run(["git", "rm", "-q", "-r", "data/projects/sub", "data/projects/link.yaml"], cwd=repo, check=True)
    result = run("diff", "HEAD", data=repo / "data")
    assert result.exit_code == 2, result.output
    assert "The data at HEAD does not validate" in result.stderr
    assert "projects/sub/hidden.yaml:1: E-UNREAD not read: a file in a subfolder" in result.stderr
    assert "projects/link.yaml: E-READ cannot read file: a symbolic link in git, not a data file" in result.stderr
