"""Realised spending from what a financial administration exports (xlsx or csv), through the ledger-code
mapping in `data/realisatie/mapping.yaml`, into the YAML text of `data/realisatie/<year>.yaml`.

Every row is checked and located (`FILE!Sheet!C7` or `FILE:7`); on any problem nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..load.loader import Dataset
from ..load.yamlsource import parse_bytes
from ..models import RealisatieFile, RealisatieStatus, kind_of
from ..money import MoneyError, dutch_notation_hint, parse_money
from .sheets import SheetError, bounded_rows, open_workbook, text_problem, typed_number

CODE_HEADERS = ("kostenplaats", "code", "grootboek", "grootboekrekening", "kostensoort")
AMOUNT_HEADERS = ("bedrag", "amount", "saldo")
DESCRIPTION_HEADERS = ("omschrijving", "description")
# a number as a CSV writes it, in ASCII digits only (Decimal() would take '٥٥٧' as 557); parse_money checks the cents
_DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# and as Dutch Excel (and `waw --format csv`) writes it in a file of `;`: a decimal comma, no thousands separator.
# Only there: in a file of `,` a comma in a quoted amount is an English thousands separator ("1,234" is 1234).
_DECIMAL_COMMA = re.compile(r"^-?[0-9]+,[0-9]+$")


@dataclass(frozen=True)
class RowProblem:
    where: str  # `Sheet!C7` or `7`
    message: str

    def format(self, file_name: str) -> str:
        separator = "!" if "!" in self.where else ":"
        return f"{file_name}{separator}{self.where}: {self.message}"


@dataclass(frozen=True)
class Export:
    """What an export yields: the spent entries summed per line, how many rows were read, and their total."""

    entries: list[dict[str, Any]]
    rows: int
    total: Decimal


@dataclass(frozen=True)
class _Row:
    number: int
    where: str
    code_where: str
    amount_where: str
    code: Any
    amount: Any
    description: Any
    decimal_comma: bool = False  # a row of a CSV of `;`


def _header_index(header: list[Any], names: tuple[str, ...]) -> int | None:
    cleaned = [str(h).strip().lower() if h is not None else "" for h in header]
    return next((i for i, h in enumerate(cleaned) if h in names), None)


def _columns(header: list[Any]) -> tuple[int | None, int | None, int | None]:
    return (
        _header_index(header, CODE_HEADERS),
        _header_index(header, AMOUNT_HEADERS),
        _header_index(header, DESCRIPTION_HEADERS),
    )


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _rows_of(path: Path) -> tuple[list[_Row], list[RowProblem]]:
    """The export's rows with their places, or why the file cannot be read as an export."""
    if path.suffix.lower() == ".csv":
        return _csv_rows(path)
    try:
        workbook, formulas = open_workbook(path)
    except SheetError:
        return [], [RowProblem("-!-", "not a readable .xlsx workbook or .csv file")]
    sheet, written = workbook.worksheets[0], formulas.worksheets[0]
    try:
        width = min(sheet.max_column or 1, 64)  # an export has a few columns; a forged dimension is cut here
        table = [(number, values) for number, values in bounded_rows(sheet, written, width, first=1)]
    except SheetError as exc:
        return [], [RowProblem(exc.where, str(exc))]
    finally:
        workbook.close()
        formulas.close()
    if not table:
        return [], [RowProblem(f"{sheet.title}!A1", "the sheet is empty")]
    code, amount, description = _columns(table[0][1])
    if code is None or amount is None:
        return [], [RowProblem(f"{sheet.title}!A1", _missing_columns())]
    rows = []
    for number, values in table[1:]:
        rows.append(
            _Row(
                number,
                f"{sheet.title}!A{number}",
                f"{sheet.title}!{_letter(code)}{number}",
                f"{sheet.title}!{_letter(amount)}{number}",
                values[code],
                values[amount],
                values[description] if description is not None else None,
            )
        )
    return rows, []


def _csv_rows(path: Path) -> tuple[list[_Row], list[RowProblem]]:
    """A CSV export's rows, each named by the line it starts on (a quoted field may span lines)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowProblem("1", "not UTF-8 text; export the file as CSV UTF-8")]
    first = text.splitlines()[0] if text else ""
    try:
        dialect: Any = csv.Sniffer().sniff(first or ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or nothing to tell by: the columns check says what is missing
    decimal_comma = dialect.delimiter == ";"
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    table: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for values in reader:
            table.append((start, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        return [], [RowProblem(str(reader.line_num), f"not readable as CSV: {exc}")]
    if not table:
        return [], [RowProblem("1", "the file is empty")]
    code, amount, description = _columns(table[0][1])
    if code is None or amount is None:
        return [], [RowProblem("1", _missing_columns())]
    rows = []
    for number, values in table[1:]:
        cells = values + [""] * (max(code, amount, description or 0) + 1 - len(values))
        rows.append(
            _Row(
                number,
                str(number),
                str(number),
                str(number),
                cells[code].strip() or None,
                cells[amount].strip() or None,
                cells[description].strip() if description is not None else None,
                decimal_comma,
            )
        )
    return rows, []


def _filled(row: _Row) -> bool:
    return not all(v is None or (isinstance(v, str) and not v.strip()) for v in (row.code, row.amount, row.description))


def _missing_columns() -> str:
    return (
        f"the first row needs a column for the code ({', '.join(CODE_HEADERS)}) "
        f"and one for the amount ({', '.join(AMOUNT_HEADERS)})"
    )


def _amount(value: Any, decimal_comma: bool = False) -> Decimal | str:
    """Exact euros by the money module's rules (cents at most, finite, no absurd size), or the problem with it.
    An export writes amounts as text (CSV) or as numbers that Excel keeps as binary floats; a CSV of `;` may
    write them with a decimal comma (`1054795,25`)."""
    if isinstance(value, bool) or value is None:
        return f"expected an amount, got {kind_of(value)}"
    if isinstance(value, str):
        text = value.strip()
        if decimal_comma and _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
        if not _DECIMAL.match(text):
            return f"amount '{text}' is text, not a number{dutch_notation_hint(text)}"
        value = Decimal(text)  # too many decimals is the money module's to say, with its Dutch hint
    elif isinstance(value, float):
        typed = typed_number(value)  # 1234.5600000000001 is what Excel keeps of 1234.56
        if typed is None:
            return f"amount {value} has more than two decimals (sub-cent)"
        value = typed
    try:
        return parse_money(value, allow_negative=True)  # a credit booking is negative; the sum is checked
    except MoneyError as exc:
        return str(exc)


def read_export(path: Path, dataset: Dataset) -> tuple[Export | None, list[RowProblem]]:
    """The spent entries of the export, summed per project, line or cost line; or every problem found."""
    if dataset.mapping is None:
        return None, [RowProblem("-", "data/realisatie/mapping.yaml is missing: map the ledger codes first")]
    mapping = {c.code: c for c in dataset.mapping.model.codes}
    rows, problems = _rows_of(path)
    if not problems and not any(_filled(row) for row in rows):
        problems.append(RowProblem("2" if path.suffix.lower() == ".csv" else "-!A2", "the export has no bookings"))
    totals: dict[tuple[str | None, str | None, str | None], Decimal] = {}
    seen: dict[tuple[str, str, str], int] = {}
    counted = 0
    for row in rows:
        if not _filled(row):
            continue  # an empty row
        hidden = text_problem(row.description) or text_problem(row.code)
        if hidden:
            problems.append(RowProblem(row.where, hidden))
            continue
        code = str(row.code).strip() if row.code is not None else ""
        if isinstance(row.code, float) and row.code.is_integer():
            code = str(int(row.code))  # a code column Excel made numeric
        amount = _amount(row.amount, row.decimal_comma)
        before = len(problems)
        if not code:
            problems.append(RowProblem(row.code_where, "a row without a code"))
        elif code not in mapping:
            problems.append(RowProblem(row.code_where, f"code '{code}' is not mapped in data/realisatie/mapping.yaml"))
        if isinstance(amount, str):
            problems.append(RowProblem(row.amount_where, amount))
        key = (code, str(row.amount), str(row.description or ""))
        if key in seen:
            problems.append(
                RowProblem(row.where, f"the same code, amount and description as row {seen[key]}: a duplicated row?")
            )
        seen.setdefault(key, row.number)
        if len(problems) > before or isinstance(amount, str):
            continue
        target = mapping[code]
        target_key = (target.project, target.line, target.cost_line)
        totals[target_key] = totals.get(target_key, Decimal("0.00")) + amount
        counted += 1
    if problems:
        return None, problems
    entries = []
    for (project, line, cost_line), total in totals.items():
        if total < 0:
            problems.append(RowProblem("-", f"the bookings on {project or cost_line} add up to {total}, below zero"))
        entry: dict[str, Any] = {"project": project} if project else {"cost_line": cost_line}
        if line:
            entry["line"] = line
        entry["amount"] = total
        entries.append(entry)
    if problems:
        return None, problems
    return Export(entries, counted, sum(totals.values(), Decimal("0.00"))), []


def realisatie_yaml(
    year: int, status: RealisatieStatus, source: str, entries: list[dict[str, Any]], existing: RealisatieFile | None
) -> str:
    """Plain YAML written by hand: every text quoted. The funds of an existing file are kept: an export gives
    spending only."""
    lines = [
        "# Read from the administration's export by waw import-realisatie; funds kept from the file before.",
        f"year: {year}",
        f"status: {status.value}",
        f"source: {json.dumps(source, ensure_ascii=False)}",
        "spent:" if entries else "spent: []",
    ]
    for entry in entries:
        first = "project" if "project" in entry else "cost_line"
        lines.append(f"  - {first}: {json.dumps(entry[first])}")
        if "line" in entry:
            lines.append(f"    line: {json.dumps(entry['line'])}")
        lines.append(f"    amount: {entry['amount']:f}")
    if existing is not None and existing.funds:
        lines.append("funds:")
        for fund in existing.funds:
            lines.append(f"  - funding: {json.dumps(fund.funding)}")
            if fund.opening is not None:
                lines.append(
                    f"    opening: {fund.opening if isinstance(fund.opening, str) else format(fund.opening, 'f')}"
                )
            if fund.additions:
                lines.append("    additions:")
                for addition in fund.additions:
                    lines.append(f"      - amount: {addition.amount:f}")
                    lines.append(f"        description: {json.dumps(addition.description, ensure_ascii=False)}")
                    lines.append(f"        source: {json.dumps(addition.source, ensure_ascii=False)}")
            for key in ("source", "note"):
                value = getattr(fund, key)
                if value:
                    lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False)}")
    text = "\n".join(lines) + "\n"
    parsed = parse_bytes(text.encode(), "generated")
    assert parsed.issues == [], parsed.issues
    RealisatieFile.model_validate(parsed.data)
    return text
