"""References between files: every id that names something exists (E-REF, with a did-you-mean hint), ids and
names are unique (E-DUPID), a file is named after its id. Helpers the other rules use to say the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .issues import Issue
from .load.loader import Dataset, Located
from .models import Decision, MoveEnd, Project
from .periods import years_text


def known_ids(dataset: Dataset) -> dict[str, set[str] | None]:
    """Known ids per kind; None where a broken file hides them, so no false 'unknown id' is reported."""
    known: dict[str, set[str] | None] = {
        "programme": None,
        "funding source": None,
        "category": None,
        "indicator": None,
        "begroting group": None,
        "body": None,
    }
    if dataset.programmes:
        p = dataset.programmes.model
        known["programme"] = {x.id for x in p.programmes}
        known["funding source"] = {x.id for x in p.funding_sources}
        known["category"] = {x.id for x in p.categories}
        known["indicator"] = {x.id for x in p.indicators}
        known["begroting group"] = {x.id for x in p.begroting_groups}
        known["body"] = {x.id for x in p.bodies}
    known["project"] = {p.model.id for p in dataset.projects} | dataset.broken
    known["decision"] = {d.model.id for d in dataset.decisions} | dataset.broken
    return known


def check_unique_ids(dataset: Dataset) -> list[Issue]:
    issues: list[Issue] = []
    if dataset.programmes:
        prog = dataset.programmes
        for key in (
            "programmes",
            "funding_sources",
            "categories",
            "indicators",
            "begroting_groups",
            "bodies",
            "mandates",
        ):
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
        for key in (
            "programmes",
            "funding_sources",
            "categories",
            "indicators",
            "begroting_groups",
            "bodies",
        ):
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


def unknown_id(
    known: dict[str, set[str] | None], located: Located[Any], kind: str, value: str | None, *where: str | int
) -> list[Issue]:
    """E-REF for an id of `kind` that does not exist, with a hint; nothing where a broken file hides the ids."""
    ids = known[kind]
    if value is None or ids is None or value in ids:
        return []
    return [located.issue("E-REF", where, f"unknown {kind} '{value}'{hint(value, ids)}")]


def find_project_file(dataset: Dataset, project_id: str | None) -> Located[Project] | None:
    return next((p for p in dataset.projects if p.model.id == project_id), None) if project_id else None


class References:
    """E-REF for every id that names nothing, collected over the files of one kind."""

    def __init__(self, dataset: Dataset) -> None:
        self.known = known_ids(dataset)
        self.issues: list[Issue] = []

    def __call__(self, located: Located[Any], kind: str, value: str | None, *where: str | int) -> None:
        self.issues.extend(unknown_id(self.known, located, kind, value, *where))


def check_programme_references(dataset: Dataset) -> list[Issue]:
    ref = References(dataset)
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
        for i, mandate in enumerate(prog.model.mandates):
            for j, body in enumerate(mandate.bodies):
                ref(prog, "body", body, "mandates", i, "bodies", j)
            ref(prog, "funding source", mandate.funding, "mandates", i, "funding")
    return ref.issues


def check_project_references(dataset: Dataset) -> list[Issue]:
    ref = References(dataset)
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
    ref = References(dataset)
    for decision_file in dataset.decisions:
        decision = decision_file.model
        for i, project_id in enumerate(decision.stopped):
            ref(decision_file, "project", project_id, "stopped", i)
        for i, project_id in enumerate(decision.funded):
            ref(decision_file, "project", project_id, "funded", i)
        for i, release in enumerate(decision.released):
            ref(decision_file, "funding source", release.funding, "released", i, "funding")
        for i, step in enumerate(decision.status):
            for j, body in enumerate(step.bodies):
                ref(decision_file, "body", body, "status", i, "bodies", j)
        for i, move in enumerate(decision.moves):
            for side, end in (("from", move.from_), ("to", move.to)):
                ref(decision_file, "funding source", end.funding, "moves", i, side, "funding")
                ref(decision_file, "decision", end.flexible_budget, "moves", i, side, "flexible_budget")
                ref(decision_file, "project", end.project, "moves", i, side, "project")
                ref.issues += _move_line_problems(dataset, decision_file, i, side, end, move.year)
    return ref.issues


def check_results_references(dataset: Dataset) -> list[Issue]:
    ref = References(dataset)
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
    project_file = find_project_file(dataset, end.project)
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


def hint(value: str, known: set[str]) -> str:
    import difflib

    match = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
