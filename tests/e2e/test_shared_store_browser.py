"""Two app servers behind nginx over one PostgreSQL store (iid/store.py, iid/cluster.py): what one person saves on
one server, another sees through the other; a command-line import while both serve shows on both.

Each server is also reachable on its own loopback port, where it runs in local mode (one user with every right):
the editing browser uses that; the reading browser goes through nginx (read-only without [auth]) with a route cookie
that nginx sends to the other server.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from iid.cluster import ROUTE_COOKIE, SERVER_HEADER, Cluster
from tests.conftest import ROOT
from tests.e2e.conftest import add_innovation, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.fixture
def shared(pg_url: str, tmp_path: Path):
    args = ["--secrets.files", str(tmp_path / "no-secrets.toml")]  # no [auth]: read-only through nginx
    with Cluster(pg_url, n=2, args=args) as c:
        yield c


def register_count(page: Page):
    metric = page.get_by_test_id("stMetric").filter(has_text="Semua baris 2025")
    return metric.get_by_test_id("stMetricValue")


def test_an_innovation_added_on_one_server_shows_through_the_other_within_two_seconds(browser, shared: Cluster):
    path = "/inovasi?r=64.74&y=2025&itab=Register"
    editor = browser.new_context(viewport={"width": 1280, "height": 720})
    reader = browser.new_context(viewport={"width": 1280, "height": 720})
    reader.add_cookies([{"name": ROUTE_COOKIE, "value": shared.route_to(1), "url": shared.url}])
    try:
        seen = reader.new_page()
        response = seen.goto(shared.url + path)
        wait_for_app(seen)
        assert shared.server_of(response.headers[SERVER_HEADER.lower()]) == 1
        before = int(register_count(seen).inner_text())

        page = editor.new_page()
        page.goto(shared.server_urls[0] + path)  # server 0, directly: local mode, the form is there
        wait_for_app(page)
        add_innovation(page, "Layanan malam Puskesmas (dua server)")
        expect(register_count(page)).to_have_text(str(before + 1))
        saved = time.monotonic()

        # the reader reloads until server 1 shows it; the reload that first shows it started within 2 s of the save
        for _ in range(20):
            started = time.monotonic() - saved
            seen.reload()
            wait_for_app(seen)
            if register_count(seen).inner_text() == str(before + 1):
                break
        assert register_count(seen).inner_text() == str(before + 1)
        assert started < 2.0, f"server 1 showed the save only on a reload started {started:.2f} s after it"
    finally:
        editor.close()
        reader.close()


def test_a_command_line_import_while_both_servers_serve_shows_on_both(browser, shared: Cluster, pg_url, tmp_path):
    good = tmp_path / "hasil.csv"
    good.write_text("kode;tahun;skor\n64.74;2026;88,12\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "iid", "--db", pg_url, "import", str(good)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        for base in shared.server_urls:
            page = context.new_page()
            page.goto(base + "/?r=64.74")
            wait_for_app(page)
            expect(page.get_by_text("88,12").first).to_be_visible(timeout=15_000)
            page.close()
    finally:
        context.close()
