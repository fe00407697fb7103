"""What a change to the data moves: budget lines, targets, results, status and decisions, per project and year.

Compares two Datasets (two git revisions, or a revision and the work tree) and
says, for a pull-request review, what was added, removed or changed, the euro
delta per year (a line over more years in the years it spans, never divided)
with its effect on the total and the headroom, whether every reallocation is
still neutral, and every failure `waw check-budget` finds in the head.
"""

from __future__ import annotations

from decimal import Decimal

from .. import budget
from ..figures import Figure
from ..load.loader import Dataset
from ..models import BudgetLine, Decision, Indicator, Project
from ..neutrality import neutrality_checks
from ..periods import Quarter
from ..values import Report, Verdict
from .check_budget import Failure, VerdictCounts, build_check_budget_report
from .diff_decisions import DecisionChange, Kind, decision_changes, pairs


class DataChange(Report):
    """One thing that differs between the two revisions: added, removed or changed."""

    kind: Kind
    scope: str  # a project id, "programma" or a quarter
    scope_name: str
    what: str  # budget, target, status, end, result, cost_line, available, project
    key: str
    label: str = ""  # what a reader calls it: a line's description, an indicator's name
    quarter: str | None = None  # a result's quarter as the reports write it: Q3-2021
    years: list[int] = []
    before: str | None = None
    after: str | None = None
    before_qualifier: str | None = None  # a result's or target's word before its figure: ruim, ca., maximaal
    after_qualifier: str | None = None
    percent: bool = False  # a figure of a percentage indicator
    delta: Decimal | None = None  # euros, for money; None where an amount on either side is unknown


class YearDelta(Report):
    """One year's single-year lines: totals and headroom before and after. `*_missing` says why a headroom is
    unknown; `*_unknown` names the lines of the year whose amount is unknown (counted in no total)."""

    year: int
    base_total: Decimal
    head_total: Decimal
    delta: Decimal
    base_headroom: Figure  # with the precision of the available amount; unknown where none is stated
    head_headroom: Figure
    base_missing: list[str] = []
    head_missing: list[str] = []
    base_unknown: list[str] = []
    head_unknown: list[str] = []


class SpanDelta(Report):
    """The lines over more years whose split the source does not give, per span: counted in the years it
    spans together, never divided over them. `lines` names the changed lines, `unknown` those without amount."""

    years: list[int]
    base_total: Decimal
    head_total: Decimal
    delta: Decimal
    lines: list[str]
    unknown: list[str] = []


class NeutralityDelta(Report):
    decision: str
    reference: str
    status: str | None = None  # the decision's latest step in the head (the base where it was removed)
    base: Verdict | None
    head: Verdict | None


class DiffReport(Report):
    base: str
    head: str
    changes: list[DataChange]
    decisions: list[DecisionChange]
    years: list[YearDelta]
    spans: list[SpanDelta]
    neutrality: list[NeutralityDelta]
    still_neutral: bool
    passed: bool  # `waw check-budget` on the head finds no failure
    failures: list[Failure]  # every failure it finds, as check-budget reports it
    counts: VerdictCounts


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _line_key(line: BudgetLine) -> str:
    years = "/".join(str(y) for y in line.span())
    return line.id or f"{years} {line.description}" + (" (voorbereiding)" if line.phase == "voorbereiding" else "")


def _budget_changes(project_id: str, name: str, old: Project | None, new: Project | None) -> list[DataChange]:
    lines_old = {_line_key(line): line for line in (old.budget if old else [])}
    lines_new = {_line_key(line): line for line in (new.budget if new else [])}
    changes = []
    for kind, key, a, b in pairs(lines_old, lines_new):  # type: ignore[arg-type]
        before, after = a if isinstance(a, BudgetLine) else None, b if isinstance(b, BudgetLine) else None
        amount_old = before.amount if before else None
        amount_new = after.amount if after else None
        if kind == "changed" and amount_old == amount_new and before and after and before.condition == after.condition:
            continue  # only the wording or the source changed: no money moved
        unknown = (before is not None and amount_old is None) or (after is not None and amount_new is None)
        delta = None if unknown else (amount_new or Decimal(0)) - (amount_old or Decimal(0))
        line = after or before
        assert line is not None
        changes.append(
            DataChange(
                kind=kind,
                scope=project_id,
                scope_name=name,
                what="budget",
                key=key,
                label=line.description,
                years=line.span(),
                before=_text(amount_old) if before else None,
                after=_text(amount_new) if after else None,
                delta=delta,
            )
        )
    return changes


def _target_changes(project: Project, old: Project | None, new: Project | None, names: Names) -> list[DataChange]:
    def targets(p: Project | None) -> dict[str, object]:
        return {f"{t.indicator} {t.start or ''}-{t.end or ''}": t for t in (p.targets if p else [])}

    changes = []
    for kind, key, a, b in pairs(
        {k: (t.value, t.qualifier) for k, t in targets(old).items()},  # type: ignore[attr-defined]
        {k: (t.value, t.qualifier) for k, t in targets(new).items()},  # type: ignore[attr-defined]
    ):
        indicator = names.indicators.get(key.split()[0])
        changes.append(
            DataChange(
                kind=kind,
                scope=project.id,
                scope_name=project.name,
                what="target",
                key=key,
                label=indicator.name if indicator else key.split()[0],
                percent=indicator is not None and indicator.unit == "percent",
                **_figure_sides(a, b),
            )
        )
    return changes


def _figure_sides(a: object, b: object) -> dict[str, str | None]:
    """A (value, qualifier) pair on each side as before/after and their qualifiers; None for a side absent."""
    sides: dict[str, str | None] = {}
    for side, pair in (("before", a), ("after", b)):
        value, qualifier = pair if isinstance(pair, tuple) else (None, None)
        sides[side], sides[f"{side}_qualifier"] = _text(value), qualifier
    return sides


class Names:
    """The names a reader knows things by, from both revisions (the head's where both have one)."""

    def __init__(self, old: Dataset, new: Dataset) -> None:
        self.indicators: dict[str, Indicator] = {}
        self.projects: dict[str, str] = {}
        for dataset in (old, new):
            if dataset.programmes:
                self.indicators.update({i.id: i for i in dataset.programmes.model.indicators})
            self.projects.update({p.model.id: p.model.name for p in dataset.projects})


def _project_changes(old: Project | None, new: Project | None, names: Names) -> list[DataChange]:
    project = new or old
    assert project is not None
    pid, name = project.id, project.name
    changes: list[DataChange] = []
    if old is None or new is None:
        changes.append(
            DataChange(
                kind="added" if old is None else "removed",
                scope=pid,
                scope_name=name,
                what="project",
                key=pid,
                label=name,
                years=sorted({y for line in project.budget for y in line.span()}),
            )
        )
    changes += _budget_changes(pid, name, old, new)
    changes += _target_changes(project, old, new, names)
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
        for kind, key, a, b in pairs(getter(old), getter(new)):
            unknown = (kind != "added" and a is None) or (kind != "removed" and b is None)
            delta = None if unknown or what != "cost_line" else (b or Decimal(0)) - (a or Decimal(0))  # type: ignore[operator]
            changes.append(
                DataChange(
                    kind=kind,
                    scope="programma",
                    scope_name="Programma",
                    what=what,
                    key=key,
                    label=key.split(" ", 1)[1],
                    years=[int(key.split()[0])],
                    before=_text(a),
                    after=_text(b),
                    delta=delta,
                )
            )
    return changes


def _result_changes(old: Dataset, new: Dataset, names: Names) -> list[DataChange]:
    """Every published figure that is added, removed or changed, its qualifier included (ruim 80 to 80 is a
    change), named by quarter, project and indicator."""

    def figures(d: Dataset) -> dict[str, object]:
        return {
            f"{f.model.quarter} {r.project} {r.indicator}": (r.value, r.qualifier)
            for f in d.results
            for r in f.model.results
        }

    changes = []
    for kind, key, a, b in pairs(figures(old), figures(new)):
        quarter, project, indicator_id = key.split()
        indicator = names.indicators.get(indicator_id)
        changes.append(
            DataChange(
                kind=kind,
                scope=project,
                scope_name=names.projects.get(project, project),
                what="result",
                key=indicator_id,
                label=indicator.name if indicator else indicator_id,
                quarter=Quarter.parse(quarter).label,
                years=[Quarter.parse(quarter).year],
                percent=indicator is not None and indicator.unit == "percent",
                **_figure_sides(a, b),
            )
        )
    return changes


def _unknown_lines(d: Dataset, year: int) -> list[str]:
    return [line.label for line in budget.lines_for_year(d, year) if line.amount is None]


def _years(old: Dataset, new: Dataset) -> list[YearDelta]:
    rows = []
    for year in sorted(set(budget.budget_years(old)) | set(budget.budget_years(new))):
        a, b = budget.year_check(old, year), budget.year_check(new, year)
        unknown_a, unknown_b = _unknown_lines(old, year), _unknown_lines(new, year)
        if a.committed != b.committed or a.available != b.available or unknown_a != unknown_b:
            rows.append(
                YearDelta(
                    year=year,
                    base_total=a.committed,
                    head_total=b.committed,
                    delta=b.committed - a.committed,
                    base_headroom=a.headroom,
                    head_headroom=b.headroom,
                    base_missing=a.missing if a.headroom.value is None else [],
                    head_missing=b.missing if b.headroom.value is None else [],
                    base_unknown=unknown_a,
                    head_unknown=unknown_b,
                )
            )
    return rows


def _spread(d: Dataset) -> dict[tuple[int, ...], dict[str, Decimal | None]]:
    """Every line over more years, by its span and named as the reports name it."""
    spans: dict[tuple[int, ...], dict[str, Decimal | None]] = {}
    for located in d.projects:
        for line in located.model.budget:
            if len(line.span()) > 1:
                spans.setdefault(tuple(line.span()), {})[f"{located.model.name} '{line.description}'"] = line.amount
    return spans


def _spans(old: Dataset, new: Dataset) -> list[SpanDelta]:
    spans_old, spans_new = _spread(old), _spread(new)
    rows = []
    for span in sorted(spans_old.keys() | spans_new.keys()):
        a, b = spans_old.get(span, {}), spans_new.get(span, {})
        if a == b:
            continue
        rows.append(
            SpanDelta(
                years=list(span),
                base_total=sum((v for v in a.values() if v is not None), Decimal(0)),
                head_total=sum((v for v in b.values() if v is not None), Decimal(0)),
                delta=sum((v for v in b.values() if v is not None), Decimal(0))
                - sum((v for v in a.values() if v is not None), Decimal(0)),
                lines=sorted(k for k in a.keys() | b.keys() if a.get(k, 0) != b.get(k, 0)),
                unknown=sorted(k for k, v in b.items() if v is None),
            )
        )
    return rows


def build_diff_report(old: Dataset, new: Dataset, base: str, head: str) -> DiffReport:
    projects_old = {p.model.id: p.model for p in old.projects}
    projects_new = {p.model.id: p.model for p in new.projects}
    names = Names(old, new)
    changes: list[DataChange] = []
    for pid in sorted(projects_old.keys() | projects_new.keys()):
        changes += _project_changes(projects_old.get(pid), projects_new.get(pid), names)
    changes += _programme_changes(old, new)
    changes += _result_changes(old, new, names)
    verdicts_old = {c.decision: c for c in neutrality_checks(old)}
    verdicts_new = {c.decision: c for c in neutrality_checks(new)}
    neutrality = [
        NeutralityDelta(
            decision=d,
            reference=(verdicts_new.get(d) or verdicts_old[d]).reference,
            status=(verdicts_new.get(d) or verdicts_old[d]).status,
            base=verdicts_old[d].verdict if d in verdicts_old else None,
            head=verdicts_new[d].verdict if d in verdicts_new else None,
        )
        for d in sorted(verdicts_old.keys() | verdicts_new.keys())
    ]
    check = build_check_budget_report(new)
    return DiffReport(
        base=base,
        head=head,
        changes=changes,
        decisions=decision_changes(_decisions(old), _decisions(new), names.projects),
        years=_years(old, new),
        spans=_spans(old, new),
        neutrality=neutrality,
        still_neutral=all(n.head != Verdict.FAIL for n in neutrality),
        passed=check.passed,
        failures=check.failures,
        counts=check.counts,
    )


def _decisions(d: Dataset) -> dict[str, Decision]:
    return {located.model.id: located.model for located in d.decisions}
