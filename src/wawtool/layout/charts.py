"""Charts as data: which chart a report gets, with its bars, labels, colours and the sentence a screen reader
says. They compare like with like:

- the monitor: every project's result as a share of its own pro-rata target, coloured by its light and
  labelled with the light's word and shape;
- the begroting: per year, stacked by group;
- a project: its results over the quarters beside the pro-rata target, one chart per indicator.

An approximate figure is a pale bar with a dashed outline and says `≈`/`ruim` in its label; an unknown one
has no bar, and its axis label says `onbekend`. render/charts.py draws a ChartSpec; nothing here draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ..figures import Figure
from .dutch import LIGHT_LABEL, UNKNOWN_LABEL, cell_text, euro, figure_text, number_text

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..budget import SpreadLine
    from ..reports.budget import BudgetReport
    from ..reports.project import ProjectReport
    from ..reports.status import StatusRow

# The lights on white: each at least 3:1 against the page (WCAG 2.1, 1.4.11 non-text contrast), and the
# grey of a state that is no light (a cap, a project that ended) as well.
LIGHT_COLOUR = {"groen": "#1e7b34", "oranje": "#b35c00", "rood": "#b3202a"}
NO_LIGHT_COLOUR = "#6b6b6b"
TARGET_COLOUR = "#74828f"
GROUP_COLOURS = ("#0b4f8a", "#6a3d9a", "#1b7f79", "#8a5a00", "#9c2f5f", "#44546a")
SPREAD_COLOUR = "#8a5a00"


def group_colour(place: int) -> str:
    """The one colour of a begroting group (by its place in programmes.yaml) on every page and in every chart."""
    return GROUP_COLOURS[place % len(GROUP_COLOURS)]


SPREAD_SERIES = "Meerjarig, verdeling onbekend"


@dataclass(frozen=True)
class Bar:
    """One bar: the number only positions it; every text shown comes from `label`."""

    value: Decimal
    label: str
    colour: str
    approximate: bool = False


@dataclass(frozen=True)
class Series:
    name: str
    bars: list[Bar | None]  # None: no bar in that place (unknown, or nothing there)


@dataclass(frozen=True)
class ChartSpec:
    """`shares`: horizontal bars of percentages up to `top`, 100% marked; `stacked`: a column per label with
    the series stacked; `grouped`: the series side by side per label."""

    kind: Literal["shares", "stacked", "grouped"]
    chart_id: str
    title: str
    description: str
    labels: list[str]
    series: list[Series]
    colours: tuple[str, ...] = GROUP_COLOURS
    top: int = 0
    legend_columns: int = 1
    notes: list[str] = field(default_factory=list)


def _bar(number: Decimal | None, label: str, colour: str, approximate: bool = False) -> Bar | None:
    return None if number is None else Bar(number, label, colour, approximate)


def _share_label(share: Decimal, approximate: bool) -> str:
    return figure_text(Figure(value=share, approximate=approximate), money=False, percent=True)


SHARE_AXIS_END = Decimal(500)  # percent: a bar beyond is cut here, its label still says the share itself


def share_chart(rows: Sequence[StatusRow], heading: str, chart_id: str = "aandeel") -> ChartSpec | None:
    """Only rows with a target or a share are drawn; the rest have no share of a target to show (words only,
    no target). The axis ends at 500%: a share of 100.000% (a result typed with three zeros too many) would
    otherwise squeeze every other bar to nothing, and pygal would draw a label every 50% up to it."""
    drawn = [r for r in rows if r.share is not None or (r.target is not None and r.result is not None)]
    if not drawn:
        return None
    labels: list[str] = []
    bars: list[Bar | None] = []
    spoken: list[str] = []
    for row in drawn:
        name = f"{row.project_name} · {row.indicator_name}"
        word = LIGHT_LABEL.get(row.state.value, row.state.value)
        if row.share is None:
            labels.append(f"{name}: {UNKNOWN_LABEL} ({word.lstrip('○ ')})")
            bars.append(None)
            spoken.append(f"{name}: aandeel {UNKNOWN_LABEL}, {word}")
            continue
        shown = _share_label(row.share, row.share_approximate)
        colour = LIGHT_COLOUR.get(row.state.value, NO_LIGHT_COLOUR)
        labels.append(name)
        cut = row.share > SHARE_AXIS_END
        label = f"{shown}  {word}" + ("  (balk afgekapt)" if cut else "")
        bars.append(_bar(min(row.share, SHARE_AXIS_END), label, colour, row.share_approximate))
        spoken.append(f"{name}: {shown} van het doel naar rato, {word}")
    shares = [r.share for r in drawn if r.share is not None]
    highest = float(min(max([*shares, Decimal(100)]), SHARE_AXIS_END))
    top = 50 * (int(highest * 1.3) // 50 + 1)  # room for the labels beside the longest bar
    description = (
        f"{heading}. Staafdiagram met per project en indicator het resultaat als percentage van het doel "
        f"naar rato; 100% is op schema. " + "; ".join(spoken) + "."
    )
    series = [Series("Aandeel van het doel naar rato", bars)]
    notes = []
    if any(share > SHARE_AXIS_END for share in shares):
        notes.append(
            f"De as loopt tot {SHARE_AXIS_END}%: een langere balk is daar afgekapt; "
            "het getal ernaast is het aandeel zelf."
        )
    return ChartSpec("shares", chart_id, heading, description, labels, series, top=top, notes=notes)


def begroting_chart(years: dict[int, BudgetReport], chart_id: str = "begroting") -> ChartSpec | None:
    """A group with unknown lines is a lower bound: pale, dashed, and its year's label says `+ onbekend`.
    Lines over several years whose split the source does not give (ZorgStart's "2021 / 2022") get a bar of
    their own after the span's last year, pale and dashed: in no single year, and never left out."""
    from ..reports.budget import spread_by_span

    if not years:
        return None
    places: dict[str, int] = {}
    for report in years.values():
        places.update({g.name: g.place for g in report.groups})
    names = sorted(places, key=places.__getitem__)  # the order of programmes.yaml: the same stack in every chart
    spans = spread_by_span(years)
    columns = _begroting_columns(years, spans)
    labels, spoken = _begroting_labels(years, spans, columns)
    title = "Begroting per jaar, per groep" if len(years) > 1 else f"Begroting {next(iter(years))} per groep"
    series = [_group_series(years, columns, places[name], name) for name in names]
    if len(years) == 1 and not spans:  # one year: the legend says each group's amount
        series = [_named_by_amount(s, next(iter(years))) for s in series]
    if spans:
        series.append(Series(SPREAD_SERIES, [_spread_bar(spans[c]) if isinstance(c, tuple) else None for c in columns]))
    description = f"{title}. Gestapeld staafdiagram, een staaf per jaar: " + "; ".join(spoken) + "."
    colours = (*(group_colour(places[name]) for name in names), SPREAD_COLOUR)
    legend = min(len(names) + bool(spans), 4)
    return ChartSpec("stacked", chart_id, title, description, labels, series, colours=colours, legend_columns=legend)


Column = int | tuple[int, ...]


def _begroting_columns(years: dict[int, BudgetReport], spans: dict[tuple[int, ...], list[SpreadLine]]) -> list[Column]:
    """A column per year, and a span's column after its last year (or after the last year shown)."""
    columns: list[Column] = []
    for year in years:
        columns.append(year)
        columns += [span for span in spans if span[-1] == year or (span[-1] not in years and year == max(years))]
    return columns


def _begroting_labels(
    years: dict[int, BudgetReport], spans: dict[tuple[int, ...], list[SpreadLine]], columns: list[Column]
) -> tuple[list[str], list[str]]:
    labels, spoken = [], []
    for column in columns:
        if isinstance(column, tuple):
            total = _spread_total(spans[column])
            labels.append(f"{column[0]}-{column[-1]}: {total}")
            spoken.append(
                f"{column[0]}-{column[-1]}, over de jaren verdeeld, verdeling onbekend: {total}, "
                + ", ".join(f"{line.label} {_spread_total([line])}" for line in spans[column])
            )
            continue
        report = years[column]
        total = euro(report.total, whole=True) + (" + onbekend" if report.unknown_lines > 0 else "")
        labels.append(f"{column}: {total}")
        spoken.append(
            f"{column}: {total}, " + ", ".join(f"{g.name} {euro(g.subtotal, whole=True)}" for g in report.groups)
        )
    return labels, spoken


def _group_series(years: dict[int, BudgetReport], columns: list[Column], place: int, name: str) -> Series:
    colour = group_colour(place)
    bars: list[Bar | None] = []
    for column in columns:
        groups = [] if isinstance(column, tuple) else years[column].groups
        group = next((g for g in groups if g.name == name), None)
        if group is None:
            bars.append(None)
            continue
        partial = any(line.amount is None for line in group.lines)
        text = f"{name} {column}: {euro(group.subtotal, whole=True)}" + (" + onbekend" if partial else "")
        bars.append(_bar(group.subtotal, text, colour, partial))
    return Series(name, bars)


def _named_by_amount(series: Series, year: int) -> Series:
    first = series.bars[0]
    return series if first is None else Series(first.label.replace(f" {year}:", ":"), series.bars)


def _spread_total(lines: list[SpreadLine]) -> str:
    from ..reports.budget import spread_total
    from .table import MoneyCell

    known, partly = spread_total(lines)
    return cell_text(MoneyCell(known, whole=True, partly_unknown=partly))  # `€ 1.067.000`, `… + onbekend`


def _spread_bar(lines: list[SpreadLine]) -> Bar | None:
    """Only the known part is drawn; lines of unknown amount only are no bar, never a zero."""
    from ..reports.budget import spread_total

    known, _ = spread_total(lines)
    years = lines[0].years
    text = f"{years[0]}-{years[-1]}, verdeling onbekend: {_spread_total(lines)}"
    return _bar(known, text, SPREAD_COLOUR, approximate=True) if known else None


def results_charts(report: ProjectReport) -> list[ChartSpec]:
    """A project's results over the quarters against the pro-rata target, one chart per indicator (never two
    indicators in one bar)."""
    indicators: dict[str, str] = {}
    for quarter in report.quarters:
        for listed in quarter.rows:
            if listed.indicator and (listed.target is not None or listed.result is not None):
                indicators.setdefault(listed.indicator, listed.indicator_name or listed.indicator)
    charts = []
    for number, (indicator, name) in enumerate(indicators.items(), start=1):
        chart = _results_chart(report, indicator, f"{report.name}: {name} per kwartaal", f"resultaten-{number}")
        if chart is not None:
            charts.append(chart)
    return charts


def _results_chart(report: ProjectReport, indicator: str, title: str, chart_id: str) -> ChartSpec | None:
    labels, results, expected, spoken = [], [], [], []
    for quarter in report.quarters:
        row = next((r for r in quarter.rows if r.indicator == indicator), None)
        if row is None:
            continue
        result = row.result.value if row.result is not None else None
        shown = _result_text(row)
        word = LIGHT_LABEL.get(row.state.value, row.state.value)
        colour = LIGHT_COLOUR.get(row.state.value, NO_LIGHT_COLOUR)
        approximate = bool(row.result is not None and row.result.qualifier)
        labels.append(quarter.quarter if result is not None else f"{quarter.quarter}: {UNKNOWN_LABEL}")
        drawn = None if result is None else Decimal(str(result))
        results.append(_bar(drawn, f"{shown}  {word}", colour, approximate))
        target_text = number_text(Decimal(str(row.expected))) if row.expected is not None else UNKNOWN_LABEL
        expected.append(None if row.expected is None else _bar(Decimal(str(row.expected)), target_text, TARGET_COLOUR))
        spoken.append(f"{quarter.quarter}: resultaat {shown} ({word}), doel naar rato {target_text}")
    if not labels:
        return None
    description = (
        f"{title}. Staafdiagram met per kwartaal het resultaat naast het doel naar rato: " + "; ".join(spoken) + "."
    )
    series = [Series("Resultaat (kleur = licht)", results), Series("Doel naar rato", expected)]
    colours = (LIGHT_COLOUR["groen"], TARGET_COLOUR)
    return ChartSpec("grouped", chart_id, title, description, labels, series, colours=colours)


def _result_text(row: StatusRow) -> str:
    if row.result is None or row.result.value is None:
        return UNKNOWN_LABEL
    return number_text(Decimal(str(row.result.value)), row.result.qualifier, percent=row.unit == "percent")


def share_heading(quarter: str) -> str:
    return f"Resultaat als % van het doel naar rato (100% = op schema), {quarter}"


def charts_for(report: BaseModel) -> list[ChartSpec]:
    """The charts of a report's HTML page (none for reports that are checks or lists)."""
    from ..reports.budget import BudgetReport
    from ..reports.monitor import MonitorReport
    from ..reports.project import ProjectReport
    from ..reports.status import StatusReport

    if isinstance(report, MonitorReport):
        rows = [row for block in report.categories for row in block.rows]
        chart = share_chart(rows, share_heading(report.quarter))
        return [chart] if chart else []
    if isinstance(report, StatusReport):
        chart = share_chart(report.rows, share_heading(report.quarter))
        return [chart] if chart else []
    if isinstance(report, BudgetReport):
        chart = begroting_chart({report.year: report})
        return [chart] if chart else []
    if isinstance(report, ProjectReport):
        return results_charts(report)
    return []
