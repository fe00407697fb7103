"""Rich tables for the terminal; words next to every verdict so it reads without colour."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Span, Text

from ..budget import Verdict
from ..fmt import VERDICT_LABEL, cell_text
from ..table import Cell, LightCell, Table, VerdictCell

STYLE = {Verdict.PASS: "green", Verdict.FAIL: "bold red", Verdict.UNKNOWN: "yellow"}


LARGE = 300  # rows in all; rich lays out a table cell by cell, which takes seconds at national scale


def render(console: Console, tables: list[Table], summary: str | None = None, failed: bool = False) -> None:
    """Boxed rich tables for a region's report; aligned lines, same words, for a national one."""
    compact = sum(len(t.rows) + len(t.footer) for t in tables) > LARGE
    for table in tables:
        if compact:
            console.print(_compact(table), soft_wrap=True)  # aligned already: no re-wrapping per line
        else:
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


def _compact(table: Table) -> Text:
    """A large table as aligned lines in one Text: the same columns and words, drawn without boxes."""
    rows = [[cell_text(c) for c in row] for row in [*table.rows, *table.footer]]
    widths = [max([len(column), *(len(row[i]) for row in rows)]) for i, column in enumerate(table.columns)]
    out: list[str] = []
    spans: list[Span] = []
    position = 0

    def add(cells: list[str], sources: list[Cell] | None) -> None:
        nonlocal position
        parts = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            padded = cell.rjust(width) if i in table.numeric else cell.ljust(width)
            style = _style(sources[i]) if sources else "bold"
            if style:
                spans.append(Span(position, position + len(padded), style))
            parts.append(padded)
            position += len(padded) + 2
        out.append("  ".join(parts))
        position += 1 - 2  # the newline instead of the last separator

    title = table.title + (f"  {VERDICT_LABEL[table.verdict]}" if table.verdict else "")
    spans.append(Span(0, len(title), "bold"))
    out.append(title)
    position = len(title) + 1
    add(table.columns, None)
    out.append("  ".join("-" * w for w in widths))
    position += len(out[-1]) + 1
    for source, cells in zip([*table.rows, *table.footer], rows, strict=True):
        add(cells, source)
    if not rows:
        out.append("  geen")
    return Text("\n".join(out), spans=spans)


def _style(cell: Cell) -> str | None:
    if isinstance(cell, VerdictCell):
        return STYLE[cell.verdict]
    if isinstance(cell, LightCell):
        return LIGHT_STYLE.get(cell.state, "dim")
    return None


def _styled(cell: Cell) -> Text:
    if isinstance(cell, VerdictCell):
        return Text(VERDICT_LABEL[cell.verdict], style=STYLE[cell.verdict])
    if isinstance(cell, LightCell):
        return Text(cell_text(cell), style=LIGHT_STYLE.get(cell.state, "dim"))
    return Text(cell_text(cell))
