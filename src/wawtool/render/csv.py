"""CSV from neutral Tables: plain decimals with a point, an empty cell for unknown, formulas never run."""

from __future__ import annotations

import csv
import io

from ..layout.dutch import QUALIFIER_LABEL, UNKNOWN_LABEL
from ..layout.table import Cell, CountCell, FigureCell, LightCell, MoneyCell, Table, VerdictCell


def _csv_value(cell: Cell) -> str:
    """Machine-readable: plain decimals with a point, an empty cell for unknown."""
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for table in tables:
        writer.writerow(["table", *table.columns])
        for row in [*table.rows, *table.footer]:
            writer.writerow([table.title, *(_guard(_csv_value(c)) for c in row)])
    return buffer.getvalue()


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
