"""The one way in to a checked Dataset: every data file loaded, then every cross-file rule over what loaded.

From the work tree (optionally through the data cache of a whole `waw` process) or from a git revision; the
data directory is an argument, and nothing here prints or exits: problems come back as values, every
problem of every file at once.
"""

from __future__ import annotations

from pathlib import Path

from .issues import Issue
from .load.loader import Dataset, LoadResult, load, load_tree
from .rules import run_rules


def validate_data(
    root: Path, *, pure_yaml: bool | None = None, cached: bool = False
) -> tuple[Dataset | None, list[Issue]]:
    """Load every file under `root` and run every rule. `cached`: take the data from the data cache when
    neither the data nor waw changed since a run without problems, and keep it there after such a run."""
    if not cached:
        return validate_loaded(load(root, pure_yaml=pure_yaml))
    from .load import cache

    snap = cache.snapshot(root)
    if snap is None:
        return validate_loaded(load(root, pure_yaml=pure_yaml))
    kept = cache.load(snap)
    if kept is not None:
        return kept, []
    dataset, issues = validate_loaded(load_tree(root, snap.names, snap.contents.__getitem__, pure_yaml=pure_yaml))
    if dataset is not None and not issues:
        cache.store(dataset, snap)
    return dataset, issues


def validate_revision(root: Path, revision: str) -> tuple[Dataset | None, list[Issue]]:
    """The data directory as it was at a git revision, checked like the work tree; a revision that cannot be
    read raises RevisionError with the reason."""
    from .load.git import RevisionTree

    tree = RevisionTree(root, revision)
    return validate_loaded(load_tree(root, tree.names, tree.read))


def validate_loaded(result: LoadResult) -> tuple[Dataset | None, list[Issue]]:
    """The cross-file rules over what loaded, after the problems of loading. Files with schema errors are
    checked too, without their broken items, so one run shows every problem."""
    issues = list(result.issues)
    if result.dataset is not None:
        issues += run_rules(result.dataset)
    return result.dataset, issues
