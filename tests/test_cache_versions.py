"""A write clears only what it changes: versions per kind of data (Database.bump/version) and the app's caches."""

from __future__ import annotations

import shutil

import pytest

from iid import register as R
from iid import ui
from iid.db import Database
from tests.conftest import ADMIN, app_test


def test_a_write_counts_only_for_the_names_it_bumps_and_only_once_it_commits():
    db = Database(":memory:")
    db.rows("create table t (x int)")
    before = db.version("scores", "register:64.74", "register:61.71")
    with db.transaction() as cur:
        cur.execute("insert into t values (1)")
        db.bump(cur, "register:64.74")
        assert db.version("register:64.74") == (before[0], before[1], 0)  # not before the commit
    after = db.version("scores", "register:64.74", "register:61.71")
    assert after[2] == before[2]  # scores untouched
    assert after[3] == before[3] + 1  # Bontang's register moved
    assert after[4] == before[4]  # Pontianak's did not


def test_a_write_that_rolls_back_changes_no_version():
    db = Database(":memory:")
    db.rows("create table t (x int)")
    before = db.version("scores")
    with pytest.raises(RuntimeError), db.transaction() as cur:
        db.bump(cur, "scores")
        raise RuntimeError("stop")
    assert db.version("scores") == before


def test_a_write_that_names_nothing_changes_every_version():
    db = Database(":memory:")
    db.rows("create table t (x int)")
    before = db.version("scores", "register:64.74")
    with db.transaction() as cur:
        cur.execute("insert into t values (1)")
    after = db.version("scores", "register:64.74")
    assert after != before and after[1] == before[1] + 1


def test_bump_refuses_an_unknown_name_and_a_call_outside_a_transaction():
    db = Database(":memory:")
    with pytest.raises(RuntimeError, match="inside"):
        db.bump(db.cursor(), "scores")
    with pytest.raises(ValueError, match="unknown"), db.transaction() as cur:
        db.bump(cur, "everything")


@pytest.fixture
def app_db(built_db_path, tmp_path):
    """A writable copy opened through the app's own connection cache (ui.get_db), as a page would."""
    path = tmp_path / "iid.duckdb"
    shutil.copy(built_db_path, path)
    yield str(path), ui.get_db(str(path))
    ui.get_db.clear()


def counting(monkeypatch, module, name):
    calls: list[tuple] = []
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(args[1:])
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_a_register_save_recomputes_that_regions_register_and_nothing_else(app_db, monkeypatch):
    from iid import queries

    path, db = app_db
    reg_calls = counting(monkeypatch, R, "register")
    ov_calls = counting(monkeypatch, queries, "overview")
    bontang = ui.register(path, "64.74")
    ui.register(path, "61.71")
    ui.overview(path, "64.74", False)
    assert len(reg_calls) == 2 and len(ov_calls) == 1
    ids = bontang["innovation_id"].tolist()
    R.save(db, "64.74", [], {}, [ids[0]], actor=ADMIN)
    after = ui.register(path, "64.74")  # recomputed: the deleted row is gone
    ui.register(path, "61.71")  # Pontianak's register: from the cache
    ui.overview(path, "64.74", False)  # scores: from the cache
    assert ids[0] not in after["innovation_id"].tolist()
    assert reg_calls == [(path_code,) for path_code in ("64.74", "61.71", "64.74")]
    assert len(ov_calls) == 1


def test_an_import_recomputes_score_results_but_no_register(app_db, monkeypatch):
    from iid import dataio, queries

    path, db = app_db
    reg_calls = counting(monkeypatch, R, "register")
    ov_calls = counting(monkeypatch, queries, "overview")
    first = ui.overview(path, "64.74", False)
    ui.register(path, "64.74")
    dataio.import_file_bytes(
        db,
        b"kode,tahun,skor\n64.74,2026,71.5\n",
        "skor.csv",
        actor=ADMIN,
        publisher="Bapperida Kota Bontang",
        source_title="Uji",
    )
    again = ui.overview(path, "64.74", False)
    ui.register(path, "64.74")
    assert len(ov_calls) == 2 and len(reg_calls) == 1
    assert 2026 in again.series["year"].tolist() and 2026 not in first.series["year"].tolist()


def test_figures_are_shared_between_reruns_and_rebuilt_after_a_write_to_scores(app_db):
    from iid import dataio

    path, db = app_db
    a = ui.figure(path, "overview_trend", "64.74", False, "id")
    assert ui.figure(path, "overview_trend", "64.74", False, "id") is a  # no unpickling per rerun
    dataio.import_file_bytes(db, b"kode,tahun,skor\n64.74,2026,71.5\n", "skor.csv", actor=ADMIN, source_title="Uji")
    b = ui.figure(path, "overview_trend", "64.74", False, "id")
    assert b is not a
    assert 2026 in [x for tr in b.data for x in (tr.x or ())]


def same_result(a, b) -> None:
    """Two cached results hold equal values: frames equal up to float rounding, everything else equal."""
    import dataclasses

    import pandas as pd

    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y, check_exact=False, rtol=1e-9)
        else:
            assert repr(x) == repr(y), f.name


@pytest.mark.parametrize("page_file", ["overview.py", "compare.py", "trend.py", "targets.py", "presentation.py"])
def test_pages_never_change_the_shared_cached_results_they_read(app_env, page_file):
    """overview() and comparison() are shared between sessions (cache_resource): a page that changed one in place
    would change what every other person sees. After each page runs, they equal a fresh computation."""
    import pandas as pd

    from iid import explore, queries

    at = app_test(120)
    at.query_params["r"] = "64.74,61.71" if page_file == "compare.py" else "64.74"
    at.switch_page(f"pages/{page_file}").run()
    at.run()
    assert not at.exception
    path = str(app_env)
    db = ui.get_db(path)
    same_result(ui.overview(path, "64.74", False), queries.overview(db, "64.74", False))
    codes = ("64.74", "61.71") if page_file == "compare.py" else ("64.74",)
    same_result(ui.comparison(path, codes, False, "id"), explore.compare(db, list(codes), False, "id"))
    pd.testing.assert_frame_equal(ui.targets(path, "64.74"), queries.targets(db, "64.74"))
    import json

    import plotly.io as pio

    from iid import figures

    name, args = {
        "overview.py": ("overview_trend", ("64.74", False, "id")),
        "compare.py": ("compare_latest", (codes, False, "id")),
    }.get(page_file, ("trend_main", ("64.74", False, "id")))
    shared = ui.figure(path, name, *args)
    assert isinstance(shared, ui.SharedFigure)
    drawn, fresh = (json.loads(pio.to_json(f, validate=False)) for f in (shared, figures.build(db, name, *args)))
    for d in (drawn, fresh):
        d["layout"].pop("template", None)  # the default theme depends on what Streamlit registered first
    assert drawn == fresh  # what is drawn is what was built


def test_a_line_worked_out_from_a_shared_result_is_made_once_and_kept_on_it_but_never_on_nothing():
    import pandas as pd

    made: list[int] = []

    def make() -> str:
        made.append(1)
        return f"line {len(made)}"

    sources = pd.DataFrame({"publisher": ["Kemendagri"]})
    assert ui.once(sources, "_line_id", make) == ui.once(sources, "_line_id", make) == "line 1"
    assert ui.once(sources, "_line_en", make) == "line 2"  # another name, another value
    assert ui.once(None, "_line_id", make) == "line 3" and ui.once(None, "_line_id", make) == "line 4"
    assert ui.once(pd.DataFrame({"publisher": ["Kemendagri"]}), "_line_id", make) == "line 5"  # a copy: its own


def test_a_cached_function_carries_the_signature_of_the_function_it_wraps_worked_out_once():
    """Streamlit names each argument of a cache key from the function's signature; signed() works it out once,
    the same one inspect gives, so every key stays as it was."""
    import functools
    import inspect

    def read(db_path: str, code: str, published_only: bool = False): ...

    @functools.wraps(read)
    def keyed(*args, v, **kwargs): ...

    assert "__signature__" not in keyed.__dict__
    assert ui.signed(keyed).__dict__["__signature__"] == inspect.signature(read)
