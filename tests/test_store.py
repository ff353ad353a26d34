"""The PostgreSQL store (iid/store.py): what every app server and the command line share.

Each StoreDatabase below stands for one process (an app server, the command line): its own DuckDB copy and its own
connection to the store. The rest of the suite runs every writer on both stores (tests/conftest.py writable_db).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iid import auth, cli, dataio, scenarios, store
from iid import register as R
from iid.db import DatabaseUnavailable
from tests.conftest import ADMIN, ROOT, app_test, fingerprint

CODE = "64.74"


def import_scores(db, text: str, name: str = "skor.csv") -> dataio.ImportResult:
    pv = dataio.preview(db, text.encode(), name, "scores")
    return dataio.apply(db, pv, actor=ADMIN)


def same_as_store(db, url: str) -> list[str]:
    """Tables whose rows differ between a process's copy and a fresh read of the store."""
    tables = store.base_tables(db)
    with store.open_store(url) as fresh:
        want, got = store.checksums_duckdb(fresh, tables), store.checksums_duckdb(db, tables)
    return [t for t in tables if want[t] != got[t]]


@pytest.fixture
def two_servers(pg_url):
    """Two processes' copies of one store (two app servers)."""
    a, b = store.open_store(pg_url), store.open_store(pg_url)
    yield a, b
    a.close()
    b.close()


def test_the_store_schema_has_every_table_and_column_of_the_duckdb_schema(pg_url, full_db):
    import psycopg

    with psycopg.connect(pg_url) as con:
        cols = con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = 'public' "
            "and table_name not in ('store_changes', 'store_meta') order by table_name, ordinal_position"
        ).fetchall()
    want = full_db.rows(
        "select table_name, column_name from duckdb_columns() where schema_name = 'main' "
        "and table_name not like 'mv_%' and table_name not in (select view_name from duckdb_views()) "
        "order by table_name, column_index"
    )
    assert cols == want


def test_a_fresh_copy_of_the_store_holds_every_row_of_the_database_it_was_loaded_from(pg_url, full_db):
    with store.open_store(pg_url) as db:
        tables = store.base_tables(full_db)
        assert store.checksums_duckdb(db, tables) == store.checksums_duckdb(full_db, tables)
        for derived in ("mv_scores", "mv_scores_published", "mv_coverage"):
            assert db.scalar(f"select count(*) from {derived}") == full_db.scalar(f"select count(*) from {derived}")


def test_every_kind_of_write_reaches_the_store_whole(pg_url, tmp_path):
    """Each writer, then a fresh read of the store: the same rows as the writing process's copy, table by table."""
    db = store.open_store(pg_url)
    try:
        done = import_scores(db, "region_code,year,score\n64.74,2025,71.5\n61.71,2025,66.25\n")
        assert same_as_store(db, pg_url) == []
        pv = dataio.preview(
            db, b"region_code,year,indicator_code,level\n64.74,2025,n_innovations,40\n", "ind.csv", "indicators"
        )
        last = dataio.apply(db, pv, actor=ADMIN)
        assert same_as_store(db, pg_url) == []
        dataio.undo(db, last.import_id, actor=ADMIN)
        assert same_as_store(db, pg_url) == []
        dataio.undo(db, done.import_id, actor=ADMIN)
        assert same_as_store(db, pg_url) == []
        reg = R.register(db, CODE)
        first = reg["innovation_id"].iloc[0]
        R.save(db, CODE, [], {first: {"evidence": "https://bontangkota.go.id/bukti"}}, [], actor=ADMIN)
        assert same_as_store(db, pg_url) == []
        R.save(db, CODE, [], {}, [reg["innovation_id"].iloc[1]], actor=ADMIN)  # a deletion keeps its levels
        assert same_as_store(db, pg_url) == []
        batch = int(db.scalar("select max(batch_id) from register_log"))
        R.undo_batch(db, batch, actor=ADMIN)
        assert same_as_store(db, pg_url) == []
        sid = scenarios.save(db, "Jalur 65", CODE, {"target": 65}, actor=ADMIN)
        scenarios.delete(db, sid, actor=ADMIN)
        assert same_as_store(db, pg_url) == []
        auth.grant(db, ADMIN, "rina@bontangkota.go.id", "editor", CODE, name="Rina")
        auth.revoke(db, ADMIN, "rina@bontangkota.go.id")
        assert same_as_store(db, pg_url) == []
        src = db.scalar("select source_id from sources where kind = 'published' order by source_id limit 1")
        old = db.records("select * from sources where source_id = ?", [src])[0]
        dataio.save_source(
            db, source_id=src, kind="published", title=old["title"] + " (diperbaiki)", publisher=old["publisher"],
            url=old["url"], document_ref=old["document_ref"], published_date=old["published_date"], note=None,
            actor=ADMIN,
        )  # fmt: skip
        assert same_as_store(db, pg_url) == []
    finally:
        db.close()


def test_a_write_in_one_process_reaches_another_within_two_seconds(two_servers, pg_url):
    a, b = two_servers
    stamp = b.version("scores")
    import_scores(a, "region_code,year,score\n64.74,2025,71.5\n")
    t0 = time.monotonic()
    while b.version("scores") == stamp and time.monotonic() - t0 < 5:
        time.sleep(0.05)
    waited = time.monotonic() - t0
    assert waited < 2.0
    got = b.scalar("select score from iid_scores where region_code = '64.74' and year = 2025 and status = 'final'")
    assert float(got) == 71.5
    assert b.reloads >= 1


def test_two_servers_saving_the_same_innovation_from_the_same_view_the_first_save_wins_and_the_second_is_told(
    two_servers, pg_url
):
    a, b = two_servers
    reg = R.register(b, CODE)
    first = reg["innovation_id"].iloc[0]
    seen = R.versions(reg)  # both people opened the same register
    R.save(a, CODE, [], {first: {"evidence": "https://a.example/bukti"}}, [], base=seen, actor=ADMIN)
    with pytest.raises(R.EditConflict) as info:  # B has not polled yet: the write itself catches up first
        R.save(b, CODE, [], {first: {"status": "terverifikasi"}}, [], base=seen, actor=ADMIN)
    assert info.value.rows[first]["evidence"] == "https://a.example/bukti"  # B is shown what A saved
    assert same_as_store(b, pg_url) == []
    with store.open_store(pg_url) as c:
        row = R.register(c, CODE).set_index("innovation_id").loc[first]
        assert row["evidence"] == "https://a.example/bukti" and row["status"] != "terverifikasi"


def test_an_import_on_one_server_during_a_register_edit_on_another_keeps_both(two_servers, pg_url):
    a, b = two_servers
    reg = R.register(b, CODE)
    seen = R.versions(reg)
    first = reg["innovation_id"].iloc[0]
    import_scores(a, "region_code,year,score\n64.74,2025,71.5\n")
    R.save(b, CODE, [], {first: {"evidence": "https://b.example/bukti"}}, [], base=seen, actor=ADMIN)
    with store.open_store(pg_url) as c:
        assert c.scalar("select count(*) from imports") == 1
        assert R.register(c, CODE).set_index("innovation_id").loc[first, "evidence"] == "https://b.example/bukti"


def test_the_command_line_imports_while_an_app_holds_the_store_and_the_app_shows_it(pg_url, tmp_path):
    app = store.open_store(pg_url)  # the serving app's process
    try:
        stamp = app.version("scores")
        good = tmp_path / "good.csv"
        good.write_text("region_code,year,score\n64.74,2025,71.5\n", encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-m", "iid", "--db", pg_url, "import", str(good)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        t0 = time.monotonic()
        while app.version("scores") == stamp and time.monotonic() - t0 < 5:
            time.sleep(0.05)
        assert app.scalar("select count(*) from imports") == 1
    finally:
        app.close()


KILLED_IMPORT = """
import sys, time
from pathlib import Path
from iid import auth, dataio, store
db = store.open_store(sys.argv[1])
real = store.StoreDatabase._push
def push_then_hang(self, cur, pg):
    out = real(self, cur, pg)  # the rows are in the store's open transaction, not committed
    Path(sys.argv[2]).write_text("pushed")
    time.sleep(60)
    return out
store.StoreDatabase._push = push_then_hang
pv = dataio.preview(db, b"region_code,year,score\\n64.74,2025,71.5\\n61.71,2025,66.25\\n", "skor.csv", "scores")
dataio.apply(db, pv, actor=auth.cli_actor())
"""


def test_an_import_killed_midway_leaves_nothing_in_the_store_and_the_next_write_goes_through(pg_url, tmp_path):
    before = fingerprint(pg_url)
    flag = tmp_path / "pushed"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, pg_url, str(flag)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    try:
        t0 = time.monotonic()
        while not flag.exists() and time.monotonic() - t0 < 60:
            assert proc.poll() is None, "the import ended before it was killed"
            time.sleep(0.05)
        assert flag.exists()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert fingerprint(pg_url) == before  # the store rolled the killed transaction back, lock and all
    with store.open_store(pg_url) as db:
        import_scores(db, "region_code,year,score\n64.74,2025,71.5\n")  # the write lock died with the process
        assert db.scalar("select count(*) from imports") == 1


def test_a_write_when_the_store_went_away_says_so_and_changes_nothing_here(pg_server, pg_template):
    url = pg_server.create_db("going_away", template=pg_template)
    db = store.open_store(url)
    try:
        before = db.scalar("select count(*) from iid_scores")
        pg_server.drop_db("going_away")  # the server cuts every connection to it
        with pytest.raises(DatabaseUnavailable) as info:
            import_scores(db, "region_code,year,score\n64.74,2025,71.5\n")
        assert info.value.reason == "store_lost" and "tidak ada yang tersimpan" in info.value.text("id")
        assert db.scalar("select count(*) from iid_scores") == before  # the copy rolled back too
    finally:
        db.close()


def test_a_reader_whose_store_went_away_keeps_serving_its_copy_and_logs_why(pg_server, pg_template, caplog):
    url = pg_server.create_db("reader_away", template=pg_template)
    db = store.open_store(url)
    try:
        before = db.scalar("select count(*) from iid_scores")
        pg_server.drop_db("reader_away")
        with caplog.at_level("WARNING", logger="iid.store"):
            assert db.refresh(force=True) is False
            assert db.refresh(force=True) is False
        assert caplog.text.count("cannot catch up") == 1 and "reader_away" in caplog.text  # once per outage
        assert "password" not in caplog.text.lower()
        assert db.scalar("select count(*) from iid_scores") == before  # pages go on reading what they had
    finally:
        db.close()


def test_the_app_says_a_store_lost_during_a_page_in_words_not_a_traceback(app_env, monkeypatch):
    """app.py runs every page inside one guard (AppTest's switch_page skips app.py, so the page is made to fail)."""

    from iid import ui

    def lost(*args, **kwargs):
        raise DatabaseUnavailable("store_lost", "postgresql://iid@db.example/iid", "server closed the connection")

    monkeypatch.setattr(ui, "overview_page", lost)
    at = app_test(60)
    at.query_params["region"] = CODE
    at.run()
    assert not at.exception
    assert any("terputus saat menyimpan; tidak ada yang tersimpan" in e.body for e in at.error)


def test_an_undo_button_whose_write_the_store_lost_says_so_in_words_not_a_traceback(app_env, monkeypatch):
    """A button's callback runs before the page script, outside app.py's guard around page.run (ui.callback)."""

    from tests.conftest import open_db

    db = open_db(app_env)
    done = dataio.apply(
        db, dataio.preview(db, b"kode;tahun;skor\r\n64.74;2025;61,23\r\n", "h.csv", "scores"), actor=ADMIN
    )
    db.close()

    def lost(*args, **kwargs):
        raise DatabaseUnavailable("store_lost", "postgresql://iid@db.example/iid", "server closed the connection")

    monkeypatch.setattr(dataio, "undo", lost)
    at = app_test(60)
    at.run()  # app.py once, so switch_page keeps it around the page (as a browser does)
    at.query_params["dtab"] = "Riwayat impor"
    at.switch_page("pages/data_in.py").run()
    at.button(key=f"undo_{done.import_id}").click().run()
    assert not at.exception
    assert any("terputus saat menyimpan; tidak ada yang tersimpan" in e.body for e in at.error)
    at.run()
    assert not any("terputus saat menyimpan" in e.body for e in at.error)  # said once


def test_every_callback_that_writes_is_guarded_against_a_lost_store():
    """Writes name who writes (`ui.actor()`): every widget callback in pages/ and iid/ui.py that asks wears
    @ui.callback."""
    import ast

    pages = sorted((ROOT / "pages").glob("*.py")) + [ROOT / "iid" / "ui.py"]
    found = []
    for path in pages:
        tree = ast.parse(path.read_text())
        callbacks = {
            kw.value.id if isinstance(kw.value, ast.Name) else getattr(kw.value, "attr", None)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            for kw in node.keywords
            if kw.arg in ("on_click", "on_change", "on_submit")
        }
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef) or fn.name not in callbacks:
                continue
            writes = any(isinstance(n, ast.Call) and ast.unparse(n.func) == "ui.actor" for n in ast.walk(fn))
            guarded = any(ast.unparse(d) in ("ui.callback", "callback") for d in fn.decorator_list)
            if writes:
                found.append((path.name, fn.name, guarded))
    assert len(found) >= 6  # the undo buttons, the source form, scenario delete, the roles page's two
    assert [f for f in found if not f[2]] == []


def test_a_refused_import_leaves_the_store_as_it_was(pg_url):
    with store.open_store(pg_url) as db:
        before = fingerprint(pg_url)
        pv = dataio.preview(db, b"region_code,year,score\n64.74,2025,71.5\n", "skor.csv", "scores")
        viewer = auth.Actor(subject="x", email="x@example.org", name="X", kind="oidc")
        with pytest.raises(auth.Forbidden):
            dataio.apply(db, pv, actor=viewer)
        assert fingerprint(pg_url) == before
        assert db.scalar("select count(*) from imports") == 0


def test_migrate_copies_a_database_file_into_an_empty_store_and_checks_every_table(pg_server, writable_file_db, capsys):
    db, path = writable_file_db
    scenarios.save(db, "Jalur 65", CODE, {"target": 65}, actor=ADMIN)  # something a person entered
    db.close()
    url = pg_server.create_db("migrated")
    try:
        assert cli.main(["migrate", "--from", str(path), "--to", url]) == 0
        out = capsys.readouterr().out
        assert "checksum sama" in out and "scenarios" in out and "BEDA" not in out
        with store.open_store(url) as copy:
            assert copy.scalar("select name from scenarios") == "Jalur 65"
        assert cli.main(["migrate", "--from", str(path), "--to", url]) == 1  # not over a store that holds data
        assert "sudah berisi tabel" in capsys.readouterr().err
        assert cli.main(["--lang", "en", "migrate", "--from", str(path), "--to", url, "--replace"]) == 0
        assert "checksums equal" in capsys.readouterr().out
    finally:
        pg_server.drop_db("migrated")


def test_build_to_fills_a_fresh_store_and_its_export_builds_the_same_store_again(pg_server, tmp_path, capsys):
    url, again = pg_server.create_db("built"), pg_server.create_db("rebuilt")
    try:
        assert cli.main(["build", "--to", url]) == 0
        with store.open_store(url) as db:
            import_scores(db, "region_code,year,score\n64.74,2025,71.5\n")  # and something entered in the app
        assert cli.main(["--db", url, "export", str(tmp_path / "out")]) == 0
        assert cli.main(["build", "--from", str(tmp_path / "out"), "--to", again]) == 0
        with store.open_store(url) as a, store.open_store(again) as b:
            tables = store.base_tables(a)
            assert a.scalar("select count(*) from imports") == 1
            assert store.checksums_duckdb(a, tables) == store.checksums_duckdb(b, tables)
    finally:
        pg_server.drop_db("built")
        pg_server.drop_db("rebuilt")


def test_a_store_that_cannot_be_reached_or_is_empty_is_named_without_its_password(pg_server, capsys):
    bad = f"postgresql://iid:rahasia@127.0.0.1:{pg_server.port + 1}/nope"
    assert cli.main(["--db", bad, "status"]) == 1
    err = capsys.readouterr().err
    assert "tidak dapat dihubungi" in err and "rahasia" not in err and "Traceback" not in err
    url = pg_server.create_db("empty_store")
    try:
        with pytest.raises(DatabaseUnavailable) as info:
            store.open_store(url)
        assert "python -m iid build --to" in info.value.text("id")
    finally:
        pg_server.drop_db("empty_store")


def test_a_page_reads_the_store_and_shows_what_another_process_wrote_there(pg_url, monkeypatch):

    monkeypatch.setenv("IID_DB", pg_url)
    monkeypatch.chdir(ROOT)
    with store.open_store(pg_url) as other:  # the command line, or another app server
        import_scores(other, "region_code,year,score\n64.74,2026,88.12\n")
    at = app_test(60)
    at.query_params["region"] = CODE
    at.run()  # Ringkasan, the first page, as a link to the app opens it
    assert not at.exception
    text = " ".join(str(getattr(e, "value", "")) for kind in ("title", "header", "markdown", "metric", "caption")
                    for e in getattr(at, kind))  # fmt: skip
    assert "Kota Bontang" in text and "88,12" in text, text[:2000]
    shared = [c.value for c in at.sidebar.caption if "Penyimpanan bersama" in c.value]
    assert shared == [f"Penyimpanan bersama: PostgreSQL `{store.where(pg_url)}`"] and "iid@" not in shared[0]


def test_only_postgresql_addresses_are_stores_and_their_passwords_are_never_shown():
    assert store.is_url("postgresql://u@h/db") and store.is_url("postgres://u@h/db")
    assert not store.is_url(Path("data/iid.duckdb")) and not store.is_url("data/postgresql.duckdb")
    assert store.safe_url("postgresql://iid:rahasia@db.example:5432/iid") == "postgresql://iid:***@db.example:5432/iid"
    assert store.where("postgresql://iid:rahasia@db.example:5432/iid") == "db.example:5432/iid"
    assert store.where("postgresql://iid@db.example/iid") == "db.example/iid"
