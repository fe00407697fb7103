"""Time as the documents give it: months and years, quarters, elapsed shares of a period, year spans.

A document says "januari 2021" or only "2021"; a month is kept at that precision and turned into a
(year, month) pair only to compare. A project's period and status are read as they stood at a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .load.loader import Dataset
    from .models import Project, Status

YearMonth = tuple[int, int]
MONTH_TEXT = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def month_key(value: str, *, end: bool = False) -> YearMonth:
    """(year, month); a bare year starts in January and ends in December."""
    match = MONTH_TEXT.match(value)
    assert match
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    return int(match.group(1)), month


def years_text(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """`Q3-2021` or `2021-Q3`, any case."""
        match = re.fullmatch(r"[Qq]([1-4])-(\d{4})|(\d{4})-[Qq]([1-4])", text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a quarter: write Q3-2021 or 2021-Q3 (quarters 1 to 4)")
        number, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        return cls(int(year), int(number))

    @property
    def id(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"Q{self.number}-{self.year}"

    @property
    def first_month(self) -> YearMonth:
        return self.year, self.number * 3 - 2

    @property
    def last_month(self) -> YearMonth:
        """The month a quarter's figures stand at: its results are `t/m` this month."""
        return self.year, self.number * 3


def months(start: YearMonth, end: YearMonth) -> int:
    """Months from start to end, both included."""
    return (end[0] - start[0]) * 12 + end[1] - start[1] + 1


def elapsed_fraction(start: YearMonth, end: YearMonth, as_of: YearMonth) -> Decimal:
    """The share of the period that has passed, 0 to 1; a period that ends before it starts has passed."""
    total = months(start, end)
    if total <= 0:
        return Decimal(1)
    done = min(max(months(start, as_of), 0), total)
    return Decimal(done) / Decimal(total)


def status_at(project: Project, as_of: YearMonth) -> Status | None:
    known = [s for s in project.status if month_key(s.as_of) <= as_of]
    return sorted(known, key=lambda s: month_key(s.as_of))[-1].status if known else None


def project_period_at(
    dataset: Dataset, project: Project, as_of: YearMonth
) -> tuple[YearMonth | None, YearMonth | None]:
    """The project period as known at `as_of`: extensions count once their decision was taken."""
    start = month_key(project.period.start) if project.period and project.period.start else None
    ends = [month_key(project.period.end, end=True)] if project.period and project.period.end else []
    for extension in project.extensions:
        decision = dataset.decision(extension.decision)
        if decision is not None and (decision.date.year, decision.date.month) <= as_of:
            ends.append(month_key(extension.end, end=True))
    return start, max(ends) if ends else None
