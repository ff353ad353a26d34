from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iid import queries, whatif
from iid.rules import Indicator, Profile, RuleYear, compute

RULE = RuleYear(2023, 10, 0.38, 200, 0, 250)
INDS = [
    Indicator("a", "SPD", "A", 2),
    Indicator("b", "SPD", "B", 1),
    Indicator("x", "SID", "X", 4),
    Indicator("y", "SID", "Y", 1),
]


def test_goal_seek_takes_the_lever_with_most_points_per_step_first():
    # n = 10 = k, so SID counts fully: +1 level of x = 4 points, of a = 2, of b = 1, of y = 1; one innovation = 0,38
    start = Profile({"a": 0, "b": 0, "x": 0, "y": 0}, 10, 6)
    target = (12 + 2) / 250 * 100 + compute(start, RULE, INDS).exact  # x to its cap (3 steps), then one level of a
    g = whatif.goal_seek(start, RULE, INDS, target)
    assert g.reachable and g.effort == 4
    assert [(s.lever, s.before, s.after) for s in g.steps] == [("x", 0, 3), ("a", 0, 1)]


def test_goal_seek_says_clearly_when_the_target_is_above_the_maximum():
    g = whatif.goal_seek(Profile({}, 5, 6), RULE, INDS, 99.9)
    assert not g.reachable and g.reason == "above_maximum"


def test_goal_seek_reports_a_target_already_met():
    g = whatif.goal_seek(Profile({"a": 3, "x": 3}, 30, 6), RULE, INDS, 1.0)
    assert g.reachable and g.reason == "already_met" and g.steps == []


def test_reporting_more_innovations_is_a_lever_below_k():
    full = {i.code: 3.0 for i in INDS}  # every indicator at its maximum: only n can still add points
    g = whatif.goal_seek(Profile(full, 4, 6), RULE, INDS, compute(Profile(full, 5, 6), RULE, INDS).exact)
    assert g.reachable and [s.lever for s in g.steps] == [whatif.INNOVATIONS]


def test_covering_the_sixth_basic_service_is_a_lever_when_the_rule_requires_it():
    rule = RuleYear(2027, 14, 0.38, 200, 6, 250)
    full = {i.code: 3.0 for i in INDS}
    g = whatif.goal_seek(Profile(full, 20, 5), rule, INDS, compute(Profile(full, 20, 6), rule, INDS).exact)
    assert g.reachable and g.steps[0].lever == whatif.SERVICES


@settings(max_examples=60, deadline=None)
@given(
    levels=st.dictionaries(st.sampled_from(["a", "b", "x", "y"]), st.sampled_from([0.0, 1.0, 2.0, 3.0])),
    n=st.integers(0, 40),
    bs=st.integers(0, 6),
    target=st.floats(0, 100),
)
def test_goal_seek_reaches_the_target_whenever_it_is_reachable(levels, n, bs, target):
    prof = Profile(levels, n, bs)
    g = whatif.goal_seek(prof, RULE, INDS, target)
    reachable = whatif.max_score(prof, RULE, INDS) >= target - 1e-9
    assert g.reachable == reachable
    if reachable:
        assert compute(g.profile, RULE, INDS).exact >= target - 1e-9


def test_goal_seek_on_the_shipped_data_reaches_kaltaras_65_01(full_db):
    base = queries.latest_profile(full_db, "65")
    rule = queries.rule_years(full_db)[base["year"]]
    inds = queries.indicators(full_db, base["year"])
    g = whatif.goal_seek(base["profile"], rule, inds, 65.01)
    assert g.reachable and round(g.end_score, 2) >= 65.01
    assert sum(s.points for s in g.steps) == pytest.approx(g.end_score - g.start_score, abs=0.05)


def test_the_editor_table_carries_exact_levels_so_reading_it_back_changes_nothing():
    # a mean level over innovations such as 1,6667 used to be shown as 1,67 and read back as an edit (+0,01)
    prof = Profile({"a": 1.0, "x": 5 / 3, "y": 2.3333}, 7, 6)
    rows = whatif.indicator_table(prof, RULE, INDS)
    back = whatif.apply(prof, {r["code"]: r["level"] for r in rows})
    assert compute(back, RULE, INDS).exact == compute(prof, RULE, INDS).exact


def test_only_levels_a_person_changed_count_as_edits_and_a_cleared_cell_is_level_zero():
    rows = whatif.indicator_table(Profile({"a": 1.0, "x": 5 / 3}, 7, 6), RULE, INDS)
    edited = pd.DataFrame(rows)
    assert whatif.changed_levels(rows, zip(edited["code"], edited["level"], strict=True)) == {}
    edited.loc[edited["code"] == "a", "level"] = 3.0
    edited.loc[edited["code"] == "x", "level"] = None
    assert whatif.changed_levels(rows, zip(edited["code"], edited["level"], strict=True)) == {"a": 3.0, "x": 0.0}


def test_an_unedited_what_if_equals_the_starting_score_exactly_in_every_region(full_db):
    """Kaltara showed 54,48 (+0,01) and Bontang 62,35 (−0,01) with no edit: rounded levels read back as edits."""
    rules = queries.rule_years(full_db)
    profiles = queries.all_latest_profiles(full_db)
    assert len(profiles) > 500
    moved = []
    for rule_year in sorted({2025, 2029} & set(rules)):
        rule, inds = rules[rule_year], queries.indicators(full_db, rule_year)
        for code, base in profiles.items():
            prof = base["profile"]
            start = compute(prof, rule, inds)
            rows = whatif.indicator_table(prof, rule, inds)
            shown = pd.DataFrame(rows)  # what the page hands the editor and reads back when nothing is typed
            edits = whatif.changed_levels(rows, zip(shown["code"], shown["level"], strict=True))
            # and as the page hands it: the level as text ('1,27'), read back untouched
            edits |= whatif.changed_levels(rows, [(r["code"], whatif.level_text(r["level"], "id")) for r in rows])
            as_read = whatif.apply(prof, {r["code"]: r["level"] for r in rows})
            now = compute(
                whatif.apply(prof, edits, n=prof.n_innovations, basic_services=prof.basic_services), rule, inds
            )
            if edits or now.exact != start.exact or compute(as_read, rule, inds).score != start.score:
                moved.append((rule_year, code, start.score, now.score))
    assert moved == []


def test_the_editor_writes_levels_the_indonesian_way_and_reads_back_untouched_text_as_no_edit():
    prof = Profile({"a": 1.0, "x": 5 / 3, "y": 2.3333}, 7, 6)
    rows = whatif.indicator_table(prof, RULE, INDS)
    texts = {r["code"]: whatif.level_text(r["level"], "id") for r in rows}
    assert texts["a"] == "1" and texts["x"] == "1,67" and texts["y"] == "2,33"
    assert whatif.level_text(5 / 3, "en") == "1.67"
    shown = [(code, text) for code, text in texts.items()]
    assert whatif.changed_levels(rows, shown, "id") == {}  # '1,67' stands for the exact 1,6667
    assert whatif.changed_levels(rows, [("a", "2,5"), ("x", "1.5"), ("y", "")], "id") == {"a": 2.5, "x": 1.5, "y": 0.0}


def test_a_level_that_is_no_number_from_0_to_3_is_named_and_changes_nothing():
    rows = whatif.indicator_table(Profile({"a": 1.0, "x": 2.0}, 7, 6), RULE, INDS)
    typed = [("a", "tiga"), ("x", "4"), ("y", "-1"), ("z", "1,5")]
    assert whatif.changed_levels(rows, typed, "id") == {}  # z is no indicator shown; the others are no levels
    assert whatif.invalid_levels(typed) == [("a", "tiga"), ("x", "4"), ("y", "-1")]
    pattern = re.compile(whatif.LEVEL_PATTERN)
    assert all(pattern.match(t) for t in ["0", "3", "1,5", "2.25", " 2 ", "", "3,0", "2,"])
    assert not any(pattern.match(t) for t in ["4", "3,5", "-1", "tiga", ".5", "1,,5"])
    assert whatif.read_level("2,") == 2.0 and whatif.read_level(".5") is None
