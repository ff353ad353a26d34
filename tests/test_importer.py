from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from iid import queries
from iid.dataio import import_file
from iid.errors import ImportRejected
from tests.conftest import ADMIN


def import_scores(db, path, **source):
    return import_file(db, path, "scores", **source, actor=ADMIN)


SNAPSHOT = "select * from iid_scores order by all"


def snapshot(db) -> tuple:
    return (
        db.df(SNAPSHOT).to_csv(),
        db.df("select * from sources order by all").to_csv(),
        db.scalar("select count(*) from imports"),
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("name", "content", "row", "column", "words"),
    [
        (
            "skor_105.csv",
            "region_code,year,score\n64.74,2024,60\n61.71,2024,105\n",
            3,
            "score",
            "di luar rentang 0–100",
        ),
        ("kode_salah.csv", "region_code,year,score\n99.99,2024,50\n", 2, "region_code", "tidak dikenal"),
        ("ganda.csv", "region_code,year,score\n64.74,2024,60\n64.74,2024,61\n", 3, "region_code", "baris ganda"),
        ("bukan_angka.csv", "region_code,year,score\n64.74,2024,enam puluh\n", 2, "score", "bukan angka"),
        ("tahun_salah.csv", "region_code,year,score\n64.74,2019,50\n", 2, "year", "di luar rentang 2021"),
        ("tanpa_skor.csv", "region_code,year\n64.74,2024\n", 1, "score", "kolom wajib"),
        (
            "predikat_salah.csv",
            "region_code,year,score,predicate\n64.74,2024,50,Hebat\n",
            2,
            "predicate",
            "tidak dikenal",
        ),
    ],
)
def test_import_rejects_bad_input_naming_file_row_and_column_and_keeps_database_unchanged(
    writable_db, tmp_path, name, content, row, column, words
):
    db, _ = writable_db
    before = snapshot(db)
    path = write(tmp_path, name, content)
    with pytest.raises(ImportRejected) as info:
        import_scores(db, path)
    problem = next(p for p in info.value.problems if p.column == column)
    assert problem.file == name and problem.row == row
    text = problem.text("id")
    assert name in text and f"baris {row}" in text and f"kolom `{column}`" in text and words in text
    assert snapshot(db) == before


def test_import_rejects_an_empty_file_and_keeps_database_unchanged(writable_db, tmp_path):
    db, _ = writable_db
    before = snapshot(db)
    with pytest.raises(ImportRejected, match="kosong"):
        import_scores(db, write(tmp_path, "kosong.csv", ""))
    assert snapshot(db) == before


def test_import_messages_exist_in_english_too(writable_db, tmp_path):
    db, _ = writable_db
    with pytest.raises(ImportRejected) as info:
        import_scores(db, write(tmp_path, "x.csv", "region_code,year,score\n64.74,2024,105\n"))
    assert (
        info.value.problems[0].text("en")
        == "x.csv: row 2, column `score`: 105 is outside 0–100; correct the value and upload again."
    )


def test_import_reads_an_indonesian_excel_csv_with_semicolons_and_decimal_commas(writable_db, tmp_path):
    db, _ = writable_db
    path = tmp_path / "hasil.csv"
    path.write_bytes(
        "kode;tahun;skor;predikat\r\n64.74;2025;62,31;Inovatif\r\n61.71 ; 2025 ; 70,5 ;\r\n".encode("utf-8-sig")
    )
    result = import_scores(db, path, source_title="Kepmendagri uji", source_url="https://example.go.id/x")
    assert result.rows_added == 2
    got = db.rows(
        "select region_code, score::double, predicate from iid_scores where source_id = ? order by 1",
        [result.source_id],
    )
    assert got == [("61.71", 70.5, None), ("64.74", 62.31, "Inovatif")]
    assert db.scalar("select kind from sources where source_id = ?", [result.source_id]) == "imported"
    assert db.scalar("select rows_added from imports where source_id = ?", [result.source_id]) == 2


def test_imported_scores_win_over_sample_scores_in_what_the_app_shows(writable_db, tmp_path):
    db, _ = writable_db
    import_scores(db, write(tmp_path, "a.csv", "region_code,year,score\n64.74,2025,71.23\n"))
    s = queries.scores(db, ["64.74"])  # what the app reads: the materialised table, refreshed by the import
    row = s[s["year"] == 2025].iloc[0]
    assert float(row["score"]) == 71.23 and not row["score_is_sample"]


def test_import_reads_xlsx(writable_db, tmp_path):
    db, _ = writable_db
    path = tmp_path / "hasil.xlsx"
    pd.DataFrame({"region_code": ["65"], "year": [2025], "score": [48.5]}).to_excel(path, index=False)
    assert import_scores(db, path).rows_added == 1


def test_import_rejects_a_broken_xlsx(writable_db, tmp_path):
    db, _ = writable_db
    before = snapshot(db)
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportRejected, match="XLSX"):
        import_scores(db, path)
    assert snapshot(db) == before
