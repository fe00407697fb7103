"""The workbook of `waw export`: the begroting of a year, the monitor of a quarter with its chart, all
projects, and the realisatie of the year where there is one; for Excel users, printable on A4."""

from __future__ import annotations

import datetime as dt

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ..budget import SpreadLine
from ..layout.budget import budget_tables
from ..layout.dutch import (
    LIGHT_LABEL,
    NADEEL,
    OUTCOME_COLUMN,
    PHASE_LABEL,
    QUALIFIER_LABEL,
    THOUSANDS_UNIT,
    UNKNOWN_LABEL,
    VOORDEEL,
    display_unit,
    euro,
)
from ..layout.monitor import stated_text
from ..layout.realisatie import realisatie_tables
from ..layout.table import Table
from ..layout.thousands import rounding_notes
from ..realisatie import RealisatieYear
from ..render.xlsx import (
    BOLD,
    DECIMAL_NUMBER,
    EURO,
    EURO_APPROXIMATE,
    EURO_APPROXIMATE_THOUSANDS,
    EURO_THOUSANDS,
    FILLS,
    NUMBER,
    PERCENT,
    autofilter,
    formula_row,
    header,
    set_cell,
    worded,
    workbook_bytes,
)
from ..reports.budget import BudgetReport
from ..reports.overview import ProjectOverview, ProjectsOverview
from ..reports.status import MonitorFigure, StatusReport, StatusRow
from ..values import ZERO


def export_workbook(
    budget_report: BudgetReport,
    status_report: StatusReport,
    names: dict[str | None, str],
    overview: ProjectsOverview,
    created: dt.datetime,
    thousands: bool = False,
) -> bytes:
    """The .xlsx bytes, so the caller writes them atomically where its command says. `thousands` shows the
    begroting and the realisatie in thousands of euros by their number format; the cells keep exact amounts."""
    sheets = [
        ("begroting", lambda ws: budget_sheet(ws, budget_report, thousands)),
        ("monitor", lambda ws: monitor_sheet(ws, status_report, names)),
        ("grafiek", lambda ws: chart_sheet(ws, status_report, names)),
        ("projecten", lambda ws: projects_sheet(ws, overview, names)),
    ]
    if budget_report.realisatie is not None:
        sheets.append(("realisatie", lambda ws: realisatie_sheet(ws, budget_report.realisatie, thousands)))
    title = f"Werken aan Werk en Perspectief op Werk: begroting {budget_report.year}, monitor {status_report.quarter}"
    return workbook_bytes(sheets, title=title, created=created)


def _in_units(column: str, thousands: bool) -> str:
    return f"{column} ({THOUSANDS_UNIT[9:]})" if thousands else column  # `Bedrag (× € 1.000)`


def budget_sheet(ws: Worksheet, report: BudgetReport, thousands: bool = False) -> None:
    """Lines per group, each group's subtotal and the total as formulas over the lines they add up, so a
    controller who edits a line sees the totals move; the published total and the difference beside it. In
    thousands, the amounts' format scales them and a note says where the rounded lines do not add up."""
    ws.title = f"Begroting {report.year}"
    amount = _in_units("Bedrag", thousands)
    # 142 characters: A4 landscape at 100%; the long texts wrap in their columns
    header(ws, ["Groep", "Post", "Project", amount, "Voorwaarde", "Bron"], [15, 30, 21, 16, 35, 25])
    money = EURO_THOUSANDS if thousands else EURO
    row = 2
    for group in report.groups:
        first = row
        for line in group.lines:
            for column, value in enumerate(
                [group.name, line.label, line.project or "", line.amount, line.condition or "", line.source], start=1
            ):
                set_cell(ws, row, column, value, money if column == 4 else None)
            if line.amount is None:
                set_cell(ws, row, 4, UNKNOWN_LABEL)  # text: SUBTOTAL leaves it out, as the report does
            row += 1
        formula_row(ws, row, group.name, f"Subtotaal {group.name}", f"=SUBTOTAL(9,D{first}:D{row - 1})", money)
        row += 1
    last_line = row - 1
    total_row = row
    formula_row(ws, row, "Totaal uitgaven", "Totaal uitgaven", f"=SUBTOTAL(9,D2:D{last_line})", money)
    row += 1
    if report.stated_total is not None:
        stated = report.stated_total.stated.amount
        formula_row(ws, row, "Vermeld", report.stated_total.label, stated, money)
        formula_row(ws, row + 1, "Verschil", "Totaal uitgaven min vermeld", f"=D{total_row}-D{row}", EURO)
        row += 2
    _available_rows(ws, row, total_row, report, thousands)
    if thousands:
        _rounding_notes(ws, row + 3, budget_tables(report)[0])
    ws.auto_filter.ref = f"A1:F{last_line}"


def _rounding_notes(ws: Worksheet, row: int, table: Table) -> None:
    """The notes `--thousands` gives the same table elsewhere, from the exact amounts as exported."""
    for offset, note in enumerate(rounding_notes(table)):
        set_cell(ws, row + offset, 1, note)


def _available_rows(ws: Worksheet, row: int, total_row: int, report: BudgetReport, thousands: bool) -> None:
    """The money available and the headroom: an approximate amount in whole euros with `ca.`, the headroom
    rounded to the step its margin supports (MROUND), the margin and `voorlopig` in the label."""
    available = report.available
    if thousands:
        number_format = EURO_APPROXIMATE_THOUSANDS if available.approximate else EURO_THOUSANDS
    else:
        number_format = EURO_APPROXIMATE if available.approximate else EURO
    formula_row(ws, row, "Beschikbaar", report.available_quote or "Beschikbaar", available.value, number_format)
    headroom = f"=D{row}-D{total_row}" if available.known else None
    label = "Beschikbaar min totaal uitgaven"
    if available.margin:
        headroom = f"=MROUND(D{row}-D{total_row},{display_unit(available.margin)})"
        label += f" (± {euro(available.margin, whole=True)}{', voorlopig' if available.provisional else ''})"
    elif available.provisional:
        label += " (voorlopig)"
    formula_row(ws, row + 1, "Ruimte", label, headroom, number_format)


def monitor_sheet(ws: Worksheet, report: StatusReport, category_names: dict[str | None, str]) -> None:
    ws.title = f"Monitor {report.quarter}"
    columns = [
        "Categorie",
        "Project",
        "Indicator",
        "Doel",
        "Resultaat",
        "% van doel naar rato",
        "Licht",
        "Handmatig",
        "Volgens de bron",
        "Toelichting",
    ]
    # `maximaal 12`, `meer dan 800`, `○ periode onbekend`; ten columns print at about 90% of their size
    header(ws, columns, [16, 16, 16, 13, 10, 20, 16, 11, 16, 23])
    for row_number, row in enumerate(report.rows, start=2):
        _monitor_row(ws, row_number, row, category_names)
    autofilter(ws)


def _figure(figure: MonitorFigure | None, percent: bool) -> tuple[object, str | None]:
    """A result or target as a number, its words (`ruim`, `minimaal`) in its number format: `ruim 80` stays a
    number that sorts and sums, and never reads as an exact 80."""
    if figure is None or figure.value is None:
        return None, None
    base = PERCENT if percent else NUMBER if figure.value == figure.value.to_integral_value() else DECIMAL_NUMBER
    words = QUALIFIER_LABEL.get(figure.qualifier, figure.qualifier) if figure.qualifier else ""
    return figure.value, worded(base, words)


def _share_format(row: StatusRow) -> str:
    """A share computed from an approximate result says so: `≈ 85,3%`."""
    return worded(PERCENT, "≈" if row.share_approximate else "")


def _monitor_row(ws: Worksheet, number: int, row: StatusRow, names: dict[str | None, str]) -> None:
    percent = row.unit == "percent"
    values: list[tuple[object, str | None]] = [
        (names.get(row.category, "Niet ingedeeld"), None),
        (row.project_name, None),
        (row.indicator_name or "", None),
        _figure(row.target, percent),
        _figure(row.result, percent),
        (row.share, _share_format(row)),
        (LIGHT_LABEL[row.state.value], None),
        ("ja" if row.manual else "nee", None),
        (stated_text(row), None),
        ("; ".join(p for p in (row.reason if row.manual else None, _stated_words(row), row.text) if p), None),
    ]
    for column, (value, number_format) in enumerate(values, start=1):
        set_cell(ws, number, column, value, number_format if value is not None else None)
    if row.state.value in FILLS:
        ws.cell(row=number, column=7).fill = FILLS[row.state.value]


def _stated_words(row: StatusRow) -> str | None:
    return f"de bron: '{row.stated.words}'" if row.stated is not None else None


def chart_sheet(ws: Worksheet, report: StatusReport, category_names: dict[str | None, str]) -> None:
    """Like with like: every project's result as a share of its own pro-rata target, one bar each, coloured by
    its light. Bars of different indicators are never added up; approximate shares say so in their label;
    unknown ones are listed, not drawn as zero."""
    from openpyxl.chart.marker import DataPoint

    ws.title = "Grafiek"
    drawn = [r for r in report.rows if r.share is not None]
    labels = [f"{r.project_name}: {r.indicator_name}" + (" (≈)" if r.share_approximate else "") for r in drawn]
    missing = [f"{r.project_name}: {r.indicator_name}" for r in report.rows if r.share is None and r.result]
    header(ws, ["Project en indicator", "% van doel naar rato", "Licht"], [60, 20, 16])  # long names wrap
    for number, (row, label) in enumerate(zip(drawn, labels, strict=True), start=2):
        set_cell(ws, number, 1, label)
        set_cell(ws, number, 2, row.share, _share_format(row))
        set_cell(ws, number, 3, LIGHT_LABEL[row.state.value])
    if missing:  # a row each: one long cell would make the sheet print at a fraction of its size
        set_cell(ws, len(drawn) + 3, 1, "Niet getekend (geen aandeel van een doel te berekenen):")
        ws.cell(row=len(drawn) + 3, column=1).font = BOLD
        for offset, name in enumerate(missing, start=len(drawn) + 4):
            set_cell(ws, offset, 1, name)
    chart = BarChart()
    chart.type = "bar"
    chart.title = f"Resultaat als % van het doel naar rato, {report.quarter}"
    chart.y_axis.title = "% van doel naar rato"  # a horizontal bar chart's value axis is its y axis
    chart.y_axis.number_format = '0"%"'  # its own, not the first bar's (which may say `≈`)
    chart.legend = None
    last = max(len(drawn) + 1, 2)
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    colours = {"groen": "63BE7B", "oranje": "FFC000", "rood": "E0524E"}
    series = chart.series[0]
    for index, row in enumerate(drawn):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = colours.get(row.state.value, "A6A6A6")
        series.dPt.append(point)
    # on a page of its own below the table, as wide as the page (in centimetres), and never higher than one
    chart.width, chart.height = 25, min(max(8, len(drawn) * 0.6), 16)
    below = len(drawn) + len(missing) + (4 if missing else 2)
    ws.row_breaks.append(Break(id=below))
    ws.add_chart(chart, f"A{below + 1}")


def _worded(row: int) -> str:
    """The word beside a difference begroot min gerealiseerd: a positive one is spending below the begroting."""
    return f'=IF(ISNUMBER(E{row}),IF(E{row}>0,"{VOORDEEL}",IF(E{row}<0,"{NADEEL}","")),"")'


def realisatie_sheet(ws: Worksheet, realised: RealisatieYear | None, thousands: bool = False) -> None:
    """Begroot, gerealiseerd, verschil (begroot min gerealiseerd, signed, with voordeel or nadeel beside it) and
    % besteed per line, with the difference, its word and the share as formulas."""
    assert realised is not None
    ws.title = f"Realisatie {realised.year}"
    money = EURO_THOUSANDS if thousands else EURO
    amounts = [_in_units(c, thousands) for c in ("Begroot", "Gerealiseerd", "Verschil")]
    columns = ["Groep", "Post", *amounts, OUTCOME_COLUMN.capitalize(), "% besteed", "Geen boekingen"]
    header(ws, columns, [14, 34, 16, 16, 16, 16, 12, 16])
    row = 2
    for group in realised.groups:
        for line in group.rows:
            set_cell(ws, row, 1, group.name)
            set_cell(ws, row, 2, line.label)
            for column, amount in ((3, line.budgeted), (4, line.spent)):
                set_cell(ws, row, column, amount if amount is not None else UNKNOWN_LABEL, money)
            ws.cell(row=row, column=5, value=f'=IF(AND(ISNUMBER(C{row}),ISNUMBER(D{row})),C{row}-D{row},"")')
            ws.cell(row=row, column=5).number_format = money
            ws.cell(row=row, column=6, value=_worded(row))
            share = f'=IF(AND(ISNUMBER(C{row}),ISNUMBER(D{row}),C{row}>0),D{row}/C{row}*100,"")'
            ws.cell(row=row, column=7, value=share).number_format = PERCENT
            set_cell(ws, row, 8, "" if line.recorded else "ja")
            row += 1
    last = row - 1
    formula_row(
        ws, row, "Totaal", f"Totaal ({'definitief' if realised.status.value == 'final' else 'voorlopig'})", None
    )
    for column, letter in ((3, "C"), (4, "D")):
        ws.cell(row=row, column=column, value=f"=SUM({letter}2:{letter}{last})").number_format = money
    ws.cell(row=row, column=5, value=f"=C{row}-D{row}").number_format = money
    ws.cell(row=row, column=6, value=_worded(row))
    ws.cell(row=row, column=7, value=f'=IF(C{row}>0,D{row}/C{row}*100,"")').number_format = PERCENT
    set_cell(ws, row + 2, 1, f"Bron: {realised.source}")
    if thousands:
        table = next(t for t in realisatie_tables(realised) if t.title.startswith("Begroot"))
        _rounding_notes(ws, row + 3, table)
    ws.auto_filter.ref = f"A1:H{last}"


def projects_sheet(ws: Worksheet, overview: ProjectsOverview, category_names: dict[str | None, str]) -> None:
    """Every project with its phase in the monitor's words, its category by name and its amounts per year; below
    them each year's total of the projects, the programmes' own lines and the total, which is the begroting's."""
    ws.title = "Projecten"
    years = overview.years
    columns = ["Id", "Project", "Programma", "Categorie", "Status", "Start", "Einde", *map(str, years), "Niet per jaar"]
    header(ws, columns, [14, 17, 12, 17, 10, 8, 8, *[13] * len(years), 21])
    for number, project in enumerate(overview.rows, start=2):
        _project_row(ws, number, project, years, category_names)
    last = len(overview.rows) + 1
    autofilter(ws)
    first_year = 8
    rows = [
        ("Totaal projecten", lambda y, c: f"=SUM({c}2:{c}{last})"),
        ("Posten zonder project", lambda y, c: overview.outside.get(y, ZERO)),
        ("Totaal uitgaven (begroting)", lambda y, c: f"={c}{last + 2}+{c}{last + 3}"),
    ]
    for offset, (label, amount) in enumerate(rows, start=2):
        set_cell(ws, last + offset, 2, label)
        ws.cell(row=last + offset, column=2).font = BOLD
        for index, year in enumerate(years):
            column = first_year + index
            value = amount(year, get_column_letter(column))
            if isinstance(value, str):  # our formula, never the data's text
                ws.cell(row=last + offset, column=column, value=value).number_format = EURO
            else:
                set_cell(ws, last + offset, column, value, EURO)  # not bold: € 1.054.795,25 fits its column of 13


def _project_row(
    ws: Worksheet, number: int, project: ProjectOverview, years: list[int], names: dict[str | None, str]
) -> None:
    fixed = [
        project.id,
        project.name,
        project.programme,
        names.get(project.category, "Niet ingedeeld"),
        PHASE_LABEL.get(project.phase, project.phase),
        project.start,
        project.end,
    ]
    for column, value in enumerate(fixed, start=1):
        set_cell(ws, number, column, value)
    for offset, year in enumerate(years):
        amount = project.per_year.get(year)
        if amount is not None:
            set_cell(ws, number, len(fixed) + 1 + offset, amount, EURO)
    notes = [_other_lines(project.other_lines)] if project.other_lines else []
    notes += [f"{_other_lines([line])}, in {line.years[0]} meegeteld" for line in project.derived_lines]
    set_cell(ws, number, len(fixed) + len(years) + 1, "; ".join(notes))


def _other_lines(lines: list[SpreadLine]) -> str:
    """Amounts that belong to no single year, in words: `Uitvoeringskosten 2021-2022: € 557.000`."""
    parts = []
    for line in lines:
        span = line.years
        years = f"{span[0]}-{span[-1]}" if len(span) > 1 else str(span[0])
        amount = euro(line.amount) if line.amount is not None else UNKNOWN_LABEL
        if line.derived_from:
            amount += f" (afgeleid: {line.derived_from})"
        parts.append(f"{line.label} {years}: {amount}")
    return "; ".join(parts)
