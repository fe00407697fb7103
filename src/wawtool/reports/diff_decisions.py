"""The decisions a change to the data adds, removes or changes, for `waw diff`: each with its id, kenmerk,
kind and date, and per changed field what was added and what was removed.

A row is one DecisionChange, built in `_row` only: a column the Decision model gains (a status history, say)
is one field there and one column in `layout/diff.decision_table`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from ..decisions import current_step
from ..models import Decision, MoveEnd
from ..values import Report

Kind = Literal["added", "removed", "changed"]


def pairs(before: dict[str, object], after: dict[str, object]) -> Iterable[tuple[Kind, str, object, object]]:
    """Added, removed and changed entries; a value of None (unknown) is a value, not an absence."""
    for key in sorted(before.keys() | after.keys()):
        if key not in before:
            yield "added", key, None, after[key]
        elif key not in after:
            yield "removed", key, before[key], None
        elif before[key] != after[key]:
            yield "changed", key, before[key], after[key]


class DecisionItem(Report):
    """One entry of a list field, or a field's whole value: an amount with its year and places for a move,
    an amount and a fund for a release, a name for a project that is funded or stopped, text otherwise."""

    text: str
    amount: Decimal | None = None
    year: int | None = None
    source: str | None = None  # a move's or a release's origin: a line, a flexible budget or a fund
    target: str | None = None  # a move's destination


class FieldChange(Report):
    field: str  # the Decision field: title, date, moves, released, funded, stopped, stated_total, ...
    removed: list[DecisionItem]
    added: list[DecisionItem]


class DecisionChange(Report):
    kind: Kind
    id: str
    reference: str  # the kenmerk
    decision_kind: str  # bijstelling, begroting, begrotingswijziging
    date: dt.date
    title: str
    status: str | None  # its latest step in the head (the base for a removed one); None: the data do not say
    status_date: dt.date | None
    fields: list[FieldChange]  # what changed; for an added or removed decision what it stops, releases, funds, moves


def _place(end: MoveEnd, projects: dict[str, str]) -> str:
    if end.project:
        return f"{projects.get(end.project, end.project)} '{end.line}'"
    if end.flexible_budget:
        return f"flexibel budget van {end.flexible_budget}"
    return f"fonds {end.funding}"


def _items(decision: Decision, field: str, projects: dict[str, str]) -> list[DecisionItem]:
    if field == "moves":
        return [
            DecisionItem(
                text=f"{m.year} {m.amount} {_place(m.from_, projects)} {_place(m.to, projects)}",
                amount=m.amount,
                year=m.year,
                source=_place(m.from_, projects),
                target=_place(m.to, projects),
            )
            for m in decision.moves
        ]
    if field == "status":
        return [DecisionItem(text=f"{s.status.value} {s.date.isoformat()}") for s in decision.status]
    if field == "released":
        return [DecisionItem(text=r.funding, amount=r.amount, source=f"fonds {r.funding}") for r in decision.released]
    if field in ("funded", "stopped"):
        return [DecisionItem(text=projects.get(p, p)) for p in getattr(decision, field)]
    value = getattr(decision, field)
    if field == "flexible_budget" and value is not None:
        return [DecisionItem(text=str(value.amount), amount=value.amount)]
    if field == "stated_total" and value is not None:
        return [DecisionItem(text=f"{value.label} {value.amount}", amount=value.amount, year=value.year)]
    return [] if value is None else [DecisionItem(text=str(value))]


FIELDS = ["kind", "reference", "title", "date", "stopped", "released", "funded", "flexible_budget", "stated_total"]
FIELDS += ["moves", "status", "year", "source", "note"]


def _fields(old: Decision, new: Decision, projects: dict[str, str]) -> list[FieldChange]:
    changes = []
    for field in FIELDS:
        if getattr(old, field) == getattr(new, field):
            continue
        before, after = _items(old, field, projects), _items(new, field, projects)
        changes.append(
            FieldChange(
                field=field,
                removed=[i for i in before if i not in after],
                added=[i for i in after if i not in before],
            )
        )
    return changes


def _contents(kind: Kind, decision: Decision, projects: dict[str, str]) -> list[FieldChange]:
    """What an added decision brings, or a removed one takes away: its stops, releases, funding and moves."""
    changes = []
    for field in ("stopped", "released", "funded", "moves"):
        items = _items(decision, field, projects)
        if items:
            added, removed = (items, []) if kind == "added" else ([], items)
            changes.append(FieldChange(field=field, removed=removed, added=added))
    return changes


def _row(kind: Kind, decision: Decision, fields: list[FieldChange]) -> DecisionChange:
    step = current_step(decision)
    return DecisionChange(
        status=step.status.value if step else None,
        status_date=step.date if step else None,
        kind=kind,
        id=decision.id,
        reference=decision.reference,
        decision_kind=decision.kind,
        date=decision.date,
        title=decision.title,
        fields=fields,
    )


def decision_changes(
    old: dict[str, Decision], new: dict[str, Decision], projects: dict[str, str]
) -> list[DecisionChange]:
    """Added, removed and changed decisions by id; a changed one lists every field that differs."""
    rows = []
    for kind, _key, a, b in pairs(old, new):  # type: ignore[arg-type]
        if kind == "changed":
            assert isinstance(a, Decision) and isinstance(b, Decision)
            rows.append(_row(kind, b, _fields(a, b, projects)))
        else:
            decision = b if kind == "added" else a
            assert isinstance(decision, Decision)
            rows.append(_row(kind, decision, _contents(kind, decision, projects)))
    return rows
