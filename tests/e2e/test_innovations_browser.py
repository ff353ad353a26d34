"""A Bapperida officer adds an innovation through the form and sees the register's counts change."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_adding_an_innovation_through_the_ui_changes_the_counts(page: Page, app_url: str):
    page.goto(f"{app_url}/inovasi?r=64.74&y=2025&itab=Register")
    wait_for_app(page)
    count = page.get_by_test_id("stMetric").filter(has_text="Semua baris 2025").get_by_test_id("stMetricValue")
    before = int(count.inner_text())
    page.locator("summary").filter(has_text="Tambah inovasi").click()
    wait_for_app(page)
    page.get_by_label("Judul inovasi").fill("Layanan malam Puskesmas (uji peramban)")
    page.get_by_test_id("stForm").get_by_role("combobox").first.click()
    page.keyboard.type("Dinas Kesehatan")
    expect(page.get_by_role("option", name="Dinas Kesehatan")).to_be_visible(timeout=15_000)
    page.keyboard.press("Enter")  # picks the highlighted match; steadier than clicking a list that re-renders
    page.get_by_test_id("stForm").get_by_role("button", name=re.compile("Tambah inovasi")).click()
    expect(page.get_by_text(re.compile(r"Tersimpan sebagai perubahan #\d+"))).to_be_visible(timeout=15_000)
    expect(count).to_have_text(str(before + 1))
