"""The site as a reader sees it, in headless Chromium: every page renders without a console error, fits 1280
pixels and an A4 page, every link leads somewhere, and the Q3-2021 monitor shows the figures of the JSON.

Chromium is Debian's package (`.ci/run` installs it when it is missing), driven by Playwright through its
executable path; where either is absent these tests skip and say why.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from helpers import SHIPPED, run
from wawtool.figures import Figure
from wawtool.fmt import LIGHT_LABEL, figure_text, number_text

CHROMIUM = os.environ.get("WAW_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
# A4 is 210 mm wide; the page's print margins (12 mm each side) leave 186 mm, 703 CSS pixels at 96 per inch.
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium; or set WAW_CHROMIUM)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("browser") / "site"
    result = run("site", "-o", target, data=SHIPPED)
    assert result.exit_code == 0, result.output
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
    assert len(pages) == 50
    for path in pages:
        page, problems = _open(browser, path)
        assert not problems, (path.name, problems)
        assert page.locator("h1").count() == 1 and page.locator("main table, main figure").count() > 0, path.name
        assert not _overflow(page), (path.name, "1280 px", _overflow(page))
        page.close()
        printed, problems = _open(browser, path, width=A4_CONTENT_PX, media="print")
        assert not _overflow(printed), (path.name, "A4", _overflow(printed))
        pdf = printed.pdf(format="A4", prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF") and not problems, (path.name, problems)
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
    assert checked == 21 + 4  # every project row and every headline figure
    page.close()


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two CSS `rgb(...)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_meets_wcag_aa_contrast_and_every_light_has_its_word_and_shape(browser: Any, site: Path) -> None:
    page, _ = _open(browser, site / "monitor-2023-Q3.html")
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
    assert len(styles) > 100
    for css, text, foreground, background in styles:
        assert _contrast(foreground, background) >= 4.5, (css, text, foreground, background)
    lights = page.eval_on_selector_all(".light", "spans => spans.map(s => [s.className, s.innerText])")
    shapes = {css.split("light-")[1]: text.split()[0] for css, text in lights}
    assert shapes == {light: LIGHT_LABEL[light].split()[0] for light in shapes}  # the page shows the word's shape
    assert len(shapes) >= 2 and len(set(shapes.values())) == len(shapes)  # and each colour has its own
    page.close()
