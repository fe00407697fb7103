"""Charts for the HTML pages, as inline SVG drawn by pygal: they compare like with like.

- the monitor: every project's result as a share of its own pro-rata target, coloured by its light and
  labelled with the light's word and shape;
- the begroting: per year, stacked by group;
- a project: its results over the quarters beside the pro-rata target, one chart per indicator.

An approximate figure is drawn as a pale bar with a dashed outline and says `≈`/`ruim` in its label; an
unknown one has no bar, and its axis label says `onbekend`. Every chart carries a text alternative
(the image's `alt`, and `<title>`/`<desc>` inside the SVG), and the figures themselves are in the page's tables.
pygal is imported only here, and only the HTML renderings import this module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..figures import Figure as FigureValue
from ..fmt import LIGHT_LABEL, UNKNOWN_LABEL, cell_text, euro, figure_text, number_text

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..budget import SpreadLine
    from ..monitor_reports import StatusRow
    from ..project_report import ProjectReport
    from ..reports import BudgetReport

# The lights on white: each at least 3:1 against the page (WCAG 2.1, 1.4.11 non-text contrast), and the
# grey of a state that is no light (a cap, a project that ended) as well.
LIGHT_COLOUR = {"groen": "#1e7b34", "oranje": "#b35c00", "rood": "#b3202a"}
NO_LIGHT_COLOUR = "#6b6b6b"
TARGET_COLOUR = "#74828f"
GROUP_COLOURS = ("#0b4f8a", "#6a3d9a", "#1b7f79", "#8a5a00", "#9c2f5f", "#44546a")
FONT = "'Segoe UI', Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    """One drawn chart: its title, its SVG, and the sentence a screen reader says."""

    title: str
    svg: str
    description: str
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        """The page embeds the SVG as an image, not inline: pasted into Word or opened by LibreOffice it arrives
        as one picture, where inline SVG arrives as loose text. A data URI keeps the page self-contained."""
        import base64

        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")


def _value(number: Decimal | None, label: str, colour: str, approximate: bool = False) -> dict[str, Any] | None:
    """A pygal value: the number only positions the bar; every text shown comes from `label`."""
    if number is None:
        return None
    style = f"fill:{colour};stroke:{colour};stroke-width:1"
    if approximate:
        style = f"fill:{colour};fill-opacity:0.35;stroke:{colour};stroke-width:2;stroke-dasharray:6 3"
    return {"value": float(number), "color": colour, "style": style, "label": label, "formatter": lambda _: label}


def _accessible(chart_id: str, description: str) -> Callable[[Any], Any]:
    """An xml filter: no script in the SVG (pygal adds its tooltip config), no comment naming the day it was drawn,
    and a named text alternative."""

    def apply(root: Any) -> Any:
        for comment in [child for child in root if not isinstance(child.tag, str)]:
            root.remove(comment)  # "Generated with pygal 3.1.3 ... on <today>": a page would differ every day
        for parent in list(root.iter()):
            for bar in list(parent):
                if bar.get("class") == "bar" and not bar.get("style"):
                    parent.remove(bar)  # a stacked chart's empty place (pygal draws it as "€ 0"): no bar at all
        for bar in root.iter():
            if bar.get("class") == "bar" and bar.get("style"):
                for rect in bar:  # pygal's stylesheet sets the rect's opacity, so the value's style goes there
                    if str(rect.tag).endswith("rect"):
                        rect.set("style", bar.get("style"))
        for defs in root.findall("defs") + root.findall("{http://www.w3.org/2000/svg}defs"):
            for script in list(defs):
                if script.tag.endswith("script"):
                    defs.remove(script)
        root.set("role", "img")
        title = next((child for child in root if str(child.tag).endswith("title")), None)
        if title is not None:
            title.set("id", f"{chart_id}-title")
        desc = root.makeelement("desc", {"id": f"{chart_id}-desc"})
        desc.text = description
        root.insert(1 if title is not None else 0, desc)
        labelled = f"{chart_id}-title {chart_id}-desc" if title is not None else f"{chart_id}-desc"
        root.set("aria-labelledby", labelled)
        return root

    return apply


def _values_beside_bars(root: Any) -> Any:
    """pygal centres a horizontal bar's value on the bar's end; a label that long belongs beside the bar."""
    rects = [r for bar in root.iter() if bar.get("class") == "bar" for r in bar if str(r.tag).endswith("rect")]
    texts = [t for t in root.iter() if str(t.tag).endswith("text") and "value" in (t.get("class") or "").split()]
    for rect, text in zip(rects, texts, strict=False):
        text.set("x", str(float(rect.get("x")) + float(rect.get("width")) + 6))
        text.set("style", "text-anchor:start")
    return root


def _self_contained(colours: Sequence[str]) -> Callable[[Any], Any]:
    """An xml filter: pygal draws its colours, fonts and text alignment through a stylesheet, which browsers
    follow but LibreOffice and Word (a page pasted or converted to .docx) do not: they drew the chart black on
    black. The same values as presentation attributes (which the stylesheet still overrides in a browser)."""

    def walk(node: Any, axis: str | None) -> None:
        classes = (node.get("class") or "").split()
        tag = str(node.tag).rsplit("}", 1)[-1]
        if "axis" in classes:
            axis = "x" if "x" in classes else "y"
        if tag == "rect" and "background" in classes:
            node.set("fill", "white")
        elif tag == "rect":
            for name in classes:
                if name.startswith("color-"):
                    node.set("fill", colours[int(name[6:]) % len(colours)])
        elif tag == "path" and "line" in classes:
            node.set("fill", "none")
            node.set("stroke", "#1a1a1a" if "guide" not in classes else "#b0b0b0")
            node.set("stroke-width", "1")
        elif tag == "text":
            node.set("fill", "#1a1a1a")
            node.set("font-family", "Arial, sans-serif")
            node.set("font-size", "15" if "title" in classes else "12")
            if "title" in classes or "centered" in classes or (axis == "x" and "value" not in classes):
                node.set("text-anchor", "middle")
            elif axis == "y":
                node.set("text-anchor", "end")
        for child in list(node):
            if "tooltip" in (child.get("class") or "").split():
                node.remove(child)  # the hover box of pygal's script, which the page does not carry
            else:
                walk(child, axis)

    def apply(root: Any) -> Any:
        walk(root, None)
        return root

    return apply


def _style(colours: Sequence[str] = GROUP_COLOURS, *, solid_major: bool = False) -> Any:
    """`solid_major`: the major guide is a reference line (100% of the target), drawn solid and dark."""
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#6b6b6b",
        opacity="1",
        opacity_hover="1",
        colors=tuple(colours),
        font_family=FONT,
        label_font_size=12,
        major_label_font_size=12,
        value_font_size=12,
        title_font_size=15,
        legend_font_size=13,
        tooltip_font_size=12,
        guide_stroke_color="#b0b0b0",
        major_guide_stroke_color="#1a1a1a" if solid_major else "#b0b0b0",
        major_guide_stroke_dasharray="none" if solid_major else "4,4",
    )


def _render(chart: Any, chart_id: str, title: str, description: str) -> Chart:
    """pygal uses lxml when it happens to be installed; the standard library's ElementTree, always, makes the
    same page on every machine. pygal's switch is process-wide, so it is put back afterwards."""
    from pygal.etree import etree

    chart.uuid = chart_id  # pygal names its CSS after a random id; a fixed one keeps pages reproducible
    chart.add_xml_filter(_accessible(chart_id, description))
    chart.add_xml_filter(_self_contained(chart.config.style.colors))
    was_lxml = etree.lxml
    etree.to_etree()
    try:
        svg = chart.render(is_unicode=True)
    finally:
        if was_lxml:
            etree.to_lxml()
    return Chart(title=title, svg=svg, description=description, width=chart.config.width, height=chart.config.height)


def _share_label(share: Decimal, approximate: bool) -> str:
    return figure_text(FigureValue(value=share, approximate=approximate), money=False, percent=True)


def share_chart(rows: Sequence[StatusRow], heading: str, chart_id: str = "aandeel") -> Chart | None:
    """Only rows with a target or a share are drawn; the rest have no
    share of a target to show (words only, no target)."""
    import pygal

    drawn = [r for r in rows if r.share is not None or (r.target is not None and r.result is not None)]
    if not drawn:
        return None
    labels: list[str] = []
    values: list[dict[str, Any] | None] = []
    spoken: list[str] = []
    for row in drawn:
        name = f"{row.project_name} · {row.indicator_name}"
        word = LIGHT_LABEL.get(row.state.value, row.state.value)
        if row.share is None:
            labels.append(f"{name}: {UNKNOWN_LABEL} ({word.lstrip('○ ')})")
            values.append(None)
            spoken.append(f"{name}: aandeel {UNKNOWN_LABEL}, {word}")
            continue
        shown = _share_label(row.share, row.share_approximate)
        colour = LIGHT_COLOUR.get(row.state.value, NO_LIGHT_COLOUR)
        labels.append(name)
        values.append(_value(row.share, f"{shown}  {word}", colour, row.share_approximate))
        spoken.append(f"{name}: {shown} van het doel naar rato, {word}")
    highest = max([float(r.share) for r in drawn if r.share is not None] + [100.0])
    top = 50 * (int(highest * 1.3) // 50 + 1)  # room for the labels beside the longest bar
    chart = pygal.HorizontalBar(
        style=_style(solid_major=True),
        title=heading,
        show_legend=False,
        js=[],
        disable_xml_declaration=True,
        print_values=True,
        print_values_position="top",
        range=(0, top),
        xrange=(0, top),
        y_labels=list(range(0, top + 1, 50)),
        y_labels_major=[100],
        show_minor_y_labels=True,
        width=1100,
        height=110 + 34 * len(drawn),
        truncate_label=-1,
        margin=10,
    )
    chart.x_labels = list(reversed(labels))  # pygal draws horizontal bars from the bottom up
    chart.add("Aandeel van het doel naar rato", list(reversed(values)))
    chart.add_xml_filter(_values_beside_bars)
    description = (
        f"{heading}. Staafdiagram met per project en indicator het resultaat als percentage van het doel "
        f"naar rato; 100% is op schema. " + "; ".join(spoken) + "."
    )
    return _render(chart, chart_id, heading, description)


SPREAD_COLOUR = "#8a5a00"
SPREAD_SERIES = "Meerjarig, verdeling onbekend"


def begroting_chart(years: dict[int, BudgetReport], chart_id: str = "begroting") -> Chart | None:
    """A group with unknown lines is a lower bound: pale, dashed, and its year's label says `+ onbekend`.
    Lines over several years whose split the source does not give (ZorgStart's "2021 / 2022") get a bar of
    their own after the span's last year, pale and dashed: in no single year, and never left out."""
    import pygal

    from ..reports import spread_by_span

    if not years:
        return None
    names: list[str] = []
    for report in years.values():
        names += [g.name for g in report.groups if g.name not in names]
    spans = spread_by_span(years)
    columns: list[int | tuple[int, ...]] = []
    for year in years:
        columns.append(year)
        columns += [span for span in spans if span[-1] == year or (span[-1] not in years and year == max(years))]
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
    title = "Begroting per jaar, per groep" if len(years) > 1 else f"Begroting {next(iter(years))} per groep"
    chart = pygal.StackedBar(
        style=_style((*GROUP_COLOURS[: len(names)], SPREAD_COLOUR)),
        title=title,
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=min(len(names) + bool(spans), 4),
        y_title="euro",
        value_formatter=lambda v: euro(Decimal(str(round(v))), whole=True),
        width=960,
        height=440,
        truncate_label=-1,
        truncate_legend=-1,
        margin=10,
    )
    chart.x_labels = labels
    for index, name in enumerate(names):
        colour = GROUP_COLOURS[index % len(GROUP_COLOURS)]
        series: list[dict[str, Any] | None] = []
        for column in columns:
            groups = [] if isinstance(column, tuple) else years[column].groups
            group = next((g for g in groups if g.name == name), None)
            if group is None:
                series.append(None)
                continue
            partial = any(line.amount is None for line in group.lines)
            text = f"{name} {column}: {euro(group.subtotal, whole=True)}" + (" + onbekend" if partial else "")
            series.append(_value(group.subtotal, text, colour, partial))
        if len(years) == 1 and not spans and series[0] is not None:
            name = series[0]["label"].replace(f" {next(iter(years))}:", ":")  # one year: the legend says the amount
        chart.add(name, series)
    if spans:
        chart.add(SPREAD_SERIES, [_spread_value(spans[c]) if isinstance(c, tuple) else None for c in columns])
    description = f"{title}. Gestapeld staafdiagram, een staaf per jaar: " + "; ".join(spoken) + "."
    return _render(chart, chart_id, title, description)


def _spread_total(lines: list[SpreadLine]) -> str:
    from ..reports import spread_total
    from ..table import MoneyCell

    known, partly = spread_total(lines)
    return cell_text(MoneyCell(known, whole=True, partly_unknown=partly))  # `€ 1.067.000`, `… + onbekend`


def _spread_value(lines: list[SpreadLine]) -> dict[str, Any] | None:
    """Only the known part is drawn; lines of unknown amount only are no bar, never a zero."""
    from ..reports import spread_total

    known, _ = spread_total(lines)
    years = lines[0].years
    text = f"{years[0]}-{years[-1]}, verdeling onbekend: {_spread_total(lines)}"
    return _value(known, text, SPREAD_COLOUR, approximate=True) if known else None


def results_charts(report: ProjectReport) -> list[Chart]:
    """A project's results over the quarters against the pro-rata target, one chart per indicator (never two
    indicators in one bar)."""
    import pygal

    indicators: dict[str, str] = {}
    for quarter in report.quarters:
        for listed in quarter.rows:
            if listed.indicator and (listed.target is not None or listed.result is not None):
                indicators.setdefault(listed.indicator, listed.indicator_name or listed.indicator)
    charts = []
    for number, (indicator, name) in enumerate(indicators.items(), start=1):
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
            results.append(_value(drawn, f"{shown}  {word}", colour, approximate))
            target_text = number_text(Decimal(str(row.expected))) if row.expected is not None else UNKNOWN_LABEL
            expected.append(
                None if row.expected is None else _value(Decimal(str(row.expected)), target_text, TARGET_COLOUR)
            )
            spoken.append(f"{quarter.quarter}: resultaat {shown} ({word}), doel naar rato {target_text}")
        if not labels:
            continue
        title = f"{report.name}: {name} per kwartaal"
        chart = pygal.Bar(
            style=_style((LIGHT_COLOUR["groen"], TARGET_COLOUR)),
            title=title,
            js=[],
            disable_xml_declaration=True,
            print_values=True,
            print_values_position="top",
            legend_at_bottom=True,
            width=960,
            height=280,
            truncate_label=-1,
            truncate_legend=-1,
            margin=10,
            include_x_axis=True,
        )
        chart.x_labels = labels
        chart.add("Resultaat (kleur = licht)", results)
        chart.add("Doel naar rato", expected)
        description = (
            f"{title}. Staafdiagram met per kwartaal het resultaat naast het doel naar rato: " + "; ".join(spoken) + "."
        )
        charts.append(_render(chart, f"resultaten-{number}", title, description))
    return charts


def _result_text(row: StatusRow) -> str:
    if row.result is None or row.result.value is None:
        return UNKNOWN_LABEL
    return number_text(Decimal(str(row.result.value)), row.result.qualifier, percent=row.unit == "percent")


def share_heading(quarter: str) -> str:
    return f"Resultaat als % van het doel naar rato (100% = op schema), {quarter}"


def charts_for(report: BaseModel) -> list[Chart]:
    """The charts of a report's HTML page (none for reports that are checks or lists)."""
    from ..monitor_reports import MonitorReport, StatusReport
    from ..project_report import ProjectReport
    from ..reports import BudgetReport

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
