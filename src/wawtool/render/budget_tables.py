"""The budget reports laid out as neutral Tables, with Dutch labels."""

from __future__ import annotations

from ..budget import Item, MoveCheck, NeutralityCheck, Post, Risk, TotalCheck, Verdict, YearCheck, years_text
from ..decision_report import DecisionReport, YearEffect
from ..figures import Figure
from ..fmt import VERDICT_LABEL, cell_text
from ..realisatie import NO_REALISATIE, Comparison, FundRow, RealisatieYear
from ..reports import BudgetReport, CheckBudgetReport
from ..table import Cell, FigureCell, MoneyCell, Table, VerdictCell


def check_budget_tables(report: CheckBudgetReport) -> list[Table]:
    tables = [_totals_table(report.totals)]
    tables += [_neutrality_table(check) for check in report.neutrality]
    if report.moves:
        tables.append(_moves_table(report.moves))
    tables.append(_years_table(report.years))
    tables += [_year_lines_table(y) for y in report.years if y.available is not None or y.verdict == Verdict.FAIL]
    tables.append(_risks_table(report.risks))
    tables.append(_realisatie_check_table(report))
    findings = [f for r in report.realisatie for f in r.findings]
    if findings:
        tables.append(
            Table(
                title="Bevindingen realisatie",
                columns=["Jaar", "Post", "Bedrag", "Bevinding"],
                rows=[[f.year, f.scope, MoneyCell(f.amount), f.explanation] for f in findings],
                numeric=frozenset({2}),
                verdict=Verdict.FAIL,
            )
        )
    underspend = [(r.year, row) for r in report.realisatie for row in r.underspend]
    if underspend:
        tables.append(_underspend_table(underspend))
    return tables


STATUS_LABEL = {"provisional": "voorlopig", "final": "definitief"}


def _percent(value: object) -> Cell:
    from decimal import Decimal

    return FigureCell(Figure.exact(value), money=False, percent=True) if isinstance(value, Decimal) else ""


def _realisatie_check_table(report: CheckBudgetReport) -> Table:
    by_year = {r.year: r for r in report.realisatie}
    if not by_year:
        return Table(
            title="Realisatie tegen begroting",
            columns=["Jaar", "Realisatie"],
            rows=[[y.year, NO_REALISATIE] for y in report.years],
        )
    rows: list[list[Cell]] = []
    for year in [y.year for y in report.years]:
        realised = by_year.get(year)
        if realised is None:
            rows.append([year, NO_REALISATIE, "", "", "", "", ""])
            continue
        failed = any(f.year == year for f in realised.findings)
        rows.append(
            [
                year,
                STATUS_LABEL[realised.status.value],
                MoneyCell(realised.budgeted),
                MoneyCell(realised.spent),
                MoneyCell(realised.difference),
                _percent(realised.share),
                VerdictCell(Verdict.FAIL if failed else Verdict.PASS),
            ]
        )
    return Table(
        title="Realisatie tegen begroting",
        columns=["Jaar", "Realisatie", "Begroot", "Gerealiseerd", "Verschil", "% besteed", "Oordeel"],
        rows=rows,
        numeric=frozenset({2, 3, 4, 5}),
        notes=["Verschil = begroot min gerealiseerd; negatief is meer besteed dan begroot."] if by_year else [],
    )


def _underspend_table(rows: list[tuple[int, Comparison]]) -> Table:
    return Table(
        title="Onderbesteding in definitieve jaren",
        columns=["Jaar", "Post", "Bedrag", "Gaat naar"],
        rows=[
            [
                year,
                row.label,
                MoneyCell(row.difference),
                f"besluit {row.underspend_to}" if row.underspend_to else "het programma",
            ]
            for year, row in rows
        ],
        numeric=frozenset({2}),
    )


def realisatie_tables(realised: RealisatieYear) -> list[Table]:
    """Begroot, gerealiseerd, verschil and % besteed per line and group; then the funds from opening to closing."""
    rows: list[list[Cell]] = []
    for group in realised.groups:
        rows.append(
            [
                group.name,
                "",
                MoneyCell(group.budgeted),
                MoneyCell(group.spent),
                MoneyCell(group.difference),
                _percent(group.share),
            ]
        )
        for row in group.rows:
            spent: Cell = (
                MoneyCell(row.spent) if row.recorded else f"{cell_text(MoneyCell(row.spent))} (geen boekingen)"
            )
            rows.append(["", row.label, MoneyCell(row.budgeted), spent, MoneyCell(row.difference), _percent(row.share)])
    footer: list[list[Cell]] = [
        [
            "Totaal",
            "",
            MoneyCell(realised.budgeted),
            MoneyCell(realised.spent),
            MoneyCell(realised.difference),
            _percent(realised.share),
        ]
    ]
    comparison = Table(
        title=f"Begroot en gerealiseerd {realised.year} ({STATUS_LABEL[realised.status.value]})",
        columns=["Groep", "Post", "Begroot", "Gerealiseerd", "Verschil", "% besteed"],
        rows=rows,
        footer=footer,
        numeric=frozenset({2, 3, 4, 5}),
        notes=[
            "Verschil = begroot min gerealiseerd; negatief is meer besteed dan begroot.",
            f"Bron: {realised.source}.",
        ],
    )
    fund_rows: list[list[Cell]] = [_fund_cells(f) for f in realised.funds]
    notes = []
    if realised.next_available is not None:
        words = f" ({realised.next_available_quote})" if realised.next_available_quote else ""
        stated = MoneyCell(realised.next_available, whole=True, approximate=realised.next_available_approximate)
        notes.append(
            f"Beschikbaar {realised.year + 1} volgens de bronnen{words}: {cell_text(stated)}; "
            f"eindsaldo {realised.year} volgens de realisatie: {cell_text(MoneyCell(realised.funds_total.closing))}."
        )
    unknown = [f.name for f in realised.funds if f.opening is None and f.funding is not None]
    if unknown:
        notes.append(f"Beginsaldo onbekend voor {', '.join(unknown)}: het eindsaldo is dan ook onbekend.")
    funds = Table(
        title=f"Middelen {realised.year}",
        columns=["Bron", "Beginsaldo", "Toevoegingen", "Besteed", "Eindsaldo"],
        rows=fund_rows,
        footer=[_fund_cells(realised.funds_total)],
        numeric=frozenset({1, 2, 3, 4}),
        notes=notes,
    )
    return [comparison, funds]


def _fund_cells(row: FundRow) -> list[Cell]:
    opening: Cell = MoneyCell(row.opening)
    if row.opening is not None and row.opening_from == "vorig jaar":
        opening = f"{cell_text(MoneyCell(row.opening))} (eind vorig jaar)"
    return [row.name, opening, MoneyCell(row.additions), MoneyCell(row.spent), MoneyCell(row.closing)]


def _totals_table(checks: list[TotalCheck]) -> Table:
    rows: list[list[Cell]] = []
    for check in checks:
        items = check.lines.items
        sum_text = " + ".join(cell_text(_money(i)) for i in items) if len(items) <= 4 else f"{len(items)} regels"
        rows.append(
            [
                check.scope,
                check.label,
                sum_text,
                MoneyCell(check.lines.known),
                MoneyCell(check.stated.amount, approximate=check.stated.approximate),
                MoneyCell(check.lines.derived_unknown, derived=True) if check.lines.unknown_items else "",
                MoneyCell(check.difference) if not check.lines.unknown_items else "",
                VerdictCell(check.verdict),
            ]
        )
    return Table(
        title="Vermelde totalen tegen hun regels",
        columns=[
            "Project / besluit",
            "Totaal",
            "Regels",
            "Som bekend",
            "Vermeld",
            "Onbekend deel",
            "Verschil",
            "Oordeel",
        ],
        rows=rows,
        numeric=frozenset({3, 4, 5, 6}),
        verdict=_worst([c.verdict for c in checks]),
    )


def _money(item: Item) -> MoneyCell:
    return MoneyCell(item.amount, partly_unknown=item.partly_unknown)


def _neutrality_table(check: NeutralityCheck) -> Table:
    rows: list[list[Cell]] = []
    rows += [["Vrijgevallen", post.label, FigureCell(post.figure)] for post in check.released]
    rows += [["Gefinancierd", _post_label(post), FigureCell(post.figure)] for post in check.funded]
    stated_side = {"funded": "gefinancierd", "released": "vrijgevallen"}.get(check.stated_applies_to or "", "")
    quote = f" ({check.stated.quote})" if check.stated and check.stated.quote else ""
    footer: list[list[Cell]] = [
        [
            "Vrijgevallen",
            "Totaal vrijgevallen" + (quote if stated_side == "vrijgevallen" else ""),
            FigureCell(check.released_total),
        ],
        [
            "Gefinancierd",
            "Totaal gefinancierd" + (quote if stated_side == "gefinancierd" else ""),
            FigureCell(check.funded_total),
        ],
        ["Flexibel budget", "Restant: vrijgevallen min gefinancierd", FigureCell(check.flexible_budget)],
    ]
    notes = [check.explanation]
    if check.stated:
        notes.append(f"Het vermelde totaal hoort bij {stated_side or 'geen kant'}: {check.stated.source}.")
    notes += [f"Voorwaarde bij {post.label}: {post.condition}" for post in check.funded if post.condition]
    return Table(
        title=f"Financiële neutraliteit: {check.title} ({check.reference})",
        columns=["Kant", "Post", "Bedrag"],
        rows=rows,
        footer=footer,
        notes=notes,
        verdict=check.verdict,
        numeric=frozenset({2}),
    )


def _post_label(post: Post) -> str:
    return f"{post.label} (voorwaardelijk)" if post.condition else post.label


def _moves_table(checks: list[MoveCheck]) -> Table:
    rows: list[list[Cell]] = [
        [
            m.reference,
            f"{m.project_name}: {m.label}",
            m.year or "",
            MoneyCell(m.previous),
            MoneyCell(m.amount),
            MoneyCell(m.declared),
            MoneyCell(m.difference) if m.difference else "",
            VerdictCell(m.verdict),
        ]
        for m in checks
    ]
    notes = [f"{m.reference}, {m.project_name} '{m.line}' {m.year}: {m.explanation}" for m in checks if m.difference]
    return Table(
        title="Verschuivingen tussen begrotingsregels",
        columns=["Besluit", "Regel", "Jaar", "Was", "Wordt", "Verschoven", "Verschil", "Oordeel"],
        rows=rows,
        numeric=frozenset({3, 4, 5, 6}),
        notes=notes,
        verdict=_worst([m.verdict for m in checks]),
    )


def _years_table(years: list[YearCheck]) -> Table:
    rows: list[list[Cell]] = [
        [
            y.year,
            MoneyCell(y.committed),
            y.unknown_lines or "",
            len(y.spread) or "",
            MoneyCell(y.available, approximate=y.available_approximate) if y.available is not None else "onbekend",
            MoneyCell(y.headroom, approximate=y.headroom_approximate) if y.headroom is not None else "",
            VerdictCell(y.verdict),
        ]
        for y in years
    ]
    return Table(
        title="Verplichtingen per jaar tegen beschikbare middelen",
        columns=[
            "Jaar",
            "Verplicht (bekend)",
            "Regels onbekend bedrag",
            "Regels over meer jaren",
            "Beschikbaar",
            "Ruimte",
            "Oordeel",
        ],
        rows=rows,
        numeric=frozenset({1, 4, 5}),
        notes=["Regels over meer jaren hebben geen verdeling per jaar in de bron en tellen niet mee in één jaar."],
        verdict=_worst([y.verdict for y in years]),
    )


def _year_lines_table(year: YearCheck) -> Table:
    rows: list[list[Cell]] = [
        [line.group_name, line.label, MoneyCell(line.amount, derived=line.derived_from is not None)]
        for line in year.lines
    ]
    footer: list[list[Cell]] = [["", "Totaal verplicht", MoneyCell(year.committed)]]
    footer.append(
        [
            "",
            "Beschikbaar" + (f" ({year.available_quote})" if year.available_quote else ""),
            MoneyCell(year.available, approximate=year.available_approximate),
        ]
    )
    if year.headroom is not None:
        footer.append(
            [
                "",
                "Ruimte" if year.headroom >= 0 else "Overschrijding",
                MoneyCell(abs(year.headroom), approximate=year.headroom_approximate),
            ]
        )
    return Table(
        title=f"Verplichtingen {year.year}",
        columns=["Groep", "Post", "Bedrag"],
        rows=rows,
        footer=footer,
        notes=[year.explanation],
        verdict=year.verdict,
        numeric=frozenset({2}),
    )


def _risks_table(report_risks: list[Risk]) -> Table:
    rows: list[list[Cell]] = [
        [r.year, r.label, MoneyCell(r.amount, derived=r.derived_from is not None), r.condition] for r in report_risks
    ]
    return Table(
        title="Voorwaardelijke reserveringen (risico's)",
        columns=["Jaar", "Post", "Bedrag", "Voorwaarde"],
        rows=rows,
        numeric=frozenset({2}),
    )


def budget_tables(report: BudgetReport) -> list[Table]:
    rows: list[list[Cell]] = []
    for group in report.groups:
        rows.append([group.name, "", MoneyCell(group.subtotal, whole=True)])
        rows += [
            ["", line.label, MoneyCell(line.amount, whole=True, derived=line.derived_from is not None)]
            for line in group.lines
        ]
    footer: list[list[Cell]] = [["Totaal uitgaven", "", MoneyCell(report.total, whole=True)]]
    footer.append(
        [
            "Beschikbaar",
            report.available_quote or "",
            MoneyCell(report.available, whole=True, approximate=report.available_approximate),
        ]
    )
    if report.headroom is not None:
        label = "Ruimte" if report.headroom >= 0 else "Overschrijding"
        footer.append([label, "", MoneyCell(abs(report.headroom), whole=True, approximate=report.headroom_approximate)])
    notes = []
    if report.stated_total:
        st = report.stated_total
        notes.append(
            f"{st.label}: vermeld {cell_text(MoneyCell(st.stated.amount, whole=True))}, "
            f"exact {cell_text(MoneyCell(st.lines.known))} ({cell_text(VerdictCell(st.verdict))})."
        )
    if report.unknown_lines:
        notes.append(f"{report.unknown_lines} regel(s) met onbekend bedrag tellen niet mee.")
    for spread in report.spread:
        notes.append(
            f"Over {spread.years[0]}-{spread.years[-1]} verdeeld, verdeling onbekend: {spread.label} "
            f"{cell_text(MoneyCell(spread.amount, whole=True))}."
        )
    tables = [
        Table(
            title=f"Begroting {report.year}",
            columns=["Groep", "Post", "Bedrag"],
            rows=rows,
            footer=footer,
            notes=notes,
            numeric=frozenset({2}),
        )
    ]
    if report.realisatie is not None:
        tables += realisatie_tables(report.realisatie)
    else:
        notes.append(f"Realisatie {report.year}: {NO_REALISATIE}.")
    if report.risks:
        tables.append(_risks_table(report.risks))
    return tables


def _worst(verdicts: list[Verdict]) -> Verdict | None:
    for verdict in (Verdict.FAIL, Verdict.UNKNOWN, Verdict.PASS):
        if verdict in verdicts:
            return verdict
    return None


FAILURE_LABEL = {
    "total": "vermeld totaal wijkt af",
    "neutrality": "bijstelling niet neutraal",
    "move": "verschuiving niet verwerkt",
    "year": "overschrijding",
    "overspend": "meer besteed dan begroot",
    "outside-period": "besteed buiten de looptijd",
    "above-funds": "verplichtingen boven de middelen",
}
DATED = {"move", "overspend", "outside-period"}


def check_budget_summary(report: CheckBudgetReport) -> str:
    """The closing line: every failure with its year or scope and the euro difference."""
    if report.passed:
        extra = (
            f" ({report.not_testable} niet te toetsen: de bronnen noemen geen bedrag)" if report.not_testable else ""
        )
        return f"Alle toetsbare controles voldoen{extra}."
    parts = [
        f"{f.scope}{f' {f.year}' if f.year and f.check in DATED else ''}: {FAILURE_LABEL[f.check]} "
        f"{cell_text(MoneyCell(abs(f.difference)))}"
        for f in report.failures
    ]
    return f"{len(report.failures)} controle(s) voldoen niet: " + "; ".join(parts) + "."


def decision_tables(report: DecisionReport) -> list[Table]:
    facts: list[list[Cell]] = [
        ["Kenmerk", report.reference],
        ["Datum", report.date],
        ["Soort", report.kind],
        ["Bron", report.source],
    ]
    if report.stopped:
        facts.append(["Stopt", ", ".join(report.stopped)])
    tables = [Table(title=f"Besluit {report.reference}: {report.title}", columns=["", ""], rows=facts)]
    if report.neutrality:
        tables.append(_neutrality_table(report.neutrality))
    if report.changes or report.spread:
        tables.append(_was_wordt_table(report))
    if report.years:
        tables.append(_effects_table(report.years))
    if report.moves:
        tables.append(_moves_table(report.moves))
    conditions: list[list[Cell]] = [
        [change.project_name, change.label, FigureCell(change.wordt), change.condition]
        for change in [*report.changes, *report.spread]
        if change.condition
    ]
    if conditions:
        tables.append(
            Table(
                title="Voorwaarden",
                columns=["Project", "Regel", "Bedrag", "Voorwaarde"],
                rows=conditions,
                numeric=frozenset({2}),
            )
        )
    return tables


def _was_wordt_table(report: DecisionReport) -> Table:
    rows: list[list[Cell]] = [
        [
            change.project_name,
            years_text(change.years),
            change.label,
            MoneyCell(change.was) if change.was is not None else "—",
            FigureCell(change.wordt),
            FigureCell(change.wordt - change.was) if change.was is not None else FigureCell(change.wordt),
        ]
        for change in [*report.changes, *report.spread]
    ]
    return Table(
        title="Was / wordt per project en jaar",
        columns=["Project", "Jaar", "Regel", "Was", "Wordt", "Verschil"],
        rows=rows,
        numeric=frozenset({3, 4, 5}),
        notes=["— : de regel is nieuw met dit besluit."]
        + (["Regels over meer jaren hebben geen verdeling per jaar in de bron."] if report.spread else []),
    )


def _effects_table(effects: list[YearEffect]) -> Table:
    rows: list[list[Cell]] = [
        [
            e.year,
            MoneyCell(e.total_before),
            MoneyCell(e.change),
            MoneyCell(e.total_after),
            MoneyCell(e.available, approximate=e.available_approximate) if e.available is not None else "onbekend",
            MoneyCell(e.headroom_before, approximate=e.available_approximate) if e.headroom_before is not None else "",
            MoneyCell(e.headroom_after, approximate=e.available_approximate) if e.headroom_after is not None else "",
        ]
        for e in effects
    ]
    unknown = sum(e.unknown_changes for e in effects)
    return Table(
        title="Effect op totaal en ruimte per jaar",
        columns=["Jaar", "Totaal was", "Dit besluit", "Totaal wordt", "Beschikbaar", "Ruimte was", "Ruimte wordt"],
        rows=rows,
        numeric=frozenset({1, 2, 3, 4, 5, 6}),
        notes=[f"{unknown} regel(s) van dit besluit met onbekend bedrag tellen niet mee."] if unknown else [],
    )


def decision_summary(report: DecisionReport) -> str:
    return f"{VERDICT_LABEL[report.verdict]}: {report.explanation}."
