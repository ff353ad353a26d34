"""Build the DuckDB database from data/*.csv, atomically: a new file is written, checked, then swapped in."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from iid.db import Database, sql_file
from iid.errors import BuildError
from iid.regions import load_regions

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
}
# Patterns that may match no file: the sample (a published-only database) and what an export adds.
OPTIONAL = ("sample/", "published/imports.csv", "published/scenarios.csv", "published/register_log.csv")
# Statements per table, built once from the allow-list above; no user text reaches them.
_INSERT = {table: f"insert into {table} by name select * from frame" for table in TABLE_FILES}


@dataclass
class BuildReport:
    path: Path
    seconds: float
    counts: dict[str, int]


# What the app reads is materialised from the views, refreshed inside every transaction that writes scores,
# so a page's query is a lookup, not a recomputation of every rank.
DERIVED = {
    "mv_scores": "v_scores",
    "mv_scores_published": "v_scores_published",
}
_REFRESH = [
    stmt
    for table, view in DERIVED.items()
    for stmt in (
        f"drop table if exists {table}",
        f"create table {table} as select * from {view} order by region_code, year",
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


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def load_into(db: Database, data_dir: Path, include_sample: bool = True) -> dict[str, int]:
    """Fill an empty schema from the CSVs of data_dir, in one transaction."""
    counts: dict[str, int] = {}
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
                    rel = path.relative_to(data_dir).as_posix()
                    try:
                        frame = _read_csv(path)
                    except (ValueError, UnicodeDecodeError) as exc:
                        raise BuildError(f"{rel}: {exc}") from exc
                    if frame.empty:
                        continue
                    cur.register("frame", frame)
                    try:
                        cur.execute(_INSERT[table])
                    except Exception as exc:  # duckdb raises several kinds; all mean this file is bad
                        raise BuildError(f"{rel}: {exc}") from exc
                    cur.unregister("frame")
                    n += len(frame)
            counts[table] = n
        refresh_derived(cur)
    return counts


# What people typed into the app lives in the database too; a rebuild from data/ carries it over.
USER_TABLES = ("scenarios",)  # the register's own rows are carried by the export/build round trip


def carry_over(db: Database, old_path: Path) -> int:
    """Copy the user tables from the previous database file into the new one; returns rows copied."""
    if not old_path.exists():
        return 0
    n = 0
    with db.transaction() as cur:
        cur.execute("attach ? as old (read_only)", [str(old_path)])
        try:
            have = {
                r[0]
                for r in cur.execute("select table_name from duckdb_tables() where database_name = 'old'").fetchall()
            }
            for table in USER_TABLES:
                empty = cur.execute(_COUNT[table]).fetchone()[0] == 0  # an export brings its own: keep those
                if table in have and empty:
                    cur.execute(_COPY_OLD[table])
                    n += cur.execute(_COUNT[table]).fetchone()[0]
        finally:
            cur.execute("detach old")
    return n


_COPY_OLD = {t: f"insert into {t} select * from old.main.{t}" for t in USER_TABLES}
_COUNT = {t: f"select count(*) from {t}" for t in USER_TABLES}


def build(data_dir: Path, out_path: Path, include_sample: bool = True) -> BuildReport:
    """Write a complete new database next to out_path, then replace out_path in one rename."""
    t0 = time.perf_counter()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".iid-build-", suffix=".duckdb", dir=out_path.parent)
    os.close(fd)
    os.unlink(tmp_name)  # duckdb wants to create the file itself
    tmp = Path(tmp_name)
    try:
        db = Database(tmp)
        try:
            create_schema(db)
            counts = load_into(db, data_dir, include_sample=include_sample)
            counts["carried_over"] = carry_over(db, out_path)
            db.rows("checkpoint")
        finally:
            db.close()
        os.replace(tmp, out_path)
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return BuildReport(path=out_path, seconds=time.perf_counter() - t0, counts=counts)


def memory_db(data_dir: Path, include_sample: bool = True) -> Database:
    """A fresh in-memory database from data_dir (tests, the sample generator)."""
    db = Database(":memory:")
    create_schema(db)
    load_into(db, data_dir, include_sample=include_sample)
    return db
