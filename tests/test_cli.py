import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "iid", "--db", str(db), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_import_of_a_bad_file_exits_1_names_row_and_column_and_changes_nothing(writable_db, tmp_path):
    db, path = writable_db
    db.close()
    before = path.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("region_code,year,score\n64.74,2024,105\n", encoding="utf-8")
    out = run("import", str(bad), db=path)
    assert out.returncode == 1
    assert "bad.csv: baris 2, kolom `score`: 105 di luar rentang 0–100" in out.stderr
    assert path.read_bytes() == before


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
