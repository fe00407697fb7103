"""Begrotingsrechtmatigheid on synthetic realisatie: per programme the lasten of the begroting na wijziging
against the realisatie, to the cent by hand; an overrun without an explanation, or of a kind that counts,
exits 1; one of a kind that does not count passes and says it is onrechtmatig all the same."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from helpers import run

# By hand, 2021:
#   Testprogramma: Alpha a1 400,00 + Coördinatie 2021 100,00 = 500,00 begroot; 350,00 + 162,40 = 512,40
#   gerealiseerd; verschil -12,40: € 12,40 nadeel, an overrun of the programme.
#   Ander programma: Beta 399,75 begroot and gerealiseerd: rechtmatig.
#   Per project: Alpha € 50,00 voordeel; Beta € 0; Coördinatie 2021 € 62,40 nadeel.
SPENT_2021 = [
    {"project": "alpha", "line": "a1", "amount": "350.00"},
    {"project": "beta", "amount": "399.75"},
    {"cost_line": "org-2021", "amount": "162.40"},
]


def two_programmes_realised(realised: Path, overruns: list[dict] | None = None) -> Path:
    programmes_path = realised / "programmes.yaml"
    text = programmes_path.read_text(encoding="utf-8")
    text = text.replace(
        "cost_lines:\n",
        "cost_lines:\n  - id: org-2021\n    programme: prog\n    year: 2021\n    group: organisatie\n"
        "    description: Coördinatie 2021\n    amount: 100.00\n    source: synthetic\n",
        1,
    )
    text = text.replace(
        "funding_sources:\n",
        "  - id: andere\n    name: Ander programma\n    period: {start: 2021-01, end: 2023-12, source: synthetic}\n"
        "funding_sources:\n",
        1,
    )
    programmes_path.write_text(text, encoding="utf-8")
    beta = realised / "projects" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("programme: prog", "programme: andere"), encoding="utf-8")
    year_path = realised / "realisatie" / "2021.yaml"
    year = yaml.safe_load(year_path.read_text(encoding="utf-8"))
    lines = [
        "year: 2021",
        "status: final",
        'source: "synthetic: jaarrekening 2021"',
        "spent:",
        *[
            "  - {" + ", ".join(f"{k}: {v}" for k, v in entry.items()) + "}"  # amounts plain, as data files write
            for entry in SPENT_2021
        ],
        "funds:",
        *["  " + line for line in yaml.safe_dump(year["funds"], allow_unicode=True).splitlines()],
    ]
    if overruns:
        lines.append("overruns:")
        lines += ["  - " + json.dumps(o, ensure_ascii=False) for o in overruns]
    year_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return realised


def lawful(data: Path) -> dict:
    result = run("budget", "--year", "2021", "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["realisatie"]["rechtmatigheid"]


EXPLAINED = [
    {
        "programme": "prog",
        "category": "open-einde-regeling",
        "explanation": "Meer deelnemers dan begroot in de regeling.",
        "source": "synthetic: jaarrekening 2021, toelichting",
    },
    {
        "cost_line": "org-2021",
        "category": "open-einde-regeling",
        "explanation": "Coördinatie van de extra deelnemers.",
        "source": "synthetic: jaarrekening 2021, toelichting",
    },
]


def test_the_programme_table_matches_the_hand_computed_figures_to_the_cent(realised: Path) -> None:
    report = lawful(two_programmes_realised(realised, EXPLAINED))
    rows = {r["id"]: r for r in report["programmes"]}
    assert list(rows) == ["prog", "andere"]
    assert (rows["prog"]["budgeted"], rows["prog"]["spent"]) == ("500.00", "512.40")
    assert (rows["prog"]["difference"], rows["prog"]["overrun"]) == ("-12.40", "12.40")
    assert (rows["andere"]["budgeted"], rows["andere"]["spent"], rows["andere"]["overrun"]) == ("399.75",) * 2 + (
        "0.00",
    )
    assert rows["andere"]["judgement"] == "rechtmatig"
    assert (report["budgeted"], report["spent"], report["difference"]) == ("899.75", "912.15", "-12.40")
    projects = {r["id"]: r["difference"] for r in report["projects"]}
    assert projects == {"org-2021": "-62.40", "alpha": "50.00", "beta": "0.00"}


def test_an_overrun_without_an_explanation_exits_1(realised: Path) -> None:
    data = two_programmes_realised(realised)
    assert lawful(data)["programmes"][0]["judgement"] == "niet toegelicht"
    result = run("check-budget", "--year", "2021", "--format", "json", data=data)
    assert result.exit_code == 1
    failures = {f["check"]: f for f in json.loads(result.stdout)["failures"]}
    assert failures["rechtmatigheid"]["scope"] == "programma Testprogramma"
    assert failures["rechtmatigheid"]["difference"] == "12.40"
    assert failures["overspend"]["scope"] == "Coördinatie 2021" and failures["overspend"]["difference"] == "62.40"
    summary = " ".join(run("check-budget", "--year", "2021", data=data).stdout.split("\n\n")[-1].split())
    assert "programma Testprogramma 2021: lasten boven de begroting na wijziging € 12,40" in summary


def test_an_explained_overrun_of_a_kind_that_does_not_count_passes_and_says_onrechtmatig(realised: Path) -> None:
    data = two_programmes_realised(realised, EXPLAINED)
    row = lawful(data)["programmes"][0]
    assert (row["judgement"], row["verdict"], row["category"]) == (
        "onrechtmatig, telt niet mee",
        "pass",
        "open-einde-regeling",
    )
    result = run("check-budget", "--year", "2021", "--format", "markdown", data=data)
    assert result.exit_code == 0, result.stdout.splitlines()[-1]
    table = next(line for line in result.stdout.splitlines() if line.startswith("| Testprogramma"))
    assert "| € 500 | € 512,40 |" in table
    assert "€ 12,40 nadeel" in table and "onrechtmatig, telt niet mee" in table and "open-einderegeling" in table


def test_an_explained_overrun_of_a_kind_that_counts_exits_1(realised: Path) -> None:
    counting = [dict(EXPLAINED[0], category="buiten-beleid"), EXPLAINED[1]]
    data = two_programmes_realised(realised, counting)
    result = run("check-budget", "--year", "2021", "--format", "json", data=data)
    assert result.exit_code == 1
    (failure,) = [f for f in json.loads(result.stdout)["failures"] if f["check"] == "rechtmatigheid"]
    assert failure["difference"] == "12.40"
    findings = json.loads(run("budget", "--year", "2021", "--format", "json", data=data).stdout)["realisatie"][
        "findings"
    ]
    (finding,) = [f for f in findings if f["kind"] == "rechtmatigheid"]
    assert finding["explanation"] == (
        "lasten boven de begroting na wijziging 2021: onrechtmatig, telt mee voor het oordeel "
        "(past niet binnen het bestaande beleid)"
    )


def test_the_budget_command_shows_both_tables_with_voordeel_and_nadeel(realised: Path) -> None:
    data = two_programmes_realised(realised, EXPLAINED)
    text = run("budget", "--year", "2021", "--format", "markdown", data=data).stdout
    assert "### Begrotingsrechtmatigheid 2021 per programma" in text
    assert "### Begrotingsrechtmatigheid 2021 per project" in text
    alpha = next(line for line in text.splitlines() if line.startswith("| Alpha | project"))
    assert "| € 400 | € 350 | € 50 voordeel | rechtmatig |" in alpha


def test_an_explanation_naming_nothing_is_a_reference_error(realised: Path) -> None:
    wrong = [dict(EXPLAINED[0], programme="progg")]
    result = run("validate", data=two_programmes_realised(realised, wrong))
    assert result.exit_code == 2 and "E-REF overruns[0].programme: unknown programme 'progg'" in result.output
