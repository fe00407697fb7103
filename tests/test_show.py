"""`waw show PROJECT`: one project's whole life, checked against the shipped data and its sources."""

from __future__ import annotations

import json

from helpers import SHIPPED, run


def test_zorgstart_from_preparation_to_its_extension_with_results_against_targets() -> None:
    report = json.loads(run("show", "zorgstart", "--format", "json", data=SHIPPED).stdout)
    lines = [(b["years"], b["amount"]["value"], b["decision"]) for b in report["budget"]]
    assert lines == [
        ("2020", "33000.00", "20.0006972"),
        ("2021-2022", "557000.00", "20.0006972"),
        ("2021-2022", "110000.00", "20.0006972"),
        ("2024", "150000.00", "DOC-23001887"),
    ]
    assert [(e["end"], e["decision"]) for e in report["extensions"]] == [("2024-12", "DOC-23001887")]
    results = {
        q["quarter"]: [
            (r["indicator"], r["target"]["value"], r["result"]["value"], r["state"]) for r in q["rows"] if r["result"]
        ]
        for q in report["quarters"]
    }
    assert results == {
        "Q3-2021": [("uitstroom-betaald-werk", 250, 80, "groen")],
        "Q3-2023": [("trajecten-gestart", 68, 91, "groen")],
    }
    words = [r["text"] for q in report["quarters"] for r in q["rows"] if r["state"] == "kwalitatief"]
    assert words and "zo'n 30 mensen per kwartaal" in words[0]


def test_show_as_table_and_markdown() -> None:
    table = run("show", "zorgstart", data=SHIPPED).stdout
    for text in (
        "Verlengd tot",
        "2024-12 (voorgesteld in DOC-23001887)",
        "Resultaten Q3-2021",
        "Resultaten Q3-2023",
        "€ 557.000",
    ):
        assert text in table
    markdown = run("show", "trainingen", "--format", "markdown", data=SHIPPED).stdout
    assert "(was € 46.052,81, gewijzigd bij DOC-23001887, voorgesteld)" in markdown


def test_an_unknown_project_is_exit_2_with_a_hint() -> None:
    result = run("show", "zorgstrat", data=SHIPPED)
    assert result.exit_code == 2 and "no project 'zorgstrat'" in result.stderr and "zorgstart" in result.stderr


def test_show_carries_the_realisatie_of_the_project(realised) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(run("show", "alpha", "--format", "json", data=realised).stdout)
    years = {y["year"]: [(r["budgeted"], r["spent"]) for r in y["rows"]] for y in report["realisatie"]}
    assert years == {2021: [("400.00", "350.00")], 2022: [("200.25", "150.10")]}
