"""`waw site`: the whole dataset as cross-linked pages, written whole and never into data/."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import SHIPPED, run, snapshot


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
    target.mkdir()
    (target / "stale.html").write_text("old")
    assert run("site", "-o", target, data=shipped_copy).exit_code == 0
    assert not (target / "stale.html").exists() and (target / "index.html").exists()
    before = snapshot(shipped_copy)
    refused = run("site", "-o", shipped_copy / "site", data=shipped_copy)
    assert refused.exit_code == 2 and "inside the data directory" in refused.stderr
    assert snapshot(shipped_copy) == before
