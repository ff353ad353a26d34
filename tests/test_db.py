"""A database file that cannot be used is named for what is wrong with it, with what to do, on pages and in code.

The broken files made here (make_broken) are shared with the command-line tests in tests/test_cli.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iid import check
from iid.db import Database, DatabaseUnavailable
from tests.conftest import app_test

APP = str(Path(__file__).resolve().parent.parent / "app.py")

# each case: how it is made, the reason it is given, words of its Indonesian and of its English message
CASES = {
    "empty": ("empty", "kosong (0 byte)", "is empty (0 bytes)"),
    "truncated": ("damaged", "rusak", "is damaged"),
    "garbage": ("not_database", "bukan basis data IID", "is not an IID database"),
    "directory": ("directory", "adalah folder", "is a folder"),
    "unwritable_folder": ("folder_unwritable", "tidak dapat ditulisi", "is not writable"),
    "stale_wal": ("stale_wal", "bukan milik basis data ini", "does not belong to this database"),
    "read_only_fs": ("read_only_fs", "sistem berkas hanya-baca", "read-only file system"),
}


def leave_a_log(path: Path) -> Path:
    """A log (.wal) of committed writes that were never folded into their file, as a killed process leaves it."""
    code = (
        "import duckdb, os, sys; c = duckdb.connect(sys.argv[1]); c.execute('create table t (a int)'); "
        "c.execute('insert into t values (1)'); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    return Path(str(path) + ".wal")


def make_broken(kind: str, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database path in the state `kind` (a key of CASES); the file systems' refusals are simulated for root."""
    folder = tmp_path / kind
    folder.mkdir()
    path = folder / "iid.duckdb"
    if kind == "empty":
        path.touch()
    elif kind == "truncated":
        path.write_bytes(built.read_bytes()[:3_000_000])
    elif kind == "garbage":
        path.write_bytes(b"region_code,year,score\n" + os.urandom(50_000))
    elif kind == "directory":
        path.mkdir()
    elif kind == "stale_wal":  # the built file beside the log of another file (the one a rebuild replaced)
        shutil.copy(built, path)
        shutil.move(leave_a_log(tmp_path / "replaced.duckdb"), Path(str(path) + ".wal"))
    elif kind in ("unwritable_folder", "read_only_fs"):
        shutil.copy(built, path)
        if kind == "unwritable_folder" and os.geteuid() != 0:
            folder.chmod(0o555)  # made writable again by the fixture `broken`
        else:  # root writes anywhere, and mounting needs privileges a test should not assume: simulate the refusal
            real_access, real_statvfs = os.access, os.statvfs

            def access(p, mode, *a, **kw):
                if mode & os.W_OK and Path(p).resolve().is_relative_to(folder.resolve()):
                    return False
                return real_access(p, mode, *a, **kw)

            class ReadOnly:
                f_flag = os.ST_RDONLY

            def statvfs(p):
                return ReadOnly() if Path(p).resolve().is_relative_to(folder.resolve()) else real_statvfs(p)

            monkeypatch.setattr(os, "access", access)
            if kind == "read_only_fs":
                monkeypatch.setattr(os, "statvfs", statvfs)
    return path


@pytest.fixture(name="broken")
def broken_fixture(built_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """make(kind) → a database path in that state (see CASES); shared with tests/test_cli.py."""
    made: list[Path] = []

    def make(kind: str) -> Path:
        path = make_broken(kind, built_db_path, tmp_path, monkeypatch)
        made.append(path)
        return path

    yield make
    for p in made:  # a folder made read-only for a non-root user: writable again, so pytest can clean up
        p.parent.chmod(0o755)


@pytest.mark.parametrize("kind", list(CASES))
def test_opening_a_broken_database_for_writing_names_what_is_wrong_and_what_to_do(broken, kind):
    reason, words_id, words_en = CASES[kind]
    path = broken(kind)
    with pytest.raises(DatabaseUnavailable) as err:
        Database(path)
    assert err.value.reason == reason
    assert words_id in err.value.text("id") and words_en in err.value.text("en")
    assert str(path) in err.value.text("id") or str(path.parent) in err.value.text("id")
    assert (
        "python -m iid build" in err.value.text("id")
        or "IID_DB" in err.value.text("id")
        or "chmod" in err.value.text("id")
    )


@pytest.mark.parametrize("kind", ["unwritable_folder", "read_only_fs"])
def test_a_database_that_cannot_be_written_can_still_be_read(broken, kind):
    with Database(broken(kind), read_only=True) as db:
        assert db.scalar("select count(*) from regions") > 500


def test_a_file_damaged_inside_is_found_by_check(built_db_path, tmp_path):
    path = tmp_path / "iid.duckdb"
    data = bytearray(built_db_path.read_bytes())
    header, block = 3 * 4096, 256 * 1024  # DuckDB's file header, then blocks that each start with a checksum
    for start in range(header + len(data) // 2 // block * block, len(data), block):
        data[start : start + 64] = os.urandom(64)  # every block of the second half: the length stays right
    path.write_bytes(bytes(data))
    try:
        db = Database(path, read_only=True)
    except DatabaseUnavailable as exc:  # the header's own checks may already catch it
        assert exc.reason in ("damaged", "other", "not_database")
        return
    with db:
        findings = check.run(db)
    assert any(f.rule == "unreadable" and f.severity == "error" for f in findings)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("kind", list(CASES))
def test_every_page_says_what_is_wrong_with_the_database_instead_of_a_traceback(broken, monkeypatch, kind, lang):
    reason, words_id, words_en = CASES[kind]
    path = broken(kind)
    monkeypatch.setenv("IID_DB", str(path))
    at = app_test(60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert (words_id if lang == "id" else words_en) in at.error[0].value
    at.switch_page("pages/compare.py").run()  # another page: the same message, still no traceback
    assert not at.exception and (words_id if lang == "id" else words_en) in at.error[0].value
