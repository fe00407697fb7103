"""`waw status` and `waw report` on the shipped data: the published figures, with their qualifiers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import SHIPPED, run, with_an_orange_light


def test_report_q3_2021_has_every_figure_with_its_qualifier_in_its_category() -> None:
    report = json.loads(run("report", "--quarter", "2021-Q3", "--format", "json", data=SHIPPED).stdout)
    headline = {h["indicator"]: h for h in report["headline"]}
    assert headline["inwoners-bereikt"]["result"] == {
        "value": 500,
        "qualifier": "bijna",
        "quote": headline["inwoners-bereikt"]["result"]["quote"],
    }
    assert headline["uitstroom-betaald-werk"]["result"]["value"] == 150
    assert headline["uitstroom-betaald-werk"]["result"]["qualifier"] == "bijna"
    # "precies gelijk aan de doelstelling" names no figure: neither the 1160 of three years nor a number started
    assert headline["trajecten-gestart"]["target"] is None
    assert headline["trajecten-gestart"]["result"]["value"] is None  # not given: unknown, not 0
    # "achterblijft op de doelstelling" is said of completed training, not of the 860 trajectories to deploy
    assert headline["scholing-afgerond"]["target"] is None and "scholingstrajecten" not in headline
    figures = {
        (block["id"], row["project"], row["indicator"]): (row["result"]["value"], row["result"]["qualifier"])
        for block in report["categories"]
        for row in block["rows"]
        if row["result"]
    }
    assert figures == {
        ("begeleiding-doelgroepen", "ggz-voortzetting", "trajecten-gestart"): (19, None),
        ("begeleiding-doelgroepen", "ggz-voortzetting", "uitstroom-betaald-werk"): (7, None),
        ("wsp-projecten", "werkgelegenheidsprojecten", "trajecten-gestart"): (30, None),
        ("wsp-projecten", "werkgelegenheidsprojecten", "uitstroom-betaald-werk"): (16, None),
        ("wsp-projecten", "mobiliteitsdienstverlening", "bedrijven-benaderd"): (800, "meer dan"),
        ("wsp-projecten", "mobiliteitsdienstverlening", "bedrijven-in-gesprek"): (50, "ongeveer"),
        ("wsp-projecten", "mobiliteitsdienstverlening", "plaatsingen"): (10, None),
        ("scholingsprojecten", "wijkleerbedrijf", "scholing-afgerond"): (24, None),
        ("scholingsprojecten", "zorgstart", "uitstroom-betaald-werk"): (80, "ruim"),
    }
    # Jongeren's 50 and 38 held "in een half jaar tijd" from May: November, after the quarter; named as later
    later = {
        (row["project"], row["indicator"]): (row["later_result"]["value"], row["later_as_of"])
        for block in report["categories"]
        for row in block["rows"]
        if row["later_result"]
    }
    assert later == {
        ("jongeren", "gesproken"): (50, "2021-11"),
        ("jongeren", "uitstroom-betaald-werk"): (38, "2021-11"),
    }


def test_report_table_shows_qualifiers_and_the_exclusion_note() -> None:
    result = run("report", "--quarter", "Q3-2021", data=SHIPPED, columns=1000)  # every cell on one line
    for text in (
        "ruim 80",
        "bijna 500",
        "bijna 150",
        "meer dan 800",
        "ca. 50",
        "exclusief de gemeentelijke projecten",
        "◇ kwalitatief",
        "○ geen doel",  # GGZ's 19 starts: the 12 capped the financing, not the starts
        "later: 38",
    ):
        assert text in result.stdout, text
    assert "handmatig" not in result.stdout  # the source's words are its own column now, not a manual light


def test_status_q3_2023_matches_doc_23001887() -> None:
    report = json.loads(run("status", "--quarter", "Q3-2023", "--format", "json", data=SHIPPED).stdout)
    rows = {(r["project"], r["indicator"]): r for r in report["rows"] if r["indicator"]}
    expected_green = {
        ("zorgstart", "trajecten-gestart"): (68, 91),
        ("wijkleerbedrijf", "diplomarendement"): (80, 87),
        ("ai-operator", "werkplekken"): (6, 6),  # "tot nu toe 6 werkplekken"; 8 is growth it could make
        ("basiskok", "diplomarendement"): (80, 86),
        ("bouw-en-techniekstart", "diploma-of-werk"): (70, 77),
    }
    for key, (goal, result) in expected_green.items():
        row = rows[key]
        assert (row["target"]["value"], row["result"]["value"], row["state"]) == (goal, result, "groen"), key
    lagging = {
        ("baan-talent-events", "events"): "geen-gegevens",  # its 4 held on 16 November: a later figure
        ("motopp", "deelnemers"): "geen-gegevens",  # its one participant is the state of 16 November
        ("motopp", "uitstroom-percentage"): "geen-gegevens",  # its target: 90% outflow, not yet measurable
        ("trainingen", "groepen"): "periode-onbekend",
    }
    for key, state in lagging.items():
        assert rows[key]["state"] == state, key
    assert rows[("baan-talent-events", "events")]["target"]["value"] == 7
    events = rows[("baan-talent-events", "events")]
    assert (events["result"], events["later_result"]["value"], events["later_as_of"]) == (None, 4, "2023-11")
    assert rows[("trainingen", "groepen")]["target"]["value"] == 18
    assert rows[("motopp", "uitstroom-percentage")]["target"]["value"] == 90
    pilot = rows[("training-50-plus", "deelnemers")]  # one pilot group of 8: met, not 200% pro rata
    assert (pilot["target"]["value"], pilot["result"]["value"], pilot["share"], pilot["state"]) == (8, 8, 100, "groen")
    # Ended before the quarter: shown as ended with the last known figure, never "geen gegevens".
    jongeren = rows[("jongeren", "uitstroom-betaald-werk")]
    assert (jongeren["state"], jongeren["result"]["value"], jongeren["result_quarter"]) == ("afgelopen", 38, "Q3-2021")
    states = {r["project"]: r["state"] for r in report["rows"]}
    assert states["gooise-waardebox"] == "afgelopen" and states["recycling-hout"] == "afgelopen"
    assert states["schoonhuis"] == "gestopt"


def test_status_filters_and_default_quarter() -> None:
    report = json.loads(run("status", "--programme", "pow", "--format", "json", data=SHIPPED).stdout)
    assert report["quarter"] == "Q3-2023"  # the latest quarter with data
    assert {r["programme"] for r in report["rows"]} == {"pow"}
    doorstroom = json.loads(
        run("status", "--quarter", "Q3-2021", "--category", "doorstroombanen", "--format", "json", data=SHIPPED).stdout
    )
    assert {r["project"] for r in doorstroom["rows"]} == {"ai-operator", "recycling-hout", "gooise-waardebox"}


def test_lights_read_without_colour(minimal: Path) -> None:
    result = run("status", "--quarter", "Q3-2023", data=SHIPPED)
    orange = run("status", "--quarter", "Q2-2021", data=with_an_orange_light(minimal))
    assert "\x1b[" not in result.stdout + orange.stdout
    assert "● groen" in result.stdout and "□ afgelopen" in result.stdout and "◆ oranje" in orange.stdout


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["report", "--quarter", "Q5-2021"], 2, "is not a quarter"),
        (["status", "--quarter", "2021"], 2, "is not a quarter"),
        (["status", "--programme", "xyz"], 2, "--programme 'xyz' is not one of: waw, pow"),
        (["report", "--quarter", "Q1-2022"], 2, "no results for Q1-2022 in"),
        (["status", "--quarter", "Q1-2022"], 2, "(there are for: Q3-2020, Q3-2021, Q3-2023)"),
    ],
)
def test_quarters_without_data_and_bad_quarters(args: list[str], code: int, fragment: str) -> None:
    result = run(*args, data=SHIPPED)
    assert result.exit_code == code, result.output
    assert fragment in result.output


def test_july_2020_monitor_and_the_50_plus_pilot() -> None:
    july = json.loads(run("status", "--quarter", "Q3-2020", "--format", "json", data=SHIPPED).stdout)
    rows = {(r["project"], r["indicator"]): r for r in july["rows"]}
    ggz = rows[("ggz", "trajecten-gestart")]
    assert (ggz["target"]["value"], ggz["result"]["value"], ggz["state"], ggz["manual"]) == (12, 9, "groen", False)
    assert ggz["stated"]["position"] == "op-koers"  # "Dit project ligt op koers om dat aantal ook te behalen."
    assert rows[("innovatiefonds", None)]["state"] == "on-hold"
    assert rows[("innovatiefonds", None)]["stated"]["position"] == "niet-op-koers"  # the graphic's column
    assert rows[("wijkleerbedrijf", None)]["state"] == "gepland"  # starts in September: planned in July
    assert rows[("wijkleerbedrijf", None)]["stated"]["position"] == "op-koers"  # where the graphic puts it
    capaciteit = rows[("capaciteit-wsp", None)]  # the right-hand column's sentence, not a splice of two
    assert capaciteit["text"].startswith("De beoogde capaciteit zou in maart/april worden aangetrokken")
    assert (capaciteit["state"], capaciteit["stated"]["position"]) == ("kwalitatief", "op-koers")
    q3_2023 = json.loads(run("status", "--quarter", "Q3-2023", "--format", "json", data=SHIPPED).stdout)
    pilot = {
        r["indicator"]: (r["result"] or r["later_result"])["value"]
        for r in q3_2023["rows"]
        if r["project"] == "training-50-plus"
    }
    assert pilot == {"deelnemers": 8, "uitstroom-betaald-werk": 3, "scholing-afgerond": 3, "voortijdig-gestopt": 2}
    # The training ran "van half september tot half oktober": only the 8 who started are a Q3 figure
    later = {r["indicator"]: r["later_as_of"] for r in q3_2023["rows"] if r["project"] == "training-50-plus"}
    assert later == {
        "deelnemers": None,
        "uitstroom-betaald-werk": "2023-11",
        "scholing-afgerond": "2023-10",
        "voortijdig-gestopt": "2023-10",
    }


@pytest.mark.parametrize(
    ("position", "shown"),
    [("niet-op-koers", "≠ niet op koers"), ("tussenin", "≠ daar tussenin"), ("op-koers", "op koers")],
)
def test_the_sources_judgement_stands_beside_the_computed_light_and_never_sets_it(
    minimal: Path, position: str, shown: str
) -> None:
    """Alpha's 8 of 10 computes green; a source that puts it elsewhere is shown with ≠, the light stays green."""
    results = minimal / "results" / "2021-Q2.yaml"
    stated = f'    stated:\n      position: {position}\n      words: "synthetisch oordeel"\n      source: "synthetic"\n'
    results.write_text(
        results.read_text().replace('    source: "synthetic"\n', '    source: "synthetic"\n' + stated, 1)
    )
    table = run("status", "--quarter", "Q2-2021", "--format", "markdown", data=minimal).stdout
    (alpha,) = [line for line in table.splitlines() if "| Alpha |" in line]
    assert f"| 🟢 groen | {shown} | de bron: 'synthetisch oordeel'" in alpha
    (row,) = [
        r
        for r in json.loads(run("status", "--quarter", "Q2-2021", "--format", "json", data=minimal).stdout)["rows"]
        if r["project"] == "alpha"
    ]
    assert (row["state"], row["stated"]["position"], row["stated_differs"]) == (
        "groen",
        position,
        position != "op-koers",
    )


def test_report_defaults_to_the_latest_quarter_like_status() -> None:
    latest = run("report", "--format", "json", data=SHIPPED)
    assert latest.exit_code == 0
    assert latest.stdout == run("report", "--quarter", "Q3-2023", "--format", "json", data=SHIPPED).stdout
