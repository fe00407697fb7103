"""Properties that must hold for any figures, and a fuzzer for the loader (hypothesis, bounded for CI)."""

from __future__ import annotations

import random
import shutil
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MINIMAL, SHIPPED, parse_dutch_amount
from wawtool.budget import Item, StatedSum, compare, side
from wawtool.issues import Issue
from wawtool.layout.dutch import euro
from wawtool.load.loader import Dataset, load_tree
from wawtool.load.yamlsource import parse_bytes
from wawtool.money import parse_money
from wawtool.validation import validate_data
from wawtool.values import Verdict

CENTS = st.integers(min_value=0, max_value=99_999_999_999)  # up to a billion euro, in cents
AMOUNTS = CENTS.map(lambda c: Decimal(c).scaleb(-2))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(AMOUNTS, min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_sums_are_exact_and_independent_of_order(amounts: list[Decimal], rnd: random.Random) -> None:
    shuffled = amounts[:]
    rnd.shuffle(shuffled)
    total = side([Item(label="x", amount=a) for a in amounts]).known
    assert total == side([Item(label="x", amount=a) for a in shuffled]).known
    assert total == Decimal(sum(int(a * 100) for a in amounts)).scaleb(-2)


@FAST
@given(st.lists(AMOUNTS, min_size=1, max_size=20), st.sampled_from([Decimal("0.01"), Decimal("-0.01")]))
def test_a_balanced_reallocation_passes_and_one_cent_off_fails(parts: list[Decimal], cent: Decimal) -> None:
    released = sum(parts, Decimal(0))
    stated = StatedSum(amount=released, source="synthetic")
    assert compare(stated, side([Item(label="p", amount=a) for a in parts]))[0] == Verdict.PASS
    off = [*parts[:-1], parts[-1] + cent]
    if off[-1] >= 0:
        assert compare(stated, side([Item(label="p", amount=a) for a in off]))[0] == Verdict.FAIL


@FAST
@given(CENTS.flatmap(lambda c: st.sampled_from([c, -c])).map(lambda c: Decimal(c).scaleb(-2)))
def test_dutch_display_round_trips(amount: Decimal) -> None:
    assert parse_dutch_amount(euro(amount)) == amount


@FAST
@given(CENTS)
def test_amounts_written_in_yaml_are_read_exactly(cents: int) -> None:
    text = f"{cents // 100}.{cents % 100:02d}"
    source = parse_bytes(f"amount: {text}\n".encode(), "x.yaml")
    assert source.issues == [] and parse_money(source.data["amount"]) == Decimal(text)


# -- fuzzing the loader ---------------------------------------------------------

SEED_FILES = {
    f"{p.parent.name}/{p.name}" if p.parent.name != "data" else p.name: p.read_bytes()
    for tree in (MINIMAL, SHIPPED)
    for p in sorted(tree.rglob("*.yaml"))
    if p.parent.name in {"projects", "decisions", "results"} or p.name == "programmes.yaml"
}
FRAGMENTS = [
    b"\t",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"<<: ",
    b"[",
    b"{",
    b"---\n",
    b"no",
    b"1_000",
    b"\xff",
    b"\xef\xbb\xbf",
    b": ",
    b"- ",
    b"'",
    b'"',
    b"\n",
    b"  ",
    b"unknown",
    b".inf",
    b"2021-02-30",
    b"557.000",
    b"<<<<<<< HEAD\n",
    b"\x00",
    b"9" * 40,
]


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 6)):
        action = rnd.randrange(5)
        at = rnd.randrange(len(out) + 1)
        if action == 0:
            out[at:at] = rnd.choice(FRAGMENTS)
        elif action == 1 and out:
            del out[at : at + rnd.randint(1, 40)]
        elif action == 2 and out:
            start = rnd.randrange(len(out))
            out[at:at] = out[start : start + rnd.randint(1, 80)]
        elif action == 3 and out:
            out[min(at, len(out) - 1)] = rnd.randrange(256)
        else:
            lines = bytes(out).split(b"\n")
            rnd.shuffle(lines[: rnd.randint(0, len(lines))])
            out = bytearray(b"\n".join(lines))
    return bytes(out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SEED_FILES)), st.randoms(use_true_random=False), st.sampled_from(["c", "python"]))
def test_mutated_files_give_issues_or_a_dataset_never_an_exception(name: str, rnd: random.Random, loader: str) -> None:
    mutated = _mutate(SEED_FILES[name], rnd)
    target = name if "/" in name or name == "programmes.yaml" else name
    files = {"programmes.yaml": (MINIMAL / "programmes.yaml").read_bytes(), target: mutated}
    result = load_tree(Path("data"), sorted(files), files.__getitem__, pure_yaml=loader == "python")
    assert all(isinstance(issue, Issue) for issue in result.issues)
    assert isinstance(result.dataset, Dataset)


def test_fuzzed_tree_on_disk_through_all_checks(tmp_path: Path) -> None:
    """A few hundred mutated trees, end to end through validate_data: only Issues come back."""
    rnd = random.Random(20261122)
    for round_number in range(60):
        tree = tmp_path / f"t{round_number}"
        shutil.copytree(MINIMAL, tree)
        for path in rnd.sample(sorted(tree.rglob("*.yaml")), 2):
            path.write_bytes(_mutate(path.read_bytes(), rnd))
        dataset, issues = validate_data(tree)
        assert all(isinstance(issue, Issue) for issue in issues)
        assert dataset is None or isinstance(dataset, Dataset)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SEED_FILES)), st.randoms(use_true_random=False), st.sampled_from(["c", "python"]))
def test_the_fast_reader_never_accepts_what_the_careful_one_refuses(name: str, rnd: random.Random, loader: str) -> None:
    """The libyaml fast path may only skip work: what it accepts, the event reader reads the same, without issues."""
    from wawtool.load import yaml_fast, yamlsource

    text_bytes = _mutate(SEED_FILES[name], rnd)
    try:
        text = text_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return
    cls = yaml_fast.loader_class(loader == "python")
    if not yaml_fast.fast_path_safe(text):
        return
    try:
        fast = yaml_fast.FastReader(cls).read(text)
    except yaml_fast.Fallback:
        return
    careful = yamlsource.SourceFile("x.yaml")
    yamlsource.EventReader(careful, cls).run(text)
    assert careful.issues == [] and careful.data == fast


def test_an_anchor_after_a_byte_order_mark_goes_to_the_careful_reader() -> None:
    """Found by the property above: `\\ufeff&a\\t id: ...` passed the fast path's anchor guard, and libyaml took it."""
    from wawtool.load import yaml_fast

    assert not yaml_fast.fast_path_safe("\ufeff&a\t id: begr\nkind: begroting\n")
    assert yaml_fast.fast_path_safe("\ufeffid: begr\nkind: begroting\n")
