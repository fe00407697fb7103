"""One self-contained HTML page from the neutral Tables: styles inline, no script, no network; prints on A4
with the table headers repeated, and pastes into Word with its tables intact. Jinja2 escapes every value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING

from ..budget import Verdict
from ..fmt import VERDICT_LABEL, cell_text
from ..table import Cell, LightCell, Table, VerdictCell

if TYPE_CHECKING:
    from .charts import Chart

VERDICT_CLASS = {Verdict.PASS: "pass", Verdict.FAIL: "fail", Verdict.UNKNOWN: "unknown"}


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
    return _Cell(text, css, href=links.get(text))


def page(
    title: str,
    tables: list[Table],
    summary: str,
    failed: bool,
    data: str,
    links: dict[str, str] | None = None,
    nav: list[tuple[str, str]] | None = None,
    charts: Sequence[Chart] = (),
) -> str:
    """`links` turns a cell whose whole text is a project name or a decision's reference into a link (the
    site); `nav` is the site's navigation; `charts` come first."""
    links = links or {}
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("wawtool", "templates"), autoescape=select_autoescape(["html", "j2"])
    )
    shaped = [
        {
            "title": t.title,
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
    return environment.get_template("page.html.j2").render(
        title=title,
        tables=shaped,
        summary=summary,
        failed=failed,
        data=data,
        nav=nav or [],
        charts=charts,
        generated=dt.date.today().isoformat(),
        version=version("wawtool"),
    )
