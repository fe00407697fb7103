"""What a change to the data moves: budget lines, targets, results and status, per project and per year.

Compares two Datasets (two git revisions, or a revision and the work tree) and
says, for a pull-request review, what was added, removed or changed, the euro
delta per year with its effect on the total and the headroom, and whether every
reallocation is still neutral.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from .. import budget
from ..figures import Figure
from ..load.loader import Dataset
from ..models import BudgetLine, Project
from ..neutrality import neutrality_checks
from ..values import Report, Verdict

Kind = Literal["added", "removed", "changed"]


class DataChange(Report):
    """One thing that differs between the two revisions: added, removed or changed."""

    kind: Kind
    scope: str  # a project id, "programma" or a quarter
    scope_name: str
    what: str  # budget, target, status, end, result, cost_line, available, project
    key: str
    years: list[int] = []
    before: str | None = None
    after: str | None = None
    delta: Decimal | None = None  # euros, for money


class YearDelta(Report):
    year: int
    base_total: Decimal
    head_total: Decimal
    delta: Decimal
    base_headroom: Figure  # with the precision of the available amount; unknown where none is stated
    head_headroom: Figure


class NeutralityDelta(Report):
    decision: str
    reference: str
    base: Verdict | None
    head: Verdict | None


class DiffReport(Report):
    base: str
    head: str
    changes: list[DataChange]
    years: list[YearDelta]
    neutrality: list[NeutralityDelta]
    still_neutral: bool


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _line_key(line: BudgetLine) -> str:
    years = "/".join(str(y) for y in line.span())
    return line.id or f"{years} {line.description}" + (" (voorbereiding)" if line.phase == "voorbereiding" else "")


def _pairs(before: dict[str, object], after: dict[str, object]) -> Iterable[tuple[Kind, str, object, object]]:
    """Added, removed and changed entries; a value of None (unknown) is a value, not an absence."""
    for key in sorted(before.keys() | after.keys()):
        if key not in before:
            yield "added", key, None, after[key]
        elif key not in after:
            yield "removed", key, before[key], None
        elif before[key] != after[key]:
            yield "changed", key, before[key], after[key]


def _budget_changes(project_id: str, name: str, old: Project | None, new: Project | None) -> list[DataChange]:
    lines_old = {_line_key(line): line for line in (old.budget if old else [])}
    lines_new = {_line_key(line): line for line in (new.budget if new else [])}
    changes = []
    for kind, key, a, b in _pairs(lines_old, lines_new):  # type: ignore[arg-type]
        before, after = a if isinstance(a, BudgetLine) else None, b if isinstance(b, BudgetLine) else None
        amount_old = before.amount if before else None
        amount_new = after.amount if after else None
        if kind == "changed" and amount_old == amount_new and before and after and before.condition == after.condition:
            continue  # only the wording or the source changed: no money moved
        delta = (amount_new or Decimal(0)) - (amount_old or Decimal(0))
        line = after or before
        assert line is not None
        changes.append(
            DataChange(
                kind=kind,
                scope=project_id,
                scope_name=name,
                what="budget",
                key=key,
                years=line.span(),
                before=_text(amount_old) if before else None,
                after=_text(amount_new) if after else None,
                delta=delta,
            )
        )
    return changes


def _project_changes(old: Project | None, new: Project | None) -> list[DataChange]:
    project = new or old
    assert project is not None
    pid, name = project.id, project.name
    changes: list[DataChange] = []
    if old is None or new is None:
        changes.append(
            DataChange(kind="added" if old is None else "removed", scope=pid, scope_name=name, what="project", key=pid)
        )
    changes += _budget_changes(pid, name, old, new)
    targets_old = {f"{t.indicator} {t.start or ''}-{t.end or ''}": _text(t.value) for t in (old.targets if old else [])}
    targets_new = {f"{t.indicator} {t.start or ''}-{t.end or ''}": _text(t.value) for t in (new.targets if new else [])}
    for kind, key, a, b in _pairs(targets_old, targets_new):  # type: ignore[arg-type]
        changes.append(
            DataChange(kind=kind, scope=pid, scope_name=name, what="target", key=key, before=_text(a), after=_text(b))
        )
    if old and new:
        for what, a, b in (
            ("status", old.current_status().value, new.current_status().value),
            ("end", old.end(), new.end()),
        ):
            if a != b:
                changes.append(
                    DataChange(kind="changed", scope=pid, scope_name=name, what=what, key=what, before=a, after=b)
                )
    return changes


def _programme_changes(old: Dataset, new: Dataset) -> list[DataChange]:
    def costs(d: Dataset) -> dict[str, object]:
        lines = d.programmes.model.cost_lines if d.programmes else []
        return {f"{c.year} {c.description}": c.amount for c in lines}

    def available(d: Dataset) -> dict[str, object]:
        rows = d.programmes.model.available if d.programmes else []
        return {f"{a.year} {a.programme}": a.amount for a in rows}

    changes = []
    for what, getter in (("cost_line", costs), ("available", available)):
        for kind, key, a, b in _pairs(getter(old), getter(new)):
            delta = (b or Decimal(0)) - (a or Decimal(0)) if what == "cost_line" else None  # type: ignore[operator]
            changes.append(
                DataChange(
                    kind=kind,
                    scope="programma",
                    scope_name="Programma",
                    what=what,
                    key=key,
                    years=[int(key.split()[0])],
                    before=_text(a),
                    after=_text(b),
                    delta=delta,
                )
            )
    return changes


def _result_changes(old: Dataset, new: Dataset) -> list[DataChange]:
    def figures(d: Dataset) -> dict[str, object]:
        return {
            f"{f.model.quarter} {r.project} {r.indicator}": _text(r.value) for f in d.results for r in f.model.results
        }

    return [
        DataChange(
            kind=kind,
            scope=key.split()[0],
            scope_name=key.split()[1],
            what="result",
            key=key.split()[2],
            before=_text(a),
            after=_text(b),
        )
        for kind, key, a, b in _pairs(figures(old), figures(new))
    ]


def _years(old: Dataset, new: Dataset) -> list[YearDelta]:
    rows = []
    for year in sorted(set(budget.budget_years(old)) | set(budget.budget_years(new))):
        a, b = budget.year_check(old, year), budget.year_check(new, year)
        if a.committed != b.committed or a.available != b.available:
            rows.append(
                YearDelta(
                    year=year,
                    base_total=a.committed,
                    head_total=b.committed,
                    delta=b.committed - a.committed,
                    base_headroom=a.headroom,
                    head_headroom=b.headroom,
                )
            )
    return rows


def build_diff_report(old: Dataset, new: Dataset, base: str, head: str) -> DiffReport:
    projects_old = {p.model.id: p.model for p in old.projects}
    projects_new = {p.model.id: p.model for p in new.projects}
    changes: list[DataChange] = []
    for pid in sorted(projects_old.keys() | projects_new.keys()):
        changes += _project_changes(projects_old.get(pid), projects_new.get(pid))
    changes += _programme_changes(old, new)
    changes += _result_changes(old, new)
    verdicts_old = {c.decision: c for c in neutrality_checks(old)}
    verdicts_new = {c.decision: c for c in neutrality_checks(new)}
    neutrality = [
        NeutralityDelta(
            decision=d,
            reference=(verdicts_new.get(d) or verdicts_old[d]).reference,
            base=verdicts_old[d].verdict if d in verdicts_old else None,
            head=verdicts_new[d].verdict if d in verdicts_new else None,
        )
        for d in sorted(verdicts_old.keys() | verdicts_new.keys())
    ]
    return DiffReport(
        base=base,
        head=head,
        changes=changes,
        years=_years(old, new),
        neutrality=neutrality,
        still_neutral=all(n.head != Verdict.FAIL for n in neutrality),
    )
