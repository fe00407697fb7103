"""Verdicts that can fail: voldoet, voldoet niet and niet toetsbaar, at the precision of their sources (issue 19).

Each verdict kind is shown failing and passing on a tree built for it; the precision rules at their boundaries.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from helpers import run

RELEASED_UNKNOWN = re.compile(r"    amount: unknown\n    source: (.*)\n    note: .*\n")


def _release(copy: Path, innovatiefonds: str, jongerenvouchers: str) -> None:
    """Fill in the two released amounts no source gives (a hypothetical, for the test only)."""
    path = copy / "decisions" / "bijstelling-2020.yaml"
    text = path.read_text(encoding="utf-8")
    amounts = iter([innovatiefonds, jongerenvouchers])
    text = RELEASED_UNKNOWN.sub(lambda m: f"    amount: {next(amounts)}\n    source: {m.group(1)}\n", text)
    path.write_text(text, encoding="utf-8")


def _neutrality(copy: Path) -> dict[str, object]:
    report = json.loads(run("check-budget", "--format", "json", data=copy).stdout)
    (check,) = report["neutrality"]
    return check  # type: ignore[no-any-return]


def test_funding_beyond_what_was_released_by_one_euro_past_the_stated_precision_fails(shipped_copy: Path) -> None:
    """Released € 2.049.999; funded is 'grofweg € 2,1 miljoen', so at least € 2.050.000: € 1 short."""
    _release(shipped_copy, "500000", "349999")
    result = run("check-budget", data=shipped_copy)
    assert result.exit_code == 1, result.output
    assert "20.0006972: bijstelling niet neutraal € 1" in " ".join(result.stdout.split())
    check = _neutrality(shipped_copy)
    assert check["verdict"] == "fail" and check["excess"] == "1.00"


def test_released_amounts_that_balance_within_the_stated_precision_pass(shipped_copy: Path) -> None:
    _release(shipped_copy, "500000", "400000")  # € 2.100.000 released against grofweg € 2,1 miljoen funded
    result = run("check-budget", "--strict", data=shipped_copy)
    check = _neutrality(shipped_copy)
    assert check["verdict"] == "pass" and check["missing"] == []
    assert check["flexible_budget"]["value"] == "0.00"  # a remainder within the margin is no figure
    assert "20.0006972 (neutraliteit" not in result.stdout


def test_as_long_as_a_released_amount_is_unknown_neutrality_is_niet_toetsbaar(shipped_copy: Path) -> None:
    check = _neutrality(shipped_copy)
    assert check["verdict"] == "unknown" and check["resting_on_unknown"]["value"] == "680000.00"
    assert run("check-budget", data=shipped_copy).exit_code == 0
    assert run("check-budget", "--strict", data=shipped_copy).exit_code == 1


def test_named_lines_beyond_the_stated_total_fail_even_with_the_released_side_unknown(shipped_copy: Path) -> None:
    """'grofweg € 2,1 miljoen' for the eight projects: € 2.150.000 is its most; € 2.150.001 named is too much."""
    energie = shipped_copy / "projects" / "energietransitie.yaml"
    text = energie.read_text(encoding="utf-8")
    assert "amount: 400000" in text
    energie.write_text(text.replace("amount: 400000", "amount: 610001", 1), encoding="utf-8")  # named 2.150.001
    result = run("check-budget", data=shipped_copy)
    assert result.exit_code == 1, result.output
    check = _neutrality(shipped_copy)
    assert check["stated_verdict"] == "fail" and check["stated_difference"] == "1.00"
    energie.write_text(text.replace("amount: 400000", "amount: 610000", 1), encoding="utf-8")  # exactly the most
    assert _neutrality(shipped_copy)["stated_verdict"] == "pass"


def _available(minimal: Path, cost: str) -> dict[str, object]:
    """The minimal tree's 2023 with 'zo'n 1.200' available (± 50: 1.150 to 1.250) and € 500 of project lines."""
    programmes = minimal / "programmes.yaml"
    text = programmes.read_text(encoding="utf-8")
    text = text.replace("    amount: 100.50\n", f"    amount: {cost}\n")
    text = text.replace(
        "  - year: 2023\n    programme: prog\n    amount: 1000\n",
        "  - year: 2023\n    programme: prog\n    amount: 1200\n    approximate: true\n",
    )
    programmes.write_text(text, encoding="utf-8")
    begroting = minimal / "decisions" / "begr.yaml"  # Tabel 1 of the tree states its total: keep it true
    total = (Decimal(cost) + 500).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    begroting.write_text(begroting.read_text().replace("amount: 601", f"amount: {total}"), encoding="utf-8")
    report = json.loads(run("check-budget", "--year", "2023", "--format", "json", data=minimal).stdout)
    (year,) = report["years"]
    return year  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("cost", "committed", "verdict"),
    [
        ("650.00", "1150.00", "pass"),  # at the low end of the margin: fits whatever the true amount
        ("650.01", "1150.01", "unknown"),  # inside the margin: cannot be said either way
        ("750.00", "1250.00", "unknown"),  # at the high end: fits only if the amount is at its most
        ("750.01", "1250.01", "fail"),  # beyond the margin: an overrun whatever the true amount
    ],
)
def test_a_year_against_an_approximate_amount_at_the_boundaries_of_its_margin(
    minimal: Path, cost: str, committed: str, verdict: str
) -> None:
    year = _available(minimal, cost)
    assert (year["committed"], year["verdict"]) == (committed, verdict)
    available = year["available"]
    assert isinstance(available, dict) and (available["low"], available["high"]) == ("1150.00", "1250.00")
    assert bool(year["missing"]) == (verdict == "unknown")
    assert run("check-budget", "--year", "2023", data=minimal).exit_code == (1 if verdict == "fail" else 0)


def test_a_year_without_any_available_amount_names_what_is_missing() -> None:
    from helpers import SHIPPED

    report = json.loads(run("check-budget", "--year", "2021", "--format", "json", data=SHIPPED).stdout)
    (year,) = report["years"]
    assert year["verdict"] == "unknown" and year["missing"] == ["het beschikbare bedrag voor 2021"]
    assert [u for u in report["undecided"] if u["check"] == "year"] == [
        {
            "check": "year",
            "scope": "2021",
            "year": 2021,
            "missing": ["het beschikbare bedrag voor 2021"],
        }
    ]
    # the year, the 2020 bijstelling's neutrality and its mandate (not adopted in the data)
    assert report["counts"]["undecided"] == 3


def test_a_failed_condition_releases_its_line_from_the_total(shipped_copy: Path) -> None:
    """Basiskok's € 50.000 'valt vrij als de groep niet start': once it has not started, the 2024 total drops by
    it, the line is listed as released, and the headroom grows by it (a hypothetical, for the test only)."""
    basiskok = shipped_copy / "projects" / "basiskok.yaml"
    text = basiskok.read_text(encoding="utf-8")
    marker = '    condition: "Als de groep niet start, valt dit bedrag vrij."\n'
    assert marker in text
    basiskok.write_text(
        text.replace(marker, marker + '    condition_failed:\n      as_of: 2024-03\n      source: "test"\n'),
        encoding="utf-8",
    )
    report = json.loads(run("budget", "--year", "2024", "--format", "json", data=shipped_copy).stdout)
    assert report["total"] == "1004795.25" and report["conditional"] == "415455.25"
    assert [line["label"] for line in report["released"]] == ["Basiskok"]
    assert report["headroom"]["value"] == "295204.75"
    table = run("budget", "--year", "2024", data=shipped_copy).stdout
    assert "Basiskok (voorwaarde vervallen 2024-03: valt vrij)" in " ".join(table.split())
