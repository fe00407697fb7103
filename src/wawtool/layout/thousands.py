"""Tables in thousands of euros, as municipal documents print them: the unit said once (`Bedragen × € 1.000`),
every amount rounded half up from its exact value, and a note wherever the rounded figures of a total's rows do
not add up to the rounded total. Over any Table, so a new table gets it by saying which rows are totals.

The cells keep their exact amounts (a renderer that writes numbers, CSV, still writes them); only the display
changes. A check's difference (`MoneyCell.exact`) stays to the cent: rounded away, a verdict would have no cause.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .dutch import THOUSANDS_UNIT, money_text, thousands
from .table import Cell, FigureCell, MoneyCell, Sum, Table


def in_thousands(tables: list[Table]) -> list[Table]:
    """Every table with an amount in it, in thousands; a table without one as it is."""
    return [_table(t) for t in tables]


def _table(table: Table) -> Table:
    if not any(_scaled(cell) for row in table.all_rows for cell in row):
        return table
    return replace(
        table,
        rows=[[_cell(c) for c in row] for row in table.rows],
        footer=[[_cell(c) for c in row] for row in table.footer],
        notes=[*table.notes, *rounding_notes(table)],
        unit=THOUSANDS_UNIT,
    )


def _scaled(cell: Cell) -> bool:
    return (isinstance(cell, MoneyCell) and not cell.exact) or (isinstance(cell, FigureCell) and cell.money)


def _cell(cell: Cell) -> Cell:
    if isinstance(cell, MoneyCell | FigureCell) and _scaled(cell):
        return replace(cell, thousands=True)
    return cell


def _known(cell: Cell) -> bool:
    return isinstance(cell, MoneyCell) and cell.amount is not None and not cell.exact


def rounding_notes(table: Table) -> list[str]:
    """For each total and each money column it adds up: a note where the rounded rows add up to another figure
    than the rounded total, naming the total and both figures. A column with an unknown amount among them says
    nothing (its exact total does not add up either)."""
    rows = table.all_rows
    notes = []
    for total in table.sums:
        columns = [i for i in range(len(table.columns)) if _known(rows[total.total][i])]
        checked = [i for i in columns if all(_known(rows[p][i]) for p in total.parts)]
        for column in checked:
            note = _note(table, total, column, named=len(columns) > 1)
            if note:
                notes.append(note)
    return notes


def _note(table: Table, total: Sum, column: int, named: bool) -> str | None:
    rows = table.all_rows
    cell = rows[total.total][column]
    parts = [rows[p][column] for p in total.parts]
    assert isinstance(cell, MoneyCell) and cell.amount is not None
    added = sum((thousands(p.amount) for p in parts if isinstance(p, MoneyCell) and p.amount is not None), Decimal(0))
    if added == thousands(cell.amount):
        return None
    plain = replace(cell, thousands=True, approximate=False, derived=False, partly_unknown=False, remark=None)
    where = f"{total.name}, {table.columns[column]}" if named else total.name
    lines, exact = replace(plain, amount=added * 1000), replace(plain, thousands=False, whole=False)
    return (
        f"Afrondingsverschil bij {where}: de afgeronde regels tellen op tot {money_text(lines)}, "
        f"het afgeronde totaal is {money_text(plain)} (exact {money_text(exact)})."
    )
