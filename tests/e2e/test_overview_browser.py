"""What a person does in the browser: open a URL, see the region and its chart, switch language, pick a region."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_opening_a_region_url_shows_its_name_and_a_rendered_chart(page: Page, app_url: str):
    page.goto(f"{app_url}/?r=61.71")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Kota Pontianak")).to_be_visible()
    chart = page.locator(".js-plotly-plot .main-svg").first
    expect(chart).to_be_visible(timeout=15_000)
    expect(page.locator(".js-plotly-plot .scatterlayer .trace").first).to_be_attached()
    expect(page.get_by_text("Data contoh").first).to_be_visible()


def test_switching_to_english_changes_labels_and_the_url(page: Page, app_url: str):
    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.get_by_text("Latest standing, trend, targets")).to_be_visible(timeout=15_000)
    expect(page).to_have_url(re.compile(r"lang=en"))


def test_picking_a_region_on_the_page_updates_the_url_and_survives_a_reload(page: Page, app_url: str):
    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    box = page.locator(".st-key-region_pick").get_by_role("combobox")
    box.click()
    page.keyboard.type("pangkal")
    page.get_by_role("option", name=re.compile("Pangkal Pinang")).first.click()
    expect(page.get_by_role("heading", name="Kota Pangkal Pinang")).to_be_visible(timeout=15_000)
    expect(page).to_have_url(re.compile(r"r=19\.71"))
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Kota Pangkal Pinang")).to_be_visible()
