"""The same chart drawn by pygal and by matplotlib's SVG backend, to compare the two on what issue 10 asks:
time, output size, and what a screen reader or an office suite gets from the SVG. Install size is measured
outside (`du -sh` of each venv's site-packages; see docs/charts.md).

Run it in a venv that has the library, one process per measurement, so the import is counted:

    python3 -m venv /tmp/pg && /tmp/pg/bin/pip install pygal
    python3 -m venv /tmp/mpl && /tmp/mpl/bin/pip install matplotlib
    /tmp/pg/bin/python benchmarks/chart_libraries.py pygal --out /tmp/pygal.svg
    /tmp/mpl/bin/python benchmarks/chart_libraries.py matplotlib --out /tmp/matplotlib.svg

The data is synthetic: eight projects' shares of their pro-rata targets, one of them approximate.
"""

from __future__ import annotations

import argparse
import io
import time

ROWS = [(f"Project {n} · Indicator {n}", share, light, n == 8) for n, (share, light) in enumerate(
    [(133.3, "groen"), (108.8, "groen"), (178.4, "groen"), (100.0, "groen"),
     (76.2, "oranje"), (107.5, "groen"), (42.0, "rood"), (85.3, "groen")], start=1)]  # fmt: skip
COLOUR = {"groen": "#1e7b34", "oranje": "#b35c00", "rood": "#b3202a"}
TITLE = "Resultaat als % van het doel naar rato (100% = op schema)"


def label(share: float, light: str, approximate: bool) -> str:
    return ("≈ " if approximate else "") + f"{share:.1f}%".replace(".", ",") + f"  {light}"


def draw_pygal() -> str:
    import pygal
    from pygal.style import Style

    chart = pygal.HorizontalBar(
        title=TITLE, show_legend=False, js=[], print_values=True, width=1100, height=110 + 34 * len(ROWS),
        range=(0, 250), truncate_label=-1, style=Style(colors=("#1e7b34",)),
    )  # fmt: skip
    chart.x_labels = [name for name, *_ in reversed(ROWS)]
    chart.add("Aandeel", [{"value": s, "color": COLOUR[c], "label": label(s, c, a)} for _, s, c, a in reversed(ROWS)])
    return chart.render(is_unicode=True)


def draw_matplotlib() -> str:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text as <text>, not as outlines a screen reader cannot read
    plt.rcParams["svg.hashsalt"] = "waw"
    figure, axes = plt.subplots(figsize=(11, 0.5 + 0.34 * len(ROWS)))
    for index, (_, share, light, approximate) in enumerate(reversed(ROWS)):
        axes.barh(index, share, color=COLOUR[light], alpha=0.35 if approximate else 1, edgecolor=COLOUR[light],
                  linestyle="--" if approximate else "-", linewidth=2 if approximate else 1)  # fmt: skip
        axes.text(share + 3, index, label(share, light, approximate), va="center", fontsize=9)
    axes.set_yticks(range(len(ROWS)), [name for name, *_ in reversed(ROWS)], fontsize=9)
    axes.axvline(100, color="#1a1a1a")
    axes.set_title(TITLE, fontsize=11)
    axes.set_xlim(0, 250)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("library", choices=["pygal", "matplotlib"])
    parser.add_argument("--out", help="write the SVG here, to look at it")
    options = parser.parse_args()
    started = time.perf_counter()
    svg = draw_pygal() if options.library == "pygal" else draw_matplotlib()
    elapsed = time.perf_counter() - started
    if options.out:
        with open(options.out, "w", encoding="utf-8") as out:
            out.write(svg)
    print(
        f"{options.library}: import and draw {elapsed:.3f} s; SVG {len(svg):,} bytes; "
        f"<text> {svg.count('<text')}, <title> {svg.count('<title')}, <desc> {svg.count('<desc')}, "
        f"<style> {svg.count('<style')}, <script> {svg.count('<script')}"
    )


if __name__ == "__main__":
    main()
