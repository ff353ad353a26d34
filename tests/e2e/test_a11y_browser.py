"""WCAG 2.1 AA on every page: axe-core (the axe-playwright-python package, which carries axe.min.js) finds no serious
or critical violation, and chart text is dark enough to read (at least 4,5:1 on the chart's white).

A failure prints each violation's rule, impact and the first elements it names, so the fix can start from the test.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

AXE = Axe()
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

VIEWS = [
    "/?r=64.74",
    "/?r=64.74&lang=en",
    "/?r=64.74&present=1",
    "/bandingkan?r=64.74,61.71",
    "/tren?r=64.74",
    "/target?r=65",
    "/inovasi?r=64.74",
    "/inovasi?r=64.74&itab=Portofolio",
    "/data",
    "/presentasi?r=64.74",
    "/pengguna",
]


def serious(page: Page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is, one line each."""
    found = AXE.run(page, options=WCAG_AA).response["violations"]
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): "
        + " | ".join(", ".join(n["target"][:1]) for n in v["nodes"][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("view", VIEWS)
def test_axe_core_finds_no_serious_or_critical_violation_on_the_page(page: Page, app_url: str, view: str):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_url + view)
    wait_for_app(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_timeout(500)  # charts and grids finish drawing after the run
    assert serious(page) == []


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        x = c / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of a CSS colour (rgb(...) or #rrggbb) on white."""
    if colour.startswith("#"):
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    else:
        rgb = tuple(int(float(x)) for x in re.findall(r"[\d.]+", colour)[:3])
    return 1.05 / (_luminance(rgb) + 0.05)


def test_the_contrast_helper_measures_what_wcag_says():
    assert contrast_on_white("#000000") == pytest.approx(21.0)
    assert contrast_on_white("rgb(130, 129, 128)") == pytest.approx(3.88, abs=0.02)  # Streamlit's caption grey


@pytest.mark.parametrize("view", ["/tren?r=64.74", "/bandingkan?r=64.74,61.71"])
def test_chart_axis_and_title_text_is_dark_enough_to_read(page: Page, app_url: str, view: str):
    page.goto(app_url + view)
    wait_for_app(page)
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator(".xtick text").first).to_be_attached()
    fills = chart.evaluate(
        """el => [...el.querySelectorAll('.xtick text, .ytick text, .gtitle, .g-gtitle text, .legendtext')]
             .map(t => getComputedStyle(t).fill)"""
    )
    assert fills, "no chart text found"
    worst = min(contrast_on_white(f) for f in fills)
    assert worst >= 4.5, f"chart text at {worst:.2f}:1 ({sorted(set(fills))})"
