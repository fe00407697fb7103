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
# Arial, not openpyxl's Calibri: LibreOffice has Arial's metrics (Liberation Sans) where it lacks Calibri's, so a
# column as wide as its text in Excel is as wide in Calc, and a sheet sized to print at 100% does so in both.
BODY = Font(name="Arial", size=10)
BOLD = Font(name="Arial", size=10, bold=True)
LINE_HEIGHT = 12.75  # points: a line of Arial 10, as Excel and Calc space wrapped text
MARGIN = 0.3  # inches left and right of a page: A4 landscape then holds about 145 characters of column width
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
TOP = Alignment(vertical="top")


def header(ws: Worksheet, columns: list[str], widths: list[int]) -> None:
    """The header row, bold and on one line: a column is at least as wide as its header."""
    for index, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        set_cell(ws, 1, index, name)
        ws.cell(row=1, column=index).font = BOLD
        ws.column_dimensions[get_column_letter(index)].width = max(width, header_width(name))
    ws.freeze_panes = "A2"


# Arial's advance widths in thousandths of an em (Liberation Sans has the same), by character; any other
# character, a light's shape among them, counts as a whole em.
_WIDTHS = {
    **dict.fromkeys(" !,./:;I[\\]fijlt|", 278),
    **dict.fromkeys("ijl", 222),
    **dict.fromkeys("'", 191),
    **dict.fromkeys("()-r`", 333),
    **dict.fromkeys("*", 389),
    **dict.fromkeys('"', 355),
    **dict.fromkeys("J", 500),
    **dict.fromkeys("cksvxyz", 500),
    **dict.fromkeys("#$0123456789?_abdeghnopqu€", 556),
    **dict.fromkeys("+<=>~", 584),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("&ABEKPSVXY", 667),
    **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("Mm", 833),
    **dict.fromkeys("%", 889),
    **dict.fromkeys("W", 944),
    **dict.fromkeys("@", 1015),
}
_EM = 10 * 96 / 72  # pixels of an em of a 10 pt font, in the 96 dpi a column's width is counted in


def header_width(name: str) -> int:
    """The least width, in characters, in which a bold header prints on one line."""
    return int((text_pixels(name, bold=True) + 8 - 5) / 7) + 1


def text_pixels(text: str, bold: bool = False) -> float:
    """How wide a text prints in Arial 10, in pixels; bold is about 8% wider."""
    import unicodedata

    base = unicodedata.normalize("NFD", text)  # an accented letter as wide as its letter
    width = sum(_WIDTHS.get(c, 1000) for c in base if not unicodedata.combining(c)) * _EM / 1000
    return width * (1.08 if bold else 1.0)


def column_pixels(width: float) -> float:
    """The room for text in a column `width` characters wide: 7 pixels a character and 5 of padding, less the
    cell's own margins and a little to spare."""
    return width * 7 + 5 - 8


def text_lines(text: str, width: float, bold: bool = False) -> int:
    """The lines a text takes wrapped at its spaces in a column `width` characters wide (a word wider than the
    column is broken, as Excel and Calc break it)."""
    room = column_pixels(width)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = text_pixels(word, bold)
            if used and used + text_pixels(" ") + size > room:
                lines += 1
                used = 0.0
            if size > room:
                lines += int(size // room)
                size %= room
            used += size + (text_pixels(" ") if used else 0.0)
    return lines


def wrap_rows(ws: Worksheet, first: int = 2) -> None:
    """Text wraps within its column and every cell sits at the top of its row; a row with wrapped text is as high
    as its longest cell (Calc keeps a row's height as the file gives it, so the height is written)."""
    widths = {letter: dimension.width for letter, dimension in ws.column_dimensions.items()}
    for row in ws.iter_rows(min_row=first):
        lines = 1
        for cell in row:
            if cell.value is None:
                continue
            if cell.data_type == "s":
                cell.alignment = WRAP
                width = widths.get(cell.column_letter) or 8.43
                lines = max(lines, text_lines(str(cell.value), width, bool(cell.font.bold)))
            else:
                cell.alignment = TOP
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * LINE_HEIGHT + 2


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
    """A4 landscape with narrow side margins, the sheet's name above every page, the header row on every page,
    and the source and date in the footer. The columns are sized to fit the page at 100%; fitting to the page
    width stays as the guard that no column is ever put on a page of its own (a sheet too wide prints smaller,
    it is not cut)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left = ws.page_margins.right = MARGIN
    ws.oddHeader.left.text = "&A"
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
    _default_font(workbook)
    for _, filler in build:
        sheet = workbook.create_sheet()
        filler(sheet)
        wrap_rows(sheet)
        printable(sheet, f"{title} (waw, {created:%Y-%m-%d})")
    workbook.properties.title = title
    workbook.properties.creator = "waw"
    workbook.properties.created = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _default_font(workbook: Workbook) -> None:
    """Arial 10 as the workbook's default font (its Normal style and the font of every cell without one of its
    own), the font a column's width is measured in."""
    from openpyxl.utils.indexed_list import IndexedList

    workbook._fonts = IndexedList([BODY])  # noqa: SLF001 - openpyxl has no public way to change its default font
    workbook._named_styles["Normal"].font = BODY  # noqa: SLF001
