"""Markdown from neutral Tables: for a pull-request comment or a pasted monitor."""

from __future__ import annotations

from ..layout.dutch import VERDICT_LABEL, cell_text
from ..layout.table import Table
from ..values import Verdict

_MARKUP = str.maketrans({"|": "\\|", "[": "\\[", "]": "\\]", "<": "&lt;", ">": "&gt;", "\n": " "})


def _md_escape(text: str) -> str:
    """A cell as text only: no link, image or HTML from the data reaches a pull-request comment."""
    return text.translate(_MARKUP)


def lead_line(verdict: Verdict, text: str) -> str:
    """`**✘ voldoet niet**: 1 verschuiving niet verwerkt; ...`: the verdict first, in bold, then its reasons."""
    return f"**{VERDICT_LABEL[verdict]}**: {_md_escape(text).replace('*', chr(92) + '*')}"


def markdown(tables: list[Table], summary: str | None = None) -> str:
    out: list[str] = []
    for table in tables:
        heading = table.title + (f" — {VERDICT_LABEL[table.verdict]}" if table.verdict else "")
        out.append(f"### {heading}\n")
        if table.unit:
            out.append(f"_{_md_escape(table.unit)}_\n")
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
