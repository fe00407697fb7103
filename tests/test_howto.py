"""docs/howto.md, run as written: every section's YAML is written and its edits applied to a fresh copy of the
shipped data, its commands run under bash with the installed `waw` (COLUMNS=120), and the output pasted in the
document must be the real output, block for block. `pytest tests/test_howto.py --update-golden` writes the real
output into the document; review the diff.

The document's conventions, which this file reads:
- `<!-- new: PATH -->` before a fenced block: the whole file PATH (relative to the working directory);
- `<!-- edit: PATH -->` before a ```diff block: hunks of context (` `), removed (`-`) and added (`+`) lines, each
  hunk's old text found exactly once in PATH;
- a ```console block: `$ command` lines, each followed by its output (stdout and stderr as bash shows them);
  a console block whose last command has no output there is followed by a ```markdown block holding it.
Every section starts from the shipped data in `data/`; section 5 keeps it in `regio-data/data`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from helpers import GIT_ENV, ROOT, SHIPPED, git, pull_request

HOWTO = ROOT / "docs" / "howto.md"
WAW = Path(sys.executable).parent / "waw"
BLOCK = re.compile(r"(?:<!-- (new|edit): (\S+) -->\n)?```(\w+)\n(.*?)```", re.S)
SECTIONS = re.findall(r"^## (\d+)\. ", HOWTO.read_text(encoding="utf-8"), re.M)
DATA_OF = {"5": "regio-data/data"}


@dataclass
class Block:
    action: str | None
    path: str | None
    lang: str
    body: str
    start: int  # of the body in the document
    end: int


def _section(text: str, number: str) -> tuple[int, str]:
    start = text.index(f"\n## {number}. ")
    end = text.find("\n## ", start + 1)
    return start, text[start : end if end >= 0 else len(text)]


def _blocks(text: str, number: str) -> list[Block]:
    offset, part = _section(text, number)
    return [
        Block(m.group(1), m.group(2), m.group(3), m.group(4), offset + m.start(4), offset + m.end(4))
        for m in BLOCK.finditer(part)
    ]


def _apply_diff(path: Path, body: str) -> None:
    text = path.read_text(encoding="utf-8")
    for hunk in re.split(r"^@@.*\n", body, flags=re.M):
        lines = hunk.splitlines()
        if not lines:
            continue
        assert all(line[:1] in " -+" and line for line in lines), f"not a diff line in {hunk!r}"
        old = "".join(line[1:] + "\n" for line in lines if line[0] in " -")
        new = "".join(line[1:] + "\n" for line in lines if line[0] in " +")
        assert text.count(old) == 1, f"the edit's old text is not once in {path}:\n{old}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _bash(command: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return done.stdout


def _env(work: Path) -> dict[str, str]:
    import os

    return {
        "PATH": f"{WAW.parent}:/usr/bin:/bin",
        "HOME": str(work),
        "COLUMNS": "120",
        "NO_COLOR": "1",
        "LC_ALL": "C.UTF-8",
        "WAW_CACHE_DIR": os.environ.get("WAW_CACHE_DIR", str(work / ".cache")),
    }


def _console(body: str, work: Path, env: dict[str, str]) -> list[tuple[str, str]]:
    """Each `$ command` of a console block with the output bash gives it now."""
    commands = [line[2:] for line in body.splitlines() if line.startswith("$ ")]
    return [(command, _bash(command, work, env)) for command in commands]


def _play(number: str, work: Path, text: str) -> list[tuple[Block, str]]:
    """Run one section in `work`; every console and markdown block with the text it should hold."""
    data = work / DATA_OF.get(number, "data")
    shutil.copytree(SHIPPED, data)
    (work / "elders").mkdir()
    env = _env(work)
    blocks = _blocks(text, number)
    out: list[tuple[Block, str]] = []
    for i, block in enumerate(blocks):
        if block.action == "new":
            target = work / str(block.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.body, encoding="utf-8")
        elif block.action == "edit":
            _apply_diff(work / str(block.path), block.body)
        elif block.lang == "console":
            ran = _console(block.body, work, env)
            follows = i + 1 < len(blocks) and blocks[i + 1].lang == "markdown"
            shown = "".join(f"$ {c}\n{o}" for c, o in (ran[:-1] if follows else ran))
            if follows:
                shown += f"$ {ran[-1][0]}\n"
                out.append((blocks[i + 1], ran[-1][1]))
            out.append((block, shown))
    return out


@pytest.mark.parametrize("number", SECTIONS)
def test_every_output_in_the_howto_is_the_real_output(number: str, tmp_path: Path, update_golden: bool) -> None:
    text = HOWTO.read_text(encoding="utf-8")
    played = _play(number, tmp_path, text)
    assert played, f"section {number} runs no command"
    if update_golden:
        for block, real in sorted(played, key=lambda p: -p[0].start):
            text = text[: block.start] + real + text[block.end :]
        HOWTO.write_text(text, encoding="utf-8")
        return
    for block, real in played:
        assert block.body == real, f"docs/howto.md section {number} is stale (pytest --update-golden)"
    assert "Traceback" not in "".join(real for _, real in played)


def test_the_howto_has_the_seven_tasks_and_the_readme_links_it() -> None:
    assert SECTIONS == ["1", "2", "3", "4", "5", "6", "7"]
    assert "(docs/howto.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def _shown(number: str) -> str:
    return "".join(b.body for b in _blocks(HOWTO.read_text(encoding="utf-8"), number) if b.lang != "yaml")


def test_the_outputs_say_what_each_task_is_about() -> None:
    """The figures the tasks are written for, in the outputs the document shows (so a rewrite cannot lose them)."""
    one = _shown("1")
    for figure in ("| Primitieve begroting | DOC-23001887", "−€ 29.000 | € 1.025.795", "**€ 1.025.795**"):
        assert figure in one
    assert "| erbij | verschuiving van AI Operator | 2024 | € 29.000 |" in one
    assert "Tabel 1 Totaal uitgaven 2024 | 13 regels | € 1.054.795,25 | € 1.054.795 |  | € 0 | ✔ voldoet |" in one
    two = _shown("2")
    assert "| ZorgStart | 2025-12 |" in two and "| — | € 120.000 | € 120.000 |" in two
    assert "| € 120.000 uit Integraal Zorgakkoord (IZA) |" in two and "neutraal" not in two
    three = _shown("3")
    assert "exit 0" in three and "exit 1" in three and "? niet toetsbaar" in three
    four = _shown("4")
    assert "E-SEALED" in four and "exit 1" in four and "exit 0" in four and "gecorrigeerd op 2022-01-15" in four
    assert "| Portefeuillehoudersoverleg Werk en Inkomen | flexibel-budget | ✘ voldoet niet |" in three
    assert "| Portefeuillehoudersoverleg Werk en Inkomen, Werkkamer | flexibel-budget | ✔ voldoet |" in three
    six = _shown("6")
    assert "ZorgStart 2024: meer besteed dan begroot € 21.500" in six and "exit 1" in six and "exit 0" in six
    assert "| € 150.000 | € 171.500 | € 21.500 nadeel | onrechtmatig, telt niet mee |" in six
    seven = _shown("7")
    assert "| Reserve Werken aan Werk | raakt op in 2025 |" in seven


# Section 5: the data repository's CI job, run as written against a broken and a sound change.

STUB = """#!/bin/sh
echo "{name} $*" >> "$STUBS_LOG"
exit 0
"""

UNAPPLIED_MOVE = """id: wijziging-2024
kind: begrotingswijziging
reference: "24.0000001"
title: "Begrotingswijziging 2024 (synthetisch)"
date: 2024-03-01
source: "Synthetisch: tests/test_howto.py"
moves:
  - year: 2024
    amount: 10000
    from: {project: trainingen, line: trainingen-2024}
    to: {funding: waw-reserve}
    source: "Synthetisch: tests/test_howto.py"
"""


def _new_file(number: str, name: str) -> str:
    (block,) = [b for b in _blocks(HOWTO.read_text(encoding="utf-8"), number) if b.path and b.path.endswith(name)]
    return block.body


def test_the_pin_is_a_requirement_pip_reads_naming_waw_at_a_commit() -> None:
    pins = [line for line in _new_file("5", "requirements.txt").splitlines() if line and not line.startswith("#")]
    (pin,) = pins
    requirement = Requirement(pin)
    assert requirement.name == "wawtool"  # the distribution name in pyproject.toml
    assert requirement.url and requirement.url.startswith("git+https://")
    assert re.fullmatch(r"[0-9a-f]{40}", requirement.url.rsplit("@", 1)[1])


def test_the_pip_options_of_the_ci_job_are_real_options_of_pip() -> None:
    job = yaml.safe_load(_new_file("5", "waw.yml"))
    commands = [s["run"] for s in job["jobs"]["check"]["steps"] if "run" in s and "pip " in s["run"]]
    assert commands
    helptext = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in commands:
        for option in re.findall(r"(?<=\s)(--?[a-z][\w-]*)", command):
            assert re.search(rf"(^|[\s,]){re.escape(option)}[\s,=]", helptext, re.M), option


def _ci(work: Path, env: dict[str, str]) -> bool:
    """The GitHub job's steps under `bash -e`, in order; after a failure only the `if: always()` ones."""
    job = yaml.safe_load((work / ".github" / "workflows" / "waw.yml").read_text(encoding="utf-8"))
    expressions = {"github.base_ref": "main", "github.event.pull_request.number": "7", "github.token": "t"}
    failed = False
    for step in job["jobs"]["check"]["steps"]:
        if "run" not in step or (failed and step.get("if") != "always()"):
            continue
        script = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: expressions[m.group(1)], step["run"])
        (work.parent / "step.sh").write_text(script, encoding="utf-8")
        done = subprocess.run(["bash", "-e", str(work.parent / "step.sh")], cwd=work, env=env, capture_output=True)
        failed = done.returncode != 0 or failed
    return failed


@pytest.mark.parametrize("change", ["broken", "sound"])
def test_the_data_repositorys_ci_job_fails_on_a_broken_change(tmp_path: Path, change: str) -> None:
    _play("5", tmp_path, HOWTO.read_text(encoding="utf-8"))
    work = pull_request(tmp_path / "regio-data", tmp_path / "pr" / "regio-data")
    if change == "broken":
        (work / "data" / "decisions" / "wijziging-2024.yaml").write_text(UNAPPLIED_MOVE, encoding="utf-8")
    else:  # a comment in a project file: the budget is untouched
        (work / "data" / "projects" / "zorgstart.yaml").write_text(
            (work / "data" / "projects" / "zorgstart.yaml").read_text() + "# een opmerking\n"
        )
    git(work, "add", "-A")
    git(work, "commit", "-qm", change)
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name in ("pip", "gh"):
        (stubs / name).write_text(STUB.format(name=name))
        (stubs / name).chmod(0o755)
    env = {**GIT_ENV, **_env(tmp_path), "PATH": f"{stubs}:{WAW.parent}:{GIT_ENV['PATH']}"}
    env["STUBS_LOG"] = str(tmp_path / "stubs.log")
    assert _ci(work, env) == (change == "broken")
    assert "pip install -r requirements.txt" in (tmp_path / "stubs.log").read_text()
    comment = (work / "diff.md").read_text(encoding="utf-8")
    assert comment.startswith("**✘ voldoet niet**" if change == "broken" else "**✔ voldoet**"), comment


def test_the_flexible_budgets_amount_decides_the_draw_as_section_3_says(tmp_path: Path) -> None:
    text = HOWTO.read_text(encoding="utf-8")
    _play("3", tmp_path, text)
    bijstelling = tmp_path / "data" / "decisions" / "bijstelling-2020.yaml"
    _apply_diff(bijstelling, "-flexible_budget:\n-  amount: unknown\n+flexible_budget:\n+  amount: 15000\n")
    done = subprocess.run(["bash", "-c", "waw check-budget"], cwd=tmp_path, env=_env(tmp_path), capture_output=True)
    said = "22.0001234: flexibel budget van 20.0006972 2022: opname boven het saldo van het fonds € 5.000"
    assert done.returncode == 1 and said in " ".join(done.stdout.decode().split())
    assert " ".join(said.split()) in " ".join(_section(text, "3")[1].split())
