import json
import subprocess
import sys
from pathlib import Path

import pytest

from iid import cli
from iid.db import Database
from tests.conftest import fingerprint
from tests.test_db import CASES, broken_fixture  # noqa: F401 (the fixture `broken`)

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "iid", "--db", str(db), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_import_of_a_bad_file_exits_1_names_row_and_column_and_changes_nothing(writable_db, tmp_path):
    db, path = writable_db
    db.close()
    before = fingerprint(path)
    bad = tmp_path / "bad.csv"
    bad.write_text("region_code,year,score\n64.74,2024,105\n", encoding="utf-8")
    out = run("import", str(bad), db=path)
    assert out.returncode == 1
    assert "bad.csv: baris 2, kolom `score`: 105 di luar rentang 0–100" in out.stderr
    assert fingerprint(path) == before


def test_cli_import_speaks_english_with_lang_en(writable_db, tmp_path):
    db, path = writable_db
    db.close()
    bad = tmp_path / "bad.csv"
    bad.write_text("region_code,year,score\n99.99,2024,50\n", encoding="utf-8")
    out = run("--lang", "en", "import", str(bad), db=path)
    assert out.returncode == 1 and "row 2, column `region_code`: unknown region `99.99`" in out.stderr


def test_cli_import_of_a_good_file_adds_rows(writable_db, tmp_path):
    db, path = writable_db
    db.close()
    good = tmp_path / "good.csv"
    good.write_text("region_code,year,score\n64.74,2025,71.5\n", encoding="utf-8")
    out = run("import", str(good), "--source-url", "https://example.go.id/iid", db=path)
    assert out.returncode == 0, out.stderr
    status = json.loads(run("status", "--json", db=path).stdout)
    assert status["iid_scores.imported"] == 1


def test_cli_build_then_check_reports_no_errors(tmp_path):
    db = tmp_path / "x.duckdb"
    assert run("build", db=db).returncode == 0
    out = run("check", db=db)
    assert out.returncode == 0 and "Tidak ada kesalahan data." in out.stdout


def test_cli_target_prints_gain_trend_status_projection_and_year_reached_as_json(built_db_path, tmp_path):
    import shutil

    db = tmp_path / "t.duckdb"
    shutil.copy(built_db_path, db)
    out = run("target", "--region", "65", "--value", "65", "--year", "2029", "--json", db=db)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["region_name"] == "Provinsi Kalimantan Utara" and data["target_value"] == 65.0
    for key in (
        "latest_value",
        "latest_year",
        "required_yearly_gain",
        "trend_slope",
        "status",
        "projected_value",
        "year_reached",
    ):
        assert key in data
    assert data["method"].startswith("SDSN")
    assert data["predicate_named"] == "Sangat Inovatif" and data["predicate_named_minimum"] == 65.01
    assert data["target_predicate_latest_bands"] == "Inovatif"


def test_cli_target_on_published_data_only_gives_kaltaras_19_point_gap(built_db_path, tmp_path):
    import shutil

    db = tmp_path / "t.duckdb"
    shutil.copy(built_db_path, db)
    out = run("target", "--region", "65", "--value", "65", "--year", "2029", "--published-only", db=db)
    assert "Nilai terakhir: 45,86 (2023)" in out.stdout and "Selisih: 19,14" in out.stdout


def test_cli_target_rejects_an_unknown_region(built_db_path, tmp_path):
    import shutil

    db = tmp_path / "t.duckdb"
    shutil.copy(built_db_path, db)
    out = run("target", "--region", "99.99", "--value", "65", "--year", "2029", db=db)
    assert out.returncode == 1 and "99.99" in out.stderr


# ---------------------------------------------------------------- a database that cannot be used (tests/test_db.py)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("kind", list(CASES))
def test_every_command_says_what_is_wrong_with_the_database_instead_of_a_traceback(broken, capsys, kind, lang):
    _, words_id, words_en = CASES[kind]
    path = broken(kind)
    writes_only = kind in ("unwritable_folder", "read_only_fs")  # reading such a database works
    for command in (["undo", "1"], ["import", __file__, "--dry-run"], ["status"], ["check"]):
        if writes_only and command[0] in ("status", "check"):
            assert cli.main(["--db", str(path), *command]) in (0, 1)
            continue
        code = cli.main(["--lang", lang, "--db", str(path), *command])
        err = capsys.readouterr().err
        assert code == 1, (command, err)
        assert (words_id if lang == "id" else words_en) in err, (command, err)
        assert "Traceback" not in err


def test_build_replaces_an_empty_file_and_refuses_to_overwrite_what_is_not_its_own(broken, capsys):
    empty = broken("empty")
    assert cli.main(["--db", str(empty), "build"]) == 0
    assert "berkas kosong diganti" in capsys.readouterr().out
    for kind in ("garbage", "truncated", "directory"):
        path = broken(kind)
        before = path.read_bytes() if path.is_file() else None
        assert cli.main(["--db", str(path), "build"]) == 1
        assert CASES[kind][1] in capsys.readouterr().err
        assert (path.read_bytes() if path.is_file() else None) == before
        assert not list(path.parent.glob(".iid-build-*"))


def test_build_sets_a_stale_log_aside_and_the_database_opens_again(broken, capsys):
    path = broken("stale_wal")
    assert cli.main(["--db", str(path), "check"]) == 1
    assert cli.main(["--db", str(path), "build"]) == 0
    assert "log lama disisihkan" in capsys.readouterr().out
    assert not Path(str(path) + ".wal").exists() and list(path.parent.glob("iid.duckdb.wal.stale-*"))
    assert cli.main(["--db", str(path), "check"]) == 0


def test_build_refuses_while_another_process_holds_the_database(writable_file_db, capsys):
    db, path = writable_file_db
    db.close()
    before = path.read_bytes()  # (read first: closing any handle on the file drops this process's DuckDB lock)
    holder = Database(path)  # held open for writing by this process, as the app does
    try:
        out = run("build", db=path)  # another process
    finally:
        holder.close()
    assert out.returncode == 1 and "sedang dipakai proses lain" in out.stderr and "Traceback" not in out.stderr
    assert path.read_bytes() == before and not list(path.parent.glob(".iid-build-*"))


def test_a_refused_rebuild_exits_3_names_the_rows_and_keeps_the_database(writable_file_db, tmp_path, capsys):
    import shutil

    db, path = writable_file_db
    with db.transaction() as cur:  # a unit typed in by a person, attributed to the sample's source
        cur.execute("insert into units values ('64.74', 'UPT Laboratorium', 'UPT', 'sample-seed-1')")
    db.close()
    before = path.read_bytes()
    assert cli.main(["--db", str(path), "build", "--no-sample"]) == cli.REFUSED
    err = capsys.readouterr().err
    assert "Pembangunan ulang ditolak; basis data lama tidak diubah" in err and "units" in err
    assert path.read_bytes() == before
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)


def test_status_lists_what_users_entered_against_data(writable_file_db, tmp_path, capsys):
    db, path = writable_file_db
    db.close()
    good = tmp_path / "good.csv"
    good.write_text("region_code,year,score\n64.74,2025,71.5\n", encoding="utf-8")
    assert cli.main(["--db", str(path), "import", str(good)]) == 0
    assert cli.main(["--db", str(path), "status"]) == 0
    out = capsys.readouterr().out
    assert "Masukan pengguna terhadap data/" in out and "imports" in out
