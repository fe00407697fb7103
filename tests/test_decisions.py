"""Moving money between budget lines, the financial paragraph of a decision, and `waw new`."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import SHIPPED, run, snapshot

MOVE = """id: verschuiving-2024
kind: begrotingswijziging
reference: "24.0000001"
title: "Synthetisch: € 100.000 van Wijkleerbedrijf naar een nieuw project"
date: 2024-03-01
source: "Synthetisch testbesluit"
moves:
  - year: 2024
    amount: 100000
    from:
      project: wijkleerbedrijf
      line: verlenging-2024
    to:
      project: nieuw-project
      line: uitvoering-2024
    source: "Synthetisch testbesluit, §Financiën"
"""


def _new_project(data: Path) -> None:
    result = run("new", "project", "nieuw-project", "--name", "Nieuw project", data=data)
    assert result.exit_code == 0, result.output
    path = data / "projects" / "nieuw-project.yaml"
    text = path.read_text(encoding="utf-8").replace(
        'budget_note: "Nog geen bedrag vastgelegd; voeg budgetregels toe met hun bron."\n',
        "budget:\n"
        "  - id: uitvoering-2024\n"
        "    year: 2024\n"
        "    amount: 100000\n"
        "    description: Uitvoering\n"
        "    decision: verschuiving-2024\n"
        '    source: "Synthetisch testbesluit"\n',
    )
    path.write_text(text, encoding="utf-8")


def _reduce_wijkleerbedrijf(data: Path, to: str) -> None:
    path = data / "projects" / "wijkleerbedrijf.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    amount: 240000\n",
        f"    amount: {to}\n    previous_amount: 240000\n    changed_by: verschuiving-2024\n",
        1,
    )
    path.write_text(text, encoding="utf-8")


def test_a_move_not_reflected_in_the_source_line_is_a_finding(shipped_copy: Path) -> None:
    _new_project(shipped_copy)
    (shipped_copy / "decisions" / "verschuiving-2024.yaml").write_text(MOVE, encoding="utf-8")
    assert run("validate", data=shipped_copy).exit_code == 0

    result = run("check-budget", data=shipped_copy)

    assert result.exit_code == 1, result.output
    summary = " ".join(result.stdout.strip().split("\n\n")[-1].split())
    assert "24.0000001: Wijkleerbedrijf 'verlenging-2024' 2024: verschuiving niet verwerkt € 100.000" in summary
    report = json.loads(run("check-budget", "--format", "json", data=shipped_copy).stdout)
    (failure,) = [f for f in report["failures"] if f["check"] == "move"]
    assert failure["year"] == 2024 and failure["difference"] == "100000.00"


def test_a_reflected_move_passes_and_prints_its_was_wordt(shipped_copy: Path) -> None:
    _new_project(shipped_copy)
    (shipped_copy / "decisions" / "verschuiving-2024.yaml").write_text(MOVE, encoding="utf-8")
    _reduce_wijkleerbedrijf(shipped_copy, "140000")

    assert run("check-budget", data=shipped_copy).exit_code == 0
    result = run("decision", "verschuiving-2024", "--format", "markdown", data=shipped_copy)
    assert result.exit_code == 0, result.output
    assert "| Wijkleerbedrijf | 2024 | Verlenging met twee jaargangen | € 240.000 | € 140.000 | € -100.000 |" in (
        result.stdout
    )
    assert "| Nieuw project | 2024 | Uitvoering | — | € 100.000 | € 100.000 |" in result.stdout
    assert "| 2024 | € 1.054.795,25 | € 0 | € 1.054.795,25 |" in result.stdout  # a move leaves the year's total


def test_a_line_reduced_by_the_wrong_amount_names_the_cents(shipped_copy: Path) -> None:
    _new_project(shipped_copy)
    (shipped_copy / "decisions" / "verschuiving-2024.yaml").write_text(MOVE, encoding="utf-8")
    _reduce_wijkleerbedrijf(shipped_copy, "140000.01")
    result = run("check-budget", data=shipped_copy)
    assert result.exit_code == 1
    assert "Wijkleerbedrijf 'verlenging-2024' 2024: verschuiving niet verwerkt € 0,01" in result.stdout


def test_a_changed_line_whose_decision_moves_nothing_is_a_finding(shipped_copy: Path) -> None:
    path = shipped_copy / "projects" / "energietransitie.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    amount: 400000\n", "    amount: 400000\n    previous_amount: 395000\n    changed_by: doc-23001887\n", 1
    )
    path.write_text(text, encoding="utf-8")
    result = run("check-budget", "--format", "json", data=shipped_copy)
    assert result.exit_code == 1
    (move,) = [m for m in json.loads(result.stdout)["moves"] if m["verdict"] == "fail"]
    assert (move["decision"], move["project"], move["declared"], move["difference"]) == (
        "doc-23001887",
        "energietransitie",
        "0.00",
        "5000.00",
    )


def test_a_change_before_the_decision_that_introduced_the_line_is_refused(shipped_copy: Path) -> None:
    """Basiskok's 2024 line is introduced by DOC-23001887 (2023): the 2020 bijstelling cannot have changed it,
    and the versions of the begroting are read from that order."""
    path = shipped_copy / "projects" / "basiskok.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    amount: 50000\n", "    amount: 50000\n    previous_amount: 45000\n    changed_by: bijstelling-2020\n", 1
    )
    path.write_text(text, encoding="utf-8")
    result = run("validate", data=shipped_copy)
    assert result.exit_code == 2
    assert "basiskok.yaml:" in result.stdout and "E-ORDER" in result.stdout


def test_a_move_to_a_line_of_another_year_is_unusable(shipped_copy: Path) -> None:
    _new_project(shipped_copy)
    (shipped_copy / "decisions" / "verschuiving-2024.yaml").write_text(
        MOVE.replace("  - year: 2024\n", "  - year: 2023\n"), encoding="utf-8"
    )
    result = run("validate", data=shipped_copy)
    assert result.exit_code == 2
    assert (
        "verschuiving-2024.yaml:12: E-REF moves[0].from.line: 'verlenging-2024' of wijkleerbedrijf is a line of 2024"
        in (result.stdout.replace("\\", "/"))
    )


def test_new_writes_valid_skeletons_and_never_overwrites(shipped_copy: Path) -> None:
    assert (
        run("new", "decision", "besluit-2025", "--reference", "25.1", "--title", "Test", data=shipped_copy).exit_code
        == 0
    )
    assert (
        run(
            "new", "project", "proef", "--name", "Proef", "--category", "scholingsprojecten", data=shipped_copy
        ).exit_code
        == 0
    )
    assert run("validate", data=shipped_copy).exit_code == 0
    before = snapshot(shipped_copy)
    again = run("new", "project", "proef", "--name", "Proef", data=shipped_copy)
    assert again.exit_code == 2 and "exists already" in again.stderr
    assert run("new", "project", "Bad_Id", "--name", "x", data=shipped_copy).exit_code == 2
    assert snapshot(shipped_copy) == before


def test_decision_of_the_2020_bijstelling(shipped_copy: Path) -> None:
    result = run("decision", "bijstelling-2020", "--format", "json", data=shipped_copy)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["stopped"] == [
        "Innovatiefonds initiatieven uit de samenleving",
        "Jongerenvouchers",
    ]
    assert report["neutrality"]["verdict"] == "unknown" and report["neutrality"]["stated_verdict"] == "pass"
    unknown = run("decision", "nope", data=shipped_copy)
    assert unknown.exit_code == 2 and "bijstelling-2020" in unknown.stderr


def test_doc_23001887_by_its_kenmerk_counts_from_the_version_before_it() -> None:
    """Found by a controller: the paragraph counted the organisation lines this very proposal introduces as
    already budgeted ('Totaal was € 209.392,81') and left them out of its was/wordt."""
    by_id = run("decision", "doc-23001887", "--format", "json", data=SHIPPED).stdout
    result = run("decision", "DOC-23001887", "--format", "json", data=SHIPPED)
    assert result.exit_code == 0 and result.stdout == by_id  # by id or by kenmerk
    report = json.loads(result.stdout)
    organisation = [c for c in report["changes"] if c["project"] is None]
    assert [(c["label"], c["was"], c["wordt"]["value"]) for c in organisation] == [
        ("Uitvoering, coördinatie & monitoring", None, "95000.00"),
        ("Overheadkosten Regio Gooi en Vechtstreek", None, "18340.00"),
        ("Communicatie", None, "15000.00"),
    ]
    was = {c["project"]: c["was"] for c in report["changes"] if c["project"]}
    assert was.pop("trainingen") == "46052.81" and set(was.values()) == {None}  # only Trainingen had a "was"
    (year,) = report["years"]
    assert (year["total_before"], year["change"], year["total_after"]) == ("81052.81", "973742.44", "1054795.25")
    assert len(report["extensions"]) == 7 and {e["end"] for e in report["extensions"]} == {"2024-12", "2024"}
    assert [s["status"] for s in report["status"]] == ["voorgesteld"]
    assert run("decision", "20.0006972", data=SHIPPED).exit_code == 0
