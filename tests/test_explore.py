import pandas as pd
import pytest

from iid import explore, queries


def test_standings_give_rank_and_percentile_nationally_and_in_the_province():
    data = pd.DataFrame(
        {
            "region_code": ["a", "b", "c", "d"],
            "year": [2025] * 4,
            "score": [80.0, 60.0, 60.0, 40.0],
            "province_code": ["1", "1", "2", "2"],
        }
    )
    s = explore.standings(data, ["b", "d"], 2025)
    assert (s["b"].rank_national, s["b"].of_national, s["b"].percentile_national) == (2, 4, 0.75)
    assert (s["b"].rank_province, s["b"].of_province) == (2, 2)
    assert (s["d"].rank_national, s["d"].percentile_national, s["d"].rank_province) == (4, 0.25, 2)


def test_compare_keeps_the_selection_order_so_each_region_keeps_its_colour(full_db):
    comp = explore.compare(full_db, ["64.74", "61.71"])
    assert list(dict.fromkeys(comp.series["region_code"])) == ["64.74", "61.71"]
    assert comp.latest["region_code"].tolist() == ["64.74", "61.71"]


def test_compare_brings_national_and_provincial_averages_as_context(full_db):
    comp = explore.compare(full_db, ["64.74"])
    scopes = set(comp.refs["scope"])
    assert "national" in scopes and "64" in scopes
    nat = comp.refs[(comp.refs["scope"] == "national") & (comp.refs["year"] == 2025)].iloc[0]
    assert nat["n"] == 93  # all kota


@pytest.mark.parametrize("how", ["kind", "province", "predicate", "top10"])
def test_peers_are_regions_of_the_same_kind(full_db, how):
    picks = explore.peers(full_db, "64.74", how)
    assert 1 <= len(picks) <= 10
    kinds = set(full_db.df("select kind from regions where code in (select unnest(?))", [picks])["kind"])
    assert kinds == {"kota"}
    if how != "top10":
        assert picks[0] == "64.74"
    if how == "province":
        assert all(p.startswith("64.") for p in picks)


def test_indicator_matrix_orders_the_costliest_indicators_first_and_names_three_weakest(full_db):
    m = explore.indicator_matrix(full_db, ["64.74", "61.71"])
    assert (m["points"] <= m["max_points"] + 1e-9).all()
    order = explore.indicator_order(m)
    gaps = m.groupby("code")["loss_vs_best"].max()
    assert gaps[order[0]] == gaps.max()
    weak = explore.weakest(m, "64.74")
    assert len(weak) == 3 and weak["loss"].is_monotonic_decreasing


def test_points_of_all_indicators_add_up_to_the_formula_score_without_the_count_part(full_db):
    from iid import queries
    from iid.rules import compute

    m = explore.indicator_matrix(full_db, ["65"])
    base = queries.latest_profile(full_db, "65")
    b = compute(base["profile"], queries.rule_years(full_db)[base["year"]], queries.indicators(full_db, base["year"]))
    assert m["points"].sum() == pytest.approx((b.spd + b.sid) / 250 * 100)


def test_movers_list_the_biggest_rises_and_falls():
    data = pd.DataFrame(
        {
            "region_code": ["a", "b", "c"] * 2,
            "year": [2024] * 3 + [2025] * 3,
            "score": [50, 50, 50, 60, 45, 52],
            "display_name": ["A", "B", "C"] * 2,
            "score_is_sample": [False] * 6,
        }
    )
    up, down = explore.movers(data, 2025, n=1)
    assert up["region_code"].tolist() == ["a"] and down["region_code"].tolist() == ["b"]


def test_summary_is_written_from_the_data(full_db):
    comp = explore.compare(full_db, ["65"], published_only=True)
    sentences = explore.summary(comp.series, "provinsi", "id", queries.bands(full_db), comp.coverage_years)
    assert sentences[0] == (
        "Skor IID 2023: 45,86 (dipublikasikan), predikat Inovatif; peringkat 23 dari 38 provinsi (dipublikasikan)."
    )


def test_a_published_rank_without_the_number_ranked_is_shown_as_the_rank_alone(published_db):
    """Kota Mojokerto was published "peringkat 1" among all kota (2023) with no count: no "/0", no percentile, no crash."""
    from iid import figures
    from iid.story import build_story

    comp = explore.compare(published_db, ["35.76", "64.74"], published_only=True)
    s = comp.standings["35.76"]
    assert (s.rank_national, s.of_national, s.percentile_national) == (1, 0, None)
    assert s.national_rank_text == "1"
    labels = list(figures.compare_latest(published_db, ("35.76", "64.74"), True, "id").data[0].text)
    mojokerto = next(x for x in labels if "#1" in x)
    assert "#1/" not in mojokerto and "P" not in mojokerto
    row = next(r for r in explore.standings_table(comp, "id") if r["Daerah"].startswith("Kota Mojokerto"))
    assert (row["Peringkat nasional"], row["Persentil"]) == ("1", "–")
    story = " ".join(" ".join([sc.headline, *sc.lines]) for sc in build_story(published_db, "35.76", "id", True))
    assert "dari 0" not in story


def test_a_region_alone_in_its_kind_and_year_has_no_peers_but_itself(published_db):
    """Published-only, Kab. Tegal is the only kabupaten with a 2025 score: its nearest peers are none, never a blank
    code (an empty frame given a longer Series took that Series' rows, and the story crashed on a missing code)."""
    assert explore.peers(published_db, "33.28", "kind", published_only=True) == ["33.28"]


def _same_fields(a, b) -> None:
    """Two results field by field: frames with the same values, types and index; everything else by its repr."""
    import dataclasses

    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y, check_exact=True)
            assert list(x.index) == list(y.index), f.name
        else:
            assert repr(x) == repr(y), f.name


SELECTIONS = [
    ["64.74"],
    ["64"],
    ["64.01"],
    ["64.74", "61.71"],
    ["61.71", "64.74", "64", "73.10", "19.71", "11.01"],
    ["65", "65.04"],
    ["91.03", "94", "11"],
    ["31.71"],
    ["31.71", "64.74"],
    ["19.71", "61.71", "65"],
]


@pytest.mark.parametrize("published_only", [False, True])
def test_a_comparison_cut_from_the_shared_whole_tables_equals_the_one_read_region_by_region(
    full_db, published_db, published_only
):
    for db in (full_db, published_db):
        for codes in SELECTIONS:
            for lang in ("id", "en"):
                _same_fields(
                    explore.compare(db, codes, published_only, lang),
                    explore.compare(db, codes, published_only, lang, reads=explore.Shared()),
                )


@pytest.mark.parametrize("published_only", [False, True])
def test_an_overview_cut_from_the_shared_whole_tables_equals_the_one_read_for_its_region(
    full_db, published_db, published_only
):
    for db in (full_db, published_db):
        for code in {c for codes in SELECTIONS for c in codes}:
            _same_fields(
                queries.overview(db, code, published_only),
                queries.overview(db, code, published_only, reads=explore.Shared()),
            )


def test_rows_cut_from_a_frame_get_the_types_the_query_for_them_alone_gives(full_db):
    sql = """select * from (values (1, true, 'a', date '2020-01-01'), (null, null, null, null))
             t(i, b, s, d) where i is not distinct from ? or ? order by i"""
    whole = full_db.df(sql, [None, True])
    for i in (1, None):
        cut = explore.as_queried(whole[whole["i"].isna()] if i is None else whole[whole["i"] == i])
        pd.testing.assert_frame_equal(cut, full_db.df(sql, [i, False]), check_exact=True)
    pd.testing.assert_frame_equal(
        explore.as_queried(whole[whole["s"] == "x"]), full_db.df(sql + " limit 0", [1, False])
    )


def test_an_overview_of_an_unknown_region_cut_from_the_shared_tables_says_so(full_db):
    from iid.errors import UnknownRegion

    with pytest.raises(UnknownRegion):
        queries.overview(full_db, "99.99", reads=explore.Shared())
