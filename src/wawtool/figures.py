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

from pydantic import BaseModel, ConfigDict

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


class Figure(BaseModel):
    """One figure with what is known about its precision.

    `value` None is unknown. `bound` "min" means the figure is at least `value`, "max" at most.
    `qualifier` is the source's own word where the figure was read from a source.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    value: Decimal | None
    approximate: bool = False
    bound: Bound | None = None
    qualifier: str | None = None
    derived_from: str | None = None

    # -- construction ----------------------------------------------------------
    @classmethod
    def exact(cls, value: Decimal) -> Figure:
        return cls(value=value)

    @classmethod
    def unknown(cls, derived_from: str | None = None) -> Figure:
        return cls(value=None, derived_from=derived_from)

    @classmethod
    def of(cls, value: Decimal | None, qualifier: str | None = None, *, approximate: bool = False) -> Figure:
        """A figure as a source gives it: the qualifier decides whether it is approximate or a bound."""
        if value is None:
            return cls.unknown()
        if qualifier is None:
            return cls(value=value, approximate=approximate, qualifier="ca." if approximate else None)
        approx, bound, _ = QUALIFIERS[qualifier]
        return cls(value=value, approximate=approx or approximate, bound=bound, qualifier=qualifier)

    # -- state -------------------------------------------------------------------
    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def is_exact(self) -> bool:
        return self.value is not None and not self.approximate and self.bound is None

    def derived(self, what: str) -> Figure:
        """The same figure, saying what it was derived from."""
        return self.model_copy(update={"derived_from": what, "qualifier": None})

    # -- arithmetic -----------------------------------------------------------------
    def __add__(self, other: Figure | Decimal) -> Figure:
        other = _figure(other)
        if self.value is None or other.value is None:
            return Figure.unknown(_join(self.derived_from, other.derived_from))
        opposed = self.bound is not None and other.bound is not None and self.bound != other.bound
        return Figure(
            value=self.value + other.value,
            approximate=self.approximate or other.approximate or opposed,
            bound=_combine(self.bound, other.bound),
            derived_from=_join(self.derived_from, other.derived_from),
        )

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
