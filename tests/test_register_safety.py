"""The register refuses text Excel would run as a formula, names the spreadsheet's own row, and exports it as text.

Issue 16, items 7 and 10.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from iid import register as R
from iid.errors import ImportRejected
from tests.conftest import ADMIN

CODE = "64.74"
ROW = {
    "title": "Layanan malam",
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
}
GOOD = {
    "judul": "Layanan malam",
    "unit_kerja": "Dinas Kesehatan",
    "jenis_unit": "OPD",
    "bentuk": "pelayanan_publik",
    "digital": "ya",
    "tahap": "penerapan",
    "tahun_usulan": "2026",
    "status": "diajukan",
}
# what the probe found accepted (issue 16, item 10), one per sign a spreadsheet runs
FORMULAS = ["+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '=HYPERLINK("https://evil.example","klik")', "@SUM(1+1)"]


@pytest.mark.parametrize("text", FORMULAS)
@pytest.mark.parametrize("column", ["title", "unit", "urusan", "evidence"])
def test_a_new_grid_row_with_formula_text_is_refused_naming_the_column_and_nothing_is_saved(writable_db, column, text):
    db, _ = writable_db
    before = R.register(db, CODE)
    with pytest.raises(ImportRejected) as info:
        R.save(db, CODE, [ROW | {column: text}], {}, [], actor=ADMIN)
    [p] = [p for p in info.value.problems if p.column == column]
    assert p.row == 1 and f"diawali `{text[0]}`" in p.message_id and "Excel" in p.message_en
    pd.testing.assert_frame_equal(R.register(db, CODE), before)


def test_a_changed_grid_cell_with_formula_text_is_refused_and_the_row_keeps_its_value(writable_db):
    db, _ = writable_db
    R.save(db, CODE, [ROW], {}, [], actor=ADMIN)
    reg = R.register(db, CODE)
    iid = reg.loc[reg["title"] == "Layanan malam", "innovation_id"].iloc[0]
    with pytest.raises(ImportRejected, match="diawali `-`"):
        R.save(db, CODE, [], {iid: {"title": "-2+3+cmd|' /C calc'!A0"}}, [], actor=ADMIN)
    assert db.scalar("select title from innovations where innovation_id = ?", [iid]) == "Layanan malam"


@pytest.mark.parametrize("text", FORMULAS)
def test_a_register_import_with_formula_text_is_refused_naming_row_and_column(writable_db, text):
    db, _ = writable_db
    before = R.register(db, CODE)
    data = pd.DataFrame([GOOD, GOOD | {"judul": "Kedua", "bukti": text}]).to_csv(index=False).encode()
    with pytest.raises(ImportRejected) as info:
        R.import_register(db, CODE, data, "rumus.csv", actor=ADMIN)
    [p] = info.value.problems
    assert (p.file, p.row, p.column) == ("rumus.csv", 3, "evidence")
    assert f"diawali `{text[0]}`" in p.message_id
    pd.testing.assert_frame_equal(R.register(db, CODE), before)


def test_register_import_names_the_spreadsheet_row_after_blank_rows(writable_db):
    # header on row 1, rows 2–4 blank, a good row on 5, a blank row 6, the bad row on 7: the message says row 7
    db, _ = writable_db
    header = ",".join(GOOD)
    good = ",".join(GOOD.values())
    bad = ",".join((GOOD | {"judul": "Kedua", "tahap": "selesai"}).values())
    data = "\n".join([header, "", ",,,,,,,", "", good, "", bad, ""]).encode()
    with pytest.raises(ImportRejected) as info:
        R.import_register(db, CODE, data, "kosong.csv", actor=ADMIN)
    [p] = info.value.problems
    assert (p.row, p.column) == (7, "stage")


def test_register_import_names_both_rows_of_a_duplicate_title_after_blank_rows(writable_db):
    db, _ = writable_db
    header = ",".join(GOOD)
    good = ",".join(GOOD.values())
    data = "\n".join([header, "", good, "", "", good]).encode()
    with pytest.raises(ImportRejected) as info:
        R.import_register(db, CODE, data, "ganda.csv", actor=ADMIN)
    [p] = info.value.problems
    assert p.row == 6 and "(baris 3)" in p.message_id


def test_the_register_export_writes_formula_text_already_stored_as_text(writable_db):
    # a row stored before this check (or written by hand) must not run when the export is opened in Excel
    db, _ = writable_db
    R.save(db, CODE, [ROW], {}, [], actor=ADMIN)
    db.rows("update innovations set title = ?, evidence = ? where title = 'Layanan malam'", [FORMULAS[1], FORMULAS[2]])
    reg = R.register(db, CODE)
    ws = openpyxl.load_workbook(io.BytesIO(R.export_xlsx(reg))).active
    header = [c.value for c in ws[1]]
    cells = [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    mine = next(c for c in cells if c["title"] == "'" + FORMULAS[1])
    assert mine["evidence"] == "'" + FORMULAS[2]
    assert all(not str(v).startswith(("=", "+", "-", "@")) for c in cells for v in c.values() if isinstance(v, str))
