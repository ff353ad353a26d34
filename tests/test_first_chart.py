"""A fresh browser's first page: the first chart goes out alone, the rest of a long page once the browser has drawn it.

Every other page test opens a session whose browser has drawn a chart (tests/conftest.py `app_test`), the state every
session is in a second into its first page; these open the first run itself. The component's report ("drawn") is
set as the browser sets it; tests/e2e/test_first_chart_browser.py watches a real browser do it.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from iid import ui
from iid.i18n import t
from tests.conftest import APP

# (page file, URL parameters, a heading of the page's rest, the charts of its first run)
LONG_PAGES = [
    ("pages/overview.py", {"r": "64.74"}, t("sources", "id"), 1),
    ("pages/trend.py", {"r": "64.74"}, t("trend_summary", "id"), 1),
    ("pages/targets.py", {"r": "65"}, t("wi_title", "id"), 1),
    # Portofolio's first row: the stages and, beside them, the forms
    ("pages/innovations.py", {"r": "64.74", "itab": "Portofolio"}, t("inv_by_unit", "id"), 2),
]


def first_visit(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(page)
    return at.run()


def headings(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


def waiting(at: AppTest) -> dict | None:
    """What the page asked the browser to wait for, or None when it waits for nothing (the rest is drawn)."""
    found = at.get("bidi_component")
    return json.loads(found[0].proto.json) if found else None


@pytest.mark.parametrize(
    ("page", "params", "heading", "charts"), LONG_PAGES, ids=["ringkasan", "tren", "target", "portofolio"]
)
def test_a_fresh_browser_gets_the_first_chart_and_the_rest_once_the_browser_has_drawn_it(page, params, heading, charts):
    at = first_visit(page, params)
    assert not at.exception
    assert len(at.get("plotly_chart")) == charts  # the first chart (row), without the charts under it
    assert heading not in headings(at)
    assert waiting(at) == {"wait": True, "ms": ui.AFTER_CHART_WAIT_MS}
    assert t("rest_loading", "id") in [c.value for c in at.caption]

    assert at.session_state[ui.FIRST_PAGE_SENT] is False
    # what the browser reports once the chart is drawn; there it reruns the rest alone (a fragment: the browser test
    # watches it), here the page, which as any page run after the session's first draws the rest too
    at.session_state[ui.AFTER_CHART] = {"drawn": True}
    at.run()
    assert not at.exception
    assert heading in headings(at)
    assert t("rest_loading", "id") not in [c.value for c in at.caption]
    assert at.session_state[ui.FIRST_PAGE_SENT] is True

    at.run()  # any later run of the session draws the whole page at once, nothing waits
    assert heading in headings(at)
    assert waiting(at) is None


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/targets.py"], ids=["ringkasan", "target"])
def test_a_page_that_sends_no_chart_does_not_make_its_rest_wait_for_one(page):
    # Kab. Paser has no published score: with published data only, no chart and no target to draw
    at = first_visit(page, {"r": "64.01", "pub": "1"})
    assert not at.exception
    assert not at.get("plotly_chart")
    assert waiting(at) == {"wait": False, "ms": ui.AFTER_CHART_WAIT_MS}


@pytest.mark.parametrize(
    ("first", "params"),
    [("pages/compare.py", {"r": "64.74,61.71"}), ("pages/data_in.py", {})],
    ids=["after-bandingkan", "after-data"],
)
def test_a_long_page_after_a_session_first_page_without_a_rest_comes_whole(first, params):
    at = first_visit(first, params)
    assert not at.exception
    at.switch_page("pages/overview.py").run()  # the next page of the same session
    assert not at.exception
    assert t("sources", "id") in headings(at)
    assert waiting(at) is None


def test_the_rest_waits_in_english_with_english_words():
    at = first_visit("pages/overview.py", {"r": "64.74", "lang": "en"})
    assert t("rest_loading", "en") in [c.value for c in at.caption]
    assert t("rest_loading", "id") not in [c.value for c in at.caption]


def test_targets_first_run_sends_its_figures_and_chart_and_the_words_under_the_chart_come_with_the_rest():
    at = first_visit("pages/targets.py", {"r": "65"})
    assert not at.exception
    status = t("tg_status", "id")
    figures = [m.label for m in at.metric]
    assert len(figures) == 4 and len(at.get("plotly_chart")) == 1

    def boxes() -> list[str]:
        return [a.value for kind in ("success", "info", "warning", "error") for a in getattr(at, kind)]

    assert not any(status in b for b in boxes())  # the browser draws the chart without them
    at.session_state[ui.AFTER_CHART] = {"drawn": True}
    at.run()
    assert not at.exception
    assert any(b.startswith(f"**{status}: ") for b in boxes())
    assert [m.label for m in at.metric][:4] == figures
