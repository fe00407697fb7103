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
from .models import BudgetLine, Project
from .periods import month_key
from .references import (
    check_decision_references,
    check_file_names,
    check_programme_references,
    check_project_references,
    check_results_references,
    check_unique_ids,
    check_unique_names,
    find_project_file,
    hint,
    known_ids,
    unknown_id,
)
from .seals import check_seals

Rule = Callable[[Dataset], list[Issue]]


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
        unknown = unknown_id(known_ids(dataset), located, "project", entry.project, *where, "project")
        if unknown:
            return unknown
        project_file = find_project_file(dataset, entry.project)
        project = project_file.model if project_file is not None and not project_file.partial else None
        if project is not None and entry.line is not None and not any(b.id == entry.line for b in project.budget):
            line_ids = {b.id for b in project.budget if b.id}
            message = f"{entry.project} has no budget line '{entry.line}'{hint(entry.line, line_ids)}"
            return [located.issue("E-REF", (*where, "line"), message)]
        return []
    cost_lines = {c.id for c in dataset.programmes.model.cost_lines if c.id} if dataset.programmes else set()
    if entry.cost_line is not None and dataset.programmes is not None and entry.cost_line not in cost_lines:
        message = f"no programme cost line with id '{entry.cost_line}'{hint(entry.cost_line, cost_lines)}"
        return [located.issue("E-REF", (*where, "cost_line"), message)]
    return []


def check_realisatie_files(dataset: Dataset) -> list[Issue]:
    """A year per file, named after it; every project, line, cost line, fund and decision exists; one entry per
    line."""
    issues: list[Issue] = []
    known = known_ids(dataset)
    for located in dataset.realisatie:
        year_file = located.model
        stem = Path(located.source.path).stem
        if stem != str(year_file.year):
            message = f"{year_file.year} differs from the file name '{stem}.yaml'"
            issues.append(located.issue("E-FILENAME", ("year",), message))
        seen: dict[tuple[str | None, str | None, str | None], int] = {}
        for i, entry in enumerate(year_file.spent):
            issues += _spending_target_problems(dataset, located, entry, "spent", i)
            issues += unknown_id(
                known, located, "decision", entry.underspend_decision, "spent", i, "underspend_decision"
            )
            key = (entry.project, entry.line, entry.cost_line)
            if key in seen:
                message = f"a second amount for the same line (first at spent[{seen[key]}])"
                issues.append(located.issue("E-DUPLINE", ("spent", i), message))
            seen.setdefault(key, i)
        for i, fund in enumerate(year_file.funds):
            issues += unknown_id(known, located, "funding source", fund.funding, "funds", i, "funding")
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
