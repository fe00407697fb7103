"""`waw funds` laid out: a ledger table per fund, opening balance to balance, in the order of the decisions."""

from __future__ import annotations

from ..reports.funds import FundsReport
from ..values import worst
from .check_budget import withdrawals_table
from .table import Cell, MoneyCell, Table

ENTRY_LABEL = {"opening": "beginsaldo", "addition": "erbij", "withdrawal": "eraf"}


def funds_tables(report: FundsReport) -> list[Table]:
    tables = []
    for ledger in report.ledgers:
        rows: list[list[Cell]] = [
            [
                f"{e.reference} ({e.status or 'status onbekend'})" if e.reference else "",
                ENTRY_LABEL[e.kind],
                e.label,
                e.years,
                MoneyCell(e.amount),
                MoneyCell(e.balance),
            ]
            for e in ledger.entries
        ]
        notes = [
            f"Beginsaldo: {ledger.opening_source}." if ledger.opening_source else "Beginsaldo: geen bron noemt het."
        ]
        if ledger.balance is None:
            notes.append(
                "Het saldo is onbekend zolang het beginsaldo of een bedrag onbekend is; het wordt niet geschat."
            )
        tables.append(
            Table(
                title=f"{ledger.name} ({ledger.kind})",
                columns=["Besluit", "", "Post", "Jaar", "Bedrag", "Saldo"],
                rows=rows,
                numeric=frozenset({4, 5}),
                notes=notes,
                verdict=worst([w.verdict for w in ledger.withdrawals]),
            )
        )
    withdrawals = [(f.name, w) for f in report.ledgers for w in f.withdrawals]
    if withdrawals:
        tables.append(withdrawals_table(withdrawals))
    return tables


def funds_summary(report: FundsReport) -> str:
    drawn = [w for f in report.ledgers for w in f.withdrawals]
    undecided = sum(1 for w in drawn if w.verdict.value == "unknown")
    failed = sum(1 for w in drawn if w.verdict.value == "fail")
    return (
        f"{len(report.ledgers)} fonds(en); {len(drawn)} opname(s) door verschuiving: "
        f"{failed} boven het saldo, {undecided} niet toetsbaar."
    )
