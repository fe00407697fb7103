"""Rich tables for the terminal; words next to every verdict so it reads without colour."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Text

from ..budget import Verdict
from ..fmt import VERDICT_LABEL, cell_text
from ..table import Cell, LightCell, Table, VerdictCell

STYLE = {Verdict.PASS: "green", Verdict.FAIL: "bold red", Verdict.UNKNOWN: "yellow"}


def render(console: Console, tables: list[Table], summary: str | None = None, failed: bool = False) -> None:
    for table in tables:
        console.print(_rich_table(table))
        for note in table.notes:
            console.print(Text(f"  {note}", style="dim"))
        console.print()
    if summary:
        console.print(Text(summary, style="bold red" if failed else "bold green"))


def _rich_table(table: Table) -> RichTable | Group:
    title = Text(table.title, style="bold")
    if table.verdict:
        title.append("  ")
        title.append(VERDICT_LABEL[table.verdict], style=STYLE[table.verdict])
    rich = RichTable(title=title, title_justify="left", show_footer=False, expand=False)
    for index, column in enumerate(table.columns):
        rich.add_column(column, justify="right" if index in table.numeric else "left", overflow="fold")
    for row in table.rows:
        rich.add_row(*(_styled(c) for c in row))
    if table.footer:
        rich.add_section()
        for row in table.footer:
            rich.add_row(*(Text(cell_text(c), style="bold") for c in row))
    if not table.rows and not table.footer:
        return Group(title, Text("  geen", style="dim"))
    return rich


LIGHT_STYLE = {"groen": "green", "oranje": "dark_orange", "rood": "bold red"}


def _styled(cell: Cell) -> Text:
    if isinstance(cell, VerdictCell):
        return Text(VERDICT_LABEL[cell.verdict], style=STYLE[cell.verdict])
    if isinstance(cell, LightCell):
        return Text(cell_text(cell), style=LIGHT_STYLE.get(cell.state, "dim"))
    return Text(cell_text(cell))
