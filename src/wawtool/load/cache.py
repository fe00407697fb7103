"""The validated data of a data directory, kept between runs of `waw` while neither the data nor waw changes.

Reading and validating the YAML, with pydantic building its validators first, is the larger part of every
start of `waw check-budget`. A run whose data had no problem stores the validated Dataset under a key of
every data file's bytes, the content of waw's own code and the versions it runs on; the next run with the same
key loads it instead. Only a whole `waw` process uses it (never a test run in-process, never a host program),
only data without problems is kept, and anything unexpected (an unreadable or stale entry, a full disk) means
the data is simply read again. WAW_CACHE=0 turns it off; WAW_CACHE_DIR moves it (default: $XDG_CACHE_HOME/waw).

A kept entry is a pickle, and a pickle can run code: an entry is loaded only when its HMAC under a secret key
of the user's own (`key`, mode 0600, made on first use) is right, from a directory the user owns and no one
else may write (mode 0700). A planted or changed entry, or a directory of another user, is never used.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .loader import Dataset, data_files, read_data_file

KEEP = 8  # entries kept; older ones are removed when a new one is written
MAX_BYTES = 256 * 1024 * 1024  # and no more than this on disk together (WAW_CACHE_MAX_BYTES): the newest stay


def _max_bytes() -> int:
    try:
        return max(0, int(os.environ.get("WAW_CACHE_MAX_BYTES", MAX_BYTES)))
    except ValueError:
        return MAX_BYTES


def _directory() -> Path | None:
    if os.environ.get("WAW_CACHE", "1") == "0":
        return None
    chosen = os.environ.get("WAW_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "waw"


def _private(path: Path, *, directory: bool) -> bool:
    """The user's own, and no one else may write (a key no one else may read either)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    kind = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)
    return kind and info.st_uid == os.getuid() and info.st_mode & 0o077 == 0


def _key(directory: Path, *, make: bool) -> bytes | None:
    """The user's secret key for this cache: 32 random bytes, made once with mode 0600."""
    path = directory / "key"
    if make and not path.exists():
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "wb") as stream:
                stream.write(os.urandom(32))
        except FileExistsError:
            pass  # another waw made it first
    if not _private(path, directory=False):
        return None
    key = path.read_bytes()
    return key if len(key) == 32 else None


def code_digest(package: Path = Path(__file__).parent.parent) -> bytes:
    """waw's own code by content: a change that keeps a file's size and time still changes the key."""
    digest = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        digest.update(str(module.relative_to(package)).encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.digest()


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
    digest.update(code_digest())
    names = data_files(root)
    contents = {}
    try:
        for name in names:
            contents[name] = read_data_file(root, name)
            digest.update(name.encode() + b"\0" + contents[name] + b"\0")
    except OSError:
        return None
    return Snapshot(names, contents, digest.hexdigest())


def load(snap: Snapshot) -> Dataset | None:
    """The kept Dataset of this snapshot; None when there is none to trust."""
    directory = _directory()
    if directory is None or not _private(directory, directory=True):
        return None
    key = _key(directory, make=False)
    if key is None:
        return None
    try:
        signed = (directory / f"{snap.key}.pickle").read_bytes()
    except OSError:
        return None
    mac, payload = signed[:32], signed[32:]
    if not hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
        return None  # not written by this user's waw: never unpickled
    try:
        dataset = pickle.loads(payload)
    except Exception:  # from another waw: read the data again
        return None
    return dataset if isinstance(dataset, Dataset) else None


def store(dataset: Dataset, snap: Snapshot) -> None:
    """Keep a Dataset that had no problems, signed; failing to keep it changes nothing for the user."""
    directory = _directory()
    if directory is None:
        return
    from ..files import WriteError, write_atomic

    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(directory, directory=True):
            return  # another user's directory, or one others may write: nothing is kept there
        key = _key(directory, make=True)
        if key is None:
            return
        payload = pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)
        bound = _max_bytes()
        if len(payload) + 32 > bound:
            return  # larger than the whole cache may be: read again next time rather than fill the disk
        signed = hmac.new(key, payload, hashlib.sha256).digest() + payload
        write_atomic(directory / f"{snap.key}.pickle", signed)
        _evict(directory, bound)
    except (OSError, WriteError, pickle.PicklingError):
        return


def _evict(directory: Path, bound: int) -> None:
    """Keep the newest KEEP entries that fit in `bound` bytes together; remove the rest."""
    entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    total = 0
    for index, entry in enumerate(entries):
        total += entry.stat().st_size
        if index >= KEEP or total > bound:
            entry.unlink(missing_ok=True)
