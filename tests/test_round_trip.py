"""Any figure a data file may hold comes back out of every renderer as it went in: exact in JSON, CSV and the
workbook; in the tables (terminal, markdown, HTML) as the publication writes it, whole euros rounded half up
for the begroting, the qualifier's word before a result. A property test over amounts from a cent to a
billion euros and results with every qualifier, through the real commands."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MINIMAL, run
from wawtool.figures import QUALIFIERS as QUALIFIERS_OF_FIGURES
from wawtool.layout.dutch import QUALIFIER_LABEL, euro, number_text

AMOUNTS = st.integers(min_value=1, max_value=100_000_000_000).map(lambda cents: Decimal(cents) / 100)
QUALIFIERS = st.sampled_from([None, *(word for word, q in QUALIFIERS_OF_FIGURES.items() if q.in_data)])
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _tree(tmp_path: Path, name: str) -> Path:
    data = tmp_path / name
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(MINIMAL, data)
    return data


def _written(amount: Decimal) -> str:
    """As a person writes it in YAML: no trailing `.00` needed, never an exponent."""
    text = f"{amount:f}"
    return text[:-3] if text.endswith(".00") else text


def _tables(*args: str, data: Path) -> dict[str, list[str]]:
    """The rows of each table rendering, one string per row (an HTML row's cells joined, tags and charts out)."""
    out = {}
    for fmt in ("table", "markdown", "html"):
        result = run(*args, "--format", fmt, data=data)
        assert result.exit_code in (0, 1), result.output
        if fmt == "html":
            rows = re.findall(r"<tr[^>]*>(.*?)</tr>", result.stdout, flags=re.S)
            out[fmt] = [html.unescape(re.sub(r"<[^>]+>", " | ", row)) for row in rows]
        else:
            out[fmt] = result.stdout.splitlines()
    return out


def _dutch_csv(written: bytes) -> list[list[str]]:
    """The rows of a CSV in waw's default dialect: a byte-order mark, `;` between fields, CRLF line ends."""
    assert (
        written.startswith(b"\xef\xbb\xbf") and written.endswith(b"\r\n") and b"\n" not in written.replace(b"\r\n", b"")
    )
    return list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline=""), delimiter=";"))


def _dutch_number(text: str) -> Decimal:
    assert "." not in text, text  # a decimal comma and no thousands separator
    return Decimal(text.replace(",", "."))


@SETTINGS
@given(alpha=AMOUNTS, beta=AMOUNTS)
def test_budget_amounts_come_back_from_every_renderer(tmp_path: Path, alpha: Decimal, beta: Decimal) -> None:
    data = _tree(tmp_path, "budget")
    for project, old, new in (("alpha", "amount: 400\n", alpha), ("beta", "amount: 399.75\n", beta)):
        path = data / "projects" / f"{project}.yaml"
        path.write_text(path.read_text().replace(old, f"amount: {_written(new)}\n", 1))
    assert run("validate", data=data).exit_code == 0  # accepted

    report = json.loads(run("budget", "--year", "2021", "--format", "json", data=data).stdout)
    amounts = {line["project"]: Decimal(line["amount"]) for g in report["groups"] for line in g["lines"]}
    assert amounts == {"alpha": alpha, "beta": beta}

    rows = _dutch_csv(run("budget", "--year", "2021", "--format", "csv", data=data).stdout_bytes)
    by_label = {row[1]: _dutch_number(row[2]) for row in rows[1:] if row[1]}
    assert (by_label["Alpha"], by_label["Beta"]) == (alpha, beta)
    assert _dutch_number(next(row[2] for row in rows if row[0] == "Totaal uitgaven")) == alpha + beta

    for fmt, lines in _tables("budget", "--year", "2021", data=data).items():
        for label, amount in (("Alpha", alpha), ("Beta", beta), ("Totaal uitgaven", alpha + beta)):
            line = next(line for line in lines if label in line and "€" in line)
            assert euro(amount, whole=True) in line, (fmt, label, amount, line)

    target = tmp_path / "waw.xlsx"
    assert run("export", "-o", target, "--year", "2021", data=data).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Begroting 2021"]
    cells = {row[2]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]}
    assert {k: Decimal(str(v)) for k, v in cells.items()} == {"alpha": alpha, "beta": beta}


@SETTINGS
@given(value=st.integers(min_value=0, max_value=10_000_000), qualifier=QUALIFIERS)
def test_results_come_back_from_every_renderer(tmp_path: Path, value: int, qualifier: str | None) -> None:
    data = _tree(tmp_path, "results")
    results = data / "results" / "2021-Q2.yaml"
    written = f"value: {value}\n" + (f"    qualifier: {qualifier}\n" if qualifier else "")
    results.write_text(results.read_text().replace("value: 8\n", written, 1))
    assert run("validate", data=data).exit_code == 0

    status = json.loads(run("status", "--quarter", "Q2-2021", "--format", "json", data=data).stdout)
    (alpha,) = [r for r in status["rows"] if r["project"] == "alpha"]
    assert (alpha["result"]["value"], alpha["result"]["qualifier"]) == (value, qualifier)

    rows = _dutch_csv(run("status", "--quarter", "Q2-2021", "--format", "csv", data=data).stdout_bytes)
    (csv_row,) = [row for row in rows if row[1] == "Alpha"]
    assert rows[0][5:7] == ["Resultaat", "Resultaat (precisie)"]
    assert csv_row[5:7] == [str(value), QUALIFIER_LABEL[qualifier] if qualifier else ""]  # no `1.000`, no `ruim 8`

    shown = number_text(Decimal(value), qualifier)
    for fmt, lines in _tables("status", "--quarter", "Q2-2021", data=data).items():
        line = next(line for line in lines if "Alpha" in line)
        assert re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d,])", line), (fmt, shown, line)

    target = tmp_path / "waw.xlsx"
    assert run("export", "-o", target, "--quarter", "Q2-2021", data=data).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Monitor Q2-2021"]
    (cell,) = [row[4] for row in sheet.iter_rows(min_row=2) if row[1].value == "Alpha"]
    assert cell.value == value
    assert (QUALIFIER_LABEL[qualifier] if qualifier else "") in cell.number_format
