"""Markdown and CSV from neutral Tables; the terminal renderer lives in terminal.py."""

from __future__ import annotations

import csv
import io

from ..fmt import VERDICT_LABEL, cell_text
from ..table import Cell, FigureCell, LightCell, MoneyCell, Table, VerdictCell


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(tables: list[Table], summary: str | None = None) -> str:
    out: list[str] = []
    for table in tables:
        heading = table.title + (f" — {VERDICT_LABEL[table.verdict]}" if table.verdict else "")
        out.append(f"### {heading}\n")
        if not table.rows and not table.footer:
            out.append("_Geen._\n")
            continue
        out.append("| " + " | ".join(_md_escape(c) for c in table.columns) + " |")
        out.append("|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.columns))) + "|")
        for row in table.rows:
            out.append("| " + " | ".join(_md_escape(cell_text(c, markdown=True)) for c in row) + " |")
        for row in table.footer:
            out.append("| " + " | ".join(f"**{_md_escape(cell_text(c))}**" if cell_text(c) else "" for c in row) + " |")
        out.append("")
        out += [f"> {_md_escape(note).replace('*', chr(92) + '*')}" for note in table.notes]
        if table.notes:
            out.append("")
    if summary:
        out.append(f"**{summary}**")
    return "\n".join(out).rstrip() + "\n"


def _csv_value(cell: Cell) -> str:
    """Machine-readable: plain decimals with a point, an empty cell for unknown."""
    if isinstance(cell, MoneyCell):
        return "" if cell.amount is None else str(cell.amount)
    if isinstance(cell, FigureCell):
        return "" if cell.figure.value is None else str(cell.figure.value)
    if isinstance(cell, VerdictCell):
        return cell.verdict.value
    if isinstance(cell, LightCell):
        return cell.state + (" (handmatig)" if cell.manual else "")
    return "" if cell is None else str(cell)


def to_csv(tables: list[Table]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for table in tables:
        writer.writerow(["table", *table.columns])
        for row in [*table.rows, *table.footer]:
            writer.writerow([table.title, *(_guard(_csv_value(c)) for c in row)])
    return buffer.getvalue()


def _guard(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula is written as text."""
    if text[:1] in ("=", "+", "@") or (text[:1] == "-" and not _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
