"""Budget arithmetic: stated totals, neutrality of reallocations, yearly fit, risks.

Pure Decimal logic on the Dataset. An unknown amount is carried as None and
counted apart, never as zero: where a stated total covers unknown parts, the
unknown part is derived (total minus known) and shown as derived.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from .figures import QUALIFIERS, Figure, sum_of
from .loader import Dataset
from .models import BudgetLine, CostLine, Decision, Project
from .money import whole_euros

ZERO = Decimal("0.00")


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


class Report(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


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
    stated: StatedSum
    lines: Side
    difference: Decimal
    verdict: Verdict
    explanation: str


class Post(Report):
    """One line of a reallocation: a released fund, a funded project (or part of one), or the remainder."""

    label: str
    figure: Figure
    project: str | None = None
    condition: str | None = None
    note: str | None = None


class NeutralityCheck(Report):
    """released = funded + flexible budget, with the flexible budget the remainder (never negative)."""

    decision: str
    reference: str
    title: str
    stated: StatedSum | None
    stated_applies_to: str | None
    released: list[Post]
    released_total: Figure
    funded: list[Post]
    funded_total: Figure
    flexible_budget: Figure
    verdict: Verdict
    explanation: str
    excess: Decimal  # euros by which the funded side exceeds what can have been released; 0 when none


class YearLine(Report):
    group: str
    group_name: str
    label: str
    project: str | None
    amount: Decimal | None
    derived_from: str | None = None  # an amount the source gives only through a stated total
    condition: str | None = None
    source: str


class SpreadLine(Report):
    label: str
    project: str
    years: list[int]
    amount: Decimal | None
    source: str
    derived_from: str | None = None  # an amount the source gives only through a stated total


class YearCheck(Report):
    year: int
    lines: list[YearLine]
    committed: Decimal
    unknown_lines: int
    spread: list[SpreadLine]
    available: Decimal | None
    available_approximate: bool
    available_quote: str | None
    headroom: Decimal | None
    headroom_approximate: bool = False  # computed from an approximate available amount ("zo'n 1,3 miljoen")
    verdict: Verdict
    explanation: str


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


def precision_of(amount: Decimal) -> Decimal:
    """The rounding unit a round figure implies: 2.100.000 is stated to the 100.000."""
    unit = Decimal(1)
    while amount and amount % (unit * 10) == 0:
        unit *= 10
    return unit


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


# -- checks ------------------------------------------------------------------


def _line_item(line: BudgetLine, label: str | None = None) -> Item:
    return Item(label=label or line.description, amount=line.amount, note=line.note)


def total_checks(dataset: Dataset) -> list[TotalCheck]:
    checks: list[TotalCheck] = []
    for located in dataset.projects:
        project = located.model
        by_id = {line.id: line for line in project.budget if line.id}
        for total in project.totals:
            lines = [by_id[i] for i in total.lines if i in by_id] if total.lines else list(project.budget)
            items = [_line_item(line, f"{years_text(line.span())} {line.description}") for line in lines]
            stated = StatedSum(amount=total.amount, source=total.source)
            checks.append(_total_check(project.name, total.label, stated, side(items, total.amount)))
    for decision_file in dataset.decisions:
        decision = decision_file.model
        st = decision.stated_total
        if st is None or st.year is None:
            continue
        year_lines = lines_for_year(dataset, st.year)
        items = [Item(label=y.label, amount=y.amount, project=y.project) for y in year_lines]
        stated = StatedSum(
            amount=st.amount,
            approximate=st.approximate,
            rounded_to_euros=st.rounded_to_euros,
            quote=st.quote,
            source=st.source,
        )
        checks.append(_total_check(decision.reference, st.label, stated, side(items, st.amount)))
    return checks


def _total_check(scope: str, label: str, stated: StatedSum, lines: Side) -> TotalCheck:
    verdict, difference, why = compare(stated, lines)
    return TotalCheck(
        scope=scope, label=label, stated=stated, lines=lines, difference=difference, verdict=verdict, explanation=why
    )


def neutrality_checks(dataset: Dataset) -> list[NeutralityCheck]:
    names = _funding_names(dataset)
    return [
        neutrality_check(dataset, located.model, names)
        for located in dataset.decisions
        if located.model.kind == "bijstelling"
    ]


def neutrality_check(dataset: Dataset, decision: Decision, names: dict[str, str] | None = None) -> NeutralityCheck:
    total = decision.stated_total
    stated = (
        StatedSum(amount=total.amount, approximate=total.approximate, quote=total.quote, source=total.source)
        if total
        else None
    )
    applies_to = (total.applies_to or "funded") if total else None
    stated_figure = (
        Figure.of(total.amount, approximate=total.approximate).model_copy(
            update={"qualifier": _quote_word(total.quote)}
        )
        if total
        else None
    )
    names = _funding_names(dataset) if names is None else names
    released = [
        Post(label=names.get(r.funding, r.funding), figure=Figure.of(r.amount), note=r.note) for r in decision.released
    ]
    funded = [post for project_id in decision.funded for post in _funded_posts(dataset, project_id, decision.id)]
    if stated_figure is not None and applies_to == "funded":
        funded = _fill_unknown(funded, stated_figure, "de projecten samen")
        funded_total = stated_figure
    else:
        funded_total = total_of(funded)
    if stated_figure is not None and applies_to == "released":
        released = _fill_unknown(released, stated_figure, "de vrijgevallen middelen samen")
        released_total = stated_figure
    else:
        released_total = total_of(released)
    flexible_data = decision.flexible_budget
    declared_flexible = Figure.of(flexible_data.amount) if flexible_data else Figure.unknown()
    if released_total.value is None and funded_total.value is not None:
        # Released is at least what it funds: the unknown released part is bounded from below.
        known = total_of([p for p in released if p.figure.value is not None])
        unknown_posts = [p for p in released if p.figure.value is None]
        at_least = (funded_total + declared_flexible if declared_flexible.known else funded_total) - known
        if at_least.value is not None and at_least.value < 0:
            at_least = Figure.exact(ZERO)
        label = " en ".join(p.label for p in unknown_posts) + (" samen" if len(unknown_posts) > 1 else "")
        released.append(
            Post(
                label=label,
                figure=at_least.model_copy(
                    update={"bound": "min", "derived_from": "gefinancierd min het bekende vrijgevallen deel"}
                ),
                note="afgeleid: wat is vrijgevallen is minstens wat ermee is gefinancierd",
            )
        )
        released_total = (known + at_least).model_copy(update={"bound": "min", "derived_from": None})
    remainder = released_total - funded_total
    flexible = declared_flexible if declared_flexible.known else _remainder(remainder)
    verdict, why, excess = _neutral_verdict(stated, released_total, funded, funded_total, declared_flexible, remainder)
    return NeutralityCheck(
        decision=decision.id,
        reference=decision.reference,
        title=decision.title,
        stated=stated,
        stated_applies_to=applies_to,
        released=released,
        released_total=released_total,
        funded=funded,
        funded_total=funded_total,
        flexible_budget=flexible,
        verdict=verdict,
        explanation=why,
        excess=excess,
    )


def _quote_word(quote: str | None) -> str | None:
    """The source's qualifier at the start of a quote ("grofweg € 2,1 miljoen" -> "grofweg")."""
    if not quote:
        return None
    return next((word for word in QUALIFIERS if quote.lower().startswith(word + " ")), None)


def _fill_unknown(posts: list[Post], stated: Figure, what: str) -> list[Post]:
    """Where a stated total covers posts of which some are unknown, their part is the total minus the rest."""
    unknown = [p for p in posts if p.figure.value is None]
    if not unknown:
        return posts
    rest = stated - total_of([p for p in posts if p.figure.value is not None])
    source = f"{_stated_text(stated)} voor {what}, min de bekende posten"
    if len(unknown) == 1:
        return [p.model_copy(update={"figure": rest.derived(source)}) if p is unknown[0] else p for p in posts]
    label = " en ".join(p.label for p in unknown) + " samen"
    return [*posts, Post(label=label, figure=rest.derived(source), note="afgeleid, niet per post bekend")]


def _stated_text(figure: Figure) -> str:
    prefix = f"{figure.qualifier} " if figure.qualifier else ("ca. " if figure.approximate else "")
    return f"{prefix}{figure.value}"


def _remainder(remainder: Figure) -> Figure:
    """The flexible budget is what is left: unknown but never below zero where the released total is unknown."""
    source = "vrijgevallen min gefinancierd"
    if remainder.value is None:
        return Figure(value=ZERO, bound="min", derived_from=source)
    if remainder.bound == "min" and remainder.value < 0:
        return Figure(value=ZERO, bound="min", approximate=remainder.approximate, derived_from=source)
    return remainder.derived(source)


def _neutral_verdict(
    stated: StatedSum | None,
    released_total: Figure,
    funded: list[Post],
    funded_total: Figure,
    declared_flexible: Figure,
    remainder: Figure,
) -> tuple[Verdict, str, Decimal]:
    known_funded = sum((p.figure.value for p in funded if p.figure.is_exact and p.figure.value is not None), ZERO)
    if stated is not None and funded_total.value is not None and funded_total.approximate:
        tolerance = precision_of(stated.amount) / 2
        if known_funded > funded_total.value + tolerance:
            return (
                Verdict.FAIL,
                "de bekende projectbedragen alleen zijn al hoger dan het vermelde totaal",
                known_funded - funded_total.value,
            )
    if remainder.value is not None and remainder.bound != "min":
        tolerance = precision_of(stated.amount) / 2 if stated is not None and remainder.approximate else ZERO
        if remainder.value < -tolerance:
            return (
                Verdict.FAIL,
                "er wordt meer gefinancierd dan er is vrijgevallen: het restant (flexibel budget) is negatief",
                -remainder.value,
            )
        if declared_flexible.value is not None and not remainder.approximate:
            difference = declared_flexible.value - remainder.value
            if difference:
                return (
                    Verdict.FAIL,
                    "vrijgevallen is niet gelijk aan gefinancierd plus flexibel budget",
                    abs(difference),
                )
    if remainder.value is None or remainder.bound == "min" or remainder.approximate:
        return (
            Verdict.PASS,
            "gefinancierd past binnen wat is vrijgevallen; het restant gaat naar het flexibel budget "
            "(geen bedrag genoemd: onbekend, nooit negatief)",
            ZERO,
        )
    return Verdict.PASS, "vrijgevallen = gefinancierd + flexibel budget, tot op de cent", ZERO


def _funded_posts(dataset: Dataset, project_id: str, decision_id: str) -> list[Post]:
    """A funded project's lines under this decision; a conditional line stands apart with its condition."""
    project = dataset.project(project_id)
    if project is None:
        return [Post(label=project_id, figure=Figure.unknown(), project=project_id, note="project not found")]
    figures = line_figures(project)
    lines = [(line, figures[i]) for i, line in enumerate(project.budget) if line.decision == decision_id]
    if not lines:
        note = project.budget_note or "no budget line names this decision"
        return [Post(label=project.name, figure=Figure.unknown(), project=project_id, note=note)]
    firm = [(line, figure) for line, figure in lines if not line.condition]
    posts = []
    if firm:
        notes = "; ".join(line.note for line, fig in firm if fig.value is None and line.note) or None
        posts.append(Post(label=project.name, figure=sum_of([f for _, f in firm]), project=project_id, note=notes))
    for line, figure in lines:
        if line.condition:
            posts.append(
                Post(
                    label=f"{project.name}: {line.description}",
                    figure=figure,
                    project=project_id,
                    condition=line.condition,
                    note=line.note,
                )
            )
    return posts


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


def total_of(posts: list[Post]) -> Figure:
    return sum_of([p.figure for p in posts])


def lines_for_year(dataset: Dataset, year: int) -> list[YearLine]:
    """Every single-year commitment of `year`: programme cost lines first, then projects."""
    lines: list[YearLine] = []
    groups = {g.id: g.name for g in dataset.programmes.model.begroting_groups} if dataset.programmes else {}
    if dataset.programmes:
        for cost in dataset.programmes.model.cost_lines:
            if cost.year == year:
                lines.append(_cost_line(cost, groups))
    for located in dataset.projects:
        project = located.model
        figures = line_figures(project) if project.totals else None
        own = [(i, line) for i, line in enumerate(project.budget) if line.year == year]
        for i, line in own:
            label = project.name if len(own) == 1 else f"{project.name}: {line.description}"
            figure = figures[i] if figures else None
            lines.append(
                YearLine(
                    group=project.begroting_group,
                    group_name=groups.get(project.begroting_group, ""),
                    label=label,
                    project=project.id,
                    amount=figure.value if figure else line.amount,
                    derived_from=figure.derived_from if figure else None,
                    condition=line.condition,
                    source=line.source,
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


def _cost_line(cost: CostLine, groups: dict[str, str]) -> YearLine:
    return YearLine(
        group=cost.group,
        group_name=groups.get(cost.group, ""),
        label=cost.description,
        project=None,
        amount=cost.amount,
        source=cost.source,
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


def year_check(dataset: Dataset, year: int) -> YearCheck:
    lines = lines_for_year(dataset, year)
    committed = sum((line.amount for line in lines if line.amount is not None), ZERO)
    unknown = sum(1 for line in lines if line.amount is None)
    spread = spread_for_year(dataset, year)
    availability = [a for a in dataset.programmes.model.available if a.year == year] if dataset.programmes else []
    known_available = [a.amount for a in availability if a.amount is not None]
    available = sum(known_available, ZERO) if availability and len(known_available) == len(availability) else None
    approximate = any(a.approximate for a in availability)
    quote = "; ".join(a.quote for a in availability if a.quote) or None
    headroom = available - committed if available is not None else None
    if available is None:
        verdict, why = Verdict.UNKNOWN, "de bronnen noemen geen beschikbaar bedrag voor dit jaar"
    elif committed > available:
        verdict, why = Verdict.FAIL, "de verplichtingen zijn hoger dan het beschikbare bedrag"
    else:
        verdict, why = Verdict.PASS, "de verplichtingen passen binnen het beschikbare bedrag"
        if approximate:
            why += f" ({quote or 'een benadering'}: de ruimte is dus ook bij benadering)"
        if unknown or spread:
            why += "; regels met onbekend bedrag of onbekende verdeling over jaren staan apart"
    return YearCheck(
        year=year,
        lines=lines,
        committed=committed,
        unknown_lines=unknown,
        spread=spread,
        available=available,
        available_approximate=approximate,
        available_quote=quote,
        headroom=headroom,
        headroom_approximate=approximate and headroom is not None,
        verdict=verdict,
        explanation=why,
    )


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


def years_text(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _funding_names(dataset: Dataset) -> dict[str, str]:
    if not dataset.programmes:
        return {}
    return {f.id: f.name for f in dataset.programmes.model.funding_sources}


# -- money moves (begrotingswijziging) ------------------------------------------------


class MoveCheck(Report):
    """One budget line touched by a decision: what the decision moves against what the line shows."""

    decision: str
    reference: str
    project: str
    project_name: str
    line: str
    label: str
    year: int | None
    previous: Decimal | None  # the line before the decision (0 for a line the decision creates)
    amount: Decimal | None  # the line now
    declared: Decimal  # what the decision's moves add to (+) or take from (-) this line
    actual: Decimal | None  # amount minus previous; None where the line's amount is unknown
    difference: Decimal
    verdict: Verdict
    explanation: str


def move_checks(dataset: Dataset, only: Decision | None = None) -> list[MoveCheck]:
    """Every declared move is reflected in the lines, and every changed line by a move of its decision."""
    checks = []
    for decision in [only] if only else [located.model for located in dataset.decisions]:
        declared: dict[tuple[str, str], Decimal] = {}
        for move in decision.moves:
            for end, sign in ((move.from_, -1), (move.to, 1)):
                if end.project and end.line:
                    key = (end.project, end.line)
                    declared[key] = declared.get(key, ZERO) + sign * move.amount
        for project_located in dataset.projects:
            project = project_located.model
            for line in project.budget:
                key = (project.id, line.id or "")
                if line.changed_by == decision.id or key in declared:
                    checks.append(_move_check(decision, project, line, declared.get(key, ZERO)))
    return checks


def _move_check(decision: Decision, project: Project, line: BudgetLine, declared: Decimal) -> MoveCheck:
    if line.changed_by == decision.id:
        previous: Decimal | None = line.previous_amount
    elif line.decision == decision.id and line.previous_amount is None:
        previous = ZERO  # a line the decision creates
    else:
        previous = line.amount  # not changed by this decision
    actual = line.amount - previous if line.amount is not None and previous is not None else None
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
        project=project.id,
        project_name=project.name,
        line=line.id or line.description,
        label=line.description,
        year=line.year,
        previous=previous,
        amount=line.amount,
        declared=declared,
        actual=actual,
        difference=difference,
        verdict=verdict,
        explanation=why,
    )
