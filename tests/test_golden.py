"""Golden outputs: every command in every format it writes, on the shipped data and on the synthetic trees.

Compared byte for byte; a change of output is a reviewed diff of a file under tests/golden/, rewritten only by
`pytest --update-golden`. Each tree is copied outside git into a working directory of its own and named
`data` there, so that the paths and the data version a page prints are the same on every machine.
Every JSON golden is also the report object's own dump (`test_json_is_the_report_objects_own_dump`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from helpers import GIT_ENV, GOLDEN, MINIMAL, SHIPPED, build_realised, git, workbook_text
from wawtool.cli import app

EXTENSIONS = {"table": "txt", "markdown": "md", "json": "json", "csv": "csv", "html": "html"}
REPORT_FORMATS = ("table", "markdown", "json", "html")
ALL_FORMATS = (*REPORT_FORMATS, "csv")
PAGES_MADE_ON = "1767268800"  # 2026-01-01 12:00 UTC: a page says when it was made, and a golden must not age
SHIPPED_PROJECTS = sorted(p.stem for p in (SHIPPED / "projects").glob("*.yaml"))


@dataclass(frozen=True)
class Case:
    """One command line on one tree; its stdout is the golden file, its exit code and stderr are pinned too."""

    tree: str
    name: str
    args: tuple[str, ...]
    width: int = 120

    @property
    def fmt(self) -> str:
        return self.args[self.args.index("--format") + 1] if "--format" in self.args else "table"

    @property
    def path(self) -> Path:
        return GOLDEN / self.tree / f"{self.name}.{EXTENSIONS[self.fmt]}"


def _formats(tree: str, name: str, args: tuple[str, ...], formats: tuple[str, ...] = REPORT_FORMATS) -> list[Case]:
    return [Case(tree, f"{name}", args) if f == "table" else Case(tree, name, (*args, "--format", f)) for f in formats]


def _cases() -> list[Case]:
    cases: list[Case] = []
    for tree, years, quarters, decisions, projects in (
        ("shipped", (2020, 2021, 2022, 2024), ("Q3-2020", "Q3-2021", "Q3-2023"), ("bijstelling-2020", "doc-23001887"),
         SHIPPED_PROJECTS),
        ("minimal", (2021, 2022, 2023), ("Q2-2021",), ("begr", "realloc"), ("alpha", "beta")),
        ("realised", (2021, 2022, 2023), (), (), ("alpha", "beta")),
    ):  # fmt: skip
        cases += [Case(tree, "validate", ("validate",)), Case(tree, "validate", ("validate", "--format", "json"))]
        cases += _formats(tree, "check-budget", ("check-budget",))
        for year in years:  # a budget's CSV is a file per table: test_csv_files_match_their_golden_files
            cases += _formats(tree, f"budget-{year}", ("budget", "--year", str(year)))
            cases += _formats(tree, f"check-budget-{year}", ("check-budget", "--year", str(year)), ("table", "json"))
        cases += _formats(tree, "status", ("status",), ALL_FORMATS)
        for quarter in quarters:
            cases += _formats(tree, f"status-{quarter}", ("status", "--quarter", quarter), ALL_FORMATS)
            cases += _formats(tree, f"report-{quarter}", ("report", "--quarter", quarter))
        for decision in decisions:
            cases += _formats(tree, f"decision-{decision}", ("decision", decision))
        cases += _formats(tree, "funds", ("funds",))
        for project in projects:
            formats = REPORT_FORMATS if project in {"zorgstart", "ai-operator", "alpha", "beta"} else ("table", "json")
            cases += _formats(tree, f"show-{project}", ("show", project), formats)
    cases += [
        Case("shipped", "check-budget-80-columns", ("check-budget",), width=80),
        Case("shipped", "status-Q3-2021-80-columns", ("status", "--quarter", "Q3-2021"), width=80),
        Case("shipped", "report-Q3-2021-80-columns", ("report", "--quarter", "Q3-2021"), width=80),
        Case("shipped", "budget-2024-80-columns", ("budget", "--year", "2024"), width=80),
        Case("shipped", "decision-doc-23001887-80-columns", ("decision", "doc-23001887"), width=80),
        Case("shipped", "show-zorgstart-80-columns", ("show", "zorgstart"), width=80),
        *_formats("shipped", "status-pow", ("status", "--quarter", "Q3-2021", "--programme", "pow"), ("table", "json")),
        *_formats("shipped", "status-category", ("status", "--category", "doorstroombanen"), ("table", "json")),
        Case("shipped", "status-rfc4180", ("status", "--format", "csv", "--csv-dialect", "rfc4180")),
        Case(
            "shipped", "budget-2024-begroting", ("budget", "--year", "2024", "--format", "csv", "--table", "begroting")
        ),
        Case("shipped", "error-csv-several-tables", ("budget", "--year", "2024", "--format", "csv")),
        Case("shipped", "error-unknown-decision", ("decision", "nope")),
        Case("shipped", "decision-by-kenmerk", ("decision", "20.0006972", "--format", "markdown")),
        Case("shipped", "error-unknown-project", ("show", "zorgstrat")),
        Case("shipped", "error-no-budget-year", ("budget", "--year", "2019")),
        Case("shipped", "error-no-results-quarter", ("report", "--quarter", "Q1-2019")),
        Case("shipped", "error-bad-quarter", ("status", "--quarter", "Q5-2021")),
        Case("shipped", "error-publish-sealed", ("publish", "--quarter", "Q3-2021")),  # a seal is never replaced
        Case("minimal", "error-publish-no-date", ("publish", "--quarter", "Q2-2021")),
        Case("minimal", "error-publish-bad-date", ("publish", "--quarter", "Q2-2021", "--date", "2021-02-30")),
        # --thousands (bedragen × € 1.000) is opt-in: its own cases, in every format that shows amounts
        *_formats("shipped", "budget-2024-thousands", ("budget", "--year", "2024", "--thousands"), REPORT_FORMATS[:2]),
        Case("shipped", "budget-2024-thousands", ("budget", "--year", "2024", "--thousands", "--format", "html")),
        *_formats("realised", "budget-2021-thousands", ("budget", "--year", "2021", "--thousands"), REPORT_FORMATS[:2]),
        Case("shipped", "check-budget-thousands", ("check-budget", "--thousands")),
        Case("shipped", "decision-doc-23001887-thousands", ("decision", "doc-23001887", "--thousands")),
        Case("shipped", "funds-thousands", ("funds", "--thousands")),
        Case("shipped", "budget-2024-thousands-80-columns", ("budget", "--year", "2024", "--thousands"), width=80),
        *_formats("broken", "validate", ("validate",), ("table", "json")),
        Case("broken", "check-budget", ("check-budget",)),
    ]
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory per tree, each with its data in `data/`, outside any git repository."""
    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(SHIPPED, root / "shipped" / "data")
    shutil.copytree(MINIMAL, root / "minimal" / "data")
    build_realised(root / "realised" / "data")
    shutil.copytree(MINIMAL, root / "broken" / "data")
    beta = root / "broken" / "data" / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("programme: prog\n", "programme: prog\nprogrammme: prog\n", 1))
    alpha = root / "broken" / "data" / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("amount: ", "amount: 5e4 #", 1))
    return root


def waw(directory: Path, *args: str, width: int = 120, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The real command, in-process, run from `directory` with `--data data`, no colour, a fixed width; stdout
    as written (click's runner would read a CSV's CRLF as LF)."""
    import os

    here = Path.cwd()
    os.chdir(directory)
    try:
        result = CliRunner().invoke(
            app,
            ["--data", "data", *args],
            catch_exceptions=False,
            env={"NO_COLOR": "1", "COLUMNS": str(width), "SOURCE_DATE_EPOCH": PAGES_MADE_ON, **(env or {})},
        )
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def check_golden(path: Path, text: str, update: bool) -> None:
    """Equal to the golden file byte for byte, or fail with a unified diff a reviewer can read."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {path.relative_to(GOLDEN)}: run pytest --update-golden and review it"
    expected = path.read_bytes().decode("utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True), "golden", "now", n=2
        )
        pytest.fail(f"{path.relative_to(GOLDEN)} differs:\n" + "".join(list(diff)[:200]), pytrace=False)


def _outcome(code: int, stderr: str) -> str:
    """The exit code and stderr; click's own hint names -h or --help depending on its release, so it is left out."""
    stderr = re.sub(r"^Try '.*' for help\.\n", "", stderr, flags=re.MULTILINE)
    return f"exit {code}\n" + (f"stderr:\n{stderr}" if stderr else "")


@pytest.mark.parametrize("case", CASES, ids=[f"{c.tree}:{c.name}:{c.fmt}:{c.width}" for c in CASES])
def test_every_command_and_format_matches_its_golden_file(case: Case, workspace: Path, update_golden: bool) -> None:
    code, stdout, stderr = waw(workspace / case.tree, *case.args, width=case.width)
    assert "Traceback" not in stdout + stderr
    check_golden(case.path, stdout, update_golden)
    check_golden(case.path.with_name(case.path.name + ".exit"), _outcome(code, stderr), update_golden)


def test_publish_and_the_seal_it_writes_match_their_golden_files(tmp_path: Path, update_golden: bool) -> None:
    """`waw publish` on the synthetic tree: its line, and the seal file itself (comment, record, fingerprint)."""
    shutil.copytree(MINIMAL, tmp_path / "data")
    args = ("publish", "--quarter", "Q2-2021", "--date", "2021-07-01", "--source", "Synthetisch: de testmonitor")
    code, stdout, stderr = waw(tmp_path, *args)
    assert code == 0, stderr
    check_golden(GOLDEN / "minimal" / "publish.txt", stdout, update_golden)
    seal = (tmp_path / "data" / "seals" / "2021-Q2.yaml").read_text(encoding="utf-8")
    check_golden(GOLDEN / "minimal" / "seals" / "2021-Q2.yaml", seal, update_golden)


def _written_tree(directory: Path) -> str:
    """Every file of a written directory as one text: its name, then its content."""
    parts = []
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        parts.append(f"=== {path.relative_to(directory)}\n{path.read_text(encoding='utf-8')}")
    return "\n".join(parts)


@pytest.mark.parametrize("tree", ["shipped", "minimal", "realised"])
def test_the_site_the_schemas_and_the_package_match_their_golden_files(
    tree: str, workspace: Path, update_golden: bool
) -> None:
    written = (
        ("site", ("site", "-o", "../site-out")),
        ("schema", ("schema", "-o", "../schema-out")),
        ("package", ("package", "-o", "../package-out")),
    )
    for name, args in written:
        out = workspace / tree / args[-1]
        shutil.rmtree(out.resolve(), ignore_errors=True)
        code, stdout, stderr = waw(workspace / tree, *args)
        assert code == 0, stderr
        check_golden(GOLDEN / tree / f"{name}.txt", stdout, update_golden)
        for path in sorted(p for p in out.iterdir() if p.is_file()):
            check_golden(GOLDEN / tree / name / path.name, path.read_text(encoding="utf-8"), update_golden)
        names = sorted(p.name for p in (GOLDEN / tree / name).iterdir())
        assert names == sorted(p.name for p in out.iterdir()), "a page was added or is no longer written"


@pytest.mark.parametrize(
    ("tree", "year"), [("shipped", 2024), ("shipped", 2021), ("minimal", 2023), ("realised", 2021)]
)
def test_csv_files_match_their_golden_files(tree: str, year: int, workspace: Path, update_golden: bool) -> None:
    """`waw budget --format csv -o DIR`: a file per table, each byte for byte (byte-order mark and CRLF kept)."""
    out = workspace / tree / f"csv-{year}"
    shutil.rmtree(out, ignore_errors=True)
    code, stdout, stderr = waw(workspace / tree, "budget", "--year", str(year), "--format", "csv", "-o", out.name)
    assert code == 0, stderr
    golden = GOLDEN / tree / f"budget-{year}-csv"
    check_golden(golden / "written.txt", stdout, update_golden)
    written = sorted(p.name for p in out.glob("*.csv"))
    for name in written:
        check_golden(golden / name, (out / name).read_bytes().decode("utf-8"), update_golden)
    assert written == sorted(p.name for p in golden.glob("*.csv")), "a table was added or is no longer written"


def _fill_template(path: Path) -> None:
    """Every result cell of a results template filled with a synthetic figure, one with a qualifier."""
    book = openpyxl.load_workbook(path)
    sheet = book["Resultaten"]
    headers = [cell.value for cell in sheet[1]]
    column = {name: index + 1 for index, name in enumerate(headers)}
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        if row[0].value is None:
            continue
        sheet.cell(number, column[headers[6]], 7 + number)
        sheet.cell(number, column[headers[8]], f"Synthetische rapportage, rij {number}")
        if number == 2:
            sheet.cell(number, column[headers[7]], "ruim")
    book.save(path)


@pytest.mark.parametrize("tree", ["shipped", "minimal", "realised"])
def test_the_workbooks_match_their_golden_files(tree: str, workspace: Path, update_golden: bool) -> None:
    quarter = "Q3-2021" if tree == "shipped" else "Q2-2021"
    for name, args in (
        ("export", ("export", "-o", "../export.xlsx")),
        ("export-2021", ("export", "--year", "2021", "-o", "../export.xlsx")),
        ("export-2021-thousands", ("export", "--year", "2021", "--thousands", "-o", "../export.xlsx")),
        (f"template-{quarter}", ("template", "results", "--quarter", quarter, "-o", "../template.xlsx")),
    ):
        code, stdout, stderr = waw(workspace / tree, *args)
        assert code == 0, stderr
        book = (workspace / tree / args[-1]).resolve()
        check_golden(GOLDEN / tree / f"{name}.txt", stdout + workbook_text(book), update_golden)


def test_writing_commands_match_their_golden_files(tmp_path: Path, update_golden: bool) -> None:
    """The files that new, import-results and import-realisatie write into data/, and what they print."""
    work = tmp_path / "work"
    build_realised(work / "data")
    today = dt.date.today().isoformat()
    outputs = []
    for args in (
        ("new", "project", "gamma", "--name", "Gamma", "--programme", "prog", "--category", "cat"),
        ("new", "decision", "wijziging-1", "--reference", "24.0001234", "--title", "Eerste wijziging"),
        ("template", "results", "--quarter", "Q3-2021", "-o", "../template.xlsx"),
    ):
        code, stdout, stderr = waw(work, *args)
        assert code == 0, stderr
        outputs.append(stdout)
    _fill_template(tmp_path / "template.xlsx")
    (tmp_path / "grootboek.csv").write_text(
        "Kostenplaats;Omschrijving;Bedrag\n6101;Alpha uren;300\n6101;Alpha materiaal;50\n6200;Beta;399.75\n"
    )
    for args in (
        ("import-results", "../template.xlsx", "--quarter", "Q3-2021"),
        ("import-realisatie", "../grootboek.csv", "--year", "2023", "--source", "Grootboek 2023-06-30"),
    ):
        code, stdout, stderr = waw(work, *args)
        assert code == 0, stderr
        outputs.append(stdout)
    written = [
        work / "data" / p
        for p in ("projects/gamma.yaml", "decisions/wijziging-1.yaml", "results/2021-Q3.yaml", "realisatie/2023.yaml")
    ]
    text = "".join(outputs) + "".join(f"=== {p.relative_to(work)}\n{p.read_text()}" for p in written)
    text = text.replace(today, "<vandaag>").replace(f"as_of: {today[:7]}", "as_of: <deze maand>")
    check_golden(GOLDEN / "written.txt", text, update_golden)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data committed twice with fixed dates (so commit ids are the same everywhere), then changed
    in the work tree: ZorgStart's 2024 line € 10.000 up in the second commit, a published result edited after it
    (a sealed figure changed without a correction: a finding, exit 1)."""
    root = tmp_path_factory.mktemp("golden-diff")
    shutil.copytree(SHIPPED, root / "data")
    dated = {**GIT_ENV, "GIT_AUTHOR_DATE": "2026-01-01T12:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T12:00:00Z"}
    git(root, "init", "-q", "-b", "main")
    _commit(root, dated, "data")
    zorgstart = root / "data" / "projects" / "zorgstart.yaml"
    zorgstart.write_text(zorgstart.read_text().replace("amount: 150000", "amount: 160000", 1))
    _commit(root, dated, "zorgstart")
    results = root / "data" / "results" / "2021-Q3.yaml"
    results.write_text(
        results.read_text().replace("value: 80\n    qualifier: ruim", "value: 95\n    qualifier: ruim", 1)
    )
    return root


def _commit(root: Path, env: dict[str, str], message: str) -> None:
    import subprocess

    subprocess.run(["git", "add", "."], cwd=root, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, env=env, check=True)


DIFFS = [
    *_formats("diff", "diff-HEAD~1", ("diff", "HEAD~1")),
    *_formats("diff", "diff-HEAD~1-HEAD", ("diff", "HEAD~1", "HEAD"), ("table", "json")),
    Case("diff", "diff-HEAD-HEAD", ("diff", "HEAD", "HEAD")),
    Case("diff", "error-unknown-revision", ("diff", "nope")),
]


@pytest.mark.parametrize("case", DIFFS, ids=[f"{c.name}:{c.fmt}" for c in DIFFS])
def test_diff_matches_its_golden_files(case: Case, repository: Path, update_golden: bool) -> None:
    code, stdout, stderr = waw(repository, *case.args, env={"GIT_CONFIG_GLOBAL": "/dev/null"})
    check_golden(case.path, stdout, update_golden)
    check_golden(case.path.with_name(case.path.name + ".exit"), _outcome(code, stderr), update_golden)


# --- the JSON of a command is its report object's own dump ------------------------------------------------------


def _dataset(directory: Path) -> Any:
    from wawtool.validation import validate_data

    dataset, problems = validate_data(directory)
    assert not problems
    return dataset


def _report(dataset: Any, args: tuple[str, ...]) -> Any:
    """The report object the command builds, through the library's own functions."""
    from wawtool.periods import Quarter
    from wawtool.reports.budget import build_budget_report
    from wawtool.reports.check_budget import build_check_budget_report
    from wawtool.reports.decision import build_decision_report
    from wawtool.reports.funds import build_funds_report
    from wawtool.reports.monitor import build_monitor_report
    from wawtool.reports.project import build_project_report
    from wawtool.reports.status import build_status_report, quarters_with_data

    def option(name: str) -> str | None:
        return args[args.index(name) + 1] if name in args else None

    year = int(option("--year")) if option("--year") else None
    quarter = Quarter.parse(q) if (q := option("--quarter")) else None
    builders: dict[str, Callable[[], Any]] = {
        "check-budget": lambda: build_check_budget_report(dataset, year),
        "budget": lambda: build_budget_report(dataset, year),
        "status": lambda: build_status_report(
            dataset, quarter or quarters_with_data(dataset)[-1], option("--programme"), option("--category")
        ),
        "report": lambda: build_monitor_report(dataset, quarter),
        "decision": lambda: build_decision_report(dataset, dataset.decision(args[1])),
        "show": lambda: build_project_report(dataset, dataset.project(args[1])),
        "funds": lambda: build_funds_report(dataset, option("--fund")),
    }
    return builders[args[0]]()


def _json_cases() -> Iterator[Case]:
    for case in CASES:
        if case.fmt == "json" and case.tree != "broken" and case.args[0] != "validate":
            yield case


@pytest.mark.parametrize("case", list(_json_cases()), ids=[f"{c.tree}:{c.name}" for c in _json_cases()])
def test_json_is_the_report_objects_own_dump(case: Case, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workspace / case.tree)
    report = _report(_dataset(Path("data")), case.args)
    dumped = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    assert dumped == case.path.read_text(encoding="utf-8")


def test_a_page_says_the_day_it_was_made_and_source_date_epoch_sets_it(workspace: Path) -> None:
    """The golden pages hold a fixed day; without SOURCE_DATE_EPOCH a page says today (a golden file that said
    the day it was written failed CI the day after)."""
    _, pinned, _ = waw(workspace / "minimal", "status", "--format", "html")
    assert "gemaakt op 2026-01-01 met waw" in pinned
    _, today, _ = waw(workspace / "minimal", "status", "--format", "html", env={"SOURCE_DATE_EPOCH": ""})
    assert f"gemaakt op {dt.date.today().isoformat()} met waw" in today
