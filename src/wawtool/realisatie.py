"""Realised spending against the begroting, and the programme's funds from year to year.

hledger's `balance --budget` is the model: per line what was budgeted, what was spent, the difference and
the share spent. Every sum is exact Decimal; an unknown amount or opening balance makes what depends on it
unknown, never zero. A line of a realisatie year that has no entry had nothing booked: € 0, marked so.
"""

from __future__ import annotations

from decimal import Decimal

from .load.loader import Dataset
from .models import UNKNOWN, BudgetLine, Project, RealisatieFile, RealisatieStatus, Spent
from .periods import month_key
from .rechtmatigheid import Rechtmatigheid, judge, overrun_words, rechtmatigheid, row_explanations
from .values import HUNDRED, ZERO, Report, sum_or_unknown

NO_REALISATIE = "geen realisatie vastgelegd"


class Comparison(Report):
    """One row: a budget line, a project as a whole (where the administration does not split its lines) or a
    programme cost line."""

    group: str
    label: str
    project: str | None
    line: str | None
    cost_line: str | None
    funding: str | None  # None where the row's lines draw on several sources, or none is given
    budgeted: Decimal | None
    spent: Decimal | None
    recorded: bool  # False: no entry in the realisatie, so nothing was booked (€ 0)
    difference: Decimal | None  # budgeted minus spent: positive is underspend
    share: Decimal | None  # percentage spent, one decimal
    underspend_to: str | None = None  # a decision that sends the underspend elsewhere than the programme
    programme: str | None = None  # the cost line's programme (a project's is the project's)


class ComparisonGroup(Report):
    id: str
    name: str
    rows: list[Comparison]
    budgeted: Decimal | None
    spent: Decimal | None
    difference: Decimal | None
    share: Decimal | None


class FundRow(Report):
    funding: str | None  # None: spending whose source is not known (a project on several sources)
    name: str
    opening: Decimal | None
    opening_from: str  # "rekening" (the year's account), "vorig jaar" (the closing of the year before), "onbekend"
    additions: Decimal
    spent: Decimal | None
    closing: Decimal | None


class Finding(Report):
    """Something check-budget reports about realised spending: each names project, line, year and euros."""

    kind: str  # overspend, outside-period, above-funds
    year: int
    scope: str
    amount: Decimal
    explanation: str


class RealisatieYear(Report):
    year: int
    status: RealisatieStatus
    source: str
    groups: list[ComparisonGroup]
    budgeted: Decimal | None
    spent: Decimal | None
    difference: Decimal | None
    share: Decimal | None
    funds: list[FundRow]
    funds_total: FundRow
    committed: Decimal  # the year's begroting, known lines
    next_available: Decimal | None  # what the sources say is available the year after
    next_available_approximate: bool
    next_available_quote: str | None
    findings: list[Finding]
    underspend: list[Comparison]  # of a final year: flows back to the programme unless a decision says otherwise
    rechtmatigheid: Rechtmatigheid  # per programme and project: na wijziging against realisatie, overruns judged


def realisatie_file(dataset: Dataset, year: int) -> RealisatieFile | None:
    return next((r.model for r in dataset.realisatie if r.model.year == year), None)


def _share(spent: Decimal | None, budgeted: Decimal | None) -> Decimal | None:
    if spent is None or budgeted is None or budgeted <= 0:
        return None
    return (spent * HUNDRED / budgeted).quantize(Decimal("0.1"))


def _difference(budgeted: Decimal | None, spent: Decimal | None) -> Decimal | None:
    return None if budgeted is None or spent is None else budgeted - spent


def _against(budgeted: Decimal | None, spent: Decimal | None) -> dict[str, Decimal | None]:
    """Begroot, gerealiseerd, verschil and % besteed: the same four for a line, a group and a year."""
    return {
        "budgeted": budgeted,
        "spent": spent,
        "difference": _difference(budgeted, spent),
        "share": _share(spent, budgeted),
    }


def _row(group: str, label: str, budgeted: Decimal | None, spent: Decimal | None, **keys: object) -> Comparison:
    return Comparison(
        group=group,
        label=label,
        **_against(budgeted, spent),
        **keys,
    )


def comparisons(dataset: Dataset, year_file: RealisatieFile) -> list[Comparison]:
    """Every budget line, project and cost line of the year beside what was spent on it; spending on a line
    without budget in the year is a row with € 0 budgeted."""
    year = year_file.year
    rows: list[Comparison] = []
    by_project: dict[str, list[int]] = {}
    for index, entry in enumerate(year_file.spent):
        if entry.project is not None:
            by_project.setdefault(entry.project, []).append(index)
    used: set[int] = set()
    if dataset.programmes is not None:
        for cost in dataset.programmes.model.cost_lines:
            if cost.year != year:
                continue
            found = next((i for i, e in enumerate(year_file.spent) if cost.id and e.cost_line == cost.id), None)
            cost_entry = year_file.spent[found] if found is not None else None
            used.update([found] if found is not None else [])
            rows.append(
                _row(
                    cost.group,
                    cost.description,
                    cost.amount,
                    cost_entry.amount if cost_entry else ZERO,
                    project=None,
                    line=None,
                    cost_line=cost.id,
                    funding=cost.funding,
                    programme=cost.programme,
                    recorded=cost_entry is not None,
                    underspend_to=cost_entry.underspend_decision if cost_entry else None,
                )
            )
    for located in dataset.projects:
        project = located.model
        entries = [year_file.spent[i] for i in by_project.get(project.id, [])]
        used.update(by_project.get(project.id, []))
        rows += _project_comparisons(project, year, entries)
    costs = {c.id: c for c in dataset.programmes.model.cost_lines if c.id} if dataset.programmes else {}
    for index, entry in enumerate(year_file.spent):
        if index not in used and entry.cost_line in costs:  # a cost line of another year: nothing budgeted now
            cost = costs[entry.cost_line]
            rows.append(
                _row(
                    cost.group,
                    f"{cost.description} (niet begroot in {year})",
                    ZERO,
                    entry.amount,
                    project=None,
                    line=None,
                    cost_line=cost.id,
                    funding=cost.funding,
                    programme=cost.programme,
                    recorded=True,
                )
            )
    return rows


def _project_comparisons(project: Project, year: int, entries: list[Spent]) -> list[Comparison]:
    """Line by line where the realisatie names lines; one row for the project where it does not."""
    lines = [line for line in project.budget if line.year == year]
    by_line = {e.line: e for e in entries if e.line is not None}
    whole = next((e for e in entries if e.line is None), None)
    rows: list[Comparison] = []
    rest = []

    def label(line: BudgetLine) -> str:
        return project.name if len(lines) == 1 else f"{project.name}: {line.description}"

    def line_row(line: BudgetLine, spent: Decimal | None, entry: Spent | None) -> Comparison:
        return _row(
            project.begroting_group,
            label(line),
            line.amount,
            spent,
            project=project.id,
            line=line.id,
            cost_line=None,
            funding=line.funding,
            recorded=entry is not None,
            **({"underspend_to": entry.underspend_decision} if entry is not None else {}),
        )

    for line in lines:
        entry = by_line.pop(line.id, None) if line.id else None
        if entry is None:
            rest.append(line)
            continue
        rows.append(line_row(line, entry.amount, entry))
    if whole is not None:  # the administration books on the project, not on its lines
        rows.append(_whole_project_row(project, rest, whole, first=not rows))
    else:
        rows += [line_row(line, ZERO, None) for line in rest]
    for line_id, entry in by_line.items():  # spent on a line that has no budget this year
        other = next((b for b in project.budget if b.id == line_id), None)
        rows.append(
            _row(
                project.begroting_group,
                f"{project.name}: {other.description if other else line_id} (niet begroot in {year})",
                ZERO,
                entry.amount,
                project=project.id,
                line=line_id,
                cost_line=None,
                funding=other.funding if other else None,
                recorded=True,
            )
        )
    return rows


def _whole_project_row(project: Project, rest: list[BudgetLine], whole: Spent, *, first: bool) -> Comparison:
    """Spending booked on the project as a whole, against the lines that no entry of their own covers."""
    fundings = {line.funding for line in (rest or project.budget)}
    return _row(
        project.begroting_group,
        project.name if first else f"{project.name}: overige regels",
        sum_or_unknown([line.amount for line in rest]),
        whole.amount,
        project=project.id,
        line=None,
        cost_line=None,
        funding=fundings.pop() if len(fundings) == 1 else None,
        recorded=True,
        underspend_to=whole.underspend_decision,
    )


def _groups(dataset: Dataset, rows: list[Comparison]) -> list[ComparisonGroup]:
    order = [(g.id, g.name) for g in dataset.programmes.model.begroting_groups] if dataset.programmes else []
    known = {g for g, _ in order}
    order += [(g, g) for g in dict.fromkeys(r.group for r in rows) if g not in known]
    published: dict[str, int] = {}
    if dataset.programmes:
        for group in dataset.programmes.model.begroting_groups:
            published.update({project_id: i for i, project_id in enumerate(group.order)})
    groups = []
    for group_id, name in order:
        members = sorted(
            (r for r in rows if r.group == group_id), key=lambda r: published.get(r.project or "", len(published))
        )
        if members:
            budgeted = sum_or_unknown([r.budgeted for r in members])
            spent = sum_or_unknown([r.spent for r in members])
            groups.append(
                ComparisonGroup(
                    id=group_id,
                    name=name,
                    rows=members,
                    **_against(budgeted, spent),
                )
            )
    return groups


def _funding_names(dataset: Dataset) -> dict[str, str]:
    return {f.id: f.name for f in dataset.programmes.model.funding_sources} if dataset.programmes else {}


def funds(dataset: Dataset, year: int, rows: list[Comparison] | None = None) -> list[FundRow]:
    """Per funding source: opening, additions, spent, closing. The opening is the year's account where it
    gives one, else the closing of the year before where that is known, else unknown. `rows` are the year's
    comparisons where the caller has them already."""
    year_file = realisatie_file(dataset, year)
    if year_file is None:
        return []
    if rows is None:
        rows = comparisons(dataset, year_file)
    names = _funding_names(dataset)
    previous = {f.funding: f.closing for f in funds(dataset, year - 1)} if realisatie_file(dataset, year - 1) else {}
    carried = [source for source in previous if source is not None]  # a fund goes on into the next year
    sources = list(dict.fromkeys(carried + [f.funding for f in year_file.funds] + [r.funding for r in rows if r.spent]))
    result = []
    for source in sources:
        fund = next((f for f in year_file.funds if f.funding == source), None) if source else None
        if fund is not None and fund.opening is not None:
            opening = None if fund.opening == UNKNOWN else Decimal(fund.opening)
            opening_from = "onbekend" if opening is None else "rekening"
        elif source in previous and previous[source] is not None:
            opening, opening_from = previous[source], "vorig jaar"
        else:
            opening, opening_from = None, "onbekend"
        additions = sum((a.amount for a in fund.additions), ZERO) if fund else ZERO
        spent = sum_or_unknown([r.spent for r in rows if r.funding == source])
        closing = None if opening is None or spent is None else opening + additions - spent
        result.append(
            FundRow(
                funding=source,
                name=names.get(source, source) if source else "bron niet bekend (geen of meerdere bronnen)",
                opening=opening,
                opening_from=opening_from,
                additions=additions,
                spent=spent,
                closing=closing,
            )
        )
    return result


def realisatie_year(dataset: Dataset, year: int, committed: Decimal) -> RealisatieYear | None:
    """The year's budget against actual, its funds and what check-budget reports; None without realisatie.
    `committed` is the year's begroting (known lines), as the caller's year check computed it."""
    year_file = realisatie_file(dataset, year)
    if year_file is None:
        return None
    rows = comparisons(dataset, year_file)
    groups = _groups(dataset, rows)
    budgeted = sum_or_unknown([g.budgeted for g in groups])
    spent = sum_or_unknown([g.spent for g in groups])
    fund_rows = funds(dataset, year, rows)
    real_funds = [f for f in fund_rows if f.funding is not None]  # not the spending of unknown source
    opening = sum_or_unknown([f.opening for f in real_funds]) if real_funds else None
    additions = sum((f.additions for f in fund_rows), ZERO)
    fund_spent = sum_or_unknown([f.spent for f in fund_rows])
    total = FundRow(
        funding="",
        name="Totaal",
        opening=opening,
        opening_from="",
        additions=additions,
        spent=fund_spent,
        closing=None if opening is None or fund_spent is None else opening + additions - fund_spent,
    )
    following = [a for a in dataset.programmes.model.available if a.year == year + 1] if dataset.programmes else []
    next_available = sum_or_unknown([a.amount for a in following]) if following else None
    lawful = rechtmatigheid(dataset, year_file, rows)
    findings = _findings(dataset, year_file, rows, committed, total) + _programme_findings(lawful)
    underspend = (
        [r for r in rows if r.difference is not None and r.difference > 0]
        if year_file.status is RealisatieStatus.FINAL
        else []
    )
    return RealisatieYear(
        year=year,
        status=year_file.status,
        source=year_file.source,
        groups=groups,
        **_against(budgeted, spent),
        funds=fund_rows,
        funds_total=total,
        committed=committed,
        next_available=next_available,
        next_available_approximate=any(a.approximate for a in following),
        next_available_quote="; ".join(a.quote for a in following if a.quote) or None,
        findings=findings,
        underspend=underspend,
        rechtmatigheid=lawful,
    )


def _programme_findings(lawful: Rechtmatigheid) -> list[Finding]:
    """A programme's lasten above its begroting na wijziging: unexplained, or of a kind that counts."""
    return [
        Finding(
            kind="rechtmatigheid",
            year=lawful.year,
            scope=f"programma {row.name}",
            amount=row.overrun or ZERO,
            explanation=overrun_words(
                row.judgement, row.category, f"lasten boven de begroting na wijziging {lawful.year}"
            ),
        )
        for row in lawful.programmes
        if row.verdict.value == "fail"
    ]


def _findings(
    dataset: Dataset, year_file: RealisatieFile, rows: list[Comparison], committed: Decimal, total: FundRow
) -> list[Finding]:
    year = year_file.year
    findings = []
    for row in rows:
        if row.difference is None or row.difference >= 0:
            continue
        judgement, verdict, category, _ = judge(-row.difference, row_explanations(year_file, row))
        if verdict.value == "fail":
            words = overrun_words(judgement, category, f"gerealiseerd boven de begroting van {year}")
            findings.append(
                Finding(kind="overspend", year=year, scope=row.label, amount=-row.difference, explanation=words)
            )
    for entry in year_file.spent:
        project = dataset.project(entry.project) if entry.project else None
        if project is None or not entry.amount:
            continue
        start = month_key(project.period.start)[0] if project.period and project.period.start else None
        last = project.end()
        end = month_key(last, end=True)[0] if last else None
        if (start is not None and year < start) or (end is not None and year > end):
            findings.append(
                Finding(
                    kind="outside-period",
                    year=year,
                    scope=project.name,
                    amount=entry.amount,
                    explanation=f"besteed buiten de looptijd {start or '?'}-{end or '?'} van het project",
                )
            )
    if total.opening is not None and committed > total.opening + total.additions:
        findings.append(
            Finding(
                kind="above-funds",
                year=year,
                scope=f"begroting {year}",
                amount=committed - total.opening - total.additions,
                explanation="de verplichtingen zijn hoger dan het beginsaldo plus de toevoegingen van het jaar",
            )
        )
    return findings
