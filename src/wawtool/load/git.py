"""The data directory as it was at a git revision, read from git without touching the work tree."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .loader import MAX_FILE_BYTES, NotAFile


class RevisionError(Exception):
    """A revision that cannot be read: the message says why."""


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


class RevisionTree:
    """The files under the data directory at one commit, read in one `git cat-file --batch` call by object id
    (asking for `COMMIT:path` made git search the folder again for every file). Every entry is listed, as the
    work tree's are, so the loader reports what it does not read; a link or a submodule is listed and not read."""

    def __init__(self, data: Path, revision: str) -> None:
        data = data.resolve()
        if not data.is_dir():
            raise RevisionError(f"{data} is not a directory")
        top = Path(_git(data, "rev-parse", "--show-toplevel").decode().strip())
        self.prefix = data.relative_to(top).as_posix()
        try:
            self.commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
        except RevisionError:
            raise RevisionError(f"unknown revision '{revision}'") from None
        listing = _git(top, "ls-tree", "-r", "-z", self.commit, "--", self.prefix or ".")
        start = len(self.prefix) + 1 if self.prefix else 0
        entries: list[tuple[str, str, str]] = []  # name, mode, object id
        for record in listing.split(b"\0"):
            if not record:
                continue
            header, _, path = record.partition(b"\t")
            mode, _, rest = header.decode().partition(" ")
            entries.append((path.decode("utf-8", "surrogateescape")[start:], mode, rest.split(" ")[1]))
        self.names = [name for name, _, _ in entries]
        self.modes = {name: mode for name, mode, _ in entries}
        blobs = [(name, oid) for name, mode, oid in entries if mode in REGULAR]
        self.files = self._read_all(top, blobs)

    def _read_all(self, top: Path, blobs: list[tuple[str, str]]) -> dict[str, bytes]:
        if not blobs:
            return {}
        out = _git(top, "cat-file", "--batch", stdin="".join(f"{oid}\n" for _, oid in blobs).encode())
        files: dict[str, bytes] = {}
        position = 0
        for name, _ in blobs:
            header_end = out.index(b"\n", position)
            size = int(out[position:header_end].split()[2])
            files[name] = out[header_end + 1 : header_end + 1 + size]
            position = header_end + 1 + size + 1
        return files

    def read(self, name: str) -> bytes:
        if name not in self.files:
            kind = "a symbolic link" if self.modes.get(name) == "120000" else "not a regular file"
            raise NotAFile(f"{kind} in git, not a data file")
        content = self.files[name]
        if len(content) > MAX_FILE_BYTES:
            raise NotAFile(f"{len(content)} bytes, more than any data file needs ({MAX_FILE_BYTES})")
        return content


REGULAR = {"100644", "100755"}


def data_version(data: Path) -> str | None:
    """The commit the data directory was last changed in, for the footer of a printed page: `git 9cd3163 van
    2026-11-25`, with a warning where the work tree differs from it. None outside git (no error: a page is
    still a page without it)."""
    data = data.resolve()
    try:
        changed = _git(data, "status", "--porcelain", "--untracked-files=all", "--", ".").strip()
    except (RevisionError, OSError):
        return None  # not in a repository, or no git
    try:
        line = _git(data, "log", "-1", "--format=%h %cs", "--", ".").decode().strip()
    except RevisionError:
        line = ""  # a repository without a commit yet
    if not line:
        return "niet in git vastgelegd" if changed else None
    commit, date = line.split()
    return f"git {commit} van {date}" + (", met niet vastgelegde wijzigingen" if changed else "")
