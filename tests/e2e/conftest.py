"""Browser tests: the app served once per session, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iid.serve import Server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def app_url(built_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The app (`python -m iid.serve`) on a free loopback port with its own copy of the database."""
    db = tmp_path_factory.mktemp("e2e") / "iid.duckdb"
    shutil.copy(built_db_path, db)
    with Server(str(db)) as url:
        yield url


def wait_for_app(page) -> None:
    """Wait until the script has finished running, and again if writing the URL started another run."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)


def add_innovation(page, title: str, unit: str = "Dinas Kesehatan") -> None:
    """Add an innovation through the register's form (the page is on /inovasi's Register tab) and wait for its save."""
    import re

    from playwright.sync_api import expect

    page.locator("summary").filter(has_text="Tambah inovasi").click()
    wait_for_app(page)
    page.get_by_label("Judul inovasi").fill(title)
    page.get_by_test_id("stForm").get_by_role("combobox", name="Unit").click()
    page.keyboard.type(unit)
    expect(page.get_by_role("option", name=unit)).to_be_visible(timeout=15_000)
    page.keyboard.press("Enter")  # picks the highlighted match; steadier than clicking a list that re-renders
    page.get_by_test_id("stForm").get_by_role("button", name=re.compile("Tambah inovasi")).click()
    expect(page.get_by_text(re.compile(r"Tersimpan sebagai perubahan #\d+"))).to_be_visible(timeout=30_000)
