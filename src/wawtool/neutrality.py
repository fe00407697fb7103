"""The neutrality of a bijstelling: what it releases against what it funds, each side from its own figures.

released = funded + flexible budget, with the flexible budget the remainder (never negative). Each side is
summed from its own posts; a stated total checks the side it belongs to, at its precision ("grofweg € 2,1
miljoen" is ± € 50.000); no figure of one side is derived from the other side's total. Where a released
amount is unknown, neutrality is not decidable and the check says so, naming the amounts that would decide
it and how much of the named funding rests on them. Conditional money is counted apart.
"""

from __future__ import annotations

from decimal import Decimal

from . import decisions
from .budget import StatedSum, line_figures
from .figures import QUALIFIERS, Figure, sum_of
from .load.loader import Dataset
from .models import BudgetLine, Decision
from .values import ZERO, Report, Verdict


class Post(Report):
    """One line of a reallocation: a released fund, or a funded project (or a conditional part of one)."""

    label: str
    figure: Figure
    project: str | None = None
    condition: str | None = None
    note: str | None = None


class NeutralityCheck(Report):
    """released = funded + flexible budget, each side from its own figures.

    `funded` holds the firm posts (verplicht), `conditional` the posts under a condition (voorwaardelijk). The
    funded side is known between `funded_low` and `funded_high`: its posts where all are known, else the
    stated total that belongs to it (within its margin, never below the named posts). `resting_on_unknown` is
    the part of the named firm funding that no known released amount covers; `missing` names the figures
    that would decide a verdict that cannot be given."""

    decision: str
    reference: str
    status: str | None = None  # the decision's latest step; None: the data do not say
    title: str
    stated: StatedSum | None
    stated_applies_to: str | None
    stated_verdict: Verdict | None  # do the named posts fit the stated total of their side?
    stated_explanation: str | None
    stated_difference: Decimal = ZERO  # euros beyond the stated total's margin, where they do not fit
    released: list[Post]
    released_total: Figure
    released_known: Figure  # the released posts whose amount is known, with their precision
    funded: list[Post]
    conditional: list[Post]
    funded_firm: Decimal  # the known firm posts
    funded_conditional: Decimal  # the known conditional posts
    funded_low: Decimal
    funded_high: Decimal | None
    flexible_budget: Figure
    resting_on_unknown: Figure  # named firm funding not covered by the known released amounts; 0 when none
    verdict: Verdict
    explanation: str
    missing: list[str]
    excess: Decimal  # euros by which the funded side certainly exceeds what was released; 0 when none


def neutrality_checks(dataset: Dataset) -> list[NeutralityCheck]:
    names = _funding_names(dataset)
    return [
        neutrality_check(dataset, located.model, names)
        for located in dataset.decisions
        if located.model.kind == "bijstelling"
    ]


def neutrality_check(dataset: Dataset, decision: Decision, names: dict[str, str] | None = None) -> NeutralityCheck:
    names = _funding_names(dataset) if names is None else names
    total = decision.stated_total
    stated = (
        StatedSum(amount=total.amount, approximate=total.approximate, quote=total.quote, source=total.source)
        if total
        else None
    )
    applies_to = (total.applies_to or "funded") if total else None
    stated_figure = Figure.of(total.amount, _quote_word(total.quote), approximate=total.approximate) if total else None
    released = [
        Post(label=names.get(r.funding, r.funding), figure=Figure.of(r.amount, approximate=r.approximate), note=r.note)
        for r in decision.released
    ]
    posts = [post for project_id in decision.funded for post in _funded_posts(dataset, project_id, decision.id)]
    funded = [p for p in posts if not p.condition]
    conditional = [p for p in posts if p.condition]
    sides = _Sides(released, posts, stated_figure, applies_to)
    declared = decision.flexible_budget.amount if decision.flexible_budget else None
    verdict, why, missing, excess = _neutral_verdict(sides, declared)
    stated_verdict, stated_why, stated_difference = (
        _stated_verdict(sides) if stated_figure is not None else (None, None, ZERO)
    )
    return NeutralityCheck(
        decision=decision.id,
        reference=decision.reference,
        status=decisions.status_label(decision),
        title=decision.title,
        stated=stated,
        stated_applies_to=applies_to,
        stated_verdict=stated_verdict,
        stated_explanation=stated_why,
        stated_difference=stated_difference,
        released=released,
        released_total=total_of(released),
        released_known=total_of([p for p in released if p.figure.value is not None]),
        funded=funded,
        conditional=conditional,
        funded_firm=_known(funded),
        funded_conditional=_known(conditional),
        funded_low=sides.funded_low,
        funded_high=sides.funded_high,
        flexible_budget=_flexible_budget(sides, declared),
        resting_on_unknown=_resting_on_unknown(funded, released, sides),
        verdict=verdict,
        explanation=why,
        missing=missing,
        excess=excess,
    )


def _resting_on_unknown(funded: list[Post], released: list[Post], sides: _Sides) -> Figure:
    """How much of the named firm funding the known released amounts leave uncovered, while some released amount
    is unknown: the part of the funding that rests on amounts no source gives."""
    if sides.released_high is not None:
        return Figure.exact(ZERO)
    known_funded = total_of([p for p in funded if p.figure.value is not None])
    rest = known_funded - total_of([p for p in released if p.figure.value is not None])
    return rest if rest.value is not None and rest.value > 0 else Figure.exact(ZERO)


def _known(posts: list[Post]) -> Decimal:
    return sum((p.figure.value for p in posts if p.figure.value is not None), ZERO)


def _low(figure: Figure) -> Decimal:
    return figure.low if figure.low is not None else ZERO  # an amount is never below zero


class _Sides:
    """Each side between the least and the most it can be: its known posts, and where a post is unknown, the
    stated total of that side (within its margin, never below the known posts); unbounded otherwise."""

    def __init__(self, released: list[Post], funded: list[Post], stated: Figure | None, applies_to: str | None):
        self.released, self.funded, self.stated = released, funded, stated
        self.stated_side = applies_to
        self.released_low, self.released_high = self._range(released, "released")
        self.funded_low, funded_high = self._range(funded, "funded")
        self.funded_high = funded_high

    def _range(self, posts: list[Post], side: str) -> tuple[Decimal, Decimal | None]:
        """The least and the most the posts can add up to, each at its own precision."""
        low = sum((_low(p.figure) for p in posts if p.figure.value is not None), ZERO)
        if all(p.figure.value is not None for p in posts):
            highs = [p.figure.high for p in posts]
            return low, sum((h for h in highs if h is not None), ZERO) if None not in highs else None
        if self.stated is not None and self.stated_side == side and self.stated.high is not None:
            return max(low, self.stated.low or ZERO), self.stated.high
        return low, None

    def unknown(self, side: str) -> list[Post]:
        return [p for p in (self.released if side == "released" else self.funded) if p.figure.value is None]


def _neutral_verdict(sides: _Sides, declared: Decimal | None) -> tuple[Verdict, str, list[str], Decimal]:
    flexible = declared or ZERO
    needed_low = sides.funded_low + flexible
    needed_high = sides.funded_high + flexible if sides.funded_high is not None else None
    if sides.released_high is not None and needed_low > sides.released_high:
        why = "er wordt meer gefinancierd dan er is vrijgevallen, ook binnen de marge van de vermelde bedragen"
        return Verdict.FAIL, why, [], needed_low - sides.released_high
    if declared is not None and needed_high is not None and sides.released_low > needed_high:
        why = "vrijgevallen is meer dan gefinancierd plus het genoemde flexibel budget"
        return Verdict.FAIL, why, [], sides.released_low - needed_high
    missing = [f"het vrijgevallen bedrag van {p.label}" for p in sides.unknown("released")]
    if sides.released_high is not None:
        missing = []
    if needed_high is None:
        missing += [f"het bedrag voor {p.label}" for p in sides.unknown("funded")]
    if not missing:
        why = "vrijgevallen dekt gefinancierd"
        if sides.funded_high != sides.funded_low:
            why += ", binnen de marge van het vermelde totaal"
        return Verdict.PASS, why + "; het restant gaat naar het flexibel budget", [], ZERO
    if sides.released_high is None:
        unknown = " en ".join(p.label for p in sides.unknown("released"))
        why = (
            "niet te beslissen: de genoemde projectbedragen rusten deels op vrijgevallen bedragen die geen bron "
            f"noemt ({unknown})"
        )
        return Verdict.UNKNOWN, why, missing, ZERO
    return Verdict.UNKNOWN, "niet te beslissen: niet elk gefinancierd bedrag is bekend", missing, ZERO


def _stated_verdict(sides: _Sides) -> tuple[Verdict, str, Decimal]:
    """The named posts of the side a stated total belongs to, against that total at its precision."""
    assert sides.stated is not None and sides.stated.value is not None
    posts = sides.released if sides.stated_side == "released" else sides.funded
    named = _known(posts)
    unknown = [p.label for p in posts if p.figure.value is None]
    high = sides.stated.high if sides.stated.high is not None else sides.stated.value
    low = sides.stated.low if sides.stated.low is not None else sides.stated.value
    if named > high:
        why = "de genoemde bedragen alleen zijn al meer dan het vermelde totaal, ook binnen zijn marge"
        return Verdict.FAIL, why, named - high
    if not unknown and named < low:
        why = "de genoemde bedragen komen niet aan het vermelde totaal, ook niet binnen zijn marge"
        return Verdict.FAIL, why, low - named
    why = "de genoemde bedragen passen binnen het vermelde totaal, binnen zijn marge"
    if unknown:
        why += f"; het deel zonder bedrag ({', '.join(unknown)}) is onbekend, niet afgeleid"
    return Verdict.PASS, why, ZERO


def _flexible_budget(sides: _Sides, declared: Decimal | None) -> Figure:
    """The remainder: declared, or released minus funded where both are known and the remainder is larger
    than their uncertainty (then as a range); else unknown, never negative."""
    if declared is not None:
        return Figure.exact(declared)
    source = "vrijgevallen min gefinancierd"
    if sides.released_high is None or sides.funded_high is None or sides.released_high != sides.released_low:
        return Figure(value=ZERO, bound="min", derived_from=source)
    middle = sides.released_low - (sides.funded_low + sides.funded_high) / 2
    margin = (sides.funded_high - sides.funded_low) / 2
    if margin == 0:
        return Figure.exact(middle).derived(source)
    if middle > margin:
        return Figure(value=middle, approximate=True, margin=margin, derived_from=source)
    return Figure(value=ZERO, bound="min", derived_from=source)


def _quote_word(quote: str | None) -> str | None:
    """The source's qualifier at the start of a quote ("grofweg € 2,1 miljoen" -> "grofweg")."""
    if not quote:
        return None
    return next((word for word in QUALIFIERS if quote.lower().startswith(word + " ")), None)


def _funded_posts(dataset: Dataset, project_id: str, decision_id: str) -> list[Post]:
    """A funded project's lines under this decision; a conditional line stands apart with its condition."""
    project = dataset.project(project_id)
    if project is None:
        return [Post(label=project_id, figure=Figure.unknown(), project=project_id, note="project not found")]
    figures = line_figures(project)
    order = decisions.positions(dataset)
    lines = [
        (line, _as_left(line, figures[i], decision_id, order))
        for i, line in enumerate(project.budget)
        if line.decision == decision_id
    ]
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


def _as_left(line: BudgetLine, figure: Figure, decision_id: str, order: dict[str, int]) -> Figure:
    """The line as the bijstelling funded it: a later wijziging does not change what it funded."""
    at = decisions.line_amount_after(line, decision_id, order)
    return figure if at == line.amount or not isinstance(at, Decimal) else Figure.exact(at)


def total_of(posts: list[Post]) -> Figure:
    return sum_of([p.figure for p in posts])


def _funding_names(dataset: Dataset) -> dict[str, str]:
    if not dataset.programmes:
        return {}
    return {f.id: f.name for f in dataset.programmes.model.funding_sources}
