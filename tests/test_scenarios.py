import pytest

from iid import scenarios
from iid.build import build


def test_scenarios_are_saved_listed_and_deleted(writable_db):
    db, _ = writable_db
    sid = scenarios.save(db, "Tambah inovasi", "65", "Bidang Litbang", {"n": 30, "levels": {"sid_video": 3}})
    rows = scenarios.list_for(db, "65")
    assert rows["name"].tolist() == ["Tambah inovasi"] and rows["payload"][0]["n"] == 30
    assert scenarios.get(db, sid)["author"] == "Bidang Litbang"
    scenarios.delete(db, sid)
    assert scenarios.list_for(db, "65").empty


def test_a_scenario_needs_a_name(writable_db):
    db, _ = writable_db
    with pytest.raises(scenarios.ScenarioError):
        scenarios.save(db, "   ", "65", None, {})


def test_saved_scenarios_survive_a_rebuild_of_the_database(writable_db):
    from pathlib import Path

    db, path = writable_db
    scenarios.save(db, "Skenario A", "64.74", None, {"n": 12})
    db.close()
    build(Path(__file__).resolve().parent.parent / "data", path)
    from iid.db import Database

    again = Database(path)
    assert scenarios.list_for(again, "64.74")["name"].tolist() == ["Skenario A"]
    again.close()
