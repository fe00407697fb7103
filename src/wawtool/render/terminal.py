"""Tables for the terminal, laid out to its width; words next to every verdict so it reads without colour.

Drawing yields plain (text, style) segments. Rich turns them into colour on a terminal; to a pipe or a file
they are written as they are, without loading rich at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..layout.dutch import VERDICT_LABEL, cell_text
from ..layout.table import Cell, LightCell, Table, VerdictCell
from ..values import Verdict

if TYPE_CHECKING:
    from rich.console import Console

STYLE = {Verdict.PASS: "green", Verdict.FAIL: "bold red", Verdict.UNKNOWN: "yellow"}
Segment = tuple[str, str]  # text and its rich style ("" for none)

LARGE = 300  # rows in all; above it, tables are aligned lines without boxes (national scale)


def segments(tables: list[Table], summary: str | None, failed: bool, width: int) -> list[Segment]:
    """Boxed tables laid out to `width`, each row stacked when a table cannot fit; aligned lines, same words,
    for a national report."""
    out: list[Segment] = []
    compact = sum(len(t.rows) + len(t.footer) for t in tables) > LARGE
    for table in tables:
        if compact:
            out += _compact(table)
        else:
            widths = column_widths(table, width)
            out += _stacked(table, width) if widths is None else _boxed(table, widths, width)
        out.append(("\n", ""))
        for note in table.notes:
            out.append((_indented(note, width) + "\n", "dim"))
        out.append(("\n", ""))
    if summary:
        out.append((wrap(summary, width) + "\n", "bold red" if failed else "bold green"))
    return out


_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)], 0xFFFD)


def plain(parts: list[Segment]) -> str:
    """The text, with any control character shown as U+FFFD: nothing in a report can move the cursor, retitle
    the window or clear the screen (the loader refuses them in data; this holds for any other text too)."""
    return "".join(text for text, _ in parts).translate(_CONTROLS)


def print_segments(console: Console, parts: list[Segment]) -> None:
    from rich.text import Text

    text = Text()
    for piece, style in parts:
        text.append(piece.translate(_CONTROLS), style=style or None)
    console.print(text, soft_wrap=True, end="")  # laid out to the width already


def _title(table: Table, width: int) -> list[Segment]:
    """The title wrapped to the width, its verdict beside it when it fits; the table's unit on a line below."""
    wrapped = wrap(table.title, width)
    unit = [("\n" + wrap(table.unit, width), "dim")] if table.unit else []
    if not table.verdict:
        return [(wrapped, "bold"), *unit]
    label = VERDICT_LABEL[table.verdict]
    fits = len(wrapped.split("\n")[-1]) + 2 + len(label) <= width
    return [(wrapped + ("  " if fits else "\n"), "bold"), (label, STYLE[table.verdict]), *unit]


def _boxed(table: Table, widths: list[int], width: int) -> list[Segment]:
    """The table drawn as a heavy-headed box, by hand: every cell is wrapped already, so drawing is plain string
    work (rich's table measured every cell again: a third of the start-up of `waw check-budget`)."""
    out = _title(table, width)
    if not table.rows and not table.footer:
        return [*out, ("\n  geen", "dim")]
    out.append(("\n", ""))

    def rule(left: str, fill: str, middle: str, right: str, end: str = "\n") -> None:
        out.append((left + middle.join(fill * (w + 2) for w in widths) + right + end, ""))

    def row(cells: list[tuple[str, str]], bar: str) -> None:
        lines = [text.split("\n") for text, _ in cells]
        for number in range(max(len(cell) for cell in lines)):
            out.append((bar, ""))
            for index, ((_, style), cell_lines, column_width) in enumerate(zip(cells, lines, widths, strict=True)):
                piece = cell_lines[number] if number < len(cell_lines) else ""
                padded = piece.rjust(column_width) if index in table.numeric else piece.ljust(column_width)
                out.extend(((" ", ""), (padded, style), (" " + bar, "")))
            out.append(("\n", ""))

    rule("┏", "━", "┳", "┓")
    row([(wrap(c, w), "bold") for c, w in zip(table.columns, widths, strict=True)], "┃")
    rule("┡", "━", "╇", "┩")
    for cells in table.rows:
        row([(wrap(cell_text(c), w), _style(c) or "") for c, w in zip(cells, widths, strict=True)], "│")
    if table.footer:
        rule("├", "─", "┼", "┤")
        for cells in table.footer:
            row([(wrap(cell_text(c), w), "bold") for c, w in zip(cells, widths, strict=True)], "│")
    rule("└", "─", "┴", "┘", end="")
    return out


def _indented(text: str, width: int) -> str:
    return "\n".join("  " + line for line in wrap(text, max(width - 2, LONGEST_UNBROKEN)).split("\n"))


# Badges, not coloured letters: black on green or yellow and white on red read on light and dark terminals
# alike, and stay three different colours in the 16-colour palette (dark_orange became bright red there).
# NO_COLOR drops the colours; the word and the shape of every light remain.
LIGHT_STYLE = {"groen": "black on green", "oranje": "black on yellow", "rood": "bold white on red"}
LONGEST_UNBROKEN = 30  # a text column needs at most this much; a longer word (a URL) is folded
# never the last word on a line: `€ 1.054.795` and `(± € 50.000)` stay whole
_GLUED = ("€", "-€", "≥", "≤", "≈", "ca.", "(≥", "(±", "±", "+")


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


def _stacked(table: Table, width: int) -> list[Segment]:
    """A table too wide for the terminal: each row as `column  value` lines, so no figure is ever broken."""
    label_width = min(max((len(c) for c in table.columns), default=0), width // 3)
    value_width = max(width - label_width - 4, LONGEST_UNBROKEN // 2)
    out = _title(table, width)
    for row in [*table.rows, *table.footer]:
        out.append(("\n  " + "─" * 20, "dim"))
        for column, cell in zip(table.columns, row, strict=True):
            if cell is None or cell == "":
                continue
            label = wrap(column, label_width).split("\n")
            value = wrap(cell_text(cell), value_width).split("\n")
            for number in range(max(len(label), len(value))):
                out.append(("\n  " + (label[number] if number < len(label) else "").ljust(label_width) + "  ", "dim"))
                if number < len(value):
                    out.append((value[number], _style(cell) or ""))
    if not table.rows and not table.footer:
        out.append(("\n  geen", "dim"))
    return out


def _compact(table: Table) -> list[Segment]:
    """A large table as aligned lines: the same columns and words, drawn without boxes."""
    rows = [[cell_text(c) for c in row] for row in [*table.rows, *table.footer]]
    widths = [max([len(column), *(len(row[i]) for row in rows)]) for i, column in enumerate(table.columns)]
    title = table.title + (f"  {VERDICT_LABEL[table.verdict]}" if table.verdict else "")
    out: list[Segment] = [(title + "\n", "bold")] + ([(table.unit + "\n", "dim")] if table.unit else [])

    def add(cells: list[str], sources: list[Cell] | None) -> None:
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            padded = cell.rjust(width) if i in table.numeric else cell.ljust(width)
            out.append((padded, (_style(sources[i]) or "") if sources else "bold"))
            out.append(("  " if i < len(cells) - 1 else "\n", ""))

    add(table.columns, None)
    out.append(("  ".join("-" * w for w in widths) + "\n", ""))
    for source, cells in zip([*table.rows, *table.footer], rows, strict=True):
        add(cells, source)
    if not rows:
        out.append(("  geen\n", ""))
    text, style = out[-1]
    out[-1] = (text.removesuffix("\n"), style)
    return out


def _style(cell: Cell) -> str | None:
    if isinstance(cell, VerdictCell):
        return STYLE[cell.verdict]
    if isinstance(cell, LightCell):
        return LIGHT_STYLE.get(cell.state, "dim")
    return None
