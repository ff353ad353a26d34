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


def metric_value(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def test_a_saved_scenario_reopens_whole_in_a_fresh_session_and_the_list_stays(page: Page, app_url: str):
    page.goto(f"{app_url}/target?r=64.74")
    wait_for_app(page)
    for label, text, url in (("Nilai target", "70", r"v=70"), ("Tahun target", "2027", r"ty=2027")):
        box = page.get_by_label(label)
        box.fill(text)
        box.press("Enter")
        # the run the Enter starts writes the URL: wait for it before waiting for the run to end (a run not yet
        # started looks finished, and its late redraw would reset the rule picker while the test types into it)
        expect(page).to_have_url(re.compile(url), timeout=15_000)
        wait_for_app(page)
    # the rule year follows the target year; pick another one by hand
    rule = page.get_by_test_id("stSelectbox").filter(has_text="Tahun aturan").get_by_role("combobox")
    rule.click()
    page.keyboard.type("2026")
    expect(page.get_by_role("option", name="2026")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"ry=2026"), timeout=15_000)
    wait_for_app(page)
    score = metric_value(page, "Skor simulasi (aturan 2026)")
    with_26 = score.inner_text()
    n = page.get_by_label("Jumlah inovasi dilaporkan")
    n.fill("40")
    n.press("Enter")
    expect(score).not_to_have_text(with_26, timeout=15_000)
    wait_for_app(page)
    before = score.inner_text()
    # one level in the indicator grid (a canvas): double-click the first row's "Level (0–3)" cell, the fourth
    # column, about 540 px in at the default 1280 px viewport, and type 3 (APBD tepat waktu, 1 → 3)
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 540, box["y"] + 53)
    cell = page.locator("#portal .gdg-input")  # a text cell (the level as typed: 1, 1,5 or 1.5)
    expect(cell).to_have_value("1")
    cell.fill("3")
    cell.press("Enter")
    # APBD tepat waktu weighs 1 of 250 points: two levels more add 2 / 250 × 100 = 0,80
    saved = f"{float(before.replace(',', '.')) + 0.80:.2f}".replace(".", ",")
    expect(score).to_have_text(saved, timeout=15_000)
    wait_for_app(page)
    page.get_by_label("Nama skenario").fill("Empat puluh inovasi, APBD tepat waktu")
    page.get_by_role("button", name="Simpan skenario").click()
    wait_for_app(page)
    expect(page.get_by_text("Skenario “Empat puluh inovasi, APBD tepat waktu” tersimpan.").first).to_be_visible()

    page.goto(f"{app_url}/target?r=64.74")  # a new session on the page's defaults
    wait_for_app(page)
    expect(metric_value(page, "Skor simulasi (aturan 2029)")).not_to_have_text(saved)
    row = page.get_by_text(re.compile(r"^Empat puluh inovasi, APBD tepat waktu"))
    expect(row).to_be_visible()
    page.get_by_role("button", name="Buka").first.click()
    wait_for_app(page)
    expect(page.get_by_text("Skenario “Empat puluh inovasi, APBD tepat waktu” dibuka")).to_be_visible()
    expect(page).to_have_url(re.compile(r"v=70"))
    expect(page).to_have_url(re.compile(r"ty=2027"))
    expect(page).to_have_url(re.compile(r"ry=2026"))
    assert page.get_by_label("Nilai target").input_value() == "70,00"
    assert page.get_by_label("Jumlah inovasi dilaporkan").input_value() == "40"
    expect(metric_value(page, "Skor simulasi (aturan 2026)")).to_have_text(saved)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(row).to_be_visible()  # the list is still there


def type_level(page: Page, text: str) -> None:
    """Type into the first row's "Level (0–3)" cell (APBD tepat waktu; the fourth column of the grid, a canvas)."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 540, box["y"] + 53)
    cell = page.locator("#portal .gdg-input")
    expect(cell).to_be_visible()
    cell.fill(text)
    cell.press("Enter")


def test_a_level_typed_with_a_decimal_comma_counts_and_a_word_changes_nothing(page: Page, app_url: str):
    page.goto(f"{app_url}/target?r=64.74")
    wait_for_app(page)
    score = metric_value(page, "Skor simulasi (aturan 2029)")
    before = float(score.inner_text().replace(",", "."))
    type_level(page, "2,5")  # 1 → 2,5: one and a half levels of 1 point in 250, × 100 / 250 = +0,60
    expect(score).to_have_text(f"{before + 0.60:.2f}".replace(".", ","), timeout=15_000)
    wait_for_app(page)
    type_level(page, "tinggi")
    page.wait_for_timeout(1000)  # the cell refuses it (whatif.LEVEL_PATTERN): no run, nothing changes
    wait_for_app(page)
    expect(score).to_have_text(f"{before + 0.60:.2f}".replace(".", ","))


def test_a_target_typed_and_not_confirmed_is_the_one_a_scenario_saved_with_the_same_click_keeps(
    page: Page, app_url: str
):
    """The save form is in the page's rest (a fragment): the click that saves also confirms the typed target, and the
    scenario keeps that target, not the one before it (found in a new-user review)."""
    page.goto(f"{app_url}/target?r=64.74")
    wait_for_app(page)
    page.get_by_label("Nama skenario").fill("Target 72 tanpa Enter")
    box = page.get_by_label("Nilai target")
    box.fill("72")  # no Enter: the value goes to the server when the box loses focus, with the click below
    page.get_by_role("button", name="Simpan skenario").click()
    wait_for_app(page)
    # said under the form and in a toast (the toast outlives a later run of the same click, which redraws the form)
    expect(page.get_by_text("Skenario “Target 72 tanpa Enter” tersimpan.").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"v=72"))

    page.goto(f"{app_url}/target?r=64.74")  # a new session on the page's defaults
    wait_for_app(page)
    row = page.get_by_text(re.compile(r"^Target 72 tanpa Enter"))
    expect(row).to_be_visible()
    row.locator("xpath=ancestor::*[@data-testid='stHorizontalBlock'][1]").get_by_role("button", name="Buka").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile("Skenario “Target 72 tanpa Enter” dibuka"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"v=72"))
    assert page.get_by_label("Nilai target").input_value() == "72,00"
