"""A year's begroting in its versions: the primitieve begroting its begroting decision set, each later
begrotingswijziging in order, and the begroting na wijziging, as Dutch municipal practice shows them."""

from __future__ import annotations

from decimal import Decimal

from . import budget, decisions
from .load.loader import Dataset
from .models import Decision
from .values import ZERO, Report


class VersionStep(Report):
    """One decision in a year's chain: what it did to the year's total and the total it left."""

    decision: str
    reference: str
    kind: str
    date: str
    status: str | None  # the decision's latest step; None: the data do not say
    status_date: str | None
    change: Decimal  # the known change of the year's total (the primitieve begroting: its whole total)
    total: Decimal  # the known total as this decision left it
    unknown_lines: int  # lines of the year in this version whose amount is unknown


class YearVersions(Report):
    year: int
    primitief: VersionStep
    wijzigingen: list[VersionStep]
    na_wijziging: Decimal


def begroting_decision(dataset: Dataset, year: int) -> Decision | None:
    """The decision that sets the year's primitieve begroting: a `begroting` for that year."""
    for decision in decisions.chain(dataset):
        stated_year = decision.stated_total.year if decision.stated_total else None
        if decision.kind == "begroting" and year in (decision.year, stated_year):
            return decision
    return None


def _touches_year(dataset: Dataset, decision: Decision, year: int) -> bool:
    if any(m.year == year for m in decision.moves):
        return True
    cost_lines = dataset.programmes.model.cost_lines if dataset.programmes else []
    if any(c.year == year and c.decision == decision.id for c in cost_lines):
        return True
    built = decisions.index(dataset)
    placed = [*built.introduced.get(decision.id, []), *built.changed.get(decision.id, [])]
    return any(line.year == year for _, line in placed)


def _step(dataset: Dataset, decision: Decision, year: int, before: Decimal | None) -> VersionStep:
    lines = budget.lines_for_year(dataset, year, as_left_by=decision.id)
    total = sum((line.amount for line in lines if line.amount is not None), ZERO)
    step = decisions.current_step(decision)
    return VersionStep(
        decision=decision.id,
        reference=decision.reference,
        kind=decision.kind,
        date=decision.date.isoformat(),
        status=step.status.value if step else None,
        status_date=step.date.isoformat() if step else None,
        change=total if before is None else total - before,
        total=total,
        unknown_lines=sum(1 for line in lines if line.amount is None),
    )


def year_versions(dataset: Dataset, year: int) -> YearVersions | None:
    """None where no begroting decision sets the year: there is no primitieve begroting to start from."""
    primitive = begroting_decision(dataset, year)
    if primitive is None:
        return None
    first = _step(dataset, primitive, year, None)
    steps: list[VersionStep] = []
    chain = decisions.chain(dataset)
    for decision in chain[chain.index(primitive) + 1 :]:
        if _touches_year(dataset, decision, year):
            steps.append(_step(dataset, decision, year, (steps[-1] if steps else first).total))
    now = budget.lines_for_year(dataset, year)
    return YearVersions(
        year=year,
        primitief=first,
        wijzigingen=steps,
        na_wijziging=sum((line.amount for line in now if line.amount is not None), ZERO),
    )
