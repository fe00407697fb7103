"""What a command needs before it runs, or exit 2 saying why it cannot: the checked dataset of the
invocation's data directory, a quarter or year that has data, an id that exists, a readable input file."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from ..issues import Issue, errors
from .output import EXIT_UNUSABLE, report_findings, report_issues, usage

if TYPE_CHECKING:
    from ..load.loader import Dataset
    from ..periods import Quarter
    from .app import Invocation


def checked_dataset(invocation: Invocation) -> Dataset:
    """The validated Dataset, or exit 2 with every problem in every file; findings are shown on stderr."""
    return checked_data(invocation)[0]


def checked_data(invocation: Invocation) -> tuple[Dataset, list[Issue]]:
    """The validated Dataset and the findings on it (a published figure changed without a correction), or exit 2
    with every problem in every file when one of them makes the data unusable. The findings go to stderr; a
    command whose job is a check exits 1 on them."""
    from ..validation import validate_data

    dataset, issues = validate_data(invocation.data, cached=invocation.whole_process)
    if errors(issues) or dataset is None:
        report_issues(issues, sys.stderr)
        raise typer.Exit(EXIT_UNUSABLE)
    report_findings(issues, sys.stderr)
    return keep(dataset, invocation), issues


def keep(dataset: Dataset, invocation: Invocation) -> Dataset:
    """A loaded dataset lives until the process ends: out of the cyclic collector's sight, it is not rescanned
    during the checks and at exit (about 12% of the time at 350 regions). Only in a process of our own."""
    if invocation.whole_process:
        gc.freeze()
    return dataset


def dataset_at(invocation: Invocation, revision: str) -> tuple[Dataset, list[Issue]]:
    """The validated data at a git revision and its findings, or exit 2 with why it cannot be used."""
    from ..load.git import RevisionError
    from ..validation import validate_revision

    try:
        dataset, issues = validate_revision(invocation.data, revision)
    except RevisionError as exc:
        usage(str(exc))
    if errors(issues) or dataset is None:
        typer.echo(f"The data at {revision} does not validate:", err=True)
        report_issues(issues, sys.stderr)
        raise typer.Exit(EXIT_UNUSABLE)
    return keep(dataset, invocation), issues


def parse_quarter(text: str) -> Quarter:
    from ..periods import Quarter

    try:
        return Quarter.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--quarter'") from None


def quarter_or_latest(dataset: Dataset, chosen: Quarter | None, data: Path) -> Quarter:
    """The quarter asked for, or else the latest with results; exit 2 when there are none."""
    from ..reports.status import quarters_with_data

    if chosen is not None:
        return chosen
    quarters = quarters_with_data(dataset)
    if not quarters:
        no_results(dataset, "any quarter", data)
    return quarters[-1]


def no_results(dataset: Dataset, quarter_label: str, data: Path) -> NoReturn:
    from ..reports.status import quarters_with_data

    available = ", ".join(q.label for q in quarters_with_data(dataset)) or "none"
    typer.echo(f"Error: no results for {quarter_label} in {data} (there are for: {available})", err=True)
    raise typer.Exit(EXIT_UNUSABLE)


def no_budget(dataset: Dataset, year: int, data: Path) -> NoReturn:
    from ..budget import budget_years

    years = ", ".join(str(y) for y in budget_years(dataset)) or "none"
    typer.echo(f"Error: no budget lines for {year} in {data} (there are for: {years})", err=True)
    raise typer.Exit(EXIT_UNUSABLE)


def known_or_usage(option: str, value: str | None, known: list[str]) -> None:
    if value is not None and value not in known:
        usage(f"{option} '{value}' is not one of: {', '.join(known)}")


def category_names(dataset: Dataset) -> dict[str | None, str]:
    assert dataset.programmes is not None
    return {c.id: c.name for c in dataset.programmes.model.categories}


def valid_id(value: str) -> None:
    import re

    from ..models import ID_PATTERN

    if not re.match(ID_PATTERN, value):
        usage(f"'{value}' is not an id: use lower case letters, digits and hyphens")


def readable(path: Path, what: str) -> None:
    """An input file that is there and is a file, or exit 2 saying which of the two it is not."""
    if not path.exists():
        usage(f"cannot read {path}: no such file")
    if not path.is_file():
        usage(f"cannot read {path}: it is a directory or special file, not {what}")


def year_span(text: str) -> tuple[int, int]:
    """`2024-2027` (or one year, `2024`) as its first and last year, or exit 2 saying what was expected."""
    import re

    found = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", text.strip())
    if not found:
        usage(f"--years '{text}' is not a span of years like 2024-2027")
    first, last = int(found[1]), int(found[2] or found[1])
    if not 2000 <= first <= last <= 2100:
        usage(f"--years '{text}': the first year comes first, both between 2000 and 2100")
    if last - first > 20:
        usage(f"--years '{text}': at most 21 years at a time")
    return first, last
