"""`waw status` and `waw report` on the shipped data: the published figures, with their qualifiers."""

from __future__ import annotations

import json

import pytest

from helpers import SHIPPED, run


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
    assert headline["trajecten-gestart"]["target"]["value"] == 1160
    assert headline["trajecten-gestart"]["result"]["value"] is None  # not given: unknown, not 0
    assert headline["scholingstrajecten"]["target"]["value"] == 860
    figures = {
        (block["id"], row["project"], row["indicator"]): (row["result"]["value"], row["result"]["qualifier"])
        for block in report["categories"]
        for row in block["rows"]
        if row["result"]
    }
    assert figures == {
        ("begeleiding-doelgroepen", "jongeren", "gesproken"): (50, "ongeveer"),
        ("begeleiding-doelgroepen", "jongeren", "uitstroom-betaald-werk"): (38, None),
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


def test_report_table_shows_qualifiers_and_the_exclusion_note() -> None:
    result = run("report", "--quarter", "Q3-2021", data=SHIPPED)
    for text in (
        "ruim 80",
        "bijna 500",
        "bijna 150",
        "meer dan 800",
        "ca. 50",
        "1.160",
        "860",
        "exclusief gemeentelijke projecten",
        "◇ kwalitatief",
        "● groen (handmatig)",
    ):
        assert text in result.stdout, text


def test_status_q3_2023_matches_doc_23001887() -> None:
    report = json.loads(run("status", "--quarter", "Q3-2023", "--format", "json", data=SHIPPED).stdout)
    rows = {(r["project"], r["indicator"]): r for r in report["rows"] if r["indicator"]}
    expected_green = {
        ("zorgstart", "trajecten-gestart"): (68, 91),
        ("wijkleerbedrijf", "diplomarendement"): (80, 87),
        ("ai-operator", "werkplekken"): (6, 8),
        ("basiskok", "diplomarendement"): (80, 86),
        ("bouw-en-techniekstart", "diploma-of-werk"): (70, 77),
    }
    for key, (goal, result) in expected_green.items():
        row = rows[key]
        assert (row["target"]["value"], row["result"]["value"], row["state"]) == (goal, result, "groen"), key
    lagging = {
        ("baan-talent-events", "events"): "oranje",
        ("motopp", "deelnemers"): "geen-doel",  # "budget voor 10 deelnemers" is a capacity, not a target
        ("motopp", "uitstroom-percentage"): "geen-gegevens",  # its target: 90% outflow, not yet measurable
        ("trainingen", "groepen"): "periode-onbekend",
    }
    for key, state in lagging.items():
        assert rows[key]["state"] == state, key
    assert rows[("baan-talent-events", "events")]["target"]["value"] == 7
    assert rows[("baan-talent-events", "events")]["result"]["value"] == 4
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


def test_lights_read_without_colour() -> None:
    result = run("status", "--quarter", "Q3-2023", data=SHIPPED)
    assert "\x1b[" not in result.stdout
    assert "● groen" in result.stdout and "◆ oranje" in result.stdout and "□ afgelopen" in result.stdout


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
    assert (ggz["target"]["value"], ggz["result"]["value"], ggz["state"], ggz["manual"]) == (12, 9, "groen", True)
    assert rows[("innovatiefonds", None)]["state"] == "on-hold"
    assert rows[("wijkleerbedrijf", None)]["state"] == "gepland"
    assert rows[("capaciteit-wsp", None)]["text"] == "Deelproject reeds in uitvoering."
    q3_2023 = json.loads(run("status", "--quarter", "Q3-2023", "--format", "json", data=SHIPPED).stdout)
    pilot = {r["indicator"]: r["result"]["value"] for r in q3_2023["rows"] if r["project"] == "training-50-plus"}
    assert pilot == {"deelnemers": 8, "uitstroom-betaald-werk": 3, "scholing-afgerond": 3, "voortijdig-gestopt": 2}
