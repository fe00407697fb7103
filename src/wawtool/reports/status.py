"""`waw status`: where every project stands in a quarter, one row per project and indicator.

The rows are the monitor's too (`waw report`) and a project's quarters (`waw show`): built here once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import PlainSerializer

from ..lights import ENDED_STATES, STATUS_STATE, Assessment, LightState, assess, pick_target
from ..load.loader import Dataset
from ..models import (
    Indicator,
    IndicatorKind,
    LightRule,
    Project,
    Qualitative,
    Result,
    ResultsFile,
    StatedJudgement,
    Status,
    Target,
)
from ..periods import Quarter, YearMonth, month_key, project_period_at, status_at
from ..seals import Corrected, corrections_of
from ..values import Report


def _number(value: Decimal) -> int | float:
    """JSON numbers for monitor figures, so other tools can compute with them."""
    return int(value) if value == value.to_integral_value() else float(value)


Number = Annotated[Decimal, PlainSerializer(_number, when_used="json")]


class MonitorFigure(Report):
    """A result or target as the monitor reports it: the number, the source's word for it, its quote."""

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
    target: MonitorFigure | None
    target_period: str | None
    result: MonitorFigure | None
    result_quarter: str | None = None  # set when the figure is the last known one of an earlier quarter
    expected: Number | None
    share: Number | None
    share_approximate: bool = False
    state: LightState
    manual: bool
    reason: str | None
    text: str | None = None
    source: str | None = None
    stated: StatedRow | None = None  # the source's own judgement, beside the light computed from the figures
    stated_differs: bool = False  # the computed light and the source's position disagree
    later_result: MonitorFigure | None = None  # a figure the source dates after this quarter: not this quarter's
    later_as_of: str | None = None
    correction: CorrectionRow | None = None  # the figure was published otherwise and corrected since


class CorrectionRow(Report):
    """A published figure corrected after publication: what was published, where and when, and why."""

    date: str
    was: MonitorFigure
    wordt: MonitorFigure
    reason: str
    source: str
    document: str  # the document that published `was` (its seal's)
    published: str  # the day (or month or year) it was published


class StatedRow(Report):
    position: str | None  # op-koers, tussenin, niet-op-koers; None where the source gives only words
    words: str
    source: str


LIGHT_OF_POSITION = {"op-koers": LightState.GROEN, "tussenin": LightState.ORANJE, "niet-op-koers": LightState.ROOD}


class LightCount(Report):
    """How many rows (a project and indicator each) of a quarter have a state; `ended`: the state of a project
    that stopped, was completed or ran out (counted apart from the running ones)."""

    state: LightState
    ended: bool
    count: int


# The order the counts are listed in: the lights first, then what is no light, then the ended projects.
COUNT_ORDER = (
    LightState.GROEN,
    LightState.ORANJE,
    LightState.ROOD,
    LightState.BOVEN_MAXIMUM,
    LightState.BINNEN_MAXIMUM,
    LightState.KWALITATIEF,
    LightState.GEEN_DOEL,
    LightState.PERIODE_ONBEKEND,
    LightState.GEEN_GEGEVENS,
    LightState.GEPLAND,
    LightState.ON_HOLD,
    LightState.GESTOPT,
    LightState.AFGEROND,
    LightState.AFGELOPEN,
)
ALWAYS_COUNTED = frozenset({LightState.GROEN, LightState.ORANJE, LightState.ROOD, LightState.GEEN_GEGEVENS})


class StatusReport(Report):
    quarter: str
    as_of: str
    title: str
    rows: list[StatusRow]
    counts: list[LightCount]  # per state, the rows that have it: groen, oranje, rood and geen gegevens always


def light_counts(rows: list[StatusRow]) -> list[LightCount]:
    """The rows per state, in COUNT_ORDER; a state no row has is left out, but for the lights and geen gegevens."""
    counts = {state: 0 for state in COUNT_ORDER}
    for row in rows:
        counts[row.state] += 1
    return [
        LightCount(state=state, ended=state in ENDED_STATES, count=count)
        for state, count in counts.items()
        if count or state in ALWAYS_COUNTED
    ]


def quarters_with_data(dataset: Dataset) -> list[Quarter]:
    return sorted(Quarter.parse(r.model.quarter) for r in dataset.results)


def results_file_of(dataset: Dataset, quarter: Quarter) -> ResultsFile | None:
    return next((r.model for r in dataset.results if r.model.quarter == quarter.id), None)


def build_status_report(
    dataset: Dataset, quarter: Quarter, programme: str | None = None, category: str | None = None
) -> StatusReport | None:
    """One row per project and indicator; None when the quarter has no data."""
    results_file = results_file_of(dataset, quarter)
    if results_file is None:
        return None
    as_of = month_key(results_file.as_of)
    by_project: dict[str, tuple[list[Result], list[Qualitative]]] = {}
    for result in results_file.results:  # grouped once: a national quarter holds thousands of figures
        by_project.setdefault(result.project, ([], []))[0].append(result)
    for qualitative in results_file.qualitative:
        by_project.setdefault(qualitative.project, ([], []))[1].append(qualitative)
    last_known = last_known_results(dataset, as_of)
    rows = []
    for located in dataset.projects:
        project = located.model
        if programme and project.programme != programme or category and project.category != category:
            continue
        results, words = by_project.get(project.id, ([], []))
        rows += project_rows(dataset, project, results, words, as_of, last_known)
    rows = with_corrections(dataset, results_file.quarter, rows)
    order = _category_order(dataset)
    rows.sort(key=lambda r: (order.get(r.category, len(order)), r.project_name.lower()))
    return StatusReport(
        quarter=quarter.label, as_of=results_file.as_of, title=results_file.title, rows=rows, counts=light_counts(rows)
    )


LastKnown = dict[str, tuple[ResultsFile, list[Result]]]
PHASES = frozenset({*STATUS_STATE.values(), LightState.AFGELOPEN})


def project_phases(report: StatusReport) -> dict[str, LightState | None]:
    """Where each project of a monitor stands, as its rows say: the phase it shows instead of judged figures
    (planned, on hold, stopped, completed, or past its end: `afgelopen`), or None where it judges them (the
    project runs). A project the monitor leaves out had no status yet: it is not in the result."""
    phases: dict[str, LightState | None] = {}
    for row in report.rows:
        if phases.get(row.project) is None:
            phases[row.project] = row.state if row.state in PHASES else None
    return phases


def correction_row(corrected: Corrected) -> CorrectionRow:
    c = corrected.correction
    return CorrectionRow(
        date=c.date.isoformat(),
        was=MonitorFigure(value=c.was.value, qualifier=c.was.qualifier),
        wordt=MonitorFigure(value=c.wordt.value, qualifier=c.wordt.qualifier),
        reason=c.reason,
        source=c.source,
        document=corrected.document,
        published=corrected.published,
    )


def with_corrections(dataset: Dataset, quarter: str, rows: list[StatusRow]) -> list[StatusRow]:
    """The rows of a quarter's own figures that were corrected since their publication, saying so."""
    corrections = corrections_of(dataset, quarter)
    if not corrections:
        return rows
    marked = []
    for row in rows:
        corrected = corrections.get((row.project, row.indicator or ""))
        own = row.result_quarter is None and (row.result is not None or row.later_result is not None)
        marked.append(row.model_copy(update={"correction": correction_row(corrected)}) if corrected and own else row)
    return marked


class _ByProject:
    """Every results file in the order of its month, its results and words grouped by project: built once per
    dataset, so a site of every project's page in every quarter does not regroup every file for each."""

    def __init__(self, dataset: Dataset) -> None:
        self.files: list[tuple[YearMonth, ResultsFile, dict[str, list[Result]], dict[str, list[Qualitative]]]] = []
        for located in sorted(dataset.results, key=lambda r: month_key(r.model.as_of)):
            results: dict[str, list[Result]] = {}
            words: dict[str, list[Qualitative]] = {}
            for result in located.model.results:
                results.setdefault(result.project, []).append(result)
            for qualitative in located.model.qualitative:
                words.setdefault(qualitative.project, []).append(qualitative)
            self.files.append((month_key(located.model.as_of), located.model, results, words))
        self.last_known: dict[YearMonth, LastKnown] = {}


_grouped: tuple[Dataset, int, _ByProject] | None = None


def by_project(dataset: Dataset) -> _ByProject:
    """The grouping of one dataset, built once (a dataset whose results files were added is grouped again)."""
    global _grouped
    if _grouped is None or _grouped[0] is not dataset or _grouped[1] != len(dataset.results):
        _grouped = (dataset, len(dataset.results), _ByProject(dataset))
    return _grouped[2]


def last_known_results(dataset: Dataset, as_of: YearMonth) -> LastKnown:
    """Per project, the results of the latest earlier quarter that reported on it: once per quarter."""
    grouped = by_project(dataset)
    if as_of not in grouped.last_known:
        last: LastKnown = {}
        for month, results_file, results, _ in grouped.files:
            if month >= as_of:
                break
            last.update({project_id: (results_file, found) for project_id, found in results.items()})
        grouped.last_known[as_of] = last
    return grouped.last_known[as_of]


def project_rows(
    dataset: Dataset,
    project: Project,
    results: list[Result],
    words: list[Qualitative],
    as_of: YearMonth,
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
        if assessment.state == LightState.GEEN_GEGEVENS:
            assessment = Assessment(LightState.KWALITATIEF)
        row = _row(project, None, None, None, assessment, text=qualitative.text, source=qualitative.source)
        rows.append(_with_stated(row, qualitative.stated))
    if not rows:
        ended = _ended_state(dataset, project, as_of, status)
        if ended is not None:
            return _last_known_rows(dataset, project, last_known.get(project.id), ended)
        assessment = assess(None, None, IndicatorKind.CUMULATIVE, (None, None), as_of, _rule(dataset), None, status)
        rows.append(_row(project, None, None, None, assessment))
    return rows


def _ended_state(dataset: Dataset, project: Project, as_of: YearMonth, status: Status | None) -> LightState | None:
    """Stopped, completed, or past its end (with the extensions decided by then): not 'geen gegevens'."""
    if status in (Status.STOPPED, Status.COMPLETED):
        return STATUS_STATE[status]
    end = project_period_at(dataset, project, as_of)[1]
    return LightState.AFGELOPEN if end is not None and end < as_of else None


def _last_known_rows(
    dataset: Dataset, project: Project, last: tuple[ResultsFile, list[Result]] | None, state: LightState
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
            indicator_of(dataset, result.indicator),
            _result_figure(result),
            result.description,
            Assessment(state, target=target),
        )
        rows.append(row.model_copy(update={"result_quarter": quarter, "text": f"laatst bekend {quarter}"}))
    return rows


def _rule(dataset: Dataset) -> LightRule:
    assert dataset.programmes is not None and dataset.programmes.model.traffic_lights is not None
    return dataset.programmes.model.traffic_lights


def _result_row(
    dataset: Dataset, project: Project, result: Result, as_of: YearMonth, status: Status | None
) -> StatusRow:
    indicator = indicator_of(dataset, result.indicator)
    target = pick_target(list(project.targets), result.indicator, as_of)
    period = project_period_at(dataset, project, as_of)
    if result.as_of is not None and month_key(result.as_of) > as_of:  # a November figure is no Q3 result
        assessment = assess(None, target, indicator.kind, period, as_of, _rule(dataset), None, status)
        row = _row(project, indicator, None, result.description, assessment, source=result.source, note=result.note)
        later = {"later_result": _result_figure(result), "later_as_of": result.as_of}
        return _with_stated(row.model_copy(update=later), result.stated)
    assessment = assess(
        result.value, target, indicator.kind, period, as_of, _rule(dataset), result.light, status, result.qualifier
    )
    row = _row(
        project,
        indicator,
        _result_figure(result),
        result.description,
        assessment,
        source=result.source,
        note=result.note,
    )
    return _with_stated(row, result.stated)


def _with_stated(row: StatusRow, stated: StatedJudgement | None) -> StatusRow:
    """The source's own judgement beside the computed light; they differ where both are lights and disagree."""
    if stated is None:
        return row
    computed = row.state if row.state in LIGHT_OF_POSITION.values() else None
    differs = bool(stated.position and computed and LIGHT_OF_POSITION[stated.position] != computed)
    shown = StatedRow(position=stated.position, words=stated.words, source=stated.source)
    return row.model_copy(update={"stated": shown, "stated_differs": differs})


def _result_figure(result: Result) -> MonitorFigure:
    return MonitorFigure(value=result.value, qualifier=result.qualifier, quote=result.quote)


def indicator_of(dataset: Dataset, indicator_id: str) -> Indicator:
    assert dataset.programmes is not None
    return next(i for i in dataset.programmes.model.indicators if i.id == indicator_id)


def _row(
    project: Project,
    indicator: Indicator | None,
    result: MonitorFigure | None,
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
        target=MonitorFigure(value=target.value, qualifier=target.qualifier) if target else None,
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
