"""A planner on /bandingkan: opens a shared link, adds a region, reloads, and gets the same view."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_a_compare_link_shows_both_regions_and_rendered_charts(page: Page, app_url: str):
    page.goto(f"{app_url}/bandingkan?r=64.74,61.71")
    wait_for_app(page)
    picker = page.get_by_test_id("stMultiSelect")
    expect(picker.get_by_text("Kota Bontang (64.74)")).to_be_visible()
    expect(picker.get_by_text("Kota Pontianak (61.71)")).to_be_visible()
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=15_000)
    # the bar's label in short lines ("Kota" / "Pontianak"), so a phone's bars keep the width (charts.for_screens)
    expect(page.locator(".js-plotly-plot").first.get_by_text("Pontianak", exact=True)).to_be_attached()


def test_adding_a_region_changes_the_url_and_a_reload_keeps_the_view(page: Page, app_url: str):
    page.goto(f"{app_url}/bandingkan?r=64.74,61.71")
    wait_for_app(page)
    page.get_by_test_id("stMultiSelect").get_by_role("combobox").click()
    page.keyboard.type("pangkal")
    page.get_by_role("option", name=re.compile("Pangkal Pinang")).first.click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"r=64\.74(%2C|,)61\.71(%2C|,)19\.71"), timeout=15_000)
    page.reload()
    wait_for_app(page)
    expect(page.get_by_test_id("stMultiSelect").get_by_text("Kota Pangkal Pinang (19.71)")).to_be_visible()


def test_an_unknown_code_in_a_link_gives_a_message_not_a_traceback(page: Page, app_url: str):
    page.goto(f"{app_url}/bandingkan?r=64.74,12345")
    wait_for_app(page)
    expect(page.get_by_text("Kode daerah tidak dikenal diabaikan: 12345.")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
