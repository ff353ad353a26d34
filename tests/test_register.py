"""The innovation register: counting rules worked by hand, edits with a log and undo, import errors."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from iid import register as R
from iid.errors import ImportRejected
from tests.conftest import ADMIN


def add(db, code, **kw):
    row = {
        "title": "Uji",
        "unit": "Dinas Kesehatan",
        "unit_type": "OPD",
        "form": "pelayanan_publik",
        "digital": True,
        "stage": "uji_coba",
        "year_proposed": 2026,
        "status": "draft",
        "has_team": False,
        "has_sop": False,
        "has_budget": False,
    } | kw
    return R.save(db, code, [row], {}, [], actor=ADMIN)


def test_per_unit_pledge_counts_each_opd_against_n(writable_db):
    # Bontang "1 OPD 5 Inovasi" in 2026: Dinas Kesehatan has 2 (a draft does not count), every other OPD 0 → all 30
    # OPD short, Kesehatan by 3
    db, _ = writable_db
    add(db, "64.74", title="A", status="diajukan")
    add(db, "64.74", title="B", status="terverifikasi")
    add(db, "64.74", title="C")
    cs = next(c for c in R.commitment_status(db, "64.74", 2026) if c.commitment["kind"] == "per_unit_per_year")
    row = cs.table.set_index("unit").loc["Dinas Kesehatan"]
    assert (row["count"], row["short_by"]) == (2, 3)
    assert cs.target == 30 and cs.achieved == 0 and len(cs.short_units) == 30


def test_total_pledge_gives_the_monthly_pace_for_the_rest_of_the_year(full_db):
    # Pangkal Pinang 2025: 64 OPD and school rows, of which 11 drafts (not yet proposals): 53 of 100; on 2025-09-15
    # four months remain (Sep–Dec): (100 − 53) / 4 = 11,75 a month
    cs = next(
        c
        for c in R.commitment_status(full_db, "19.71", 2025, dt.date(2025, 9, 15))
        if c.commitment["kind"] == "total_by_year"
    )
    assert cs.achieved == 53 and cs.months_left == 4 and cs.pace_per_month == pytest.approx(11.75)
    after = next(
        c
        for c in R.commitment_status(full_db, "19.71", 2025, dt.date(2026, 1, 5))
        if c.commitment["kind"] == "total_by_year"
    )
    assert after.months_left == 0 and after.pace_per_month is None


def test_competition_pledge_lists_units_with_no_entry(writable_db):
    db, _ = writable_db
    before = next(
        c for c in R.commitment_status(db, "19.71", 2026) if c.commitment["kind"] == "per_unit_in_competition"
    )
    assert "Dinas Kesehatan" in before.short_units and len(before.short_units) == 36
    add(db, "19.71", competitions="KIPP", status="diajukan")
    after = next(c for c in R.commitment_status(db, "19.71", 2026) if c.commitment["kind"] == "per_unit_in_competition")
    assert "Dinas Kesehatan" not in after.short_units and len(after.short_units) == 35


def test_a_new_pledge_needs_no_code_only_a_row(writable_db):
    db, _ = writable_db
    db.rows(
        "insert into commitments values ('uji', '64.74', 'per_unit_per_year', 2, 'Kecamatan', 'Kecamatan', null, 2026, "
        "null, '2 per kecamatan', 'pub-mekora-bontang-workshop-2025', null)"
    )
    cs = next(c for c in R.commitment_status(db, "64.74", 2026) if c.commitment["commitment_id"] == "uji")
    assert cs.target == 3  # Bontang's three kecamatan (idn-area-data)


def test_funnel_counts_innovations_that_reached_each_stage(full_db):
    reg = R.register(full_db, "64.74")
    stage = R.portfolio(reg)["stage"].set_index("stage")["count"]
    assert (
        stage["inisiatif"] == len(reg) >= stage["uji_coba"] >= stage["penerapan"] == (reg["stage"] == "penerapan").sum()
    )


def test_competition_entries_use_the_grouping_rules_stored_as_data(full_db):
    e = R.competition_entries(full_db, "61.71", "KOMPETISI_PONTIANAK", 2025)
    assert set(e.loc[e["unit_type"].isin(["OPD", "Kecamatan", "BUMD"]), "group_name"]) <= {"Kelompok 1"}
    assert set(e.loc[e["unit_type"].isin(["Kelurahan", "Puskesmas", "UPT"]), "group_name"]) <= {"Kelompok 2"}


def test_sustainability_lists_innovations_missing_a_team_sop_or_budget(full_db):
    reg = R.register(full_db, "61.71")
    miss = R.sustainability(reg)
    assert not miss.empty and (~(miss["has_team"] & miss["has_sop"] & miss["has_budget"])).all()


def test_score_estimate_counts_verified_innovations_only_when_asked(full_db):
    claimed = R.score_estimate(full_db, "64.74", 2025, 2025, verified_only=False)
    verified = R.score_estimate(full_db, "64.74", 2025, 2025, verified_only=True)
    assert claimed.n > verified.n > 0
    assert claimed.count_points == pytest.approx(claimed.n * 0.38 / 250 * 100)
    assert (claimed.levers["gain"] > 0).all() and claimed.levers["gain"].is_monotonic_decreasing


def test_edits_are_logged_and_a_batch_can_be_undone(writable_db):
    db, _ = writable_db
    before = R.register(db, "64.74")
    batch = add(db, "64.74", title="SIGAP baru")
    iid = R.register(db, "64.74").query("title == 'SIGAP baru'")["innovation_id"].iloc[0]
    row = R.register(db, "64.74").set_index("innovation_id").loc[iid].to_dict()
    batch2 = R.save(db, "64.74", [], {iid: row | {"status": "terverifikasi"}}, [], actor=ADMIN)
    assert R.register(db, "64.74").set_index("innovation_id").loc[iid, "status"] == "terverifikasi"
    R.undo_batch(db, batch2, actor=ADMIN)
    assert R.register(db, "64.74").set_index("innovation_id").loc[iid, "status"] == "draft"
    R.undo_batch(db, batch, actor=ADMIN)
    pd.testing.assert_frame_equal(R.register(db, "64.74"), before)
    log = db.df("select action, undone_at is not null as undone from register_log order by log_id")
    assert log.values.tolist() == [["insert", True], ["update", True]]


def test_deleting_a_row_and_undoing_brings_it_back_exactly(writable_db):
    db, _ = writable_db
    before = R.register(db, "61.71")
    victim = before["innovation_id"].iloc[0]
    batch = R.save(db, "61.71", [], {}, [victim], actor=ADMIN)
    assert victim not in R.register(db, "61.71")["innovation_id"].tolist()
    R.undo_batch(db, batch, actor=ADMIN)
    pd.testing.assert_frame_equal(R.register(db, "61.71"), before)


def xlsx(df: pd.DataFrame, extra_sheet: bool = False) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, sheet_name="register", index=False)
        if extra_sheet:
            pd.DataFrame({"catatan": ["lembar lain"]}).to_excel(xw, sheet_name="catatan", index=False)
    return buf.getvalue()


GOOD = {
    "judul": "Layanan malam",
    "unit_kerja": "Dinas Kesehatan",
    "jenis_unit": "OPD",
    "bentuk": "pelayanan_publik",
    "digital": "ya",
    "tahap": "penerapan",
    "tahun_usulan": 2026,
    "status": "diajukan",
}


@pytest.mark.parametrize(
    ("rows", "name", "column", "words"),
    [
        ([GOOD | {"tahap": "selesai"}], "tahap.csv", "stage", "tahap `selesai` tidak dikenal"),
        ([GOOD | {"jenis_unit": "Kantor"}], "jenis.csv", "unit_type", "jenis unit `Kantor` tidak dikenal"),
        ([GOOD, GOOD], "ganda.csv", "title", "judul ganda"),
        ([GOOD | {"tahun_usulan": "dua ribu"}], "tahun.csv", "year_proposed", "tidak sah"),
    ],
)
def test_register_import_rejects_bad_rows_naming_row_and_column_and_changes_nothing(
    writable_db, rows, name, column, words
):
    db, _ = writable_db
    before = R.register(db, "64.74")
    data = pd.DataFrame(rows).to_csv(index=False).encode()
    with pytest.raises(ImportRejected) as info:
        R.import_register(db, "64.74", data, name, actor=ADMIN)
    p = next(p for p in info.value.problems if p.column == column)
    assert p.file == name and p.row == 3 if name == "ganda.csv" else p.row == 2
    assert words in p.message_id
    pd.testing.assert_frame_equal(R.register(db, "64.74"), before)


def test_register_import_rejects_an_empty_file_and_a_10_mb_file(writable_db, monkeypatch):
    db, _ = writable_db
    with pytest.raises(ImportRejected, match="kosong"):
        R.import_register(db, "64.74", b"", "kosong.csv", actor=ADMIN)
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", "5")
    big = (
        pd.DataFrame([GOOD | {"judul": f"Inovasi {i}", "bukti": "x" * 200} for i in range(40_000)])
        .to_csv(index=False)
        .encode()
    )
    assert len(big) > 10 * 1024 * 1024
    with pytest.raises(ImportRejected, match="melebihi batas"):
        R.import_register(db, "64.74", big, "besar.csv", actor=ADMIN)


def test_register_import_reads_the_first_sheet_of_an_xlsx_with_an_extra_sheet_and_can_be_undone(writable_db):
    db, _ = writable_db
    before = R.register(db, "64.74")
    batch = R.import_register(
        db, "64.74", xlsx(pd.DataFrame([GOOD, GOOD | {"judul": "Kedua"}]), extra_sheet=True), "reg.xlsx", actor=ADMIN
    )
    assert len(R.register(db, "64.74")) == len(before) + 2
    R.undo_batch(db, batch, actor=ADMIN)
    pd.testing.assert_frame_equal(R.register(db, "64.74"), before)


def test_the_template_has_the_register_columns_and_a_sheet_of_allowed_values():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(R.template_xlsx()))
    assert wb.sheetnames == ["register", "nilai_yang_boleh"]
    assert [c.value for c in wb["register"][1]] == R.EDITABLE
    allowed = [c.value for c in wb["nilai_yang_boleh"][1]]
    assert "stage" in allowed and "unit_type" in allowed
