"""Every project with its amounts per year, each year's total as the begroting has it, and each project's phase
as the monitor of the chosen quarter shows it: the workbook's Projecten."""

from __future__ import annotations

from decimal import Decimal

from .. import budget
from ..budget import SpreadLine
from ..lights import LightState
from ..load.loader import Dataset
from ..models import Project
from ..values import ZERO, Report

RUNNING = "lopend"  # a project whose figures the monitor judges: not planned, on hold, stopped, completed or past
NOT_YET = LightState.GEPLAND  # a project the monitor leaves out: it had no status yet


class ProjectOverview(Report):
    id: str
    name: str
    programme: str | None
    category: str | None
    phase: str  # a phase of `reports.status.project_phases` (`afgelopen`, `gepland`, ...) or `lopend`
    start: str | None
    end: str | None
    per_year: dict[int, Decimal]  # the project's lines in each year's begroting total
    other_lines: list[SpreadLine]  # spans whose split is unknown, unknown amounts and released lines
    derived_lines: list[SpreadLine] = []  # amounts derived from a total, counted in their year as the begroting does


class ProjectsOverview(Report):
    """Each year the projects' amounts and `outside` (the programmes' cost lines, on no project) add up to the
    year's Totaal uitgaven of `waw budget --year`: both come from its `budget.year_check`."""

    rows: list[ProjectOverview]
    years: list[int]
    outside: dict[int, Decimal]


def build_projects_overview(dataset: Dataset, phases: dict[str, LightState | None]) -> ProjectsOverview:
    """Every project with the amounts each year's begroting counts for it (the lines of `budget.year_check`),
    spans, unknown amounts and released lines named, not summed; and its phase as a monitor's `phases` say."""
    years = budget.budget_years(dataset)
    checks = {year: budget.year_check(dataset, year) for year in years}
    rows = []
    for located in dataset.projects:
        project = located.model
        per_year: dict[int, Decimal] = {}
        for year, check in checks.items():
            amounts = [line.amount for line in check.lines if line.project == project.id and line.amount is not None]
            if amounts:
                per_year[year] = sum(amounts, ZERO)
        phase = phases.get(project.id, NOT_YET)
        rows.append(
            ProjectOverview(
                id=project.id,
                name=project.name,
                programme=project.programme,
                category=project.category,
                phase=phase.value if phase is not None else RUNNING,
                start=project.period.start if project.period else None,
                end=project.end(),
                per_year=per_year,
                other_lines=_other_lines(project),
                derived_lines=_other_lines(project, derived=True),
            )
        )
    outside = {
        year: sum((line.amount for line in check.lines if line.project is None and line.amount is not None), ZERO)
        for year, check in checks.items()
    }
    return ProjectsOverview(rows=rows, years=years, outside=outside)


def _other_lines(project: Project, derived: bool = False) -> list[SpreadLine]:
    """The lines no year's total counts: a span without its split, an amount unknown, a line released; or, with
    `derived`, the single-year lines whose amount is derived from a total (which their year counts)."""
    other = []
    for line, figure in zip(project.budget, budget.line_figures(project), strict=True):
        released = line.year is not None and line.condition_failed is not None
        counted = line.year is not None and figure.value is not None and not released
        if counted != derived or derived and not figure.derived_from:
            continue
        other.append(
            SpreadLine(
                label=f"{line.description} (vrijgevallen)" if released else line.description,
                project=project.id,
                years=line.span(),
                amount=figure.value,
                source=line.source,
                derived_from=figure.derived_from,
            )
        )
    return other
