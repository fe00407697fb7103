"""The shipped data/ reproduces the published figures of the source documents."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from helpers import SHIPPED, run
from wawtool import budget
from wawtool.figures import Figure
from wawtool.load.loader import Dataset, load
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


def _project(dataset: Dataset, project_id: str):  # type: ignore[no-untyped-def]
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
    assert ai["2021"] == 70000  # the known lines; the derived one is named beside them
    assert "Verlenging met een half jaar bij positieve evaluatie 2021: € 60.000 (afgeleid" in ai["Niet per jaar"]


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
    """Every mapping that holds an amount, value or period also names its source."""
    import yaml

    def walk(node, path):  # type: ignore[no-untyped-def]
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
    assert summary.startswith("9 voldoen, 0 voldoen niet, 4 niet toetsbaar."), summary
    assert "20.0006972 (neutraliteit; te beslissen met het vrijgevallen bedrag van Vrijval Innovatiefonds" in summary
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
    assert {(t.indicator, t.value, t.qualifier, t.start, t.end) for t in ggz.targets} == {
        ("trajecten-gestart", 12, "maximaal", "2020", "2021"),
        ("uitstroom-betaald-werk", 6, "minimaal", "2020", "2021"),
        ("uitstroom-percentage", 42, None, None, None),
    }
    capaciteit = dataset.project("capaciteit-wsp")
    assert capaciteit is not None and capaciteit.status[0].status == "on_hold"
    zorgstart = dataset.project("zorgstart")
    assert zorgstart is not None and "Hilverzorg" in zorgstart.partners and zorgstart.status[1].note
    jongeren = dataset.project("jongeren")
    assert jongeren is not None
    assert {t.indicator: t.value for t in jongeren.targets if t.indicator != "deelnemers"} == {
        "uitstroom-percentage": 50,
        "stap-verder": 48,
        "doorverwezen-percentage": 30,
        "teruggemeld-percentage": 20,
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
