"""The mandate check laid out: each change of each decision, who adopted it, the rule and the verdict."""

from __future__ import annotations

from ..mandates import KIND_LABEL, MandateCheck
from ..values import Verdict, worst
from .table import Cell, MoneyCell, Table, VerdictCell


def mandates_table(checks: list[MandateCheck], sources_silent: str | None) -> Table:
    rows: list[list[Cell]] = [
        [
            f"{m.reference} ({m.status or 'status onbekend'})",
            m.change.label,
            KIND_LABEL[m.change.kind] if m.change.kind else "onbekend",
            m.change.year or "",
            MoneyCell(m.change.amount) if m.change.amount is not None else "",
            ", ".join(m.bodies) or "niet vastgesteld",
            m.rule or "",
            VerdictCell(m.verdict),
        ]
        for m in checks
    ]
    grouped: dict[tuple[str, str], list[MandateCheck]] = {}
    for m in checks:
        if m.verdict != Verdict.PASS:
            grouped.setdefault((m.reference, m.explanation), []).append(m)
    notes = [
        f"{reference}{'' if len(group) > 1 else ', ' + group[0].change.label}: {explanation}."
        for (reference, explanation), group in grouped.items()
    ]
    notes += [f"Regel {rule}." for rule in dict.fromkeys(m.rule_text for m in checks if m.rule_text)]
    if sources_silent:
        notes.append(sources_silent)
    return Table(
        title="Bevoegdheden: wie mag dit besluiten",
        columns=["Besluit", "Wijziging", "Soort", "Jaar", "Bedrag", "Vastgesteld door", "Regel", "Oordeel"],
        rows=rows,
        notes=notes,
        numeric=frozenset({4}),
        verdict=worst(m.verdict for m in checks),
    )
