"""The bad-input corpus: one small file per kind of bad input, run under both YAML parsers.

Each file in tests/bad_inputs/ says where it goes (`# target:`) and what must be
reported (`# expect: LINE CODE message`). The file is dropped into a copy of the
synthetic minimal tree next to a second broken file, so each case also proves
that problems in other files are still reported and nothing is written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import run, snapshot

CORPUS = sorted((Path(__file__).parent / "bad_inputs").glob("*.yaml"))
OTHER_PROBLEM = "projects/beta.yaml:4: E-SCHEMA programmme: unknown key 'programmme' (did you mean 'programme'?)"


def _spec(path: Path) -> tuple[str, list[tuple[int, str]]]:
    text = path.read_bytes().decode("utf-8")
    target = re.search(r"^# target: (\S+)$", text, re.MULTILINE)
    expects = [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^# expect: (\d+) (.+)$", text, re.MULTILINE)]
    assert target and expects, f"{path.name} lacks its # target / # expect header"
    return target.group(1), expects


def _break_beta(tree: Path) -> None:
    beta = tree / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("programme: prog\n", "programme: prog\nprogrammme: prog\n", 1))


@pytest.mark.parametrize("case", CORPUS, ids=[c.stem for c in CORPUS])
def test_bad_input_is_located_and_nothing_is_lost(case: Path, minimal: Path, yaml_loader: str) -> None:
    target, expects = _spec(case)
    _break_beta(minimal)
    (minimal / target).parent.mkdir(parents=True, exist_ok=True)
    (minimal / target).write_bytes(case.read_bytes())
    before = snapshot(minimal)

    result = run("validate", data=minimal)

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    for line_no, message in expects:
        wanted = f"{target}:{line_no}: {message}"
        assert any(wanted in line for line in lines), f"missing {wanted!r} in:\n{result.stdout}"
    assert any(line.endswith(OTHER_PROBLEM) for line in lines), result.stdout
    assert snapshot(minimal) == before


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "projects/bad.yaml:1: E-EMPTY the file holds no data"),
        (b"\xef\xbb\xbfid: bad\n", "projects/bad.yaml:1: E-BOM file starts with a byte-order mark"),
        (b"id: bad\nname: Caf\xe9\n", "projects/bad.yaml:2: E-ENCODING byte 0xe9 is not UTF-8"),
        (
            b"id: bad\nname: \x00\n",
            "projects/bad.yaml:2: E-SYNTAX YAML syntax: character U+0000 is not allowed in YAML text",
        ),
    ],
    ids=["zero-bytes", "byte-order-mark", "latin-1", "nul-byte"],
)
def test_bytes_that_are_not_yaml_text(raw: bytes, expected: str, minimal: Path, yaml_loader: str) -> None:
    (minimal / "projects" / "bad.yaml").write_bytes(raw)
    result = run("validate", data=minimal)
    assert result.exit_code == 2
    assert expected in result.stdout
    assert "Traceback" not in result.output


def test_every_error_code_has_a_corpus_case() -> None:
    from wawtool.issues import CODES

    covered = {m for case in CORPUS for _, msg in _spec(case)[1] for m in [msg.split()[0]]}
    covered |= {"E-BOM", "E-ENCODING", "E-READ", "E-NODATA"}  # bytes cases above, unreadable paths in test_cli
    assert set(CODES) - covered == set()
