"""`waw budget --year Y`: a year's begroting grouped like Tabel 1, its total, the money available and the headroom."""

from __future__ import annotations

from decimal import Decimal

from .. import budget
from ..budget import SpreadLine, YearLine
from ..figures import Figure
from ..load.loader import Dataset
from ..planning import PlanningReport, plan
from ..realisatie import RealisatieYear, realisatie_year
from ..values import ZERO, Report
from ..versions import YearVersions, year_versions


class BudgetGroup(Report):
    """`place`: the group's place among programmes.yaml's begroting groups, the same in every year (so its colour
    and its place in a stack are)."""

    id: str
    name: str
    place: int
    lines: list[YearLine]
    subtotal: Decimal


class BudgetReport(Report):
    """`total` is every line that stands, `firm` (verplicht) and `conditional` (voorwaardelijk) its parts;
    `available` and `headroom` carry the precision of their source."""

    year: int
    groups: list[BudgetGroup]
    total: Decimal
    firm: Decimal
    conditional: Decimal
    released: list[YearLine]
    unknown_lines: int
    spread: list[SpreadLine]
    available: Figure
    available_quote: str | None
    headroom: Figure
    stated_total: budget.TotalCheck | None
    risks: list[budget.Risk]
    realisatie: RealisatieYear | None  # None: geen realisatie vastgelegd
    versions: YearVersions | None = None  # None: no begroting decision sets the year


def build_budget_report(dataset: Dataset, year: int) -> BudgetReport:
    check = budget.year_check(dataset, year)
    groups = []
    order = [(g.id, g.name) for g in dataset.programmes.model.begroting_groups] if dataset.programmes else []
    for place, (group_id, name) in enumerate(order):
        lines = [line for line in check.lines if line.group == group_id]
        if lines:
            subtotal = sum((line.amount for line in lines if line.amount is not None), ZERO)
            groups.append(BudgetGroup(id=group_id, name=name, place=place, lines=lines, subtotal=subtotal))
    stated = next((t for t in budget.total_checks(dataset) if _is_year_total(dataset, t, year)), None)
    return BudgetReport(
        year=year,
        groups=groups,
        total=check.committed,
        firm=check.firm,
        conditional=check.conditional,
        released=check.released,
        unknown_lines=check.unknown_lines,
        spread=check.spread,
        available=check.available,
        available_quote=check.available_quote,
        headroom=check.headroom,
        stated_total=stated,
        risks=budget.risks(dataset, year),
        realisatie=realisatie_year(dataset, year, check.committed),
        versions=year_versions(dataset, year),
    )


def _is_year_total(dataset: Dataset, total: budget.TotalCheck, year: int) -> bool:
    return any(
        d.model.reference == total.scope and d.model.stated_total is not None and d.model.stated_total.year == year
        for d in dataset.decisions
    )


def spread_by_span(years: dict[int, BudgetReport]) -> dict[tuple[int, ...], list[SpreadLine]]:
    """The lines that span years, once per span: each year's report lists them, none counts them."""
    spans: dict[tuple[int, ...], list[SpreadLine]] = {}
    seen: set[tuple[str, str, tuple[int, ...]]] = set()
    for report in years.values():
        for line in report.spread:
            key = (line.project, line.label, tuple(line.years))
            if key not in seen:
                seen.add(key)
                spans.setdefault(tuple(line.years), []).append(line)
    return spans


def spread_total(lines: list[SpreadLine]) -> tuple[Decimal, bool]:
    """The known sum of lines over several years, and whether an unknown one is among them."""
    known = sum((line.amount for line in lines if line.amount is not None), ZERO)
    return known, any(line.amount is None for line in lines)


def build_planning_report(dataset: Dataset, first: int, last: int) -> PlanningReport:
    """`waw budget --years 2024-2027`: the years ahead, each fund's balance carried from year to year."""
    return plan(dataset, first, last)
