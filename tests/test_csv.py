"""`--format csv`: one table a file, in the Dutch dialect or RFC 4180, figures apart from the words on their
precision, lights and verdicts as words; and what `-o` may and may not replace."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import SHIPPED, run, snapshot
from wawtool.figures import Figure
from wawtool.layout.table import CountCell, FigureCell, LightCell, MoneyCell, Table, VerdictCell
from wawtool.render.csv import to_csv
from wawtool.values import Verdict


def _rfc4180(written: bytes) -> list[list[str]]:
    """Read with nothing but Python's csv module and its defaults (the excel dialect: `,`, `"`)."""
    assert not written.startswith(b"\xef\xbb\xbf")  # no byte-order mark
    assert written.endswith(b"\r\n") and b"\n" not in written.replace(b"\r\n", b"")  # CRLF, as RFC 4180 says
    return list(csv.reader(io.StringIO(written.decode("utf-8"), newline="")))


def test_the_rfc4180_dialect_reads_back_with_pythons_csv_module(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = run("budget", "--year", "2024", "--format", "csv", "--csv-dialect", "rfc4180", "-o", out, data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: begroting.csv, versies.csv, risicos.csv\n"
    rows = _rfc4180((out / "begroting.csv").read_bytes())
    assert rows[0] == ["Groep", "Post", "Bedrag", "Bedrag (precisie)"]
    assert all(len(row) == 4 for row in rows)
    by_name = {row[0] or row[1]: row for row in rows[1:]}
    assert Decimal(by_name["Totaal uitgaven"][2]) == Decimal("1054795.25")
    assert by_name["Uitvoering, coördinatie & monitoring"][2] == "95000.00"
    assert by_name["Ruimte"][2:] == ["245204.75", "ca. ± € 50.000, voorlopig"]  # the number, and its "ca."
    lines = [Decimal(row[2]) for row in rows[1:] if not row[0]]
    assert sum(lines) == Decimal("1054795.25")
    versions = _rfc4180((out / "versies.csv").read_bytes())
    assert versions[0] == ["Versie", "Besluit", "Status", "Wijziging", "Totaal", "Totaal (precisie)"]


def test_the_status_csv_writes_lights_and_qualifiers_as_words() -> None:
    result = run("status", "--quarter", "Q3-2021", "--format", "csv", "--csv-dialect", "rfc4180", data=SHIPPED)
    assert result.exit_code == 0, result.output
    rows = _rfc4180(result.stdout_bytes)
    header = rows[0]
    at = {name: header.index(name) for name in header}
    (zorgstart,) = [r for r in rows if r[1] == "ZorgStart" and r[2] == "Uitstroom naar betaald werk"]
    assert [zorgstart[at[c]] for c in ("Doel", "Resultaat", "Resultaat (precisie)", "Licht")] == [
        "250",
        "80",
        "ruim",
        "groen",
    ]
    assert (zorgstart[at["% van doel naar rato"]], zorgstart[at["% van doel naar rato (precisie)"]]) == ("85.3", "ca.")
    lights = {r[at["Licht"]] for r in rows[1:]}
    assert {"groen", "geen gegevens"} <= lights and not any("-" in light for light in lights)


def test_precision_words_stand_beside_a_number_a_spreadsheet_can_sum() -> None:
    table = Table(
        title="Proef",
        columns=["Post", "Bedrag", "Aantal", "Licht", "Oordeel"],
        rows=[
            ["exact", MoneyCell(Decimal("-50455.25")), CountCell(Decimal(1160)), LightCell("rood"), ""],
            ["ca.", MoneyCell(Decimal(1000), approximate=True), CountCell(Decimal(80), "ruim"), "", ""],
            ["onbekend", MoneyCell(None), CountCell(None), LightCell("geen-gegevens", manual=True), ""],
            ["deels", MoneyCell(Decimal(5), partly_unknown=True, derived=True), CountCell(Decimal(87), percent=True)]
            + ["", VerdictCell(Verdict.FAIL)],
            ["marge", FigureCell(Figure(value=Decimal("1300000"), qualifier="zo'n", margin=Decimal(50000))), None]
            + [LightCell("oranje"), VerdictCell(Verdict.UNKNOWN)],
            ["grens", FigureCell(Figure(value=Decimal(900), approximate=True, bound="min", provisional=True)), None]
            + ["", VerdictCell(Verdict.PASS)],
            ["niet negatief", FigureCell(Figure(value=Decimal(0), bound="min")), CountCell(Decimal(3), "minimaal")]
            + ["", ""],
        ],
        numeric=frozenset({1, 2}),
    )
    text = to_csv(table, "nl").decode("utf-8-sig")
    assert text.splitlines() == [
        "Post;Bedrag;Bedrag (precisie);Aantal;Aantal (precisie);Licht;Oordeel",
        "exact;-50455,25;;1160;;rood;",  # a negative amount is a number, not a guarded text; never `1.160`
        "ca.;1000;ca.;80;ruim;;",
        "onbekend;;onbekend;;onbekend;geen gegevens (handmatig);",  # unknown is empty, never 0
        "deels;5;plus onbekend, afgeleid;87%;;;voldoet niet",
        "marge;1300000;zo'n ± € 50.000;;;oranje;niet toetsbaar",
        "grens;900;minimaal ca., voorlopig;;;;voldoet",
        "niet negatief;;onbekend (≥ € 0);3;minimaal;;",
    ]


def test_several_tables_on_stdout_are_refused_and_named() -> None:
    result = run("budget", "--year", "2024", "--format", "csv", data=SHIPPED)
    assert result.exit_code == 2 and result.stdout == ""
    assert "3 tables (begroting, versies, risicos)" in result.stderr and "--table NAME" in result.stderr
    assert "-o DIRECTORY" in result.stderr
    chosen = run("budget", "--year", "2024", "--format", "csv", "--table", "risicos", data=SHIPPED)
    assert chosen.exit_code == 0 and chosen.stdout.startswith("\ufeffJaar;Post;Bedrag;Bedrag (precisie);Voorwaarde\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "csv", "--table", "totaal"],
            "no table 'totaal' in this report; it has: begroting, versies, risicos",
        ),
        (["--table", "begroting"], "--table only go with --format csv"),
        (["--format", "json", "--csv-dialect", "rfc4180", "-o", "x"], "--csv-dialect, -o only go with --format csv"),
        (["--format", "csv", "--csv-dialect", "excel"], "'excel' is not one of"),
    ],
)
def test_csv_options_that_cannot_be_used_exit_2(args: list[str], message: str) -> None:
    result = run("budget", "--year", "2024", *args, data=SHIPPED)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_o_replaces_only_a_directory_of_csv_files_waw_wrote(shipped_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert run("budget", "--year", "2024", "--format", "csv", "-o", out, data=shipped_copy).exit_code == 0
    assert sorted(p.name for p in out.glob("*.csv")) == ["begroting.csv", "risicos.csv", "versies.csv"]
    again = run("budget", "--year", "2024", "--format", "csv", "--table", "begroting", "-o", out, data=shipped_copy)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in out.glob("*.csv")) == ["begroting.csv"]  # the whole directory, nothing stale

    (out / "mijn-notities.txt").write_text("van de controller")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    refused = run("budget", "--year", "2024", "--format", "csv", "-o", out, data=shipped_copy)
    assert refused.exit_code == 2 and "mijn-notities.txt" in refused.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    foreign = tmp_path / "rapport"
    foreign.mkdir()
    (foreign / "begroting.csv").write_text("door iemand anders")
    assert run("status", "--format", "csv", "-o", foreign, data=shipped_copy).exit_code == 2
    assert (foreign / "begroting.csv").read_text() == "door iemand anders"

    data_before = snapshot(shipped_copy)
    inside = run("status", "--format", "csv", "-o", shipped_copy / "csv", data=shipped_copy)
    assert inside.exit_code == 2 and "inside the data directory" in inside.stderr
    assert run("status", "--format", "csv", "-o", shipped_copy, data=shipped_copy).exit_code == 2
    assert snapshot(shipped_copy) == data_before
