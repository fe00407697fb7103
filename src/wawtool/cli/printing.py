"""The commands that print a report: each loads the checked dataset, builds its report, lays it out and
emits it in the format asked for; the exit code says whether its checks passed."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from .app import Invocation, app
from .inputs import (
    category_names,
    checked_data,
    checked_dataset,
    dataset_at,
    keep,
    known_or_usage,
    no_budget,
    no_results,
    parse_quarter,
    quarter_or_latest,
    year_span,
)
from .options import (
    BudgetYearOption,
    CategoryOption,
    CsvDialectOption,
    CsvOutput,
    CsvTableOption,
    Format,
    FormatOption,
    LatestQuarterOption,
    ListFormat,
    ListFormatOption,
    ProgrammeOption,
    ReportFormat,
    ReportFormatOption,
    StrictOption,
    ThousandsOption,
    YearOption,
    YearsOption,
)
from .output import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    CsvRequest,
    emit,
    issue_json,
    report_findings,
    report_issues,
    scaled,
    usage,
    with_findings,
)


@app.command(short_help="Check every data file; report every problem at once.")
def validate(ctx: typer.Context, fmt: ListFormatOption = ListFormat.table) -> None:
    """Check every data file and report every problem at once as path:line: CODE message.

    Exit 2 when a problem makes the data unusable, 1 when the only problems are findings (a published figure
    changed without a correction), 0 when there are none."""
    from ..issues import errors, sort_issues
    from ..validation import validate_data

    invocation: Invocation = ctx.obj
    dataset, issues = validate_data(invocation.data, cached=invocation.whole_process)
    if dataset is not None:
        keep(dataset, invocation)
    if fmt is ListFormat.json:
        typer.echo(json.dumps([issue_json(i) for i in sort_issues(issues)], ensure_ascii=False, indent=2))
    elif errors(issues):
        report_issues(issues, sys.stdout)
    elif issues:
        report_findings(issues, sys.stdout)
    elif dataset is not None:
        typer.echo(
            f"{invocation.data}: {len(dataset.projects)} projects, {len(dataset.decisions)} decisions, "
            f"{len(dataset.results)} quarters of results: no problems found."
        )
    raise typer.Exit(EXIT_UNUSABLE if errors(issues) else EXIT_FINDINGS if issues else EXIT_OK)


@app.command("check-budget", short_help="Totals, neutrality, moves and funds: the verdicts.")
def check_budget(
    ctx: typer.Context,
    year: YearOption = None,
    fmt: ReportFormatOption = ReportFormat.table,
    strict: StrictOption = False,
    thousands: ThousandsOption = False,
) -> None:
    """Check stated totals, the neutrality of every reallocation, each year's fit and conditional reservations.

    Every check says voldoet, voldoet niet or niet toetsbaar; exit 1 when one voldoet niet (with --strict also
    when one is niet toetsbaar)."""
    from ..budget import budget_years
    from ..layout.check_budget import check_budget_summary, check_budget_tables
    from ..reports.check_budget import build_check_budget_report

    invocation: Invocation = ctx.obj
    dataset, findings = checked_data(invocation)
    if year is not None and year not in budget_years(dataset):
        no_budget(dataset, year, invocation.data)
    report = build_check_budget_report(dataset, year)
    tables = scaled(check_budget_tables(report), thousands)
    failed = not report.passed or (strict and bool(report.undecided)) or bool(findings)
    emit(report, tables, fmt, with_findings(check_budget_summary(report), findings), failed, invocation.data)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("decision", short_help="One decision: status, was/wordt, effect, dekking.")
def decision_command(
    ctx: typer.Context,
    decision_id: Annotated[
        str, typer.Argument(metavar="ID", help="The decision's id or kenmerk, e.g. bijstelling-2020 or 20.0006972.")
    ],
    fmt: ReportFormatOption = ReportFormat.table,
    thousands: ThousandsOption = False,
) -> None:
    """One decision as a collegevoorstel's financial paragraph: what stops, is released and funded, was/wordt per
    line and year, the effect on each year's total and headroom, the conditions and the verdict."""
    from ..decisions import find as find_decision
    from ..layout.decision import decision_summary, decision_tables
    from ..reports.decision import build_decision_report
    from ..values import Verdict

    invocation: Invocation = ctx.obj
    dataset = checked_dataset(invocation)
    decision = find_decision(dataset, decision_id)
    if decision is None:
        known = ", ".join(f"{d.model.id} ({d.model.reference})" for d in dataset.decisions) or "none"
        usage(f"no decision '{decision_id}' in {invocation.data}/decisions (known: {known})")
    report = build_decision_report(dataset, decision)
    failed = report.verdict is Verdict.FAIL
    emit(report, scaled(decision_tables(report), thousands), fmt, decision_summary(report), failed, invocation.data)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("show", short_help="One project: period, status, budget, results.")
def show(
    ctx: typer.Context,
    project_id: Annotated[str, typer.Argument(metavar="PROJECT", help="The project's id, e.g. zorgstart.")],
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """One project's whole life: period and extensions, status, budget lines with their decisions, targets,
    the results of every quarter with their lights, what the monitors said in words, and realised spending."""
    from ..layout.project import project_tables
    from ..reports.project import build_project_report

    invocation: Invocation = ctx.obj
    dataset = checked_dataset(invocation)
    project = dataset.project(project_id)
    if project is None:
        import difflib

        ids = sorted(p.model.id for p in dataset.projects)
        close = difflib.get_close_matches(project_id, ids, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        usage(f"no project '{project_id}' in {invocation.data}/projects{hint}")
    report = build_project_report(dataset, project)
    heading = f"{report.name} ({report.id})"
    emit(report, project_tables(report), fmt, "", False, invocation.data, heading=heading)


@app.command("budget", short_help="A year's begroting like Tabel 1, or the years ahead.")
def budget_command(
    ctx: typer.Context,
    year: BudgetYearOption = None,
    years: YearsOption = None,
    fmt: FormatOption = Format.table,
    dialect: CsvDialectOption = None,
    table: CsvTableOption = None,
    output: CsvOutput = None,
    thousands: ThousandsOption = False,
) -> None:
    """The begroting of a year grouped like Tabel 1: every line, the total, the money available and the headroom.
    With --years, the years ahead: per year verplicht and voorwaardelijk, per fund its balance carried from year
    to year, and the year a fund runs out (or onbekend, with what is missing)."""
    from ..layout.budget import budget_tables
    from ..reports.budget import build_budget_report

    invocation: Invocation = ctx.obj
    if (year is None) == (years is None):
        usage("give --year (one begroting) or --years (the years ahead, e.g. 2024-2027)")
    dataset = checked_dataset(invocation)
    if years is not None:
        from ..layout.planning import planning_tables
        from ..reports.budget import build_planning_report

        first, last = year_span(years)
        planning = build_planning_report(dataset, first, last)
        tables = scaled(planning_tables(planning), thousands)
        emit(planning, tables, fmt, "", False, invocation.data, csv=CsvRequest(dialect, table, output))
        return
    assert year is not None
    report = build_budget_report(dataset, year)
    if not report.groups:
        no_budget(dataset, year, invocation.data)
    tables = scaled(budget_tables(report), thousands)
    emit(report, tables, fmt, "", False, invocation.data, csv=CsvRequest(dialect, table, output))


@app.command("funds", short_help="Every fund's ledger and each draw on it.")
def funds_command(
    ctx: typer.Context,
    fund: Annotated[
        str | None, typer.Option("--fund", help="One fund: a funding source's id, or a bijstelling's id.")
    ] = None,
    fmt: ReportFormatOption = ReportFormat.table,
    thousands: ThousandsOption = False,
) -> None:
    """The ledger of every fund: opening balance, what flows in and is drawn, in the order of the decisions,
    and each move from a fund against its balance. Exit 1 when a move draws more than a known balance."""
    from ..layout.funds import funds_summary, funds_tables
    from ..reports.funds import build_funds_report
    from ..values import Verdict

    invocation: Invocation = ctx.obj
    dataset = checked_dataset(invocation)
    report = build_funds_report(dataset, fund)
    if fund is not None and not report.ledgers:
        usage(f"no fund '{fund}' that anything draws on or flows into in {invocation.data}")
    failed = any(w.verdict == Verdict.FAIL for f in report.ledgers for w in f.withdrawals)
    emit(report, scaled(funds_tables(report), thousands), fmt, funds_summary(report), failed, invocation.data)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command(short_help="Every project in a quarter: target, result, light.")
def status(
    ctx: typer.Context,
    quarter: LatestQuarterOption = None,
    programme: ProgrammeOption = None,
    category: CategoryOption = None,
    fmt: FormatOption = Format.table,
    dialect: CsvDialectOption = None,
    table: CsvTableOption = None,
    output: CsvOutput = None,
) -> None:
    """Where every project stands in a quarter: target, result, share of the pro-rata target and light."""
    from ..layout.monitor import status_tables
    from ..reports.status import build_status_report

    invocation: Invocation = ctx.obj
    chosen = parse_quarter(quarter) if quarter else None
    dataset = checked_dataset(invocation)
    assert dataset.programmes is not None
    known_or_usage("--programme", programme, [p.id for p in dataset.programmes.model.programmes])
    known_or_usage("--category", category, [c.id for c in dataset.programmes.model.categories])
    chosen = quarter_or_latest(dataset, chosen, invocation.data)
    report = build_status_report(dataset, chosen, programme, category)
    if report is None:
        no_results(dataset, chosen.label, invocation.data)
    tables = status_tables(report, category_names(dataset))
    emit(report, tables, fmt, "", False, invocation.data, csv=CsvRequest(dialect, table, output))


@app.command(short_help="The monitor of a quarter, ready for the document.")
def report(
    ctx: typer.Context, quarter: LatestQuarterOption = None, fmt: ReportFormatOption = ReportFormat.table
) -> None:
    """The monitor of a quarter (default the latest with data, as status): headline figures, then every
    category with its projects, figures and lights."""
    from ..layout.monitor import monitor_tables
    from ..reports.monitor import build_monitor_report

    invocation: Invocation = ctx.obj
    asked = parse_quarter(quarter) if quarter else None
    dataset = checked_dataset(invocation)
    chosen = quarter_or_latest(dataset, asked, invocation.data)
    monitor = build_monitor_report(dataset, chosen)
    if monitor is None:
        no_results(dataset, chosen.label, invocation.data)
    title = f"{monitor.title} ({monitor.quarter}, stand t/m {monitor.as_of})"
    emit(monitor, monitor_tables(monitor), fmt, "", False, invocation.data, heading=title)


@app.command(short_help="What a change moves, and whether it still holds.")
def diff(
    ctx: typer.Context,
    base: Annotated[str, typer.Argument(help="The git revision to compare from, e.g. main or HEAD~1.")],
    head: Annotated[str | None, typer.Argument(help="The revision to compare to; default the work tree.")] = None,
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """What a change to the data moves: per project, published figure, decision and year, and neutrality; read
    from git. Exit 1 when check-budget on the head finds a failure (a verdict voldoet niet) or a published
    figure changed without a correction."""
    from ..layout.diff import diff_lead, diff_summary, diff_tables
    from ..layout.dutch import sealed_findings
    from ..reports.diff import build_diff_report
    from ..values import Verdict

    invocation: Invocation = ctx.obj
    old, _ = dataset_at(invocation, base)  # what the base got wrong is not this change's finding
    new, findings = dataset_at(invocation, head) if head else checked_data(invocation)
    if head:
        report_findings(findings, sys.stderr)
    report = build_diff_report(old, new, base, head or "werkmap")
    failed = not report.passed or bool(findings)
    verdict, lead_text = diff_lead(report)
    if findings:
        verdict, lead_text = Verdict.FAIL, f"{sealed_findings(len(findings))}; {lead_text}"
    title = f"Wijzigingen {report.base} → {report.head}"
    summary = with_findings(diff_summary(report), findings)
    emit(report, diff_tables(report), fmt, summary, failed, invocation.data, lead=(verdict, lead_text), title=title)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)
