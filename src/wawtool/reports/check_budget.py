"""`waw check-budget`: every verdict on the begroting in one report, with each failure's year, scope and euros."""

from __future__ import annotations

from decimal import Decimal

from .. import budget
from ..decisions import Resting, resting_on_decisions
from ..funds import FundLedger, FundWithdrawal, fund_ledgers
from ..load.loader import Dataset
from ..moves import MoveCheck, move_checks
from ..neutrality import NeutralityCheck, neutrality_checks
from ..realisatie import RealisatieYear, realisatie_year
from ..values import ZERO, Report, Verdict


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
    failures = _failures(totals, neutrality, moves, years, realised) + _fund_failures(funds, drawn)
    undecided = _undecided(neutrality, moves, years) + _fund_undecided(funds, drawn)
    verdicts = (
        [t.verdict for t in totals]
        + [n.verdict for n in neutrality]
        + [n.stated_verdict for n in neutrality if n.stated_verdict is not None]
        + [m.verdict for m in moves]
        + [y.verdict for y in years]
        + [Verdict.FAIL if r.findings else Verdict.PASS for r in realised]
        + [w.verdict for w in drawn]
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
        decisions=[d for d in resting_on_decisions(dataset) if year is None or year in d.years],
        funds=funds,
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
