"""One frozen report object per command: plain figures, no formatting.

JSON output is `model_dump` of these objects, so every other format renders
the same numbers.
"""

from __future__ import annotations

from decimal import Decimal

from . import budget
from .budget import Report, Verdict, YearLine
from .loader import Dataset
from .realisatie import RealisatieYear, realisatie_year


class Failure(Report):
    """One failed check, with what a reader needs to find it: year, scope and euro difference."""

    check: str
    scope: str
    year: int | None
    difference: Decimal


class CheckBudgetReport(Report):
    data: str
    year: int | None
    totals: list[budget.TotalCheck]
    neutrality: list[budget.NeutralityCheck]
    moves: list[budget.MoveCheck]
    years: list[budget.YearCheck]
    risks: list[budget.Risk]
    realisatie: list[RealisatieYear]
    no_realisatie: list[int]  # budget years without realisatie: "geen realisatie vastgelegd"
    passed: bool
    failures: list[Failure]
    not_testable: int


def build_check_budget_report(dataset: Dataset, year: int | None = None) -> CheckBudgetReport:
    totals = budget.total_checks(dataset)
    neutrality = budget.neutrality_checks(dataset)
    moves = budget.move_checks(dataset)
    years = [budget.year_check(dataset, y) for y in budget.budget_years(dataset) if year is None or y == year]
    if year is not None and not years:
        years = [budget.year_check(dataset, year)]
    failures = [
        Failure(check="total", scope=f"{t.scope}: {t.label}", year=None, difference=t.difference)
        for t in totals
        if t.verdict == Verdict.FAIL
    ]
    failures += [
        Failure(check="neutrality", scope=n.reference, year=None, difference=n.excess)
        for n in neutrality
        if n.verdict == Verdict.FAIL
    ]
    failures += [
        Failure(
            check="move",
            scope=f"{m.reference}: {m.project_name} '{m.line}'",
            year=m.year,
            difference=m.difference,
        )
        for m in moves
        if m.verdict == Verdict.FAIL
    ]
    failures += [
        Failure(check="year", scope=str(y.year), year=y.year, difference=y.committed - (y.available or budget.ZERO))
        for y in years
        if y.verdict == Verdict.FAIL
    ]
    realised = [r for r in (realisatie_year(dataset, y.year, y.committed) for y in years) if r is not None]
    failures += [
        Failure(check=f.kind, scope=f.scope, year=f.year, difference=f.amount) for r in realised for f in r.findings
    ]
    verdicts = [n.verdict for n in neutrality] + [y.verdict for y in years]
    not_testable = verdicts.count(Verdict.UNKNOWN)
    return CheckBudgetReport(
        data=str(dataset.root),
        year=year,
        totals=totals,
        neutrality=neutrality,
        moves=moves,
        years=years,
        risks=budget.risks(dataset, year),
        realisatie=realised,
        no_realisatie=[y.year for y in years if y.year not in {r.year for r in realised}],
        passed=not failures,
        failures=failures,
        not_testable=not_testable,
    )


class BudgetGroup(Report):
    id: str
    name: str
    lines: list[YearLine]
    subtotal: Decimal


class BudgetReport(Report):
    year: int
    groups: list[BudgetGroup]
    total: Decimal
    unknown_lines: int
    spread: list[budget.SpreadLine]
    available: Decimal | None
    available_approximate: bool
    available_quote: str | None
    headroom: Decimal | None
    headroom_approximate: bool
    stated_total: budget.TotalCheck | None
    risks: list[budget.Risk]
    realisatie: RealisatieYear | None  # None: geen realisatie vastgelegd


def build_budget_report(dataset: Dataset, year: int) -> BudgetReport:
    check = budget.year_check(dataset, year)
    groups = []
    order = [(g.id, g.name) for g in dataset.programmes.model.begroting_groups] if dataset.programmes else []
    for group_id, name in order:
        lines = [line for line in check.lines if line.group == group_id]
        if lines:
            subtotal = sum((line.amount for line in lines if line.amount is not None), budget.ZERO)
            groups.append(BudgetGroup(id=group_id, name=name, lines=lines, subtotal=subtotal))
    stated = next((t for t in budget.total_checks(dataset) if _is_year_total(dataset, t, year)), None)
    return BudgetReport(
        year=year,
        groups=groups,
        total=check.committed,
        unknown_lines=check.unknown_lines,
        spread=check.spread,
        available=check.available,
        available_approximate=check.available_approximate,
        available_quote=check.available_quote,
        headroom=check.headroom,
        headroom_approximate=check.headroom_approximate,
        stated_total=stated,
        risks=budget.risks(dataset, year),
        realisatie=realisatie_year(dataset, year, check.committed),
    )


def _is_year_total(dataset: Dataset, total: budget.TotalCheck, year: int) -> bool:
    return any(
        d.model.reference == total.scope and d.model.stated_total is not None and d.model.stated_total.year == year
        for d in dataset.decisions
    )


class ProjectOverview(Report):
    id: str
    name: str
    programme: str | None
    category: str | None
    status: str
    start: str | None
    end: str | None
    per_year: dict[int, Decimal]
    other_lines: list[budget.SpreadLine]  # spans whose split is unknown, and unknown amounts


def build_projects_overview(dataset: Dataset) -> tuple[list[ProjectOverview], list[int]]:
    """Every project with its known single-year amounts; spans, unknown and derived amounts named, not summed."""
    rows = []
    for located in dataset.projects:
        project = located.model
        per_year: dict[int, Decimal] = {}
        other: list[budget.SpreadLine] = []
        for line, figure in zip(project.budget, budget.line_figures(project), strict=True):
            if line.year is not None and line.amount is not None:
                per_year[line.year] = per_year.get(line.year, budget.ZERO) + line.amount
            else:
                other.append(
                    budget.SpreadLine(
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


def spread_by_span(years: dict[int, BudgetReport]) -> dict[tuple[int, ...], list[budget.SpreadLine]]:
    """The lines that span years, once per span: each year's report lists them, none counts them."""
    spans: dict[tuple[int, ...], list[budget.SpreadLine]] = {}
    seen: set[tuple[str, str, tuple[int, ...]]] = set()
    for report in years.values():
        for line in report.spread:
            key = (line.project, line.label, tuple(line.years))
            if key not in seen:
                seen.add(key)
                spans.setdefault(tuple(line.years), []).append(line)
    return spans


def spread_total(lines: list[budget.SpreadLine]) -> tuple[Decimal, bool]:
    """The known sum of lines over several years, and whether an unknown one is among them."""
    known = sum((line.amount for line in lines if line.amount is not None), budget.ZERO)
    return known, any(line.amount is None for line in lines)
