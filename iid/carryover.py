"""What people entered in the app survives a rebuild from data/: kept apart from the reference, carried, or refused.

Right after a build loads data/, every table is copied into the schema `reference`: data/ exactly as loaded, never
written afterwards. What users enter is the difference between the live tables (schema `main`) and that copy: the
rows they added (imports, register rows, sources, scenarios, the import and register logs), the rows they changed (a
source edit, the `superseded_by` mark an import sets on an older figure, a register edit) and the rows they deleted.
Nothing here knows the app's writers: the difference is taken table by table, by primary key, over the columns both
sides have, so a table or a column added later is carried too.

A rebuild loads the new data/ into a new file, then replays that difference on it (a three-way merge: the old
reference, the old live tables, the new data/). A changed value is replayed column by column when data/ left that
column alone. It refuses, naming the rows, when data/ and a user disagree: both changed one value differently, a user
changed a row data/ no longer has, a user added a row whose key data/ now fills differently, or a replayed row breaks
a rule of the schema (a foreign key to a row data/ dropped). A user's delete wins over a change in data/.

A file built before the reference copy existed (or from an export, whose CSVs mix both) has no `reference`; its users'
rows are then recognised by their traces (see _legacy_base).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb

from iid.build import DERIVED, USER_TABLES, refresh_derived
from iid.db import Database
from iid.db import quoted as _q
from iid.errors import BuildError

REFERENCE = "reference"  # the schema holding data/ exactly as loaded
# Tables only people fill, whose rows no data/ file holds: the logs, scenarios, and the accounts and roles (iid/auth.py).
USER_ONLY = USER_TABLES
OLD = "old"  # the previous database file, attached read-only during a rebuild


def _eq(a: str, b: str, cols: Iterable[str]) -> str:
    return " and ".join(f"{a}.{_q(c)} is not distinct from {b}.{_q(c)}" for c in cols) or "true"


def _differs(a: str, b: str, cols: Iterable[str]) -> str:
    return " or ".join(f"{a}.{_q(c)} is distinct from {b}.{_q(c)}" for c in cols) or "false"


class _Catalog:
    """Tables, columns, primary and foreign keys of every attached database, read once."""

    def __init__(self, cur) -> None:
        self.me = cur.execute("select current_database()").fetchone()[0]
        self.tables: dict[tuple[str, str], list[str]] = defaultdict(list)
        for db, schema, table in cur.execute(
            "select database_name, schema_name, table_name from duckdb_tables() where not temporary order by all"
        ).fetchall():
            self.tables[db, schema].append(table)
        self.columns: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for db, schema, table, col in cur.execute(
            "select database_name, schema_name, table_name, column_name from duckdb_columns() "
            "where not internal order by database_name, schema_name, table_name, column_index"
        ).fetchall():
            self.columns[db, schema, table].append(col)
        self.pk: dict[tuple[str, str], list[str]] = {}
        self.fk: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for db, table, kind, cols, parent in cur.execute(
            "select database_name, table_name, constraint_type, constraint_column_names, referenced_table "
            "from duckdb_constraints() where schema_name = 'main' and constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')"
        ).fetchall():
            if kind == "PRIMARY KEY":
                self.pk[db, table] = list(cols)
            else:
                self.fk[db].append((table, parent))

    def parents_first(self, tables: Iterable[str]) -> list[str]:
        """Tables ordered so that each comes after every table its foreign keys point to."""
        tables = list(tables)
        needs = {t: {p for c, p in self.fk[self.me] if c == t and p != t and p in tables} for t in tables}
        order: list[str] = []
        while needs:
            ready = sorted(t for t, ps in needs.items() if not ps - set(order)) or sorted(needs)  # a cycle: by name
            for t in ready:
                order.append(t)
                del needs[t]
        return order


def snapshot_reference(db: Database) -> None:
    """Copy every loaded table into the schema `reference`: data/ as it came, kept apart from what users enter."""
    with db.transaction() as cur:
        cat = _Catalog(cur)
        cur.execute(f"create schema {REFERENCE}")
        for table in cat.tables[cat.me, "main"]:
            if table not in DERIVED:
                cur.execute(f"create table {REFERENCE}.{_q(table)} as select * from main.{_q(table)}")


def has_reference(db: Database) -> bool:
    return bool(db.scalar("select count(*) from duckdb_schemas() where schema_name = ?", [REFERENCE]))


# ---------------------------------------------------------------- refusals


@dataclass
class Conflict:
    """One user change a rebuild cannot replay on the new data/."""

    table: str
    key: str  # `col=value, …` of the row, empty for the whole table
    reason: str  # added_differs | changed_gone | changed_both | constraint | table_gone
    column: str | None = None
    detail: str = ""

    def text(self, lang: str = "id") -> str:
        col = f" `{self.column}`" if self.column else ""
        id_, en = {
            "added_differs": (
                "ditambahkan di aplikasi, tetapi data/ kini punya baris dengan kunci yang sama dan isi lain",
                "added in the app, but data/ now has a row with the same key and other values",
            ),
            "changed_gone": (
                f"diubah di aplikasi (kolom{col}), tetapi barisnya tidak ada lagi di data/",
                f"changed in the app (column{col}), but data/ no longer has the row",
            ),
            "changed_both": (
                f"kolom{col} diubah di aplikasi dan juga di data/, dengan nilai berbeda {self.detail}",
                f"column{col} was changed in the app and in data/, to different values {self.detail}",
            ),
            "constraint": (
                f"masukan dari aplikasi melanggar aturan tabel dengan data/ yang baru: {self.detail}",
                f"an entry made in the app breaks a rule of the table with the new data/: {self.detail}",
            ),
            "table_gone": (
                "tabel ini berisi masukan pengguna tetapi tidak ada lagi (atau kuncinya berubah) di skema",
                "this table holds user entries but is gone from the schema (or its key changed)",
            ),
        }[self.reason]
        where = f"{self.table} [{self.key}]" if self.key else self.table
        return f"{where}: {id_ if lang == 'id' else en}"


class CarryOverRefused(BuildError):
    """A rebuild would lose or garble what users entered; the old database is left as it was."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__(self.text("id"))

    def text(self, lang: str = "id", limit: int = 20) -> str:
        n = len(self.conflicts)
        head = (
            f"Pembangunan ulang ditolak; basis data lama tidak diubah. {n} masukan pengguna tidak cocok dengan data/ "
            "yang baru:"
            if lang == "id"
            else f"Rebuild refused; the old database is unchanged. {n} user entries do not fit the new data/:"
        )
        lines = [f"  - {c.text(lang)}" for c in self.conflicts[:limit]]
        if n > limit:
            lines.append(f"  … (+{n - limit})")
        tail = (
            "Selesaikan masing-masing: batalkan perubahan itu di aplikasi, atau sesuaikan berkasnya di data/; lalu "
            "jalankan `python -m iid build` lagi. Bila ragu, ekspor dulu: `python -m iid export DIR`."
            if lang == "id"
            else "Resolve each: undo that change in the app, or adjust the file in data/; then run "
            "`python -m iid build` again. When in doubt, export first: `python -m iid export DIR`."
        )
        return "\n".join([head, *lines, tail])


@dataclass
class Carried:
    """Per table, how many user rows a rebuild carried: added, changed, deleted (against data/)."""

    tables: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    legacy: bool = False  # the old file had no reference copy: user rows were recognised by their traces

    @property
    def total(self) -> int:
        return sum(sum(v) for v in self.tables.values())


# ---------------------------------------------------------------- the difference, table by table


@dataclass
class _Diff:
    table: str
    key: list[str]
    cols: list[str]  # the columns compared: in the new table, the old one and its base
    n: int  # a number for the temporary tables' names

    @property
    def nonkey(self) -> list[str]:
        return [c for c in self.cols if c not in self.key]

    @property
    def added(self) -> str:
        return f"__added_{self.n}"

    @property
    def deleted(self) -> str:
        return f"__deleted_{self.n}"

    @property
    def changed(self) -> str:
        return f"__changed_{self.n}"


def _was(c: str) -> str:
    """The column of a changed row holding the base's value of c."""
    return _q(f"__was_{c}")


def _user_sources(cur) -> None:
    """Sources people made (an old file without a reference copy): the kinds, ids and imports the writers leave."""
    if cur.execute("select count(*) from duckdb_tables() where temporary and table_name = '__user_sources'").fetchone()[
        0
    ]:
        return
    via_imports = ""
    if cur.execute(
        f"select count(*) from duckdb_tables() where database_name = '{OLD}' and table_name = 'imports'"
    ).fetchone()[0]:
        via_imports = f"or s.source_id in (select source_id from {OLD}.main.imports)"
    cur.execute(
        f"""create temp table __user_sources as
            select s.source_id from {OLD}.main.sources s
            where s.source_id not in (select source_id from main.sources)
              and (s.kind = 'imported' or s.source_id like 'imp-%' or s.source_id like 'src-%'
                   or s.source_id like 'register-%' {via_imports})"""
    )


def _legacy_base(cur, d: _Diff, name: str, has_log: bool) -> None:
    """What data/ held, for an old file without a reference copy: its rows less the traces people leave.

    Traces: the tables only users fill; rows of sources people made (imports, the register, the sources form); the
    `superseded_by` marks imports set; edits of non-sample sources; register edits and deletes named in register_log.
    Edits of other tables leave no trace and are not recognised.
    """
    sel = ", ".join(f"u.{_q(c)}" for c in d.cols)
    t = _q(d.table)
    if d.table in USER_ONLY:
        cur.execute(f"create temp table {name} as select {sel} from {OLD}.main.{t} u where false")
        return
    _user_sources(cur)
    made = "u.source_id in (select source_id from __user_sources)" if "source_id" in d.cols else "false"

    def edited(a: str) -> str:  # a row of the old file (alias a) that a person changed: data/'s row is its base
        if d.table == "sources":
            others = [c for c in d.cols if c != "source_id"]
            return (
                f"{a}.kind <> 'sample' and exists (select 1 from main.sources n where n.source_id = {a}.source_id "
                f"and ({_differs('n', a, others)}))"
            )
        if d.table == "innovations" and has_log:
            return (
                f"exists (select 1 from {OLD}.main.register_log l where l.innovation_id = {a}.innovation_id "
                "and l.action = 'update' and l.undone_at is null)"
            )
        return "false"

    deleted = "false"  # a row of the new data/ (alias u) that a person deleted from the old file
    if d.table == "innovations" and has_log:
        deleted = (
            f"not exists (select 1 from {OLD}.main.innovations o where o.innovation_id = u.innovation_id) "
            f"and exists (select 1 from {OLD}.main.register_log l where l.innovation_id = u.innovation_id "
            "and l.action = 'delete' and l.undone_at is null)"
        )
    cur.execute(
        f"create temp table {name} as select {sel} from {OLD}.main.{t} u where not ({made}) and not ({edited('u')})"
    )
    cur.execute(
        f"insert into {name} select {sel} from main.{t} u "
        f"where exists (select 1 from {OLD}.main.{t} o where {_eq('o', 'u', d.key)} and {edited('o')}) or ({deleted})"
    )
    if "superseded_by" in d.cols:
        cur.execute(f"update {name} set superseded_by = null")


def _same(cur, a: str, b: str, cols: list[str]) -> bool:
    """The same rows in both tables, by count and the sum of 64-bit row hashes (a change missed: ~1 in 2^64)."""
    sel = ", ".join(_q(c) for c in cols)
    return bool(
        cur.execute(
            f"select (select (count(*), coalesce(sum(hash({sel})::hugeint), 0)) from {a}) "
            f"= (select (count(*), coalesce(sum(hash({sel})::hugeint), 0)) from {b})"
        ).fetchone()[0]
    )


def _plan(cur, cat: _Catalog) -> tuple[list[_Diff], list[Conflict], bool]:
    """What users changed in the attached old file, table by table, and what of it cannot be replayed."""
    old_tables = [t for t in cat.tables[OLD, "main"] if t not in DERIVED]
    new_tables = set(cat.tables[cat.me, "main"]) - set(DERIVED)
    old_ref = set(cat.tables[OLD, REFERENCE])
    legacy = not old_ref
    diffs: list[_Diff] = []
    conflicts: list[Conflict] = []
    for i, table in enumerate(old_tables):
        user = f"{OLD}.main.{_q(table)}"
        if table not in new_tables:  # dropped from the schema: only a loss if users had changed it
            cols = cat.columns[OLD, "main", table]
            if table in old_ref:
                lost = not _same(cur, user, f"{OLD}.{REFERENCE}.{_q(table)}", cols)
            else:
                lost = table in USER_ONLY and cur.execute(f"select count(*) from {user}").fetchone()[0] > 0
            if lost:
                conflicts.append(Conflict(table, "", "table_gone"))
            continue
        old_cols = set(cat.columns[OLD, "main", table])
        if table in old_ref:
            old_cols &= set(cat.columns[OLD, REFERENCE, table])
        cols = [c for c in cat.columns[cat.me, "main", table] if c in old_cols]
        key = cat.pk.get((cat.me, table)) or cols
        if not set(key) <= set(cols):
            conflicts.append(Conflict(table, ", ".join(key), "table_gone"))
            continue
        d = _Diff(table, key, cols, i)
        if table in old_ref:
            base = f"{OLD}.{REFERENCE}.{_q(table)}"
        else:
            base = f"__base_{i}"
            _legacy_base(cur, d, base, "register_log" in old_tables)
        if _same(cur, user, base, cols):  # nobody changed this table
            continue
        sel_u = ", ".join(f"u.{_q(c)}" for c in cols)
        sel_b = ", ".join(f"b.{_q(c)}" for c in cols)
        cur.execute(
            f"create temp table {d.added} as select {sel_u} from {user} u "
            f"where not exists (select 1 from {base} b where {_eq('b', 'u', key)})"
        )
        cur.execute(
            f"create temp table {d.deleted} as select {sel_b} from {base} b "
            f"where not exists (select 1 from {user} u where {_eq('u', 'b', key)})"
        )
        was = "".join(f", b.{_q(c)} as {_was(c)}" for c in d.nonkey)
        cur.execute(
            f"create temp table {d.changed} as select {sel_u}{was} from {user} u join {base} b "
            f"on {_eq('u', 'b', key)} where {_differs('u', 'b', d.nonkey)}"
        )
        conflicts += _conflicts(cur, d)
        diffs.append(d)
    return diffs, conflicts, legacy


def _key_text(row: Iterable, key: list[str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in zip(key, row, strict=False))


def _conflicts(cur, d: _Diff) -> list[Conflict]:
    """User changes that the new data/ contradicts (checked before anything is written)."""
    t, keys = _q(d.table), ", ".join(f"u.{_q(k)}" for k in d.key)
    out = [
        Conflict(d.table, _key_text(r, d.key), "added_differs")
        for r in cur.execute(
            f"select {keys} from {d.added} u join main.{t} n on {_eq('n', 'u', d.key)} "
            f"where {_differs('n', 'u', d.cols)} limit 50"
        ).fetchall()
    ]
    if not d.nonkey:
        return out
    which = ", ".join(f"case when u.{_q(c)} is distinct from u.{_was(c)} then '{c}' end" for c in d.nonkey)
    for *k, cols in cur.execute(
        f"select {keys}, list_filter([{which}], lambda x: x is not null) from {d.changed} u "
        f"where not exists (select 1 from main.{t} n where {_eq('n', 'u', d.key)}) limit 50"
    ).fetchall():
        if set(cols) <= {"superseded_by"}:
            continue  # an import's mark on a figure data/ no longer has: nothing left to mark
        out.append(Conflict(d.table, _key_text(k, d.key), "changed_gone", ", ".join(cols)))
    for c in d.nonkey:
        qc, was = _q(c), _was(c)
        for *k, mine, theirs in cur.execute(
            f"select {keys}, u.{qc}, n.{qc} from {d.changed} u join main.{t} n on {_eq('n', 'u', d.key)} "
            f"where u.{qc} is distinct from u.{was} and n.{qc} is distinct from u.{was} "
            f"and n.{qc} is distinct from u.{qc} limit 50"
        ).fetchall():
            out.append(Conflict(d.table, _key_text(k, d.key), "changed_both", c, f"(app: {mine}; data/: {theirs})"))
    return out


def _apply(cur, cat: _Catalog, diffs: list[_Diff]) -> dict[str, tuple[int, int, int]]:
    """Replay the user changes on the new tables: additions parents first, then changes, deletions children first."""
    by_table = {d.table: d for d in diffs}
    order = cat.parents_first(by_table)
    counts = {t: [0, 0, 0] for t in order}
    step = ""
    try:
        for step in order:
            d, t = by_table[step], _q(step)
            counts[step][0] = cur.execute(
                f"insert into main.{t} by name select * from {d.added} u "
                f"where not exists (select 1 from main.{t} n where {_eq('n', 'u', d.key)})"
            ).fetchone()[0]
        for step in order:
            d, t = by_table[step], _q(step)
            for c in d.nonkey:
                cur.execute(
                    f"update main.{t} as n set {_q(c)} = u.{_q(c)} from {d.changed} u "
                    f"where {_eq('n', 'u', d.key)} and u.{_q(c)} is distinct from u.{_was(c)}"
                )
            counts[step][1] = cur.execute(
                f"select count(*) from {d.changed} u where exists (select 1 from main.{t} n where {_eq('n', 'u', d.key)})"
            ).fetchone()[0]
        for step in reversed(order):
            d, t = by_table[step], _q(step)
            counts[step][2] = cur.execute(
                f"delete from main.{t} n where exists (select 1 from {d.deleted} u where {_eq('n', 'u', d.key)})"
            ).fetchone()[0]
    except duckdb.ConstraintException as exc:
        raise CarryOverRefused([Conflict(step, "", "constraint", detail=str(exc).splitlines()[0])]) from exc
    return {t: (int(a), int(c), int(x)) for t, (a, c, x) in counts.items() if a or c or x}


def carry_over_attached(db: Database) -> Carried:
    """Replay what users changed in the attached old database on this freshly loaded one, or refuse."""
    with db.transaction() as cur:
        cat = _Catalog(cur)
        diffs, conflicts, legacy = _plan(cur, cat)
        if conflicts:
            raise CarryOverRefused(conflicts)
        tables = _apply(cur, cat, diffs)
        if tables:
            refresh_derived(cur)
    return Carried(tables, legacy)


def user_changes(db: Database) -> dict[str, tuple[int, int, int]]:
    """Per table, rows users added, changed and deleted against data/ (the reference copy); {} without one."""
    out: dict[str, tuple[int, int, int]] = {}
    if not has_reference(db):
        return out
    cur = db.cursor()
    try:
        cat = _Catalog(cur)
        for t in cat.tables[cat.me, REFERENCE]:
            ref_cols = set(cat.columns[cat.me, REFERENCE, t])
            cols = [c for c in cat.columns[cat.me, "main", t] if c in ref_cols]
            key = cat.pk.get((cat.me, t)) or cols
            live, base = f"main.{_q(t)}", f"{REFERENCE}.{_q(t)}"
            nonkey = [c for c in cols if c not in key]
            row = cur.execute(
                f"""select
                      (select count(*) from {live} u where not exists (select 1 from {base} b where {_eq("b", "u", key)})),
                      (select count(*) from {live} u join {base} b on {_eq("u", "b", key)} where {_differs("u", "b", nonkey)}),
                      (select count(*) from {base} b where not exists (select 1 from {live} u where {_eq("u", "b", key)}))"""
            ).fetchone()
            if any(row):
                out[t] = tuple(int(x) for x in row)
    finally:
        cur.close()
    return out
