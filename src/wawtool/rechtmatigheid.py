"""Begrotingsrechtmatigheid: per programme and per project the lasten of the begroting na wijziging against
the realisatie, the difference as voordeel or nadeel, and each overrun with its explanation and category.

An overrun of the lasten is always onrechtmatig (Commissie BBV, Kadernota Rechtmatigheid); whether it counts
towards the accountant's opinion depends on its kind, which the realisatie file records with the explanation
(`overruns`). An overrun without an explanation, or of a kind that counts, is a finding. The programme is the
level the raad authorises; projects and cost lines are shown beside it, each overrun of theirs explained the
same way (the row-level findings live in realisatie.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from .models import Overrun, OverrunCategory, RealisatieFile, RealisatieStatus
from .values import ZERO, Report, Verdict, sum_or_unknown

if TYPE_CHECKING:
    from .load.loader import Dataset
    from .realisatie import Comparison

NOT_COUNTING = {
    OverrunCategory.GERELATEERDE_OPBRENGSTEN,
    OverrunCategory.OPEN_EINDE,
    OverrunCategory.NIET_TIJDIG_TE_SIGNALEREN,
}
CATEGORY_LABEL = {
    OverrunCategory.GERELATEERDE_OPBRENGSTEN: "gecompenseerd door direct gerelateerde opbrengsten",
    OverrunCategory.OPEN_EINDE: "open-einderegeling",
    OverrunCategory.NIET_TIJDIG_TE_SIGNALEREN: "past binnen beleid, kon niet tijdig worden gesignaleerd",
    OverrunCategory.ANDERE_INKOMSTEN: "gecompenseerd door niet direct gerelateerde inkomsten",
    OverrunCategory.TEN_ONRECHTE_NIET_GESIGNALEERD: "past binnen beleid, ten onrechte niet tijdig gesignaleerd",
    OverrunCategory.BUITEN_BELEID: "past niet binnen het bestaande beleid",
    OverrunCategory.ACHTERAF_ONRECHTMATIG: "achteraf onrechtmatig",
}
Judgement = Literal[
    "rechtmatig", "onrechtmatig, telt niet mee", "onrechtmatig, telt mee", "niet toegelicht", "onbekend"
]
NO_PROGRAMME = "zonder programma"


class RechtmatigheidRow(Report):
    """A programme, a project or a programme cost line in the year."""

    level: Literal["programma", "project", "kostenregel"]
    id: str
    name: str
    programme: str | None
    budgeted: Decimal | None  # the lasten of the begroting na wijziging
    spent: Decimal | None
    difference: Decimal | None  # budgeted minus spent: positive is a voordeel, negative a nadeel
    overrun: Decimal | None  # spent above the begroting; 0 where within it
    category: OverrunCategory | None
    explanation: str | None
    explanation_source: str | None
    judgement: Judgement
    verdict: Verdict


class Rechtmatigheid(Report):
    year: int
    status: RealisatieStatus  # a provisional year shows what threatens, a final year what the jaarrekening says
    programmes: list[RechtmatigheidRow]
    projects: list[RechtmatigheidRow]
    budgeted: Decimal | None
    spent: Decimal | None
    difference: Decimal | None


def row_explanations(year_file: RealisatieFile, row: Comparison) -> list[Overrun]:
    """An overrun of a line is explained by an explanation of that line, of its project as a whole, or of the
    cost line."""
    return [
        o
        for o in year_file.overruns
        if (row.project is not None and o.project == row.project and o.line in (None, row.line))
        or (row.cost_line is not None and o.cost_line == row.cost_line)
    ]


def overrun_words(judgement: str, category: OverrunCategory | None, what: str) -> str:
    """`gerealiseerd boven de begroting van 2021, niet toegelicht`, or the judgement with the kind of overrun."""
    if judgement == "niet toegelicht" or category is None:
        return f"{what}, niet toegelicht"
    return f"{what}: {judgement} voor het oordeel ({CATEGORY_LABEL[category]})"


def explanations_for(year_file: RealisatieFile, level: str, key: str) -> list[Overrun]:
    """The recorded explanations of an overrun of a programme, a project (any of its lines) or a cost line."""
    field = {"programma": "programme", "project": "project", "kostenregel": "cost_line"}[level]
    return [o for o in year_file.overruns if getattr(o, field) == key]


def judge(
    overrun: Decimal | None, explanations: list[Overrun]
) -> tuple[Judgement, Verdict, OverrunCategory | None, Overrun | None]:
    """Within the begroting: rechtmatig. Over it: the kind of the explanation decides; the first that counts
    wins, so one explanation that counts makes the overrun count."""
    if overrun is None:
        return "onbekend", Verdict.UNKNOWN, None, None
    if overrun <= 0:
        return "rechtmatig", Verdict.PASS, None, explanations[0] if explanations else None
    if not explanations:
        return "niet toegelicht", Verdict.FAIL, None, None
    counting = next((e for e in explanations if e.category not in NOT_COUNTING), None)
    if counting is not None:
        return "onrechtmatig, telt mee", Verdict.FAIL, counting.category, counting
    return "onrechtmatig, telt niet mee", Verdict.PASS, explanations[0].category, explanations[0]


def _row(
    level: Literal["programma", "project", "kostenregel"],
    key: str,
    name: str,
    programme: str | None,
    members: list[Comparison],
    year_file: RealisatieFile,
) -> RechtmatigheidRow:
    budgeted = sum_or_unknown([m.budgeted for m in members])
    spent = sum_or_unknown([m.spent for m in members])
    difference = None if budgeted is None or spent is None else budgeted - spent
    overrun = None if difference is None else max(-difference, ZERO)
    judgement, verdict, category, explained = judge(overrun, explanations_for(year_file, level, key))
    return RechtmatigheidRow(
        level=level,
        id=key,
        name=name,
        programme=programme,
        budgeted=budgeted,
        spent=spent,
        difference=difference,
        overrun=overrun,
        category=category,
        explanation=explained.explanation if explained else None,
        explanation_source=explained.source if explained else None,
        judgement=judgement,
        verdict=verdict,
    )


def rechtmatigheid(dataset: Dataset, year_file: RealisatieFile, rows: list[Comparison]) -> Rechtmatigheid:
    programmes = {p.id: p.name for p in dataset.programmes.model.programmes} if dataset.programmes else {}
    costs = {c.id: c for c in dataset.programmes.model.cost_lines if c.id} if dataset.programmes else {}
    units: dict[tuple[str, str], list[Comparison]] = {}
    for row in rows:
        unit = ("project", row.project) if row.project else ("kostenregel", row.cost_line or row.label)
        units.setdefault(unit, []).append(row)
    projects: list[RechtmatigheidRow] = []
    for (level, key), members in units.items():
        if level == "project":
            project = dataset.project(key)
            name, programme = (project.name, project.programme) if project else (key, None)
        else:
            cost = costs.get(key)
            name, programme = (cost.description, cost.programme) if cost else (members[0].label, members[0].programme)
        projects.append(_row(level, key, name, programme, members, year_file))  # type: ignore[arg-type]
    by_programme: dict[str, list[Comparison]] = {}
    for unit_row in projects:
        by_programme.setdefault(unit_row.programme or NO_PROGRAMME, []).extend(units[(unit_row.level, unit_row.id)])
    order = [p for p in programmes if p in by_programme] + [p for p in by_programme if p not in programmes]
    programme_rows = [_row("programma", p, programmes.get(p, p), p, by_programme[p], year_file) for p in order]
    budgeted = sum_or_unknown([r.budgeted for r in programme_rows])
    spent = sum_or_unknown([r.spent for r in programme_rows])
    return Rechtmatigheid(
        year=year_file.year,
        status=year_file.status,
        programmes=programme_rows,
        projects=projects,
        budgeted=budgeted,
        spent=spent,
        difference=None if budgeted is None or spent is None else budgeted - spent,
    )
