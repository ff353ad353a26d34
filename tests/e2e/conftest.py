"""Browser tests: the app served once per session, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iid import ui
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


NOT_RUNNING = "[data-testid=stApp][data-test-script-state=notRunning]"
# a long page's rest still waiting for its first chart (ui.after_first_chart): its words are there until it is drawn
REST_WAITING = f".st-key-{ui.REST_WAITING}"
LOADING = "[data-testid=stSkeleton]"


def wait_for_app(page) -> None:
    """Wait until the script has finished running, and again if writing the URL started another run; on a session's
    first page, until the rest under its first chart is drawn too (its own run, once the chart is); then until every
    element is drawn (none still waiting for its code)."""
    page.wait_for_selector(NOT_RUNNING, timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(REST_WAITING, state="detached", timeout=30_000)
    page.wait_for_selector(NOT_RUNNING, timeout=30_000)
    # an element whose code the browser is still fetching (the uploader, a table: Streamlit loads them lazily) shows a
    # skeleton in its place; networkidle does not see that fetch when the page was idle once before the run ended
    page.wait_for_selector(LOADING, state="detached", timeout=30_000)


def wait_until_still(page, look: str, looks: int = 3, arg=None, polling: int = 100, timeout: int = 15_000) -> None:
    """Wait until the JavaScript expression `look` (it may read `arg`) gives the same text `looks` times in a row; an
    empty text (not there, or not ready) starts the count again. For what moves while a page settles: an expander
    opening, a chart that Plotly sizes to its container after its first draw."""
    page.evaluate("() => { window.__iidLast = undefined; }")  # a count of an earlier wait never carries over
    page.wait_for_function(
        f"""(arg) => {{ const now = ({look}), w = window;
  w.__iidStill = now && now === w.__iidLast ? w.__iidStill + 1 : 1; w.__iidLast = now; return w.__iidStill >= {looks}; }}""",
        arg=arg,
        polling=polling,
        timeout=timeout,
    )


# the expander titled arg, once open with its content scrolled back to the top: its height
OPENED = """(() => { const d = [...document.querySelectorAll('details')]
  .find((e) => e.querySelector('summary')?.innerText.includes(arg));
  return d && d.open && d.scrollTop === 0 ? String(d.getBoundingClientRect().height) : ''; })()"""


def open_expander(page, label: str) -> None:
    """Open the expander titled label and wait until it has finished opening: it grows for about half a second and
    scrolls its own content meanwhile, so a click on what it shows could land beside it (on a busy machine a download
    button clicked then started no download: the click hit the block under it)."""
    page.locator("summary").filter(has_text=label).first.click()
    wait_until_still(page, OPENED, looks=3, arg=label)


def add_innovation(page, title: str, unit: str = "Dinas Kesehatan") -> None:
    """Add an innovation through the register's form (the page is on /inovasi's Register tab) and wait for its save."""
    import re

    from playwright.sync_api import expect

    open_expander(page, "Tambah inovasi")
    wait_for_app(page)
    page.get_by_label("Judul inovasi").fill(title)
    page.get_by_test_id("stForm").get_by_role("combobox", name="Unit").click()
    page.keyboard.type(unit)
    expect(page.get_by_role("option", name=unit)).to_be_visible(timeout=15_000)
    page.keyboard.press("Enter")  # picks the highlighted match; steadier than clicking a list that re-renders
    page.get_by_test_id("stForm").get_by_role("button", name=re.compile("Tambah inovasi")).click()
    expect(page.get_by_text(re.compile(r"Tersimpan sebagai perubahan #\d+"))).to_be_visible(timeout=30_000)
