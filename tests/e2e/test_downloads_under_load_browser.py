"""Downloads made when clicked arrive while other people use the same server (iid/serve.py keep_made_downloads).

Streamlit sweeps files no session references at the end of every script run of any session; a file a download
button makes on click was referenced by none, so with others loading pages it was often deleted before the browser
fetched it and the download was cancelled (7 of 20 clicks arrived in one measurement). Two websocket sessions load
/tren over and over beside the browser here, as other workshop participants would.
"""

from __future__ import annotations

import io
import threading

from playwright.sync_api import Page

from tests.conftest import bench_module
from tests.e2e.conftest import open_expander, wait_for_app


def test_every_excel_and_csv_download_arrives_while_two_other_sessions_load_pages(page: Page, app_url: str):
    from openpyxl import load_workbook

    ws = bench_module("wsclient")
    stop = threading.Event()
    runs: list[int] = []

    def others() -> None:
        while not stop.is_set():
            runs.extend(load.runs for load in ws.many_sync(app_url, [("tren", "r=64.74")] * 2))

    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    open_expander(page, "Data per tahun")
    excel = page.get_by_role("button", name="Unduh Excel")
    excel.wait_for()
    helpers = [threading.Thread(target=others, daemon=True) for _ in range(2)]
    for h in helpers:
        h.start()
    try:
        for _ in range(8):
            with page.expect_download(timeout=30_000) as info:
                excel.click()
            assert info.value.failure() is None
            assert load_workbook(io.BytesIO(info.value.path().read_bytes())).active.max_row > 1
        for _ in range(4):
            with page.expect_download(timeout=30_000) as info:
                page.get_by_role("button", name="Unduh data (CSV)").first.click()
            assert info.value.failure() is None
            assert "Kota Bontang" in info.value.path().read_text(encoding="utf-8-sig")
    finally:
        stop.set()
        for h in helpers:
            h.join(timeout=60)
    assert len(runs) >= 4  # the others really ran pages meanwhile
