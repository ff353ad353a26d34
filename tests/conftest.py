"""Shared fixtures: the built database once per session (read-only), fresh in-memory ones per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iid import auth
from iid.build import build, memory_db
from iid.db import Database

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
APP = str(ROOT / "app.py")
# Who the tests write as: the local user of `make run` (every right). tests/test_auth.py checks the other roles.
ADMIN = auth.local_actor()


def app_test(timeout: float = 60):
    """A session of the app (AppTest) past its first page, as every session is a second into it: its pages draw
    everything in one run. A fresh browser's first run, where a long page's rest waits for the first chart
    (ui.after_first_chart), is a state of its own: tests/test_first_chart.py opens it with AppTest."""
    from streamlit.testing.v1 import AppTest

    from iid import ui

    at = AppTest.from_file(APP, default_timeout=timeout)
    at.session_state[ui.FIRST_PAGE_SENT] = True
    return at


def open_page(page: str, timeout: float = 60, **params: str):
    """Open a page the way a link does (AppTest): straight to it, with its URL parameters; one session of its own."""
    at = app_test(timeout)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(page)
    return at.run()


def bench_module(name: str):
    """bench/<name>.py as a module (bench/ is no package): the benchmark's helpers, such as its websocket client."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _serve_tests_on_loopback() -> None:
    """AppTest runs without a server, so `server.address` is unset, which in production means every interface and
    a read-only app without [auth] (iid.auth.serving_mode). Page tests stand for `make run`: the app on 127.0.0.1,
    one local user with every right. Tests of the other modes set the option themselves."""
    from streamlit import config

    config.set_option("server.address", "127.0.0.1")


_serve_tests_on_loopback()


@pytest.fixture(scope="session")
def built_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full database (published + sample) built from data/ once per test session."""
    path = tmp_path_factory.mktemp("db") / "iid.duckdb"
    build(DATA, path)
    return path


@pytest.fixture(scope="session", params=("duckdb", "postgresql"))
def full_db(request: pytest.FixtureRequest, built_db_path: Path) -> Database:
    """The full database for reading, on each store: the file, and a PostgreSQL store read through its copy."""
    if request.param == "duckdb":
        yield Database(built_db_path, read_only=True)
        return
    from iid.store import open_store

    server = request.getfixturevalue("pg_server")
    url = server.create_db("iid_read", template=request.getfixturevalue("pg_template"))
    db = open_store(url)
    yield db
    db.close()


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the tests of the shared store (iid/pgserver.py)."""
    from iid.pgserver import PostgresServer

    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="session")
def pg_template(pg_server, built_db_path: Path) -> str:
    """A PostgreSQL database holding the session's built database: each test gets a copy (create database … template)."""
    from iid.store import load_store

    url = pg_server.create_db("iid_template")
    with Database(built_db_path, read_only=True) as src:
        load_store(src, url)
    return "iid_template"


@pytest.fixture
def pg_url(request: pytest.FixtureRequest, pg_server, pg_template: str) -> str:
    """A fresh store (a copy of the built database) for one test; dropped after it."""
    import uuid

    name = f"t_{uuid.uuid4().hex[:12]}"
    url = pg_server.create_db(name, template=pg_template)
    yield url
    pg_server.drop_db(name)


@pytest.fixture
def writable_file_db(built_db_path: Path, tmp_path: Path) -> tuple[Database, Path]:
    """A private copy of the full database file that a test may write to (what only the DuckDB file does)."""
    path = tmp_path / "iid.duckdb"
    shutil.copy(built_db_path, path)
    db = Database(path)
    yield db, path
    db.close()


STORES = ("duckdb", "postgresql")


def reopen(target: Path | str) -> Database:
    """The database a test wrote to, opened again as another process would: the file, or the store's URL."""
    from iid.store import is_url, open_store

    return open_store(str(target)) if is_url(target) else Database(target, read_only=True)


def fingerprint(target: Path | str) -> object:
    """What a database holds, to show that a refused write changed nothing: the file's bytes, or every table's rows and
    checksum in the store."""
    from iid.store import base_tables, checksums_duckdb, is_url

    if not is_url(target):
        return Path(target).read_bytes()
    with reopen(target) as db:
        return checksums_duckdb(db, base_tables(db))


@pytest.fixture(params=STORES)
def writable_db(request: pytest.FixtureRequest, built_db_path: Path, tmp_path: Path):
    """A private, writable copy of the full database, on each store: the DuckDB file (db, path) and a PostgreSQL store
    read through its in-process copy (db, url). Every test that writes runs on both."""
    if request.param == "duckdb":
        path = tmp_path / "iid.duckdb"
        shutil.copy(built_db_path, path)
        db = Database(path)
        yield db, path
        db.close()
        return
    from iid.store import open_store

    url = request.getfixturevalue("pg_url")
    db = open_store(url)
    yield db, url
    db.close()


@pytest.fixture
def published_db() -> Database:
    """A fresh in-memory database of published data only."""
    db = memory_db(DATA, include_sample=False)
    yield db
    db.close()


@pytest.fixture(params=("duckdb", "postgresql"))
def app_env(request: pytest.FixtureRequest, built_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the app at a private, writable copy of the session database (the app saves scenarios), on each store:
    the DuckDB file (the value is its path) and a PostgreSQL store (its URL). Every page test runs on both."""
    monkeypatch.chdir(ROOT)
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        monkeypatch.setenv("IID_DB", url)
        yield url
        from iid import ui

        ui.get_db.clear()  # this test's store goes away with it; let its copy go too
        return
    path = tmp_path / "app.duckdb"
    shutil.copy(built_db_path, path)
    monkeypatch.setenv("IID_DB", str(path))
    yield path


def open_db(target: Path | str) -> Database:
    """The database the app uses, opened for writing beside it: the same file, or another process's copy of the store."""
    from iid.store import is_url, open_store

    return open_store(str(target)) if is_url(target) else Database(target)
