"""Dutch display of amounts and verdicts, shared by every text renderer."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from ..figures import QUALIFIERS, Figure
from ..money import whole_euros
from ..values import Verdict
from .table import Cell, CountCell, FigureCell, LightCell, MoneyCell, VerdictCell

UNKNOWN_LABEL = "onbekend"
VERDICT_LABEL = {
    Verdict.PASS: "✔ voldoet",
    Verdict.FAIL: "✘ voldoet niet",
    Verdict.UNKNOWN: "? niet toetsbaar",
}


@functools.cache
def _separators() -> tuple[str, str]:
    """The Dutch decimal and grouping symbols, from Babel's locale data (looked up once)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol("nl_NL"), get_group_symbol("nl_NL")


def _dutch(value: Decimal, decimals: int) -> str:
    """Group and point as nl_NL does; the digits come from Decimal's own exact formatting."""
    decimal, group = _separators()
    return format(value, f",.{decimals}f").translate({44: group, 46: decimal})


def euro(amount: Decimal, *, whole: bool = False) -> str:
    """`€ 1.054.795` or `€ 50.455,25`: cents only where there are cents, or never when `whole`."""
    if whole or amount == amount.to_integral_value():
        text = _dutch(whole_euros(abs(amount)), 0)
    else:
        text = _dutch(abs(amount), 2)
    return f"€ {'-' if amount < 0 else ''}{text}"


THOUSANDS_UNIT = "Bedragen × € 1.000"
VOORDEEL, NADEEL = "voordeel", "nadeel"
OUTCOME_COLUMN = "voordeel/nadeel"  # the column that says the word beside a signed difference (CSV, xlsx)


def thousands(amount: Decimal) -> Decimal:
    """An amount as a whole count of € 1.000, rounded as a publication rounds (half up) from the exact amount."""
    return (amount / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def thousands_text(amount: Decimal) -> str:
    """`1.055` for € 1.054.795,25, `-2` for € -1.500: the unit is said once, in the table."""
    rounded = thousands(amount)
    return ("-" if rounded < 0 else "") + _dutch(abs(rounded), 0)


def _amount(amount: Decimal, *, whole: bool, in_thousands: bool) -> str:
    return thousands_text(amount) if in_thousands else euro(amount, whole=whole)


def outcome_word(cell: MoneyCell) -> str:
    """`voordeel` or `nadeel` for a difference between begroting and realisatie (lasten: spending below the
    begroting is a voordeel); nothing for no difference, an unknown or any other amount."""
    if cell.outcome is None or not cell.amount:
        return ""
    under = cell.amount > 0 if cell.outcome == "under" else cell.amount < 0
    return VOORDEEL if under else NADEEL


def change_text(amount: Decimal, *, whole: bool = True) -> str:
    """A change of a total: `+€ 4.402`, `−€ 29.000`, `€ 0`."""
    if not amount:
        return euro(amount, whole=whole)
    return ("+" if amount > 0 else "−") + euro(abs(amount), whole=whole)


def decision_status_text(status: str | None, date: str | None) -> str:
    """`voorgesteld 2023-11-16`: a proposal is not a decision, and every report that names one says which."""
    return f"{status} {date}" if status and date else "status onbekend"


def money_text(cell: MoneyCell) -> str:
    """`€ 50.455,25`, `ca. € 245.205`, `€ 1.000 voordeel` (a difference says its word, not its sign), `1.055` in
    thousands, `€ 0 (geen boekingen)`."""
    if cell.amount is None:
        text = UNKNOWN_LABEL
    else:
        scaled = cell.thousands and not cell.exact
        word = outcome_word(cell) if not scaled or thousands(cell.amount) else ""  # no `0 voordeel`
        amount = abs(cell.amount) if word else cell.amount
        text = _amount(amount, whole=cell.whole or cell.approximate, in_thousands=scaled)
        if cell.approximate:
            text = f"ca. {text}"
        if word:
            text = f"{text} {word}"
        if cell.partly_unknown:
            text = f"{text} + onbekend"
        if cell.derived:
            text = f"{text} (afgeleid)"
    return f"{text} ({cell.remark})" if cell.remark else text


PROJECT_STATUS_LABEL = {
    "planned": "gepland",
    "running": "lopend",
    "on_hold": "on hold",
    "stopped": "gestopt",
    "completed": "afgerond",
}

# Where a project stands in a quarter, as its monitor shows it (reports.status.project_phases): the words of its
# lights without their shapes, and `lopend` for a project that runs.
PHASE_LABEL = {
    "lopend": "lopend",
    "gepland": "gepland",
    "on-hold": "on hold",
    "gestopt": "gestopt",
    "afgerond": "afgerond",
    "afgelopen": "afgelopen",
}

# A word and a shape next to every light, so it reads without colour (NO_COLOR, print, a pipe, colour blindness):
# a circle for groen, a diamond for oranje, a cross for rood.
LIGHT_LABEL = {
    "groen": "● groen",
    "oranje": "◆ oranje",
    "rood": "✖ rood",
    "geen-gegevens": "○ geen gegevens",
    "geen-doel": "○ geen doel",
    "periode-onbekend": "○ periode onbekend",
    "kwalitatief": "◇ kwalitatief",
    "gepland": "○ gepland",
    "on-hold": "‖ on hold",
    "gestopt": "■ gestopt",
    "afgerond": "✓ afgerond",
    "afgelopen": "□ afgelopen",
    "binnen-maximum": "○ binnen maximum",
    "boven-maximum": "▲ boven maximum",
}
# In markdown (a pull request, a pasted monitor) the lights are coloured emoji in the same three shapes.
MARKDOWN_SYMBOL = {"groen": "🟢", "oranje": "🔶", "rood": "❌"}
# How a qualifier reads in a report: the source's own word, but "ongeveer" as "ca.".
QUALIFIER_LABEL = {word: "ca." if word == "ongeveer" else word for word in QUALIFIERS}


def light_text(cell: LightCell, *, markdown: bool = False) -> str:
    text = LIGHT_LABEL[cell.state]
    if markdown and cell.state in MARKDOWN_SYMBOL:
        text = f"{MARKDOWN_SYMBOL[cell.state]} {cell.state}"
    return f"{text} (handmatig)" if cell.manual else text


def number_text(value: Decimal | None, qualifier: str | None = None, *, percent: bool = False) -> str:
    """`ruim 80`, `ca. 50`, `87%`, `1.160`; an unknown is `onbekend`, never 0."""
    if value is None:
        return UNKNOWN_LABEL
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
    shown = _dutch(rounded, 0 if rounded == rounded.to_integral_value() else 1) + ("%" if percent else "")
    return f"{QUALIFIER_LABEL[qualifier]} {shown}" if qualifier else shown


def cell_text(cell: Cell, *, markdown: bool = False) -> str:
    if cell is None:
        return ""
    if isinstance(cell, LightCell):
        return light_text(cell, markdown=markdown)
    if isinstance(cell, MoneyCell):
        return money_text(cell)
    if isinstance(cell, CountCell):
        return number_text(cell.value, cell.qualifier, percent=cell.percent)
    if isinstance(cell, FigureCell):
        text = figure_text(cell.figure, money=cell.money, percent=cell.percent, in_thousands=cell.thousands)
        return f"{text} + onbekend" if cell.partly_unknown else text
    if isinstance(cell, VerdictCell):
        return VERDICT_LABEL[cell.verdict]
    return str(cell)


_PERCENT_APPROX = "≈"


def display_unit(margin: Decimal) -> Decimal:
    """The coarsest step of 1 or 5 times a power of ten within a margin: digits finer than it say nothing."""
    unit = Decimal(1)
    while unit * 10 <= margin:
        unit *= 10
    return unit * 5 if unit * 5 <= margin else unit


def _ranged_money(figure: Figure, in_thousands: bool = False) -> str:
    """`ca. € 250.000 (± € 50.000, voorlopig)`: an amount known to a margin, shown to the digit it supports
    (in thousands `ca. 250 (± 50, voorlopig)`, never finer than a thousand)."""
    assert figure.value is not None and figure.margin is not None
    unit = display_unit(figure.margin)
    rounded = (figure.value / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit
    if in_thousands and unit < 1000:
        rounded = figure.value  # a margin finer than a thousand: rounded once, to the thousand, from the exact value
    word = QUALIFIER_LABEL.get(figure.qualifier, figure.qualifier) if figure.qualifier else "ca."
    margin = _amount(figure.margin, whole=True, in_thousands=in_thousands)
    parts = [f"± {margin}"] + (["voorlopig"] if figure.provisional else [])
    text = f"{word} {_amount(rounded, whole=True, in_thousands=in_thousands)} ({', '.join(parts)})"
    return f"{text} (afgeleid)" if figure.derived_from else text


def figure_text(figure: Figure | None, *, money: bool = True, percent: bool = False, in_thousands: bool = False) -> str:
    """`ca. € 250.000 (± € 50.000)`, `minimaal ca. € 900.000`, `onbekend (≥ € 0)`, `≈ 85%`, `ruim 80`,
    `onbekend`; money `in_thousands` as a count of € 1.000 (`ca. 250 (± 50)`)."""
    if figure is None:
        return ""
    if figure.value is None:
        return UNKNOWN_LABEL
    if money and figure.margin:
        return _ranged_money(figure, in_thousands)
    whole = figure.approximate or figure.bound is not None
    if money:
        shown = _amount(figure.value, whole=whole, in_thousands=in_thousands)
    else:
        shown = number_text(figure.value.to_integral_value() if whole and percent else figure.value, percent=percent)
    if figure.bound == "min" and figure.value == 0 and not figure.qualifier:
        return f"{UNKNOWN_LABEL} (≥ {shown})"  # all that is known is that it is not negative
    elif figure.qualifier:
        text = f"{QUALIFIER_LABEL.get(figure.qualifier, figure.qualifier)} {shown}"
    else:
        approx = (_PERCENT_APPROX if percent or not money else "ca.") if figure.approximate else ""
        word = {"min": "minimaal", "max": "maximaal", None: ""}[figure.bound]
        if percent and approx:
            word = ""  # "≈ 85%" says enough of a share computed from "ruim 80"
        text = " ".join(part for part in (word, approx, shown) if part)
    if figure.provisional:
        text += " (voorlopig)"
    return f"{text} (afgeleid)" if figure.derived_from else text


def sealed_findings(count: int) -> str:
    """The closing words of a check that found published figures changed without a correction."""
    return f"{count} gepubliceerd(e) cijfer(s) gewijzigd zonder correctie"
