"""One decision as a collegevoorstel's financial paragraph needs it.

What stops, what is released and funded, the was/wordt of every budget line the
decision touches, the effect on each year's total and headroom, the conditions,
and the verdict of its checks. Plain figures; the renderers word them.
"""

from __future__ import annotations

from decimal import Decimal

from .. import budget
from ..figures import Figure
from ..load.loader import Dataset
from ..models import Decision
from ..moves import MoveCheck, move_checks
from ..neutrality import NeutralityCheck, neutrality_check
from ..values import ZERO, Report, Verdict


class LineChange(Report):
    """One budget line a decision touches: what it was before the decision and what it becomes."""

    project: str
    project_name: str
    years: list[int]
    label: str
    was: Decimal | None  # None: the line is new with this decision
    wordt: Figure
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


class DecisionReport(Report):
    id: str
    reference: str
    title: str
    date: str
    kind: str
    source: str
    stopped: list[str]
    neutrality: NeutralityCheck | None
    moves: list[MoveCheck]
    changes: list[LineChange]
    years: list[YearEffect]
    spread: list[LineChange]  # lines over several years whose split is unknown: shown, not added to a year
    verdict: Verdict
    explanation: str


def build_decision_report(dataset: Dataset, decision: Decision) -> DecisionReport:
    changes, spread = _changes(dataset, decision)
    neutrality = neutrality_check(dataset, decision) if decision.kind == "bijstelling" else None
    moves = move_checks(dataset, decision)
    verdicts = ([neutrality.verdict] if neutrality else []) + [m.verdict for m in moves]
    if Verdict.FAIL in verdicts:
        verdict, why = Verdict.FAIL, "het besluit is niet (volledig) verwerkt of niet neutraal: zie de tabellen"
    elif Verdict.UNKNOWN in verdicts:
        verdict, why = Verdict.UNKNOWN, "niet alles is te toetsen: de bronnen noemen niet elk bedrag"
    else:
        verdict, why = Verdict.PASS, "het besluit is neutraal en volledig verwerkt in de begrotingsregels"
    names = {p.model.id: p.model.name for p in dataset.projects}
    return DecisionReport(
        id=decision.id,
        reference=decision.reference,
        title=decision.title,
        date=decision.date.isoformat(),
        kind=decision.kind,
        source=decision.source,
        stopped=[names.get(p, p) for p in decision.stopped],
        neutrality=neutrality,
        moves=moves,
        changes=changes,
        years=_year_effects(dataset, changes),
        spread=spread,
        verdict=verdict,
        explanation=why,
    )


def _changes(dataset: Dataset, decision: Decision) -> tuple[list[LineChange], list[LineChange]]:
    changes: list[LineChange] = []
    spread: list[LineChange] = []
    for located in dataset.projects:
        project = located.model
        figures = budget.line_figures(project)
        for line, figure in zip(project.budget, figures, strict=True):
            if decision.id not in (line.decision, line.changed_by):
                continue
            was = line.previous_amount if line.changed_by == decision.id else None
            change = LineChange(
                project=project.id,
                project_name=project.name,
                years=line.span(),
                label=line.description,
                was=was,
                wordt=figure,
                condition=line.condition,
                source=line.source,
            )
            (changes if line.year is not None else spread).append(change)
    return changes, spread


def _year_effects(dataset: Dataset, changes: list[LineChange]) -> list[YearEffect]:
    effects = []
    for year in sorted({c.years[0] for c in changes}):
        in_year = [c for c in changes if c.years == [year]]
        known = [c for c in in_year if c.wordt.value is not None]
        delta = sum(((c.wordt.value or ZERO) - (c.was or ZERO) for c in known), ZERO)
        check = budget.year_check(dataset, year)
        headroom_after = check.headroom
        effects.append(
            YearEffect(
                year=year,
                change=delta,
                total_before=check.committed - delta,
                total_after=check.committed,
                available=check.available,
                headroom_before=headroom_after + delta,
                headroom_after=headroom_after,
                unknown_changes=len(in_year) - len(known),
            )
        )
    return effects
