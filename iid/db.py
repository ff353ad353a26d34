"""The one owner of the DuckDB connection: callers ask it for a cursor per query, never hold the connection.

Opening a database file that cannot be used (a folder, an empty or foreign file, a truncated one, a log left by an
interrupted rebuild, a folder without write access, a read-only file system, another process holding it) raises
DatabaseUnavailable, which says what is wrong and what to do, instead of DuckDB's own error.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from iid.errors import IIDError

SQL_DIR = Path(__file__).parent / "sql"

# What a write can change, for Database.bump()/version(): cached results name what they read.
CHANGES = {
    "scores": "scores, indicator levels, sources, imports and their undo (everything the score views read)",
    "register": "register:<code> — one region's innovation register, units, levels and its log",
    "scenarios": "scenarios:<code> — one region's saved target scenarios",
    "users": "accounts and roles",
    "sources": "a source's words (shown on every page: every cached result goes)",
}


def sql_file(name: str) -> str:
    """Text of iid/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def quoted(name: str) -> str:
    """A quoted SQL identifier, for table and column names read from the catalog or fixed in code (never user text)."""
    return '"' + name.replace('"', '""') + '"'


class DatabaseUnavailable(IIDError):
    """The database file cannot be opened; `reason` names why (a key of REASONS), `text()` says what to do."""

    REASONS = (
        "missing",
        "directory",
        "empty",
        "not_database",
        "damaged",
        "stale_wal",
        "locked",
        "folder_unwritable",
        "file_unwritable",
        "read_only_fs",
        "other",
        "store_unreachable",  # a PostgreSQL store (iid/store.py): named by its URL, without the password
        "store_empty",
        "store_not_empty",
        "store_lost",
    )

    def __init__(self, reason: str, path: str | Path, detail: str = "") -> None:
        assert reason in self.REASONS, reason
        self.reason, self.detail = reason, detail
        self.path = path if reason.startswith("store_") else Path(path)
        super().__init__(self.text("id"))

    def text(self, lang: str = "id") -> str:
        from iid.i18n import t

        folder = self.path.parent if isinstance(self.path, Path) else self.path
        return t(f"db_{self.reason}", lang, path=self.path, folder=folder, detail=self.detail)

    @classmethod
    def from_error(cls, path: Path, exc: BaseException) -> DatabaseUnavailable:
        """The reason behind a DuckDB or OS error met while opening path."""
        msg = str(exc)
        first = msg.splitlines()[0] if msg else exc.__class__.__name__
        low = msg.lower()
        if "wal does not match" in low:
            return cls("stale_wal", path, first)
        if "not a valid duckdb database" in low:
            return cls("empty" if _size(path) == 0 else "not_database", path, first)
        if "conflicting lock" in low or "could not set lock" in low:
            return cls("locked", path, first)
        if "read-only file system" in low:
            return cls("read_only_fs", path, first)
        if "is a directory" in low:
            return cls("directory", path, first)
        if "permission denied" in low:
            return cls("file_unwritable" if path.exists() else "folder_unwritable", path, first)
        if "could not read enough bytes" in low or "checksum" in low or "corrupt" in low:
            return cls("damaged", path, first)
        return cls("other", path, first)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def read_only_fs(path: Path) -> bool:
    """True when the folder holding path is on a file system mounted read-only."""
    folder = path if path.is_dir() else path.parent
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def diagnose(path: Path, read_only: bool = False) -> DatabaseUnavailable | None:
    """What would stop path from being opened (before DuckDB tries), or None."""
    if path.is_dir():
        return DatabaseUnavailable("directory", path)
    if not path.exists():
        if read_only:
            return DatabaseUnavailable("missing", path)
    elif _size(path) == 0:
        return DatabaseUnavailable("empty", path)
    if read_only:
        return None
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):  # DuckDB writes its log (.wal) beside the file
        return DatabaseUnavailable("read_only_fs" if read_only_fs(path) else "folder_unwritable", path)
    if path.exists() and not os.access(path, os.W_OK):
        return DatabaseUnavailable("read_only_fs" if read_only_fs(path) else "file_unwritable", path)
    return None


class Database:
    """A DuckDB database: one connection, a fresh cursor per query (DuckDB's rule for threads)."""

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False) -> None:
        self.path = str(path)
        file = None if self.path == ":memory:" else Path(path)
        if file is not None and (problem := diagnose(file, read_only)):
            raise problem
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.ConnectionException:
            raise  # the same file opened twice in one process with other settings: a programming error
        except (duckdb.Error, OSError) as exc:
            if file is None:
                raise
            raise DatabaseUnavailable.from_error(file, exc) from exc
        self._write_lock = threading.Lock()
        # What has changed since this connection opened: a counter per name, bumped when a write commits.
        # Cached results carry version(...) of what they read, so a write clears only what it changes.
        self._token = secrets.token_hex(4)
        self._epoch = 0  # bumped by a write that named nothing: everything may have changed
        self._versions: dict[str, int] = {}
        self._pending: list[str] | None = None
        if file is not None:
            self._check_length(file)

    def _check_length(self, file: Path) -> None:
        """A file shorter than the blocks its header lists was cut off (a copy or a disk that stopped midway)."""
        block_size, blocks = self.rows("select block_size, used_blocks from pragma_database_size()")[0]
        size = _size(file) or 0
        if size < block_size * blocks:  # free blocks may be cut from the end, used ones never
            self._con.close()
            raise DatabaseUnavailable("damaged", file, f"{size:,} of {block_size * blocks:,} bytes")

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self._con.cursor()

    def df(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run one read query with bound parameters and return a DataFrame."""
        cur = self._con.cursor()
        try:
            return cur.execute(sql, params or []).df()
        finally:
            cur.close()

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[tuple]:
        cur = self._con.cursor()
        try:
            return cur.execute(sql, params or []).fetchall()
        finally:
            cur.close()

    def records(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values, missing as None (see iid.values)."""
        from iid.values import py

        cur = self._con.cursor()
        try:
            cur.execute(sql, params or [])
            names = [d[0] for d in cur.description]
            return [{n: py(v) for n, v in zip(names, row, strict=True)} for row in cur.fetchall()]
        finally:
            cur.close()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing writes: commit when the block ends, roll back on any exception.

        A write names what it changed with bump(); one that names nothing invalidates every cached result.
        """
        with self._write_lock:
            cur = self._con.cursor()
            cur.execute("begin transaction")
            self._pending = []
            try:
                yield cur
            except BaseException:
                cur.execute("rollback")
                raise
            else:
                cur.execute("commit")
                self._committed(self._pending)
            finally:
                self._pending = None
                cur.close()

    def bump(self, cur: duckdb.DuckDBPyConnection, *names: str) -> None:
        """Inside a write transaction: mark what it changes (see CHANGES); counted only if the write commits."""
        if self._pending is None:
            raise RuntimeError("bump() belongs inside db.transaction()")
        for name in names:
            if name.split(":", 1)[0] not in CHANGES:
                raise ValueError(f"unknown change name: {name}")
        self._pending.extend(names)

    def _committed(self, names: list[str] | None) -> None:
        if not names or "sources" in names:
            self._epoch += 1
            return
        for name in dict.fromkeys(names):
            self._versions[name] = self._versions.get(name, 0) + 1

    def version(self, *names: str) -> tuple:
        """A stamp of what names have seen: equal stamps, same data. Put it in cache keys."""
        return (self._token, self._epoch, *(self._versions.get(n, 0) for n in names))

    def built_at(self) -> float | None:
        """When the data was built (seconds since the epoch): the file's time; None in memory."""
        try:
            return os.path.getmtime(self.path) if self.path != ":memory:" else None
        except OSError:
            return None

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
