"""Funds with a ledger (issue 18, point 3): a move from a fund is checked against the balance it had just
before; from a fund whose balance no source gives it is niet toetsbaar, never neutral."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import SHIPPED, run


def _top_up_jongeren(data: Path, source: str) -> None:
    """€ 20.000 more for Jongeren in 2022, from `source` (a `from:` mapping), applied to its line."""
    (data / "decisions" / "ophoging-jongeren.yaml").write_text(
        'id: ophoging-jongeren\nkind: begrotingswijziging\nreference: "SYN-2022-1"\ntitle: "Synthetisch"\n'
        'date: 2022-03-01\nsource: "synthetisch"\n'
        "status:\n  - status: vastgesteld\n    date: 2022-03-01\n    by: portefeuillehoudersoverleg\n"
        '    source: "synthetisch"\n'
        f"moves:\n  - year: 2022\n    amount: 20000\n    from: {source}\n"
        '    to: {project: jongeren, line: middelen-2022}\n    source: "synthetisch"\n',
        encoding="utf-8",
    )
    path = data / "projects" / "jongeren.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  - id: middelen-2022\n    year: 2022\n    amount: 55000\n"
    assert old in text
    new = "  - id: middelen-2022\n    year: 2022\n    amount: 75000\n    previous_amount: 55000\n"
    new += "    changed_by: ophoging-jongeren\n"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_draw_on_the_flexible_budget_is_niet_toetsbaar_and_says_why(shipped_copy: Path) -> None:
    _top_up_jongeren(shipped_copy, "{flexible_budget: bijstelling-2020}")
    result = run("check-budget", "--format", "json", data=shipped_copy)
    assert result.exit_code == 0, result.output  # niet toetsbaar is not a failure ...
    report = json.loads(result.stdout)
    (jongeren,) = [t for t in report["totals"] if t["scope"] == "Jongeren"]
    assert jongeren["verdict"] == "pass"  # the 2020 "Totaal € 110.000" holds for its own version
    (undecided,) = [u for u in report["undecided"] if u["check"] == "fund" and u["scope"].startswith("SYN")]
    assert undecided["scope"] == "SYN-2022-1: flexibel budget van 20.0006972 2022"
    assert undecided["missing"] == ["het beginsaldo van flexibel budget van 20.0006972 (geen bron noemt het)"]
    assert run("check-budget", "--strict", data=shipped_copy).exit_code == 1  # ... and --strict wants it decided
    table = run("check-budget", "--format", "markdown", data=shipped_copy).stdout
    assert (
        "| SYN-2022-1 | flexibel budget van 20.0006972 | 2022 | verschuiving naar Jongeren | € 20.000 | onbekend |"
        in table
    )


def _minimal_draw(data: Path, amount: str) -> None:
    """A move of `amount` from Fonds A (€ 1.000, of which its lines take € 1.000) to Alpha's 2021 line."""
    (data / "decisions" / "opname.yaml").write_text(
        'id: opname\nkind: begrotingswijziging\nreference: "T-9"\ntitle: T\ndate: 2021-06-01\nsource: s\n'
        f"moves:\n  - year: 2021\n    amount: {amount}\n    from: {{funding: fund-a}}\n"
        "    to: {project: alpha, line: a1}\n    source: s\n",
        encoding="utf-8",
    )
    path = data / "projects" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  - id: a1\n    year: 2021\n    amount: 400\n"
    new = f"  - id: a1\n    year: 2021\n    amount: {400 + int(amount)}\n"
    new += "    previous_amount: 400\n    changed_by: opname\n"
    path.write_text(text.replace(old, new), encoding="utf-8")
    alpha_total = text.count("amount: 600.25")
    assert alpha_total == 1
    path.write_text(path.read_text().replace("amount: 600.25", "amount: 600.25\n    decision: realloc", 1))


def test_a_draw_beyond_a_known_balance_is_a_finding(minimal: Path) -> None:
    _minimal_draw(minimal, "50")
    result = run("check-budget", data=minimal)
    assert result.exit_code == 1
    assert "T-9: Fonds A 2021: opname boven het saldo van het fonds € 50" in result.stdout
    funds = run("funds", "--fund", "fund-a", "--format", "json", data=minimal)
    assert funds.exit_code == 1
    (ledger,) = json.loads(funds.stdout)["ledgers"]
    (withdrawal,) = ledger["withdrawals"]
    assert (withdrawal["balance_before"], withdrawal["amount"], withdrawal["verdict"]) == ("0.00", "50.00", "fail")
    assert ledger["balance"] == "-50.00"


def test_a_draw_within_a_known_balance_voldoet(minimal: Path) -> None:
    programmes = minimal / "programmes.yaml"
    programmes.write_text(programmes.read_text().replace("    amount: 1000\n", "    amount: 1100\n", 1))
    _minimal_draw(minimal, "50")
    assert run("check-budget", data=minimal).exit_code == 0
    (ledger,) = json.loads(run("funds", "--fund", "fund-a", "--format", "json", data=minimal).stdout)["ledgers"]
    assert [w["verdict"] for w in ledger["withdrawals"]] == ["pass"]
    assert (ledger["withdrawals"][0]["balance_before"], ledger["balance"]) == ("100.00", "50.00")
    table = run("funds", "--fund", "fund-a", "--format", "markdown", data=minimal).stdout
    assert "| T-9 (status onbekend) | eraf | verschuiving naar Alpha | 2021 | € 50 | € 50 |" in table


def test_an_unknown_fund_is_a_usage_error(minimal: Path) -> None:
    result = run("funds", "--fund", "no-such-fund", data=minimal)
    assert result.exit_code == 2 and "no-such-fund" in result.output


def test_a_new_line_filled_by_a_move_from_its_fund_is_drawn_once(shipped_copy: Path) -> None:
    """Regression: a line introduced by a decision whose move brings the money into it from the line's own fund
    was drawn twice from the fund, once as the move and once as the line (€ 240.000 from IZA for € 120.000)."""
    (shipped_copy / "decisions" / "iza-2025.yaml").write_text(
        'id: iza-2025\nkind: begrotingswijziging\nreference: "SYN-2025-1"\ntitle: "Synthetisch"\n'
        'date: 2024-10-15\nsource: "synthetisch"\n'
        "moves:\n  - year: 2025\n    amount: 120000\n    from: {funding: iza}\n"
        '    to: {project: zorgstart, line: verlenging-2025}\n    source: "synthetisch"\n',
        encoding="utf-8",
    )
    path = shipped_copy / "projects" / "zorgstart.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "\nstatus:\n",
        '\n  - end: 2025-12\n    decision: iza-2025\n    source: "synthetisch"\nstatus:\n',
        1,
    ).replace(
        "\ntotals:\n",
        "\n  - id: verlenging-2025\n    year: 2025\n    amount: 120000\n    description: Verlenging 2025\n"
        '    funding: iza\n    decision: iza-2025\n    source: "synthetisch"\ntotals:\n',
        1,
    )
    path.write_text(text, encoding="utf-8")
    result = run("funds", "--fund", "iza", "--format", "json", data=shipped_copy)
    assert result.exit_code == 0, result.output
    (ledger,) = json.loads(result.stdout)["ledgers"]
    drawn = [(e["label"], e["amount"]) for e in ledger["entries"] if e["kind"] == "withdrawal"]
    assert drawn == [("verschuiving naar ZorgStart", "120000.00")]


def test_the_decision_page_judges_its_draws_as_check_budget_does(minimal: Path) -> None:
    _minimal_draw(minimal, "50")
    overdrawn = run("decision", "T-9", "--format", "markdown", data=minimal)
    assert overdrawn.exit_code == 1
    assert "### Opnames uit fondsen — ✘ voldoet niet" in overdrawn.stdout
    assert "| T-9 | Fonds A | 2021 | verschuiving naar Alpha | € 50 | € 0 | € 50 | ✘ voldoet niet |" in overdrawn.stdout
    proposal = run("decision", "DOC-23001887", "--format", "json", data=SHIPPED)
    assert proposal.exit_code == 0  # niet toetsbaar is not a failure
    report = json.loads(proposal.stdout)
    assert report["verdict"] == "unknown"
    ((drawn),) = report["withdrawals"]
    assert (drawn["fund"], drawn["withdrawal"]["amount"]) == ("Reserve Werken aan Werk", "4402.44")
