"""A presenter: presentation mode hides the sidebar, the arrow keys move through the story, downloads open."""

import io
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_expander, wait_for_app, wait_until_still

pytestmark = pytest.mark.e2e


def test_presentation_mode_hides_the_sidebar(page: Page, app_url: str):
    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    page.goto(f"{app_url}/?r=64.74&present=1")
    wait_for_app(page)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()


def test_the_arrow_keys_move_to_the_next_and_previous_screen(page: Page, app_url: str):
    page.goto(f"{app_url}/presentasi?r=65&present=1")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Provinsi Kalimantan Utara")).to_be_visible()
    page.get_by_role("heading", name="Provinsi Kalimantan Utara").click()
    # Each key is pressed as soon as the next headline shows, while the rest of the screen may still be drawing,
    # as a presenter does: a move must count from the screen shown, not from the one before it.
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text(re.compile(r"^Skor IID 2025: "))).to_be_visible(timeout=15_000)
    expect(page).to_have_url(re.compile(r"s=2"))
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text(re.compile(r"^Skor Provinsi Kalimantan Utara naik"))).to_be_visible(timeout=15_000)
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_text(re.compile(r"^Skor IID 2025: "))).to_be_visible(timeout=15_000)
    # one arrow on each button, its icon: the keys' hint beside it read "← Sebelumnya ←" on the projector
    for key in ("story_prev", "story_next"):
        button = page.locator(f".st-key-{key} button")
        expect(button.locator("[data-testid='stIconMaterial']")).to_be_visible()
        expect(button.locator("kbd")).to_be_hidden()
        assert button.inner_text().count("←") + button.inner_text().count("→") == 0


# the headline's and the chart's boxes, once both are there
SETTLED = """(() => { const b = ['.st-key-present_head', '.st-key-present_chart .js-plotly-plot']
  .map((q) => document.querySelector(q)?.getBoundingClientRect());
  return b.every(Boolean) ? b.map((r) => [r.top, r.bottom, r.left, r.right].map(Math.round).join(',')).join('|') : '';
})()"""


def wait_until_settled(page: Page) -> None:
    """The headline and the chart keep their place for four looks in a row: Plotly sizes a chart to its container
    after its first draw, and a busy machine shows the first size for a moment."""
    page.wait_for_selector(".st-key-present_chart .main-svg", timeout=15_000)
    wait_until_still(page, SETTLED, looks=4, polling=150)


MEASURE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left,
    right: r.right, height: r.height}; };
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const head = document.querySelector('.st-key-present_head h2, .st-key-present_head h1');
  const chart = document.querySelector('.st-key-present_chart .js-plotly-plot');
  const ticks = [...document.querySelectorAll('.st-key-present_chart .xtick text, .st-key-present_chart .ytick text,'
    + ' .st-key-present_chart .xangularaxistick text')];
  const count = document.querySelector('.st-key-present_count p');
  let ink = 1;  // the counter's opacity as the room sees it: its own and every wrapper's up to its container
  for (let e = count; e && !e.classList.contains('st-key-present_count'); e = e.parentElement)
    ink *= parseFloat(getComputedStyle(e).opacity);
  const next = document.querySelector('.st-key-story_next button');
  return {head: box(head), headPx: px(head), chart: chart && box(chart),
    tickPx: ticks.map((t) => parseFloat(t.style.fontSize)), count: box(count), countPx: px(count), countInk: ink,
    countColour: getComputedStyle(count).color, next: box(next)};
}"""


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
@pytest.mark.parametrize("screen", [2, 3], ids=["score", "trend"])
def test_the_projector_chart_fills_the_screen_under_a_large_headline_and_nothing_is_cut(
    page: Page, app_url: str, size, screen
):
    w, h = size
    page.set_viewport_size({"width": w, "height": h})
    page.goto(f"{app_url}/presentasi?r=64.74&present=1&s={screen}")
    wait_for_app(page)
    wait_until_settled(page)
    m = page.evaluate(MEASURE)
    assert m["head"]["top"] >= 0 and m["head"]["bottom"] <= m["chart"]["top"] + 1  # the headline is whole
    assert m["headPx"] >= 40
    assert m["chart"]["height"] >= 0.7 * h, m["chart"]
    assert m["chart"]["left"] >= 0 and m["chart"]["right"] <= w
    assert m["chart"]["bottom"] <= m["next"]["top"] + 1  # the navigation row stays under the chart
    for part in ("count", "next"):
        assert 0 <= m[part]["top"] and m[part]["bottom"] <= h, (part, m[part])
    assert m["countPx"] >= 24
    assert m["countInk"] == 1 and m["countColour"] == "rgb(26, 26, 26)"  # ink, not a caption's grey
    assert m["tickPx"] and min(m["tickPx"]) >= 20, m["tickPx"]


@pytest.mark.parametrize("path", ["/?r=64.74", "/bandingkan?r=64.74,61.71", "/tren?r=65", "/target?r=65"])
def test_every_pages_projector_view_fills_the_screen_at_1280x720(page: Page, app_url: str, path: str):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}{path}&present=1")
    wait_for_app(page)
    wait_until_settled(page)
    head = page.locator(".st-key-present_head h2").bounding_box()
    chart = page.locator(".st-key-present_chart .js-plotly-plot").bounding_box()
    assert head["y"] >= 0 and head["y"] + head["height"] <= chart["y"] + 1, (head, chart)
    assert chart["height"] >= 0.7 * 720 and chart["y"] + chart["height"] <= 720, (head, chart)
    # every legend entry shown whole: plotly draws a scrollbar in a legend taller than its room (Target's eight)
    scroll = "() => document.querySelector('.st-key-present_chart .legend .scrollbar')?.getBoundingClientRect().height"
    assert not page.evaluate(scroll)


def test_the_deck_download_delivers_a_powerpoint_that_opens(page: Page, app_url: str):
    from pptx import Presentation

    page.goto(f"{app_url}/presentasi?r=64.74")
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Unduh PowerPoint").click()
    download = info.value
    assert download.suggested_filename == "IID_Kota-Bontang_presentasi_2025.pptx"
    deck = Presentation(download.path())
    assert len(deck.slides) >= 4


def test_chart_png_and_table_xlsx_downloads_open(page: Page, app_url: str):
    from openpyxl import load_workbook
    from PIL import Image

    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="PNG 1920×1080").first.click()
    png = info.value
    assert png.suggested_filename == "IID_Kota-Bontang_ringkasan_2025.png"
    assert Image.open(png.path()).size == (1920, 1080)
    open_expander(page, "Data per tahun")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Unduh Excel").click()
    wb = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert wb.sheetnames == ["ringkasan", "Sumber"]


def test_ringkasan_gives_the_one_page_a4_profile_as_pdf(page: Page, app_url: str):
    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Profil A4 (PDF)").click()
    assert info.value.suggested_filename == "IID_Kota-Bontang_profil_2025.pdf"
    data = open(info.value.path(), "rb").read()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1


def test_targets_projector_gives_the_plot_the_room_its_rule_changes_took_at_1280x720(page: Page, app_url: str):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/target?r=64.74&present=1")
    wait_for_app(page)
    page.wait_for_selector(".st-key-present_chart .main-svg", timeout=15_000)
    plot = page.locator(".st-key-present_chart .nsewdrag").first.bounding_box()
    assert plot["height"] >= 0.28 * 720, plot  # three rule-change boxes left it 95 px
    letters = page.evaluate(
        "() => [...document.querySelectorAll('.st-key-present_chart .annotation-text')].map((e) => e.textContent)"
    )
    assert {"A", "B", "C"} <= set(letters)  # a letter on each dotted line, their sentences in one strip above
    assert any(x.startswith("A 2023 · Batas Sangat Inovatif naik") for x in letters)  # the year first


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_story_headline_is_never_under_the_region_picker_outside_presentation_mode(
    page: Page, app_url: str, size: tuple[int, int]
):
    """The picker sits at the title's right on a wide screen; the story's long headline once ran under it."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/presentasi?r=64.74&s=2")  # the score screen: a headline of two lines at 1280
    wait_for_app(page)
    head = page.locator(".st-key-present_head h2")
    expect(head).to_be_visible(timeout=15_000)
    wait_for_app(page)
    h, p = head.bounding_box(), page.locator(".st-key-region_pick").bounding_box()
    text = page.evaluate(
        "() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('.st-key-present_head h2'));"
        " return Array.from(r.getClientRects()).map(b => [b.left, b.right, b.top, b.bottom]); }"
    )
    right, bottom = p["x"] + p["width"], p["y"] + p["height"]
    overlaps = [b for b in text if b[1] > p["x"] and b[0] < right and b[3] > p["y"] and b[2] < bottom]
    assert h is not None and text and not overlaps, (overlaps, p)
