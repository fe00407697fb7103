"""Tables that stay tables in a terminal (issue 21, point 1): at 120 columns no table of the shipped data is
stacked into `column  value` blocks; text wraps and folds, empty columns give way, and the tables of one
report share one layout; at 80 columns nothing is wider than 80 and no amount is broken across lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from helpers import SHIPPED, run
from wawtool.layout.dutch import euro
from wawtool.layout.table import MoneyCell, Table
from wawtool.render.terminal import STACKED_ROW, column_widths, segments, wrap

SHIPPED_PROJECTS = sorted(p.stem for p in (SHIPPED / "projects").glob("*.yaml"))
YEARS = ("2020", "2021", "2022", "2024")
QUARTERS = ("Q3-2020", "Q3-2021", "Q3-2023")

# every command that prints tables, on the shipped data
COMMANDS: list[tuple[str, ...]] = [
    ("check-budget",),
    ("check-budget", "--thousands"),
    ("funds",),
    ("budget", "--years", "2024-2027"),
    ("status",),
    ("report",),
    ("diff", "HEAD"),
    *(("budget", "--year", year) for year in YEARS),
    ("budget", "--year", "2024", "--thousands"),
    *(("check-budget", "--year", year) for year in YEARS),
    *(("status", "--quarter", quarter) for quarter in QUARTERS),
    *(("report", "--quarter", quarter) for quarter in QUARTERS),
    ("decision", "bijstelling-2020"),
    ("decision", "doc-23001887"),
    *(("show", project) for project in SHIPPED_PROJECTS),
]


def _stacked_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() == STACKED_ROW]


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("report",),
        ("report", "--quarter", "Q3-2021"),
        ("check-budget",),
        *(("status", "--quarter", quarter) for quarter in QUARTERS),
        ("report", "--quarter", "Q3-2020"),
        ("budget", "--years", "2024-2027"),
    ],
    ids=" ".join,
)
def test_no_table_is_stacked_at_120_columns(command: tuple[str, ...]) -> None:
    done = run(*command, data=SHIPPED, columns=120)
    assert done.exit_code == 0, done.output[-500:]
    assert _stacked_rows(done.stdout) == []
    assert "┏" in done.stdout and max(len(line) for line in done.stdout.splitlines()) <= 120


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_nothing_is_wider_than_80_columns(command: tuple[str, ...]) -> None:
    done = run(*command, data=SHIPPED, columns=80)
    assert done.exit_code in (0, 1), done.output[-500:]
    assert [line for line in done.stdout.splitlines() if len(line) > 80] == []


def _amounts(value: object) -> Iterator[Decimal]:
    """Every amount in a report's JSON (pydantic writes a Decimal as a string: "1054795.25")."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _amounts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _amounts(item)
    elif isinstance(value, str) and re.fullmatch(r"-?\d+\.\d{2}", value):
        yield Decimal(value)


@pytest.mark.parametrize(
    "command",
    [("check-budget",), ("budget", "--year", "2024"), ("funds",), ("decision", "doc-23001887")],
    ids=" ".join,
)
def test_every_amount_stays_on_one_line_at_80_columns(command: tuple[str, ...]) -> None:
    """Each amount of the JSON report that the unlimited output shows (`€ 1.054.795`, to the euro or the cent)
    is in the 80-column output whole: its euro sign, digits and separators on one line."""
    report = json.loads(run(*command, "--format", "json", data=SHIPPED).stdout)
    wide = run(*command, data=SHIPPED, columns=100_000).stdout
    narrow = run(*command, data=SHIPPED, columns=80).stdout
    shown = {
        text for amount in _amounts(report) for whole in (True, False) if (text := euro(amount, whole=whole)) in wide
    }
    assert len(shown) >= 10
    assert sorted(text for text in shown if text not in narrow) == []
    assert "€ 1.054.795" in narrow or command[0] != "budget"
    for line in narrow.splitlines():
        assert not re.search(r"€$|€ [\d.]*\.$", line.rstrip(" │┃")), line  # never a sign or figure cut short


def _rules(text: str) -> list[tuple[str, str]]:
    """Each boxed table's top rule and the heading line under it."""
    lines = text.splitlines()
    return [(line, lines[number + 1]) for number, line in enumerate(lines) if line.startswith("┏")]


@pytest.mark.parametrize("quarter", [(), ("--quarter", "Q3-2021"), ("--quarter", "Q3-2020")], ids=str)
def test_the_categories_of_a_report_share_one_layout(quarter: tuple[str, ...]) -> None:
    """Every category table of `waw report` gets the same column widths, measured over all of them; the
    long Toelichting is not squeezed while the short "% van doel naar rato" takes the room of its heading (it
    took 22 characters beside a Toelichting of 28)."""
    done = run("report", *quarter, data=SHIPPED, columns=120)
    categories = [rule for rule, heading in _rules(done.stdout) if heading.startswith("┃ Project ")]
    assert len(categories) >= 3
    assert len(set(categories)) == 1, "\n".join(sorted(set(categories)))
    widths = [len(piece) - 2 for piece in categories[0].strip("┏┓").split("┳")]
    share, explanation = widths[4], widths[-1]
    assert share <= 10 and explanation >= 3 * share, widths


def test_a_column_empty_in_every_row_gives_way_before_a_table_stacks() -> None:
    table = Table(
        "t",
        ["Post", "Opmerking bij deze post", "Bedrag"],
        [["Uitvoering", "", MoneyCell(Decimal("1054795"))], ["Communicatie", None, MoneyCell(Decimal("15000"))]],
        numeric=frozenset({2}),
    )
    wide = column_widths([table], 80)
    assert wide is not None and all(wide)  # room enough: the column stays, empty
    narrow = column_widths([table], 32)
    assert narrow is not None and narrow[1] == 0  # left out rather than stacked: it held nothing
    text = "".join(piece for piece, _ in segments([table], None, False, 32))
    assert "Opmerking" not in text and "€ 1.054.795" in text and _stacked_rows(text) == []
    assert max(len(line) for line in text.splitlines()) <= 32


def test_long_words_of_text_fold_before_a_table_stacks_and_figures_never_do() -> None:
    table = Table(
        "t",
        ["Categorie", "Project", "Toelichting", "Bedrag"],
        [
            [
                "Scholingsprojecten",
                "Mobiliteitsdienstverlening",
                "Een lange toelichting die de meeste ruimte vraagt en dus de breedste kolom krijgt " * 3,
                MoneyCell(Decimal("1054795.25")),
            ]
        ],
        numeric=frozenset({3}),
    )
    widths = column_widths([table], 70)
    assert widths is not None  # the words of 18 and 26 letters fold rather than the table stacking
    assert widths[3] == len("€ 1.054.795,25") and widths[2] > max(widths[0], widths[1])
    text = "".join(piece for piece, _ in segments([table], None, False, 70))
    assert "€ 1.054.795,25" in text and max(len(line) for line in text.splitlines()) <= 70
    assert column_widths([table], 40) is None  # at last the rows are stacked


def test_a_folded_word_breaks_after_its_hyphen_where_it_has_one() -> None:
    assert wrap("interventie-arbeidsmarkt", 14) == "interventie-\narbeidsmarkt"
    assert wrap("Mobiliteitsdienstverlening", 10) == "Mobiliteit\nsdienstver\nlening"
