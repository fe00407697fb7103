"""The README is the user's guide: its commands and outputs must be the real ones."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, SHIPPED, run

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.DOTALL)


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    install_and_check, install_and_test = _blocks("sh")[:2]
    assert install_and_check.strip().endswith("pip install . && waw check-budget")
    assert install_and_test.strip().endswith("pip install '.[test]' && pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test.strip() in ci.splitlines()


@pytest.mark.parametrize(
    "command",
    [
        "validate",
        "check-budget",
        "budget",
        "status",
        "report",
        "export",
        "template results",
        "import-results",
        "import-realisatie",
        "show",
        "site",
        "package",
        "diff",
        "schema",
        "decision",
        "new project",
        "publish",
        "funds",
    ],
)
def test_every_command_is_documented(command: str) -> None:
    assert f"### `waw {command}" in README


def test_package_example_is_real_output(tmp_path: Path) -> None:
    section = README[README.index("### `waw package -o DIR`") : README.index("### `waw template results")]
    (example,) = [b for b in _blocks("console") if "$ waw package" in b]
    command, output = example.strip().splitlines()
    target = tmp_path / "open-data"
    result = run("package", "-o", target, data=SHIPPED)
    assert result.exit_code == 0 and command == "$ waw package -o /tmp/open-data" and example in section
    assert result.stdout.strip().replace(str(target), "/tmp/open-data") == output


def test_budget_example_is_real_output() -> None:
    result = run("budget", "--year", "2024", "--format", "markdown", data=SHIPPED)
    assert result.stdout.strip() in README


def test_planning_example_is_real_output() -> None:
    result = run("budget", "--years", "2024-2025", "--format", "markdown", data=SHIPPED)
    assert result.exit_code == 0 and result.stdout.strip() in README


def test_csv_examples_are_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CSV as it is written, with its byte-order mark and CRLF, which the README cannot show."""
    result = run("budget", "--year", "2024", "--format", "csv", "--table", "begroting", data=SHIPPED)
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf") and b";;1054795,25;\r\n" in result.stdout_bytes
    shown = result.stdout_bytes.decode("utf-8-sig").replace("\r\n", "\n")
    assert f"$ waw budget --year 2024 --format csv --table begroting\n{shown}```" in README
    monkeypatch.chdir(tmp_path)
    written = run("budget", "--year", "2024", "--format", "csv", "-o", "begroting-2024", data=SHIPPED)
    assert f"$ waw budget --year 2024 --format csv -o begroting-2024\n{written.stdout}```" in README


def test_budget_thousands_example_is_real_output() -> None:
    result = run("budget", "--year", "2024", "--thousands", "--format", "markdown", data=SHIPPED)
    begroting = result.stdout[: result.stdout.index("### Versies")]
    assert "| **Totaal uitgaven** |  | **1.055** |" in begroting and "tellen op tot 1.054" in begroting
    assert f"```markdown\n{begroting.strip()}\n```" in README


def test_check_budget_example_is_real_output() -> None:
    result = run("check-budget", "--format", "markdown", data=SHIPPED)
    neutrality = result.stdout[
        result.stdout.index("### Financiële neutraliteit") : result.stdout.index("### Verplichtingen per jaar")
    ]
    assert neutrality.strip() in README
    assert result.stdout.strip().splitlines()[-1] in README


def test_broken_file_example_is_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data")
    zorgstart = tmp_path / "data" / "projects" / "zorgstart.yaml"
    text = zorgstart.read_text(encoding="utf-8")
    text = text.replace("    amount: 557000\n", "    amount: 557.000\n", 1).replace(
        "    amount: 700000\n", "    amout: 700000\n", 1
    )
    zorgstart.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("validate", data=Path("data"))
    assert result.exit_code == 2
    example = next(b for b in _blocks("console") if "E-MONEY" in b)
    assert example.split("\n", 1)[1].strip() == result.stdout.strip().replace(os.sep, "/")


def test_monitor_examples_are_real_output() -> None:
    status = run(
        "status", "--quarter", "Q3-2023", "--category", "scholingsprojecten", "--format", "markdown", data=SHIPPED
    )
    assert status.stdout.strip() in README
    stated = run(
        "status", "--quarter", "Q3-2020", "--category", "begeleiding-doelgroepen", "--format", "markdown", data=SHIPPED
    )
    assert stated.stdout.strip() in README and "| 🟢 groen | op koers |" in stated.stdout
    report = run("report", "--quarter", "Q3-2021", "--format", "markdown", data=SHIPPED).stdout
    assert report[: report.index("### Doorstroombanen")].strip() in README
    assert report[report.index("### WSP-projecten") : report.index("### Gemeentelijke projecten")].strip() in README


def test_funds_example_is_real_output() -> None:
    result = run("funds", "--fund", "pow-budget", "--format", "markdown", data=SHIPPED)
    assert result.exit_code == 0 and result.stdout.strip() in README


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    assert run("schema", "-o", tmp_path).exit_code == 0
    for fresh in tmp_path.glob("*.schema.json"):
        assert (ROOT / "schemas" / fresh.name).read_bytes() == fresh.read_bytes(), "run: waw schema -o schemas"


def test_import_and_diff_examples_are_real_output() -> None:
    from readme_examples import diff_example, import_example

    assert import_example().strip() in README
    assert diff_example().strip() in README


def test_decision_example_is_real_output() -> None:
    result = run("decision", "doc-23001887", "--format", "markdown", data=SHIPPED)
    was_wordt = result.stdout[result.stdout.index("### Was / wordt") : result.stdout.index("> —")]
    assert was_wordt.strip() in README
    assert "waw new decision ID" in README and "## Een collegevoorstel voorbereiden" in README


def test_realisatie_examples_are_real_output() -> None:
    from readme_examples import realisatie_example, realisatie_import_example

    assert realisatie_example().strip() in README
    refused, done = realisatie_import_example()
    assert refused.strip() in README and done.strip() in README


def test_publish_examples_are_real_output() -> None:
    from readme_examples import CORRECTION, seal_examples

    published, refused, found, row = seal_examples()
    section = README[README.index("### `waw publish --quarter Q ") : README.index("### `waw site")]
    for text in (published, refused, found, row, CORRECTION):
        assert text.strip() in section
    assert "E-SEALED" in found and "gecorrigeerd op 2022-01-15" in row
