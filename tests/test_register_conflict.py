"""Two people editing one register: a save never drops or silently overwrites the other person's work."""

from __future__ import annotations

import pandas as pd
import pytest

from iid import register as R
from iid.errors import ImportRejected
from tests.conftest import ADMIN
from tests.test_undo_stale import button, rows, session

CODE = "64.74"


def row_of(db, iid: str) -> dict:
    return R.register(db, CODE).set_index("innovation_id").loc[iid].to_dict()


def two_rows(db) -> tuple[str, str, dict[str, str]]:
    reg = R.register(db, CODE)
    reg = reg[reg["year_proposed"] == 2025]
    return reg["innovation_id"].iloc[0], reg["innovation_id"].iloc[1], R.versions(reg)


def test_a_save_over_a_row_someone_else_saved_since_is_a_conflict_and_writes_nothing(writable_db):
    db, _ = writable_db
    first, _, seen_by_b = two_rows(db)
    R.save(
        db, CODE, [], {first: {"evidence": "https://a.example/bukti"}}, [], base=seen_by_b, actor=ADMIN
    )  # A, same view
    before = R.register(db, CODE)
    with pytest.raises(R.EditConflict) as info:
        R.save(db, CODE, [], {first: {"status": "terverifikasi"}}, [], base=seen_by_b, actor=ADMIN)  # B
    assert list(info.value.rows) == [first]
    assert info.value.rows[first]["evidence"] == "https://a.example/bukti"
    pd.testing.assert_frame_equal(R.register(db, CODE), before)


def test_a_save_over_other_rows_than_someone_else_saved_keeps_both(writable_db):
    db, _ = writable_db
    first, second, seen_by_b = two_rows(db)
    R.save(db, CODE, [], {first: {"evidence": "https://a.example/bukti"}}, [], base=seen_by_b, actor=ADMIN)
    R.save(db, CODE, [], {second: {"status": "terverifikasi"}}, [], base=seen_by_b, actor=ADMIN)
    assert row_of(db, first)["evidence"] == "https://a.example/bukti"
    assert row_of(db, second)["status"] == "terverifikasi"


def test_removing_a_row_someone_else_changed_is_a_conflict_and_a_row_someone_removed_cannot_be_edited(writable_db):
    db, _ = writable_db
    first, second, seen = two_rows(db)
    R.save(db, CODE, [], {first: {"evidence": "https://a.example/bukti"}}, [second], base=seen, actor=ADMIN)
    with pytest.raises(R.EditConflict) as info:
        R.save(db, CODE, [], {second: {"status": "terverifikasi"}}, [first], base=seen, actor=ADMIN)
    assert info.value.rows == {second: None, first: info.value.rows[first]}
    with pytest.raises(ImportRejected, match="tidak ada lagi"):  # saving over the conflict on purpose
        R.save(db, CODE, [], {second: {"status": "terverifikasi"}}, [], base=info.value.versions, actor=ADMIN)


def test_changed_cells_land_on_the_stored_row_and_leave_its_other_columns_alone(writable_db):
    db, _ = writable_db
    first, _, _ = two_rows(db)
    before = row_of(db, first)
    R.save(db, CODE, [], {first: {"status": "terverifikasi"}}, [], actor=ADMIN)
    after = row_of(db, first)
    assert after["status"] == "terverifikasi"
    assert {k: v for k, v in after.items() if k not in ("status", "version")} == {
        k: v for k, v in before.items() if k not in ("status", "version")
    }
    assert after["version"] != before["version"]


def test_edits_reads_added_changed_and_removed_rows_from_the_grid(full_db):
    shown = R.editor_view(R.register(full_db, CODE).head(3))
    edited = shown.copy()
    edited.loc[0, "status"] = "terverifikasi"
    added = pd.DataFrame([{"title": "Baru", "unit": "Dinas Kesehatan"}], columns=R.COLUMNS, index=[3])
    edited = pd.concat([edited.drop(index=2), added.astype(object)])
    new_rows, changed, deleted = R.edits(shown, edited, 2026)
    assert changed == {shown.loc[0, "innovation_id"]: {"status": "terverifikasi"}}
    assert deleted == [shown.loc[2, "innovation_id"]]
    assert [(r["title"], r["year_proposed"]) for r in new_rows] == [("Baru", 2026)]
    assert R.edits(shown, shown.copy(), 2026) == ([], {}, [])


def test_the_conflict_table_shows_each_clashing_cell_as_shown_as_saved_and_as_edited(writable_db):
    db, _ = writable_db
    first, _, seen = two_rows(db)
    shown = R.editor_view(R.register(db, CODE).query("innovation_id == @first"))
    old_status = shown["status"].iloc[0]
    R.save(db, CODE, [], {first: {"evidence": "https://a.example/bukti"}}, [], base=seen, actor=ADMIN)
    with pytest.raises(R.EditConflict) as info:
        R.save(db, CODE, [], {first: {"status": "terverifikasi"}}, [], base=seen, actor=ADMIN)
    table = R.conflict_table(info.value, shown, {first: {"status": "terverifikasi"}}, []).set_index("column")
    assert table.loc["evidence", ["saved", "yours"]].tolist() == ["https://a.example/bukti", ""]
    assert table.loc["status", ["shown", "saved", "yours"]].tolist() == [old_status, old_status, "terverifikasi"]


def test_an_undo_is_refused_while_a_later_change_to_the_same_rows_stands(writable_db):
    db, _ = writable_db
    first, _, _ = two_rows(db)
    one = R.save(db, CODE, [], {first: {"status": "diajukan"}}, [], actor=ADMIN)
    two = R.save(db, CODE, [], {first: {"status": "terverifikasi"}}, [], actor=ADMIN)
    with pytest.raises(ImportRejected, match=f"#{two}"):
        R.undo_batch(db, one, actor=ADMIN)
    assert row_of(db, first)["status"] == "terverifikasi"
    R.undo_batch(db, two, actor=ADMIN)
    R.undo_batch(db, one, actor=ADMIN)
    with pytest.raises(ImportRejected, match="sudah dibatalkan"):
        R.undo_batch(db, one, actor=ADMIN)


# ---- the page: two sessions on one database file ----

EDITOR = f"inv_editor_{CODE}_2025"


def edit(at, row: int, **cells) -> None:
    """Cell edits in the grid, as the browser sends them (AppTest cannot type into a data editor)."""
    state = at.session_state[EDITOR]
    edited = {k: dict(v) for k, v in state["edited_rows"].items()}
    edited[str(row)] = edited.get(str(row), {}) | cells
    at.session_state[EDITOR] = {"edited_rows": edited, "added_rows": [], "deleted_rows": []}
    at.run()


def grid_ids(at) -> list[str]:
    return at.data_editor[0].value["innovation_id"].tolist()


def stored(path, iid: str, column: str):
    return rows(path, f"select {column} from innovations where innovation_id = ?", [iid])[0][0]


def test_an_edit_on_another_row_is_saved_after_someone_else_saved(app_env):
    a = session("pages/innovations.py", r=CODE, y="2025")
    b = session("pages/innovations.py", r=CODE, y="2025")
    ids = grid_ids(a)
    edit(b, 1, evidence="https://b.example/bukti")
    edit(a, 0, evidence="https://a.example/bukti")
    button(a, "Simpan perubahan").click().run()
    assert any("Tersimpan" in s.value for s in a.success)

    button(b, "Simpan perubahan").click().run()
    assert not b.exception
    assert not any("Tidak ada perubahan" in i.value for i in b.info)
    assert any("Tersimpan" in s.value for s in b.success)
    assert stored(app_env, ids[0], "evidence") == "https://a.example/bukti"
    assert stored(app_env, ids[1], "evidence") == "https://b.example/bukti"


def test_an_edit_of_a_row_someone_else_saved_is_kept_shown_as_a_conflict_and_can_be_saved_on_purpose(app_env):
    a = session("pages/innovations.py", r=CODE, y="2025")
    b = session("pages/innovations.py", r=CODE, y="2025")
    iid = grid_ids(a)[0]
    edit(b, 0, status="terverifikasi")
    edit(a, 0, evidence="https://a.example/bukti")
    button(a, "Simpan perubahan").click().run()

    b.run()  # any rerun of B's page (another click): the grid keeps B's unsaved edit and says the register moved
    assert b.session_state[EDITOR]["edited_rows"] == {"0": {"status": "terverifikasi"}}
    assert any("diubah orang lain" in i.value for i in b.info)
    button(b, "Simpan perubahan").click().run()
    assert not b.exception
    assert any("Belum disimpan: 1 baris" in w.value for w in b.warning)
    assert b.session_state[EDITOR]["edited_rows"] == {"0": {"status": "terverifikasi"}}  # B's edit is kept
    clash = b.dataframe[-1].value
    assert set(clash["column"]) == {"evidence", "status"} and set(clash["innovation_id"]) == {iid}
    assert stored(app_env, iid, "status") != "terverifikasi"

    button(b, "Simpan versi saya untuk baris ini").click().run()
    assert not b.exception
    assert any("Tersimpan" in s.value for s in b.success)
    assert stored(app_env, iid, "status") == "terverifikasi"
    assert stored(app_env, iid, "evidence") == "https://a.example/bukti"  # A's other column stays
