"""Funds with a ledger: every funding source and every bijstelling's flexible budget, in the order of the
decisions, from its opening balance through what flows in and what is drawn from it.

A fund's opening balance is what a source says is in it (a funding source's `amount`, a flexible budget's
`amount` or the remainder of its bijstelling); it is unknown where no source says. What flows in: moves to
the fund, lines whose condition failed (released to their fund). What is drawn: the lines it pays for (at
the decision that introduced them, and each change that no move explains) and the moves from it. Only a
move draws on a balance a reader must trust, so each move from a fund is checked: within a known balance it
voldoet, beyond it voldoet niet, and against an unknown balance it is niet toetsbaar, naming the figure that
would decide it. Money from a fund of unknown size is never called neutral.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from . import decisions
from .load.loader import Dataset
from .models import BudgetLine, CostLine, Decision, MoveEnd, Project
from .moves import declared_moves
from .neutrality import neutrality_check
from .periods import years_text
from .values import ZERO, Report, Verdict


class FundEntry(Report):
    """One line of a fund's ledger; `balance` after it, None from the first unknown on."""

    decision: str | None  # None: not tied to a decision (a line in the begroting from the start)
    reference: str | None
    status: str | None  # the decision's latest step
    kind: Literal["opening", "addition", "withdrawal"]
    label: str
    years: str
    amount: Decimal | None  # None: unknown
    balance: Decimal | None


class FundWithdrawal(Report):
    """A move from a fund against the balance it had just before."""

    decision: str
    reference: str
    year: int
    label: str
    amount: Decimal
    balance_before: Decimal | None
    difference: Decimal  # beyond the balance, where it does not fit
    verdict: Verdict
    explanation: str
    missing: list[str]


class FundLedger(Report):
    fund: str  # the funding source's id, or the bijstelling's id for its flexible budget
    name: str
    kind: Literal["fonds", "flexibel budget"]
    opening: Decimal | None
    opening_source: str | None
    entries: list[FundEntry]
    balance: Decimal | None
    withdrawals: list[FundWithdrawal]


@dataclass(frozen=True, slots=True)
class _Raw:
    """An entry before its balance is known: a plain record, one per line and move at national scale."""

    position: int
    decision: Decision | None
    kind: Literal["addition", "withdrawal"]
    label: str
    years: str
    amount: Decimal | None
    move_year: int | None = None  # set for a move from the fund: the withdrawal that is checked


def _move_entries(dataset: Dataset) -> dict[tuple[str, str], list[_Raw]]:
    """Every move's two ends that are funds, by (kind, fund), built once for all ledgers."""
    order = decisions.positions(dataset)
    names = {p.model.id: p.model.name for p in dataset.projects}
    found: dict[tuple[str, str], list[_Raw]] = defaultdict(list)
    for decision in decisions.chain(dataset):
        for move in decision.moves:
            ends: list[tuple[MoveEnd, MoveEnd, Literal["addition", "withdrawal"]]] = [
                (move.to, move.from_, "addition"),
                (move.from_, move.to, "withdrawal"),
            ]
            for end, other, direction in ends:
                key = ("fonds", end.funding) if end.funding else ("flexibel budget", end.flexible_budget or "")
                if not (end.funding or end.flexible_budget):
                    continue
                where = names.get(other.project or "", other.project) if other.project else "een fonds"
                verb = "van" if direction == "addition" else "naar"
                found[key].append(
                    _Raw(
                        position=order[decision.id],
                        decision=decision,
                        kind=direction,
                        label=f"verschuiving {verb} {where}",
                        years=str(move.year),
                        amount=move.amount,
                        move_year=move.year if direction == "withdrawal" else None,
                    )
                )
    return found


def _line_entries(dataset: Dataset, fund: str, costs: list[CostLine]) -> list[_Raw]:
    """The lines a fund pays for: at the decision that introduced them (or from the start), and each change
    that no move of its decision explains (a move is its own entry)."""
    built = decisions.index(dataset)
    by_id = {d.id: d for d in built.decisions}
    raw = [
        _Raw(
            position=built.order.get(cost.decision or "", -1),
            decision=by_id.get(cost.decision or ""),
            kind="withdrawal",
            label=cost.description,
            years=str(cost.year),
            amount=cost.amount,
        )
        for cost in costs
    ]
    for project, line in built.by_funding.get(fund, []):
        raw += _entries_of_line(project, line, by_id, built.order)
    return raw


def _entries_of_line(
    project: Project, line: BudgetLine, by_id: dict[str, Decision], order: dict[str, int]
) -> list[_Raw]:
    """One line a fund pays for: its first amount (less what the moves of the decision that introduced it bring
    into it: a move is its own entry), each change no move explains, and its release where its condition
    failed."""
    years = years_text(line.span())
    history = line.history()
    label = f"{project.name}: {line.description}"
    first = history[0].previous_amount if history else line.amount
    introduced_by = by_id.get(line.decision or "")
    if introduced_by is not None and first is not None:  # what its own decision moves into it is the move's entry
        first -= _moved(introduced_by, project.id, line.id)
    raw: list[_Raw] = []
    if first is None or first != ZERO or introduced_by is None:
        raw.append(
            _Raw(
                position=order.get(line.decision or "", -1),
                decision=introduced_by,
                kind="withdrawal",
                label=label,
                years=years,
                amount=first,
            )
        )
    for change in history:
        before, after = decisions.change_by(line, change.decision, order)
        moved = _moved(by_id[change.decision], project.id, line.id) if change.decision in by_id else ZERO
        delta = (after - before - moved) if after is not None and before is not None else None
        if delta != ZERO:
            raw.append(
                _Raw(
                    position=order.get(change.decision, -1),
                    decision=by_id.get(change.decision),
                    kind="withdrawal",
                    label=f"{label} (gewijzigd)",
                    years=years,
                    amount=delta,
                )
            )
    if line.condition_failed is not None and line.amount is not None:
        raw.append(
            _Raw(
                position=len(order),
                decision=None,
                kind="addition",
                label=f"{label}: voorwaarde vervallen {line.condition_failed.as_of}, valt vrij",
                years=years,
                amount=line.amount,
            )
        )
    return raw


def _moved(decision: Decision, project: str, line: str | None) -> Decimal:
    return declared_moves(decision).get((project, line or ""), ZERO)


def _ledger(
    dataset: Dataset,
    fund: str,
    name: str,
    kind: Literal["fonds", "flexibel budget"],
    opening: tuple[Decimal | None, str | None],
    moves: list[_Raw],
    costs: list[CostLine],
) -> FundLedger:
    raw = list(moves)
    if kind == "fonds":
        raw += _line_entries(dataset, fund, costs)
    raw.sort(key=lambda r: r.position)  # stable: within a decision, moves before the lines it pays for
    amount, source = opening
    balance = amount
    entries = [
        FundEntry(
            decision=None,
            reference=None,
            status=None,
            kind="opening",
            label="beginsaldo",
            years="",
            amount=amount,
            balance=amount,
        )
    ]
    withdrawals = []
    for entry in raw:
        if entry.move_year is not None and entry.decision is not None:
            withdrawals.append(_check(entry, balance, name, source))
        if balance is not None and entry.amount is not None:
            balance = balance + entry.amount if entry.kind == "addition" else balance - entry.amount
        else:
            balance = None
        step = decisions.current_step(entry.decision) if entry.decision else None
        entries.append(
            FundEntry(
                decision=entry.decision.id if entry.decision else None,
                reference=entry.decision.reference if entry.decision else None,
                status=step.status.value if step else None,
                kind=entry.kind,
                label=entry.label,
                years=entry.years,
                amount=entry.amount,
                balance=balance,
            )
        )
    return FundLedger(
        fund=fund,
        name=name,
        kind=kind,
        opening=amount,
        opening_source=source,
        entries=entries,
        balance=balance,
        withdrawals=withdrawals,
    )


def _check(entry: _Raw, balance: Decimal | None, name: str, opening_source: str | None) -> FundWithdrawal:
    assert entry.decision is not None and entry.amount is not None and entry.move_year is not None
    base = dict(
        decision=entry.decision.id,
        reference=entry.decision.reference,
        year=entry.move_year,
        label=entry.label,
        amount=entry.amount,
        balance_before=balance,
    )
    if balance is None:
        what = f"het saldo van {name}" if opening_source else f"het beginsaldo van {name} (geen bron noemt het)"
        return FundWithdrawal(
            **base,
            difference=ZERO,
            verdict=Verdict.UNKNOWN,
            missing=[what],
            explanation="het saldo van het fonds is onbekend: de opname is niet te toetsen",
        )
    if entry.amount > balance:
        return FundWithdrawal(
            **base,
            difference=entry.amount - balance,
            verdict=Verdict.FAIL,
            missing=[],
            explanation="de opname is hoger dan het saldo van het fonds",
        )
    return FundWithdrawal(
        **base,
        difference=ZERO,
        verdict=Verdict.PASS,
        missing=[],
        explanation="de opname past binnen het saldo van het fonds",
    )


def _flexible_opening(dataset: Dataset, decision: Decision) -> tuple[Decimal | None, str | None]:
    """What a source says is in the flexible budget; else the remainder of its bijstelling where that is
    known exactly enough: the low end of its margin, so a draw is never allowed on money that may not be there."""
    flexible = decision.flexible_budget
    if flexible is not None and flexible.amount is not None:
        return flexible.amount, flexible.source
    if decision.kind != "bijstelling":
        return None, None
    remainder = neutrality_check(dataset, decision).flexible_budget
    if remainder.value is None or remainder.bound == "min":  # only "not negative" is known: that is unknown
        return None, None
    low = remainder.low if remainder.low is not None else remainder.value
    return low, f"het restant van {decision.reference}: vrijgevallen min gefinancierd"


def fund_ledgers(dataset: Dataset) -> list[FundLedger]:
    """Every fund that something draws on or flows into: the funding sources, then the flexible budgets."""
    ledgers = []
    moves = _move_entries(dataset)
    costs: dict[str, list[CostLine]] = defaultdict(list)
    for cost in dataset.programmes.model.cost_lines if dataset.programmes else []:
        if cost.funding:
            costs[cost.funding].append(cost)
    sources = dataset.programmes.model.funding_sources if dataset.programmes else []
    for source in sources:
        amount = source.amount if isinstance(source.amount, Decimal) else None
        opening = (amount, source.source if amount is not None else None)
        ledger = _ledger(
            dataset, source.id, source.name, "fonds", opening, moves.get(("fonds", source.id), []), costs[source.id]
        )
        if len(ledger.entries) > 1:
            ledgers.append(ledger)
    for decision in decisions.chain(dataset):
        drawn = moves.get(("flexibel budget", decision.id), [])
        if decision.flexible_budget is not None or drawn:
            name = f"flexibel budget van {decision.reference}"
            opening = _flexible_opening(dataset, decision)
            ledgers.append(_ledger(dataset, decision.id, name, "flexibel budget", opening, drawn, []))
    return ledgers
