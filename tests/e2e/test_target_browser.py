"""A planner on /target: opens Kalimantan Utara's RPJMD target, types another target, sees the status change."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_changing_the_target_changes_the_status(page: Page, app_url: str):
    page.goto(f"{app_url}/target?r=65")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Target: Provinsi Kalimantan Utara")).to_be_visible()
    status = page.get_by_text(re.compile(r"^Status: "))
    expect(status).to_be_visible()
    before = status.inner_text()
    assert "Sesuai jalur" in before
    box = page.get_by_label("Nilai target")
    box.fill("95")
    box.press("Enter")
    expect(status).not_to_have_text(before, timeout=15_000)
    expect(status).to_contain_text(re.compile("Stagnan|Meningkat moderat"))
    expect(page).to_have_url(re.compile(r"v=95"))
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
