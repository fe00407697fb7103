"""What a controller does with waw's output in an office suite, done by LibreOffice: a page pasted into Word
keeps its tables as tables and its charts as pictures; the workbook prints with no column split off its page.

Marked `office` (`pytest -m "not browser and not office"` is the fast suite). They skip, and say which,
where LibreOffice's Writer (the Word tests) or Calc (the workbook test) or poppler's `pdftotext` is absent:
a machine with `soffice` can have either component alone. `.ci/run` installs each one that is missing.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import SHIPPED, run

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def _component(library: str, soffice: str | None = SOFFICE) -> bool:
    """Whether LibreOffice has a component: Writer is libswlo, Calc libsclo, beside the soffice program."""
    if soffice is None:
        return False
    return any(Path(soffice).resolve().parent.glob(f"{library}.*"))


WRITER = _component("libswlo")
CALC = _component("libsclo")
pytestmark = pytest.mark.office
needs_writer = pytest.mark.skipif(
    not WRITER, reason="LibreOffice Writer is not installed (Debian: libreoffice-writer-nogui)"
)
needs_calc = pytest.mark.skipif(not CALC, reason="LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")


def _convert(source: Path, target: str, *options: str) -> Path:
    """LibreOffice's own conversion, with a profile of its own so that runs never share state."""
    assert SOFFICE is not None
    profile = source.parent / "lo-profile"
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={profile.as_uri()}", *options, "--convert-to", target,
         "--outdir", str(source.parent), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    converted = source.with_suffix("." + target.split(":")[0])
    assert done.returncode == 0 and converted.is_file(), done.stdout + done.stderr
    return converted


class _Tables(HTMLParser):
    """The header row of every table of a page, and the number of charts."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[list[str]] = []
        self.images = 0
        self._in_head = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self._in_head = True
            self.headers.append([])
        elif tag == "th" and self._in_head:
            self._cell = []
        elif tag == "img":
            self.images += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag == "th" and self._cell is not None:
            self.headers[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.mark.parametrize(
    "command",
    [["budget", "--year", "2024"], ["report", "--quarter", "Q3-2021"], ["show", "zorgstart"]],
    ids=lambda c: c[0],
)
@needs_writer
def test_a_page_in_word_keeps_its_tables_as_tables_and_its_charts_as_pictures(
    command: list[str], tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx", reason="python-docx is not installed")
    html = run(*command, "--format", "html", data=SHIPPED).stdout
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    expected = _Tables()
    expected.feed(html)
    document = docx.Document(str(_convert(page, "docx:MS Word 2007 XML", "--infilter=HTML (StarWriter)")))
    assert len(document.tables) == len(expected.headers) > 0
    for table, header in zip(document.tables, expected.headers, strict=True):
        assert [cell.text.strip() for cell in table.rows[0].cells] == header
    assert len(document.inline_shapes) == expected.images > 0
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Staafdiagram" not in text and not re.search(r"€ 0€ 100\.000", text)  # no chart spilled as loose text


@needs_calc
@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_workbook_prints_every_sheet_with_all_its_columns_on_each_page(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "waw.xlsx"
    assert run("export", "-o", book, "--quarter", "Q3-2021", data=SHIPPED).exit_code == 0
    sheets = [[str(c.value) for c in ws[1] if c.value is not None] for ws in load_workbook(book).worksheets]
    pdf = _convert(book, "pdf")
    pages = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    assert len(pages) >= len(sheets)
    for number, page in enumerate(pages, start=1):
        words = set(page.split())
        # the header row is repeated on every page; a column split off would take its header's words with it
        assert any(all(set(h.split()) <= words for h in header) for header in sheets), (number, page[:400])


def test_a_libreoffice_with_calc_alone_is_told_apart_from_one_with_writer(tmp_path: Path) -> None:
    """`soffice` alone once counted as LibreOffice; with Calc but not Writer the Word tests then failed."""
    program = tmp_path / "program"
    program.mkdir()
    (program / "soffice").write_text("")
    (program / "libsclo.so").write_text("")
    link = tmp_path / "soffice"
    link.symlink_to(program / "soffice")
    assert _component("libsclo", str(link)) and not _component("libswlo", str(link))
    assert not _component("libswlo", None)


# LibreOffice's CSV import as a Dutch user's double click does it: `;` (59) between fields, `"` (34) around them,
# UTF-8 (76), from line 1, no column formats, the nl-NL locale (1043), quoted fields not forced to text, special
# numbers (a percentage) detected as Excel does. The amounts must arrive as numbers, the words as written.
DUTCH_CSV = "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1043,false,true"


def _dutch_cells(csv_file: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(_convert(csv_file, "xlsx", DUTCH_CSV)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@needs_calc
def test_a_csv_opens_in_libreoffice_in_dutch_in_its_columns_with_its_amounts(tmp_path: Path) -> None:
    from decimal import Decimal

    out = tmp_path / "csv"
    assert run("budget", "--year", "2024", "--format", "csv", "-o", out, data=SHIPPED).exit_code == 0
    rows = _dutch_cells(out / "begroting.csv")
    assert rows[0] == ["Groep", "Post", "Bedrag", "Bedrag (precisie)"]
    by_name = {str(row[0] or row[1]): row for row in rows[1:]}
    total = by_name["Totaal uitgaven"][2]
    assert isinstance(total, int | float) and Decimal(repr(total)) == Decimal("1054795.25")  # Tabel 1's total
    assert by_name["Uitvoering, coördinatie & monitoring"][2] == 95000  # the ö, the comma and & survive
    amounts = [row[2] for row in rows[1:]]
    assert all(isinstance(a, int | float) for a in amounts), amounts  # every amount a number, none a text
    lines = [row[2] for row in rows[1:] if row[0] is None]
    assert Decimal(repr(sum(lines))) == Decimal("1054795.25")  # a spreadsheet can sum them
    ruimte = by_name["Ruimte"]
    assert Decimal(repr(ruimte[2])) == Decimal("245204.75") and ruimte[3] == "ca. ± € 50.000, voorlopig"

    risks = _dutch_cells(out / "risicos.csv")
    assert risks[0] == ["Jaar", "Post", "Bedrag", "Bedrag (precisie)", "Voorwaarde"]
    assert sum(Decimal(repr(row[2])) for row in risks[1:]) == Decimal("465455.25")  # waarvan voorwaardelijk


@needs_calc
def test_a_status_csv_opens_in_libreoffice_in_dutch_with_numbers_and_words(tmp_path: Path) -> None:
    status = tmp_path / "stand.csv"
    result = run("status", "--quarter", "Q3-2021", "--format", "csv", data=SHIPPED)
    assert result.exit_code == 0
    status.write_bytes(result.stdout_bytes)
    rows = _dutch_cells(status)
    header = rows[0]
    column = {name: header.index(name) for name in header}
    (zorgstart,) = [r for r in rows if r[1] == "ZorgStart" and r[2] == "Uitstroom naar betaald werk"]
    assert zorgstart[column["Doel"]] == 250 and zorgstart[column["Resultaat"]] == 80
    assert zorgstart[column["Resultaat (precisie)"]] == "ruim"
    assert zorgstart[column["% van doel naar rato"]] == 85.3 and zorgstart[column["Licht"]] == "groen"
    lights = {r[column["Licht"]] for r in rows[1:]}
    assert "geen gegevens" in lights and not [light for light in lights if "-" in str(light) or "●" in str(light)]


def _shown(book: Path, sheet: int) -> list[list[str]]:
    """A sheet's cells as LibreOffice Calc shows them (its CSV filter, `as shown`, formulas calculated, en-US)."""
    import csv

    assert SOFFICE is not None
    target = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,{sheet}"
    out = book.parent / f"shown-{sheet}"
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={(book.parent / 'lo-profile').as_uri()}", "--convert-to",
         target, "--outdir", str(out), str(book)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    written = sorted(out.glob(f"{book.stem}*.csv"))
    assert done.returncode == 0 and len(written) == 1, done.stdout + done.stderr
    return list(csv.reader(written[0].read_text(encoding="utf-8").splitlines()))


@needs_calc
def test_the_workbook_in_thousands_shows_thousands_and_adds_exact_amounts(tmp_path: Path) -> None:
    """`#,##0,` in Calc: Tabel 1's total shows 1,055 (en-US, as the conversion runs) while its cells hold the exact
    amounts: the total less the stated € 1.054.795 still shows € 0.25."""
    book = tmp_path / "waw.xlsx"
    assert (
        run("export", "-o", book, "--year", "2024", "--quarter", "Q3-2021", "--thousands", data=SHIPPED).exit_code == 0
    )
    shown = _shown(book, 1)
    rows = {r[1]: r[3] for r in shown if len(r) > 3}
    assert rows["Post"] == "Bedrag (× € 1.000)"
    assert rows["ZorgStart"] == "150" and rows["Overheadkosten Regio Gooi en Vechtstreek"] == "18"
    assert rows["Totaal uitgaven"] == "1,055" and rows["Subtotaal Organisatie"] == "149"
    assert rows["Totaal uitgaven min vermeld"] == "€ 0.25"
    notes = [r[0] for r in shown if r and r[0].startswith("Afrondingsverschil")]
    assert notes == [
        "Afrondingsverschil bij Totaal uitgaven: de afgeronde regels tellen op tot 1.054, het afgeronde totaal "
        "is 1.055 (exact € 1.054.795,25)."
    ]


@needs_calc
def test_the_realisatie_sheet_says_voordeel_or_nadeel_beside_the_signed_difference(tmp_path: Path) -> None:
    from helpers import build_realised

    data = build_realised(tmp_path / "data")
    year = data / "realisatie" / "2021.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("amount: 350.00", "amount: 450.00", 1))
    book = tmp_path / "out" / "waw.xlsx"
    book.parent.mkdir()
    assert run("export", "-o", book, "--year", "2021", "--quarter", "Q2-2021", data=data).exit_code == 0
    rows = {r[1]: r[2:6] for r in _shown(book, 5) if len(r) > 5}
    assert rows["Alpha"] == ["€ 400.00", "€ 450.00", "€ -50.00", "nadeel"]
    assert rows["Beta"][2:] == ["€ 0.00", ""]
    assert rows["Totaal (definitief)"][2:] == ["€ -50.00", "nadeel"]


_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>')


def _pdf_words(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Every page's words, each with the top and the height of its box as poppler draws it (`pdftotext -bbox`)."""
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(html.unescape(word), float(top), float(bottom) - float(top)) for top, bottom, word in _WORD.findall(page)]
        for page in text.split("<page ")[1:]
    ]


def _box_per_point(font_name: str, folder: Path) -> float:
    """How high poppler draws a word's box per point of font size, in the workbook's own font as LibreOffice
    prints it: one word at 20 pt on a sheet printed at 100%. A box is taller than its font by the font's ascent
    and descent, so a word's size is its box height divided by this."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "Ijkwoord"
    sheet["A1"].font = Font(name=font_name, size=20)
    sheet.page_setup.scale = 100
    folder.mkdir()
    book.save(folder / "ijk.xlsx")
    (height,) = [h for word, _, h in _pdf_words(_convert(folder / "ijk.xlsx", "pdf"))[0] if word == "Ijkwoord"]
    return height / 20


def _shown_here(book: Path, sheet: int) -> list[list[str]]:
    """A sheet's cells as Calc shows them in the locale it prints the PDF in (the CSV filter's language 0)."""
    import csv

    assert SOFFICE is not None
    target = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,{sheet}"
    out = book.parent / f"here-{sheet}"
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={(book.parent / 'lo-profile').as_uri()}", "--convert-to",
         target, "--outdir", str(out), str(book)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    written = sorted(out.glob(f"{book.stem}*.csv"))
    assert done.returncode == 0 and len(written) == 1, done.stdout + done.stderr
    return list(csv.reader(written[0].read_text(encoding="utf-8").splitlines()))


def _letters(text: str) -> str:
    """Text without its spaces and line breaks, and without the shapes of the lights (a font of their own, which
    the PDF draws apart): a cell's text wrapped over lines, or a word broken in a narrow column, is still whole in
    the page's text as `pdftotext -raw` gives it in the order it is drawn, a cell's lines one after another."""
    return "".join(c for c in text if c.isalnum() or c in "€%,.:;'()&!?/+-_@§")


@pytest.mark.parametrize("realised", [False, True], ids=["shipped", "realisatie-in-thousands"])
@needs_calc
@needs_pdftotext
def test_the_workbook_prints_at_a_readable_size_with_every_cell_whole_and_its_header_on_one_line(
    realised: bool, tmp_path: Path
) -> None:
    """Measured in the PDF LibreOffice prints: every word on every page at 8 pt or more (the workbook once printed
    at about 5 pt, fitted to the width of its widest sheet); every word of every cell as shown on its sheet's
    pages (a clipped Voorwaarde lost its end); each page's header row on one line."""
    from openpyxl import load_workbook

    from helpers import build_realised

    book = tmp_path / "out" / "waw.xlsx"
    book.parent.mkdir()
    if realised:  # with the Realisatie sheet, and the amounts' columns headed `(× € 1.000)`
        args = ["--year", "2021", "--quarter", "Q2-2021", "--thousands"]
        assert run("export", "-o", book, *args, data=build_realised(tmp_path / "data")).exit_code == 0
    else:
        assert run("export", "-o", book, "--quarter", "Q3-2021", data=SHIPPED).exit_code == 0
    sheets = load_workbook(book).worksheets
    assert len(sheets) == (5 if realised else 4)
    per_point = _box_per_point(str(sheets[0]["A2"].font.name), tmp_path / "ijk")
    pages: dict[str, list[list[tuple[str, float, float]]]] = {ws.title: [] for ws in sheets}
    texts: dict[str, list[str]] = {ws.title: [] for ws in sheets}
    pdf = _convert(book, "pdf")
    raw = subprocess.run([str(PDFTOTEXT), "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for number, (words, text) in enumerate(zip(_pdf_words(pdf), raw.split("\f"), strict=False), start=1):
        smallest = min(words, key=lambda w: w[2])
        assert smallest[2] / per_point >= 8, (number, smallest, round(smallest[2] / per_point, 1))
        # the page header names the sheet
        (title,) = [t for t in pages if [w for w, _, _ in words[: len(t.split())]] == t.split()]
        pages[title].append(words)
        texts[title].append(_letters(text))
    for index, ws in enumerate(sheets, start=1):
        shown = _shown_here(book, index)
        printed = "".join(texts[ws.title])
        cut = [cell for row in shown for cell in row if _letters(cell) not in printed]
        assert not cut, (ws.title, cut)
        header = [word for cell in shown[0] for word in cell.split()]
        for page in pages[ws.title]:
            below_title = [(w, top) for w, top, _ in page[len(ws.title.split()) :]]
            tops = {min(top for w, top in below_title if w == word) for word in header}
            assert max(tops) - min(tops) < 2, (ws.title, header, tops)  # the repeated header row, on one line


@needs_calc
def test_the_projects_sheet_totals_each_year_as_the_begroting_sheet_does(tmp_path: Path) -> None:
    """As Calc calculates them: the Projecten sheet's Totaal uitgaven of a year is the Begroting sheet's."""
    for year, total in (("2024", "€ 1,054,795.25"), ("2021", "€ 580,000.00")):
        book = tmp_path / year / "waw.xlsx"
        book.parent.mkdir()
        assert run("export", "-o", book, "--year", year, "--quarter", "Q3-2021", data=SHIPPED).exit_code == 0
        begroting = {r[1]: r[3] for r in _shown(book, 1) if len(r) > 3}
        header, *rows = _shown(book, 4)
        projecten = {r[1]: r[header.index(year)] for r in rows if len(r) > 1}
        assert begroting["Totaal uitgaven"] == projecten["Totaal uitgaven (begroting)"] == total
