"""The validated data of a data directory, kept between runs of `waw` while neither the data nor waw changes.

Reading and validating the YAML, with pydantic building its validators first, is the larger part of every
start of `waw check-budget`. A run whose data had no problem stores the validated Dataset under a key of
every data file's bytes, waw's own code and the versions it runs on; the next run with the same key unpickles
it instead. Only a whole `waw` process uses it (never a test run in-process, never a host program), only data
without problems is kept, and anything unexpected (an unreadable or stale entry, a full disk) means the data
is simply read again. WAW_CACHE=0 turns it off; WAW_CACHE_DIR moves it (default: $XDG_CACHE_HOME/waw).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

from .loader import Dataset, data_files

KEEP = 8  # entries kept; older ones are removed when a new one is written


def _directory() -> Path | None:
    if os.environ.get("WAW_CACHE", "1") == "0":
        return None
    chosen = os.environ.get("WAW_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "waw"


@dataclass(frozen=True)
class Snapshot:
    """The data files as read once: the key is computed from these bytes, and on a miss the same bytes are
    loaded, so no file is read twice and the kept data is the data that was checked."""

    names: list[str]
    contents: dict[str, bytes]
    key: str


def snapshot(root: Path) -> Snapshot | None:
    """Every data file's bytes with the key of the data, waw's code (file sizes and times) and the interpreter
    and library versions; None when the cache is off or a file cannot be read (the normal path reports it)."""
    if _directory() is None or not root.is_dir():
        return None
    import pydantic
    import yaml

    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{pydantic.VERSION}|{yaml.__version__}|{root.resolve()}".encode())
    package = Path(__file__).parent.parent
    for module in sorted(package.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module.relative_to(package)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    names = data_files(root)
    contents = {}
    try:
        for name in names:
            contents[name] = (root / name).read_bytes()
            digest.update(name.encode() + b"\0" + contents[name] + b"\0")
    except OSError:
        return None
    return Snapshot(names, contents, digest.hexdigest())


def load(snap: Snapshot) -> Dataset | None:
    """The kept Dataset of this snapshot; None when there is none to trust."""
    directory = _directory()
    if directory is None:
        return None
    try:
        with open(directory / f"{snap.key}.pickle", "rb") as stream:
            dataset = pickle.load(stream)
    except Exception:  # missing, truncated or from another waw: read the data again
        return None
    return dataset if isinstance(dataset, Dataset) else None


def store(dataset: Dataset, snap: Snapshot) -> None:
    """Keep a Dataset that had no problems; failing to keep it changes nothing for the user."""
    directory = _directory()
    if directory is None:
        return
    from ..files import WriteError, write_atomic

    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(directory / f"{snap.key}.pickle", pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
        entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, WriteError, pickle.PicklingError):
        return
