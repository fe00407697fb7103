"""`waw export`: a workbook that opens with real numbers, euro formats, lights, a chart and no formulas from text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from helpers import SHIPPED, run, snapshot, with_synthetic_cap


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    target = tmp_path_factory.mktemp("export") / "waw.xlsx"
    result = run("export", "-o", target, "--year", "2024", "--quarter", "Q3-2023", data=SHIPPED)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(target)


def test_sheets_and_properties(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == ["Begroting 2024", "Monitor Q3-2023", "Grafiek", "Projecten"]
    assert workbook.properties.title.startswith("Werken aan Werk en Perspectief op Werk: begroting 2024")
    assert workbook.properties.created is not None


def test_begroting_amounts_are_numbers_with_euro_format(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["Begroting 2024"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:F")
    amounts = {row[1].value: row[3] for row in sheet.iter_rows(min_row=2) if row[1].value}
    trainingen = amounts["Trainingen Ik Word, Ik Ben en Arbeidstools"]
    assert trainingen.value == pytest.approx(50455.25) and trainingen.data_type == "n"
    assert "€" in trainingen.number_format


def _sum_of(sheet: openpyxl.worksheet.worksheet.Worksheet, formula: str) -> Decimal:
    """What a SUBTOTAL(9, D2:Dn) formula adds up: the numbers of its range, leaving out nested subtotals."""
    start, end = re.fullmatch(r"=SUBTOTAL\(9,D(\d+):D(\d+)\)", formula).groups()  # type: ignore[union-attr]
    cells = [sheet.cell(row=r, column=4).value for r in range(int(start), int(end) + 1)]
    return sum((Decimal(str(v)) for v in cells if isinstance(v, (int, float))), Decimal(0))


def test_subtotals_and_totals_are_formulas_over_their_lines(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["Begroting 2024"]
    cells = {row[1].value: row[3].value for row in sheet.iter_rows(min_row=2) if row[1].value}
    assert _sum_of(sheet, cells["Subtotaal Projecten"]) == Decimal("855000")
    assert _sum_of(sheet, cells["Subtotaal Organisatie"]) == Decimal("149340")
    assert _sum_of(sheet, cells["Totaal uitgaven"]) == Decimal("1054795.25")  # SUBTOTAL skips the subtotals
    assert cells["Tabel 1 Totaal uitgaven 2024"] == 1054795  # the published total, beside the formula
    total_row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[1].value == "Totaal uitgaven")
    assert cells["Totaal uitgaven min vermeld"] == f"=D{total_row}-D{total_row + 1}"
    headroom = "Beschikbaar min totaal uitgaven (± € 50.000, voorlopig)"
    assert cells[headroom] == f"=MROUND(D{total_row + 3}-D{total_row},50000)" and cells["zo'n 1,3 miljoen"] == 1300000
    # "zo'n 1,3 miljoen" is ± € 50.000, and so is everything computed from it: rounded to it, never exact cents
    formats = {row[1].value: row[3].number_format for row in sheet.iter_rows(min_row=2) if row[1].value}
    assert formats[headroom] == formats["zo'n 1,3 miljoen"] == '"ca. €" #,##0;"ca. €" -#,##0'
    assert formats["Totaal uitgaven"] == '"€" #,##0.00;"€" -#,##0.00'


def test_results_keep_their_words_and_stay_numbers(tmp_path: Path, shipped_copy: Path) -> None:
    """ZorgStart's "ruim 80" is the number 80 shown as `ruim 80`, its share of the target `≈ 85,3%`; a cap
    (a synthetic "maximaal 12") keeps its word too. Whole counts have no decimal point (Excel shows `6.` for
    #,##0.##)."""
    target = tmp_path / "waw.xlsx"
    assert run("export", "-o", target, "--quarter", "Q3-2021", data=with_synthetic_cap(shipped_copy)).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Monitor Q3-2021"]
    rows = {(r[1].value, r[2].value): r for r in sheet.iter_rows(min_row=2)}
    zorgstart = rows[("ZorgStart", "Uitstroom naar betaald werk")]
    result, share = zorgstart[4], zorgstart[5]
    assert (result.value, result.number_format) == (80, '"ruim "#,##0')
    assert share.number_format == '"≈ "0.0"%"' and share.value == pytest.approx(85.3, abs=0.05)
    assert (zorgstart[3].value, zorgstart[3].number_format) == (250, "#,##0")
    ggz = rows[("Voortzetting gezamenlijke aanpak GGZ en Werk & inkomen", "Gestarte trajecten")]
    assert (ggz[3].value, ggz[3].number_format) == (12, '"maximaal "#,##0')


def test_the_chart_sheet_has_no_cell_wider_than_its_column(workbook: openpyxl.Workbook) -> None:
    """Fitted to the page width, one long cell shrank the whole sheet to an unreadable size in print."""
    sheet = workbook["Grafiek"]
    for row in sheet.iter_rows():
        for cell in row:
            width = sheet.column_dimensions[cell.column_letter].width
            assert cell.value is None or len(str(cell.value)) <= width or cell.alignment.wrap_text, cell.value


def test_every_sheet_prints_on_a4_landscape_fitted_to_the_width(workbook: openpyxl.Workbook) -> None:
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, str(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            "9",
            1,
            0,
        ), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"
        assert "Werken aan Werk" in sheet.oddFooter.left.text and "&P" in sheet.oddFooter.right.text


def test_the_chart_compares_like_with_like(workbook: openpyxl.Workbook) -> None:
    (chart,) = workbook["Grafiek"]._charts
    assert chart.tagname == "barChart" and len(chart.series) == 1  # one measure: % of each row's own target
    header, *rows = list(workbook["Grafiek"].iter_rows(values_only=True))
    assert header == ("Project en indicator", "% van doel naar rato", "Licht")
    drawn = {r[0]: (r[1], r[2]) for r in rows if r[1] is not None}
    assert drawn["ZorgStart: Gestarte trajecten"] == (pytest.approx(178.4, abs=0.1), "● groen")
    assert len(chart.series[0].dPt) == len(drawn)  # every bar coloured by its own light
    # the percentages are on the value axis, in a format of its own: not `≈` from the first bar's cell
    assert chart.y_axis.numFmt.formatCode == '0"%"' and not chart.y_axis.numFmt.sourceLinked
    assert chart.y_axis.title is not None and chart.x_axis.title is None


def test_projects_sheet(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["Projecten"]
    header = [c.value for c in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert len(rows) == 39
    zorgstart = dict(zip(header, rows["zorgstart"], strict=True))
    assert zorgstart["2020"] == 33000 and zorgstart["2024"] == 150000
    assert "Uitvoeringskosten 2021-2022: € 557.000" in zorgstart["Niet per jaar"]
    assert zorgstart["Categorie"] == "Scholingsprojecten"  # the category's name, not its id


@pytest.mark.parametrize("quarter", ["Q3-2021", "Q3-2023"])
def test_the_projects_sheet_calls_each_project_what_its_monitor_calls_it(quarter: str, tmp_path: Path) -> None:
    """It once said `lopend` (the last status of all) of projects its Monitor sheet called `afgelopen`."""
    target = tmp_path / "waw.xlsx"
    assert run("export", "-o", target, "--quarter", quarter, data=SHIPPED).exit_code == 0
    book = openpyxl.load_workbook(target)
    lights: dict[str, set[str]] = {}
    for row in book[f"Monitor {quarter}"].iter_rows(min_row=2, values_only=True):
        lights.setdefault(str(row[1]), set()).add(str(row[6]).split(" ", 1)[1])  # `□ afgelopen`: its word
    phases = {"gepland", "on hold", "gestopt", "afgerond", "afgelopen"}
    status = {row[1]: row[4] for row in book["Projecten"].iter_rows(min_row=2, values_only=True) if row[0]}
    for name, words in lights.items():
        assert status[name] == (words.pop() if words <= phases else "lopend"), (name, words)
    assert {status[name] for name in lights} >= {"afgelopen", "lopend"}
    assert {s for name, s in status.items() if name not in lights} <= {"gepland"}  # left out: no status yet


def test_the_projects_sheet_adds_up_each_year_to_the_begroting(workbook: openpyxl.Workbook) -> None:
    """Per year the projects' total (a SUM over every project's row), the lines of no project, and their sum:
    each year's Totaal uitgaven of `waw budget --year`."""
    sheet = workbook["Projecten"]
    header = [c.value for c in sheet[1]]
    last = max(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value)
    below = {r[1].value: r for r in sheet.iter_rows(min_row=last + 1) if r[1].value}
    projects, outside, total = (
        below[k] for k in ("Totaal projecten", "Posten zonder project", "Totaal uitgaven (begroting)")
    )
    for index, year in enumerate(header[7:-1]):
        column = 7 + index
        letter = sheet.cell(row=1, column=column + 1).column_letter
        assert projects[column].value == f"=SUM({letter}2:{letter}{last})"
        assert total[column].value == f"={letter}{projects[0].row}+{letter}{outside[0].row}"
        amounts = [sheet.cell(row=r, column=column + 1).value for r in range(2, last + 1)]
        summed = sum((Decimal(str(a)) for a in amounts if a is not None), Decimal(0)) + Decimal(
            str(outside[column].value)
        )
        budget = json.loads(run("budget", "--year", str(year), "--format", "json", data=SHIPPED).stdout)
        assert summed == Decimal(budget["total"]), year
    assert header[7:-1] == ["2020", "2021", "2022", "2024"]


def test_every_sheet_wraps_its_text_in_rows_high_enough_and_keeps_its_header_on_one_line(
    workbook: openpyxl.Workbook,
) -> None:
    """What prints: a header as wide as its column allows on one line, every text wrapped in its column in a row
    high enough for its lines (Calc keeps the height a file gives), and the Begroting at 100% on A4 landscape:
    its columns together within the page's 145 characters."""
    from wawtool.render.xlsx import LINE_HEIGHT, header_width, text_lines

    for sheet in workbook.worksheets:
        widths = {k: d.width for k, d in sheet.column_dimensions.items()}
        for cell in sheet[1]:
            if cell.value is not None:
                assert not cell.alignment.wrap_text and widths[cell.column_letter] >= header_width(cell.value)
        for row in sheet.iter_rows(min_row=2):
            texts = [c for c in row if c.data_type == "s" and c.value]
            assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in texts), sheet.title
            lines = max([text_lines(c.value, widths.get(c.column_letter, 8.43), c.font.b) for c in texts] or [1])
            height = sheet.row_dimensions[row[0].row].height
            assert lines == 1 or height >= lines * LINE_HEIGHT, (sheet.title, row[0].row)
        assert sheet.oddHeader.left.text == "&A"  # the sheet's name above each page
    assert sum(workbook["Begroting 2024"].column_dimensions[c].width for c in "ABCDEF") <= 145


def test_text_that_looks_like_a_formula_stays_text(minimal: Path, tmp_path: Path) -> None:
    alpha = minimal / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("name: Alpha", 'name: \'=HYPERLINK("http://evil","klik")\''))
    beta = minimal / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("name: Beta", "name: '@SUM(A1:A2)'"))
    target = tmp_path / "out.xlsx"
    assert run("export", "-o", target, data=minimal).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Projecten"]
    names = {row[1].value: row[1].data_type for row in sheet.iter_rows(min_row=2) if row[0].value}
    assert names == {'=HYPERLINK("http://evil","klik")': "s", "@SUM(A1:A2)": "s"}


def test_export_refuses_the_data_directory_and_other_suffixes(shipped_copy: Path) -> None:
    before = snapshot(shipped_copy)
    inside = run("export", "-o", shipped_copy / "waw.xlsx", data=shipped_copy)
    assert inside.exit_code == 2 and "never writes there" in inside.output
    assert run("export", "-o", shipped_copy.parent / "waw.csv", data=shipped_copy).exit_code == 2
    assert snapshot(shipped_copy) == before


def _soffice_csv(source: Path, sheet: int) -> str:
    """The sheet as CSV from LibreOffice (UTF-8, comma, double quotes), as a user converting it would see it."""
    out = source.parent / f"csv-{sheet}"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{source.parent}/lo-profile",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (converted,) = out.glob("*.csv")
    return converted.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_workbook_and_keeps_text_as_text(minimal: Path, tmp_path: Path) -> None:
    alpha = minimal / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("name: Alpha", "name: '=1+1'"))
    source = tmp_path / "waw.xlsx"
    assert run("export", "-o", source, data=minimal).exit_code == 0
    budget = _soffice_csv(source, 1)
    assert "Coördinatie" in budget and "100.5" in budget
    projects = _soffice_csv(source, 4)
    assert "alpha,=1+1," in projects  # shown as typed, never calculated to 2


@pytest.mark.parametrize(("dialect", "delimiter"), [("nl", ";"), ("rfc4180", ",")])
def test_csv_never_turns_text_into_a_formula(minimal: Path, tmp_path: Path, dialect: str, delimiter: str) -> None:
    import csv

    alpha = minimal / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("name: Alpha", "name: '=1+1'"))
    programmes = minimal / "programmes.yaml"
    programmes.write_text(programmes.read_text().replace("description: Coördinatie", "description: '@SUM(A1)'"))
    out = tmp_path / "csv"
    result = run("budget", "--year", "2023", "--format", "csv", "--csv-dialect", dialect, "-o", out, data=minimal)
    assert result.exit_code == 0, result.output
    cells = [
        cell
        for path in sorted(out.glob("*.csv"))
        for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=delimiter)
        for cell in row
    ]
    assert "'=1+1 (voorwaardelijk)" in cells and "'@SUM(A1)" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]
    assert "-" not in "".join(cell[:1] for cell in cells)  # no amount here is negative


def test_atomic_write_leaves_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from wawtool.files import WriteError, write_atomic

    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(WriteError, match=f"cannot write {target}: no space left on the device"):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_a_year_with_realisatie_gets_its_sheet_with_formulas(realised: Path, tmp_path: Path) -> None:
    target = tmp_path / "waw.xlsx"
    result = run("export", "-o", target, "--year", "2021", data=realised)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    sheet = book["Realisatie 2021"]
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=2) if r[1].value}
    alpha = rows["Alpha"]
    assert (alpha[2].value, alpha[3].value) == (400, 350) and alpha[4].value.startswith("=IF(")
    total = next(r for label, r in rows.items() if label.startswith("Totaal"))
    assert total[2].value == f"=SUM(C2:C{total[0].row - 1})" and total[1].value == "Totaal (definitief)"
    assert "Begroting 2021" in book.sheetnames and sheet.page_setup.orientation == "landscape"


def test_a_year_without_realisatie_has_no_realisatie_sheet(workbook: openpyxl.Workbook) -> None:
    assert not any(name.startswith("Realisatie") for name in workbook.sheetnames)
