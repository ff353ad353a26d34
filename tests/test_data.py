"""Data rules, one test per rule, run against the shipped data."""

import pytest

from iid import check, queries
from iid.db import Database


@pytest.mark.parametrize(
    ("rule", "sql"),
    [
        (
            "region-year-source keys are unique",
            "select count(*) - count(distinct (region_code, year, source_id)) from iid_scores",
        ),
        ("every score is 0–100", "select count(*) from iid_scores where score < 0 or score > 100"),
        (
            "every score names a known region",
            "select count(*) from iid_scores s anti join regions r on r.code = s.region_code",
        ),
        ("every figure has a source", "select count(*) from iid_scores s anti join sources x using (source_id)"),
        (
            "sample rows point to a sample source",
            "select count(*) from iid_scores s join sources x using (source_id) where s.status = 'sample' and x.kind <> 'sample'",
        ),
        (
            "published sources carry a URL or a document",
            "select count(*) from sources where kind = 'published' and url is null and document_ref is null",
        ),
        (
            "every year with scores has bands",
            "select count(distinct year) from iid_scores where year not in (select year from predicate_bands)",
        ),
        (
            "indicator weights add up to 21 (SPD) and 37 (SID) each year",
            "select count(*) from (select rule_year, sum(weight) filter (where aspect='SPD') spd, sum(weight) filter (where aspect='SID') sid from indicators group by 1) where spd <> 21 or sid <> 37",
        ),
    ],
)
def test_data_rule_holds(full_db: Database, rule, sql):
    assert full_db.scalar(sql) == 0, rule


def test_check_reports_no_errors_and_shows_the_known_conflicts(full_db):
    findings = check.run(full_db)
    assert [f for f in findings if f.severity == "error"] == []
    details = " ".join(f.detail for f in findings)
    assert "Kalimantan Selatan 2024" in details  # 51,74 vs 51,71
    assert "Kota Serang 2022" in details  # 60,56 reported as Inovatif


def test_sample_scores_reproduce_by_the_formula_from_their_indicators(full_db):
    assert not [f for f in check.run(full_db) if f.rule == "sample_formula_mismatch"]
    assert full_db.scalar("select count(*) from innovation_profiles") >= 2700


def test_published_scores_win_over_sample_scores(full_db):
    s = queries.scores(full_db, ["65"])
    row = s[s["year"] == 2023].iloc[0]
    assert float(row["score"]) == 45.86 and row["score_is_published"] and not row["score_is_sample"]
    assert full_db.scalar("select count(*) from v_scores where score_is_sample and score_is_published") == 0


def test_both_sides_of_a_conflict_are_kept(full_db):
    s = queries.scores(full_db, ["63"])
    row = s[s["year"] == 2024].iloc[0]
    assert bool(row["conflict"]) and float(row["score"]) == 51.71 and float(row["score_max"]) == 51.74


@pytest.mark.parametrize(
    ("code", "year", "predicate"),
    [("64.74", 2024, "Sangat Inovatif"), ("61.71", 2024, "Sangat Inovatif"), ("64.74", 2022, "Inovatif")],
)
def test_sample_scores_lie_inside_a_published_predicates_band(full_db, code, year, predicate):
    s = queries.scores(full_db, [code])
    row = s[s["year"] == year].iloc[0]
    assert row["predicate"] == predicate and row["derived_predicate"] == predicate


def test_sample_follows_bontangs_published_decline_from_2021(full_db):
    s = queries.scores(full_db, ["64.74"]).set_index("year")["score"].astype(float)
    assert s[2021] > s[2022] > s[2023]


def test_provisional_and_self_estimated_scores_are_not_loaded(full_db):
    # Kab. Balangan 2025 97,60 (provisional), Kab. Bangli 2025 73,96 (self-estimate)
    assert full_db.scalar("select count(*) from iid_scores where score in (97.60, 73.96) and status <> 'sample'") == 0


def test_region_search_finds_a_region_by_any_part_of_its_name(full_db):
    assert queries.search_regions(full_db, "bontang")["code"].tolist()[0] == "64.74"
    assert queries.search_regions(full_db, "pangkalpinang")["code"].tolist()[0] == "19.71"
    assert queries.search_regions(full_db, "65")["code"].tolist()[0] == "65"


@pytest.mark.parametrize(
    ("table", "view"),
    [("mv_scores", "v_scores"), ("mv_scores_published", "v_scores_published"), ("mv_coverage", "v_coverage")],
)
def test_materialised_scores_equal_their_views(full_db, table, view):
    diff = f"select count(*) from ((select * from {table} except select * from {view}) union all (select * from {view} except select * from {table}))"
    assert full_db.scalar(diff) == 0
