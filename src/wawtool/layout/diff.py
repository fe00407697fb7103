"""A data change laid out for review: the verdict first, then per project, per published figure, per decision
and per year, the neutrality of reallocations, and every failure check-budget finds in the head.

Every `onbekend` says why: which line's amount, which year's money, which figure the source does not give."""

from __future__ import annotations

from decimal import Decimal

from ..reports.diff import DataChange, DiffReport, SpanDelta, YearDelta
from ..reports.diff_decisions import DecisionChange, DecisionItem, FieldChange
from ..values import Verdict
from .check_budget import DATED, FAILURE_LABEL, failure_tally, failure_text
from .dutch import UNKNOWN_LABEL, change_text, decision_status_text, euro, number_text
from .table import Cell, FigureCell, MoneyCell, Table, VerdictCell

WHAT = {
    "budget": "budgetregel",
    "target": "doel",
    "status": "status",
    "end": "einddatum",
    "result": "resultaat",
    "cost_line": "programmakosten",
    "available": "beschikbaar",
    "project": "project",
}
KIND = {"added": "toegevoegd", "removed": "verwijderd", "changed": "gewijzigd"}
MONEY = {"budget", "cost_line", "available"}
FIGURES = {"target", "result"}
DECISION_KIND = {"bijstelling": "bijstelling", "begroting": "begroting", "begrotingswijziging": "begrotingswijziging"}
DECISION_FIELD = {
    "kind": "soort",
    "reference": "kenmerk",
    "title": "titel",
    "date": "datum",
    "stopped": "gestopt",
    "released": "vrijgevallen",
    "funded": "gefinancierd",
    "flexible_budget": "flexibel budget",
    "stated_total": "vermeld totaal",
    "moves": "verschuiving",
    "status": "status",
    "year": "begrotingsjaar",
    "source": "bron",
    "note": "toelichting",
}


def _years(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}" if years else ""


def _value(change: DataChange, side: str) -> str:
    """Was or wordt: empty for the side that does not exist, the figure as the reports write it, and an unknown
    amount or figure with the reason."""
    present = change.kind != ("added" if side == "before" else "removed")
    value: str | None = getattr(change, side)
    if not present or change.what == "project":
        return ""
    if value is None:
        if change.what in MONEY:
            return f"{UNKNOWN_LABEL} (geen bedrag in de bron)"
        return f"{UNKNOWN_LABEL} (geen cijfer in de bron)"
    if change.what in MONEY:
        return euro(Decimal(value))
    if change.what in FIGURES:
        return number_text(Decimal(value), getattr(change, f"{side}_qualifier"), percent=change.percent)
    return value


def _delta(change: DataChange) -> Cell:
    if change.delta is not None:
        return MoneyCell(change.delta)
    if change.what not in {"budget", "cost_line"}:
        return ""
    return f"{UNKNOWN_LABEL} (bedrag van {change.key} onbekend)"


def _change_row(change: DataChange) -> list[Cell]:
    return [
        change.scope_name,
        f"{WHAT[change.what]} {KIND[change.kind]}",
        change.key,
        _years(change.years),
        _value(change, "before"),
        _value(change, "after"),
        _delta(change),
    ]


def result_text(change: DataChange) -> str:
    """`Q3-2021 ZorgStart · Uitstroom naar betaald werk: ruim 80 → 95`, a side that is absent as `—`."""
    before, after = _value(change, "before") or "—", _value(change, "after") or "—"
    return f"{change.quarter} {change.scope_name} · {change.label}: {before} → {after}"


def _results_table(changes: list[DataChange]) -> Table:
    return Table(
        title="Gepubliceerde cijfers",
        columns=["Wijziging", "Cijfer"],
        rows=[[f"resultaat {KIND[c.kind]}", result_text(c)] for c in changes],
    )


def _item_text(field: str, item: DecisionItem) -> str:
    if field == "moves":
        assert item.amount is not None
        return f"{euro(item.amount)} in {item.year} van {item.source} naar {item.target}"
    if field == "released":
        amount = euro(item.amount) if item.amount is not None else f"{UNKNOWN_LABEL} (de bron noemt geen bedrag)"
        return f"{amount} uit {item.source}"
    if field in ("flexible_budget", "stated_total") and item.amount is not None:
        prefix = item.text.removesuffix(str(item.amount)).strip()
        return f"{prefix} {euro(item.amount)}".strip() + (f" ({item.year})" if item.year else "")
    return item.text


def field_text(change: FieldChange) -> str:
    """`verschuiving toegevoegd: € 10.000 in 2024 van Trainingen 'trainingen-2024' naar fonds waw-reserve`;
    a field whose text is long (bron, toelichting) is named, not quoted."""
    name = DECISION_FIELD[change.field]
    if change.field in ("source", "note"):
        return f"{name} gewijzigd"
    if change.field in ("kind", "reference", "title", "date", "year", "flexible_budget", "stated_total"):
        was = ", ".join(_item_text(change.field, i) for i in change.removed) or "geen"
        wordt = ", ".join(_item_text(change.field, i) for i in change.added) or "geen"
        return f"{name}: {was} → {wordt}"
    parts = [f"{name} verwijderd: {_item_text(change.field, i)}" for i in change.removed]
    parts += [f"{name} toegevoegd: {_item_text(change.field, i)}" for i in change.added]
    return "; ".join(parts)


def decision_row(change: DecisionChange) -> list[Cell]:
    """A decision's row: the one place a column for it is added."""
    what = "; ".join(field_text(f) for f in change.fields)
    if change.kind != "changed":
        what = f"{change.title}" + (f": {what}" if what else "")
    return [
        f"besluit {KIND[change.kind]}",
        change.id,
        change.reference,
        DECISION_KIND[change.decision_kind],
        change.date.isoformat(),
        decision_status_text(change.status, change.status_date.isoformat() if change.status_date else None),
        what,
    ]


def decision_table(changes: list[DecisionChange]) -> Table:
    return Table(
        title="Besluiten",
        columns=["Wijziging", "Besluit", "Kenmerk", "Soort", "Datum", "Status", "Wat"],
        rows=[decision_row(c) for c in changes],
    )


def _headroom(figure_cell: FigureCell, missing: list[str]) -> Cell:
    if figure_cell.figure.value is not None:
        return figure_cell
    return f"{UNKNOWN_LABEL} (geen bron noemt {' en '.join(missing) or 'het beschikbare bedrag'})"


def _year_row(y: YearDelta) -> list[Cell]:
    notes = []
    if y.head_unknown:
        notes.append("bedrag onbekend, niet meegeteld: " + ", ".join(y.head_unknown))
    dropped = [line for line in y.base_unknown if line not in y.head_unknown]
    if dropped:
        notes.append("was onbekend: " + ", ".join(dropped))
    return [
        y.year,
        MoneyCell(y.base_total),
        MoneyCell(y.head_total),
        MoneyCell(y.delta),
        _headroom(FigureCell(y.base_headroom), y.base_missing),
        _headroom(FigureCell(y.head_headroom), y.head_missing),
        "; ".join(notes),
    ]


def span_text(span: SpanDelta) -> str:
    """`+€ 300.000 (over 2021 en 2022, verdeling onbekend)`: counted in the years together, never divided."""
    years = " en ".join([", ".join(str(y) for y in span.years[:-1]), str(span.years[-1])])
    return f"{change_text(span.delta, whole=False)} (over {years}, verdeling onbekend)"


def _span_row(span: SpanDelta) -> list[Cell]:
    note = ", ".join(span.lines)
    if span.unknown:
        note += "; bedrag onbekend, niet meegeteld: " + ", ".join(span.unknown)
    return [_years(span.years), MoneyCell(span.base_total), MoneyCell(span.head_total), span_text(span), "", "", note]


def _years_table(report: DiffReport) -> Table:
    rows = [_year_row(y) for y in report.years] + [_span_row(s) for s in report.spans]
    columns = ["Jaar", "Totaal was", "Totaal wordt", "Verschil", "Ruimte was", "Ruimte wordt", "Regels"]
    if not any(row[-1] for row in rows):  # the column names lines over more years and lines without amount
        columns, rows = columns[:-1], [row[:-1] for row in rows]
    return Table(
        title="Effect per jaar op totaal en ruimte",
        columns=columns,
        rows=rows,
        numeric=frozenset({1, 2, 3, 4, 5}),
        notes=[
            "Een regel over meer jaren staat bij die jaren samen (bijvoorbeeld 2021-2022): de bron geeft geen "
            "verdeling, dus het bedrag wordt niet over de jaren verdeeld en telt niet in het totaal of de ruimte "
            "van één jaar."
        ]
        if report.spans
        else [],
    )


def _failures_table(report: DiffReport) -> Table:
    return Table(
        title=f"Controle van de begroting op {report.head}",
        columns=["Controle", "Waar", "Jaar", "Verschil"],
        rows=[
            [FAILURE_LABEL[f.check], f.scope, f.year if f.check in DATED else "", MoneyCell(abs(f.difference))]
            for f in report.failures
        ],
        numeric=frozenset({3}),
        verdict=Verdict.FAIL,
        notes=["Dezelfde bevindingen als waw check-budget op deze data; de tabellen daar geven de cijfers."],
    )


def diff_tables(report: DiffReport) -> list[Table]:
    results = [c for c in report.changes if c.what == "result"]
    tables = [_failures_table(report)] if report.failures else []
    tables.append(
        Table(
            title=f"Wijzigingen {report.base} → {report.head}",
            columns=["Project", "Wijziging", "Wat", "Jaar", "Was", "Wordt", "Verschil"],
            rows=[_change_row(c) for c in report.changes if c.what != "result"],
            numeric=frozenset({6}),
        )
    )
    if results:
        tables.append(_results_table(results))
    if report.decisions:
        tables.append(decision_table(report.decisions))
    tables.append(_years_table(report))
    tables.append(
        Table(
            title="Neutraliteit van bijstellingen",
            columns=["Besluit", "Was", "Wordt"],
            rows=[
                [
                    f"{n.reference} ({n.status or 'status onbekend'})",
                    VerdictCell(n.base) if n.base else "—",
                    VerdictCell(n.head) if n.head else "—",
                ]
                for n in report.neutrality
            ],
        )
    )
    return tables


def _counted(report: DiffReport) -> str:
    results = sum(c.what == "result" for c in report.changes)
    parts = [f"{len(report.changes) - results} wijziging(en) in projecten en programma"]
    parts += [f"{results} gepubliceerd(e) cijfer(s)"] if results else []
    parts += [f"{len(report.decisions)} besluit(en)"] if report.decisions else []
    return ", ".join(parts)


def diff_lead(report: DiffReport) -> tuple[Verdict, str]:
    """The first line a pull-request comment shows: the verdict of check-budget on the head, what fails, and
    how much changed."""
    counts = report.counts
    tally = f"check-budget op {report.head}: {counts.passed} voldoen, {counts.failed} voldoen niet, "
    tally += f"{counts.undecided} niet toetsbaar"
    if report.failures:
        return Verdict.FAIL, f"{failure_tally(report.failures)}; {tally}; {_counted(report)}"
    return Verdict.PASS, f"{tally}; {_counted(report)}"


def diff_summary(report: DiffReport) -> str:
    neutral = "alle bijstellingen blijven neutraal" if report.still_neutral else "een bijstelling is niet meer neutraal"
    text = f"{_counted(report)}; {neutral}."
    if report.failures:
        text += " Voldoet niet: " + "; ".join(failure_text(f) for f in report.failures) + "."
    return text
