"""The register, easy to keep (issue 15): drafts never count, the count rule said, urusan from the official list,
a region's own competitions, one colour per stage, the pledge chart with its target, the competition chart's gaps."""

from __future__ import annotations

import pandas as pd
import pytest

from iid import charts
from iid import register as R
from iid import urusan as U
from iid.errors import ImportRejected
from tests.conftest import ADMIN
from tests.test_register import add

# ---- drafts never count as entries


def kind(db, code, year, k):
    return next(c for c in R.commitment_status(db, code, year) if c.commitment["kind"] == k)


def test_a_draft_counts_toward_no_yearly_pledge_until_it_is_submitted(writable_db):
    db, _ = writable_db
    before = kind(db, "19.71", 2025, "total_by_year").achieved  # the 100-proposal pledge is for 2025
    add(db, "19.71", title="Draf", status="draft", year_proposed=2025)
    assert kind(db, "19.71", 2025, "total_by_year").achieved == before
    iid = R.register(db, "19.71").query("title == 'Draf'")["innovation_id"].iloc[0]
    R.save(db, "19.71", [], {iid: {"status": "diajukan"}}, [], actor=ADMIN)
    assert kind(db, "19.71", 2025, "total_by_year").achieved == before + 1


def test_a_draft_entered_in_kipp_is_no_entry_for_the_pledge_nor_the_competition(writable_db):
    db, _ = writable_db
    add(db, "19.71", title="Draf KIPP", competitions="KIPP", status="draft")
    pledge = kind(db, "19.71", 2026, "per_unit_in_competition")
    assert "Dinas Kesehatan" in pledge.short_units and len(pledge.short_units) == 36
    assert R.competition_entries(db, "19.71", "KIPP", 2026).empty


def test_the_shipped_competition_entries_hold_no_draft(full_db):
    for code, comp in (("19.71", "KIPP"), ("61.71", "KOMPETISI_PONTIANAK")):
        entries = R.competition_entries(full_db, code, comp, 2025)
        assert not entries.empty and "draft" not in set(entries["status"])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_count_rule_names_the_year_the_unit_types_and_that_drafts_never_count(full_db, lang):
    cs = kind(full_db, "19.71", 2025, "total_by_year")
    rule = R.count_rule(cs.commitment, 2025, lang)
    assert "2025" in rule and "OPD, Sekolah" in rule
    assert ("draf tidak dihitung" if lang == "id" else "drafts never count") in rule


# ---- urusan from the official list (UU 23/2014)


def test_the_list_holds_the_32_affairs_of_uu_23_2014_and_the_supporting_functions_each_named_in_both_languages():
    kinds = pd.Series([r["kind"] for r in U.table()]).value_counts().to_dict()
    assert kinds == {"wajib_dasar": 6, "wajib_non_dasar": 18, "pilihan": 8, "penunjang": 5}
    assert all(r["name_id"] and r["name_en"] for r in U.table())
    assert len(set(U.codes())) == len(U.codes())
    assert set(R.BASIC_URUSAN) == {r["code"] for r in U.table() if r["kind"] == "wajib_dasar"}


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("kesehatan", "kesehatan"),
        ("Kesehatan", "kesehatan"),
        ("  KESEHATAN  ", "kesehatan"),
        ("Dinas Kesehatan", "kesehatan"),
        ("Urusan Pendidikan", "pendidikan"),
        ("lingkungan hidup", "lingkungan_hidup"),
        ("Lingkungan  Hidup", "lingkungan_hidup"),
        ("administrasi kependudukan", "adminduk"),
        ("komunikasi dan informatika", "kominfo"),
        ("PU dan Penataan Ruang", "pupr"),
        ("Koperasi, Usaha Kecil & Menengah", "koperasi_ukm"),
        ("Kepemudaan dan Olah Raga", "kepemudaan_olahraga"),
        ("Pemberdayaan Perempuan dan Perlindungan Anak", "pppa"),
        ("Public works and spatial planning", "pupr"),
        ("Pariwisata Halal", "lainnya: Pariwisata Halal"),
        ("lainnya: Pariwisata Halal", "lainnya: Pariwisata Halal"),
        ("lainnya: kesehatan", "kesehatan"),
        ("", None),
        (None, None),
    ],
)
def test_old_free_text_maps_to_an_affair_whatever_its_case_or_spacing_and_unknown_text_is_kept(typed, code):
    assert U.normalise(typed) == code


def test_unknown_urusan_shows_as_lainnya_with_the_text_as_typed():
    assert U.label("lainnya: Pariwisata Halal", "id") == "Lainnya: Pariwisata Halal"
    assert U.label("lainnya: Pariwisata Halal", "en") == "Other: Pariwisata Halal"
    assert U.label("pupr", "en") == "Public works and spatial planning"


def test_a_saved_row_stores_the_affairs_code_and_keeps_unknown_text_whole(writable_db):
    db, _ = writable_db
    add(db, "64.74", title="A", urusan="  Kesehatan ")
    add(db, "64.74", title="B", urusan="Pariwisata Halal")
    got = dict(db.rows("select title, urusan from innovations where region_code = '64.74' and title in ('A', 'B')"))
    assert got == {"A": "kesehatan", "B": "lainnya: Pariwisata Halal"}


def test_a_register_import_maps_free_text_urusan(writable_db):
    db, _ = writable_db
    csv = (
        b"title,unit,unit_type,form,stage,status,digital,has_team,has_sop,has_budget,year_proposed,urusan\n"
        b"Impor satu,Dinas Kesehatan,OPD,tata_kelola,inisiatif,draft,ya,tidak,tidak,tidak,2026,Lingkungan Hidup\n"
        b"Impor dua,Dinas Kesehatan,OPD,tata_kelola,inisiatif,draft,ya,tidak,tidak,tidak,2026,urusan karaoke\n"
    )
    R.import_register(db, "64.74", csv, "impor.csv", actor=ADMIN)
    got = dict(db.rows("select title, urusan from innovations where title like 'Impor %'"))
    assert got == {"Impor satu": "lingkungan_hidup", "Impor dua": "lainnya: urusan karaoke"}


def test_the_portfolio_draws_one_bar_per_affair_however_it_was_typed():
    reg = pd.DataFrame({"urusan": ["Kesehatan", "kesehatan ", "Dinas Kesehatan", "pupr", "Karaoke", None]})
    got = R.urusan_counts(reg, "id").set_index("urusan")["count"].to_dict()
    assert got == {
        "Kesehatan": 3,
        "Pekerjaan umum dan penataan ruang": 1,
        "Lainnya: Karaoke": 1,
        "(urusan belum diisi)": 1,
    }


def test_the_grid_shows_old_free_text_as_its_code():
    row = {c: None for c in R.COLUMNS} | {"urusan": "Lingkungan Hidup", "proposed_on": None}
    view = R.editor_view(pd.DataFrame([row]))
    assert view["urusan"].tolist() == ["lingkungan_hidup"]


# ---- a region's own competitions, by name


def test_pangkalpinang_is_offered_national_competitions_and_never_pontianaks(full_db):
    codes = R.competitions(full_db, "19.71")["code"].tolist()
    assert "KIPP" in codes and "KOMPETISI_PONTIANAK" not in codes
    assert "KOMPETISI_PONTIANAK" in R.competitions(full_db, "61.71")["code"].tolist()


# ---- one colour per stage, in every register chart


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_register_chart_gives_a_stage_the_same_colour(full_db, lang):
    want = {R.STAGE_LABEL[lang][s]: c for s, c in charts.STAGE_COLOURS.items()}
    pv = R.portfolio_view(R.register(full_db, "61.71"), 2025, lang)
    funnel = pv.funnel.data[0]
    assert dict(zip(funnel.y, funnel.marker.color, strict=True)) == want
    entries = R.competition_entries(full_db, "61.71", "KOMPETISI_PONTIANAK", 2025)
    comp = R.competition_chart(entries, "Kompetisi Inovasi Kota Pontianak", 2025, True, lang)
    for fig in (pv.by_year, comp):
        got = {tr.name: tr.marker.color for tr in fig.data}
        assert got and all(want[name] == colour for name, colour in got.items())
    assert [tr.name for tr in pv.by_year.data] == [n for n in want if n in {tr.name for tr in pv.by_year.data}]


# ---- the pledge chart and the competition chart


@pytest.mark.parametrize(
    ("lang", "months"),
    [
        ("id", ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]),
        ("en", ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]),
    ],
)
def test_the_pledge_chart_is_cumulative_by_named_month_with_its_target_line(full_db, lang, months):
    cs = kind(full_db, "19.71", 2025, "total_by_year")
    fig = R.commitment_chart(cs, True, lang)
    bar = fig.data[0]
    assert list(bar.x) == months
    assert list(bar.y) == sorted(bar.y) and bar.y[-1] == cs.achieved == 53
    [line] = [s for s in fig.layout.shapes if s.type == "line"]
    assert line.y0 == line.y1 == 100
    assert any("100" in a.text for a in fig.layout.annotations if a.text)
    assert fig.layout.yaxis.range[1] > 100  # the target line is inside the plot
    assert ("Januari" if lang == "id" else "January") in bar.customdata


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_competition_without_grouping_rules_is_drawn_by_unit_type_and_says_the_rules_are_missing(full_db, lang):
    entries = R.competition_entries(full_db, "19.71", "KIPP", 2025)
    fig = R.competition_chart(entries, "KIPP (KemenPANRB)", 2025, True, lang)
    cats = {c for tr in fig.data for c in tr.x}
    assert "–" not in cats and cats <= set(R.UNIT_TYPES) and len(cats) > 1
    sub = fig.layout.title.subtitle.text
    assert ("belum ada di data" if lang == "id" else "No grouping rules") in sub


def test_a_unit_type_outside_the_rules_is_named_as_having_no_group():
    entries = pd.DataFrame(
        {"group_name": ["Kelompok 1", None], "unit_type": ["OPD", "Sekolah"], "stage": ["inisiatif", "penerapan"]}
    )
    fig = R.competition_chart(entries, "X", 2025, False, "id")
    cats = {c for tr in fig.data for c in tr.x}
    assert cats == {"Kelompok 1", "tanpa kelompok (tidak ada di aturan)"}


def test_the_undo_offers_the_newest_change_not_yet_undone():
    hist = pd.DataFrame({"batch_id": [7, 6, 5], "undone": [True, False, False]})
    assert R.last_open_batch(hist) == 6
    assert R.last_open_batch(hist.assign(undone=True)) is None
    assert R.last_open_batch(hist.iloc[0:0]) is None


def test_the_register_charts_source_line_is_in_the_chosen_language():
    assert R.source_line(True, "en") == "Source: Innovation register (sample data)"
    assert "Register inovasi (data contoh)" in R.source_line(True, "id")


def test_pangkalpinang_cannot_enter_pontianaks_own_competition_by_typing_its_code(writable_db):
    db, _ = writable_db
    before = R.register(db, "19.71")
    with pytest.raises(ImportRejected, match="KOMPETISI_PONTIANAK` tidak terbuka untuk daerah ini"):
        add(db, "19.71", title="Salah kompetisi", competitions="KIPP,KOMPETISI_PONTIANAK")
    pd.testing.assert_frame_equal(R.register(db, "19.71"), before)
    add(db, "61.71", title="Kompetisi sendiri", competitions="KOMPETISI_PONTIANAK")  # Pontianak's own: accepted


def test_the_grid_holds_competitions_as_a_list_of_codes_and_an_edit_is_stored_joined(full_db):
    reg = R.register(full_db, "19.71")
    shown = pd.concat([reg[reg["competitions"].isna()].head(1), reg[reg["competitions"] == "KIPP"].head(1)])
    view = R.editor_view(shown)
    assert view["competitions"].tolist() == [[], ["KIPP"]]
    assert R.edits(view, view.copy(), 2025) == ([], {}, [])  # drawn and untouched: no change
    edited = view.copy()
    edited.at[edited.index[0], "competitions"] = ["KIPP"]
    edited.at[edited.index[1], "competitions"] = []
    _, changed, _ = R.edits(view, edited, 2025)
    a, b = view["innovation_id"]
    assert changed == {a: {"competitions": "KIPP"}, b: {"competitions": None}}


def test_the_portfolios_charts_in_half_a_column_put_the_sample_mark_under_their_source_line_not_on_it(full_db):
    from iid import ui

    pv = R.portfolio_view(R.register(full_db, "64.74"), 2025, "id")
    for raw in (pv.funnel, pv.form):
        fig = ui.screen_copy(raw)
        notes = {a.name: a for a in fig.layout.annotations if a.name in ("source_line", "sample_mark")}
        lines = notes["source_line"].text.count("<br>") + 1
        assert notes["sample_mark"].yshift < notes["source_line"].yshift - 12 * 1.4 * lines  # below it, not beside
        assert ui.unscreened(fig).layout.annotations == raw.layout.annotations  # images start from the chart as built
