"""Decisions in time: their order, their status, and the begroting as each one left it.

A programme's finances are a chain of decisions. The data record the present amount of every line and, per
line, each decision that changed it with the amount before (`changes`, or `previous_amount` with
`changed_by`) and the decision that introduced it (`decision`); from that chain every earlier version of a
line follows without git. A proposal is not a decision: a status says which a decision is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .load.loader import Dataset
from .models import BudgetLine, CostLine, Decision, DecisionStatus, DecisionStep, Project
from .values import ZERO, Report

ADOPTED = frozenset({DecisionStatus.VASTGESTELD, DecisionStatus.UITGEVOERD})
ABSENT = "absent"  # a line that a later decision introduces is not in an earlier version

Placed = tuple[Project, BudgetLine]


@dataclass(frozen=True)
class Chain:
    """The decisions in order and, indexed once, the lines each introduces or changes and the lines each fund
    pays for: every check that walks the chain looks a decision's lines up instead of scanning all lines."""

    decisions: list[Decision]
    order: dict[str, int]
    introduced: dict[str, list[Placed]]
    changed: dict[str, list[Placed]]
    by_funding: dict[str, list[Placed]]
    by_line: dict[tuple[str, str], Placed]


_last: tuple[Dataset, int, int, Chain] | None = None


def index(dataset: Dataset) -> Chain:
    """The chain of one dataset, built once (a dataset whose files were added is indexed again)."""
    global _last
    if _last is not None and _last[0] is dataset and _last[1:3] == (len(dataset.projects), len(dataset.decisions)):
        return _last[3]
    ordered = sorted((located.model for located in dataset.decisions), key=lambda d: (d.date, d.id))
    introduced: dict[str, list[Placed]] = defaultdict(list)
    changed: dict[str, list[Placed]] = defaultdict(list)
    by_funding: dict[str, list[Placed]] = defaultdict(list)
    by_line: dict[tuple[str, str], Placed] = {}
    for located in dataset.projects:
        project = located.model
        for line in project.budget:
            if line.decision:
                introduced[line.decision].append((project, line))
            for change in line.history():
                changed[change.decision].append((project, line))
            if line.funding:
                by_funding[line.funding].append((project, line))
            if line.id:
                by_line[(project.id, line.id)] = (project, line)
    built = Chain(
        decisions=ordered,
        order={d.id: i for i, d in enumerate(ordered)},
        introduced=dict(introduced),
        changed=dict(changed),
        by_funding=dict(by_funding),
        by_line=by_line,
    )
    _last = (dataset, len(dataset.projects), len(dataset.decisions), built)
    return built


def chain(dataset: Dataset) -> list[Decision]:
    """Every decision in the order it was taken: by its date, then its id (for two on one day)."""
    return index(dataset).decisions


def positions(dataset: Dataset) -> dict[str, int]:
    return index(dataset).order


def find(dataset: Dataset, key: str) -> Decision | None:
    """A decision by its id or by its kenmerk, as users know it (`20.0006972`, `DOC-23001887`)."""
    wanted = key.strip().casefold()
    for located in dataset.decisions:
        decision = located.model
        if wanted in (decision.id.casefold(), decision.reference.strip().casefold()):
            return decision
    return None


def current_step(decision: Decision) -> DecisionStep | None:
    return decision.status[-1] if decision.status else None


def status_label(decision: Decision) -> str | None:
    """Its latest step with its date, `voorgesteld 2023-11-16`, as the reports that name a decision carry it."""
    step = current_step(decision)
    return f"{step.status.value} {step.date.isoformat()}" if step else None


def is_adopted(decision: Decision) -> bool:
    step = current_step(decision)
    return step is not None and step.status in ADOPTED


def line_amount_after(line: BudgetLine, decision_id: str | None, order: dict[str, int]) -> Decimal | None | str:
    """The line's amount as `decision_id` left it (None: before any decision), `ABSENT` where a later decision
    introduces it; the amount before the first later change, or the amount now."""
    here = order.get(decision_id, -1) if decision_id is not None else -1
    if line.decision is not None and order.get(line.decision, -1) > here:
        return ABSENT
    for change in line.history():
        if order.get(change.decision, -1) > here:
            return change.previous_amount
    return line.amount


def cost_line_amount_after(cost: CostLine, decision_id: str | None, order: dict[str, int]) -> Decimal | None | str:
    here = order.get(decision_id, -1) if decision_id is not None else -1
    if cost.decision is not None and order.get(cost.decision, -1) > here:
        return ABSENT
    return cost.amount


def resting_on(line: BudgetLine | CostLine, as_left_by: str | None, order: dict[str, int]) -> str | None:
    """The decision the line's amount rests on as `as_left_by` left it (None: the data as they stand): the
    latest decision up to it that introduced or changed the line; None where the data name none."""
    here = order.get(as_left_by, -1) if as_left_by is not None else len(order)
    changes = line.history() if isinstance(line, BudgetLine) else ()
    named = [d for d in [line.decision, *(c.decision for c in changes)] if d is not None and order.get(d, -1) <= here]
    return max(named, key=lambda d: order.get(d, -1), default=None)


def change_by(line: BudgetLine, decision_id: str, order: dict[str, int]) -> tuple[Decimal | None, Decimal | None]:
    """What `decision_id` did to the line: the amount before it (None for a line it introduces) and after it;
    the amount after is the amount before the next change, or the amount now."""
    history = line.history()
    for i, change in enumerate(history):
        if change.decision == decision_id:
            after = history[i + 1].previous_amount if i + 1 < len(history) else line.amount
            return change.previous_amount, after
    if line.decision == decision_id:
        return None, history[0].previous_amount if history else line.amount
    now = line_amount_after(line, decision_id, order)
    unchanged = now if isinstance(now, Decimal) else None
    return unchanged, unchanged


def touches(line: BudgetLine, decision_id: str) -> bool:
    """Does the decision introduce or change the line?"""
    return line.decision == decision_id or any(c.decision == decision_id for c in line.history())


class Resting(Report):
    """What rests on one decision in the data as they stand: the lines it introduces and changes, the
    extensions it grants; with its status, so a reader sees what is only proposed."""

    decision: str
    reference: str
    date: str
    status: str | None  # its latest step; None: the data do not say
    status_date: str | None
    adopted: bool  # vastgesteld, or shown carried out by a later document
    years: list[int]
    introduced: int  # lines (cost lines included) the decision introduces
    introduced_amount: Decimal  # their known amount
    changed: int  # lines whose amount it changes
    changed_amount: Decimal  # the net known change
    extensions: int


def resting_on_decisions(dataset: Dataset) -> list[Resting]:
    """Every decision in chain order with what rests on it."""
    built = index(dataset)
    order = built.order
    cost_lines = dataset.programmes.model.cost_lines if dataset.programmes else []
    costs_by: dict[str, list[CostLine]] = defaultdict(list)
    for cost in cost_lines:
        if cost.decision:
            costs_by[cost.decision].append(cost)
    extensions: dict[str, int] = defaultdict(int)
    for located in dataset.projects:
        for extension in located.model.extensions:
            extensions[extension.decision] += 1
    found = []
    for decision in built.decisions:
        new = [(c.year, c.amount) for c in costs_by.get(decision.id, [])]
        introduced = built.introduced.get(decision.id, [])
        new += [(line.span()[0], change_by(line, decision.id, order)[1]) for _, line in introduced]
        touched = built.changed.get(decision.id, [])
        changed = [(line.span(), *change_by(line, decision.id, order)) for _, line in touched]
        step = current_step(decision)
        years = {year for year, _ in new} | {y for span, _, _ in changed for y in span}
        found.append(
            Resting(
                decision=decision.id,
                reference=decision.reference,
                date=decision.date.isoformat(),
                status=step.status.value if step else None,
                status_date=step.date.isoformat() if step else None,
                adopted=is_adopted(decision),
                years=sorted(years | {m.year for m in decision.moves}),
                introduced=len(new),
                introduced_amount=sum((amount for _, amount in new if amount is not None), ZERO),
                changed=len(changed),
                changed_amount=sum(
                    (after - before for _, before, after in changed if before is not None and after is not None), ZERO
                ),
                extensions=extensions.get(decision.id, 0),
            )
        )
    return found
