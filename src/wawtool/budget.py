"""Budget arithmetic: stated totals against their lines, each year's lines against its money, risks.

Pure Decimal logic on the Dataset. An unknown amount is carried as None and
counted apart, never as zero: where a stated total covers unknown parts, the
unknown part is derived (total minus known) and shown as derived.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from . import decisions
from .figures import Figure, precision_of, sum_of
from .load.loader import Dataset
from .models import Available, BudgetLine, CostLine, Decision, Project
from .money import whole_euros
from .periods import years_text
from .values import ZERO, Report, Verdict


class Item(Report):
    """One amount on one side of a sum; `amount` None means unknown."""

    label: str
    amount: Decimal | None
    partly_unknown: bool = False
    project: str | None = None
    note: str | None = None


class Side(Report):
    items: list[Item]
    known: Decimal
    unknown_items: int
    derived_unknown: Decimal | None  # stated total minus known, where a total is stated


class StatedSum(Report):
    """A stated figure compared with what the data adds up to."""

    amount: Decimal
    approximate: bool = False
    rounded_to_euros: bool = False
    quote: str | None = None
    source: str


class TotalCheck(Report):
    scope: str
    label: str
    version: str | None = None  # the decision (kenmerk) whose version of the begroting the total belongs to
    version_status: str | None = None  # that decision's latest step
    stated: StatedSum
    lines: Side
    difference: Decimal
    verdict: Verdict
    explanation: str


class YearLine(Report):
    group: str
    group_name: str
    label: str
    project: str | None
    amount: Decimal | None
    derived_from: str | None = None  # an amount the source gives only through a stated total
    condition: str | None = None  # a conditional reservation: voorwaardelijk, counted apart from verplicht
    condition_failed: str | None = None  # the month its condition failed: released to its fund, not committed
    funding: str | None = None
    source: str
    # For `waw package`, not in the JSON of `waw budget`: the programme, the line's (or cost line's) id and the
    # decision its amount rests on in this version (None where the data name none).
    programme: str | None = Field(default=None, exclude=True)
    line: str | None = Field(default=None, exclude=True)
    decision: str | None = Field(default=None, exclude=True)


class SpreadLine(Report):
    label: str
    project: str
    years: list[int]
    amount: Decimal | None
    source: str
    derived_from: str | None = None  # an amount the source gives only through a stated total
    funding: str | None = None


class YearCheck(Report):
    """A year's single-year lines against the money available for it.

    `committed` is every known line that still stands, `firm` (verplicht) and `conditional` (voorwaardelijk)
    its two parts; a line whose condition failed is `released` to its fund and committed no more. `available`
    and `headroom` carry the precision of their source ("zo'n 1,3 miljoen" is ± € 50.000), unknown where no
    source gives an amount; `missing` names what would decide a verdict that cannot be given."""

    year: int
    lines: list[YearLine]
    committed: Decimal
    firm: Decimal
    conditional: Decimal
    released: list[YearLine]
    unknown_lines: int
    spread: list[SpreadLine]
    available: Figure
    available_quote: str | None
    headroom: Figure
    verdict: Verdict
    explanation: str
    missing: list[str] = []


class Risk(Report):
    year: str
    project: str | None
    label: str
    amount: Decimal | None
    condition: str
    source: str
    derived_from: str | None = None  # an amount the source gives only through a stated total


# -- sums ------------------------------------------------------------------


def side(items: list[Item], stated: Decimal | None = None) -> Side:
    known = sum((i.amount for i in items if i.amount is not None), ZERO)
    unknown = sum(1 for i in items if i.amount is None or i.partly_unknown)
    derived = stated - known if stated is not None and unknown else None
    return Side(items=items, known=known, unknown_items=unknown, derived_unknown=derived)


def compare(stated: StatedSum, lines: Side) -> tuple[Verdict, Decimal, str]:
    """Does `lines` add up to `stated`? Unknown parts may fill the gap, never exceed it."""
    known = lines.known
    if lines.unknown_items:
        difference = known - stated.amount
        if known > stated.amount:
            return Verdict.FAIL, difference, "de bekende delen alleen zijn al hoger dan het vermelde totaal"
        return (
            Verdict.PASS,
            difference,
            "bekende delen passen binnen het vermelde totaal; het onbekende deel is afgeleid, niet als nul geteld",
        )
    if stated.rounded_to_euros:
        difference = whole_euros(known) - stated.amount
        ok = difference == 0
        return (
            (Verdict.PASS if ok else Verdict.FAIL),
            difference,
            (
                "gelijk na afronding op hele euro's, zoals gepubliceerd"
                if ok
                else "de regels tellen niet op tot het vermelde totaal"
            ),
        )
    difference = known - stated.amount
    if stated.approximate:
        tolerance = precision_of(stated.amount) / 2
        ok = abs(difference) <= tolerance
        return (
            (Verdict.PASS if ok else Verdict.FAIL),
            difference,
            (
                "binnen de nauwkeurigheid van het vermelde (afgeronde) bedrag"
                if ok
                else "buiten de nauwkeurigheid van het vermelde bedrag"
            ),
        )
    ok = difference == 0
    return (
        (Verdict.PASS if ok else Verdict.FAIL),
        difference,
        ("gelijk tot op de cent" if ok else "de regels tellen niet op tot het vermelde totaal"),
    )


def _line_item(line: BudgetLine, label: str, as_left_by: str | None, order: dict[str, int]) -> Item | None:
    """The line in the version its total was stated for: None where a later decision introduced it."""
    at = decisions.line_amount_after(line, as_left_by, order) if as_left_by else line.amount
    if at == decisions.ABSENT:
        return None
    return Item(label=label, amount=at if isinstance(at, Decimal) else None, note=line.note)


def total_checks(dataset: Dataset) -> list[TotalCheck]:
    """Every stated total against its lines, in the version of the begroting it was stated for."""
    checks: list[TotalCheck] = []
    order = decisions.positions(dataset)
    for located in dataset.projects:
        project = located.model
        by_id = {line.id: line for line in project.budget if line.id}
        for total in project.totals:
            lines = [by_id[i] for i in total.lines if i in by_id] if total.lines else list(project.budget)
            found = [
                _line_item(line, f"{years_text(line.span())} {line.description}", total.decision, order)
                for line in lines
            ]
            items = [item for item in found if item is not None]
            stated = StatedSum(amount=total.amount, source=total.source)
            check = _total_check(project.name, total.label, stated, side(items, total.amount))
            checks.append(_versioned(check, dataset.decision(total.decision) if total.decision else None))
    for decision_file in dataset.decisions:
        decision = decision_file.model
        st = decision.stated_total
        if st is None or st.year is None:
            continue
        year_lines = lines_for_year(dataset, st.year, as_left_by=decision.id)  # its own version, not today's
        items = [Item(label=y.label, amount=y.amount, project=y.project) for y in year_lines]
        stated = StatedSum(
            amount=st.amount,
            approximate=st.approximate,
            rounded_to_euros=st.rounded_to_euros,
            quote=st.quote,
            source=st.source,
        )
        checks.append(_versioned(_total_check(decision.reference, st.label, stated, side(items, st.amount)), decision))
    return checks


def _versioned(check: TotalCheck, decision: Decision | None) -> TotalCheck:
    if decision is None:
        return check
    return check.model_copy(update={"version": decision.reference, "version_status": decisions.status_label(decision)})


def _total_check(scope: str, label: str, stated: StatedSum, lines: Side) -> TotalCheck:
    verdict, difference, why = compare(stated, lines)
    return TotalCheck(
        scope=scope, label=label, stated=stated, lines=lines, difference=difference, verdict=verdict, explanation=why
    )


def line_figures(project: Project) -> list[Figure]:
    """Each budget line's figure; a line left unknown is derived where an exact stated total covers it alone.

    "Totaal 1 jaar € 130.000" over three lines of which two are known gives the third exactly.
    """
    figures = [Figure.of(line.amount, approximate=line.approximate) for line in project.budget]
    index = {line.id: i for i, line in enumerate(project.budget) if line.id}
    for stated in project.totals:
        covered = [index[i] for i in stated.lines if i in index] if stated.lines else list(range(len(figures)))
        unknown = [i for i in covered if figures[i].value is None]
        if len(unknown) == 1:
            rest = sum_of([figures[i] for i in covered if i != unknown[0]])
            figures[unknown[0]] = (Figure.exact(stated.amount) - rest).derived(
                f"{stated.label} {stated.amount} min de andere regels"
            )
    return figures


def lines_for_year(dataset: Dataset, year: int, as_left_by: str | None = None) -> list[YearLine]:
    """Every single-year commitment of `year`: programme cost lines first, then projects. With `as_left_by`
    (a decision id), the begroting as that decision left it: lines a later decision introduces are out, and a
    line a later decision changed has its amount from before that change."""
    lines: list[YearLine] = []
    chain = decisions.positions(dataset)
    groups = {g.id: g.name for g in dataset.programmes.model.begroting_groups} if dataset.programmes else {}
    if dataset.programmes:
        for cost in dataset.programmes.model.cost_lines:
            at = decisions.cost_line_amount_after(cost, as_left_by, chain) if as_left_by else cost.amount
            if cost.year == year and at != decisions.ABSENT:
                lines.append(_cost_line(cost, groups, decisions.resting_on(cost, as_left_by, chain)))
    for located in dataset.projects:
        project = located.model
        figures = line_figures(project) if project.totals else None
        own = [(i, line) for i, line in enumerate(project.budget) if line.year == year]
        for i, line in own:
            at = decisions.line_amount_after(line, as_left_by, chain) if as_left_by else line.amount
            if at == decisions.ABSENT:
                continue
            label = project.name if len(own) == 1 else f"{project.name}: {line.description}"
            figure = figures[i] if figures and at == line.amount else None
            lines.append(
                YearLine(
                    group=project.begroting_group,
                    group_name=groups.get(project.begroting_group, ""),
                    label=label,
                    project=project.id,
                    amount=figure.value if figure else (at if isinstance(at, Decimal) else None),
                    derived_from=figure.derived_from if figure else None,
                    condition=line.condition,
                    condition_failed=line.condition_failed.as_of if line.condition_failed else None,
                    funding=line.funding,
                    source=line.source,
                    programme=project.programme,
                    line=line.id,
                    decision=decisions.resting_on(line, as_left_by, chain),
                )
            )
    order = list(groups)
    published = {}
    if dataset.programmes:
        for group in dataset.programmes.model.begroting_groups:
            published.update({project_id: i for i, project_id in enumerate(group.order)})

    def position(line: YearLine) -> tuple[int, int]:
        group = order.index(line.group) if line.group in order else len(order)
        return group, published.get(line.project or "", len(published))

    return sorted(lines, key=position)


def _cost_line(cost: CostLine, groups: dict[str, str], decision: str | None) -> YearLine:
    return YearLine(
        group=cost.group,
        group_name=groups.get(cost.group, ""),
        label=cost.description,
        project=None,
        amount=cost.amount,
        funding=cost.funding,
        source=cost.source,
        programme=cost.programme,
        line=cost.id,
        decision=decision,
    )


def spread_for_year(dataset: Dataset, year: int) -> list[SpreadLine]:
    spread = []
    for located in dataset.projects:
        for line in located.model.budget:
            if line.years and year in line.years:
                spread.append(
                    SpreadLine(
                        label=f"{located.model.name}: {line.description}",
                        project=located.model.id,
                        years=sorted(line.years),
                        amount=line.amount,
                        source=line.source,
                        funding=line.funding,
                    )
                )
    return spread


def budget_years(dataset: Dataset) -> list[int]:
    years: set[int] = set()
    if dataset.programmes:
        years.update(c.year for c in dataset.programmes.model.cost_lines)
        years.update(a.year for a in dataset.programmes.model.available)
    for located in dataset.projects:
        for line in located.model.budget:
            years.update(line.span())
    return sorted(years)


def available_in(dataset: Dataset, year: int) -> tuple[Figure, str | None]:
    """The money the sources say is available in `year`, with its precision; unknown where none says."""
    availability = [a for a in dataset.programmes.model.available if a.year == year] if dataset.programmes else []
    if not availability or any(a.amount is None for a in availability):
        return Figure.unknown(), None
    quote = "; ".join(a.quote for a in availability if a.quote) or None
    if any(a.basis == "toevoeging" for a in availability):  # on top of what the year before leaves
        from .planning import plan

        named = {a.funding for a in availability}
        funds = [
            f for f in plan(dataset, year, year).years[0].funds if f.opening_from != "onbekend" or f.funding in named
        ]
        return sum_of([f.opening + f.additions for f in funds]), quote
    return sum_of([available_figure(a) for a in availability]), quote


def available_figure(entry: Available) -> Figure:
    """One `available` entry with the precision of its notation: "zo'n 1,3 miljoen" is ± € 50.000."""
    if entry.amount is None:
        return Figure.unknown()
    if entry.approximate:
        return Figure.stated_approximately(entry.amount, provisional=entry.provisional)
    return Figure(value=entry.amount, provisional=entry.provisional)


def year_check(dataset: Dataset, year: int) -> YearCheck:
    every = lines_for_year(dataset, year)
    lines = [line for line in every if line.condition_failed is None]
    committed = sum((line.amount for line in lines if line.amount is not None), ZERO)
    conditional = sum((line.amount for line in lines if line.amount is not None and line.condition), ZERO)
    unknown = sum(1 for line in lines if line.amount is None)
    spread = spread_for_year(dataset, year)
    available, quote = available_in(dataset, year)
    headroom = available - committed
    verdict, why, missing = _fit(year, committed, available)
    if verdict is not Verdict.FAIL and (unknown or spread):
        why += "; regels met onbekend bedrag of onbekende verdeling over jaren staan apart"
    return YearCheck(
        year=year,
        lines=lines,
        committed=committed,
        firm=committed - conditional,
        conditional=conditional,
        released=[line for line in every if line.condition_failed is not None],
        unknown_lines=unknown,
        spread=spread,
        available=available,
        available_quote=quote,
        headroom=headroom,
        verdict=verdict,
        explanation=why,
        missing=missing,
    )


def _fit(year: int, committed: Decimal, available: Figure) -> tuple[Verdict, str, list[str]]:
    """Committed against available, at the precision of the available amount: within its margin it cannot
    be said either way."""
    if available.value is None:
        missing = [f"het beschikbare bedrag voor {year}"]
        return Verdict.UNKNOWN, "de bronnen noemen geen beschikbaar bedrag voor dit jaar", missing
    low = available.low if available.low is not None else available.value
    high = available.high if available.high is not None else available.value
    if committed > high:
        return Verdict.FAIL, "de verplichtingen zijn hoger dan het beschikbare bedrag", []
    if committed > low:
        why = "de verplichtingen vallen binnen de onzekerheid van het beschikbare bedrag"
        return Verdict.UNKNOWN, why, [f"het beschikbare bedrag voor {year} tot op € {available.margin} nauwkeurig"]
    why = "de verplichtingen passen binnen het beschikbare bedrag"
    if available.approximate:
        why += ", ook aan de onderkant van zijn marge"
    if available.provisional:
        why += " (het beschikbare bedrag is voorlopig)"
    return Verdict.PASS, why, []


def risks(dataset: Dataset, year: int | None = None) -> list[Risk]:
    found = []
    for located in dataset.projects:
        project: Project = located.model
        figures = line_figures(project)  # the same amounts as the begroting, a derived one included
        for line, figure in zip(project.budget, figures, strict=True):
            if line.condition and (year is None or year in line.span()):
                found.append(
                    Risk(
                        year=years_text(line.span()),
                        project=project.id,
                        label=f"{project.name}: {line.description}",
                        amount=figure.value,
                        condition=line.condition,
                        source=line.source,
                        derived_from=figure.derived_from,
                    )
                )
    return sorted(found, key=lambda r: (r.year, r.label))
