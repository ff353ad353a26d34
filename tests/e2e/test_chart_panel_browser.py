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


def test_the_maps_unduh_data_gives_every_province_with_its_exact_score_and_a_click_still_adds_one(
    page: Page, app_url: str
):
    page.goto(f"{app_url}/bandingkan?r=64.74&tab=Peta")
    wait_for_app(page)
    expect(page.get_by_role("button", name="Unduh data (CSV)").first).to_be_visible(timeout=15_000)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Unduh data (CSV)").first.click()
    assert info.value.suggested_filename == "IID_bandingkan_peta-data_2025.csv"
    data = pd.read_csv(io.BytesIO(open(info.value.path(), "rb").read()), encoding="utf-8-sig").set_index("Kategori")
    assert len(data) == 38
    assert data.loc["Provinsi Kalimantan Timur", "Nilai"] == pytest.approx(54.38)  # as the database holds it
    assert data["Nilai"].dtype == float  # the exact scores, not the tiles' one-decimal labels
    # a tile clicked joins the comparison: the map's point carries its code first
    plot = page.locator(".js-plotly-plot").first
    box = plot.evaluate(
        """el => { const tr = el._fullData.findIndex(t => t.meta === 'tiles');
                   const i = el._fullData[tr].customdata.findIndex(c => c[0] === '65');
                   const L = el._fullLayout, d = el._fullData[tr];
                   return {x: L.xaxis.l2p(d.x[i]), y: L.yaxis.l2p(d.y[i])}; }"""  # in the drag box
    )
    plot.locator(".nsewdrag").first.click(position=box)
    expect(page).to_have_url(re.compile(r"r=64\.74(%2C|,)65"), timeout=15_000)
    wait_for_app(page)
