"""The compare page's region picker: typing part of a name and pressing Enter adds one region, the best match."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_typing_pangkal_and_pressing_enter_adds_only_the_best_match(page: Page, app_url: str):
    page.goto(f"{app_url}/bandingkan?r=64.74")
    wait_for_app(page)
    page.get_by_test_id("stMultiSelect").get_by_role("combobox").click()
    page.keyboard.type("Pangkal")
    expect(page.get_by_role("option", name=re.compile("Pangkal Pinang"))).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"r=64\.74(%2C|,)19\.71($|&)"), timeout=15_000)
    wait_for_app(page)
    picker = page.get_by_test_id("stMultiSelect")
    expect(picker.get_by_text("Kota Pangkal Pinang (19.71)")).to_be_visible()
    expect(picker.get_by_text("Kab. Pangkajene dan Kepulauan (73.10)")).to_have_count(0)
    expect(picker.get_by_text("Provinsi Kepulauan Bangka Belitung (19)")).to_have_count(0)
    assert re.search(r"r=64\.74(%2C|,)19\.71($|&)", page.url)
