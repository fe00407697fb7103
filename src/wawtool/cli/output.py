"""What a command gives back: a report in the format asked for, problems on stderr, and an exit code.

Exit codes: 0 fine, 1 a check found problems, 2 the input or the command line could not be used (a year or
quarter without data included). The width of terminal output is COLUMNS when set, else the terminal's,
else 80 (a pipe or a file): documented in the README.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

import typer

from ..issues import Issue, format_issue, sort_issues

if TYPE_CHECKING:  # imported where used, so `waw --help` stays fast
    from pydantic import BaseModel
    from rich.console import Console

    from ..layout.table import Table
    from ..values import Verdict

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


@dataclass(frozen=True)
class CsvRequest:
    """What `--csv-dialect`, `--table` and `-o` ask of `--format csv`; None where they are not given."""

    dialect: str | None = None
    table: str | None = None
    output: Path | None = None


def emit(
    report: BaseModel,
    tables: list[Table],
    fmt: StrEnum,
    summary: str,
    failed: bool,
    data: Path,
    heading: str = "",
    lead: tuple[Verdict, str] | None = None,
    title: str = "",
    csv: CsvRequest | None = None,
) -> None:
    """The report in `fmt`: JSON is the report's own dump; every other format renders its tables, under
    `heading` where one is given (a page's title, a markdown `##` heading, a bold first line). `lead` is a
    verdict with its reasons, the first line of markdown and of the terminal (what a pull-request comment
    shows first); `title` names an HTML page whose first table is not what it is about. `csv` holds the CSV
    options of a command that writes CSV: exit 2 when they are given with another format."""
    asked = csv or CsvRequest()
    if fmt != "csv" and asked != CsvRequest():
        given = [o for o, v in (("--csv-dialect", asked.dialect), ("--table", asked.table), ("-o", asked.output)) if v]
        usage(f"{', '.join(given)} only go with --format csv")
    if fmt == "json":
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        from ..render.markdown import lead_line, markdown

        first = lead_line(*lead) + "\n\n" if lead else ""
        typer.echo(first + (f"## {heading}\n\n" if heading else "") + markdown(tables, summary), nl=False)
    elif fmt == "csv":
        _emit_csv(tables, asked, data)
    elif fmt == "html":
        _emit_html(report, tables, summary, failed, data, heading or title)
    else:
        if lead:
            from ..layout.dutch import VERDICT_LABEL

            heading = f"{VERDICT_LABEL[lead[0]]}: {lead[1]}" + (f"\n\n{heading}" if heading else "")
        _emit_terminal(tables, summary, failed, heading)


def scaled(tables: list[Table], thousands: bool) -> list[Table]:
    """The tables in thousands of euros when `--thousands` asks (layout/thousands); JSON is the report's own dump
    and CSV writes the cells' exact amounts, so both stay exact either way."""
    if not thousands:
        return tables
    from ..layout.thousands import in_thousands

    return in_thousands(tables)


def _emit_html(report: BaseModel, tables: list[Table], summary: str, failed: bool, data: Path, heading: str) -> None:
    from ..layout.charts import charts_for
    from ..load.git import data_version
    from ..render.charts import draw
    from ..render.html import page

    title = heading or (tables[0].title if tables else "waw")
    charts = [draw(spec) for spec in charts_for(report)]
    text = page(title, tables, summary, failed, str(data), charts=charts, data_version=data_version(data))
    typer.echo(text, nl=False)


def _emit_csv(tables: list[Table], asked: CsvRequest, data: Path) -> None:
    """One table a file: on stdout the one table of the report or the one `--table` names (a report of several
    is refused, exit 2, rather than a file no spreadsheet reads or a table dropped unseen); with `-o` every table
    (or the one named) as NAME.csv in a directory written whole, which replaces only a directory waw wrote."""
    from ..files import WriteError, inside, write_tree
    from ..render.csv import csv_files, table_name

    names = [table_name(t) for t in tables]
    chosen = [t for t in tables if asked.table in (None, table_name(t))]
    if not chosen:
        usage(f"no table '{asked.table}' in this report; it has: {', '.join(names)}")
    files = csv_files(chosen, asked.dialect or "nl")
    if asked.output is None:
        if len(files) != 1:
            usage(
                f"this report has {len(files)} tables ({', '.join(names)}) and a CSV file holds one: "
                "choose one with --table NAME, or write each to its own file with -o DIRECTORY"
            )
        typer.echo(next(iter(files.values())), nl=False)
        return
    if inside(asked.output, data):
        usage(f"{asked.output} is inside the data directory; waw never writes CSV there")
    try:
        write_tree(asked.output, files, kind="csv", protected=[data])
    except WriteError as exc:
        usage(str(exc))
    typer.echo(f"{asked.output}: {', '.join(files)}")


def _emit_terminal(tables: list[Table], summary: str, failed: bool, heading: str) -> None:
    from ..render.terminal import plain, print_segments, segments, wrap

    width = output_width()
    parts = ([(wrap(heading, width) + "\n\n", "bold")] if heading else []) + segments(tables, summary, failed, width)
    if _colour():
        print_segments(_console(), parts)
    else:
        sys.stdout.write(plain(parts))


UNLIMITED = 100_000  # a pipe or a file with no width asked for: one row per line, so a grep finds the row


def output_width() -> int:
    """COLUMNS when set, else the terminal's width, else no limit (output to a pipe or a file, where a table
    laid out for 80 columns became a list no grep could search): documented in README."""
    import os
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return UNLIMITED


def _console() -> Console:
    from rich.console import Console

    return Console(width=output_width(), highlight=False, soft_wrap=False)


def _colour() -> bool:
    """Colour for a terminal, or when FORCE_COLOR asks; rich is loaded only then (NO_COLOR is rich's to honour)."""
    import os

    return bool(os.environ.get("FORCE_COLOR")) or (sys.stdout.isatty() and os.environ.get("TERM") != "dumb")


def usage(message: str) -> NoReturn:
    """Exit 2 with one line saying why the command could not be used."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(EXIT_UNUSABLE)


def report_issues(issues: list[Issue], stream: TextIO) -> None:
    for issue in sort_issues(issues):
        print(format_issue(issue), file=stream)
    print(f"{len(issues)} problem(s) found; nothing was changed.", file=stream)


def report_findings(findings: list[Issue], stream: TextIO) -> None:
    """Findings on data that can be used: each located, then what they are; the command goes on."""
    if not findings:
        return
    for issue in sort_issues(findings):
        print(format_issue(issue), file=stream)
    print(f"{len(findings)} bevinding(en): gepubliceerde cijfers gewijzigd zonder correctie.", file=stream)


def with_findings(summary: str, findings: list[Issue]) -> str:
    """A check's closing line, and the published figures it found changed without a correction."""
    from ..layout.dutch import sealed_findings

    if not findings:
        return summary
    named = "; ".join(f.message.removesuffix(", zonder correctie (corrections)") for f in findings)
    return f"{summary} {sealed_findings(len(findings))}: {named}."


def issue_json(issue: Issue) -> dict[str, object]:
    return {
        "code": issue.code,
        "severity": issue.severity.value,
        "path": issue.path,
        "line": issue.line,
        "message": issue.message,
    }


def refuse_input(problems: list[str]) -> NoReturn:
    """An input file with problems: every one of them, and exit 2 with nothing written."""
    for problem in problems:
        typer.echo(problem, err=True)
    typer.echo(f"{len(problems)} problem(s) found; nothing was written.", err=True)
    raise typer.Exit(EXIT_UNUSABLE)


def write_file(path: Path, content: bytes, *, overwrite: bool = True, make_parent: bool = False) -> None:
    """Write atomically, or exit 2 with one line saying why it could not be written."""
    from ..files import WriteError, make_directory, write_atomic

    try:
        if make_parent:
            make_directory(path.parent)
        write_atomic(path, content, overwrite=overwrite)
    except WriteError as exc:
        usage(str(exc))


@contextlib.contextmanager
def writing_into(data: Path) -> Iterator[None]:
    """Hold the data directory's write lock for a command that writes into it (see files.data_lock); taken
    before the data is read, so what the command checked is what it writes over. Exit 2 when another waw
    keeps writing."""
    from ..files import WriteError, data_lock

    try:
        with data_lock(data):
            yield
    except WriteError as exc:
        usage(str(exc))


def refuse_to_replace_foreign(path: Path, made_by_waw: Callable[[Path], bool]) -> None:
    """A file that is there already is replaced only when waw wrote it: `-o` at a controller's own workbook
    or a schema of someone else's must not destroy it."""
    if path.is_file() and not made_by_waw(path):
        usage(f"{path} exists and was not written by waw; remove it or choose another name")
