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
    """Boxed tables laid out to the console's width, each row stacked when a table cannot fit; aligned lines,
    same words, for a national report."""
    compact = sum(len(t.rows) + len(t.footer) for t in tables) > LARGE
    for table in tables:
        if compact:
            console.print(_compact(table), soft_wrap=True)  # aligned already: no re-wrapping per line
        else:
            widths = column_widths(table, console.width)
            console.print(
                _stacked(table, console.width) if widths is None else _rich_table(table, widths, console.width)
            )
        for note in table.notes:
            console.print(Text(_indented(note, console.width), style="dim"))
        console.print()
    if summary:
        console.print(Text(wrap(summary, console.width), style="bold red" if failed else "bold green"))


def _title(table: Table, width: int) -> Text:
    """The title wrapped here, not by rich, which would leave a space at the end of each broken line."""
    wrapped = wrap(table.title, width)
    if not table.verdict:
        return Text(wrapped, style="bold")
    label = VERDICT_LABEL[table.verdict]
    fits = len(wrapped.split("\n")[-1]) + 2 + len(label) <= width
    title = Text(wrapped + ("  " if fits else "\n"), style="bold")
    title.append(label, style=STYLE[table.verdict])
    return title


def _rich_table(table: Table, widths: list[int], width: int) -> Group:
    """Rich draws the box; every cell arrives wrapped already, so rich never breaks a figure."""
    if not table.rows and not table.footer:
        return Group(_title(table, width), Text("  geen", style="dim"))
    rich = RichTable(show_footer=False, expand=False)
    for index, (column, width) in enumerate(zip(table.columns, widths, strict=True)):
        justify = "right" if index in table.numeric else "left"
        rich.add_column(wrap(column, width), justify=justify, no_wrap=True, width=width)
    for row in table.rows:
        rich.add_row(*(_styled(c, w) for c, w in zip(row, widths, strict=True)))
    if table.footer:
        rich.add_section()
        for row in table.footer:
            rich.add_row(*(Text(wrap(cell_text(c), w), style="bold") for c, w in zip(row, widths, strict=True)))
    return Group(_title(table, width), rich)  # the title apart: rich would pad it with spaces to the table's width


def _indented(text: str, width: int) -> str:
    return "\n".join("  " + line for line in wrap(text, max(width - 2, LONGEST_UNBROKEN)).split("\n"))


# Badges, not coloured letters: black on green or yellow and white on red read on light and dark terminals
# alike, and stay three different colours in the 16-colour palette (dark_orange became bright red there).
# NO_COLOR drops the colours; the word and the shape of every light remain.
LIGHT_STYLE = {"groen": "black on green", "oranje": "black on yellow", "rood": "bold white on red"}
LONGEST_UNBROKEN = 30  # a text column needs at most this much; a longer word (a URL) is folded
_GLUED = ("€", "-€", "≥", "≤", "≈", "ca.", "(≥", "+")  # never the last word on a line: `€ 1.054.795` stays whole


def atoms(text: str) -> list[str]:
    """The pieces a cell may be wrapped between: words, with a euro sign or qualifier glued to its figure."""
    pieces: list[str] = []
    for word in text.split():
        if pieces and pieces[-1].split(" ")[-1] in _GLUED:
            pieces[-1] += " " + word
        else:
            pieces.append(word)
    return pieces


def wrap(text: str, width: int) -> str:
    """Greedy wrapping at atom boundaries; only a text atom longer than the column is folded."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for atom in atoms(paragraph):
            while len(atom) > width:  # a URL or a long compound: folded, the one case a word is split
                if line:
                    lines.append(line)
                    line = ""
                lines.append(atom[:width])
                atom = atom[width:]
            if not line:
                line = atom
            elif len(line) + 1 + len(atom) <= width:
                line += " " + atom
            else:
                lines.append(line)
                line = atom
        lines.append(line)
    return "\n".join(lines)


def _cells(table: Table, index: int) -> list[str]:
    return [cell_text(row[index]) for row in [*table.rows, *table.footer]]


def column_widths(table: Table, width: int) -> list[int] | None:
    """Each column's width so the boxed table fits `width`: figures whole, text down to its longest word,
    the widest columns narrowed first; None when even the minimum does not fit."""
    minimum, natural = [], []
    for index, column in enumerate(table.columns):
        texts = _cells(table, index)
        longest_atom = max((len(a) for t in [column, *texts] for a in atoms(t)), default=1)
        if index not in table.numeric:
            longest_atom = min(longest_atom, LONGEST_UNBROKEN)
        minimum.append(max(longest_atom, 1))
        natural.append(max(len(t) for t in [column, *texts]))
    room = width - (3 * len(table.columns) + 1)  # a bar and a space either side of every column
    if sum(minimum) > room:
        return None
    if sum(natural) <= room:
        return natural

    # The widest columns give way first: find the highest cap at which every column, cut to the cap but never
    # below its minimum, fits; short columns keep their natural width.
    def width_at(cap: int) -> list[int]:
        return [max(m, min(n, cap)) for m, n in zip(minimum, natural, strict=True)]

    low, high = 1, max(natural)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if sum(width_at(middle)) <= room else (low, middle - 1)
    widths = width_at(low)
    spare = room - sum(widths)
    for index in sorted(range(len(widths)), key=lambda i: -natural[i]):  # the rest to the widest, a column each
        if spare and widths[index] < natural[index]:
            widths[index] += 1
            spare -= 1
    return widths


def _stacked(table: Table, width: int) -> Group:
    """A table too wide for the terminal: each row as `column  value` lines, so no figure is ever broken."""
    label_width = min(max((len(c) for c in table.columns), default=0), width // 3)
    value_width = max(width - label_width - 4, LONGEST_UNBROKEN // 2)
    parts: list[Text] = [_title(table, width)]
    for row in [*table.rows, *table.footer]:
        parts.append(Text("  " + "─" * 20, style="dim"))
        for column, cell in zip(table.columns, row, strict=True):
            if cell is None or cell == "":
                continue
            label = wrap(column, label_width).split("\n")
            value = _styled(cell, value_width).split("\n")
            for number in range(max(len(label), len(value))):
                line = Text("  " + (label[number] if number < len(label) else "").ljust(label_width) + "  ")
                line.stylize("dim")
                if number < len(value):
                    line.append_text(value[number])
                parts.append(line)
    if not table.rows and not table.footer:
        parts.append(Text("  geen", style="dim"))
    return Group(*parts)


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


def _styled(cell: Cell, width: int) -> Text:
    return Text(wrap(cell_text(cell), width), style=_style(cell) or "")
