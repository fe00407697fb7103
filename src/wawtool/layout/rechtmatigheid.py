"""The begrotingsrechtmatigheid of a realisatie year, as the jaarrekening's paragraph has it: per programme, then
per project and cost line, the begroting na wijziging, the realisatie, the difference as voordeel or nadeel,
and each overrun's judgement with its kind and explanation."""

from __future__ import annotations

from ..models import RealisatieStatus
from ..rechtmatigheid import CATEGORY_LABEL, Rechtmatigheid, RechtmatigheidRow
from ..values import worst
from .table import Cell, MoneyCell, Sum, Table


def _rows(rows: list[RechtmatigheidRow], *, kind_column: bool) -> list[list[Cell]]:
    laid: list[list[Cell]] = []
    for row in rows:
        why = CATEGORY_LABEL[row.category] if row.category else ""
        if row.explanation:
            why = f"{why}: {row.explanation}" if why else row.explanation
        first: list[Cell] = [row.name, row.level] if kind_column else [row.name]
        laid.append(
            [
                *first,
                MoneyCell(row.budgeted),
                MoneyCell(row.spent),
                MoneyCell(row.difference, outcome="under"),
                row.judgement,
                why,
            ]
        )
    return laid


def rechtmatigheid_tables(lawful: Rechtmatigheid, *, projects: bool = True) -> list[Table]:
    """The programme table, and with `projects` the table of projects and cost lines beside it."""
    provisional = " (voorlopig: het jaar is niet afgesloten)" if lawful.status is RealisatieStatus.PROVISIONAL else ""
    notes = [
        "Een overschrijding van de lasten is altijd onrechtmatig; of zij meetelt voor het oordeel van de "
        "accountant, hangt af van haar soort (Commissie BBV, Kadernota Rechtmatigheid). Een overschrijding "
        "zonder toelichting, of van een soort die meetelt, is een bevinding."
    ]
    tables = [
        Table(
            title=f"Begrotingsrechtmatigheid {lawful.year} per programma{provisional}",
            columns=["Programma", "Begroting na wijziging", "Realisatie", "Verschil", "Oordeel", "Toelichting"],
            rows=_rows(lawful.programmes, kind_column=False),
            footer=[
                [
                    "Totaal",
                    MoneyCell(lawful.budgeted),
                    MoneyCell(lawful.spent),
                    MoneyCell(lawful.difference, outcome="under"),
                    "",
                    "",
                ]
            ],
            notes=notes,
            numeric=frozenset({1, 2, 3}),
            verdict=worst(r.verdict for r in lawful.programmes),
            name="rechtmatigheid",
            sums=(Sum("Totaal", len(lawful.programmes), tuple(range(len(lawful.programmes)))),),
        )
    ]
    if projects:
        tables.append(
            Table(
                title=f"Begrotingsrechtmatigheid {lawful.year} per project{provisional}",
                columns=["Post", "Soort", "Begroting na wijziging", "Realisatie", "Verschil", "Oordeel", "Toelichting"],
                rows=_rows(lawful.projects, kind_column=True),
                numeric=frozenset({2, 3, 4}),
                name="rechtmatigheid-projecten",
            )
        )
    return tables
