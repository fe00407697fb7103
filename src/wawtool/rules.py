"""Cross-file rules: each a small function from the Dataset to Issues.

Schema validation sees one file at a time; these rules see them together
(references, unique ids, periods), so every problem is reported in one run.
Every message is born at its place in the file (`Located.issue`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import decisions
from .issues import Issue
from .load.loader import Dataset, Located
from .models import BudgetLine, Decision, MoveEnd, Project
from .periods import month_key, years_text
from .seals import check_seals

Rule = Callable[[Dataset], list[Issue]]


def _ids(dataset: Dataset) -> dict[str, set[str] | None]:
    """Known ids per kind; None where a broken file hides them, so no false 'unknown id' is reported."""
    known: dict[str, set[str] | None] = {
        "programme": None,
        "funding source": None,
        "category": None,
        "indicator": None,
        "begroting group": None,
    }
    if dataset.programmes:
        p = dataset.programmes.model
        known["programme"] = {x.id for x in p.programmes}
        known["funding source"] = {x.id for x in p.funding_sources}
        known["category"] = {x.id for x in p.categories}
        known["indicator"] = {x.id for x in p.indicators}
        known["begroting group"] = {x.id for x in p.begroting_groups}
    known["project"] = {p.model.id for p in dataset.projects} | dataset.broken
    known["decision"] = {d.model.id for d in dataset.decisions} | dataset.broken
    return known


def check_unique_ids(dataset: Dataset) -> list[Issue]:
    issues: list[Issue] = []
    if dataset.programmes:
        prog = dataset.programmes
        for key in ("programmes", "funding_sources", "categories", "indicators", "begroting_groups"):
            seen: dict[str, int] = {}
            for index, item in enumerate(getattr(prog.model, key)):
                if item.id in seen:
                    message = f"'{item.id}' is used twice (first at [{seen[item.id]}])"
                    issues.append(prog.issue("E-DUPID", (key, index, "id"), message))
                seen.setdefault(item.id, index)
    buckets: list[list[Located[Any]]] = [list(dataset.projects), list(dataset.decisions)]
    for bucket in buckets:
        first: dict[str, str] = {}
        for located in bucket:
            model_id = located.model.id
            if model_id in first:
                issues.append(located.issue("E-DUPID", ("id",), f"'{model_id}' is also the id of {first[model_id]}"))
            first.setdefault(model_id, located.source.path)
    return issues


def check_unique_names(dataset: Dataset) -> list[Issue]:
    """Two projects of one name (or two decisions of one kenmerk) make a report, a page or a link name the
    wrong one: names are unique per kind."""
    issues: list[Issue] = []
    kinds: list[tuple[list[Located[Any]], str]] = [
        (list(dataset.projects), "name"),
        (list(dataset.decisions), "reference"),
    ]
    for files, field in kinds:
        first: dict[str, str] = {}
        for located in files:
            value = getattr(located.model, field)
            key = " ".join(value.casefold().split())
            if key in first:
                message = f"'{value}' is also the {field} of {first[key]}"
                issues.append(located.issue("E-DUPID", (field,), message))
            first.setdefault(key, located.source.path)
    if dataset.programmes:
        prog = dataset.programmes
        for key in ("programmes", "funding_sources", "categories", "indicators", "begroting_groups"):
            names: dict[str, int] = {}
            for index, item in enumerate(getattr(prog.model, key)):
                folded = " ".join(item.name.casefold().split())
                if folded in names:
                    message = f"'{item.name}' is also the name of {key}[{names[folded]}]"
                    issues.append(prog.issue("E-DUPID", (key, index, "name"), message))
                names.setdefault(folded, index)
    return issues


def check_file_names(dataset: Dataset) -> list[Issue]:
    issues = []
    files: list[Located[Any]] = [*dataset.projects, *dataset.decisions]
    for located in files:
        model_id = located.model.id
        stem = Path(located.source.path).stem
        if stem != model_id:
            issues.append(
                located.issue("E-FILENAME", ("id",), f"'{model_id}' differs from the file name '{stem}.yaml'")
            )
    return issues


def _unknown_id(
    known: dict[str, set[str] | None], located: Located[Any], kind: str, value: str | None, *where: str | int
) -> list[Issue]:
    """E-REF for an id of `kind` that does not exist, with a hint; nothing where a broken file hides the ids."""
    ids = known[kind]
    if value is None or ids is None or value in ids:
        return []
    return [located.issue("E-REF", where, f"unknown {kind} '{value}'{_hint(value, ids)}")]


def _project_file(dataset: Dataset, project_id: str | None) -> Located[Project] | None:
    return next((p for p in dataset.projects if p.model.id == project_id), None) if project_id else None


class _References:
    """E-REF for every id that names nothing, collected over the files of one kind."""

    def __init__(self, dataset: Dataset) -> None:
        self.known = _ids(dataset)
        self.issues: list[Issue] = []

    def __call__(self, located: Located[Any], kind: str, value: str | None, *where: str | int) -> None:
        self.issues.extend(_unknown_id(self.known, located, kind, value, *where))


def check_programme_references(dataset: Dataset) -> list[Issue]:
    ref = _References(dataset)
    if dataset.programmes:
        prog = dataset.programmes
        for i, cost in enumerate(prog.model.cost_lines):
            ref(prog, "programme", cost.programme, "cost_lines", i, "programme")
            ref(prog, "begroting group", cost.group, "cost_lines", i, "group")
            ref(prog, "funding source", cost.funding, "cost_lines", i, "funding")
            ref(prog, "decision", cost.decision, "cost_lines", i, "decision")
        for i, group in enumerate(prog.model.begroting_groups):
            for j, project_id in enumerate(group.order):
                ref(prog, "project", project_id, "begroting_groups", i, "order", j)
        for i, available in enumerate(prog.model.available):
            ref(prog, "programme", available.programme, "available", i, "programme")
            ref(prog, "funding source", available.funding, "available", i, "funding")
        for i, target in enumerate(prog.model.targets):
            ref(prog, "indicator", target.indicator, "targets", i, "indicator")
    return ref.issues


def check_project_references(dataset: Dataset) -> list[Issue]:
    ref = _References(dataset)
    for located in dataset.projects:
        project = located.model
        ref(located, "programme", project.programme, "programme")
        ref(located, "category", project.category, "category")
        ref(located, "decision", project.origin, "origin")
        ref(located, "begroting group", project.begroting_group, "begroting_group")
        for i, ext in enumerate(project.extensions):
            ref(located, "decision", ext.decision, "extensions", i, "decision")
        for i, line in enumerate(project.budget):
            ref(located, "funding source", line.funding, "budget", i, "funding")
            ref(located, "decision", line.decision, "budget", i, "decision")
            ref(located, "decision", line.changed_by, "budget", i, "changed_by")
            for j, change in enumerate(line.changes):
                ref(located, "decision", change.decision, "budget", i, "changes", j, "decision")
        line_ids = {line.id for line in project.budget if line.id}
        for i, total in enumerate(project.totals):
            ref(located, "decision", total.decision, "totals", i, "decision")
            for j, line_id in enumerate(total.lines or []):
                if line_id not in line_ids and not located.partial:  # a left-out line is not a missing one
                    message = f"no budget line with id '{line_id}'"
                    ref.issues.append(located.issue("E-REF", ("totals", i, "lines", j), message))
        for i, target in enumerate(project.targets):
            ref(located, "indicator", target.indicator, "targets", i, "indicator")
    return ref.issues


def check_decision_references(dataset: Dataset) -> list[Issue]:
    ref = _References(dataset)
    for decision_file in dataset.decisions:
        decision = decision_file.model
        for i, project_id in enumerate(decision.stopped):
            ref(decision_file, "project", project_id, "stopped", i)
        for i, project_id in enumerate(decision.funded):
            ref(decision_file, "project", project_id, "funded", i)
        for i, release in enumerate(decision.released):
            ref(decision_file, "funding source", release.funding, "released", i, "funding")
        for i, move in enumerate(decision.moves):
            for side, end in (("from", move.from_), ("to", move.to)):
                ref(decision_file, "funding source", end.funding, "moves", i, side, "funding")
                ref(decision_file, "decision", end.flexible_budget, "moves", i, side, "flexible_budget")
                ref(decision_file, "project", end.project, "moves", i, side, "project")
                ref.issues += _move_line_problems(dataset, decision_file, i, side, end, move.year)
    return ref.issues


def check_results_references(dataset: Dataset) -> list[Issue]:
    ref = _References(dataset)
    for results_file in dataset.results:
        report = results_file.model
        for i, result in enumerate(report.results):
            ref(results_file, "project", result.project, "results", i, "project")
            ref(results_file, "indicator", result.indicator, "results", i, "indicator")
        for i, headline in enumerate(report.headline):
            ref(results_file, "indicator", headline.indicator, "headline", i, "indicator")
        for i, qualitative in enumerate(report.qualitative):
            ref(results_file, "project", qualitative.project, "qualitative", i, "project")
    return ref.issues


def _move_line_problems(
    dataset: Dataset, decision_file: Located[Decision], i: int, side: str, end: MoveEnd, year: int
) -> list[Issue]:
    """A moved amount names a real budget line of the same year."""
    project_file = _project_file(dataset, end.project)
    if project_file is None or end.line is None:
        return []
    project = project_file.model
    line = next((b for b in project.budget if b.id == end.line), None)
    place = ("moves", i, side, "line")
    if line is None and project_file.partial:
        return []  # the line may be one of the project's items left out for its own errors
    if line is None:
        return [decision_file.issue("E-REF", place, f"{project.id} has no budget line '{end.line}'")]
    if line.year != year:
        span = years_text(line.span())
        message = f"'{end.line}' of {project.id} is a line of {span}, the move is in {year}"
        return [decision_file.issue("E-REF", place, message)]
    return []


def check_results_files(dataset: Dataset) -> list[Issue]:
    """One file per quarter, named after it; one figure per project and indicator."""
    issues: list[Issue] = []
    programmes = dataset.programmes
    if dataset.results and programmes is not None and programmes.model.traffic_lights is None:
        message = "missing; results need the thresholds of the lights"
        issues.append(programmes.issue("E-SCHEMA", ("traffic_lights",), message, line_of=()))
    for results_file in dataset.results:
        stem = Path(results_file.source.path).stem
        if stem != results_file.model.quarter:
            message = f"'{results_file.model.quarter}' differs from the file name '{stem}.yaml'"
            issues.append(results_file.issue("E-FILENAME", ("quarter",), message))
        seen: dict[tuple[str, str], int] = {}
        for i, result in enumerate(results_file.model.results):
            key = (result.project, result.indicator)
            if key in seen:
                message = f"a second figure for {key[0]} / {key[1]} (first at results[{seen[key]}])"
                issues.append(results_file.issue("E-DUPLINE", ("results", i), message))
            seen.setdefault(key, i)
        headlines: dict[str, int] = {}
        for i, headline in enumerate(results_file.model.headline):
            if headline.indicator in headlines:
                first_at = headlines[headline.indicator]
                message = f"a second headline figure for {headline.indicator} (first at headline[{first_at}])"
                issues.append(results_file.issue("E-DUPLINE", ("headline", i), message))
            headlines.setdefault(headline.indicator, i)
    return issues


def _spending_target_problems(dataset: Dataset, located: Located[Any], entry: Any, *where: str | int) -> list[Issue]:
    """What a realisatie entry or a ledger code points at exists: a project and its line, or a cost line."""
    if entry.project is not None:
        unknown = _unknown_id(_ids(dataset), located, "project", entry.project, *where, "project")
        if unknown:
            return unknown
        project_file = _project_file(dataset, entry.project)
        project = project_file.model if project_file is not None and not project_file.partial else None
        if project is not None and entry.line is not None and not any(b.id == entry.line for b in project.budget):
            line_ids = {b.id for b in project.budget if b.id}
            message = f"{entry.project} has no budget line '{entry.line}'{_hint(entry.line, line_ids)}"
            return [located.issue("E-REF", (*where, "line"), message)]
        return []
    cost_lines = {c.id for c in dataset.programmes.model.cost_lines if c.id} if dataset.programmes else set()
    if entry.cost_line is not None and dataset.programmes is not None and entry.cost_line not in cost_lines:
        message = f"no programme cost line with id '{entry.cost_line}'{_hint(entry.cost_line, cost_lines)}"
        return [located.issue("E-REF", (*where, "cost_line"), message)]
    return []


def check_realisatie_files(dataset: Dataset) -> list[Issue]:
    """A year per file, named after it; every project, line, cost line, fund and decision exists; one entry per
    line."""
    issues: list[Issue] = []
    known = _ids(dataset)
    for located in dataset.realisatie:
        year_file = located.model
        stem = Path(located.source.path).stem
        if stem != str(year_file.year):
            message = f"{year_file.year} differs from the file name '{stem}.yaml'"
            issues.append(located.issue("E-FILENAME", ("year",), message))
        seen: dict[tuple[str | None, str | None, str | None], int] = {}
        for i, entry in enumerate(year_file.spent):
            issues += _spending_target_problems(dataset, located, entry, "spent", i)
            issues += _unknown_id(
                known, located, "decision", entry.underspend_decision, "spent", i, "underspend_decision"
            )
            key = (entry.project, entry.line, entry.cost_line)
            if key in seen:
                message = f"a second amount for the same line (first at spent[{seen[key]}])"
                issues.append(located.issue("E-DUPLINE", ("spent", i), message))
            seen.setdefault(key, i)
        for i, fund in enumerate(year_file.funds):
            issues += _unknown_id(known, located, "funding source", fund.funding, "funds", i, "funding")
    return issues


def check_ledger_mapping(dataset: Dataset) -> list[Issue]:
    """Every ledger code once, and what it maps to exists."""
    if dataset.mapping is None:
        return []
    issues: list[Issue] = []
    codes: dict[str, int] = {}
    for i, code in enumerate(dataset.mapping.model.codes):
        issues += _spending_target_problems(dataset, dataset.mapping, code, "codes", i)
        if code.code in codes:
            message = f"code '{code.code}' is mapped twice (first at codes[{codes[code.code]}])"
            issues.append(dataset.mapping.issue("E-DUPLINE", ("codes", i, "code"), message))
        codes.setdefault(code.code, i)
    return issues


def check_periods(dataset: Dataset) -> list[Issue]:
    issues: list[Issue] = []

    def ordered(located: Located[Any], start: str | None, end: str | None, *where: str | int) -> None:
        if start and end and month_key(end, end=True) < month_key(start):
            issues.append(located.issue("E-PERIOD", (*where, "end"), f"end {end} is before start {start}"))

    if dataset.programmes:
        for i, programme in enumerate(dataset.programmes.model.programmes):
            ordered(dataset.programmes, programme.period.start, programme.period.end, "programmes", i, "period")
    for located in dataset.projects:
        project = located.model
        if project.period:
            ordered(located, project.period.start, project.period.end, "period")
            for i, ext in enumerate(project.extensions):
                ordered(located, project.period.start, ext.end, "extensions", i)
        for i, target in enumerate(project.targets):
            ordered(located, target.start, target.end, "targets", i)
    return issues


def check_budget_years(dataset: Dataset) -> list[Issue]:
    """A budget line must fall in the project's period (with extensions); preparation may precede it."""
    issues: list[Issue] = []
    for located in dataset.projects:
        project = located.model
        first, last = _year_bounds(project)
        for i, line in enumerate(project.budget):
            for year in line.span():
                too_early = first is not None and year < first and line.phase != "voorbereiding"
                too_late = last is not None and year > last
                if too_early or too_late:
                    field = "year" if line.year is not None else "years"
                    message = f"year {year} is outside the project period {first or '?'}-{last or '?'}" + (
                        " (an extension needs an `extensions` entry)" if too_late else ""
                    )
                    issues.append(located.issue("E-YEAR", ("budget", i), message, line_of=("budget", i, field)))
    return issues


def _year_bounds(project: Project) -> tuple[int | None, int | None]:
    start = project.period.start if project.period else None
    end = project.end()
    return (month_key(start)[0] if start else None, month_key(end, end=True)[0] if end else None)


def check_duplicate_lines(dataset: Dataset) -> list[Issue]:
    """The same year and description twice is one line entered twice, not two lines."""
    issues: list[Issue] = []
    for located in dataset.projects:
        seen: dict[tuple[object, ...], int] = {}
        ids: dict[str, int] = {}
        for i, line in enumerate(located.model.budget):
            key = _line_key(line)
            if key in seen:
                message = (
                    f"same years and description as budget[{seen[key]}]; "
                    "merge them or tell them apart in the description"
                )
                issues.append(located.issue("E-DUPLINE", ("budget", i), message))
            seen.setdefault(key, i)
            if line.id and line.id in ids:
                message = f"'{line.id}' is used twice"
                issues.append(located.issue("E-DUPID", ("budget", i, "id"), message, line_of=("budget", i)))
            if line.id:
                ids.setdefault(line.id, i)
    return issues


def _line_key(line: BudgetLine) -> tuple[object, ...]:
    return (tuple(line.span()), line.description.strip().lower(), line.phase)


def check_line_histories(dataset: Dataset) -> list[Issue]:
    """A line's changes follow the order of their decisions, after the decision that introduced the line:
    the earlier versions of the begroting are read from this chain."""
    order = decisions.positions(dataset)
    issues = []
    for located in dataset.projects:
        for i, line in enumerate(located.model.budget):
            known = [c.decision for c in line.history() if c.decision in order]
            steps = ([line.decision] if line.decision in order else []) + known
            if [order[d] for d in steps] != sorted(order[d] for d in steps) or len(set(steps)) != len(steps):
                where = ("budget", i, "changes" if line.changes else "changed_by")
                message = "the changes of this line are not in the order of their decisions (by date), oldest first"
                if line.decision in known:
                    message = f"decision '{line.decision}' introduces this line and cannot also change it"
                issues.append(located.issue("E-ORDER", where, message))
    return issues


RULES: list[Rule] = [
    check_unique_ids,
    check_unique_names,
    check_file_names,
    check_programme_references,
    check_project_references,
    check_decision_references,
    check_results_references,
    check_periods,
    check_budget_years,
    check_duplicate_lines,
    check_line_histories,
    check_results_files,
    check_realisatie_files,
    check_ledger_mapping,
    check_seals,
]


def run_rules(dataset: Dataset, rules: Iterable[Rule] = RULES) -> list[Issue]:
    issues: list[Issue] = []
    for rule in rules:
        issues.extend(rule(dataset))
    return issues


def _hint(value: str, known: set[str]) -> str:
    import difflib

    match = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
