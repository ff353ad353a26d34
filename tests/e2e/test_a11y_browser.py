"""WCAG 2.1 AA in the browser (issue "Everyone —"): axe-core on every page, chart text contrast, the keyboard's path
and a text alternative before every chart. axe-core comes bundled in axe-playwright-python: no network needed."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from iid.i18n import t
from iid.register import TAB_KEYS
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

AXE = Axe()

INNOVATION_TABS = TAB_KEYS

VIEWS = [
    "/",
    "/bandingkan",
    "/tren",
    "/target",
    *[f"/inovasi?itab={quote(t(k, 'id'))}" for k in INNOVATION_TABS],
    "/data",
    "/presentasi",
    "/pengguna",
    "/?present=1",
    "/bandingkan?present=1",
    "/tren?present=1",
    "/target?present=1",
    "/?lang=en",
    "/bandingkan?lang=en",
    "/inovasi?lang=en&itab=Portfolio",
]


def open_view(page: Page, app_url: str, view: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_url + view)
    wait_for_app(page)
    page.locator("[data-testid=stMain]").wait_for()
    # a rerun's leftovers are drawn faded (stale) until the run ends: check the page the user ends up with
    page.wait_for_function("!document.querySelector('[data-stale=true]')", timeout=30_000)
    # and the page's own styles in effect (ui.page_styles sets captions to full opacity), colour transitions ended:
    # axe measured a caption mid-fade once in a loaded run
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stCaptionContainer]')].every("
        "e => getComputedStyle(e).opacity === '1')",
        timeout=15_000,
    )
    page.wait_for_timeout(400)


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands: rule id, impact and the elements' targets."""
    found = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]} — {v['help']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("view", VIEWS)
def test_axe_core_finds_no_serious_or_critical_violation_on_the_view(page: Page, app_url: str, view: str):
    open_view(page, app_url, view)
    problems = serious_violations(page)
    assert not problems, f"{view}:\n" + "\n".join(problems)


CONTRAST_JS = """() => {
  const lum = (rgb) => rgb.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
                          .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const out = [];
  for (const el of document.querySelectorAll('.js-plotly-plot svg text')) {
    const text = el.textContent.trim();
    if (!text) continue;
    const m = getComputedStyle(el).fill.match(/[\\d.]+/g);
    if (!m) continue;
    const [r, g, b, a] = m.map(Number);
    const alpha = a === undefined ? 1 : a;   // drawn over white paper
    const rgb = [r, g, b].map((c) => c * alpha + 255 * (1 - alpha));
    const ratio = 1.05 / (lum(rgb) + 0.05);
    const inside = el.closest('.heatmaplayer, .bars, .textpoint');
    if (ratio < 4.5 && !el.closest('.hoverlayer')) out.push({text: text.slice(0, 30), fill: getComputedStyle(el).fill,
      ratio: Math.round(ratio * 100) / 100, cls: (el.closest('g[class]') || el).getAttribute('class'), inside: !!inside});
  }
  return out;
}"""


@pytest.mark.parametrize("view", ["/", "/bandingkan", "/tren", "/target"])
def test_axis_and_title_text_of_every_chart_is_at_least_4_5_to_1_on_white(page: Page, app_url: str, view: str):
    open_view(page, app_url, view)
    page.locator(".js-plotly-plot svg text").first.wait_for()
    weak = [w for w in page.evaluate(CONTRAST_JS) if not w["inside"]]  # labels drawn on coloured marks: not on white
    assert not weak, f"{view}: chart text under 4,5:1 on white: {weak}"


def test_the_keyboard_reaches_the_first_chart_panel_tab_without_passing_through_a_plotly_toolbar(
    page: Page, app_url: str
):
    open_view(page, app_url, "/bandingkan")
    page.locator(".js-plotly-plot").first.wait_for()
    page.mouse.move(0, 0)  # the toolbar shows under the mouse only
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return [e.className && e.className.baseVal === undefined ? String(e.className) : '',"
            " e.getAttribute('role') || '', (e.textContent || '').trim()]; })()"
        )
        reached.append(focused)
        if focused[1] == "tab" and focused[2] == t("panel_chart", "id"):
            break
    assert not [r for r in reached if "modebar-btn" in r[0]], reached
    assert reached[-1][2] == t("panel_chart", "id"), f"the Chart tab was not reached in 60 presses: {reached}"


def test_a_focused_control_shows_a_visible_focus_ring(page: Page, app_url: str):
    open_view(page, app_url, "/bandingkan")
    for _ in range(10):  # Tab to the navigation's link to Tren (the first presses pass the skip link)
        page.keyboard.press("Tab")
        if page.evaluate("(document.activeElement.getAttribute('href') || '').endsWith('/tren')"):
            break
    ring = "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
    try:
        page.wait_for_function(f"{ring}[0] !== 'none' && parseFloat({ring}[1]) >= 2", timeout=3_000)
    except Exception:
        pass  # the assertion below says what was found
    assert page.evaluate("(document.activeElement.getAttribute('href') || '').endsWith('/tren')")
    style = page.evaluate(ring)
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style


@pytest.mark.parametrize("view", ["/", "/bandingkan", "/target"])
def test_every_chart_in_a_panel_has_its_title_and_summary_as_text_for_screen_readers(
    page: Page, app_url: str, view: str
):
    open_view(page, app_url, view)
    page.locator(".js-plotly-plot").first.wait_for()
    panels = page.locator("[data-testid=stTabs]:has(.js-plotly-plot)")
    assert panels.count() >= 1
    for i in range(panels.count()):
        # the chart's frame is a figure named by its text alternative (st.plotly_chart's alt)
        chart = panels.nth(i).locator("[data-testid=stPlotlyChart]")
        assert chart.count() == 1 and chart.get_attribute("role") == "figure", f"{view}: chart panel {i} is no figure"
        text = chart.get_attribute("aria-label") or ""
        expect(chart).to_have_accessible_name(text)
        title = panels.nth(i).locator(".js-plotly-plot .gtitle").first.text_content() or ""
        assert text.startswith(t("chart_alt", "id").split("{")[0]) and title[:20] in text, (text, title)
        assert "Tabel" in text
