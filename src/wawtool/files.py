"""Writing files safely: all or nothing, and only where asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file that cannot or must not be written; the message says why."""


def write_atomic(target: Path, content: bytes, *, overwrite: bool = True) -> None:
    """Write to a temporary file beside `target`, then rename: a reader never sees half a file."""
    if target.exists() and not overwrite:
        raise WriteError(f"{target} exists; use --force to replace it")
    if target.is_dir():
        raise WriteError(f"{target} is a directory")
    parent = target.parent
    if not parent.is_dir():
        raise WriteError(f"{parent} is not a directory")
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def inside(path: Path, root: Path) -> bool:
    """True when `path` resolves to a place under `root` (no `..` or symlink escapes)."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
