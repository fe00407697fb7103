"""Every option of the command line, defined once: the commands use these types, never an inline option."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


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


class CsvDialect(StrEnum):
    """How `--format csv` writes: for a spreadsheet in Dutch, or the plain RFC 4180 form for programs."""

    nl = "nl"
    rfc4180 = "rfc4180"


class ListFormat(StrEnum):
    """What `validate` writes: a list of problems, as lines or as JSON."""

    table = "table"
    json = "json"


DataOption = Annotated[
    Path,
    typer.Option("--data", envvar="WAW_DATA", help="The data directory (programmes.yaml, projects/, decisions/)."),
]
FormatOption = Annotated[Format, typer.Option("--format", help="How to write it.")]
ReportFormatOption = Annotated[ReportFormat, typer.Option("--format", help="How to write it.")]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="Lines (table) or JSON.")]


def _year(help: str) -> typer.models.OptionInfo:
    return typer.Option("--year", min=2000, max=2100, metavar="YEAR", help=help)


YearOption = Annotated[int | None, _year("Only this year.")]
BudgetYearOption = Annotated[int | None, _year("The begroting year.")]
YearsOption = Annotated[
    str | None,
    typer.Option("--years", metavar="FIRST-LAST", help="The years ahead, e.g. 2024-2027: each fund year to year."),
]
ExportYearOption = Annotated[int, _year("The year the export covers.")]

QuarterOption = Annotated[str, typer.Option("--quarter", help="A quarter: Q3-2021 or 2021-Q3.")]
LatestQuarterOption = Annotated[
    str | None, typer.Option("--quarter", help="A quarter: Q3-2021 or 2021-Q3; default the latest with data.")
]
ExportQuarterOption = Annotated[str | None, typer.Option("--quarter", help="The monitor quarter; default the latest.")]
ProgrammeOption = Annotated[str | None, typer.Option("--programme", help="Only this programme: waw or pow.")]
CategoryOption = Annotated[str | None, typer.Option("--category", help="Only this monitor category id.")]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="Lower case, digits and hyphens: the file name.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the quarter's existing results file.")]


def output_option(help: str) -> typer.models.OptionInfo:
    return typer.Option("--output", "-o", help=help)


CsvDialectOption = Annotated[
    CsvDialect | None,
    typer.Option(
        "--csv-dialect",
        help="With --format csv: nl (default; ';', decimal comma, UTF-8 with BOM: Excel and LibreOffice in "
        "Dutch open it in columns) or rfc4180 (',', decimal point, no BOM). Both end lines in CRLF.",
    ),
]
CsvTableOption = Annotated[
    str | None,
    typer.Option(
        "--table",
        metavar="NAME",
        help="With --format csv: only this table. budget --year: begroting, versies, realisatie, middelen, "
        "rechtmatigheid, rechtmatigheid-projecten, risicos; budget --years: verplichtingen, fondsen, opraken; "
        "status: stand.",
    ),
]
CsvOutput = Annotated[
    Path | None,
    output_option(
        "With --format csv: a directory to write each table to as NAME.csv; replaced whole, and only if waw "
        "wrote it. Without it a CSV goes to stdout, and a report of several tables needs --table."
    ),
]
WorkbookOutput = Annotated[Path, output_option("The workbook to write (.xlsx).")]
TemplateOutput = Annotated[Path, output_option("The template to write (.xlsx).")]
SiteOutput = Annotated[Path, output_option("The directory to write the site to.")]
SchemaOutput = Annotated[Path, output_option("The directory to write the schemas to.")]
PackageOutput = Annotated[Path, output_option("The directory to write the data package to (made or replaced whole).")]
StrictOption = Annotated[
    bool,
    typer.Option("--strict", help="Exit 1 also when a check is niet toetsbaar (a figure it needs is unknown)."),
]
ThousandsOption = Annotated[
    bool,
    typer.Option(
        "--thousands",
        help="Amounts in thousands of euros (bedragen × € 1.000), rounded half up, with a note where the rounded "
        "lines do not add up to the rounded total. JSON and CSV keep the exact amounts, and so do a workbook's "
        "cells (their number format shows thousands).",
    ),
]
DocumentOption = Annotated[
    str | None, typer.Option("--document", help="The published document; default the results file's source.")
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The day it was published, YYYY-MM-DD (or YYYY-MM, YYYY where the source says no more); "
        "default the results file's published:.",
    ),
]
DateSourceOption = Annotated[
    str | None, typer.Option("--source", help="Where the publication date comes from; needed with --date.")
]
