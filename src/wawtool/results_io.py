"""Quarterly results from partners: an Excel template out, a checked results file in.

The template lists the running projects with the indicators of their targets; the
import checks every cell, reports every problem as `FILE.xlsx!Sheet!C7: ...`, and
only then produces the YAML text of `data/results/<quarter>.yaml`.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .loader import Dataset
from .models import Status, month_key
from .monitor import Quarter, pick_target, project_period_at, status_at
from .yamlsource import parse_bytes

SHEET, META = "Resultaten", "Kwartaal"
COLUMNS = [
    "Project (id)",
    "Project",
    "Indicator (id)",
    "Indicator",
    "Eenheid",
    "Doel",
    "Resultaat",
    "Kwalificatie",
    "Bron",
    "Toelichting",
]
QUALIFIERS = ["ongeveer", "bijna", "ruim", "meer dan", "minimaal", "maximaal"]
COL_PROJECT, COL_INDICATOR, COL_RESULT, COL_QUALIFIER, COL_SOURCE, COL_NOTE = 1, 3, 7, 8, 9, 10


@dataclass(frozen=True)
class TemplateRow:
    project: str
    project_name: str
    indicator: str
    indicator_name: str
    unit: str
    target: Decimal | None


def template_rows(dataset: Dataset, quarter: Quarter) -> list[TemplateRow]:
    """Projects running in the quarter, one row per indicator with a target whose period is still open."""
    assert dataset.programmes is not None
    indicators = {i.id: i for i in dataset.programmes.model.indicators}
    as_of = (quarter.year, quarter.number * 3)
    rows = []
    for located in dataset.projects:
        project = located.model
        end = project_period_at(dataset, project, as_of)[1]
        if status_at(project, as_of) != Status.RUNNING or (
            end is not None and end < (quarter.year, quarter.number * 3 - 2)
        ):
            continue
        quarter_start = (quarter.year, quarter.number * 3 - 2)
        open_targets = [t for t in project.targets if not t.end or month_key(t.end, end=True) >= quarter_start]
        for indicator_id in dict.fromkeys(t.indicator for t in open_targets):
            target = pick_target(open_targets, indicator_id, as_of)
            indicator = indicators[indicator_id]
            rows.append(
                TemplateRow(
                    project.id,
                    project.name,
                    indicator_id,
                    indicator.name,
                    indicator.unit.value,
                    target.value if target else None,
                )
            )
    return rows


def build_template(rows: list[TemplateRow], quarter: Quarter) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from .render.xlsx import NUMBER, PERCENT, set_cell

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    for column, name in enumerate(COLUMNS, start=1):
        set_cell(sheet, 1, column, name)
        sheet.column_dimensions[chr(64 + column)].width = [24, 40, 24, 34, 9, 9, 11, 13, 40, 40][column - 1]
    sheet.freeze_panes = "A2"
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        error="Vul een geheel aantal in (0 of meer).",
        showErrorMessage=True,
    )
    percent = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        error="Vul een percentage tussen 0 en 100 in.",
        showErrorMessage=True,
    )
    qualifier = DataValidation(type="list", formula1='"' + ",".join(QUALIFIERS) + '"', allow_blank=True)
    for validation in (whole, percent, qualifier):
        sheet.add_data_validation(validation)
    for number, row in enumerate(rows, start=2):
        values = [row.project, row.project_name, row.indicator, row.indicator_name, row.unit, row.target]
        for column, value in enumerate(values, start=1):
            set_cell(
                sheet, number, column, value, (PERCENT if row.unit == "percent" else NUMBER) if column == 6 else None
            )
        (percent if row.unit == "percent" else whole).add(f"G{number}")
        qualifier.add(f"H{number}")
    meta = workbook.create_sheet(META)
    for number, (label, value) in enumerate(
        [
            ("Kwartaal", quarter.id),
            (
                "Toelichting",
                "Vul per regel het resultaat t/m het einde van het kwartaal in, "
                "met de bron (rapportage, datum). Laat leeg wat onbekend is.",
            ),
        ],
        start=1,
    ):
        set_cell(meta, number, 1, label)
        set_cell(meta, number, 2, value)
    workbook.properties.title = f"Resultatensjabloon {quarter.label}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    cell: str
    message: str

    def format(self, workbook_name: str) -> str:
        return f"{workbook_name}!{self.sheet}!{self.cell}: {self.message}"


def read_filled(path: Path, dataset: Dataset, quarter: Quarter) -> tuple[str | None, list[CellProblem]]:
    """The YAML text of the quarter's results, or every problem found in the workbook."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        return None, [CellProblem("-", "-", f"not a readable .xlsx workbook ({type(exc).__name__})")]
    problems: list[CellProblem] = []
    if SHEET not in workbook.sheetnames or META not in workbook.sheetnames:
        return None, [CellProblem(SHEET, "A1", f"the workbook needs the sheets {SHEET} and {META}: use waw template")]
    stated = workbook[META]["B1"].value
    if stated != quarter.id:
        problems.append(CellProblem(META, "B1", f"the template is for {stated!r}, not {quarter.id}"))
    results = []
    for number, row in enumerate(workbook[SHEET].iter_rows(min_row=2, values_only=True), start=2):
        entry = _read_row(dataset, number, list(row) + [None] * (len(COLUMNS) - len(row)), problems)
        if entry is not None:
            results.append(entry)
    workbook.close()
    if problems:
        return None, problems
    return _results_yaml(quarter, path.name, results), []


def _read_row(dataset: Dataset, number: int, row: list[Any], problems: list[CellProblem]) -> dict[str, Any] | None:
    value = row[COL_RESULT - 1]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    assert dataset.programmes is not None
    indicators = {i.id: i for i in dataset.programmes.model.indicators}
    before = len(problems)

    def problem(column: int, message: str) -> None:
        problems.append(CellProblem(SHEET, f"{chr(64 + column)}{number}", message))

    project, indicator = row[COL_PROJECT - 1], row[COL_INDICATOR - 1]
    if dataset.project(str(project)) is None:
        problem(COL_PROJECT, f"unknown project {project!r}")
    if indicator not in indicators:
        problem(COL_INDICATOR, f"unknown indicator {indicator!r}")
    number_value = _number(value, indicators[indicator].unit.value if indicator in indicators else "count")
    if isinstance(number_value, str):
        problem(COL_RESULT, number_value)
    qualifier = row[COL_QUALIFIER - 1]
    if qualifier is not None and qualifier not in QUALIFIERS:
        problem(COL_QUALIFIER, f"{qualifier!r} is not one of: {', '.join(QUALIFIERS)}")
    source = row[COL_SOURCE - 1]
    if not isinstance(source, str) or not source.strip():
        problem(COL_SOURCE, "every result needs its source (report and date)")
    if len(problems) > before:
        return None
    entry: dict[str, Any] = {"project": project, "indicator": indicator, "value": number_value}
    if qualifier:
        entry["qualifier"] = qualifier
    entry["source"] = str(source).strip()
    note = row[COL_NOTE - 1]
    if isinstance(note, str) and note.strip():
        entry["note"] = note.strip()
    return entry


def _number(value: Any, unit: str) -> Decimal | str:
    """A cell's number, or the reason it is not one (as a message)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = " (put words like 'ruim' in Kwalificatie)" if isinstance(value, str) else ""
        return f"expected a number, got {value!r}{hint}"
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or number < 0:
        return f"{value!r} is not a count or percentage"
    if unit == "count" and number != number.to_integral_value():
        return f"{value!r} is not a whole number"
    if unit == "percent" and number > 100:
        return f"{value!r} is above 100%"
    return number.normalize() if unit == "percent" else Decimal(int(number))


def _results_yaml(quarter: Quarter, workbook_name: str, results: list[dict[str, Any]]) -> str:
    """Plain YAML written by hand: every string quoted, so no YAML 1.1 guess can change it."""
    end_month = f"{quarter.year}-{quarter.number * 3:02d}"
    lines = [
        f"# Read from {workbook_name} by waw import-results.",
        f"quarter: {quarter.id}",
        f"as_of: {end_month}",
        f"title: {json.dumps(f'Resultaten {quarter.label} uit het resultatensjabloon', ensure_ascii=False)}",
        f"source: {json.dumps(f'Resultatensjabloon {quarter.label} ({workbook_name})', ensure_ascii=False)}",
        "results:" if results else "results: []",
    ]
    for entry in results:
        lines.append(f"  - project: {json.dumps(entry['project'])}")
        lines.append(f"    indicator: {json.dumps(entry['indicator'])}")
        lines.append(f"    value: {entry['value']:f}")
        for key in ("qualifier", "source", "note"):
            if key in entry:
                lines.append(f"    {key}: {json.dumps(entry[key], ensure_ascii=False)}")
    text = "\n".join(lines) + "\n"
    assert parse_bytes(text.encode(), "generated").issues == []
    assert month_key(end_month)
    return text
