"""Excel as a format: cells with real numbers and euro formats, never a formula from text, and sheets that
print on A4. What a sheet shows is decided by the workbooks in exchange/."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..layout.dutch import UNKNOWN_LABEL

EURO = '"€" #,##0.00;"€" -#,##0.00'
EURO_APPROXIMATE = '"ca. €" #,##0;"ca. €" -#,##0'  # an approximate amount in whole euros: `ca. € 245.205`
# In thousands of euros the cell keeps its exact amount (formulas add exact figures) and the format scales it:
# the comma after the last digit divides by 1.000 in Excel and LibreOffice alike, rounding half away from zero.
EURO_THOUSANDS = "#,##0,;-#,##0,"
EURO_APPROXIMATE_THOUSANDS = '"ca. "#,##0,;"ca. "-#,##0,'
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
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # a workbook cannot hold them; openpyxl would raise
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format


WRAP = Alignment(wrap_text=True, vertical="top")


def header(ws: Worksheet, columns: list[str], widths: list[int]) -> None:
    for index, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        set_cell(ws, 1, index, name)
        ws.cell(row=1, column=index).font = BOLD
        ws.cell(row=1, column=index).alignment = WRAP  # a long header wraps, never runs off its column
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def autofilter(ws: Worksheet) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"


def formula_row(ws: Worksheet, row: int, group: str, label: str, amount: object, number_format: str = EURO) -> None:
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


def worded(number_format: str, words: str) -> str:
    return f'"{words} "{number_format}' if words else number_format


def printable(ws: Worksheet, footer: str) -> None:
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


def workbook_bytes(build: Sequence[tuple[str, Callable[[Worksheet], None]]], title: str, created: dt.datetime) -> bytes:
    """Assemble the sheets in order and return the .xlsx bytes, so the caller can write them atomically."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for _, filler in build:
        sheet = workbook.create_sheet()
        filler(sheet)
        printable(sheet, f"{title} (waw, {created:%Y-%m-%d})")
    workbook.properties.title = title
    workbook.properties.creator = "waw"
    workbook.properties.created = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
