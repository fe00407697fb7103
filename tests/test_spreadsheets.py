"""Imports that read spreadsheets as they really are (issue 22, point 5): every problem a located message,
never a traceback, and nothing written on a problem."""

from __future__ import annotations

import resource
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers import run, snapshot


def _template(data: Path, tmp_path: Path, quarter: str = "Q2-2021") -> Path:
    target = tmp_path / "sjabloon.xlsx"
    assert run("template", "results", "--quarter", quarter, "-o", target, data=data).exit_code == 0
    return target


def _fill(path: Path, **cells: object) -> None:
    book = openpyxl.load_workbook(path)
    for coordinate, value in cells.items():
        book["Resultaten"][coordinate] = value
    book.save(path)


def _import(data: Path, book: Path, quarter: str = "Q2-2021") -> tuple[int, str]:
    before = snapshot(data)
    result = run("import-results", book, "--quarter", quarter, "--force", data=data)
    assert "Traceback" not in result.output
    if result.exit_code:
        assert snapshot(data) == before  # nothing written on a problem
    return result.exit_code, result.output


def test_a_float_artefact_is_the_figure_that_was_typed(minimal: Path, tmp_path: Path) -> None:
    """Excel keeps 7.000000000000001 for a count computed from a formula's result, 0.1 + 0.2 as 0.30000000000000004."""
    book = _template(minimal, tmp_path)
    _fill(book, G2=7.000000000000001, I2="Rapportage")
    code, output = _import(minimal, book)
    assert code == 0, output
    assert "value: 7\n" in (minimal / "results" / "2021-Q2.yaml").read_text()
    _fill(book, G2=7.123)
    code, output = _import(minimal, book)
    assert code == 2 and "sjabloon.xlsx!Resultaten!G2: 7.123 has more than two decimals" in output


def test_absurd_sizes_text_that_hides_and_formulas_are_refused_by_cell(minimal: Path, tmp_path: Path) -> None:
    book = _template(minimal, tmp_path)
    _fill(book, G2=1e16, I2="Rapportage\u2028verborgen")
    code, output = _import(minimal, book)
    assert code == 2
    assert "Resultaten!G2: 1e+16 is larger than any count or percentage here" not in output  # the text is first
    assert "sjabloon.xlsx!Resultaten!I2: character U+2028 (line separator) in a text: use a plain space" in output
    _fill(book, G2=1e16, I2="Rapportage")
    assert "sjabloon.xlsx!Resultaten!G2: 1e+16 is larger than any count or percentage here" in _import(minimal, book)[1]
    _fill(book, G2="=3+4")
    code, output = _import(minimal, book)
    assert code == 2 and "sjabloon.xlsx!Resultaten!G2: a formula; type the figure itself" in output


def test_a_workbook_that_declares_a_million_rows_is_refused_before_it_is_read(minimal: Path, tmp_path: Path) -> None:
    """A 5 KB file whose declared dimensions exhausted memory."""
    book = _template(minimal, tmp_path)
    crafted = tmp_path / "groot.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                start = text.index('<dimension ref="') + len('<dimension ref="')
                content = (text[:start] + "A1:XFD1048576" + text[text.index('"', start) :]).encode()
            target.writestr(item, content)
    assert crafted.stat().st_size < 20_000
    memory, started = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.monotonic()
    code, output = _import(minimal, crafted)
    assert code == 2 and "groot.xlsx!Resultaten!A1: the sheet declares 1048576 rows" in output
    assert time.monotonic() - started < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory < 200_000  # kilobytes: not a gigabyte


def test_an_untouched_template_writes_no_empty_quarter(minimal: Path, tmp_path: Path) -> None:
    """Importing it once wrote an empty quarter with exit 0, which then became the default quarter."""
    code, output = _import(minimal, _template(minimal, tmp_path), "Q2-2021")
    assert code == 2 and "nothing is filled in" in output


def _export(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Kostenplaats\n6101\n", "grootboek.csv:1: the first row needs a column for the code"),
        ("Kostenplaats;Omschrijving;Bedrag\r6101;Alpha;300\r6101;Alpha;x\r", "grootboek.csv:3: amount 'x' is text"),
        ('Kostenplaats;Omschrijving;Bedrag\n6101;"Alpha\nuren";300\n6101;Alpha;x\n', "grootboek.csv:4: amount 'x'"),
        ("Kostenplaats;Omschrijving;Bedrag\n6101;" + "x" * 140_000 + ";300\n", "grootboek.csv:2: not readable as CSV"),
        ("Kostenplaats;Omschrijving;Bedrag\n", "grootboek.csv:2: the export has no bookings"),
        ("Kostenplaats;Omschrijving;Bedrag\n6101;Alpha\u2028uren;300\n", "grootboek.csv:2: character U+2028"),
    ],
    ids=["one-column", "cr-only", "row-over-two-lines", "huge-field", "header-only", "hidden-break"],
)
def test_a_ledger_csv_is_read_as_it_is(realised: Path, tmp_path: Path, content: str, expected: str) -> None:
    before = snapshot(realised)
    result = run("import-realisatie", _export(tmp_path / "grootboek.csv", content), "--year", "2022", data=realised)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert expected in result.stderr, result.stderr
    assert snapshot(realised) == before  # an export without rows never empties a year


def test_a_ledger_workbook_with_a_formula_or_a_float_artefact(realised: Path, tmp_path: Path) -> None:
    path = tmp_path / "grootboek.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Boekingen"
    for row in [("Kostenplaats", "Omschrijving", "Bedrag"), ("6101", "Alpha", 0.1 + 0.2), ("6200", "Beta", "=1+1")]:
        sheet.append(list(row))
    book.save(path)
    result = run("import-realisatie", path, "--year", "2022", data=realised)
    assert result.exit_code == 2 and "grootboek.xlsx!Boekingen!C3: a formula" in result.stderr
    sheet["C3"] = 399.75
    book.save(path)
    result = run("import-realisatie", path, "--year", "2022", data=realised)
    assert result.exit_code == 0, result.output
    assert "amount: 0.30" in (realised / "realisatie" / "2022.yaml").read_text()
