"""PostgreSQL as the shared store (IID_DB=postgresql://…), read through an in-process DuckDB copy.

The store is the system of record for everything written; every app process and the command line read a DuckDB copy of
it in their own memory, so pages and iid/ keep one SQL dialect for reads (DuckDB's) whatever the store.

- The store holds the base tables of iid/sql/schema.sql in PostgreSQL's types (foreign keys checked at commit), the
  schema `reference` (data/ as loaded, for rebuilds) and `store_changes`: one counter per table.
- A process loads every table when it opens (PostgreSQL `COPY … TO STDOUT (FORMAT csv)`, read by DuckDB's CSV
  reader), computes the derived tables itself (iid/build.py DERIVED), and then checks the counters at most once a
  second, from `Database.version()`, which every cached read calls: only tables whose counter moved are loaded again.
- A write is the code it always was, DuckDB SQL inside `db.transaction()`, run on the copy within one PostgreSQL
  transaction that holds the store's write lock: the copy first catches up with the store, the writer runs, and the
  rows it changed (each table's rows before and after, compared whole, by primary key) go to the store with bound
  parameters and the tables' counters move; the store commits, then the copy. Any error rolls both back: an import is
  all or nothing in the store, and a killed process leaves nothing half-written there.
- What a writer may change is named by its `db.bump()` names (GROUPS below): only those tables, and of a region's
  register or scenarios only that region's rows, are compared. tests/test_store.py runs every writer and compares
  every table of the store with the copy, so a writer that changes more than its names say fails there.
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from iid.db import Database, DatabaseUnavailable, sql_file
from iid.db import quoted as _q

LOG = logging.getLogger(__name__)
SCHEMES = ("postgresql://", "postgres://")
WRITE_LOCK = 0x11D  # the store's advisory lock: one writer at a time, on every app server and the command line
POLL_SECONDS = 1.0  # how often a process asks the store whether another one wrote
REFERENCE = "reference"
DERIVED_FROM = {"iid_scores", "predicate_bands", "regions", "sources"}  # what iid/sql/views.sql's derived tables read

# The tables each kind of write (its Database.bump() name) may change; a filter keeps a region's rows only.
_REGION = "region_code = $code"
GROUPS: dict[str, dict[str, str | None]] = {
    "scores": dict.fromkeys(
        ("sources", "iid_scores", "indicator_scores", "innovation_profiles", "targets", "imports"), None
    ),
    "register": {
        "sources": None,
        "innovations": _REGION,
        "units": _REGION,
        "register_log": None,  # whole: a log row of a deleted innovation is in no region's innovations
        # the levels of the region's innovations as they were before the write (a deleted one keeps its levels; an
        # undone insert takes its levels with it)
        "innovation_levels": "innovation_id in (select innovation_id from $before_innovations)",
    },
    "scenarios": {"scenarios": _REGION, "scenario_log": None},
    "users": dict.fromkeys(("users", "user_roles", "role_log"), None),
    "sources": {"sources": None},
}


def is_url(target: str | Path) -> bool:
    return str(target).startswith(SCHEMES)


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def where(url: str) -> str:
    """host/database of a store's URL, for people (no user, no password): 'dbhost:5432/iid'."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    return f"{host}{':' + str(parts.port) if parts.port else ''}{parts.path or '/'}"


# ---------------------------------------------------------------- the schema in PostgreSQL


def pg_schema() -> str:
    """iid/sql/schema.sql in PostgreSQL's words: the same tables, columns, keys and checks."""
    text = sql_file("schema")
    text = re.sub(r"\bdouble\b(?! precision)", "double precision", text)
    text = text.replace("contains(email, '@')", "strpos(email, '@') > 0")
    # checked when the transaction commits: a write replaces a changed row (delete, insert) whatever points to it
    text = re.sub(r"(references \w+ \([^)]*\))", r"\1 deferrable initially deferred", text)
    return text


def copy_schema() -> str:
    """iid/sql/schema.sql for the in-process copy: the store checks foreign keys, the copy mirrors it."""
    return re.sub(r"\s+references \w+ \([^)]*\)", "", sql_file("schema"))


_CHANGES_DDL = "create table store_changes (tbl varchar primary key, n bigint not null default 0)"
# When the store was filled from data/ or a file (`build --to`, `migrate`): what "data built on …" says.
_META_DDL = "create table store_meta (key varchar primary key, value varchar not null)"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _connection_lost(exc: BaseException) -> bool:
    """The store went away (server down, connection cut), as opposed to a refusal of the data."""
    import psycopg

    return isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError))


def _connect(url: str):
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="iid")
    except psycopg.Error as exc:
        raise DatabaseUnavailable("store_unreachable", safe_url(url), str(exc).strip().splitlines()[0]) from exc


def _store_tables(pg) -> list[str]:
    return [
        r[0]
        for r in pg.execute(
            "select table_name from information_schema.tables where table_schema = 'public' order by table_name"
        ).fetchall()
    ]


def base_tables(db: Database) -> list[str]:
    """The base tables of a DuckDB database (no derived ones), parents before the tables that point to them."""
    from iid.build import DERIVED
    from iid.carryover import _Catalog

    cur = db.cursor()
    try:
        cat = _Catalog(cur)
        return cat.parents_first(t for t in cat.tables[cat.me, "main"] if t not in DERIVED)
    finally:
        cur.close()


def _columns(db: Database, schema: str, table: str) -> list[str]:
    return [
        r[0]
        for r in db.rows(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
            "and database_name = current_database() order by column_index",
            [schema, table],
        )
    ]


def _to_store(db: Database, pg, schema: str, table: str, folder: Path) -> int:
    """Copy one table of a DuckDB database into the store's table of the same name (DuckDB's CSV, PostgreSQL's COPY)."""
    cols = ", ".join(_q(c) for c in _columns(db, schema, table))
    path = folder / f"{schema}.{table}.csv"
    db.rows(
        f"copy (select {cols} from {_q(schema)}.{_q(table)}) to '{path}' "
        "(format csv, header false, nullstr '', force_quote *)"
    )
    target = _q(table) if schema == "main" else f"{_q(schema)}.{_q(table)}"
    with pg.cursor() as cur:
        with cur.copy(f"copy {target} ({cols}) from stdin (format csv)") as cp, path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                cp.write(chunk)
        n = cur.rowcount
    path.unlink()
    return n


def load_store(db: Database, url: str, replace: bool = False) -> dict[str, int]:
    """Fill an empty store from a DuckDB database (a fresh build of data/, or an existing file: `iid migrate`), in one
    transaction; returns rows per table. A store that already holds tables is refused unless replace is set."""
    pg = _connect(url)
    counts: dict[str, int] = {}
    try:
        existing = _store_tables(pg)
        if existing and not replace:
            raise DatabaseUnavailable("store_not_empty", safe_url(url), ", ".join(existing[:5]))
        tables = base_tables(db)
        has_ref = bool(db.scalar("select count(*) from duckdb_schemas() where schema_name = ?", [REFERENCE]))
        with pg.transaction(), tempfile.TemporaryDirectory(prefix="iid-store-") as tmp:
            if replace:
                pg.execute(f"drop schema if exists {REFERENCE} cascade")
                for t in existing:
                    pg.execute(f"drop table if exists {_q(t)} cascade")
            pg.execute(pg_schema())
            pg.execute(_CHANGES_DDL)
            pg.execute(_META_DDL)
            pg.execute("insert into store_meta values ('built_at', %s)", [str(time.time())])
            for t in tables:
                counts[t] = _to_store(db, pg, "main", t, Path(tmp))
                pg.execute("insert into store_changes (tbl, n) values (%s, 1)", [t])
            if has_ref:
                pg.execute(f"create schema {REFERENCE}")
                for t in [
                    r[0]
                    for r in db.rows(
                        "select table_name from duckdb_tables() where schema_name = ? order by all", [REFERENCE]
                    )
                ]:
                    pg.execute(f"create table {REFERENCE}.{_q(t)} (like public.{_q(t)})")
                    _to_store(db, pg, REFERENCE, t, Path(tmp))
    finally:
        pg.close()
    return counts


def checksums_duckdb(db: Database, tables: list[str], schema: str = "main") -> dict[str, tuple[int, str]]:
    """Rows and a checksum of each table's rows as text, independent of row order (for `iid migrate`)."""
    out = {}
    for t in tables:
        cols = _columns(db, schema, t)
        row = " || '|' || ".join(f"coalesce(cast({_q(c)} as varchar), '∅')" for c in cols)
        n, h = db.rows(
            f"select count(*), coalesce(string_agg(md5({row}), '' order by md5({row})), '') from {_q(schema)}.{_q(t)}"
        )[0]
        out[t] = (n, h)
    return out


# ---------------------------------------------------------------- the in-process copy


class StoreDatabase(Database):
    """A DuckDB copy, in this process's memory, of a PostgreSQL store; writes go to the store (see the module)."""

    def __init__(self, url: str) -> None:
        super().__init__(":memory:")
        self.url = url
        self.path = safe_url(url)
        self._pg = _connect(url)
        self._pg_lock = threading.Lock()
        self._seen: dict[str, int] = {}
        self._checked = 0.0
        self._snaps: list[tuple[str, str | None, list[Any], str]] | None = None
        self.reloads = 0  # tables loaded again after another process wrote (for tests and the benchmark)
        have = set(_store_tables(self._pg))
        self._built = (
            float(self._pg.execute("select value from store_meta where key = 'built_at'").fetchone()[0])
            if "store_meta" in have
            else None
        )
        if "store_changes" not in have:
            self._pg.close()
            raise DatabaseUnavailable("store_empty", self.path, "")
        cur = self._con.cursor()
        try:
            cur.execute(copy_schema())
            cur.execute(sql_file("views"))
        finally:
            cur.close()
        self.tables = base_tables(self)
        self._cols = {t: _columns(self, "main", t) for t in self.tables}
        self._pk = self._keys()
        self._away = False  # the store could not be reached at the last check (logged once)
        with self._pg_lock, self._write_lock:
            self._load(self.tables, self._counters())

    # -------------------------------------------------------- reading the store

    def _keys(self) -> dict[str, list[str]]:
        return {
            t: list(cols)
            for t, cols in self.rows(
                "select table_name, constraint_column_names from duckdb_constraints() "
                "where schema_name = 'main' and constraint_type = 'PRIMARY KEY'"
            )
        }

    def _counters(self) -> dict[str, int]:
        return dict(self._pg.execute("select tbl, n from store_changes").fetchall())

    def _load(self, tables: list[str], counters: dict[str, int]) -> None:
        """Load tables from the store into the copy, in one DuckDB transaction (a reader sees all old or all new)."""
        from iid.build import refresh_derived

        cur = self._con.cursor()
        with tempfile.TemporaryDirectory(prefix="iid-copy-") as tmp:
            cur.execute("begin transaction")
            try:
                for t in tables:
                    cols = self._cols[t]
                    path = Path(tmp) / f"{t}.csv"
                    with self._pg.cursor() as pc, path.open("wb") as fh:
                        names = ", ".join(_q(c) for c in cols)
                        with pc.copy(f"copy (select {names} from {_q(t)}) to stdout (format csv)") as cp:
                            for chunk in cp:
                                fh.write(chunk)
                    cur.execute(f"delete from {_q(t)}")
                    cur.execute(
                        f"insert into {_q(t)} select * from read_csv(?, columns = ?, header = false, "
                        "auto_detect = false, delim = ',', quote = '\"', escape = '\"', nullstr = '', "
                        "allow_quoted_nulls = false, parallel = false)",
                        [str(path), dict.fromkeys(cols, "VARCHAR")],
                    )
                if DERIVED_FROM & set(tables):
                    refresh_derived(cur)
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
            finally:
                cur.close()
        for t in tables:
            self._seen[t] = counters.get(t, 0)

    def _catch_up(self) -> list[str]:
        """Load what other processes changed since this one last looked (call holding both locks)."""
        counters = self._counters()
        stale = [t for t in self.tables if counters.get(t, 0) != self._seen.get(t)]
        if stale:
            self._load(stale, counters)
            self.reloads += len(stale)
        return stale

    def refresh(self, force: bool = False) -> bool:
        """At most once a second (or now, with force): load the tables another process changed; True if any."""
        now = time.monotonic()
        if not force and now - self._checked < POLL_SECONDS:
            return False
        if not self._write_lock.acquire(blocking=force):
            return False  # a write of this process is under way: it catches up itself
        try:
            with self._pg_lock:
                self._checked = now
                try:
                    stale = self._catch_up()
                except Exception as exc:  # the store is away for a moment: keep serving the copy, try again later
                    if not self._away:  # said once per outage, not once a second
                        LOG.warning(
                            "store %s: cannot catch up (%s); serving the copy as it is", safe_url(self.url), exc
                        )
                    self._away = True
                    self._reconnect()
                    return False
                if self._away:
                    LOG.warning("store %s: reachable again; caught up", safe_url(self.url))
                    self._away = False
        finally:
            self._write_lock.release()
        if stale:
            self._committed([])  # another process wrote: every cached result may be old
        return bool(stale)

    def _reconnect(self) -> None:
        if self._pg.closed or self._pg.broken:
            try:
                self._pg = _connect(self.url)
            except DatabaseUnavailable:
                pass

    def version(self, *names: str) -> tuple:
        self.refresh()
        return super().version(*names)

    # -------------------------------------------------------- writing

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._write_lock, self._pg_lock:
            self._reconnect()
            pg = self._pg
            cur = self._con.cursor()
            self._pending, self._snaps = [], []
            began = False
            try:
                with pg.transaction():
                    pg.execute("select pg_advisory_xact_lock(%s)", [WRITE_LOCK])
                    if self._catch_up():
                        self._committed([])
                    cur.execute("begin transaction")
                    began = True
                    yield _Writing(cur, self)
                    changed = self._push(cur, pg)
                # the store has committed; now the copy
                cur.execute("commit")
                began = False
                self._seen.update(changed)
                self._committed(self._pending)
            except BaseException as exc:
                if began:
                    cur.execute("rollback")
                if _connection_lost(exc):  # nothing was written, in the store or here
                    raise DatabaseUnavailable("store_lost", self.path, _first_line(exc)) from exc
                raise
            finally:
                self._pending, self._snaps = None, None
                cur.close()

    def bump(self, cur: duckdb.DuckDBPyConnection, *names: str) -> None:
        """Name what the write changes before it changes anything (a change before any name is refused)."""
        super().bump(cur, *names)
        if not names:  # no name: anything may change, so every table is compared
            for table in self.tables:
                self._snapshot(cur, table, None, None)
        for name in names:
            group, _, code = name.partition(":")
            for table, where in GROUPS[group].items():
                self._snapshot(cur, table, where if code else None, code or None)

    def _snapshot(self, cur, table: str, where: str | None, code: str | None) -> None:
        """Keep table's rows (those where matches, for the region code) as they are before the writer changes them."""
        assert self._snaps is not None
        params: list[Any] = []
        if where:
            # the innovations kept just before, for the same region (GROUPS lists innovations first)
            if "$before_innovations" in where:
                inv = next(
                    n for t, w, p, n in reversed(self._snaps) if t == "innovations" and (w is None or p == [code])
                )
                where = where.replace("$before_innovations", inv)
            params = [code] * where.count("$code")
            where = where.replace("$code", "?")
        if any(t == table and (w is None or (w == where and p == params)) for t, w, p, _ in self._snaps):
            return
        name = f"__before_{len(self._snaps)}"
        cur.execute(
            f"create temp table {name} as select * from {_q(table)}" + (f" where {where}" if where else ""), params
        )
        self._snaps.append((table, where, params, name))

    def _push(self, cur, pg) -> dict[str, int]:
        """Write the rows the writer changed to the store, and move the changed tables' counters."""
        assert self._snaps is not None
        changed: list[str] = []
        for table, where, params, before in self._snaps:
            cols = self._cols[table]
            names = ", ".join(_q(c) for c in cols)
            now = f"(select {names} from {_q(table)}"
            now += f" where {where})" if where else ")"
            gone = cur.execute(f"select * from {before} except all select * from {now}", params).fetchall()
            new = cur.execute(f"select * from {now} except all select * from {before}", params).fetchall()
            if not gone and not new:
                continue
            key = self._pk.get(table)
            with pg.cursor() as pc:
                if key:
                    idx = [cols.index(k) for k in key]
                    pc.executemany(
                        f"delete from {_q(table)} where " + " and ".join(f"{_q(k)} = %s" for k in key),
                        [[r[i] for i in idx] for r in gone],
                    )
                else:  # no key (innovation_levels): one row equal in every column, per row gone
                    match = " and ".join(f"{_q(c)} is not distinct from %s" for c in cols)
                    pc.executemany(
                        f"delete from {_q(table)} where ctid = (select ctid from {_q(table)} where {match} limit 1)",
                        [list(r) for r in gone],
                    )
                if new:
                    with pc.copy(f"copy {_q(table)} ({names}) from stdin") as cp:
                        for r in new:
                            cp.write_row(r)
            changed.append(table)
        if not changed:
            return {}
        rows = pg.execute(
            "update store_changes set n = n + 1 where tbl = any(%s) returning tbl, n", [changed]
        ).fetchall()
        return dict(rows)

    def built_at(self) -> float | None:
        return self._built

    def close(self) -> None:
        super().close()
        self._pg.close()


_CHANGES_ROWS = re.compile(r"\s*(insert|update|delete|truncate|copy)\b", re.IGNORECASE)


class _Writing:
    """The cursor a writer gets: DuckDB's, refusing a change of rows before the write has named what it changes
    (db.bump): rows changed without a name would never reach the store."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, db: StoreDatabase) -> None:
        self._cur, self._db = cur, db

    def execute(self, sql: str, params: Any = None) -> Any:
        if not self._db._snaps and _CHANGES_ROWS.match(sql):
            raise RuntimeError("a write to the shared store names what it changes first: db.bump(cur, …)")
        res = self._cur.execute(sql, params) if params is not None else self._cur.execute(sql)
        return self if res is self._cur else res

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cur, name)


def open_store(url: str) -> StoreDatabase:
    return StoreDatabase(url)
