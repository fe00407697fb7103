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
    """The shipped data committed on main, then one 2024 reservation raised in the work tree."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = _in_copy(work)
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "data"]):
            git(work, *args)
        project = data / "projects" / "wijkleerbedrijf.yaml"
        project.write_text(
            project.read_text(encoding="utf-8").replace("amount: 240000", "amount: 260000"), encoding="utf-8"
        )
        cwd = os.getcwd()
        try:
            os.chdir(work)
            return run("diff", "main", "--format", "markdown", data=Path("data")).stdout
        finally:
            os.chdir(cwd)
