"""Two people on one database: an undo button undoes the import or change it was drawn for, or says why not."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from iid import dataio
from tests.conftest import ADMIN, open_db, open_page


def session(page: str, **params: str) -> AppTest:
    """One browser tab: its own session state; the app's connection and caches are shared, as on one server."""
    return open_page(page, **params)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def errors(at: AppTest) -> list[str]:
    """Error messages as a person reads them (data text in them is markdown-escaped)."""
    return [e.value.replace("\\", "") for e in at.error]


def rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Read the file the app is using (same configuration as the app's connection, so DuckDB shares it)."""
    db = open_db(path)
    try:
        return db.rows(sql, params)
    finally:
        db.close()


def two_imports(path: Path) -> tuple[int, int]:
    db = open_db(path)
    try:
        ids = []
        for score in ("44,00", "46,00"):
            pv = dataio.preview(db, f"kode;tahun;skor\n65;2023;{score}\n".encode(), f"skor-{score}.csv", "scores")
            ids.append(dataio.apply(db, pv, source_title="Uji dua sesi", actor=ADMIN).import_id)
        return ids[0], ids[1]
    finally:
        db.close()


def test_a_stale_import_undo_button_refuses_instead_of_undoing_the_import_before_it(app_env):
    first, second = two_imports(app_env)
    a = session("pages/data_in.py", dtab="Riwayat impor")
    b = session("pages/data_in.py", dtab="Riwayat impor")
    assert f"Batalkan #{second}" in labels(a) and f"Batalkan #{second}" in labels(b)

    button(a, f"Batalkan #{second}").click().run()
    assert not a.exception
    assert any(f"#{second}" in s.value for s in a.success)

    button(b, f"Batalkan #{second}").click().run()  # B's page still shows the button A just used
    assert not b.exception
    assert any(f"impor #{second} sudah dibatalkan" in e for e in errors(b))
    assert not b.success
    undone = dict(rows(app_env, "select import_id, undone_at is not null from imports"))
    assert undone[second] and not undone[first]
    assert f"Batalkan #{first}" in labels(b)  # B now sees the import that really is the latest


def test_a_stale_register_undo_button_refuses_instead_of_undoing_the_change_before_it(app_env):
    from iid import register as R

    db = open_db(app_env)
    try:
        base = {"unit": "Dinas Kesehatan", "unit_type": "OPD", "form": "pelayanan_publik", "stage": "uji_coba"}
        first = R.save(db, "64.74", [base | {"title": "Pertama", "year_proposed": 2025}], {}, [], actor=ADMIN)
        second = R.save(db, "64.74", [base | {"title": "Kedua", "year_proposed": 2025}], {}, [], actor=ADMIN)
    finally:
        db.close()
    a = session("pages/innovations.py", r="64.74", y="2025", itab="Impor dan riwayat")
    b = session("pages/innovations.py", r="64.74", y="2025", itab="Impor dan riwayat")
    label = f"Batalkan perubahan #{second}"
    assert label in labels(a) and label in labels(b)

    button(a, label).click().run()
    assert not a.exception
    assert any(f"Perubahan #{second} dibatalkan" in s.value for s in a.success)

    button(b, label).click().run()
    assert not b.exception
    assert any(f"perubahan #{second} sudah dibatalkan" in e for e in errors(b))
    assert not b.success
    undone = dict(rows(app_env, "select batch_id, bool_or(undone_at is not null) from register_log group by 1"))
    assert undone[second] and not undone[first]
    assert f"Batalkan perubahan #{first}" in labels(b)
