"""The neutrality of a bijstelling: what it releases against what it funds, with the flexible budget between.

released = funded + flexible budget, with the flexible budget the remainder (never negative); where a stated
total covers posts of unknown amount, their part is derived from it, and says so.
"""

from __future__ import annotations

from decimal import Decimal

from .budget import StatedSum, line_figures, precision_of
from .figures import QUALIFIERS, Figure, sum_of
from .load.loader import Dataset
from .models import Decision
from .values import ZERO, Report, Verdict


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
        released, released_total = _released_at_least(released, funded_total, declared_flexible)
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


def _released_at_least(
    released: list[Post], funded_total: Figure, declared_flexible: Figure
) -> tuple[list[Post], Figure]:
    """Released is at least what it funds: the unknown released part is bounded from below."""
    known = total_of([p for p in released if p.figure.value is not None])
    unknown_posts = [p for p in released if p.figure.value is None]
    at_least = (funded_total + declared_flexible if declared_flexible.known else funded_total) - known
    if at_least.value is not None and at_least.value < 0:
        at_least = Figure.exact(ZERO)
    label = " en ".join(p.label for p in unknown_posts) + (" samen" if len(unknown_posts) > 1 else "")
    post = Post(
        label=label,
        figure=at_least.model_copy(
            update={"bound": "min", "derived_from": "gefinancierd min het bekende vrijgevallen deel"}
        ),
        note="afgeleid: wat is vrijgevallen is minstens wat ermee is gefinancierd",
    )
    return [*released, post], (known + at_least).model_copy(update={"bound": "min", "derived_from": None})


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


def total_of(posts: list[Post]) -> Figure:
    return sum_of([p.figure for p in posts])


def _funding_names(dataset: Dataset) -> dict[str, str]:
    if not dataset.programmes:
        return {}
    return {f.id: f.name for f in dataset.programmes.model.funding_sources}
