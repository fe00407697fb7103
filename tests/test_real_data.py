"""The shipped data/ reproduces the published figures of the source documents."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from helpers import SHIPPED, run
from wawtool import budget
from wawtool.figures import Figure
from wawtool.load.loader import Dataset, load
from wawtool.models import Project, Qualitative, Result, ResultsFile
from wawtool.neutrality import neutrality_checks
from wawtool.reports.budget import build_budget_report
from wawtool.reports.check_budget import build_check_budget_report
from wawtool.rules import run_rules


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    result = load(SHIPPED)
    assert result.issues == []
    assert result.dataset is not None
    assert run_rules(result.dataset) == []
    return result.dataset


def _project(dataset: Dataset, project_id: str) -> Project:
    project = dataset.project(project_id)
    assert project is not None, project_id
    return project


def test_the_22_original_sub_projects(dataset: Dataset) -> None:
    """Monitor juli 2020: 13 Werken aan Werk and 9 Perspectief op Werk sub-projects."""
    originals = [p.model for p in dataset.projects if p.model.origin is None and _is_2020(p.model)]
    by_programme = {prog: sum(1 for p in originals if p.programme == prog) for prog in ("waw", "pow")}
    assert by_programme == {"waw": 13, "pow": 9}


def _is_2020(project) -> bool:  # type: ignore[no-untyped-def]
    return min(s.as_of for s in project.status) <= "2020-07"


def test_the_bijstelling_stops_three_and_funds_eight(dataset: Dataset) -> None:
    decision = next(d.model for d in dataset.decisions if d.model.id == "bijstelling-2020")
    # Schoonhuis had ended already ('het reeds beëindigde project Schoonhuis'): the proposal moves its HHT funds
    assert decision.stopped == ["innovatiefonds", "jongerenvouchers"]
    assert len(decision.funded) == 8
    for project_id in decision.stopped:
        assert _project(dataset, project_id).current_status() == "stopped"
    assert {_project(dataset, p).origin for p in decision.funded} == {"bijstelling-2020"}


@pytest.mark.parametrize(
    ("project_id", "year", "amounts"),
    [
        ("jongeren", 2021, ["55000.00"]),
        ("jongeren", 2022, ["55000.00"]),
        ("recycling-hout", 2021, ["170000.00"]),
        ("recycling-hout", 2022, ["80000.00"]),
        ("gooise-waardebox", 2021, ["125000.00"]),
        ("gooise-waardebox", 2022, ["125000.00"]),
        ("ggz-voortzetting", 2021, ["100000.00"]),
        ("ai-operator", 2021, ["5500.00", "64500.00", None]),
        ("zorgstart", 2020, ["33000.00"]),
    ],
)
def test_bijstelling_amounts_per_year(dataset: Dataset, project_id: str, year: int, amounts: list[str | None]) -> None:
    lines = [line for line in _project(dataset, project_id).budget if line.year == year]
    assert [str(line.amount) if line.amount is not None else None for line in lines] == amounts


def test_stated_totals_match_their_lines(dataset: Dataset) -> None:
    checks = {(c.scope, c.label): c for c in budget.total_checks(dataset)}
    zorgstart = checks[("ZorgStart", "Totaal")]
    assert [i.amount for i in zorgstart.lines.items] == [Decimal("33000"), Decimal("557000"), Decimal("110000")]
    assert zorgstart.lines.known == Decimal("700000") and zorgstart.verdict == "pass"
    six_months = checks[("AI Operator", "Totaal 6 maanden")]
    assert [i.amount for i in six_months.lines.items] == [Decimal("5500"), Decimal("64500")]
    assert six_months.verdict == "pass"
    one_year = checks[("AI Operator", "Totaal 1 jaar")]
    assert one_year.stated.amount == Decimal("130000") and one_year.lines.derived_unknown == Decimal("60000")
    assert checks[("Jongeren", "Totaal")].lines.known == Decimal("110000")
    assert all(c.verdict == "pass" for c in checks.values())


def test_the_2020_neutrality_is_undecidable_from_the_sources_and_says_why(dataset: Dataset) -> None:
    """Nota §Financiën: 'kan het benodigde bedrag van grofweg € 2,1 miljoen voor de acht projecten worden
    gefinancierd'. The sources give HHT's € 1,2 miljoen released and nothing for Innovatiefonds or
    Jongerenvouchers: neutrality is niet toetsbaar, and € 680.000 of the named funding rests on those two."""
    (check,) = neutrality_checks(dataset)
    assert check.reference == "20.0006972"
    assert check.stated is not None and check.stated.amount == Decimal("2100000") and check.stated.approximate
    assert check.stated_applies_to == "funded"
    released = {p.label: p.figure for p in check.released}
    assert set(released) == {"HHT-middelen Schoonhuis", "Vrijval Innovatiefonds", "Vrijval Jongerenvouchers"}
    assert released["HHT-middelen Schoonhuis"] == Figure.exact(Decimal("1200000"))
    assert released["Vrijval Innovatiefonds"].value is None and released["Vrijval Jongerenvouchers"].value is None
    assert check.released_known.value == Decimal("1200000") and check.released_total.value is None  # not derived

    funded = {p.label: p for p in check.funded}
    assert funded["AI Operator"].figure == Figure.exact(Decimal("70000"))
    assert funded["Mobiliteitsdienstverlening"].figure.value is None  # no figure: the sources give none
    assert check.funded_firm == Decimal("1880000")
    (second_half,) = check.conditional  # 'Bij een positieve tussentijdse evaluatie': voorwaardelijk, apart
    assert second_half.figure.value == Decimal("60000") and "positieve tussentijdse evaluatie" in second_half.condition
    assert check.funded_conditional == Decimal("60000")
    assert check.stated_verdict == "pass"  # € 1.940.000 named fits grofweg € 2,1 miljoen (± € 50.000)
    assert check.verdict == "unknown"
    assert check.resting_on_unknown == Figure.exact(Decimal("680000"))
    assert check.missing == [
        "het vrijgevallen bedrag van Vrijval Innovatiefonds",
        "het vrijgevallen bedrag van Vrijval Jongerenvouchers",
    ]
    assert (check.flexible_budget.value, check.flexible_budget.bound) == (Decimal("0"), "min")  # unknown, >= 0


def test_no_figure_derived_from_grofweg_is_shown_anywhere() -> None:
    """The remainder "ca. € 160.000 (afgeleid)" for Mobiliteitsdienstverlening and the released "minimaal ca.
    € 900.000" were 2,1 miljoen minus the named lines, as if "grofweg" were exact: both are gone."""
    result = run("check-budget", "--format", "markdown", data=SHIPPED)
    assert result.exit_code == 0
    section = result.stdout[result.stdout.index("### Financiële neutraliteit") :]
    section = section[: section.index("### Verplichtingen per jaar")]
    assert "| Gefinancierd | Mobiliteitsdienstverlening | onbekend |" in section
    assert "160.000" not in result.stdout and "900.000" not in section and "€ 220.000" not in section
    assert "€ 680.000 van de genoemde verplichte projectbedragen (€ 1.880.000) rust op" in section
    assert "**onbekend (≥ € 0)**" in section
    assert "ca. € 250.000 (± € 50.000, voorlopig)" in result.stdout and "245.20" not in result.stdout


TABEL_1 = {
    "Uitvoering, coördinatie & monitoring": "95000.00",
    "Overheadkosten Regio Gooi en Vechtstreek": "18340.00",
    "Communicatie": "15000.00",
    "Divosa Benchmark Werk en Inkomen": "21000.00",
    "ZorgStart": "150000.00",
    "Wijkleerbedrijf": "240000.00",
    "AI Operator": "58000.00",
    "Basiskok": "50000.00",
    "Bouw en Techniekstart": "210000.00",
    "Baan.Talent Events": "80000.00",
    "Motopp": "35000.00",
    "Ik in de Kinderopvang!": "32000.00",
    "Trainingen Ik Word, Ik Ben en Arbeidstools": "50455.25",
}


def test_the_derived_second_half_year_of_ai_operator_says_so_wherever_it_is_shown(tmp_path: Path) -> None:
    """'Totaal 1 jaar € 130.000' less the two known lines gives the conditional extension: € 60.000, derived.
    The begroting counts it, so its line, the list of risks and the workbook show the same figure, marked."""
    label = "AI Operator: Verlenging met een half jaar bij positieve evaluatie"
    report = json.loads(run("budget", "--year", "2021", "--format", "json", data=SHIPPED).stdout)
    (risk,) = report["risks"]
    assert (risk["label"], risk["amount"]) == (label, "60000.00") and risk["derived_from"]
    table = run("budget", "--year", "2021", "--format", "markdown", data=SHIPPED).stdout
    assert f"|  | {label} (voorwaardelijk) | € 60.000 (afgeleid) |" in table  # the begroting's line
    assert f"| 2021 | {label} | € 60.000 (afgeleid) |" in table  # and the risk
    assert "onbekend" not in table.split("Voorwaardelijke reserveringen")[1]
    target = tmp_path / "waw.xlsx"
    assert run("export", "-o", target, "--year", "2021", data=SHIPPED).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Projecten"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "ai-operator")
    ai = dict(zip(header, row, strict=True))
    assert ai["2021"] == 130000  # as the begroting counts 2021 (its Totaal uitgaven); the derived part named
    assert "Verlenging met een half jaar bij positieve evaluatie 2021: € 60.000 (afgeleid" in ai["Niet per jaar"]
    assert ai["Niet per jaar"].endswith("min de andere regels), in 2021 meegeteld")


def test_begroting_2024_is_tabel_1(dataset: Dataset) -> None:
    report = build_budget_report(dataset, 2024)
    lines = {line.label: str(line.amount) for group in report.groups for line in group.lines}
    assert lines == TABEL_1
    groups = {g.id: str(g.subtotal) for g in report.groups}
    assert groups == {"organisatie": "149340.00", "projecten": "855000.00", "trainingen": "50455.25"}
    assert report.total == Decimal("1054795.25")
    assert report.available.value == Decimal("1300000") and report.available.margin == Decimal("50000")
    assert report.available.provisional  # 'weten we pas na de jaarwisseling'
    assert report.headroom.value == Decimal("245204.75") and report.headroom.low == Decimal("195204.75")
    assert report.conditional == Decimal("465455.25") and report.firm == Decimal("589340.00")
    assert report.stated_total is not None and report.stated_total.verdict == "pass"


def test_trainingen_correction_is_kept(dataset: Dataset) -> None:
    (line,) = _project(dataset, "trainingen").budget
    assert line.amount == Decimal("50455.25") and line.previous_amount == Decimal("46052.81")


def test_conditional_reservations_of_2024(dataset: Dataset) -> None:
    found = {r.project: r.amount for r in budget.risks(dataset, 2024)}
    assert found["basiskok"] == Decimal("50000")
    assert found["ai-operator"] == Decimal("58000")
    assert found["motopp"] == Decimal("35000")


def test_hht_funds_and_2024_availability_are_sourced(dataset: Dataset) -> None:
    assert dataset.programmes is not None
    funds = {f.id: f for f in dataset.programmes.model.funding_sources}
    assert funds["hht-schoonhuis"].amount == Decimal("1200000")
    assert funds["innovatiefonds"].amount is None and funds["innovatiefonds"].note
    (available,) = dataset.programmes.model.available
    assert available.amount == Decimal("1300000") and available.quote == "zo'n 1,3 miljoen"


def test_every_figure_carries_a_source() -> None:
    """Every mapping that holds an amount, value or period also names its source; a seal's figures are those of
    the document it names (`document`), and its `source` says where the publication date comes from."""
    import yaml

    def walk(node, path):  # type: ignore[no-untyped-def]
        if isinstance(node, dict) and path.startswith("seals/") and "figures" in node:
            assert node["document"] and node["source"], f"{path} names no document or no source of its date"
            node = {k: v for k, v in node.items() if k != "figures"}
        if isinstance(node, dict):
            if {"amount", "value", "start", "end", "as_of"} & set(node):
                assert "source" in node, f"{path} has a figure without a source"
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    for file in sorted(SHIPPED.rglob("*.yaml")):
        walk(yaml.safe_load(file.read_text(encoding="utf-8")), str(file.relative_to(SHIPPED)))


def test_check_budget_on_shipped_data_passes() -> None:
    result = run("check-budget", data=SHIPPED)
    assert result.exit_code == 0, result.output
    summary = " ".join(result.stdout.split("\n\n")[-1].split())
    assert summary.startswith("9 voldoen, 0 voldoen niet, 7 niet toetsbaar."), summary
    # neither decision is adopted in the data, so who may adopt it cannot be judged yet
    assert "20.0006972: 4 wijzigingen (bevoegdheid; te beslissen met de vaststelling van 20.0006972" in summary
    assert "20.0006972 (neutraliteit; te beslissen met het vrijgevallen bedrag van Vrijval Innovatiefonds" in summary
    # the Trainingen correction from the reserve: DOC-23001887 gives no balance of the reserve (§4 Financiën)
    assert "DOC-23001887: Reserve Werken aan Werk 2024 (opname uit een fonds; te beslissen" in summary
    assert "Rust op niet vastgestelde besluiten: DOC-23001887 (voorgesteld)." in summary
    assert "€ 1.200.000" in result.stdout and "ca. € 2.100.000 (± € 50.000)" in result.stdout
    assert "Vrijval Innovatiefonds" in result.stdout
    strict = run("check-budget", "--strict", data=SHIPPED)
    assert strict.exit_code == 1 and strict.stdout == result.stdout


def test_the_2021_total_shows_its_conditional_half_year_apart() -> None:
    """'Totaal uitgaven 2021 € 580.000' counted AI Operator's second half year ('bij een positieve tussentijdse
    evaluatie') as committed: € 520.000 verplicht and € 60.000 voorwaardelijk."""
    report = json.loads(run("check-budget", "--year", "2021", "--format", "json", data=SHIPPED).stdout)
    (year,) = report["years"]
    assert (year["firm"], year["conditional"], year["committed"]) == ("520000.00", "60000.00", "580000.00")
    table = run("check-budget", "--year", "2021", data=SHIPPED).stdout
    assert "€ 520.000" in table and "€ 60.000" in table


def test_check_budget_json_is_the_report(dataset: Dataset) -> None:
    result = run("check-budget", "--format", "json", data=SHIPPED)
    assert result.exit_code == 0
    expected = build_check_budget_report(dataset).model_dump(mode="json")
    expected["data"] = str(Path(SHIPPED))
    assert json.loads(result.stdout) == expected


def test_corrections_against_the_sources(dataset: Dataset) -> None:
    """Issue 9 §6: each figure as its source says it."""
    ai = dataset.project("ai-operator")
    assert ai is not None and "NPO2" in ai.partners and "NPO" not in ai.partners
    assert {(t.indicator, t.value) for t in ai.targets if t.value in (10, 20)} == {
        ("doorstroom", 10),
        ("doorstroom", 20),
    }
    assert ai.extensions[0].condition == "Bij een positieve tussentijdse evaluatie."
    waardebox = dataset.project("gooise-waardebox")
    assert waardebox is not None and "Social Stuff (Repair Café)" in waardebox.partners
    targets = {t.indicator: t for t in waardebox.targets}
    assert targets["doorstroom"].value == 40 and "uitstroom-betaald-werk" not in targets
    assert (targets["goederen-hergebruikt"].value, targets["goederen-hergebruikt"].qualifier) == (7450, "minimaal")
    hout = dataset.project("recycling-hout")
    assert hout is not None and "Social Stuff (Repair Café)" in hout.partners
    assert "600 ton" in (hout.note or "") and "€ 15.000" in (hout.budget[0].note or "")
    motopp = dataset.project("motopp")
    assert motopp is not None and [(t.indicator, t.value) for t in motopp.targets] == [("uitstroom-percentage", 90)]
    ggz = dataset.project("ggz-voortzetting")
    assert ggz is not None
    # Issue 19: the 12 are "de financiering van een maximaal vastgesteld aantal van 12 IPS-trajecten", a cap on
    # what the line finances (on the budget line), and "garandeert 42%" describes the method, not a target
    assert {(t.indicator, t.value, t.qualifier, t.start, t.end) for t in ggz.targets} == {
        ("uitstroom-betaald-werk", 6, "minimaal", "2020", "2021"),
    }
    assert "maximaal vastgesteld aantal van 12" in (ggz.budget[0].note or "")
    capaciteit = dataset.project("capaciteit-wsp")
    assert capaciteit is not None and capaciteit.status[0].status == "on_hold"
    assert capaciteit.status[-1].status == "running"  # July 2020: "Deelproject reeds in uitvoering"
    zorgstart = dataset.project("zorgstart")
    assert zorgstart is not None and "Hilverzorg" in zorgstart.partners and zorgstart.status[1].note
    jongeren = dataset.project("jongeren")
    assert jongeren is not None
    assert {(t.indicator, t.value, t.qualifier, t.start) for t in jongeren.targets if t.indicator != "deelnemers"} == {
        ("uitstroom-percentage", 50, "ongeveer", None),  # bijlage 1: "ongeveer de helft (50%)"
        ("uitstroom-percentage", 50, "minimaal", None),  # the monitor: "minimaal 50%"
        ("stap-verder", 48, "minimaal", "2021-01"),  # 48 of the 60 served "op jaarbasis": per year
        ("stap-verder", 48, "minimaal", "2022-01"),
        ("doorverwezen-percentage", 30, None, None),
        ("teruggemeld-percentage", 20, None, None),  # part of a split, no "maximaal" in the source
    }
    taal = dataset.project("taalvaardigheid")
    assert taal is not None and taal.targets[0].value == 175
    assert dataset.programmes is not None
    banen = {t.id: t.value for t in dataset.programmes.model.targets}
    assert banen["banenafspraak-tm-2025"] == 1462
    q3 = next(r.model for r in dataset.results if r.model.quarter == "2021-Q3")
    assert any(
        h.quote == "hoewel deze indicator op het eerste gezicht nog achterblijft op de doelstelling"
        for h in q3.headline
    )


def test_budget_follows_the_order_of_tabel_1(dataset: Dataset) -> None:
    report = build_budget_report(dataset, 2024)
    projects = next(g for g in report.groups if g.id == "projecten")
    assert [line.project for line in projects.lines] == [
        "zorgstart",
        "wijkleerbedrijf",
        "ai-operator",
        "basiskok",
        "bouw-en-techniekstart",
        "baan-talent-events",
        "motopp",
        "ik-in-de-kinderopvang",
    ]


def test_corrections_of_the_programme_file_and_the_2020_proposal(dataset: Dataset) -> None:
    """The second audit (issue 19): what programmes.yaml and the 2020 bijstelling said beyond their sources."""
    assert dataset.programmes is not None
    programmes = dataset.programmes.model
    funds = {f.id: f for f in programmes.funding_sources}
    # 'Het voorstel aan colleges is dan ook om deze middelen over te hevelen naar de regio': proposed, not done
    assert "Voorgesteld over te hevelen" in (funds["hht-schoonhuis"].note or "")
    # 'het benodigde bedrag van grofweg € 2,1 miljoen voor de acht projecten': the funded side, not a release
    for stopped in ("innovatiefonds", "jongerenvouchers"):
        note = funds[stopped].note or ""
        assert "niet wat de gestopte projecten vrijmaken" in note and "gezamenlijke" not in note
    assert "waw-budget" not in funds  # named by no source, used by no line
    targets = {t.id: t for t in programmes.targets}
    assert "praatplaat" in targets["banenafspraak-tm-2025"].source  # not a '§Banenafspraak' of the monitor
    assert "lokale plannen inbegrepen" in (targets["banen-tm-2023"].note or "")
    categories = {c.id: c for c in programmes.categories}
    assert "In de monitor Q3 2021" in (categories["gemeentelijke-projecten"].note or "")
    decision = dataset.decision("bijstelling-2020")
    assert decision is not None and "Een voorstel" in (decision.note or "")
    assert "grotendeels op koers" in (decision.note or "")
    assert all("minstens" not in (r.note or "") for r in decision.released)  # no release derived from the funding


# ---------------------------------------------------------------------------------------------------------
# The second audit (issue 19): the shipped monitor of July 2020 (results 2020-Q3) and its 22 deelprojecten,
# corrected against the source.
#
# Each test reproduces one correction on the shipped data/ and cites the sentence it rests on: the collegebrief
# Hilversum (2020) with the voortgangsrapportage 'Impact coronacrisis op economie, arbeidsmarkt en voortgang
# programma's' (§3 and its schema 'op koers / niet op koers en daar tussenin') and the 'Monitor programma's
# Perspectief op Werk en Werken aan Werk, juli 2020' with its two progress tables (Voortgangsrapportage Werken aan
# Werk, deelprojecten 1-13, and Perspectief op Werk, 1-9); where named, collegevoorstel 20.0006972 (25 November
# 2020) and DOC-23001887 (16 November 2023).

WAW = [
    "schoonhuis",
    "werkgelegenheidsprojecten",
    "lokaal-budget-scholing",
    "lokale-initiatieven",
    "innovatiefonds",
    "capaciteit-wsp",
    "onderwijs-arbeidsmarkt",
    "publiek-private-samenwerking",
    "interregionale-samenwerking",
    "samenwerking-arbeidsmarktpartners",
    "gezamenlijk-monitoren",
    "verbinden-werkgeversdienstverlening",
    "sturen-op-resultaten",
]
POW = [
    "toegankelijk-bestand",
    "versterking-wsp",
    "evaluatie-wsp",
    "communicatie-werkgevers",
    "jongerenvouchers",
    "wijkleerbedrijf",
    "ggz",
    "taalvaardigheid",
    "pilot-scholingsmakelaar",
]
SCHEMA = "§3 Voortgang programma's, schema 'op koers / niet op koers en daar tussenin'"


@pytest.fixture(scope="module")
def report() -> Any:
    return _json("report", "--quarter", "Q3-2020")


def _july(dataset: Dataset) -> ResultsFile:
    return next(r.model for r in dataset.results if r.model.quarter == "2020-Q3")


def _entries(dataset: Dataset, project: str) -> list[Result | Qualitative]:
    july = _july(dataset)
    return [e for e in [*july.results, *july.qualitative] if e.project == project]


def _july_words(dataset: Dataset, project: str) -> Qualitative:
    (entry,) = [q for q in _july(dataset).qualitative if q.project == project]
    return entry


def _rows(report: Any) -> list[dict[str, Any]]:
    return [r for block in report["categories"] for r in block["rows"]]


# 1. All 22 deelprojecten, each with its own words and the place in the tables they come from


def test_the_july_2020_report_lists_all_22_deelprojecten(dataset: Dataset, report: Any) -> None:
    """Monitor juli 2020, Algemeen: 'overall gezien liggen de 22 deelprojecten van beide programma's op koers.
    Per deelproject is hieronder de voortgang gemeld': 13 of Werken aan Werk and 9 of Perspectief op Werk."""
    shown = {r["project"] for r in _rows(report)}
    assert shown == set(WAW) | set(POW)
    assert {p: _project(dataset, p).programme for p in WAW} == dict.fromkeys(WAW, "waw")
    assert {p: _project(dataset, p).programme for p in POW} == dict.fromkeys(POW, "pow")
    status = _json("status", "--quarter", "Q3-2020")
    assert {r["project"] for r in status["rows"]} == shown


@pytest.mark.parametrize("project", WAW + POW)
def test_every_deelproject_has_its_progress_words_from_its_table(dataset: Dataset, project: str) -> None:
    """'Per deelproject is hieronder de voortgang gemeld volgens het stoplichtmodel' (Algemeen): the words of
    each project come from its row of the Voortgangsrapportage Werken aan Werk or Perspectief op Werk, not
    only from the lists in 'Algemeen'."""
    entries = _entries(dataset, project)
    assert entries, project
    table = "Voortgangsrapportage Werken aan Werk" if project in WAW else "Voortgangsrapportage Perspectief op Werk"
    assert any(table in e.source for e in entries), [e.source for e in entries]
    if project in WAW:
        number = WAW.index(project) + 1
        assert any(e.source.endswith(f"{table}, deelproject {number}") for e in entries), project


@pytest.mark.parametrize(
    ("project", "words"),
    [
        ("innovatiefonds", "In verband met de coronacrisis is dit project on hold gezet."),
        ("jongerenvouchers", "De planning was risicovol, doordat er juridisch haken en ogen aan het project zitten"),
        ("capaciteit-wsp", "De beoogde capaciteit zou in maart/april worden aangetrokken maar was on hold gezet"),
        ("onderwijs-arbeidsmarkt", "Hier wordt vanaf maart fors in geïnvesteerd en capaciteit voor ingezet."),
        ("verbinden-werkgeversdienstverlening", "De start van het project stond vanaf q2 gepland"),
        ("communicatie-werkgevers", "Vanwege Corona heeft dit deelproject iets vertraging opgelopen."),
        ("wijkleerbedrijf", "uitgebreid naar een regionale functie op twee locaties"),
        ("lokaal-budget-scholing", "De gemeenten rapporteren twee keer per jaar over de voortgang."),
        ("gezamenlijk-monitoren", "Daarnaast is het dashboard economie opgeleverd."),
        ("pilot-scholingsmakelaar", "de gemeente Hilversum en UWV de start van het Leerwerkloket op"),
        ("schoonhuis", "Dit project is afgerond. Schoonthuis is beëindigd."),
    ],
)
def test_the_progress_words_are_the_sources_own(dataset: Dataset, project: str, words: str) -> None:
    """The progress words of the tables, word for word once the two columns are taken apart; the negative as
    faithfully as the positive ('De planning was risicovol ...', 'iets vertraging opgelopen')."""
    assert words in _july_words(dataset, project).text


def test_innovatiefonds_does_not_borrow_the_words_of_the_jongerenvouchers(dataset: Dataset) -> None:
    """WAW deelproject 5: 'In verband met de coronacrisis is dit project on hold gezet. De doelen van dit project
    worden betrokken bij de bijstelling van de programma's.' 'in afwachting van de bijstelling' is said of the
    Jongerenvouchers only."""
    assert "in afwachting" not in _july_words(dataset, "innovatiefonds").text
    assert "in afwachting van de bijstelling" in _july_words(dataset, "jongerenvouchers").text


# 2. The positions of the schema in §3, as the source's own judgement


@pytest.mark.parametrize(
    ("project", "position", "words", "moderate"),
    [
        ("jongerenvouchers", "niet-op-koers", "Jeugdvouchers", False),
        ("innovatiefonds", "niet-op-koers", "Innovatiefonds", False),
        ("lokaal-budget-scholing", "tussenin", "Lokale plannen", True),
        ("werkgelegenheidsprojecten", "tussenin", "Werkgelegenheidsprojecten", True),
        ("wijkleerbedrijf", "op-koers", "Wijkleerbedrijf (48 trajecten)", False),
        ("taalvaardigheid", "op-koers", "Taaltrajecten (175 trajecten)", True),
        ("gezamenlijk-monitoren", "op-koers", "Monitor (start juli)", True),
        ("pilot-scholingsmakelaar", "op-koers", "Scholingsmakelaar (gestart)", True),
        ("capaciteit-wsp", "op-koers", "Capaciteit WSP", True),
        ("toegankelijk-bestand", "op-koers", "Toegankelijk bestand", True),
        ("sturen-op-resultaten", "op-koers", "Sturen op resultaat", True),
    ],
)
def test_the_schema_places_eleven_deelprojecten(
    dataset: Dataset, report: Any, project: str, position: str, words: str, moderate: bool
) -> None:
    """§3: 'In onderstaand schema zijn de highlights weergegeven van de deelprojecten over de categorieén op
    koers / niet op koers en daar tussenin', on the axis 'niet op koers - op koers'; the extraction reads the
    picture row by row ('+ Jeugdvouchers « Lokale plannen « Wijkleerbedrijf', '» Innovatiefonds +
    Werkgelegenheids- (48 trajecten)', ...). Where the column is inferred, the note says how certain."""
    stated = _july_words(dataset, project).stated
    assert stated is not None
    assert (stated.position, stated.words) == (position, words)
    assert stated.source.endswith(SCHEMA)
    assert "Zekerheid" in (stated.note or "")
    if moderate:
        assert "redelijk" in (stated.note or "")
    rows = [r for r in _rows(report) if r["project"] == project and r["stated"]]
    assert [r["stated"]["position"] for r in rows] == [position]


def test_the_delay_of_communicatie_is_stated_in_words_without_a_position(dataset: Dataset) -> None:
    """PoW, Communicatie, interactie en kennisdelen met/tussen werkgevers: 'Vanwege Corona heeft dit deelproject
    iets vertraging opgelopen.' The schema does not show the project, so no position."""
    stated = _july_words(dataset, "communicatie-werkgevers").stated
    assert stated is not None
    assert (stated.position, stated.words) == (None, "Vanwege Corona heeft dit deelproject iets vertraging opgelopen.")


def test_no_manual_light_restates_the_july_2020_monitor(dataset: Dataset) -> None:
    """PoW deelproject 7: 'Dit project ligt op koers om dat aantal ook te behalen.' is the monitor's own
    judgement: a `stated` position op koers, not a light set by hand."""
    july = _july(dataset)
    assert all(r.light is None for r in july.results)
    assert all(q.light is None for q in july.qualitative)
    (ggz,) = [r for r in july.results if r.project == "ggz"]
    assert ggz.stated is not None
    assert (ggz.stated.position, ggz.stated.words) == (
        "op-koers",
        "Dit project ligt op koers om dat aantal ook te behalen.",
    )
    assert ggz.stated.source.endswith("Voortgangsrapportage Perspectief op Werk, deelproject 7")


# 3. The programmes: their verdict and their targets


def test_the_monitor_as_a_whole_is_op_koers_ondanks_de_coronacrisis(dataset: Dataset, report: Any) -> None:
    """Monitor juli 2020, Algemeen: 'Op koers, ondanks de Coronacrisis.'; §3: 'De beide programma's lopen
    redelijk op koers.'"""
    stated = _july(dataset).stated
    assert stated is not None
    assert (stated.position, stated.words) == ("op-koers", "Op koers, ondanks de Coronacrisis.")
    assert stated.source == "Monitor juli 2020 (collegebrief Hilversum 2020), Algemeen"
    assert "redelijk op koers" in (stated.note or "")
    assert report["stated"]["position"] == "op-koers"


def test_the_programme_targets_show_in_the_kerncijfers(dataset: Dataset, report: Any) -> None:
    """Algemeen: 'Beoogde uitstroom*: 500 / Beoogde (om)scholingstrajecten*: 500'; schema §3: 'Totaal aantal
    banen t/m 2023: 500' and 'Aantal scholingstrajecten t/m 2023: 500'; no result yet: 'Een eerste zinvolle
    tussenstand is pas in het eerste kwartaal van 2021 te geven.'"""
    headline = {h.target: h for h in _july(dataset).headline}
    assert set(headline) == {"banen-tm-2023", "scholing-tm-2023"}
    for entry in headline.values():
        assert entry.value is None
        assert "'Een eerste zinvolle tussenstand is pas in het eerste kwartaal van 2021 te geven.'" in (
            entry.note or ""
        )
    assert headline["banen-tm-2023"].indicator == "uitstroom-betaald-werk"
    assert headline["scholing-tm-2023"].indicator == "scholingstrajecten"
    shown = [
        (h["indicator"], h["result"]["value"], h["target"]["value"], h["target"]["qualifier"])
        for h in report["headline"]
    ]
    assert shown == [
        ("uitstroom-betaald-werk", None, 500, "ongeveer"),
        ("scholingstrajecten", None, 500, "ongeveer"),
    ]


def test_the_note_of_the_monitor_quotes_it_word_for_word(dataset: Dataset) -> None:
    """Algemeen: 'Een eerste zinvolle tussenstand is pas in het eerste kwartaal van 2021 te geven.' (the note
    used to add 'in cijfers')."""
    note = _july(dataset).note or ""
    assert note.startswith("'Een eerste zinvolle tussenstand is pas in het eerste kwartaal van 2021 te geven.'")
    assert "in cijfers" not in note
    assert "stoplichtmodel" in note and "niet in de tekstextractie" in note


def test_the_local_plans_show_their_targets_without_a_result(dataset: Dataset, report: Any) -> None:
    """WAW deelproject 3: 'De invulling van de lokale plannen heeft geleid tot forse verhoging van het beoogd
    aantal uitstroom (140) en (om)scholingstrajecten (130). De gemeenten rapporteren twee keer per jaar over de
    voortgang.'"""
    rows = {r["indicator"]: r for r in _rows(report) if r["project"] == "lokaal-budget-scholing" and r["indicator"]}
    assert {i: (r["target"]["value"], r["result"]["value"]) for i, r in rows.items()} == {
        "uitstroom-betaald-werk": (140, None),
        "scholingstrajecten": (130, None),
    }
    assert all(r["state"] == "geen-gegevens" for r in rows.values())
    for target in _project(dataset, "lokaal-budget-scholing").targets:
        note = target.note or ""
        assert "Huizen" in note and "afleiding" in note and "losgekoppeld" in note


# 4. Capaciteit WSP: the spliced quote and its status


def test_capaciteit_wsp_quotes_the_right_column_and_runs_in_july(dataset: Dataset) -> None:
    """WAW deelproject 6, right column: 'De beoogde capaciteit zou in maart/april worden aangetrokken maar was on
    hold gezet door het DO vanwege de coronacrisis.'; Algemeen: 'Deelprojecten reeds in uitvoering zijn: ...
    capaciteit WSP'. The old quote began with 'Werkgeversservicepunt' from the left column (the name)."""
    project = _project(dataset, "capaciteit-wsp")
    assert [(s.as_of, s.status) for s in project.status] == [("2020", "on_hold"), ("2020-07", "running")]
    hold, running = project.status
    sentence = (
        "'De beoogde capaciteit zou in maart/april worden aangetrokken maar was on hold gezet door het DO "
        "vanwege de coronacrisis.'"
    )
    assert hold.source.endswith(sentence)
    assert "maart/april" in (hold.note or "")
    assert "reeds in uitvoering" in running.source
    for entry in project.status:
        assert "Werkgeversservicepunt aangetrokken" not in entry.source
    assert project.current_status() == "running"
    assert "maart/april" in (project.period_note or "")


def test_capaciteit_wsp_is_no_longer_on_hold_in_any_quarter() -> None:
    """The same monitor puts it among the 'Deelprojecten reeds in uitvoering' and the schema on the op koers
    side; no later source puts it on hold again."""
    for quarter in ("Q3-2020", "Q3-2021", "Q3-2023"):
        rows = [r for r in _json("status", "--quarter", quarter)["rows"] if r["project"] == "capaciteit-wsp"]
        assert rows and all(r["state"] != "on-hold" for r in rows), quarter


# 5. GGZ: the precision of the target, what ended in December 2020, its category


def test_the_ggz_target_is_no_more_precise_than_the_source(dataset: Dataset) -> None:
    """PoW deelproject 7: 'In 2020 zijn 9 van de12 beoogde trajecten van start gaan.' 'In 2020' dates the 9 that
    started; the monitor gives no period for the 12 (the target used to run 2020-01 to 2020-12)."""
    (target,) = _project(dataset, "ggz").targets
    assert (target.indicator, target.value, target.start, target.end, target.qualifier) == (
        "trajecten-gestart",
        12,
        "2020",
        None,
        None,
    )
    assert "geen periode" in (target.note or "") and "maximaal vastgesteld aantal van 12" in (target.note or "")


def test_ggz_is_not_recorded_as_completed(dataset: Dataset) -> None:
    """Bijlage 6 of 20.0006972: 'De huidige coördinerende rol van de regio loopt per december af.'; the approach
    goes on ('Door nu te investeren wordt continuïteit gegeven aan de pilots', web page 'voor inwoners, met
    gemeenten'). Only the regional coordinating role ended: no status 'completed'."""
    ggz = _project(dataset, "ggz")
    assert [(s.as_of, s.status) for s in ggz.status] == [("2020-07", "running")]
    assert ggz.period is not None and (ggz.period.start, ggz.period.end) == ("2020", "2020-12")
    assert "geen bron zegt dat het deelproject is afgerond" in (ggz.period.note or "")
    assert "coördinerende rol" in (ggz.note or "")
    later = [r for r in _json("status", "--quarter", "Q3-2021")["rows"] if r["project"] == "ggz"]
    assert later and all(r["state"] == "afgelopen" for r in later)  # past its period, never 'afgerond'


def test_the_ggz_category_says_it_comes_from_the_continuation(dataset: Dataset) -> None:
    """Monitor Q3 2021, Begeleiding doelgroepen lists 'GGZ' and describes 'Gemeenten, regio Gooi en Vechtstreek,
    UWV, GGZ Centraal en Kwintes', the partners of the continuation of 2021."""
    ggz = _project(dataset, "ggz")
    assert ggz.category == "begeleiding-doelgroepen"
    assert "ggz-voortzetting" in (ggz.category_note or "")


# 6. Wijkleerbedrijf: the period of the 2020 targets, the 2024 proposal's own words


def test_the_wijkleerbedrijf_targets_of_2020_have_their_period(dataset: Dataset) -> None:
    """PoW deelproject 6: 'Er zullen drie groepen starten van elk 20 mensen (60 personen totaal). De eerste groep
    start in september. We verwachten in totaal tenminste 48 mensen ... en tenminste 36 mensen ...', 'voor de
    looptijd van minimaal twee jaar': from September 2020, no end given."""
    targets = {t.indicator: t for t in _project(dataset, "wijkleerbedrijf").targets}
    for indicator, value in (("deelnemers", 60), ("scholing-afgerond", 48), ("uitstroom-betaald-werk", 36)):
        target = targets[indicator]
        assert (target.value, target.start, target.end) == (value, "2020-09", None)
        assert "minimaal twee jaar" in (target.note or "") and "verlenging" in (target.note or "")
    assert (targets["diplomarendement"].start, targets["diplomarendement"].end) == (None, None)


def test_the_wijkleerbedrijf_condition_keeps_the_european_tender(dataset: Dataset) -> None:
    """DOC-23001887, §3 Wijkleerbedrijf: 'kan de Regio Gooi en Vechtstreek de laatste twee groepen niet regionaal
    inkopen zonder een Europese aanbesteding te doen'; a proposal ('We stellen voor ...')."""
    (line,) = _project(dataset, "wijkleerbedrijf").budget
    assert "niet regionaal inkopen zonder een Europese aanbesteding te doen" in (line.condition or "")
    assert "Voorgesteld" in (line.note or "") and "Het fonds is afgeleid" in (line.note or "")
    (extension,) = _project(dataset, "wijkleerbedrijf").extensions
    assert "Voorgesteld" in (extension.note or "") and "1 tot 1,5 jaar" in (extension.note or "")


# 7. Dates, citations and statuses the audit found missing or too precise


@pytest.mark.parametrize(
    ("project", "words"),
    [
        ("onderwijs-arbeidsmarkt", "'Hier wordt vanaf maart fors in geïnvesteerd en capaciteit voor ingezet.'"),
        ("verbinden-werkgeversdienstverlening", "'De start van het project stond vanaf q2 gepland'"),
        ("publiek-private-samenwerking", "'In het derde kwartaal zijn de afgestemde en gedragen"),
        ("samenwerking-arbeidsmarktpartners", "'In het najaar wordt deze bredere scope concreter uitgewerkt"),
        ("interregionale-samenwerking", "'Per 1 maart is de programmamanager Economie en Werk aangetreden'"),
        ("toegankelijk-bestand", "'Vanaf eind 2020 moeten alle inwoners met een indicatie banenafspraak"),
        ("communicatie-werkgevers", "'In het derde kwartaal van 2020 volgt een verdere uitwerking"),
        ("capaciteit-wsp", "'De beoogde capaciteit zou in maart/april worden aangetrokken'"),
    ],
)
def test_the_dates_the_source_gives_are_in_the_period_note(dataset: Dataset, project: str, words: str) -> None:
    """The old notes said 'De bronnen noemen geen start- of einddatum' where the monitor of July 2020 names a
    month, a quarter or a season; they stay notes, because the source does not call them the start."""
    note = _project(dataset, project).period_note or ""
    assert words in note


def test_taalvaardigheid_175_is_cited_from_the_schema_of_section_3(dataset: Dataset) -> None:
    """Schema in §3 of the voortgangsrapportage: 'projecten « Taaltrajecten Mobiliteitscentrum' / '(175
    trajecten)'; the Monitor juli 2020 itself has no such overview."""
    taal = _project(dataset, "taalvaardigheid")
    (target,) = taal.targets
    assert target.value == 175
    assert target.source.startswith("Collegebrief Hilversum voortgangsrapportage (2020), §3 Voortgang programma's")
    assert "waarschijnlijk, niet zeker" in (target.note or "")
    assert taal.period is not None and "vervolg" in (taal.period.note or "")


def test_the_stops_say_what_the_source_is(dataset: Dataset) -> None:
    """20.0006972, §Middelen Schoon Thuis: 'Eind 2019 hebben de colleges ... besloten Schoonhuis te beëindigen'
    (a year, not a month); voorstel 2a: 'Het stopzetten van de projecten Innovatiebudget en Jongeren vouchers',
    with 'december Colleges Vaststellen' still to come."""
    (stopped,) = _project(dataset, "schoonhuis").status
    assert (stopped.as_of, stopped.status) == ("2019", "stopped")
    assert "'Eind 2019'" in (stopped.note or "")
    for project in ("innovatiefonds", "jongerenvouchers"):
        last = _project(dataset, project).status[-1]
        assert (last.as_of, last.status) == ("2020-11", "stopped")
        assert (last.note or "").startswith("Voorgesteld")


def test_the_citations_name_the_table_not_only_algemeen(dataset: Dataset) -> None:
    """The words 'alle gemeenten behalve Huizen' and 'regionaal Wijkleerbedrijf' are in WAW deelproject 3 and PoW
    deelproject 6, not in the lists of 'Algemeen'."""
    assert _july_words(dataset, "lokaal-budget-scholing").source.endswith(
        "Voortgangsrapportage Werken aan Werk, deelproject 3"
    )
    assert _july_words(dataset, "wijkleerbedrijf").source.endswith(
        "Voortgangsrapportage Perspectief op Werk, deelproject 6"
    )
    assert all("Algemeen: deelprojecten" not in q.source for q in _july(dataset).qualitative)


@pytest.mark.parametrize(
    "project",
    ["publiek-private-samenwerking", "interregionale-samenwerking", "samenwerking-arbeidsmarktpartners"],
)
def test_the_samenwerkingen_of_the_2021_monitor_are_named_in_the_category_note(dataset: Dataset, project: str) -> None:
    """Monitor Q3 2021, Interventie arbeidsmarkt: '- Onderwijs-arbeidsmarkt - Scholingsmakelaar - Samenwerkingen -
    Monitoring en evaluatie'; the old note said the monitor lists none of its 14 projects."""
    project_model = _project(dataset, project)
    assert project_model.category is None
    note = project_model.category_note or ""
    assert "'Samenwerkingen'" in note and "somt die niet op" not in note


# ---------------------------------------------------------------------------------------------------------
# The second audit (issue 19): the shipped results of Q3 2021 and Q3 2023 and their projects, corrected
# against the sources.
#
# Each test reproduces one correction on the shipped data/ and cites the sentence of the source it rests on:
# the monitor of the third quarter of 2021 (published 11 November 2021), the proposal DOC-23001887
# (16 November 2023) and collegevoorstel 20.0006972 (25 November 2020).


def _quarter(dataset: Dataset, quarter: str) -> ResultsFile:
    return next(r.model for r in dataset.results if r.model.quarter == quarter)


def _result(dataset: Dataset, quarter: str, project: str, indicator: str):  # type: ignore[no-untyped-def]
    return next(r for r in _quarter(dataset, quarter).results if (r.project, r.indicator) == (project, indicator))


def _words_in(dataset: Dataset, quarter: str, project: str):  # type: ignore[no-untyped-def]
    return [q for q in _quarter(dataset, quarter).qualitative if q.project == project]


def _json(*args: str) -> Any:
    result = run(*args, "--format", "json", data=SHIPPED)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _report_row(report: Any, project: str, indicator: str | None) -> dict[str, Any]:
    rows = [r for block in report["categories"] for r in block["rows"]]
    return next(r for r in rows if r["project"] == project and r["indicator"] == indicator)


# 1. GGZ: a cap on what is financed is no ceiling on starts


def test_the_ggz_financing_cap_is_no_maximum_on_starts(dataset: Dataset) -> None:
    """Bijlage 6 of 20.0006972, Financiering: 'in 2020 en 2021 ook de financiering van een maximaal vastgesteld
    aantal van 12 IPS-trajecten, waarvan minimaal 6 deelnemers duurzaam uitstromen': the 12 limit what the
    budget pays for, the 6 is the target."""
    ggz = _project(dataset, "ggz-voortzetting")
    assert not any(t.qualifier == "maximaal" for t in ggz.targets)
    assert not any(t.indicator == "trajecten-gestart" for t in ggz.targets)
    assert [(t.indicator, t.value, t.qualifier, t.start, t.end) for t in ggz.targets] == [
        ("uitstroom-betaald-werk", 6, "minimaal", "2020", "2021")
    ]
    line = ggz.budget[0]
    assert "maximaal vastgesteld aantal van 12 IPS-trajecten" in (line.note or "")
    assert "plafond" in (line.note or "") and "geen doel" in (line.note or "")
    assert line.source.endswith("bijlage 6 GGZ, Financiering: 'bedraagt in totaal € 100.000,-'")  # no 'tabel'


def test_19_ggz_starts_are_no_longer_above_a_maximum() -> None:
    """Monitor Q3 2021, Begeleiding doelgroepen: 'Inmiddels zijn 19 deelnemers gestart met een intensief
    maatwerktraject'; no source sets a maximum on starts, so the row is no 'boven maximum'."""
    report = _json("report", "--quarter", "Q3-2021")
    row = _report_row(report, "ggz-voortzetting", "trajecten-gestart")
    assert row["result"]["value"] == 19
    assert row["state"] == "geen-doel" and row["target"] is None
    outflow = _report_row(report, "ggz-voortzetting", "uitstroom-betaald-werk")
    assert (outflow["target"]["value"], outflow["result"]["value"], outflow["state"]) == (6, 7, "groen")


def test_the_ggz_cumulative_note_is_marked_as_an_inference(dataset: Dataset) -> None:
    """Monitor Q3 2021 says only 'Inmiddels zijn 19 deelnemers gestart'; that they include the pilots of
    2020 (monitor July 2020: 'In 2020 zijn 9 van de12 beoogde trajecten van start gaan') is not in it."""
    note = _result(dataset, "2021-Q3", "ggz-voortzetting", "trajecten-gestart").note or ""
    assert "Cumulatief sinds de pilots" not in note
    assert "zegt de monitor niet" in note and "afleiding" in note


def test_the_42_percent_is_a_claim_about_the_method_not_a_target(dataset: Dataset) -> None:
    """Bijlage 6, Beschrijving: 'De aanpak garandeert 42% duurzame uitstroom.'; 'Wat willen we bereiken?'
    names no figure. It stays in the note, with its words."""
    ggz = _project(dataset, "ggz-voortzetting")
    assert not any(t.indicator == "uitstroom-percentage" for t in ggz.targets)
    assert "'De aanpak garandeert 42% duurzame uitstroom.'" in (ggz.note or "")
    assert "begeleiding twee jaar duurt" in (ggz.note or "")


# 2. AI Operator: 6 work places so far, 8 a possibility; conditional extensions


def test_ai_operator_has_6_work_places_not_8(dataset: Dataset) -> None:
    """DOC-23001887, §3 AI Operator: 'Er waren tot nu toe 6 werkplekken beschikbaar ... Het project heeft
    voldoende deelnemers om verder te groeien naar 8 werkplekken.' (the line 'Resultaat: 8 werkplekken'
    contradicts it)."""
    result = _result(dataset, "2023-Q3", "ai-operator", "werkplekken")
    assert result.value == 6
    assert result.quote is not None and "tot nu toe 6 werkplekken beschikbaar" in result.quote
    assert "'Resultaat: 8 werkplekken'" in (result.note or "") and "mogelijke groei" in (result.note or "")
    status = _json("status", "--quarter", "Q3-2023")
    row = next(r for r in status["rows"] if (r["project"], r["indicator"]) == ("ai-operator", "werkplekken"))
    assert (row["target"]["value"], row["result"]["value"]) == (6, 6)


def test_ai_operators_extensions_carry_their_conditions(dataset: Dataset) -> None:
    """Bijlage 1 of DOC-23001887: 'Verlengen project t/m december 2024, onder voorbehoud van voldoende
    opdrachten van bedrijven.'; bijlage 7 of 20.0006972: 'Bij een positieve tussentijdse evaluatie verlengen
    we de pilot met een half jaar' (a proposal: the colleges were to decide in December 2020)."""
    ai = _project(dataset, "ai-operator")
    extensions = {e.end: e for e in ai.extensions}
    assert "voldoende opdrachten van bedrijven" in (extensions["2024-12"].condition or "")
    assert "voortijdig beëindigd" in (extensions["2024-12"].condition or "")
    assert extensions["2021-12"].condition == "Bij een positieve tussentijdse evaluatie."
    assert "besloten" not in (extensions["2021-12"].note or "")
    assert "Voorwaardelijk voorgesteld" in (extensions["2021-12"].note or "")
    year = next(t for t in ai.targets if (t.indicator, t.value) == ("doorstroom", 20))
    assert "voorwaardelijke verlenging" in (year.note or "")  # 'in een jaar 20 kandidaten' needs the half year


def test_ai_operators_2023_target_says_it_has_no_period(dataset: Dataset) -> None:
    """DOC-23001887, §3 AI Operator: 'Doelstelling: 6 werkplekken', without a period; the 2021 pilot had
    'Concreet biedt de pilot 5 werkplekken'."""
    target = next(t for t in _project(dataset, "ai-operator").targets if (t.indicator, t.value) == ("werkplekken", 6))
    assert (target.start, target.end) == (None, None)
    assert "zonder periode" in (target.note or "")


# 3. Judgements: the source's own words, positive and negative, as `stated`; no manual light restates them


def test_no_manual_light_restates_the_words_of_a_source(dataset: Dataset) -> None:
    """A light set by hand must not restate a source's words: 'loopt prima op koers' (AI) and 'Een boven
    verwachting goed resultaat' (Jongeren) are the monitor's judgements, recorded as `stated`."""
    for quarter in ("2021-Q3", "2023-Q3"):
        results = _quarter(dataset, quarter)
        assert all(r.light is None for r in results.results), quarter
        assert all(q.light is None for q in results.qualitative), quarter


def test_ai_operator_is_op_koers_in_the_words_of_the_monitor(dataset: Dataset) -> None:
    """Monitor Q3 2021, Doorstroombanen: 'Het AI-project is volgens planning van start gegaan en loopt prima
    op koers.'"""
    (entry,) = _words_in(dataset, "2021-Q3", "ai-operator")
    assert entry.stated is not None
    assert (entry.stated.position, entry.stated.words) == (
        "op-koers",
        "Het AI-project is volgens planning van start gegaan en loopt prima op koers.",
    )
    assert "Anderen staan op het punt" not in entry.text and "anderen staan op het punt" in entry.text


def test_jongeren_above_expectation_is_stated_without_a_position(dataset: Dataset) -> None:
    """Monitor Q3 2021, Begeleiding doelgroepen: '... waarvan er 38 naar een betaalde baan zijn begeleid.
    Een boven verwachting goed resultaat.' The words say no 'op koers'."""
    result = _result(dataset, "2021-Q3", "jongeren", "uitstroom-betaald-werk")
    assert result.stated is not None
    assert (result.stated.position, result.stated.words) == (None, "Een boven verwachting goed resultaat.")
    assert "echte banenmotors" in (result.stated.note or "")


@pytest.mark.parametrize("project", ["recycling-hout", "gooise-waardebox"])
def test_hout_and_waardetas_behind_target_is_stated(dataset: Dataset, project: str) -> None:
    """Monitor Q3 2021, Doorstroombanen: 'De projecten Hout en Waardetas zijn om verschillende redenen later
    en met minder deelnemers van start gegaan. Hierdoor lopen de resultaten nu nog achter op doelstelling.'"""
    (entry,) = _words_in(dataset, "2021-Q3", project)
    assert entry.stated is not None and entry.stated.position is None  # not literally 'niet op koers'
    assert entry.stated.words.endswith("Hierdoor lopen de resultaten nu nog achter op doelstelling.")
    assert "nu nog achter op doelstelling" in entry.text  # the word 'nu' kept


def test_the_monitor_as_a_whole_is_op_koers(dataset: Dataset) -> None:
    """Monitor Q3 2021, Op koers: 'De monitor laat zien dat de programma's goed op koers liggen.'"""
    stated = _quarter(dataset, "2021-Q3").stated
    assert stated is not None
    assert (stated.position, stated.words) == (
        "op-koers",
        "De monitor laat zien dat de programma's goed op koers liggen.",
    )
    assert _json("report", "--quarter", "Q3-2021")["stated"]["position"] == "op-koers"


def test_zorgstart_2021_is_ruim_op_koers_with_the_scholingsprojecten(dataset: Dataset) -> None:
    """Monitor Q3 2021, Scholingsprojecten: 'De cijfers laten zien dat de scholingsprojecten ruim op koers
    lopen qua gestarte trajecten en bemiddeling naar werk.'"""
    result = _result(dataset, "2021-Q3", "zorgstart", "uitstroom-betaald-werk")
    assert result.stated is not None and result.stated.position == "op-koers"
    assert "ruim op koers" in result.stated.words


def test_gvwd_employers_judgement_is_recorded(dataset: Dataset) -> None:
    """Monitor Q3 2021, Gooi en Vechtstreek Werkt Door: 'Werkgevers hebben deze dienstverlening als zeer
    positief ervaren.' and 'Nu de arbeidsmarktsituatie opnieuw is omgeslagen ... is het project bijgesteld.'"""
    (entry,) = _words_in(dataset, "2021-Q3", "mobiliteitsdienstverlening")
    assert entry.stated is not None
    assert entry.stated.words == "Werkgevers hebben deze dienstverlening als zeer positief ervaren."
    assert "bijgesteld" in entry.text


def test_basiskoks_postponed_group_is_stated(dataset: Dataset) -> None:
    """DOC-23001887, bijlage 1 Project Basiskok: 'Voor het opleidingsjaar dat van start zou gaan in november
    2023 zijn niet voldoende deelnemers aangemeld vanuit de gemeenten. Hierdoor is de startdatum verplaatst
    naar februari 2024.'"""
    (entry,) = _words_in(dataset, "2023-Q3", "basiskok")
    assert entry.stated is not None and "niet voldoende deelnemers aangemeld" in entry.stated.words
    rate = _result(dataset, "2023-Q3", "basiskok", "diplomarendement")
    assert rate.stated is not None and "minder geschikt voor de inburgeraars" in rate.stated.words


def test_baan_talent_one_event_fewer_is_stated(dataset: Dataset) -> None:
    """DOC-23001887, §3 Baan.Talent Events: 'We zijn in 2023 later begonnen dan gepland, het eerste event was
    in april. Daardoor hebben we één event minder georganiseerd dan we vooraf hadden ingeschat.'"""
    result = _result(dataset, "2023-Q3", "baan-talent-events", "events")
    assert result.stated is not None and "één event minder georganiseerd" in result.stated.words


@pytest.mark.parametrize(
    ("project", "indicator", "words"),
    [
        ("zorgstart", "trajecten-gestart", "Groot bereik (doelstellingen ruimschoots behaald)"),
        ("bouw-en-techniekstart", "diploma-of-werk", "al veel meer deelnemers bereikt dan vooraf ingeschat"),
        ("ai-operator", "werkplekken", "voldoende deelnemers om verder te groeien naar 8 werkplekken"),
    ],
)
def test_doc_23001887_judgements_are_stated(dataset: Dataset, project: str, indicator: str, words: str) -> None:
    """DOC-23001887: bijlage 1 Zorgstart '+ Groot bereik (doelstellingen ruimschoots behaald)'; §3 'Na een
    rustige start heeft het project Bouw en Techniekstart al veel meer deelnemers bereikt dan vooraf
    ingeschat.'; §3 'Het project heeft voldoende deelnemers om verder te groeien naar 8 werkplekken.'"""
    result = _result(dataset, "2023-Q3", project, indicator)
    assert result.stated is not None and words in result.stated.words and result.stated.position is None


def test_zorgstarts_falling_registrations_are_stated_from_section_3(dataset: Dataset) -> None:
    """DOC-23001887, §3 Zorgstart (not §2 Kernboodschap): 'We zien nu de aanmeldingen teruglopen, maar er
    volgen nog steeds zo'n 30 mensen per kwartaal een persoonlijke leerroute.'"""
    (entry,) = _words_in(dataset, "2023-Q3", "zorgstart")
    assert entry.source == "Voorstel DOC-23001887 (2023-11-16), §3 Zorgstart"
    assert entry.stated is not None and "We zien nu de aanmeldingen teruglopen" in entry.stated.words


# 4. Dates: a figure the source dates after the quarter is no figure of the quarter


def test_jongeren_figures_are_of_half_a_year_since_may() -> None:
    """Monitor Q3 2021: 'In mei dit jaar is ... de jongerenspecialist gestart. Deze heeft in een half jaar
    tijd zo'n 50 jongeren gesproken waarvan er 38 naar een betaalde baan zijn begeleid.' May + half a year =
    about November 2021, after the quarter."""
    report = _json("report", "--quarter", "Q3-2021")
    for indicator, value in (("gesproken", 50), ("uitstroom-betaald-werk", 38)):
        row = _report_row(report, "jongeren", indicator)
        assert row["result"] is None
        assert (row["later_result"]["value"], row["later_as_of"]) == (value, "2021-11")


def test_inmiddels_figures_keep_the_quarter_but_say_so(dataset: Dataset) -> None:
    """Monitor Q3 2021: 'hebben bijna 150 inwoners inmiddels een betaalde baan', 'Inmiddels zijn 19 deelnemers
    gestart', 'Afgelopen jaar zijn meer dan 800 bedrijven proactief benaderd': no month, so no `as_of`, but
    a note that this is the moment of writing (published 11 November 2021)."""
    q3 = _quarter(dataset, "2021-Q3")
    outflow = next(h for h in q3.headline if h.indicator == "uitstroom-betaald-werk")
    assert "stand bij het schrijven" in (outflow.note or "")
    ggz = _result(dataset, "2021-Q3", "ggz-voortzetting", "trajecten-gestart")
    assert ggz.as_of is None and "stand bij het schrijven" in (ggz.note or "")
    gvwd = _result(dataset, "2021-Q3", "mobiliteitsdienstverlening", "bedrijven-benaderd")
    assert gvwd.as_of is None and "Afgelopen jaar" in (gvwd.note or "")
    assert all(r.as_of in (None, "2021-11") for r in q3.results)


@pytest.mark.parametrize(
    ("project", "indicator", "as_of"),
    [
        ("baan-talent-events", "events", "2023-11"),
        ("motopp", "deelnemers", "2023-11"),
        ("motopp", "uitstroom-percentage", "2023-11"),
        ("training-50-plus", "uitstroom-betaald-werk", "2023-11"),
        ("training-50-plus", "scholing-afgerond", "2023-10"),
        ("training-50-plus", "voortijdig-gestopt", "2023-10"),
    ],
)
def test_doc_23001887_figures_of_november_are_dated_november(
    dataset: Dataset, project: str, indicator: str, as_of: str
) -> None:
    """DOC-23001887: '4 events zijn geweest en 2 staan nog op de planning voor november'; 'Dit project is pas
    net opgestart en er is één deelnemer ... bezig met de opleiding'; 'De training is gegeven van half
    september tot half oktober. Van de 8 deelnemers zijn er 3 uitgestroomd naar werk, 3 hebben de training
    afgerond en 2 zijn voortijdig gestopt.'"""
    assert _result(dataset, "2023-Q3", project, indicator).as_of == as_of


def test_only_two_results_are_dated_through_q3_2023(dataset: Dataset) -> None:
    """DOC-23001887 dates two results: 'Resultaat t/m Q3 2023: 91 trajecten' and 'Resultaat: 5 groepen t/m Q3
    2023'; they stay in the quarter, and the undated ones say the source gives no date."""
    q3 = _quarter(dataset, "2023-Q3")
    assert _result(dataset, "2023-Q3", "zorgstart", "trajecten-gestart").as_of is None
    assert _result(dataset, "2023-Q3", "trainingen", "groepen").as_of is None
    for project, indicator in (
        ("wijkleerbedrijf", "diplomarendement"),
        ("basiskok", "diplomarendement"),
        ("bouw-en-techniekstart", "diploma-of-werk"),
    ):
        assert "geen peildatum" in (_result(dataset, "2023-Q3", project, indicator).note or "")
    assert "t/m Q3 2023" not in q3.title and "DOC-23001887" in q3.title


def test_the_q3_2023_status_has_no_orange_light_from_a_november_figure() -> None:
    """DOC-23001887: '4 events zijn geweest en 2 staan nog op de planning voor november' is the position of
    16 November 2023; how many were held by 30 September the source does not say."""
    status = _json("status", "--quarter", "Q3-2023")
    row = next(r for r in status["rows"] if r["project"] == "baan-talent-events")
    assert row["result"] is None and row["later_as_of"] == "2023-11" and row["state"] != "oranje"


def test_the_50_plus_outcomes_are_not_a_diploma(dataset: Dataset) -> None:
    """DOC-23001887, §3 50+ training: '3 hebben de training afgerond' of the empowerment training 'Ik Word';
    the source names no diploma or certificate, and 'uitgestroomd naar werk' does not say 'betaald'."""
    assert "geen diploma of certificaat" in (
        _result(dataset, "2023-Q3", "training-50-plus", "scholing-afgerond").note or ""
    )
    assert "niet 'betaald'" in (_result(dataset, "2023-Q3", "training-50-plus", "uitstroom-betaald-werk").note or "")


# 5. The headline of Q3 2021


def test_achterblijft_is_about_completed_schooling_without_a_target(dataset: Dataset) -> None:
    """Monitor Q3 2021, Op koers: 'De trajecten leiden ook tot afgeronde scholingen, hoewel deze indicator op
    het eerste gezicht nog achterblijft op de doelstelling.' The 860 are 'scholingstrajecten' deployed."""
    q3 = _quarter(dataset, "2021-Q3")
    headline = next(h for h in q3.headline if h.quote and "achterblijft" in h.quote)
    assert (headline.indicator, headline.target, headline.value) == ("scholing-afgerond", None, None)
    assert "afgeronde scholingen" in (headline.note or "")


def test_precies_gelijk_is_not_linked_to_the_three_year_target(dataset: Dataset) -> None:
    """Monitor Q3 2021: 'Het aantal gestarte trajecten is inmiddels precies gelijk aan de doelstelling.' and
    'We zetten 1160 trajecten in gedurende een periode van drie jaar.': not the same doelstelling."""
    headline = next(h for h in _quarter(dataset, "2021-Q3").headline if h.indicator == "trajecten-gestart")
    assert headline.target is None and headline.value is None
    assert "(tussentijdse)" not in (headline.note or "") and "afleiding" in (headline.note or "")
    report = _json("report", "--quarter", "Q3-2021")
    assert all(h["target"] is None for h in report["headline"])


def test_the_opening_text_is_cited_as_such(dataset: Dataset) -> None:
    """The monitor has no section 'inleiding': 'Van de kleine 500 inwoners ...' opens 'Derde kwartaal 2021'."""
    for headline in _quarter(dataset, "2021-Q3").headline[:2]:
        assert headline.source.endswith("Derde kwartaal 2021, openingstekst")


# 5. and 6. Targets: both versions of the Jongeren target, per year, without added qualifiers


def test_jongeren_outflow_target_in_both_words(dataset: Dataset) -> None:
    """Bijlage 1 of 20.0006972: 'ongeveer de helft (50%) daadwerkelijk uitstroomt naar werk'; monitor Q3 2021:
    'We verwachten minimaal 50% van deze jongeren duurzaam aan het werk te helpen.'"""
    targets = [t for t in _project(dataset, "jongeren").targets if t.indicator == "uitstroom-percentage"]
    assert [(t.value, t.qualifier) for t in targets] == [(50, "ongeveer"), (50, "minimaal")]
    assert "bijlage 1" in targets[0].source and targets[1].source.startswith("Monitor WAW/PoW derde kwartaal 2021")
    assert "Welke van de twee geldt" in (targets[1].note or "")


def test_jongeren_48_is_a_target_of_every_year(dataset: Dataset) -> None:
    """Bijlage 1: 'zo'n 60 jongeren op jaarbasis ... Het doel is om zo in ieder geval 48 jongeren een stap
    verder te krijgen'; the project runs 'Januari 2021 – december 2022'."""
    targets = [t for t in _project(dataset, "jongeren").targets if t.indicator == "stap-verder"]
    assert [(t.value, t.qualifier, t.start, t.end) for t in targets] == [
        (48, "minimaal", "2021-01", "2021-12"),
        (48, "minimaal", "2022-01", "2022-12"),
    ]
    assert all("afleiding" in (t.note or "") for t in targets)


def test_jongeren_20_percent_has_no_maximum_the_source_does_not_give(dataset: Dataset) -> None:
    """Bijlage 1: 'en het overige deel (20%) teruggemeld wordt richting gemeenten of UWV o.b.v. niet
    bemiddelbaar richting de arbeidsmarkt' (no 'maximaal')."""
    (target,) = [t for t in _project(dataset, "jongeren").targets if t.indicator == "teruggemeld-percentage"]
    assert (target.value, target.qualifier) == (20, None)


def test_jongeren_omitted_figures_are_noted(dataset: Dataset) -> None:
    """Bijlage 1: 'een gemiddelde caseload van 15 jongeren met een maximale doorlooptijd van 3 maanden
    bemiddeling' and 'zeker driekwart van de jongeren (zo'n 45) ... zo'n 1.000 à 1.500 euro per persoon';
    monitor Q3 2021: 'In mei dit jaar is ... de jongerenspecialist gestart'."""
    jongeren = _project(dataset, "jongeren")
    assert "caseload van 15 jongeren" in (jongeren.note or "") and "(zo'n 45)" in (jongeren.note or "")
    assert jongeren.period is not None and "In mei dit jaar" in (jongeren.period.note or "")


def test_divosa_once_a_year_is_a_target_of_each_year(dataset: Dataset) -> None:
    """DOC-23001887, §3 Divosa Benchmark: 'Doelstelling: 1 keer per jaar een gezamenlijke sessie over de
    benchmark'; 'Resultaat: Wordt ingepland' (November 2023) and 'ook in 2024'."""
    targets = _project(dataset, "divosa-benchmark").targets
    assert [(t.indicator, t.value, t.start, t.end) for t in targets] == [
        ("sessies", 1, "2023-01", "2023-12"),
        ("sessies", 1, "2024-01", "2024-12"),
    ]


def test_motopps_budget_horizon_is_not_its_end(dataset: Dataset) -> None:
    """DOC-23001887, §3 Motopp: 'Tot en met juni 2024 is budget gereserveerd voor 10 deelnemers (€35.000).'
    The source gives no end of the project."""
    motopp = _project(dataset, "motopp")
    assert motopp.period is not None and motopp.period.end is None
    assert "horizon van het budget" in (motopp.period.note or "")
    assert motopp.end() is None


def test_baan_talent_2024_is_an_extension(dataset: Dataset) -> None:
    """DOC-23001887, voorstel 6: 'Baan.Talent Events te blijven organiseren in 2024'; §3: 'Doelstelling: 7
    events in 2023'. The continuation is proposed, so it is an extension, not the period."""
    project = _project(dataset, "baan-talent-events")
    assert project.period is not None and (project.period.start, project.period.end) == ("2023-04", "2023")
    assert [(e.end, e.decision) for e in project.extensions] == [("2024", "doc-23001887")]
    eight = next(t for t in project.targets if t.value == 8)
    assert "geen regel 'Doelstelling'" in (eight.note or "")


def test_basiskok_extension_condition_and_category_note(dataset: Dataset) -> None:
    """DOC-23001887, bijlage 1: 'Verlengen project t/m december 2024 met 1 opleidingsjaar onder voorbehoud van
    voldoende aanmeldingen.'; monitor Q3 2021: 'een horecaproject voor statushouders' (Werkgelegenheidsprojecten)
    and 'een leerwerktraject tot basiskok voor statushouders' (Een greep uit de resultaten)."""
    basiskok = _project(dataset, "basiskok")
    (extension,) = basiskok.extensions
    assert "voldoende aanmeldingen" in (extension.condition or "")
    assert basiskok.category is None and "horecaproject voor statushouders" in (basiskok.category_note or "")


def test_zorgstart_2024_targets_are_announced_without_a_number(dataset: Dataset) -> None:
    """DOC-23001887, bijlage 1 Zorgstart: 'Het verlengen van project ZorgStart tot 31 december 2024 met nieuwe
    doelstellingen voor aantallen trajecten en uitstroom naar betaald werk.'"""
    targets = [t for t in _project(dataset, "zorgstart").targets if t.start == "2024-01"]
    assert sorted((t.indicator, t.value) for t in targets) == [
        ("trajecten-gestart", None),
        ("uitstroom-betaald-werk", None),
    ]


@pytest.mark.parametrize(
    "project",
    ["zorgstart", "ai-operator", "basiskok", "bouw-en-techniekstart", "baan-talent-events"]
    + ["ik-in-de-kinderopvang", "divosa-benchmark", "motopp", "trainingen"],
)
def test_2024_lines_say_their_fund_is_inferred(dataset: Dataset, project: str) -> None:
    """DOC-23001887, §4: 'Voor 2024 hebben we nog middelen in de reserve van WAW beschikbaar. Daar komen nog
    de middelen bovenop die we overhouden in 2023.' No line is tied to a fund, and the begroting 2024 'zal
    worden vastgesteld' after the year end."""
    (line,) = [b for b in _project(dataset, project).budget if b.year == 2024]
    assert "Het fonds is afgeleid" in (line.note or "")
    if line.decision == "doc-23001887":
        assert "de bron toont geen vaststelling" in (line.note or "")


def test_notes_from_the_2020_bijlagen(dataset: Dataset) -> None:
    """20.0006972: 'Er is op dit moment nog geen concreet plan van aanpak gereed' (Energietransitie);
    'minimaal 7450 benoemde goederen (schatting)' (Waardebox); 'duurzame uitstroom van 40 inwoners in 2 jaar'
    (Hout, no 'betaald werk'); 'Het doel is om januari te starten voor de duur van twee jaar' (nota)."""
    energie = _project(dataset, "energietransitie").budget[0]
    assert "nog geen concreet plan van aanpak gereed" in (energie.note or "")
    goods = next(t for t in _project(dataset, "gooise-waardebox").targets if t.indicator == "goederen-hergebruikt")
    assert "minimaal 7450 benoemde goederen (schatting)" in (goods.note or "")
    hout = next(t for t in _project(dataset, "recycling-hout").targets if t.value == 40)
    assert "niet 'betaald werk'" in (hout.note or "")
    mobiliteit = _project(dataset, "mobiliteitsdienstverlening")
    assert mobiliteit.period is not None and "voor de duur van twee jaar" in (mobiliteit.period.note or "")


def test_check_budget_still_passes() -> None:
    """The corrections move no money: check-budget exits 0 on the shipped data."""
    assert run("check-budget", data=SHIPPED).exit_code == 0


# 6. Notes that keep what the source says about a figure's moment, meaning or certainty


def test_q3_2021_notes_on_meaning_and_moment(dataset: Dataset) -> None:
    """Monitor Q3 2021: 'Van de kleine 500 inwoners' (no month); '7 deelnemers hebben een betaalde baan
    gevonden' (the target says 'duurzaam uitstromen'); '16 bemiddeld naar werk' (not 'betaald'; 'De werkgevers
    bieden baangarantie'); 'Circa 50 bedrijven zijn concreet met elkaar in gesprek gegaan wat heeft geresulteerd
    in 10 plaatsen'; 'In september ontvingen 24 deelnemers aan het WijkLeerbedrijf een zorgdiploma'; 'In 2020
    hebben de 8 gemeenten plannen ingediend'; the monitor 'verschijnt 2 x per jaar, in april en oktober'."""
    q3 = _quarter(dataset, "2021-Q3")
    assert "de kleine" in (q3.headline[0].note or "")
    assert "deelnemers duurzaam uitstromen'" in (
        _result(dataset, "2021-Q3", "ggz-voortzetting", "uitstroom-betaald-werk").note or ""
    )
    assert "niet 'betaald'" in (
        _result(dataset, "2021-Q3", "werkgelegenheidsprojecten", "uitstroom-betaald-werk").note or ""
    )
    assert "horecaproject voor statushouders" in (
        _result(dataset, "2021-Q3", "werkgelegenheidsprojecten", "trajecten-gestart").note or ""
    )
    for indicator in ("bedrijven-in-gesprek", "plaatsingen"):
        assert "december 2020" in (_result(dataset, "2021-Q3", "mobiliteitsdienstverlening", indicator).note or "")
    assert "alleen de diploma's van september" in (
        _result(dataset, "2021-Q3", "wijkleerbedrijf", "scholing-afgerond").note or ""
    )
    for project in ("lokaal-budget-scholing", "lokale-initiatieven"):
        (entry,) = _words_in(dataset, "2021-Q3", project)
        assert entry.text.startswith("In 2020 hebben de 8 gemeenten plannen ingediend")
    assert "in april en oktober" in (q3.note or "")
    (basiskok,) = _words_in(dataset, "2021-Q3", "basiskok")
    assert basiskok.source.endswith("Interventies arbeidsmarkt, Een greep uit de resultaten")


def test_the_scholingsprojecten_judgement_keeps_its_counterweight(dataset: Dataset) -> None:
    """Monitor Q3 2021, Scholingsprojecten: 'Twee voorbeelden van mooie resultaten ...' and 'Er valt echter ook
    nog het één en ander te verbeteren. Het aantal ingezette taaltrajecten loopt achter op planning.'"""
    stated = _result(dataset, "2021-Q3", "zorgstart", "uitstroom-betaald-werk").stated
    assert stated is not None
    assert "loopt achter op planning" in (stated.note or "") and "mooie resultaten" in (stated.note or "")


def test_q3_2023_notes_and_words(dataset: Dataset) -> None:
    """DOC-23001887: 'Omdat de werving pas net gestart is, kunnen we nog niet met zekerheid zeggen in hoeverre
    dit aantal passend is.'; 'Resultaat: Wordt ingepland'; 'De training is gegeven van half september tot half
    oktober'; 'Alleen ZorgStart ... en de Trainingen' carry 't/m Q3 2023'."""
    q3 = _quarter(dataset, "2023-Q3")
    (kinderopvang,) = _words_in(dataset, "2023-Q3", "ik-in-de-kinderopvang")
    assert kinderopvang.stated is not None and "pas net gestart" in kinderopvang.stated.words
    (divosa,) = _words_in(dataset, "2023-Q3", "divosa-benchmark")
    assert "welk jaar de sessie betreft" in (divosa.note or "")
    assert "half september" in (_result(dataset, "2023-Q3", "training-50-plus", "deelnemers").note or "")
    assert "Of die deelnemer eind september al was gestart" in (
        _result(dataset, "2023-Q3", "motopp", "deelnemers").note or ""
    )
    assert "zijn t/m Q3 2023 gedateerd" in (q3.note or "")


def test_project_notes_from_the_sources(dataset: Dataset) -> None:
    """20.0006972: 'Het totale traject duurt maximaal 6 maanden' (AI); 'proef gedurende de periode van 1 jaar'
    (Waardebox); '6 werkplekken bij de start en 10 werkplekken binnen een jaar' (Hout). DOC-23001887: 'binnen 6
    maanden tot een jaar een erkend MBO certificaat' (Basiskok); 'Het traject duurt 6 maanden' (Bouw en
    Techniekstart); 'is het begrote bedrag iets naar boven bijgesteld' (Trainingen, reported as done)."""
    assert "maximaal 6 maanden" in (_project(dataset, "ai-operator").note or "")
    assert "periode van 1 jaar" in (_project(dataset, "gooise-waardebox").note or "")
    hout = next(t for t in _project(dataset, "recycling-hout").targets if t.indicator == "werkplekken")
    assert "6 werkplekken bij de start" in (hout.note or "")
    assert "binnen 6 maanden tot een jaar" in (_project(dataset, "basiskok").note or "")
    assert "Het traject duurt 6 maanden" in (_project(dataset, "bouw-en-techniekstart").note or "")
    (line,) = _project(dataset, "trainingen").budget
    assert "onzeker" in (line.note or "") and line.changed_by == "doc-23001887"
    basiskok = _project(dataset, "basiskok")
    assert "of het eind september al liep" in (basiskok.status[0].note or "")


@pytest.mark.parametrize(
    "project", ["ai-operator", "basiskok", "bouw-en-techniekstart", "baan-talent-events", "ik-in-de-kinderopvang"]
)
def test_2024_extensions_are_proposals(dataset: Dataset, project: str) -> None:
    """DOC-23001887, '1. Voorstel': 'Het project ... te verlengen tot en met december 2024' (a proposal; §4:
    'Dan zullen de eindafrekening 2023 en de begroting 2024 worden vastgesteld')."""
    (extension,) = [e for e in _project(dataset, project).extensions if e.decision == "doc-23001887"]
    assert "Voorgesteld" in (extension.note or "") and "geen vaststelling" in (extension.note or "")
