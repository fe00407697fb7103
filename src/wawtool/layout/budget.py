"""`waw budget`: a year's begroting laid out like Tabel 1, with its realisatie and risks."""

from __future__ import annotations

from ..budget import Risk
from ..decisions import ADOPTED
from ..realisatie import NO_REALISATIE, RealisatieYear
from ..reports.budget import BudgetReport
from ..versions import VersionStep, YearVersions
from .dutch import UNKNOWN_LABEL, cell_text, change_text, decision_status_text
from .realisatie import REALISATIE_STATUS_LABEL, realisatie_tables
from .rechtmatigheid import rechtmatigheid_tables
from .table import Cell, FigureCell, MoneyCell, Sum, Table, VerdictCell


def risks_table(report_risks: list[Risk]) -> Table:
    rows: list[list[Cell]] = [
        [r.year, r.label, MoneyCell(r.amount, derived=r.derived_from is not None), r.condition] for r in report_risks
    ]
    return Table(
        title="Voorwaardelijke reserveringen (risico's)",
        columns=["Jaar", "Post", "Bedrag", "Voorwaarde"],
        rows=rows,
        numeric=frozenset({2}),
        name="risicos",
    )


def _version_row(label: str, step: VersionStep) -> list[Cell]:
    change = change_text(step.change) if label != "Primitieve begroting" else ""
    return [
        label,
        f"{step.reference} ({step.date})",
        decision_status_text(step.status, step.status_date),
        change,
        MoneyCell(step.total, whole=True, partly_unknown=bool(step.unknown_lines)),
    ]


def versions_table(versions: YearVersions, realisatie: RealisatieYear | None = None) -> Table:
    """Primitief, each wijziging by its decision, na wijziging, and realisatie and verschil where recorded:
    the municipal begroting's columns, from the data's own chain of decisions."""
    rows = [_version_row("Primitieve begroting", versions.primitief)]
    rows += [_version_row(f"{i}e begrotingswijziging", step) for i, step in enumerate(versions.wijzigingen, 1)]
    footer: list[list[Cell]] = [["Begroting na wijziging", "", "", "", MoneyCell(versions.na_wijziging, whole=True)]]
    if realisatie is not None:
        word = REALISATIE_STATUS_LABEL.get(realisatie.status.value, realisatie.status.value)
        footer.append([f"Realisatie ({word})", realisatie.source, "", "", MoneyCell(realisatie.spent, whole=True)])
        difference = realisatie.spent - versions.na_wijziging if realisatie.spent is not None else None
        verschil = MoneyCell(difference, whole=True, outcome="over")
        footer.append(["Verschil (realisatie min begroting)", "", "", "", verschil])
    notes = [
        "Elke versie volgt uit de besluiten in de data: een regel die een besluit invoert, telt vanaf dat besluit; "
        "een gewijzigde regel noemt het besluit en het bedrag ervoor."
    ]
    adopted = {status.value for status in ADOPTED}
    if any(step.status not in adopted for step in [versions.primitief, *versions.wijzigingen]):
        notes.append("Een voorgesteld besluit is nog geen besluit: de bedragen die erop rusten, staan er wel in.")
    return Table(
        title=f"Versies van de begroting {versions.year}",
        columns=["Versie", "Besluit", "Status", "Wijziging", "Totaal"],
        rows=rows,
        footer=footer,
        notes=notes,
        numeric=frozenset({3, 4}),
        name="versies",
    )


def _line_rows(report: BudgetReport) -> tuple[list[list[Cell]], list[Sum]]:
    """Each group's subtotal and its lines, then the released lines; each subtotal a Sum over its lines, and a
    last Sum for the Totaal (the row after these) over every line that stands, not over the subtotals."""
    rows: list[list[Cell]] = []
    sums: list[Sum] = []
    lines: list[int] = []
    for group in report.groups:
        group_row = len(rows)
        rows.append([group.name, "", MoneyCell(group.subtotal, whole=True)])
        group_lines = tuple(range(group_row + 1, group_row + 1 + len(group.lines)))
        sums.append(Sum(group.name, group_row, group_lines))
        lines += group_lines
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
    sums.append(Sum("Totaal uitgaven", len(rows), tuple(lines)))
    return rows, sums


def budget_tables(report: BudgetReport) -> list[Table]:
    rows, sums = _line_rows(report)
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
            name="begroting",
            sums=tuple(sums),
        )
    ]
    if report.versions is not None:
        tables.append(versions_table(report.versions, report.realisatie))
    if report.realisatie is not None:
        tables += realisatie_tables(report.realisatie)
        tables += rechtmatigheid_tables(report.realisatie.rechtmatigheid)
    else:
        notes.append(f"Realisatie {report.year}: {NO_REALISATIE}.")
    if report.risks:
        tables.append(risks_table(report.risks))
    return tables


def headroom_table(report: BudgetReport) -> Table:
    """The year at a glance, for the top of its page: what is available, what is spent firm and what is reserved
    on a condition (exact, to the cent), and the headroom beside them."""
    conditional = [line for group in report.groups for line in group.lines if line.condition]
    rows: list[list[Cell]] = [
        ["Beschikbaar", report.available_quote or "", FigureCell(report.available)],
        ["Totaal uitgaven", "", MoneyCell(report.total, partly_unknown=bool(report.unknown_lines))],
        ["waarvan verplicht", "", MoneyCell(report.firm)],
        [
            "waarvan voorwaardelijk",
            f"{len(conditional)} voorwaardelijke reservering(en)" if conditional else "geen",
            MoneyCell(report.conditional),
        ],
    ]
    if report.available.known:
        overrun = report.headroom.value is not None and report.headroom.value < 0
        rows.append(["Overschrijding" if overrun else "Ruimte", "", FigureCell(report.headroom.magnitude())])
    else:
        rows.append(["Ruimte", "het beschikbare bedrag is onbekend", UNKNOWN_LABEL])
    notes = ["Een voorwaardelijke reservering die vrijvalt, komt bij de ruimte."] if conditional else []
    return Table(
        title=f"Ruimte {report.year} in één oogopslag",
        columns=["Post", "Toelichting", "Bedrag"],
        rows=rows,
        notes=notes,
        numeric=frozenset({2}),
        name="ruimte",
    )
