"""A cell as a spreadsheet takes it: the number on its own, and in words beside it what the terminal writes
around the number (`ca.`, `± € 50.000`, `voorlopig`, `ruim`, `onbekend`); lights and verdicts as the words a
user says (`groen`, `geen gegevens`, `voldoet niet`), without the shapes that stand beside them on a screen.

The words are the layout's (`layout/dutch.py`); the CSV renderer only places them."""

from __future__ import annotations

from decimal import Decimal

from ..figures import Figure
from .dutch import LIGHT_LABEL, QUALIFIER_LABEL, UNKNOWN_LABEL, VERDICT_LABEL, euro
from .table import Cell, CountCell, FigureCell, LightCell, MoneyCell, VerdictCell

PRECISION_COLUMN = "{} (precisie)"
"""The column beside a column of figures: `Bedrag (precisie)` holds `ca. ± € 50.000`, `voorlopig`, `onbekend`."""

# "● groen" is "groen", "○ geen gegevens" is "geen gegevens": the words the terminal shows after the shape
LIGHT_WORD = {state: label.split(" ", 1)[1] for state, label in LIGHT_LABEL.items()}
VERDICT_WORD = {verdict: label.split(" ", 1)[1] for verdict, label in VERDICT_LABEL.items()}


def is_figure(cell: Cell) -> bool:
    """A cell with a number a spreadsheet can compute with (and words on its precision)."""
    return isinstance(cell, MoneyCell | FigureCell | CountCell)


def number_of(cell: Cell) -> Decimal | None:
    """The number itself, exact as the report holds it; None where it is unknown (never 0)."""
    if isinstance(cell, MoneyCell):
        return cell.amount
    if isinstance(cell, CountCell):
        return cell.value
    if isinstance(cell, FigureCell):
        if cell.figure.bound == "min" and cell.figure.value == 0 and not cell.figure.qualifier:
            return None  # all that is known is that it is not negative: `onbekend (≥ € 0)`
        return cell.figure.value
    return None


def precision_words(cell: Cell) -> str:
    """What is known of the number's precision, in the terminal's words; empty for an exact figure."""
    if isinstance(cell, MoneyCell):
        if cell.amount is None:
            return UNKNOWN_LABEL
        # "plus onbekend", the terminal's "+ onbekend": a cell that starts with `+` would be a formula
        parts = ["ca." if cell.approximate else "", "plus onbekend" if cell.partly_unknown else ""]
        parts += ["afgeleid" if cell.derived else "", cell.remark or ""]
        return ", ".join(p for p in parts if p)
    if isinstance(cell, CountCell):
        if cell.value is None:
            return UNKNOWN_LABEL
        return QUALIFIER_LABEL[cell.qualifier] if cell.qualifier else ""
    if isinstance(cell, FigureCell):
        words = _figure_words(cell.figure, money=cell.money)
        return (
            f"{words}, plus onbekend"
            if cell.partly_unknown and words
            else words or ("plus onbekend" if cell.partly_unknown else "")
        )
    return ""


def _figure_words(figure: Figure, *, money: bool) -> str:
    if figure.value is None:
        return UNKNOWN_LABEL
    if figure.bound == "min" and figure.value == 0 and not figure.qualifier:
        return f"{UNKNOWN_LABEL} (≥ {euro(figure.value) if money else 0})"
    if figure.qualifier:
        head = [QUALIFIER_LABEL.get(figure.qualifier, figure.qualifier)]
    else:
        head = [{"min": "minimaal", "max": "maximaal", None: ""}[figure.bound], "ca." if figure.approximate else ""]
    if figure.margin:
        head.append(f"± {euro(figure.margin, whole=True) if money else figure.margin}")
    if figure.margin and not figure.qualifier and not figure.approximate:
        head.insert(0, "ca.")  # a margin is an approximation, whatever else is said
    words = [" ".join(p for p in head if p), "voorlopig" if figure.provisional else ""]
    return ", ".join(w for w in [*words, "afgeleid" if figure.derived_from else ""] if w)


def plain_words(cell: Cell) -> str:
    """A light or a verdict as a word: `groen`, `geen gegevens (handmatig)`, `voldoet niet`."""
    if isinstance(cell, LightCell):
        return LIGHT_WORD[cell.state] + (" (handmatig)" if cell.manual else "")
    if isinstance(cell, VerdictCell):
        return VERDICT_WORD[cell.verdict]
    return "" if cell is None else str(cell)
