"""A reader under a chart: switches to its table and its sources, downloads its data, copies the citation."""

import io
import re

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_the_table_view_shows_the_charts_data_and_the_sources_view_links_each_source(page: Page, app_url: str):
    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=15_000)
    page.get_by_role("tab", name="Tabel").first.click()
    wait_for_app(page)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=15_000)
    page.get_by_role("tab", name="Sumber").first.click()
    wait_for_app(page)
    expect(page.locator("a[href^='https://mekora.id/']").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Kutip: Skor IID Kota Bontang, 2021–2025\."))).to_be_visible()


def test_unduh_data_gives_the_exact_numbers_the_chart_draws(page: Page, app_url: str):
    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Unduh data (CSV)").first.click()
    assert info.value.suggested_filename == "IID_Kota-Bontang_ringkasan-data_2025.csv"
    data = pd.read_csv(io.BytesIO(open(info.value.path(), "rb").read()), encoding="utf-8-sig")
    bontang = data[data["Seri"] == "Kota Bontang"]
    assert bontang["Kategori"].tolist() == [2021, 2022, 2023, 2024, 2025]
    assert bontang["Nilai"].iloc[-1] == pytest.approx(62.36)
