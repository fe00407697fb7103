"""The command line behaves the same everywhere: width, formats, options, exit codes, files, pipes, words."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import SHIPPED, run, with_an_orange_light
from wawtool.layout.table import MoneyCell, Table
from wawtool.render.terminal import atoms, column_widths, wrap

WAW = Path(sys.executable).parent / "waw"


def _waw(
    *args: str, env: dict[str, str] | None = None, data: Path = SHIPPED, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """The installed command as a whole process, output to a pipe."""
    base = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}}
    return subprocess.run(
        [str(WAW), "--data", str(data), *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        **kwargs,  # type: ignore[call-overload]
    )


# --- output that fits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["budget", "--year", "2024"],
        ["check-budget"],
        ["status"],
        ["report", "--quarter", "Q3-2021"],
        ["decision", "bijstelling-2020"],
        ["diff", "HEAD"],
    ],
    ids=lambda c: c[0],
)
def test_output_fits_80_columns_when_asked(command: list[str]) -> None:
    done = _waw(*command, env={"COLUMNS": "80"})
    assert done.returncode in (0, 1), done.stderr
    too_long = [line for line in done.stdout.splitlines() if len(line) > 80]
    assert too_long == []
    assert len(done.stdout.splitlines()) > 1


def test_piped_with_no_width_asked_for_every_row_is_one_line() -> None:
    """A pipe laid out for 80 columns stacked check-budget into 207 lines of `column value` blocks, and
    `waw status | grep zorgstart` found no row: to a pipe there is no limit, one row per line."""
    done = _waw("status", "--quarter", "Q3-2023")
    assert done.returncode == 0
    (row,) = [line for line in done.stdout.splitlines() if "ZorgStart" in line and "Gestarte trajecten" in line]
    assert "│         68 │        91 │" in row and "178,4%" in row and "Groot bereik" in row
    check = _waw("check-budget").stdout.splitlines()
    assert check[-1].startswith("9 voldoen, 0 voldoen niet, 7 niet toetsbaar.") and check[-1].endswith(".")
    tabel_1 = [line for line in check if "Tabel 1 Totaal uitgaven 2024" in line and "✔ voldoet" in line]
    assert len(tabel_1) == 1 and "€ 1.054.795,25" in tabel_1[0]  # the whole row, on one line
    assert len(check) < len(_waw("check-budget", env={"COLUMNS": "80"}).stdout.splitlines()) / 2


def test_amounts_stay_on_one_line_at_80_columns() -> None:
    budget = _waw("budget", "--year", "2024", env={"COLUMNS": "80"}).stdout
    assert "€ 1.054.795 " in budget and "ca. € 250.000" in budget
    for line in budget.splitlines():
        assert not line.rstrip(" │").endswith("€"), line  # never a euro sign without its figure


def test_columns_wider_than_80_is_followed() -> None:
    wide = _waw("status", "--quarter", "Q3-2021", env={"COLUMNS": "160"}).stdout
    assert max(len(line) for line in wide.splitlines()) > 80
    assert max(len(line) for line in wide.splitlines()) <= 160


def test_a_table_that_cannot_fit_stacks_its_rows() -> None:
    narrow = _waw("budget", "--year", "2024", env={"COLUMNS": "40"}).stdout
    assert all(len(line) <= 40 for line in narrow.splitlines())
    assert any(line.strip().startswith("Bedrag") and "€ 1.054.795" in line for line in narrow.splitlines())


def test_a_figure_is_one_atom_and_text_wraps_at_words() -> None:
    assert atoms("minimaal ca. € 900.000 (afgeleid)") == ["minimaal", "ca. € 900.000", "(afgeleid)"]
    assert atoms("onbekend (≥ € 0)") == ["onbekend", "(≥ € 0)"]
    assert wrap("Trainingen Ik Word, Ik Ben en Arbeidstools", 20) == "Trainingen Ik Word,\nIk Ben en\nArbeidstools"
    assert wrap("https://example.org/a/very/long/address", 10).split("\n")[0] == "https://ex"  # only then folded


def test_column_widths_keep_figures_whole_and_narrow_text_first() -> None:
    table = Table(
        "t",
        ["Post", "Bedrag"],
        [["Uitvoering, coördinatie & monitoring van het programma", MoneyCell(Decimal("1054795"))]],
        numeric=frozenset({1}),
    )
    widths = column_widths([table], 40)
    assert widths is not None and widths[1] == len("€ 1.054.795") and sum(widths) + 7 <= 40
    assert column_widths([table], 20) is None  # "coördinatie" and the amount do not fit beside each other


# --- one command surface ------------------------------------------------------------------------------

WRITES = {
    ("validate",): {"table", "json"},
    ("check-budget",): {"table", "markdown", "json", "html"},
    ("decision", "bijstelling-2020"): {"table", "markdown", "json", "html"},
    ("budget", "--year", "2024"): {"table", "markdown", "json", "csv", "html"},
    ("status",): {"table", "markdown", "json", "csv", "html"},
    ("report", "--quarter", "Q3-2021"): {"table", "markdown", "json", "html"},
    ("diff", "HEAD"): {"table", "markdown", "json", "html"},
    ("show", "zorgstart"): {"table", "markdown", "json", "html"},
}


@pytest.mark.parametrize("command", list(WRITES), ids=lambda c: c[0])
def test_help_lists_exactly_the_formats_a_command_writes(command: tuple[str, ...]) -> None:
    help_text = run(command[0], "--help").stdout
    choices = re.search(r"--format\s+[<\[]([\w|]+)[>\]]", help_text)  # typer writes <a|b> or [a|b]
    assert choices, help_text
    listed = set(choices.group(1).split("|"))
    assert listed == WRITES[command]
    for fmt in ["table", "markdown", "json", "csv", "html"]:
        one = ["--table", "begroting"] if fmt == "csv" and command[0] == "budget" else []  # a CSV holds one table
        result = run(*command, "--format", fmt, *one, data=SHIPPED)
        assert (result.exit_code == 0) is (fmt in listed), (fmt, result.output[-300:])
        if fmt not in listed:
            assert result.exit_code == 2 and fmt in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["budget", "--year", "2024", "--data", str(SHIPPED)],
        ["budget", "--data", str(SHIPPED), "--year", "2024"],
        ["budget", f"--data={SHIPPED}", "--year", "2024"],
        ["--data", str(SHIPPED), "budget", "--year", "2024"],
    ],
    ids=["after", "between", "equals", "before"],
)
def test_global_options_before_or_after_the_subcommand(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no data/ here: only --data can find it
    result = run(*args, "--format", "csv", "--table", "begroting")
    assert result.exit_code == 0, result.output
    assert b"Totaal uitgaven;;1054795,25;\r\n" in result.stdout_bytes


def test_version_and_short_help() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"waw {version('wawtool')}"
    for args in (["-h"], ["budget", "-h"], ["new", "project", "-h"], ["template", "results", "-h"]):
        result = run(*args)
        assert result.exit_code == 0 and "--help" in result.stdout and "-h" in result.stdout, args


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["budget", "--year", "2030"], "no budget lines for 2030"),
        (["check-budget", "--year", "2030"], "no budget lines for 2030"),
        (["export", "--year", "2030", "-o", "{tmp}/b.xlsx"], "no budget lines for 2030"),
        (["status", "--quarter", "Q1-2030"], "no results for Q1-2030"),
        (["report", "--quarter", "Q1-2030"], "no results for Q1-2030"),
        (["export", "--quarter", "Q1-2030", "-o", "{tmp}/b.xlsx"], "no results for Q1-2030"),
        (["template", "results", "--quarter", "Q1-2019", "-o", "{tmp}/t.xlsx"], "no project with an open target"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_no_data_for_a_year_or_quarter_is_exit_2_everywhere(args: list[str], message: str, tmp_path: Path) -> None:
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args], data=SHIPPED)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing written


# --- files and pipes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["schema", "-o", "{tmp}/a-file"], "cannot write into {tmp}/a-file: it is a file, not a directory"),
        (
            ["export", "-o", "{tmp}/missing/x.xlsx"],
            "cannot write {tmp}/missing/x.xlsx: no such directory {tmp}/missing",
        ),
        (["export", "-o", "{tmp}/a-dir.xlsx"], "cannot write {tmp}/a-dir.xlsx: it is a directory"),
        (["export", "-o", "/proc/x.xlsx"], "cannot write /proc/x.xlsx: /proc does not take new files"),
        (
            ["export", "-o", "{tmp}/device.xlsx"],
            "cannot write {tmp}/device.xlsx: it is a device or special file, not a regular file",
        ),
    ],
    ids=["schema-onto-file", "missing-folder", "directory", "proc", "device"],
)
def test_every_output_problem_is_one_line_naming_the_users_path(args: list[str], message: str, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-dir.xlsx").mkdir()
    os.mkfifo(tmp_path / "device.xlsx")
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args], data=SHIPPED)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["Error: " + message.replace("{tmp}", str(tmp_path))]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_no_permission_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    # root may write anywhere, so the refusal is simulated: for the nameless file and for a named temporary
    real_open = os.open
    monkeypatch.setattr(
        "wawtool.files.os.open",
        lambda path, flags, *rest: refused() if flags & os.O_TMPFILE == os.O_TMPFILE else real_open(path, flags, *rest),
    )
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = run("export", "-o", tmp_path / "x.xlsx", data=SHIPPED)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: cannot write {tmp_path / 'x.xlsx'}: permission denied"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_written_files_get_the_permissions_of_the_umask(umask: int, tmp_path: Path) -> None:
    previous = os.umask(umask)
    try:
        assert run("export", "-o", tmp_path / "x.xlsx", data=SHIPPED).exit_code == 0
        assert run("schema", "-o", tmp_path / "schemas", data=SHIPPED).exit_code == 0
    finally:
        os.umask(previous)
    for written in [tmp_path / "x.xlsx", *(tmp_path / "schemas").iterdir()]:
        assert written.stat().st_mode & 0o777 == 0o666 & ~umask, written


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"
    assert run("export", "-o", target, "--year", "2021", data=SHIPPED).exit_code == 0
    target.chmod(0o640)
    old = target.read_bytes()
    assert run("export", "-o", target, data=SHIPPED).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_bytes() != old


def test_a_closed_pipe_ends_quietly() -> None:
    """The reader is gone before waw writes a byte (`waw report | head -1` where head has finished)."""
    import signal

    process = subprocess.Popen(
        [str(WAW), "--data", str(SHIPPED), "report", "--quarter", "Q3-2021"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == -signal.SIGPIPE  # the shell shows 141, as for cat or grep; never 1 ("findings")
    assert stderr == b""


# --- messages in the users' terms ---------------------------------------------------------------------


def test_a_file_with_schema_errors_still_gets_its_other_checks(minimal: Path) -> None:
    alpha = minimal / "projects" / "alpha.yaml"
    text = alpha.read_text()
    text = text.replace("category: cat\n", "category: catt\n")  # a reference error (line 4)
    text = text.replace("    amount: 400\n", "    amount: veel\n")  # a schema error in budget[0] (line 21)
    text = text.replace("    funding: reserve\n", "    funding: reserv\n")  # a reference error in budget[2] (line 36)
    alpha.write_text(text)
    result = run("validate", data=minimal)
    assert result.exit_code == 2
    lines = [line.split("alpha.yaml:", 1)[1] for line in result.stdout.splitlines() if "alpha.yaml:" in line]
    assert lines == [
        "4: E-REF category: unknown category 'catt' (did you mean 'cat'?)",
        "21: E-MONEY budget[0].amount: amount 'veel' is text, not a number; write a plain number such as 557000 or "
        "50455.25",
        "36: E-REF budget[2].funding: unknown funding source 'reserv' (did you mean 'reserve'?)",
    ], result.stdout
    assert "no budget line with id 'a1'" not in result.stdout  # the left-out line is not reported missing


def _messages_for(rel: str, text: str) -> list[str]:
    from wawtool.load.schema_messages import schema_issues
    from wawtool.load.yamlsource import parse_bytes
    from wawtool.schema import KINDS

    model = KINDS[
        {"projects": "project", "decisions": "decision", "results": "results"}.get(rel.split("/")[0], "programmes")
    ][0]
    source = parse_bytes(text.encode(), rel)
    try:
        model.model_validate(source.data)
    except Exception as exc:  # a pydantic ValidationError
        return [i.message for i in [*source.issues, *schema_issues(exc, source, model)]]  # type: ignore[arg-type]
    return [i.message for i in source.issues]


BAD_VALUES = ["[]", "{a: 1}", "x", "5", "true", "2024-02-01", "null", "'2021-13'", "-3", "1000000000", "'2024-02-30'"]
PYTHON_OR_LIBRARY = ("Input should", "datetime.", "Decimal(", "instance of", "type=", "Value error", "input_value")


@pytest.mark.parametrize(
    "rel", ["projects/alpha.yaml", "decisions/realloc.yaml", "results/2021-Q2.yaml", "programmes.yaml"]
)
def test_no_message_shows_python_or_library_text(rel: str) -> None:
    """Every value of the synthetic files replaced by each kind of wrong value: every message in waw's words."""
    from helpers import MINIMAL

    lines = (MINIMAL / rel).read_text().splitlines()
    checked = 0
    for number, line in enumerate(lines):
        key, colon, rest = line.partition(": ")
        if not colon or not rest.strip() or line.lstrip().startswith("#"):
            continue
        for bad in BAD_VALUES:
            text = "\n".join([*lines[:number], f"{key}: {bad}", *lines[number + 1 :]]) + "\n"
            for message in _messages_for(rel, text):
                checked += 1
                assert not any(p in message for p in PYTHON_OR_LIBRARY), (line, bad, message)
    assert checked > 50


@pytest.mark.parametrize(
    ("line", "replacement", "expected"),
    [
        ("name: Alpha", "naam: Alpha", "unknown key 'naam' (did you mean 'name'?)"),
        ('source: "synthetic"\n', 'condition: x\nsource: "synthetic"\n', "unknown key 'condition'"),
        (
            "  start: 2021-01",
            "  start: 2021-01-05",
            "period.start: expected a year (2021) or a month (2021-01), got a date (2021-01-05)",
        ),
        ("    year: 2021", "    year: 1999", "budget[0].year: must be at least 2000, got a number (1999)"),
        (
            "  - as_of: 2021-01\n    status: running",
            "  - as_of: 2021-01\n    status: lopend",
            "status[0].status: expected one of",
        ),
    ],
    ids=["hint-at-this-level", "no-hint-from-another-level", "date-not-repr", "bound", "choice"],
)
def test_messages_in_the_users_terms(line: str, replacement: str, expected: str) -> None:
    from helpers import MINIMAL

    text = (MINIMAL / "projects" / "alpha.yaml").read_text()
    if line.endswith("\n"):
        text = text[::-1].replace(line[::-1], replacement[::-1], 1)[::-1]  # the last one: the top-level source
    else:
        text = text.replace(line, replacement, 1)
    messages = _messages_for("projects/alpha.yaml", text)
    assert any(expected in m for m in messages), messages
    assert not any("did you mean 'condition'" in m for m in messages)  # never the word typed, nor another level's


# --- lights -------------------------------------------------------------------------------------------

COLOUR = re.compile(r"\x1b\[([0-9;]*)m")


def _light_codes(no_color: bool = False) -> tuple[dict[str, str], str]:
    """The escape codes just before each light's word, rendered for a 16-colour terminal."""
    import io

    from rich.console import Console

    from wawtool.layout.dutch import LIGHT_LABEL
    from wawtool.layout.table import LightCell
    from wawtool.render.terminal import print_segments, segments

    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, color_system="standard", width=80, no_color=no_color)
    lights = [Table("Lichten", ["Licht"], [[LightCell(s)] for s in ("groen", "oranje", "rood")])]
    print_segments(console, segments(lights, None, False, console.width))
    out = stream.getvalue()
    codes = {}
    for word in ("groen", "oranje", "rood"):
        found = COLOUR.findall(out.split(LIGHT_LABEL[word], 1)[0][-20:])
        codes[word] = found[-1] if found else ""
    return codes, out


def test_the_three_lights_are_three_colours_in_16_colour_terminals() -> None:
    codes, _ = _light_codes()
    assert len(set(codes.values())) == 3, codes
    assert not {"31", "91"} & set(codes["oranje"].split(";")), codes  # oranje is never red
    _, plain = _light_codes(no_color=True)
    colours = {c for found in COLOUR.findall(plain) for c in found.split(";")} - {"", "0", "1", "2", "22"}
    assert colours == set() and "✖ rood" in plain


def test_no_color_leaves_words_and_shapes_without_colour(minimal: Path) -> None:
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    out = _waw("status", "--quarter", "Q3-2023", env=env).stdout
    orange = _waw("status", "--quarter", "Q2-2021", env=env, data=with_an_orange_light(minimal)).stdout
    colours = {c for codes in COLOUR.findall(out + orange) for c in codes.split(";")} - {"", "0", "1", "2", "22"}
    assert colours == set(), colours
    assert "● groen" in out and "□ afgelopen" in out and "◆ oranje" in orange


@pytest.mark.parametrize("group", [[], ["new"], ["template"]], ids=["waw", "new", "template"])
def test_the_command_lists_fit_80_columns_and_end_their_sentences(group: list[str]) -> None:
    """click cut every summary at 45 characters mid-sentence ("Check stated totals, the neutrality of every...")."""
    done = _waw(*group, "--help", env={"COLUMNS": "80"})
    assert done.returncode == 0
    commands = done.stdout.split("Commands:")[1].strip().splitlines()
    assert commands and all(len(line) <= 80 and line.rstrip().endswith(".") for line in commands), commands
    assert not any(line.rstrip().endswith("...") for line in commands)
