"""Writing files safely: all or nothing, only where asked, and with the permissions the user's umask gives."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


class WriteError(Exception):
    """A file that cannot or must not be written; the message names the user's path and says why.

    A tree that must not be replaced says which refusal it is (`refusal`: protected, git, file, foreign,
    changed) and what it concerns (`detail`: the protected root, the foreign names), so a command can say
    it in its own words."""

    def __init__(self, message: str, *, refusal: str | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.refusal, self.detail = refusal, detail


REASONS = {
    errno.ENOENT: "no such directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EISDIR: "it is a directory",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EXDEV: "it is on another device than its directory",
}


def reason(exc: OSError) -> str:
    """An OS error in words, without errno numbers or the temporary file's name."""
    return REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _umask_mode() -> int:
    """What a new file gets from the user's umask (mkstemp would give 0600 whatever the umask)."""
    return 0o666 & ~_umask()


def write_atomic(target: Path, content: bytes, *, overwrite: bool = True) -> None:
    """Write the whole file or nothing: a reader never sees half a file, and a process killed mid-write leaves
    the old file whole and, on Linux, no temporary file behind (the new content has no name until it is
    complete: O_TMPFILE). `overwrite=False` creates the file only if no file of that name exists, decided by
    the file system at the moment of creation, so two runs racing for one name cannot both write it.

    A replaced file keeps its permissions; a new one gets the umask's. Every failure is a WriteError that
    names `target`, never the temporary file.
    """
    existing = _existing(target, overwrite)
    parent = target.parent
    if not parent.is_dir():
        why = f"{parent} is not a directory" if parent.exists() else f"no such directory {parent}"
        raise WriteError(f"cannot write {target}: {why}")
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else _umask_mode()
    try:
        handle = os.open(parent, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except (AttributeError, OSError):  # no O_TMPFILE here (another system, or a file system without it)
        _write_named_temporary(target, content, mode, overwrite)
        return
    try:
        _fill(handle, content, mode)
        _publish(handle, target, overwrite)
    except _NoNamelessLink:
        _write_named_temporary(target, content, mode, overwrite)
    except OSError as exc:
        raise WriteError(_failure(target, exc, overwrite)) from None
    finally:
        os.close(handle)


def _existing(target: Path, overwrite: bool) -> os.stat_result | None:
    try:
        existing = target.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {reason(exc)}") from None
    if not overwrite:
        raise WriteError(f"{target} exists; use --force to replace it")
    if stat.S_ISDIR(existing.st_mode):
        raise WriteError(f"cannot write {target}: it is a directory")
    if not stat.S_ISREG(existing.st_mode):
        raise WriteError(f"cannot write {target}: it is a device or special file, not a regular file")
    return existing


def _fill(handle: int, content: bytes, mode: int) -> None:
    view = memoryview(content)
    while view:
        view = view[os.write(handle, view) :]
    os.fchmod(handle, mode)
    os.fsync(handle)


class _NoNamelessLink(Exception):
    """This system cannot give a nameless file a name (no flink, /proc refuses): write a named temporary."""


def _link(handle: int, path: Path) -> None:
    """Give the open, nameless file `handle` the name `path`; FileExistsError when the name is taken.

    linkat(AT_EMPTY_PATH) first (Linux 6.10 allows it to the file's own opener; root always), then the
    /proc/self/fd link of open(2)'s manual; some sandboxes refuse both."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    at_fdcwd, at_empty_path = -100, 0x1000
    if libc.linkat(handle, b"", at_fdcwd, os.fsencode(path), at_empty_path) == 0:
        return
    if ctypes.get_errno() == errno.EEXIST:
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    try:
        os.link(f"/proc/self/fd/{handle}", path)
    except FileExistsError:
        raise
    except OSError:
        raise _NoNamelessLink from None


def _publish(handle: int, target: Path, overwrite: bool) -> None:
    """Give the finished, nameless file its name: linked straight to `target` when it must be new (linking
    fails if the name exists), else linked to a temporary name and renamed over `target` in one step."""
    if not overwrite:
        _link(handle, target)
        return
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    _link(handle, temporary)
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _failure(target: Path, exc: OSError, overwrite: bool) -> str:
    if exc.errno == errno.EEXIST and not overwrite:
        return f"{target} exists; use --force to replace it"
    return f"cannot write {target}: {reason(exc)}"


def _write_named_temporary(target: Path, content: bytes, mode: int, overwrite: bool) -> None:
    """Where the file system has no nameless files: a temporary file beside `target`, then renamed (or, for a
    new file, linked, so an existing one is never replaced)."""
    parent = target.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        why = f"{parent} does not take new files" if exc.errno == errno.ENOENT else reason(exc)  # /proc, /sys
        raise WriteError(f"cannot write {target}: {why}") from None
    try:
        try:
            _fill(handle, content, mode)
        finally:
            os.close(handle)
        if overwrite:
            os.replace(temp_name, target)
        else:
            os.link(temp_name, target)
    except OSError as exc:
        raise WriteError(_failure(target, exc, overwrite)) from None
    finally:
        Path(temp_name).unlink(missing_ok=True)


@contextlib.contextmanager
def data_lock(directory: Path, *, wait: float = 30.0) -> Iterator[None]:
    """One writer at a time in a data directory: a second `waw` that writes there waits for the first, and
    refuses after `wait` seconds. The lock is the directory's own (flock on it), so no lock file appears in
    `data/`, and the kernel releases it when a process ends, killed or not."""
    import fcntl

    try:
        handle = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise WriteError(f"cannot write into {directory}: {reason(exc)}") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(
                        f"another waw is writing into {directory}; try again when it has finished"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)


SITE_MARKER = ".waw-site"
"""The file a written tree carries: its first line says what wrote it, the rest are the names it wrote."""


def _replaceable(target: Path, kind: str, protected: list[Path]) -> None:
    """Refuse to replace `target` unless it is missing, empty, or a tree this command wrote itself.

    Replacing a directory removes it, so a wrong `-o` (the repository, the home directory, `data/`) must
    never get that far: a directory counts as ours only when its marker lists every entry in it.
    """
    for root in protected:
        if inside(target, root) or inside(root, target):
            raise WriteError(
                f"cannot write {target}: it is {root} or holds it; waw never replaces that",
                refusal="protected",
                detail=str(root),
            )
    try:
        entries = sorted(p.name for p in target.iterdir())
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise WriteError(f"cannot write into {target}: it is a file, not a directory", refusal="file") from None
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {reason(exc)}") from None
    if not entries:
        return
    if ".git" in entries:
        raise WriteError(f"cannot write {target}: it is a git repository; waw never replaces that", refusal="git")
    marker = target / SITE_MARKER
    try:
        header, *written = marker.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError, ValueError):
        named = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise WriteError(
            f"cannot write {target}: it holds files that waw did not write ({named}); choose an empty or new directory",
            refusal="foreign",
            detail=named,
        ) from None
    foreign = [name for name in entries if name != SITE_MARKER and name not in set(written)]
    if header != f"waw {kind}" or foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise WriteError(
            f"cannot write {target}: it holds files that waw {kind} did not write ({shown or SITE_MARKER}); "
            "move them away or choose another directory",
            refusal="foreign",
            detail=shown or SITE_MARKER,
        )
    for name in written:
        path = target / name
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise WriteError(
                f"cannot write {target}: {name} is no longer a file that waw {kind} wrote",
                refusal="changed",
                detail=name,
            )


def write_tree(target: Path, files: dict[str, bytes], *, kind: str, protected: list[Path]) -> None:
    """A directory of files, written whole: built in a temporary directory beside `target`, then renamed into
    place. A directory that was there is replaced only when it is empty or a tree that `waw <kind>` wrote
    (its marker lists every file in it), and never when it is or holds one of `protected`."""
    import shutil

    _replaceable(target, kind, protected)
    parent = target.parent
    if not parent.is_dir():
        raise WriteError(f"cannot write {target}: no such directory {parent}")
    if SITE_MARKER in files or any("/" in name or name.startswith(".") for name in files):
        raise ValueError("a tree's files are plain names that do not start with a dot")
    listing = "\n".join([f"waw {kind}", *sorted(files)]) + "\n"
    try:
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=parent))
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {reason(exc)}") from None
    mask = _umask()
    old: Path | None = None
    try:
        building.chmod(0o777 & ~mask)  # mkdtemp makes it 0700 whatever the umask
        for name, content in {**files, SITE_MARKER: listing.encode("utf-8")}.items():
            path = building / name
            path.write_bytes(content)
            path.chmod(0o666 & ~mask)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            target.rename(old / target.name)
        building.rename(target)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        if old is not None:
            with contextlib.suppress(OSError):
                (old / target.name).rename(target)  # put the earlier tree back
            with contextlib.suppress(OSError):
                old.rmdir()  # only when it is empty again: an earlier tree that could not go back stays
        raise WriteError(f"cannot write {target}: {reason(exc)}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def workbook_by_waw(path: Path) -> bool:
    """A workbook waw wrote says so in its properties (creator `waw`); read without loading its sheets."""
    import xml.etree.ElementTree as ET
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            core = ET.fromstring(archive.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):
        return False
    creator = core.find("{http://purl.org/dc/elements/1.1/}creator")
    return creator is not None and creator.text == "waw"


def schema_by_waw(path: Path) -> bool:
    """A schema waw wrote is titled `waw <kind> file (...)`."""
    import json

    try:
        title = json.loads(path.read_text(encoding="utf-8")).get("title", "")
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(title, str) and title.startswith("waw ")


def make_directory(path: Path) -> None:
    """The output directory, made if missing; a WriteError naming `path` when it cannot be."""
    if path.exists() and not path.is_dir():
        raise WriteError(f"cannot write into {path}: it is a file, not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot make the directory {path}: {reason(exc)}") from None


def inside(path: Path, root: Path) -> bool:
    """True when `path` resolves to a place under `root` (no `..` or symlink escapes)."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
