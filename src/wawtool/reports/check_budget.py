"""`waw check-budget`: every verdict on the begroting in one report, with each failure's year, scope and euros."""

from __future__ import annotations

from decimal import Decimal

from .. import budget
from ..decisions import Resting, resting_on_decisions
from ..funds import FundLedger, FundWithdrawal, fund_ledgers
from ..load.loader import Dataset
from ..mandates import MandateCheck, mandate_checks
from ..moves import MoveCheck, move_checks
from ..neutrality import NeutralityCheck, neutrality_checks
from ..realisatie import RealisatieYear, realisatie_year
from ..values import ZERO, Report, Verdict, worst


class Failure(Report):
    """One failed check, with what a reader needs to find it: year, scope and euro difference."""

    check: str
    scope: str
    year: int | None
    difference: Decimal


class Undecided(Report):
    """A check that cannot be decided from the data: niet toetsbaar, with the figures that would decide it."""

    check: str
    scope: str
    year: int | None
    missing: list[str]


class VerdictCounts(Report):
    passed: int  # voldoet
    failed: int  # voldoet niet
    undecided: int  # niet toetsbaar


class CheckBudgetReport(Report):
    """Every verdict on the begroting. `passed` when none fails; `undecided` lists what cannot be decided
    (exit 0, or 1 under --strict)."""

    data: str
    year: int | None
    totals: list[budget.TotalCheck]
    neutrality: list[NeutralityCheck]
    moves: list[MoveCheck]
    years: list[budget.YearCheck]
    risks: list[budget.Risk]
    realisatie: list[RealisatieYear]
    no_realisatie: list[int]  # budget years without realisatie: "geen realisatie vastgelegd"
    decisions: list[Resting]  # what rests on each decision, with its status: a proposal is not a decision
    funds: list[FundLedger]  # every fund drawn on or flowed into; its moves out are checked against its balance
    mandates: list[MandateCheck]  # each change of each decision against who may adopt it
    mandates_note: str | None  # what the sources do not say about who decides
    passed: bool
    failures: list[Failure]
    undecided: list[Undecided]
    counts: VerdictCounts


def build_check_budget_report(dataset: Dataset, year: int | None = None) -> CheckBudgetReport:
    totals = budget.total_checks(dataset)
    neutrality = neutrality_checks(dataset)
    moves = move_checks(dataset)
    years = [budget.year_check(dataset, y) for y in budget.budget_years(dataset) if year is None or y == year]
    if year is not None and not years:
        years = [budget.year_check(dataset, year)]
    realised = [r for r in (realisatie_year(dataset, y.year, y.committed) for y in years) if r is not None]
    funds = fund_ledgers(dataset)
    drawn = [w for f in funds for w in f.withdrawals if year is None or w.year == year]
    resting = resting_on_decisions(dataset)
    spans = {r.decision: r.years for r in resting}
    mandates = [
        m
        for m in mandate_checks(dataset)
        if year is None or m.change.year == year or (m.change.year is None and year in spans.get(m.decision, []))
    ]
    failures = _failures(totals, neutrality, moves, years, realised) + _fund_failures(funds, drawn)
    failures += _mandate_failures(mandates)
    undecided = _undecided(neutrality, moves, years) + _fund_undecided(funds, drawn) + _mandate_undecided(mandates)
    verdicts = (
        [t.verdict for t in totals]
        + [n.verdict for n in neutrality]
        + [n.stated_verdict for n in neutrality if n.stated_verdict is not None]
        + [m.verdict for m in moves]
        + [y.verdict for y in years]
        + [Verdict.FAIL if r.findings else Verdict.PASS for r in realised]
        + [w.verdict for w in drawn]
        + _per_decision(mandates)
    )
    counts = VerdictCounts(
        passed=verdicts.count(Verdict.PASS),
        failed=verdicts.count(Verdict.FAIL),
        undecided=verdicts.count(Verdict.UNKNOWN),
    )
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
        decisions=[d for d in resting if year is None or year in d.years],
        funds=funds,
        mandates=mandates,
        mandates_note=dataset.programmes.model.mandates_note if dataset.programmes else None,
        passed=not failures,
        failures=failures,
        undecided=undecided,
        counts=counts,
    )


def _undecided(
    neutrality: list[NeutralityCheck], moves: list[MoveCheck], years: list[budget.YearCheck]
) -> list[Undecided]:
    found = [
        Undecided(check="neutrality", scope=n.reference, year=None, missing=n.missing)
        for n in neutrality
        if n.verdict == Verdict.UNKNOWN
    ]
    found += [
        Undecided(
            check="move",
            scope=f"{m.reference}: {m.project_name} '{m.line}'",
            year=m.year,
            missing=[f"het bedrag van {m.project_name} '{m.line}'"],
        )
        for m in moves
        if m.verdict == Verdict.UNKNOWN
    ]
    found += [
        Undecided(check="year", scope=str(y.year), year=y.year, missing=y.missing)
        for y in years
        if y.verdict == Verdict.UNKNOWN
    ]
    return found


def _fund_of(funds: list[FundLedger], withdrawal: FundWithdrawal) -> str:
    return next(f.name for f in funds if withdrawal in f.withdrawals)


def _fund_failures(funds: list[FundLedger], drawn: list[FundWithdrawal]) -> list[Failure]:
    return [
        Failure(check="fund", scope=f"{w.reference}: {_fund_of(funds, w)}", year=w.year, difference=w.difference)
        for w in drawn
        if w.verdict == Verdict.FAIL
    ]


def _fund_undecided(funds: list[FundLedger], drawn: list[FundWithdrawal]) -> list[Undecided]:
    return [
        Undecided(check="fund", scope=f"{w.reference}: {_fund_of(funds, w)} {w.year}", year=w.year, missing=w.missing)
        for w in drawn
        if w.verdict == Verdict.UNKNOWN
    ]


def _per_decision(checks: list[MandateCheck]) -> list[Verdict]:
    """A decision's mandate is one verdict: the worst of its changes."""
    verdicts: dict[str, set[Verdict]] = {}
    for check in checks:
        verdicts.setdefault(check.decision, set()).add(check.verdict)
    return [v for v in (worst(found) for found in verdicts.values()) if v is not None]


def _mandate_scope(check: MandateCheck) -> str:
    return f"{check.reference}: {check.change.label}"


def _mandate_failures(checks: list[MandateCheck]) -> list[Failure]:
    return [
        Failure(
            check="mandate",
            scope=f"{_mandate_scope(m)} (regel {m.rule}, zonder {' en '.join(m.lacking)})",
            year=m.change.year,
            difference=m.change.amount or ZERO,
        )
        for m in checks
        if m.verdict == Verdict.FAIL
    ]


def _mandate_undecided(checks: list[MandateCheck]) -> list[Undecided]:
    """One per decision and reason: the four changes of a bijstelling not yet adopted are one question."""
    grouped: dict[tuple[str, tuple[str, ...]], list[MandateCheck]] = {}
    for check in checks:
        if check.verdict == Verdict.UNKNOWN:
            grouped.setdefault((check.reference, tuple(check.missing)), []).append(check)
    return [
        Undecided(
            check="mandate",
            scope=_mandate_scope(group[0]) if len(group) == 1 else f"{reference}: {len(group)} wijzigingen",
            year=group[0].change.year if len({c.change.year for c in group}) == 1 else None,
            missing=list(missing),
        )
        for (reference, missing), group in grouped.items()
    ]


def _failures(
    totals: list[budget.TotalCheck],
    neutrality: list[NeutralityCheck],
    moves: list[MoveCheck],
    years: list[budget.YearCheck],
    realised: list[RealisatieYear],
) -> list[Failure]:
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
        Failure(check="stated-total", scope=n.reference, year=None, difference=n.stated_difference)
        for n in neutrality
        if n.stated_verdict == Verdict.FAIL
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
        Failure(check="year", scope=str(y.year), year=y.year, difference=y.committed - (y.available.value or ZERO))
        for y in years
        if y.verdict == Verdict.FAIL
    ]
    failures += [
        Failure(check=f.kind, scope=f.scope, year=f.year, difference=f.amount) for r in realised for f in r.findings
    ]
    return failures
