"""Target logic on cases worked by hand, and properties that must hold for any input."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iid.targets import Target, TargetError, assess, mean_change, required_path, sdsn_status, year_reached


def test_kaltara_needs_about_19_points_from_its_published_2023_score():
    # IID.md: latest published 45,86 (2023), target ≥ 65,00 by 2029 → gap 19,14, 3,19 a year over 6 years
    p = assess([2023], [45.86], Target(65.0, 2029))
    assert round(p.gap, 2) == 19.14
    assert round(p.required_gain, 2) == 3.19
    assert p.status == "insufficient_data"  # one year: no trend status


def test_status_by_sdsn_ratio_worked_by_hand():
    # x0 = 40 (2021), xt = 46 (2024): g_obs = 2/yr; g_req = (65 − 40)/(2029 − 2021) = 3,125/yr; r = 0,64 → moderate
    p = assess([2021, 2022, 2023, 2024], [40, 42, 44, 46], Target(65.0, 2029))
    assert p.g_obs == pytest.approx(2.0) and p.g_req == pytest.approx(3.125)
    assert p.ratio == pytest.approx(0.64) and p.status == "moderate"
    assert p.trend == pytest.approx(2.0) and p.last_change == pytest.approx(2.0)
    # projection at the trend: 46 + 2 × 5 = 56 in 2029, 9 points short; reached in 2024 + ceil(19 / 2) = 2034
    assert p.projected_value == pytest.approx(56.0)
    assert p.year_reached == 2034


@pytest.mark.parametrize(
    ("x0", "xt", "status"),
    [(40, 53, "on_track"), (40, 48, "moderate"), (40, 41, "stagnating"), (40, 38, "decreasing"), (60, 66, "achieved")],
)
def test_sdsn_thresholds_give_each_status(x0, xt, status):
    # g_req = (65 − 40) / (2029 − 2021) = 3,125; r = ((xt − 40) / 4) / 3,125: 53 → 1,04; 48 → 0,64; 41 → 0,08
    assert sdsn_status(x0, xt, 2021, 2025, Target(65.0, 2029))[0] == status


def test_a_strict_target_needs_one_hundredth_more():
    t = Target(65.0, 2029, ">")
    assert t.threshold == 65.01 and not t.met_by(65.0) and t.met_by(65.01)


def test_an_assumed_gain_replaces_the_trend_in_the_projection():
    p = assess([2021, 2022, 2023], [40, 41, 42], Target(65.0, 2029), gain=5.0)
    assert p.projected_value == pytest.approx(42 + 5 * 6)
    assert p.year_reached == 2023 + math.ceil(23 / 5)


@pytest.mark.parametrize(
    ("years", "values", "target", "reason"),
    [([], [], Target(65, 2029), "no_data"), ([2021, 2025], [40, 50], Target(65, 2024), "year_past")],
)
def test_assess_says_clearly_when_a_target_cannot_be_assessed(years, values, target, reason):
    with pytest.raises(TargetError) as info:
        assess(years, values, target)
    assert info.value.reason == reason


def test_a_target_for_the_latest_year_with_data_that_was_not_met_is_missed_with_its_figures_not_an_error():
    # Pangkalpinang: 100 proposals in 2025, and 2025 is the latest year with data (77)
    p = assess([2023, 2024, 2025], [19, 24, 77], Target(100, 2025))
    assert p.status == "missed" and p.latest_year == 2025 and p.latest_value == 77
    assert p.gap == 23 and p.years_left == 0 and p.required_gain is None and p.projection == []
    assert p.year_reached == 2025 + math.ceil(23 / 29)  # at the observed pace ((77 − 19) / 2 a year)
    met = assess([2023, 2024, 2025], [19, 24, 100], Target(100, 2025))
    assert met.status == "achieved"


def test_not_at_this_pace_when_the_trend_is_flat_or_falling():
    assert year_reached(2025, 50, 0.0, Target(65, 2029)) is None
    assert year_reached(2025, 50, -1.0, Target(65, 2029)) is None


def test_the_mean_yearly_change_runs_from_the_first_to_the_last_point():
    assert mean_change([2021, 2022, 2023], [1, 3, 5]) == pytest.approx(2)
    assert mean_change([2021, 2022, 2025], [40, 60, 48]) == pytest.approx(2)  # (48 − 40) / 4, the middle ignored
    assert mean_change([2021], [1]) is None


def test_the_trend_shown_is_the_observed_gain_the_status_uses_not_a_second_pace():
    # a bumpy series where a least-squares slope (2,6) and the SDSN endpoint gain (3,0) would disagree
    p = assess([2021, 2022, 2023, 2024, 2025], [40, 48, 46, 50, 52], Target(65.0, 2029))
    assert p.trend == pytest.approx((52 - 40) / 4) == pytest.approx(p.g_obs)
    assert p.first_year == 2021 and p.latest_year == 2025
    # the projection runs at the same pace: 52 + 3 × 4 = 64 in 2029
    assert p.projected_value == pytest.approx(64.0)


def test_the_window_is_the_last_five_years_and_both_gains_are_measured_from_its_start():
    years, values = list(range(2018, 2026)), [10, 12, 14, 40, 42, 44, 46, 48]
    p = assess(years, values, Target(65.0, 2029))
    assert p.years_used == [2021, 2022, 2023, 2024, 2025] and p.first_year == 2021
    assert p.g_obs == pytest.approx((48 - 40) / 4) and p.g_req == pytest.approx((65 - 40) / (2029 - 2021))
    assert p.required_gain == pytest.approx((65 - 48) / (2029 - 2025))


@given(
    values=st.lists(st.floats(0, 100), min_size=3, max_size=8),
    target=st.floats(1, 100),
    ahead=st.integers(1, 10),
)
def test_whenever_a_status_is_computed_its_observed_gain_is_the_trend_shown(values, target, ahead):
    years = list(range(2021, 2021 + len(values)))
    p = assess(years, values, Target(target, years[-1] + ahead))
    assert p.g_obs == pytest.approx(p.trend)
    if p.projection:
        assert p.projection[1][1] - p.projection[0][1] == pytest.approx(p.trend)


@given(
    start=st.floats(0, 100),
    target=st.floats(0, 100),
    year=st.integers(2021, 2030),
    ahead=st.integers(1, 15),
    cmp=st.sampled_from([">=", ">"]),
)
def test_the_required_path_ends_exactly_at_the_target(start, target, year, ahead, cmp):
    t = Target(target, year + ahead, cmp)
    path = required_path(year, start, t)
    assert path[0] == (year, start)
    assert path[-1] == (year + ahead, t.threshold)
    assert len(path) == ahead + 1


@given(values=st.lists(st.floats(0, 100), min_size=1, max_size=6), target=st.floats(1, 100), ahead=st.integers(1, 10))
def test_the_year_reached_at_the_trend_meets_the_target(values, target, ahead):
    years = list(range(2021, 2021 + len(values)))
    p = assess(years, values, Target(target, years[-1] + ahead))
    if p.year_reached is not None and p.year_reached > years[-1]:
        assert values[-1] + p.trend * (p.year_reached - years[-1]) >= target - 1e-6
        assert values[-1] + p.trend * (p.year_reached - 1 - years[-1]) < target
