"""One project's whole life in one report: what `waw show PROJECT` renders.

Nothing is computed here that another report does not compute already: the budget figures come from
`budget.line_figures`, each quarter's rows from the monitor's own rows, the realisatie from `realisatie`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..budget import line_figures
from ..decisions import current_step
from ..figures import Figure
from ..load.loader import Dataset
from ..models import Project
from ..periods import Quarter, month_key, years_text
from ..realisatie import Comparison, comparisons
from ..values import Report
from .status import StatusRow, by_project, last_known_results, project_rows, with_corrections


class ShowExtension(Report):
    end: str
    decision: str  # the decision's reference, as the documents cite it
    decision_status: str | None  # its latest step (voorgesteld, vastgesteld, ...); None: the data do not say
    condition: str | None
    source: str


class ShowStatus(Report):
    as_of: str
    status: str
    source: str


class ShowChange(Report):
    decision: str  # the decision's reference
    decision_status: str | None
    previous_amount: Decimal  # the amount before that decision changed it


class ShowLine(Report):
    years: str
    description: str
    amount: Figure
    funding: str | None
    decision: str | None
    decision_status: str | None
    condition: str | None
    changes: list[ShowChange]  # every decision that changed the amount, oldest first
    source: str


class ShowTotal(Report):
    label: str
    amount: Decimal
    source: str


class ShowTarget(Report):
    indicator: str
    value: Decimal | None
    qualifier: str | None
    kind: str
    period: str
    source: str


class ShowQuarter(Report):
    quarter: str
    as_of: str
    title: str
    rows: list[StatusRow]


class ShowRealisatie(Report):
    year: int
    status: str
    rows: list[Comparison]


class ProjectReport(Report):
    id: str
    name: str
    programme: str | None
    category: str | None
    type: str | None
    description: str | None
    partners: list[str]
    target_groups: list[str]
    start: str | None
    end: str | None
    period_source: str | None
    extensions: list[ShowExtension]
    status: list[ShowStatus]
    budget: list[ShowLine]
    totals: list[ShowTotal]
    targets: list[ShowTarget]
    quarters: list[ShowQuarter]
    realisatie: list[ShowRealisatie]
    source: str
    note: str | None


def build_project_report(dataset: Dataset, project: Project) -> ProjectReport:
    assert dataset.programmes is not None
    programmes = {p.id: p.name for p in dataset.programmes.model.programmes}
    categories = {c.id: c.name for c in dataset.programmes.model.categories}

    def reference(decision_id: str | None) -> str | None:
        decision = dataset.decision(decision_id) if decision_id else None
        return decision.reference if decision else decision_id

    def status(decision_id: str | None) -> str | None:
        decision = dataset.decision(decision_id) if decision_id else None
        step = current_step(decision) if decision else None
        return step.status.value if step else None

    return ProjectReport(
        id=project.id,
        name=project.name,
        programme=programmes.get(project.programme or "", project.programme),
        category=categories.get(project.category or "", project.category),
        type=project.type,
        description=project.description,
        partners=project.partners,
        target_groups=project.target_groups,
        start=project.period.start if project.period else None,
        end=project.period.end if project.period else None,
        period_source=project.period.source if project.period else None,
        extensions=[
            ShowExtension(
                end=e.end,
                decision=reference(e.decision) or e.decision,
                decision_status=status(e.decision),
                condition=e.condition,
                source=e.source,
            )
            for e in sorted(project.extensions, key=lambda e: month_key(e.end, end=True))  # the latest last
        ],
        status=[ShowStatus(as_of=s.as_of, status=s.status.value, source=s.source) for s in project.status],
        budget=_budget_lines(dataset, project, reference, status),
        totals=[ShowTotal(label=t.label, amount=t.amount, source=t.source) for t in project.totals],
        targets=_targets(dataset, project),
        quarters=_quarters(dataset, project),
        realisatie=_realisatie(dataset, project),
        source=project.source,
        note=project.note,
    )


def _budget_lines(
    dataset: Dataset,
    project: Project,
    reference: Callable[[str | None], str | None],
    status: Callable[[str | None], str | None],
) -> list[ShowLine]:
    assert dataset.programmes is not None
    fundings = {f.id: f.name for f in dataset.programmes.model.funding_sources}
    figures = line_figures(project)
    return [
        ShowLine(
            years=years_text(line.span()),
            description=line.description,
            amount=figure,
            funding=fundings.get(line.funding, line.funding) if line.funding else None,
            decision=reference(line.decision),
            decision_status=status(line.decision),
            condition=line.condition,
            changes=[
                ShowChange(
                    decision=reference(c.decision) or c.decision,
                    decision_status=status(c.decision),
                    previous_amount=c.previous_amount,
                )
                for c in line.history()
            ],
            source=line.source,
        )
        for line, figure in sorted(zip(project.budget, figures, strict=True), key=lambda pair: pair[0].span())
    ]


def _targets(dataset: Dataset, project: Project) -> list[ShowTarget]:
    assert dataset.programmes is not None
    indicators = {i.id: i for i in dataset.programmes.model.indicators}
    return [
        ShowTarget(
            indicator=indicators[t.indicator].name if t.indicator in indicators else t.indicator,
            value=t.value,
            qualifier=t.qualifier,
            kind=(t.kind or indicators[t.indicator].kind).value if t.indicator in indicators else "",
            period=f"{t.start or ''} t/m {t.end}" if t.end else (f"vanaf {t.start}" if t.start else "looptijd"),
            source=t.source,
        )
        for t in project.targets
    ]


def _quarters(dataset: Dataset, project: Project) -> list[ShowQuarter]:
    """Every quarter that reported on the project, with the monitor's own rows for it."""
    quarters = []
    for as_of, results_file, by_results, by_words in by_project(dataset).files:
        results, words = by_results.get(project.id, []), by_words.get(project.id, [])
        if not results and not words:
            continue  # this quarter did not report on the project: no row of its own
        rows = project_rows(dataset, project, results, words, as_of, last_known_results(dataset, as_of))
        rows = with_corrections(dataset, results_file.quarter, rows)
        quarters.append(
            ShowQuarter(
                quarter=Quarter.parse(results_file.quarter).label,
                as_of=results_file.as_of,
                title=results_file.title,
                rows=rows,
            )
        )
    return quarters


def _realisatie(dataset: Dataset, project: Project) -> list[ShowRealisatie]:
    realised = []
    for year_file in sorted((r.model for r in dataset.realisatie), key=lambda f: f.year):
        rows_of_project = [r for r in comparisons(dataset, year_file) if r.project == project.id]
        if rows_of_project:
            realised.append(ShowRealisatie(year=year_file.year, status=year_file.status.value, rows=rows_of_project))
    return realised
