"""`waw decision`: one decision as a collegevoorstel's financial paragraph, laid out."""

from __future__ import annotations

from ..periods import years_text
from ..reports.decision import DecisionReport, YearEffect
from .check_budget import moves_table, neutrality_table
from .dutch import VERDICT_LABEL
from .table import Cell, FigureCell, MoneyCell, Table


def decision_tables(report: DecisionReport) -> list[Table]:
    facts: list[list[Cell]] = [
        ["Kenmerk", report.reference],
        ["Datum", report.date],
        ["Soort", report.kind],
        ["Bron", report.source],
    ]
    if report.stopped:
        facts.append(["Stopt", ", ".join(report.stopped)])
    tables = [Table(title=f"Besluit {report.reference}: {report.title}", columns=["", ""], rows=facts)]
    if report.neutrality:
        tables.append(neutrality_table(report.neutrality))
    if report.changes or report.spread:
        tables.append(_was_wordt_table(report))
    if report.years:
        tables.append(_effects_table(report.years))
    if report.moves:
        tables.append(moves_table(report.moves))
    conditions: list[list[Cell]] = [
        [change.project_name, change.label, FigureCell(change.wordt), change.condition]
        for change in [*report.changes, *report.spread]
        if change.condition
    ]
    if conditions:
        tables.append(
            Table(
                title="Voorwaarden",
                columns=["Project", "Regel", "Bedrag", "Voorwaarde"],
                rows=conditions,
                numeric=frozenset({2}),
            )
        )
    return tables


def _was_wordt_table(report: DecisionReport) -> Table:
    rows: list[list[Cell]] = [
        [
            change.project_name,
            years_text(change.years),
            change.label,
            MoneyCell(change.was) if change.was is not None else "—",
            FigureCell(change.wordt),
            FigureCell(change.wordt - change.was) if change.was is not None else FigureCell(change.wordt),
        ]
        for change in [*report.changes, *report.spread]
    ]
    return Table(
        title="Was / wordt per project en jaar",
        columns=["Project", "Jaar", "Regel", "Was", "Wordt", "Verschil"],
        rows=rows,
        numeric=frozenset({3, 4, 5}),
        notes=["— : de regel is nieuw met dit besluit."]
        + (["Regels over meer jaren hebben geen verdeling per jaar in de bron."] if report.spread else []),
    )


def _effects_table(effects: list[YearEffect]) -> Table:
    rows: list[list[Cell]] = [
        [
            e.year,
            MoneyCell(e.total_before),
            MoneyCell(e.change),
            MoneyCell(e.total_after),
            FigureCell(e.available),
            FigureCell(e.headroom_before) if e.available.known else "",
            FigureCell(e.headroom_after) if e.available.known else "",
        ]
        for e in effects
    ]
    unknown = sum(e.unknown_changes for e in effects)
    return Table(
        title="Effect op totaal en ruimte per jaar",
        columns=["Jaar", "Totaal was", "Dit besluit", "Totaal wordt", "Beschikbaar", "Ruimte was", "Ruimte wordt"],
        rows=rows,
        numeric=frozenset({1, 2, 3, 4, 5, 6}),
        notes=[f"{unknown} regel(s) van dit besluit met onbekend bedrag tellen niet mee."] if unknown else [],
    )


def decision_summary(report: DecisionReport) -> str:
    return f"{VERDICT_LABEL[report.verdict]}: {report.explanation}."
