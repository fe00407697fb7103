"""The monitor reports laid out as neutral Tables, with Dutch labels."""

from __future__ import annotations

from ..figures import Figure
from ..reports.monitor import MonitorReport
from ..reports.status import CorrectionRow, MonitorFigure, StatusReport, StatusRow
from .dutch import cell_text
from .table import Cell, CountCell, FigureCell, LightCell, Table

STATED_NOTE = (
    "Volgens de bron: het oordeel van de bron zelf (op koers, daar tussenin, niet op koers, of in woorden), naast "
    "het licht dat uit de cijfers volgt; ≠ waar die twee verschillen."
)


def _figure(figure: MonitorFigure | None, unit: str | None) -> CountCell | None:
    if figure is None:
        return None
    return CountCell(figure.value, figure.qualifier, percent=unit == "percent")


POSITION_LABEL = {"op-koers": "op koers", "tussenin": "daar tussenin", "niet-op-koers": "niet op koers"}


def correction_text(correction: CorrectionRow | None, unit: str | None) -> str:
    """`gecorrigeerd op 2022-01-15: gepubliceerd 'ruim 80' (Monitor ..., 2021-11-11); reden: ...`."""
    if correction is None:
        return ""
    document = correction.document.removesuffix(f" ({correction.published})")
    was = cell_text(_figure(correction.was, unit))
    return (
        f"gecorrigeerd op {correction.date}: gepubliceerd '{was}' ({document}, {correction.published}); "
        f"reden: {correction.reason}"
    )


def _explanation(row: StatusRow) -> str:
    parts = [correction_text(row.correction, row.unit)] if row.correction else []
    parts += [row.reason] if row.manual and row.reason else []
    if row.later_result is not None:
        later = cell_text(_figure(row.later_result, row.unit))
        parts.append(f"geen cijfer van dit kwartaal; later: {later} (stand {row.later_as_of})")
    if row.stated is not None:
        parts.append(f"de bron: '{row.stated.words}'")
    if row.text:
        parts.append(row.text)
    if row.target_period and row.target:
        parts.append(f"doel {row.target_period}")
    return "; ".join(part.rstrip(".") for part in parts)


def stated_text(row: StatusRow) -> str:
    """The source's judgement beside the computed light: its position, or `in woorden`; `≠` where they differ."""
    if row.stated is None:
        return ""
    shown = POSITION_LABEL[row.stated.position] if row.stated.position else "in woorden"
    return f"≠ {shown}" if row.stated_differs else shown


def indicator_cells(row: StatusRow) -> list[Cell]:
    return [
        row.indicator_name or "",
        _figure(row.target, row.unit),
        _figure(row.result, row.unit),
        _share(row),
        LightCell(row.state.value, row.manual),
        stated_text(row),
        _explanation(row),
    ]


def _share(row: StatusRow) -> Cell:
    """A figure cell, so a CSV keeps it a number (`108,8`) with `ca.` beside it where it is approximate."""
    if row.share is None:
        return ""
    return FigureCell(Figure(value=row.share, approximate=row.share_approximate), money=False, percent=True)


MONITOR_COLUMNS = ["Indicator", "Doel", "Resultaat", "% van doel naar rato", "Licht", "Volgens de bron", "Toelichting"]


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
            name="stand",
            notes=[
                f"Bron: {report.title}. Rood, oranje en groen volgen de regel in programmes.yaml, tenzij handmatig.",
                STATED_NOTE,
            ],
        )
    ]


def monitor_tables(report: MonitorReport) -> list[Table]:
    headline: list[list[Cell]] = [
        [
            h.indicator_name,
            CountCell(h.result.value, h.result.qualifier),
            CountCell(h.target.value, h.target.qualifier) if h.target else "",
            "; ".join(
                part
                for part in (correction_text(h.correction, None), h.note or h.result.quote, h.target_description)
                if part
            ),
        ]
        for h in report.headline
    ]
    notes = [f"Bron: {report.source}."] + ([report.note] if report.note else [])
    if report.stated is not None:
        position = f" ({POSITION_LABEL[report.stated.position]})" if report.stated.position else ""
        notes.insert(0, f"Volgens de monitor: '{report.stated.words}'{position}. Bron: {report.stated.source}.")
    tables = [
        Table(
            title=f"Kerncijfers {report.quarter}",
            columns=["Indicator", "Resultaat", "Doel", "Toelichting"],
            rows=headline,
            numeric=frozenset({1, 2}),
            notes=notes,
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


def light_count_table(report: StatusReport) -> Table:
    """How the projects are doing at a glance: the report's own counts per state, the running projects apart
    from those that stopped, were completed or ran out."""
    rows: list[list[Cell]] = []
    for ended, group in ((False, "lopende projecten"), (True, "gestopt, afgerond of afgelopen")):
        counts = [c for c in report.counts if c.ended == ended]
        rows += [[group if i == 0 else "", LightCell(c.state.value), c.count] for i, c in enumerate(counts)]
    return Table(
        title=f"Lichten {report.quarter} in één oogopslag",
        columns=["Projecten", "Licht", "Aantal"],
        rows=rows,
        footer=[["Totaal", "", sum(c.count for c in report.counts)]],
        numeric=frozenset({2}),
        name="lichten",
        notes=[
            f"Geteld per project en indicator, stand t/m {report.as_of}; bron: {report.title}.",
            "Rood, oranje en groen volgen de regel in programmes.yaml, tenzij handmatig.",
        ],
    )
