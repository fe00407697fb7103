"""`waw site`: the whole dataset as a static, cross-linked site of self-contained pages.

Every page is rendered from the report object its command computes (no figure is computed here); project
names and decision references link to their pages, so the source of every figure is one click away.
"""

from __future__ import annotations

from collections.abc import Callable

from . import decisions
from .budget import budget_years
from .layout.budget import budget_tables, headroom_table
from .layout.charts import ChartSpec, begroting_chart, charts_for, share_chart, share_heading
from .layout.check_budget import check_budget_summary, check_budget_tables
from .layout.decision import decision_summary, decision_tables
from .layout.dutch import decision_status_text
from .layout.monitor import light_count_table, monitor_tables
from .layout.project import project_tables
from .layout.table import Cell, FigureCell, LightCell, MoneyCell, Table
from .lights import ENDED_STATES
from .load.git import data_version
from .load.loader import Dataset
from .models import Decision
from .render.charts import draw
from .render.html import page
from .reports.budget import BudgetReport, build_budget_report, spread_by_span, spread_total
from .reports.check_budget import build_check_budget_report
from .reports.decision import build_decision_report
from .reports.monitor import build_monitor_report
from .reports.project import build_project_report
from .reports.status import StatusReport, build_status_report, quarters_with_data


def pages(dataset: Dataset) -> dict[str, str]:
    """File name -> HTML text, every page of the site."""
    assert dataset.programmes is not None
    budgets = {y: r for y in budget_years(dataset) if (r := build_budget_report(dataset, y)).groups}
    years = list(budgets)
    quarters = quarters_with_data(dataset)
    links: dict[str, str] = {}
    for located in dataset.projects:
        links[located.model.name] = f"project-{located.model.id}.html"
    for decision_file in dataset.decisions:
        links[decision_file.model.reference] = f"besluit-{decision_file.model.id}.html"
    for year in years:
        links[f"Begroting {year}"] = f"begroting-{year}.html"
    nav = (
        [("Start", "index.html"), ("Controle", "controle.html")]
        + [(f"Begroting {y}", f"begroting-{y}.html") for y in years]
        + [(f"Monitor {q.label}", f"monitor-{q.id}.html") for q in quarters]
    )
    data = str(dataset.root)
    version = data_version(dataset.root)

    render = _renderer(data, version, links, nav)

    site: dict[str, str] = {}
    check = build_check_budget_report(dataset)
    site["controle.html"] = render(
        "Controle van de begroting", check_budget_tables(check), check_budget_summary(check), not check.passed
    )
    for year in years:
        tables = [headroom_table(budgets[year]), *budget_tables(budgets[year])]  # the headroom first
        site[f"begroting-{year}.html"] = render(f"Begroting {year}", tables, charts=charts_for(budgets[year]), lead=1)
    for quarter in quarters:
        monitor = build_monitor_report(dataset, quarter)
        if monitor is not None:
            title = f"{monitor.title} ({monitor.quarter}, stand t/m {monitor.as_of})"
            tables = monitor_tables(monitor)  # the key figures first, before the chart
            site[f"monitor-{quarter.id}.html"] = render(title, tables, charts=charts_for(monitor), lead=1)
    for located in dataset.projects:
        report = build_project_report(dataset, located.model)
        site[f"project-{located.model.id}.html"] = render(
            f"{report.name} ({report.id})", project_tables(report), charts=charts_for(report), lead=1
        )  # its facts, its total budget among them, before its charts
    for decision_file in dataset.decisions:
        decision = build_decision_report(dataset, decision_file.model)
        site[f"besluit-{decision_file.model.id}.html"] = render(
            f"Besluit {decision.reference}", decision_tables(decision), decision_summary(decision)
        )
    latest = build_status_report(dataset, quarters[-1]) if quarters else None  # `waw status`'s own report
    site["index.html"] = render(
        "Werken aan Werk en Perspectief op Werk",
        _start_tables(dataset, budgets, latest),
        charts=_start_charts(budgets, latest),
        lead=1 if latest is not None else 0,  # the lights of the latest quarter counted, first
    )
    return site


Render = Callable[..., str]


def _renderer(data: str, version: str | None, links: dict[str, str], nav: list[tuple[str, str]]) -> Render:
    """A page of the site: its links, its navigation and the version of its data."""

    def render(
        title: str,
        tables: list[Table],
        summary: str = "",
        failed: bool = False,
        charts: list[ChartSpec] | None = None,
        lead: int = 0,
    ) -> str:
        """`lead`: the tables that come before the charts (the answer to "how are we doing?" first); a
        summary (the check's verdict) opens its page."""
        drawn = [draw(spec) for spec in charts or []]
        return page(
            title,
            tables,
            summary,
            failed,
            data,
            links=links,
            nav=nav,
            charts=drawn,
            data_version=version,
            lead=lead,
            summary_first=True,
        )

    return render


def _start_charts(budgets: dict[int, BudgetReport], latest: StatusReport | None) -> list[ChartSpec]:
    """The begroting per year by group, and the latest quarter's results against their targets."""
    charts = [c for c in [begroting_chart(budgets)] if c]
    if latest is not None and (chart := share_chart(latest.rows, share_heading(latest.quarter))):
        charts.append(chart)
    return charts


def _start_tables(dataset: Dataset, budgets: dict[int, BudgetReport], latest: StatusReport | None) -> list[Table]:
    """The latest quarter's lights counted first; its rows apart for the running and the ended projects."""
    assert dataset.programmes is not None
    programmes = Table(
        title="Programma's",
        columns=["Programma", "Looptijd"],
        rows=[[p.name, f"{p.period.start} t/m {p.period.end}"] for p in dataset.programmes.model.programmes],
    )
    begroting = Table(
        title="Begroting per jaar",
        columns=["Jaar", "Totaal uitgaven", "Beschikbaar", "Pagina"],
        rows=[],
        numeric=frozenset({1, 2}),
    )
    for year, report in budgets.items():
        begroting.rows.append(
            [
                year,
                MoneyCell(report.total, whole=True),
                FigureCell(report.available),
                f"Begroting {year}",
            ]
        )
    for span, lines in spread_by_span(budgets).items():
        known, partly = spread_total(lines)
        begroting.rows.append(
            [f"{span[0]}-{span[-1]} (verdeling onbekend)", MoneyCell(known, whole=True, partly_unknown=partly), "", ""]
        )
        begroting.notes.append(
            f"{span[0]}-{span[-1]}: regels over meer jaren zonder verdeling per jaar in de bron, in geen jaar "
            "meegeteld: " + "; ".join(line.label for line in lines) + "."
        )
    tables = [light_count_table(latest)] if latest is not None else []
    tables += [programmes, begroting]
    if latest is not None:
        for ended, group in ((False, "lopende projecten"), (True, "gestopte, afgeronde en afgelopen projecten")):
            rows: list[list[Cell]] = [
                [r.project_name, r.indicator_name or "", LightCell(r.state.value, r.manual)]
                for r in latest.rows
                if (r.state in ENDED_STATES) == ended
            ]
            if rows:
                tables.append(Table(f"Lichten {latest.quarter}: {group}", ["Project", "Indicator", "Licht"], rows))
    tables.append(
        Table(
            title="Besluiten",
            columns=["Kenmerk", "Titel", "Status"],
            rows=[[d.reference, d.title, _status(d)] for d in decisions.chain(dataset)],
        )
    )
    return tables


def _status(decision: Decision) -> str:
    step = decisions.current_step(decision)
    return decision_status_text(step.status.value if step else None, step.date.isoformat() if step else None)
