"""Tables for the terminal, laid out to its width; words next to every verdict so it reads without colour.

Drawing yields plain (text, style) segments. Rich turns them into colour on a terminal; to a pipe or a file
they are written as they are, without loading rich at all.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    for a national report. Tables with the same columns (the categories of one report) share one layout."""
    out: list[Segment] = []
    compact = sum(len(t.rows) + len(t.footer) for t in tables) > LARGE
    shared = {} if compact else _shared_widths(tables, width)
    for table in tables:
        if compact:
            out += _compact(table)
        else:
            widths = shared.get(_kind(table)) or column_widths([table], width)
            out += _stacked(table, width) if widths is None else _boxed(table, widths, width)
        out.append(("\n", ""))
        for note in table.notes:
            out.append((_indented(note, width) + "\n", "dim"))
        out.append(("\n", ""))
    if summary:
        out.append((wrap(summary, width) + "\n", "bold red" if failed else "bold green"))
    return out


def _kind(table: Table) -> tuple[tuple[str, ...], frozenset[int]]:
    return tuple(table.columns), table.numeric


def _shared_widths(tables: list[Table], width: int) -> dict[tuple[tuple[str, ...], frozenset[int]], list[int] | None]:
    """One layout for every group of two or more tables with the same columns, measured over all their rows."""
    groups: dict[tuple[tuple[str, ...], frozenset[int]], list[Table]] = {}
    for table in tables:
        groups.setdefault(_kind(table), []).append(table)
    return {kind: column_widths(group, width) for kind, group in groups.items() if len(group) > 1}


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
    work (rich's table measured every cell again: a third of the start-up of `waw check-budget`). A column of
    width 0 is left out: it is empty in every row (see column_widths)."""
    out = _title(table, width)
    if not table.rows and not table.footer:
        return [*out, ("\n  geen", "dim")]
    out.append(("\n", ""))
    shown = [i for i, w in enumerate(widths) if w]

    def rule(left: str, fill: str, middle: str, right: str, end: str = "\n") -> None:
        out.append((left + middle.join(fill * (widths[i] + 2) for i in shown) + right + end, ""))

    def row(cells: list[Cell], bar: str, style: str | None = None) -> None:
        lines = [wrap(cell_text(cells[i]), widths[i]).split("\n") for i in shown]
        styles = [style or _style(cells[i]) or "" for i in shown]
        for number in range(max(len(cell) for cell in lines)):
            out.append((bar, ""))
            for index, cell_lines, cell_style in zip(shown, lines, styles, strict=True):
                piece = cell_lines[number] if number < len(cell_lines) else ""
                padded = piece.rjust(widths[index]) if index in table.numeric else piece.ljust(widths[index])
                out.extend(((" ", ""), (padded, cell_style), (" " + bar, "")))
            out.append(("\n", ""))

    rule("┏", "━", "┳", "┓")
    row(list(table.columns), "┃", "bold")
    rule("┡", "━", "╇", "┩")
    for cells in table.rows:
        row(cells, "│")
    if table.footer:
        rule("├", "─", "┼", "┤")
        for cells in table.footer:
            row(cells, "│", "bold")
    rule("└", "─", "┴", "┘", end="")
    return out


def _indented(text: str, width: int) -> str:
    return "\n".join("  " + line for line in wrap(text, max(width - 2, LONGEST_UNBROKEN)).split("\n"))


# Badges, not coloured letters: black on green or yellow and white on red read on light and dark terminals
# alike, and stay three different colours in the 16-colour palette (dark_orange became bright red there).
# NO_COLOR drops the colours; the word and the shape of every light remain.
LIGHT_STYLE = {"groen": "black on green", "oranje": "black on yellow", "rood": "bold white on red"}
LONGEST_UNBROKEN = 30  # a text column needs at most this much; a longer word (a URL) is folded
FOLDED = 10  # a text column whose words are folded to fit keeps at least this much
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
                cut = atom.rfind("-", 0, width) + 1 or width  # after a hyphen where there is one
                lines.append(atom[:cut])
                atom = atom[cut:]
            if not line:
                line = atom
            elif len(line) + 1 + len(atom) <= width:
                line += " " + atom
            else:
                lines.append(line)
                line = atom
        lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class _Measure:
    """What one column needs, from most to least room: `natural` its longest cell or heading on one line;
    `body` its longest cell, the heading in at most two lines; `minimum` its longest word (a text's at most
    LONGEST_UNBROKEN); `floor` that of a text column with its words folded (never below FOLDED, nor below the
    longest figure in it); `empty` when no row holds anything in it."""

    natural: int
    body: int
    minimum: int
    floor: int
    empty: bool


def _measure(texts: list[list[str]], numeric: frozenset[int]) -> list[_Measure]:
    """Each column's needs, from its heading and cells (`texts`: per column the heading, then every cell)."""
    measures = []
    for index, (column, *cells) in enumerate(texts):
        cell_atoms = [a for text in cells for a in atoms(text)]
        head_atoms = atoms(column)
        longest = max((len(a) for a in [*head_atoms, *cell_atoms]), default=1)
        figures = max((len(a) for a in cell_atoms if _figure(a)), default=1)
        heading = max(len(column) - len(column) // 2, max((len(a) for a in head_atoms), default=1))
        while len(wrap(column, heading).split("\n")) > 2:
            heading += 1
        widest = max((len(t) for t in cells), default=0)
        if index in numeric:
            floor = minimum = longest
        else:
            minimum = min(longest, LONGEST_UNBROKEN)
            floor = min(minimum, max(FOLDED, figures))
        empty = bool(cells) and widest == 0
        measures.append(_Measure(max(widest, len(column)), max(widest, heading, minimum), minimum, floor, empty))
    return measures


def column_widths(tables: list[Table], width: int) -> list[int] | None:
    """Each column's width so the boxed tables (one or more with the same columns) fit `width`, or None when
    even the least does not fit and the rows must be stacked. From most room to least: every cell and heading
    on one line; a column empty in every row left out (width 0: it held nothing, so nothing is lost);
    headings wrapped; text wrapped between words, the widest columns narrowed first; then words of text folded
    (rich's overflow="fold"), the room going where it saves the most lines. Figures never break."""
    rows = [row for table in tables for row in table.all_rows]
    texts = [[column, *(cell_text(row[index]) for row in rows)] for index, column in enumerate(tables[0].columns)]
    measures = _measure(texts, tables[0].numeric)
    if sum(m.natural for m in measures) <= width - (3 * len(measures) + 1) or not any(m.empty for m in measures):
        return _fit(measures, texts, width)
    kept = [number for number, m in enumerate(measures) if not m.empty]
    fitted = _fit([measures[i] for i in kept], [texts[i] for i in kept], width)
    if fitted is None:
        return None
    widths = [0] * len(measures)
    for number, given in zip(kept, fitted, strict=True):
        widths[number] = given
    return widths


def _fit(measures: list[_Measure], texts: list[list[str]], width: int) -> list[int] | None:
    room = width - (3 * len(measures) + 1)  # a bar and a space either side of every column
    natural = [m.natural for m in measures]
    if sum(natural) <= room:
        return natural
    body, minimum, floor = ([m.body for m in measures], [m.minimum for m in measures], [m.floor for m in measures])
    for low, high in ((body, natural), (minimum, body)):
        if sum(low) <= room:
            return _capped(low, high, room)
    if sum(floor) > room:
        return None
    return _unfolded(_fewest_lines(texts, floor, natural, room), minimum)


def _unfolded(widths: list[int], minimum: list[int]) -> list[int]:
    """A word folded by a few letters (`Werkplekke` / `n`) reads worst: such a column gets them back
    from the column with the most room above its own longest word, where that one has them to spare."""
    widths = list(widths)
    for column in sorted(range(len(widths)), key=lambda i: minimum[i] - widths[i]):
        short = minimum[column] - widths[column]
        donor = max(range(len(widths)), key=lambda i: widths[i] - minimum[i])
        if 0 < short <= UNFOLD and widths[donor] - minimum[donor] >= short:
            widths[column] += short
            widths[donor] -= short
    return widths


LOOK_AHEAD = 8  # characters: a column whose next line is saved only a few characters on still gets them
UNFOLD = 3  # letters: a word folded by no more than this gets them back from the roomiest column


def _fewest_lines(texts: list[list[str]], low: list[int], high: list[int], room: int) -> list[int]:
    """Widths from `low` up to `high` that fill `room`, each character to the column where it saves the most
    lines of the table (looking a few characters ahead): a long text gets the room its length asks, and a
    short column beside it is folded. `texts` holds each column's heading and cells."""
    widths = list(low)
    counts: dict[tuple[int, int], list[int]] = {}

    def lines(column: int, at: int) -> list[int]:
        if (column, at) not in counts:
            counts[column, at] = [wrap(text, at).count("\n") + 1 for text in texts[column]]
        return counts[column, at]

    spare = room - sum(widths)
    while spare > 0:
        current = [lines(i, w) for i, w in enumerate(widths)]
        best, choice = 0.0, None
        for column, now in enumerate(current):
            others = [max((c[r] for i, c in enumerate(current) if i != column), default=1) for r in range(len(now))]
            height = sum(max(o, n) for o, n in zip(others, now, strict=True))
            for step in range(1, min(LOOK_AHEAD, high[column] - widths[column], spare) + 1):
                wider = lines(column, widths[column] + step)
                saved = (height - sum(max(o, n) for o, n in zip(others, wider, strict=True))) / step
                if saved > best:
                    best, choice = saved, (column, step)
        if choice is None:
            return _capped(widths, high, sum(widths) + spare)
        widths[choice[0]] += choice[1]
        spare -= choice[1]
    return widths


def _capped(low: list[int], high: list[int], room: int) -> list[int]:
    """Widths between `low` and `high` that fill `room` (sum(low) <= room): the highest cap at which every
    column, cut to the cap but never below its low, fits; short columns keep their high width; what is left
    goes to the widest, a column each."""

    def width_at(cap: int) -> list[int]:
        return [max(m, min(n, cap)) for m, n in zip(low, high, strict=True)]

    bottom, top = 1, max(high)
    while bottom < top:
        middle = (bottom + top + 1) // 2
        bottom, top = (middle, top) if sum(width_at(middle)) <= room else (bottom, middle - 1)
    widths = width_at(bottom)
    spare = room - sum(widths)
    for index in sorted(range(len(widths)), key=lambda i: -high[i]):
        if spare and widths[index] < high[index]:
            widths[index] += 1
            spare -= 1
    return widths


def _figure(atom: str) -> bool:
    """An amount, a number, a percentage, a date or a kenmerk (`DOC-23001887`, `Q3-2023`): never folded."""
    return "€" in atom or any(c.isdigit() for c in atom)


STACKED_ROW = "─" * 20  # the line above each row of a stacked table


def _stacked(table: Table, width: int) -> list[Segment]:
    """A table too wide for the terminal: each row as `column  value` lines, so no figure is ever broken."""
    label_width = min(max((len(c) for c in table.columns), default=0), width // 3)
    value_width = max(width - label_width - 4, LONGEST_UNBROKEN // 2)
    out = _title(table, width)
    for row in [*table.rows, *table.footer]:
        out.append(("\n  " + STACKED_ROW, "dim"))
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
