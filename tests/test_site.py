"""`waw site`: the whole dataset as cross-linked pages, written whole and never into data/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers import SHIPPED, git, run, snapshot


def test_the_site_has_every_page_and_every_link_resolves(tmp_path: Path) -> None:
    target = tmp_path / "site"
    result = run("site", "-o", target, data=SHIPPED)
    assert result.exit_code == 0, result.output
    names = {p.name for p in target.iterdir()}
    assert {"index.html", "controle.html", "begroting-2024.html", "monitor-2021-Q3.html"} <= names
    assert "project-zorgstart.html" in names and "besluit-doc-23001887.html" in names
    assert len([n for n in names if n.startswith("project-")]) == 39
    for page in target.iterdir():
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            assert (target / href).is_file(), (page.name, href)
    start = (target / "index.html").read_text(encoding="utf-8")
    assert '<a href="begroting-2024.html">Begroting 2024</a>' in start
    monitor = (target / "monitor-2021-Q3.html").read_text(encoding="utf-8")
    assert '<a href="project-zorgstart.html">ZorgStart</a>' in monitor  # one click from a figure to its project
    begroting = (target / "begroting-2021.html").read_text(encoding="utf-8")
    # a project's budget line ("AI Operator: Begeleiding ...") links to the project, where its source is
    assert '<a href="project-ai-operator.html">AI Operator: Begeleiding (eerste 6 maanden)</a>' in begroting
    assert '<a href="project-jongeren.html">Jongeren</a>' in begroting
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]  # no temporary directory left


def test_the_site_replaces_a_site_whole_and_never_writes_into_data(shipped_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    assert run("site", "-o", target, data=shipped_copy).exit_code == 0
    assert (target / ".waw-site").read_text().startswith("waw site\nbegroting-")
    (target / "index.html").write_text("old")
    assert run("site", "-o", target, data=shipped_copy).exit_code == 0  # an earlier site is replaced whole
    assert (target / "index.html").read_text() != "old"
    before = snapshot(shipped_copy)
    refused = run("site", "-o", shipped_copy / "site", data=shipped_copy)
    assert refused.exit_code == 2 and "inside the data directory" in refused.stderr
    assert snapshot(shipped_copy) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]  # no temporary directory left


def test_the_site_never_replaces_the_repository_data_or_a_directory_of_other_files(tmp_path: Path) -> None:
    """`-o` at the repository once renamed it aside and removed it, .git and data/ included, with exit 0."""
    repo = tmp_path / "repo"
    shutil.copytree(SHIPPED, repo / "data")
    (repo / "README.md").write_text("mine")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "data")
    before = snapshot(repo)
    for output in (repo, repo / "data", tmp_path):
        refused = run("site", "-o", output, data=repo / "data")
        assert refused.exit_code == 2, (output, refused.output)
        assert refused.stdout == "" and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        assert "never replaces" in refused.stderr or "inside the data directory" in refused.stderr
        assert snapshot(repo) == before
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    refused = run("site", "-o", other, data=repo / "data")
    assert refused.exit_code == 2 and "did not write (notes.txt)" in refused.stderr
    assert [p.name for p in other.iterdir()] == ["notes.txt"]
    site = tmp_path / "site"
    assert run("site", "-o", site, data=repo / "data").exit_code == 0
    (site / "notes.txt").write_text("added by hand to a site")
    refused = run("site", "-o", site, data=repo / "data")
    assert refused.exit_code == 2 and "notes.txt" in refused.stderr
    assert (site / "notes.txt").read_text() == "added by hand to a site"
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / ".waw-site").write_text("waw site\n")
    (forged / "thesis.tex").write_text("years of work")
    assert run("site", "-o", forged, data=repo / "data").exit_code == 2
    assert (forged / "thesis.tex").read_text() == "years of work"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("site", "-o", empty, data=repo / "data").exit_code == 0 and (empty / "index.html").is_file()
    assert snapshot(repo) == before
