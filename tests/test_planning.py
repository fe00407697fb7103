"""`waw budget --years`: the years ahead. On the shipped data 2024 against the ca. 1,3 miljoen and 2025
unknown with its reason; on a synthetic tree of three years, the balances carried from year to year and the
year a fund runs out."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import yaml

from helpers import SHIPPED, run

THREE_YEARS = """
cost_lines:
  - {programme: prog, year: 2024, group: organisatie,
     description: Coördinatie 2024, amount: 500, funding: fonds-x, source: synthetic}
  - {programme: prog, year: 2025, group: organisatie,
     description: Coördinatie 2025, amount: 450, funding: fonds-x, source: synthetic}
  - {programme: prog, year: 2025, group: organisatie,
     description: Scholing 2025, amount: 150, funding: fonds-x, source: synthetic}
  - {programme: prog, year: 2026, group: organisatie,
     description: Coördinatie 2026, amount: 400.50, funding: fonds-x, source: synthetic}
available:
  - {year: 2024, programme: prog, amount: 1000, funding: fonds-x, source: synthetic}
  - {year: 2025, programme: prog, amount: 200, basis: toevoeging, funding: fonds-x, source: synthetic}
  - {year: 2026, programme: prog, amount: 200, basis: toevoeging, funding: fonds-x, source: synthetic}
"""


def three_years(minimal: Path, changes: str = THREE_YEARS) -> Path:
    """The minimal tree with a fund followed over 2024-2026: 1.000 at the start, 200 added each later year."""
    programmes = minimal / "programmes.yaml"
    tree = yaml.safe_load(programmes.read_text(encoding="utf-8"))
    tree["programmes"][0]["period"]["end"] = "2026-12"
    tree["funding_sources"].append({"id": "fonds-x", "name": "Fonds X", "kind": "reserve", "source": "synthetic"})
    tree.update(yaml.safe_load(changes))
    programmes.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return minimal


def planning(data: Path, span: str) -> dict:
    result = run("budget", "--years", span, "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def fund_years(report: dict, fund: str) -> list[dict]:
    return [f | {"year": y["year"]} for y in report["years"] for f in y["funds"] if f["funding"] == fund]


def test_shipped_2024_against_the_reserve_and_2025_unknown_with_its_reason() -> None:
    report = planning(SHIPPED, "2024-2025")
    y2024, y2025 = report["years"]
    assert (y2024["firm"], y2024["conditional"]) == ("589340.00", "465455.25")
    assert y2024["resting_on"] == ["DOC-23001887 (voorgesteld 2023-11-16)"]
    reserve_2024, reserve_2025 = fund_years(report, "waw-reserve")
    assert reserve_2024["opening"]["value"] == "1300000.00" and reserve_2024["opening"]["approximate"]
    assert reserve_2024["opening"]["margin"] == "50000" and reserve_2024["opening"]["provisional"]
    assert reserve_2024["closing"]["value"] == "245204.75" and reserve_2024["closing"]["margin"] == "50000"
    assert y2025["has_begroting"] is False and y2025["firm"] is None and y2025["conditional"] is None
    assert "geen bron geeft bedragen voor 2025" in y2025["reason"]
    assert "Werken aan Werk loopt tot 2024-12" in y2025["reason"]
    assert reserve_2025["opening_from"] == "vorig jaar" and reserve_2025["closing"]["value"] is None
    (run_out,) = report["run_outs"]
    assert run_out["state"] == "onbekend" and "2025" in run_out["explanation"]


def test_shipped_table_says_unknown_in_words() -> None:
    result = run("budget", "--years", "2024-2025", "--format", "markdown", data=SHIPPED)
    assert result.exit_code == 0, result.output
    row_2025 = next(line for line in result.stdout.splitlines() if line.startswith("| 2025") and "begroting" in line)
    assert "onbekend" in row_2025 and "geen begroting 2025 in de data" in row_2025
    assert "ca. € 1.300.000 (± € 50.000, voorlopig)" in result.stdout
    assert "onbekend vanaf 2025: de verplichtingen voor 2025 zijn niet bekend" in result.stdout


def test_three_years_balances_carry_and_the_fund_runs_out_in_2026(minimal: Path) -> None:
    report = planning(three_years(minimal), "2024-2026")
    years = fund_years(report, "fonds-x")
    assert [y["year"] for y in years] == [2024, 2025, 2026]
    assert [y["closing"]["value"] for y in years] == ["500.00", "100.00", "-100.50"]
    for before, after in zip(years, years[1:], strict=False):
        assert after["opening"]["value"] == before["closing"]["value"] and after["opening_from"] == "vorig jaar"
    for year in years:
        opening, added = Decimal(year["opening"]["value"]), Decimal(year["additions"]["value"])
        drawn = Decimal(year["firm"]) + Decimal(year["conditional"])
        assert Decimal(year["closing"]["value"]) == opening + added - drawn
    run_out = next(r for r in report["run_outs"] if r["funding"] == "fonds-x")
    assert (run_out["state"], run_out["year"]) == ("raakt op", 2026)
    table = run("budget", "--years", "2024-2026", "--format", "markdown", data=minimal).stdout
    assert "raakt op in 2026" in table


def test_a_span_that_starts_later_carries_what_earlier_years_leave(minimal: Path) -> None:
    years = fund_years(planning(three_years(minimal), "2025-2026"), "fonds-x")
    assert years[0]["opening"]["value"] == "500.00" and years[0]["opening_from"] == "vorig jaar"


def test_within_the_fund_it_does_not_run_out(minimal: Path) -> None:
    changes = THREE_YEARS.replace("amount: 400.50", "amount: 300")
    report = planning(three_years(minimal, changes), "2024-2026")
    run_out = next(r for r in report["run_outs"] if r["funding"] == "fonds-x")
    assert run_out["state"] == "raakt niet op" and run_out["explanation"] == "raakt niet op tot en met 2026"


def test_a_year_without_lines_leaves_every_later_balance_unknown(minimal: Path) -> None:
    changes = re.sub(r"  - \{programme: prog, year: 2025, group: organisatie,\n[^\n]*\n", "", THREE_YEARS)
    assert "Scholing 2025" not in changes
    report = planning(three_years(minimal, changes), "2024-2026")
    years = fund_years(report, "fonds-x")
    assert years[1]["closing"]["value"] is None and years[2]["opening"]["value"] is None
    assert years[2]["closing"]["value"] is None
    run_out = next(r for r in report["run_outs"] if r["funding"] == "fonds-x")
    assert run_out["state"] == "onbekend" and "2025" in run_out["explanation"]


def test_an_unknown_line_makes_the_balance_unknown_not_zero(minimal: Path) -> None:
    changes = THREE_YEARS.replace("amount: 150,", "amount: unknown, note: nog niet bekend,")
    years = fund_years(planning(three_years(minimal, changes), "2024-2026"), "fonds-x")
    assert years[1]["closing"]["value"] is None and "geen bekend bedrag" in years[1]["why_unknown"]


def test_an_approximate_balance_near_zero_may_run_out(minimal: Path) -> None:
    changes = THREE_YEARS.replace("amount: 1000, funding", "amount: 1000, approximate: true, funding").replace(
        "amount: 400.50", "amount: 250"
    )  # "1000" known to ± 500: 2024 ends at 500 ± 500 (not below zero), 2025 at 100 ± 500 (maybe)
    report = planning(three_years(minimal, changes), "2024-2026")
    run_out = next(r for r in report["run_outs"] if r["funding"] == "fonds-x")
    assert (run_out["state"], run_out["year"]) == ("mogelijk op", 2025)


def test_year_and_years_are_one_or_the_other() -> None:
    assert run("budget", data=SHIPPED).exit_code == 2
    assert run("budget", "--year", "2024", "--years", "2024-2025", data=SHIPPED).exit_code == 2
    for bad in ("2025-2024", "24-25", "2024-2090"):
        result = run("budget", "--years", bad, data=SHIPPED)
        assert result.exit_code == 2 and "--years" in result.stderr and "Traceback" not in result.output


def test_check_budget_judges_a_year_of_additions_against_what_the_year_before_leaves(minimal: Path) -> None:
    """2025 has € 500 carried plus € 200 added for € 600 of lines (voldoet); 2026 € 100 plus € 200 for
    € 400,50 (voldoet niet, € 100,50 short): the same balances as the planning."""
    data = three_years(minimal)
    fits = json.loads(run("check-budget", "--year", "2025", "--format", "json", data=data).stdout)
    assert fits["years"][0]["available"]["value"] == "700.00" and fits["years"][0]["verdict"] == "pass"
    result = run("check-budget", "--year", "2026", "--format", "json", data=data)
    short = json.loads(result.stdout)
    assert result.exit_code == 1 and short["years"][0]["available"]["value"] == "300.00"
    assert any(f["check"] == "year" and f["difference"] == "100.50" for f in short["failures"])
