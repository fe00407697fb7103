"""The budget rules at their boundaries, on synthetic figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wawtool.budget import Item, StatedSum, compare, side
from wawtool.figures import precision_of
from wawtool.values import Verdict

D = Decimal


def stated(amount: str, **kw: bool) -> StatedSum:
    return StatedSum(amount=D(amount), source="synthetic", **kw)


def items(*amounts: str | None) -> list[Item]:
    return [Item(label=f"line {i}", amount=D(a) if a is not None else None) for i, a in enumerate(amounts)]


def test_exact_total_passes_and_one_cent_off_fails() -> None:
    assert compare(stated("700000"), side(items("33000", "557000", "110000")))[0] == Verdict.PASS
    verdict, difference, _ = compare(stated("700000"), side(items("33000", "557000", "110000.01")))
    assert verdict == Verdict.FAIL and difference == D("0.01")


def test_unknown_parts_fill_a_gap_but_are_never_zero() -> None:
    lines = side(items("5500", "64500", None), D("130000"))
    verdict, _, _ = compare(stated("130000"), lines)
    assert verdict == Verdict.PASS
    assert lines.unknown_items == 1 and lines.derived_unknown == D("60000")


def test_known_parts_above_the_total_fail_even_with_unknowns() -> None:
    verdict, difference, _ = compare(stated("130000"), side(items("130000.01", None)))
    assert verdict == Verdict.FAIL and difference == D("0.01")


def test_known_parts_exactly_at_the_total_with_unknowns_pass() -> None:
    assert compare(stated("100"), side(items("100", None)))[0] == Verdict.PASS


def test_rounded_publication_total() -> None:
    assert compare(stated("1054795", rounded_to_euros=True), side(items("1054795.25")))[0] == Verdict.PASS
    assert compare(stated("1054795", rounded_to_euros=True), side(items("1054795.50")))[0] == Verdict.FAIL


@pytest.mark.parametrize(
    ("amount", "unit"),
    [("2100000", "100000"), ("1300000", "100000"), ("700000", "100000"), ("55000", "1000"), ("1", "1")],
)
def test_precision_of_a_round_figure(amount: str, unit: str) -> None:
    assert precision_of(D(amount)) == D(unit)


def test_approximate_total_compares_at_its_stated_precision() -> None:
    """'grofweg 2,1 miljoen' is exact to the 100.000: 2.150.000 still rounds to it, 2.150.001 does not."""
    assert compare(stated("2100000", approximate=True), side(items("2150000")))[0] == Verdict.PASS
    assert compare(stated("2100000", approximate=True), side(items("2150000.01")))[0] == Verdict.FAIL
