"""Realisatie laid out: begroot, gerealiseerd, verschil and % besteed per line and group, and the funds."""

from __future__ import annotations

from decimal import Decimal

from ..figures import Figure
from ..realisatie import FundRow, RealisatieYear
from .dutch import cell_text
from .table import Cell, FigureCell, MoneyCell, Sum, Table

REALISATIE_STATUS_LABEL = {"provisional": "voorlopig", "final": "definitief"}
VERSCHIL_NOTE = "Verschil = begroot min gerealiseerd: minder besteed dan begroot is een voordeel, meer een nadeel."


def verschil_cell(difference: Decimal | None) -> MoneyCell:
    """Begroot min gerealiseerd, as `€ 1.000 voordeel` or `€ 500 nadeel`."""
    return MoneyCell(difference, outcome="under")


def percent_cell(value: object) -> Cell:
    return FigureCell(Figure.exact(value), money=False, percent=True) if isinstance(value, Decimal) else ""


def realisatie_tables(realised: RealisatieYear) -> list[Table]:
    """Begroot, gerealiseerd, verschil and % besteed per line and group; then the funds from opening to closing."""
    return [_comparison_table(realised), _funds_table(realised)]


def _comparison_table(realised: RealisatieYear) -> Table:
    rows: list[list[Cell]] = []
    sums: list[Sum] = []
    lines: list[int] = []
    for group in realised.groups:
        group_row = len(rows)
        rows.append(
            [
                group.name,
                "",
                MoneyCell(group.budgeted),
                MoneyCell(group.spent),
                verschil_cell(group.difference),
                percent_cell(group.share),
            ]
        )
        for row in group.rows:
            spent = MoneyCell(row.spent, remark=None if row.recorded else "geen boekingen")
            rows.append(
                ["", row.label, MoneyCell(row.budgeted), spent, verschil_cell(row.difference), percent_cell(row.share)]
            )
        group_lines = tuple(range(group_row + 1, len(rows)))
        sums.append(Sum(group.name, group_row, group_lines))
        lines += group_lines
    footer: list[list[Cell]] = [
        [
            "Totaal",
            "",
            MoneyCell(realised.budgeted),
            MoneyCell(realised.spent),
            verschil_cell(realised.difference),
            percent_cell(realised.share),
        ]
    ]
    sums.append(Sum("Totaal", len(rows), tuple(lines)))
    return Table(
        title=f"Begroot en gerealiseerd {realised.year} ({REALISATIE_STATUS_LABEL[realised.status.value]})",
        columns=["Groep", "Post", "Begroot", "Gerealiseerd", "Verschil", "% besteed"],
        rows=rows,
        footer=footer,
        numeric=frozenset({2, 3, 4, 5}),
        name="realisatie",
        notes=[VERSCHIL_NOTE, f"Bron: {realised.source}."],
        sums=tuple(sums),
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
        sums=(Sum("Totaal", len(fund_rows), tuple(range(len(fund_rows)))),),
        notes=notes,
    )


def _fund_cells(row: FundRow) -> list[Cell]:
    carried = row.opening is not None and row.opening_from == "vorig jaar"
    opening = MoneyCell(row.opening, remark="eind vorig jaar" if carried else None)
    return [row.name, opening, MoneyCell(row.additions), MoneyCell(row.spent), MoneyCell(row.closing)]
