"""A longer fuzz run than CI can afford: the same mutations as tests/test_properties.py, for as long as asked.

    python tests/fuzz_campaign.py --seconds 300 --seed 7

Every mutated file goes through the loader under a random YAML parser; every 20th round a whole mutated
tree goes through validate_data and every check. Anything but Issues and a Dataset is a failure, printed
with the input that caused it; the exit code is 1 when there was one.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_properties import MINIMAL, SEED_FILES, _mutate  # noqa: E402
from wawtool.issues import Issue  # noqa: E402
from wawtool.load.loader import Dataset, load_tree  # noqa: E402
from wawtool.validation import validate_data  # noqa: E402


def one_file(name: str, mutated: bytes, pure: bool) -> None:
    files = {"programmes.yaml": (MINIMAL / "programmes.yaml").read_bytes(), name: mutated}
    result = load_tree(Path("data"), sorted(files), files.__getitem__, pure_yaml=pure)
    assert all(isinstance(issue, Issue) for issue in result.issues)
    assert isinstance(result.dataset, Dataset)


def whole_tree(work: Path, rnd: random.Random, pure: bool) -> None:
    tree = work / "tree"
    shutil.copytree(MINIMAL, tree)
    try:
        for path in rnd.sample(sorted(tree.rglob("*.yaml")), 2):
            path.write_bytes(_mutate(path.read_bytes(), rnd))
        dataset, issues = validate_data(tree, pure_yaml=pure)
        assert all(isinstance(issue, Issue) for issue in issues)
        assert dataset is None or isinstance(dataset, Dataset)
    finally:
        shutil.rmtree(tree)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    names = sorted(SEED_FILES)
    deadline = time.monotonic() + args.seconds
    rounds = trees = failures = 0
    with tempfile.TemporaryDirectory() as work:
        while time.monotonic() < deadline:
            name, pure = rnd.choice(names), rnd.random() < 0.5
            mutated = _mutate(SEED_FILES[name], rnd)
            try:
                one_file(name, mutated, pure)
                if rounds % 20 == 0:
                    whole_tree(Path(work), rnd, pure)
                    trees += 1
            except Exception:
                failures += 1
                print(f"FAILURE in {name} ({'python' if pure else 'libyaml'}): {mutated!r}", file=sys.stderr)
                traceback.print_exc()
            rounds += 1
    print(f"{rounds} mutated files, {trees} mutated trees, {failures} failures (seed {args.seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
