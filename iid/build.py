"""Build the DuckDB database from data/*.csv, atomically, keeping everything people entered in the app.

A build writes a complete new file beside the old one, carries over what users entered (iid/carryover.py: data/ is
kept apart in the schema `reference`, what users enter is the difference), then swaps it in with one rename. The old
file's log (.wal) is folded into it first, so no log outlives the file it belongs to; what a killed build leaves
(`.iid-build-<pid>-*`) is removed by the next one. A file that may be someone's data and cannot be read is never
overwritten: the build refuses and says what to do.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from iid.db import Database, DatabaseUnavailable, read_only_fs, sql_file
from iid.errors import BuildError
from iid.regions import load_regions

if TYPE_CHECKING:
    from iid.carryover import Carried

# Each table and the CSV files (relative to the data folder) that fill it, in load order.
# Files under sample/ are optional: a database of published data only builds without them.
TABLE_FILES: dict[str, list[str]] = {
    "sources": ["published/sources*.csv", "sample/sources*.csv"],
    "predicate_bands": ["published/predicate_bands.csv"],
    "iid_scores": ["published/iid_scores*.csv", "sample/iid_scores*.csv"],
    "rule_years": ["published/rule_years.csv"],
    "indicators": ["published/indicators.csv"],
    "innovation_profiles": ["sample/innovation_profiles*.csv"],
    "indicator_scores": ["sample/indicator_scores*.csv"],
    "targets": ["published/targets.csv"],
    "commitments": ["published/commitments.csv"],
    "events": ["published/events.csv"],
    "innovations": ["sample/innovations*.csv"],
    "units": ["sample/units*.csv"],
    "innovation_levels": ["sample/innovation_levels*.csv"],
    "competitions": ["published/competitions.csv"],
    "competition_groups": ["published/competition_groups.csv"],
    "register_log": ["published/register_log.csv"],
    "imports": ["published/imports.csv"],
    "scenarios": ["published/scenarios.csv"],
    "scenario_log": ["published/scenario_log.csv"],
    "users": ["published/users.csv"],
    "user_roles": ["published/user_roles.csv"],
    "role_log": ["published/role_log.csv"],
}
# Files only an export (`python -m iid export`) writes: tables that hold nothing but what users entered.
USER_FILES = (
    "published/imports.csv",
    "published/scenarios.csv",
    "published/scenario_log.csv",
    "published/register_log.csv",
    "published/users.csv",
    "published/user_roles.csv",
    "published/role_log.csv",
)
USER_TABLES = ("imports", "scenarios", "scenario_log", "register_log", "users", "user_roles", "role_log")
# Patterns that may match no file: the sample (a published-only database) and what an export adds.
OPTIONAL = ("sample/", *USER_FILES)
TEMP_PREFIX = ".iid-build-"  # a build's file beside the database until it is swapped in


@dataclass
class BuildReport:
    path: Path
    seconds: float
    counts: dict[str, int]
    carried: Carried | None = None  # what users had entered, carried over (None: there was no old file)
    notes: list[str] = field(default_factory=list)


# What the app reads is materialised from the views, refreshed inside every transaction that writes scores,
# so a page's query is a lookup, not a recomputation of every rank.
DERIVED = {
    "mv_scores": "v_scores",
    "mv_scores_published": "v_scores_published",
    "mv_coverage": "v_coverage",  # which years are national years per kind (read on every page)
}
_ORDER = {"mv_coverage": "kind, year"}
_REFRESH = [
    stmt
    for table, view in DERIVED.items()
    for stmt in (
        f"drop table if exists {table}",
        f"create table {table} as select * from {view} order by {_ORDER.get(table, 'region_code, year')}",
    )
]


def refresh_derived(cur) -> None:
    """Recompute the materialised score tables; call inside the writing transaction."""
    for stmt in _REFRESH:
        cur.execute(stmt)


def create_schema(db: Database) -> None:
    with db.transaction() as cur:
        cur.execute(sql_file("schema"))
        cur.execute(sql_file("views"))


# How every CSV of data/ is read: the first line names the columns, every cell is text until the insert casts it to
# the column's type in the schema (the same casts whatever wrote the file), an empty cell is NULL, a short row is padded
# with NULLs; one thread, so a quoted cell may hold a line break.
_CSV_OPTIONS = (
    "header = true, auto_detect = false, all_varchar = true, delim = ',', quote = '\"', escape = '\"', "
    "nullstr = '', null_padding = true, parallel = false"
)
# Statements per table, built once from the allow-list above; the file and its column names are bound parameters.
_LOAD = {
    table: f"insert into {table} by name select * from read_csv(?, columns = ?, {_CSV_OPTIONS})"
    for table in TABLE_FILES
}


def _csv_columns(path: Path) -> list[str]:
    """The names in a CSV's first line (UTF-8, with or without a byte-order mark)."""
    with path.open("rb") as fh:
        first = fh.readline().decode("utf-8-sig")
    names = next(csv.reader([first]), [])
    if not names:
        raise ValueError("berkas kosong, tanpa baris judul kolom / empty file, no header line")
    return names


def _short(exc: BaseException) -> str:
    """DuckDB's message up to its advice on reader options (which a person fixing the file has no use for)."""
    text = str(exc).strip()
    head = text.split("\n\n", 1)[0]
    lines = [line for line in head.splitlines() if not line.lstrip().startswith(("file =", "Possible"))]
    return " ".join(line.strip() for line in lines if line.strip())[:1000]


# Keys the schema holds without an index: innovation_levels has 20 rows per innovation (20.000.000 at a million
# innovations), and a primary key's index of them tripled the build's time and memory and added 1,3 GB to the file.
# Checked after each file instead, as the index would: the first key held twice, named as DuckDB names one.
UNIQUE = {"innovation_levels": ("innovation_id", "indicator_code")}
_DUPLICATE = {
    table: f"""with twice as (select hash({", ".join(cols)}) as h from {table} group by h having count(*) > 1)
               select {", ".join(cols)} from {table} where hash({", ".join(cols)}) in (select h from twice)
               group by all having count(*) > 1 order by all limit 1"""
    for table, cols in UNIQUE.items()
}
BUILD_MEMORY = "1GB"  # DuckDB's memory while loading a file database: larger sorts and joins spill to disk


def _load_csv(cur, table: str, path: Path, rel: str) -> int:
    """Insert one CSV into table by column name, read by DuckDB (no Python copy of its rows); returns rows added."""
    try:
        columns = dict.fromkeys(_csv_columns(path), "VARCHAR")
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise BuildError(f"{rel}: {exc}") from exc
    try:
        n = cur.execute(_LOAD[table], [str(path), columns]).fetchone()[0]
    except duckdb.Error as exc:  # a bad cell, a row of another width, a broken rule of the schema: this file is bad
        raise BuildError(f"{rel}: {_short(exc)}") from exc
    if table in _DUPLICATE and n:
        twice = cur.execute(_DUPLICATE[table]).fetchall()
        if twice:
            key = ", ".join(str(v) for v in twice[0])
            raise BuildError(
                f'{rel}: kunci ganda / duplicate key ({", ".join(UNIQUE[table])}) "{key}": '
                "satu baris per kunci / one row per key"
            )
    return n


def load_into(db: Database, data_dir: Path, include_sample: bool = True) -> dict[str, int]:
    """Fill an empty schema from the CSVs of data_dir, in one transaction."""
    counts: dict[str, int] = {}
    if db.path != ":memory:":  # a file database can spill; an in-memory one holds the data itself (small: tests)
        db.rows(f"set memory_limit = '{BUILD_MEMORY}'")
    with db.transaction() as cur:
        regions = load_regions(data_dir / "raw" / "idn-area-data")
        cur.register("frame", regions)
        cur.execute("insert into regions by name select * from frame")
        cur.unregister("frame")
        counts["regions"] = len(regions)
        for table, patterns in TABLE_FILES.items():
            n = 0
            for pattern in patterns:
                optional = pattern.startswith(OPTIONAL) or pattern in OPTIONAL
                if pattern.startswith("sample/") and not include_sample:
                    continue
                paths = sorted(data_dir.glob(pattern))
                if not paths and not optional:
                    raise BuildError(f"{pattern}: berkas tidak ada / file missing")
                for path in paths:
                    n += _load_csv(cur, table, path, path.relative_to(data_dir).as_posix())
            counts[table] = n
        refresh_derived(cur)
    return counts


# ---------------------------------------------------------------- the file: stale leftovers, the old one, the swap


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path) -> list[Path]:
    """Remove what killed builds left in folder (their files carry the builder's pid); returns what was removed."""
    removed = []
    for p in folder.glob(TEMP_PREFIX + "*"):
        parts = p.name[len(TEMP_PREFIX) :].split("-", 1)
        pid = int(parts[0]) if parts[0].isdigit() else None
        recent = False
        with contextlib.suppress(OSError):
            recent = time.time() - p.stat().st_mtime < 3600
        if pid is not None and pid != os.getpid() and _alive(pid) and recent:
            continue  # a build running right now
        with contextlib.suppress(OSError):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
            removed.append(p)
    return removed


def _set_aside(path: Path, what: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{what}-{stamp}")
    os.replace(path, target)
    return target


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fold_log(path: Path) -> None:
    """Open the file for writing once: DuckDB replays its log (.wal) into it, and a checkpoint removes the log."""
    db = Database(path)
    try:
        db.rows("checkpoint")
    finally:
        db.close()


def _ready_old(out_path: Path, notes: list[str]) -> bool:
    """Make the existing database fit to carry from (fold its log in; set a stale log aside); False if none.

    Refuses (DatabaseUnavailable) for a folder, a file that is not a DuckDB database, a damaged one, or one that
    another process holds: never overwrite what might be someone's data.
    """
    if out_path.is_dir():
        raise DatabaseUnavailable("directory", out_path)
    if not out_path.exists():
        return False
    if out_path.stat().st_size == 0:
        notes.append(f"berkas kosong diganti / empty file replaced: {out_path}")
        return False
    try:
        _fold_log(out_path)
    except DatabaseUnavailable as exc:
        if exc.reason == "file_unwritable":  # read as it is; its log (if any) is set aside after the swap
            return True
        if exc.reason != "stale_wal":
            raise
        aside = _set_aside(Path(str(out_path) + ".wal"), "stale")
        notes.append(f"log lama disisihkan / stale log set aside: {aside}")
        _fold_log(out_path)
    return True


def build(data_dir: Path, out_path: Path, include_sample: bool = True) -> BuildReport:
    """Write a complete new database next to out_path, carry over what users entered, then swap it in."""
    from iid.carryover import OLD, carry_over_attached, snapshot_reference  # it builds on this module

    t0 = time.perf_counter()
    folder = out_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable.from_error(out_path, exc) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseUnavailable("read_only_fs" if read_only_fs(out_path) else "folder_unwritable", out_path)
    notes = [f"sisa pembangunan terhenti dihapus / leftover removed: {p.name}" for p in clean_stale(folder)]
    has_old = _ready_old(out_path, notes)
    tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.duckdb"
    carried = None
    try:
        db = Database(tmp)
        try:
            if has_old:  # attached first and held until the swap: no other process can write to it meanwhile
                try:
                    db.rows(f"attach ? as {OLD} (read_only)", [str(out_path)])
                except duckdb.Error as exc:
                    raise DatabaseUnavailable.from_error(out_path, exc) from exc
            create_schema(db)
            counts = load_into(db, data_dir, include_sample=include_sample)
            if not _holds_user_files(data_dir):  # an export mixes user rows into its CSVs: no reference copy then
                snapshot_reference(db)
            if has_old:
                carried = carry_over_attached(db)
                counts["carried_over"] = carried.total
            db.rows("checkpoint")
            os.replace(tmp, out_path)
            _fsync_dir(folder)
            wal = Path(str(out_path) + ".wal")
            if wal.exists():  # written to the old file after its log was folded in, and read by the carry-over
                notes.append(f"log lama disisihkan / old log set aside: {_set_aside(wal, 'stale')}")
        finally:
            if has_old:
                with contextlib.suppress(duckdb.Error):
                    db.rows(f"detach {OLD}")
            db.close()
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal"), Path(str(tmp) + ".tmp")):
            with contextlib.suppress(OSError):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    return BuildReport(path=out_path, seconds=time.perf_counter() - t0, counts=counts, carried=carried, notes=notes)


def _holds_user_files(data_dir: Path) -> bool:
    """True for a folder written by `python -m iid export`: its CSVs hold what users entered along with data/."""
    return (data_dir / "EXPORT.md").exists() or any((data_dir / f).exists() for f in USER_FILES)


def memory_db(data_dir: Path, include_sample: bool = True) -> Database:
    """A fresh in-memory database from data_dir (tests, the sample generator)."""
    db = Database(":memory:")
    create_schema(db)
    load_into(db, data_dir, include_sample=include_sample)
    return db
