"""Under every main chart: Chart / Table / Sources views of the same data, "Unduh data" as CSV and XLSX of exactly
what the chart draws, the images, a "Kutip" line and when the data was last imported."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from iid import charts, export, figures
from tests.conftest import app_test, open_page


def test_the_data_of_a_trend_chart_is_exactly_the_scores_it_draws(full_db):
    fig = figures.overview_trend(full_db, "64.74", False, "id")
    data = charts.figure_data(fig, "id")
    assert list(data.columns) == ["Seri", "Kategori", "Nilai", "Jenis data"]
    bontang = data[data["Seri"] == "Kota Bontang"]
    line = next(tr for tr in fig.data if tr.name == "Kota Bontang")
    assert bontang["Kategori"].tolist() == list(line.x) and bontang["Nilai"].tolist() == list(line.y)
    assert "Sangat Inovatif" not in set(data["Seri"])  # legend keys and shading are not data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_data_under_a_score_chart_says_which_figures_are_sample_data_as_its_white_points_do(full_db, lang):
    from iid import queries
    from iid.i18n import t

    o = queries.overview(full_db, "62.71", False)
    scored = o.series[o.series["score"].notna()].sort_values("year")
    want = [t(f"score_kind_{k}", lang) for k in scored["score_kind"]]
    assert (
        t("score_kind_sample", lang) in want and t("score_kind_published", lang) in want
    )  # Palangka Raya: four published, one sample
    data = charts.figure_data(figures.overview_trend(full_db, "62.71", False, lang), lang)
    kind = t("data_kind", lang)
    assert data[kind].tolist() == want
    back = pd.read_csv(io.BytesIO(export.csv_bytes(data)), encoding="utf-8-sig")  # "Unduh data" (CSV) says it too
    assert back[kind].tolist() == want
    bars = charts.figure_data(figures.compare_latest(full_db, ("64.74", "61.71"), False, lang), lang)
    assert set(bars[kind]) <= {t(f"score_kind_{k}", lang) for k in ("published", "own", "sample")}
    published = charts.figure_data(figures.overview_trend(full_db, "62.71", True, lang), lang)
    assert set(published[kind]) == {t("score_kind_published", lang)}


def test_a_heatmap_gives_one_row_per_cell_and_bars_their_axis_as_series_name(full_db):
    heat = figures.compare_heatmap(full_db, ("64.74", "61.71"), "en")
    data = charts.figure_data(heat, "en")
    assert list(data.columns) == ["Series", "Category", "Value"]
    assert len(data) == len(heat.data[0].x) * len(heat.data[0].y)
    bars = charts.figure_data(figures.compare_latest(full_db, ("64.74", "61.71"), False, "id"), "id")
    assert set(bars["Kategori"]) == {"Kota Bontang", "Kota Pontianak"} and set(bars["Seri"]) == {"Skor IID"}


def test_chart_data_downloads_as_csv_and_xlsx_with_the_sources(full_db):
    from iid import queries

    o = queries.overview(full_db, "64.74", False)
    data = charts.figure_data(figures.overview_trend(full_db, "64.74", False, "id"), "id")
    back = pd.read_csv(io.BytesIO(export.csv_bytes(data)), encoding="utf-8-sig")
    assert back["Nilai"].tolist() == pytest.approx(data["Nilai"].tolist())
    wb = load_workbook(io.BytesIO(export.xlsx_bytes(data, o.sources, "ringkasan")))
    assert wb.sheetnames == ["ringkasan", "Sumber"]
    header = [c.value for c in wb["Sumber"][1]]
    assert header[:4] == ["ID sumber", "Jenis", "Judul", "Penerbit"]  # not the database's source_id, kind, ...
    kinds = {r[1].value for r in wb["Sumber"].iter_rows(min_row=2)}
    assert kinds <= {"dipublikasikan", "data contoh", "diimpor"} and "data contoh" in kinds
    en = load_workbook(io.BytesIO(export.xlsx_bytes(data, o.sources, "overview", lang="en")))
    assert en.sheetnames == ["overview", "Sources"]
    assert [c.value for c in en["Sources"][1]][:2] == ["Source ID", "Kind"]
    assert {r[1].value for r in en["Sources"].iter_rows(min_row=2)} <= {"published", "sample data", "imported"}


@pytest.mark.parametrize(
    ("page", "params", "key"),
    [
        ("pages/overview.py", {"r": "64.74"}, "overview_trend"),
        ("pages/trend.py", {"r": "65"}, "trend_main"),
        ("pages/compare.py", {"r": "64.74,61.71"}, "cmp_latest"),
        ("pages/targets.py", {"r": "65"}, "target_chart"),
    ],
)
def test_every_main_chart_has_chart_table_and_sources_views_downloads_and_a_citation(app_env, page, params, key):
    at = open_page(page, **params)
    assert not at.exception
    labels = [tab.label for tab in at.tabs]
    assert {"Grafik", "Tabel", "Sumber"} <= set(labels)
    buttons = {b.proto.label for b in at.get("download_button")}
    assert {"Unduh data (CSV)", "Unduh data (XLSX)", "PNG 1920×1080", "SVG"} <= buttons
    captions = " ".join(c.value for c in at.caption)
    assert "Kutip:" in captions and "diakses" in captions
    assert "Data terakhir diimpor" in captions or "Belum ada impor" in captions
    assert any(c.proto.id.endswith(key) or key in c.proto.id for c in at.get("plotly_chart"))  # the Chart view


@pytest.mark.parametrize("colour_by", ["score", "predicate"])
def test_the_maps_data_names_each_province_in_full_with_its_exact_score_however_it_is_coloured(full_db, colour_by):
    from iid import explore

    fig = figures.compare_map(full_db, ("64.74",), 2025, colour_by, False, "id")
    data = charts.figure_data(fig, "id").set_index("Kategori")
    provs = explore.provinces_year(full_db, 2025, False).set_index("display_name")
    assert len(data) == len(provs) == 38
    assert data.loc["Provinsi Kalimantan Timur", "Nilai"] == pytest.approx(
        provs.loc["Provinsi Kalimantan Timur", "score"]
    )
    assert all(isinstance(v, float) for v in data["Nilai"])  # numbers, not the tiles' rounded labels


def _panel_keys(at: AppTest) -> set[str]:
    """The panels a page drew: a panel's CSV button is keyed `<panel>_csv`."""
    ids = [b.proto.id for b in at.get("download_button")]
    return {i.rsplit("-", 1)[-1].removesuffix("_csv") for i in ids if i.endswith("_csv")}


@pytest.mark.parametrize(
    ("page", "params", "keys"),
    [
        ("pages/trend.py", {"r": "64.74"}, {"trend_main", "trend_rank", "trend_dist", "trend_movers"}),
        ("pages/compare.py", {"r": "64.74,61.71", "tab": "Dari waktu ke waktu", "mode": "rank"}, {"cmp_rank"}),
        ("pages/compare.py", {"r": "64.74,61.71", "tab": "Peta"}, {"cmp_map"}),
    ],
)
def test_trends_rank_distribution_and_movers_and_compares_rank_and_map_each_have_a_panel(app_env, page, params, keys):
    at = open_page(page, **params)
    assert not at.exception
    assert keys <= _panel_keys(at)
    charts_drawn = [c.proto.id for c in at.get("plotly_chart")]
    assert all(any(i.endswith(k) for i in charts_drawn) for k in keys)  # each opens on its Chart view
    captions = [c.value for c in at.caption]
    assert sum("Kutip:" in c for c in captions) >= len(keys)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_registers_charts_cite_the_source_their_own_line_names_never_a_dash(app_env, lang):
    at = open_page("pages/innovations.py", r="64.74", itab="Portofolio" if lang == "id" else "Portfolio", lang=lang)
    assert not at.exception
    cites = [c.value for c in at.caption if c.value.startswith(("Kutip:", "Cite:"))]
    assert len(cites) >= 4  # stage, form, affair, year
    source = "Sumber: Register inovasi" if lang == "id" else "Source: Innovation register"
    assert all(source in c and "Sumber: –" not in c and "Source: –" not in c for c in cites), cites


def test_the_projector_and_the_images_start_from_the_chart_as_built_not_from_its_phone_fitting(full_db):
    """A screen chart is fitted to a phone (subtitle and source line wrapped, legend rows under the plot); the
    projector's copy and the PNG/SVG start from the chart as built, or a phone's margins took the projector's plot
    (tests/e2e/test_present_browser.py measures the plot)."""
    import plotly.graph_objects as go

    from iid import charts, figures, ui

    raw = figures.build(full_db, "overview_trend", "64.74", False, "id", screen=False)
    screen = figures.build(full_db, "overview_trend", "64.74", False, "id")
    assert screen.to_dict() == charts.for_screens(go.Figure(raw)).to_dict()
    assert "<br>" in screen.layout.title.subtitle.text and "<br>" not in raw.layout.title.subtitle.text
    shared = ui.SharedFigure.of(screen)
    assert ui.unscreened(shared) is shared  # a figure without its built copy is its own
    object.__setattr__(shared, "_unscreened", ui.SharedFigure.of(raw))
    assert ui.unscreened(shared).to_dict() == raw.to_dict()
    assert ui.projector_figure(shared).layout.margin.b < screen.layout.margin.b


IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile"
ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
LINUX_HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari"


@pytest.mark.parametrize(
    ("agent", "phone"),
    [
        (IPHONE, True),
        (ANDROID_PHONE, True),
        (ANDROID_TABLET, True),
        (None, True),
        ("", True),
        (WINDOWS, False),
        (LINUX_HEADLESS, False),
    ],
)
def test_phones_tablets_and_browsers_that_say_nothing_get_the_phones_chart_and_computers_their_own(agent, phone):
    from iid import ui

    assert ui.phone_agent(agent) is phone


def test_a_computers_copy_of_a_shared_chart_is_made_once_from_the_chart_as_built_and_leaves_the_phones_as_it_was(
    full_db,
):
    import plotly.graph_objects as go

    from iid import charts, figures, ui

    raw = figures.build(full_db, "overview_trend", "64.74", False, "id", screen=False)
    shared = ui.screen_copy(go.Figure(raw))
    phone_dict = json.dumps(shared.to_dict(), sort_keys=True, default=str)
    assert ui.device_copy(shared, phone=True) is shared
    computer = ui.device_copy(shared, phone=False)
    assert computer is ui.device_copy(shared, phone=False)  # kept beside the shared figure: made once
    assert computer.to_dict() == charts.for_screens(go.Figure(raw), width=charts.DESKTOP_PX).to_dict()
    assert json.dumps(shared.to_dict(), sort_keys=True, default=str) == phone_dict  # the phone's copy untouched
    assert ui.unscreened(shared).to_dict() == raw.to_dict()
    plain = ui.SharedFigure.of(go.Figure(raw))  # not a screen copy: drawn as it is, on any screen
    assert ui.device_copy(plain, phone=False) is plain


def test_on_a_computer_a_page_draws_the_computers_copy_and_a_chart_in_half_a_column_the_phones(app_env, monkeypatch):
    """Half a column of a 1280-wide laptop is about 400 px, a phone's width: Portofolio's funnel and forms stay in
    the phone's lines there, while Ringkasan's chart, the column's full width, gets the computer's."""
    from iid import ui

    monkeypatch.setattr(ui, "on_a_phone", lambda: False)  # the browser says it is a computer
    at = open_page("pages/overview.py", r="64.74")
    title = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]
    assert "<br>" not in title["text"] + title["subtitle"]["text"], title  # a phone's copy wraps its subtitle
    asked, device_copy = [], ui.device_copy
    monkeypatch.setattr(ui, "device_copy", lambda fig, phone=None: asked.append(phone) or device_copy(fig, phone))
    at = open_page("pages/innovations.py", r="64.74", itab="Portofolio")
    assert not at.exception and len(at.get("plotly_chart")) >= 2
    # funnel and forms side by side, then the affairs and the years the column's full width
    assert asked[:2] == [True, True] and len(asked) >= 3 and set(asked[2:]) == {None}, asked


PAIR = ("64.74", "61.71")


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("overview_trend", ("64.74", False, "id")),
        ("compare_latest", (("64.74", "64.71", "64.72"), False, "id")),
        ("compare_time", (PAIR, False, "id", (2021, 2025), "score")),
        ("compare_time", (PAIR, False, "en", (2021, 2025), "rank")),
        ("compare_heatmap", (PAIR, "id")),
        ("compare_map", (PAIR, 2024, "score", False, "id")),
        ("trend_main", ("64.74", False, "id")),
        ("trend_rank", ("64.74", False, "id")),
        ("trend_distribution", ("64.74", False, "id")),
        ("trend_movers", ("64.74", False, "id")),
        ("target", ("64.74", 65.0, 2029, ">=", "iid_score", None, False, None, None, "id")),
    ],
)
def test_the_data_downloaded_under_a_shared_chart_is_the_data_of_the_chart_as_built_never_plotlys_array_codes(
    app_env, name, args
):
    """A shared figure is made from a dict, where plotly keeps numbers as typed arrays ({"dtype", "bdata"}): its
    table once read `Kota Bontang, dtype` and `Kota Samarinda, bdata` instead of the scores."""
    from iid import ui

    path = str(app_env)
    shared = ui.figure(path, name, *args)
    assert shared is not None
    lang = "en" if "en" in args else "id"
    data = ui.chart_data(shared, lang)
    built = charts.figure_data(figures.build(ui.get_db(path), name, *args), lang)
    assert len(data) > 0
    pd.testing.assert_frame_equal(data, built)
    cells = {str(v) for col in data.columns for v in data[col]}
    assert not cells & {"dtype", "bdata", "shape"}
    numbers = pd.to_numeric(data.iloc[:, 2], errors="coerce")
    assert numbers.notna().all()  # every value a number
    back = pd.read_csv(io.BytesIO(export.csv_bytes(data)), encoding="utf-8-sig")
    assert "bdata" not in back.to_csv()


def test_a_charts_data_has_no_float_noise_from_the_sums_behind_it():
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=[2024, 2025], y=[61.36, 61.36 + 1.66], name="Kota Bontang"))
    data = charts.figure_data(fig, "id")
    assert 61.36 + 1.66 == 63.019999999999996  # what the sum gives
    assert data["Nilai"].tolist() == [61.36, 63.02]
    assert "63.019999" not in export.csv_bytes(data).decode("utf-8-sig")


@pytest.mark.parametrize(
    ("address", "cited"),
    [
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765/?r=64.74"),
        ("http://127.0.0.1:8765/", "http://127.0.0.1:8765/?r=64.74"),
        ("https://iid.example.go.id/tren?x=1", "https://iid.example.go.id/tren?r=64.74"),
    ],
)
def test_the_cited_address_of_a_view_has_its_path_before_its_parameters(monkeypatch, address, cited):
    from types import SimpleNamespace

    from iid import ui

    monkeypatch.setattr(ui.st, "context", SimpleNamespace(url=address))
    monkeypatch.setattr(ui.st, "query_params", SimpleNamespace(to_dict=lambda: {"r": "64.74"}))
    assert ui.view_url() == cited


def test_a_shared_chart_is_turned_into_json_once_and_the_same_json_as_plotly_makes():
    import plotly.graph_objects as go
    import plotly.io

    from iid import ui

    fig = go.Figure(go.Scatter(x=[2024, 2025], y=[61.36, 63.02], name="Kota Bontang", uid="a"))
    fig.update_layout(title="Skor IID")
    expected = plotly.io.to_json(go.Figure(fig), validate=False)  # an ordinary figure: Plotly's own
    shared = ui.SharedFigure.of(fig)
    made = []
    plain = plotly.io.to_json.__wrapped__
    once = ui._json_once(lambda *a, **k: made.append(1) or plain(*a, **k))
    drawn = [once(shared.to_dict(), validate=False) for _ in range(3)]  # what st.plotly_chart does per draw
    assert drawn == [expected] * 3 and made == [1]
    assert once(go.Figure(fig).to_dict(), validate=False) == expected and made == [1, 1]  # not shared: made anew
    assert once(shared.to_dict(), validate=False, pretty=True) != expected and made == [1, 1, 1]
    assert getattr(plotly.io.to_json, "made_once", False)  # installed where st.plotly_chart finds it


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("pages/overview.py", {"r": "64.74"}),
        ("pages/targets.py", {"r": "65", "lang": "en"}),
        ("pages/trend.py", {"r": "64.74", "present": "1"}),
    ],
    ids=["ringkasan", "target-en", "tren-projector"],
)
def test_a_chart_carries_its_text_alternative_itself_not_an_element_before_it(page, params):
    """One element fewer a chart for a fresh browser to draw before its first chart: the text alternative is the
    chart's own accessible name (st.plotly_chart's alt; the browser test checks the name), not a hidden paragraph."""
    from iid.i18n import t

    at = open_page(page, **params)
    assert not at.exception
    lang = params.get("lang", "id")
    drawn = at.get("plotly_chart")
    assert drawn
    alt = t("chart_alt_plain" if "present" in params else "chart_alt", lang).split("{")[0]
    for chart in drawn:
        assert chart.proto.alt.startswith(alt) and len(chart.proto.alt) > len(alt) + 10, chart.proto.alt


@pytest.mark.parametrize("present", [False, True], ids=["screen", "projector"])
def test_the_app_sends_its_styles_in_one_element_a_run(present, monkeypatch):
    """Accessibility and the screens' styles (or the projector's) in one element: they were two a run."""
    import streamlit as st

    sent: list[str] = []
    html = st.html
    monkeypatch.setattr(st, "html", lambda body, *a, **kw: (sent.append(body), html(body, *a, **kw))[1])
    at = app_test()
    at.query_params["r"] = "64.74"
    if present:
        at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    styles = [body for body in sent if body.lstrip().startswith("<style")]
    assert len(styles) == 1, [body[:60] for body in styles]
    assert "focus-visible" in styles[0]  # the accessibility styles
    assert ("st-key-present_screen" in styles[0]) == present  # the projector's
    assert ("st-key-notice_sample" in styles[0]) != present  # or the screens' (SCREEN_CSS)
