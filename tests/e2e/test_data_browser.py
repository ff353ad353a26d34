"""A planner brings in a result: upload, preview, confirm, see it on /tren, undo, see the old figure again."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_upload_preview_confirm_then_undo(page: Page, app_url: str, tmp_path):
    page.goto(f"{app_url}/tren?r=65")
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"ke 2025 \(54,47\)"))).to_be_visible()

    f = tmp_path / "hasil_iid_2025.csv"
    f.write_bytes("kode;tahun;skor\r\n65;2025;61,23\r\n".encode("utf-8-sig"))
    page.goto(f"{app_url}/data")
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(f))
    wait_for_app(page)
    expect(page.get_by_text("Mengubah nilai").first).to_be_visible(timeout=15_000)
    page.get_by_role("button", name=re.compile("Simpan 1 baris")).click()
    expect(page.get_by_text(re.compile(r"Impor #\d+ tersimpan"))).to_be_visible(timeout=15_000)

    page.goto(f"{app_url}/tren?r=65")
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"ke 2025 \(61,23\)"))).to_be_visible(timeout=15_000)

    page.goto(f"{app_url}/data?dtab=Riwayat%20impor")
    wait_for_app(page)
    page.get_by_role("button", name=re.compile(r"Batalkan #\d+")).click()
    expect(page.get_by_text(re.compile(r"dibatalkan; nilai sebelumnya dipulihkan"))).to_be_visible(timeout=15_000)

    page.goto(f"{app_url}/tren?r=65")
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"ke 2025 \(54,47\)"))).to_be_visible(timeout=15_000)
