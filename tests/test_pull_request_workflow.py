"""The GitHub and GitLab jobs of docs/pull-request-workflow.md, run as written: each step's commands are taken
from the document and run under `bash -e` (GitHub's default shell for `run:`; no pipefail unless a step sets
it) in a clone of a repository holding the shipped data, with `pip`, `gh` and `curl` stood in for by scripts
that record what they were given. A move recorded in a decision but not applied to its line fails both jobs,
and the comment is posted all the same; a sound change passes them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import GIT_ENV, ROOT, SHIPPED, git, pull_request

GUIDE = (ROOT / "docs" / "pull-request-workflow.md").read_text(encoding="utf-8")
WAW = Path(sys.executable).parent / "waw"

UNAPPLIED_MOVE = """id: wijziging-2024
kind: begrotingswijziging
reference: "24.0000001"
title: "Begrotingswijziging 2024 (synthetisch)"
date: 2024-03-01
source: "Synthetisch: tests/test_pull_request_workflow.py"
moves:
  - year: 2024
    amount: 10000
    from:
      project: trainingen
      line: trainingen-2024
    to:
      funding: waw-reserve
    source: "Synthetisch: tests/test_pull_request_workflow.py"
"""

STUB = """#!/bin/sh
# stands in for {name}: records its arguments, and the comment it would post
echo "{name} $*" >> "$STUBS_LOG"
for arg in "$@"; do
  case "$arg" in
    body@*) cp "${{arg#body@}}" "$STUBS_COMMENT" ;;
    *.md) [ -f "$arg" ] && cp "$arg" "$STUBS_COMMENT" ;;
  esac
done
exit 0
"""


def _job(section: str) -> dict[str, object]:
    """The YAML block under the guide's `## <section>` heading."""
    part = GUIDE.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```yaml\n(.*?)```", part, re.S)
    assert match, f"no yaml block under '## {section}'"
    loaded = yaml.safe_load(match.group(1))
    assert isinstance(loaded, dict)
    return loaded


def _bash(script: str, cwd: Path, env: dict[str, str]) -> int:
    path = cwd.parent / "step.sh"
    path.write_text(script, encoding="utf-8")
    done = subprocess.run(["bash", "-e", str(path)], cwd=cwd, env=env, capture_output=True, text=True)
    (cwd.parent / "log.txt").open("a").write(f"$ {script}\n{done.stdout}{done.stderr}exit {done.returncode}\n")
    return done.returncode


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """`origin` holds the shipped data on main; the pull request is a clone with a branch of its own."""
    origin = tmp_path / "origin"
    shutil.copytree(SHIPPED, origin / "data")
    (origin / "pyproject.toml").write_text("# stands in for waw's own\n")
    work = pull_request(origin, tmp_path / "pr" / "repo")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name in ("pip", "gh", "curl"):
        (stubs / name).write_text(STUB.format(name=name))
        (stubs / name).chmod(0o755)
    env = {
        **GIT_ENV,
        "PATH": f"{stubs}:{WAW.parent}:{GIT_ENV['PATH']}",
        "HOME": str(tmp_path),
        "WAW_CACHE": "0",
        "STUBS_LOG": str(tmp_path / "stubs.log"),
        "STUBS_COMMENT": str(tmp_path / "comment.md"),
        "COLUMNS": "120",
    }
    return work, env


def _commit(work: Path, change: str) -> None:
    if change == "broken":
        (work / "data" / "decisions" / "wijziging-2024.yaml").write_text(UNAPPLIED_MOVE, encoding="utf-8")
    else:  # a published figure corrected, with its correction entry (the quarter is sealed), the budget untouched
        results = work / "data" / "results" / "2021-Q3.yaml"
        text = results.read_text(encoding="utf-8")
        assert "value: 80\n    qualifier: ruim" in text and "corrections:" not in text
        text = text.replace("value: 80\n    qualifier: ruim", "value: 85\n    qualifier: ruim", 1)
        text += (
            "corrections:\n  - project: zorgstart\n    indicator: uitstroom-betaald-werk\n"
            "    was: {value: 80, qualifier: ruim}\n    wordt: {value: 85, qualifier: ruim}\n    date: 2022-01-15\n"
            '    reason: "synthetisch: nageteld"\n    source: "synthetisch"\n'
        )
        results.write_text(text)
    git(work, "add", "-A")
    git(work, "commit", "-qm", change)


def _github(work: Path, env: dict[str, str]) -> bool:
    """The job's steps in order; a step runs after a failure only with `if: always()`. True when it failed."""
    job = _job("GitHub Actions")
    steps = job["jobs"]["check"]["steps"]  # type: ignore[index]
    expressions = {"github.base_ref": "main", "github.event.pull_request.number": "7", "github.token": "t"}
    failed = False
    for step in steps:
        if "run" not in step or (failed and step.get("if") != "always()"):
            continue
        script = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: expressions[m.group(1)], step["run"])
        step_env = {**env, **{k: str(v) for k, v in step.get("env", {}).items()}}
        failed = _bash(script, work, step_env) != 0 or failed
    return failed


def _gitlab(work: Path, env: dict[str, str]) -> bool:
    """The script under `bash -e` as one shell; after_script in a shell of its own, whatever the script did."""
    job = _job("GitLab CI")["waw"]
    assert isinstance(job, dict)
    ci = {
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_API_V4_URL": "https://gitlab.invalid/api/v4",
        "CI_PROJECT_ID": "1",
        "CI_MERGE_REQUEST_IID": "7",
        "WAW_BOT_TOKEN": "t",
    }
    failed = _bash("\n".join(job["script"]), work, {**env, **ci}) != 0
    for line in job.get("after_script", []):
        _bash(line, work, {**env, **ci})
    return failed


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_a_move_recorded_but_not_applied_fails_the_job_and_is_commented(
    clone: tuple[Path, dict[str, str]], platform: str
) -> None:
    work, env = clone
    _commit(work, "broken")
    failed = (_github if platform == "github" else _gitlab)(work, env)
    log = (work.parent / "log.txt").read_text()
    assert failed, log
    comment = (work.parent.parent / "comment.md").read_text()
    assert comment.startswith("**✘ voldoet niet**: 1 verschuiving niet verwerkt"), comment
    assert "24.0000001: Trainingen Ik Word, Ik Ben en Arbeidstools 'trainingen-2024' | 2024 | € 10.000 |" in comment
    assert "| besluit toegevoegd | wijziging-2024 | 24.0000001 |" in comment


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_a_sound_change_passes_the_job(clone: tuple[Path, dict[str, str]], platform: str) -> None:
    work, env = clone
    _commit(work, "sound")
    failed = (_github if platform == "github" else _gitlab)(work, env)
    log = (work.parent / "log.txt").read_text()
    assert not failed, log
    comment = (work.parent.parent / "comment.md").read_text()
    assert comment.startswith("**✔ voldoet**: "), comment
    assert "Q3-2021 ZorgStart · Uitstroom naar betaald werk: ruim 80 → ruim 85" in comment


def test_the_github_check_step_fails_without_pipefail_as_documented() -> None:
    """The trap the guide warns of, held to bash itself: `false | tee` under `bash -e` exits 0."""
    done = subprocess.run(["bash", "-e", "-c", "false | tee /dev/null"], env={"PATH": os.defpath})
    assert done.returncode == 0
    steps = _job("GitHub Actions")["jobs"]["check"]["steps"]  # type: ignore[index]
    piped = [s["run"] for s in steps if "run" in s and "|" in s["run"]]
    assert piped and all("set -o pipefail" in run for run in piped)


def test_the_guide_and_the_readme_agree_that_diff_exits_1_on_findings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith("| `1` |")]
    assert "diff" in row and "check-budget" in row
    assert "`waw diff` exits 1 on the same findings" in GUIDE
    assert "exits 0 when it could compare" not in GUIDE
