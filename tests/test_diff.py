"""`waw diff`: the data at two git revisions, read from git, compared for review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import MINIMAL, git, run, snapshot


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose data/ is the synthetic minimal tree, committed once."""
    import shutil

    shutil.copytree(MINIMAL, tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_raised_amount_names_project_year_and_delta(repo: Path) -> None:
    edit(repo / "data" / "projects" / "alpha.yaml", "amount: 500", "amount: 750.50")
    edit(repo / "data" / "decisions" / "begr.yaml", "amount: 601", "amount: 851")  # the stated total follows
    git(repo, "commit", "-qam", "raise")
    result = run("diff", "HEAD~1", "HEAD", "--format", "markdown", data=repo / "data")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("**✔ voldoet**: check-budget op HEAD: ")
    assert "| Alpha | budgetregel gewijzigd | 2023 Verlenging | 2023 | € 500 | € 750,50 | € 250,50 |" in result.stdout
    assert "| 2023 | € 600,50 | € 851 | € 250,50 | € 399,50 | € 149 |" in result.stdout
    assert (
        "| besluit gewijzigd | begr | T-2 | begroting | 2022-11-01 | status onbekend | "
        "vermeld totaal: Totaal 2023 € 601 (2023) → "
        "Totaal 2023 € 851 (2023) |" in result.stdout
    )
    assert "voldoet niet" not in result.stdout
    assert "alle bijstellingen blijven neutraal" in result.stdout


def test_a_failure_of_check_budget_on_the_head_fails_the_diff_and_leads_it(repo: Path) -> None:
    """The raise without its stated total: check-budget on the head says voldoet niet, so does the diff, first."""
    edit(repo / "data" / "projects" / "alpha.yaml", "amount: 500", "amount: 750.50")
    git(repo, "commit", "-qam", "raise")
    result = run("diff", "HEAD~1", "HEAD", "--format", "markdown", data=repo / "data")
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("**✘ voldoet niet**: 1 vermeld totaal wijkt af; check-budget op HEAD: "), first
    assert "| vermeld totaal wijkt af | T-2: Totaal 2023 |  | € 250 |" in result.stdout
    assert "Voldoet niet: T-2: Totaal 2023: vermeld totaal wijkt af € 250." in result.stdout
    report = json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json", data=repo / "data").stdout)
    assert report["passed"] is False and [f["check"] for f in report["failures"]] == ["total"]


WIJZIGING = """id: wijziging
kind: begrotingswijziging
reference: "T-3"
title: Testwijziging
date: 2021-06-01
source: "synthetic"
moves:
  - year: 2021
    amount: 50
    from:
      project: alpha
      line: a1
    to:
      funding: reserve
    source: "synthetic"
"""


def test_a_move_recorded_but_not_applied_fails_and_the_new_decision_is_listed(repo: Path) -> None:
    (repo / "data" / "decisions" / "wijziging.yaml").write_text(WIJZIGING)
    assert run("check-budget", data=repo / "data").exit_code == 1
    result = run("diff", "HEAD", "--format", "markdown", data=repo / "data")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("**✘ voldoet niet**: 1 verschuiving niet verwerkt; ")
    assert "| verschuiving niet verwerkt | T-3: Alpha 'a1' | 2021 | € 50 |" in result.stdout
    assert "T-3: Alpha 'a1' 2021: verschuiving niet verwerkt € 50" in result.stdout  # as check-budget says it
    assert (
        "| besluit toegevoegd | wijziging | T-3 | begrotingswijziging | 2021-06-01 | status onbekend | "
        "Testwijziging: verschuiving "
        "toegevoegd: € 50 in 2021 van Alpha 'a1' naar fonds reserve |"
    ) in result.stdout
    applied = repo / "data" / "projects" / "alpha.yaml"
    edit(applied, "amount: 400\n", "amount: 350\n    previous_amount: 400\n    changed_by: wijziging\n")
    result = run("diff", "HEAD", "--format", "markdown", data=repo / "data")
    assert "verschuiving niet verwerkt" not in result.stdout
    assert result.exit_code == run("check-budget", data=repo / "data").exit_code


def test_changed_and_removed_decisions_say_what_changed(repo: Path) -> None:
    data = repo / "data"
    edit(data / "decisions" / "realloc.yaml", "date: 2021-01-01", "date: 2021-02-01")
    edit(data / "decisions" / "realloc.yaml", "funded: [alpha, beta]", "funded: [alpha]")
    report = json.loads(run("diff", "HEAD", "--format", "json", data=data).stdout)
    (row,) = report["decisions"]
    assert (row["kind"], row["id"], row["reference"], row["decision_kind"], row["date"]) == (
        "changed",
        "realloc",
        "T-1",
        "bijstelling",
        "2021-02-01",
    )
    markdown = run("diff", "HEAD", "--format", "markdown", data=data).stdout
    assert (
        "| besluit gewijzigd | realloc | T-1 | bijstelling | 2021-02-01 | status onbekend | "
        "datum: 2021-01-01 → 2021-02-01; " in markdown
    )
    assert "gefinancierd verwijderd: Beta |" in markdown
    git(repo, "checkout", "--", "data")
    (data / "decisions" / "begr.yaml").unlink()
    alpha = data / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("decision: begr", "decision: realloc"))
    markdown = run("diff", "HEAD", "--format", "markdown", data=data).stdout
    assert "| besluit verwijderd | begr | T-2 | begroting | 2022-11-01 | status onbekend | Testbegroting |" in markdown


def test_a_decision_adopted_in_the_change_shows_its_new_status(repo: Path) -> None:
    """A proposal that becomes a decision is a change a reviewer must see: the status column and the step."""
    data = repo / "data"
    edit(
        data / "decisions" / "begr.yaml",
        "date: 2022-11-01\n",
        "date: 2022-11-01\nstatus:\n  - status: voorgesteld\n    date: 2022-11-01\n    source: synthetic\n",
    )
    git(repo, "commit", "-qam", "proposed")
    edit(
        data / "decisions" / "begr.yaml",
        "    source: synthetic\n",
        "    source: synthetic\n  - status: vastgesteld\n    date: 2022-12-15\n    by: dagelijks bestuur\n"
        "    source: synthetic\n",
    )
    markdown = run("diff", "HEAD", "--format", "markdown", data=data).stdout
    assert (
        "| besluit gewijzigd | begr | T-2 | begroting | 2022-11-01 | vastgesteld 2022-12-15 | "
        "status toegevoegd: vastgesteld 2022-12-15 |" in markdown
    )


def test_a_published_figure_names_quarter_project_indicator_and_its_words(repo: Path) -> None:
    edit(repo / "data" / "results" / "2021-Q2.yaml", "value: 8", "value: 9\n    qualifier: ruim")
    result = run("diff", "HEAD", "--format", "markdown", data=repo / "data")
    assert "| resultaat gewijzigd | Q2-2021 Alpha · Gestart: 8 → ruim 9 |" in result.stdout
    edit(repo / "data" / "results" / "2021-Q2.yaml", "value: 9", "value: 8")  # only the word differs now
    result = run("diff", "HEAD", "--format", "markdown", data=repo / "data")
    assert "| resultaat gewijzigd | Q2-2021 Alpha · Gestart: 8 → ruim 8 |" in result.stdout


SPAN = """  - id: a-span
    years: [2021, 2022]
    amount: 300
    description: Over twee jaar
    funding: reserve
    source: "synthetic"
  - id: a-open
    year: 2022
    amount: unknown
    description: Open bedrag
    funding: reserve
    source: "synthetic"
    note: "synthetic: no amount"
"""


def test_a_line_over_years_counts_in_its_span_and_every_unknown_says_why(repo: Path) -> None:
    edit(repo / "data" / "projects" / "alpha.yaml", "budget:\n", "budget:\n" + SPAN)
    result = run("diff", "HEAD", "--format", "markdown", data=repo / "data")
    out = result.stdout
    assert "| Alpha | budgetregel toegevoegd | a-span | 2021-2022 |  | € 300 | € 300 |" in out
    assert (
        "| 2021-2022 | € 0 | € 300 | +€ 300 (over 2021 en 2022, verdeling onbekend) |  |  | Alpha 'Over twee jaar' |"
        in out
    )
    assert not any(row.startswith(("| 2021 |", "| 2022 | € 200,25 | € 500")) for row in out.splitlines())
    assert "| onbekend (geen bedrag in de bron) | onbekend (bedrag van a-open onbekend) |" in out
    assert "bedrag onbekend, niet meegeteld: Alpha: Open bedrag" in out
    assert "onbekend (geen bron noemt het beschikbare bedrag voor 2022)" in out
    explained = ("onbekend (", "verdeling onbekend", "onbekend)", "bedrag onbekend, niet meegeteld")
    bare = [line for line in out.splitlines() if "onbekend" in line.replace(" ".join(explained), "")]
    for line in bare:
        rest = line
        for words in explained:
            rest = rest.replace(words, "")
        assert "onbekend" not in rest, line


def test_work_tree_is_the_default_head_and_is_not_touched(repo: Path) -> None:
    edit(repo / "data" / "projects" / "beta.yaml", "amount: 399.75", "amount: 399.76")
    before = snapshot(repo / "data")
    result = run("diff", "HEAD", "--format", "json", data=repo / "data")
    report = json.loads(result.stdout)
    assert report["head"] == "werkmap" and report["still_neutral"] is False
    (change,) = report["changes"]
    assert (change["scope"], change["what"], change["delta"], change["years"]) == ("beta", "budget", "0.01", [2021])
    assert [n["head"] for n in report["neutrality"]] == ["fail"]
    assert snapshot(repo / "data") == before


def test_added_project_target_and_result(repo: Path) -> None:
    data = repo / "data"
    gamma = (data / "projects" / "beta.yaml").read_text().replace("id: beta", "id: gamma").replace("Beta", "Gamma")
    (data / "projects" / "gamma.yaml").write_text(gamma)
    edit(data / "projects" / "alpha.yaml", "value: 10", "value: 12")
    edit(data / "results" / "2021-Q2.yaml", "value: 8", "value: 9")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "more")
    report = json.loads(run("diff", "main~1", "main", "--format", "json", data=data).stdout)
    kinds = {(c["scope"], c["what"], c["kind"], c["before"], c["after"]) for c in report["changes"]}
    assert ("gamma", "project", "added", None, None) in kinds
    assert ("alpha", "target", "changed", "10", "12") in kinds
    assert ("alpha", "result", "changed", "8", "9") in kinds
    (result,) = [c for c in report["changes"] if c["what"] == "result"]
    assert (result["quarter"], result["scope_name"], result["label"]) == ("Q2-2021", "Alpha", "Gestart")


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    result = run("diff", "no-such-branch", data=repo / "data")
    assert result.exit_code == 2 and "unknown revision 'no-such-branch'" in result.output


def test_a_revision_that_does_not_validate_is_reported(repo: Path) -> None:
    edit(repo / "data" / "projects" / "beta.yaml", "amount: 399.75", "amount: 399.755")
    git(repo, "commit", "-qam", "broken")
    result = run("diff", "HEAD~1", "HEAD", data=repo / "data")
    assert result.exit_code == 2
    assert "The data at HEAD does not validate:" in result.stderr
    assert "projects/beta.yaml:15: E-MONEY budget[0].amount" in result.stderr
    assert "Traceback" not in result.output


def test_outside_a_git_repository(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(MINIMAL, tmp_path / "data")
    result = run("diff", "HEAD", data=tmp_path / "data")
    assert result.exit_code == 2 and "not a git repository" in result.output.lower()
