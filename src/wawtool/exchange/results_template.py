"""Quarterly results from partners, out: an Excel template of the running projects with the indicators of
their targets and empty result cells. results_import.py reads it back filled in; the sheets and columns
below are the contract between the two."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..figures import DATA_QUALIFIERS
from ..lights import pick_target
from ..load.loader import Dataset
from ..models import Project, Status
from ..periods import Quarter, month_key, project_period_at, status_at

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
COL_PROJECT, COL_INDICATOR, COL_RESULT, COL_QUALIFIER, COL_SOURCE, COL_NOTE = 1, 3, 7, 8, 9, 10
HEADLINE_SHEET = "Kerncijfers"
HEADLINE_COLUMNS = [
    "Indicator (id)",
    "Indicator",
    "Eenheid",
    "Resultaat",
    "Kwalificatie",
    "Citaat",
    "Bron",
    "Toelichting",
]
QUALITATIVE_SHEET = "Kwalitatief"
QUALITATIVE_COLUMNS = ["Project (id)", "Project", "Tekst", "Bron"]


@dataclass(frozen=True)
class TemplateRow:
    project: str
    project_name: str
    indicator: str
    indicator_name: str
    unit: str
    target: Decimal | None


def running_projects(dataset: Dataset, quarter: Quarter) -> list[Project]:
    """Projects running at some time in the quarter: the ones a partner reports on."""
    as_of = quarter.last_month
    running = []
    for located in dataset.projects:
        project = located.model
        end = project_period_at(dataset, project, as_of)[1]
        if status_at(project, as_of) == Status.RUNNING and (end is None or end >= quarter.first_month):
            running.append(project)
    return running


def _reported_before(dataset: Dataset, quarter: Quarter) -> dict[str, list[str]]:
    """A project keeps reporting what it has reported, target or not (GGZ's starts: the 12 capped the money)."""
    reported: dict[str, list[str]] = {}
    for located in sorted(dataset.results, key=lambda r: r.model.quarter):
        if located.model.quarter <= quarter.id:
            for result in located.model.results:
                reported.setdefault(result.project, []).append(result.indicator)
    return reported


def template_rows(dataset: Dataset, quarter: Quarter) -> list[TemplateRow]:
    """Projects running in the quarter, one row per indicator with a target whose period is still open, and
    per indicator the project reported up to this quarter."""
    assert dataset.programmes is not None
    indicators = {i.id: i for i in dataset.programmes.model.indicators}
    as_of = quarter.last_month
    reported = _reported_before(dataset, quarter)
    rows = []
    for project in running_projects(dataset, quarter):
        quarter_start = quarter.first_month
        open_targets = [t for t in project.targets if not t.end or month_key(t.end, end=True) >= quarter_start]
        measured = [t.indicator for t in open_targets] + reported.get(project.id, [])
        for indicator_id in dict.fromkeys(measured):
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


def build_template(
    rows: list[TemplateRow],
    quarter: Quarter,
    indicators: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    projects: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> bytes:
    """The results sheet, a sheet for the headline figures (one row per indicator) and one for what a partner
    reports in words only (one row per running project)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    _results_sheet(sheet, rows)
    _headline_sheet(workbook.create_sheet(HEADLINE_SHEET), indicators)
    _qualitative_sheet(workbook.create_sheet(QUALITATIVE_SHEET), projects)
    _meta_sheet(workbook.create_sheet(META), quarter)
    workbook.properties.title = f"Resultatensjabloon {quarter.label}"
    workbook.properties.creator = "waw"  # so that a later template may replace it, and nothing else
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _headers(sheet: Any, columns: list[str], widths: list[int]) -> None:
    from ..render.xlsx import set_cell

    for column, name in enumerate(columns, start=1):
        set_cell(sheet, 1, column, name)
        sheet.column_dimensions[chr(64 + column)].width = widths[column - 1]
    sheet.freeze_panes = "A2"


def _results_sheet(sheet: Any, rows: list[TemplateRow]) -> None:
    """One row per project and indicator; Excel itself refuses a count that is no whole number, a percentage
    outside 0-100 and a qualifier that is not one of the list."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..render.xlsx import NUMBER, PERCENT, set_cell

    _headers(sheet, COLUMNS, [24, 40, 24, 34, 9, 9, 11, 13, 40, 40])
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
    qualifier = DataValidation(type="list", formula1='"' + ",".join(DATA_QUALIFIERS) + '"', allow_blank=True)
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


def _headline_sheet(sheet: Any, indicators: list[tuple[str, str, str]]) -> None:
    from ..render.xlsx import set_cell

    _headers(sheet, HEADLINE_COLUMNS, [24, 40, 9, 11, 13, 40, 40, 40])
    for number, (indicator_id, name, unit) in enumerate(indicators, start=2):
        for column, value in enumerate((indicator_id, name, unit), start=1):
            set_cell(sheet, number, column, value)


def _qualitative_sheet(sheet: Any, projects: list[tuple[str, str]]) -> None:
    from ..render.xlsx import set_cell

    _headers(sheet, QUALITATIVE_COLUMNS, [24, 40, 80, 40])
    for number, (project_id, name) in enumerate(projects, start=2):
        set_cell(sheet, number, 1, project_id)
        set_cell(sheet, number, 2, name)


def _meta_sheet(sheet: Any, quarter: Quarter) -> None:
    from ..render.xlsx import set_cell

    explanation = (
        "Vul per regel het resultaat t/m het einde van het kwartaal in, met de bron (rapportage, "
        "datum). Is een resultaat niet te geven, vul dan 'onbekend' in met een toelichting; laat een "
        "regel zonder gegevens helemaal leeg. Kerncijfers: de cijfers voor het hele programma. "
        "Kwalitatief: wat u over een project alleen in woorden meldt."
    )
    for number, (label, value) in enumerate([("Kwartaal", quarter.id), ("Toelichting", explanation)], start=1):
        set_cell(sheet, number, 1, label)
        set_cell(sheet, number, 2, value)
