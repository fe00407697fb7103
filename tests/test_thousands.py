"""`--thousands` (bedragen × € 1.000) and voordeel/nadeel, as municipal documents write them (issue 20, point 4).

The real command on the shipped data (Tabel 1 2024, whose rounded lines add up to 1.054 against a total of
1.055), on the synthetic minimal tree changed so that its rounded lines do or do not add up, and on the
synthetic realisatie.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import MINIMAL, SHIPPED, build_realised, run
from wawtool.layout.table import MoneyCell, Sum, Table
from wawtool.layout.thousands import in_thousands

UNIT = "Bedragen × € 1.000"
TABEL_1_LINES = ["95", "18", "15", "21", "150", "240", "58", "50", "210", "80", "35", "32", "50"]


def _rows(text: str) -> list[list[str]]:
    """The cells of every markdown table row, bold and padding off."""
    return [
        [c.strip().strip("*") for c in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]


def test_tabel_1_2024_in_thousands_rounds_every_line_and_notes_that_they_add_up_to_1054_not_1055() -> None:
    result = run("budget", "--year", "2024", "--thousands", "--format", "markdown", data=SHIPPED)
    assert result.exit_code == 0, result.output
    begroting = result.stdout[: result.stdout.index("### Versies")]
    rows = _rows(begroting)
    lines = [r[2] for r in rows[1:] if r[0] == "" and r[1]]
    assert lines == TABEL_1_LINES and sum(map(int, lines)) == 1054
    assert ["Totaal uitgaven", "", "1.055"] in rows
    assert [r[2] for r in rows if r[0] in ("Organisatie", "Projecten", "Trainingen")] == ["149", "855", "50"]
    assert begroting.count(UNIT) == 1  # said once, above the table; not a euro sign in a cell
    assert not any("€" in r[2] for r in rows[1:])
    notes = [line for line in begroting.splitlines() if "Afrondingsverschil" in line]
    assert notes == [
        "> Afrondingsverschil bij Totaal uitgaven: de afgeronde regels tellen op tot 1.054, het afgeronde totaal "
        "is 1.055 (exact € 1.054.795,25)."
    ]  # and no note for Organisatie (149), Projecten (855) or Trainingen (50), whose lines do add up


@pytest.mark.parametrize("fmt", ["table", "html"])
def test_the_unit_the_total_and_the_note_are_in_every_text_format(fmt: str) -> None:
    text = run("budget", "--year", "2024", "--thousands", "--format", fmt, data=SHIPPED).stdout
    assert UNIT in text and "1.055" in text and "1.054" in text and "€ 150.000" not in text
    assert "Afrondingsverschil bij Totaal uitgaven" in text


def test_without_the_option_nothing_is_rounded_to_thousands() -> None:
    text = run("budget", "--year", "2024", data=SHIPPED).stdout
    assert UNIT not in text and "Afrondingsverschil" not in text and "€ 1.054.795" in text


@pytest.mark.parametrize(
    "command",
    [
        ("budget", "--year", "2024"),
        ("budget", "--year", "2024", "--format", "csv", "--table", "begroting"),
        ("check-budget",),
        ("decision", "doc-23001887"),
        ("funds",),
    ],
)
def test_json_and_csv_keep_their_exact_amounts_with_thousands(command: tuple[str, ...]) -> None:
    fmt = ("--format", "json") if "--format" not in command else ()
    exact = run(*command, *fmt, data=SHIPPED)
    scaled = run(*command, *fmt, "--thousands", data=SHIPPED)
    assert scaled.exit_code == exact.exit_code and scaled.stdout == exact.stdout
    assert "1054795.25" in exact.stdout or "1054795,25" in exact.stdout or command[0] != "budget"


def _minimal(tmp_path: Path, coordinatie: str, communicatie: str, alpha: str) -> Path:
    """The minimal tree with 2023 as three lines: two in Organisatie, Alpha's in Projecten, and its stated total."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    programmes = data / "programmes.yaml"
    text = programmes.read_text(encoding="utf-8").replace("    amount: 100.50\n", f"    amount: {coordinatie}\n", 1)
    extra = (
        f"  - programme: prog\n    year: 2023\n    group: organisatie\n    description: Communicatie\n"
        f'    amount: {communicatie}\n    source: "synthetic"\navailable:\n'
    )
    programmes.write_text(text.replace("available:\n", extra, 1), encoding="utf-8")
    project = data / "projects" / "alpha.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace(
            "  - year: 2023\n    amount: 500\n", f"  - year: 2023\n    amount: {alpha}\n"
        ),
        encoding="utf-8",
    )
    total = Decimal(coordinatie) + Decimal(communicatie) + Decimal(alpha)
    decision = data / "decisions" / "begr.yaml"
    decision.write_text(decision.read_text(encoding="utf-8").replace("amount: 601\n", f"amount: {total}\n"))
    assert run("validate", data=data).exit_code == 0
    return data


def test_where_the_rounded_lines_add_up_there_is_no_note(tmp_path: Path) -> None:
    data = _minimal(tmp_path, "2200", "1200", "1600")  # 2 + 1 = 3 (3.400), 2 (1.600); 2 + 1 + 2 = 5 (5.000)
    text = run("budget", "--year", "2023", "--thousands", "--format", "markdown", data=data).stdout
    rows = _rows(text[: text.index("### Versies")])
    assert [r[2] for r in rows[1:6]] == ["3", "2", "1", "2", "2"] and ["Totaal uitgaven", "", "5"] in rows
    assert UNIT in text and "Afrondingsverschil" not in text


def test_a_subtotal_whose_lines_do_not_add_up_is_named_and_the_total_that_does_is_not(tmp_path: Path) -> None:
    data = _minimal(tmp_path, "1400", "1400", "1600")  # 1 + 1 = 2 against 3 (2.800); 1 + 1 + 2 = 4 (4.400)
    text = run("budget", "--year", "2023", "--thousands", data=data).stdout
    assert (
        "Afrondingsverschil bij Organisatie: de afgeronde regels tellen op tot 2, het afgeronde totaal is 3 "
        "(exact € 2.800)." in text
    )
    assert "Afrondingsverschil bij Totaal uitgaven" not in text


def test_rounding_is_half_up_from_the_exact_amount(tmp_path: Path) -> None:
    """€ 1.499,50 is 1 (not 2, which rounding to euros first would give); € 1.500 is 2 (not 2 by half-even luck:
    € 2.500 is 3, where half-even would say 2)."""
    data = _minimal(tmp_path, "1499.50", "2500", "1500")
    text = run("budget", "--year", "2023", "--thousands", "--format", "markdown", data=data).stdout
    rows = _rows(text[: text.index("### Versies")])
    assert [r[2] for r in rows[1:6]] == ["4", "1", "3", "2", "2"]  # 4 is € 3.999,50 rounded
    assert ["Totaal uitgaven", "", "5"] in rows  # € 5.499,50; the lines add up to 6
    assert "de afgeronde regels tellen op tot 6, het afgeronde totaal is 5 (exact € 5.499,50)" in text


def test_any_table_with_sums_gets_its_notes_and_each_names_its_column() -> None:
    """The thousands logic is over Tables: a table another report builds gets it by saying which rows add up."""
    table = Table(
        title="Meerjarig",
        columns=["Post", "2024", "2025"],
        rows=[["a", MoneyCell(Decimal("1400")), MoneyCell(Decimal("1000"))], ["b", MoneyCell(Decimal("1400")), ""]],
        footer=[["Totaal", MoneyCell(Decimal("2800")), MoneyCell(Decimal("1000"))]],
        numeric=frozenset({1, 2}),
        sums=(Sum("Totaal", 2, (0, 1)),),
    )
    (scaled,) = in_thousands([table])
    assert scaled.unit == UNIT and scaled.notes == [
        "Afrondingsverschil bij Totaal, 2024: de afgeronde regels tellen op tot 2, het afgeronde totaal is 3 "
        "(exact € 2.800)."
    ]  # 2025 has a row without an amount: nothing is said of it
    words = Table(title="Tekst", columns=["Post"], rows=[["geen bedrag"]])
    assert in_thousands([words]) == [words]


@pytest.fixture
def realised(tmp_path: Path) -> Path:
    """The synthetic realisatie with Alpha overspent in 2021 (€ 450 against € 400): a nadeel beside beta's 0."""
    data = build_realised(tmp_path / "data")
    year = data / "realisatie" / "2021.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("amount: 350.00", "amount: 450.00", 1))
    return data


def test_a_difference_between_begroting_and_realisatie_says_voordeel_or_nadeel(realised: Path) -> None:
    text = run("budget", "--year", "2021", "--format", "markdown", data=realised).stdout
    rows = _rows(text[text.index("### Begroot en gerealiseerd") :])
    assert ["", "Alpha", "€ 400", "€ 450", "€ 50 nadeel", "112,5%"] in rows
    assert ["", "Beta", "€ 399,75", "€ 399,75", "€ 0", "100%"] in rows
    assert ["Totaal", "", "€ 799,75", "€ 849,75", "€ 50 nadeel", "106,3%"] in rows
    good = run("budget", "--year", "2022", "--format", "markdown", data=realised).stdout
    assert "| **Totaal** |  | **€ 200,25** | **€ 150,10** | **€ 50,15 voordeel** | **75%** |" in good
    html = run("budget", "--year", "2021", "--format", "html", data=realised).stdout
    assert '<td class="num">€ 50 nadeel</td>' in html
    assert "€ 50 nadeel" in run("check-budget", "--year", "2021", data=realised).stdout
    assert "€ 50 nadeel" in run("show", "alpha", data=realised).stdout


def test_csv_keeps_the_signed_difference_and_says_the_word_beside_it(realised: Path) -> None:
    csv = run(
        "budget",
        "--year",
        "2021",
        "--format",
        "csv",
        "--table",
        "realisatie",
        "--csv-dialect",
        "rfc4180",
        data=realised,
    ).stdout.splitlines()
    assert csv[0] == (
        "Groep,Post,Begroot,Begroot (precisie),Gerealiseerd,Gerealiseerd (precisie),Verschil,Verschil (precisie),"
        "Verschil (voordeel/nadeel),% besteed,% besteed (precisie)"
    )
    assert ",Alpha,400.00,,450.00,,-50.00,,nadeel,112.5," in csv
    assert ",Beta,399.75,,399.75,,0.00,,,100.0," in csv
    report = json.loads(run("budget", "--year", "2021", "--format", "json", data=realised).stdout)
    assert report["realisatie"]["difference"] == "-50.00"  # the report itself is unchanged: signed and exact


def test_a_difference_rounded_to_zero_thousands_has_no_word(realised: Path) -> None:
    text = run("budget", "--year", "2021", "--thousands", data=realised).stdout
    assert "nadeel" not in text.split("Verschil = begroot")[0] and UNIT in text


def test_headroom_and_moves_keep_their_own_words() -> None:
    """Ruimte is not a difference with realisatie, and a move keeps +€ / −€."""
    budget = run("budget", "--year", "2024", data=SHIPPED).stdout
    assert "ca. € 250.000 (± € 50.000, voorlopig)" in budget and "voordeel" not in budget
    decision = run("decision", "bijstelling-2020", data=SHIPPED).stdout
    assert "voordeel" not in decision and "nadeel" not in decision
