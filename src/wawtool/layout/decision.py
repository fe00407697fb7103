"""`waw decision`: one decision as a collegevoorstel's financial paragraph, laid out."""

from __future__ import annotations

from ..periods import years_text
from ..reports.decision import DecisionReport, SpanEffect, YearEffect
from .check_budget import moves_table, neutrality_table, withdrawals_table
from .dutch import VERDICT_LABEL, change_text, decision_status_text, euro
from .table import Cell, FigureCell, MoneyCell, Table


def _status_table(report: DecisionReport) -> Table:
    rows: list[list[Cell]] = [
        [
            step.status,
            step.date + (f" t/m {step.until}" if step.until else ""),
            step.by or "",
            step.to or "",
            step.source + (f". {step.note}" if step.note else ""),
        ]
        for step in report.status
    ]
    return Table(title="Status", columns=["Status", "Datum", "Door", "Aan", "Bron"], rows=rows)


def _extensions_table(report: DecisionReport) -> Table:
    rows: list[list[Cell]] = [[e.project_name, e.end, e.condition or "", e.source] for e in report.extensions]
    latest = report.status[-1].status if report.status else None
    return Table(
        title="Verlengingen",
        columns=["Project", "Verlengd tot", "Voorwaarde", "Bron"],
        rows=rows,
        notes=[f"De verlengingen hebben de status van het besluit: {latest or 'onbekend'}."],
    )


def _funding_table(report: DecisionReport) -> Table:
    rows: list[list[Cell]] = [
        [f"{euro(f.amount)} uit {f.name}" if f.amount > 0 else f"{euro(-f.amount)} terug naar {f.name}"]
        for f in report.funding
    ]
    return Table(title="Dekking", columns=["Bedrag en fonds"], rows=rows)


def decision_tables(report: DecisionReport) -> list[Table]:
    facts: list[list[Cell]] = [
        ["Kenmerk", report.reference],
        ["Datum", report.date],
        ["Soort", report.kind],
        ["Status", _status_fact(report)],
        ["Bron", report.source],
    ]
    if report.stopped:
        facts.append(["Stopt", ", ".join(report.stopped)])
    tables = [Table(title=f"Besluit {report.reference}: {report.title}", columns=["", ""], rows=facts)]
    if report.status:
        tables.append(_status_table(report))
    if report.extensions:
        tables.append(_extensions_table(report))
    if report.neutrality:
        tables.append(neutrality_table(report.neutrality))
    if report.changes or report.spread:
        tables.append(_was_wordt_table(report))
    if report.years or report.spans:
        tables.append(_effects_table(report.years, report.spans))
    if report.funding:
        tables.append(_funding_table(report))
    if report.withdrawals:
        tables.append(withdrawals_table([(d.fund, d.withdrawal) for d in report.withdrawals]))
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


def _status_fact(report: DecisionReport) -> str:
    if not report.status:
        return decision_status_text(None, None)
    latest = report.status[-1]
    return decision_status_text(latest.status, latest.date) + (f" ({latest.by})" if latest.by else "")


def _effects_table(effects: list[YearEffect], spans: list[SpanEffect]) -> Table:
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
    rows += [[years_text(span.years), "", change_text(span.change, whole=False), "", "", "", ""] for span in spans]
    unknown = sum(e.unknown_changes for e in effects)
    notes = [f"{unknown} regel(s) van dit besluit met onbekend bedrag tellen niet mee."] if unknown else []
    notes += [
        f"{years_text(span.years)}: over de jaren samen, verdeling onbekend (niet verdeeld): {'; '.join(span.lines)}."
        for span in spans
    ]
    return Table(
        title="Effect op totaal en ruimte per jaar",
        columns=["Jaar", "Totaal was", "Dit besluit", "Totaal wordt", "Beschikbaar", "Ruimte was", "Ruimte wordt"],
        rows=rows,
        numeric=frozenset({1, 2, 3, 4, 5, 6}),
        notes=notes,
    )


def decision_summary(report: DecisionReport) -> str:
    return f"{VERDICT_LABEL[report.verdict]}: {report.explanation}."
