"""A planner opens a long page in a fresh browser: its first chart is drawn before the rest of the page arrives, the
rest follows without a click, and the next page of the session comes whole (ui.after_first_chart)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import bench_module
from tests.e2e.conftest import REST_WAITING, wait_for_app

pytestmark = pytest.mark.e2e

# Stamps, in the page, the first moment each of these is in the document (ms since navigation).
STAMPS = """
(() => {
  const b = (window.__when = {});
  const seen = (name, found) => { if (b[name] === undefined && found) b[name] = performance.now(); };
  new MutationObserver(() => {
    seen('chart', document.querySelector('.js-plotly-plot .main-svg'));
    seen('waiting', document.querySelector('WAITING'));
    seen('rest', document.querySelector(window.__rest || 'none'));
  }).observe(document, { subtree: true, childList: true });
})();
""".replace("WAITING", REST_WAITING)

# (path, a part of the page's rest)
LONG_PAGES = [
    ("?r=64.74", "h2[id^=sumber]"),  # Ringkasan: its sources, at the foot of the page
    ("tren?r=64.74", "h2[id^=ringkasan]"),  # Tren: its summary, under the main chart
    ("target?r=65", "[data-testid=stDataFrame]"),  # Target: the what-if grid
    ("inovasi?r=64.74&itab=Portofolio", "h2[id^=menurut-unit]"),  # Portofolio: by unit, under four charts
]


@pytest.mark.parametrize(("path", "rest"), LONG_PAGES, ids=["ringkasan", "tren", "target", "portofolio"])
def test_a_fresh_browser_draws_the_first_chart_before_the_rest_of_a_long_page(page: Page, app_url: str, path, rest):
    page.add_init_script(f"window.__rest = {rest!r};" + STAMPS)
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    expect(page.locator(rest).first).to_be_attached()
    when = page.evaluate("window.__when")
    assert when.get("chart") is not None and when.get("rest") is not None, when
    assert when["chart"] < when["rest"], when
    assert when.get("waiting") is not None  # the rest said it was coming, in words, while the chart was drawn
    expect(page.locator(REST_WAITING)).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.mark.parametrize("first", ["?r=64.74", "bandingkan?r=64.74,61.71"], ids=["after-ringkasan", "after-bandingkan"])
def test_the_next_page_of_the_session_comes_whole_without_waiting_for_its_chart(page: Page, app_url: str, first):
    # a first page with a rest that waited (Ringkasan), or with none (Bandingkan: its charts are in tabs)
    page.add_init_script("window.__rest = 'h2[id^=ringkasan]';" + STAMPS)
    page.goto(f"{app_url}/{first}")
    wait_for_app(page)
    # the same document: forget the first page's moments (the observer keeps writing into the same object)
    page.evaluate("() => { for (const k of Object.keys(window.__when)) delete window.__when[k]; }")
    page.get_by_role("link", name="Tren").click()
    wait_for_app(page)
    expect(page.locator("h2[id^=ringkasan]")).to_be_attached()
    when = page.evaluate("window.__when")
    assert when.get("chart") is not None and when.get("rest") is not None, when  # the stamps of this page
    assert when.get("waiting") is None, when  # the Plotly script is loaded: the page needs no second run
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_benchmarks_websocket_client_asks_for_a_long_pages_rest_as_a_browser_does(app_url: str):
    ws = bench_module("wsclient")
    long_page = ws.load_sync(app_url, "", "r=64.74")
    assert long_page.error is None and long_page.rest_run and long_page.runs == 2
    assert long_page.exceptions == 0 and long_page.seconds >= long_page.first_run_s
    # the component that reports the chart drawn goes out with the first run only, not again with the rest
    assert long_page.element_types.get("bidi_component") == 1
    short_page = ws.load_sync(app_url, "bandingkan", "r=64.74,61.71")  # no rest waits there
    assert short_page.error is None and not short_page.rest_run and short_page.runs == 1


@pytest.mark.parametrize("path", ["target?r=65", "tren?r=64.74", "bandingkan/?r=64.74,61.71"])
def test_a_page_opened_by_its_own_address_connects_to_the_server_at_once_without_a_404_first(
    page: Page, app_url: str, path: str
):
    asked: list[tuple[str, int]] = []
    page.on("response", lambda r: asked.append((r.url, r.status)) if "/_stcore/" in r.url else None)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_attached()
    name = path.split("?")[0].strip("/")
    assert page.evaluate("window.__streamlit.BACKEND_BASE_URL") == app_url + "/"
    assert not [a for a in asked if f"/{name}/_stcore/" in a[0] or a[1] >= 400], asked
    assert (f"{app_url}/_stcore/health", 200) in asked
    assert sockets and all(s.endswith("//" + app_url.split("//")[1] + "/_stcore/stream") for s in sockets), sockets


def test_the_apps_own_address_and_any_other_path_are_left_to_streamlit(page: Page, app_url: str):
    from iid.serve import backend_base

    page.goto(f"{app_url}/?r=64.74")
    wait_for_app(page)
    assert page.evaluate("window.__streamlit === undefined")  # at the app's address nothing is guessed
    # the same script at other addresses, on a server at the root and on one with server.baseUrlPath "iid"
    cases = {
        "": [
            ("/target", "/"),
            ("/presentasi/", "/"),
            ("/", None),
            ("/target/lain", None),  # no page: Streamlit's own guess, as before
            ("/iid/target", None),  # a proxy's folder the server does not know of: Streamlit's own guess
        ],
        "iid": [("/iid/target", "/iid/"), ("/iid/tren/", "/iid/"), ("/iid/", None), ("/target", None)],
    }
    for base_url, expected in cases.items():  # Streamlit's server.baseUrlPath
        script = backend_base("<html><head></head></html>", base_url).split("<script>")[1]
        guess = "([pathname, origin]) => { const location = { pathname, origin }; delete window.__streamlit; "
        guess += (
            script.split("</script>")[0] + " return window.__streamlit ? window.__streamlit.BACKEND_BASE_URL : null; }"
        )
        for pathname, folder in expected:
            found = page.evaluate(guess, [pathname, "https://pemda.example"])
            assert found == (None if folder is None else "https://pemda.example" + folder), (base_url, pathname)


@pytest.mark.parametrize("path", ["tren?r=64.74", "?r=64.74", "inovasi?r=64.74&itab=Portofolio"])
def test_a_page_that_opens_with_a_chart_runs_the_chart_script_while_it_waits_for_the_server(
    page: Page, app_url: str, path: str
):
    # the server's websocket never answers: whatever runs, runs before any element of the page arrives
    page.route_web_socket("**/_stcore/stream", lambda ws: None)
    page.goto(f"{app_url}/{path}")
    page.wait_for_function("window.__iidChartCode === true", timeout=60_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(0)


@pytest.mark.parametrize(
    ("path", "early", "drawn"),
    [
        ("tren?r=64.74", True, ".js-plotly-plot .main-svg"),
        ("data", None, "[data-testid=stFileUploaderDropzone]"),  # no chart: the main thread is left to the page
    ],
    ids=["tren", "data"],
)
def test_only_a_page_that_opens_with_a_chart_runs_the_chart_script_early_and_either_fetches_it_once(
    page: Page, app_url: str, path: str, early, drawn: str
):
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    expect(page.locator(drawn).first).to_be_attached()
    assert page.evaluate("window.__iidChartCode") is early
    fetched = page.evaluate(
        "performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/PlotlyChart.'))"
    )
    assert len(fetched) == 1, fetched  # preloaded; run early or by Streamlit, one address: one module, run once
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_chart_script_is_run_early_only_on_the_pages_that_open_with_a_chart(page: Page, app_url: str):
    from iid.serve import chart_code_early

    page.goto(f"{app_url}/data")
    wait_for_app(page)
    cases = {
        "": [
            ("/", "", True),
            ("/tren", "?r=64.74", True),
            ("/target/", "", True),
            ("/bandingkan", "", True),
            ("/inovasi", "?itab=Portofolio", True),
            ("/inovasi", "?itab=Portfolio&lang=en", True),
            ("/inovasi", "?itab=Register", False),
            ("/inovasi", "", False),
            ("/data", "", False),
            ("/presentasi", "", False),
            ("/iid/tren", "", False),  # a proxy's folder the server does not know of
        ],
        "iid": [("/iid/", "", True), ("/iid/target", "", True), ("/iid/data", "", False), ("/tren", "", False)],
    }
    html = '<html><head><script type="module" src="./static/js/index.X.js"></script></head></html>'
    from streamlit import file_util

    for base_url, expected in cases.items():  # Streamlit's server.baseUrlPath
        served = chart_code_early(html, Path(file_util.get_static_dir()), base_url)
        script = served.split('<script type="module">')[1].split("</script>")[0]
        runs = "([pathname, search]) => { const location = { pathname, search }; let asked = null; "
        runs += script.replace("import(", "((u) => { asked = u; return Promise.resolve(); })(") + " return asked; }"
        for pathname, search, early in expected:
            asked = page.evaluate(runs, [pathname, search])
            assert (asked is not None) == early, (base_url, pathname, search, asked)
            if early:
                assert "/static/js/PlotlyChart." in asked  # beside Streamlit's own index.js
