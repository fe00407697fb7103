"""Realisatie laid out: begroot, gerealiseerd, verschil and % besteed per line and group, and the funds."""

from __future__ import annotations

from decimal import Decimal

from ..figures import Figure
from ..realisatie import FundRow, RealisatieYear
from .dutch import cell_text
from .table import Cell, FigureCell, MoneyCell, Table

REALISATIE_STATUS_LABEL = {"provisional": "voorlopig", "final": "definitief"}


def percent_cell(value: object) -> Cell:
    return FigureCell(Figure.exact(value), money=False, percent=True) if isinstance(value, Decimal) else ""


def realisatie_tables(realised: RealisatieYear) -> list[Table]:
    """Begroot, gerealiseerd, verschil and % besteed per line and group; then the funds from opening to closing."""
    return [_comparison_table(realised), _funds_table(realised)]


def _comparison_table(realised: RealisatieYear) -> Table:
    rows: list[list[Cell]] = []
    for group in realised.groups:
        rows.append(
            [
                group.name,
                "",
                MoneyCell(group.budgeted),
                MoneyCell(group.spent),
                MoneyCell(group.difference),
                percent_cell(group.share),
            ]
        )
        for row in group.rows:
            spent: Cell = (
                MoneyCell(row.spent) if row.recorded else f"{cell_text(MoneyCell(row.spent))} (geen boekingen)"
            )
            rows.append(
                ["", row.label, MoneyCell(row.budgeted), spent, MoneyCell(row.difference), percent_cell(row.share)]
            )
    footer: list[list[Cell]] = [
        [
            "Totaal",
            "",
            MoneyCell(realised.budgeted),
            MoneyCell(realised.spent),
            MoneyCell(realised.difference),
            percent_cell(realised.share),
        ]
    ]
    return Table(
        title=f"Begroot en gerealiseerd {realised.year} ({REALISATIE_STATUS_LABEL[realised.status.value]})",
        columns=["Groep", "Post", "Begroot", "Gerealiseerd", "Verschil", "% besteed"],
        rows=rows,
        footer=footer,
        numeric=frozenset({2, 3, 4, 5}),
        name="realisatie",
        notes=[
            "Verschil = begroot min gerealiseerd; negatief is meer besteed dan begroot.",
            f"Bron: {realised.source}.",
        ],
    )


def _funds_table(realised: RealisatieYear) -> Table:
    fund_rows: list[list[Cell]] = [_fund_cells(f) for f in realised.funds]
    notes = []
    if realised.next_available is not None:
        words = f" ({realised.next_available_quote})" if realised.next_available_quote else ""
        stated = MoneyCell(realised.next_available, whole=True, approximate=realised.next_available_approximate)
        notes.append(
            f"Beschikbaar {realised.year + 1} volgens de bronnen{words}: {cell_text(stated)}; "
            f"eindsaldo {realised.year} volgens de realisatie: {cell_text(MoneyCell(realised.funds_total.closing))}."
        )
    unknown = [f.name for f in realised.funds if f.opening is None and f.funding is not None]
    if unknown:
        notes.append(f"Beginsaldo onbekend voor {', '.join(unknown)}: het eindsaldo is dan ook onbekend.")
    return Table(
        title=f"Middelen {realised.year}",
        columns=["Bron", "Beginsaldo", "Toevoegingen", "Besteed", "Eindsaldo"],
        rows=fund_rows,
        footer=[_fund_cells(realised.funds_total)],
        numeric=frozenset({1, 2, 3, 4}),
        name="middelen",
        notes=notes,
    )


def _fund_cells(row: FundRow) -> list[Cell]:
    opening: Cell = MoneyCell(row.opening)
    if row.opening is not None and row.opening_from == "vorig jaar":
        opening = f"{cell_text(MoneyCell(row.opening))} (eind vorig jaar)"
    return [row.name, opening, MoneyCell(row.additions), MoneyCell(row.spent), MoneyCell(row.closing)]
