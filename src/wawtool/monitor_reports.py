"""Report objects for `waw status` and `waw report`: plain figures, numbers in JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import PlainSerializer

from .budget import Report
from .loader import Dataset
from .models import (
    Headline,
    Indicator,
    IndicatorKind,
    LightRule,
    Project,
    Qualitative,
    Result,
    ResultsFile,
    Status,
    Target,
    month_key,
)
from .monitor import STATUS_STATE, Assessment, Month, Quarter, State, assess, pick_target, project_period_at, status_at


def _number(value: Decimal) -> int | float:
    """JSON numbers for monitor figures, so other tools can compute with them."""
    return int(value) if value == value.to_integral_value() else float(value)


Number = Annotated[Decimal, PlainSerializer(_number, when_used="json")]


class Figure(Report):
    value: Number | None
    qualifier: str | None = None
    quote: str | None = None


class StatusRow(Report):
    project: str
    project_name: str
    programme: str | None
    category: str | None
    indicator: str | None
    indicator_name: str | None
    unit: str | None
    target: Figure | None
    target_period: str | None
    result: Figure | None
    result_quarter: str | None = None  # set when the figure is the last known one of an earlier quarter
    expected: Number | None
    share: Number | None
    share_approximate: bool = False
    state: State
    manual: bool
    reason: str | None
    text: str | None = None
    source: str | None = None


class StatusReport(Report):
    quarter: str
    as_of: str
    title: str
    rows: list[StatusRow]


class HeadlineRow(Report):
    indicator: str
    indicator_name: str
    result: Figure
    target: Figure | None
    target_description: str | None
    note: str | None


class CategoryBlock(Report):
    id: str | None
    name: str
    note: str | None
    rows: list[StatusRow]


class MonitorReport(Report):
    quarter: str
    as_of: str
    title: str
    source: str
    published: str | None
    headline: list[HeadlineRow]
    categories: list[CategoryBlock]
    note: str | None


def quarters_with_data(dataset: Dataset) -> list[Quarter]:
    return sorted(Quarter.parse(r.model.quarter) for r in dataset.results)


def _results_file(dataset: Dataset, quarter: Quarter) -> ResultsFile | None:
    return next((r.model for r in dataset.results if r.model.quarter == quarter.id), None)


def build_status_report(
    dataset: Dataset, quarter: Quarter, programme: str | None = None, category: str | None = None
) -> StatusReport | None:
    """One row per project and indicator; None when the quarter has no data."""
    results_file = _results_file(dataset, quarter)
    if results_file is None:
        return None
    as_of = month_key(results_file.as_of)
    by_project: dict[str, tuple[list[Result], list[Qualitative]]] = {}
    for result in results_file.results:  # grouped once: a national quarter holds thousands of figures
        by_project.setdefault(result.project, ([], []))[0].append(result)
    for qualitative in results_file.qualitative:
        by_project.setdefault(qualitative.project, ([], []))[1].append(qualitative)
    last_known = _last_known_results(dataset, as_of)
    rows = []
    for located in dataset.projects:
        project = located.model
        if programme and project.programme != programme or category and project.category != category:
            continue
        results, words = by_project.get(project.id, ([], []))
        rows += _project_rows(dataset, project, results, words, as_of, last_known)
    order = _category_order(dataset)
    rows.sort(key=lambda r: (order.get(r.category, len(order)), r.project_name.lower()))
    return StatusReport(quarter=quarter.label, as_of=results_file.as_of, title=results_file.title, rows=rows)


LastKnown = dict[str, tuple[ResultsFile, list[Result]]]


def _last_known_results(dataset: Dataset, as_of: Month) -> LastKnown:
    """Per project, the results of the latest earlier quarter that reported on it: grouped once per report."""
    last: LastKnown = {}
    for located in sorted(dataset.results, key=lambda r: month_key(r.model.as_of)):
        results_file = located.model
        if month_key(results_file.as_of) >= as_of:
            break
        grouped: dict[str, list[Result]] = {}
        for result in results_file.results:
            grouped.setdefault(result.project, []).append(result)
        last.update({project_id: (results_file, results) for project_id, results in grouped.items()})
    return last


def _project_rows(
    dataset: Dataset,
    project: Project,
    results: list[Result],
    words: list[Qualitative],
    as_of: Month,
    last_known: LastKnown,
) -> list[StatusRow]:
    status = status_at(project, as_of)
    if status is None and not results and not words:
        return []  # the project did not exist yet
    rows = [_result_row(dataset, project, result, as_of, status) for result in results]
    for qualitative in words:
        assessment = assess(
            None, None, IndicatorKind.CUMULATIVE, (None, None), as_of, _rule(dataset), qualitative.light, status
        )
        if assessment.state == State.GEEN_GEGEVENS:
            assessment = Assessment(State.KWALITATIEF)
        rows.append(_row(project, None, None, None, assessment, text=qualitative.text, source=qualitative.source))
    if not rows:
        ended = _ended_state(dataset, project, as_of, status)
        if ended is not None:
            return _last_known_rows(dataset, project, last_known.get(project.id), ended)
        assessment = assess(None, None, IndicatorKind.CUMULATIVE, (None, None), as_of, _rule(dataset), None, status)
        rows.append(_row(project, None, None, None, assessment))
    return rows


def _ended_state(dataset: Dataset, project: Project, as_of: Month, status: Status | None) -> State | None:
    """Stopped, completed, or past its end (with the extensions decided by then): not 'geen gegevens'."""
    if status in (Status.STOPPED, Status.COMPLETED):
        return STATUS_STATE[status]
    end = project_period_at(dataset, project, as_of)[1]
    return State.AFGELOPEN if end is not None and end < as_of else None


def _last_known_rows(
    dataset: Dataset, project: Project, last: tuple[ResultsFile, list[Result]] | None, state: State
) -> list[StatusRow]:
    """An ended project shows as ended, with the figures of the last quarter that reported on it."""
    if last is None:
        return [_row(project, None, None, None, Assessment(state))]
    results_file, results = last
    quarter = Quarter.parse(results_file.quarter).label
    rows = []
    for result in results:
        target = pick_target(list(project.targets), result.indicator, month_key(results_file.as_of))
        row = _row(
            project,
            _indicator(dataset, result.indicator),
            _result_figure(result),
            result.description,
            Assessment(state, target=target),
        )
        rows.append(row.model_copy(update={"result_quarter": quarter, "text": f"laatst bekend {quarter}"}))
    return rows


def _rule(dataset: Dataset) -> LightRule:
    assert dataset.programmes is not None and dataset.programmes.model.traffic_lights is not None
    return dataset.programmes.model.traffic_lights


def _result_row(dataset: Dataset, project: Project, result: Result, as_of: Month, status: Status | None) -> StatusRow:
    indicator = _indicator(dataset, result.indicator)
    target = pick_target(list(project.targets), result.indicator, as_of)
    period = project_period_at(dataset, project, as_of)
    assessment = assess(
        result.value, target, indicator.kind, period, as_of, _rule(dataset), result.light, status, result.qualifier
    )
    return _row(
        project,
        indicator,
        _result_figure(result),
        result.description,
        assessment,
        source=result.source,
        note=result.note,
    )


def _result_figure(result: Result) -> Figure:
    return Figure(value=result.value, qualifier=result.qualifier, quote=result.quote)


def _indicator(dataset: Dataset, indicator_id: str) -> Indicator:
    assert dataset.programmes is not None
    return next(i for i in dataset.programmes.model.indicators if i.id == indicator_id)


def _row(
    project: Project,
    indicator: Indicator | None,
    result: Figure | None,
    description: str | None,
    assessment: Assessment,
    text: str | None = None,
    source: str | None = None,
    note: str | None = None,
) -> StatusRow:
    target = assessment.target
    return StatusRow(
        project=project.id,
        project_name=project.name,
        programme=project.programme,
        category=project.category,
        indicator=indicator.id if indicator else None,
        indicator_name=indicator.name if indicator else None,
        unit=indicator.unit.value if indicator else None,
        target=Figure(value=target.value, qualifier=target.qualifier) if target else None,
        target_period=_period_text(target) if target else None,
        result=result,
        expected=assessment.expected,
        share=assessment.share,
        share_approximate=assessment.share_approximate,
        state=assessment.state,
        manual=assessment.manual,
        reason=assessment.reason,
        text=text or description or note,
        source=source,
    )


def _period_text(target: Target) -> str | None:
    if target.start and target.end:
        return f"{target.start} t/m {target.end}"
    if target.end:
        return f"t/m {target.end}"
    return None


def _category_order(dataset: Dataset) -> dict[str | None, int]:
    assert dataset.programmes is not None
    return {c.id: i for i, c in enumerate(dataset.programmes.model.categories)}


def build_monitor_report(dataset: Dataset, quarter: Quarter) -> MonitorReport | None:
    status = build_status_report(dataset, quarter)
    results_file = _results_file(dataset, quarter)
    if status is None or results_file is None or dataset.programmes is None:
        return None
    categories = []
    for category in dataset.programmes.model.categories:
        rows = [r for r in status.rows if r.category == category.id and _in_monitor(r)]
        if rows:
            categories.append(CategoryBlock(id=category.id, name=category.name, note=category.note, rows=rows))
    loose = [r for r in status.rows if r.category is None and (r.result is not None or r.text)]
    if loose:
        categories.append(CategoryBlock(id=None, name="Niet ingedeeld", note=None, rows=loose))
    return MonitorReport(
        quarter=quarter.label,
        as_of=results_file.as_of,
        title=results_file.title,
        source=results_file.source,
        published=results_file.published.isoformat() if results_file.published else None,
        headline=[_headline(dataset, h) for h in results_file.headline],
        categories=categories,
        note=results_file.note,
    )


def _in_monitor(row: StatusRow) -> bool:
    """A stopped or completed project without figures this quarter has no place in the monitor."""
    if row.state in (State.GESTOPT, State.AFGEROND, State.AFGELOPEN):
        return row.result_quarter is None and (row.result is not None or row.text is not None)
    return True


def _headline(dataset: Dataset, headline: Headline) -> HeadlineRow:
    assert dataset.programmes is not None
    indicator = _indicator(dataset, headline.indicator)
    target = next((t for t in dataset.programmes.model.targets if headline.target and t.id == headline.target), None)
    return HeadlineRow(
        indicator=indicator.id,
        indicator_name=indicator.name,
        result=Figure(value=headline.value, qualifier=headline.qualifier, quote=headline.quote),
        target=Figure(value=target.value, qualifier=target.qualifier) if target else None,
        target_description=target.description if target else None,
        note=headline.note,
    )
