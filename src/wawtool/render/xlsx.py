"""Excel workbooks from the report objects: real numbers with euro formats, never formulas from text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..fmt import LIGHT_LABEL, QUALIFIER_LABEL, UNKNOWN_LABEL, euro
from ..fmt import PROJECT_STATUS_LABEL as STATUS_LABEL
from ..monitor_reports import Figure, StatusReport, StatusRow
from ..realisatie import RealisatieYear
from ..reports import BudgetReport

EURO = '"€" #,##0.00;"€" -#,##0.00'
EURO_WHOLE = '"€" #,##0;"€" -#,##0'
EURO_APPROXIMATE = '"ca. €" #,##0;"ca. €" -#,##0'  # an approximate amount in whole euros: `ca. € 245.205`
PERCENT = '0.0"%"'
NUMBER = "#,##0"
DECIMAL_NUMBER = "#,##0.0"  # "#,##0.##" leaves Excel showing `6.` for a whole number
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


WRAP = Alignment(wrap_text=True, vertical="top")


def _header(ws: Worksheet, columns: list[str], widths: list[int]) -> None:
    for index, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        set_cell(ws, 1, index, name)
        ws.cell(row=1, column=index).font = BOLD
        ws.cell(row=1, column=index).alignment = WRAP  # a long header wraps, never runs off its column
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def _filter(ws: Worksheet) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"


def budget_sheet(ws: Worksheet, report: BudgetReport) -> None:
    """Lines per group, each group's subtotal and the total as formulas over the lines they add up, so a
    controller who edits a line sees the totals move; the published total and the difference beside it."""
    ws.title = f"Begroting {report.year}"
    _header(ws, ["Groep", "Post", "Project", "Bedrag", "Voorwaarde", "Bron"], [14, 48, 26, 16, 60, 60])
    row = 2
    for group in report.groups:
        first = row
        for line in group.lines:
            for column, value in enumerate(
                [group.name, line.label, line.project or "", line.amount, line.condition or "", line.source], start=1
            ):
                set_cell(ws, row, column, value, EURO if column == 4 else None)
            if line.amount is None:
                set_cell(ws, row, 4, UNKNOWN_LABEL)  # text: SUBTOTAL leaves it out, as the report does
            row += 1
        _formula_row(ws, row, group.name, f"Subtotaal {group.name}", f"=SUBTOTAL(9,D{first}:D{row - 1})")
        row += 1
    last_line = row - 1
    total_row = row
    _formula_row(ws, row, "Totaal uitgaven", "Totaal uitgaven", f"=SUBTOTAL(9,D2:D{last_line})")
    row += 1
    if report.stated_total is not None:
        stated = report.stated_total.stated.amount
        _formula_row(ws, row, "Vermeld", report.stated_total.label, stated)
        _formula_row(ws, row + 1, "Verschil", "Totaal uitgaven min vermeld", f"=D{total_row}-D{row}")
        row += 2
    available_row = row
    approximate = EURO_APPROXIMATE if report.available_approximate else EURO
    _formula_row(ws, row, "Beschikbaar", report.available_quote or "Beschikbaar", report.available, approximate)
    row += 1
    headroom = f"=D{available_row}-D{total_row}" if report.available is not None else None
    label = "Beschikbaar min totaal uitgaven"
    if report.available_approximate:
        label += " (ca.: beschikbaar is bij benadering)"
    _formula_row(ws, row, "Ruimte", label, headroom, approximate)
    ws.auto_filter.ref = f"A1:F{last_line}"


def _formula_row(ws: Worksheet, row: int, group: str, label: str, amount: object, number_format: str = EURO) -> None:
    set_cell(ws, row, 1, group)
    set_cell(ws, row, 2, label)
    if amount is None:
        set_cell(ws, row, 4, UNKNOWN_LABEL)
    elif isinstance(amount, str):
        ws.cell(row=row, column=4, value=amount).number_format = number_format  # our formula, never the data's text
    else:
        set_cell(ws, row, 4, amount, number_format)
    for column in (1, 2, 4):
        ws.cell(row=row, column=column).font = BOLD


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
    _header(ws, columns, [24, 44, 34, 15, 15, 12, 18, 11, 60])  # `maximaal 12`, `meer dan 800`
    for row_number, row in enumerate(report.rows, start=2):
        _monitor_row(ws, row_number, row, category_names)
    _filter(ws)


def _figure(figure: Figure | None, percent: bool) -> tuple[object, str | None]:
    """A result or target as a number, its words (`ruim`, `minimaal`) in its number format: `ruim 80` stays a
    number that sorts and sums, and never reads as an exact 80."""
    if figure is None or figure.value is None:
        return None, None
    base = PERCENT if percent else NUMBER if figure.value == figure.value.to_integral_value() else DECIMAL_NUMBER
    words = QUALIFIER_LABEL.get(figure.qualifier, figure.qualifier) if figure.qualifier else ""
    return figure.value, _worded(base, words)


def _worded(number_format: str, words: str) -> str:
    return f'"{words} "{number_format}' if words else number_format


def _share_format(row: StatusRow) -> str:
    """A share computed from an approximate result says so: `≈ 85,3%`."""
    return _worded(PERCENT, "≈" if row.share_approximate else "")


def _monitor_row(ws: Worksheet, number: int, row: StatusRow, names: dict[str | None, str]) -> None:
    percent = row.unit == "percent"
    values: list[tuple[object, str | None]] = [
        (names.get(row.category, "Niet ingedeeld"), None),
        (row.project_name, None),
        (row.indicator_name or "", None),
        _figure(row.target, percent),
        _figure(row.result, percent),
        (row.share, _share_format(row)),
        (LIGHT_LABEL[row.state.value], None),
        ("ja" if row.manual else "nee", None),
        ("; ".join(p for p in (row.reason if row.manual else None, row.text) if p), None),
    ]
    for column, (value, number_format) in enumerate(values, start=1):
        set_cell(ws, number, column, value, number_format if value is not None else None)
    if row.state.value in FILLS:
        ws.cell(row=number, column=7).fill = FILLS[row.state.value]


def chart_sheet(ws: Worksheet, report: StatusReport, category_names: dict[str | None, str]) -> None:
    """Like with like: every project's result as a share of its own pro-rata target, one bar each, coloured by
    its light. Bars of different indicators are never added up; approximate shares say so in their label;
    unknown ones are listed, not drawn as zero."""
    from openpyxl.chart.marker import DataPoint

    ws.title = "Grafiek"
    drawn = [r for r in report.rows if r.share is not None]
    labels = [f"{r.project_name}: {r.indicator_name}" + (" (≈)" if r.share_approximate else "") for r in drawn]
    missing = [f"{r.project_name}: {r.indicator_name}" for r in report.rows if r.share is None and r.result]
    # as wide as its longest name: Calc does not grow a row for wrapped text, so the names do not wrap
    width = max([60, *map(len, labels + missing)])
    _header(ws, ["Project en indicator", "% van doel naar rato", "Licht"], [width, 20, 18])
    for number, (row, label) in enumerate(zip(drawn, labels, strict=True), start=2):
        set_cell(ws, number, 1, label)
        set_cell(ws, number, 2, row.share, _share_format(row))
        set_cell(ws, number, 3, LIGHT_LABEL[row.state.value])
    if missing:  # a row each: one long cell would make the sheet print at a fraction of its size
        set_cell(ws, len(drawn) + 3, 1, "Niet getekend (geen aandeel van een doel te berekenen):")
        ws.cell(row=len(drawn) + 3, column=1).font = BOLD
        for offset, name in enumerate(missing, start=len(drawn) + 4):
            set_cell(ws, offset, 1, name)
    chart = BarChart()
    chart.type = "bar"
    chart.title = f"Resultaat als % van het doel naar rato, {report.quarter}"
    chart.y_axis.title = "% van doel naar rato"  # a horizontal bar chart's value axis is its y axis
    chart.y_axis.number_format = '0"%"'  # its own, not the first bar's (which may say `≈`)
    chart.legend = None
    last = max(len(drawn) + 1, 2)
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    colours = {"groen": "63BE7B", "oranje": "FFC000", "rood": "E0524E"}
    series = chart.series[0]
    for index, row in enumerate(drawn):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = colours.get(row.state.value, "A6A6A6")
        series.dPt.append(point)
    chart.width, chart.height = 24, max(8, len(drawn) * 0.6)
    ws.add_chart(chart, "E2")


def realisatie_sheet(ws: Worksheet, realised: RealisatieYear | None) -> None:
    """Begroot, gerealiseerd, verschil and % besteed per line, with the difference and share as formulas."""
    assert realised is not None
    ws.title = f"Realisatie {realised.year}"
    columns = ["Groep", "Post", "Begroot", "Gerealiseerd", "Verschil", "% besteed", "Geen boekingen"]
    _header(ws, columns, [14, 48, 16, 16, 16, 12, 15])
    row = 2
    for group in realised.groups:
        for line in group.rows:
            set_cell(ws, row, 1, group.name)
            set_cell(ws, row, 2, line.label)
            for column, amount in ((3, line.budgeted), (4, line.spent)):
                set_cell(ws, row, column, amount if amount is not None else UNKNOWN_LABEL, EURO)
            ws.cell(row=row, column=5, value=f'=IF(AND(ISNUMBER(C{row}),ISNUMBER(D{row})),C{row}-D{row},"")')
            ws.cell(row=row, column=5).number_format = EURO
            share = f'=IF(AND(ISNUMBER(C{row}),ISNUMBER(D{row}),C{row}>0),D{row}/C{row}*100,"")'
            ws.cell(row=row, column=6, value=share).number_format = PERCENT
            set_cell(ws, row, 7, "" if line.recorded else "ja")
            row += 1
    last = row - 1
    _formula_row(
        ws, row, "Totaal", f"Totaal ({'definitief' if realised.status.value == 'final' else 'voorlopig'})", None
    )
    for column, letter in ((3, "C"), (4, "D")):
        ws.cell(row=row, column=column, value=f"=SUM({letter}2:{letter}{last})").number_format = EURO
    ws.cell(row=row, column=5, value=f"=C{row}-D{row}").number_format = EURO
    ws.cell(row=row, column=6, value=f'=IF(C{row}>0,D{row}/C{row}*100,"")').number_format = PERCENT
    set_cell(ws, row + 2, 1, f"Bron: {realised.source}")
    ws.auto_filter.ref = f"A1:G{last}"


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


def _other_lines(lines: object) -> str:
    """Amounts that belong to no single year, in words: `Uitvoeringskosten 2021-2022: € 557.000`."""
    assert isinstance(lines, list)
    parts = []
    for line in lines:
        span = line["years"]
        years = f"{span[0]}-{span[-1]}" if len(span) > 1 else str(span[0])
        amount = euro(line["amount"]) if line["amount"] is not None else UNKNOWN_LABEL
        if line.get("derived_from"):
            amount += f" (afgeleid: {line['derived_from']})"
        parts.append(f"{line['label']} {years}: {amount}")
    return "; ".join(parts)


def _printable(ws: Worksheet, footer: str) -> None:
    """A4 landscape, fitted to the page width (never a column on a page of its own), the header row on every
    page, and the source and date in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.oddFooter.left.text = footer.replace("&", "&&")
    ws.oddFooter.right.text = "Pagina &P van &N"


def workbook_bytes(build: list[tuple[str, object]], title: str, created: dt.datetime) -> bytes:
    """Assemble the sheets in order and return the .xlsx bytes, so the caller can write them atomically."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for _, filler in build:
        sheet = workbook.create_sheet()
        filler(sheet)  # type: ignore[operator]
        _printable(sheet, f"{title} (waw, {created:%Y-%m-%d})")
    workbook.properties.title = title
    workbook.properties.creator = "waw"
    workbook.properties.created = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
