"""`waw site`: the whole dataset as cross-linked pages, written whole and never into data/."""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from helpers import SHIPPED, git, run, snapshot
from wawtool.layout.dutch import LIGHT_LABEL, euro


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


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "site"
    result = run("site", "-o", target, data=SHIPPED)
    assert result.exit_code == 0, result.output
    return target


def _section(page: str, title: str) -> str:
    """The HTML of the section whose heading starts with `title`."""
    start = page.index(f"<h2>{title}")
    return page[start : page.index("</section>", start)]


def test_the_start_page_opens_with_the_light_counts_of_waw_status(shipped_site: Path) -> None:
    """The counts are the status report's own (`waw status --format json`), shown before any chart, and the
    ended projects are counted and listed apart from the running ones."""
    status = run("status", "--format", "json", data=SHIPPED)
    assert status.exit_code == 0, status.stderr
    report = json.loads(status.stdout)
    expected = {c["state"]: c["count"] for c in report["counts"]}
    assert expected == {**{s: 0 for s in expected}, **Counter(r["state"] for r in report["rows"])}
    start = (shipped_site / "index.html").read_text(encoding="utf-8")
    main = start[start.index("<main>") :]
    assert main.index(f"<h2>Lichten {report['quarter']} in één oogopslag</h2>") < main.index("<figure")
    assert main.index("<h2>Lichten") < main.index("<h2>Programma")
    table = _section(start, f"Lichten {report['quarter']} in één oogopslag")
    shown = {}
    for label, count in re.findall(r"<td>(?:<span[^>]*>)?([^<]+)(?:</span>)?</td><td class=\"num\">(\d+)</td>", table):
        state = next(s for s, word in LIGHT_LABEL.items() if word == label)
        shown[state] = int(count)
    assert shown == expected
    assert shown["groen"] == 6 and shown["geen-gegevens"] == 24 and shown["gestopt"] == 3  # the shipped data
    assert table.index("lopende projecten") < table.index("groen") < table.index("gestopt, afgerond of afgelopen")
    assert table.index("gestopt, afgerond of afgelopen") < table.index("■ gestopt")
    running = _section(start, f"Lichten {report['quarter']}: lopende projecten")
    ended = _section(start, f"Lichten {report['quarter']}: gestopte, afgeronde en afgelopen projecten")
    assert "■ gestopt" not in running and "□ afgelopen" not in running and "● groen" in running
    assert "■ gestopt" in ended and "● groen" not in ended
    assert running.count("<tr>") - 1 + ended.count("<tr>") - 1 == len(report["rows"])


def test_the_monitor_shows_its_key_figures_and_the_controle_its_verdict_first(shipped_site: Path) -> None:
    monitor = (shipped_site / "monitor-2021-Q3.html").read_text(encoding="utf-8")
    main = monitor[monitor.index("<main>") :]
    assert main.index("<h2>Kerncijfers Q3-2021</h2>") < main.index("<figure") < main.index("<h2>Doorstroombanen")
    check = run("check-budget", "--format", "json", data=SHIPPED)
    controle = (shipped_site / "controle.html").read_text(encoding="utf-8")
    main = controle[controle.index("<main>") :]
    verdict = re.search(r'<p class="summary[^"]*">([^<]+)</p>', main)
    assert verdict is not None and main.index(verdict.group(0)) < main.index("<section>")
    counts = json.loads(check.stdout)["counts"]
    opening = f"{counts['passed']} voldoen, {counts['failed']} voldoen niet, {counts['undecided']} niet toetsbaar."
    assert verdict.group(1).startswith(opening)  # check-budget's own summary, at the top


def _charts(page: str) -> list[str]:
    """The SVG of every chart of a page (embedded as data URIs)."""
    return [base64.b64decode(data).decode() for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)]


def _group_fills(svg: str) -> tuple[dict[str, set[str]], list[str]]:
    """Per begroting group, the fill colours of its bars and its legend key; and the legend's order."""
    fills: dict[str, set[str]] = {}
    for fill, label in re.findall(
        r'<g class="bar" style="fill:(#[0-9a-f]{6});[^"]*"><desc class="label">([^<]+)</desc>', svg
    ):
        fills.setdefault(re.split(r" \d{4}(?:-\d{4})?[:,]", label)[0], set()).add(fill)
    legend = re.findall(r'<rect [^>]*class="color-\d+ reactive" fill="(#[0-9a-f]{6})" /><text [^>]*>([^<:]+)', svg)
    for fill, name in legend:
        fills.setdefault(name, set()).add(fill)
    return fills, [name for _, name in legend]


def test_a_begroting_group_has_one_colour_and_one_place_on_every_page(shipped_site: Path) -> None:
    """The start page's chart of every year and each year's page colour and stack the groups alike."""
    start = _charts((shipped_site / "index.html").read_text(encoding="utf-8"))[0]
    colours, order = _group_fills(start)
    assert {"Organisatie", "Projecten", "Trainingen"} <= set(colours), colours
    assert all(len(fills) == 1 for fills in colours.values()), colours
    assert (
        len({next(iter(f)) for name, f in colours.items() if name in {"Organisatie", "Projecten", "Trainingen"}}) == 3
    )
    for page in sorted(shipped_site.glob("begroting-*.html")):
        year_colours, year_order = _group_fills(_charts(page.read_text(encoding="utf-8"))[0])
        assert year_colours, page.name
        for name, fills in year_colours.items():
            assert fills == colours[name], (page.name, name, fills, colours[name])
        assert year_order == [name for name in order if name in year_order], page.name  # the same stacking order
    assert order[:3] == ["Organisatie", "Projecten", "Trainingen"]  # programmes.yaml's order, bottom up


def test_the_begroting_page_shows_the_conditional_reservations_beside_the_headroom(shipped_site: Path) -> None:
    budget = json.loads(run("budget", "--year", "2024", "--format", "json", data=SHIPPED).stdout)
    conditional = Decimal(str(budget["conditional"]))
    risks = sum((Decimal(str(r["amount"])) for r in budget["risks"] if r["year"] == "2024"), Decimal(0))
    assert conditional == risks == Decimal("465455.25")  # the six reservations of the Voorstel
    page = (shipped_site / "begroting-2024.html").read_text(encoding="utf-8")
    main = page[page.index("<main>") :]
    assert (
        main.index("<h2>Ruimte 2024 in één oogopslag</h2>") < main.index("<figure") < main.index("<h2>Begroting 2024")
    )
    table = _section(page, "Ruimte 2024 in één oogopslag")
    rows = [re.sub(r"<[^>]+>", "", row).strip() for row in re.findall(r"<tr>(.*?)</tr>", table)]
    assert f"waarvan voorwaardelijk{len(budget['risks'])} voorwaardelijke reservering(en){euro(conditional)}" in rows
    assert f"Totaal uitgaven{euro(Decimal(str(budget['total'])))}" in rows
    assert any(r.startswith("Beschikbaar") and "€ 1.300.000" in r for r in rows), rows
    assert any(r.startswith("Ruimte") and "€ 250.000" in r for r in rows), rows


def test_the_zorgstart_page_shows_its_total_budget_over_all_years_near_the_top(shipped_site: Path) -> None:
    project = yaml.safe_load((SHIPPED / "projects" / "zorgstart.yaml").read_text(encoding="utf-8"))
    amounts = [Decimal(str(line["amount"])) for line in project["budget"]]
    assert len(amounts) == 4  # 2020, two lines over 2021-2022, 2024: in no single year's begroting together
    total = sum(amounts, Decimal(0))
    page = (shipped_site / "project-zorgstart.html").read_text(encoding="utf-8")
    main = page[page.index("<main>") :]
    facts = _section(page, "Gegevens")
    assert f"<tr><td>Begroting (alle jaren)</td><td>{euro(total)}</td></tr>" in facts
    assert main.index("<h2>Gegevens") < main.index("<figure")  # before the charts
    budget = _section(page, "Begroting")
    assert f'<td>Alle jaren</td><td>Totaal van de regels</td><td class="num">{euro(total)}</td>' in budget


def test_a_project_total_with_an_unknown_line_stays_partly_unknown(shipped_copy: Path) -> None:
    path = shipped_copy / "projects" / "bouw-en-techniekstart.yaml"
    text = path.read_text(encoding="utf-8")
    extra = (
        "  - year: 2024\n    amount: unknown\n    description: Een regel zonder bedrag\n"
        "    source: test\n    note: de bron noemt geen bedrag\n"
    )
    path.write_text(text.replace("targets:\n", extra + "targets:\n", 1), encoding="utf-8")
    shown = run("show", "bouw-en-techniekstart", "--format", "json", data=shipped_copy)
    assert shown.exit_code == 0, shown.stderr
    report = json.loads(shown.stdout)
    assert Decimal(report["budget_total"]["value"]) == Decimal(210000) and report["budget_unknown_lines"] == 1
    markdown = run("show", "bouw-en-techniekstart", "--format", "markdown", data=shipped_copy).stdout
    assert "| Begroting (alle jaren) | € 210.000 + onbekend |" in markdown
