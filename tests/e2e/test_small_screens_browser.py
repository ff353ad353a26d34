"""Phones (390×844, a phone's User-Agent) and small laptops (1280×720): the picker on the page, the first chart above
the fold, legends under the plot, source lines whole, no note past a chart's edge, a laptop's chart not fitted to a
phone, and the ranking in place of the tile map on a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 720}
# a phone says so in its User-Agent: the server sends it the phone's copy of a chart (iid/ui.py device_copy)
PHONE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def phone(browser, browser_context_args):
    """A page in a browser that says it is a phone, 390×844."""
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "user_agent": PHONE_AGENT})
    yield context.new_page()
    context.close()


def screen(request: pytest.FixtureRequest, size: dict) -> Page:
    """The phone's page at the phone's size, else the computer's (Chromium's own User-Agent)."""
    return request.getfixturevalue("phone" if size == PHONE else "page")


# the first chart in the page's order (its frame is there before Plotly draws into it; charts draw in any order)
FIRST_CHART = """() => { const c = document.querySelector('[data-testid=stPlotlyChart]');
  return c ? c.getBoundingClientRect().top : null; }"""
# every chart drawn: charts inside columns can arrive a moment after the full-width ones below them
ALL_CHARTS_DRAWN = """() => { const c = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  return c.length > 0 && c.every((e) => e.querySelector('.main-svg')) ? c.length : 0; }"""

# the first chart's plot area, legend and source line, in page pixels
PARTS = """() => {
  const chart = document.querySelector('[data-testid=stPlotlyChart]').querySelector('.js-plotly-plot');
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width}; };
  const source = [...chart.querySelectorAll('.annotation')].filter((a) => /^(Sumber|Source)/.test(a.textContent));
  return {chart: box(chart.querySelector('.main-svg')), plot: box(chart.querySelector('.nsewdrag')),
    legend: box(chart.querySelector('.legend')), sources: source.map(box)};
}"""


def open_page(page: Page, url: str, size: dict) -> None:
    page.set_viewport_size(size)
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=20_000)
    page.wait_for_timeout(500)  # and no more arriving: the count is the same half a second later
    page.wait_for_function(f"() => ({ALL_CHARTS_DRAWN})() === {page.evaluate(ALL_CHARTS_DRAWN)}", timeout=20_000)


@pytest.mark.parametrize(
    "path",
    [
        "/?r=64.74",
        "/bandingkan?r=64.74,61.71",
        "/tren?r=64.74",
        "/target?r=64.74",
        "/inovasi?r=64.74&itab=Portofolio",
        "/presentasi?r=64.74&s=2",
    ],
    ids=["ringkasan", "bandingkan", "tren", "target", "inovasi-portofolio", "presentasi"],
)
def test_at_1280x720_every_pages_first_chart_starts_high_enough_to_show_its_title_and_plot_unscrolled(
    page: Page, app_url: str, path: str
):
    open_page(page, app_url + path, LAPTOP)
    top = page.evaluate(FIRST_CHART)
    # at least 200 px of the chart on the first screen: its title, subtitle and the top of its plot
    assert top is not None and top <= LAPTOP["height"] - 200, top


def test_on_a_phone_the_region_picker_is_on_the_page_and_picking_a_region_opens_it(phone: Page, app_url: str):
    page = phone
    open_page(page, f"{app_url}/tren?r=64.74", PHONE)
    expect(page.get_by_test_id("stSidebar")).not_to_be_in_viewport()  # closed on a phone
    box = page.locator(".st-key-region_pick").get_by_role("combobox")
    expect(box).to_be_in_viewport()
    box.click()
    page.keyboard.type("pangkal")
    page.get_by_role("option", name=re.compile("Kota Pangkal Pinang")).first.click()
    expect(page).to_have_url(re.compile(r"r=19\.71"), timeout=15_000)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Tren: Kota Pangkal Pinang")).to_be_visible()


@pytest.mark.parametrize(
    "path",
    ["/tren?r=64.74", "/tren?r=64.74&lang=en", "/bandingkan?r=64.74,61.71,19.71"],
    ids=["tren", "tren-en", "bandingkan"],  # English: "Regencies/cities average, Kalimantan Timur" was cut at the edge
)
def test_on_a_phone_the_legend_sits_under_the_plot_and_the_plot_keeps_most_of_the_width(
    phone: Page, app_url: str, path: str
):
    page = phone
    open_page(page, app_url + path, PHONE)
    m = page.evaluate(PARTS)
    assert m["plot"]["width"] >= 0.6 * m["chart"]["width"], m  # beside a legend: a quarter to a third
    assert m["legend"]["top"] >= m["plot"]["bottom"], m
    assert m["legend"]["right"] <= m["chart"]["right"] + 1 and m["legend"]["bottom"] <= m["chart"]["bottom"] + 1, m


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390x844", "1280x720"])
@pytest.mark.parametrize("path", ["/?r=64.74", "/tren?r=64.74&lang=en", "/bandingkan?r=64.74,61.71"])
def test_the_source_line_is_whole_inside_the_chart_and_clear_of_the_legend(
    request: pytest.FixtureRequest, app_url: str, path: str, size: dict
):
    page = screen(request, size)
    open_page(page, app_url + path, size)
    m = page.evaluate(PARTS)
    assert m["sources"], m
    for s in m["sources"]:
        assert m["chart"]["left"] <= s["left"] and s["right"] <= m["chart"]["right"] + 1, (s, m["chart"])
        assert s["bottom"] <= m["chart"]["bottom"] + 1, (s, m["chart"])
        if m["legend"]:
            assert s["bottom"] <= m["legend"]["top"] + 1 or s["top"] >= m["legend"]["bottom"] - 1, (s, m["legend"])


# every chart's width, its plot's width and its notes (rule-change flags or letters and their list, event notes,
# source line, sample mark), in page px
NOTE_BOXES = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')].map((chart) => {
  const c = chart.querySelector('.main-svg').getBoundingClientRect();
  const plot = chart.querySelector('.nsewdrag');
  const notes = [...chart.querySelectorAll('.annotation')].filter((a) => a.textContent.trim()).map((a) => {
    const r = a.getBoundingClientRect(); return {text: a.textContent.slice(0, 40), left: r.left, right: r.right}; });
  return {left: c.left, right: c.right, width: c.width, plot: plot ? plot.getBoundingClientRect().width : null, notes};
})"""


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390x844", "1280x720"])
@pytest.mark.parametrize(
    "path",
    ["/target?r=65", "/tren?r=64.74", "/inovasi?r=64.74&itab=Portofolio", "/presentasi?r=64.74&s=3"],
    ids=["target", "tren", "inovasi-portofolio", "presentasi-trend"],
)
def test_no_note_of_a_chart_runs_past_its_edges_and_every_plot_keeps_room_on_a_phone_or_a_laptop(
    request: pytest.FixtureRequest, app_url: str, path: str, size: dict
):
    """On a phone, Target's rule-change flags ran past both edges ("…ik: ≥35 → ≥40,01"), Tren's event notes were cut
    at both sides, and Portofolio's affairs kept their names on one line: the names took the whole width, no bar was
    left and the source line started past the chart's right edge. Presentasi beside the sidebar drew the projector's
    copy in an 820-px column: a 315-px plot, event notes past its left edge, rule changes past its right."""
    page = screen(request, size)
    open_page(page, app_url + path, size)
    charts = page.evaluate(NOTE_BOXES)
    assert charts and len(charts[0]["notes"]) >= (2 if "inovasi" in path else 3), charts  # source, rules, events
    for m in charts:
        for note in m["notes"]:
            assert m["left"] - 1 <= note["left"] and note["right"] <= m["right"] + 1, (note, m["left"], m["right"])
        assert m["plot"] is None or m["plot"] >= 0.3 * m["width"], m  # it was 0 px


@pytest.mark.parametrize(
    "path", ["/presentasi?r=64.74&s=3&present=1", "/target?r=65&present=1"], ids=["story", "target"]
)
def test_in_presentation_mode_a_phone_gets_the_phones_chart_and_its_buttons_below_it(
    phone: Page, app_url: str, path: str
):
    """The projector's copy on a phone put its legend over a plot a few pixels wide, cut the title at the screen's
    edge, and the screen, held to the phone's height, laid the buttons over the legend."""
    page = phone
    open_page(page, app_url + path, PHONE)
    m = page.evaluate(PARTS)
    assert m["plot"]["width"] >= 0.6 * m["chart"]["width"], m
    assert m["legend"]["top"] >= m["plot"]["bottom"], m
    assert m["legend"]["right"] <= m["chart"]["right"] + 1, m
    buttons = page.evaluate(
        """() => [...document.querySelectorAll('.st-key-present_nav button, [data-testid=stDownloadButton] button')]
          .map((b) => b.getBoundingClientRect()).filter((r) => r.height > 0).map((r) => r.top)"""
    )
    assert buttons and min(buttons) >= m["chart"]["bottom"] - 1, (buttons, m["chart"])


# the first chart's title and subtitle: the lines plotly drew for each
TITLE_LINES = """() => { const t = document.querySelector('[data-testid=stPlotlyChart] .g-gtitle');
  return [...t.querySelectorAll('text')].map((e) => Math.max(1, e.querySelectorAll('tspan.line').length)); }"""


@pytest.mark.parametrize("path", ["/?r=64.74", "/target?r=65", "/tren?r=64.74"], ids=["ringkasan", "target", "tren"])
def test_on_a_laptop_a_chart_keeps_its_titles_on_one_line_and_is_shorter_than_a_phones_with_the_same_plot(
    page: Page, phone: Page, app_url: str, path: str
):
    """The phone's copy on a 1280×720 laptop left Target's plot 266 px of an 880-px chart: titles in a phone's
    lines, the legend's rows reserved for a phone, the rule-change flags stacked for a narrow plot. Here the same
    page at 1280×720 in a browser that says it is a computer and in one that says it is a phone."""
    drawn = {}
    for who, tab in (("computer", page), ("phone", phone)):
        open_page(tab, app_url + path, LAPTOP)
        m = tab.evaluate(PARTS)
        drawn[who] = {
            "title_lines": tab.evaluate(TITLE_LINES),
            "chart_h": m["chart"]["bottom"] - m["chart"]["top"],
            "plot_h": m["plot"]["bottom"] - m["plot"]["top"],
        }
    computer, phone_copy = drawn["computer"], drawn["phone"]
    assert computer["title_lines"] == [1, 1] and max(phone_copy["title_lines"]) >= 2, drawn
    assert abs(computer["plot_h"] - phone_copy["plot_h"]) <= 2, drawn  # the plot keeps its height
    assert computer["chart_h"] <= phone_copy["chart_h"] - 60, drawn  # what the phone's lines took, given back


def test_on_a_phone_the_tile_map_gives_way_to_the_ranking_and_a_laptop_keeps_the_map(page: Page, app_url: str):
    page.set_viewport_size(PHONE)
    page.goto(f"{app_url}/bandingkan?r=64.74,61.71&tab=Peta")
    wait_for_app(page)
    note = page.get_by_text("Di layar sempit peta petak diganti oleh peringkat di bawah ini.")
    expect(note).to_be_visible(timeout=20_000)
    expect(page.locator(".st-key-cmp_map")).to_be_hidden()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    page.set_viewport_size(LAPTOP)
    expect(page.locator(".st-key-cmp_map .main-svg").first).to_be_visible(timeout=20_000)
    expect(note).to_be_hidden()
