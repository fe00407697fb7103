"""`waw budget`: a year's begroting laid out like Tabel 1, with its realisatie and risks."""

from __future__ import annotations

from ..budget import Risk
from ..realisatie import NO_REALISATIE
from ..reports.budget import BudgetReport
from .dutch import cell_text
from .realisatie import realisatie_tables
from .table import Cell, FigureCell, MoneyCell, Table, VerdictCell


def risks_table(report_risks: list[Risk]) -> Table:
    rows: list[list[Cell]] = [
        [r.year, r.label, MoneyCell(r.amount, derived=r.derived_from is not None), r.condition] for r in report_risks
    ]
    return Table(
        title="Voorwaardelijke reserveringen (risico's)",
        columns=["Jaar", "Post", "Bedrag", "Voorwaarde"],
        rows=rows,
        numeric=frozenset({2}),
    )


def budget_tables(report: BudgetReport) -> list[Table]:
    rows: list[list[Cell]] = []
    for group in report.groups:
        rows.append([group.name, "", MoneyCell(group.subtotal, whole=True)])
        rows += [
            [
                "",
                line.label + (" (voorwaardelijk)" if line.condition else ""),
                MoneyCell(line.amount, whole=True, derived=line.derived_from is not None),
            ]
            for line in group.lines
        ]
    rows += [
        ["", f"{line.label} (voorwaarde vervallen {line.condition_failed}: valt vrij)", MoneyCell(line.amount)]
        for line in report.released
    ]
    footer: list[list[Cell]] = [["Totaal uitgaven", "", MoneyCell(report.total, whole=True)]]
    if report.conditional:
        footer.append(["waarvan verplicht", "", MoneyCell(report.firm, whole=True)])
        footer.append(["waarvan voorwaardelijk", "", MoneyCell(report.conditional, whole=True)])
    footer.append(["Beschikbaar", report.available_quote or "", FigureCell(report.available)])
    if report.available.known:
        overrun = report.headroom.value is not None and report.headroom.value < 0
        footer.append(["Overschrijding" if overrun else "Ruimte", "", FigureCell(report.headroom.magnitude())])
    notes = []
    if report.stated_total:
        st = report.stated_total
        notes.append(
            f"{st.label}: vermeld {cell_text(MoneyCell(st.stated.amount, whole=True))}, "
            f"exact {cell_text(MoneyCell(st.lines.known))} ({cell_text(VerdictCell(st.verdict))})."
        )
    if report.unknown_lines:
        notes.append(f"{report.unknown_lines} regel(s) met onbekend bedrag tellen niet mee.")
    for spread in report.spread:
        notes.append(
            f"Over {spread.years[0]}-{spread.years[-1]} verdeeld, verdeling onbekend: {spread.label} "
            f"{cell_text(MoneyCell(spread.amount, whole=True))}."
        )
    tables = [
        Table(
            title=f"Begroting {report.year}",
            columns=["Groep", "Post", "Bedrag"],
            rows=rows,
            footer=footer,
            notes=notes,
            numeric=frozenset({2}),
        )
    ]
    if report.realisatie is not None:
        tables += realisatie_tables(report.realisatie)
    else:
        notes.append(f"Realisatie {report.year}: {NO_REALISATIE}.")
    if report.risks:
        tables.append(risks_table(report.risks))
    return tables
