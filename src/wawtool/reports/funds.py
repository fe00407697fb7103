"""`waw funds`: the ledger of every fund that something draws on or flows into."""

from __future__ import annotations

from ..funds import FundLedger, fund_ledgers
from ..load.loader import Dataset
from ..values import Report


class FundsReport(Report):
    ledgers: list[FundLedger]


def build_funds_report(dataset: Dataset, fund: str | None = None) -> FundsReport:
    return FundsReport(ledgers=[f for f in fund_ledgers(dataset) if fund is None or f.fund == fund])
