"""A neutral table that every text renderer shares.

Reports hold numbers; tables hold cells that still know they are money, so the
terminal and markdown show `€ 1.054.795` while CSV keeps `1054795.25`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..figures import Figure
from ..values import Verdict

Outcome = Literal["under", "over"]


@dataclass(frozen=True)
class MoneyCell:
    """An exact amount and how it reads. `outcome` marks a difference between begroting and realisatie, shown
    as `€ 1.000 voordeel` / `€ 500 nadeel`: "under" when the amount is begroot min gerealiseerd (positive is a
    voordeel), "over" when it is gerealiseerd min begroot (positive is a nadeel). `thousands` shows it as a
    count of € 1.000 (the table says the unit once); `exact` keeps a check's difference to the cent even then.
    `remark` is said after the amount: `€ 0 (geen boekingen)`."""

    amount: Decimal | None
    whole: bool = False
    approximate: bool = False
    derived: bool = False
    partly_unknown: bool = False
    outcome: Outcome | None = None
    thousands: bool = False
    exact: bool = False
    remark: str | None = None


@dataclass(frozen=True)
class VerdictCell:
    verdict: Verdict


@dataclass(frozen=True)
class LightCell:
    state: str  # a monitor.State value
    manual: bool = False


@dataclass(frozen=True)
class FigureCell:
    """A figure that may be approximate, bounded or unknown: renderers show its precision in words."""

    figure: Figure
    money: bool = True
    percent: bool = False
    thousands: bool = False  # a money figure as a count of € 1.000
    partly_unknown: bool = False  # `+ onbekend`: an unknown part belongs to the same sum


@dataclass(frozen=True)
class CountCell:
    """A monitor figure (a count or a percentage) with the word its source put before it: `ruim 80`, `1.160`."""

    value: Decimal | None
    qualifier: str | None = None
    percent: bool = False


Cell = str | int | MoneyCell | FigureCell | CountCell | VerdictCell | LightCell | None


@dataclass(frozen=True)
class Sum:
    """A row that adds up other rows, in every money column they share: `total` and `parts` count through the
    rows and then the footer (a group's subtotal and its lines, the Totaal and every line). What a table in
    thousands checks its rounding against."""

    name: str
    total: int
    parts: tuple[int, ...]


@dataclass(frozen=True)
class Table:
    """`name` is the table's short name where it can stand alone: a CSV file (`begroting.csv`), `--table`.
    `unit` is said once, above the rows (`Bedragen × € 1.000`); `sums` say which rows are totals of which."""

    title: str
    columns: list[str]
    rows: list[list[Cell]]
    footer: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdict: Verdict | None = None
    numeric: frozenset[int] = frozenset()
    name: str = ""
    unit: str | None = None
    sums: tuple[Sum, ...] = ()

    def __post_init__(self) -> None:
        width = len(self.columns)
        assert all(len(r) == width for r in [*self.rows, *self.footer]), self.title
        count = len(self.rows) + len(self.footer)
        assert all(0 <= i < count for s in self.sums for i in (s.total, *s.parts)), self.title

    @property
    def all_rows(self) -> list[list[Cell]]:
        """The rows and then the footer: what a Sum's indexes count through."""
        return [*self.rows, *self.footer]
