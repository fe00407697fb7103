"""Realised spending imported from the administration's export (xlsx and csv), on synthetic data."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from helpers import run, snapshot

BAD = [
    ("Kostenplaats", "Omschrijving", "Bedrag"),
    ("6101", "Alpha uren", 300),
    ("6300", "Onbekende kostenplaats", 10),  # not in the mapping
    ("6200", "Beta", "veel"),  # a text amount
    ("6101", "Alpha uren", 300),  # the same row again
]
CLEAN = [
    ("Kostenplaats", "Omschrijving", "Bedrag"),
    ("6101", "Alpha uren", 300),
    ("6101", "Alpha materiaal", 50),
    ("6200", "Beta", 399.75),
]


def _export(path: Path, rows: list[tuple[object, ...]]) -> Path:
    if path.suffix == ".csv":
        path.write_text("\n".join(";".join(str(v) for v in row) for row in rows) + "\n", encoding="utf-8")
    else:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Boekingen"
        for row in rows:
            sheet.append(list(row))
        workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("suffix", "places"),
    [(".xlsx", ("!Boekingen!A3", "!Boekingen!C4", "!Boekingen!A5")), (".csv", (":3", ":4", ":5"))],
    ids=["xlsx", "csv"],
)
def test_every_problem_of_an_export_is_located_and_nothing_is_written(
    realised: Path, tmp_path: Path, suffix: str, places: tuple[str, str, str]
) -> None:
    export = _export(tmp_path / f"grootboek{suffix}", BAD)
    before = snapshot(realised)
    result = run("import-realisatie", export, "--year", "2023", data=realised)
    assert result.exit_code == 2
    unmapped, text, duplicate = places
    assert result.stderr.splitlines() == [
        f"grootboek{suffix}{unmapped}: code '6300' is not mapped in data/realisatie/mapping.yaml",
        f"grootboek{suffix}{text}: amount 'veel' is text, not a number",
        f"grootboek{suffix}{duplicate}: the same code, amount and description as row 2: a duplicated row?",
        "3 problem(s) found; nothing was written.",
    ]
    assert snapshot(realised) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_clean_export_imports_and_check_budget_reads_it_back(realised: Path, tmp_path: Path, suffix: str) -> None:
    export = _export(tmp_path / f"grootboek{suffix}", CLEAN)
    result = run(
        "import-realisatie", export, "--year", "2021", "--force", "--final", "--source", "Grootboek 2021", data=realised
    )
    assert result.exit_code == 0, result.output
    assert "3 boekingen op 2 regels, samen € 749,75 (definitief)" in result.stdout
    written = (realised / "realisatie" / "2021.yaml").read_text()
    assert "opening: 1000.00" in written and "Bijdrage RMT" in written  # the funds are kept
    assert run("validate", data=realised).exit_code == 0
    report = json.loads(run("check-budget", "--format", "json", data=realised).stdout)
    (year,) = [r for r in report["realisatie"] if r["year"] == 2021]
    assert (year["spent"], year["source"], year["funds_total"]["closing"]) == ("749.75", "Grootboek 2021", "350.25")


def test_a_final_year_is_replaced_only_with_force(realised: Path, tmp_path: Path) -> None:
    export = _export(tmp_path / "grootboek.csv", CLEAN)
    before = (realised / "realisatie" / "2021.yaml").read_bytes()
    refused = run("import-realisatie", export, "--year", "2021", data=realised)
    assert refused.exit_code == 2 and "holds the final realisatie of 2021; use --force" in refused.stderr
    assert (realised / "realisatie" / "2021.yaml").read_bytes() == before
    provisional = run("import-realisatie", export, "--year", "2022", data=realised)  # 2022 is provisional
    assert provisional.exit_code == 0, provisional.output


def test_a_missing_export_or_mapping_says_so(realised: Path, tmp_path: Path) -> None:
    missing = run("import-realisatie", tmp_path / "nergens.csv", "--year", "2022", data=realised)
    assert missing.exit_code == 2 and "cannot read" in missing.stderr and "no such file" in missing.stderr
    (realised / "realisatie" / "mapping.yaml").unlink()
    export = _export(tmp_path / "grootboek.csv", CLEAN)
    unmapped = run("import-realisatie", export, "--year", "2022", data=realised)
    assert unmapped.exit_code == 2 and "mapping.yaml is missing" in unmapped.stderr


@pytest.mark.parametrize("dialect", ["nl", "rfc4180"])
def test_a_csv_as_waw_writes_it_imports_back_to_the_cent(realised: Path, tmp_path: Path, dialect: str) -> None:
    """The round trip: bookings written by waw's own CSV renderer (byte-order mark, `;` and a decimal comma, CRLF;
    or RFC 4180), read by import-realisatie to the same exact amounts, a credit booking included."""
    from decimal import Decimal

    from wawtool.layout.table import MoneyCell, Table
    from wawtool.render.csv import to_csv

    bookings = [("6101", "Alpha, uren", "300.10"), ("6101", "Alpha; materiaal", "50.05"), ("6200", "Beta", "1234.56")]
    bookings.append(("6200", "Beta creditering", "-0.01"))
    table = Table(
        title="Boekingen",
        columns=["Kostenplaats", "Omschrijving", "Bedrag"],
        rows=[[code, text, MoneyCell(Decimal(amount))] for code, text, amount in bookings],
        numeric=frozenset({2}),
    )
    written = to_csv(table, dialect)
    assert (b"300,10;" in written) is (dialect == "nl") and (b"300.10," in written) is (dialect == "rfc4180")
    export = tmp_path / "grootboek.csv"
    export.write_bytes(written)
    result = run("import-realisatie", export, "--year", "2022", "--source", "Terug uit waw", data=realised)
    assert result.exit_code == 0, result.output
    assert "4 boekingen op 2 regels, samen € 1.584,70 (voorlopig)" in result.stdout
    text = (realised / "realisatie" / "2022.yaml").read_text(encoding="utf-8")
    assert "amount: 350.15" in text and "amount: 1234.55" in text


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("1.234,56", "amount '1.234,56' is text, not a number; Dutch notation is not read, write 1234.56"),
        ("12,345", "more than two decimals"),
    ],
)
def test_a_dutch_csv_amount_with_a_thousands_dot_or_sub_cents_is_refused(
    realised: Path, tmp_path: Path, amount: str, message: str
) -> None:
    """A decimal comma is read in a file of `;`; a thousands dot (ambiguous: `1.234` is 1234 or 1,234) is not."""
    export = tmp_path / "grootboek.csv"
    export.write_text(f"\ufeffKostenplaats;Bedrag\r\n6101;{amount}\r\n", encoding="utf-8")
    result = run("import-realisatie", export, "--year", "2022", data=realised)
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_a_comma_in_an_amount_of_a_comma_separated_csv_is_not_a_decimal_comma(realised: Path, tmp_path: Path) -> None:
    """In a file of `,` a quoted "1,234" is English for 1234: read as 1,234 it would be off by a factor 1000."""
    export = tmp_path / "grootboek.csv"
    export.write_text('Kostenplaats,Bedrag\r\n6101,"1,234"\r\n', encoding="utf-8")
    result = run("import-realisatie", export, "--year", "2022", data=realised)
    assert result.exit_code == 2 and "amount '1,234' is text, not a number" in result.stderr, result.stderr
