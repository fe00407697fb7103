"""The real `waw` command on the shipped data and on small synthetic trees."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SHIPPED, run, snapshot
from wawtool.cli import app


def test_terminal_output_reads_without_colour() -> None:
    result = run("check-budget", "--year", "2024", data=SHIPPED)
    assert "\x1b[" not in result.stdout  # NO_COLOR and not a terminal: no escape codes
    assert "✔ voldoet" in result.stdout and "Ruimte" in result.stdout and "ca. € 250.000" in result.stdout


def test_budget_table_shows_the_published_total() -> None:
    result = run("budget", "--year", "2024", data=SHIPPED)
    assert "€ 1.054.795" in result.stdout
    for label in ("Uitvoering, coördinatie & monitoring", "Divosa Benchmark", "Motopp", "Ik in de Kinderopvang!"):
        assert label in result.stdout


def test_budget_json_keeps_the_cents() -> None:
    result = run("budget", "--year", "2024", "--format", "json", data=SHIPPED)
    report = json.loads(result.stdout)
    assert report["total"] == "1054795.25"
    # exact cents in JSON, with the precision of "zo'n 1,3 miljoen" beside them (± € 50.000, provisional)
    assert report["available"]["value"] == "1300000.00" and report["headroom"]["value"] == "245204.75"
    assert report["headroom"]["low"] == "195204.75" and report["headroom"]["high"] == "295204.75"
    assert report["available"]["provisional"] is True and report["conditional"] == "465455.25"
    trainingen = report["groups"][2]["lines"][0]
    assert trainingen["amount"] == "50455.25"


def test_a_2024_reservation_raised_by_400000_is_an_overrun(shipped_copy: Path) -> None:
    basiskok = shipped_copy / "projects" / "basiskok.yaml"
    basiskok.write_text(
        basiskok.read_text(encoding="utf-8").replace("amount: 50000", "amount: 450000"), encoding="utf-8"
    )
    result = run("check-budget", data=shipped_copy)
    assert result.exit_code == 1, result.output
    assert "2024: overschrijding € 154.795,25" in result.stdout
    assert "Tabel 1 Totaal uitgaven 2024: vermeld totaal wijkt af € 400.000" in result.stdout
    assert "Basiskok" in result.stdout and "€ 450.000" in result.stdout


def test_neutrality_one_cent_off_fails(minimal: Path) -> None:
    assert run("check-budget", data=minimal).exit_code == 0
    beta = minimal / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("amount: 399.75", "amount: 399.76"))
    result = run("check-budget", "--format", "markdown", data=minimal)
    assert result.exit_code == 1
    assert "T-1: bijstelling niet neutraal € 0,01" in result.stdout


def test_year_filter_and_minimal_figures(minimal: Path) -> None:
    result = run("check-budget", "--year", "2023", "--format", "json", data=minimal)
    report = json.loads(result.stdout)
    assert [y["year"] for y in report["years"]] == [2023]
    (year,) = report["years"]
    assert year["committed"] == "600.50" and year["headroom"]["value"] == "399.50" and year["verdict"] == "pass"
    assert [r["amount"] for r in report["risks"]] == ["500.00"]


def test_commands_never_write_to_data(shipped_copy: Path) -> None:
    before = snapshot(shipped_copy)
    out = shipped_copy.parent / "out.xlsx"
    for args in (
        ["validate"],
        ["check-budget"],
        ["budget", "--year", "2024", "--format", "csv", "--table", "begroting"],
        ["budget", "--year", "2024", "--format", "csv", "-o", str(shipped_copy.parent / "csv")],
        ["status"],
        ["report", "--quarter", "Q3-2021", "--format", "markdown"],
        ["export", "-o", str(out)],
        ["template", "results", "--quarter", "Q1-2024", "-o", str(shipped_copy.parent / "t.xlsx")],
        ["schema", "-o", str(shipped_copy.parent / "schemas")],
        ["package", "-o", str(shipped_copy.parent / "open-data")],
    ):
        assert run(*args, data=shipped_copy).exit_code == 0, args
    assert snapshot(shipped_copy) == before


def test_validate_shipped_data() -> None:
    result = run("validate", data=SHIPPED)
    assert result.exit_code == 0
    assert "39 projects, 2 decisions, 3 quarters of results: no problems found." in result.stdout


def test_validate_json_lists_issues(minimal: Path) -> None:
    (minimal / "projects" / "beta.yaml").write_text("id: beta\nname: [\n")
    result = run("validate", "--format", "json", data=minimal)
    assert result.exit_code == 2
    (issue,) = json.loads(result.stdout)
    assert issue["code"] == "E-SYNTAX" and issue["path"].endswith("projects/beta.yaml")


def test_data_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["validate"], env={"WAW_DATA": str(SHIPPED)})
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["budget"], "--year"),
        (["budget", "--year", "twee"], "--year"),
        (["check-budget", "--format", "csv"], "csv"),
        (["check-budget", "--format", "pdf"], "pdf"),
        (["no-such-command"], "no-such-command"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    result = run(*args, data=SHIPPED)
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_unusable_data_directory_exits_2(tmp_path: Path) -> None:
    result = run("check-budget", data=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "E-NODATA no data directory here" in result.stderr
    (tmp_path / "empty").mkdir()
    result = run("validate", data=tmp_path / "empty")
    assert result.exit_code == 2 and "E-NODATA programmes.yaml is missing" in result.stdout


def test_unreadable_file_is_located(minimal: Path) -> None:
    target = minimal / "projects" / "beta.yaml"
    target.unlink()
    target.mkdir()  # a directory where a file should be: not read, and not a crash
    os.symlink(minimal / "missing.yaml", minimal / "projects" / "gamma.yaml")
    result = run("validate", data=minimal)
    assert result.exit_code == 2
    assert "projects/gamma.yaml: E-READ cannot read file" in result.stdout
    assert "projects/beta.yaml: E-READ a directory where a data file was expected" in result.stdout
    assert "unknown project 'beta'" not in result.stdout  # its id is unknown, so no false reference error


def test_no_budget_lines_in_a_year() -> None:
    result = run("budget", "--year", "2030", data=SHIPPED)
    assert result.exit_code == 2 and "no budget lines for 2030" in result.stderr


def test_every_command_has_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("validate", "check-budget", "budget", "status", "report"):
        assert command in result.stdout
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "--format" in sub.stdout


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_cyclic_collector_as_it_found_it(enabled: bool) -> None:
    from wawtool.load.loader import load

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        frozen = gc.get_freeze_count()
        assert load(SHIPPED).dataset is not None
        assert gc.isenabled() is enabled
        assert run("check-budget").exit_code == 0
        assert gc.get_freeze_count() == frozen  # freezing is for a process of waw's own, never for its host
    finally:
        (gc.enable if was else gc.disable)()


def test_the_installed_command_is_a_whole_process() -> None:
    waw = Path(sys.executable).parent / "waw"
    done = subprocess.run(
        [str(waw), "--data", str(SHIPPED), "check-budget", "--format", "json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["passed"] is True
    assert "1054795.25" in done.stdout


def test_project_lookup_is_indexed_once_even_with_a_duplicate_id() -> None:
    """A duplicate id (reported as E-DUPID) must not make every lookup rebuild the index: quadratic at scale."""
    from wawtool.load.loader import load

    dataset = load(SHIPPED).dataset
    assert dataset is not None
    dataset.projects.append(dataset.projects[0])
    first = dataset.project(dataset.projects[0].model.id)
    index = dataset._projects_by_id.index
    assert dataset.project(dataset.projects[0].model.id) is first
    assert dataset._projects_by_id.index is index
