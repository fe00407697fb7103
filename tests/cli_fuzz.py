"""A fuzz campaign of the whole command line: real `waw` processes on mutated copies of the shipped data and
the synthetic trees, with arguments good and bad, for a bounded time.

    python tests/cli_fuzz.py --seconds 120 --seed 1 [--workers 2] [--keep DIR]

Each round takes a fresh tree (the shipped data, or the synthetic one with realisatie, each in a git repository
of its own so that `waw diff` has revisions), mutates none, one or a few of its files, and runs one command
with arguments drawn from what that command takes and from what a user may mistype. A round fails when:
- the exit code is not 0, 1 or 2 (a crash, a signal, a hang past the timeout), or
- the output holds a Python traceback, or
- a command that does not write data changed a byte of the repository (data/ and .git), or
- a command that writes data left anything beside its own result (a temporary file, a half-written one).
The figures (rounds, exit codes per command, failures) are printed at the end; a failing round is printed
with what reproduces it, and with --keep its tree is kept. Exit 1 when a round failed.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from helpers import GIT_ENV, SHIPPED, build_realised  # noqa: E402
from test_properties import _mutate  # noqa: E402

WAW = Path(sys.executable).parent / "waw"
TIMEOUT = 60  # seconds; the slowest command on the shipped data takes about 2
WRITES_DATA = {"new", "import-results", "import-realisatie", "publish"}

GARBAGE = [
    "",
    " ",
    "-",
    "--",
    "0",
    "-1",
    "99999999999999999999",
    "1e9",
    "Q0-2021",
    "2021-Q9",
    "q3-2021",
    "é",
    "\u202e",
    "a\nb",
    "../../etc/passwd",
    "%s%n",
    "$(true)",
    "alpha\u00a0",
    "zorgstart ",
    "ZORGSTART",
    "x" * 300,
    "²",
    "HEAD~1",
    "HEAD~999",
    "--help",
]


@dataclass
class Tree:
    """A repository with data/ that a round may spoil; reset to its commit before each round."""

    root: Path
    kind: str
    projects: list[str]
    decisions: list[str]
    quarters: list[str]
    years: list[str]

    @property
    def data(self) -> Path:
        return self.root / "data"

    def reset(self) -> None:
        _git(self.root, "reset", "-q", "--hard")
        _git(self.root, "clean", "-qfdx")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


def make_tree(root: Path, kind: str) -> Tree:
    root.mkdir(parents=True)
    if kind == "shipped":
        shutil.copytree(SHIPPED, root / "data")
    else:
        build_realised(root / "data")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "base")
    data = root / "data"
    # a second commit, so that HEAD~1 exists: one line of money changed
    project = sorted((data / "projects").glob("*.yaml"))[0]
    text = project.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip().startswith("amount:") and line.split(":", 1)[1].strip().isdigit():
            text = text.replace(line, line + "1", 1)  # ten times the amount and one euro
            break
    original = project.read_text(encoding="utf-8")
    project.write_text(text, encoding="utf-8")
    _git(root, "commit", "-qam", "change")
    project.write_text(original, encoding="utf-8")  # and back: HEAD is the data as it was, HEAD~1 the change
    _git(root, "commit", "-qam", "change undone")
    quarters = [p.stem for p in (data / "results").glob("*.yaml")]
    return Tree(
        root,
        kind,
        projects=sorted(p.stem for p in (data / "projects").glob("*.yaml")),
        decisions=sorted(p.stem for p in (data / "decisions").glob("*.yaml")),
        quarters=sorted(quarters) + ["2030-Q1"],
        years=["2020", "2021", "2022", "2023", "2024", "2030", "1999"],
    )


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and "/.git/logs" not in str(p) and p.name != "index"
    }


def _pick(rnd: random.Random, good: list[str]) -> str:
    return rnd.choice(GARBAGE) if rnd.random() < 0.15 or not good else rnd.choice(good)


def _quarter(rnd: random.Random, tree: Tree) -> str:
    quarter = _pick(rnd, tree.quarters)
    if "-Q" in quarter and rnd.random() < 0.5:  # the other spelling: Q3-2021
        year, number = quarter.split("-Q")
        quarter = f"Q{number}-{year}"
    return quarter


def _format(rnd: random.Random, formats: list[str]) -> list[str]:
    return [] if rnd.random() < 0.3 else ["--format", _pick(rnd, formats)]


REPORT_FORMATS = ["table", "markdown", "json", "html"]


def _output(rnd: random.Random, tree: Tree, out: Path, suffix: str) -> str:
    """Mostly a fresh path; sometimes somewhere a careless user points: data/, the repository, a file."""
    choice = rnd.random()
    if choice < 0.75:
        return str(out / f"result{suffix}")
    return str(
        rnd.choice(
            [
                tree.data,
                tree.root,
                tree.data / "programmes.yaml",
                tree.data / "projects",
                out,
                out / "missing" / f"x{suffix}",
                Path("/dev/null"),
                Path("/proc/version"),
            ]
        )
    )


def _template(rnd: random.Random, tree: Tree, out: Path) -> Path:
    """A results template for a quarter, some cells filled with figures good and bad."""
    import openpyxl

    path = out / "sjabloon.xlsx"
    done = subprocess.run(
        [str(WAW), "--data", str(tree.data), "template", "results", "--quarter", "2021-Q3", "-o", str(path)],
        capture_output=True,
        timeout=TIMEOUT,
    )
    if done.returncode != 0:
        return path
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Resultaten"]
    clean = rnd.random() < 0.5  # half the workbooks as a careful partner fills them in
    for row in range(2, min(sheet.max_row, 8) + 1):
        if rnd.random() < 0.6:
            bad = [0, -3, 1.5, 7.000000000000001, 10**16, "veel", "=1+1", None]
            sheet[f"G{row}"] = rnd.choice([5, 12, *([] if clean else bad)])
            sheet[f"I{row}"] = rnd.choice(["Rapportage partner", *([] if clean else ["", "a\u2028b", None])])
    workbook.save(path)
    return path


def _export(rnd: random.Random, out: Path) -> Path:
    rows = ["Kostenplaats;Omschrijving;Bedrag"]
    clean = rnd.random() < 0.5
    for _ in range(rnd.randint(0 if not clean else 1, 4)):
        code = rnd.choice(["6101", "6200", *([] if clean else ["6300", "", "=cmd"])])
        amount = rnd.choice(["300", "399,75", "1.000,00", *([] if clean else ["veel", "1e99", "-5", "0.001"])])
        rows.append(f"{code};{rnd.choice(['Alpha uren', 'Beta', ''])};{amount}")
    separator = rnd.choice(["\n", "\r\n", *([] if clean else ["\r"])])
    path = out / rnd.choice(["grootboek.csv", *([] if clean else ["grootboek.txt"])])
    path.write_text(separator.join(rows) + separator, encoding="utf-8")
    return path


Builder = Callable[[random.Random, Tree, Path], list[str]]


def _commands() -> dict[str, Builder]:
    return {
        "validate": lambda r, t, o: ["validate", *_format(r, ["table", "json"])],
        "check-budget": lambda r, t, o: [
            "check-budget",
            *(["--year", _pick(r, t.years)] if r.random() < 0.4 else []),
            *(["--strict"] if r.random() < 0.3 else []),
            *_format(r, REPORT_FORMATS),
        ],
        "decision": lambda r, t, o: ["decision", _pick(r, t.decisions), *_format(r, REPORT_FORMATS)],
        "show": lambda r, t, o: ["show", _pick(r, t.projects), *_format(r, REPORT_FORMATS)],
        "funds": lambda r, t, o: [
            "funds",
            *(
                ["--fund", _pick(r, ["waw-reserve", "fund-a", "bijstelling-2020", "realloc", "nope"])]
                if r.random() < 0.5
                else []
            ),
            *_format(r, REPORT_FORMATS),
        ],
        "budget": lambda r, t, o: ["budget", "--year", _pick(r, t.years), *_format(r, [*REPORT_FORMATS, "csv"])],
        "status": lambda r, t, o: [
            "status",
            *(["--quarter", _quarter(r, t)] if r.random() < 0.7 else []),
            *(["--programme", _pick(r, ["waw", "pow", "prog"])] if r.random() < 0.3 else []),
            *(["--category", _pick(r, ["scholingsprojecten", "cat", "wsp-projecten"])] if r.random() < 0.3 else []),
            *_format(r, [*REPORT_FORMATS, "csv"]),
        ],
        "report": lambda r, t, o: ["report", "--quarter", _quarter(r, t), *_format(r, REPORT_FORMATS)],
        "diff": lambda r, t, o: [
            "diff",
            _pick(r, ["HEAD", "HEAD~1", "HEAD~2", "main", "master"]),
            *([_pick(r, ["HEAD", "HEAD~1", "HEAD~2"])] if r.random() < 0.3 else []),
            *_format(r, REPORT_FORMATS),
        ],
        "export": lambda r, t, o: [
            "export",
            "-o",
            _output(r, t, o, ".xlsx"),
            *(["--year", _pick(r, t.years)] if r.random() < 0.4 else []),
            *(["--quarter", _quarter(r, t)] if r.random() < 0.4 else []),
        ],
        "site": lambda r, t, o: ["site", "-o", _output(r, t, o, "")],
        "package": lambda r, t, o: ["package", "-o", _output(r, t, o, "")],
        "schema": lambda r, t, o: ["schema", "-o", _output(r, t, o, "")],
        "template": lambda r, t, o: [
            "template",
            "results",
            "--quarter",
            _quarter(r, t),
            "-o",
            _output(r, t, o, ".xlsx"),
        ],
        "new": lambda r, t, o: (
            [
                "new",
                "project",
                _pick(r, ["gamma", "alpha", "zorgstart", "Gamma"]),
                "--name",
                _pick(r, ["Gamma", "[x](y)"]),
            ]
            + (["--programme", _pick(r, ["waw", "prog"])] if r.random() < 0.5 else [])
            if r.random() < 0.6
            else ["new", "decision", _pick(r, ["besluit-1", "realloc"]), "--reference", "24.1", "--title", "T"]
        ),
        "import-results": lambda r, t, o: [
            "import-results",
            str(_template(r, t, o)),
            "--quarter",
            _pick(r, ["2021-Q3", "Q3-2021", "2022-Q1"]),
            *(["--force"] if r.random() < 0.3 else []),
        ],
        "publish": lambda r, t, o: [
            "publish",
            "--quarter",
            _quarter(r, t),
            *(
                ["--date", _pick(r, ["2021-11-11", "2020", "2020-13", "x"]), "--source", "x"]
                if r.random() < 0.5
                else []
            ),
        ],
        "import-realisatie": lambda r, t, o: [
            "import-realisatie",
            str(_export(r, o)),
            "--year",
            _pick(r, ["2022", "2023", "2024"] if r.random() < 0.5 else t.years),
            *(["--final"] if r.random() < 0.3 else []),
            *(["--force"] if r.random() < 0.3 else []),
        ],
    }


@dataclass
class Figures:
    rounds: int = 0
    mutated: int = 0
    codes: dict[str, collections.Counter[int]] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def one_round(rnd: random.Random, tree: Tree, work: Path, figures: Figures, keep: Path | None) -> None:
    tree.reset()
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    mutated = []
    if rnd.random() < 0.5:
        for path in rnd.sample(sorted(tree.data.rglob("*.yaml")), rnd.randint(1, 3)):
            path.write_bytes(_mutate(path.read_bytes(), rnd))
            mutated.append(str(path.relative_to(tree.root)))
    commands = _commands()
    command = rnd.choice(sorted(commands))
    argv = [str(WAW), "--data", str(tree.data), *commands[command](rnd, tree, out)]
    before = _snapshot(tree.root)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": str(rnd.choice([40, 80, 200]))}
    problem = None
    try:
        done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT, env=env, cwd=work, stdin=subprocess.DEVNULL)
        code, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired:
        code, output, problem = -1, b"", f"no answer within {TIMEOUT} s"
    if problem is None and code not in (0, 1, 2):
        problem = f"exit code {code}"
    if problem is None and b"Traceback (most recent call last)" in output:
        problem = "a traceback"
    if problem is None:
        output_at = argv[argv.index("-o") + 1] if "-o" in argv else None
        problem = _check_writes(command, before, _snapshot(tree.root), tree, output_at)
    with figures.lock:
        figures.rounds += 1
        figures.mutated += bool(mutated)
        figures.codes[command][code] += 1
        if problem:
            shown = " ".join(repr(a) if (not a or " " in a or "\n" in a) else a for a in argv[1:])
            figures.failures.append(
                f"{problem}: waw {shown} (tree {tree.kind}, mutated {mutated or 'none'})\n"
                + output.decode("utf-8", "replace")[-2000:]
            )
            if keep:
                shutil.copytree(tree.root, keep / f"failure-{len(figures.failures)}", symlinks=True)


def _check_writes(
    command: str, before: dict[str, bytes], after: dict[str, bytes], tree: Tree, output_at: str | None
) -> str | None:
    """What changed in the repository is what the command is there to write: data/ for the commands that write
    data, the `-o` target (outside data/) for the others; never a file it did not make."""
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if output_at is not None and command not in WRITES_DATA:
        target = Path(output_at).resolve()
        if target.is_relative_to(tree.root.resolve()) and not target.is_relative_to(tree.data.resolve()):
            mine = str(target.relative_to(tree.root.resolve()))
            replaced = [c for c in changed if c in before]  # a file that was there and is changed or gone
            if replaced:
                return f"{command} -o {output_at} replaced files it did not make: {replaced[:5]}"
            changed = [c for c in changed if not (mine == "." or c == mine or c.startswith(mine + "/"))]
    if not changed:
        return None
    if command not in WRITES_DATA:
        return f"{command} changed the repository: {changed[:5]}"
    stray = [c for c in changed if Path(c).name.startswith(".") or c.endswith((".tmp", ".new", ".old"))]
    if stray or any(not c.startswith("data/") for c in changed):
        return f"{command} left files that are not its result: {(stray or changed)[:5]}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the tree of a failing round here")
    args = parser.parse_args()
    figures = Figures()
    started = time.monotonic()
    deadline = started + args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # the cache is used, mutated trees and all

        def worker(index: int) -> None:
            rnd = random.Random(args.seed * 1000 + index)
            trees = [make_tree(work / f"w{index}" / kind, kind) for kind in ("shipped", "synthetic")]
            scratch = work / f"w{index}" / "scratch"
            scratch.mkdir()
            while time.monotonic() < deadline:
                one_round(rnd, rnd.choice(trees), scratch, figures, args.keep)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    elapsed = time.monotonic() - started
    print(f"{figures.rounds} rounds in {elapsed:.0f} s ({figures.mutated} on mutated data), seed {args.seed}")
    for command in sorted(figures.codes):
        counts = ", ".join(f"exit {code}: {n}" for code, n in sorted(figures.codes[command].items()))
        print(f"  {command:18} {counts}")
    print(f"{len(figures.failures)} failure(s)")
    for failure in figures.failures:
        print("---", failure, sep="\n")
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main())
