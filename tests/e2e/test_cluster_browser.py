"""Two app servers behind nginx (iid/cluster.py, deploy/nginx/iid.conf.in): a browser's session stays on one server.

Each server has its own copy of the built database for now (one DuckDB file serves one process). nginx's access log
names, for every request, the route cookie it carried and the app server it went to: that is how these tests see
where the websocket, the page and the downloads went.
"""

from __future__ import annotations

import re
import shutil
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from iid import auth
from iid.cluster import ROUTE_COOKIE, SERVER_HEADER, Cluster, free_port
from iid.db import Database
from tests.e2e import test_auth_browser as signin
from tests.e2e.conftest import open_expander, wait_for_app

provider = signin.provider  # the OpenID provider of the sign-in tests (a module fixture), for the test at the end

pytestmark = pytest.mark.e2e

CHART = ".js-plotly-plot .main-svg"


def copies(built: Path, folder: Path, n: int = 2) -> list[Path]:
    out = []
    for i in range(n):
        path = folder / f"server{i}.duckdb"
        shutil.copy(built, path)
        out.append(path)
    return out


def no_secrets(folder: Path) -> list[str]:
    """No [auth], whatever ~/.streamlit holds: the mode behind nginx is then read-only (iid.ui.serving_mode)."""
    return ["--secrets.files", str(folder / "no-secrets.toml")]


@pytest.fixture(scope="module")
def cluster(built_db_path: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("cluster")
    with Cluster(copies(built_db_path, folder), n=2, args=no_secrets(folder)) as c:
        yield c


def server_for(cluster: Cluster, route: str) -> int:
    """Which server nginx sends a browser carrying this route cookie to."""
    req = urllib.request.Request(f"{cluster.url}/_stcore/health", headers={"Cookie": f"{ROUTE_COOKIE}={route}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return cluster.server_of(r.headers[SERVER_HEADER])


def route_of(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == ROUTE_COOKIE)


def requests_of(cluster: Cluster, route: str, streams: int, timeout: float = 15.0) -> list[dict]:
    """The access log's requests that carried route, once its `streams` websockets have closed (logged at close)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = [r for r in cluster.access_log() if r["route"] == route]
        if sum("/_stcore/stream" in r["request"] for r in rows) >= streams or time.monotonic() > deadline:
            return rows


def open_with_chart(page: Page, url: str):
    response = page.goto(url)
    wait_for_app(page)
    expect(page.locator(CHART).first).to_be_visible(timeout=30_000)
    return response


def test_a_page_draws_its_chart_through_nginx_over_its_websocket_and_says_it_is_read_only(browser, cluster: Cluster):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        response = open_with_chart(page, f"{cluster.url}/?r=64.74")
        assert cluster.server_of(response.headers[SERVER_HEADER.lower()]) in (0, 1)
        # nginx marks the request (X-Forwarded-For), so without [auth] nobody behind it gets the local mode's rights
        expect(page.get_by_test_id("stSidebar").get_by_text(re.compile(r"Hanya baca\."))).to_be_visible()
        expect(page.get_by_text("Mode lokal")).to_have_count(0)
        route = route_of(context)
    finally:
        context.close()
    streams = [r for r in requests_of(cluster, route, 1) if "/_stcore/stream" in r["request"]]
    assert [r["status"] for r in streams] == ["101"]  # the websocket went through nginx (upgraded), not around it


def test_one_browser_stays_on_one_server_across_reloads_and_a_download(browser, cluster: Cluster):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    try:
        first = open_with_chart(page, f"{cluster.url}/?r=64.74")
        route = route_of(context)
        servers = {first.headers[SERVER_HEADER.lower()]}
        for _ in range(2):
            response = page.reload()
            wait_for_app(page)
            expect(page.locator(CHART).first).to_be_visible(timeout=30_000)
            servers.add(response.headers[SERVER_HEADER.lower()])
        # a download made on click: the websocket asks the session's server for it, the browser fetches /media/…
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Unduh data (CSV)").first.click()
        assert Path(info.value.path()).read_bytes().startswith(b"\xef\xbb\xbf")  # the CSV (UTF-8 with BOM) arrived
        assert route_of(context) == route  # the cookie was set once and kept
    finally:
        context.close()
    rows = requests_of(cluster, route, 3)
    assert len(servers) == 1, cluster.error_log()[-2000:]  # nginx says why it tried another server
    assert {r["upstream"] for r in rows} == servers  # page, static files, 3 websockets, the download: one server
    assert sum("/_stcore/stream" in r["request"] and r["status"] == "101" for r in rows) == 3
    assert any(r["request"].startswith("GET /media/") and r["status"] == "200" for r in rows)


def test_two_browsers_with_different_route_cookies_land_on_different_servers(browser, cluster: Cluster):
    routes: dict[int, str] = {}
    for i in range(64):  # a few tries find a route for each server (the hash spreads them about evenly)
        routes.setdefault(server_for(cluster, f"test-route-{i}"), f"test-route-{i}")
        if len(routes) == 2:
            break
    assert set(routes) == {0, 1}, cluster.error_log()[-2000:]
    contexts = []
    try:
        for server, route in sorted(routes.items()):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            context.add_cookies([{"name": ROUTE_COOKIE, "value": route, "url": cluster.url}])
            contexts.append(context)
            page = context.new_page()
            response = open_with_chart(page, f"{cluster.url}/bandingkan?r=64.74,61.71")
            assert cluster.server_of(response.headers[SERVER_HEADER.lower()]) == server
    finally:
        for context in contexts:
            context.close()
    for server, route in routes.items():
        rows = requests_of(cluster, route, 1)
        assert {cluster.server_of(r["upstream"]) for r in rows} == {server}


def test_excel_and_csv_downloads_arrive_whole_through_nginx(browser, cluster: Cluster):
    import io

    import pandas as pd
    from openpyxl import load_workbook

    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    try:
        open_with_chart(page, f"{cluster.url}/?r=64.74")
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Unduh data (CSV)").first.click()
        assert info.value.suggested_filename == "IID_Kota-Bontang_ringkasan-data_2025.csv"
        data = pd.read_csv(info.value.path(), encoding="utf-8-sig")
        assert data[data["Seri"] == "Kota Bontang"]["Nilai"].iloc[-1] == pytest.approx(62.36)
        open_expander(page, "Data per tahun")  # opens in the browser, no rerun
        excel = page.get_by_role("button", name="Unduh Excel")
        expect(excel).to_be_visible(timeout=30_000)
        with page.expect_download(timeout=90_000) as info:
            excel.click()
        wb = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
        assert wb.sheetnames == ["ringkasan", "Sumber"]
    finally:
        context.close()


def test_stopping_the_cluster_with_a_browser_connected_leaves_no_process(browser, built_db_path: Path, tmp_path: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        with Cluster(copies(built_db_path, tmp_path), n=2, args=no_secrets(tmp_path)) as c:
            open_with_chart(page, f"{c.url}/?r=64.74")  # a session open on one server, its websocket through nginx
            started = set(c.started)
            assert len(started) >= 4  # two app servers, nginx's master and at least one worker
            assert c.leftover() == sorted(started)  # all running while the cluster is up
            ports = [c.port, *c.ports]
        assert c.leftover() == []
        for port in ports:  # nobody listens any more
            with pytest.raises(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
    finally:
        context.close()


def test_a_signed_in_persons_import_upload_through_nginx_reaches_the_server_holding_the_session(
    browser, built_db_path: Path, tmp_path: Path, provider: str
):
    """An upload (/_stcore/upload_file) is kept in one server's memory for its session: through nginx it reaches the
    server of the session's websocket, as sign-in's round trip does, and the import is written there."""
    seed = tmp_path / "seed.duckdb"
    shutil.copy(built_db_path, seed)
    db = Database(seed)
    auth.grant(db, auth.cli_actor(), "dodi@kaltimprov.go.id", "data", None)
    db.close()
    port = free_port()  # nginx's, known before the servers start: sign-in comes back to it
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "' + "c" * 64 + '"\n'
        'client_id = "iid-dashboard-test"\n'
        'client_secret = "any-secret-works"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    upload = tmp_path / "hasil_iid_2025.csv"
    upload.write_bytes("kode;tahun;skor\r\n65;2025;61,23\r\n".encode("utf-8-sig"))
    dbs = copies(seed, tmp_path)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        with Cluster(dbs, n=2, args=["--secrets.files", str(secrets)], port=port) as c:
            signin.sign_in(page, c.url, "dodi")
            page.goto(f"{c.url}/data")
            wait_for_app(page)
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
            save = page.get_by_role("button", name=re.compile("Simpan 1 baris"))
            expect(save).to_be_visible(timeout=30_000)
            save.click()
            expect(page.get_by_text(re.compile(r"Impor #\d+ tersimpan"))).to_be_visible(timeout=30_000)
            route = route_of(context)
            context.close()
            rows = requests_of(c, route, 3)
            servers = {c.server_of(r["upstream"]) for r in rows}
            assert len(servers) == 1
            for path in ("GET /auth/login", "GET /oauth2callback", "PUT /_stcore/upload_file/"):
                assert any(r["request"].startswith(path) and int(r["status"]) < 400 for r in rows), path
        (server,) = servers
        for i, path in enumerate(dbs):  # written on the session's server only: each has its own file for now
            db = Database(path, read_only=True)
            try:
                score = db.rows("select score::double from iid_scores where region_code = ? and year = ?", ["65", 2025])
            finally:
                db.close()
            assert ((61.23,) in score) is (i == server), (i, score)
    finally:
        context.close()
