"""One decision as a collegevoorstel's financial paragraph needs it.

What stops, what is released and funded, the was/wordt of every budget line the
decision touches, the effect on each year's total and headroom, the conditions,
and the verdict of its checks. Plain figures; the renderers word them.
"""

from __future__ import annotations

from decimal import Decimal

from .. import budget, decisions
from ..figures import Figure
from ..funds import FundWithdrawal, fund_ledgers
from ..load.loader import Dataset
from ..models import Decision, DecisionStep
from ..moves import MoveCheck, move_checks
from ..neutrality import NeutralityCheck, neutrality_check
from ..values import ZERO, Report, Verdict


class LineChange(Report):
    """One budget line a decision touches: what it was before the decision and what the decision made it."""

    project: str | None  # None: a programme cost line (organisation costs)
    project_name: str
    years: list[int]
    label: str
    was: Decimal | None  # None: the line is new with this decision
    wordt: Figure
    funding: str | None  # the fund the line is paid from, by name
    condition: str | None
    source: str


class YearEffect(Report):
    year: int
    change: Decimal  # the known part of what this decision adds to the year
    total_before: Decimal
    total_after: Decimal
    available: Figure
    headroom_before: Figure
    headroom_after: Figure
    unknown_changes: int  # lines of this decision in the year whose amount is unknown


class SpanEffect(Report):
    """What the decision adds to lines over several years whose split the source does not give: named, not divided."""

    years: list[int]
    change: Decimal
    lines: list[str]


class Funding(Report):
    """Where the money a decision adds comes from: `€ X uit <fonds>`."""

    funding: str | None  # None: the lines name no fund
    name: str
    amount: Decimal


class ExtensionChange(Report):
    project: str
    project_name: str
    end: str
    condition: str | None
    source: str


class DrawnFrom(Report):
    fund: str  # the fund's name
    withdrawal: FundWithdrawal


class StatusStep(Report):
    status: str
    date: str
    by: str | None
    to: str | None
    until: str | None
    source: str
    note: str | None


class DecisionReport(Report):
    id: str
    reference: str
    title: str
    date: str
    kind: str
    source: str
    status: list[StatusStep]  # oldest first; empty: the data do not say
    stopped: list[str]
    extensions: list[ExtensionChange]
    neutrality: NeutralityCheck | None
    moves: list[MoveCheck]
    changes: list[LineChange]
    years: list[YearEffect]
    spread: list[LineChange]  # lines over several years whose split is unknown: shown, not added to a year
    spans: list[SpanEffect]
    funding: list[Funding]  # the money added, per fund; empty when the decision adds nothing
    withdrawals: list[DrawnFrom]  # its moves from a fund, each against the fund's balance just before
    verdict: Verdict
    explanation: str


def _verdict(
    neutrality: NeutralityCheck | None, moves: list[MoveCheck], funding: list[Funding], drawn: list[DrawnFrom]
) -> tuple[Verdict, str]:
    """Neutral only where the decision claims it (a bijstelling) and is; a decision that adds money says so;
    a draw on a fund is judged as check-budget judges it."""
    verdicts = ([neutrality.verdict] if neutrality else []) + [m.verdict for m in moves]
    verdicts += [d.withdrawal.verdict for d in drawn]
    if Verdict.FAIL in verdicts:
        return Verdict.FAIL, "het besluit is niet (volledig) verwerkt, niet neutraal of niet gedekt: zie de tabellen"
    if Verdict.UNKNOWN in verdicts:
        return Verdict.UNKNOWN, "niet alles is te toetsen: de bronnen noemen niet elk bedrag of saldo"
    if neutrality:
        return Verdict.PASS, "het besluit is neutraal en volledig verwerkt in de begrotingsregels"
    added = [f for f in funding if f.amount]
    if not added:
        return Verdict.PASS, "het besluit is volledig verwerkt in de begrotingsregels en voegt geen geld toe"
    if all(f.amount < 0 for f in added):
        return Verdict.PASS, "het besluit is volledig verwerkt in de begrotingsregels en geeft geld terug (zie Dekking)"
    return Verdict.PASS, "het besluit is volledig verwerkt in de begrotingsregels en voegt geld toe (zie Dekking)"


def build_decision_report(dataset: Dataset, decision: Decision) -> DecisionReport:
    changes, spread = _changes(dataset, decision)
    neutrality = neutrality_check(dataset, decision) if decision.kind == "bijstelling" else None
    moves = move_checks(dataset, decision)
    funding = _funding([*changes, *spread])
    drawn = [
        DrawnFrom(fund=ledger.name, withdrawal=w)
        for ledger in fund_ledgers(dataset)
        for w in ledger.withdrawals
        if w.decision == decision.id
    ]
    verdict, why = _verdict(neutrality, moves, funding, drawn)
    names = {p.model.id: p.model.name for p in dataset.projects}
    return DecisionReport(
        id=decision.id,
        reference=decision.reference,
        title=decision.title,
        date=decision.date.isoformat(),
        kind=decision.kind,
        source=decision.source,
        status=[_step(step) for step in decision.status],
        stopped=[names.get(p, p) for p in decision.stopped],
        extensions=_extensions(dataset, decision),
        neutrality=neutrality,
        moves=moves,
        changes=changes,
        years=_year_effects(dataset, decision, changes),
        spread=spread,
        spans=_span_effects(spread),
        funding=funding,
        withdrawals=drawn,
        verdict=verdict,
        explanation=why,
    )


def _step(step: DecisionStep) -> StatusStep:
    return StatusStep(
        status=step.status.value,
        date=step.date.isoformat(),
        by=step.by,
        to=step.to,
        until=step.until.isoformat() if step.until else None,
        source=step.source,
        note=step.note,
    )


def _extensions(dataset: Dataset, decision: Decision) -> list[ExtensionChange]:
    return [
        ExtensionChange(
            project=p.model.id, project_name=p.model.name, end=e.end, condition=e.condition, source=e.source
        )
        for p in dataset.projects
        for e in p.model.extensions
        if e.decision == decision.id
    ]


def _fund_names(dataset: Dataset) -> dict[str, str]:
    return {f.id: f.name for f in dataset.programmes.model.funding_sources} if dataset.programmes else {}


def _changes(dataset: Dataset, decision: Decision) -> tuple[list[LineChange], list[LineChange]]:
    """Every line the decision introduces or changes, against the version before it: a line it introduces is
    new (no `was`), organisation cost lines included; `wordt` is the amount as the decision left it."""
    changes: list[LineChange] = []
    spread: list[LineChange] = []
    order = decisions.positions(dataset)
    funds = _fund_names(dataset)
    cost_lines = dataset.programmes.model.cost_lines if dataset.programmes else []
    for cost in cost_lines:
        if cost.decision == decision.id:
            changes.append(
                LineChange(
                    project=None,
                    project_name="Organisatie",
                    years=[cost.year],
                    label=cost.description,
                    was=None,
                    wordt=Figure.of(cost.amount),
                    funding=funds.get(cost.funding or "", cost.funding),
                    condition=None,
                    source=cost.source,
                )
            )
    for located in dataset.projects:
        project = located.model
        figures = budget.line_figures(project)
        for line, figure in zip(project.budget, figures, strict=True):
            if not decisions.touches(line, decision.id):
                continue
            was, after = decisions.change_by(line, decision.id, order)
            wordt = figure if after == line.amount else Figure.of(after)
            change = LineChange(
                project=project.id,
                project_name=project.name,
                years=line.span(),
                label=line.description,
                was=was,
                wordt=wordt,
                funding=funds.get(line.funding or "", line.funding),
                condition=line.condition,
                source=line.source,
            )
            (changes if line.year is not None else spread).append(change)
    return changes, spread


def _funding(changes: list[LineChange]) -> list[Funding]:
    """The money the decision adds to the begroting (negative: gives back), per fund its lines name; a move
    from one line to another nets out."""
    added: dict[str | None, Decimal] = {}
    for change in changes:
        if change.wordt.value is None:
            continue
        delta = change.wordt.value - (change.was or ZERO)
        added[change.funding] = added.get(change.funding, ZERO) + delta
    return [
        Funding(funding=key, name=key or "geen fonds genoemd", amount=amount)
        for key, amount in sorted(added.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        if amount
    ]


def _span_effects(spread: list[LineChange]) -> list[SpanEffect]:
    spans: dict[tuple[int, ...], SpanEffect] = {}
    for change in spread:
        key = tuple(change.years)
        delta = (change.wordt.value or ZERO) - (change.was or ZERO)
        found = spans.get(key) or SpanEffect(years=list(key), change=ZERO, lines=[])
        spans[key] = SpanEffect(
            years=found.years,
            change=found.change + delta,
            lines=[*found.lines, f"{change.project_name}: {change.label}"],
        )
    return list(spans.values())


def _year_effects(dataset: Dataset, decision: Decision, changes: list[LineChange]) -> list[YearEffect]:
    """Each year's total as the decision left it, and before it: the lines it introduced out, the lines it
    changed at their amount before."""
    effects = []
    for year in sorted({c.years[0] for c in changes}):
        in_year = [c for c in changes if c.years == [year]]
        known = [c for c in in_year if c.wordt.value is not None]
        delta = sum(((c.wordt.value or ZERO) - (c.was or ZERO) for c in known), ZERO)
        lines = budget.lines_for_year(dataset, year, as_left_by=decision.id)
        after = sum((line.amount for line in lines if line.amount is not None and not line.condition_failed), ZERO)
        available, _ = budget.available_in(dataset, year)
        effects.append(
            YearEffect(
                year=year,
                change=delta,
                total_before=after - delta,
                total_after=after,
                available=available,
                headroom_before=available - (after - delta),
                headroom_after=available - after,
                unknown_changes=len(in_year) - len(known),
            )
        )
    return effects
