"""CSV from neutral Tables, one table a file, in the dialect a spreadsheet reads.

`nl` is what Excel and LibreOffice in Dutch open by a double click: `;` between fields, a decimal comma
(`1054795,25`, no thousands separator, so the cell is a number a spreadsheet can sum), UTF-8 with a byte-order
mark (without it Excel reads `coÃ¶rdinatie`). `rfc4180` is the plain form for programs: `,` and a decimal
point, no mark. Both end every line in CRLF, as RFC 4180 says.

A column of figures keeps only numbers; what the terminal writes around a number (`ca.`, `± € 50.000`,
`voorlopig`, `ruim`, `onbekend`) goes in the column beside it, `Bedrag (precisie)`. An unknown is an empty
number, never 0. A count or percentage whose unit varies by row (a monitor's target or result) keeps its `%`
(`80%`, which a spreadsheet reads as 0,8); a column of shares has its `%` in the header. Text that a
spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from ..layout.cells import PRECISION_COLUMN, is_figure, number_of, plain_words, precision_words
from ..layout.dutch import OUTCOME_COLUMN, outcome_word
from ..layout.table import Cell, CountCell, MoneyCell, Table


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str
    bom: bool


DIALECTS = {"nl": Dialect(";", ",", bom=True), "rfc4180": Dialect(",", ".", bom=False)}


def csv_files(tables: list[Table], dialect: str) -> dict[str, bytes]:
    """Each table as its own file, `begroting.csv`; a table without a name is named after its title."""
    files: dict[str, bytes] = {}
    for table in tables:
        name = table_name(table)
        files[f"{name}.csv" if f"{name}.csv" not in files else f"{name}-{len(files) + 1}.csv"] = to_csv(table, dialect)
    return files


def table_name(table: Table) -> str:
    return table.name or re.sub(r"[^a-z0-9]+", "-", table.title.lower()).strip("-") or "tabel"


def to_csv(table: Table, dialect: str) -> bytes:
    """One table: its header, its rows and its footer rows, in `dialect` (`nl` or `rfc4180`)."""
    chosen = DIALECTS[dialect]
    body = [*table.rows, *table.footer]
    figures = {i for i in table.numeric if any(is_figure(row[i]) for row in body)}
    # a difference between begroting and realisatie: its signed number, and voordeel or nadeel in a column beside
    worded = {i for row in body for i, c in enumerate(row) if isinstance(c, MoneyCell) and c.outcome}
    header: list[str] = []
    for index, column in enumerate(table.columns):
        header += [column, PRECISION_COLUMN.format(column)] if index in figures else [column]
        header += [f"{column} ({OUTCOME_COLUMN})"] if index in worded else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=chosen.delimiter, lineterminator="\r\n")
    writer.writerow([_guard(h, chosen) for h in header])
    for row in body:
        cells: list[str] = []
        for index, cell in enumerate(row):
            if index in figures:  # a text among the figures (`€ 0 (geen boekingen)`) is kept beside them
                words = precision_words(cell) if is_figure(cell) else plain_words(cell)
                cells += [_number(cell, chosen), _guard(words, chosen)]
            else:
                cells.append(_number(cell, chosen) if is_figure(cell) else _guard(plain_words(cell), chosen))
            if index in worded:
                cells.append(outcome_word(cell) if isinstance(cell, MoneyCell) else "")
        writer.writerow(cells)
    return ("\ufeff" if chosen.bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def _number(cell: Cell, dialect: Dialect) -> str:
    """The exact number in the dialect's notation, never with exponent or thousands separator; empty if unknown."""
    value = number_of(cell)
    if value is None:
        return ""
    text = format(value, "f").replace(".", dialect.decimal)
    unit = isinstance(cell, CountCell) and cell.percent
    return text + "%" if unit else text


def _guard(text: str, dialect: Dialect) -> str:
    """A text cell that a spreadsheet would run as a formula is written as text, also where a tab, a carriage
    return or spaces come before the `=` (OWASP's CSV-injection guidance)."""
    first = text.lstrip(" \t\r\n")[:1]
    if text[:1] in ("\t", "\r") or first in ("=", "+", "@") or (first == "-" and not _is_number(text, dialect)):
        return "'" + text
    return text


def _is_number(text: str, dialect: Dialect) -> bool:
    return re.fullmatch(rf"-[0-9]+({re.escape(dialect.decimal)}[0-9]+)?%?", text.strip()) is not None
