"""Figures that are exact, approximate, bounded or unknown, through all arithmetic.

A source says "grofweg € 2,1 miljoen", "zo'n 1,3 miljoen", "ruim 80" or nothing at
all. A figure computed from such a word is no more exact than the word: the
difference of "zo'n 1,3 miljoen" and an exact total is "ca.", a share of "ruim 80"
is "≈", and an unknown stays unknown (never zero). The qualifier of a source is
kept on the figure read from it; a derived figure says what it was derived from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, computed_field

Bound = Literal["min", "max"]


class Qualifier(NamedTuple):
    """What a source's word says of its figure, and whether a data file or a results template may use it."""

    approximate: bool
    bound: Bound | None
    in_data: bool


# The one list of qualifiers. "ruim 80" is a bit more than 80; "bijna 500" a bit less; "meer dan" and
# "minimaal" are lower bounds, "maximaal" an upper one. The first three occur only in quotes of the sources.
QUALIFIERS: dict[str, Qualifier] = {
    "grofweg": Qualifier(True, None, in_data=False),
    "zo'n": Qualifier(True, None, in_data=False),
    "ca.": Qualifier(True, None, in_data=False),
    "ongeveer": Qualifier(True, None, in_data=True),
    "bijna": Qualifier(True, "max", in_data=True),
    "ruim": Qualifier(True, "min", in_data=True),
    "meer dan": Qualifier(False, "min", in_data=True),
    "minimaal": Qualifier(False, "min", in_data=True),
    "maximaal": Qualifier(False, "max", in_data=True),
}
DATA_QUALIFIERS = [word for word, meaning in QUALIFIERS.items() if meaning.in_data]
_FLIP: dict[Bound | None, Bound | None] = {"min": "max", "max": "min", None: None}


def precision_of(amount: Decimal) -> Decimal:
    """The rounding unit a round figure implies: 2.100.000 is stated to the 100.000, 1.300.000 too."""
    unit = Decimal(1)
    while amount and amount % (unit * 10) == 0:
        unit *= 10
    return unit


class Figure(BaseModel):
    """One figure with what is known about its precision.

    `value` None is unknown. `bound` "min" means the figure is at least `value`, "max" at most.
    `qualifier` is the source's own word where the figure was read from a source. `margin` is how far an
    approximate figure may lie from `value` either way ("zo'n 1,3 miljoen": € 50.000, half its last stated
    digit); None where that is not known. `provisional`: the source says the figure is not final yet.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    value: Decimal | None
    approximate: bool = False
    bound: Bound | None = None
    qualifier: str | None = None
    derived_from: str | None = None
    margin: Decimal | None = None
    provisional: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def low(self) -> Decimal | None:
        """The least the figure can be; None where it is unknown or unbounded below."""
        if self.value is None or self.bound == "max":
            return None
        if self.bound == "min":
            return self.value  # "ruim 80", "meer dan 800": at least the figure itself
        return self.value - self.margin if self.margin is not None else (self.value if self.is_exact else None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def high(self) -> Decimal | None:
        """The most the figure can be; None where it is unknown or unbounded above."""
        if self.value is None or self.bound == "min":
            return None
        if self.bound == "max":
            return self.value  # "bijna 500", "maximaal 12": at most the figure itself
        return self.value + self.margin if self.margin is not None else (self.value if self.is_exact else None)

    # -- construction ----------------------------------------------------------
    @classmethod
    def exact(cls, value: Decimal) -> Figure:
        return cls(value=value)

    @classmethod
    def unknown(cls, derived_from: str | None = None) -> Figure:
        return cls(value=None, derived_from=derived_from)

    @classmethod
    def stated_approximately(cls, value: Decimal, qualifier: str | None = None, *, provisional: bool = False) -> Figure:
        """An approximate amount as its notation gives it: "zo'n 1,3 miljoen" is 1.300.000 ± 50.000."""
        return cls(
            value=value,
            approximate=True,
            qualifier=qualifier or "ca.",
            margin=precision_of(value) / 2,
            provisional=provisional,
        )

    @classmethod
    def of(cls, value: Decimal | None, qualifier: str | None = None, *, approximate: bool = False) -> Figure:
        """A figure as a source gives it: the qualifier decides whether it is approximate or a bound."""
        if value is None:
            return cls.unknown()
        if qualifier is None:
            if approximate:
                return cls.stated_approximately(value)
            return cls(value=value)
        approx, bound, _ = QUALIFIERS[qualifier]
        if bound is None and (approx or approximate):
            return cls.stated_approximately(value, qualifier)
        return cls(value=value, approximate=approx or approximate, bound=bound, qualifier=qualifier)

    # -- state -------------------------------------------------------------------
    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def is_exact(self) -> bool:
        return self.value is not None and not self.approximate and self.bound is None

    @property
    def spread(self) -> Decimal | None:
        """How far the figure may lie from its value either way: 0 when exact, None when not known."""
        if self.is_exact:
            return Decimal(0)
        return self.margin if self.bound is None else None

    def derived(self, what: str) -> Figure:
        """The same figure, saying what it was derived from."""
        return self.model_copy(update={"derived_from": what, "qualifier": None})

    # -- arithmetic -----------------------------------------------------------------
    def __add__(self, other: Figure | Decimal) -> Figure:
        other = _figure(other)
        if self.value is None or other.value is None:
            return Figure.unknown(_join(self.derived_from, other.derived_from))
        opposed = self.bound is not None and other.bound is not None and self.bound != other.bound
        mine, theirs = self.spread, other.spread
        return Figure(
            value=self.value + other.value,
            approximate=self.approximate or other.approximate or opposed,
            bound=_combine(self.bound, other.bound),
            derived_from=_join(self.derived_from, other.derived_from),
            margin=mine + theirs if mine is not None and theirs is not None and (mine or theirs) else None,
            provisional=self.provisional or other.provisional,
        )

    def __neg__(self) -> Figure:
        value = None if self.value is None else -self.value
        return self.model_copy(update={"value": value, "bound": _FLIP[self.bound]})

    def magnitude(self) -> Figure:
        """The figure without its sign: an overrun of € 29.000 is shown as such, not as € -29.000."""
        return -self if self.value is not None and self.value < 0 else self

    def __sub__(self, other: Figure | Decimal) -> Figure:
        other = _figure(other)
        negated = None if other.value is None else -other.value
        return self + other.model_copy(update={"value": negated, "bound": _FLIP[other.bound]})


def sum_of(figures: list[Figure]) -> Figure:
    """The sum of figures; unknown when any is unknown (never counted as zero)."""
    result = Figure.exact(Decimal("0.00"))
    for figure in figures:
        result = result + figure
    return result


def sum_of_known(figures: list[Figure]) -> tuple[Figure | None, int]:
    """The sum of the known figures and how many are unknown (an unknown part stays unknown, never zero: shown
    as `+ onbekend`); the sum is unknown where none is known, None where there are no figures at all. A
    project's budget over all its years."""
    if not figures:
        return None, 0
    known = [figure for figure in figures if figure.value is not None]
    return (sum_of(known) if known else Figure.unknown()), len(figures) - len(known)


def _figure(value: Figure | Decimal) -> Figure:
    return value if isinstance(value, Figure) else Figure.exact(value)


def _combine(a: Bound | None, b: Bound | None) -> Bound | None:
    """At least plus at least is at least; at least plus at most bounds neither side."""
    if a is None:
        return b
    if b is None or a == b:
        return a
    return None


def _join(a: str | None, b: str | None) -> str | None:
    if a and b and a != b:
        return f"{a}; {b}"
    return a or b
