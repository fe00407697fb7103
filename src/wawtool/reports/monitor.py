"""`waw report --quarter Q`: the monitor of a quarter, headline figures first, then every category."""

from __future__ import annotations

from ..lights import ENDED_STATES
from ..load.loader import Dataset
from ..models import Headline
from ..periods import Quarter
from ..seals import Corrected, corrections_of
from ..values import Report
from .status import (
    CorrectionRow,
    MonitorFigure,
    StatedRow,
    StatusRow,
    build_status_report,
    correction_row,
    indicator_of,
    results_file_of,
)


class HeadlineRow(Report):
    indicator: str
    indicator_name: str
    result: MonitorFigure
    target: MonitorFigure | None
    target_description: str | None
    note: str | None
    correction: CorrectionRow | None = None  # published otherwise, corrected since


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
    stated: StatedRow | None = None  # the monitor's own judgement of the programmes as a whole


def build_monitor_report(dataset: Dataset, quarter: Quarter) -> MonitorReport | None:
    status = build_status_report(dataset, quarter)
    results_file = results_file_of(dataset, quarter)
    if status is None or results_file is None or dataset.programmes is None:
        return None
    corrections = corrections_of(dataset, results_file.quarter)
    categories = []
    for category in dataset.programmes.model.categories:
        rows = [r for r in status.rows if r.category == category.id and _in_monitor(r)]
        if rows:
            categories.append(CategoryBlock(id=category.id, name=category.name, note=category.note, rows=rows))
    loose = [r for r in status.rows if r.category is None and (r.result is not None or r.text) and _in_monitor(r)]
    if loose:
        categories.append(CategoryBlock(id=None, name="Niet ingedeeld", note=None, rows=loose))
    return MonitorReport(
        quarter=quarter.label,
        as_of=results_file.as_of,
        title=results_file.title,
        source=results_file.source,
        published=results_file.published.isoformat() if results_file.published else None,
        headline=[_headline(dataset, h, corrections.get((None, h.indicator))) for h in results_file.headline],
        categories=categories,
        note=results_file.note,
        stated=(StatedRow(position=j.position, words=j.words, source=j.source) if (j := results_file.stated) else None),
    )


def _in_monitor(row: StatusRow) -> bool:
    """A stopped or completed project without figures this quarter has no place in the monitor."""
    if row.state in ENDED_STATES:
        return row.result_quarter is None and (row.result is not None or row.text is not None)
    return True


def _headline(dataset: Dataset, headline: Headline, corrected: Corrected | None) -> HeadlineRow:
    assert dataset.programmes is not None
    indicator = indicator_of(dataset, headline.indicator)
    target = next((t for t in dataset.programmes.model.targets if headline.target and t.id == headline.target), None)
    return HeadlineRow(
        indicator=indicator.id,
        indicator_name=indicator.name,
        result=MonitorFigure(value=headline.value, qualifier=headline.qualifier, quote=headline.quote),
        target=MonitorFigure(value=target.value, qualifier=target.qualifier) if target else None,
        target_description=target.description if target else None,
        note=headline.note,
        correction=correction_row(corrected) if corrected else None,
    )
