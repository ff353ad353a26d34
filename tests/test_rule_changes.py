from __future__ import annotations

import pytest

from iid import queries
from iid.rule_changes import RuleChange, in_span, lowest_score, rule_changes, run_text, runs
from iid.rules import Band, RuleYear


def band(year: int, predicate: str, lo: float, inclusive: bool, hi: float, status: str = "confirmed") -> Band:
    return Band(year, predicate, lo, inclusive, hi, status)


def rule(year: int, k: int = 10, factor: float = 0.38, cap: int = 200, basic: int = 0, status: str = "confirmed"):
    return RuleYear(year, k, factor, cap, basic, 250.0, status)


@pytest.fixture
def shipped(published_db):
    return rule_changes(queries.bands(published_db), queries.rule_years(published_db))


def test_shipped_data_has_exactly_these_rule_changes(shipped):
    # data/published/predicate_bands.csv and rule_years.csv, worked by hand:
    # 2022 → 2023: Sangat Inovatif from 60,00 inclusive to above 60 (60,01); Inovatif from 30,00 to 35,00.
    # 2024 → 2025: Sangat Inovatif from above 60 to above 65 (Kepmendagri 400.10.11-6097/2025: 65,01–100).
    # 2025 → 2026: Inovatif from 35,00 to above 40 (40,01); k 10 → 12; basic services 0 → 5 of 6.
    # 2026 → 2027: k 12 → 14, basic services 5 → 6; then k 16 in 2028, 18 in 2029. Nothing changes in 2022 or 2024.
    got = [(c.year, c.kind, c.predicate, c.before, c.after) for c in shipped]
    assert got == [
        (2023, "band", "Sangat Inovatif", 60.0, 60.01),
        (2023, "band", "Inovatif", 30.0, 35.0),
        (2025, "band", "Sangat Inovatif", 60.01, 65.01),
        (2026, "band", "Inovatif", 35.0, 40.01),
        (2026, "k_min", None, 10, 12),
        (2026, "basic_services_required", None, 0, 5),
        (2027, "k_min", None, 12, 14),
        (2027, "basic_services_required", None, 5, 6),
        (2028, "k_min", None, 14, 16),
        (2029, "k_min", None, 16, 18),
    ]


def test_the_2025_band_change_is_confirmed_and_the_uncertain_ones_are_not(shipped):
    by_key = {(c.year, c.kind, c.predicate): c for c in shipped}
    assert by_key[(2025, "band", "Sangat Inovatif")].confirmed  # both 2024 and 2025 top bands are confirmed
    assert not by_key[(2023, "band", "Inovatif")].confirmed  # 2021–2022 bands are 'uncertain'
    assert not by_key[(2026, "k_min", None)].confirmed  # 2026 rules come from unofficial tools


@pytest.mark.parametrize(
    ("year", "kind", "lang", "text"),
    [
        (2025, "band", "id", "Batas Sangat Inovatif naik: ≥60,01 → ≥65,01"),
        (2025, "band", "en", "Very Innovative threshold up: ≥60.01 → ≥65.01"),
        (2023, "band", "id", "Batas Sangat Inovatif naik: ≥60 → ≥60,01"),
        (2026, "k_min", "id", "k: 10 → 12"),
        (2026, "basic_services_required", "id", "Urusan pelayanan dasar wajib: 0 → 5 dari 6"),
        (2026, "basic_services_required", "en", "Basic services required: 0 → 5 of 6"),
    ],
)
def test_labels_use_the_real_values(shipped, year, kind, lang, text):
    first = next(c for c in shipped if c.year == year and c.kind == kind)
    assert first.text(lang) == text


def test_short_labels_drop_the_verb():
    c = RuleChange(2025, 2024, "band", 60.01, 65.01, "Sangat Inovatif")
    assert c.short("id") == "Sangat Inovatif: ≥60,01 → ≥65,01"
    assert c.short("en") == "Very Innovative: ≥60.01 → ≥65.01"


@pytest.mark.parametrize(
    ("b", "expected"),
    [
        (band(2021, "Sangat Inovatif", 60.0, True, 100), 60.0),  # '60,00–100'
        (band(2024, "Sangat Inovatif", 60.0, False, 100), 60.01),  # 'lebih dari 60'
        (band(2025, "Sangat Inovatif", 65.0, False, 100), 65.01),  # '65,01–100'
    ],
)
def test_lowest_score_is_the_smallest_two_decimal_score_that_earns_the_band(b, expected):
    assert lowest_score(b) == expected


def test_an_upper_limit_that_only_follows_the_band_above_is_not_a_change_of_its_own():
    # 2024 → 2025: Inovatif's upper limit moves from 60 to 65 only because Sangat Inovatif moved.
    bands = {
        2024: [band(2024, "Sangat Inovatif", 60, False, 100), band(2024, "Inovatif", 35, True, 60)],
        2025: [band(2025, "Sangat Inovatif", 65, False, 100), band(2025, "Inovatif", 35, True, 65)],
    }
    assert [(c.predicate, c.direction) for c in rule_changes(bands)] == [("Sangat Inovatif", "up")]


def test_a_lowered_new_and_dropped_band_are_named():
    bands = {
        2030: [band(2030, "Inovatif", 40, True, 70), band(2030, "Kurang Inovatif", 0, False, 39.99)],
        2031: [band(2031, "Inovatif", 35, True, 70), band(2031, "Sangat Inovatif", 70, False, 100)],
    }
    texts = [c.text("id") for c in rule_changes(bands)]
    assert texts == [
        "Predikat baru Sangat Inovatif: ≥70,01",
        "Batas Inovatif turun: ≥40 → ≥35",
        "Predikat Kurang Inovatif dihapus (tadinya ≥0,01)",
    ]


def test_count_rule_changes_are_found_and_formatted():
    changes = rule_changes(rule_years={2030: rule(2030), 2031: rule(2031, factor=0.4, cap=150)})
    assert [c.text("id") for c in changes] == ["Poin per inovasi: 0,38 → 0,40", "Inovasi dihitung maks.: 200 → 150"]
    assert [c.text("en") for c in changes] == [
        "Points per innovation: 0.38 → 0.40",
        "Innovations counted, max.: 200 → 150",
    ]


def test_a_gap_in_the_years_compares_with_the_previous_year_held():
    changes = rule_changes(rule_years={2021: rule(2021), 2024: rule(2024, k=12)})
    assert [(c.previous_year, c.year, c.kind) for c in changes] == [(2021, 2024, "k_min")]


def test_no_tables_or_one_year_give_no_changes():
    assert rule_changes() == []
    assert rule_changes({2025: [band(2025, "Inovatif", 35, True, 65)]}, {2025: rule(2025)}) == []


def test_in_span_keeps_the_changes_between_two_shown_years(shipped):
    assert {c.year for c in in_span(shipped, 2021, 2025)} == {2023, 2025}
    assert in_span(shipped, 2025, 2025) == []


def test_runs_join_one_rule_changing_in_consecutive_years(shipped):
    texts = [run_text(r, "id") for r in runs(in_span(shipped, 2025, 2029))]
    assert texts == [
        "Batas Inovatif naik: ≥35 → ≥40,01",
        "k: 10 → 12 → 14 → 16 → 18 (2026–2029)",
        "Urusan pelayanan dasar wajib: 0 → 5 → 6 dari 6 (2026–2027)",
    ]
    # the two Sangat Inovatif rises (2023, 2025) are not consecutive: two runs
    assert [len(r) for r in runs(in_span(shipped, 2021, 2025))] == [1, 1, 1]


def test_a_run_breaks_when_the_direction_turns():
    changes = rule_changes(rule_years={2030: rule(2030), 2031: rule(2031, k=12), 2032: rule(2032, k=11)})
    assert [run_text(r, "en") for r in runs(changes)] == ["k: 10 → 12", "k: 12 → 11"]
