"""The three crash paths of issue "Trust —", as a person walks them in the browser: no traceback, the true story."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from iid.serve import Server
from tests.e2e.conftest import ROOT, wait_for_app

pytestmark = pytest.mark.e2e


def no_traceback(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    body = page.locator("[data-testid=stMain]").inner_text()
    for word in ("Traceback", "TypeError", "nan", "None", "<NA>", "NaT"):
        assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", body), word


@pytest.mark.parametrize("path", ["/tren", "/bandingkan", "/presentasi"])
@pytest.mark.parametrize("code", ["64.74", "61.71"])
def test_published_only_view_of_bontang_or_pontianak_opens_without_a_traceback(
    page: Page, app_url: str, path: str, code: str
):
    page.goto(f"{app_url}{path}?r={code}&pub=1")
    wait_for_app(page)
    if path == "/presentasi":  # the story opens on its title screen; the next screen has the chart
        page.get_by_role("button", name=re.compile("Berikutnya")).click()
        wait_for_app(page)
    if path == "/bandingkan":  # neither city has a published 2025 score: said in words, not an empty chart
        expect(page.get_by_text("Tidak ada daerah pilihan yang punya skor 2025")).to_be_visible(timeout=20_000)
    else:
        expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    no_traceback(page)


@pytest.fixture(scope="module")
def imported_app(built_db_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """The app after the simplest import from the command line: kode,tahun,skor and no source options at all."""
    tmp = tmp_path_factory.mktemp("plain-import")
    db = tmp / "iid.duckdb"
    shutil.copy(built_db_path, db)
    f = tmp / "skor-2026.csv"
    f.write_text("kode,tahun,skor\n64.74,2026,63.5\n61.71,2026,58.25\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "iid", "import", str(f)],
        cwd=ROOT,
        env={"IID_DB": str(db), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    with Server(str(db)) as url:
        yield url


@pytest.mark.parametrize("path", ["/", "/bandingkan", "/tren", "/target", "/presentasi"])
def test_pages_after_a_plain_import_show_it_as_a_self_assessment_without_a_traceback(
    page: Page, imported_app: str, path: str
):
    page.goto(f"{imported_app}{path}?r=64.74")
    wait_for_app(page)
    no_traceback(page)
    if path == "/":
        expect(page.get_by_text("Penilaian mandiri / tidak resmi").first).to_be_visible()
        expect(page.get_by_text(re.compile("baru 2 dari 93 kota punya skor 2026")).first).to_be_visible()


def test_bontangs_overview_says_the_predicate_fell_because_the_band_rose(page: Page, app_url: str):
    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    expect(page.get_by_text("turun dari Sangat Inovatif")).to_be_visible()
    expect(
        page.get_by_text(re.compile("tetapi turun ke Inovatif karena batas Sangat Inovatif naik dari 60,01 ke 65,01"))
    ).to_be_visible()
    no_traceback(page)


def test_published_only_a_figures_label_says_whole_that_the_score_was_not_published(page: Page, app_url: str):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/?r=64.74&pub=1")
    wait_for_app(page)
    label = page.get_by_test_id("stMetricLabel").first
    expect(label).to_contain_text("tidak dipublikasikan")
    cut = label.locator("p").evaluate("p => p.scrollWidth > p.clientWidth + 1 || getComputedStyle(p).textOverflow")
    assert cut in ("clip", False), cut  # wrapped, never ended in "…"
