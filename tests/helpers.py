"""Shared test helpers: run the real `waw` command and compare trees."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from wawtool.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
GOLDEN = Path(__file__).resolve().parent / "golden"

# git with a fixed identity and none of the user's configuration, so tests commit the same anywhere
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "PATH": "/usr/bin:/bin",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


class Result:
    """`stdout` as click's runner gives it (CRLF read as LF); `stdout_bytes` as written, for the CSV's CRLF."""

    def __init__(self, exit_code: int, stdout: str, stderr: str, stdout_bytes: bytes = b"") -> None:
        self.exit_code, self.stdout, self.stderr, self.stdout_bytes = exit_code, stdout, stderr, stdout_bytes
        self.output = stdout + stderr


def pull_request(origin: Path, work: Path) -> Path:
    """`origin` (a folder of files) committed on main, and `work` a clone of it on a branch of its own: the
    repository a pull request is reviewed in."""
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "data")
    work.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(work)], env=GIT_ENV, check=True)
    git(work, "checkout", "-q", "-b", "change")
    return work


def run(*args: str | Path, data: Path | None = None, columns: int = 200) -> Result:
    """Run the real `waw` command in-process, with stdout and stderr apart, laid out to `columns`."""
    runner = CliRunner()
    argv = (["--data", str(data)] if data is not None else []) + [str(a) for a in args]
    result = runner.invoke(app, argv, catch_exceptions=False, env={"NO_COLOR": "1", "COLUMNS": str(columns)})
    return Result(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


SYNTHETIC_CAP = """  - indicator: trajecten-gestart
    value: 12
    qualifier: maximaal
    start: 2020
    end: 2021
    description: "Synthetisch: een plafond, om te tonen hoe een maximum wordt weergegeven"
    source: "Synthetisch (tests/helpers.py), geen bron"
"""


def with_synthetic_cap(shipped_copy: Path) -> Path:
    """The real data has no cap left (GGZ's "maximaal 12" finances trajecten, it limits no starts), so a test of
    how a cap is shown puts one, synthetic, on a copy: "maximaal 12" starts of GGZ, which has 19 in Q3-2021."""
    path = shipped_copy / "projects" / "ggz-voortzetting.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\ntargets:\n" in text
    path.write_text(text.replace("\ntargets:\n", "\ntargets:\n" + SYNTHETIC_CAP, 1), encoding="utf-8")
    return shipped_copy


def with_an_orange_light(minimal: Path) -> Path:
    """The real monitors have no orange light left, so a test that must see one makes it: 3 of a pro-rata 5 (60%,
    the synthetic programme's orange_from) in the minimal data."""
    project, results = minimal / "projects" / "alpha.yaml", minimal / "results" / "2021-Q2.yaml"
    project.write_text(
        project.read_text().replace("indicator: started\n    value: 10", "indicator: started\n    value: 20")
    )
    results.write_text(results.read_text().replace("value: 8", "value: 3"))
    return minimal


def snapshot(tree: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tree)): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def build_realised(target: Path) -> Path:
    """The synthetic minimal tree with two years of realisatie (2021 final, 2022 provisional) and a mapping."""
    import shutil

    shutil.copytree(MINIMAL, target)
    shutil.copytree(Path(__file__).parent / "fixtures" / "realisatie", target / "realisatie")
    programmes = target / "programmes.yaml"
    programmes.write_text(
        programmes.read_text().replace(
            "  - programme: prog\n    year: 2023", "  - id: coordinatie\n    programme: prog\n    year: 2023", 1
        )
    )
    return target


def workbook_text(path: Path) -> str:
    """A workbook as text a golden file can hold: per sheet its print set-up, column widths, filter, merged
    cells, validations and charts, and every cell that holds something with its number format, font, fill and
    alignment (no timestamps)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    lines: list[str] = [f"properties: title={book.properties.title!r} creator={book.properties.creator!r}"]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        fit = sheet.sheet_properties.pageSetUpPr.fitToPage if sheet.sheet_properties.pageSetUpPr else None
        lines.append(
            f"== {sheet.title} ({sheet.dimensions}) orientation={setup.orientation} paper={setup.paperSize} "
            f"fit={fit} width={setup.fitToWidth} height={setup.fitToHeight} freeze={sheet.freeze_panes} "
            f"print_titles={sheet.print_title_rows} footer_right={sheet.oddFooter.right.text!r} "
            f"filter={sheet.auto_filter.ref}"
        )
        margins = sheet.page_margins
        lines.append(
            f"margins: left={margins.left} right={margins.right} header_left={sheet.oddHeader.left.text!r} "
            f"breaks={[b.id for b in sheet.row_breaks.brk]} font={book._fonts[0].name} {book._fonts[0].sz}"
        )
        widths = {k: round(v.width, 2) for k, v in sorted(sheet.column_dimensions.items()) if v.width}
        lines.append(f"widths: {widths}")
        heights = {k: v.height for k, v in sorted(sheet.row_dimensions.items()) if v.height}
        if heights:
            lines.append(f"heights: {heights}")
        if sheet.merged_cells.ranges:
            lines.append(f"merged: {sorted(str(r) for r in sheet.merged_cells.ranges)}")
        for validation in sheet.data_validations.dataValidation:
            lines.append(
                f"validation: {validation.type} {validation.operator} {validation.sqref} {validation.formula1!r} "
                f"{validation.formula2!r} error={validation.error!r}"
            )
        for chart in sheet._charts:
            series = [
                (s.val.numRef.f, s.cat.strRef.f if s.cat and s.cat.strRef else None, len(s.dPt)) for s in chart.series
            ]
            colours = [_colour(p.graphicalProperties.solidFill) for s in chart.series for p in s.dPt]
            lines.append(
                f"chart: {chart.tagname} {chart.type} title={_chart_text(chart.title)!r} "
                f"y={_chart_text(chart.y_axis.title)!r} format={_format_code(chart.y_axis.number_format)!r} "
                f"legend={chart.legend} size={chart.width}x{chart.height} anchor={chart.anchor._from.col},"
                f"{chart.anchor._from.row} series={series} colours={colours}"
            )
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                style = [cell.number_format] if cell.number_format != "General" else []
                style += ["bold"] if cell.font.bold else []
                style += ["wrap"] if cell.alignment.wrap_text else []
                style += [f"v={cell.alignment.vertical}"] if cell.alignment.vertical else []
                style += [f"fill={cell.fill.fgColor.rgb}"] if cell.fill.fill_type else []
                style += [f"type={cell.data_type}"] if cell.data_type not in ("n", "f") else []
                lines.append(f"{cell.coordinate}: {cell.value!r}" + (f"  [{'; '.join(style)}]" if style else ""))
    return "\n".join(lines) + "\n"


def _chart_text(title: object) -> str | None:
    """The plain text of an openpyxl chart or axis title."""
    if title is None:
        return None
    rich = title.tx.rich  # type: ignore[attr-defined]
    return "".join(run.t for paragraph in rich.p for run in (paragraph.r or []))


def _colour(fill: object) -> str:
    return fill if isinstance(fill, str) else str(fill.srgbClr)  # type: ignore[attr-defined]


def _format_code(number_format: object) -> str | None:
    return getattr(number_format, "formatCode", number_format)  # type: ignore[return-value]


def parse_dutch_amount(text: str) -> Decimal:
    """Read back an amount as waw displays it (`€ 1.054.795,25`), exactly; anything else fails the test."""
    import re

    match = re.match(r"^€ (-?)(\d{1,3}(?:\.\d{3})*)(?:,(\d{2}))?$", text.strip())
    assert match, f"'{text}' is not an amount written as € 1.054.795,25"
    sign, whole, cents = match.groups()
    return Decimal(f"{sign}{whole.replace('.', '')}.{cents or '00'}")


# A synthetic begrotingswijziging of 2024, proposed: AI Operator stops halfway and € 29.000 goes back to the reserve.
STOP_AI_OPERATOR = """\
id: stop-ai-operator-2024
kind: begrotingswijziging
reference: "SYN-2024-07"
title: "Synthetisch: AI Operator stopt halverwege 2024"
date: 2024-07-01
source: "synthetisch testbesluit"
status:
  - status: voorgesteld
    date: 2024-07-01
    source: "synthetisch"
moves:
  - year: 2024
    amount: 29000
    from:
      project: ai-operator
      line: begeleiding-2024
    to:
      funding: waw-reserve
    source: "synthetisch"
"""
