"""A Bapperida officer adds an innovation through the form and sees the register's counts change."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import add_innovation, open_expander, wait_for_app

pytestmark = pytest.mark.e2e


def test_adding_an_innovation_through_the_ui_changes_the_counts(page: Page, app_url: str):
    page.goto(f"{app_url}/inovasi?r=64.74&y=2025&itab=Register")
    wait_for_app(page)
    count = page.get_by_test_id("stMetric").filter(has_text="Semua baris 2025").get_by_test_id("stMetricValue")
    before = int(count.inner_text())
    add_innovation(page, "Layanan malam Puskesmas (uji peramban)")
    expect(count).to_have_text(str(before + 1))


def test_the_register_opens_on_the_page_the_link_names_and_an_edit_there_is_saved(page: Page, app_url: str):
    """Bontang's 2025 register is two pages of 50: ?hal=2 opens the second; a title typed there is saved, and a search
    finds it again on a first page of one."""
    page.goto(f"{app_url}/inovasi?r=64.74&y=2025&itab=Register&hal=2")
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"inovasi cocok · halaman 2 dari 2"))).to_be_visible()
    # the first row's title (the grid is a canvas): double-click its cell, the first column, and type a new title
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 80, box["y"] + 53)
    cell = page.locator("#portal textarea, #portal input.gdg-input").first
    expect(cell).to_be_visible()
    cell.fill("Halaman dua disunting (uji peramban)")
    cell.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("Simpan atau buang suntingan", exact=False)).to_be_visible()  # the pager waits
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.get_by_text(re.compile(r"Tersimpan sebagai perubahan #\d+"))).to_be_visible(timeout=15_000)
    wait_for_app(page)
    search = page.get_by_label("Cari judul atau unit")
    search.fill("halaman dua disunting")
    search.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("1 inovasi cocok · halaman 1 dari 1")).to_be_visible()
    expect(page).to_have_url(re.compile(r"cari=halaman"))
    expect(page).not_to_have_url(re.compile(r"hal=2"))  # a new search starts on its first page


def test_a_person_who_saved_by_mistake_undoes_it_beside_the_form(page: Page, app_url: str):
    """Issue 15: the undo sits beside the save. An officer adds an innovation with its urusan picked from the official
    list, sees the count rise, and takes it back with the button under the form, without going to another tab."""
    page.goto(f"{app_url}/inovasi?r=19.71&y=2025&itab=Register")
    wait_for_app(page)
    count = page.get_by_test_id("stMetric").filter(has_text="Semua baris 2025").get_by_test_id("stMetricValue")
    before = int(count.inner_text())
    open_expander(page, "Tambah inovasi")
    wait_for_app(page)
    form = page.get_by_test_id("stForm")
    page.get_by_label("Judul inovasi").fill("Simpan keliru (uji peramban)")
    form.get_by_role("combobox", name="Unit").click()
    page.keyboard.type("Dinas Kesehatan")
    expect(page.get_by_role("option", name="Dinas Kesehatan")).to_be_visible(timeout=15_000)
    page.keyboard.press("Enter")
    form.get_by_role("combobox", name="Urusan pemerintahan").click()  # the official list, no free text
    page.keyboard.type("Kesehatan")
    expect(page.get_by_role("option", name="Wajib, pelayanan dasar · Kesehatan")).to_be_visible(timeout=15_000)
    page.keyboard.press("Enter")
    form.get_by_role("button", name=re.compile("Tambah inovasi")).click()
    saved = page.get_by_text(re.compile(r"Tersimpan sebagai perubahan #\d+"))
    expect(saved).to_be_visible(timeout=15_000)
    batch = re.search(r"#(\d+)", saved.inner_text()).group(1)
    expect(count).to_have_text(str(before + 1))
    wait_for_app(page)
    undo = page.locator(f".st-key-inv_undo_form_{batch}").get_by_role("button", name=f"Batalkan perubahan #{batch}")
    expect(undo).to_be_visible()
    undo.click()
    expect(page.get_by_text(f"Perubahan #{batch} dibatalkan.")).to_be_visible(timeout=15_000)
    expect(count).to_have_text(str(before))
