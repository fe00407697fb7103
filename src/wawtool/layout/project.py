"""`waw show`: one project's whole life as neutral Tables, with Dutch labels."""

from __future__ import annotations

from ..reports.project import ProjectReport
from .dutch import PROJECT_STATUS_LABEL, euro, number_text
from .monitor import MONITOR_COLUMNS, indicator_cells
from .realisatie import REALISATIE_STATUS_LABEL, percent_cell, verschil_cell
from .table import Cell, FigureCell, MoneyCell, Table

KIND_LABEL = {"cumulative": "opgeteld", "one-off": "eenmalig", "level": "stand", "rate": "percentage"}


def project_tables(report: ProjectReport) -> list[Table]:
    tables = [_facts_table(report)]
    if report.extensions:
        tables.append(
            Table(
                title="Verlengingen",
                columns=["Tot", "Besluit", "Voorwaarde", "Bron"],
                rows=[
                    [e.end, f"{e.decision} ({e.decision_status or 'status onbekend'})", e.condition or "", e.source]
                    for e in report.extensions
                ],
            )
        )
    tables.append(
        Table(
            title="Status",
            columns=["Per", "Status", "Bron"],
            rows=[[s.as_of, PROJECT_STATUS_LABEL.get(s.status, s.status), s.source] for s in report.status],
        )
    )
    tables.append(_budget_table(report))
    if report.totals:
        tables.append(
            Table(
                title="Vermelde totalen",
                columns=["Totaal", "Bedrag", "Bron"],
                rows=[[t.label, MoneyCell(t.amount), t.source] for t in report.totals],
                numeric=frozenset({1}),
            )
        )
    tables.append(_targets_table(report))
    tables += _results_tables(report)
    tables += _realisatie_tables(report)
    return tables


def _facts_table(report: ProjectReport) -> Table:
    facts: list[list[Cell]] = [
        ["Programma", report.programme or "onbekend"],
        ["Categorie", report.category or "niet ingedeeld"],
        ["Soort", report.type or ""],
        ["Looptijd", f"{report.start or 'onbekend'} t/m {report.end or 'onbekend'}"],
        ["Begroting (alle jaren)", _total_cell(report)],
        ["Partners", ", ".join(report.partners)],
        ["Doelgroepen", ", ".join(report.target_groups)],
        ["Bron", report.source],
    ]
    if report.extensions:
        last = report.extensions[-1]
        facts.insert(
            4, ["Verlengd tot", f"{last.end} ({last.decision_status or 'status onbekend'} in {last.decision})"]
        )
    return Table(
        title="Gegevens",
        columns=["Gegeven", "Waarde"],
        rows=[row for row in facts if row[1]],
        notes=[report.description] if report.description else [],
    )


def _total_cell(report: ProjectReport) -> Cell:
    """The project's budget over all its years: `€ 850.000`, `€ 80.000 + onbekend`; none without lines."""
    if report.budget_total is None:
        return ""
    return FigureCell(report.budget_total, partly_unknown=report.budget_unknown_lines > 0)


def _budget_table(report: ProjectReport) -> Table:
    rows: list[list[Cell]] = []
    for line in report.budget:
        changed = "".join(
            f" (was {euro(c.previous_amount)}, gewijzigd bij {c.decision}, {c.decision_status or 'status onbekend'})"
            for c in line.changes
        )
        rows.append(
            [
                line.years,
                line.description + changed,
                FigureCell(line.amount),
                line.funding or "",
                f"{line.decision} ({line.decision_status or 'status onbekend'})" if line.decision else "",
                line.condition or "",
                line.source,
            ]
        )
    return Table(
        title="Begroting",
        columns=["Jaar", "Regel", "Bedrag", "Financiering", "Besluit", "Voorwaarde", "Bron"],
        rows=rows,
        footer=[["Alle jaren", "Totaal van de regels", _total_cell(report), "", "", "", ""]] if rows else [],
        numeric=frozenset({2}),
    )


def _targets_table(report: ProjectReport) -> Table:
    return Table(
        title="Doelstellingen",
        columns=["Indicator", "Doel", "Soort", "Periode", "Bron"],
        rows=[
            [t.indicator, number_text(t.value, t.qualifier), KIND_LABEL.get(t.kind, t.kind), t.period, t.source]
            for t in report.targets
        ],
        numeric=frozenset({1}),
    )


def _results_tables(report: ProjectReport) -> list[Table]:
    if not report.quarters:
        return [Table(title="Resultaten", columns=MONITOR_COLUMNS, rows=[], notes=["Geen kwartaal meldt iets."])]
    return [
        Table(
            title=f"Resultaten {quarter.quarter} (t/m {quarter.as_of})",
            columns=MONITOR_COLUMNS,
            rows=[indicator_cells(row) for row in quarter.rows],
            numeric=frozenset({1, 2, 3}),
            notes=[f"Bron: {quarter.title}."],
        )
        for quarter in report.quarters
    ]


def _realisatie_tables(report: ProjectReport) -> list[Table]:
    return [
        Table(
            title=f"Begroot en gerealiseerd {year.year} ({REALISATIE_STATUS_LABEL[year.status]})",
            columns=["Post", "Begroot", "Gerealiseerd", "Verschil", "% besteed"],
            rows=[
                [r.label, MoneyCell(r.budgeted), MoneyCell(r.spent), verschil_cell(r.difference), percent_cell(r.share)]
                for r in year.rows
            ],
            numeric=frozenset({1, 2, 3, 4}),
        )
        for year in report.realisatie
    ]
