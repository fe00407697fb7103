"""The README's exit-code contract, command by command: 0 fine, 1 a check found problems, 2 the input or the
command line could not be used. Every command of the app is in the table below, so a new one cannot skip it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import typer.main

from helpers import build_realised, git, run, snapshot
from wawtool.cli import app

Case = tuple[str, Callable[[Path, Path], list[str | Path]], int]


def _filled_template(data: Path, out: Path) -> Path:
    template = out / "sjabloon.xlsx"
    assert run("template", "results", "--quarter", "Q3-2021", "-o", template, data=data).exit_code == 0
    workbook = openpyxl.load_workbook(template)
    sheet = workbook["Resultaten"]
    sheet["G2"], sheet["I2"] = 5, "synthetisch"
    workbook.save(template)
    return template


def _export(out: Path) -> Path:
    path = out / "grootboek.csv"
    path.write_text("Kostenplaats;Omschrijving;Bedrag\n6101;Alpha uren;300\n", encoding="utf-8")
    return path


def _unbalance(data: Path) -> None:
    """Alpha's 2021 line goes up € 50: its stated total and the reallocation that funds it no longer hold."""
    alpha = data / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("amount: 400\n", "amount: 450\n", 1))


def _unapplied_move(data: Path) -> None:
    """A begrotingswijziging moves € 50 off Alpha's 2021 line, and the line still shows the old amount."""
    (data / "decisions" / "wijziging.yaml").write_text(
        'id: wijziging\nkind: begrotingswijziging\nreference: "T-3"\ntitle: T\ndate: 2021-06-01\nsource: s\n'
        "moves:\n  - year: 2021\n    amount: 50\n    from: {project: alpha, line: a1}\n    to: {funding: reserve}\n"
        "    source: s\n"
    )


def _sealed_then_changed(data: Path) -> None:
    """Q2-2021 published and sealed, then Alpha's 8 typed over as 3 without a correction: a finding."""
    published = run("publish", "--quarter", "Q2-2021", "--date", "2021-07-01", "--source", "synthetisch", data=data)
    assert published.exit_code == 0, published.output
    results = data / "results" / "2021-Q2.yaml"
    results.write_text(results.read_text().replace("value: 8", "value: 3", 1))


def _overdrawn(data: Path) -> None:
    """€ 50 moved from Fonds A (€ 1.000, all of it committed to its lines) to Alpha's 2021 line."""
    (data / "decisions" / "opname.yaml").write_text(
        'id: opname\nkind: begrotingswijziging\nreference: "T-9"\ntitle: T\ndate: 2021-06-01\nsource: s\n'
        "moves:\n  - year: 2021\n    amount: 50\n    from: {funding: fund-a}\n    to: {project: alpha, line: a1}\n"
        "    source: s\n"
    )
    alpha = data / "projects" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text().replace(
            "    amount: 400\n", "    amount: 450\n    previous_amount: 400\n    changed_by: opname\n", 1
        )
    )


CASES: list[Case] = [
    ("validate", lambda d, o: ["validate"], 0),
    ("validate", lambda d, o: ["validate", "--format", "xml"], 2),
    ("validate", lambda d, o: (_sealed_then_changed(d), ["validate"])[1], 1),  # a sealed figure changed
    ("check-budget", lambda d, o: (_sealed_then_changed(d), ["check-budget", "--year", "2021"])[1], 1),
    ("status", lambda d, o: (_sealed_then_changed(d), ["status", "--quarter", "Q2-2021"])[1], 0),  # reports run
    ("check-budget", lambda d, o: ["check-budget", "--year", "2021"], 0),
    ("check-budget", lambda d, o: (_unbalance(d), ["check-budget"])[1], 1),
    ("check-budget", lambda d, o: ["check-budget", "--strict"], 1),  # 2021's funds are unknown: niet toetsbaar
    ("check-budget", lambda d, o: ["check-budget", "--year", "2030"], 2),
    ("decision", lambda d, o: ["decision", "realloc"], 0),
    ("decision", lambda d, o: (_unbalance(d), ["decision", "realloc"])[1], 1),
    ("decision", lambda d, o: ["decision", "nope"], 2),
    ("show", lambda d, o: ["show", "alpha"], 0),
    ("show", lambda d, o: ["show", "nope"], 2),
    ("budget", lambda d, o: ["budget", "--year", "2021"], 0),
    ("budget", lambda d, o: ["budget", "--year", "2030"], 2),
    ("status", lambda d, o: ["status", "--quarter", "Q2-2021"], 0),
    ("status", lambda d, o: ["status", "--quarter", "Q5-2021"], 2),
    ("report", lambda d, o: ["report", "--quarter", "Q2-2021"], 0),
    ("report", lambda d, o: ["report", "--quarter", "Q1-2030"], 2),
    ("diff", lambda d, o: ["diff", "HEAD"], 0),
    ("diff", lambda d, o: (_unbalance(d), ["diff", "HEAD"])[1], 1),  # a reallocation stops being neutral
    ("diff", lambda d, o: (_unapplied_move(d), ["diff", "HEAD"])[1], 1),  # check-budget on the head fails
    ("diff", lambda d, o: ["diff", "no-such-revision"], 2),
    ("diff", lambda d, o: (_sealed_then_changed(d), ["diff", "HEAD"])[1], 1),
    ("publish", lambda d, o: ["publish", "--quarter", "Q2-2021", "--date", "2021-07-01", "--source", "synthetisch"], 0),
    ("publish", lambda d, o: ["publish", "--quarter", "Q2-2021"], 2),  # no publication date known
    ("publish", lambda d, o: (_sealed_then_changed(d), ["publish", "--quarter", "Q2-2021"])[1], 2),  # never replaced
    ("funds", lambda d, o: ["funds"], 0),
    ("funds", lambda d, o: (_overdrawn(d), ["funds"])[1], 1),  # a move draws more than a known balance
    ("funds", lambda d, o: ["funds", "--fund", "no-such-fund"], 2),
    ("export", lambda d, o: ["export", "-o", o / "waw.xlsx", "--year", "2021"], 0),
    ("export", lambda d, o: ["export", "-o", o / "missing" / "waw.xlsx"], 2),
    ("site", lambda d, o: ["site", "-o", o / "site"], 0),
    ("site", lambda d, o: ["site", "-o", d.parent], 2),  # the repository itself
    ("package", lambda d, o: ["package", "-o", o / "open-data"], 0),
    ("package", lambda d, o: ["package", "-o", d.parent], 2),  # the repository itself
    ("schema", lambda d, o: ["schema", "-o", o / "schemas"], 0),
    ("schema", lambda d, o: ["schema", "-o", d / "programmes.yaml"], 2),
    ("schema", lambda d, o: ["schema", "-o", d], 2),  # a .json file in data/ would break data/ (cli_fuzz found it)
    ("template", lambda d, o: ["template", "results", "--quarter", "Q3-2021", "-o", o / "t.xlsx"], 0),
    ("template", lambda d, o: ["template", "results", "--quarter", "Q3", "-o", o / "t.xlsx"], 2),
    ("new", lambda d, o: ["new", "project", "gamma", "--name", "Gamma", "--programme", "prog"], 0),
    ("new", lambda d, o: ["new", "project", "alpha", "--name", "Alpha"], 2),  # never overwrites a file
    ("new", lambda d, o: ["new", "decision", "besluit-1", "--reference", "24.1", "--title", "T"], 0),
    ("new", lambda d, o: ["new", "decision", "Besluit 1", "--reference", "24.1", "--title", "T"], 2),
    ("import-results", lambda d, o: ["import-results", _filled_template(d, o), "--quarter", "Q3-2021"], 0),
    ("import-results", lambda d, o: ["import-results", o / "missing.xlsx", "--quarter", "Q3-2021"], 2),
    ("import-realisatie", lambda d, o: ["import-realisatie", _export(o), "--year", "2023"], 0),
    ("import-realisatie", lambda d, o: ["import-realisatie", o / "missing.csv", "--year", "2023"], 2),
]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The synthetic data with a realisatie mapping, committed in a repository of its own."""
    repo = tmp_path / "repo"
    build_realised(repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "synthetic data")
    return repo / "data"


@pytest.mark.parametrize(("command", "argv", "code"), CASES, ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_each_command_keeps_the_contract(
    repository: Path, tmp_path: Path, command: str, argv: Callable[[Path, Path], list[str | Path]], code: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = argv(repository, out)
    before = snapshot(repository.parent)
    result = run(*args, data=repository)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if code == 2:
        assert result.stderr.strip(), "exit 2 says why"
        assert snapshot(repository.parent) == before, "an unusable command changes nothing"


def test_every_command_is_in_the_table() -> None:
    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert commands == {command for command, _, _ in CASES}
    assert {code for _, _, code in CASES} == {0, 1, 2}


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["check-budget"],
        ["decision", "realloc"],
        ["show", "alpha"],
        ["budget", "--year", "2021"],
        ["status"],
        ["report", "--quarter", "Q2-2021"],
        ["diff", "HEAD"],
        ["export", "-o", "{out}/waw.xlsx"],
        ["site", "-o", "{out}/site"],
        ["package", "-o", "{out}/open-data"],
        ["template", "results", "--quarter", "Q3-2021", "-o", "{out}/t.xlsx"],
        ["new", "project", "gamma", "--name", "Gamma", "--programme", "prog"],
        ["import-realisatie", "{out}/grootboek.csv", "--year", "2023"],
        ["publish", "--quarter", "Q2-2021", "--date", "2021-07-01", "--source", "x"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_data_file_with_a_problem_is_exit_2_for_every_command_that_reads_data(
    repository: Path, tmp_path: Path, argv: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _export(out)
    beta = repository / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("amount: 399.75", "amount: 399.751"))  # a sub-cent amount
    result = run(*[a.format(out=out) for a in argv], data=repository)
    assert result.exit_code == 2, result.output
    assert "projects/beta.yaml:" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", sorted(typer.main.get_command(app).commands))  # type: ignore[attr-defined]
def test_an_unknown_option_is_exit_2(repository: Path, command: str) -> None:
    result = run(command, "--no-such-option", data=repository)
    assert result.exit_code == 2 and "no such option" in result.output.lower(), result.output
