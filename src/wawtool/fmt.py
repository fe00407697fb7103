"""Dutch display of amounts and verdicts, shared by every text renderer."""

from __future__ import annotations

from decimal import Decimal

from .budget import Verdict
from .money import whole_euros
from .table import Cell, MoneyCell, VerdictCell

UNKNOWN_LABEL = "onbekend"
VERDICT_LABEL = {
    Verdict.PASS: "✔ voldoet",
    Verdict.FAIL: "✘ voldoet niet",
    Verdict.UNKNOWN: "? niet te toetsen",
}


def euro(amount: Decimal, *, whole: bool = False) -> str:
    """`€ 1.054.795` or `€ 50.455,25`: cents only where there are cents, or never when `whole`."""
    from babel.numbers import format_decimal

    if whole or amount == amount.to_integral_value():
        text = format_decimal(whole_euros(abs(amount)), format="#,##0", locale="nl_NL")
    else:
        text = format_decimal(abs(amount), format="#,##0.00", locale="nl_NL")
    return f"€ {'-' if amount < 0 else ''}{text}"


def money_text(cell: MoneyCell) -> str:
    if cell.amount is None:
        return UNKNOWN_LABEL
    text = euro(cell.amount, whole=cell.whole)
    if cell.approximate:
        text = f"ca. {text}"
    if cell.partly_unknown:
        text = f"{text} + onbekend"
    if cell.derived:
        text = f"{text} (afgeleid)"
    return text


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, MoneyCell):
        return money_text(cell)
    if isinstance(cell, VerdictCell):
        return VERDICT_LABEL[cell.verdict]
    return str(cell)
