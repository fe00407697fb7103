"""One self-contained HTML page from the neutral Tables: styles inline, no script, no network; prints on A4
with the table headers repeated, and pastes into Word with its tables intact. Jinja2 escapes every value."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..layout.dutch import VERDICT_LABEL, cell_text
from ..layout.table import Cell, LightCell, Table, VerdictCell
from ..values import Verdict

if TYPE_CHECKING:
    from jinja2 import Template

    from .charts import Chart

# A page with a table this wide prints landscape: on portrait A4 its words would break mid-word.
LANDSCAPE_COLUMNS = 7
VERDICT_CLASS = {Verdict.PASS: "pass", Verdict.FAIL: "fail", Verdict.UNKNOWN: "unknown"}


def generated_on() -> dt.date:
    """The date a page says it was made: SOURCE_DATE_EPOCH (reproducible-builds.org) pins it, so a site rebuilt
    from the same commit is byte for byte the same page; a value that is not a count of seconds is ignored."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isascii() and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class _Cell:
    text: str
    css: str
    light: str | None = None
    href: str | None = None


def _cell(cell: Cell, numeric: bool, links: dict[str, str]) -> _Cell:
    css = "num" if numeric else ""
    if isinstance(cell, LightCell):
        return _Cell(cell_text(cell), css, cell.state if cell.state in {"groen", "oranje", "rood"} else None)
    if isinstance(cell, VerdictCell):
        return _Cell(cell_text(cell), f"{css} verdict-{VERDICT_CLASS[cell.verdict]}".strip())
    text = cell_text(cell)
    # a budget line is "Project: line": it links to its project, where its source and decision are
    return _Cell(text, css, href=links.get(text) or links.get(text.split(": ", 1)[0]))


def css_string(text: str) -> Markup:
    """A quoted CSS string for the print footer: anything but letters, digits and plain punctuation is a CSS
    escape, so no text from the data can end the string or the style element."""
    plain = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;()-/")
    # CSS ends a hex escape at one whitespace, which it consumes: every escape gets its own
    return Markup('"' + "".join(c if c in plain else f"\\{ord(c):06x} " for c in text) + '"')


def page(
    title: str,
    tables: list[Table],
    summary: str,
    failed: bool,
    data: str,
    links: dict[str, str] | None = None,
    nav: list[tuple[str, str]] | None = None,
    charts: Sequence[Chart] = (),
    data_version: str | None = None,
) -> str:
    """`links` turns a cell whose whole text is a project name or a decision's reference into a link (the
    site); `nav` is the site's navigation; `charts` come first; `data_version` names the commit of the data,
    so a printed page says which data it was made from."""
    links = links or {}
    shaped = [
        {
            "title": t.title,
            "unit": t.unit,
            "verdict": VERDICT_LABEL[t.verdict] if t.verdict else None,
            "verdict_class": VERDICT_CLASS[t.verdict] if t.verdict else None,
            "columns": t.columns,
            "numeric": t.numeric,
            "rows": [[_cell(c, i in t.numeric, links) for i, c in enumerate(row)] for row in t.rows],
            "footer": [[_cell(c, i in t.numeric, {}) for i, c in enumerate(row)] for row in t.footer],
            "notes": t.notes,
        }
        for t in tables
    ]
    generated = generated_on().isoformat()
    source = f"{data} ({data_version})" if data_version else data
    return _template().render(
        title=title,
        footer=f"{title} · bron: {source} · gemaakt op {generated} met waw {_version()}",
        tables=shaped,
        summary=summary,
        failed=failed,
        data=source,
        nav=nav or [],
        charts=charts,
        landscape=any(len(t.columns) >= LANDSCAPE_COLUMNS for t in tables),
        generated=generated,
        version=_version(),
    )


@functools.cache
def _template() -> Template:
    """The page template, compiled once per process: a site of many pages compiled it again for every page."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("wawtool", "templates"), autoescape=select_autoescape(["html", "j2"])
    )
    environment.filters["css_string"] = css_string
    return environment.get_template("page.html.j2")


@functools.cache
def _version() -> str:
    return version("wawtool")
