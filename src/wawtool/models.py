"""The data files as typed, frozen models.

Unknown keys are errors (a typo must not hide a figure), money is Decimal built
from the text, and an unknown figure is the word `unknown` with a note, never a
null or a zero.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

from .money import MoneyError, parse_money
from .periods import MONTH_TEXT, month_key

UNKNOWN = "unknown"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"  # file names and references


def _money(value: Any) -> Decimal:
    return parse_money(value)  # MoneyError is a ValueError: the loader reports it as E-MONEY


def _maybe_money(value: Any) -> Decimal | None:
    """`unknown` is an explicit unknown; a bare null is a forgotten figure."""
    if value == UNKNOWN:
        return None
    if value is None:
        raise MoneyError("an amount is required; write `unknown` with a `note` when the source gives none")
    return _money(value)


def kind_of(value: Any) -> str:
    """A value as the file's author wrote it, never as Python shows it: `a date (2024-02-01)`."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, (int, Decimal, float)):
        return f"a number ({value})"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat(sep=' ')})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return f"text ('{value}')" if len(value) <= 60 else f"text ('{value[:57]}...')"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return "a value of another kind"


# What the YAML may hold, for `waw schema` (editors validate and complete while typing).
_AMOUNT_INPUT = Annotated[float, Field(ge=0, description="euros, at most two decimals: 50455.25")]
_MONTH_INPUT = int | Annotated[str, Field(pattern=r"^\d{4}(-\d{2})?$")]
_NUMBER_INPUT = float | Literal["unknown"]

Money = Annotated[Decimal, BeforeValidator(_money, json_schema_input_type=_AMOUNT_INPUT)]
MaybeMoney = Annotated[
    Decimal | None, BeforeValidator(_maybe_money, json_schema_input_type=_AMOUNT_INPUT | Literal["unknown"])
]
# Strict in pydantic-core itself (no Python call per value): `5` is no text and `"2021"` no year.
# The loader words the errors (`expected text, got a number (5)`).
Text = Annotated[str, Strict(), Field(min_length=1)]
Id = Annotated[str, Strict(), Field(pattern=ID_PATTERN)]
Year = Annotated[int, Strict(), Field(ge=2000, le=2100)]


def _month(value: Any) -> str | None:
    """Documents give months ("januari 2021"), sometimes only years; keep that precision."""
    if value == UNKNOWN:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not MONTH_TEXT.match(value):
        raise ValueError(f"expected a year (2021) or a month (2021-01), got {kind_of(value)}")
    match = MONTH_TEXT.match(value)
    assert match
    if match.group(2) and not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"'{value}' has no month {match.group(2)}")
    return value


Month = Annotated[str, BeforeValidator(_month, json_schema_input_type=_MONTH_INPUT)]
# figures.DATA_QUALIFIERS as a type, in the order the schemas have always listed them (a test holds the two equal)
Qualifier = Literal["minimaal", "maximaal", "ongeveer", "bijna", "ruim", "meer dan"]
MaybeMonth = Annotated[str | None, BeforeValidator(_month, json_schema_input_type=_MONTH_INPUT | Literal["unknown"])]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=False, defer_build=True)


class Status(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    ON_HOLD = "on_hold"
    STOPPED = "stopped"
    COMPLETED = "completed"


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"


class Period(Frozen):
    start: MaybeMonth
    end: MaybeMonth
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if (self.start is None or self.end is None) and self.note is None:
            raise ValueError("start or end is `unknown`: add a `note` saying what the source does say")
        return self


class Programme(Frozen):
    id: Id
    name: Text
    period: Period
    note: Text | None = None


class FundingSource(Frozen):
    id: Id
    name: Text
    kind: Literal["rijksbudget", "programma", "reserve", "cofinanciering", "vrijval"]
    amount: MaybeMoney | None = None
    approximate: bool = False
    source: Text
    note: Text | None = None


class Category(Frozen):
    id: Id
    name: Text
    source: Text
    note: Text | None = None


class IndicatorKind(StrEnum):
    """How a result compares with its target (IATI: cumulative vs per-period vs level)."""

    CUMULATIVE = "cumulative"  # counts that grow over the target period: compared pro rata
    LEVEL = "level"  # a stock at a moment (work places): compared as is
    RATE = "rate"  # a percentage: compared as a rate, never pro rata


class Indicator(Frozen):
    id: Id
    name: Text
    unit: Unit
    kind: IndicatorKind = IndicatorKind.CUMULATIVE
    note: Text | None = None

    @model_validator(mode="after")
    def _percent_is_a_rate(self) -> Indicator:
        if (self.unit == Unit.PERCENT) != (self.kind == IndicatorKind.RATE):
            raise ValueError("a percentage indicator has kind `rate`, and a rate is a percentage")
        return self


class Light(StrEnum):
    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"


Percentage = Annotated[
    Decimal, BeforeValidator(lambda v: _target_value(v), json_schema_input_type=float), Field(le=1000)
]


class LightRule(Frozen):
    """Thresholds as a share of the pro-rata target, in percent."""

    green_from: Percentage
    orange_from: Percentage
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> LightRule:
        if self.orange_from > self.green_from:
            raise ValueError("orange_from must not be above green_from")
        return self


class BegrotingGroup(Frozen):
    id: Id
    name: Text
    order: list[Id] = []  # the projects in their published order (Tabel 1); others follow by name
    order_source: Text | None = None


class CostLine(Frozen):
    """A programme-level line of a year's begroting (organisation costs)."""

    id: Id | None = None  # how realised spending refers to it
    programme: Id
    year: Year
    group: Id
    description: Text
    amount: MaybeMoney
    funding: Id | None = None
    decision: Id | None = None
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_needs_note(self) -> CostLine:
        return _require_note(self, self.amount)


class Available(Frozen):
    """Money available for a year, as the documents state it: what a fund holds at the start of the year
    (`saldo`, the default: "zo'n 1,3 miljoen" for 2024), or what flows into it during the year on top of what
    the year before leaves (`toevoeging`: a yearly contribution)."""

    year: Year
    programme: Id
    amount: MaybeMoney
    basis: Literal["saldo", "toevoeging"] = "saldo"
    approximate: bool = False  # "zo'n 1,3 miljoen": known to half its last stated digit, € 50.000
    provisional: bool = False  # the source says the amount is known only later (after the year end)
    quote: Text | None = None
    funding: Id | None = None
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_needs_note(self) -> Available:
        return _require_note(self, self.amount)


class Body(Frozen):
    """A body that decides on the programmes' money: the portefeuillehoudersoverleg, the Werkkamer, the colleges."""

    id: Id
    name: Text
    source: Text
    note: Text | None = None


class ChangeKind(StrEnum):
    """The kinds of change a mandate covers; each move and each bijstelling is one or more of them."""

    BIJSTELLING = "bijstelling"  # a bijstelling of the programmes as a whole: projects stopped and funded
    BINNEN_PROGRAMMA = "binnen-programma"  # a shift between lines of one programme
    TUSSEN_PROGRAMMAS = "tussen-programmas"  # a shift between lines of two programmes
    FLEXIBEL_BUDGET = "flexibel-budget"  # money into or out of a bijstelling's flexible budget
    RESERVE = "reserve"  # money out of (or back into) a funding source of kind `reserve`
    FONDS = "fonds"  # money out of (a release of, or back into) another funding source


class Mandate(Frozen):
    """Who may adopt one kind of change: every body of `bodies` together. `funding` narrows a `fonds` or
    `reserve` mandate to one funding source (the HHT-middelen: the colleges)."""

    id: Id
    change: ChangeKind
    bodies: list[Id] = Field(min_length=1)
    funding: Id | None = None
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _funding_for_funds(self) -> Mandate:
        if self.funding is not None and self.change not in (ChangeKind.FONDS, ChangeKind.RESERVE):
            raise ValueError("`funding` narrows a `fonds` or `reserve` mandate to one funding source")
        return self


class ProgrammesFile(Frozen):
    programmes: list[Programme] = Field(min_length=1)
    funding_sources: list[FundingSource] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    begroting_groups: list[BegrotingGroup] = Field(min_length=1)
    cost_lines: list[CostLine] = []
    available: list[Available] = []
    traffic_lights: LightRule | None = None
    targets: list[Target] = []
    bodies: list[Body] = []
    mandates: list[Mandate] = []
    mandates_note: Text | None = None  # what the sources do not say about who decides


class StatusEntry(Frozen):
    as_of: Month
    status: Status
    source: Text
    note: Text | None = None


class Extension(Frozen):
    end: Month
    decision: Id
    condition: Text | None = None  # an extension decided on a condition ("bij een positieve evaluatie")
    source: Text
    note: Text | None = None


class ConditionFailed(Frozen):
    """A conditional line whose condition did not hold: its money is released to the line's fund."""

    as_of: Month
    source: Text
    note: Text | None = None


class AmountChange(Frozen):
    """A begrotingswijziging of one line: the amount the line had before `decision` changed it."""

    decision: Id
    previous_amount: Money
    note: Text | None = None


class BudgetLine(Frozen):
    id: Id | None = None
    year: Year | None = None
    years: list[Year] | None = Field(default=None, min_length=2)
    amount: MaybeMoney
    approximate: bool = False
    description: Text
    phase: Literal["voorbereiding", "uitvoering"] = "uitvoering"
    funding: Id | None = None
    decision: Id | None = None
    condition: Text | None = None
    condition_failed: ConditionFailed | None = None
    previous_amount: Money | None = None  # one change: the amount before `changed_by`
    changed_by: Id | None = None
    changes: list[AmountChange] = []  # more than one change, oldest first
    source: Text
    note: Text | None = None

    @cached_property
    def _history(self) -> tuple[AmountChange, ...]:
        if self.changed_by is not None and self.previous_amount is not None:
            return (AmountChange(decision=self.changed_by, previous_amount=self.previous_amount),)
        return tuple(self.changes)

    def history(self) -> tuple[AmountChange, ...]:
        """Every decision that changed the line's amount, oldest first, with the amount before it (built once
        per line: the checks ask for it per decision)."""
        return self._history

    @model_validator(mode="after")
    def _one_year_field(self) -> BudgetLine:
        if (self.year is None) == (self.years is None):
            raise ValueError("give either `year` (one year) or `years` (a span whose split is unknown)")
        if self.condition_failed is not None and self.condition is None:
            raise ValueError("`condition_failed` belongs to a line with a `condition`")
        if (self.previous_amount is None) != (self.changed_by is None):
            raise ValueError(
                "`previous_amount` (the amount before a decision) and `changed_by` (that decision) go together"
            )
        if self.changed_by is not None and self.changes:
            raise ValueError("give one change as `previous_amount` with `changed_by`, or every change in `changes`")
        return _require_note(self, self.amount)

    def span(self) -> list[int]:
        return [self.year] if self.year is not None else sorted(self.years or [])


class StatedTotal(Frozen):
    """A project's total as a document states it; with `decision`, for the begroting as that decision left it,
    so a later wijziging does not make it wrong."""

    label: Text
    amount: Money
    lines: list[Id] | None = None
    decision: Id | None = None
    source: Text
    note: Text | None = None


class TargetKind(StrEnum):
    """How a target is met: only counts that accrue over a period are compared pro rata."""

    CUMULATIVE = "cumulative"  # a count that grows over the period: pro rata
    ONE_OFF = "one-off"  # a size reached once (a pilot group of 8): met or not, no pro-rata share
    LEVEL = "level"  # a stock at a moment (work places)
    RATE = "rate"  # a percentage


class Target(Frozen):
    """A doelstelling. `qualifier: minimaal` is a minimum, `maximaal` a cap: exceeding it is a signal, never green."""

    id: Id | None = None
    indicator: Id
    value: Annotated[Decimal | None, BeforeValidator(_target_value, json_schema_input_type=_NUMBER_INPUT)]
    kind: TargetKind | None = None  # default: the indicator's kind
    start: Month | None = None
    end: Month | None = None
    qualifier: Qualifier | None = None
    description: Text | None = None
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_needs_note(self) -> Target:
        return _require_note(self, self.value)


class ManualLight(Frozen):
    """A light set by judgement: it overrides the rule and reports say so, with the reason."""

    light: Light
    reason: Text
    source: Text


Position = Literal["op-koers", "tussenin", "niet-op-koers"]


class StatedJudgement(Frozen):
    """The source's own judgement of a course, in its words, recorded as faithfully when it is negative as when
    it is positive. `position` only where the source places it on its own scale: the July 2020 graphic's axis
    'niet op koers - op koers' with 'daar tussenin', or words that say 'op koers' or 'niet op koers'."""

    position: Position | None = None
    words: Text
    source: Text
    note: Text | None = None


class Result(Frozen):
    project: Id
    indicator: Id
    value: Annotated[Decimal | None, BeforeValidator(_target_value, json_schema_input_type=_NUMBER_INPUT)]
    qualifier: Qualifier | None = None
    as_of: Month | None = None  # when the figure held, where the source dates it after the file's `as_of`
    quote: Text | None = None
    description: Text | None = None
    light: ManualLight | None = None
    stated: StatedJudgement | None = None
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_needs_note(self) -> Result:
        return _require_note(self, self.value)


class Headline(Frozen):
    indicator: Id
    target: Id | None = None
    value: Annotated[Decimal | None, BeforeValidator(_target_value, json_schema_input_type=_NUMBER_INPUT)]
    qualifier: Qualifier | None = None
    quote: Text | None = None
    description: Text | None = None
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_needs_note(self) -> Headline:
        return _require_note(self, self.value)


class Qualitative(Frozen):
    """What a monitor says about a project in words only: never turned into a fake number."""

    project: Id
    text: Text
    light: ManualLight | None = None
    stated: StatedJudgement | None = None
    source: Text
    note: Text | None = None


def _quarter(value: Any) -> str:
    if not isinstance(value, str) or not re.match(r"^\d{4}-Q[1-4]$", value):
        raise ValueError(f"expected a quarter such as 2021-Q3, got {kind_of(value)}")
    return value


QuarterId = Annotated[
    str, BeforeValidator(_quarter, json_schema_input_type=Annotated[str, Field(pattern=r"^\d{4}-Q[1-4]$")])
]
FigureNumber = Annotated[
    Decimal | None, BeforeValidator(lambda v: _target_value(v), json_schema_input_type=_NUMBER_INPUT)
]


class FigureValue(Frozen):
    """A published figure as a correction names it: its number (or `unknown`), the source's qualifier, and the
    month it held where the figure has one (`as_of`)."""

    value: FigureNumber
    qualifier: Qualifier | None = None
    as_of: Month | None = None


def _one_figure(model: Any) -> Any:
    """A result is named by `project` and `indicator`, a headline figure by `headline` (its indicator)."""
    if model.headline is not None:
        if model.project is not None or model.indicator is not None:
            raise ValueError("name a headline figure by `headline` alone, a result by `project` and `indicator`")
    elif model.project is None or model.indicator is None:
        raise ValueError("name the figure: `project` and `indicator` (a result) or `headline` (a headline figure)")
    return model


class Correction(Frozen):
    """A published (sealed) figure corrected after publication: what the monitor said, what it is now, and why."""

    project: Id | None = None
    indicator: Id | None = None
    headline: Id | None = None
    was: FigureValue
    wordt: FigureValue
    date: dt.date
    reason: Text
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Correction:
        return _one_figure(self)


class ResultsFile(Frozen):
    quarter: QuarterId
    as_of: Month
    published: dt.date | None = None
    title: Text
    source: Text
    stated: StatedJudgement | None = None  # the monitor's judgement of the programmes as a whole
    headline: list[Headline] = []
    results: list[Result] = []
    qualitative: list[Qualitative] = []
    corrections: list[Correction] = []  # published figures corrected since (see data/seals/)
    note: Text | None = None


def published_day(value: Any) -> str:
    """The day a document was published, or its month or year where the source gives no more."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValueError(f"'{value}' is no date that exists") from None
    if isinstance(value, str) and MONTH_TEXT.match(value):
        return _month(value) or value
    raise ValueError(f"expected a date (2021-11-11), a month (2020-09) or a year (2020), got {kind_of(value)}")


Published = Annotated[
    str,
    BeforeValidator(
        published_day, json_schema_input_type=int | Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    ),
]


class SealedFigure(Frozen):
    """One figure of a quarter as it was published: a result (`project`, `indicator`) or a headline figure."""

    project: Id | None = None
    indicator: Id | None = None
    headline: Id | None = None
    value: FigureNumber
    qualifier: Qualifier | None = None
    as_of: Month | None = None

    @model_validator(mode="after")
    def _named(self) -> SealedFigure:
        return _one_figure(self)


class SealFile(Frozen):
    """A published quarter, locked (`data/seals/<YYYY>-Q<n>.yaml`, written by `waw publish`): its figures as the
    document published them and a fingerprint of them, so that a seal edited by hand is detected."""

    quarter: QuarterId
    published: Published
    document: Text
    source: Text  # where the publication date comes from
    figures: list[SealedFigure] = Field(min_length=1)
    fingerprint: Annotated[str, Strict(), Field(pattern=r"^sha256:[0-9a-f]{64}$")]
    note: Text | None = None


def _target_value(value: Any) -> Decimal | None:
    if value == UNKNOWN:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"expected a number or `unknown`, got {kind_of(value)}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError("expected a finite number")
    if value < 0:
        raise ValueError("a target is never negative")
    return Decimal(value)


class Project(Frozen):
    id: Id
    name: Text
    aliases: list[Text] = []
    programme: Id | None
    programme_note: Text | None = None
    category: Id | None
    category_note: Text | None = None
    type: Text | None = None
    description: Text | None = None
    target_groups: list[Text] = []
    partners: list[Text] = []
    origin: Id | None = None
    period: Period | None = None
    period_note: Text | None = None
    extensions: list[Extension] = []
    status: list[StatusEntry] = Field(min_length=1)
    begroting_group: Id = "projecten"
    budget: list[BudgetLine] = []
    budget_note: Text | None = None
    totals: list[StatedTotal] = []
    targets: list[Target] = []
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _unknowns_explained(self) -> Project:
        for field, note in (
            ("programme", "programme_note"),
            ("category", "category_note"),
            ("period", "period_note"),
        ):
            if getattr(self, field) is None and getattr(self, note) is None:
                raise ValueError(f"`{field}` is null: give `{note}` saying why the source does not tell")
        if not self.budget and self.budget_note is None:
            raise ValueError("no budget lines: give `budget_note` saying why the sources hold no amount")
        return self

    def current_status(self) -> Status:
        return sorted(self.status, key=lambda s: month_key(s.as_of))[-1].status

    def end(self) -> str | None:
        """The end of the project including its extensions."""
        ends = [e.end for e in self.extensions] + ([self.period.end] if self.period and self.period.end else [])
        return max(ends, key=lambda m: month_key(m, end=True)) if ends else None


class Release(Frozen):
    funding: Id
    amount: MaybeMoney
    approximate: bool = False  # "vrij van € 1,2 miljoen": known to half its last stated digit
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_needs_note(self) -> Release:
        return _require_note(self, self.amount)


class FlexibleBudget(Frozen):
    amount: MaybeMoney
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_needs_note(self) -> FlexibleBudget:
        return _require_note(self, self.amount)


class DecisionTotal(Frozen):
    label: Text
    amount: Money
    approximate: bool = False
    rounded_to_euros: bool = False
    quote: Text | None = None
    year: Year | None = None
    applies_to: Literal["funded", "released"] | None = None
    source: Text


class MoveEnd(Frozen):
    """Where moved money comes from or goes to: a project's budget line, a flexible budget or a funding source."""

    project: Id | None = None
    line: Id | None = None
    flexible_budget: Id | None = None
    funding: Id | None = None

    @model_validator(mode="after")
    def _one_place(self) -> MoveEnd:
        places = [self.project, self.flexible_budget, self.funding]
        if sum(p is not None for p in places) != 1:
            raise ValueError("name one place: `project` with `line`, `flexible_budget` (a decision) or `funding`")
        if (self.project is None) != (self.line is None):
            raise ValueError("a project's budget line is named by `project` and `line` (the line's id) together")
        return self


class Move(Frozen):
    """Money moved by a decision from one place to another in one year (begrotingswijziging)."""

    model_config = ConfigDict(populate_by_name=True)

    year: Year
    amount: Money
    from_: MoveEnd = Field(alias="from")
    to: MoveEnd
    source: Text
    note: Text | None = None


class DecisionStatus(StrEnum):
    """A decision's life: a proposal is not a decision. `uitgevoerd`: a later document shows it carried out,
    where no source records its adoption."""

    CONCEPT = "concept"
    VOORGESTELD = "voorgesteld"
    ZIENSWIJZE = "zienswijze"  # the councils' term for a view (Wgr), `date` to `until`
    VASTGESTELD = "vastgesteld"
    VERWORPEN = "verworpen"
    INGETROKKEN = "ingetrokken"
    UITGEVOERD = "uitgevoerd"


class DecisionStep(Frozen):
    """One dated step of a decision, with its source: who took it (`by`) and, for a proposal, to whom (`to`)."""

    status: DecisionStatus
    date: dt.date
    by: Text | None = None
    to: Text | None = None
    bodies: list[Id] = []  # the bodies (programmes.yaml `bodies`) that took the step: who adopted it
    until: dt.date | None = None
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _term(self) -> DecisionStep:
        if self.until is not None and self.status is not DecisionStatus.ZIENSWIJZE:
            raise ValueError("`until` is the end of a zienswijze term: only a `zienswijze` step has it")
        if self.until is not None and self.until < self.date:
            raise ValueError("the zienswijze term ends (`until`) before it starts (`date`)")
        return self


class Decision(Frozen):
    id: Id
    kind: Literal["bijstelling", "begroting", "begrotingswijziging"]
    reference: Text
    title: Text
    date: dt.date
    source: Text
    status: list[DecisionStep] = []  # oldest first; empty: the data do not say (reports say `status onbekend`)
    year: Year | None = None  # a `begroting`: the year whose primitieve begroting it sets
    stopped: list[Id] = []
    released: list[Release] = []
    funded: list[Id] = []
    flexible_budget: FlexibleBudget | None = None
    stated_total: DecisionTotal | None = None
    moves: list[Move] = []
    note: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> Decision:
        dates = [step.date for step in self.status]
        if dates != sorted(dates):
            raise ValueError("the steps of `status` go oldest first")
        if self.year is not None and self.kind != "begroting":
            raise ValueError("`year` names the year a `begroting` sets; a wijziging names its years in its moves")
        if self.kind == "bijstelling" and not (self.released and self.funded):
            raise ValueError("a bijstelling names what it releases (`released`) and what it funds (`funded`)")
        if self.kind == "begrotingswijziging" and not self.moves:
            raise ValueError("a begrotingswijziging names the money it moves (`moves`)")
        return self


def _require_note(model: Any, value: Any) -> Any:
    if value is None and getattr(model, "note", None) is None:
        raise ValueError("the value is `unknown`: add a `note` saying what the source does say")
    return model


class RealisatieStatus(StrEnum):
    PROVISIONAL = "provisional"  # bookings so far, or a year not yet closed
    FINAL = "final"  # the year-end account: underspend flows back


class Spent(Frozen):
    """Money spent in a year on one budget line, one project (where the administration does not split its
    lines) or one programme cost line."""

    project: Id | None = None
    line: Id | None = None  # a budget line id of the project; absent: the project as a whole
    cost_line: Id | None = None
    amount: MaybeMoney
    underspend_decision: Id | None = None  # a decision that sends this line's underspend elsewhere
    source: Text | None = None  # when it differs from the file's
    note: Text | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Spent:
        if (self.project is None) == (self.cost_line is None):
            raise ValueError("give either `project` (with an optional `line`) or `cost_line`")
        if self.line is not None and self.project is None:
            raise ValueError("`line` names a budget line of a `project`")
        return _require_note(self, self.amount)


class Addition(Frozen):
    """Money added to a fund in the year: released funds, a partner's contribution (RMT), a grant."""

    amount: Money
    description: Text
    source: Text


def _opening(value: Any) -> Decimal | str:
    return UNKNOWN if value == UNKNOWN else _money(value)


class FundYear(Frozen):
    """A fund (funding source) in the year: its opening balance where the account gives it, and additions."""

    funding: Id
    # absent: the closing balance of the year before, where that is known; `unknown` with a note: not known
    opening: Annotated[
        Decimal | str | None, BeforeValidator(_opening, json_schema_input_type=_AMOUNT_INPUT | Literal["unknown"])
    ] = None
    additions: list[Addition] = []
    source: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_needs_note(self) -> FundYear:
        if self.opening == UNKNOWN and not self.note:
            raise ValueError("the opening balance is `unknown`: add a `note`")
        return self


class RealisatieFile(Frozen):
    """What was actually spent in a year, from the financial administration (`data/realisatie/<year>.yaml`)."""

    year: Year
    status: RealisatieStatus
    source: Text  # the year-end account, or an export of the ledger with its date
    spent: list[Spent] = []
    funds: list[FundYear] = []
    note: Text | None = None


class LedgerCode(Frozen):
    code: Text
    project: Id | None = None
    line: Id | None = None
    cost_line: Id | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_target(self) -> LedgerCode:
        if (self.project is None) == (self.cost_line is None):
            raise ValueError("give either `project` (with an optional `line`) or `cost_line`")
        return self


class RealisatieMapping(Frozen):
    """Cost centres or ledger codes of the administration, mapped to projects, lines and cost lines
    (`data/realisatie/mapping.yaml`), so an export can be imported."""

    source: Text
    codes: list[LedgerCode]
