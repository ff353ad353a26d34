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
    assert out.returncode == 1 and "row 2, column `region_code`: unknown region code `99.99`" in out.stderr


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
