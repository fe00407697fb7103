"""Realised spending against the begroting, and the funds from year to year, on synthetic data."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import SHIPPED, run


def _json(*args: str, data: Path) -> dict:  # type: ignore[type-arg]
    result = run(*args, "--format", "json", data=data)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_budget_shows_begroot_gerealiseerd_verschil_and_share_per_line_and_group(realised: Path) -> None:
    report = _json("budget", "--year", "2021", data=realised)["realisatie"]
    (group,) = report["groups"]
    assert (group["name"], group["budgeted"], group["spent"], group["difference"], group["share"]) == (
        "Projecten",
        "799.75",
        "749.75",
        "50.00",
        "93.7",
    )
    rows = {r["label"]: (r["budgeted"], r["spent"], r["difference"], r["share"], r["recorded"]) for r in group["rows"]}
    assert rows == {
        "Alpha": ("400.00", "350.00", "50.00", "87.5", True),
        "Beta": ("399.75", "399.75", "0.00", "100.0", True),  # booked on the project as a whole
    }
    assert (report["budgeted"], report["spent"], report["difference"]) == ("799.75", "749.75", "50.00")
    table = run("budget", "--year", "2021", data=realised).stdout
    assert "Begroot en gerealiseerd 2021 (definitief)" in table
    for text in ("€ 799,75", "€ 749,75", "93,7%", "87,5%"):
        assert text in table


def test_the_funds_add_up_from_opening_to_closing_over_two_years(realised: Path) -> None:
    first = _json("budget", "--year", "2021", data=realised)["realisatie"]
    (fund,) = first["funds"]
    assert (fund["opening"], fund["opening_from"], fund["additions"], fund["spent"], fund["closing"]) == (
        "1000.00",
        "rekening",
        "100.00",
        "749.75",
        "350.25",
    )
    second = _json("budget", "--year", "2022", data=realised)["realisatie"]
    (fund,) = second["funds"]
    assert (fund["opening"], fund["opening_from"], fund["spent"], fund["closing"]) == (
        "350.25",
        "vorig jaar",
        "150.10",
        "200.15",
    )
    assert second["funds_total"]["closing"] == "200.15" and second["status"] == "provisional"
    assert second["next_available"] == "1000.00"  # the sources' money for 2023, set beside the closing balance


def test_an_unknown_opening_makes_the_closing_unknown_never_zero(realised: Path) -> None:
    path = realised / "realisatie" / "2021.yaml"
    path.write_text(
        path.read_text().replace("    opening: 1000\n", "    opening: unknown\n    note: Niet in de rekening.\n")
    )
    first = _json("budget", "--year", "2021", data=realised)["realisatie"]
    assert first["funds"][0]["opening"] is None and first["funds"][0]["closing"] is None
    second = _json("budget", "--year", "2022", data=realised)["realisatie"]
    assert second["funds"][0]["opening_from"] == "onbekend" and second["funds"][0]["closing"] is None
    assert "Beginsaldo onbekend voor Fonds A" in run("budget", "--year", "2022", data=realised).stdout


def test_one_cent_overspent_exits_1_naming_the_line_the_year_and_the_cent(realised: Path) -> None:
    path = realised / "realisatie" / "2021.yaml"
    path.write_text(path.read_text().replace("amount: 399.75", "amount: 399.76"))
    result = run("check-budget", data=realised)
    assert result.exit_code == 1
    assert "Beta 2021: meer besteed dan begroot € 0,01" in result.stdout.replace("\n", " ")
    (failure,) = _json("check-budget", data=realised)["failures"]
    assert failure == {"check": "overspend", "scope": "Beta", "year": 2021, "difference": "0.01"}


def test_spending_outside_the_period_and_commitments_above_the_funds(realised: Path) -> None:
    path = realised / "realisatie" / "2022.yaml"
    path.write_text(
        path.read_text() + "  - project: beta\n    amount: 10\nfunds:\n  - funding: fund-a\n    opening: 100\n"
    )
    failures = {
        (f["check"], f["scope"], f["year"], f["difference"]) for f in _json("check-budget", data=realised)["failures"]
    }
    assert failures == {
        ("overspend", "Beta", 2022, "10.00"),  # nothing budgeted for beta in 2022
        ("outside-period", "Beta", 2022, "10.00"),  # beta ran in 2021 only
        ("above-funds", "begroting 2022", 2022, "100.25"),  # 200.25 committed against an opening of 100
    }


def test_underspend_of_a_final_year_flows_back_unless_a_decision_says_otherwise(realised: Path) -> None:
    table = run("check-budget", data=realised).stdout
    assert "Onderbesteding in definitieve jaren" in table and "het programma" in table
    path = realised / "realisatie" / "2021.yaml"
    path.write_text(path.read_text().replace("    line: a1\n", "    line: a1\n    underspend_decision: begr\n"))
    assert "besluit begr" in run("check-budget", data=realised).stdout
    provisional = _json("budget", "--year", "2022", data=realised)["realisatie"]
    assert provisional["underspend"] == []  # a provisional year has no underspend yet


def test_realisatie_files_are_checked_like_every_other_file(realised: Path) -> None:
    path = realised / "realisatie" / "2021.yaml"
    text = path.read_text().replace("line: a1", "line: a9").replace("funding: fund-a", "funding: fund-b")
    path.write_text(text.replace("funds:\n", "  - project: beta\n    amount: 1\nfunds:\n"))  # beta twice
    (realised / "realisatie" / "2020.yaml").write_text("year: 2021\nstatus: final\nsource: x\n")
    result = run("validate", data=realised)
    assert result.exit_code == 2
    for expected in (
        "realisatie/2021.yaml:7: E-REF spent[0].line: alpha has no budget line 'a9'",
        "realisatie/2021.yaml:11: E-DUPLINE spent[2]: a second amount for the same line (first at spent[1])",
        "realisatie/2021.yaml:14: E-REF funds[0].funding: unknown funding source 'fund-b' (did you mean 'fund-a'?)",
        "realisatie/2020.yaml:1: E-FILENAME year: 2021 differs from the file name '2020.yaml'",
    ):
        assert any(line.endswith(expected) for line in result.stdout.splitlines()), (expected, result.stdout)


def test_the_shipped_data_holds_no_realisatie_and_says_so_for_every_year() -> None:
    assert not (SHIPPED / "realisatie").exists()  # the sources give no realised amounts: nothing invented
    report = _json("check-budget", data=SHIPPED)
    assert report["realisatie"] == [] and report["no_realisatie"] == [y["year"] for y in report["years"]]
    table = run("check-budget", data=SHIPPED).stdout
    assert table.count("geen realisatie vastgelegd") == len(report["years"])
    for year in report["no_realisatie"]:
        budget = run("budget", "--year", str(year), data=SHIPPED)
        assert f"Realisatie {year}: geen realisatie vastgelegd." in budget.stdout


def test_a_line_without_bookings_is_zero_and_says_so(realised: Path) -> None:
    path = realised / "realisatie" / "2021.yaml"
    path.write_text(
        path.read_text().replace(
            "  - project: beta  # the administration books beta as a whole\n    amount: 399.75\n", ""
        )
    )
    report = _json("budget", "--year", "2021", data=realised)["realisatie"]
    beta = next(r for g in report["groups"] for r in g["rows"] if r["label"] == "Beta")
    assert (beta["spent"], beta["recorded"], beta["difference"]) == ("0.00", False, "399.75")
    assert "€ 0 (geen boekingen)" in run("budget", "--year", "2021", data=realised).stdout


def test_a_fund_carries_into_the_next_year_and_spending_without_a_source_is_apart(realised: Path) -> None:
    (realised / "realisatie" / "2023.yaml").write_text(
        "year: 2023\nstatus: provisional\nsource: synthetic\nspent:\n  - cost_line: coordinatie\n    amount: 98.40\n"
    )
    report = _json("budget", "--year", "2023", data=realised)["realisatie"]
    funds = {f["funding"]: (f["opening"], f["opening_from"], f["spent"], f["closing"]) for f in report["funds"]}
    assert funds == {
        "fund-a": ("200.15", "vorig jaar", "0.00", "200.15"),  # nothing spent on it, still there
        None: (None, "onbekend", "98.40", None),  # the cost line names no funding source
    }
    assert report["funds_total"]["closing"] == "101.75"
    cost = next(r for g in report["groups"] for r in g["rows"] if r["cost_line"] == "coordinatie")
    assert (cost["budgeted"], cost["spent"], cost["share"]) == ("100.50", "98.40", "97.9")


def test_a_realisatie_line_of_a_partly_loaded_project_is_not_called_missing(realised: Path) -> None:
    alpha = realised / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("    amount: 400\n", "    amount: veel\n"))  # a1 is left out
    path = realised / "realisatie" / "2021.yaml"
    path.write_text(path.read_text().replace("  - project: beta  #", "  - project: bta  #"))
    result = run("validate", data=realised)
    assert result.exit_code == 2
    assert (
        "E-MONEY budget[0].amount" in result.stdout and "unknown project 'bta' (did you mean 'beta'?)" in result.stdout
    )
    assert "has no budget line 'a1'" not in result.stdout  # a1 is broken, not missing
