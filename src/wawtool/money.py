"""Exact euro amounts.

Amounts are built from the text as written in the data file (`50455.25`), never
through a binary float, so a figure in a report is the figure in the source.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000000")  # a trillion euro is not a regional budget line
_DUTCH_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_PLAIN_AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")


class MoneyError(ValueError):
    """A value that cannot be an exact amount; the message says how to write it."""


def parse_money(value: object, *, allow_negative: bool = False) -> Decimal:
    """Turn a YAML value into euros with cents, refusing anything inexact."""
    if isinstance(value, bool) or value is None:
        raise MoneyError(f"expected an amount in euros, got {_show(value)}")
    if isinstance(value, float):
        raise MoneyError("amount is a binary float; write it as text in the data file, e.g. 50455.25")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = _check_decimal(value)
    elif isinstance(value, str):
        amount = _parse_text(value)
    else:
        raise MoneyError(f"expected an amount in euros, got {type(value).__name__}")
    if amount < 0 and not allow_negative:
        raise MoneyError(f"amount {value} is negative; amounts here are never below zero")
    if abs(amount) >= MAX_AMOUNT:
        raise MoneyError(f"amount {value} is absurdly large (at most 999999999999.99)")
    return amount.quantize(CENT)


def _check_decimal(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise MoneyError(f"amount {value} is not a finite number")
    text = str(value)
    if "E" in text or "e" in text:
        raise MoneyError(f"amount {value} uses an exponent; write the plain number")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -2:
        if _DUTCH_THOUSANDS.match(text):
            plain = text.replace(".", "")
            raise MoneyError(
                f"amount {text} has more than two decimals; if the point is a Dutch thousands separator, "
                f"write {plain} (in data files a point is the decimal point)"
            )
        raise MoneyError(f"amount {text} has more than two decimals (sub-cent)")
    return value


def _parse_text(text: str) -> Decimal:
    stripped = text.strip()
    if _PLAIN_AMOUNT.match(stripped):
        raise MoneyError(f"amount '{text}' is quoted text; write it unquoted: {stripped}")
    hint = _dutch_hint(stripped)
    raise MoneyError(f"amount '{text}' is text, not a number{hint}")


def _dutch_hint(text: str) -> str:
    return dutch_notation_hint(text) or "; write a plain number such as 557000 or 50455.25"


def dutch_notation_hint(text: str) -> str:
    """`; Dutch notation is not read, write 557000` for `€ 557.000`, `557.000,00` and the like; else empty."""
    candidate = text.replace("€", "").replace("EUR", "").strip().rstrip("-").rstrip(",").strip()
    if _DUTCH_THOUSANDS.match(candidate) or re.match(r"^-?\d+,\d{1,2}$", candidate):
        whole, _, cents = candidate.partition(",")
        plain = whole.replace(".", "") + (f".{cents}" if cents and cents.strip("0") else "")
        try:
            Decimal(plain)
        except InvalidOperation:  # pragma: no cover - the patterns above only admit digits
            return ""
        return f"; Dutch notation is not read, write {plain}"
    return ""


def _show(value: object) -> str:
    return "nothing (null)" if value is None else repr(value)


def whole_euros(amount: Decimal) -> Decimal:
    """Rounded as a publication rounds: half up, to the euro."""
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
