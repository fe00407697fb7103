"""`waw package -o DIR` (issue 20, point 5): the begroting in its versions and the realisatie as a Fiscal Data
Package that the frictionless library validates, whose totals are `waw budget`'s, whose phases are never firmer
than the decisions they rest on, and that is written whole, only over a package it wrote itself."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import Package

from helpers import ROOT, SHIPPED, STOP_AI_OPERATOR, git, run, snapshot

FRICTIONLESS = Path(sys.executable).parent / "frictionless"
PHASES = {"proposed", "approved", "adjusted", "executed"}

VASTGESTELD_2023 = """  - status: vastgesteld
    date: 2023-12-14
    source: "synthetisch: een vaststelling die geen bron toont, alleen voor deze test"
"""
WIJZIGING_2024 = STOP_AI_OPERATOR.replace(
    "moves:\n", '  - status: vastgesteld\n    date: 2024-07-11\n    source: "synthetisch"\nmoves:\n', 1
)


def _with_wijziging(data: Path, *, primitief_vastgesteld: bool) -> Path:
    """A copy of the shipped data with a vastgestelde begrotingswijziging of 2024 (AI Operator halved) and,
    if asked, a synthetic vaststelling of DOC-23001887 (no source shows one)."""
    (data / "decisions" / "stop-ai-operator-2024.yaml").write_text(WIJZIGING_2024, encoding="utf-8")
    project = data / "projects" / "ai-operator.yaml"
    old = "    amount: 58000\n    description: Begeleiding van de kandidaten in 2024\n"
    changed = "    amount: 29000\n    previous_amount: 58000\n    changed_by: stop-ai-operator-2024\n"
    new = changed + old.split("\n", 1)[1]
    assert old in project.read_text(encoding="utf-8")
    project.write_text(project.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    if primitief_vastgesteld:
        decision = data / "decisions" / "doc-23001887.yaml"
        text = decision.read_text(encoding="utf-8")
        assert "\nstated_total:" in text
        decision.write_text(text.replace("\nstated_total:", "\n" + VASTGESTELD_2023 + "stated_total:", 1), "utf-8")
    return data


def _package(data: Path, target: Path) -> dict[str, object]:
    result = run("package", "-o", target, data=data)
    assert result.exit_code == 0, result.output
    return json.loads((target / "datapackage.json").read_text(encoding="utf-8"))


def _rows(target: Path, name: str) -> list[dict[str, object]]:
    """A resource's rows as frictionless reads them: its numbers are Decimals, never floats."""
    package = Package(str(target / "datapackage.json"))
    return [row.to_dict() for row in package.get_resource(name).read_rows()]


def _sum(rows: list[dict[str, object]], *, standing_only: bool = False) -> Decimal:
    amounts = [r["amount"] for r in rows if r["amount"] is not None and not (standing_only and r["released"])]
    assert all(isinstance(a, Decimal) for a in amounts)
    return sum(amounts, Decimal(0))  # type: ignore[arg-type]


def _budget(data: Path, year: int) -> dict[str, object]:
    result = run("budget", "--year", str(year), "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def _csv_field_limit_kept() -> Iterator[None]:
    """frictionless raises the csv module's field size limit for the whole process when it first reads a CSV
    file; waw's ledger import refuses a field over the default limit (tests/test_spreadsheets.py, huge-field),
    and these tests run in the same process: the limit is put back."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


@pytest.fixture(scope="module")
def shipped_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("package") / "open-data"
    _package(SHIPPED, target)
    return target


def test_the_package_of_the_shipped_data_validates_with_frictionless(shipped_package: Path) -> None:
    report = Package(str(shipped_package / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == 5  # 2020, 2021, 2022 as the data stand; 2024 primitief and na wijziging
    done = subprocess.run(
        [str(FRICTIONLESS), "validate", str(shipped_package / "datapackage.json")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "INVALID" not in done.stdout and done.stdout.count("VALID") == 5


def test_the_descriptor_says_what_a_row_is_its_currency_and_a_measure_per_resource(shipped_package: Path) -> None:
    """The Fiscal Data Package's own parts (spec 0.3): a `model` whose measures name a resource's amount, its
    currency and its phase, and whose dimensions name fields every resource has."""
    descriptor = json.loads((shipped_package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package" and descriptor["countryCode"] == "NL"
    assert "Een rij is een regel van de begroting" in descriptor["description"] and "(EUR)" in descriptor["description"]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == [
        "begroting-2020",
        "begroting-2021",
        "begroting-2022",
        "begroting-2024-primitief",
        "begroting-2024-na-wijziging",
    ]
    measures = descriptor["model"]["measures"]
    assert len(measures) == len(resources)
    for measure in measures.values():
        resource = resources[measure["resource"]]
        assert (measure["source"], measure["currency"], measure["direction"]) == ("amount", "EUR", "expenditure")
        assert measure["phase"] == resource["status"] and measure["phase"] in PHASES
        assert resource["currency"] == "EUR" and isinstance(resource["fiscalYear"], int)
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert fields["amount"] == {**fields["amount"], "type": "number", "decimalChar": ".", "bareNumber": True}
        assert {"fiscal_year", "status", "currency", "project", "fund", "programme", "source"} <= set(fields)
        for dimension in descriptor["model"]["dimensions"].values():
            assert all(a["source"] in fields for a in dimension["attributes"].values())


def test_every_version_of_every_year_totals_as_waw_budget(shipped_package: Path, shipped_copy: Path) -> None:
    descriptor = json.loads((shipped_package / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        year, rows = resource["fiscalYear"], _rows(shipped_package, resource["name"])
        report = _budget(SHIPPED, year)
        assert {r["fiscal_year"] for r in rows} == {year}
        if resource["version"] == "stand":
            assert report["versions"] is None and _sum(rows, standing_only=True) == Decimal(report["total"])
        elif resource["version"] == "primitief":
            assert _sum(rows) == Decimal(report["versions"]["primitief"]["total"])
        else:
            assert _sum(rows) == Decimal(report["versions"]["na_wijziging"])
            assert _sum(rows, standing_only=True) == Decimal(report["total"])
    primitief = _rows(shipped_package, "begroting-2024-primitief")
    assert _sum(primitief) == Decimal("1054795.25")  # Tabel 1, € 1.054.795 rounded
    training = [r for r in primitief if r["project"] == "trainingen"]
    assert [r["amount"] for r in training] == [Decimal("50455.25")]
    text = (shipped_package / "begroting-2024-primitief.csv").read_text(encoding="utf-8")
    assert ",50455.25," in text and ",95000.00," in text  # exact decimals with a point, as the data write them
    amounts = [row[10] for row in _csv_cells(shipped_package / "begroting-2021.csv")]
    assert amounts and all(re.fullmatch(r"-?\d+\.\d{2}", a) or a == "" for a in amounts)

    wijziging = _with_wijziging(shipped_copy, primitief_vastgesteld=True)
    target = shipped_copy.parent / "met-wijziging"
    names = [r["name"] for r in _package(wijziging, target)["resources"]]  # type: ignore[index]
    assert names[3:] == [
        "begroting-2024-primitief",
        "begroting-2024-wijziging-stop-ai-operator-2024",
        "begroting-2024-na-wijziging",
    ]
    versions = _budget(wijziging, 2024)["versions"]
    assert _sum(_rows(target, names[3])) == Decimal(versions["primitief"]["total"]) == Decimal("1054795.25")
    assert _sum(_rows(target, names[4])) == Decimal(versions["wijzigingen"][0]["total"]) == Decimal("1025795.25")
    assert _sum(_rows(target, names[5])) == Decimal(versions["na_wijziging"]) == Decimal("1025795.25")


def _csv_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def test_a_phase_is_never_firmer_than_the_decisions_it_rests_on(shipped_package: Path, tmp_path: Path) -> None:
    """DOC-23001887 is only voorgesteld: 2024 is proposed. The 2020 bijstelling was voorgesteld, then shown
    uitgevoerd, never vastgesteld: its lines are proposed too, their status word uitgevoerd."""
    descriptor = json.loads((shipped_package / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"]: r["status"] for r in descriptor["resources"]} == dict.fromkeys(
        [r["name"] for r in descriptor["resources"]], "proposed"
    )
    primitief = _rows(shipped_package, "begroting-2024-primitief")
    assert {(r["status"], r["kenmerk"], r["decision_status"]) for r in primitief if r["project"] != "motopp"} == {
        ("proposed", "DOC-23001887", "voorgesteld")
    }
    (motopp,) = [r for r in primitief if r["project"] == "motopp"]  # its line names no decision in data/
    assert (motopp["status"], motopp["decision"], motopp["source"][:21]) == ("proposed", None, "Voorstel DOC-23001887")
    bijstelling = [r for r in _rows(shipped_package, "begroting-2021") if r["decision"] == "bijstelling-2020"]
    assert bijstelling and {(r["status"], r["kenmerk"], r["decision_status"]) for r in bijstelling} == {
        ("proposed", "20.0006972", "uitgevoerd")
    }

    for vastgesteld, expected in ((True, ["approved", "adjusted", "adjusted"]), (False, ["proposed"] * 3)):
        data = tmp_path / f"data-{vastgesteld}"
        shutil.copytree(SHIPPED, data)
        _with_wijziging(data, primitief_vastgesteld=vastgesteld)
        found = _package(data, tmp_path / f"out-{vastgesteld}")["resources"]
        assert [r["status"] for r in found if r["fiscalYear"] == 2024] == expected  # type: ignore[index]
        rows = _rows(tmp_path / f"out-{vastgesteld}", "begroting-2024-na-wijziging")
        (halved,) = [r for r in rows if r["line"] == "begeleiding-2024"]
        assert (halved["amount"], halved["kenmerk"], halved["decision_status"]) == (
            Decimal("29000.00"),
            "SYN-2024-07",
            "vastgesteld",
        )


def test_the_synthetic_realisatie_is_executed_and_sums_to_its_total(realised: Path, tmp_path: Path) -> None:
    target = tmp_path / "open-data"
    descriptor = _package(realised, target)
    report = Package(str(target / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    found = {r["name"]: r for r in descriptor["resources"]}  # type: ignore[attr-defined]
    for year, final in ((2021, True), (2022, False)):
        resource = found[f"realisatie-{year}"]
        assert (resource["status"], resource["final"]) == ("executed", final)
        rows = _rows(target, f"realisatie-{year}")
        assert {(r["status"], r["final"], r["currency"]) for r in rows} == {("executed", final, "EUR")}
        realisatie = _budget(realised, year)["realisatie"]
        assert _sum(rows) == Decimal(realisatie["spent"])
    assert _sum(_rows(target, "realisatie-2021")) == Decimal("749.75")  # 350.00 on alpha a1, 399.75 on beta
    assert [(r["project"], r["line"], r["fund"], r["amount"]) for r in _rows(target, "realisatie-2022")] == [
        ("alpha", "a2", "fund-a", Decimal("150.10"))
    ]


def test_package_writes_whole_over_its_own_output_and_refuses_anything_else(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SHIPPED, repo / "data")
    (repo / "README.md").write_text("mine")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "data")
    data = repo / "data"
    before = snapshot(repo)
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    refusals = {
        repo: "vervangt dat nooit",
        data: "ligt in de datamap",
        data / "export": "ligt in de datamap",
        other: "bevat bestanden die waw package niet schreef (notes.txt)",
        repo / "README.md": "is een bestand, geen map",
    }
    for output, words in refusals.items():
        refused = run("package", "-o", output, data=data)
        assert refused.exit_code == 2 and refused.stdout == "", (output, refused.output)
        assert words in refused.stderr and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert [p.name for p in other.iterdir()] == ["notes.txt"]
    assert snapshot(repo) == before

    target = tmp_path / "open-data"
    written = run("package", "-o", target, data=data)
    assert written.exit_code == 0 and "5 tabellen (CSV) en datapackage.json" in written.stdout
    first = snapshot(target)
    (target / "begroting-2020.csv").write_text("old")
    assert run("package", "-o", target, data=data).exit_code == 0  # its own earlier output is replaced whole
    assert snapshot(target) == first
    (target / "mine.txt").write_text("added by hand")
    refused = run("package", "-o", target, data=data)
    assert refused.exit_code == 2 and "(mine.txt)" in refused.stderr
    assert snapshot(target) == {**first, "mine.txt": b"added by hand"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".open-data")]  # no temporary directory left
    assert snapshot(repo) == before  # nothing in data/ changed
    assert not (ROOT / "data" / "datapackage.json").exists()
