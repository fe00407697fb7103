"""A data change laid out for review: per project, per year, and the neutrality of reallocations."""

from __future__ import annotations

from decimal import Decimal

from ..reports.diff import DataChange, DiffReport
from .dutch import UNKNOWN_LABEL, euro
from .table import Cell, FigureCell, MoneyCell, Table, VerdictCell

WHAT = {
    "budget": "budgetregel",
    "target": "doel",
    "status": "status",
    "end": "einddatum",
    "result": "resultaat",
    "cost_line": "programmakosten",
    "available": "beschikbaar",
    "project": "project",
}
KIND = {"added": "toegevoegd", "removed": "verwijderd", "changed": "gewijzigd"}
MONEY = {"budget", "cost_line", "available"}


def _value(change: DataChange, value: str | None, present: bool) -> str:
    if not present:
        return ""
    if value is None:
        return UNKNOWN_LABEL
    return euro(Decimal(value)) if change.what in MONEY else value


def diff_tables(report: DiffReport) -> list[Table]:
    rows: list[list[Cell]] = []
    for change in report.changes:
        years = ", ".join(str(y) for y in change.years)
        rows.append(
            [
                change.scope_name,
                f"{WHAT[change.what]} {KIND[change.kind]}",
                change.key,
                years,
                _value(change, change.before, change.kind != "added"),
                _value(change, change.after, change.kind != "removed"),
                MoneyCell(change.delta) if change.delta is not None else "",
            ]
        )
    year_rows: list[list[Cell]] = [
        [
            y.year,
            MoneyCell(y.base_total),
            MoneyCell(y.head_total),
            MoneyCell(y.delta),
            FigureCell(y.base_headroom),
            FigureCell(y.head_headroom),
        ]
        for y in report.years
    ]
    neutral_rows: list[list[Cell]] = [
        [n.reference, VerdictCell(n.base) if n.base else "—", VerdictCell(n.head) if n.head else "—"]
        for n in report.neutrality
    ]
    return [
        Table(
            title=f"Wijzigingen {report.base} → {report.head}",
            columns=["Project", "Wijziging", "Wat", "Jaar", "Was", "Wordt", "Verschil"],
            rows=rows,
            numeric=frozenset({6}),
        ),
        Table(
            title="Effect per jaar op totaal en ruimte",
            columns=["Jaar", "Totaal was", "Totaal wordt", "Verschil", "Ruimte was", "Ruimte wordt"],
            rows=year_rows,
            numeric=frozenset({1, 2, 3, 4, 5}),
        ),
        Table(
            title="Neutraliteit van bijstellingen",
            columns=["Besluit", "Was", "Wordt"],
            rows=neutral_rows,
        ),
    ]


def diff_summary(report: DiffReport) -> str:
    neutral = "alle bijstellingen blijven neutraal" if report.still_neutral else "een bijstelling is niet meer neutraal"
    return f"{len(report.changes)} wijziging(en); {neutral}."
