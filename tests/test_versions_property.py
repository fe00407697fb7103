"""The versions of a begroting, as a property over random chains of begrotingswijzigingen on the synthetic
tree: each wijziging moves a random amount between Alpha's 2023 line and the reserve (applied to the line
with the amount before it); then the primitieve begroting is the begroting decision's own total, each
wijziging's change is exactly its move, the last version is the begroting na wijziging, and the stated
total of the begroting decision still voldoet. Apply one move to the wrong amount and the check must fail."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MINIMAL, run

# up to four moves of up to € 90: the 2023 lines (€ 600,50) stay within the € 1.000 available and above zero
MOVES = st.lists(st.tuples(st.booleans(), st.integers(min_value=1, max_value=9_000)), min_size=1, max_size=4)


def _chain(data: Path, moves: list[tuple[bool, int]], wrong: int | None = None) -> Decimal:
    """Write one decision per move (to the line when `up`, back to the reserve otherwise, in cents) and the
    line's `changes`; `wrong` applies that move off by one cent. Returns the line's amount now."""
    alpha = data / "projects" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    amount = Decimal("500")
    changes = []
    for i, (up, cents) in enumerate(moves):
        euros = Decimal(cents) / 100
        ends = (
            "from: {funding: reserve}\n    to: {project: alpha, line: a3}"
            if up
            else ("from: {project: alpha, line: a3}\n    to: {funding: reserve}")
        )
        (data / "decisions" / f"w{i}.yaml").write_text(
            f'id: w{i}\nkind: begrotingswijziging\nreference: "W-{i}"\ntitle: W\ndate: 2023-0{i + 1}-01\n'
            f"source: s\nmoves:\n  - year: 2023\n    amount: {euros}\n    {ends}\n    source: s\n",
            encoding="utf-8",
        )
        changes.append(f"      - decision: w{i}\n        previous_amount: {amount}\n")
        amount = amount + euros if up else amount - euros
        if i == wrong:
            amount += Decimal("0.01")
    old = "  - year: 2023\n    amount: 500\n"
    assert old in text
    new = f"  - id: a3\n    year: 2023\n    amount: {amount}\n    changes:\n" + "".join(changes)
    alpha.write_text(text.replace(old, new, 1), encoding="utf-8")
    return amount


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=MOVES)
def test_the_chain_adds_up_and_the_stated_total_keeps_its_version(
    tmp_path: Path, moves: list[tuple[bool, int]]
) -> None:
    data = tmp_path / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(MINIMAL, data)
    _chain(data, moves)
    result = run("check-budget", "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (stated,) = [t for t in report["totals"] if t["label"] == "Totaal 2023"]
    assert stated["verdict"] == "pass"  # "Totaal 2023 € 601" of the begroting decision, in its own version

    versions = json.loads(run("budget", "--year", "2023", "--format", "json", data=data).stdout)["versions"]
    steps = versions["wijzigingen"]
    assert [Decimal(s["change"]) for s in steps] == [(1 if up else -1) * Decimal(c) / 100 for up, c in moves]
    total = Decimal(versions["primitief"]["total"])
    for step in steps:
        total += Decimal(step["change"])
        assert Decimal(step["total"]) == total
    assert total == Decimal(versions["na_wijziging"])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=MOVES, data_=st.data())
def test_a_move_applied_off_by_a_cent_fails(
    tmp_path: Path, moves: list[tuple[bool, int]], data_: st.DataObject
) -> None:
    data = tmp_path / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(MINIMAL, data)
    wrong = data_.draw(st.integers(min_value=0, max_value=len(moves) - 1))
    _chain(data, moves, wrong)
    result = run("check-budget", "--format", "json", data=data)
    assert result.exit_code == 1, result.output
    failed = [m for m in json.loads(result.stdout)["moves"] if m["verdict"] == "fail"]
    assert [m["reference"] for m in failed] == [f"W-{wrong}"] and failed[0]["difference"] == "0.01"
