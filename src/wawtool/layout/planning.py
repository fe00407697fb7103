"""`waw budget --years`: the years ahead as three tables: commitments per year, each fund from year to year,
and when a fund runs out."""

from __future__ import annotations

from ..planning import PlanningReport
from .table import Cell, FigureCell, MoneyCell, Table

OPENING_FROM = {"bron": "volgens bron", "vorig jaar": "saldo vorig jaar", "onbekend": "onbekend"}


def planning_tables(report: PlanningReport) -> list[Table]:
    span = f"{report.first}-{report.last}"
    run_outs: list[list[Cell]] = [[r.name, r.explanation] for r in report.run_outs]
    return [
        _years_table(report, span),
        _funds_table(report, span),
        Table(title="Wanneer raakt een fonds op", columns=["Fonds", "Uitkomst"], rows=run_outs, name="opraken"),
    ]


def _years_table(report: PlanningReport, span: str) -> Table:
    years: list[list[Cell]] = []
    for year in report.years:
        total = None if year.firm is None or year.conditional is None else year.firm + year.conditional
        parts = [year.reason] if year.reason else []
        parts += [f"{year.unknown_lines} regel(s) met onbekend bedrag"] if year.unknown_lines else []
        parts += ["rust op " + ", ".join(year.resting_on)] if year.resting_on else []
        why = "; ".join(parts)
        years.append(
            [
                str(year.year),
                MoneyCell(year.firm, whole=True),
                MoneyCell(year.conditional, whole=True),
                MoneyCell(total, whole=True, partly_unknown=bool(year.unknown_lines)),
                why,
            ]
        )
    return Table(
        title=f"Verplichtingen per jaar {span}",
        columns=["Jaar", "Verplicht", "Voorwaardelijk", "Totaal", "Toelichting"],
        rows=years,
        numeric=frozenset({1, 2, 3}),
        name="verplichtingen",
    )


def _funds_table(report: PlanningReport, span: str) -> Table:
    funds: list[list[Cell]] = []
    for year in report.years:
        for fund in year.funds:
            funds.append(
                [
                    fund.name,
                    str(year.year),
                    FigureCell(fund.opening),
                    OPENING_FROM[fund.opening_from],
                    FigureCell(fund.additions),
                    MoneyCell(fund.firm, whole=True),
                    MoneyCell(fund.conditional, whole=True),
                    FigureCell(fund.closing),
                    fund.why_unknown or "",
                ]
            )
    notes = [
        "Een jaar opent met wat een bron zegt dat er in een fonds zit, anders met het saldo van het jaar ervoor; "
        "wat onbekend is, blijft onbekend in elk jaar erna.",
        "Verplicht en voorwaardelijk zijn de regels van de begroting; een regel waarvan de voorwaarde vervallen "
        "is, telt niet mee.",
    ]
    return Table(
        title=f"Fondsen per jaar {span}",
        columns=[
            "Fonds",
            "Jaar",
            "Begin",
            "Begin uit",
            "Toevoegingen",
            "Verplicht",
            "Voorwaardelijk",
            "Eind",
            "Toelichting",
        ],
        rows=funds,
        notes=notes,
        numeric=frozenset({2, 4, 5, 6, 7}),
        name="fondsen",
    )
