import shutil
from pathlib import Path

import pytest

from iid.build import build
from iid.db import Database
from iid.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent


def test_regions_hold_all_38_provinces_and_514_kabupaten_and_kota(full_db):
    counts = dict(full_db.rows("select kind, count(*) from regions group by kind"))
    assert counts == {"provinsi": 38, "kabupaten": 416, "kota": 98}
    assert full_db.scalar("select count(*) from regions where autonomous and kind = 'kota'") == 93
    assert full_db.scalar("select count(*) from regions where autonomous and kind = 'kabupaten'") == 415


@pytest.mark.parametrize(
    ("code", "display", "kind", "province"),
    [
        ("64.74", "Kota Bontang", "kota", "64"),
        ("61.71", "Kota Pontianak", "kota", "61"),
        ("19.71", "Kota Pangkal Pinang", "kota", "19"),
        ("65", "Provinsi Kalimantan Utara", "provinsi", "65"),
    ],
)
def test_key_regions_have_their_kemendagri_codes(full_db, code, display, kind, province):
    row = full_db.rows("select display_name, kind, province_code from regions where code = ?", [code])
    assert row == [(display, kind, province)]


def test_build_replaces_the_database_only_when_the_new_one_is_complete(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "published", data / "published")
    shutil.copytree(ROOT / "data" / "raw", data / "raw")
    out = tmp_path / "iid.duckdb"
    build(data, out)
    before = out.read_bytes()
    with open(data / "published" / "targets.csv", "a", encoding="utf-8") as f:
        f.write("bad-target,99.99,iid_score,>=,65,2025,2029,,RPJMD,pub-kaltara-workshop-rpjmd,\n")
    with pytest.raises(BuildError, match="targets.csv"):
        build(data, out)
    assert out.read_bytes() == before
    assert not list(tmp_path.glob(".iid-build-*"))


def test_a_database_of_published_data_only_has_no_sample_rows(published_db: Database):
    assert published_db.scalar("select count(*) from sources where kind = 'sample'") == 0
    assert published_db.scalar("select count(*) from v_scores where score_is_sample") == 0


def test_a_rebuild_after_a_crash_folds_the_old_log_in_so_the_new_file_opens_and_keeps_the_writes(
    built_db_path, tmp_path
):
    """The app killed after an import leaves its log (.wal); a rebuild then used to leave that log beside the new file."""
    import subprocess
    import sys

    from iid.carryover import user_changes
    from iid.check import run

    path = tmp_path / "iid.duckdb"
    shutil.copy(built_db_path, path)
    code = (
        "import os, sys; from pathlib import Path; from iid.db import Database; from iid import auth, dataio; "
        "db = Database(Path(sys.argv[1])); "
        "dataio.import_file_bytes(db, b'kode,tahun,skor\\n64.74,2025,71\\n', 'a.csv', 'scores', "
        "actor=auth.cli_actor()); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True, timeout=120)
    assert Path(str(path) + ".wal").exists()  # the import lives only in the log
    build(ROOT / "data", path)
    assert not Path(str(path) + ".wal").exists() and not list(tmp_path.glob("*.stale-*"))
    with Database(path, read_only=True) as db:
        assert db.scalar("select count(*) from imports") == 1
        assert user_changes(db)["iid_scores"][0] == 1
        assert [f for f in run(db) if f.severity == "error"] == []


def test_the_next_build_removes_what_killed_builds_left_but_not_a_running_ones_file(built_db_path, tmp_path):
    import os

    path = tmp_path / "iid.duckdb"
    shutil.copy(built_db_path, path)
    dead = 2**22 + 12345  # above Linux's default pid_max: no such process
    left = [tmp_path / f".iid-build-{dead}-a1b2.duckdb", tmp_path / f".iid-build-{dead}-a1b2.duckdb.wal"]
    for p in left:
        p.write_bytes(b"half a database")
    (tmp_path / f".iid-build-{dead}-a1b2.duckdb.tmp").mkdir()
    (tmp_path / ".iid-build-x7k2.duckdb").write_bytes(b"older builds named their files without a pid")
    running = tmp_path / f".iid-build-{os.getppid()}-c3d4.duckdb"  # a live process: a build in progress
    running.write_bytes(b"")
    report = build(ROOT / "data", path)
    assert sorted(p.name for p in tmp_path.glob(".iid-build-*")) == [running.name]
    assert len(report.notes) == 4
