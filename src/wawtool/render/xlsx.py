"""Excel workbooks from the report objects: real numbers with euro formats, never formulas from text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..fmt import LIGHT_LABEL, UNKNOWN_LABEL, euro
from ..monitor_reports import StatusReport, StatusRow
from ..reports import BudgetReport

EURO = '"€" #,##0.00;"€" -#,##0.00'
EURO_WHOLE = '"€" #,##0;"€" -#,##0'
PERCENT = '0.0"%"'
NUMBER = "#,##0.##"
FILLS = {
    "groen": PatternFill("solid", fgColor="C6EFCE"),
    "oranje": PatternFill("solid", fgColor="FFEB9C"),
    "rood": PatternFill("solid", fgColor="FFC7CE"),
}
BOLD = Font(bold=True)
FORMULA_START = ("=", "+", "-", "@")


def set_cell(ws: Worksheet, row: int, column: int, value: object, number_format: str | None = None) -> None:
    """Numbers as numbers; text that a spreadsheet would run as a formula stays text."""
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() and number_format != EURO else float(value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format


def _header(ws: Worksheet, columns: list[str], widths: list[int]) -> None:
    for index, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        set_cell(ws, 1, index, name)
        ws.cell(row=1, column=index).font = BOLD
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def _filter(ws: Worksheet) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"


def budget_sheet(ws: Worksheet, report: BudgetReport) -> None:
    ws.title = f"Begroting {report.year}"
    _header(ws, ["Groep", "Post", "Project", "Bedrag", "Voorwaarde", "Bron"], [14, 48, 26, 16, 60, 60])
    row = 2
    for group in report.groups:
        for line in group.lines:
            for column, value in enumerate(
                [group.name, line.label, line.project or "", line.amount, line.condition or "", line.source], start=1
            ):
                set_cell(ws, row, column, value, EURO if column == 4 else None)
            row += 1
    _filter(ws)
    for label, amount in (
        ("Totaal uitgaven", report.total),
        ("Beschikbaar", report.available),
        ("Ruimte", report.headroom),
    ):
        set_cell(ws, row, 2, label)
        ws.cell(row=row, column=2).font = BOLD
        if amount is None:
            set_cell(ws, row, 4, "onbekend")
        else:
            set_cell(ws, row, 4, amount, EURO)
        row += 1


def monitor_sheet(ws: Worksheet, report: StatusReport, category_names: dict[str | None, str]) -> None:
    ws.title = f"Monitor {report.quarter}"
    columns = [
        "Categorie",
        "Project",
        "Indicator",
        "Doel",
        "Resultaat",
        "% van doel naar rato",
        "Licht",
        "Handmatig",
        "Toelichting",
    ]
    _header(ws, columns, [24, 44, 34, 10, 12, 12, 18, 11, 60])
    for row_number, row in enumerate(report.rows, start=2):
        _monitor_row(ws, row_number, row, category_names)
    _filter(ws)


def _monitor_row(ws: Worksheet, number: int, row: StatusRow, names: dict[str | None, str]) -> None:
    percent = row.unit == "percent"
    values: list[tuple[object, str | None]] = [
        (names.get(row.category, "Niet ingedeeld"), None),
        (row.project_name, None),
        (row.indicator_name or "", None),
        (row.target.value if row.target and row.target.value is not None else None, PERCENT if percent else NUMBER),
        (row.result.value if row.result and row.result.value is not None else None, PERCENT if percent else NUMBER),
        (row.share, PERCENT),
        (LIGHT_LABEL[row.state.value], None),
        ("ja" if row.manual else "nee", None),
        ("; ".join(p for p in (row.reason if row.manual else None, row.text) if p), None),
    ]
    for column, (value, number_format) in enumerate(values, start=1):
        set_cell(ws, number, column, value, number_format if value is not None else None)
    if row.state.value in FILLS:
        ws.cell(row=number, column=7).fill = FILLS[row.state.value]


def chart_sheet(ws: Worksheet, report: StatusReport, category_names: dict[str | None, str]) -> None:
    """Per category: the pro-rata targets and the results of the counted rows that have both."""
    ws.title = "Grafiek"
    _header(ws, ["Categorie", "Doel naar rato (aantallen)", "Resultaat (aantallen)"], [28, 26, 22])
    totals: dict[str, list[Decimal]] = {}
    for row in report.rows:
        if row.unit == "count" and row.expected is not None and row.result and row.result.value is not None:
            pair = totals.setdefault(category_names.get(row.category, "Niet ingedeeld"), [Decimal(0), Decimal(0)])
            pair[0] += row.expected
            pair[1] += row.result.value
    for number, (name, (expected, result)) in enumerate(totals.items(), start=2):
        set_cell(ws, number, 1, name)
        set_cell(ws, number, 2, expected.quantize(Decimal("0.1")), NUMBER)
        set_cell(ws, number, 3, result, NUMBER)
    chart = BarChart()
    chart.type = "col"
    chart.title = f"Doel naar rato en resultaat per categorie, {report.quarter}"
    chart.y_axis.title = "Aantal"
    last = max(len(totals) + 1, 2)
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    chart.width, chart.height = 22, 11
    ws.add_chart(chart, "E2")


def projects_sheet(ws: Worksheet, rows: Iterable[dict[str, object]], years: list[int]) -> None:
    ws.title = "Projecten"
    columns = ["Id", "Project", "Programma", "Categorie", "Status", "Start", "Einde", *map(str, years), "Niet per jaar"]
    _header(ws, columns, [26, 44, 11, 24, 11, 9, 9, *[14] * len(years), 60])
    for number, project in enumerate(rows, start=2):
        fixed = [
            project["id"],
            project["name"],
            project["programme"],
            project["category"],
            STATUS_LABEL.get(str(project["status"]), project["status"]),
            project["start"],
            project["end"],
        ]
        for column, value in enumerate(fixed, start=1):
            set_cell(ws, number, column, value)
        per_year = project["per_year"]
        assert isinstance(per_year, dict)
        for offset, year in enumerate(years):
            amount = per_year.get(year)
            if amount is not None:
                set_cell(ws, number, len(fixed) + 1 + offset, amount, EURO)
        set_cell(ws, number, len(fixed) + len(years) + 1, _other_lines(project["other_lines"]))
    _filter(ws)


STATUS_LABEL = {
    "planned": "gepland",
    "running": "lopend",
    "on_hold": "on hold",
    "stopped": "gestopt",
    "completed": "afgerond",
}


def _other_lines(lines: object) -> str:
    """Amounts that belong to no single year, in words: `Uitvoeringskosten 2021-2022: € 557.000`."""
    assert isinstance(lines, list)
    parts = []
    for line in lines:
        span = line["years"]
        years = f"{span[0]}-{span[-1]}" if len(span) > 1 else str(span[0])
        amount = euro(line["amount"]) if line["amount"] is not None else UNKNOWN_LABEL
        parts.append(f"{line['label']} {years}: {amount}")
    return "; ".join(parts)


def workbook_bytes(build: list[tuple[str, object]], title: str, created: dt.datetime) -> bytes:
    """Assemble the sheets in order and return the .xlsx bytes, so the caller can write them atomically."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for _, filler in build:
        sheet = workbook.create_sheet()
        filler(sheet)  # type: ignore[operator]
    workbook.properties.title = title
    workbook.properties.creator = "waw"
    workbook.properties.created = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
