"""The innovation register: rows, validation, transactional edits with a change log, import and export,
and the views Bapperida staff keep in spreadsheets today (commitments, portfolio, competitions, sustainability,
and the register's estimate of the innovation part of the IID)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from iid import auth, display, fmt, queries
from iid import urusan as U
from iid.auth import Actor
from iid.dataio import typed_text_problems
from iid.db import Database
from iid.errors import IIDError, ImportRejected, Problem
from iid.i18n import LANGS, t
from iid.rules import BASIC_SERVICES, Profile, compute
from iid.values import py, records
from iid.values import text as cell_text

UNIT_TYPES = ("OPD", "Kecamatan", "BUMD", "UPT", "Puskesmas", "Kelurahan", "Sekolah")
FORMS = ("tata_kelola", "pelayanan_publik", "lainnya")
STAGES = ("inisiatif", "uji_coba", "penerapan")
STATUSES = ("draft", "diajukan", "revisi", "terverifikasi")
BASIC_URUSAN = ("pendidikan", "kesehatan", "pupr", "perumahan", "trantibumlinmas", "sosial")
FORM_LABEL = {
    "id": {
        "tata_kelola": "Tata kelola pemerintahan daerah",
        "pelayanan_publik": "Pelayanan publik",
        "lainnya": "Bentuk lainnya sesuai urusan",
    },
    "en": {
        "tata_kelola": "Regional governance",
        "pelayanan_publik": "Public service",
        "lainnya": "Other, by government affair",
    },
}
STAGE_LABEL = {
    "id": {"inisiatif": "Inisiatif", "uji_coba": "Uji coba", "penerapan": "Penerapan"},
    "en": {"inisiatif": "Initiative", "uji_coba": "Trial", "penerapan": "Implemented"},
}
STATUS_LABEL = {lang: {s: t(f"status_{s}", lang) for s in STATUSES} for lang in LANGS}
COLUMNS = [
    "innovation_id",
    "unit",
    "unit_type",
    "title",
    "form",
    "digital",
    "urusan",
    "stage",
    "year_proposed",
    "proposed_on",
    "year_applied",
    "competitions",
    "has_team",
    "has_sop",
    "has_budget",
    "evidence",
    "status",
]
EDITABLE = [c for c in COLUMNS if c != "innovation_id"]
# free text a person types: refused when a spreadsheet would run it as a formula (the others must be known codes)
TEXT_FIELDS = ("title", "unit", "urusan", "competitions", "evidence")
# the grid's columns in reading order: what an innovation is first, its technical ID last
GRID = [
    "title",
    "unit",
    "unit_type",
    "form",
    "stage",
    "status",
    "year_proposed",
    "proposed_on",
    "year_applied",
    "urusan",
    "digital",
    "competitions",
    "has_team",
    "has_sop",
    "has_budget",
    "evidence",
    "innovation_id",
]

# a row's version: any change to any of its columns gives another one (two editors compare them, see save())
VERSION = "md5(to_json(i)::varchar)"
REGISTER = f"""
select i.innovation_id, i.region_code, i.unit, i.unit_type, i.title, i.form, i.digital, i.urusan, i.stage,
       i.year_proposed, i.proposed_on, i.year_applied, i.competitions, i.has_team, i.has_sop, i.has_budget, i.evidence,
       i.status, i.source_id, s.kind = 'sample' as is_sample, {VERSION} as version
from innovations i join sources s using (source_id)
where i.region_code = ?
order by i.year_proposed desc, i.unit, i.title
"""
REGISTER_YEAR = REGISTER.replace("where i.region_code = ?", "where i.region_code = ? and i.year_proposed = ?")
VERSIONS = f"select innovation_id, {VERSION} from innovations i where region_code = ?"
UNITS = "select unit, unit_type from units where region_code = ? order by unit_type, unit"

# The tabs of /inovasi, in order: their i18n keys (the page draws them; tests open each one)
TAB_KEYS = (
    "itab_register",
    "itab_commit",
    "itab_portfolio",
    "itab_competition",
    "itab_sustain",
    "itab_score",
    "itab_import",
)


def _region_df(db: Database, sql: str, params: list) -> pd.DataFrame:
    """db.df for a read filtered by region alone, without DuckDB's index scan.

    DuckDB answers `region_code = ?` from the register's unique index (region, unit, year, title) one row at a time:
    45 ms for a region's 1.831 rows at a million innovations, where reading the region's blocks takes 2 ms.
    """
    cur = db.cursor()
    try:
        cur.execute("set index_scan_max_count = 0")  # a session setting: this cursor only
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def register(db: Database, code: str) -> pd.DataFrame:
    return _region_df(db, REGISTER, [code])


PER_PAGE = 50  # rows of the register grid at a time: the browser gets one page, never the whole register


@dataclass
class RegisterPage:
    """One page of a register, filtered: its rows (register() columns), how many match, which page of how many."""

    rows: pd.DataFrame
    total: int
    page: int
    pages: int
    matching: pd.DataFrame  # every row that matches, on every page (for a download)
    view: str = ""  # names the search, stage and page for widget keys; "" for the first page of everything


def register_page(
    reg: pd.DataFrame, query: str = "", stage: str | None = None, number: int = 1, per_page: int = PER_PAGE
) -> RegisterPage:
    """The rows of a register() frame whose title, unit or ID holds the query (any case) and that are at stage, one
    page of per_page in the register's order; number is clamped to the pages there are (1 when none match)."""
    hits = reg
    q = " ".join(str(query or "").split()).lower()
    if q:
        found = pd.Series(False, index=reg.index)
        for col in ("title", "unit", "innovation_id"):
            found |= reg[col].astype(str).str.lower().str.contains(q, regex=False)
        hits = hits[found]
    if stage:
        hits = hits[hits["stage"] == stage]
    pages = max(1, math.ceil(len(hits) / per_page))
    number = min(max(1, int(number)), pages)
    view = "" if (q, stage or "", number) == ("", "", 1) else f"p{number}-{stage or ''}-{_digest(q)}"
    return RegisterPage(hits.iloc[(number - 1) * per_page : number * per_page], len(hits), number, pages, hits, view)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:8] if text else ""


def units(db: Database, code: str) -> pd.DataFrame:
    return db.df(UNITS, [code])


# ---------------------------------------------------------------- validation

_BOOL = {
    "ya": True,
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "tidak": False,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
    "": False,
}


def _p(file: str, row: int | None, col: str, value: object, id_: str, en: str) -> Problem:
    return Problem(file, row, col, None if value is None else str(value), id_, en)


def clean_row(
    raw: dict, unit_types: dict[str, str], file: str = "register", row: int | None = None, this_year: int | None = None
) -> tuple[dict, list[Problem]]:
    """A register row checked and normalised; problems name the row and the column."""
    this_year = this_year or dt.date.today().year
    out, problems = {}, []

    def text(col: str) -> str:
        v = raw.get(col)
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else " ".join(str(v).split())

    out["title"] = text("title")
    if not out["title"]:
        problems.append(_p(file, row, "title", "", "judul wajib diisi.", "a title is required."))
    out["unit"] = text("unit")
    ut = text("unit_type") or unit_types.get(out["unit"], "")
    if ut not in UNIT_TYPES:
        problems.append(
            _p(
                file,
                row,
                "unit_type",
                ut,
                f"jenis unit `{ut}` tidak dikenal; gunakan: {', '.join(UNIT_TYPES)}.",
                f"unknown unit type `{ut}`; use one of: {', '.join(UNIT_TYPES)}.",
            )
        )
    out["unit_type"] = ut
    if not out["unit"]:
        problems.append(_p(file, row, "unit", "", "unit wajib diisi.", "a unit is required."))
    for col, allowed in (("form", FORMS), ("stage", STAGES), ("status", STATUSES)):
        v = text(col).lower().replace(" ", "_") or ("draft" if col == "status" else "")
        if v not in allowed:
            name = {"form": "bentuk", "stage": "tahap", "status": "status"}[col]
            problems.append(
                _p(
                    file,
                    row,
                    col,
                    text(col),
                    f"{name} `{text(col)}` tidak dikenal; gunakan: {', '.join(allowed)}.",
                    f"unknown {col} `{text(col)}`; use one of: {', '.join(allowed)}.",
                )
            )
        out[col] = v
    for col in ("digital", "has_team", "has_sop", "has_budget"):
        v = raw.get(col)
        if isinstance(v, bool):
            out[col] = v
        elif text(col).lower() in _BOOL:
            out[col] = _BOOL[text(col).lower()]
        else:
            problems.append(
                _p(file, row, col, text(col), f"`{text(col)}` harus ya/tidak.", f"`{text(col)}` must be yes/no.")
            )
    for col, required in (("year_proposed", True), ("year_applied", False)):
        v = text(col)
        if not v:
            out[col] = None
            if required:
                problems.append(_p(file, row, col, "", "tahun usulan wajib diisi.", "the year proposed is required."))
            continue
        try:
            y = int(float(v.replace(",", ".")))
            if not 2015 <= y <= this_year + 1:
                raise ValueError
            out[col] = y
        except ValueError:
            problems.append(_p(file, row, col, v, f"tahun `{v}` tidak sah.", f"year `{v}` is not valid."))
    pv = raw.get("proposed_on")
    try:
        out["proposed_on"] = (
            pd.to_datetime(pv).date()
            if pv not in (None, "") and not (isinstance(pv, float) and math.isnan(pv))
            else None
        )
    except (ValueError, TypeError):
        problems.append(
            _p(
                file,
                row,
                "proposed_on",
                pv,
                f"tanggal `{pv}` tidak sah (YYYY-MM-DD).",
                f"date `{pv}` is not valid (YYYY-MM-DD).",
            )
        )
    out["urusan"] = U.normalise(text("urusan"))  # a code of the official list, or `lainnya: <as typed>` (iid/urusan.py)
    comps = [c.strip().upper() for c in text("competitions").replace(";", ",").split(",") if c.strip()]
    out["competitions"] = ",".join(dict.fromkeys(comps)) or None
    out["evidence"] = text("evidence") or None
    typed = {col: raw[col] for col in TEXT_FIELDS if isinstance(raw.get(col), str)}  # as typed: control characters too
    for problem in typed_text_problems(file, typed):  # `=`, `+`, `-`, `@`: Excel would run it (issue 16, item 10)
        problem.row = row
        problems.append(problem)
    return out, problems


# ---------------------------------------------------------------- writes with a change log


def _comp_problem(file: str, row: int | None, comp: str, open_to: list[str]) -> Problem:
    """A competition the region's innovations cannot enter (another region's own, or unknown)."""
    return _p(
        file,
        row,
        "competitions",
        comp,
        f"kompetisi `{comp}` tidak terbuka untuk daerah ini; gunakan: {', '.join(open_to)}.",
        f"competition `{comp}` is not open to this region; use one of: {', '.join(open_to)}.",
    )


def _log(
    cur, batch: int, action: str, iid: str, before: dict | None, after: dict | None, note: str | None, by: str
) -> None:
    log_id = cur.execute("select coalesce(max(log_id), 0) + 1 from register_log").fetchone()[0]
    cur.execute(
        "insert into register_log (log_id, batch_id, changed_at, action, innovation_id, before, after, note, "
        "changed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            log_id,
            batch,
            dt.datetime.now().replace(microsecond=0),
            action,
            iid,
            json.dumps(before, default=str) if before else None,
            json.dumps(after, default=str) if after else None,
            note,
            by,
        ],
    )


def _next_batch(cur) -> int:
    return cur.execute("select coalesce(max(batch_id), 0) + 1 from register_log").fetchone()[0]


INSERT = """insert into innovations (innovation_id, region_code, unit, unit_type, title, form, digital, urusan, stage,
    year_proposed, proposed_on, year_applied, competitions, has_team, has_sop, has_budget, evidence, status, source_id)
    values ($innovation_id, $region_code, $unit, $unit_type, $title, $form, $digital, $urusan, $stage, $year_proposed,
    $proposed_on, $year_applied, $competitions, $has_team, $has_sop, $has_budget, $evidence, $status, $source_id)"""
UPDATE = """update innovations set unit = $unit, unit_type = $unit_type, title = $title, form = $form, digital = $digital,
    urusan = $urusan, stage = $stage, year_proposed = $year_proposed, proposed_on = $proposed_on,
    year_applied = $year_applied, competitions = $competitions, has_team = $has_team, has_sop = $has_sop,
    has_budget = $has_budget, evidence = $evidence, status = $status where innovation_id = $innovation_id"""
ROW = "select * from innovations where innovation_id = ?"


def _source_for_register(cur, code: str, by: str) -> str:
    """Rows typed into the app point to one 'imported' source per region: the register kept in this app."""
    sid = f"register-{code}"
    if not cur.execute("select 1 from sources where source_id = ?", [sid]).fetchall():
        cur.execute(
            "insert into sources (source_id, kind, title, publisher, retrieved_date, note, added_at, added_by) "
            "values (?, 'imported', ?, ?, ?, ?, ?, ?)",
            [
                sid,
                f"Register inovasi daerah {code}",
                "Bapperida (diisi di aplikasi)",
                dt.date.today(),
                "Baris yang ditambahkan atau diubah di aplikasi.",
                auth.now(),
                by,
            ],
        )
    return sid


def _row_dict(cur, iid: str) -> dict | None:
    res = cur.execute(ROW, [iid])
    cols = [d[0] for d in res.description]
    rows = res.fetchall()
    return dict(zip(cols, rows[0], strict=True)) if rows else None


class EditConflict(IIDError):
    """Someone else saved rows that this edit also changes or removes, after the editor was drawn; nothing was written."""

    def __init__(self, rows: dict[str, dict | None], versions: dict[str, str]) -> None:
        super().__init__(", ".join(rows))
        self.rows = rows  # each row in conflict as it is now in the database (None: someone removed it)
        self.versions = versions  # every row's version now: save(base=...) with these to overwrite on purpose


def versions(reg: pd.DataFrame) -> dict[str, str]:
    """The version of each row of a register() frame: the base an editor passes to save()."""
    return dict(zip(reg["innovation_id"], reg["version"], strict=True))


def editor_view(reg: pd.DataFrame) -> pd.DataFrame:
    """The register's columns as the grid shows them (dates as dates, empty free text as empty, not 'None').

    edits() and save() read '' as empty, so an untouched empty cell is no change.
    """
    view = reg[COLUMNS].copy()
    view["proposed_on"] = pd.to_datetime(view["proposed_on"]).dt.date
    view["urusan"] = view["urusan"].map(U.normalise)  # old free text shown as its code (or "lainnya: …") in the picker
    for col in ("urusan", "evidence"):
        view[col] = view[col].astype(object).where(view[col].notna(), "")
    # a list of codes: the grid's multiselect shows each competition by its name (edits() joins them back)
    view["competitions"] = pd.Series(  # object, also when empty: Streamlit takes an empty float column for numbers
        [[c for c in cell_text(v).split(",") if c] for v in view["competitions"]], index=view.index, dtype=object
    )
    return view


def _joined(v: object) -> object:
    """A grid cell as stored: a multiselect's list of codes as 'A,B' (empty as None), anything else as it is."""
    if isinstance(v, list | tuple | np.ndarray):
        return ",".join(str(x) for x in v) or None
    return v


def _same(a: object, b: object) -> bool:
    a, b = py(a), py(b)
    a, b = (x.date() if isinstance(x, dt.datetime) else x for x in (a, b))
    a, b = (None if x == "" else x for x in (a, b))
    return a == b


def edits(shown: pd.DataFrame, edited: pd.DataFrame, year: int) -> tuple[list[dict], dict[str, dict], list[str]]:
    """What a person did in the grid drawn from `shown`: rows added, cells changed (per row), rows removed."""
    old = {r["innovation_id"]: {c: _joined(v) for c, v in r.items()} for r in records(shown)}
    new_rows, changed, kept = [], {}, set()
    for r in ({c: _joined(v) for c, v in r.items()} for r in records(edited)):
        iid = r.get("innovation_id")
        if iid is None:
            new_rows.append(r | {"year_proposed": year if r.get("year_proposed") is None else r["year_proposed"]})
            continue
        kept.add(iid)
        cells = {c: r[c] for c in EDITABLE if c in r and not _same(r[c], old.get(iid, {}).get(c))}
        if cells:
            changed[iid] = cells
    return new_rows, changed, [iid for iid in old if iid not in kept]


def _versions(cur, code: str) -> dict[str, str]:
    return dict(cur.execute(VERSIONS, [code]).fetchall())


def save(
    db: Database,
    code: str,
    new_rows: list[dict],
    changed: dict[str, dict],
    deleted: list[str],
    note: str | None = None,
    base: dict[str, str] | None = None,
    *,
    actor: Actor,
) -> int:
    """Add, change and delete register rows in one transaction, each change logged with who; returns the batch number.

    Needs `editor` of the region (code).
    `changed` maps a row to the columns to change (a whole row works too): the other columns keep what is stored.
    `base` is the version of each row when the editor was drawn (versions()); a row this save changes or removes
    that someone else changed or removed since is a conflict: EditConflict, and nothing is written.
    """
    unit_types = dict(units(db, code).itertuples(index=False, name=None))
    open_to = competitions(db, code)["code"].tolist()  # national ones and the region's own: never another region's
    with db.transaction() as cur:
        auth.require(cur, actor, "register", code)
        db.bump(cur, f"register:{code}")
        now = _versions(cur, code)
        if base is not None:
            clash = [i for i in changed if now.get(i) != base.get(i)]
            clash += [i for i in deleted if i in now and now[i] != base.get(i) and i not in clash]
            if clash:
                raise EditConflict({i: _row_dict(cur, i) for i in clash}, now)
        problems: list[Problem] = []
        checked_new, checked_changed = [], {}
        for i, raw in enumerate(new_rows, start=1):
            row, pr = clean_row(raw, unit_types, "baru", i)
            problems += pr
            checked_new.append(row)
        for iid, cells in changed.items():
            if iid not in now:
                problems.append(
                    _p(
                        "register",
                        None,
                        "innovation_id",
                        iid,
                        f"baris `{iid}` tidak ada lagi di register ini (dihapus orang lain); muat ulang tabel.",
                        f"row `{iid}` is no longer in this register (someone removed it); reload the table.",
                    )
                )
                continue
            stored = _row_dict(cur, iid)
            raw = {c: stored[c] for c in EDITABLE} | {c: py(v) for c, v in cells.items() if c in EDITABLE}
            row, pr = clean_row(raw, unit_types, iid, None)
            problems += pr
            checked_changed[iid] = row
        entered = [("baru", i, r) for i, r in enumerate(checked_new, start=1)]
        entered += [(iid, None, r) for iid, r in checked_changed.items() if "competitions" in changed[iid]]
        for file, i, r in entered:
            for comp in (r["competitions"] or "").split(","):
                if comp and comp not in open_to:
                    problems.append(_comp_problem(file, i, comp, open_to))
        deleted = [i for i in dict.fromkeys(deleted) if i in now]  # a row already gone stays gone
        keys = {
            (unit, year, title.lower())
            for iid, unit, year, title in cur.execute(
                "select innovation_id, unit, year_proposed, title from innovations where region_code = ?", [code]
            ).fetchall()
            if iid not in changed and iid not in deleted
        }
        for row in [*checked_new, *checked_changed.values()]:
            k = (row["unit"], row["year_proposed"], row["title"].lower())
            if k in keys:
                problems.append(
                    _p(
                        "register",
                        None,
                        "title",
                        row["title"],
                        f"judul `{row['title']}` sudah ada untuk {row['unit']} tahun {row['year_proposed']}.",
                        f"title `{row['title']}` already exists for {row['unit']} in {row['year_proposed']}.",
                    )
                )
            keys.add(k)
        if problems:
            raise ImportRejected(problems)
        batch = _next_batch(cur)
        by = auth.stamp(actor)
        sid = _source_for_register(cur, code, by)
        for row in checked_new:
            iid = f"INV-{code}-{hashlib.sha1(f'{row}{dt.datetime.now()}'.encode()).hexdigest()[:10]}"
            full = {**row, "innovation_id": iid, "region_code": code, "source_id": sid}
            cur.execute(INSERT, full)
            _log(cur, batch, "insert", iid, None, full, note, by)
        for iid, row in checked_changed.items():
            before = _row_dict(cur, iid)
            cur.execute(UPDATE, {**row, "innovation_id": iid})
            _log(cur, batch, "update", iid, before, _row_dict(cur, iid), note, by)
        for iid in deleted:
            before = _row_dict(cur, iid)
            cur.execute("delete from innovations where innovation_id = ?", [iid])
            _log(cur, batch, "delete", iid, before, None, note, by)
    return batch


_DELETED = {"id": "(dihapus)", "en": "(removed)"}


def conflict_table(
    conflict: EditConflict, shown: pd.DataFrame, changed: dict[str, dict], deleted: list[str], lang: str = "id"
) -> pd.DataFrame:
    """Each cell in conflict: its value when the grid was drawn, what someone else saved, and this person's edit."""
    old = {r["innovation_id"]: {c: _joined(v) for c, v in r.items()} for r in records(shown)}
    out = []
    for iid, now in conflict.rows.items():
        was, mine = old.get(iid, {}), changed.get(iid, {})
        cols = list(mine) if now is None else [c for c in EDITABLE if c in mine or not _same(now[c], was.get(c))]
        for c in cols:
            out.append(
                {
                    "innovation_id": iid,
                    "title": cell_text(was.get("title")),
                    "column": c,
                    "shown": cell_text(was.get(c)),
                    "saved": _DELETED[lang] if now is None else cell_text(now[c]),
                    "yours": _DELETED[lang] if iid in deleted else cell_text(_joined(mine.get(c))),
                }
            )
    return pd.DataFrame(out, columns=["innovation_id", "title", "column", "shown", "saved", "yours"])


def _refuse(id_: str, en: str) -> ImportRejected:
    return ImportRejected([_p("register", None, None, None, id_, en)])


def undo_batch(db: Database, batch: int, *, actor: Actor) -> None:
    """Take back one save or one import: rows it added go, rows it changed or deleted come back as they were.

    Needs `editor` of every region the batch touched. Refused, naming the change, when it does not exist, is already
    undone, or a later change touched its rows.
    """
    with db.transaction() as cur:
        res = cur.execute("select * from register_log where batch_id = ? order by log_id desc", [batch])
        names = [d[0] for d in res.description]
        logs = [dict(zip(names, r, strict=True)) for r in res.fetchall()]
        if not logs:
            auth.require(cur, actor, "register")  # a visitor learns nothing about the log
            raise _refuse(f"perubahan #{batch} tidak ada.", f"change #{batch} does not exist.")
        regions = {json.loads(r["before"] or r["after"] or "{}").get("region_code") for r in logs}
        regions = sorted(c for c in regions if c) or [auth.ALL]  # every row logged carries its region; else: all
        auth.require(cur, actor, "register", regions)
        if any(r["undone_at"] is not None for r in logs):
            raise _refuse(f"perubahan #{batch} sudah dibatalkan.", f"change #{batch} was already undone.")
        later = [
            b
            for (b,) in cur.execute(
                """select distinct batch_id from register_log
                   where batch_id > ? and undone_at is null
                     and innovation_id in (select innovation_id from register_log where batch_id = ?)
                   order by batch_id""",
                [batch, batch],
            ).fetchall()
        ]
        if later:
            ids = ", ".join(f"#{b}" for b in later)
            raise _refuse(
                f"perubahan {ids} mengubah baris yang sama setelah #{batch}; batalkan itu dulu (urutan terbalik).",
                f"change {ids} changed the same rows after #{batch}; undo it first (in reverse order).",
            )
        db.bump(cur, *(f"register:{c}" for c in regions if c != auth.ALL))  # none known: all caches
        for r in logs:
            if r["action"] == "insert":
                cur.execute("delete from innovation_levels where innovation_id = ?", [r["innovation_id"]])
                cur.execute("delete from innovations where innovation_id = ?", [r["innovation_id"]])
            else:
                before = json.loads(r["before"])
                if r["action"] == "update":
                    cur.execute(UPDATE, {k: before[k] for k in [*EDITABLE, "innovation_id"]})
                else:
                    cur.execute(INSERT, {k: before[k] for k in [*COLUMNS, "region_code", "source_id"]})
        cur.execute(
            "update register_log set undone_at = ?, undone_by = ? where batch_id = ?",
            [dt.datetime.now().replace(microsecond=0), auth.stamp(actor), batch],
        )


def changes(db: Database, code: str) -> pd.DataFrame:
    """Each save or import of the region's register, newest first; actor_name / undone_by_name: who (empty before
    sign-in)."""
    return _region_df(
        db,
        f"""select batch_id, min(changed_at) as changed_at, count(*) as rows, string_agg(distinct action, ', ') as actions,
                  any_value(note) as note, bool_or(undone_at is not null) as undone,
                  any_value({auth.name_sql("changed_by")}) as actor_name,
                  any_value({auth.name_sql("undone_by")}) as undone_by_name
           from register_log l
           where l.innovation_id in (select innovation_id from innovations where region_code = ?)
              or json_extract_string(coalesce(l.before, l.after), '$.region_code') = ?
           group by batch_id order by batch_id desc""",
        [code, code],
    )


# ---------------------------------------------------------------- import and export


ALIASES = {
    "judul": "title",
    "unit_kerja": "unit",
    "jenis_unit": "unit_type",
    "bentuk": "form",
    "tahap": "stage",
    "tahun_usulan": "year_proposed",
    "tahun_penerapan": "year_applied",
    "kompetisi": "competitions",
    "tim": "has_team",
    "sop": "has_sop",
    "anggaran": "has_budget",
    "bukti": "evidence",
    "tanggal_usulan": "proposed_on",
}


def read_register_file(data: bytes, name: str) -> pd.DataFrame:
    """The register sheet of a CSV or XLSX (its first sheet; other sheets, such as allowed values, are ignored)."""
    from iid.dataio import read_table  # the same tolerant reader as the data page

    df, header_row = read_table(data, name, "register", known=set(EDITABLE) | set(ALIASES))
    df.columns = [
        ALIASES.get(c.strip().lower().replace(" ", "_"), c.strip().lower().replace(" ", "_")) for c in df.columns
    ]
    df.attrs["header_row"] = header_row
    return df


def import_register(db: Database, code: str, data: bytes, name: str, *, actor: Actor) -> int:
    """All rows of a file, or none: every problem names the row and the column. Needs `editor` of the region."""
    df = read_register_file(data, name)
    header = df.attrs["header_row"]
    missing = [c for c in ("title", "unit", "year_proposed") if c not in df.columns]
    if missing:
        raise ImportRejected(
            [
                _p(name, header, c, None, f"kolom wajib `{c}` tidak ada.", f"required column `{c}` is missing.")
                for c in missing
            ]
        )
    if df.empty:
        raise ImportRejected([_p(name, None, "", None, "tidak ada baris data.", "no data rows.")])
    unit_types = dict(units(db, code).itertuples(index=False, name=None))
    rows, problems = [], []
    numbers = [int(i) for i in df.index]  # the rows a person sees in the spreadsheet (read_table skips blank rows)
    for i, raw in zip(numbers, df.to_dict("records"), strict=True):
        row, pr = clean_row(raw, unit_types, name, i)
        problems += pr
        rows.append(row)
    if problems:
        raise ImportRejected(problems)
    seen: dict[tuple, int] = {}
    for i, row in zip(numbers, rows, strict=True):
        k = (row["unit"], row["year_proposed"], row["title"].lower())
        if k in seen:
            problems.append(
                _p(
                    name,
                    i,
                    "title",
                    row["title"],
                    f"judul ganda untuk unit dan tahun yang sama (baris {seen[k]}).",
                    f"duplicate title for the same unit and year (row {seen[k]}).",
                )
            )
        seen[k] = i
    if problems:
        raise ImportRejected(problems)
    try:
        return save(db, code, rows, {}, [], note=f"impor {name}", actor=actor)
    except ImportRejected as exc:
        for p in exc.problems:
            p.file = name
        raise


def template_xlsx(lang: str = "id") -> bytes:
    """The register template: the same columns as the export, two example rows, and a sheet of allowed values."""
    example = pd.DataFrame(
        [
            {
                "title": "SIGAP: layanan antar dokumen",
                "unit": "Dinas Kependudukan dan Pencatatan Sipil",
                "unit_type": "OPD",
                "form": "pelayanan_publik",
                "digital": "ya",
                "urusan": "administrasi kependudukan",
                "stage": "uji_coba",
                "year_proposed": 2025,
                "proposed_on": "2025-03-01",
                "year_applied": "",
                "competitions": "KIPP",
                "has_team": "ya",
                "has_sop": "tidak",
                "has_budget": "tidak",
                "evidence": "https://…",
                "status": "draft",
            }
        ]
    )
    allowed = pd.DataFrame(
        {
            "unit_type": pd.Series(UNIT_TYPES),
            "form": pd.Series(FORMS),
            "stage": pd.Series(STAGES),
            "status": pd.Series(STATUSES),
            "urusan_pelayanan_dasar": pd.Series(BASIC_URUSAN),
            "ya_tidak": pd.Series(["ya", "tidak"]),
        }
    )
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        example[EDITABLE].to_excel(xw, sheet_name="register", index=False)
        allowed.to_excel(xw, sheet_name="nilai_yang_boleh" if lang == "id" else "allowed_values", index=False)
        xw.sheets["register"].freeze_panes = "A2"
    return buf.getvalue()


def export_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Register rows as the template spells them (yes/no as ya/tidak), so an export imports back."""
    out = df[[c for c in COLUMNS if c in df.columns] + (["is_sample"] if "is_sample" in df.columns else [])].copy()
    for col in ("digital", "has_team", "has_sop", "has_budget"):
        out[col] = out[col].map({True: "ya", False: "tidak"})
    return out


def export_xlsx(df: pd.DataFrame, lang: str = "id") -> bytes:
    from iid import export

    return export.xlsx_bytes(export_frame(df), None, "register")


def export_csv(df: pd.DataFrame) -> bytes:
    from iid import export

    return export.csv_bytes(export_frame(df))


# ---------------------------------------------------------------- views


@dataclass
class CommitmentStatus:
    commitment: dict
    year: int
    table: pd.DataFrame  # per unit, or per month
    achieved: float
    target: float
    short_units: list[str]
    pace_per_month: float | None = None
    months_left: int | None = None


def commitment_status(db: Database, code: str, year: int, today: dt.date | None = None) -> list[CommitmentStatus]:
    """Each stored pledge of the region checked against the register for a year (no code per pledge: data only)."""
    today = today or dt.date.today()
    reg = counted(db.df(REGISTER_YEAR, [code, year]))
    us = units(db, code)
    out = []
    for c in queries.commitments(db, code).to_dict("records"):
        if c["year_from"] > year or (c["year_to"] == c["year_to"] and c["year_to"] is not None and c["year_to"] < year):
            continue
        types = [t.strip() for t in str(c["unit_types"]).split(",")]
        scope_units = us[us["unit_type"].isin(types)]["unit"].tolist()
        in_scope = reg[reg["unit_type"].isin(types)]
        if c["kind"] == "per_unit_per_year":
            counts = in_scope.groupby("unit").size()
            table = pd.DataFrame({"unit": scope_units})
            table["count"] = table["unit"].map(counts).fillna(0).astype(int)
            table["short_by"] = (c["quantity"] - table["count"]).clip(lower=0)
            table = table.sort_values(["short_by", "unit"], ascending=[False, True])
            short = table[table["short_by"] > 0]["unit"].tolist()
            out.append(
                CommitmentStatus(c, year, table, float((table["short_by"] == 0).sum()), float(len(table)), short)
            )
        elif c["kind"] == "total_by_year":
            n = len(in_scope)
            by_month = in_scope.assign(month=pd.to_datetime(in_scope["proposed_on"]).dt.month).groupby("month").size()
            table = pd.DataFrame({"month": range(1, 13)})
            table["count"] = table["month"].map(by_month).fillna(0).astype(int)
            table["cumulative"] = table["count"].cumsum()
            months_left = 12 - today.month + 1 if today.year == year else (0 if today.year > year else 12)
            rest = max(c["quantity"] - n, 0)
            pace = rest / months_left if months_left else None
            out.append(CommitmentStatus(c, year, table, float(n), float(c["quantity"]), [], pace, months_left))
        else:  # per_unit_in_competition
            mask = in_scope["competitions"].fillna("").str.split(",").map(lambda xs, k=c["competition"]: k in xs)
            entered = in_scope[mask.astype(bool)]
            table = pd.DataFrame({"unit": scope_units})
            table["entries"] = table["unit"].map(entered.groupby("unit").size()).fillna(0).astype(int)
            table = table.sort_values(["entries", "unit"])
            short = table[table["entries"] < c["quantity"]]["unit"].tolist()
            out.append(CommitmentStatus(c, year, table, float(len(table) - len(short)), float(len(table)), short))
    return out


COUNTED = ("diajukan", "revisi", "terverifikasi")  # a draft is not yet an entry: no pledge or competition counts it


def counted(reg: pd.DataFrame) -> pd.DataFrame:
    """The rows that count as entries: every status but draft."""
    return reg[reg["status"].isin(COUNTED)]


def count_rule(c: dict, year: int, lang: str = "id") -> str:
    """Which register rows a pledge's figure counts, said beside it."""
    types = ", ".join(x.strip() for x in str(c["unit_types"]).split(",") if x.strip())
    statuses = ", ".join(STATUS_LABEL[lang][s].lower() for s in COUNTED)
    return t("count_rule", lang, year=year, types=types, statuses=statuses)


def commitment_chart(cs: CommitmentStatus, has_sample: bool, lang: str = "id") -> go.Figure:
    """A yearly pledge's months: innovations counted since January against the pledged total, months named."""
    from iid import charts

    q = fmt.integer(cs.target, lang)
    return charts.pledge_cumulative(
        cs.table,
        cs.target,
        t("commit_chart_title", lang, year=cs.year, q=q),
        t("commit_chart_sub", lang),
        t("commit_target_line", lang, q=q),
        source_line(has_sample, lang),
        has_sample,
        lang,
    )


def last_open_batch(hist: pd.DataFrame) -> int | None:
    """The newest save or import of changes() not yet undone: the one an undo button offers."""
    open_ = hist[~hist["undone"].astype(bool)] if not hist.empty else hist
    return None if open_.empty else int(open_["batch_id"].max())


def urusan_counts(reg: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Innovations by urusan under its name in the language: old free text mapped (iid/urusan.py), so "Kesehatan",
    "kesehatan " and "Dinas Kesehatan" are one bar; unknown text is its own "Lainnya: …" bar, never dropped."""
    names = (
        reg["urusan"].map(U.normalise).map(lambda c: U.label(c, lang) if isinstance(c, str) else t("urusan_none", lang))
    )
    return (
        names.rename("urusan")
        .value_counts()
        .rename("count")
        .reset_index()
        .sort_values(["count", "urusan"], ascending=[False, True])
    )


def portfolio(reg: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Counts by stage (a funnel), form, urusan, unit, digital share, and by year."""
    return {
        # a funnel: how many reached at least each stage (an implemented innovation went through trial and initiative)
        "stage": pd.DataFrame(
            {"stage": list(STAGES), "count": [int(reg["stage"].isin(STAGES[i:]).sum()) for i in range(len(STAGES))]}
        ),
        "form": reg.groupby("form").size().rename("count").reset_index(),
        "urusan": reg.groupby("urusan").size().rename("count").reset_index().sort_values("count", ascending=False),
        "unit": reg.groupby(["unit_type", "unit"])
        .size()
        .rename("count")
        .reset_index()
        .sort_values("count", ascending=False),
        "year": reg.groupby(["year_proposed", "stage"]).size().rename("count").reset_index(),
        "digital_share": pd.DataFrame({"share": [float(reg["digital"].mean()) if len(reg) else 0.0]}),
    }


def source_line(has_sample: bool, lang: str = "id") -> str:
    """The register charts' source line: the sample register is named as such."""
    return t("source_line", lang, sources=t("reg_source_sample" if has_sample else "reg_source", lang))


@dataclass
class PortfolioView:
    """The Portofolio tab, worked out once per register version, year and language (ui.register_portfolio)."""

    funnel: go.Figure
    form: go.Figure
    urusan: go.Figure
    by_year: go.Figure
    digital_share: float
    units: display.Shown


def portfolio_view(reg: pd.DataFrame, year: int, lang: str = "id") -> PortfolioView:
    """A region's register (register(), all years) as the Portofolio tab shows it for a year: four charts and a table."""
    from iid import charts

    has_sample = bool(reg["is_sample"].any())
    source = source_line(has_sample, lang)
    p = portfolio(reg[reg["year_proposed"] == year])
    count = t("inv_count", lang)
    form = p["form"].assign(form=p["form"]["form"].map(FORM_LABEL[lang]))
    urusan = urusan_counts(reg[reg["year_proposed"] == year], lang)
    by_year = portfolio(reg)["year"].assign(stage=lambda d: d["stage"].map(STAGE_LABEL[lang]))
    return PortfolioView(
        funnel=charts.funnel(p["stage"], STAGE_LABEL[lang], t("inv_funnel", lang, year=year), source, has_sample, lang),
        form=charts.count_bars(
            form, "form", "count", t("inv_by_form", lang), count, source, has_sample, lang, height=300, horizontal=True
        ),
        urusan=charts.count_bars(
            urusan,
            "urusan",
            "count",
            t("inv_by_urusan", lang),
            count,
            source,
            has_sample,
            lang,
            horizontal=True,
            height=420,
        ),
        by_year=charts.count_bars(
            by_year,
            "year_proposed",
            "count",
            t("inv_by_year", lang),
            count,
            source,
            has_sample,
            lang,
            colour="stage",
            colours=charts.stage_colours(STAGE_LABEL[lang]),
        ),
        digital_share=float(p["digital_share"]["share"].iloc[0]),
        units=units_view(p["unit"], lang),
    )


def competition_chart(entries: pd.DataFrame, name: str, year: int, has_sample: bool, lang: str = "id") -> go.Figure:
    """A competition's entries of a year by group, coloured by stage (the register's one stage palette). A competition
    without grouping rules in the data is drawn by unit type, and the subtitle says the rules are missing."""
    from iid import charts

    grouped = bool(entries["group_name"].notna().any()) if "group_name" in entries else False
    x = (
        entries["group_name"].map(lambda g: g if isinstance(g, str) else t("comp_no_group", lang))
        if grouped
        else entries["unit_type"]
    )
    counts = entries.assign(x=x).groupby(["x", "stage"]).size().rename("count").reset_index()
    counts["stage"] = counts["stage"].map(STAGE_LABEL[lang])
    if entries.empty:
        subtitle = t("comp_none_counted", lang, year=year)
    elif grouped:
        subtitle = t("comp_sub_groups", lang)
    else:
        subtitle = t("comp_sub_no_rules", lang)
    return charts.count_bars(
        counts,
        "x",
        "count",
        t("comp_title", lang, comp=name, year=year),
        subtitle,
        source_line(has_sample, lang),
        has_sample,
        lang,
        colour="stage",
        colours=charts.stage_colours(STAGE_LABEL[lang]),
    )


def competition_entries(db: Database, code: str, competition: str, year: int) -> pd.DataFrame:
    """Entries of one competition and year (drafts are not entries) with their group from the grouping rules in the
    database; a unit type the rules leave out has no group (None), said in words by the views."""
    groups = db.df("select unit_type, group_name from competition_groups where competition = ?", [competition])
    reg = counted(db.df(REGISTER_YEAR, [code, year]))
    entered = reg["competitions"].fillna("").str.split(",").map(lambda xs: competition in xs).astype(bool)
    return reg[entered].merge(groups, on="unit_type", how="left")


def sustainability(reg: pd.DataFrame) -> pd.DataFrame:
    """Innovations missing a team, an SOP or a budget line: the list to chase before staff rotation."""
    missing = reg[~(reg["has_team"] & reg["has_sop"] & reg["has_budget"])].copy()
    missing["missing"] = missing.apply(
        lambda r: ", ".join(
            x for x, ok in (("tim", r.has_team), ("SOP", r.has_sop), ("anggaran", r.has_budget)) if not ok
        ),
        axis=1,
    )
    return missing.sort_values(["unit", "title"])


# ---------------------------------------------------------------- link to the score

# The innovations a region claims for a year (not drafts; verified_only: verified ones), and their levels.
CLAIMED = """
select innovation_id, title, unit, urusan from innovations
where region_code = $code and year_proposed = $year and status <> 'draft' and (not $verified or status = 'terverifikasi')
"""
LEVELS = "select innovation_id, indicator_code, level from innovation_levels where innovation_id in ({})"


def levels_of(db: Database, ids: list[str]) -> pd.DataFrame:
    """The levels of these innovations.

    innovation_levels has no index (iid/sql/schema.sql) and keeps its files' order (by innovation). Given the ids as a
    list of bound values, DuckDB skips every block whose id range holds none of them: ~8 ms for a region's year at a
    million innovations, where a join through innovations read all 20 million rows (~350 ms).
    """
    frames = [
        db.df(LEVELS.format(", ".join("?" * len(chunk))), chunk)
        for chunk in (ids[i : i + 1000] for i in range(0, len(ids), 1000))
    ]
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["innovation_id", "indicator_code", "level"])
    )


@dataclass
class ScoreEstimate:
    n: int
    basic_services: int
    sid_points: float  # IID points from the per-innovation indicators
    count_points: float  # IID points from the number of innovations
    levers: pd.DataFrame  # innovation × indicator: the IID points one more level would add


def score_estimate(db: Database, code: str, year: int, rule_year: int, verified_only: bool) -> ScoreEstimate:
    """The innovation part of the IID from the register, by the rule year's formula (the same compute() as Target)."""
    rule = queries.rule_years(db)[rule_year]
    inds = [i for i in queries.indicators(db, rule_year) if i.aspect == "SID"]
    params = {"code": code, "year": year, "verified": verified_only}
    reg = db.df(CLAIMED, params)
    lv = levels_of(db, reg["innovation_id"].tolist())
    n = len(reg)
    covered = len({U.normalise(u) for u in reg["urusan"].dropna()} & set(BASIC_URUSAN))  # old free text too
    means = (lv.groupby("indicator_code")["level"].sum() / n).to_dict() if n else {}
    b = compute(Profile(means, n, covered), rule, inds)
    denom = max(rule.k_min, n) if n else rule.k_min
    weight = {i.code: i.weight for i in inds}
    names = {i.code: i.name for i in inds}
    lev = lv[lv["level"] < 3].copy()
    lev["gain"] = lev["indicator_code"].map(weight) / denom / rule.max_total * 100
    lev = lev.merge(reg[["innovation_id", "title", "unit"]], on="innovation_id")
    lev["indicator"] = lev["indicator_code"].map(names)
    lev["indicator_en"] = lev["indicator_code"].map({i.code: i.name_en for i in inds})
    lev = lev.sort_values(["gain", "title"], ascending=[False, True]).head(15)
    scale = 100 / rule.max_total
    return ScoreEstimate(n, min(covered, BASIC_SERVICES), b.sid * scale, b.count * scale, lev)


def competitions(db: Database, code: str | None = None) -> pd.DataFrame:
    """Competitions a region's innovations can enter: national ones and the region's own."""
    if code is None:
        return db.df("select code, name from competitions order by scope desc, code")
    return db.df(
        # the region's own competition first: it is the one its Bapperida runs
        "select code, name from competitions where region_code is null or region_code = ? order by region_code is null, code",
        [code],
    )


def competition_rules(db: Database, competition: str) -> pd.DataFrame:
    return db.df(
        "select group_name, unit_type from competition_groups where competition = ? order by all", [competition]
    )


# ---------------------------------------------------------------- as a person reads it (labels from iid/i18n.py)

BOOLEANS = ("digital", "has_team", "has_sop", "has_budget")


def code_labels(lang: str = "id") -> dict[str, dict[str, str]]:
    """The coded columns and what each code means: the grid shows these words and stores the codes."""
    return {"form": FORM_LABEL[lang], "stage": STAGE_LABEL[lang], "status": STATUS_LABEL[lang]}


def _coded(lang: str) -> dict[str, object]:
    return {c: display.words(labels) for c, labels in code_labels(lang).items()}


def units_view(table: pd.DataFrame, lang: str = "id") -> display.Shown:
    """A per-unit table (a commitment's units, the portfolio by unit)."""
    return display.shown(table, lang)


def commitment_months(cs: CommitmentStatus, lang: str = "id") -> pd.Series:
    """Innovations proposed since January, by month: a bar chart whose axes are named in the language."""
    s = cs.table.set_index("month")["cumulative"].rename(t("inv_cumulative", lang))
    s.index.name = t("inv_month", lang)
    return s


def entries_view(entries: pd.DataFrame, lang: str = "id") -> display.Shown:
    """A competition's entries with their group (or that it has none), form, stage and status in words."""
    grouped = bool(entries["group_name"].notna().any())  # no rules at all: the column would say so on every row
    out = entries.assign(
        group_name=entries["group_name"].map(lambda g: g if isinstance(g, str) else t("comp_no_group", lang))
    )
    columns = ["group_name", "unit", "title", "form", "stage", "status"] if grouped else ["unit_type", "unit", "title"]
    if not grouped:
        columns += ["form", "stage", "status"]
    return display.shown(out, lang, columns=columns, values=_coded(lang))


def rules_view(rules: pd.DataFrame, lang: str = "id") -> display.Shown:
    return display.shown(rules, lang)


def sustainability_view(missing: pd.DataFrame, lang: str = "id") -> display.Shown:
    """sustainability() with what is missing named in the language."""
    parts = (("has_team", "col_has_team"), ("has_sop", "col_has_sop"), ("has_budget", "col_has_budget"))
    out = missing.copy()
    out["missing"] = [
        ", ".join(t(key, lang) for col, key in parts if not py(r[col])) for r in records(missing[[c for c, _ in parts]])
    ]
    return display.shown(out, lang, columns=["unit", "title", "stage", "missing", "evidence"], values=_coded(lang))


def levers_view(levers: pd.DataFrame, lang: str = "id") -> display.Shown:
    """score_estimate().levers: the indicator in the language, the IID points as signed text."""
    out = levers.copy()
    if lang != "id" and "indicator_en" in out:
        out["indicator"] = out["indicator_en"].fillna(out["indicator"])
    return display.shown(
        out,
        lang,
        columns=["unit", "title", "indicator", "level", "gain"],
        values={"gain": lambda g: fmt.signed(py(g), 3, lang)},
    )


def changes_view(hist: pd.DataFrame, lang: str = "id") -> display.Shown:
    """changes(): each save or import of the register, who made it, its actions in words, who undid it."""
    actions = {a: t(f"action_{a}", lang) for a in ("insert", "update", "delete")}
    columns = ["batch_id", "changed_at", "actor_name", "rows", "actions", "note", "undone", "undone_by_name"]
    return display.shown(
        hist,
        lang,
        columns=[c for c in columns if c in hist.columns],
        values={
            "batch_id": lambda b: f"#{py(b)}",
            "actions": lambda x: (
                ", ".join(actions.get(a.strip(), a.strip()) for a in cell_text(x).split(",") if a.strip())
                or display.DASH
            ),
        },
    )


def conflict_view(table: pd.DataFrame, lang: str = "id") -> display.Shown:
    """conflict_table() as read: the column by its header, codes and yes/no in words ('column' stays, hidden)."""
    labels = code_labels(lang)
    yes_no = {"True": t("value_yes", lang), "False": t("value_no", lang)}
    out = table.copy()
    out["field"] = [display.header(c, lang) for c in out["column"]]

    def value(column: str, v: str) -> str:
        if column in labels:
            return labels[column].get(v, v)
        if column in BOOLEANS:
            return yes_no.get(v, v)
        return v

    for c in ("shown", "saved", "yours"):
        out[c] = [value(col, v) for col, v in zip(out["column"], out[c], strict=True)]
    return display.shown(
        out,
        lang,
        columns=["innovation_id", "title", "column", "field", "shown", "saved", "yours"],
        hidden=["column"],
        labels={
            "innovation_id": t("col_id", lang),
            "field": t("inv_conflict_column", lang),
            "shown": t("inv_conflict_shown", lang),
            "saved": t("inv_conflict_saved", lang),
            "yours": t("inv_conflict_yours", lang),
        },
    )
