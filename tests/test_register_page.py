"""The Inovasi page, easy to keep (issue 15): undo beside every save, the count rule beside every pledge figure,
urusan picked from the official list, a region's own competitions by name, the charts in their panels."""

from __future__ import annotations

import json

from tests.conftest import open_db
from tests.test_pages import metrics, open_page


def undo_keys(at) -> list[str]:
    return [b.key for b in at.button if (b.key or "").startswith("inv_undo_")]


def test_a_save_through_the_form_is_followed_by_its_undo_beside_the_form_and_the_grid(app_env):
    at = open_page("pages/innovations.py", r="64.74", y="2025")
    assert undo_keys(at) == []  # nothing saved yet: nothing to undo
    at.text_input(key="inv_new_title").input("Layanan malam Puskesmas")
    at.selectbox(key="inv_new_unit").select("Dinas Kesehatan")
    at.selectbox(key="inv_new_urusan").select("kesehatan")
    next(b for b in at.button if b.label == "Tambah inovasi").click().run()
    assert not at.exception
    saved = next(s.value for s in at.success if "Tersimpan sebagai perubahan" in s.value)
    batch = saved.split("#")[1].rstrip(".")
    assert undo_keys(at) == [f"inv_undo_form_{batch}", f"inv_undo_grid_{batch}"]
    before = int(metrics(at)["Semua baris 2025 (termasuk draf)"])
    at.button(key=f"inv_undo_form_{batch}").click().run()
    assert not at.exception
    assert any(f"Perubahan #{batch} dibatalkan" in s.value for s in at.success)
    assert int(metrics(at)["Semua baris 2025 (termasuk draf)"]) == before - 1
    assert undo_keys(at) == []


def test_the_form_offers_urusan_from_the_official_list_and_pangkalpinang_only_its_competitions(app_env):
    at = open_page("pages/innovations.py", r="19.71", y="2025")
    assert not at.exception
    urusan = at.selectbox(key="inv_new_urusan")
    assert len(urusan.options) == 37  # 32 affairs of UU 23/2014 and 5 supporting functions
    assert "Wajib, pelayanan dasar · Kesehatan" in urusan.options
    comps = at.multiselect(key="inv_new_comps").options
    assert comps == ["Kompetisi Inovasi Pelayanan Publik (KemenPANRB)"]
    assert not any("KOMPETISI_PONTIANAK" in o or "Pontianak" in o for o in comps)


def test_every_pledge_figure_has_its_count_rule_and_the_competition_is_named(app_env):
    at = open_page("pages/innovations.py", r="19.71", y="2025", itab="Komitmen")
    assert not at.exception
    rules = [c.value for c in at.caption if c.value.startswith("Yang dihitung:")]
    assert len(rules) == 2 and all("draf tidak dihitung" in r for r in rules)
    text = " ".join(m.value for m in at.markdown)
    assert "Kompetisi Inovasi Pelayanan Publik" in text and "di KIPP" not in text
    assert int(metrics(at)["Dihitung (bukan draf)"]) < int(metrics(at)["Semua baris 2025 (termasuk draf)"])


def test_the_pledge_chart_has_named_months_and_the_target_line(app_env):
    at = open_page("pages/innovations.py", r="19.71", y="2025", itab="Komitmen")
    [chart] = at.get("plotly_chart")
    fig = json.loads(chart.proto.spec)
    assert fig["data"][0]["x"][:3] == ["Jan", "Feb", "Mar"] and fig["data"][0]["x"][7] == "Agu"
    assert [s["y0"] for s in fig["layout"]["shapes"]] == [100]


def test_the_inovasi_charts_sit_in_chart_panels(app_env):
    at = open_page("pages/innovations.py", r="61.71", y="2025", itab="Portofolio")
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert sum("CSV" in x for x in labels) >= 4  # the panel's "Unduh data" under each of the four charts
    at = open_page("pages/innovations.py", r="19.71", y="2025", itab="Kompetisi")
    assert not at.exception
    [chart] = at.get("plotly_chart")
    fig = json.loads(chart.proto.spec)
    assert "–" not in {c for tr in fig["data"] for c in tr["x"]}
    assert fig["layout"]["title"]["text"].startswith("Kompetisi Inovasi Pelayanan Publik")


def test_a_save_with_no_edit_says_how_to_edit_a_cell(app_env):
    at = open_page("pages/innovations.py", r="64.74", y="2025", itab="Register")
    at.button(key="inv_save").click().run()
    assert not at.exception
    assert any("klik dua kali" in i.body and "Enter" in i.body for i in at.info)


def test_a_change_saved_elsewhere_is_offered_beside_the_grid_save_and_the_grid_says_how_to_edit(app_env):
    from iid import register as R
    from tests.conftest import ADMIN

    db = open_db(app_env)
    try:
        row = {"unit": "Dinas Kesehatan", "unit_type": "OPD", "form": "tata_kelola", "stage": "inisiatif"}
        batch = R.save(db, "64.74", [row | {"title": "Dari tempat lain", "year_proposed": 2025}], {}, [], actor=ADMIN)
    finally:
        db.close()
    at = open_page("pages/innovations.py", r="64.74", y="2025", itab="Register")
    assert not at.exception
    assert undo_keys(at) == [f"inv_undo_grid_{batch}"]  # the form's own undo only follows a form save
    assert any("klik dua kali" in c.value and "huruf pertama" in c.value for c in at.caption)
    at = open_page("pages/innovations.py", r="64.74", y="2025", itab="Impor dan riwayat")
    assert undo_keys(at) == [f"inv_undo_history_{batch}"]
