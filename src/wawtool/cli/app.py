"""The `waw` command: the typer app, its global options, and the entry point.

Every command is load -> check -> build report -> render; nothing in cli/ computes. The commands live in
printing.py (commands that print a report) and writing.py (commands that write files).
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .options import DataOption
from .output import EXIT_OK

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
new_app = typer.Typer(
    help="Write a valid, commented skeleton of a new data file.", no_args_is_help=True, context_settings=HELP
)
app.add_typer(new_app, name="new")
template_app = typer.Typer(help="Write templates for partners to fill in.", no_args_is_help=True, context_settings=HELP)
app.add_typer(template_app, name="template")


class Process:
    """Whether `waw` runs as its own process (the data cache and the collector freeze apply), not inside a test
    or another program; set once, by `run`."""

    whole = False


@dataclass(frozen=True)
class Invocation:
    """What every command of one invocation shares: the data directory, and whether this is a whole process."""

    data: Path
    whole_process: bool


def run() -> None:
    """The `waw` entry point. A closed pipe (`waw report | head -1`) ends it quietly, as it ends `cat`: by
    SIGPIPE, exit status 141 in the shell; click would print nothing but exit 1, which reads as findings."""
    Process.whole = True
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"waw {version('wawtool')}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    ctx: typer.Context,
    data: DataOption = Path("data"),
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Budget and monitoring toolkit for Werken aan Werk and Perspectief op Werk (Regio Gooi en Vechtstreek).

    Global options (--data) go before or after the command. Exit codes: 0 fine, 1 a check found problems,
    2 the input or the command line could not be used, a year or quarter without data included.
    """
    ctx.obj = Invocation(data=data, whole_process=Process.whole)
