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
    git(repo, "commit", "-qam", "raise")
    result = run("diff", "HEAD~1", "HEAD", "--format", "markdown", data=repo / "data")
    assert result.exit_code == 0, result.output
    assert "| Alpha | budgetregel gewijzigd | 2023 Verlenging | 2023 | € 500 | € 750,50 | € 250,50 |" in result.stdout
    assert "| 2023 | € 600,50 | € 851 | € 250,50 | € 399,50 | € 149 |" in result.stdout
    assert "alle bijstellingen blijven neutraal" in result.stdout


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
    assert ("2021-Q2", "result", "changed", "8", "9") in kinds


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
