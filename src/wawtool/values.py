"""The shared vocabulary of every report: the base of report objects, verdicts and the zero amount."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


def worst(verdicts: Iterable[Verdict]) -> Verdict | None:
    """The verdict of several: any failure fails, else any undecided is undecided; None of none."""
    found = set(verdicts)
    return next((v for v in (Verdict.FAIL, Verdict.UNKNOWN, Verdict.PASS) if v in found), None)


def sum_or_unknown(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of amounts, or None (unknown) when any of them is unknown: never counted as zero."""
    amounts = list(values)
    return None if any(v is None for v in amounts) else sum((v for v in amounts if v is not None), ZERO)


class Report(BaseModel):
    """A frozen report object: plain figures, no formatting; JSON output is its dump."""

    model_config = ConfigDict(frozen=True, defer_build=True)
