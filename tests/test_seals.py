"""Published quarters are locked (issue 18, point 5): `waw publish` seals a quarter, a sealed figure changed
without a correction is a finding (exit 1) in validate, check-budget and diff, a correction is shown as one,
and a tampered seal or a stray correction is located input that cannot be used (exit 2)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import MINIMAL, SHIPPED, git, run, snapshot
from wawtool.load.loader import load
from wawtool.seals import fingerprint, seal_text
from wawtool.validation import validate_data

ZORGSTART = "    value: 80\n    qualifier: ruim\n"  # ZorgStart's 'ruim 80' in data/results/2021-Q3.yaml
CORRECTION = """corrections:
  - project: zorgstart
    indicator: uitstroom-betaald-werk
    was: {value: 80, qualifier: ruim}
    wordt: {value: 95}
    date: 2022-01-15
    reason: "De telling van de partner kwam later binnen"
    source: "Synthetisch: rapportage ZorgStart (2022-01-15)"
"""
FINDING = (
    "E-SEALED Q3-2021 ZorgStart · Uitstroom naar betaald werk: gepubliceerd 'ruim 80', nu '95', "
    "zonder correctie (corrections)"
)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED, tmp_path / "data")
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _ninety_five(data: Path, *, corrected: bool = False) -> Path:
    """ZorgStart's published 'ruim 80' of Q3-2021 typed over as 95, with or without a correction entry."""
    results = data / "results" / "2021-Q3.yaml"
    _edit(results, ZORGSTART, "    value: 95\n")
    if corrected:
        _edit(results, "\nqualitative:\n", "\n" + CORRECTION + "qualitative:\n")
    return results


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line == text)


def test_the_shipped_seals_are_the_shipped_figures_as_waw_publish_writes_them(tmp_path: Path) -> None:
    """The committed seals are what the command writes today, byte for byte; 2023-Q3 (a proposal) is not sealed."""
    assert sorted(p.name for p in (SHIPPED / "seals").iterdir()) == ["2020-Q3.yaml", "2021-Q3.yaml"]
    for seal in (SHIPPED / "seals").iterdir():
        shutil.copytree(SHIPPED, tmp_path / seal.stem / "data")
        data = tmp_path / seal.stem / "data"
        (data / "seals" / seal.name).unlink()
        text = seal.read_text(encoding="utf-8")
        source = next(line for line in text.splitlines() if line.startswith("source: "))[len('source: "') : -1]
        published = next(line for line in text.splitlines() if line.startswith("published: "))[12:-1]
        quarter = seal.stem.split("-")
        date = ["--date", published] if len(published) < 10 else []
        result = run("publish", "--quarter", f"{quarter[1]}-{quarter[0]}", *date, "--source", source, data=data)
        assert result.exit_code == 0, result.output
        assert (data / "seals" / seal.name).read_bytes() == seal.read_bytes()


def test_publish_writes_a_seal_and_never_replaces_it(shipped: Path) -> None:
    (shipped / "seals" / "2021-Q3.yaml").unlink()
    result = run("publish", "--quarter", "Q3-2021", data=shipped)
    assert result.exit_code == 0, result.output
    assert "Q3-2021 verzegeld zoals gepubliceerd op 2021-11-11" in result.stdout
    seal = load(shipped).dataset.seals  # type: ignore[union-attr]
    q3 = next(s.model for s in seal if s.model.quarter == "2021-Q3")
    assert q3.published == "2021-11-11" and q3.document == "Monitor WAW/PoW derde kwartaal 2021 (2021-11-11)"
    zorgstart = next(f for f in q3.figures if f.project == "zorgstart" and f.indicator == "uitstroom-betaald-werk")
    assert (zorgstart.value, zorgstart.qualifier) == (Decimal(80), "ruim")
    assert isinstance(zorgstart.value, Decimal)
    assert q3.fingerprint == fingerprint(q3.quarter, q3.published, q3.document, list(q3.figures))
    jongeren = next(f for f in q3.figures if f.project == "jongeren" and f.indicator == "gesproken")
    assert (jongeren.value, jongeren.qualifier, jongeren.as_of) == (Decimal(50), "ongeveer", "2021-11")
    assert {f.headline for f in q3.figures if f.headline} == {
        "inwoners-bereikt",
        "uitstroom-betaald-werk",
        "trajecten-gestart",
        "scholing-afgerond",
    }

    before = snapshot(shipped)
    again = run("publish", "--quarter", "Q3-2021", "--date", "2021-11-11", "--source", "x", data=shipped)
    assert again.exit_code == 2
    assert "2021-Q3.yaml bestaat: Q3-2021 is gepubliceerd en een zegel wordt niet vervangen" in again.stderr
    assert snapshot(shipped) == before
    forced = run("publish", "--quarter", "Q3-2021", "--force", data=shipped)  # there is no way to replace one
    assert forced.exit_code == 2 and "no such option" in forced.output.lower()
    assert snapshot(shipped) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "Q3-2023"], ""),  # the proposal's own date: the command may seal it, the data does not
        (["--quarter", "Q1-2030"], "no results for Q1-2030"),
        (["--quarter", "Q3-2020"], "geen publicatiedatum voor Q3-2020"),
        (["--quarter", "Q3-2020", "--date", "2020-13-01", "--source", "x"], "'2020-13-01' is geen bestaande datum"),
        (["--quarter", "Q3-2020", "--date", "2020-09-01"], "--date vraagt --source"),
        (["--quarter", "Q3-2023", "--date", "2023-11-17", "--source", "x"], "verschilt van published: 2023-11-16"),
    ],
)
def test_publish_refuses_what_it_cannot_seal(shipped: Path, args: list[str], message: str) -> None:
    (shipped / "seals" / "2020-Q3.yaml").unlink()
    before = snapshot(shipped)
    result = run("publish", *args, data=shipped)
    assert "Traceback" not in result.output
    if not message:
        assert result.exit_code == 0 and (shipped / "seals" / "2023-Q3.yaml").is_file()
        return
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert snapshot(shipped) == before


def test_a_sealed_figure_changed_without_correction_is_a_finding_of_every_check(shipped: Path) -> None:
    results = _ninety_five(shipped)
    line = _line_of(results, "    value: 95")
    for command in (["validate"], ["check-budget"]):
        result = run(*command, data=shipped)
        assert result.exit_code == 1, result.output
        assert f"results/2021-Q3.yaml:{line}: {FINDING}" in result.output
    json_out = run("validate", "--format", "json", data=shipped)
    assert json_out.exit_code == 1 and '"severity": "finding"' in json_out.stdout
    for command in (["status", "--quarter", "Q3-2021"], ["report", "--quarter", "Q3-2021"]):
        report = run(*command, data=shipped)
        assert report.exit_code == 0 and FINDING in report.stderr  # reports still run, and say it
        assert "gecorrigeerd" not in report.stdout


def test_diff_exits_1_on_a_changed_sealed_figure_with_or_without_it_in_git(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SHIPPED, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "data")
    _ninety_five(repo / "data")
    in_work_tree = run("diff", "HEAD", data=repo / "data")
    assert in_work_tree.exit_code == 1 and FINDING in in_work_tree.stderr, in_work_tree.output
    git(repo, "commit", "-qam", "95")  # committed: the seal in data/ is the evidence, not the history
    committed = run("diff", "HEAD", data=repo / "data")
    assert committed.exit_code == 1 and FINDING in committed.stderr
    between = run("diff", "HEAD~1", "HEAD", data=repo / "data")
    assert between.exit_code == 1 and FINDING in between.stderr
    back = run("diff", "HEAD", "HEAD~1", data=repo / "data")  # the base's findings are not this change's
    assert back.exit_code == 0, back.output


def test_with_a_correction_the_checks_pass_and_the_reports_show_it(shipped: Path) -> None:
    _ninety_five(shipped, corrected=True)
    assert run("validate", data=shipped).exit_code == 0
    assert run("check-budget", data=shipped).exit_code == 0
    shown = (
        "gecorrigeerd op 2022-01-15: gepubliceerd 'ruim 80' (Monitor WAW/PoW derde kwartaal 2021, 2021-11-11); "
        "reden: De telling van de partner kwam later binnen"
    )
    for command in (["status", "--quarter", "Q3-2021"], ["report", "--quarter", "Q3-2021"], ["show", "zorgstart"]):
        result = run(*command, "--format", "markdown", data=shipped)
        assert result.exit_code == 0 and not result.stderr, result.output
        assert shown in result.stdout
    as_json = run("status", "--quarter", "Q3-2021", "--format", "json", data=shipped).stdout
    assert '"correction": {\n        "date": "2022-01-15"' in as_json and '"document": "Monitor WAW/PoW' in as_json
    other = run("status", "--quarter", "Q3-2023", "--format", "markdown", data=shipped).stdout
    assert "gecorrigeerd" not in other  # a correction belongs to its quarter


def test_a_corrected_headline_figure_says_so(shipped: Path) -> None:
    results = shipped / "results" / "2021-Q3.yaml"
    _edit(results, "    value: 500\n    qualifier: bijna\n", "    value: 497\n")
    assert run("validate", data=shipped).exit_code == 1
    correction = """corrections:
  - headline: inwoners-bereikt
    was: {value: 500, qualifier: bijna}
    wordt: {value: 497}
    date: 2022-02-01
    reason: "Nageteld"
    source: "Synthetisch"
"""
    _edit(results, "\nqualitative:\n", "\n" + correction + "qualitative:\n")
    report = run("report", "--quarter", "Q3-2021", "--format", "markdown", data=shipped)
    assert report.exit_code == 0 and "gecorrigeerd op 2022-02-01: gepubliceerd 'bijna 500'" in report.stdout


def test_a_removed_sealed_figure_is_a_finding_at_the_seal(shipped: Path) -> None:
    results = shipped / "results" / "2020-Q3.yaml"
    text = results.read_text(encoding="utf-8")
    start = text.index("  - project: ggz\n    indicator: trajecten-gestart\n")
    end = text.index("\n  - ", start + 1)
    results.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    result = run("validate", data=shipped)
    assert result.exit_code == 1, result.output
    seal = shipped / "seals" / "2020-Q3.yaml"
    line = _line_of(seal, '  - project: "ggz"')
    wanted = (
        f"seals/2020-Q3.yaml:{line}: E-SEALED Q3-2020 Gezamenlijke aanpak GGZ · Gestarte trajecten: "
        "gepubliceerd '9', staat niet meer in data/results/2020-Q3.yaml"
    )
    assert wanted in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('    value: 80\n    qualifier: "ruim"\n', "    value: 95\n"),  # a figure edited to hide a change
        ('published: "2021-11-11"', 'published: "2021-11-12"'),
        ('document: "Monitor', 'document: "De monitor'),
    ],
)
def test_a_tampered_seal_is_detected_at_the_seal(shipped: Path, old: str, new: str) -> None:
    seal = shipped / "seals" / "2021-Q3.yaml"
    _edit(seal, old, new)
    if "95" in new:
        _ninety_five(shipped)
    result = run("validate", data=shipped)
    assert result.exit_code == 2, result.output
    line = _line_of(seal, next(x for x in seal.read_text().splitlines() if x.startswith("fingerprint:")))
    assert f"seals/2021-Q3.yaml:{line}: E-SEAL fingerprint: de cijfers van dit zegel" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    was: {value: 80, qualifier: ruim}", "    was: {value: 70, qualifier: ruim}"),
         "corrections[0].was: 'ruim 70' is niet het gepubliceerde cijfer van Q3-2021 ZorgStart · Uitstroom naar "
         "betaald werk: 'ruim 80'"),
        (("    wordt: {value: 95}", "    wordt: {value: 96}"),
         "corrections[0].wordt: '96' is niet het cijfer van Q3-2021 ZorgStart · Uitstroom naar betaald werk in dit "
         "bestand: '95'"),
        (("    indicator: uitstroom-betaald-werk\n    was", "    indicator: trajecten-gestart\n    was"),
         "corrections[0]: Q3-2021 ZorgStart · Gestarte trajecten is geen gepubliceerd cijfer van Q3-2021"),
    ],
)  # fmt: skip
def test_a_stray_correction_is_reported_where_it_stands(shipped: Path, change: tuple[str, str], message: str) -> None:
    results = _ninety_five(shipped, corrected=True)
    _edit(results, *change)
    result = run("validate", data=shipped)
    assert result.exit_code == 2, result.output
    assert "results/2021-Q3.yaml:" in result.stdout and f"E-CORRECTION {message}" in result.stdout, result.stdout
    assert FINDING in result.stdout  # and the figure itself is still uncorrected


def test_a_correction_of_a_figure_that_did_not_change_or_twice_or_unpublished(shipped: Path) -> None:
    results = shipped / "results" / "2021-Q3.yaml"
    _edit(results, "\nqualitative:\n", "\n" + CORRECTION + CORRECTION.split("\n", 1)[1] + "qualitative:\n")
    first = run("validate", data=shipped)
    assert first.exit_code == 2
    assert "E-CORRECTION corrections[0].wordt: '95' is niet het cijfer" in first.stdout, first.stdout
    assert "E-CORRECTION corrections[1]: een tweede correctie van Q3-2021 ZorgStart" in first.stdout
    later = shipped / "results" / "2023-Q3.yaml"
    _edit(later, "\nresults:\n", "\n" + CORRECTION.replace("80", "91") + "results:\n")
    unpublished = run("validate", data=shipped)
    assert "Q3-2023 is niet gepubliceerd (er is geen data/seals/2023-Q3.yaml)" in unpublished.stdout


SEAL_INPUTS = [
    ("seals/2021-Q3.yaml", "quarter: 2021-Q3\n", "E-SCHEMA"),  # a seal without its record
    ("seals/2021-Q1.yaml", None, "E-FILENAME"),  # a seal under another quarter's name
    ("results/2021-Q2.yaml", "corrections:\n  - project: alpha\n    was: {value: 1}\n", "E-SCHEMA"),
]


@pytest.mark.parametrize(("name", "text", "code"), SEAL_INPUTS)
def test_every_bad_seal_or_correction_is_located_never_a_traceback(
    tmp_path: Path, name: str, text: str | None, code: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    published = run("publish", "--quarter", "Q2-2021", "--date", "2021-07-01", "--source", "synthetisch", data=data)
    assert published.exit_code == 0, published.output
    if text is None:
        shutil.copy(data / "seals" / "2021-Q2.yaml", data / name)
    elif name.startswith("results"):
        _edit(data / name, "\nresults:\n", "\n" + text + "results:\n")
    else:
        (data / name).parent.mkdir(exist_ok=True)
        (data / name).write_text(text)
    result = run("validate", data=data)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert any(line.startswith(str(data / name) + ":") and f" {code} " in line for line in result.stdout.splitlines())


def test_the_rule_is_a_finding_not_an_error_and_unsealed_data_has_none(shipped: Path) -> None:
    _ninety_five(shipped)
    dataset, issues = validate_data(shipped)
    assert dataset is not None and [i.code for i in issues] == ["E-SEALED"]
    assert issues[0].severity.value == "finding"
    shutil.rmtree(shipped / "seals")
    assert validate_data(shipped)[1] == []  # without the seal, 95 is just the figure


def test_the_seal_text_reads_back_as_the_figures_it_was_written_from(tmp_path: Path) -> None:
    from wawtool.models import SealedFigure
    from wawtool.periods import Quarter

    figures = [
        SealedFigure(headline="h", value=Decimal("12.50")),
        SealedFigure(project="p", indicator="i", value="unknown", qualifier="meer dan", as_of="2021-11"),
    ]
    text = seal_text(Quarter(2021, 3), "2021", 'Een "document"', "bron: ' en \\", figures)
    from wawtool.load.yamlsource import parse_bytes
    from wawtool.models import SealFile

    seal = SealFile.model_validate(parse_bytes(text.encode(), "x.yaml").data)
    assert seal.document == 'Een "document"' and seal.source == "bron: ' en \\"
    assert seal.figures == figures and seal.figures[0].value == Decimal("12.5")
    assert seal.fingerprint == fingerprint("2021-Q3", "2021", 'Een "document"', figures)
    assert fingerprint("2021-Q3", "2021", 'Een "document"', figures[:1]) != seal.fingerprint
