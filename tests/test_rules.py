from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iid import queries
from iid.rules import Band, Indicator, Profile, RuleYear, compute, minimum_for, predicate_for, rule_year_for

BANDS_2025 = [
    Band(2025, "Sangat Inovatif", 65.0, False, 100.0),
    Band(2025, "Inovatif", 35.0, True, 65.0),
    Band(2025, "Kurang Inovatif", 0.0, False, 34.99),
    Band(2025, "Tidak Dapat Dinilai", 0.0, True, 0.0),
]
BANDS_2021 = [
    Band(2021, "Sangat Inovatif", 60.0, True, 100.0),
    Band(2021, "Inovatif", 30.0, True, 59.99),
    Band(2021, "Kurang Inovatif", 0.0, False, 29.99),
    Band(2021, "Tidak Dapat Dinilai", 0.0, True, 0.0),
]


@pytest.mark.parametrize(
    ("score", "bands", "expected"),
    [
        (65.00, BANDS_2025, "Inovatif"),  # IID.md: under the 2025 bands exactly 65,00 is still Inovatif
        (65.01, BANDS_2025, "Sangat Inovatif"),
        (35.00, BANDS_2025, "Inovatif"),
        (34.99, BANDS_2025, "Kurang Inovatif"),
        (0.40, BANDS_2025, "Kurang Inovatif"),  # Kab. Pulau Taliabu 2021: 0,40 Kurang Inovatif
        (0.0, BANDS_2025, "Tidak Dapat Dinilai"),
        (60.00, BANDS_2021, "Sangat Inovatif"),  # 2021–2022 band starts at 60,00 inclusive
        (30.37, BANDS_2021, "Inovatif"),  # Kota Palangka Raya 2021, reported Inovatif
        (None, BANDS_2021, None),
    ],
)
def test_predicate_for_follows_each_years_bands(score, bands, expected):
    assert predicate_for(score, bands) == expected


def test_minimum_for_sangat_inovatif_in_2025_is_65_01():
    assert minimum_for("Sangat Inovatif", BANDS_2025) == 65.01


RULE = RuleYear(2023, k_min=10, count_factor=0.38, count_cap=200, basic_services_required=0, max_total=250)
INDS = [
    Indicator("a", "SPD", "A", weight=2),
    Indicator("b", "SPD", "B", weight=1),
    Indicator("x", "SID", "X", weight=3),
    Indicator("y", "SID", "Y", weight=4),
]


def test_compute_matches_a_score_worked_by_hand():
    # SPD = 2×3 + 1×1 = 7; SID mean = 3×2 + 4×1.5 = 12, n = 5 < k = 10 → 12 × 5/10 = 6;
    # count = 5 × 0,38 = 1,9; total 14,9 → IID = 14,9 / 250 × 100 = 5,96
    b = compute(Profile({"a": 3, "b": 1, "x": 2, "y": 1.5}, 5, 6), RULE, INDS)
    assert (b.spd, b.sid, round(b.count, 6), b.score) == (7, 6, 1.9, 5.96)


def test_more_innovations_above_k_stop_diluting_the_average():
    b10 = compute(Profile({"x": 2}, 10, 6), RULE, INDS)
    b20 = compute(Profile({"x": 2}, 20, 6), RULE, INDS)
    assert b10.sid == b20.sid == 6
    assert b20.count - b10.count == pytest.approx(10 * 0.38)


def test_count_score_is_zero_without_enough_basic_services():
    rule = RuleYear(2027, 14, 0.38, 200, 6, 250)
    assert compute(Profile({}, 30, 5), rule, INDS).count == 0
    assert compute(Profile({}, 30, 6), rule, INDS).count == pytest.approx(30 * 0.38)


def test_levels_above_the_maximum_are_capped():
    assert compute(Profile({"a": 9}, 0, 0), RULE, INDS).spd == 6


@given(
    levels=st.dictionaries(st.sampled_from(["a", "b", "x", "y"]), st.floats(0, 3), max_size=4),
    n=st.integers(0, 300),
    code=st.sampled_from(["a", "b", "x", "y"]),
    bump=st.floats(0, 3),
)
def test_raising_an_indicator_never_lowers_the_score(levels, n, code, bump):
    before = compute(Profile(levels, n, 6), RULE, INDS).exact
    raised = {**levels, code: min(3.0, levels.get(code, 0.0) + bump)}
    assert compute(Profile(raised, n, 6), RULE, INDS).exact >= before - 1e-9


def test_python_and_sql_derive_the_same_predicate_for_every_row(full_db):
    bands = queries.bands(full_db)
    rows = full_db.df("select year, score, derived_predicate from v_scores where score is not null")
    assert len(rows) > 2500
    wrong = [
        (r.year, r.score, r.derived_predicate)
        for r in rows.itertuples(index=False)
        if predicate_for(float(r.score), bands[r.year]) != r.derived_predicate
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("target_year", "expected"),
    [
        (2029, 2029),  # a 2029 target is simulated with the 2029 rules (k = 18, all six affairs)
        (2026, 2026),
        (2035, 2029),  # no 2035 rules in the data: the latest there are
        (2019, 2021),  # before the first rule year: the first
    ],
)
def test_a_target_year_is_simulated_with_its_own_rules_or_the_latest_before_it(target_year, expected):
    assert rule_year_for(target_year, range(2021, 2030)) == expected


def test_a_gap_in_the_rule_years_carries_the_earlier_rules_forward():
    assert rule_year_for(2027, [2023, 2026, 2029]) == 2026


def test_the_shipped_rules_cover_2029_so_kaltaras_rpjmd_target_uses_k_18(full_db):
    rules = queries.rule_years(full_db)
    assert rules[rule_year_for(2029, rules)].k_min == 18
