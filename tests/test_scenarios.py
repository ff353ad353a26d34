import pytest

from iid import scenarios
from iid.build import build
from tests.conftest import ADMIN


def test_scenarios_are_saved_listed_and_deleted(writable_db):
    db, _ = writable_db
    sid = scenarios.save(db, "Tambah inovasi", "65", {"n": 30, "levels": {"sid_video": 3}}, actor=ADMIN)
    rows = scenarios.list_for(db, "65")
    assert rows["name"].tolist() == ["Tambah inovasi"] and rows["payload"][0]["n"] == 30
    assert scenarios.get(db, sid)["author"] == ADMIN.name  # from the account, never typed
    scenarios.delete(db, sid, actor=ADMIN)
    assert scenarios.list_for(db, "65").empty


def test_a_scenario_needs_a_name(writable_db):
    db, _ = writable_db
    with pytest.raises(scenarios.ScenarioError):
        scenarios.save(db, "   ", "65", {}, actor=ADMIN)


def test_saved_scenarios_survive_a_rebuild_of_the_database(writable_file_db):
    from pathlib import Path

    db, path = writable_file_db
    scenarios.save(db, "Skenario A", "64.74", {"n": 12}, actor=ADMIN)
    db.close()
    build(Path(__file__).resolve().parent.parent / "data", path)
    from iid.db import Database

    again = Database(path)
    assert scenarios.list_for(again, "64.74")["name"].tolist() == ["Skenario A"]
    again.close()


def add_many(db, region_code: str, n: int) -> None:
    """n scenarios, one a second apart (ids and times rise together), in one statement."""
    import json

    payload = json.dumps({"target": {"value": 65.0, "year": 2029, "choice": "custom"}, "rule_year": 2029, "n": 20})
    with db.transaction() as cur:
        db.bump(cur, f"scenarios:{region_code}")
        cur.execute(
            """insert into scenarios (scenario_id, name, region_code, author, created_at, payload)
               select i, 'Skenario ' || i, ?, case when i % 2 = 0 then 'Bappeda' else 'Litbang' end,
                      timestamp '2026-01-01' + to_seconds(i), ?
               from range(1, ? + 1) t(i)""",
            [region_code, payload, n],
        )


def test_two_thousand_scenarios_come_twenty_to_a_page_newest_first(writable_db):
    db, _ = writable_db
    add_many(db, "64.74", 2000)
    first = scenarios.page(db, "64.74")
    assert (first.total, first.pages, first.page, len(first.rows)) == (2000, 100, 1, 20)
    assert [r["name"] for r in first.rows[:2]] == ["Skenario 2000", "Skenario 1999"]
    last = scenarios.page(db, "64.74", number=100)
    assert [r["name"] for r in last.rows[-2:]] == ["Skenario 2", "Skenario 1"]
    assert last.rows[0]["payload"]["rule_year"] == 2029


def test_a_page_number_beyond_the_last_page_shows_the_last_page(writable_db):
    db, _ = writable_db
    add_many(db, "64.74", 45)
    assert scenarios.page(db, "64.74", number=99).page == 3
    assert scenarios.page(db, "64.74", number=0).page == 1
    assert scenarios.page(db, "61.71").pages == 1 and scenarios.page(db, "61.71").rows == []


@pytest.mark.parametrize(
    ("query", "total"),
    # 45 from add_many (even ids by Bappeda) and ten more, 190–199; "19" matches 19 and 190–199
    [("skenario 19", 11), ("BAPPEDA", 22), ("  ", 55), ("%", 0), ("_", 0)],
)
def test_search_matches_name_or_author_and_takes_wildcards_literally(writable_db, query, total):
    db, _ = writable_db
    add_many(db, "64.74", 45)
    for i in range(190, 200):
        scenarios.save(db, f"Skenario {i}", "64.74", {}, actor=ADMIN)
    assert scenarios.page(db, "64.74", query).total == total


def test_restore_keeps_what_the_page_can_use_and_drops_the_rest():
    payload = {
        "target": {"value": 70, "year": 2027, "choice": "gone-target"},
        "gain": 2.5,
        "rule_year": 2031,  # not in the data
        "n": 40,
        "basic_services": 6,
        "levels": {"sid_video": 3, "spd_apbd": "junk", "sid_replikasi": 1.6667},
    }
    r = scenarios.restore(payload, ["t-1", "custom"], range(2021, 2030))
    assert (r.choice, r.value, r.year, r.gain, r.rule_year, r.n, r.basic_services) == (
        "custom",
        70.0,
        2027,
        2.5,
        None,
        40,
        6,
    )
    assert r.levels == {"sid_video": 3.0, "sid_replikasi": 1.6667}


def test_an_old_or_empty_payload_restores_to_nothing_rather_than_failing():
    r = scenarios.restore({}, ["custom"], [2025])
    assert (r.choice, r.value, r.year, r.gain, r.rule_year, r.n, r.levels) == (
        "custom",
        None,
        None,
        None,
        None,
        None,
        {},
    )


def test_a_saved_what_if_reopens_with_the_same_score_to_the_last_digit(writable_db):
    from iid import queries, whatif
    from iid.rules import compute

    db, _ = writable_db
    base = queries.latest_profile(db, "65")
    rule, inds = queries.rule_years(db)[2029], queries.indicators(db, 2029)
    current = whatif.apply(base["profile"], {"sid_video": 3.0}, n=30, basic_services=6)
    payload = {"levels": dict(current.levels), "n": 30, "basic_services": 6}
    sid = scenarios.save(db, "Video dan 30 inovasi", "65", payload, actor=ADMIN)
    r = scenarios.restore(scenarios.get(db, sid)["payload"], ["custom"], [2029])
    again = whatif.apply(base["profile"], r.levels, n=r.n, basic_services=r.basic_services)
    assert compute(again, rule, inds).exact == compute(current, rule, inds).exact
