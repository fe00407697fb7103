"""Published quarters, locked: the figures a seal holds, their fingerprint and the seal's text (`waw publish`),
and the rule that every sealed figure is still the figure of its results file or is corrected there.

A seal records what a monitor published: the quarter, the day (or the month or year where the source gives no
more), the document, and every figure (headline figures and results, with their qualifier and `as_of`). The
words of a monitor (`qualitative`, quotes, notes, judgements) are not sealed: they are the document's text, read
again in the document the seal names, and their transcription is refined as sources are re-read; the figures
are what other documents quote and add up. The fingerprint is a sha256 over a canonical serialisation of the
quarter, the date, the document and the figures: a seal edited by hand no longer matches it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .issues import Issue, Severity
from .load.loader import Dataset, Located
from .models import Correction, FigureValue, ResultsFile, SealedFigure, SealFile
from .periods import Quarter

FigureKey = tuple[str | None, str]  # (project, indicator) of a result; (None, indicator) of a headline figure
FigureLike = SealedFigure | FigureValue


def figures_of(results: ResultsFile) -> list[SealedFigure]:
    """Every figure a results file publishes: its headline figures, then its results, in the file's order."""
    figures = [
        SealedFigure(headline=h.indicator, value=_input(h.value), qualifier=h.qualifier) for h in results.headline
    ]
    return figures + [
        SealedFigure(
            project=r.project, indicator=r.indicator, value=_input(r.value), qualifier=r.qualifier, as_of=r.as_of
        )
        for r in results.results
    ]


def _input(value: Decimal | None) -> Decimal | str:
    return "unknown" if value is None else value


def key_of(figure: SealedFigure | Correction) -> FigureKey:
    if figure.headline is not None:
        return None, figure.headline
    assert figure.indicator is not None
    return figure.project, figure.indicator


def same(a: FigureLike, b: FigureLike) -> bool:
    """The same figure: the same number (80 is 80.0), the same word, the same month."""
    return (a.value, a.qualifier, a.as_of) == (b.value, b.qualifier, b.as_of)


def _number(value: Decimal | None) -> str:
    return "unknown" if value is None else format(value.normalize(), "f")


def fingerprint(quarter: str, published: str, document: str, figures: list[SealedFigure]) -> str:
    """sha256 over the canonical JSON of the seal's record: sorted keys, numbers as exact decimal text."""
    record = {
        "quarter": quarter,
        "published": published,
        "document": document,
        "figures": [
            {
                "project": f.project,
                "indicator": f.indicator,
                "headline": f.headline,
                "value": _number(f.value),
                "qualifier": f.qualifier,
                "as_of": f.as_of,
            }
            for f in figures
        ],
    }
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def seal_text(quarter: Quarter, published: str, document: str, source: str, figures: list[SealedFigure]) -> str:
    """The seal file as `waw publish` writes it: a comment saying what it is, then the record."""
    lines = [
        f"# Zegel van {quarter.label}: de cijfers van het kwartaal zoals ze zijn gepubliceerd, geschreven door",
        "# `waw publish`. Niet met de hand wijzigen: de vingerafdruk (fingerprint) verraadt elke wijziging. Een",
        f"# gepubliceerd cijfer dat niet klopte, krijgt een correctie in data/results/{quarter.id}.yaml (corrections:",
        "# was, wordt, date, reason, source). Waar de publicatiedatum vandaan komt, staat onder `source`.",
        f"quarter: {_quoted(quarter.id)}",
        f"published: {_quoted(published)}",
        f"document: {_quoted(document)}",
        f"source: {_quoted(source)}",
        "figures:",
    ]
    for figure in figures:
        named = (
            [f"  - headline: {_quoted(figure.headline)}"]
            if figure.headline is not None
            else [f"  - project: {_quoted(figure.project or '')}", f"    indicator: {_quoted(figure.indicator or '')}"]
        )
        lines += named + [f"    value: {_number(figure.value)}"]
        if figure.qualifier is not None:
            lines.append(f"    qualifier: {_quoted(figure.qualifier)}")
        if figure.as_of is not None:
            lines.append(f"    as_of: {_quoted(figure.as_of)}")
    lines.append(f"fingerprint: {_quoted(fingerprint(quarter.id, published, document, figures))}")
    return "\n".join(lines) + "\n"


def figure_words(figure: FigureLike | None, percent: bool = False) -> str:
    """A figure as the monitor wrote it, exactly: `ruim 80`, `ongeveer 50 (stand 2021-11)`, `onbekend`."""
    if figure is None:
        return "niets"
    number = "onbekend" if figure.value is None else _number(figure.value).replace(".", ",") + ("%" * percent)
    shown = f"{figure.qualifier} {number}" if figure.qualifier else number
    return f"{shown} (stand {figure.as_of})" if figure.as_of else shown


@dataclass(frozen=True)
class Names:
    """Projects and indicators by their names, for messages a reader recognises."""

    dataset: Dataset

    def figure(self, key: FigureKey) -> str:
        project, indicator = key
        name = self.indicator(indicator)
        if project is None:
            return f"kerncijfer {name}"
        found = self.dataset.project(project)
        return f"{found.name if found else project} · {name}"

    def indicator(self, indicator_id: str) -> str:
        programmes = self.dataset.programmes
        found = next((i for i in programmes.model.indicators if i.id == indicator_id), None) if programmes else None
        return found.name if found else indicator_id

    def percent(self, key: FigureKey) -> bool:
        programmes = self.dataset.programmes
        found = next((i for i in programmes.model.indicators if i.id == key[1]), None) if programmes else None
        return found is not None and found.unit.value == "percent"


def _figure_places(results: Located[ResultsFile]) -> dict[FigureKey, tuple[SealedFigure, tuple[str | int, ...]]]:
    """Each current figure with the place of its value in the file."""
    places: dict[FigureKey, tuple[SealedFigure, tuple[str | int, ...]]] = {}
    headline_count = len(results.model.headline)
    for index, figure in enumerate(figures_of(results.model)):
        place: tuple[str | int, ...] = (
            ("headline", index, "value") if index < headline_count else ("results", index - headline_count, "value")
        )
        places.setdefault(key_of(figure), (figure, place))
    return places


def check_seals(dataset: Dataset) -> list[Issue]:
    """Every seal as `waw publish` wrote it; every sealed figure unchanged or corrected (a finding otherwise);
    every correction correcting a sealed figure."""
    issues: list[Issue] = []
    names = Names(dataset)
    results_by_quarter = {r.model.quarter: r for r in dataset.results}
    trusted: dict[str, Located[SealFile]] = {}
    for seal in dataset.seals:
        problem = _seal_problem(seal)
        if problem is not None:
            issues.append(problem)
        elif not seal.partial:
            trusted[seal.model.quarter] = seal
    for quarter, seal in trusted.items():
        results = results_by_quarter.get(quarter)
        if results is None and quarter in dataset.broken or results is not None and results.partial:
            continue  # a results file with its own errors: what it holds is not known
        issues += _sealed_figure_findings(seal, results, names)
    sealed_quarters = {s.model.quarter for s in dataset.seals}
    for results in dataset.results:
        quarter = results.model.quarter
        if quarter in trusted or quarter not in sealed_quarters:  # a seal in doubt is reported, not compared
            issues += _correction_problems(results, trusted.get(quarter), names)
    return issues


def _seal_problem(seal: Located[SealFile]) -> Issue | None:
    model = seal.model
    stem = Path(seal.source.path).stem
    if stem != model.quarter:
        return seal.issue("E-FILENAME", ("quarter",), f"'{model.quarter}' differs from the file name '{stem}.yaml'")
    keys = [key_of(f) for f in model.figures]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            message = (
                f"het cijfer van figures[{keys.index(key)}] staat er een tweede keer: het zegel is niet zoals "
                "waw publish het schreef"
            )
            return seal.issue("E-SEAL", ("figures", index), message)
    expected = fingerprint(model.quarter, model.published, model.document, list(model.figures))
    if seal.partial or model.fingerprint == expected:
        return None
    message = (
        "de cijfers van dit zegel zijn niet meer die waarmee het is gepubliceerd (de vingerafdruk klopt niet): een "
        "zegel wordt niet met de hand gewijzigd; een gepubliceerd cijfer dat niet klopte, krijgt een correctie in "
        f"data/results/{model.quarter}.yaml (corrections)"
    )
    return seal.issue("E-SEAL", ("fingerprint",), message)


def _sealed_figure_findings(seal: Located[SealFile], results: Located[ResultsFile] | None, names: Names) -> list[Issue]:
    """E-SEALED (a finding) for every sealed figure the results file no longer holds as published, uncorrected."""
    label = Quarter.parse(seal.model.quarter).label
    current = _figure_places(results) if results is not None else {}
    corrections = {key_of(c): c for c in results.model.corrections} if results is not None else {}
    findings: list[Issue] = []
    for index, sealed in enumerate(seal.model.figures):
        key = key_of(sealed)
        percent = names.percent(key)
        now = current.get(key)
        correction = corrections.get(key)
        if now is not None and same(sealed, now[0]):
            continue
        if (
            now is not None
            and correction is not None
            and same(correction.was, sealed)
            and same(correction.wordt, now[0])
        ):
            continue
        published = figure_words(sealed, percent)
        if now is None or results is None:
            where = f"data/results/{seal.model.quarter}.yaml"
            message = f"{label} {names.figure(key)}: gepubliceerd '{published}', staat niet meer in {where}"
            path, line = seal.at("figures", index)
        else:
            message = (
                f"{label} {names.figure(key)}: gepubliceerd '{published}', nu '{figure_words(now[0], percent)}', "
                "zonder correctie (corrections)"
            )
            path, line = results.at(*now[1])
        findings.append(Issue("E-SEALED", message, path, line, Severity.FINDING))
    return findings


def _correction_problems(results: Located[ResultsFile], seal: Located[SealFile] | None, names: Names) -> list[Issue]:
    """E-CORRECTION for a correction that corrects no published figure as it was published and is now."""
    quarter = results.model.quarter
    label = Quarter.parse(quarter).label
    sealed = {key_of(f): f for f in seal.model.figures} if seal is not None else {}
    current = _figure_places(results)
    issues: list[Issue] = []
    first: dict[FigureKey, int] = {}
    for index, correction in enumerate(results.model.corrections):
        key = key_of(correction)
        what = f"{label} {names.figure(key)}"
        percent = names.percent(key)
        published = sealed.get(key)
        now = current.get(key)
        place: tuple[str | int, ...] = ("corrections", index)
        if seal is None:
            message = (
                f"{label} is niet gepubliceerd (er is geen data/seals/{quarter}.yaml): alleen een gepubliceerd "
                "cijfer krijgt een correctie"
            )
        elif key in first:
            message = (
                f"een tweede correctie van {what} (de eerste is corrections[{first[key]}]): één correctie, van het "
                "gepubliceerde cijfer naar het huidige"
            )
        elif published is None:
            message = f"{what} is geen gepubliceerd cijfer van {label}; de correctie corrigeert niets"
        elif not same(correction.was, published):
            place = (*place, "was")
            was, shown = figure_words(correction.was, percent), figure_words(published, percent)
            message = f"'{was}' is niet het gepubliceerde cijfer van {what}: '{shown}'"
        elif now is None or not same(correction.wordt, now[0]):
            place = (*place, "wordt")
            shown = figure_words(now[0], percent) if now is not None else "niets"
            message = (
                f"'{figure_words(correction.wordt, percent)}' is niet het cijfer van {what} in dit bestand: '{shown}'"
            )
        elif same(published, now[0]):
            message = f"{what} is niet gewijzigd ('{figure_words(published, percent)}'); de correctie corrigeert niets"
        else:
            first.setdefault(key, index)
            continue
        first.setdefault(key, index)
        issues.append(results.issue("E-CORRECTION", place, message))
    return issues


@dataclass(frozen=True)
class Corrected:
    """A corrected figure for the reports: the correction and the seal of the document that published it."""

    correction: Correction
    document: str
    published: str


def corrections_of(dataset: Dataset, quarter: str) -> dict[FigureKey, Corrected]:
    """The corrections of a quarter's results by figure, with the document and date of their seal."""
    seal = next((s.model for s in dataset.seals if s.model.quarter == quarter), None)
    results = next((r.model for r in dataset.results if r.model.quarter == quarter), None)
    if seal is None or results is None:
        return {}
    return {key_of(c): Corrected(c, seal.document, seal.published) for c in results.corrections}
