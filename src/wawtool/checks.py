"""Cross-file rules: each a small function from the Dataset to Issues.

Schema validation sees one file at a time; these rules see them together
(references, unique ids, periods), so every problem is reported in one run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from .budget import years_text
from .issues import Issue
from .loader import Dataset, LoadResult, Located
from .models import BudgetLine, Decision, MoveEnd, Project, month_key
from .yamlsource import dotted

Check = Callable[[Dataset], list[Issue]]


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
                    path, line = prog.at(key, index, "id")
                    message = f"{key}[{index}].id: '{item.id}' is used twice (first at [{seen[item.id]}])"
                    issues.append(Issue("E-DUPID", message, path, line))
                seen.setdefault(item.id, index)
    buckets: list[list[Located[Any]]] = [list(dataset.projects), list(dataset.decisions)]
    for bucket in buckets:
        first: dict[str, str] = {}
        for located in bucket:
            model_id = located.model.id
            if model_id in first:
                path, line = located.at("id")
                issues.append(Issue("E-DUPID", f"id: '{model_id}' is also the id of {first[model_id]}", path, line))
            first.setdefault(model_id, located.source.path)
    return issues


def check_file_names(dataset: Dataset) -> list[Issue]:
    issues = []
    files: list[Located[Any]] = [*dataset.projects, *dataset.decisions]
    for located in files:
        model_id = located.model.id
        stem = Path(located.source.path).stem
        if stem != model_id:
            path, line = located.at("id")
            issues.append(Issue("E-FILENAME", f"id: '{model_id}' differs from the file name '{stem}.yaml'", path, line))
    return issues


def _unknown_id(
    known: dict[str, set[str] | None], located: Located[Any], kind: str, value: str | None, *where: str | int
) -> list[Issue]:
    """E-REF for an id of `kind` that does not exist, with a hint; nothing where a broken file hides the ids."""
    ids = known[kind]
    if value is None or ids is None or value in ids:
        return []
    path, line = located.at(*where)
    return [Issue("E-REF", f"{dotted(where)}: unknown {kind} '{value}'{_hint(value, ids)}", path, line)]


def _project_file(dataset: Dataset, project_id: str | None) -> Located[Project] | None:
    return next((p for p in dataset.projects if p.model.id == project_id), None) if project_id else None


def check_references(dataset: Dataset) -> list[Issue]:
    known = _ids(dataset)
    issues: list[Issue] = []

    def ref(located: Located[Any], kind: str, value: str | None, *where: str | int) -> None:
        issues.extend(_unknown_id(known, located, kind, value, *where))

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
        line_ids = {line.id for line in project.budget if line.id}
        for i, total in enumerate(project.totals):
            for j, line_id in enumerate(total.lines or []):
                if line_id not in line_ids and not located.partial:  # a left-out line is not a missing one
                    path, line_no = located.at("totals", i, "lines", j)
                    issues.append(
                        Issue("E-REF", f"totals[{i}].lines[{j}]: no budget line with id '{line_id}'", path, line_no)
                    )
        for i, target in enumerate(project.targets):
            ref(located, "indicator", target.indicator, "targets", i, "indicator")
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
                issues += _move_line_problems(dataset, decision_file, i, side, end, move.year)
    for results_file in dataset.results:
        report = results_file.model
        for i, result in enumerate(report.results):
            ref(results_file, "project", result.project, "results", i, "project")
            ref(results_file, "indicator", result.indicator, "results", i, "indicator")
        for i, headline in enumerate(report.headline):
            ref(results_file, "indicator", headline.indicator, "headline", i, "indicator")
        for i, qualitative in enumerate(report.qualitative):
            ref(results_file, "project", qualitative.project, "qualitative", i, "project")
    if dataset.programmes:
        for i, target in enumerate(dataset.programmes.model.targets):
            ref(dataset.programmes, "indicator", target.indicator, "targets", i, "indicator")
    return issues


def _move_line_problems(
    dataset: Dataset, decision_file: Located[Decision], i: int, side: str, end: MoveEnd, year: int
) -> list[Issue]:
    """A moved amount names a real budget line of the same year."""
    project_file = _project_file(dataset, end.project)
    if project_file is None or end.line is None:
        return []
    project = project_file.model
    line = next((b for b in project.budget if b.id == end.line), None)
    path, line_no = decision_file.at("moves", i, side, "line")
    if line is None and project_file.partial:
        return []  # the line may be one of the project's items left out for its own errors
    if line is None:
        return [Issue("E-REF", f"moves[{i}].{side}.line: {project.id} has no budget line '{end.line}'", path, line_no)]
    if line.year != year:
        return [
            Issue(
                "E-REF",
                f"moves[{i}].{side}.line: '{end.line}' of {project.id} is a line of {years_text(line.span())}, "
                f"the move is in {year}",
                path,
                line_no,
            )
        ]
    return []


def check_results_files(dataset: Dataset) -> list[Issue]:
    """One file per quarter, named after it; one figure per project and indicator."""
    issues: list[Issue] = []
    programmes = dataset.programmes
    if dataset.results and programmes is not None and programmes.model.traffic_lights is None:
        path, line = programmes.at()
        issues.append(
            Issue("E-SCHEMA", "traffic_lights: missing; results need the thresholds of the lights", path, line)
        )
    for results_file in dataset.results:
        stem = Path(results_file.source.path).stem
        if stem != results_file.model.quarter:
            path, line = results_file.at("quarter")
            issues.append(
                Issue(
                    "E-FILENAME",
                    f"quarter: '{results_file.model.quarter}' differs from the file name '{stem}.yaml'",
                    path,
                    line,
                )
            )
        seen: dict[tuple[str, str], int] = {}
        for i, result in enumerate(results_file.model.results):
            key = (result.project, result.indicator)
            if key in seen:
                path, line = results_file.at("results", i)
                issues.append(
                    Issue(
                        "E-DUPLINE",
                        f"results[{i}]: a second figure for {key[0]} / {key[1]} (first at results[{seen[key]}])",
                        path,
                        line,
                    )
                )
            seen.setdefault(key, i)
    return issues


def check_realisatie_files(dataset: Dataset) -> list[Issue]:
    """A year per file, named after it; every project, line, cost line, fund and decision exists; one entry per
    line; every ledger code once."""
    issues: list[Issue] = []
    known = _ids(dataset)
    cost_lines = {c.id: c for c in dataset.programmes.model.cost_lines if c.id} if dataset.programmes else {}

    def problem(located: Located[Any], message: str, *where: str | int, code: str = "E-REF") -> None:
        path, line = located.at(*where)
        issues.append(Issue(code, f"{dotted(where)}: {message}", path, line))

    def target(located: Located[Any], entry: Any, *where: str | int) -> None:
        if entry.project is not None:
            unknown = _unknown_id(known, located, "project", entry.project, *where, "project")
            if unknown:
                issues.extend(unknown)
                return
            project_file = _project_file(dataset, entry.project)
            project = project_file.model if project_file is not None and not project_file.partial else None
            if project is not None and entry.line is not None and not any(b.id == entry.line for b in project.budget):
                line_ids = {b.id for b in project.budget if b.id}
                problem(
                    located,
                    f"{entry.project} has no budget line '{entry.line}'{_hint(entry.line, line_ids)}",
                    *where,
                    "line",
                )
        elif entry.cost_line is not None and dataset.programmes is not None and entry.cost_line not in cost_lines:
            problem(
                located,
                f"no programme cost line with id '{entry.cost_line}'{_hint(entry.cost_line, set(cost_lines))}",
                *where,
                "cost_line",
            )

    for located in dataset.realisatie:
        year_file = located.model
        stem = Path(located.source.path).stem
        if stem != str(year_file.year):
            problem(located, f"{year_file.year} differs from the file name '{stem}.yaml'", "year", code="E-FILENAME")
        seen: dict[tuple[str | None, str | None, str | None], int] = {}
        for i, entry in enumerate(year_file.spent):
            target(located, entry, "spent", i)
            issues += _unknown_id(
                known, located, "decision", entry.underspend_decision, "spent", i, "underspend_decision"
            )
            key = (entry.project, entry.line, entry.cost_line)
            if key in seen:
                problem(
                    located,
                    f"a second amount for the same line (first at spent[{seen[key]}])",
                    "spent",
                    i,
                    code="E-DUPLINE",
                )
            seen.setdefault(key, i)
        for i, fund in enumerate(year_file.funds):
            issues += _unknown_id(known, located, "funding source", fund.funding, "funds", i, "funding")
    if dataset.mapping is not None:
        codes: dict[str, int] = {}
        for i, code in enumerate(dataset.mapping.model.codes):
            target(dataset.mapping, code, "codes", i)
            if code.code in codes:
                problem(
                    dataset.mapping,
                    f"code '{code.code}' is mapped twice (first at codes[{codes[code.code]}])",
                    "codes",
                    i,
                    "code",
                    code="E-DUPLINE",
                )
            codes.setdefault(code.code, i)
    return issues


def check_periods(dataset: Dataset) -> list[Issue]:
    issues: list[Issue] = []

    def ordered(located: Located[Any], start: str | None, end: str | None, *where: str | int) -> None:
        if start and end and month_key(end, end=True) < month_key(start):
            path, line = located.at(*where, "end")
            issues.append(
                Issue("E-PERIOD", f"{dotted((*where, 'end'))}: end {end} is before start {start}", path, line)
            )

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
                    path, line_no = located.at("budget", i, "year" if line.year is not None else "years")
                    period = f"{first or '?'}-{last or '?'}"
                    issues.append(
                        Issue(
                            "E-YEAR",
                            f"budget[{i}]: year {year} is outside the project period {period}"
                            + (" (an extension needs an `extensions` entry)" if too_late else ""),
                            path,
                            line_no,
                        )
                    )
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
                path, line_no = located.at("budget", i)
                issues.append(
                    Issue(
                        "E-DUPLINE",
                        f"budget[{i}]: same years and description as budget[{seen[key]}]; "
                        "merge them or tell them apart in the description",
                        path,
                        line_no,
                    )
                )
            seen.setdefault(key, i)
            if line.id and line.id in ids:
                path, line_no = located.at("budget", i)
                issues.append(Issue("E-DUPID", f"budget[{i}].id: '{line.id}' is used twice", path, line_no))
            if line.id:
                ids.setdefault(line.id, i)
    return issues


def _line_key(line: BudgetLine) -> tuple[object, ...]:
    return (tuple(line.span()), line.description.strip().lower(), line.phase)


CHECKS: list[Check] = [
    check_unique_ids,
    check_file_names,
    check_references,
    check_periods,
    check_budget_years,
    check_duplicate_lines,
    check_results_files,
    check_realisatie_files,
]


def run_checks(dataset: Dataset, checks: Iterable[Check] = CHECKS) -> list[Issue]:
    issues: list[Issue] = []
    for check in checks:
        issues.extend(check(dataset))
    return issues


def _hint(value: str, known: set[str]) -> str:
    import difflib

    match = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def validate_data(root: Path, *, pure_yaml: bool | None = None) -> tuple[Dataset | None, list[Issue]]:
    """Load every file and run every cross-file rule over what loaded: all problems at once."""
    from .loader import load

    return validate_loaded(load(root, pure_yaml=pure_yaml))


def validate_loaded(result: LoadResult) -> tuple[Dataset | None, list[Issue]]:
    """The cross-file rules over what loaded, after the problems of loading: from disk or from a git revision.
    Files with schema errors are checked too, without their broken items, so one run shows every problem."""
    issues = list(result.issues)
    if result.dataset is not None:
        issues += _as_in_file(result.dataset, run_checks(result.dataset))
    return result.dataset, issues


_LEADING_PLACE = re.compile(r"^([A-Za-z_]\w*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)*): ")


def _as_in_file(dataset: Dataset, issues: list[Issue]) -> list[Issue]:
    """Messages of a partly loaded file name items by their number in the file, not in the shortened model."""
    files: list[Located[Any]] = [*dataset.projects, *dataset.decisions, *dataset.results]
    partial = {f.source.path: f for f in files if f.partial}
    if dataset.programmes is not None and dataset.programmes.partial:
        partial[dataset.programmes.source.path] = dataset.programmes
    if not partial:
        return issues
    translated = []
    for issue in issues:
        located = partial.get(issue.path)
        match = _LEADING_PLACE.match(issue.message) if located else None
        if located and match:
            parts = tuple(
                int(piece) if piece.isdigit() else piece for piece in re.findall(r"[A-Za-z_]\w*|\d+", match.group(1))
            )
            issue = replace(issue, message=dotted(located.in_file(parts)) + issue.message[match.end(1) :])
        translated.append(issue)
    return translated
