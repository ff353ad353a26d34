"""The /target page through AppTest: one consistent set of figures, what-if by the target year's rules, and saved
scenarios that reopen whole and come one page at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from iid import queries, scenarios, whatif
from iid.rules import compute
from tests.conftest import ADMIN, open_db, open_page


def open_target(**params: str) -> AppTest:
    return open_page("pages/targets.py", timeout=90, **params)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def metric(at: AppTest, prefix: str):
    return next(m for m in at.metric if m.label.startswith(prefix))


def boxes(at: AppTest) -> str:
    return " ".join(b.body for b in [*at.success, *at.info, *at.warning, *at.error])


def url(at: AppTest, name: str) -> str | None:
    v = at.query_params.get(name)
    return v[0] if isinstance(v, list) else v


def test_the_target_picker_names_the_plan_without_the_region_the_title_already_shows(app_env):
    at = open_target(r="65")
    assert not at.exception
    assert at.title[0].value == "Target: Provinsi Kalimantan Utara"
    assert at.selectbox(key="t_widget").options[0] == "RPJMD 2025–2029 (≥ 65,00, 2029)"  # whole at 1280 px


# ---- one set of figures, each naming its years (issue 10, item 6) ----


def test_the_kpis_and_the_sdsn_status_name_their_years_and_share_one_observed_pace(app_env):
    at = open_target(r="65")
    assert not at.exception
    m = metrics(at)
    assert m["Nilai terakhir (2025)"] == "54,47"
    assert m["Perlu naik/tahun 2025→2029"] == "2,63"
    assert m["Laju/tahun 2021–2025"] == "+3,79"
    status = boxes(at)
    assert "Laju teramati 3,79 per tahun (2021–2025)" in status  # the same pace as the KPI, same years
    assert "dari 2021 ke 2029 (3,21 per tahun)" in status and "dari 2025 masih perlu 2,63 per tahun" in status
    assert any("laju teramati \\+3,79 per tahun \\(2021–2025\\)" in md.value for md in at.markdown)


def test_the_chart_legend_names_the_years_of_the_required_path_and_the_projection(app_env):
    at = open_target(r="64.74")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {tr.get("name") for tr in spec["data"]}
    assert {"Jalur yang dibutuhkan (2025→2029)", "Proyeksi (laju 2021–2025)"} <= names


def test_the_figures_speak_english_with_their_years(app_env):
    at = open_target(r="65", lang="en")
    m = metrics(at)
    assert m["Pace/year 2021–2025"] == "+3.79" and m["Needed/year 2025→2029"] == "2.63"


# ---- what-if by the target year's rules (item 7) ----


def test_a_2029_target_is_simulated_with_the_2029_rules_and_the_page_says_so(app_env):
    at = open_target(r="65")
    assert any("Profil 2025 dinilai dengan aturan 2029: 47,99" in md.value for md in at.markdown)
    assert metrics(at)["Skor awal (profil 2025, aturan 2029)"] == "47,99"
    assert "Predikat (aturan 2029, batas 2025)" in metrics(at)
    assert any("Aturan tahun target (2029) dipakai sebagai bawaan" in c.value for c in at.caption)
    assert "tercapai menurut aturan 2029" in boxes(at)
    assert url(at, "ry") is None  # the default is not written into the URL


def test_a_target_beyond_the_last_rule_year_uses_the_latest_rules_and_says_so(app_env):
    at = open_target(r="65", ty="2035")
    assert not at.exception
    assert at.selectbox(key="ry_widget").value == 2029
    assert any(
        "Aturan 2035 belum ada dalam data; dipakai aturan terbaru yang tersedia (2029)" in c.value for c in at.caption
    )


def test_the_rule_year_follows_the_target_year_until_a_person_picks_one(app_env):
    at = open_target(r="65")
    at.number_input(key="ty_widget").set_value(2027).run()
    assert at.selectbox(key="ry_widget").value == 2027
    at.selectbox(key="ry_widget").set_value(2025).run()
    assert url(at, "ry") == "2025"
    assert "Skor simulasi (aturan 2025)" in metrics(at)
    assert any("dipilih sendiri: 2025" in c.value for c in at.caption)
    at.number_input(key="ty_widget").set_value(2028).run()
    assert at.selectbox(key="ry_widget").value == 2025  # a choice made by hand stays


def test_a_rule_year_in_the_url_opens_the_what_if_with_those_rules(app_env):
    at = open_target(r="65", ry="2025")
    assert metrics(at)["Skor awal (profil 2025, aturan 2025)"] == "54,47"
    assert metrics(at)["Predikat (aturan 2025, batas 2025)"] == "Inovatif"


@pytest.mark.parametrize("code", ["65", "64.74", "61.71", "64.01", "11"])
@pytest.mark.parametrize("ry", [None, "2025"])
def test_an_unedited_what_if_shows_exactly_the_starting_score(app_env, code, ry):
    # before: Kaltara 54,48 (+0,01) and Bontang 62,35 (−0,01) with nothing edited
    at = open_target(r=code, **({"ry": ry} if ry else {}))
    assert not at.exception
    start, now = metric(at, "Skor awal"), metric(at, "Skor simulasi")
    assert now.value == start.value and not now.proto.delta


def test_more_innovations_move_the_what_if_score_and_show_the_change(app_env):
    at = open_target(r="65")
    at.number_input(key="wi_n_65_2025").set_value(80).run()
    now = metric(at, "Skor simulasi")
    assert now.value != metric(at, "Skor awal").value and now.proto.delta


# ---- saved scenarios: reopen whole, keep the list (item 3) ----


def save_on_page(at: AppTest, name: str) -> None:
    next(t for t in at.text_input if t.label == "Nama skenario").input(name)
    next(b for b in at.button if b.label == "Simpan skenario").click().run()


def test_a_saved_scenario_reopens_with_target_year_gain_rules_counts_and_levels(app_env):
    at = open_target(r="65")
    at.text_input(key="v_widget").input("70").run()
    at.number_input(key="ty_widget").set_value(2027).run()
    at.text_input(key="g_widget").input("2,5").run()
    at.selectbox(key="ry_widget").set_value(2026).run()
    at.number_input(key="wi_n_65_2025").set_value(40).run()
    at.number_input(key="wi_bs_65_2025").set_value(6).run()
    saved_score = metric(at, "Skor simulasi").value
    save_on_page(at, "Empat puluh inovasi")
    assert not at.exception and "tersimpan" in boxes(at)

    again = open_target(r="65")  # a new session, on the page's defaults
    assert url(again, "ty") is None and metric(again, "Skor simulasi").value != saved_score
    next(b for b in again.button if b.label == "Buka").click().run()
    assert not again.exception
    assert again.text_input(key="v_widget").value == "70,00"
    assert again.number_input(key="ty_widget").value == 2027
    assert again.text_input(key="g_widget").value == "2,50"
    assert again.selectbox(key="ry_widget").value == 2026
    assert again.number_input(key="wi_n_65_2025").value == 40
    assert again.number_input(key="wi_bs_65_2025").value == 6
    assert metric(again, "Skor simulasi (aturan 2026)").value == saved_score
    assert (url(again, "v"), url(again, "ty"), url(again, "g"), url(again, "ry")) == ("70", "2027", "2.5", "2026")
    assert "“Empat puluh inovasi” dibuka" in boxes(again)
    # the list stays, with its buttons
    assert any("Empat puluh inovasi" in md.value for md in again.markdown)
    assert [b.label for b in again.button].count("Buka") == 1


def test_a_reopened_scenario_brings_back_its_indicator_levels_exactly(app_env):
    db = open_db(app_env)
    base = queries.latest_profile(db, "64.74")
    rule, inds = queries.rule_years(db)[2029], queries.indicators(db, 2029)
    low = sorted(c for c, level in base["profile"].levels.items() if level < 2)[:2]  # room to improve
    edited = whatif.apply(base["profile"], dict.fromkeys(low, 3.0))
    expected = compute(edited, rule, inds).score
    assert len(low) == 2 and expected > compute(base["profile"], rule, inds).score
    payload = {
        "target": {"value": 65.0, "year": 2029, "choice": "custom"},
        "rule_year": 2029,
        "n": base["profile"].n_innovations,
        "basic_services": base["profile"].basic_services,
        "levels": dict(edited.levels),
    }
    scenarios.save(db, "Video dan replikasi", "64.74", payload, actor=ADMIN)
    db.close()
    at = open_target(r="64.74")
    next(b for b in at.button if b.label == "Buka").click().run()
    assert not at.exception
    assert metric(at, "Skor simulasi (aturan 2029)").value == f"{expected:.2f}".replace(".", ",")
    assert metric(at, "Skor simulasi").value != metric(at, "Skor awal").value
    # and the person can go back to the region's own profile
    next(b for b in at.button if b.label.startswith("Kembali ke profil")).click().run()
    assert metric(at, "Skor simulasi").value == metric(at, "Skor awal").value


def test_deleting_a_scenario_removes_it_and_keeps_the_page(app_env):
    at = open_target(r="65")
    save_on_page(at, "Sementara")
    next(b for b in at.button if b.label == "Hapus").click().run()
    assert not at.exception
    assert not any("Sementara" in md.value for md in at.markdown)
    assert any("Belum ada skenario tersimpan" in c.value for c in at.caption)


# ---- 2.000 saved scenarios (issue 16, item 11) ----


def add_many(path: Path, code: str, n: int) -> None:
    db = open_db(path)
    payload = json.dumps({"target": {"value": 65.0, "year": 2029, "choice": "custom"}, "rule_year": 2029, "score": 60})
    with db.transaction() as cur:
        db.bump(cur, f"scenarios:{code}")
        cur.execute(
            """insert into scenarios (scenario_id, name, region_code, author, created_at, payload)
               select i, 'Skenario ' || i, ?, 'Penguji', timestamp '2026-01-01' + to_seconds(i), ?
               from range(1, ? + 1) t(i)""",
            [code, payload, n],
        )
    db.close()


def test_two_thousand_saved_scenarios_draw_one_page_of_buttons(app_env):
    add_many(app_env, "64.74", 2000)
    at = open_target(r="64.74")
    assert not at.exception
    assert len(at.button) <= 45  # 20 × (Buka, Hapus) and the form's button, not 4.042
    assert any("2.000 skenario · halaman 1 dari 100" in c.value for c in at.caption)
    listed = [md.value for md in at.markdown if md.value.startswith("**Skenario ")]
    assert len(listed) == 20 and listed[0].startswith("**Skenario 2000**")
    at.number_input(key="sc_page").set_value(100).run()
    assert [md.value for md in at.markdown if md.value.startswith("**Skenario ")][-1].startswith("**Skenario 1**")


def test_searching_the_scenarios_narrows_the_list_and_returns_to_the_first_page(app_env):
    add_many(app_env, "64.74", 2000)
    at = open_target(r="64.74")
    at.number_input(key="sc_page").set_value(7).run()
    at.text_input(key="sc_search").input("Skenario 150").run()
    listed = [md.value for md in at.markdown if md.value.startswith("**Skenario ")]
    assert [v.split("**")[1] for v in listed] == [
        "Skenario 1509",
        "Skenario 1508",
        "Skenario 1507",
        "Skenario 1506",
        "Skenario 1505",
        "Skenario 1504",
        "Skenario 1503",
        "Skenario 1502",
        "Skenario 1501",
        "Skenario 1500",
        "Skenario 150",
    ]
    at.text_input(key="sc_search").input("tidak ada").run()
    assert any("Tidak ada skenario yang cocok" in c.value for c in at.caption)


def test_the_what_if_says_how_much_the_change_of_rules_alone_moves_the_score(app_env):
    # Kaltara's 2025 profile: 54,47 under the 2025 rules, 47,99 under 2029's (k = 18, all six affairs required)
    at = open_target(r="65")
    assert any("Perubahan aturan saja: −6,48 poin" in c.value for c in at.caption)


def test_a_target_is_typed_the_indonesian_way_and_text_that_is_not_a_number_keeps_the_last_value(app_env):
    at = open_target(r="65")
    box = at.text_input(key="v_widget")
    assert box.value == "65,00"  # shown as the reader writes it
    box.input("70,5").run()
    assert not at.exception and at.query_params["v"] in ("70.5", ["70.5"])
    at.text_input(key="v_widget").input("tujuh puluh").run()
    assert not at.exception and at.query_params["v"] in ("70.5", ["70.5"])  # kept
    assert any("bukan angka" in c.value for c in at.caption)
    at.text_input(key="v_widget").input("150").run()
    assert any("di luar rentang 0–100" in c.value for c in at.caption)
    at.text_input(key="g_widget").input("").run()
    assert "g" not in at.query_params  # an empty gain means: follow the trend
    en = open_target(r="65", lang="en")
    assert en.text_input(key="v_widget").value == "65.00"


def test_one_saved_scenario_is_counted_in_the_singular_in_english(app_env):
    add_many(app_env, "64.74", 1)
    at = open_target(r="64.74", lang="en")
    assert not at.exception
    assert any(c.value.startswith("1 scenario · page 1 of 1") for c in at.caption), [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pangkalpinangs_2025_target_shows_that_it_was_missed_with_the_figures_and_the_chart(app_env, lang):
    """Its stored target (100 proposals in 2025) ends in the latest year with data: once a red box and nothing else."""
    at = open_target(r="19.71", lang=lang)
    assert not at.exception
    box = " ".join(b.body for b in at.error)
    want = {"id": "Target 100 pada 2025 tidak tercapai", "en": "The 2025 target of 100 was not met"}[lang]
    assert want in box and {"id": "Tidak tercapai", "en": "Not met"}[lang] in box
    latest = metric(at, {"id": "Nilai terakhir (2025)", "en": "Latest value (2025)"}[lang])
    assert latest.value == "77" and metric(at, {"id": "Selisih", "en": "Gap"}[lang]).value == "23"
    assert [c for c in at.get("plotly_chart")]  # the chart of the counts against the target
    assert "year_past" not in box and "sudah lewat" not in box
    # the counts come from the register's sample innovations: marked as sample data, as every other figure
    assert any({"id": "Data contoh", "en": "Sample data"}[lang] in w.body for w in at.warning)


def test_a_count_of_sample_innovations_is_sample_data_and_no_data_at_all_in_a_published_only_view(app_env):
    from iid import queries

    db = open_db(app_env)
    counts = queries.metric_series(db, "19.71", "innovation_count")
    assert counts["is_sample"].all() and counts["value"].tolist() == [19.0, 24.0, 77.0]
    assert queries.metric_series(db, "19.71", "innovation_count", published_only=True).empty
    at = open_target(r="19.71", pub="1")
    assert not at.exception
    assert "Belum ada data untuk daerah dan ukuran ini" in " ".join(b.body for b in at.error)


def test_a_chart_of_innovation_counts_carries_no_score_band_changes_and_no_path_once_the_year_is_over(app_env):
    from iid import figures

    fig = figures.target(
        open_db(app_env), "19.71", 100.0, 2025, ">=", "innovation_count", None, False, None, None, "id"
    )
    names = [tr.name for tr in fig.data]
    assert not any("Jalur" in (n or "") for n in names)  # 2025 → 2025 is no path
    assert not [a for a in fig.layout.annotations if a.name == "rule_change"]  # "Batas Sangat Inovatif naik" is not
    # about proposals


def test_scenarios_side_by_side_are_labelled_and_written_in_the_readers_number_format(app_env):
    at = open_target(r="65")
    at.number_input(key="wi_n_65_2025").set_value(40).run()
    save_on_page(at, "Empat puluh inovasi")
    ids = [int(b.key.removeprefix("open_")) for b in at.button if b.key and b.key.startswith("open_")]
    at.multiselect(key="sc_compare").set_value(ids[:1]).run()
    assert not at.exception
    table = at.dataframe[-1].value
    assert list(table.columns) == [
        "Skenario",
        "Skor",
        "SPD (poin)",
        "SID (poin)",
        "Jumlah inovasi (poin)",
        "Inovasi dilaporkan",
        "Urusan pelayanan dasar",
    ]
    assert "Empat puluh inovasi" in set(table["Skenario"])
    assert all("," in score and "." not in score for score in table["Skor"])  # 58,41, not 58.41


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "Metode: panah tren Sustainable Development Report SDSN (linier)"),
        ("en", "Method: SDSN Sustainable Development Report trend arrows (linear)"),
    ],
)
def test_the_status_method_is_named_in_the_readers_language(app_env, lang, said):
    at = open_page("pages/targets.py", r="65", lang=lang)
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert said in captions
    assert lang == "en" or "trend arrows" not in captions
