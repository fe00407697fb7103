"""The site as a reader sees it, in headless Chromium: every page renders without a console error, fits 1280
pixels and an A4 page, every link leads somewhere, and the Q3-2021 monitor shows the figures of the JSON.

Chromium is Debian's package (`.ci/run` installs it when it is missing), driven by Playwright through its
executable path; where either is absent these tests skip and say why.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
import yaml

from helpers import SHIPPED, build_realised, run, with_an_orange_light
from wawtool.figures import Figure
from wawtool.layout.dutch import LIGHT_LABEL, euro, figure_text, number_text

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parent.parent / "docs"

CHROMIUM = os.environ.get("WAW_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
# A4 is 210 by 297 mm; the page's print margins (12 mm each side) leave 186 mm in portrait (703 CSS pixels at
# 96 per inch) and 273 mm in landscape, which a page with a wide table asks for (`<body class="landscape">`).
A4_CONTENT_PX = {"portrait": round((210 - 2 * 12) / 25.4 * 96), "landscape": round((297 - 2 * 12) / 25.4 * 96)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium; or set WAW_CHROMIUM)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


# Pages of `--format html` that the site has no page for, written beside the site's pages.
COMMAND_PAGES = {
    "status-Q3-2023.html": ["status", "--quarter", "Q3-2023"],
    "status-Q3-2021-scholing.html": ["status", "--quarter", "Q3-2021", "--category", "scholingsprojecten"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("browser") / "site"
    result = run("site", "-o", target, data=SHIPPED)
    assert result.exit_code == 0, result.output
    for name, command in COMMAND_PAGES.items():
        page = run(*command, "--format", "html", data=SHIPPED)
        assert page.exit_code == 0, page.output
        (target / name).write_text(page.stdout, encoding="utf-8")
    return target


def _open(browser: Any, path: Path, width: int = 1280, media: str = "screen") -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.emulate_media(media=media)
    page.goto(path.as_uri(), wait_until="load")
    return page, problems


def _overflow(page: Any) -> list[str]:
    """Elements that reach past the right edge of the viewport, named so a failure says where."""
    return page.evaluate(
        """() => {
            const limit = document.documentElement.clientWidth;
            const wide = [];
            for (const e of document.body.querySelectorAll('*')) {
                const r = e.getBoundingClientRect();
                if (r.right > limit + 0.5 && !e.closest('svg *')) wide.push(`${e.tagName} ${Math.round(r.right)}px`);
            }
            const page = document.documentElement.scrollWidth;
            if (page > limit) wide.push(`page ${page}px`);
            return wide.slice(0, 5);
        }"""
    )


def test_every_page_renders_without_errors_and_fits_1280_pixels_and_a4(browser: Any, site: Path) -> None:
    pages = sorted(site.glob("*.html"))
    assert len(pages) == 50 + len(COMMAND_PAGES)
    for path in pages:
        page, problems = _open(browser, path)
        assert not problems, (path.name, problems)
        assert page.locator("h1").count() == 1 and page.locator("main table, main figure").count() > 0, path.name
        assert not _overflow(page), (path.name, "1280 px", _overflow(page))
        orientation = page.evaluate("document.body.className")
        page.close()
        printed, problems = _open(browser, path, width=A4_CONTENT_PX[orientation], media="print")
        assert not _overflow(printed), (path.name, f"A4 {orientation}", _overflow(printed))
        pdf = printed.pdf(format="A4", prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF") and not problems, (path.name, problems)
        width, height = (float(v) for v in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
        assert (width > height) == (orientation == "landscape") and round(min(width, height)) == 595  # A4

        printed.close()


def test_every_link_of_the_site_resolves(browser: Any, site: Path) -> None:
    checked = 0
    for path in sorted(site.glob("*.html")):
        page, _ = _open(browser, path)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            target = urlparse(href)
            assert target.scheme == "file", (path.name, href)  # nothing points off the site
            assert Path(unquote(target.path)).is_file(), (path.name, href)
            if target.fragment:
                assert page.locator(f"#{target.fragment}").count() == 1, (path.name, href)
            checked += 1
        page.close()
    assert checked > 500


def _cells(page: Any) -> list[list[str]]:
    return page.eval_on_selector_all(
        "tbody tr", "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText.trim()))"
    )


def test_the_q3_2021_monitor_page_shows_the_figures_of_the_json(browser: Any, site: Path) -> None:
    report = json.loads(run("report", "--quarter", "Q3-2021", "--format", "json", data=SHIPPED).stdout)
    page, _ = _open(browser, site / "monitor-2021-Q3.html")
    rows = _cells(page)
    checked = 0
    for block in report["categories"]:
        for row in block["rows"]:
            light = LIGHT_LABEL[row["state"]] + (" (handmatig)" if row["manual"] else "")
            wanted = [row["project_name"], light]
            for figure, percent in ((row["result"], row["unit"] == "percent"), (row["target"], False)):
                if figure and figure["value"] is not None:
                    wanted.append(number_text(Decimal(str(figure["value"])), figure["qualifier"], percent=percent))
            if row["share"] is not None:
                share = Figure(value=Decimal(str(row["share"])), approximate=row["share_approximate"])
                wanted.append(figure_text(share, money=False, percent=True))
            assert any(all(w in cells for w in wanted) for cells in rows), wanted
            checked += 1
    for headline in report["headline"]:
        value = headline["result"]["value"]
        shown = "onbekend" if value is None else number_text(Decimal(str(value)), headline["result"]["qualifier"])
        assert [headline["indicator_name"], shown] in [cells[:2] for cells in rows]
        checked += 1
    assert checked == 22 + 4  # every project row and every headline figure
    page.close()


def test_the_begroting_page_shows_every_amount_of_the_json(browser: Any, site: Path) -> None:
    from wawtool.layout.dutch import euro

    report = json.loads(run("budget", "--year", "2024", "--format", "json", data=SHIPPED).stdout)
    page, _ = _open(browser, site / "begroting-2024.html")
    rows = _cells(page)
    lines = [line for group in report["groups"] for line in group["lines"]]
    for line in lines:
        shown = euro(Decimal(line["amount"]), whole=True)  # the begroting's table is in whole euros, as Tabel 1
        label = line["label"] + (" (voorwaardelijk)" if line["condition"] else "")
        assert any(label in cells and shown in cells for cells in rows), line
    for group in report["groups"]:
        shown = euro(Decimal(group["subtotal"]), whole=True)
        assert any(group["name"] in cells and shown in cells for cells in rows), group
    footer = page.eval_on_selector_all("tfoot tr", "rows => rows.map(r => r.innerText)")
    assert any(euro(Decimal(report["total"]), whole=True) in text for text in footer)
    assert "€ 50.455,25" in page.inner_text("main")  # and the exact amount where the page gives it
    assert len(lines) == 4 + 8 + 1  # Organisatie, Projecten, Trainingen
    page.close()


MONEY = re.compile(r"-?\d+\.\d\d")
RANGE_KEYS = {"low", "high", "margin", "funded_low", "funded_high"}


def _amounts(node: Any, key: str = "") -> Iterator[tuple[str, Decimal]]:
    """Every amount of a report's JSON (money is a string with cents), with the key it stands under."""
    if isinstance(node, dict) and node.get("margin") and node.get("value"):
        from decimal import ROUND_HALF_UP

        from wawtool.layout.dutch import display_unit

        unit = display_unit(Decimal(node["margin"]))  # shown to the step its margin supports
        yield "ranged", (Decimal(node["value"]) / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit
    elif isinstance(node, dict):
        for name, value in node.items():
            yield from _amounts(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from _amounts(value, key)
    elif isinstance(node, str) and MONEY.fullmatch(node):
        yield key, Decimal(node)


def _shown(amount: Decimal, text: str) -> bool:
    from wawtool.layout.dutch import euro

    return euro(amount) in text or euro(amount, whole=True) in text


def test_every_project_and_decision_page_shows_the_figures_of_its_json(browser: Any, site: Path) -> None:
    """`waw show ID --format json` and `waw decision ID --format json` against the page a reader opens: every
    amount, and every target and result in the words of its source (`ruim 80`, `maximaal 12`)."""
    from wawtool.load.loader import load

    dataset = load(SHIPPED).dataset
    checked = 0
    for project in dataset.projects:
        report = json.loads(run("show", project.model.id, "--format", "json", data=SHIPPED).stdout)
        page, _ = _open(browser, site / f"project-{project.model.id}.html")
        text = page.inner_text("main")
        for key, amount in _amounts(report):
            assert _shown(amount, text), (project.model.id, key, amount)
            checked += 1
        for target in report["targets"]:
            if target["value"] is not None:
                shown = number_text(
                    Decimal(target["value"]), target["qualifier"], percent=target.get("unit") == "percent"
                )
                assert shown.split("%")[0] in text, (project.model.id, target)
                checked += 1
        for quarter in report["quarters"]:
            for row in quarter["rows"]:
                if row["result"] and row["result"]["value"] is not None:
                    result = row["result"]
                    shown = number_text(
                        Decimal(str(result["value"])), result["qualifier"], percent=row["unit"] == "percent"
                    )
                    assert shown in text, (project.model.id, quarter["quarter"], row["indicator"], shown)
                    checked += 1
        page.close()
    for decision in dataset.decisions:
        report = json.loads(run("decision", decision.model.id, "--format", "json", data=SHIPPED).stdout)
        page, _ = _open(browser, site / f"besluit-{decision.model.id}.html")
        text = page.inner_text("main")
        for key, amount in _amounts(report):
            if key in RANGE_KEYS:
                continue  # a range is shown as its figure and margin: `ca. € 2.100.000 (± € 50.000)`
            if key not in ("difference", "stated_difference", "excess") or amount != 0:  # none, said in words
                assert _shown(amount, text), (decision.model.id, key, amount)
                checked += 1
        page.close()
    assert checked >= 150  # 156 on the shipped data: amounts, targets and results of 39 projects and 2 decisions


def test_every_printed_page_carries_the_source_date_and_page_number_and_repeats_table_headers(
    browser: Any, site: Path, tmp_path: Path
) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page, _ = _open(browser, site / "status-Q3-2023.html", media="print")
    pdf = tmp_path / "status.pdf"
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    page.close()
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    rows = 0
    for number, printed in enumerate(pages, start=1):
        words = " ".join(printed.split())
        assert "Stand van de projecten Q3-2023 (t/m 2023-09) · bron: " in words and "gemaakt op " in words
        assert f"pagina {number} van {len(pages)}" in words
        categories = ("Doorstroombanen", "Scholingsprojecten", "Begeleiding doelgroepen", "WSP-projecten")
        if any(category in words for category in categories):  # a page with rows of the table has its header
            assert "Categorie Project Indicator Doel Resultaat" in words, number
            rows += 1
    assert rows >= 2  # the table runs over more than one page


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two CSS `rgb(...)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_meets_wcag_aa_contrast_and_every_light_has_its_word_and_shape(
    browser: Any, site: Path, tmp_path: Path
) -> None:
    for path in sorted(site.glob("*.html")):
        page, _ = _open(browser, path)
        _assert_contrast(page, path.name)
        page.close()
    # The real monitors have only green left, so each colour is drawn from the synthetic data: 8, 3 and 1 of a
    # target of 20 (pro rata 5) are groen, oranje and rood
    shapes: dict[str, str] = {}
    for value in ("8", "3", "1"):
        data = with_an_orange_light(build_realised(tmp_path / f"data-{value}"))
        results = data / "results" / "2021-Q2.yaml"
        results.write_text(results.read_text().replace("value: 3", f"value: {value}"))
        html = run("status", "--quarter", "Q2-2021", "--format", "html", data=data)
        (tmp_path / f"status-{value}.html").write_text(html.stdout, encoding="utf-8")
        page, _ = _open(browser, tmp_path / f"status-{value}.html")
        _assert_contrast(page, f"status-{value}.html")
        lights = page.eval_on_selector_all(".light", "spans => spans.map(s => [s.className, s.innerText])")
        shapes |= {css.split("light-")[1]: text.split()[0] for css, text in lights}
        page.close()
    assert shapes == {light: LIGHT_LABEL[light].split()[0] for light in shapes}  # the page shows the word's shape
    assert {"groen", "oranje", "rood"} <= set(shapes) and len(set(shapes.values())) == len(shapes)  # one each


def _assert_contrast(page: Any, name: str) -> None:
    styles = page.evaluate(
        """() => Array.from(document.querySelectorAll('td, th, a, h1, h2, p, .light, .verdict-fail, figcaption'))
            .map(e => {
                let back = e, colour = getComputedStyle(e).backgroundColor;
                while (colour === 'rgba(0, 0, 0, 0)' && back.parentElement) {
                    back = back.parentElement; colour = getComputedStyle(back).backgroundColor;
                }
                return [e.className, e.innerText.slice(0, 30), getComputedStyle(e).color,
                        colour === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : colour];
            })"""
    )
    assert len(styles) > 10, name
    for css, text, foreground, background in styles:
        assert _contrast(foreground, background) >= 4.5, (name, css, text, foreground, background)


def test_the_start_page_opens_with_the_light_counts_of_waw_status(browser: Any, site: Path) -> None:
    """What a reader sees first: the latest quarter's counts per light, equal to `waw status`'s own, and its
    first chart only below them; the ZorgStart page says its total budget over all years before any chart."""
    status = json.loads(run("status", "--format", "json", data=SHIPPED).stdout)
    page, problems = _open(browser, site / "index.html")
    first = page.locator("main section").first
    assert first.locator("h2").inner_text() == f"Lichten {status['quarter']} in één oogopslag"
    table_top = first.bounding_box()["y"]
    assert table_top < page.locator("main figure").first.bounding_box()["y"]
    shown = {
        cells[1]: int(cells[2])
        for cells in first.locator("tbody tr").evaluate_all(
            "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText.trim()))"
        )
    }
    assert shown == {LIGHT_LABEL[c["state"]]: c["count"] for c in status["counts"]}
    assert sum(shown.values()) == len(status["rows"]) and not problems
    page.close()
    project = yaml.safe_load((SHIPPED / "projects" / "zorgstart.yaml").read_text(encoding="utf-8"))
    total = sum((Decimal(str(line["amount"])) for line in project["budget"]), Decimal(0))
    page, problems = _open(browser, site / "project-zorgstart.html")
    facts = page.locator("main section").first
    assert ["Begroting (alle jaren)", euro(total)] in facts.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText.trim().replace(/\\s+/g, ' ')))"
    )
    assert facts.bounding_box()["y"] < page.locator("main figure").first.bounding_box()["y"] and not problems
    page.close()


def test_the_screenshots_of_the_start_and_zorgstart_pages_are_small(browser: Any, site: Path) -> None:
    """docs/screenshots/start.png and show-zorgstart.png (`python docs/screenshots/render.py`), each under
    200 KB; drawn again here with the recipe's own view, so the recipe keeps them small."""
    spec = importlib.util.spec_from_file_location("render", DOCS / "screenshots" / "render.py")
    assert spec is not None and spec.loader is not None
    recipe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recipe)
    for name in ("index.html", "project-zorgstart.html"):
        shot, height = recipe.SHOTS[name]
        assert (DOCS / "screenshots" / shot).stat().st_size < 200_000, shot
        page = browser.new_page(viewport={"width": 1280, "height": height})
        page.goto((site / name).as_uri(), wait_until="load")
        assert len(page.screenshot()) < 200_000, name
        page.close()
