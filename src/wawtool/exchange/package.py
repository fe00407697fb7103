"""`waw package`: the begroting of every year in its versions and the realisatie, as an open-data Fiscal Data
Package (a Tabular Data Package, its `datapackage.json` with the Fiscal Data Package's `model` of measures and
dimensions, version 0.3 of the spec) and one CSV file per resource.

A resource is one year's begroting in one version (primitief, after each begrotingswijziging, na wijziging; or,
for a year no begroting decision sets, the begroting as the data stand), or one year's realisatie. A row is one
line of that begroting, or one line's realised spending, in euros: an exact decimal with a point, empty where
the data do not know the amount.

The phase (the spec's `proposed`, `approved`, `adjusted`, `executed`) is never firmer than the decisions a
version rests on: `approved` (a primitieve begroting) and `adjusted` (a version after a begrotingswijziging)
only where every decision it rests on has a step `vastgesteld` and has not been withdrawn or rejected since;
anything else, `voorgesteld`, `zienswijze`, `uitgevoerd` without a `vastgesteld` step, or no status in the data,
is `proposed`. Realised spending is `executed`, provisional or final as its file says. Every row carries the
decision its amount rests on, its kenmerk and its Dutch status word, so a reader sees what is only proposed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from .. import budget, decisions
from ..load.loader import Dataset
from ..models import CostLine, Decision, DecisionStatus, RealisatieStatus
from ..realisatie import realisatie_file
from ..reports.budget import build_budget_report
from ..versions import VersionStep, year_versions

CURRENCY = "EUR"
PROPOSED, APPROVED, ADJUSTED, EXECUTED = "proposed", "approved", "adjusted", "executed"
UNDONE = frozenset({DecisionStatus.VERWORPEN, DecisionStatus.INGETROKKEN})

BUDGET_COLUMNS = [
    ("fiscal_year", "integer", "Het begrotingsjaar (kalenderjaar)."),
    ("version", "string", "De versie: primitief, wijziging, na-wijziging, of stand (geen begrotingsbesluit)."),
    ("status", "string", "De fase volgens de Fiscal Data Package: proposed, approved, adjusted of executed."),
    ("currency", "string", "De munt van amount: EUR."),
    ("programme", "string", "Het programma (id in programmes.yaml)."),
    ("project", "string", "Het project (id in projects/); leeg voor een programmaregel."),
    ("line", "string", "De budgetregel of kostenregel (id), waar de data er een geven."),
    ("fund", "string", "De financieringsbron (id in programmes.yaml, funding_sources)."),
    ("group", "string", "De groep van de begroting (Tabel 1)."),
    ("label", "string", "De post zoals de begroting hem noemt."),
    ("amount", "number", "Het bedrag in euro's, exact; leeg waar de bron het niet noemt."),
    ("condition", "string", "De voorwaarde van een voorwaardelijke reservering."),
    ("released", "string", "De maand waarin de voorwaarde niet vervuld werd: het bedrag viel vrij."),
    ("decision", "string", "Het besluit waarop het bedrag in deze versie rust (id in decisions/)."),
    ("kenmerk", "string", "Het kenmerk van dat besluit."),
    ("decision_status", "string", "De laatste stap van dat besluit, in het Nederlands: voorgesteld, vastgesteld, ..."),
    ("decision_status_date", "date", "De datum van die stap."),
    ("source", "string", "Het brondocument van de regel, zoals in data/."),
]
REALISATIE_COLUMNS = [
    *BUDGET_COLUMNS[:4],
    ("final", "boolean", "true: de definitieve realisatie (jaarrekening); false: voorlopig."),
    *BUDGET_COLUMNS[4:11],
    ("booked", "boolean", "false: geen boeking op deze regel, dus € 0 besteed."),
    ("source", "string", "De bron van de realisatie (export of jaarrekening)."),
]


@dataclass
class Resource:
    name: str
    title: str
    description: str
    year: int
    status: str
    columns: list[tuple[str, str, str]]
    rows: list[dict[str, str]]
    extra: dict[str, object] = field(default_factory=dict)


def has_been_vastgesteld(decision: Decision | None) -> bool:
    """A step `vastgesteld`, and not rejected or withdrawn since: the only ground for `approved`/`adjusted`."""
    if decision is None or not decision.status:
        return False
    return any(s.status is DecisionStatus.VASTGESTELD for s in decision.status) and (
        decision.status[-1].status not in UNDONE
    )


def phase(resting_on: list[Decision | None], *, adjusted: bool) -> str:
    """The phase of a version: as firm as the weakest decision it rests on."""
    if resting_on and all(has_been_vastgesteld(d) for d in resting_on):
        return ADJUSTED if adjusted else APPROVED
    return PROPOSED


def _amount(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _decision_cells(decision: Decision | None) -> dict[str, str]:
    step = decisions.current_step(decision) if decision else None
    return {
        "decision": decision.id if decision else "",
        "kenmerk": decision.reference if decision else "",
        "decision_status": step.status.value if step else "",
        "decision_status_date": step.date.isoformat() if step else "",
    }


def _budget_rows(
    dataset: Dataset, year: int, version: str, status: str, as_left_by: str | None
) -> tuple[list[dict[str, str]], list[Decision | None]]:
    """The lines of one version as rows, and the decision each rests on."""
    rows, resting = [], []
    for line in budget.lines_for_year(dataset, year, as_left_by=as_left_by):
        decision = dataset.decision(line.decision) if line.decision else None
        resting.append(decision)
        rows.append(
            {
                "fiscal_year": str(year),
                "version": version,
                "status": status,
                "currency": CURRENCY,
                "programme": line.programme or "",
                "project": line.project or "",
                "line": line.line or "",
                "fund": line.funding or "",
                "group": line.group,
                "label": line.label,
                "amount": _amount(line.amount),
                "condition": line.condition or "",
                "released": line.condition_failed or "",
                **_decision_cells(decision),
                "source": line.source,
            }
        )
    return rows, resting


def _version(
    dataset: Dataset, year: int, version: str, step: VersionStep | None, rests_on: list[Decision | None]
) -> Resource:
    """One version of the year: its rows, and its phase from the decisions the version rests on."""
    as_left_by = step.decision if step is not None and version != "na-wijziging" else None
    rows, resting = _budget_rows(dataset, year, version, PROPOSED, as_left_by)
    grounds = rests_on if rests_on else resting  # no begroting decision: each line's own decision
    status = phase(grounds, adjusted=version in ("wijziging", "na-wijziging") and len(rests_on) > 1)
    for row in rows:
        row["status"] = status
    decision = dataset.decision(step.decision) if step is not None and version != "na-wijziging" else None
    if version == "stand":
        name = f"begroting-{year}"
    elif version == "wijziging" and step is not None:
        name = f"begroting-{year}-wijziging-{step.decision}"
    else:
        name = f"begroting-{year}-{version}"
    kenmerk = decision.reference if decision else ""
    words = {
        "primitief": f"De primitieve begroting {year}, zoals besluit {kenmerk} haar zet.",
        "wijziging": f"De begroting {year} zoals begrotingswijziging {kenmerk} haar achterliet.",
        "na-wijziging": f"De begroting {year} na wijziging: zoals alle besluiten in de data haar achterlaten.",
        "stand": f"De begroting {year} zoals de data die nu geven; geen begrotingsbesluit zet dit jaar, dus elke "
        "regel rust op zijn eigen besluit.",
    }[version]
    extra: dict[str, object] = {"version": version}
    if decision is not None:
        extra.update(decision=decision.id, kenmerk=decision.reference, decisionStatus=decisions.status_label(decision))
    extra["restsOn"] = sorted({d.id for d in grounds if d is not None})
    return Resource(name, f"Begroting {year} ({version})", words, year, status, BUDGET_COLUMNS, rows, extra)


def budget_resources(dataset: Dataset, year: int) -> list[Resource]:
    """The year's versions, in the order of waw budget: primitief, each wijziging, na wijziging; or the
    begroting as the data stand where no begroting decision sets the year."""
    versions = year_versions(dataset, year)
    if versions is None:
        return [_version(dataset, year, "stand", None, [])]
    chain: list[Decision | None] = [dataset.decision(versions.primitief.decision)]
    resources = [_version(dataset, year, "primitief", versions.primitief, list(chain))]
    for step in versions.wijzigingen:
        chain.append(dataset.decision(step.decision))
        resources.append(_version(dataset, year, "wijziging", step, list(chain)))
    resources.append(_version(dataset, year, "na-wijziging", None, chain))
    return resources


def realisatie_resource(dataset: Dataset, year: int) -> Resource | None:
    """The year's realised spending, line by line as `waw budget` compares it; None without realisatie."""
    report = build_budget_report(dataset, year)
    realised = report.realisatie
    if realised is None:
        return None
    final = realised.status is RealisatieStatus.FINAL
    rows: list[dict[str, str]] = []
    for group in realised.groups:
        for row in group.rows:
            project = dataset.project(row.project) if row.project else None
            cost = next((c for c in _cost_lines(dataset) if row.cost_line and c.id == row.cost_line), None)
            rows.append(
                {
                    "fiscal_year": str(year),
                    "version": "realisatie",
                    "status": EXECUTED,
                    "currency": CURRENCY,
                    "final": "true" if final else "false",
                    "programme": (project.programme if project else cost.programme if cost else None) or "",
                    "project": row.project or "",
                    "line": row.line or row.cost_line or "",
                    "fund": row.funding or "",
                    "group": row.group,
                    "label": row.label,
                    "amount": _amount(row.spent),
                    "booked": "true" if row.recorded else "false",
                    "source": realised.source,
                }
            )
    file = realisatie_file(dataset, year)
    words = "definitief (de jaarrekening)" if final else "voorlopig (het jaar is niet afgesloten)"
    return Resource(
        f"realisatie-{year}",
        f"Realisatie {year} ({'definitief' if final else 'voorlopig'})",
        f"Wat in {year} werkelijk is besteed, per regel van de begroting: {words}.",
        year,
        EXECUTED,
        REALISATIE_COLUMNS,
        rows,
        {"version": "realisatie", "final": final, "realisatieStatus": file.status.value if file else ""},
    )


def _cost_lines(dataset: Dataset) -> list[CostLine]:
    return list(dataset.programmes.model.cost_lines) if dataset.programmes else []


def package_years(dataset: Dataset) -> list[int]:
    """Every year with a line of its own (the years `waw budget --year` shows) or a realisatie."""
    realised = {r.model.year for r in dataset.realisatie}
    years = set(budget.budget_years(dataset)) | realised
    return sorted(y for y in years if y in realised or budget.lines_for_year(dataset, y))


def resources(dataset: Dataset) -> list[Resource]:
    found: list[Resource] = []
    for year in package_years(dataset):
        if budget.lines_for_year(dataset, year):
            found += budget_resources(dataset, year)
        realised = realisatie_resource(dataset, year)
        if realised is not None:
            found.append(realised)
    return found


def _csv(resource: Resource) -> bytes:
    """RFC 4180 with a header row; amounts as exact decimals with a point, an unknown one empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [name for name, _, _ in resource.columns]
    writer.writerow(names)
    for row in resource.rows:
        writer.writerow([row[name] for name in names])
    return buffer.getvalue().encode("utf-8")


def _field(name: str, kind: str, words: str) -> dict[str, object]:
    described: dict[str, object] = {"name": name, "type": kind, "description": words}
    if kind == "number":
        described.update(decimalChar=".", bareNumber=True)
    if name in ("fiscal_year", "version", "status", "currency"):
        described["constraints"] = {"required": True}
    if name == "status":
        described["constraints"] = {"required": True, "enum": [PROPOSED, APPROVED, ADJUSTED, EXECUTED]}
    if name == "currency":
        described["constraints"] = {"required": True, "enum": [CURRENCY]}
    return described


def _descriptor_of(resource: Resource) -> dict[str, object]:
    return {
        "name": resource.name,
        "title": resource.title,
        "description": resource.description,
        "profile": "tabular-data-resource",
        "path": f"{resource.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "fiscalYear": resource.year,
        "status": resource.status,
        "currency": CURRENCY,
        **resource.extra,
        "schema": {
            "fields": [_field(*column) for column in resource.columns],
            "missingValues": [""],
        },
    }


def _model(found: list[Resource]) -> dict[str, object]:
    """The Fiscal Data Package's logical model: a measure per resource (its amount, in euros, with its phase)
    and the dimensions every resource shares."""
    measures = {
        r.name.replace("-", "_"): {
            "source": "amount",
            "resource": r.name,
            "currency": CURRENCY,
            "factor": 1,
            "direction": "expenditure",
            "phase": r.status,
        }
        for r in found
    }

    def dimension(kind: str, **attributes: str) -> dict[str, object]:
        return {
            "dimensionType": kind,
            "attributes": {name: {"source": source} for name, source in attributes.items()},
            "primaryKey": next(iter(attributes)),
        }

    dimensions = {
        "fiscal_year": dimension("datetime", year="fiscal_year"),
        "programme": dimension("activity", id="programme"),
        "project": dimension("activity", id="project"),
        "fund": dimension("classification", id="fund"),
        "group": dimension("classification", id="group"),
        "line": dimension("fact", id="line", label="label", source="source"),
        "status": dimension("other", phase="status", version="version"),
    }
    return {"measures": measures, "dimensions": dimensions}


def package_files(dataset: Dataset) -> dict[str, bytes]:
    """datapackage.json and a CSV file per resource, by file name."""
    found = resources(dataset)
    years = sorted({r.year for r in found})
    descriptor = {
        "profile": "tabular-data-package",
        "name": "waw-begroting-en-realisatie",
        "title": "Begroting en realisatie van Werken aan Werk en Perspectief op Werk",
        "description": DESCRIPTION,
        "countryCode": "NL",
        "granularity": "aggregated",
        "currency": CURRENCY,
        **({"fiscalPeriod": {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"}} if years else {}),
        "model": _model(found),
        "resources": [_descriptor_of(r) for r in found],
    }
    files = {"datapackage.json": (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}
    files.update({f"{r.name}.csv": _csv(r) for r in found})
    return files


DESCRIPTION = (
    "De begroting van elk jaar in haar versies (primitief, na elke begrotingswijziging, na wijziging) en de "
    "realisatie, uit de data van waw. Een rij is een regel van de begroting of de besteding op een regel; amount "
    "is in euro's (EUR), exact, met een punt als decimaalteken, leeg waar de bron het bedrag niet noemt. "
    "status is de fase: approved (primitief) of adjusted (na een wijziging) alleen waar elk besluit waarop de "
    "versie rust een stap 'vastgesteld' heeft; voorgesteld, zienswijze, uitgevoerd zonder vastgesteld, of geen "
    "status in de data: proposed. executed is de realisatie, final zegt of die definitief is. decision, kenmerk "
    "en decision_status noemen het besluit waarop elk bedrag rust en zijn laatste stap; source het brondocument. "
    "Regels over meer jaren zonder verdeling per jaar staan in geen enkel jaar (zoals in waw budget)."
)
