"""The validated data kept between whole `waw` processes: the same answers, and never a stale one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import run

WAW = Path(sys.executable).parent / "waw"


BEGROTING_CSV = ("budget", "--year", "2024", "--format", "csv", "--table", "begroting", "--csv-dialect", "rfc4180")


def _waw(data: Path, cache: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WAW), "--data", str(data), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "WAW_CACHE_DIR": str(cache), "COLUMNS": "200", **env},
    )


def test_kept_data_gives_the_same_answer_and_follows_every_change(shipped_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _waw(shipped_copy, cache, *BEGROTING_CSV)
    assert first.returncode == 0 and len(list(cache.glob("*.pickle"))) == 1
    again = _waw(shipped_copy, cache, *BEGROTING_CSV)
    assert again.stdout == first.stdout and again.returncode == 0

    project = shipped_copy / "projects" / "wijkleerbedrijf.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("amount: 240000", "amount: 260000"), "utf-8")
    changed = _waw(shipped_copy, cache, *BEGROTING_CSV)
    assert "Totaal uitgaven,,1074795.25," in changed.stdout  # 20.000 more, read from the changed file

    project.write_text(project.read_text(encoding="utf-8").replace("programme: pow", "programme: po"), "utf-8")
    broken = _waw(shipped_copy, cache, "budget", "--year", "2024")
    assert broken.returncode == 2 and "unknown programme 'po'" in broken.stderr
    assert len(list(cache.glob("*.pickle"))) == 2  # data with a problem is never kept


def test_a_damaged_entry_is_read_again_and_the_cache_can_be_turned_off(shipped_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _waw(shipped_copy, cache, "check-budget").returncode == 0
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert _waw(shipped_copy, cache, "check-budget").returncode == 0
    off = tmp_path / "off"
    assert _waw(shipped_copy, off, "check-budget", WAW_CACHE="0").returncode == 0
    assert not off.exists()


def test_in_process_runs_never_keep_anything(shipped_copy: Path, tmp_path: Path) -> None:
    cache = Path(os.environ["WAW_CACHE_DIR"])
    before = set(cache.glob("*"))
    assert run("check-budget", data=shipped_copy).exit_code == 0
    assert set(cache.glob("*")) == before


def _forge(entry: Path, dataset_change: str) -> None:
    """Replace a kept entry by a pickle of one's own making, as someone who can write the file but has no key."""
    import pickle

    if dataset_change == "code":
        payload = b"cos\nsystem\n(S'touch " + str(entry.parent / "pwned").encode() + b"'\ntR."
    else:
        dataset = pickle.loads(entry.read_bytes()[32:])
        zorgstart = next(p for p in dataset.projects if p.model.id == "zorgstart")
        lines = [line.model_copy(update={"amount": line.amount and 1}) for line in zorgstart.model.budget]
        object.__setattr__(zorgstart, "model", zorgstart.model.model_copy(update={"budget": lines}))
        payload = pickle.dumps(dataset)
    entry.write_bytes(b"\0" * 32 + payload)


def test_a_forged_entry_is_never_used(shipped_copy: Path, tmp_path: Path) -> None:
    """A planted pickle made waw report € 1 for a € 150.000 line with 'no problems found', or ran code."""
    cache = tmp_path / "cache"
    honest = _waw(shipped_copy, cache, *BEGROTING_CSV)
    for change in ("figure", "code"):
        (entry,) = cache.glob("*.pickle")
        _forge(entry, change)
        again = _waw(shipped_copy, cache, *BEGROTING_CSV)
        assert again.returncode == 0 and again.stdout == honest.stdout  # read again from the data, and kept anew
        assert not (cache / "pwned").exists()
    assert (cache / "key").stat().st_mode & 0o777 == 0o600 and cache.stat().st_mode & 0o777 == 0o700


def test_a_cache_directory_others_may_write_is_not_used(shipped_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "shared"
    cache.mkdir()
    cache.chmod(0o777)
    assert _waw(shipped_copy, cache, "check-budget").returncode == 0
    assert list(cache.iterdir()) == []  # nothing kept, and nothing would be read


def test_a_change_of_waws_code_that_keeps_size_and_time_is_noticed(tmp_path: Path) -> None:
    """The key covered waw's code by size and time only: a same-size edit with its time kept returned old
    figures. It now covers the code's content."""
    import shutil

    from wawtool.load import cache

    package = tmp_path / "wawtool"
    shutil.copytree(Path(cache.__file__).parent.parent, package)
    module = package / "values.py"
    before = cache.code_digest(package)
    info = module.stat()
    module.write_bytes(module.read_bytes().replace(b"HUNDRED = Decimal(100)", b"HUNDRED = Decimal(101)"))
    os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert module.stat().st_size == info.st_size and module.stat().st_mtime_ns == info.st_mtime_ns
    assert cache.code_digest(package) != before


def test_the_cache_stays_within_its_size_on_disk(shipped_copy: Path, tmp_path: Path) -> None:
    """The newest entries that fit in WAW_CACHE_MAX_BYTES stay; an entry larger than it is not kept at all."""
    cache = tmp_path / "cache"
    assert _waw(shipped_copy, cache, "check-budget").returncode == 0
    (entry,) = cache.glob("*.pickle")
    one = entry.stat().st_size
    project = shipped_copy / "projects" / "wijkleerbedrijf.yaml"
    bound = str(one + one // 2)  # room for one entry, not two
    for amount in ("260000", "270000"):
        text = project.read_text(encoding="utf-8")
        project.write_text(
            text.replace("amount: 240000", f"amount: {amount}").replace("amount: 260000", f"amount: {amount}"), "utf-8"
        )
        assert _waw(shipped_copy, cache, "check-budget", WAW_CACHE_MAX_BYTES=bound).returncode in (0, 1)
        kept = list(cache.glob("*.pickle"))
        assert len(kept) == 1 and sum(p.stat().st_size for p in kept) <= int(bound)
    assert kept[0] != entry  # the newest stays, the oldest went
    for leftover in kept:
        leftover.unlink()
    assert _waw(shipped_copy, cache, "check-budget", WAW_CACHE_MAX_BYTES=str(one // 2)).returncode in (0, 1)
    assert list(cache.glob("*.pickle")) == []  # too large for the bound: read again next time, nothing written
