"""The `waw` command: options in, exit code out.

Every command is load -> check -> build report -> render; nothing here computes.
Exit codes: 0 fine, 1 a check found problems, 2 the input or the command line
could not be used (a year or quarter without data included).
"""

from __future__ import annotations

import gc
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer
from typer.core import TyperGroup

from .issues import Issue, format_issue, sort_issues

if TYPE_CHECKING:  # imported where used, so `waw --help` stays fast
    from pydantic import BaseModel
    from rich.console import Console

    from .loader import Dataset
    from .monitor import Quarter
    from .monitor_reports import StatusReport
    from .reports import BudgetReport, ProjectOverview
    from .table import Table

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

GLOBAL_OPTIONS = ("--data",)  # options of `waw` itself, accepted before or after the subcommand


class GlobalOptionsAnywhere(TyperGroup):
    """`waw budget --year 2024 --data other/` works like `waw --data other/ budget --year 2024`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        moved: list[str] = []
        kept: list[str] = []
        index = 0
        while index < len(args):
            arg = args[index]
            if arg == "--":
                kept.extend(args[index:])
                break
            if arg.split("=", 1)[0] in GLOBAL_OPTIONS:
                width = 1 if "=" in arg else 2  # `--data=x` or `--data x`
                moved.extend(args[index : index + width])
                index += width
                continue
            kept.append(arg)
            index += 1
        return super().parse_args(ctx, moved + kept)


HELP = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    cls=GlobalOptionsAnywhere,
    help="Budget and monitoring toolkit for Werken aan Werk and Perspectief op Werk (Regio Gooi en Vechtstreek).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=HELP,
)


class Format(StrEnum):
    """What `budget` and `status` write: their tables are flat enough for CSV."""

    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    html = "html"


class ReportFormat(StrEnum):
    """What the reports of sections and verdicts write: no CSV, their tables differ in columns."""

    table = "table"
    markdown = "markdown"
    json = "json"
    html = "html"


class ListFormat(StrEnum):
    """What `validate` writes: a list of problems, as lines or as JSON."""

    table = "table"
    json = "json"


class State:
    data: Path = Path("data")
    whole_process = False  # True when `waw` runs as its own process, not inside a test or another program


def run() -> None:
    """The `waw` entry point. A closed pipe (`waw report | head -1`) ends it quietly, as it ends `cat`: by
    SIGPIPE, exit status 141 in the shell; click would print nothing but exit 1, which reads as findings."""
    import signal

    State.whole_process = True
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()


def _keep(dataset: Dataset) -> Dataset:
    """A loaded dataset lives until the process ends: out of the cyclic collector's sight, it is not rescanned
    during the checks and at exit (about 12% of the time at 350 regions). Only in a process of our own."""
    if State.whole_process:
        gc.freeze()
    return dataset


DataOption = Annotated[
    Path,
    typer.Option("--data", envvar="WAW_DATA", help="The data directory (programmes.yaml, projects/, decisions/)."),
]
YearOption = Annotated[int | None, typer.Option("--year", min=2000, max=2100, help="Only this year.")]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"waw {version('wawtool')}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    data: DataOption = Path("data"),
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Budget and monitoring toolkit for Werken aan Werk and Perspectief op Werk (Regio Gooi en Vechtstreek).

    Global options (--data) go before or after the command. Exit codes: 0 fine, 1 a check found problems,
    2 the input or the command line could not be used, a year or quarter without data included.
    """
    State.data = data


def _load_checked() -> Dataset:
    """The validated Dataset, or exit 2 with every problem in every file."""
    dataset, issues = _validated()
    if issues or dataset is None:
        _report_issues(issues, sys.stderr)
        raise typer.Exit(EXIT_UNUSABLE)
    return _keep(dataset)


def _validated() -> tuple[Dataset | None, list[Issue]]:
    """Load and check the data, or take it from the cache of a whole `waw` process (see datacache)."""
    from . import datacache

    snap = datacache.snapshot(State.data) if State.whole_process else None
    cached = datacache.load(snap) if snap is not None else None
    if cached is not None:
        return cached, []
    from .checks import validate_data, validate_loaded
    from .loader import load_tree

    if snap is None:
        return validate_data(State.data)
    dataset, issues = validate_loaded(load_tree(State.data, snap.names, snap.contents.__getitem__))
    if dataset is not None and not issues:
        datacache.store(dataset, snap)
    return dataset, issues


def _report_issues(issues: list[Issue], stream: TextIO) -> None:
    for issue in sort_issues(issues):
        print(format_issue(issue), file=stream)
    print(f"{len(issues)} problem(s) found; nothing was changed.", file=stream)


def output_width() -> int:
    """COLUMNS when set, else the terminal's width, else 80 (output to a pipe or a file): documented in README."""
    import os
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def _console() -> Console:
    from rich.console import Console

    return Console(width=output_width(), highlight=False, soft_wrap=False)


def _colour() -> bool:
    """Colour for a terminal, or when FORCE_COLOR asks; rich is loaded only then (NO_COLOR is rich's to honour)."""
    import os

    return bool(os.environ.get("FORCE_COLOR")) or (sys.stdout.isatty() and os.environ.get("TERM") != "dumb")


def _emit(report: BaseModel, tables: list[Table], fmt: StrEnum, summary: str, failed: bool, heading: str = "") -> None:
    if fmt == "json":
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        from .render.text import markdown

        typer.echo(markdown(tables, summary), nl=False)
    elif fmt == "csv":
        from .render.text import to_csv

        typer.echo(to_csv(tables), nl=False)
    elif fmt == "html":
        from .gitdata import data_version
        from .render.charts import charts_for
        from .render.html import page

        title = heading or (tables[0].title if tables else "waw")
        version = data_version(State.data)
        typer.echo(
            page(title, tables, summary, failed, str(State.data), charts=charts_for(report), data_version=version),
            nl=False,
        )
    else:
        from .render.terminal import plain, print_segments, segments, wrap

        width = output_width()
        parts = ([(wrap(heading, width) + "\n\n", "bold")] if heading else []) + segments(
            tables, summary, failed, width
        )
        if _colour():
            print_segments(_console(), parts)
        else:
            sys.stdout.write(plain(parts))


def _usage(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(EXIT_UNUSABLE)


@app.command()
def validate(
    fmt: Annotated[ListFormat, typer.Option("--format", help="Lines (table) or JSON.")] = ListFormat.table,
) -> None:
    """Check every data file and report every problem at once as path:line: CODE message."""
    dataset, issues = _validated()
    if dataset is not None:
        _keep(dataset)
    if fmt is ListFormat.json:
        typer.echo(json.dumps([_issue_json(i) for i in sort_issues(issues)], ensure_ascii=False, indent=2))
    elif issues:
        _report_issues(issues, sys.stdout)
    elif dataset is not None:
        typer.echo(
            f"{State.data}: {len(dataset.projects)} projects, {len(dataset.decisions)} decisions, "
            f"{len(dataset.results)} quarters of results: no problems found."
        )
    raise typer.Exit(EXIT_UNUSABLE if issues else EXIT_OK)


def _issue_json(issue: Issue) -> dict[str, object]:
    return {
        "code": issue.code,
        "severity": issue.severity.value,
        "path": issue.path,
        "line": issue.line,
        "message": issue.message,
    }


@app.command("check-budget")
def check_budget(
    year: YearOption = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="How to write it.")] = ReportFormat.table,
) -> None:
    """Check stated totals, the neutrality of every reallocation, each year's fit and conditional reservations."""
    dataset = _load_checked()
    from .budget import budget_years
    from .reports import build_check_budget_report

    if year is not None and year not in budget_years(dataset):
        _no_budget(dataset, year)
    report = build_check_budget_report(dataset, year)
    from .render.budget_tables import check_budget_summary, check_budget_tables

    tables = check_budget_tables(report)
    summary = check_budget_summary(report)
    _emit(report, tables, fmt, summary, not report.passed)
    raise typer.Exit(EXIT_OK if report.passed else EXIT_FINDINGS)


@app.command("decision")
def decision_command(
    decision_id: Annotated[str, typer.Argument(metavar="ID", help="The decision's id, e.g. bijstelling-2020.")],
    fmt: Annotated[ReportFormat, typer.Option("--format", help="How to write it.")] = ReportFormat.table,
) -> None:
    """One decision as a collegevoorstel's financial paragraph: what stops, is released and funded, was/wordt per
    line and year, the effect on each year's total and headroom, the conditions and the verdict."""
    dataset = _load_checked()
    decision = dataset.decision(decision_id)
    if decision is None:
        known = ", ".join(d.model.id for d in dataset.decisions) or "none"
        _usage(f"no decision '{decision_id}' in {State.data}/decisions (known: {known})")
    from .budget import Verdict
    from .decision_report import build_decision_report
    from .render.budget_tables import decision_summary, decision_tables

    report = build_decision_report(dataset, decision)
    failed = report.verdict is Verdict.FAIL
    _emit(report, decision_tables(report), fmt, decision_summary(report), failed)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("show")
def show(
    project_id: Annotated[str, typer.Argument(metavar="PROJECT", help="The project's id, e.g. zorgstart.")],
    fmt: Annotated[ReportFormat, typer.Option("--format", help="How to write it.")] = ReportFormat.table,
) -> None:
    """One project's whole life: period and extensions, status, budget lines with their decisions, targets,
    the results of every quarter with their lights, what the monitors said in words, and realised spending."""
    dataset = _load_checked()
    project = dataset.project(project_id)
    if project is None:
        import difflib

        ids = sorted(p.model.id for p in dataset.projects)
        close = difflib.get_close_matches(project_id, ids, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        _usage(f"no project '{project_id}' in {State.data}/projects{hint}")
    from .project_report import build_project_report
    from .render.project_tables import project_tables

    report = build_project_report(dataset, project)
    heading = "" if fmt is ReportFormat.markdown else f"{report.name} ({report.id})"
    _emit(report, project_tables(report), fmt, "", False, heading=heading)


new_app = typer.Typer(
    help="Write a valid, commented skeleton of a new data file.", no_args_is_help=True, context_settings=HELP
)
app.add_typer(new_app, name="new")
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="Lower case, digits and hyphens: the file name.")]


@new_app.command("project")
def new_project(
    project_id: IdArgument,
    name: Annotated[str, typer.Option("--name", help="The project's name as the documents write it.")],
    programme: Annotated[str, typer.Option("--programme", help="waw or pow.")] = "waw",
    category: Annotated[str | None, typer.Option("--category", help="A monitor category id.")] = None,
) -> None:
    """Write data/projects/ID.yaml: a project skeleton that validates, with comments on every field."""
    import datetime as dt

    from .skeletons import project_yaml

    dataset = _load_checked()
    assert dataset.programmes is not None
    _valid_id(project_id)
    _known_or_usage("--programme", programme, [p.id for p in dataset.programmes.model.programmes])
    _known_or_usage("--category", category, [c.id for c in dataset.programmes.model.categories])
    if dataset.project(project_id) is not None:
        _usage(f"a project '{project_id}' exists already")
    text = project_yaml(project_id, name.replace('"', "'"), programme, category, dt.date.today())
    _write_new(State.data / "projects" / f"{project_id}.yaml", text)


@new_app.command("decision")
def new_decision(
    decision_id: IdArgument,
    reference: Annotated[str, typer.Option("--reference", help="The kenmerk, e.g. 24.0001234.")],
    title: Annotated[str, typer.Option("--title", help="The proposal's title.")],
) -> None:
    """Write data/decisions/ID.yaml: a decision skeleton that validates, with moves explained in comments."""
    import datetime as dt

    from .skeletons import decision_yaml

    dataset = _load_checked()
    _valid_id(decision_id)
    if dataset.decision(decision_id) is not None:
        _usage(f"a decision '{decision_id}' exists already")
    text = decision_yaml(decision_id, reference.replace('"', "'"), title.replace('"', "'"), dt.date.today())
    _write_new(State.data / "decisions" / f"{decision_id}.yaml", text)


def _valid_id(value: str) -> None:
    import re

    from .models import ID_PATTERN

    if not re.match(ID_PATTERN, value):
        _usage(f"'{value}' is not an id: use lower case letters, digits and hyphens")


def _write_new(path: Path, text: str) -> None:
    _write(path, text.encode("utf-8"), overwrite=False, make_parent=True)
    typer.echo(f"Wrote {path}; fill in the sources and figures, then run: waw validate")


@app.command("budget")
def budget_command(
    year: Annotated[int, typer.Option("--year", min=2000, max=2100, help="The begroting year.")],
    fmt: Annotated[Format, typer.Option("--format", help="How to write it.")] = Format.table,
) -> None:
    """The begroting of a year grouped like Tabel 1: every line, the total, the money available and the headroom."""
    dataset = _load_checked()
    from .render.budget_tables import budget_tables
    from .reports import build_budget_report

    report = build_budget_report(dataset, year)
    if not report.groups:
        _no_budget(dataset, year)
    _emit(report, budget_tables(report), fmt, "", False)


def _no_budget(dataset: Dataset, year: int) -> NoReturn:
    from .budget import budget_years

    years = ", ".join(str(y) for y in budget_years(dataset)) or "none"
    typer.echo(f"Error: no budget lines for {year} in {State.data} (there are for: {years})", err=True)
    raise typer.Exit(EXIT_UNUSABLE)


QuarterOption = Annotated[str, typer.Option("--quarter", help="A quarter: Q3-2021 or 2021-Q3.")]


def _quarter(text: str) -> Quarter:
    from .monitor import Quarter

    try:
        return Quarter.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--quarter'") from None


def _quarter_or_latest(dataset: Dataset, chosen: Quarter | None) -> Quarter:
    """The quarter asked for, or else the latest with results; exit 1 when there are none."""
    from .monitor_reports import quarters_with_data

    if chosen is not None:
        return chosen
    quarters = quarters_with_data(dataset)
    if not quarters:
        _no_data(dataset, "any quarter")
    return quarters[-1]


def _category_names(dataset: Dataset) -> dict[str | None, str]:
    assert dataset.programmes is not None
    return {c.id: c.name for c in dataset.programmes.model.categories}


def _write(path: Path, content: bytes, *, overwrite: bool = True, make_parent: bool = False) -> None:
    """Write atomically, or exit 2 with one line saying why it could not be written."""
    from .files import WriteError, make_directory, write_atomic

    try:
        if make_parent:
            make_directory(path.parent)
        write_atomic(path, content, overwrite=overwrite)
    except WriteError as exc:
        _usage(str(exc))


def _no_data(dataset: Dataset, quarter_label: str) -> NoReturn:
    from .monitor_reports import quarters_with_data

    available = ", ".join(q.label for q in quarters_with_data(dataset)) or "none"
    typer.echo(f"Error: no results for {quarter_label} in {State.data} (there are for: {available})", err=True)
    raise typer.Exit(EXIT_UNUSABLE)


@app.command()
def status(
    quarter: Annotated[
        str | None, typer.Option("--quarter", help="A quarter: Q3-2021 or 2021-Q3; default the latest with data.")
    ] = None,
    programme: Annotated[str | None, typer.Option("--programme", help="Only this programme: waw or pow.")] = None,
    category: Annotated[str | None, typer.Option("--category", help="Only this monitor category id.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="How to write it.")] = Format.table,
) -> None:
    """Where every project stands in a quarter: target, result, share of the pro-rata target and light."""
    chosen = _quarter(quarter) if quarter else None
    dataset = _load_checked()
    from .monitor_reports import build_status_report
    from .render.monitor_tables import status_tables

    assert dataset.programmes is not None
    _known_or_usage("--programme", programme, [p.id for p in dataset.programmes.model.programmes])
    _known_or_usage("--category", category, [c.id for c in dataset.programmes.model.categories])
    chosen = _quarter_or_latest(dataset, chosen)
    report = build_status_report(dataset, chosen, programme, category)
    if report is None:
        _no_data(dataset, chosen.label)
    _emit(report, status_tables(report, _category_names(dataset)), fmt, "", False)


def _known_or_usage(option: str, value: str | None, known: list[str]) -> None:
    if value is not None and value not in known:
        _usage(f"{option} '{value}' is not one of: {', '.join(known)}")


@app.command()
def report(
    quarter: QuarterOption,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="How to write it.")] = ReportFormat.table,
) -> None:
    """The monitor of a quarter: headline figures, then every category with its projects, figures and lights."""
    chosen = _quarter(quarter)
    dataset = _load_checked()
    from .monitor_reports import build_monitor_report
    from .render.monitor_tables import monitor_tables

    monitor = build_monitor_report(dataset, chosen)
    if monitor is None:
        _no_data(dataset, chosen.label)
    title = f"{monitor.title} ({monitor.quarter}, stand t/m {monitor.as_of})"
    if fmt is ReportFormat.markdown:
        typer.echo(f"## {title}\n")
    _emit(monitor, monitor_tables(monitor), fmt, "", False, heading="" if fmt is ReportFormat.markdown else title)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).")],
    year: YearOption = None,
    quarter: Annotated[str | None, typer.Option("--quarter", help="The monitor quarter; default the latest.")] = None,
) -> None:
    """One workbook: the begroting of a year, the monitor of a quarter and all projects, for Excel users."""
    if output.suffix.lower() != ".xlsx":
        _usage(f"{output} must end in .xlsx")
    chosen = _quarter(quarter) if quarter else None
    dataset = _load_checked()
    from .files import inside
    from .monitor_reports import build_status_report
    from .reports import build_budget_report, build_projects_overview

    if inside(output, State.data):
        _usage(f"{output} is inside the data directory; waw export never writes there")
    assert dataset.programmes is not None
    overview = build_projects_overview(dataset)
    years = [a.year for a in dataset.programmes.model.available] or overview[1]
    budget_year = year if year is not None else max(years)
    chosen = _quarter_or_latest(dataset, chosen)
    status_report = build_status_report(dataset, chosen)
    if status_report is None:
        _no_data(dataset, chosen.label)
    budget_report = build_budget_report(dataset, budget_year)
    if not budget_report.groups:
        _no_budget(dataset, budget_year)
    _write_workbook(output, budget_report, status_report, _category_names(dataset), overview)
    typer.echo(f"{output}: begroting {budget_year}, monitor {chosen.label}, {len(dataset.projects)} projecten.")


def _write_workbook(
    output: Path,
    budget_report: BudgetReport,
    status_report: StatusReport,
    names: dict[str | None, str],
    overview: tuple[list[ProjectOverview], list[int]],
) -> None:
    import datetime as dt

    from .render import xlsx

    rows, years = overview
    content = xlsx.workbook_bytes(
        [
            ("begroting", lambda ws: xlsx.budget_sheet(ws, budget_report)),
            ("monitor", lambda ws: xlsx.monitor_sheet(ws, status_report, names)),
            ("grafiek", lambda ws: xlsx.chart_sheet(ws, status_report, names)),
            ("projecten", lambda ws: xlsx.projects_sheet(ws, [r.model_dump() for r in rows], years)),
        ]
        + (
            [("realisatie", lambda ws: xlsx.realisatie_sheet(ws, budget_report.realisatie))]
            if budget_report.realisatie is not None
            else []
        ),
        title=(
            f"Werken aan Werk en Perspectief op Werk: begroting {budget_report.year}, monitor {status_report.quarter}"
        ),
        created=dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
    )
    _write(output, content)


template_app = typer.Typer(help="Write templates for partners to fill in.", no_args_is_help=True, context_settings=HELP)
app.add_typer(template_app, name="template")


@template_app.command("results")
def template_results(
    quarter: QuarterOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="The template to write (.xlsx).")],
) -> None:
    """A workbook listing the running projects with their indicators and empty result cells."""
    chosen = _quarter(quarter)
    if output.suffix.lower() != ".xlsx":
        _usage(f"{output} must end in .xlsx")
    dataset = _load_checked()
    from .files import inside
    from .results_io import build_template, running_projects, template_rows

    if inside(output, State.data):
        _usage(f"{output} is inside the data directory; templates go elsewhere")
    rows = template_rows(dataset, chosen)
    if not rows:
        _usage(f"no project with an open target runs in {chosen.label}; there is nothing to fill in")
    assert dataset.programmes is not None
    indicators = [(i.id, i.name, i.unit.value) for i in dataset.programmes.model.indicators]
    projects = [(p.id, p.name) for p in running_projects(dataset, chosen)]
    _write(output, build_template(rows, chosen, indicators, projects))
    typer.echo(
        f"{output}: {len(rows)} regels voor {chosen.label}, {len(indicators)} kerncijfers, "
        f"{len(projects)} projecten voor een toelichting in woorden."
    )


def _readable(path: Path, what: str) -> None:
    """An input file that is there and is a file, or exit 2 saying which of the two it is not."""
    if not path.exists():
        _usage(f"cannot read {path}: no such file")
    if not path.is_file():
        _usage(f"cannot read {path}: it is a directory or special file, not {what}")


def _refuse_input(problems: list[str]) -> NoReturn:
    for problem in problems:
        typer.echo(problem, err=True)
    typer.echo(f"{len(problems)} problem(s) found; nothing was written.", err=True)
    raise typer.Exit(EXIT_UNUSABLE)


@app.command("import-results")
def import_results(
    workbook: Annotated[Path, typer.Argument(help="A filled-in results template (.xlsx).")],
    quarter: QuarterOption,
    force: Annotated[bool, typer.Option("--force", help="Replace the quarter's existing results file.")] = False,
) -> None:
    """Check every cell of a filled-in template and write data/results/<quarter>.yaml atomically."""
    chosen = _quarter(quarter)
    dataset = _load_checked()
    from .files import inside
    from .results_io import read_filled

    _readable(workbook, "a workbook")
    target = State.data / "results" / f"{chosen.id}.yaml"
    if target.exists() and not force:
        _usage(f"{target} exists; use --force to replace it")
    imported, problems = read_filled(workbook, dataset, chosen)
    if imported is None:
        _refuse_input([problem.format(workbook.name) for problem in problems])
    if not inside(target, State.data):
        _usage(f"{target} is outside the data directory")
    _write(target, imported.text.encode("utf-8"), make_parent=True)
    typer.echo(
        f"{target}: {imported.results} resultaten, {imported.headline} kerncijfers en {imported.qualitative} "
        f"toelichtingen in woorden voor {chosen.label}."
    )


@app.command("import-realisatie")
def import_realisatie(
    export_file: Annotated[
        Path, typer.Argument(metavar="FILE", help="An export of the administration (.xlsx or .csv).")
    ],
    year: Annotated[int, typer.Option("--year", min=2000, max=2100, help="The year the export covers.")],
    final: Annotated[bool, typer.Option("--final", help="The year-end account: the year is closed.")] = False,
    source: Annotated[
        str | None, typer.Option("--source", help="What the export is, e.g. 'Grootboek WAW 2024-09-30'.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a year whose realisatie is final.")] = False,
) -> None:
    """Check every row of an export against data/realisatie/mapping.yaml and write data/realisatie/<year>.yaml."""
    import datetime as dt

    if export_file.suffix.lower() not in {".xlsx", ".csv"}:
        _usage(f"{export_file} must end in .xlsx or .csv")
    _readable(export_file, "an export")
    dataset = _load_checked()
    from .models import RealisatieStatus
    from .realisatie import realisatie_file
    from .realisatie_io import read_export, realisatie_yaml

    existing = realisatie_file(dataset, year)
    target = State.data / "realisatie" / f"{year}.yaml"
    if existing is not None and existing.status is RealisatieStatus.FINAL and not force:
        _usage(f"{target} holds the final realisatie of {year}; use --force to replace it")
    export, problems = read_export(export_file, dataset)
    if export is None:
        _refuse_input([problem.format(export_file.name) for problem in problems])
    status = RealisatieStatus.FINAL if final else RealisatieStatus.PROVISIONAL
    what = source or f"Export {export_file.name} uit de financiële administratie, ingelezen op {dt.date.today()}"
    text = realisatie_yaml(year, status, what, export.entries, existing)
    _write(target, text.encode("utf-8"), make_parent=True)
    from .fmt import euro

    label = "definitief" if final else "voorlopig"
    typer.echo(
        f"{target}: {export.rows} boekingen op {len(export.entries)} regels, samen {euro(export.total)} ({label})."
    )


@app.command()
def site(
    output: Annotated[Path, typer.Option("--output", "-o", help="The directory to write the site to.")],
) -> None:
    """The whole dataset as a static site: a start page, a page per year's begroting, per quarter's monitor,
    per project and per decision, all cross-linked; written to a temporary directory, then renamed."""
    dataset = _load_checked()
    from .files import WriteError, inside, write_tree
    from .site import pages

    if inside(output, State.data):
        _usage(f"{output} is inside the data directory; waw site never writes there")
    site_pages = pages(dataset)
    try:
        write_tree(
            output,
            {name: text.encode("utf-8") for name, text in site_pages.items()},
            kind="site",
            protected=[State.data],
        )
    except WriteError as exc:
        _usage(str(exc))
    typer.echo(f"{output}: {len(site_pages)} pagina's; begin bij {output / 'index.html'}")


@app.command()
def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="The directory to write the schemas to.")],
) -> None:
    """Write the JSON Schema of each kind of data file, for editors (yaml-language-server) and CI."""
    from .files import WriteError, make_directory
    from .schema import schema_files

    try:
        make_directory(output)
    except WriteError as exc:
        _usage(str(exc))
    for name, text in schema_files().items():
        _write(output / name, text.encode("utf-8"))
        typer.echo(str(output / name))


@app.command()
def diff(
    base: Annotated[str, typer.Argument(help="The git revision to compare from, e.g. main or HEAD~1.")],
    head: Annotated[str | None, typer.Argument(help="The revision to compare to; default the work tree.")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="How to write it.")] = ReportFormat.table,
) -> None:
    """What a change to the data moves: per project, the euro delta per year, and neutrality; read from git."""
    from .diff import build_diff_report
    from .render.diff_tables import diff_summary, diff_tables

    old = _dataset_at(base)
    new = _dataset_at(head) if head else _load_checked()
    report = build_diff_report(old, new, base, head or "werkmap")
    _emit(report, diff_tables(report), fmt, diff_summary(report), not report.still_neutral)


def _dataset_at(revision: str) -> Dataset:
    """The validated data at a git revision, or exit 2 with why it cannot be used."""
    from .checks import validate_loaded
    from .gitdata import RevisionError, RevisionTree
    from .loader import load_tree

    try:
        tree = RevisionTree(State.data, revision)
    except RevisionError as exc:
        _usage(str(exc))
    dataset, issues = validate_loaded(load_tree(State.data, tree.names, tree.read))
    if issues or dataset is None:
        typer.echo(f"The data at {revision} does not validate:", err=True)
        _report_issues(issues, sys.stderr)
        raise typer.Exit(EXIT_UNUSABLE)
    return _keep(dataset)
