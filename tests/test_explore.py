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
