"""Every project with its amounts per year: the workbook's Projecten sheet."""

from __future__ import annotations

from decimal import Decimal

from .. import budget
from ..budget import SpreadLine
from ..load.loader import Dataset
from ..values import ZERO, Report


class ProjectOverview(Report):
    id: str
    name: str
    programme: str | None
    category: str | None
    status: str
    start: str | None
    end: str | None
    per_year: dict[int, Decimal]
    other_lines: list[SpreadLine]  # spans whose split is unknown, and unknown amounts


def build_projects_overview(dataset: Dataset) -> tuple[list[ProjectOverview], list[int]]:
    """Every project with its known single-year amounts; spans, unknown and derived amounts named, not summed."""
    rows = []
    for located in dataset.projects:
        project = located.model
        per_year: dict[int, Decimal] = {}
        other: list[SpreadLine] = []
        for line, figure in zip(project.budget, budget.line_figures(project), strict=True):
            if line.year is not None and line.amount is not None:
                per_year[line.year] = per_year.get(line.year, ZERO) + line.amount
            else:
                other.append(
                    SpreadLine(
                        label=line.description,
                        project=project.id,
                        years=line.span(),
                        amount=figure.value,
                        source=line.source,
                        derived_from=figure.derived_from,
                    )
                )
        rows.append(
            ProjectOverview(
                id=project.id,
                name=project.name,
                programme=project.programme,
                category=project.category,
                status=project.current_status().value,
                start=project.period.start if project.period else None,
                end=project.end(),
                per_year=per_year,
                other_lines=other,
            )
        )
    return rows, budget.budget_years(dataset)
