"""Quarterly results from partners, in: a filled-in template (results_template.py) checked cell by cell.

Every problem is reported as `FILE.xlsx!Sheet!C7: ...`, and only a workbook without any produces the YAML
text of `data/results/<quarter>.yaml`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..figures import DATA_QUALIFIERS
from ..load.loader import Dataset
from ..load.yamlsource import parse_bytes
from ..models import kind_of
from ..periods import Quarter, month_key
from .results_template import (
    COL_INDICATOR,
    COL_NOTE,
    COL_PROJECT,
    COL_QUALIFIER,
    COL_RESULT,
    COL_SOURCE,
    COLUMNS,
    HEADLINE_COLUMNS,
    HEADLINE_SHEET,
    META,
    QUALITATIVE_COLUMNS,
    QUALITATIVE_SHEET,
    SHEET,
    template_rows,
)
from .sheets import MAX_NUMBER, SheetError, bounded_rows, open_workbook, text_problem, typed_number

UNKNOWN_WORDS = {"onbekend", "unknown"}  # a result the partner cannot give: imported as unknown, with its note


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    cell: str
    message: str

    def format(self, workbook_name: str) -> str:
        return f"{workbook_name}!{self.sheet}!{self.cell}: {self.message}"


@dataclass(frozen=True)
class Imported:
    text: str
    results: int
    headline: int
    qualitative: int


def read_filled(path: Path, dataset: Dataset, quarter: Quarter) -> tuple[Imported | None, list[CellProblem]]:
    """The YAML text of the quarter's results, or every problem found in the workbook: every row a partner
    filled in is imported or reported, never skipped; a template with nothing filled in writes nothing."""
    try:
        workbook, formulas = open_workbook(path)
    except OSError as exc:
        from ..files import reason

        return None, [CellProblem("-", "-", f"cannot read the file: {reason(exc)}")]
    except SheetError:
        return None, [CellProblem("-", "-", "not a readable .xlsx workbook; use the template of waw template results")]
    if SHEET not in workbook.sheetnames or META not in workbook.sheetnames:
        return None, [CellProblem(SHEET, "A1", f"the workbook needs the sheets {SHEET} and {META}: use waw template")]
    problems: list[CellProblem] = []
    stated = workbook[META]["B1"].value
    if stated != quarter.id:
        problems.append(CellProblem(META, "B1", f"the template is for {_shown(stated)}, not {quarter.id}"))
    found = _read_sheets(workbook, formulas, dataset, quarter, problems)
    workbook.close()
    formulas.close()
    results, headline, qualitative = found
    if not problems and not (results or headline or qualitative):
        problems.append(CellProblem(SHEET, "G2", "nothing is filled in: no result, headline figure or words"))
    if problems:
        return None, problems
    text = _results_yaml(quarter, path.name, results, headline, qualitative)
    return Imported(text, len(results), len(headline), len(qualitative)), []


Entries = list[dict[str, Any]]


def _read_sheets(
    workbook: Any, formulas: Any, dataset: Dataset, quarter: Quarter, problems: list[CellProblem]
) -> tuple[Entries, Entries, Entries]:
    template = {(r.project, r.indicator) for r in template_rows(dataset, quarter)}
    results: Entries = []
    headline: Entries = []
    qualitative: Entries = []
    sheets: list[tuple[str, int, Any, Entries]] = [
        (SHEET, len(COLUMNS), lambda n, r: _read_row(dataset, n, r, problems, template), results),
        (HEADLINE_SHEET, len(HEADLINE_COLUMNS), lambda n, r: _read_headline(dataset, n, r, problems), headline),
        (
            QUALITATIVE_SHEET,
            len(QUALITATIVE_COLUMNS),
            lambda n, r: _read_qualitative(dataset, n, r, problems),
            qualitative,
        ),
    ]
    for name, width, read, found in sheets:
        if name not in workbook.sheetnames:
            continue  # a template from before the headline and words sheets
        try:
            for number, row in bounded_rows(workbook[name], formulas[name], width):
                texts = [(column, text_problem(cell)) for column, cell in enumerate(row, start=1)]
                bad = [(column, message) for column, message in texts if message]
                for column, message in bad:
                    problems.append(CellProblem(name, f"{chr(64 + column)}{number}", message))
                entry = None if bad else read(number, row)
                if entry is not None:
                    found.append(entry)
        except SheetError as exc:
            sheet, _, cell = exc.where.partition("!")
            problems.append(CellProblem(sheet, cell, str(exc)))
    return results, headline, qualitative


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    return kind_of(value) if not isinstance(value, str) else f"'{value}'"


def _figure(
    value: Any, unit: str, qualifier: Any, note: Any, problem: Any, result_column: int, qualifier_column: int
) -> Decimal | None | str:
    """A partner's figure: a number, or `onbekend` with a note (returned as None); a str is a problem found."""
    if isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS:
        if _blank(note):
            problem(result_column, "'onbekend' needs a Toelichting saying what is known")
        return None
    number_value = _number(value, unit)
    if isinstance(number_value, str):
        problem(result_column, number_value)
    if not _blank(qualifier) and qualifier not in DATA_QUALIFIERS:
        problem(qualifier_column, f"{_shown(qualifier)} is not one of: {', '.join(DATA_QUALIFIERS)}")
    return number_value


def _read_row(
    dataset: Dataset,
    number: int,
    row: list[Any],
    problems: list[CellProblem],
    template: set[tuple[Any, Any]],
) -> dict[str, Any] | None:
    value = row[COL_RESULT - 1]
    project, indicator = row[COL_PROJECT - 1], row[COL_INDICATOR - 1]

    def problem(column: int, message: str) -> None:
        problems.append(CellProblem(SHEET, f"{chr(64 + column)}{number}", message))

    filled = [COLUMNS[c - 1] for c in (COL_QUALIFIER, COL_SOURCE, COL_NOTE) if not _blank(row[c - 1])]
    if _blank(value):
        if filled:
            problem(
                COL_RESULT,
                f"no result, but {', '.join(filled)} filled in: give the result ('onbekend' with a "
                "Toelichting if it cannot be given) or clear the row",
            )
        elif (project, indicator) not in template and not all(_blank(v) for v in row):
            problem(COL_RESULT, "a row that is not in the template, without a result: fill it in or remove it")
        return None
    assert dataset.programmes is not None
    indicators = {i.id: i for i in dataset.programmes.model.indicators}
    before = len(problems)
    if dataset.project(str(project)) is None:
        problem(COL_PROJECT, f"unknown project {_shown(project)}")
    if indicator not in indicators:
        problem(COL_INDICATOR, f"unknown indicator {_shown(indicator)}")
    unit = indicators[indicator].unit.value if indicator in indicators else "count"
    qualifier, note = row[COL_QUALIFIER - 1], row[COL_NOTE - 1]
    figure = _figure(value, unit, qualifier, note, problem, COL_RESULT, COL_QUALIFIER)
    source = row[COL_SOURCE - 1]
    if _blank(source):
        problem(COL_SOURCE, "every result needs its source (report and date)")
    if len(problems) > before:
        return None
    entry: dict[str, Any] = {"project": project, "indicator": indicator, "value": figure}
    if not _blank(qualifier):
        entry["qualifier"] = qualifier
    entry["source"] = str(source).strip()
    if not _blank(note):
        entry["note"] = str(note).strip()
    return entry


def _read_headline(dataset: Dataset, number: int, row: list[Any], problems: list[CellProblem]) -> dict[str, Any] | None:
    indicator, value, qualifier, quote, source, note = row[0], row[3], row[4], row[5], row[6], row[7]

    def problem(column: int, message: str) -> None:
        problems.append(CellProblem(HEADLINE_SHEET, f"{chr(64 + column)}{number}", message))

    if _blank(value):
        filled = [HEADLINE_COLUMNS[c] for c in (4, 5, 6, 7) if not _blank(row[c])]
        if filled:
            problem(4, f"no result, but {', '.join(filled)} filled in: give the figure or clear the row")
        return None
    assert dataset.programmes is not None
    indicators = {i.id: i for i in dataset.programmes.model.indicators}
    before = len(problems)
    if indicator not in indicators:
        problem(1, f"unknown indicator {_shown(indicator)}")
    unit = indicators[indicator].unit.value if indicator in indicators else "count"
    figure = _figure(value, unit, qualifier, note, problem, 4, 5)
    if _blank(source):
        problem(7, "every figure needs its source (report and date)")
    if len(problems) > before:
        return None
    entry: dict[str, Any] = {"indicator": indicator, "value": figure}
    if not _blank(qualifier):
        entry["qualifier"] = qualifier
    if not _blank(quote):
        entry["quote"] = str(quote).strip()
    entry["source"] = str(source).strip()
    if not _blank(note):
        entry["note"] = str(note).strip()
    return entry


def _read_qualitative(
    dataset: Dataset, number: int, row: list[Any], problems: list[CellProblem]
) -> dict[str, Any] | None:
    project, text, source = row[0], row[2], row[3]

    def problem(column: int, message: str) -> None:
        problems.append(CellProblem(QUALITATIVE_SHEET, f"{chr(64 + column)}{number}", message))

    if _blank(text):
        if not _blank(source):
            problem(3, "a source without text: write what the project reports, or clear the source")
        return None
    before = len(problems)
    if dataset.project(str(project)) is None:
        problem(1, f"unknown project {_shown(project)}")
    if not isinstance(text, str):
        problem(3, f"expected words, got {kind_of(text)}: a figure belongs on the sheet {SHEET}")
    if _blank(source):
        problem(4, "every entry needs its source (report and date)")
    if len(problems) > before:
        return None
    return {"project": project, "text": str(text).strip(), "source": str(source).strip()}


def _number(value: Any, unit: str) -> Decimal | str:
    """A cell's number, or the reason it is not one (as a message)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = " (put words like 'ruim' in Kwalificatie)" if isinstance(value, str) else ""
        return f"expected a number, got {kind_of(value)}{hint}"
    typed = typed_number(value) if isinstance(value, float) else Decimal(value)
    if typed is None:
        return f"{value} has more than two decimals; type the figure as the report gives it"
    number = typed
    if not number.is_finite() or number < 0:
        return f"{value} is not a count or percentage"
    if number > MAX_NUMBER:
        return f"{value} is larger than any count or percentage here"
    if unit == "count" and number != number.to_integral_value():
        return f"{value} is not a whole number"
    if unit == "percent" and number > 100:
        return f"{value} is above 100%"
    return number if unit == "percent" else Decimal(int(number))


def _results_yaml(
    quarter: Quarter,
    workbook_name: str,
    results: list[dict[str, Any]],
    headline: list[dict[str, Any]] = (),  # type: ignore[assignment]
    qualitative: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> str:
    """Plain YAML written by hand: every string quoted, so no YAML 1.1 guess can change it."""
    year, month = quarter.last_month
    end_month = f"{year}-{month:02d}"
    lines = [
        f"# Read from {workbook_name} by waw import-results.",
        f"quarter: {quarter.id}",
        f"as_of: {end_month}",
        f"title: {json.dumps(f'Resultaten {quarter.label} uit het resultatensjabloon', ensure_ascii=False)}",
        f"source: {json.dumps(f'Resultatensjabloon {quarter.label} ({workbook_name})', ensure_ascii=False)}",
    ]
    if headline:
        lines.append("headline:")
    for entry in headline:
        lines.append(f"  - indicator: {json.dumps(entry['indicator'])}")
        lines += _figure_lines(entry, ("qualifier", "quote", "source", "note"))
    lines.append("results:" if results else "results: []")
    for entry in results:
        lines.append(f"  - project: {json.dumps(entry['project'])}")
        lines.append(f"    indicator: {json.dumps(entry['indicator'])}")
        lines += _figure_lines(entry, ("qualifier", "source", "note"))
    if qualitative:
        lines.append("qualitative:")
    for entry in qualitative:
        lines.append(f"  - project: {json.dumps(entry['project'])}")
        lines.append(f"    text: {json.dumps(entry['text'], ensure_ascii=False)}")
        lines.append(f"    source: {json.dumps(entry['source'], ensure_ascii=False)}")
    text = "\n".join(lines) + "\n"
    assert parse_bytes(text.encode(), "generated").issues == []
    assert month_key(end_month)
    return text


def _figure_lines(entry: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    value = entry["value"]
    lines = [f"    value: {value:f}" if value is not None else "    value: unknown"]
    for key in keys:
        if key in entry:
            lines.append(f"    {key}: {json.dumps(entry[key], ensure_ascii=False)}")
    return lines
