"""Who may decide what: each change a decision makes against the mandates in `programmes.yaml`.

A decision is adopted by the bodies of its `vastgesteld` steps. Each of its changes is of a kind (a shift
within or between programmes, money into or out of a flexible budget, a withdrawal from a reserve or another
fund, a bijstelling as a whole); a mandate names the bodies that together may adopt a kind, for one fund or
for all. A change is within the mandate where the adopting bodies include every body of a mandate for its
kind (voldoet); outside it where mandates for its kind exist and none is met (voldoet niet, naming the rule);
niet toetsbaar where the decision is not adopted in the data, its adopting bodies are not named, or no
mandate in the data covers the kind. The mandates come from the sources; what they do not say is absent, and
so undecidable, never allowed by default.
"""

from __future__ import annotations

from decimal import Decimal

from . import decisions
from .load.loader import Dataset
from .models import ChangeKind, Decision, DecisionStatus, Mandate, Move, MoveEnd
from .values import Report, Verdict

KIND_LABEL = {
    ChangeKind.BIJSTELLING: "bijstelling van de programma's",
    ChangeKind.BINNEN_PROGRAMMA: "verschuiving binnen een programma",
    ChangeKind.TUSSEN_PROGRAMMAS: "verschuiving tussen programma's",
    ChangeKind.FLEXIBEL_BUDGET: "inzet van het flexibel budget",
    ChangeKind.RESERVE: "mutatie van een reserve",
    ChangeKind.FONDS: "mutatie van een fonds",
}


KIND_ABOUT = {  # "wie besluit over ..."
    ChangeKind.BIJSTELLING: "een bijstelling van de programma's",
    ChangeKind.BINNEN_PROGRAMMA: "een verschuiving binnen een programma",
    ChangeKind.TUSSEN_PROGRAMMAS: "een verschuiving tussen programma's",
    ChangeKind.FLEXIBEL_BUDGET: "de inzet van het flexibel budget",
    ChangeKind.RESERVE: "een onttrekking aan of storting in een reserve",
    ChangeKind.FONDS: "de inzet van een fonds of een storting erin",
}


def _together(names: list[str]) -> str:
    """`Werkkamer besluit`, `Portefeuillehoudersoverleg W&I en Werkkamer besluiten`."""
    return " en ".join(names) + (" besluiten" if len(names) > 1 else " besluit")


class Change(Report):
    """One change a decision makes, as a mandate sees it."""

    kind: ChangeKind | None  # None: the kind cannot be told (a project without a programme)
    label: str  # what moves, from where to where
    year: int | None
    amount: Decimal | None
    funding: str | None  # the fund drawn on, for `fonds` and `reserve`


class MandateCheck(Report):
    decision: str
    reference: str
    status: str | None  # the decision's latest step
    change: Change
    bodies: list[str]  # the names of the bodies that adopted it
    rule: str | None  # the mandate the verdict rests on: met, or the first one not met
    rule_text: str | None  # `flexibel-budget: Portefeuillehoudersoverleg W&I en Werkkamer (bron)`
    verdict: Verdict
    explanation: str
    missing: list[str]


def _programme_of(dataset: Dataset, end: MoveEnd) -> str | None:
    project = dataset.project(end.project) if end.project else None
    return project.programme if project else None


def _end_label(dataset: Dataset, end: MoveEnd) -> str:
    if end.project:
        project = dataset.project(end.project)
        return f"{project.name if project else end.project} '{end.line}'"
    if end.flexible_budget:
        return f"het flexibel budget van {end.flexible_budget}"
    return _fund_name(dataset, end.funding or "")


def _fund_name(dataset: Dataset, funding: str) -> str:
    sources = dataset.programmes.model.funding_sources if dataset.programmes else []
    return next((f.name for f in sources if f.id == funding), funding)


def _fund_kind(dataset: Dataset, funding: str) -> ChangeKind:
    sources = dataset.programmes.model.funding_sources if dataset.programmes else []
    kind = next((f.kind for f in sources if f.id == funding), None)
    return ChangeKind.RESERVE if kind == "reserve" else ChangeKind.FONDS


def move_kind(dataset: Dataset, move: Move) -> tuple[ChangeKind | None, str | None]:
    """The kind of a move and the fund it draws on: a flexible budget on either end, then a fund it comes
    from, then the programmes of the two lines."""
    if move.from_.flexible_budget or move.to.flexible_budget:
        return ChangeKind.FLEXIBEL_BUDGET, None
    if move.from_.funding:
        return _fund_kind(dataset, move.from_.funding), move.from_.funding
    if move.to.funding:  # money back to a fund: the lines' programme decides nothing here
        return _fund_kind(dataset, move.to.funding), move.to.funding
    here, there = _programme_of(dataset, move.from_), _programme_of(dataset, move.to)
    if here is None or there is None:
        return None, None
    return (ChangeKind.BINNEN_PROGRAMMA if here == there else ChangeKind.TUSSEN_PROGRAMMAS), None


def changes(dataset: Dataset, decision: Decision) -> list[Change]:
    """What a decision changes, kind by kind: a bijstelling as a whole and each fund it releases; each move."""
    found: list[Change] = []
    if decision.kind == "bijstelling":
        found.append(
            Change(
                kind=ChangeKind.BIJSTELLING,
                label=f"bijstelling {decision.reference}",
                year=None,
                amount=None,
                funding=None,
            )
        )
        found += [
            Change(
                kind=_fund_kind(dataset, release.funding),
                label=_fund_name(dataset, release.funding),
                year=None,
                amount=release.amount,
                funding=release.funding,
            )
            for release in decision.released
        ]
    for move in decision.moves:
        kind, funding = move_kind(dataset, move)
        label = f"van {_end_label(dataset, move.from_)} naar {_end_label(dataset, move.to)}"
        found.append(Change(kind=kind, label=label, year=move.year, amount=move.amount, funding=funding))
    return found


def adopting_bodies(decision: Decision) -> list[str] | None:
    """The bodies of its `vastgesteld` steps; None where it is not adopted in the data, [] where an adoption
    names no body."""
    adopted = [step for step in decision.status if step.status is DecisionStatus.VASTGESTELD]
    if not adopted:
        return None
    return list(dict.fromkeys(body for step in adopted for body in step.bodies))


def _rule_text(dataset: Dataset, mandate: Mandate) -> str:
    names = _body_names(dataset)
    bodies = " en ".join(names.get(b, b) for b in mandate.bodies)
    scope = f" ({_fund_name(dataset, mandate.funding)})" if mandate.funding else ""
    return f"{mandate.id}: {KIND_LABEL[mandate.change]}{scope} door {bodies} ({mandate.source})"


def _body_names(dataset: Dataset) -> dict[str, str]:
    return {b.id: b.name for b in dataset.programmes.model.bodies} if dataset.programmes else {}


def _applicable(dataset: Dataset, change: Change) -> list[Mandate]:
    """The mandates for the change's kind: those for its fund first; a general one where none names the fund."""
    mandates = dataset.programmes.model.mandates if dataset.programmes else []
    of_kind = [m for m in mandates if m.change == change.kind]
    for_fund = [m for m in of_kind if m.funding is not None and m.funding == change.funding]
    return for_fund or [m for m in of_kind if m.funding is None]


def check_change(dataset: Dataset, decision: Decision, change: Change) -> MandateCheck:
    adopted = adopting_bodies(decision)
    names = _body_names(dataset)
    base = {
        "decision": decision.id,
        "reference": decision.reference,
        "status": decisions.status_label(decision),
        "change": change,
        "bodies": [names.get(b, b) for b in adopted or []],
    }
    what = KIND_ABOUT[change.kind] if change.kind else "deze wijziging"
    rules = _applicable(dataset, change) if change.kind else []
    rule = rules[0] if rules else None
    said = (
        f"volgens regel {rule.id}: {_together([names.get(b, b) for b in rule.bodies])} hierover"
        if rule
        else f"de bronnen in de data zeggen niet wie besluit over {what}"
    )
    undecided = {"rule": rule.id if rule else None, "rule_text": _rule_text(dataset, rule) if rule else None}
    if adopted is None:
        why = f"niet vastgesteld in de data, dus nog niet te toetsen; {said}"
        missing = [f"de vaststelling van {decision.reference} en wie haar nam"]
        return MandateCheck(**base, **undecided, verdict=Verdict.UNKNOWN, explanation=why, missing=missing)
    if not adopted:
        why = f"de vaststelling noemt geen orgaan (`bodies`); {said}"
        missing = [f"het orgaan dat {decision.reference} vaststelde"]
        return MandateCheck(**base, **undecided, verdict=Verdict.UNKNOWN, explanation=why, missing=missing)
    if change.kind is None:
        why = "het soort wijziging is niet te bepalen: een regel hoort bij geen programma"
        missing = ["het programma van elk project van de verschuiving"]
        return MandateCheck(**base, **undecided, verdict=Verdict.UNKNOWN, explanation=why, missing=missing)
    if rule is None:
        missing = [f"een bevoegdheid (`mandates`) voor {change.kind.value}"]
        return MandateCheck(**base, **undecided, verdict=Verdict.UNKNOWN, explanation=said, missing=missing)
    met = next((m for m in rules if set(m.bodies) <= set(adopted)), None)
    if met is not None:
        return MandateCheck(
            **base,
            rule=met.id,
            rule_text=_rule_text(dataset, met),
            verdict=Verdict.PASS,
            explanation=f"binnen de bevoegdheid: over {what} {_together([names.get(b, b) for b in met.bodies])}",
            missing=[],
        )
    lacking = [names.get(b, b) for b in rule.bodies if b not in adopted]
    why = f"vastgesteld zonder {' en '.join(lacking)}: over {what} {_together([names.get(b, b) for b in rule.bodies])}"
    return MandateCheck(
        **base, rule=rule.id, rule_text=_rule_text(dataset, rule), verdict=Verdict.FAIL, explanation=why, missing=[]
    )


def mandate_checks(dataset: Dataset) -> list[MandateCheck]:
    """Every change of every decision, in the decisions' order, against the mandates."""
    return [check_change(dataset, d, change) for d in decisions.chain(dataset) for change in changes(dataset, d)]
