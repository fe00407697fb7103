"""The monitor reports laid out as neutral Tables, with Dutch labels."""

from __future__ import annotations

from ..figures import Figure
from ..reports.monitor import MonitorReport
from ..reports.status import MonitorFigure, StatusReport, StatusRow
from .dutch import figure_text, number_text
from .table import Cell, LightCell, Table

EXCLUSION_NOTE = "* Doelstelling exclusief gemeentelijke projecten: die monitoren de gemeenten zelf."


def _figure(figure: MonitorFigure | None, unit: str | None) -> str:
    if figure is None:
        return ""
    return number_text(figure.value, figure.qualifier, percent=unit == "percent")


def _explanation(row: StatusRow) -> str:
    parts = [row.reason] if row.manual and row.reason else []
    if row.text:
        parts.append(row.text)
    if row.target_period and row.target:
        parts.append(f"doel {row.target_period}")
    return "; ".join(part.rstrip(".") for part in parts)


def indicator_cells(row: StatusRow) -> list[Cell]:
    return [
        row.indicator_name or "",
        _figure(row.target, row.unit),
        _figure(row.result, row.unit),
        _share(row),
        LightCell(row.state.value, row.manual),
        _explanation(row),
    ]


def _share(row: StatusRow) -> str:
    if row.share is None:
        return ""
    figure = Figure(value=row.share, approximate=row.share_approximate)
    return figure_text(figure, money=False, percent=True)


MONITOR_COLUMNS = ["Indicator", "Doel", "Resultaat", "% van doel naar rato", "Licht", "Toelichting"]


def status_tables(report: StatusReport, category_names: dict[str | None, str]) -> list[Table]:
    rows = [
        [category_names.get(r.category, "Niet ingedeeld"), r.project_name, *indicator_cells(r)] for r in report.rows
    ]
    return [
        Table(
            title=f"Stand van de projecten {report.quarter} (t/m {report.as_of})",
            columns=["Categorie", "Project", *MONITOR_COLUMNS],
            rows=rows,
            numeric=frozenset({3, 4, 5}),
            notes=[
                f"Bron: {report.title}. Rood, oranje en groen volgen de regel in programmes.yaml, tenzij handmatig."
            ],
        )
    ]


def monitor_tables(report: MonitorReport) -> list[Table]:
    headline: list[list[Cell]] = [
        [
            h.indicator_name,
            number_text(h.result.value, h.result.qualifier),
            number_text(h.target.value, h.target.qualifier) if h.target else "",
            h.note or h.result.quote or "",
        ]
        for h in report.headline
    ]
    tables = [
        Table(
            title=f"Kerncijfers {report.quarter}",
            columns=["Indicator", "Resultaat", "Doel*", "Toelichting"],
            rows=headline,
            numeric=frozenset({1, 2}),
            notes=[EXCLUSION_NOTE, f"Bron: {report.source}."] + ([report.note] if report.note else []),
        )
    ]
    for block in report.categories:
        rows = [[r.project_name, *indicator_cells(r)] for r in block.rows]
        notes = [block.note] if block.note else []
        tables.append(
            Table(
                title=block.name,
                columns=["Project", *MONITOR_COLUMNS],
                rows=rows,
                numeric=frozenset({2, 3, 4}),
                notes=notes,
            )
        )
    return tables
