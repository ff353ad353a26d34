"""The Register tab shows one page of the year's register at a time, searched and filtered on the server: the browser
never gets the whole register, and an edit on any page saves like one on the first."""

from __future__ import annotations

import pandas as pd
import pytest

from iid import register as R
from tests.conftest import ADMIN, open_db
from tests.test_undo_stale import button, rows, session

CODE, YEAR = "64.74", 2025
PAGE = "pages/innovations.py"


def test_page_two_holds_rows_51_to_100_in_the_registers_order(full_db):
    reg = pd.concat([R.register(full_db, CODE)] * 2, ignore_index=True)  # more than two pages of 50
    one, two = R.register_page(reg, number=1), R.register_page(reg, number=2)
    assert one.rows.equals(reg.iloc[0:50]) and two.rows.equals(reg.iloc[50:100])
    assert (two.total, two.page, two.pages) == (len(reg), 2, -(-len(reg) // 50))
    assert one.view == "" and two.view != ""  # the first page of everything keeps the grid's plain key


def test_a_search_narrows_to_titles_units_or_ids_holding_it_in_any_case(full_db):
    reg = R.register(full_db, CODE)
    title = reg["title"].iloc[3]
    word = title.split(":")[-1].strip().split()[0].upper()
    found = R.register_page(reg, word)
    assert 0 < found.total < len(reg)
    held = found.matching["title"].str.lower() + " " + found.matching["unit"].str.lower()
    assert held.str.contains(word.lower(), regex=False).all()
    assert R.register_page(reg, "  dinas   sosial ").total == (reg["unit"] == "Dinas Sosial").sum()
    assert R.register_page(reg, reg["innovation_id"].iloc[0]).total == 1
    assert R.register_page(reg, "tidak ada judul seperti ini").total == 0


def test_a_stage_filter_keeps_that_stage_and_a_page_past_the_last_is_the_last(full_db):
    reg = R.register(full_db, CODE)
    trial = R.register_page(reg, stage="uji_coba")
    assert trial.total == (reg["stage"] == "uji_coba").sum() and set(trial.rows["stage"]) == {"uji_coba"}
    last = R.register_page(reg, number=99)
    assert last.page == last.pages and len(last.rows) == len(reg) - 50 * (last.pages - 1)
    assert R.register_page(reg.iloc[0:0], "x").page == 1


# ---- the page ----


@pytest.fixture
def big_year(app_env):
    """Bontang's 2025 register grown past two pages (rows added as a person would, through save)."""
    db = open_db(app_env)
    try:
        unit = R.units(db, CODE)["unit"].iloc[0]
        new = [{"title": f"Uji halaman {i:03d}", "unit": unit, "form": "tata_kelola", "stage": "inisiatif",
                "year_proposed": YEAR} for i in range(60)]  # fmt: skip
        R.save(db, CODE, new, {}, [], actor=ADMIN)
        reg = R.register(db, CODE)
    finally:
        db.close()
    return reg[reg["year_proposed"] == YEAR]


def grid(at) -> pd.DataFrame:
    return at.data_editor[0].value


def test_the_grid_gets_one_page_and_hal_2_opens_rows_51_to_100(big_year):
    assert len(big_year) > 100
    first = session(PAGE, r=CODE, y=str(YEAR))
    assert not first.exception
    assert grid(first)["innovation_id"].tolist() == big_year["innovation_id"].iloc[0:50].tolist()
    second = session(PAGE, r=CODE, y=str(YEAR), hal="2")
    assert grid(second)["innovation_id"].tolist() == big_year["innovation_id"].iloc[50:100].tolist()
    assert any("halaman 2 dari 3" in c.value for c in second.caption)


def test_a_search_in_the_url_narrows_the_grid_and_the_count(big_year):
    at = session(PAGE, r=CODE, y=str(YEAR), cari="uji halaman 05")
    assert grid(at)["title"].tolist() == [f"Uji halaman {i:03d}" for i in range(50, 60)]
    assert any("10 inovasi cocok" in c.value for c in at.caption)
    at.text_input(key="inv_q").input("uji halaman 00").run()
    assert grid(at)["title"].tolist() == [f"Uji halaman {i:03d}" for i in range(10)]
    assert at.query_params["cari"] == "uji halaman 00"  # a copied link reopens the search


def test_an_edit_on_page_two_saves_and_locks_the_pager_until_then(big_year, app_env):
    at = session(PAGE, r=CODE, y=str(YEAR), hal="2")
    target = grid(at)["innovation_id"].iloc[0]
    assert target == big_year["innovation_id"].iloc[50]
    key = f"inv_editor_{CODE}_{YEAR}_{R.register_page(big_year, number=2).view}"
    at.session_state[key] = {"edited_rows": {"0": {"evidence": "https://contoh.example/hal2"}}, "added_rows": [],
                             "deleted_rows": []}  # fmt: skip
    at.run()
    assert at.text_input(key="inv_q").disabled and at.number_input(key="inv_page").disabled
    assert any("Simpan atau buang suntingan" in c.value for c in at.caption)
    button(at, "Simpan perubahan").click().run()
    assert not at.exception
    assert any("Tersimpan" in s.value for s in at.success)
    stored = rows(app_env, "select evidence from innovations where innovation_id = ?", [target])
    assert stored == [("https://contoh.example/hal2",)]
    assert grid(at)["innovation_id"].iloc[0] == target  # still on page 2, the pager free again
    assert not at.text_input(key="inv_q").disabled


def test_discarding_edits_gives_the_stored_rows_back(big_year, app_env):
    at = session(PAGE, r=CODE, y=str(YEAR))
    target = grid(at)["innovation_id"].iloc[0]
    at.session_state[f"inv_editor_{CODE}_{YEAR}"] = {"edited_rows": {"0": {"evidence": "https://x.example"}},
                                                      "added_rows": [], "deleted_rows": []}  # fmt: skip
    at.run()
    button(at, "Buang suntingan").click().run()
    assert not at.exception and not at.text_input(key="inv_q").disabled
    assert rows(app_env, "select evidence from innovations where innovation_id = ?", [target]) != [
        ("https://x.example",)
    ]
