"""Money moved between budget lines by a begrotingswijziging: every move reflected in its lines, to the cent."""

from __future__ import annotations

from decimal import Decimal

from . import decisions
from .decisions import change_by, index
from .load.loader import Dataset
from .models import BudgetLine, Decision, Project
from .values import ZERO, Report, Verdict


class MoveCheck(Report):
    """One budget line touched by a decision: what the decision moves against what the line shows."""

    decision: str
    reference: str
    status: str | None = None  # the decision's latest step; None: the data do not say
    project: str
    project_name: str
    line: str
    label: str
    year: int | None
    previous: Decimal | None  # the line before the decision (0 for a line the decision creates)
    amount: Decimal | None  # the line as the decision left it (before the next change, or now)
    declared: Decimal  # what the decision's moves add to (+) or take from (-) this line
    actual: Decimal | None  # amount minus previous; None where the line's amount is unknown
    difference: Decimal
    verdict: Verdict
    explanation: str


def declared_moves(decision: Decision) -> dict[tuple[str, str], Decimal]:
    """What the decision's moves add to (+) or take from (-) each (project, line) they name."""
    declared: dict[tuple[str, str], Decimal] = {}
    for move in decision.moves:
        for end, sign in ((move.from_, -1), (move.to, 1)):
            if end.project and end.line:
                key = (end.project, end.line)
                declared[key] = declared.get(key, ZERO) + sign * move.amount
    return declared


def move_checks(dataset: Dataset, only: Decision | None = None) -> list[MoveCheck]:
    """Every declared move is reflected in the lines, and every changed line by a move of its decision; a
    decision's lines come from the chain's index, in the order of the files."""
    checks = []
    built = index(dataset)
    project_position = {located.model.id: i for i, located in enumerate(dataset.projects)}
    for decision in [only] if only else [located.model for located in dataset.decisions]:
        declared = declared_moves(decision)
        touched = {id(line): (project, line) for project, line in built.changed.get(decision.id, [])}
        touched.update({id(placed[1]): placed for key in declared if (placed := built.by_line.get(key))})
        ordered = sorted(
            touched.values(), key=lambda pl: (project_position.get(pl[0].id, -1), pl[0].budget.index(pl[1]))
        )
        for project, line in ordered:
            before, after = change_by(line, decision.id, built.order)
            if before is None and line.decision == decision.id:
                before = ZERO  # a line the decision creates
            key = (project.id, line.id or "")
            checks.append(_move_check(decision, project, line, declared.get(key, ZERO), before, after))
    return checks


def _move_check(
    decision: Decision,
    project: Project,
    line: BudgetLine,
    declared: Decimal,
    previous: Decimal | None,
    amount: Decimal | None,
) -> MoveCheck:
    actual = amount - previous if amount is not None and previous is not None else None
    if actual is None:
        verdict, difference = Verdict.UNKNOWN, ZERO
        why = "het bedrag van de regel is onbekend"
    elif actual == declared:
        verdict, difference = Verdict.PASS, ZERO
        why = "de regel is precies zoveel veranderd als het besluit verschuift"
    else:
        verdict, difference = Verdict.FAIL, actual - declared
        if not declared:
            why = "de regel noemt dit besluit als wijziging, maar het besluit verschuift niets van of naar deze regel"
        elif not actual:
            why = "het besluit verschuift geld van of naar deze regel, maar de regel is niet veranderd"
        else:
            why = "de regel is anders veranderd dan het besluit verschuift"
    return MoveCheck(
        decision=decision.id,
        reference=decision.reference,
        status=decisions.status_label(decision),
        project=project.id,
        project_name=project.name,
        line=line.id or line.description,
        label=line.description,
        year=line.year,
        previous=previous,
        amount=amount,
        declared=declared,
        actual=actual,
        difference=difference,
        verdict=verdict,
        explanation=why,
    )
