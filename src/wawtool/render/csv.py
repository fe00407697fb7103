"""CSV from neutral Tables: plain decimals with a point, an empty cell for unknown, formulas never run."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from ..layout.dutch import OUTCOME_COLUMN, QUALIFIER_LABEL, UNKNOWN_LABEL, money_text, outcome_word
from ..layout.table import Cell, CountCell, FigureCell, LightCell, MoneyCell, Table, VerdictCell


def _csv_value(cell: Cell) -> str:
    """Machine-readable: plain decimals with a point, an empty cell for unknown."""
    if isinstance(cell, MoneyCell) and cell.remark:  # `€ 0 (geen boekingen)`: the words are the point
        return money_text(replace(cell, thousands=False, outcome=None))
    if isinstance(cell, MoneyCell):
        return "" if cell.amount is None else str(cell.amount)
    if isinstance(cell, FigureCell):
        return "" if cell.figure.value is None else str(cell.figure.value)
    if isinstance(cell, CountCell):  # the number as written, its word and unit kept: `ruim 1160`, `80%`, never `1.160`
        if cell.value is None:
            return UNKNOWN_LABEL
        number = f"{cell.value}%" if cell.percent else str(cell.value)
        return f"{QUALIFIER_LABEL[cell.qualifier]} {number}" if cell.qualifier else number
    if isinstance(cell, VerdictCell):
        return cell.verdict.value
    if isinstance(cell, LightCell):
        return cell.state + (" (handmatig)" if cell.manual else "")
    return "" if cell is None else str(cell)


def to_csv(tables: list[Table]) -> str:
    """A row per table row; a difference between begroting and realisatie is its signed exact number, with its
    word (voordeel, nadeel) in a column of its own right after it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for table in tables:
        worded = {i for row in table.all_rows for i, c in enumerate(row) if isinstance(c, MoneyCell) and c.outcome}
        columns = [name for i, column in enumerate(table.columns) for name in _with_word(i, column, worded)]
        writer.writerow(["table", *columns])
        for row in table.all_rows:
            cells = [value for i, cell in enumerate(row) for value in _values(i, cell, worded)]
            writer.writerow([table.title, *(_guard(c) for c in cells)])
    return buffer.getvalue()


def _with_word(index: int, column: str, worded: set[int]) -> list[str]:
    return [column, f"{column} ({OUTCOME_COLUMN})"] if index in worded else [column]


def _values(index: int, cell: Cell, worded: set[int]) -> list[str]:
    if index not in worded:
        return [_csv_value(cell)]
    return [_csv_value(cell), outcome_word(cell) if isinstance(cell, MoneyCell) else ""]


def _guard(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula is written as text, also where a tab, a carriage
    return or spaces come before the `=` (OWASP's CSV-injection guidance)."""
    first = text.lstrip(" \t\r\n")[:1]
    if first in ("=", "+", "@", "\t", "\r") or (first == "-" and not _is_number(text)) or text[:1] in ("\t", "\r"):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
