"""The steps behind the README's examples of import-results and diff, shared by the README test."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import openpyxl

from helpers import SHIPPED, git, run


def _in_copy(work: Path) -> Path:
    shutil.copytree(SHIPPED, work / "data")
    return work / "data"


def import_example() -> str:
    """A template for Q1-2022 with a word in a number cell and a result without its source."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = _in_copy(work)
        template = work / "sjabloon.xlsx"
        run("template", "results", "--quarter", "Q1-2022", "-o", template, data=data)
        book = openpyxl.load_workbook(template)
        sheet = book["Resultaten"]
        rows = {(r[0].value, r[2].value): r[0].row for r in sheet.iter_rows(min_row=2)}
        first, second = rows[("zorgstart", "uitstroom-betaald-werk")], rows[("zorgstart", "trajecten-gestart")]
        sheet[f"G{first}"], sheet[f"I{first}"] = "ruim 80", "Rapportage ZorgStart april 2022"
        sheet[f"G{second}"] = 130
        book.save(template)
        return run("import-results", template, "--quarter", "Q1-2022", data=data).stderr


def diff_example() -> str:
    """The shipped data committed on main, then in the work tree one 2024 reservation raised (Tabel 1's stated
    total no longer adds up) and ZorgStart's published 'ruim 80' of Q3-2021 edited to 95."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = _in_copy(work)
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "data"]):
            git(work, *args)
        project = data / "projects" / "wijkleerbedrijf.yaml"
        project.write_text(
            project.read_text(encoding="utf-8").replace("amount: 240000", "amount: 260000"), encoding="utf-8"
        )
        results = data / "results" / "2021-Q3.yaml"
        text = results.read_text(encoding="utf-8")
        assert "value: 80\n    qualifier: ruim\n" in text
        results.write_text(text.replace("value: 80\n    qualifier: ruim\n", "value: 95\n", 1), encoding="utf-8")
        cwd = os.getcwd()
        try:
            os.chdir(work)
            return run("diff", "main", "--format", "markdown", data=Path("data")).stdout
        finally:
            os.chdir(cwd)


SYNTHETIC = Path(__file__).resolve().parent / "fixtures"


def realisatie_tree(work: Path) -> Path:
    """The synthetic minimal programme with two years of realisatie: the README shows no invented region."""
    data = work / "data"
    shutil.copytree(SYNTHETIC / "minimal", data)
    shutil.copytree(SYNTHETIC / "realisatie", data / "realisatie")
    programmes = data / "programmes.yaml"
    programmes.write_text(
        programmes.read_text().replace(
            "  - programme: prog\n    year: 2023", "  - id: coordinatie\n    programme: prog\n    year: 2023", 1
        )
    )
    return data


def realisatie_example() -> str:
    """`waw budget --year 2021 --format markdown` on the synthetic tree: the realisatie part."""
    with tempfile.TemporaryDirectory() as tmp:
        out = run("budget", "--year", "2021", "--format", "markdown", data=realisatie_tree(Path(tmp))).stdout
        return out[out.index("### Begroot en gerealiseerd") :]


def realisatie_import_example() -> tuple[str, str]:
    """A CSV export with an unmapped code, a text amount and a duplicated row; then a clean one."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = realisatie_tree(work)
        bad = work / "grootboek.csv"
        bad.write_text(
            "Kostenplaats;Omschrijving;Bedrag\n6101;Alpha uren;300.00\n6300;Onbekend;10\n6200;Beta;veel\n"
            "6101;Alpha uren;300.00\n",
            encoding="utf-8",
        )
        refused = run("import-realisatie", bad, "--year", "2023", data=data).stderr
        good = work / "grootboek-2023.csv"
        good.write_text("Kostenplaats;Omschrijving;Bedrag\n6900;Coördinatie;98.40\n", encoding="utf-8")
        done = run("import-realisatie", good, "--year", "2023", "--source", "Grootboek WAW 2023-09-30", data=data)
        return refused, done.stdout.replace(str(data), "data")


SEALED_SOURCE = (
    "Monitor WAW/PoW derde kwartaal 2021: gepubliceerd op 11 november 2021 (de datum van de monitor zelf; "
    "published: in data/results/2021-Q3.yaml)"
)
CORRECTION = """corrections:
  - project: zorgstart
    indicator: uitstroom-betaald-werk
    was: {value: 80, qualifier: ruim}
    wordt: {value: 95}
    date: 2022-01-15
    reason: "De partner telde na: 95 inwoners vonden een (leerwerk)baan"
    source: "Rapportage ZorgStart (2022-01-15)"
"""


def seal_examples() -> tuple[str, str, str, str]:
    """On a copy of the shipped data: the Q3-2021 seal written anew, a second publish refused, ZorgStart's
    'ruim 80' typed over as 95 (validate finds it), then the correction and the row of `waw status`."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = _in_copy(work)
        (data / "seals" / "2021-Q3.yaml").unlink()
        cwd = os.getcwd()
        try:
            os.chdir(work)
            here = Path("data")
            published = run("publish", "--quarter", "Q3-2021", "--source", SEALED_SOURCE, data=here).stdout
            refused = run("publish", "--quarter", "Q3-2021", data=here).stderr
            results = data / "results" / "2021-Q3.yaml"
            text = results.read_text(encoding="utf-8")
            text = text.replace("    value: 80\n    qualifier: ruim\n", "    value: 95\n", 1)
            results.write_text(text, encoding="utf-8")
            found = run("validate", data=here).stdout
            results.write_text(text.replace("\nqualitative:\n", "\n" + CORRECTION + "qualitative:\n"), encoding="utf-8")
            status = run("status", "--quarter", "Q3-2021", "--format", "markdown", data=here).stdout
        finally:
            os.chdir(cwd)
        row = next(line for line in status.splitlines() if "| ZorgStart | Uitstroom" in line)
        return published, refused, found, row
