"""The years ahead: per year the commitments (verplicht and voorwaardelijk apart), per fund what is available,
the balance it carries into the next year, and the year a fund runs out.

A fund's year opens with what a source says it holds (`available` with basis `saldo`), else with the closing
of the year before where that is known; `toevoeging` entries flow in during the year. What a year draws on
a fund are its lines funded from it. A year without any begroting line in the data has unknown commitments,
not zero: no source gives figures for it. A line spread over several years without a split per year is
drawn in full in its last year, and leaves the balances of the years before it unknown. Unknown stays
unknown through every year after it; an approximate opening ("zo'n 1,3 miljoen") keeps its margin.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from .budget import SpreadLine, YearLine, available_figure, lines_for_year, spread_for_year
from .decisions import resting_on_decisions
from .figures import Figure, sum_of
from .load.loader import Dataset
from .models import Available
from .values import ZERO, Report

NO_FUND = "zonder bron"  # the key of lines whose funding source is not given


class FundYearPlan(Report):
    """One fund in one year of the planning."""

    funding: str  # a funding source's id, or NO_FUND
    name: str
    opening: Figure
    opening_from: Literal["bron", "vorig jaar", "onbekend"]
    opening_source: str | None
    additions: Figure
    firm: Decimal | None  # verplicht, known lines; None: the year has no begroting
    conditional: Decimal | None  # voorwaardelijk, known lines
    unknown_lines: int
    spread_pending: list[str]  # lines over several years, not yet ended, whose split per year is unknown
    closing: Figure
    why_unknown: str | None  # why the closing is unknown, where it is


class PlanningYear(Report):
    year: int
    has_begroting: bool  # False: no line of the year in the data, so its commitments are unknown
    firm: Decimal | None  # None: unknown (no begroting for the year)
    conditional: Decimal | None
    unknown_lines: int
    reason: str | None  # why the year's commitments are unknown, with the programmes' ends
    resting_on: list[str]  # the decisions the year's lines rest on, each with its status: a proposal is no decision
    funds: list[FundYearPlan]


class RunOut(Report):
    """When a fund runs out over the planned years: `year` the first whose closing is below zero."""

    funding: str
    name: str
    state: Literal["raakt op", "mogelijk op", "raakt niet op", "onbekend"]
    year: int | None
    explanation: str


class PlanningReport(Report):
    first: int
    last: int
    years: list[PlanningYear]
    run_outs: list[RunOut]


def _names(dataset: Dataset) -> dict[str, str]:
    names = {f.id: f.name for f in dataset.programmes.model.funding_sources} if dataset.programmes else {}
    return names | {NO_FUND: "Bron niet genoemd"}


def _entries(dataset: Dataset) -> list[Available]:
    return list(dataset.programmes.model.available) if dataset.programmes else []


def _figure(entries: list[Available]) -> Figure:
    return sum_of([available_figure(a) for a in entries]) if entries else Figure.exact(ZERO)


def _funds_in_play(
    dataset: Dataset, first: int, last: int, lines: dict[int, list[YearLine]], spread: dict[int, list[SpreadLine]]
) -> list[str]:
    """Funds a source gives money for up to `last`, then funds the planned years' lines draw on."""
    found = [a.funding or NO_FUND for a in _entries(dataset) if a.year <= last]
    for year in range(first, last + 1):
        found += [line.funding or NO_FUND for line in lines[year]]
        found += [line.funding or NO_FUND for line in spread[year]]
    return list(dict.fromkeys(found))


def _why_no_begroting(dataset: Dataset, year: int) -> str:
    ended = [
        f"{p.name} loopt tot {p.period.end}"
        for p in (dataset.programmes.model.programmes if dataset.programmes else [])
        if p.period.end and int(p.period.end[:4]) < year
    ]
    why = f"geen begroting {year} in de data: geen bron geeft bedragen voor {year}"
    return why + (f" ({'; '.join(ended)})" if ended else "")


def plan(dataset: Dataset, first: int, last: int) -> PlanningReport:
    """The planning from `first` to `last`. A fund's balance is followed from the first year a source gives
    money for it, so the opening of `first` carries what earlier years leave."""
    start = min([first, *[a.year for a in _entries(dataset)]])
    lines = {
        y: [line for line in lines_for_year(dataset, y) if line.condition_failed is None]
        for y in range(start, last + 1)
    }
    spread = {y: spread_for_year(dataset, y) for y in range(start, last + 1)}
    names = _names(dataset)
    resting = resting_on_decisions(dataset)
    funds = _funds_in_play(dataset, start, last, lines, spread)
    closing: dict[str, Figure | None] = {}  # None: the fund is not followed yet (no year has named it)
    why: dict[str, str | None] = {}
    years: list[PlanningYear] = []
    for year in range(start, last + 1):
        year_lines = lines[year]
        has_begroting = bool(year_lines or spread[year])
        plans = [
            _fund_year(dataset, year, fund, names, year_lines, spread[year], has_begroting, closing, why)
            for fund in funds
        ]
        if year < first:
            continue
        known = [line for line in year_lines if line.amount is not None]
        conditional = sum((line.amount for line in known if line.condition and line.amount is not None), ZERO)
        years.append(
            PlanningYear(
                year=year,
                has_begroting=has_begroting,
                firm=sum((line.amount for line in known if line.amount is not None), ZERO) - conditional
                if has_begroting
                else None,
                conditional=conditional if has_begroting else None,
                unknown_lines=len(year_lines) - len(known),
                reason=None if has_begroting else _why_no_begroting(dataset, year),
                resting_on=[
                    f"{r.reference} ({r.status + ' ' + (r.status_date or '') if r.status else 'status onbekend'})"
                    for r in resting
                    if year in r.years and (r.introduced or r.changed)
                ],
                funds=[p for p in plans if p is not None],
            )
        )
    return PlanningReport(first=first, last=last, years=years, run_outs=[_run_out(f, names, years) for f in funds])


def _fund_year(
    dataset: Dataset,
    year: int,
    fund: str,
    names: dict[str, str],
    year_lines: list[YearLine],
    spread: list[SpreadLine],
    has_begroting: bool,
    closing: dict[str, Figure | None],
    why: dict[str, str | None],
) -> FundYearPlan | None:
    """One fund's year; it updates `closing` and `why` for the year after. None before the fund is named."""
    entries = [a for a in _entries(dataset) if a.year == year and (a.funding or NO_FUND) == fund]
    saldo = [a for a in entries if a.basis == "saldo"]
    drawn = [line for line in year_lines if (line.funding or NO_FUND) == fund]
    if fund not in closing and not entries and not drawn:
        return None
    previous = closing.get(fund)
    if saldo:
        opening, opening_from = _figure(saldo), "bron"
        source: str | None = "; ".join(a.source for a in saldo)
        reason: str | None = None if opening.known else "de bron noemt geen bedrag"
    elif previous is not None and previous.known:
        opening, opening_from, source, reason = previous, "vorig jaar", None, None
    else:
        opening, opening_from, source = Figure.unknown(), "onbekend", None
        reason = why.get(fund) or f"geen bron noemt wat er aan het begin van {year} in zit"
    additions = _figure([a for a in entries if a.basis == "toevoeging"])
    known = [line for line in drawn if line.amount is not None]
    conditional = sum((line.amount for line in known if line.condition and line.amount is not None), ZERO)
    firm = sum((line.amount for line in known if line.amount is not None), ZERO) - conditional
    ending = [s for s in spread if s.years[-1] == year and (s.funding or NO_FUND) == fund]
    pending = [s.label for s in spread if s.years[-1] != year and (s.funding or NO_FUND) == fund]
    spread_sum = sum_of([Figure.exact(s.amount) if s.amount is not None else Figure.unknown() for s in ending])
    result = opening + additions - firm - conditional - spread_sum
    if reason is None and not has_begroting:
        reason = f"de verplichtingen voor {year} zijn niet bekend"
    elif reason is None and (len(known) < len(drawn) or not spread_sum.known):
        reason = f"een regel van {year} heeft geen bekend bedrag"
    elif reason is None and pending:
        reason = "de verdeling over de jaren van " + ", ".join(pending) + " is niet bekend"
    if reason is not None:
        result = Figure.unknown()
    closing[fund], why[fund] = result, reason
    return FundYearPlan(
        funding=fund,
        name=names.get(fund, fund),
        opening=opening,
        opening_from=opening_from,
        opening_source=source,
        additions=additions,
        firm=firm if has_begroting else None,
        conditional=conditional if has_begroting else None,
        unknown_lines=len(drawn) - len(known),
        spread_pending=pending,
        closing=result,
        why_unknown=reason,
    )


def _run_out(fund: str, names: dict[str, str], years: list[PlanningYear]) -> RunOut:
    name = names.get(fund, fund)
    for year in years:
        plan_year = next((p for p in year.funds if p.funding == fund), None)
        if plan_year is None:
            continue
        figure = plan_year.closing
        if not figure.known:
            return RunOut(
                funding=fund,
                name=name,
                state="onbekend",
                year=None,
                explanation=f"onbekend vanaf {year.year}: {plan_year.why_unknown}",
            )
        high = figure.high if figure.high is not None else figure.value
        low = figure.low if figure.low is not None else figure.value
        if high is not None and high < 0:
            return RunOut(
                funding=fund, name=name, state="raakt op", year=year.year, explanation=f"raakt op in {year.year}"
            )
        if low is not None and low < 0:
            return RunOut(
                funding=fund,
                name=name,
                state="mogelijk op",
                year=year.year,
                explanation=f"raakt mogelijk op in {year.year}: het saldo ligt binnen de marge rond nul",
            )
    last = years[-1].year if years else None
    return RunOut(
        funding=fund, name=name, state="raakt niet op", year=None, explanation=f"raakt niet op tot en met {last}"
    )
