"""The charts of the HTML pages compare like with like, draw approximate and unknown figures as such, and say
what they show in words."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import SHIPPED, run, with_synthetic_cap

SVG = "{http://www.w3.org/2000/svg}"


def _charts(*args: str, data: Path = SHIPPED) -> list[ET.Element]:
    result = run(*args, "--format", "html", data=data)
    assert result.exit_code in (0, 1), result.output
    return _images(result.stdout)


def _images(page: str) -> list[ET.Element]:
    """The SVG of every chart: the page embeds each as an image with a data URI."""
    found = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', page)
    assert found or "<img" not in page
    return [ET.fromstring(base64.b64decode(data)) for data, _ in found]


def _bars(chart: ET.Element) -> list[tuple[str, str]]:
    """(value label, style of the drawn rect) of every bar, in the order pygal drew them."""
    bars = []
    for bar in chart.iter(f"{SVG}g"):
        if bar.get("class") == "bar":
            (rect,) = bar.findall(f"{SVG}rect")
            label = next(d.text for d in bar.findall(f"{SVG}desc") if d.get("class") == "value")
            bars.append((label or "", rect.get("style") or ""))
    return bars


def _axis_labels(chart: ET.Element) -> list[str]:
    return [t.text or "" for t in chart.iter(f"{SVG}text") if t.text and "·" in t.text]


def _description(chart: ET.Element) -> str:
    labelled = (chart.get("aria-labelledby") or "").split()
    texts = {e.get("id"): e.text or "" for e in chart.iter() if e.get("id") in labelled}
    assert set(texts) == set(labelled) and labelled, "aria-labelledby names elements that exist"
    return " ".join(texts[i] for i in labelled)


def test_the_monitor_chart_draws_each_share_in_its_lights_colour_with_its_word() -> None:
    (chart,) = _charts("report", "--quarter", "Q3-2021")
    bars = dict(_bars(chart))
    # 80 ("ruim 80") of a pro-rata target of 93,75: a share that is approximate, drawn pale and dashed
    assert "fill:#1e7b34;fill-opacity:0.35" in bars["≈ 85%  ● groen"] and "dasharray" in bars["≈ 85%  ● groen"]
    assert bars["133,3%  ● groen"].startswith("fill:#1e7b34;stroke")  # 7 of 5,25: exact, solid
    assert len(bars) == 2  # GGZ's 19 starts have no target: no bar
    # each label stands beside its own bar, right of its end, at the bar's height
    rects = [r for g in chart.iter(f"{SVG}g") if g.get("class") == "bar" for r in g.findall(f"{SVG}rect")]
    texts = [t for t in chart.iter(f"{SVG}text") if "value" in (t.get("class") or "").split()]
    for rect, text in zip(rects, texts, strict=True):
        right, top = float(rect.get("x", 0)) + float(rect.get("width", 0)), float(rect.get("y", 0))
        assert right < float(text.get("x", 0)) < right + 10 and top < float(text.get("y", 0)) < top + 40
    # Wijkleerbedrijf's period is unknown, so is its share: named, and no bar (not a zero)
    (unknown,) = [label for label in _axis_labels(chart) if label.startswith("Wijkleerbedrijf")]
    assert unknown.endswith("onbekend (periode onbekend)")
    description = _description(chart)
    assert "ZorgStart · Uitstroom naar betaald werk: ≈ 85% van het doel naar rato, ● groen" in description
    assert "Wijkleerbedrijf · Afgeronde scholing (diploma of certificaat): aandeel onbekend" in description


def test_a_cap_is_drawn_grey_with_its_word(shipped_copy: Path) -> None:
    (chart,) = _charts("report", "--quarter", "Q3-2021", data=with_synthetic_cap(shipped_copy))
    bars = dict(_bars(chart))
    assert bars["158,3%  ▲ boven maximum"].startswith("fill:#6b6b6b")  # a cap is no light: grey
    assert len(bars) == 3


def test_every_light_has_its_own_colour_and_shape(minimal: Path) -> None:
    results = minimal / "results" / "2021-Q2.yaml"
    text = results.read_text()
    results.write_text(text.replace("value: 8", "value: 1"))  # 30% of the pro-rata target: rood
    (chart,) = _charts("status", "--quarter", "Q2-2021", data=minimal)
    ((label, style),) = _bars(chart)
    assert label.endswith("✖ rood") and "fill:#b3202a" in style
    from wawtool.layout.charts import LIGHT_COLOUR
    from wawtool.layout.dutch import LIGHT_LABEL

    assert len({LIGHT_LABEL[s][0] for s in LIGHT_COLOUR}) == 3 and len(set(LIGHT_COLOUR.values())) == 3


def test_a_result_of_zero_is_a_bar_of_zero_with_its_label(minimal: Path) -> None:
    """pygal draws a zero bar without a width: the label beside it crashed the page (found by test_round_trip)."""
    results = minimal / "results" / "2021-Q2.yaml"
    results.write_text(results.read_text().replace("value: 8", "value: 0"))
    (chart,) = _charts("status", "--quarter", "Q2-2021", data=minimal)
    ((label, style),) = _bars(chart)
    assert label == "0%  ✖ rood" and "fill:#b3202a" in style


def test_a_share_far_beyond_the_target_is_cut_at_the_axis_end_and_says_its_share(minimal: Path) -> None:
    """A result with three zeros too many (10.000.000 on a target of 10) made pygal write a label every 50% up
    to 400.000.000%: a page took minutes (found by test_round_trip). The axis ends at 500%, the label does not."""
    results = minimal / "results" / "2021-Q2.yaml"
    results.write_text(results.read_text().replace("value: 8", "value: 10000000"))
    result = run("status", "--quarter", "Q2-2021", "--format", "html", data=minimal)
    (chart,) = _images(result.stdout)
    ((label, _),) = _bars(chart)
    assert label == "400.000.000%  ● groen  (balk afgekapt)"
    ticks = [t.text for t in chart.iter(f"{SVG}text") if t.text and t.text.isdigit()]
    assert ticks == [str(n) for n in range(0, 701, 50)]
    assert "De as loopt tot 500%: een langere balk is daar afgekapt" in result.stdout


def test_the_begroting_chart_stacks_groups_and_draws_an_unknown_line_as_a_lower_bound(minimal: Path) -> None:
    (chart,) = _charts("budget", "--year", "2021", data=minimal)
    ((label, style),) = _bars(chart)
    assert label == "Projecten 2021: € 799,75" or label == "Projecten 2021: € 800"
    assert "dasharray" not in style
    beta = minimal / "projects" / "beta.yaml"
    beta.write_text(beta.read_text().replace("amount: 399.75", 'amount: unknown\n    note: "synthetisch"'))
    (chart,) = _charts("budget", "--year", "2021", data=minimal)
    ((label, style),) = _bars(chart)
    assert label == "Projecten 2021: € 400 + onbekend" and "fill-opacity:0.35" in style and "dasharray" in style
    assert "2021: € 400 + onbekend" in [t.text for t in chart.iter(f"{SVG}text")]


def test_the_start_page_shows_the_begroting_per_year_by_group(tmp_path: Path) -> None:
    assert run("site", "-o", tmp_path / "site", data=SHIPPED).exit_code == 0
    start = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    begroting, lights = _images(start)
    description = _description(begroting)
    for year, total in (("2020", "€ 33.000"), ("2021", "€ 580.000"), ("2022", "€ 260.000"), ("2024", "€ 1.054.795")):
        assert f"{year}: {total}" in description
    assert "Organisatie € 149.340, Projecten € 855.000, Trainingen € 50.455" in description
    assert "Q3-2023" in _description(lights)


def test_lines_over_several_years_get_a_bar_of_their_own_never_a_share_of_one_year(tmp_path: Path) -> None:
    """Energietransitie's € 400.000 and ZorgStart's € 557.000 and € 110.000 are for "2021 / 2022" with no split:
    in neither year's bar, and not left out either: a pale, dashed bar of their own, after 2022."""
    assert run("site", "-o", tmp_path / "site", data=SHIPPED).exit_code == 0
    start = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<td>2021-2022 (verdeling onbekend)</td><td class="num">€ 1.067.000</td>' in start  # the table too
    begroting, _ = _images(start)
    axis = [t.text for t in begroting.iter(f"{SVG}text") if t.text and t.text[:2] == "20"]
    years = ["2020: € 33.000", "2021: € 580.000", "2022: € 260.000", "2021-2022: € 1.067.000", "2024: € 1.054.795"]
    assert axis == years
    assert "€ 0" not in [label for label, _ in _bars(begroting)]  # a group absent from a year: no bar, not a zero
    spans = [(label, style) for label, style in _bars(begroting) if label.startswith("2021-2022")]
    assert len(spans) == 1 and "fill-opacity:0.35" in spans[0][1] and "dasharray" in spans[0][1]
    assert spans[0][0] == "2021-2022, verdeling onbekend: € 1.067.000"
    description = _description(begroting)
    assert "2021-2022, over de jaren verdeeld, verdeling onbekend: € 1.067.000, Energietransitie" in description
    assert "ZorgStart: Uitvoeringskosten € 557.000" in description
    (one_year,) = _charts("budget", "--year", "2022")
    labels = [label for label, _ in _bars(one_year)]
    assert labels == ["Projecten 2022: € 260.000", "2021-2022, verdeling onbekend: € 1.067.000"]


def test_a_projects_results_chart_has_one_indicator_against_its_pro_rata_target() -> None:
    charts = _charts("show", "zorgstart")
    titles = [_description(c).split(". ")[0] for c in charts]
    assert titles[0].startswith("ZorgStart: Uitstroom naar betaald werk per kwartaal")
    for chart in charts:  # never two indicators in one chart: two series, the result and its target
        series = ["Resultaat (kleur = licht)", "Doel naar rato"]
        assert [t.text for t in chart.iter(f"{SVG}text") if t.text in series] == series
    first = _description(charts[0])
    assert "Q3-2021: resultaat ruim 80 (● groen), doel naar rato 93,8" in first


def test_a_chart_is_the_same_on_every_machine_and_has_no_script() -> None:
    first = run("report", "--quarter", "Q3-2021", "--format", "html", data=SHIPPED).stdout
    from pygal.etree import etree

    if not etree.lxml:
        pytest.skip("lxml is not installed, so pygal cannot use it")
    assert run("report", "--quarter", "Q3-2021", "--format", "html", data=SHIPPED).stdout == first
    assert etree.lxml  # waw put pygal's own choice back
    assert "<script" not in first and not re.search(r"(href|src)=\"(https?:)?//", first)  # nothing to fetch


def test_check_budget_loads_neither_the_charts_nor_the_templates() -> None:
    """The HTML libraries cost start-up time; only the commands that write HTML may import them."""
    code = "import sys; from wawtool.cli import run; sys.argv = ['waw', '--data', sys.argv[1], 'check-budget']; run()"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, str(SHIPPED)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert "wawtool" in imported and not imported & {"pygal", "jinja2", "markupsafe", "lxml"}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_colour_of_a_chart_stands_out_from_the_white_page() -> None:
    """WCAG 2.1 non-text contrast (1.4.11): a bar's colour at least 3:1 against its background."""
    from wawtool.layout.charts import GROUP_COLOURS, LIGHT_COLOUR, NO_LIGHT_COLOUR, TARGET_COLOUR

    for colour in [*LIGHT_COLOUR.values(), NO_LIGHT_COLOUR, TARGET_COLOUR, *GROUP_COLOURS]:
        assert (1 + 0.05) / (_luminance(colour) + 0.05) >= 3, colour


def test_a_chart_is_the_same_on_every_day_and_machine() -> None:
    """pygal writes "Generated with pygal <version> ... on <today>" into every SVG: a page made tomorrow from
    the same data differed from today's, and the golden files could not hold it."""
    result = run("report", "--quarter", "Q3-2021", "--format", "html", data=SHIPPED)
    svgs = [base64.b64decode(d).decode() for d in re.findall(r"base64,([^\"]+)", result.stdout)]
    assert svgs
    for svg in svgs:
        assert "<!--" not in svg and "pygal.org" not in svg
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", svg)
