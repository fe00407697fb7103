"""`--format html`: one self-contained, escaped, Dutch page per report, with the same figures as the JSON."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import SHIPPED, run
from wawtool.layout.dutch import number_text


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _page(*args: str, data: Path = SHIPPED) -> _Page:
    result = run(*args, "--format", "html", data=data)
    assert result.exit_code in (0, 1), result.output
    parsed = _Page()
    parsed.feed(result.stdout)
    return parsed


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--quarter", "Q3-2021"],
        ["status", "--quarter", "Q3-2023"],
        ["budget", "--year", "2024"],
        ["check-budget"],
        ["decision", "doc-23001887"],
        ["show", "zorgstart"],
    ],
    ids=lambda c: c[0],
)
def test_every_page_is_dutch_self_contained_and_has_header_cells(command: list[str]) -> None:
    page = _page(*command)
    (html,) = [attrs for tag, attrs in page.tags if tag == "html"]
    assert html["lang"] == "nl"
    assert not [t for t, _ in page.tags if t in {"script", "link", "iframe"}]  # nothing to fetch or run
    images = [a for t, a in page.tags if t == "img"]  # charts: SVG inside the page, each with its alternative
    assert all((a["src"] or "").startswith("data:image/svg+xml;base64,") and a["alt"] for a in images)
    assert any(t == "th" and a.get("scope") == "col" for t, a in page.tags)
    assert any(t == "style" for t, _ in page.tags)


def test_the_q3_2021_monitor_page_shows_the_figures_of_the_json() -> None:
    report = json.loads(run("report", "--quarter", "Q3-2021", "--format", "json", data=SHIPPED).stdout)
    rows = _page("report", "--quarter", "Q3-2021").rows
    checked = 0
    for block in report["categories"]:
        for row in block["rows"]:
            result = row["result"]
            if result and result["value"] is not None:
                shown = number_text(
                    Decimal(str(result["value"])),
                    result["qualifier"],
                    percent=row["unit"] == "percent",
                )
                assert any(row["project_name"] in r and shown in r for r in rows), (row["project_name"], shown)
                checked += 1
    assert checked >= 5


def test_lights_have_their_word_and_values_are_escaped(minimal: Path) -> None:
    alpha = minimal / "projects" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("name: Alpha", "name: '<b>Alpha</b> & co'"))
    result = run("budget", "--year", "2021", "--format", "html", data=minimal)
    assert "&lt;b&gt;Alpha&lt;/b&gt; &amp; co" in result.stdout and "<b>Alpha" not in result.stdout
    status = run("status", "--quarter", "Q3-2023", "--format", "html", data=SHIPPED).stdout
    assert '<span class="light light-groen">● groen</span>' in status


def test_the_print_footer_is_one_css_string_whatever_the_title_holds() -> None:
    from wawtool.render.html import css_string

    hostile = 'Begroting "2024" \\ </style><script>alert(1)</script> · € 5'
    quoted = str(css_string(hostile))
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"' and not set('"<>\n') & set(inner)
    # CSS reads each escape back as its character: decode the way a browser does
    decoded = re.sub(r"\\([0-9a-f]{6}) ", lambda m: chr(int(m.group(1), 16)), inner)
    assert decoded == hostile


def test_a_printed_page_names_the_commit_of_its_data(minimal: Path) -> None:
    """A page printed for a collegevoorstel says which data it was made from: the commit that last changed the
    data directory, and a warning where the work tree differs from it. Outside git it says nothing of git."""
    from helpers import git

    def footer() -> str:
        page = run("budget", "--year", "2021", "--format", "html", data=minimal)
        assert page.exit_code == 0, page.output
        return re.search(r"<footer>(.*?)</footer>", page.stdout).group(1)  # type: ignore[union-attr]

    assert "git" not in footer() and f"bron: {minimal}" in footer()
    git(minimal.parent, "init", "-q")
    assert f"bron: {minimal} (niet in git vastgelegd) · " in footer()  # in a repository, never committed
    git(minimal.parent, "add", "data")
    git(minimal.parent, "commit", "-qm", "data")
    commit = run_git(minimal.parent, "log", "-1", "--format=%h %cs")
    short, date = commit.split()
    assert f"bron: {minimal} (git {short} van {date}) · gemaakt op " in footer()
    (minimal / "projects" / "beta.yaml").write_text((minimal / "projects" / "beta.yaml").read_text() + "\n")
    assert f"(git {short} van {date}, met niet vastgelegde wijzigingen)" in footer()


def run_git(repo: Path, *args: str) -> str:
    import subprocess

    from helpers import GIT_ENV

    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout
