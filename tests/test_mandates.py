"""Who may decide what: a move between programmes adopted by a body without that mandate exits 1 naming the
decision, the move and the rule; within its mandate it passes; where the data cannot say, niet toetsbaar."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import yaml

from helpers import MINIMAL, SHIPPED, run

BODIES = [
    {"id": "ab", "name": "Algemeen bestuur", "source": "synthetic"},
    {"id": "db", "name": "Dagelijks bestuur", "source": "synthetic"},
    {"id": "werkkamer", "name": "Werkkamer", "source": "synthetic"},
]
MANDATES = [
    {"id": "tussen", "change": "tussen-programmas", "bodies": ["ab"], "source": "synthetic: verordening art. 1"},
    {"id": "binnen", "change": "binnen-programma", "bodies": ["db"], "source": "synthetic: verordening art. 2"},
    {"id": "flex", "change": "flexibel-budget", "bodies": ["db", "werkkamer"], "source": "synthetic"},
]


class _Dumper(yaml.SafeDumper):
    """Amounts as plain scalars, the way data files write them (a quoted amount is an error)."""


_Dumper.add_representer(
    Decimal,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:float" if "." in str(value) else "tag:yaml.org,2002:int", str(value)
    ),
)


def _write(path: Path, tree: dict) -> None:
    path.write_text(yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def two_programmes(minimal: Path, *, adopted_by: list[str] | None, to_programme: str = "andere") -> Path:
    """The minimal tree with a second programme, beta in it, and a wijziging moving € 50 in 2021 from alpha's
    line a1 (prog) to beta's line b1, adopted by `adopted_by` (None: only proposed)."""
    programmes = yaml.safe_load((minimal / "programmes.yaml").read_text(encoding="utf-8"))
    programmes["programmes"].append(
        {"id": "andere", "name": "Ander programma", "period": {"start": "2021-01", "end": "2023-12", "source": "s"}}
    )
    programmes["bodies"], programmes["mandates"] = BODIES, MANDATES
    _write(minimal / "programmes.yaml", programmes)
    beta_path = minimal / "projects" / "beta.yaml"
    beta = yaml.safe_load(beta_path.read_text(encoding="utf-8"))
    beta["programme"] = to_programme
    beta["budget"][0]["id"] = "b1"
    _write(beta_path, beta)
    status = [{"status": "voorgesteld", "date": "2022-03-01", "source": "synthetic"}]
    if adopted_by is not None:
        status.append({"status": "vastgesteld", "date": "2022-03-15", "bodies": adopted_by, "source": "synthetic"})
    move = {
        "year": 2021,
        "amount": Decimal("50.00"),
        "from": {"project": "alpha", "line": "a1"},
        "to": {"project": "beta", "line": "b1"},
        "source": "synthetic",
    }
    decision = {
        "id": "wijziging",
        "kind": "begrotingswijziging",
        "reference": "BW-1",
        "title": "Synthetische wijziging",
        "date": "2022-03-01",
        "source": "synthetic",
        "status": status,
        "moves": [move],
    }
    _write(minimal / "decisions" / "wijziging.yaml", decision)
    _record_the_move(minimal, beta_path, move)
    return minimal


def _record_the_move(minimal: Path, beta_path: Path, move: dict) -> None:
    """The two lines as the wijziging leaves them, each naming the change, so the move itself checks out."""
    for path, sign in ((minimal / "projects" / "alpha.yaml", -1), (beta_path, 1)):
        project = yaml.safe_load(path.read_text(encoding="utf-8"))
        line_id = move["from"]["line"] if sign < 0 else move["to"]["line"]
        line = next(b for b in project["budget"] if b.get("id") == line_id)
        line["previous_amount"] = Decimal(str(line["amount"]))
        line["amount"] = Decimal(str(line["amount"])) + sign * move["amount"]
        line["changed_by"] = "wijziging"
        for total in project.get("totals", []):
            total["decision"] = "realloc"  # the total as the bijstelling stated it, before this wijziging
        _write(path, project)


def check(data: Path) -> tuple[int, dict, str]:
    result = run("check-budget", "--format", "json", data=data)
    table = run("check-budget", "--format", "markdown", data=data)
    return result.exit_code, json.loads(result.stdout), table.stdout


def mandate_rows(report: dict) -> list[dict]:
    return [m for m in report["mandates"] if m["decision"] == "wijziging"]


def test_a_move_between_programmes_without_the_mandate_exits_1_naming_decision_move_and_rule(minimal: Path) -> None:
    code, report, table = check(two_programmes(minimal, adopted_by=["db"]))
    (row,) = mandate_rows(report)
    assert (row["verdict"], row["rule"], row["change"]["kind"]) == ("fail", "tussen", "tussen-programmas")
    assert code == 1
    (failure,) = [f for f in report["failures"] if f["check"] == "mandate"]
    assert "BW-1" in failure["scope"] and "Alpha 'a1'" in failure["scope"] and "regel tussen" in failure["scope"]
    assert failure["difference"] == "50.00" and failure["year"] == 2021
    summary = table.strip().splitlines()[-1]
    assert "BW-1: van Alpha 'a1' naar Beta" in summary and "vastgesteld zonder bevoegdheid € 50" in summary
    assert "regel tussen: vastgesteld zonder Algemeen bestuur" in summary
    assert "synthetic: verordening art. 1" in table  # the rule with its source


def test_within_its_mandate_it_passes(minimal: Path) -> None:
    code, report, _ = check(two_programmes(minimal, adopted_by=["ab"]))
    (row,) = mandate_rows(report)
    assert (row["verdict"], row["rule"]) == ("pass", "tussen") and code == 0
    assert "binnen de bevoegdheid" in row["explanation"]


def test_a_body_beside_the_mandated_one_does_not_spoil_it(minimal: Path) -> None:
    code, report, _ = check(two_programmes(minimal, adopted_by=["db", "ab"]))
    assert mandate_rows(report)[0]["verdict"] == "pass" and code == 0


def test_within_one_programme_the_other_rule_decides(minimal: Path, tmp_path: Path) -> None:
    code, report, _ = check(two_programmes(minimal, adopted_by=["ab"], to_programme="prog"))
    (row,) = mandate_rows(report)
    assert (row["change"]["kind"], row["verdict"], row["rule"]) == ("binnen-programma", "fail", "binnen")
    assert code == 1
    second = tmp_path / "second"
    shutil.copytree(MINIMAL, second)
    code, report, _ = check(two_programmes(second, adopted_by=["db"], to_programme="prog"))
    assert mandate_rows(report)[0]["verdict"] == "pass" and code == 0


def test_a_proposal_or_an_adoption_without_a_body_is_niet_toetsbaar(minimal: Path) -> None:
    code, report, _ = check(two_programmes(minimal, adopted_by=None))
    (row,) = mandate_rows(report)
    assert row["verdict"] == "unknown" and code == 0
    assert row["rule"] == "tussen" and "niet vastgesteld in de data" in row["explanation"]
    assert any(u["check"] == "mandate" and "BW-1" in u["scope"] for u in report["undecided"])
    assert run("check-budget", "--strict", data=minimal).exit_code == 1


def test_a_kind_no_mandate_covers_is_niet_toetsbaar_never_allowed(minimal: Path) -> None:
    data = two_programmes(minimal, adopted_by=["ab"])
    programmes = yaml.safe_load((data / "programmes.yaml").read_text(encoding="utf-8"))
    programmes["mandates"] = [m for m in MANDATES if m["id"] != "tussen"]
    _write(data / "programmes.yaml", programmes)
    code, report, _ = check(data)
    (row,) = mandate_rows(report)
    assert row["verdict"] == "unknown" and row["rule"] is None and code == 0
    assert "zeggen niet wie besluit over een verschuiving tussen programma's" in row["explanation"]


def test_an_unknown_body_is_a_reference_error(minimal: Path) -> None:
    data = two_programmes(minimal, adopted_by=["bestuur"])
    result = run("validate", data=data)
    assert result.exit_code == 2 and "E-REF" in result.output and "unknown body 'bestuur'" in result.output


def test_shipped_rules_come_from_the_seeds_and_both_decisions_are_not_yet_toetsbaar() -> None:
    result = run("check-budget", "--format", "json", data=SHIPPED)
    report = json.loads(result.stdout)
    rows = report["mandates"]
    assert {m["reference"] for m in rows} == {"20.0006972", "DOC-23001887"}
    assert all(m["verdict"] == "unknown" for m in rows)  # neither is adopted in the data
    by_label = {m["change"]["label"]: m for m in rows}
    assert by_label["bijstelling 20.0006972"]["rule"] == "bijstelling"
    assert by_label["HHT-middelen Schoonhuis"]["rule"] == "hht-middelen"
    reserve = next(m for m in rows if m["reference"] == "DOC-23001887")
    assert reserve["change"]["kind"] == "reserve" and reserve["rule"] is None
    assert "Financiële Verordening" in report["mandates_note"]
    assert result.exit_code == 0
