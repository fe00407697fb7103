"""Partners' quarterly figures: template out, filled in, imported, read back by the reports."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from helpers import run, snapshot


def _template(data: Path, tmp_path: Path, quarter: str = "Q3-2021") -> Path:
    target = tmp_path / "sjabloon.xlsx"
    result = run("template", "results", "--quarter", quarter, "-o", target, data=data)
    assert result.exit_code == 0, result.output
    return target


def _rows(path: Path) -> dict[tuple[str, str], int]:
    sheet = openpyxl.load_workbook(path)["Resultaten"]
    return {(row[0].value, row[2].value): row[0].row for row in sheet.iter_rows(min_row=2)}


def test_template_lists_running_projects_with_validation(shipped_copy: Path, tmp_path: Path) -> None:
    path = _template(shipped_copy, tmp_path)
    rows = _rows(path)
    assert ("zorgstart", "uitstroom-betaald-werk") in rows and ("ggz-voortzetting", "trajecten-gestart") in rows
    assert not any(project in {"schoonhuis", "innovatiefonds"} for project, _ in rows)  # stopped by then
    sheet = openpyxl.load_workbook(path)["Resultaten"]
    kinds = {v.type for v in sheet.data_validations.dataValidation}
    assert kinds == {"whole", "decimal", "list"}
    assert sheet.freeze_panes == "A2"
    assert openpyxl.load_workbook(path)["Kwartaal"]["B1"].value == "2021-Q3"


def test_filled_template_round_trips_through_the_reports(shipped_copy: Path, tmp_path: Path) -> None:
    path = _template(shipped_copy, tmp_path, "Q1-2022")
    rows = _rows(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Resultaten"]
    zorgstart = rows[("zorgstart", "uitstroom-betaald-werk")]
    sheet[f"G{zorgstart}"], sheet[f"H{zorgstart}"], sheet[f"I{zorgstart}"] = 120, "ruim", "Rapportage ZorgStart Q1 2022"
    ggz = rows[("jongeren", "uitstroom-percentage")]
    sheet[f"G{ggz}"], sheet[f"I{ggz}"], sheet[f"J{ggz}"] = 62.5, "Jongerenteam, april 2022", "Aandeel uitgestroomd"
    workbook.save(path)

    result = run("import-results", path, "--quarter", "2022-Q1", data=shipped_copy)
    assert result.exit_code == 0, result.output
    written = shipped_copy / "results" / "2022-Q1.yaml"
    assert written.exists() and not list((shipped_copy / "results").glob(".*.tmp"))

    status = json.loads(run("status", "--quarter", "Q1-2022", "--format", "json", data=shipped_copy).stdout)
    figures = {
        (r["project"], r["indicator"]): r["result"] for r in status["rows"] if r["result"] and not r["result_quarter"]
    }
    assert figures == {
        ("zorgstart", "uitstroom-betaald-werk"): {"value": 120, "qualifier": "ruim", "quote": None},
        ("jongeren", "uitstroom-percentage"): {"value": 62.5, "qualifier": None, "quote": None},
    }
    assert run("validate", data=shipped_copy).exit_code == 0
    report = json.loads(run("report", "--quarter", "Q1-2022", "--format", "json", data=shipped_copy).stdout)
    in_report = {
        (r["project"], r["indicator"]): r["result"]["value"]
        for b in report["categories"]
        for r in b["rows"]
        if r["result"]
    }
    assert in_report == {("zorgstart", "uitstroom-betaald-werk"): 120, ("jongeren", "uitstroom-percentage"): 62.5}


def test_broken_cells_are_located_and_nothing_is_written(shipped_copy: Path, tmp_path: Path) -> None:
    path = _template(shipped_copy, tmp_path, "Q1-2022")
    rows = _rows(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Resultaten"]
    first = rows[("zorgstart", "uitstroom-betaald-werk")]
    sheet[f"G{first}"], sheet[f"I{first}"] = "ruim 80", "bron"
    second = rows[("zorgstart", "trajecten-gestart")]
    sheet[f"G{second}"] = 12.5  # no source either
    workbook.save(path)
    before = snapshot(shipped_copy)

    result = run("import-results", path, "--quarter", "Q1-2022", data=shipped_copy)

    assert result.exit_code == 2
    assert f"sjabloon.xlsx!Resultaten!G{first}: expected a number, got 'ruim 80'" in result.stderr
    assert f"sjabloon.xlsx!Resultaten!G{second}: 12.5 is not a whole number" in result.stderr
    assert f"sjabloon.xlsx!Resultaten!I{second}: every result needs its source" in result.stderr
    assert snapshot(shipped_copy) == before


def test_existing_quarter_needs_force(shipped_copy: Path, tmp_path: Path) -> None:
    path = _template(shipped_copy, tmp_path, "Q3-2021")
    before = (shipped_copy / "results" / "2021-Q3.yaml").read_bytes()
    refused = run("import-results", path, "--quarter", "Q3-2021", data=shipped_copy)
    assert refused.exit_code == 2 and "use --force" in refused.output
    assert (shipped_copy / "results" / "2021-Q3.yaml").read_bytes() == before
    forced = run("import-results", path, "--quarter", "Q3-2021", "--force", data=shipped_copy)
    assert forced.exit_code == 0
    assert (shipped_copy / "results" / "2021-Q3.yaml").read_bytes() != before


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04broken zip"])
def test_a_file_that_is_not_a_workbook(shipped_copy: Path, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(content)
    result = run("import-results", path, "--quarter", "Q1-2022", data=shipped_copy)
    assert result.exit_code == 2 and "not a readable .xlsx workbook" in result.stderr
    assert "Traceback" not in result.output


def test_template_for_another_quarter_is_refused(shipped_copy: Path, tmp_path: Path) -> None:
    path = _template(shipped_copy, tmp_path, "Q1-2022")
    result = run("import-results", path, "--quarter", "Q2-2022", data=shipped_copy)
    assert (
        result.exit_code == 2
        and "sjabloon.xlsx!Kwartaal!B1: the template is for '2022-Q1', not 2022-Q2" in result.stderr
    )
