"""Spreadsheets as they really are, read for the imports: bounded before they are read, formulas refused,
Excel's binary-float artefacts taken back to the figure that was typed, and text that YAML would read
otherwise than a reviewer refused. Every problem names its cell."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..load.yaml_rules import BREAK_NAMES, HIDDEN_IN_VALUE, hidden_character

MAX_ROWS = 20_000  # a template or a ledger export of a year; a sheet that declares more is not read
MAX_NUMBER = Decimal(10_000_000)  # no count of participants comes near; an amount is bounded by money's own rule
MAX_DECIMALS = 2
_YAML_BREAK = re.compile("[\x85\u2028\u2029\r]")


class SheetError(Exception):
    """A workbook that cannot be read as an import: the message says why, the `where` which sheet or cell."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


def open_workbook(path: Path) -> tuple[Any, Any]:
    """The workbook twice, read-only: with the values Excel cached, and with the formulas as written, so a cell
    whose value a formula computes can be refused (its cached value may be stale)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        values = load_workbook(path, data_only=True, read_only=True)
        formulas = load_workbook(path, data_only=False, read_only=True)
    except (BadZipFile, KeyError, ValueError, TypeError) as exc:  # what openpyxl raises for a file that is no workbook
        raise SheetError("-", "not a readable .xlsx workbook") from exc
    return values, formulas


def bounded_rows(sheet: Any, formulas: Any, width: int, first: int = 2) -> Iterator[tuple[int, list[Any]]]:
    """Each row from `first` on, cut to `width` columns; a sheet that declares more rows than an import has is
    refused before a row is read (a 5 KB file can declare a million), and a formula cell is refused."""
    declared = sheet.max_row or 0
    if declared > MAX_ROWS:
        raise SheetError(f"{sheet.title}!A1", f"the sheet declares {declared} rows; an import has at most {MAX_ROWS}")
    formula_rows = formulas.iter_rows(min_row=first, max_col=width, max_row=min(declared, MAX_ROWS), values_only=True)
    value_rows = sheet.iter_rows(min_row=first, max_col=width, max_row=min(declared, MAX_ROWS), values_only=True)
    for number, (row, written) in enumerate(zip(value_rows, formula_rows, strict=False), start=first):
        for column, cell in enumerate(written, start=1):
            if isinstance(cell, str) and cell.startswith("="):
                raise SheetError(
                    f"{sheet.title}!{_letter(column)}{number}",
                    "a formula; type the figure itself (waw reads no formulas: their saved value can be stale)",
                )
        cells = list(row[:width])
        yield number, cells + [None] * (width - len(cells))


def typed_number(value: float) -> Decimal | None:
    """The figure a person typed, from the binary float Excel keeps: 0.30000000000000004 is 0.3. None where the
    float has more than two decimals that are not such an artefact."""
    exact = Decimal(repr(value))
    rounded = round(exact, MAX_DECIMALS)
    if abs(exact - rounded) <= Decimal("1e-9") * max(abs(exact), Decimal(1)):
        return rounded.to_integral_value() if rounded == rounded.to_integral_value() else rounded.normalize()
    return None


def text_problem(value: Any) -> str | None:
    """Text that would not read the same in the YAML it goes into, or in a review of it."""
    if not isinstance(value, str):
        return None
    odd = _YAML_BREAK.search(value)
    if odd:
        return f"character U+{ord(odd.group()):04X} ({BREAK_NAMES[ord(odd.group())]}) in a text: use a plain space"
    hidden = HIDDEN_IN_VALUE.search(value.replace("\n", " ").replace("\t", " "))
    if hidden:
        return f"{hidden_character(hidden.group())} in a text; remove it"
    return None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))
