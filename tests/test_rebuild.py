"""A rebuild from data/ keeps every row people entered: after each kind of write, build, and every row is the same.

What users enter is the difference between the live tables and the `reference` copy of data/ (iid/build.py); these
tests make each kind of write the app knows (imports and their undo, source edits, the register and its undo,
scenarios, and direct edits of tables no writer touches yet), rebuild, and compare every table row for row.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from iid import auth, check, dataio, scenarios
from iid import register as R
from iid.build import build
from iid.carryover import REFERENCE, CarryOverRefused, user_changes
from iid.db import Database
from tests.conftest import ADMIN

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def snapshot(path: Path) -> Path:
    """A copy of the database file as it is now, to compare with after a rebuild."""
    copy = path.with_name(path.stem + ".before.duckdb")
    shutil.copy(path, copy)
    return copy


def differences(before: Path, after: Path) -> dict[str, tuple]:
    """Per table people can see (live schema, derived tables too): rows only before, rows only after; {} if equal."""
    db = Database(after, read_only=True)
    try:
        db.rows("attach ? as b (read_only)", [str(before)])
        names = (
            "select table_name from duckdb_tables() where database_name = ? and schema_name = 'main' and not temporary"
        )
        tables = sorted({r[0] for r in db.rows(names, ["b"])} | {r[0] for r in db.rows(names, [db_name(db)])})
        out = {}
        same = "select (select (count(*), sum(hash(x)::hugeint)) from {a} x) = (select (count(*), sum(hash(y)::hugeint)) from {b} y)"
        for t in tables:
            try:
                if db.scalar(same.format(a=f'b.main."{t}"', b=f'main."{t}"')):
                    continue
                gone = db.rows(f'select * from b.main."{t}" except all select * from main."{t}"')
                new = db.rows(f'select * from main."{t}" except all select * from b.main."{t}"')
            except Exception as exc:  # a table on one side only, or other columns
                out[t] = str(exc).splitlines()[0]
                continue
            if gone or new:
                out[t] = (len(gone), len(new), gone[:2], new[:2])
        return out
    finally:
        db.close()


def db_name(db: Database) -> str:
    return db.scalar("select current_database()")


def csv(text: str) -> bytes:
    return text.encode("utf-8")


def published_score_row(db: Database) -> tuple[str, int]:
    return db.rows(
        """select s.region_code, s.year from iid_scores s join sources x using (source_id)
           where x.kind = 'published' and s.score is not null order by 1, 2 limit 1"""
    )[0]


# ---------------------------------------------------------------- every kind of write


def import_scores(db: Database) -> None:
    code, year = published_score_row(db)
    pv = dataio.preview(db, csv(f"kode;tahun;skor\n{code};{year};77,5\n64.74;2025;71\n"), "skor.csv", "scores")
    dataio.apply(db, pv, actor=ADMIN)  # no publisher, not published: the simplest import; supersedes a published figure


def import_published_scores(db: Database) -> None:
    pv = dataio.preview(db, csv("kode,tahun,skor,predikat\n61.71,2025,68,Inovatif\n"), "resmi.csv", "scores")
    dataio.apply(
        db, pv, source_title="Kepmendagri", source_url="https://example.go.id/iid", published=True, actor=ADMIN
    )


def import_indicators(db: Database) -> None:
    text = "region_code,year,indicator,level\n65,2025,sid_video,1\n65,2025,n_innovations,40\n"
    dataio.apply(db, dataio.preview(db, csv(text), "ind.csv", "indicators"), actor=ADMIN)


def import_targets(db: Database) -> None:
    text = "kode;ukuran;nilai;tahun_target;dokumen\n65;iid_score;70,00;2029;RPJMD perubahan\n"
    dataio.apply(db, dataio.preview(db, csv(text), "t.csv", "targets"), actor=ADMIN)


def import_then_undo(db: Database) -> None:
    res = dataio.apply(db, dataio.preview(db, csv("kode,tahun,skor\n19.71,2025,55\n"), "u.csv", "scores"), actor=ADMIN)
    dataio.undo(db, res.import_id, actor=ADMIN)


def edit_a_source_from_data(db: Database) -> None:
    sid, title = db.rows("select source_id, title from sources where kind = 'published' order by 1 limit 1")[0]
    row = db.records("select * from sources where source_id = ?", [sid])[0]
    dataio.save_source(
        db,
        sid,
        "published",
        title + " (dikoreksi)",
        "Penerbit baru",
        row["url"],
        row["document_ref"],
        None,
        "cek",
        actor=ADMIN,
    )


def add_a_source(db: Database) -> None:
    dataio.save_source(
        db, None, "imported", "Catatan rapat Bapperida", "Bapperida", None, None, None, None, actor=ADMIN
    )


def register_add_edit_delete(db: Database) -> None:
    ids = [r[0] for r in db.rows("select innovation_id from innovations where region_code = '64.74' order by 1")]
    row = db.records("select * from innovations where innovation_id = ?", [ids[0]])[0]
    new = {
        "title": "SIGAP antar dokumen",
        "unit": row["unit"],
        "unit_type": row["unit_type"],
        "form": "pelayanan_publik",
        "digital": True,
        "stage": "uji_coba",
        "year_proposed": 2026,
        "status": "draft",
        "has_team": True,
        "has_sop": False,
        "has_budget": False,
    }
    R.save(
        db, "64.74", [new], {ids[0]: {**row, "title": row["title"] + " (revisi)"}}, [ids[1]], note="uji", actor=ADMIN
    )


def register_save_then_undo(db: Database) -> None:
    ids = [r[0] for r in db.rows("select innovation_id from innovations where region_code = '61.71' order by 1")]
    batch = R.save(db, "61.71", [], {}, [ids[0]], actor=ADMIN)
    R.undo_batch(db, batch, actor=ADMIN)


def register_import(db: Database) -> None:
    unit = db.scalar("select unit from units where region_code = '19.71' and unit_type = 'OPD' order by 1 limit 1")
    text = f"judul,unit_kerja,jenis_unit,bentuk,tahap,tahun_usulan,digital,tim,sop,anggaran\nLAPOR cepat,{unit},OPD,pelayanan_publik,inisiatif,2026,ya,tidak,tidak,tidak\n"
    R.import_register(db, "19.71", csv(text), "register.csv", actor=ADMIN)


def save_and_delete_scenarios(db: Database) -> None:
    keep = scenarios.save(db, "Skenario A", "65", {"levels": {"sid_video": 3}}, actor=ADMIN)
    gone = scenarios.save(db, "Skenario B", "65", {"levels": {}}, actor=ADMIN)
    scenarios.delete(db, gone, actor=ADMIN)
    assert keep != gone


def give_and_take_roles(db: Database) -> None:
    """users, user_roles and role_log: only people fill them (the first admin from the command line)."""
    auth.grant(db, ADMIN, "budi@kaltaraprov.go.id", "admin", name="Budi")
    auth.grant(db, ADMIN, "rina@bontang.go.id", "editor", "64.74", name="Rina")
    auth.grant(db, ADMIN, "rina@bontang.go.id", "data", "61.71")
    auth.revoke(db, ADMIN, "rina@bontang.go.id", "data", "61.71")
    auth.grant(db, ADMIN, "tamu@example.org", "viewer")


def edit_tables_no_writer_touches_yet(db: Database) -> None:
    """units and innovation_levels: no page writes them today; the carry-over is generic, so it keeps these too."""
    with db.transaction() as cur:
        iid, ind = cur.execute("select innovation_id, indicator_code from innovation_levels order by 1, 2").fetchone()
        cur.execute(
            "update innovation_levels set level = 3 - level where innovation_id = ? and indicator_code = ?", [iid, ind]
        )
        cur.execute("delete from innovation_levels where innovation_id = ? and indicator_code <> ?", [iid, ind])
        sid = cur.execute("select source_id from units limit 1").fetchone()[0]
        cur.execute("insert into units values ('64.74', 'UPT Laboratorium Lingkungan', 'UPT', ?)", [sid])


WRITES: dict[str, Callable[[Database], None]] = {
    "import_scores": import_scores,
    "import_published_scores": import_published_scores,
    "import_indicators": import_indicators,
    "import_targets": import_targets,
    "import_then_undo": import_then_undo,
    "edit_a_source_from_data": edit_a_source_from_data,
    "add_a_source": add_a_source,
    "register_add_edit_delete": register_add_edit_delete,
    "register_save_then_undo": register_save_then_undo,
    "register_import": register_import,
    "save_and_delete_scenarios": save_and_delete_scenarios,
    "give_and_take_roles": give_and_take_roles,
    "edit_tables_no_writer_touches_yet": edit_tables_no_writer_touches_yet,
}


@pytest.fixture
def db_copy(built_db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "iid.duckdb"
    shutil.copy(built_db_path, path)
    return path


def write(path: Path, *kinds: str) -> None:
    db = Database(path)
    try:
        for kind in kinds:
            WRITES[kind](db)
    finally:
        db.close()


@pytest.mark.parametrize("kind", list(WRITES))
def test_a_rebuild_after_each_kind_of_write_keeps_every_row(db_copy: Path, kind: str):
    write(db_copy, kind)
    before = snapshot(db_copy)
    with Database(db_copy, read_only=True) as db:
        assert user_changes(db), "the write changed nothing: the test would prove nothing"
    report = build(DATA, db_copy)
    assert report.carried is not None and report.carried.total > 0 and not report.carried.legacy
    assert differences(before, db_copy) == {}


def test_a_rebuild_after_every_kind_of_write_together_keeps_every_row_and_passes_check(db_copy: Path):
    write(db_copy, *WRITES)
    before = snapshot(db_copy)
    build(DATA, db_copy)
    assert differences(before, db_copy) == {}
    build(DATA, db_copy)  # and again: the carried rows are carried again
    assert differences(before, db_copy) == {}
    with Database(db_copy, read_only=True) as db:
        assert [f for f in check.run(db) if f.severity == "error"] == []


def test_a_database_built_before_the_reference_copy_keeps_its_user_rows_on_the_first_rebuild(db_copy: Path):
    """The first rebuild after this change meets files without `reference`: users' rows are found by their traces."""
    db = Database(db_copy)
    db.rows(f"drop schema {REFERENCE} cascade")
    db.close()
    kinds = [k for k in WRITES if k != "edit_tables_no_writer_touches_yet"]  # no trace to find those by
    write(db_copy, *kinds)
    before = snapshot(db_copy)
    report = build(DATA, db_copy)
    assert report.carried.legacy
    assert differences(before, db_copy) == {}
    with Database(db_copy, read_only=True) as db:
        assert db.scalar(f"select count(*) from duckdb_tables() where schema_name = '{REFERENCE}'") > 0


# ---------------------------------------------------------------- when data/ changes too


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    out = tmp_path / "data"
    for part in ("published", "sample", "raw"):
        shutil.copytree(DATA / part, out / part)
    return out


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_refreshes_data_from_the_csvs_and_keeps_user_rows(data_copy: Path, tmp_path: Path):
    path = tmp_path / "iid.duckdb"
    build(data_copy, path)
    write(path, "import_scores", "register_add_edit_delete", "save_and_delete_scenarios")
    replace_in(data_copy / "published" / "events.csv", "Peringkat ke-4 Kota Terinovatif", "Peringkat keempat")
    before = snapshot(path)
    build(data_copy, path)
    assert differences(before, path).keys() == {"events"}
    with Database(path, read_only=True) as db:
        assert db.scalar("select count(*) from events where title like 'Peringkat keempat%'") == 1
        assert user_changes(db).keys() >= {"imports", "iid_scores", "innovations", "register_log", "scenarios"}


def test_a_value_changed_both_in_the_app_and_in_data_refuses_and_keeps_the_old_file(data_copy: Path, tmp_path: Path):
    path = tmp_path / "iid.duckdb"
    build(data_copy, path)
    write(path, "edit_a_source_from_data")
    with Database(path, read_only=True) as db:
        sid, title = db.rows("select source_id, title from reference.sources where kind = 'published' order by 1")[0]
    (f,) = [f for f in (data_copy / "published").glob("sources*.csv") if title in f.read_text(encoding="utf-8")]
    replace_in(f, title, title + " [versi 2]")
    old = path.read_bytes()
    with pytest.raises(CarryOverRefused, match=rf"sources \[source_id={sid}\]: kolom `title` diubah") as err:
        build(data_copy, path)
    assert "python -m iid build" in str(err.value)
    assert path.read_bytes() == old and not list(tmp_path.glob(".iid-build-*"))


def test_a_change_to_a_row_data_no_longer_has_refuses_naming_it(data_copy: Path, tmp_path: Path):
    path = tmp_path / "iid.duckdb"
    build(data_copy, path)
    write(path, "register_add_edit_delete")
    with Database(path, read_only=True) as db:
        edited = db.scalar("select innovation_id from register_log where action = 'update'")
    f = data_copy / "sample" / "innovations_sample.csv"
    f.write_text("".join(ln for ln in f.read_text().splitlines(True) if not ln.startswith(edited)))
    with pytest.raises(CarryOverRefused, match=rf"innovations \[innovation_id={edited}\]: diubah di aplikasi"):
        build(data_copy, path)


def test_a_user_row_pointing_at_a_row_data_no_longer_has_refuses_with_the_rule_it_breaks(db_copy: Path):
    db = Database(db_copy)
    with db.transaction() as cur:  # a unit typed in by a person, attributed to the sample's source
        cur.execute("insert into units values ('64.74', 'UPT Laboratorium', 'UPT', 'sample-seed-1')")
    db.close()
    old = db_copy.read_bytes()
    with pytest.raises(CarryOverRefused, match=r"units: .*melanggar aturan.*sample-seed-1"):
        build(DATA, db_copy, include_sample=False)  # data/ without the sample: that source is gone
    assert db_copy.read_bytes() == old
