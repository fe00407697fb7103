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
    assert ("zorgstart", "uitstroom-betaald-werk") in rows
    # GGZ's starts have no target (the 12 capped the financing), but GGZ reported them: still asked for
    assert ("ggz-voortzetting", "trajecten-gestart") in rows
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
    assert f"sjabloon.xlsx!Resultaten!G{first}: expected a number, got text ('ruim 80')" in result.stderr
    assert f"sjabloon.xlsx!Resultaten!G{second}: 12.5 is not a whole number" in result.stderr
    assert f"sjabloon.xlsx!Resultaten!I{second}: every result needs its source" in result.stderr
    assert snapshot(shipped_copy) == before


def test_existing_quarter_needs_force(shipped_copy: Path, tmp_path: Path) -> None:
    path = _template(shipped_copy, tmp_path, "Q3-2021")
    before = (shipped_copy / "results" / "2021-Q3.yaml").read_bytes()
    refused = run("import-results", path, "--quarter", "Q3-2021", data=shipped_copy)
    assert refused.exit_code == 2 and "use --force" in refused.output
    assert (shipped_copy / "results" / "2021-Q3.yaml").read_bytes() == before
    untouched = run("import-results", path, "--quarter", "Q3-2021", "--force", data=shipped_copy)
    assert untouched.exit_code == 2 and "nothing is filled in" in untouched.stderr  # an empty quarter: refused
    assert (shipped_copy / "results" / "2021-Q3.yaml").read_bytes() == before
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Resultaten"]
    sheet["G2"], sheet["I2"] = 5, "Rapportage"
    workbook.save(path)
    forced = run("import-results", path, "--quarter", "Q3-2021", "--force", data=shipped_copy)
    assert forced.exit_code == 0, forced.output
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


def test_missing_or_unreadable_workbook_says_so(shipped_copy: Path, tmp_path: Path) -> None:
    missing = run("import-results", tmp_path / "nergens.xlsx", "--quarter", "Q3-2021", data=shipped_copy)
    assert missing.exit_code == 2
    assert missing.stderr.strip() == f"Error: cannot read {tmp_path / 'nergens.xlsx'}: no such file"
    folder = run("import-results", tmp_path, "--quarter", "Q1-2022", data=shipped_copy)
    assert folder.exit_code == 2 and "is a directory or special file" in folder.stderr


def test_every_filled_row_is_imported_or_reported(shipped_copy: Path, tmp_path: Path) -> None:
    path = _template(shipped_copy, tmp_path, "Q1-2022")
    rows = _rows(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Resultaten"]
    with_source_only = rows[("zorgstart", "uitstroom-betaald-werk")]
    sheet[f"I{with_source_only}"] = "Rapportage ZorgStart"  # a source, but the result cell is empty
    unknown_without_note = rows[("zorgstart", "trajecten-gestart")]
    sheet[f"G{unknown_without_note}"], sheet[f"I{unknown_without_note}"] = "onbekend", "Rapportage"
    extra = sheet.max_row + 1
    sheet[f"A{extra}"], sheet[f"C{extra}"] = "zorgstart", "trajecten-gestart-extra"  # added, but not filled
    headline = workbook["Kerncijfers"]
    headline["E2"] = "ruim"  # a qualifier without a figure
    words = workbook["Kwalitatief"]
    words["D2"] = "Rapportage"  # a source without text
    workbook.save(path)
    before = snapshot(shipped_copy)

    result = run("import-results", path, "--quarter", "Q1-2022", data=shipped_copy)

    assert result.exit_code == 2
    problems = result.stderr.splitlines()
    assert f"sjabloon.xlsx!Resultaten!G{with_source_only}: no result, but Bron filled in" in "\n".join(problems)
    assert any(f"G{unknown_without_note}: 'onbekend' needs a Toelichting" in p for p in problems)
    assert any(f"Resultaten!G{extra}: a row that is not in the template, without a result" in p for p in problems)
    assert any("Kerncijfers!D2: no result, but Kwalificatie filled in" in p for p in problems)
    assert any("Kwalitatief!C2: a source without text" in p for p in problems)
    assert problems[-1] == "5 problem(s) found; nothing was written."
    assert snapshot(shipped_copy) == before


def test_headline_figures_and_words_are_imported(shipped_copy: Path, tmp_path: Path) -> None:
    path = _template(shipped_copy, tmp_path, "Q1-2022")
    workbook = openpyxl.load_workbook(path)
    headline = workbook["Kerncijfers"]
    by_indicator = {row[0].value: row[0].row for row in headline.iter_rows(min_row=2)}
    row = by_indicator["uitstroom-betaald-werk"]
    headline[f"D{row}"], headline[f"E{row}"], headline[f"F{row}"], headline[f"G{row}"] = (
        160,
        "ruim",
        "ruim 160 inwoners aan het werk",
        "Monitor Q1 2022",
    )
    unknown = by_indicator["trajecten-gestart"]
    headline[f"D{unknown}"], headline[f"G{unknown}"], headline[f"H{unknown}"] = "onbekend", "Monitor", "Niet geteld"
    words = workbook["Kwalitatief"]
    projects = {row[0].value: row[0].row for row in words.iter_rows(min_row=2)}
    line = projects["zorgstart"]
    words[f"C{line}"], words[f"D{line}"] = "Loopt volgens plan; een nieuwe groep start in mei.", "Rapportage ZorgStart"
    workbook.save(path)

    result = run("import-results", path, "--quarter", "Q1-2022", data=shipped_copy)
    assert result.exit_code == 0, result.output
    assert "0 resultaten, 2 kerncijfers en 1 toelichtingen in woorden" in result.stdout
    report = json.loads(run("report", "--quarter", "Q1-2022", "--format", "json", data=shipped_copy).stdout)
    figures = {h["indicator"]: h for h in report["headline"]}
    assert figures["uitstroom-betaald-werk"]["result"]["value"] == 160
    assert figures["uitstroom-betaald-werk"]["result"]["qualifier"] == "ruim"
    assert figures["trajecten-gestart"]["result"]["value"] is None
    assert "Loopt volgens plan; een nieuwe groep start in mei." in json.dumps(report, ensure_ascii=False)
    assert run("validate", data=shipped_copy).exit_code == 0
