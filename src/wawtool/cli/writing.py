"""The commands that write files: skeletons and imports into `data/`, workbooks, the site and the schemas
elsewhere. Each writes only where its command says, atomically, and never into `data/` unless writing
there is its job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..files import schema_by_waw, workbook_by_waw
from .app import Invocation, app, new_app, template_app
from .inputs import (
    category_names,
    checked_dataset,
    known_or_usage,
    no_budget,
    no_results,
    parse_quarter,
    quarter_or_latest,
    readable,
    valid_id,
)
from .options import (
    DateSourceOption,
    DocumentOption,
    ExportQuarterOption,
    ExportYearOption,
    ForceOption,
    IdArgument,
    PackageOutput,
    PublishedOption,
    QuarterOption,
    SchemaOutput,
    SiteOutput,
    TemplateOutput,
    ThousandsOption,
    WorkbookOutput,
    YearOption,
)

if TYPE_CHECKING:
    from ..periods import Quarter

from .output import refuse_input, refuse_to_replace_foreign, usage, write_file, writing_into


@new_app.command("project", short_help="A valid, commented skeleton of a new project.")
def new_project(
    ctx: typer.Context,
    project_id: IdArgument,
    name: Annotated[str, typer.Option("--name", help="The project's name as the documents write it.")],
    programme: Annotated[str, typer.Option("--programme", help="waw or pow.")] = "waw",
    category: Annotated[str | None, typer.Option("--category", help="A monitor category id.")] = None,
) -> None:
    """Write data/projects/ID.yaml: a project skeleton that validates, with comments on every field."""
    invocation: Invocation = ctx.obj
    valid_id(project_id)
    with writing_into(invocation.data):
        _new_project(invocation, project_id, name, programme, category)


def _new_project(invocation: Invocation, project_id: str, name: str, programme: str, category: str | None) -> None:
    from ..exchange.skeletons import project_yaml

    dataset = checked_dataset(invocation)
    assert dataset.programmes is not None
    known_or_usage("--programme", programme, [p.id for p in dataset.programmes.model.programmes])
    known_or_usage("--category", category, [c.id for c in dataset.programmes.model.categories])
    if dataset.project(project_id) is not None:
        usage(f"a project '{project_id}' exists already")
    text = project_yaml(project_id, name.replace('"', "'"), programme, category, dt.date.today())
    _write_new(invocation.data / "projects" / f"{project_id}.yaml", text)


@new_app.command("decision", short_help="A valid, commented skeleton of a new decision.")
def new_decision(
    ctx: typer.Context,
    decision_id: IdArgument,
    reference: Annotated[str, typer.Option("--reference", help="The kenmerk, e.g. 24.0001234.")],
    title: Annotated[str, typer.Option("--title", help="The proposal's title.")],
) -> None:
    """Write data/decisions/ID.yaml: a decision skeleton that validates, with moves explained in comments."""
    from ..exchange.skeletons import decision_yaml

    invocation: Invocation = ctx.obj
    valid_id(decision_id)
    with writing_into(invocation.data):
        dataset = checked_dataset(invocation)
        if dataset.decision(decision_id) is not None:
            usage(f"a decision '{decision_id}' exists already")
        text = decision_yaml(decision_id, reference.replace('"', "'"), title.replace('"', "'"), dt.date.today())
        _write_new(invocation.data / "decisions" / f"{decision_id}.yaml", text)


def _write_new(path: Path, text: str) -> None:
    write_file(path, text.encode("utf-8"), overwrite=False, make_parent=True)
    typer.echo(f"Wrote {path}; fill in the sources and figures, then run: waw validate")


@app.command(short_help="One workbook: begroting, monitor and projects.")
def export(
    ctx: typer.Context,
    output: WorkbookOutput,
    year: YearOption = None,
    quarter: ExportQuarterOption = None,
    thousands: ThousandsOption = False,
) -> None:
    """One workbook: the begroting of a year, the monitor of a quarter and all projects, for Excel users."""
    from ..exchange.workbook import export_workbook
    from ..files import inside
    from ..reports.budget import build_budget_report
    from ..reports.overview import build_projects_overview
    from ..reports.status import build_status_report, project_phases

    invocation: Invocation = ctx.obj
    if output.suffix.lower() != ".xlsx":
        usage(f"{output} must end in .xlsx")
    chosen = parse_quarter(quarter) if quarter else None
    dataset = checked_dataset(invocation)
    if inside(output, invocation.data):
        usage(f"{output} is inside the data directory; waw export never writes there")
    assert dataset.programmes is not None
    chosen = quarter_or_latest(dataset, chosen, invocation.data)
    status_report = build_status_report(dataset, chosen)
    if status_report is None:
        no_results(dataset, chosen.label, invocation.data)
    overview = build_projects_overview(dataset, project_phases(status_report))  # in the monitor's words
    years = [a.year for a in dataset.programmes.model.available] or overview.years
    budget_year = year if year is not None else max(years)
    budget_report = build_budget_report(dataset, budget_year)
    if not budget_report.groups:
        no_budget(dataset, budget_year, invocation.data)
    created = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    refuse_to_replace_foreign(output, workbook_by_waw)
    book = export_workbook(budget_report, status_report, category_names(dataset), overview, created, thousands)
    write_file(output, book)
    typer.echo(f"{output}: begroting {budget_year}, monitor {chosen.label}, {len(dataset.projects)} projecten.")


@template_app.command("results", short_help="The results template for partners of a quarter.")
def template_results(ctx: typer.Context, quarter: QuarterOption, output: TemplateOutput) -> None:
    """A workbook listing the running projects with their indicators and empty result cells."""
    from ..exchange.results_template import build_template, running_projects, template_rows
    from ..files import inside

    invocation: Invocation = ctx.obj
    chosen = parse_quarter(quarter)
    if output.suffix.lower() != ".xlsx":
        usage(f"{output} must end in .xlsx")
    dataset = checked_dataset(invocation)
    if inside(output, invocation.data):
        usage(f"{output} is inside the data directory; templates go elsewhere")
    rows = template_rows(dataset, chosen)
    if not rows:
        usage(f"no project with an open target runs in {chosen.label}; there is nothing to fill in")
    assert dataset.programmes is not None
    indicators = [(i.id, i.name, i.unit.value) for i in dataset.programmes.model.indicators]
    projects = [(p.id, p.name) for p in running_projects(dataset, chosen)]
    refuse_to_replace_foreign(output, workbook_by_waw)
    write_file(output, build_template(rows, chosen, indicators, projects))
    typer.echo(
        f"{output}: {len(rows)} regels voor {chosen.label}, {len(indicators)} kerncijfers, "
        f"{len(projects)} projecten voor een toelichting in woorden."
    )


@app.command("import-results", short_help="A filled-in results template into data/results.")
def import_results(
    ctx: typer.Context,
    workbook: Annotated[Path, typer.Argument(help="A filled-in results template (.xlsx).")],
    quarter: QuarterOption,
    force: ForceOption = False,
) -> None:
    """Check every cell of a filled-in template and write data/results/<quarter>.yaml atomically."""
    invocation: Invocation = ctx.obj
    chosen = parse_quarter(quarter)
    with writing_into(invocation.data):
        _import_results(invocation, workbook, chosen, force)


def _import_results(invocation: Invocation, workbook: Path, chosen: Quarter, force: bool) -> None:
    from ..exchange.results_import import read_filled
    from ..files import inside

    dataset = checked_dataset(invocation)
    readable(workbook, "a workbook")
    target = invocation.data / "results" / f"{chosen.id}.yaml"
    if target.exists() and not force:
        usage(f"{target} exists; use --force to replace it")
    imported, problems = read_filled(workbook, dataset, chosen)
    if imported is None:
        refuse_input([problem.format(workbook.name) for problem in problems])
    if not inside(target, invocation.data):
        usage(f"{target} is outside the data directory")
    write_file(target, imported.text.encode("utf-8"), make_parent=True)
    typer.echo(
        f"{target}: {imported.results} resultaten, {imported.headline} kerncijfers en {imported.qualitative} "
        f"toelichtingen in woorden voor {chosen.label}."
    )


@app.command("import-realisatie", short_help="A ledger export into data/realisatie.")
def import_realisatie(
    ctx: typer.Context,
    export_file: Annotated[
        Path, typer.Argument(metavar="FILE", help="An export of the administration (.xlsx or .csv).")
    ],
    year: ExportYearOption,
    final: Annotated[bool, typer.Option("--final", help="The year-end account: the year is closed.")] = False,
    source: Annotated[
        str | None, typer.Option("--source", help="What the export is, e.g. 'Grootboek WAW 2024-09-30'.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a year whose realisatie is final.")] = False,
) -> None:
    """Check every row of an export against data/realisatie/mapping.yaml and write data/realisatie/<year>.yaml."""
    invocation: Invocation = ctx.obj
    if export_file.suffix.lower() not in {".xlsx", ".csv"}:
        usage(f"{export_file} must end in .xlsx or .csv")
    readable(export_file, "an export")
    with writing_into(invocation.data):
        _import_realisatie(invocation, export_file, year, final, source, force)


def _import_realisatie(
    invocation: Invocation, export_file: Path, year: int, final: bool, source: str | None, force: bool
) -> None:
    from ..exchange.ledger import read_export, realisatie_yaml
    from ..layout.dutch import euro
    from ..models import RealisatieStatus
    from ..realisatie import realisatie_file

    dataset = checked_dataset(invocation)
    existing = realisatie_file(dataset, year)
    target = invocation.data / "realisatie" / f"{year}.yaml"
    if existing is not None and existing.status is RealisatieStatus.FINAL and not force:
        usage(f"{target} holds the final realisatie of {year}; use --force to replace it")
    export, problems = read_export(export_file, dataset)
    if export is None:
        refuse_input([problem.format(export_file.name) for problem in problems])
    status = RealisatieStatus.FINAL if final else RealisatieStatus.PROVISIONAL
    what = source or f"Export {export_file.name} uit de financiële administratie, ingelezen op {dt.date.today()}"
    write_file(target, realisatie_yaml(year, status, what, export.entries, existing).encode("utf-8"), make_parent=True)
    label = "definitief" if final else "voorlopig"
    typer.echo(
        f"{target}: {export.rows} boekingen op {len(export.entries)} regels, samen {euro(export.total)} ({label})."
    )


@app.command(short_help="The whole dataset as a static, printable site.")
def site(ctx: typer.Context, output: SiteOutput) -> None:
    """The whole dataset as a static site: a start page, a page per year's begroting, per quarter's monitor,
    per project and per decision, all cross-linked; written to a temporary directory, then renamed."""
    from ..files import WriteError, inside, write_tree
    from ..site import pages

    invocation: Invocation = ctx.obj
    dataset = checked_dataset(invocation)
    if inside(output, invocation.data):
        usage(f"{output} is inside the data directory; waw site never writes there")
    site_pages = pages(dataset)
    try:
        files = {name: text.encode("utf-8") for name, text in site_pages.items()}
        write_tree(output, files, kind="site", protected=[invocation.data])
    except WriteError as exc:
        usage(str(exc))
    typer.echo(f"{output}: {len(site_pages)} pagina's; begin bij {output / 'index.html'}")


PACKAGE_REFUSALS = {
    "protected": "{output} is of bevat {detail}; waw package vervangt dat nooit",
    "git": "{output} is een git-repository; waw package vervangt die nooit",
    "file": "{output} is een bestand, geen map",
    "foreign": "{output} bevat bestanden die waw package niet schreef ({detail}); kies een lege of nieuwe map",
    "changed": "{output}: {detail} is niet meer het bestand dat waw package schreef; kies een andere map",
}


@app.command(short_help="The begroting and realisatie as an open-data package.")
def package(ctx: typer.Context, output: PackageOutput) -> None:
    """The begroting of every year in its versions and the realisatie as a Fiscal Data Package: datapackage.json
    and a CSV file per resource, written whole into a new directory or over one that waw package wrote."""
    from ..exchange.package import package_files
    from ..files import WriteError, inside, write_tree

    invocation: Invocation = ctx.obj
    dataset = checked_dataset(invocation)
    if inside(output, invocation.data):
        usage(f"{output} ligt in de datamap; waw package schrijft daar nooit")
    files = package_files(dataset)
    try:
        write_tree(output, files, kind="package", protected=[invocation.data])
    except WriteError as exc:
        words = PACKAGE_REFUSALS.get(exc.refusal or "")
        usage(words.format(output=output, detail=exc.detail) if words else f"{output} niet geschreven: {exc}")
    tables = len(files) - 1
    typer.echo(f"{output}: {tables} tabellen (CSV) en datapackage.json, een Fiscal Data Package in euro's.")


@app.command(short_help="The JSON Schemas of the data files, for editors.")
def schema(ctx: typer.Context, output: SchemaOutput) -> None:
    """Write the JSON Schema of each kind of data file, for editors (yaml-language-server) and CI."""
    from ..files import WriteError, inside, make_directory
    from ..schema import schema_files

    invocation: Invocation = ctx.obj
    if inside(output, invocation.data):  # a .json file in data/ is a file waw does not read: data/ would fail
        usage(f"{output} is inside the data directory; schemas go elsewhere (the repository keeps them in schemas/)")
    try:
        make_directory(output)
    except WriteError as exc:
        usage(str(exc))
    files = schema_files()
    for name in files:
        refuse_to_replace_foreign(output / name, schema_by_waw)
    for name, text in files.items():
        write_file(output / name, text.encode("utf-8"))
        typer.echo(str(output / name))


@app.command(short_help="Seal a published quarter's figures.")
def publish(
    ctx: typer.Context,
    quarter: QuarterOption,
    document: DocumentOption = None,
    date: PublishedOption = None,
    source: DateSourceOption = None,
) -> None:
    """Seal a published quarter: write data/seals/<quarter>.yaml with every figure as published and a fingerprint.

    A seal is never replaced (there is no --force): a published figure that was wrong gets a correction in the
    quarter's results file (corrections:), and waw validate, check-budget and diff exit 1 on a sealed figure
    that changed without one."""
    from ..models import published_day

    invocation: Invocation = ctx.obj
    chosen = parse_quarter(quarter)
    try:
        day = published_day(date) if date is not None else None
    except ValueError:
        message = (
            f"'{date}' is geen bestaande datum: schrijf JJJJ-MM-DD, of JJJJ-MM of JJJJ waar de bron niet meer zegt"
        )
        raise typer.BadParameter(message, param_hint="'--date'") from None
    if day is not None and not source:
        usage("--date vraagt --source: waar komt de publicatiedatum vandaan? (het zegel vermeldt het)")
    with writing_into(invocation.data):
        _publish(invocation, chosen, document, day, source)


def _publish(
    invocation: Invocation, chosen: Quarter, document: str | None, day: str | None, source: str | None
) -> None:
    from ..reports.status import results_file_of
    from ..seals import figures_of, seal_text

    dataset = checked_dataset(invocation)
    results = results_file_of(dataset, chosen)
    if results is None:
        no_results(dataset, chosen.label, invocation.data)
    own = f"data/results/{chosen.id}.yaml"
    target = invocation.data / "seals" / f"{chosen.id}.yaml"
    if target.exists() or target.is_symlink():
        usage(
            f"{target} bestaat: {chosen.label} is gepubliceerd en een zegel wordt niet vervangen; een gepubliceerd "
            f"cijfer dat niet klopte, krijgt een correctie in {own} (corrections:)"
        )
    stated = results.published.isoformat() if results.published else None
    if day is not None and stated is not None and day != stated:
        usage(f"--date {day} verschilt van published: {stated} in {own}; een kwartaal heeft één publicatiedatum")
    day = day or stated
    if day is None:
        usage(
            f"geen publicatiedatum voor {chosen.label}: {own} heeft geen published:; geef --date (JJJJ-MM-DD, of "
            "de maand of het jaar dat de bron noemt) en --source"
        )
    figures = figures_of(results)
    if not figures:
        usage(f"{own} heeft geen cijfers (headline of results): er is niets te verzegelen")
    what = document or results.source
    origin = source or f"published: {day} in {own}"  # the results file's own date
    write_file(target, seal_text(chosen, day, what, origin, figures).encode("utf-8"), overwrite=False, make_parent=True)
    typer.echo(
        f"{target}: {chosen.label} verzegeld zoals gepubliceerd {'op' if len(day) == 10 else 'in'} {day} ({what}): "
        f"{len(results.headline)} kerncijfers en {len(results.results)} resultaten."
    )
