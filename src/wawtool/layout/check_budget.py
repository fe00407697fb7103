"""`waw check-budget` laid out: every verdict in a table of its own, and the closing line with each failure."""

from __future__ import annotations

from ..budget import Item, TotalCheck, YearCheck
from ..decisions import Resting
from ..figures import Figure
from ..funds import FundWithdrawal
from ..moves import MoveCheck
from ..neutrality import NeutralityCheck, Post
from ..periods import years_text
from ..realisatie import NO_REALISATIE, Comparison
from ..reports.check_budget import CheckBudgetReport, Failure
from ..values import Verdict, worst
from .budget import risks_table
from .dutch import cell_text, change_text, decision_status_text, euro
from .mandates import mandates_table
from .realisatie import REALISATIE_STATUS_LABEL, VERSCHIL_NOTE, percent_cell, verschil_cell
from .rechtmatigheid import rechtmatigheid_tables
from .table import Cell, FigureCell, MoneyCell, Table, VerdictCell


def check_budget_tables(report: CheckBudgetReport) -> list[Table]:
    tables = [_totals_table(report.totals)]
    tables += [neutrality_table(check) for check in report.neutrality]
    if report.moves:
        tables.append(moves_table(report.moves))
    tables.append(_years_table(report.years))
    tables += [_year_lines_table(y) for y in report.years if y.available.known or y.verdict == Verdict.FAIL]
    tables.append(risks_table(report.risks))
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
    for realised in report.realisatie:
        tables += rechtmatigheid_tables(realised.rechtmatigheid, projects=False)
    underspend = [(r.year, row) for r in report.realisatie for row in r.underspend]
    if underspend:
        tables.append(_underspend_table(underspend))
    withdrawals = [(f.name, w) for f in report.funds for w in f.withdrawals]
    if withdrawals:
        tables.append(withdrawals_table(withdrawals))
    if report.mandates:
        tables.append(mandates_table(report.mandates, report.mandates_note))
    if report.decisions:
        tables.append(_decisions_table(report.decisions))
    return tables


def withdrawals_table(withdrawals: list[tuple[str, FundWithdrawal]]) -> Table:
    """Every move from a fund against the balance it had just before: money from a fund of unknown size is
    niet toetsbaar, never neutral."""
    rows: list[list[Cell]] = [
        [
            w.reference,
            f,
            w.year,
            w.label,
            MoneyCell(w.amount),
            MoneyCell(w.balance_before),
            MoneyCell(w.difference) if w.difference else "",
            VerdictCell(w.verdict),
        ]
        for f, w in withdrawals
    ]
    notes = [
        f"{w.reference}, {f}: {w.explanation}; te beslissen met {', '.join(w.missing)}."
        for f, w in withdrawals
        if w.missing
    ]
    return Table(
        title="Opnames uit fondsen",
        columns=["Besluit", "Fonds", "Jaar", "Opname", "Bedrag", "Saldo ervoor", "Tekort", "Oordeel"],
        rows=rows,
        numeric=frozenset({4, 5, 6}),
        notes=notes + ["Het verloop van elk fonds: waw funds."],
        verdict=worst([w.verdict for _, w in withdrawals]),
    )


def _decisions_table(resting: list[Resting]) -> Table:
    """Which figures rest on a decision that is only proposed: check-budget checks the data as they stand,
    proposals included, and says so."""
    rows: list[list[Cell]] = []
    for r in resting:
        parts = []
        if r.introduced:
            parts.append(f"{r.introduced} nieuwe regel(s), {euro(r.introduced_amount)}")
        if r.changed:
            parts.append(f"{r.changed} gewijzigde regel(s), {change_text(r.changed_amount, whole=False)}")
        if r.extensions:
            parts.append(f"{r.extensions} verlenging(en)")
        rows.append(
            [
                f"{r.reference} ({r.date})",
                decision_status_text(r.status, r.status_date),
                years_text(r.years) if r.years else "",
                "; ".join(parts),
            ]
        )
    proposed = [r.reference for r in resting if not r.adopted]
    notes = ["check-budget toetst de data zoals ze er staan, voorstellen inbegrepen."]
    if proposed:
        notes.append(
            "Niet vastgesteld (de bedragen en verlengingen die erop rusten zijn voorstellen): "
            + ", ".join(proposed)
            + "."
        )
    return Table(
        title="Besluiten en hun status", columns=["Besluit", "Status", "Jaren", "Rust erop"], rows=rows, notes=notes
    )


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
                REALISATIE_STATUS_LABEL[realised.status.value],
                MoneyCell(realised.budgeted),
                MoneyCell(realised.spent),
                verschil_cell(realised.difference),
                percent_cell(realised.share),
                VerdictCell(Verdict.FAIL if failed else Verdict.PASS),
            ]
        )
    return Table(
        title="Realisatie tegen begroting",
        columns=["Jaar", "Realisatie", "Begroot", "Gerealiseerd", "Verschil", "% besteed", "Oordeel"],
        rows=rows,
        numeric=frozenset({2, 3, 4, 5}),
        notes=[VERSCHIL_NOTE] if by_year else [],
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


def _totals_table(checks: list[TotalCheck]) -> Table:
    rows: list[list[Cell]] = []
    for check in checks:
        items = check.lines.items
        sum_text = " + ".join(cell_text(_money(i)) for i in items) if len(items) <= 4 else f"{len(items)} regels"
        status = check.version_status or "status onbekend"
        if check.version == check.scope:
            scope = f"{check.scope} ({status})"
        elif check.version:
            scope = f"{check.scope} (versie {check.version}, {status})"
        else:
            scope = check.scope
        rows.append(
            [
                scope,
                check.label,
                sum_text,
                MoneyCell(check.lines.known),
                MoneyCell(check.stated.amount, approximate=check.stated.approximate),
                MoneyCell(check.lines.derived_unknown, derived=True) if check.lines.unknown_items else "",
                MoneyCell(check.difference, exact=True) if not check.lines.unknown_items else "",
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
        verdict=worst([c.verdict for c in checks]),
    )


def _money(item: Item) -> MoneyCell:
    return MoneyCell(item.amount, partly_unknown=item.partly_unknown)


def neutrality_table(check: NeutralityCheck) -> Table:
    rows: list[list[Cell]] = []
    rows += [["Vrijgevallen", post.label, FigureCell(post.figure)] for post in check.released]
    rows += [["Gefinancierd", post.label, FigureCell(post.figure)] for post in check.funded]
    rows += [["Voorwaardelijk", post.label, FigureCell(post.figure)] for post in check.conditional]
    released_unknown = any(p.figure.value is None for p in check.released)
    funded_unknown = any(p.figure.value is None for p in check.funded)
    footer: list[list[Cell]] = [
        ["Vrijgevallen", "Totaal vrijgevallen", _partly(check.released_known, released_unknown)],
        ["Gefinancierd", "Totaal verplicht", MoneyCell(check.funded_firm, partly_unknown=funded_unknown)],
    ]
    if check.conditional:
        footer.append(["Voorwaardelijk", "Totaal voorwaardelijk", MoneyCell(check.funded_conditional)])
    stated_side = {"funded": "gefinancierd", "released": "vrijgevallen"}.get(check.stated_applies_to or "", "")
    if check.stated:
        quote = f" ({check.stated.quote})" if check.stated.quote else ""
        stated = Figure.of(check.stated.amount, approximate=check.stated.approximate)
        footer.append(["Vermeld", f"Totaal {stated_side} volgens de bron{quote}", FigureCell(stated)])
    footer.append(["Flexibel budget", "Restant: vrijgevallen min gefinancierd", FigureCell(check.flexible_budget)])
    return Table(
        title=f"Financiële neutraliteit: {check.title} ({check.reference}, {check.status or 'status onbekend'})",
        columns=["Kant", "Post", "Bedrag"],
        rows=rows,
        footer=footer,
        notes=_neutrality_notes(check, stated_side),
        verdict=check.verdict,
        numeric=frozenset({2}),
    )


def _partly(figure: Figure, unknown: bool) -> FigureCell:
    """A known part with its precision, and `+ onbekend` where an unknown part belongs to the same sum."""
    return FigureCell(figure, partly_unknown=unknown)


def _neutrality_notes(check: NeutralityCheck, stated_side: str) -> list[str]:
    notes = [check.explanation[:1].upper() + check.explanation[1:] + "."]
    if check.resting_on_unknown.value:
        unknown = " en ".join(p.label for p in check.released if p.figure.value is None)
        resting = cell_text(FigureCell(check.resting_on_unknown))
        notes.append(
            f"{resting[:1].upper() + resting[1:]} van de genoemde verplichte projectbedragen "
            f"({cell_text(MoneyCell(check.funded_firm))}) rust op vrijgevallen bedragen die geen bron noemt: "
            f"{unknown}."
        )
    if check.missing:
        notes.append("Te beslissen met: " + "; ".join(check.missing) + ".")
    if check.stated and check.stated_verdict:
        named = cell_text(MoneyCell(check.funded_firm + check.funded_conditional))
        if check.conditional:
            named += f", waarvan {cell_text(MoneyCell(check.funded_conditional))} voorwaardelijk"
        quote = f", {check.stated.quote}" if check.stated.quote else ""
        notes.append(
            f"Vermeld totaal ({stated_side}{quote}): {cell_text(VerdictCell(check.stated_verdict))}: "
            f"{check.stated_explanation} (genoemd: {named}). Bron: {check.stated.source}."
        )
    notes += [f"Voorwaarde bij {post.label}: {post.condition}" for post in check.conditional]
    return notes


def _post_label(post: Post) -> str:
    return f"{post.label} (voorwaardelijk)" if post.condition else post.label


def moves_table(checks: list[MoveCheck]) -> Table:
    rows: list[list[Cell]] = [
        [
            f"{m.reference} ({m.status or 'status onbekend'})",
            f"{m.project_name}: {m.label}",
            m.year or "",
            MoneyCell(m.previous),
            MoneyCell(m.amount),
            MoneyCell(m.declared),
            MoneyCell(m.difference, exact=True) if m.difference else "",
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
        verdict=worst([m.verdict for m in checks]),
    )


def _years_table(years: list[YearCheck]) -> Table:
    rows: list[list[Cell]] = [
        [
            y.year,
            MoneyCell(y.firm),
            MoneyCell(y.conditional) if y.conditional else "",
            y.unknown_lines or "",
            len(y.spread) or "",
            FigureCell(y.available),
            FigureCell(y.headroom) if y.available.known else "",
            VerdictCell(y.verdict),
        ]
        for y in years
    ]
    return Table(
        title="Verplichtingen per jaar tegen beschikbare middelen",
        columns=[
            "Jaar",
            "Verplicht",
            "Voorwaardelijk",
            "Regels onbekend bedrag",
            "Regels over meer jaren",
            "Beschikbaar",
            "Ruimte",
            "Oordeel",
        ],
        rows=rows,
        numeric=frozenset({1, 2, 5, 6}),
        notes=[
            "Voorwaardelijk: gereserveerd onder een voorwaarde; valt vrij als de voorwaarde niet uitkomt. "
            "Ruimte = beschikbaar min verplicht en voorwaardelijk samen.",
            "Regels over meer jaren hebben geen verdeling per jaar in de bron en tellen niet mee in één jaar.",
        ],
        verdict=worst([y.verdict for y in years]),
    )


def _year_lines_table(year: YearCheck) -> Table:
    rows: list[list[Cell]] = [
        [
            line.group_name,
            line.label + (" (voorwaardelijk)" if line.condition else ""),
            MoneyCell(line.amount, derived=line.derived_from is not None),
        ]
        for line in year.lines
    ]
    rows += [
        ["", f"{line.label} (voorwaarde vervallen {line.condition_failed}: valt vrij)", MoneyCell(line.amount)]
        for line in year.released
    ]
    footer: list[list[Cell]] = [["", "Totaal verplicht", MoneyCell(year.firm)]]
    if year.conditional:
        footer.append(["", "Totaal voorwaardelijk", MoneyCell(year.conditional)])
    footer.append(
        [
            "",
            "Beschikbaar" + (f" ({year.available_quote})" if year.available_quote else ""),
            FigureCell(year.available),
        ]
    )
    if year.available.known:
        overrun = year.headroom.value is not None and year.headroom.value < 0
        footer.append(["", "Overschrijding" if overrun else "Ruimte", FigureCell(year.headroom.magnitude())])
    notes = [year.explanation] + [f"Niet te beslissen zonder {m}." for m in year.missing]
    return Table(
        title=f"Verplichtingen {year.year}",
        columns=["Groep", "Post", "Bedrag"],
        rows=rows,
        footer=footer,
        notes=notes,
        verdict=year.verdict,
        numeric=frozenset({2}),
    )


FAILURE_LABEL = {
    "total": "vermeld totaal wijkt af",
    "neutrality": "bijstelling niet neutraal",
    "stated-total": "genoemde bedragen passen niet in het vermelde totaal",
    "move": "verschuiving niet verwerkt",
    "year": "overschrijding",
    "overspend": "meer besteed dan begroot",
    "outside-period": "besteed buiten de looptijd",
    "above-funds": "verplichtingen boven de middelen",
    "fund": "opname boven het saldo van het fonds",
    "mandate": "vastgesteld zonder bevoegdheid",
    "rechtmatigheid": "lasten boven de begroting na wijziging",
}
DATED = {"move", "overspend", "outside-period", "fund", "mandate", "rechtmatigheid"}


UNDECIDED_LABEL = {
    "neutrality": "neutraliteit",
    "move": "verschuiving",
    "year": "verplichtingen tegen middelen",
    "fund": "opname uit een fonds",
    "mandate": "bevoegdheid",
}


def failure_text(failure: Failure) -> str:
    """One failure as check-budget names it: scope (decision, project and line), year, what and euros."""
    year = f" {failure.year}" if failure.year and failure.check in DATED else ""
    return f"{failure.scope}{year}: {FAILURE_LABEL[failure.check]} {cell_text(MoneyCell(abs(failure.difference)))}"


def failure_tally(failures: list[Failure]) -> str:
    """`1 verschuiving niet verwerkt, 2 overschrijding`: how many of each kind, in the order they are found."""
    kinds = list(dict.fromkeys(f.check for f in failures))
    return ", ".join(f"{sum(f.check == k for f in failures)} {FAILURE_LABEL[k]}" for k in kinds)


def check_budget_summary(report: CheckBudgetReport) -> str:
    """The closing line: the three counts, every failure with its year or scope and the euro difference, and
    what each undecided check needs."""
    counts = report.counts
    tally = f"{counts.passed} voldoen, {counts.failed} voldoen niet, {counts.undecided} niet toetsbaar"
    parts = [failure_text(f) for f in report.failures]
    text = f"{tally}." if not parts else f"{tally}. Voldoet niet: " + "; ".join(parts) + "."
    proposed = [f"{r.reference} ({r.status or 'status onbekend'})" for r in report.decisions if not r.adopted]
    if proposed:
        text += " Rust op niet vastgestelde besluiten: " + ", ".join(proposed) + "."
    if report.undecided:
        text += (
            " Niet toetsbaar: "
            + "; ".join(
                f"{u.scope} ({UNDECIDED_LABEL[u.check]}; te beslissen met {', '.join(u.missing)})"
                for u in report.undecided
            )
            + "."
        )
    return text
