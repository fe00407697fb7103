"""A neutral table that every text renderer shares.

Reports hold numbers; tables hold cells that still know they are money, so the
terminal and markdown show `€ 1.054.795` while CSV keeps `1054795.25`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..figures import Figure
from ..values import Verdict


@dataclass(frozen=True)
class MoneyCell:
    amount: Decimal | None
    whole: bool = False
    approximate: bool = False
    derived: bool = False
    partly_unknown: bool = False


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


@dataclass(frozen=True)
class CountCell:
    """A monitor figure (a count or a percentage) with the word its source put before it: `ruim 80`, `1.160`."""

    value: Decimal | None
    qualifier: str | None = None
    percent: bool = False


Cell = str | int | MoneyCell | FigureCell | CountCell | VerdictCell | LightCell | None


@dataclass(frozen=True)
class Table:
    """`name` is the table's short name where it can stand alone: a CSV file (`begroting.csv`), `--table`."""

    title: str
    columns: list[str]
    rows: list[list[Cell]]
    footer: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdict: Verdict | None = None
    numeric: frozenset[int] = frozenset()
    name: str = ""

    def __post_init__(self) -> None:
        width = len(self.columns)
        assert all(len(r) == width for r in [*self.rows, *self.footer]), self.title
