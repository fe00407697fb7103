"""Charts drawn as SVG by pygal, from the ChartSpecs of layout/charts.py.

Every chart carries a text alternative (the image's `alt`, and `<title>`/`<desc>` inside the SVG) and draws
the same on every machine and every day; its colours are presentation attributes too, so office suites draw
it as a browser does. pygal is imported only here, and only the HTML renderings import this module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..layout.charts import GROUP_COLOURS, Bar, ChartSpec
from ..layout.dutch import euro

FONT = "'Segoe UI', Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    """One drawn chart: its title, its SVG, and the sentence a screen reader says."""

    title: str
    svg: str
    description: str
    width: int
    height: int
    notes: tuple[str, ...] = ()

    @property
    def data_uri(self) -> str:
        """The page embeds the SVG as an image, not inline: pasted into Word or opened by LibreOffice it arrives
        as one picture, where inline SVG arrives as loose text. A data URI keeps the page self-contained."""
        import base64

        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")


def draw(spec: ChartSpec) -> Chart:
    """The chart of a spec, drawn the way its kind is drawn."""
    return {"shares": _shares, "stacked": _stacked, "grouped": _grouped}[spec.kind](spec)


def _value(bar: Bar | None) -> dict[str, Any] | None:
    """A pygal value: the number only positions the bar; every text shown comes from its label."""
    if bar is None:
        return None
    style = f"fill:{bar.colour};stroke:{bar.colour};stroke-width:1"
    if bar.approximate:
        style = f"fill:{bar.colour};fill-opacity:0.35;stroke:{bar.colour};stroke-width:2;stroke-dasharray:6 3"
    label = bar.label
    return {
        "value": float(bar.value),
        "color": bar.colour,
        "style": style,
        "label": label,
        "formatter": lambda _: label,
    }


def _shares(spec: ChartSpec) -> Chart:
    import pygal

    top = spec.top
    chart = pygal.HorizontalBar(
        style=_style(solid_major=True),
        title=spec.title,
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
        height=110 + 34 * len(spec.labels),
        truncate_label=-1,
        margin=10,
    )
    chart.x_labels = list(reversed(spec.labels))  # pygal draws horizontal bars from the bottom up
    for series in spec.series:
        chart.add(series.name, [_value(bar) for bar in reversed(series.bars)])
    chart.add_xml_filter(_values_beside_bars)
    return _render(chart, spec)


def _stacked(spec: ChartSpec) -> Chart:
    import pygal

    chart = pygal.StackedBar(
        style=_style(spec.colours),
        title=spec.title,
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=spec.legend_columns,
        y_title="euro",
        value_formatter=lambda v: euro(Decimal(str(round(v))), whole=True),
        width=960,
        height=440,
        truncate_label=-1,
        truncate_legend=-1,
        margin=10,
    )
    chart.x_labels = spec.labels
    for series in spec.series:
        chart.add(series.name, [_value(bar) for bar in series.bars])
    return _render(chart, spec)


def _grouped(spec: ChartSpec) -> Chart:
    import pygal

    chart = pygal.Bar(
        style=_style(spec.colours),
        title=spec.title,
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
    chart.x_labels = spec.labels
    for series in spec.series:
        chart.add(series.name, [_value(bar) for bar in series.bars])
    return _render(chart, spec)


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
        # a bar of zero (a result of 0) is drawn without a width, and sometimes without an x
        text.set("x", str(float(rect.get("x") or 0) + float(rect.get("width") or 0) + 6))
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


def _render(chart: Any, spec: ChartSpec) -> Chart:
    """pygal uses lxml when it happens to be installed; the standard library's ElementTree, always, makes the
    same page on every machine. pygal's switch is process-wide, so it is put back afterwards."""
    from pygal.etree import etree

    chart_id, title, description = spec.chart_id, spec.title, spec.description
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
    return Chart(
        title=title,
        svg=svg,
        description=description,
        width=chart.config.width,
        height=chart.config.height,
        notes=tuple(spec.notes),
    )
