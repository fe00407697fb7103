from decimal import Decimal

import pytest

from wawtool.layout.dutch import euro
from wawtool.money import MoneyError, parse_money, whole_euros


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (50455, "50455.00"),
        (Decimal("50455.25"), "50455.25"),
        (Decimal("46052.81"), "46052.81"),
        (Decimal("0.1"), "0.10"),
        (0, "0.00"),
    ],
)
def test_exact_amounts_keep_their_cents(value: object, expected: str) -> None:
    assert str(parse_money(value)) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (0.1, "binary float"),
        (Decimal("1.234"), "more than two decimals"),
        (Decimal("557.000"), "Dutch thousands separator, write 557000"),
        (Decimal("1E+3"), "exponent"),
        (Decimal("Infinity"), "not a finite number"),
        (Decimal("NaN"), "not a finite number"),
        ("€ 557.000", "write 557000"),
        ("557.000,00", "write 557000"),
        ("50.455,25", "write 50455.25"),
        ("50455.25", "quoted text; write it unquoted"),
        ("veel", "write a plain number"),
        (True, "expected an amount"),
        (None, "expected an amount"),
        (-5, "negative"),
        (10**12, "absurdly large"),
    ],
)
def test_inexact_or_foreign_amounts_are_refused_with_a_hint(value: object, fragment: str) -> None:
    with pytest.raises(MoneyError, match=None) as info:
        parse_money(value)
    assert fragment in str(info.value)


def test_sums_are_exact() -> None:
    lines = [parse_money(Decimal(x)) for x in ("0.10", "0.20", "0.30")]
    assert sum(lines, Decimal(0)) == Decimal("0.60")


@pytest.mark.parametrize(
    ("amount", "whole", "text"),
    [
        ("1054795.25", True, "€ 1.054.795"),
        ("1054795.25", False, "€ 1.054.795,25"),
        ("50455.25", False, "€ 50.455,25"),
        ("1054795.00", False, "€ 1.054.795"),
        ("0.50", True, "€ 1"),
        ("-154795.25", False, "€ -154.795,25"),
    ],
)
def test_dutch_display(amount: str, whole: bool, text: str) -> None:
    assert euro(Decimal(amount), whole=whole) == text


def test_whole_euros_rounds_half_up_like_a_publication() -> None:
    assert whole_euros(Decimal("2.50")) == 3
    assert whole_euros(Decimal("1054795.25")) == 1054795


def test_dutch_symbols_are_babels_for_nl_nl() -> None:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from wawtool.layout.dutch import _separators

    assert _separators() == (get_decimal_symbol("nl_NL"), get_group_symbol("nl_NL")) == (",", ".")
