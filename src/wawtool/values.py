"""The shared vocabulary of every report: the base of report objects, verdicts and the zero amount."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


class Report(BaseModel):
    """A frozen report object: plain figures, no formatting; JSON output is its dump."""

    model_config = ConfigDict(frozen=True, defer_build=True)
