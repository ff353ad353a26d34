"""Every page through Streamlit's AppTest: the URL drives the view, controls change it, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_opens_on_kota_bontang_by_default(app_env):
    at = open_app()
    assert not at.exception
    assert at.title[0].value == "Kota Bontang"
    assert at.query_params["r"] == ["64.74"] or at.query_params["r"] == "64.74"


def test_overview_shows_the_region_named_in_the_url(app_env):
    at = open_app(r="61.71")
    assert not at.exception
    assert at.title[0].value == "Kota Pontianak"
    assert any(label.startswith("Skor IID") for label in metrics(at))


def test_overview_marks_sample_data_as_data_contoh(app_env):
    at = open_app(r="64.74")
    assert any("Data contoh" in w.body for w in at.warning)
    assert any("Data contoh" in label for label in metrics(at))


def test_published_only_switch_shows_kaltaras_published_2023_score_without_sample_mark(app_env):
    at = open_app(r="65", pub="1")
    assert not at.exception
    m = metrics(at)
    assert m["Skor IID 2023"] == "45,86"
    assert m["Peringkat nasional (provinsi)"] == "23 dari 38"
    assert not any("Data contoh" in w.body for w in at.warning)


def test_published_only_for_bontang_shows_the_published_predicate_without_a_score(app_env):
    at = open_app(r="64.74", pub="1")
    m = metrics(at)
    assert m["Skor IID 2024"] == "Skor tidak dipublikasikan"
    assert m["Predikat"] == "Sangat Inovatif"


def test_language_switch_turns_the_page_into_english_and_keeps_it_in_the_url(app_env):
    at = open_app(r="61.71")
    at.sidebar.segmented_control(key="lang_widget").set_value("en").run()
    assert not at.exception
    assert "Latest standing" in at.caption[0].value
    assert any(label.startswith("IID score") for label in metrics(at))
    assert at.query_params["lang"] in ("en", ["en"])


def test_english_numbers_use_a_decimal_point(app_env):
    at = open_app(r="65", pub="1", lang="en")
    assert metrics(at)["IID score 2023"] == "45.86"


def test_picking_another_region_updates_the_url(app_env):
    at = open_app(r="64.74")
    at.sidebar.selectbox(key="r_widget").set_value("19.71").run()
    assert at.title[0].value == "Kota Pangkal Pinang"
    assert at.query_params["r"] in ("19.71", ["19.71"])


def test_unknown_region_code_in_the_url_gives_a_clear_message_not_a_traceback(app_env):
    at = open_app(r="99.99")
    assert not at.exception
    assert any("99.99" in w.body and "tidak dikenal" in w.body for w in at.warning)
    assert at.title[0].value == "Kota Bontang"


def test_overview_lists_targets_and_commitments_with_their_sources(app_env):
    at = open_app(r="65")
    text = " ".join(m.value for m in at.markdown)
    assert "RPJMD Provinsi Kalimantan Utara 2025–2029" in text and "65,00" in text
    at = open_app(r="19.71")
    text = " ".join(m.value for m in at.markdown)
    assert "100 usulan inovasi" in text and "KIPP" in text


@pytest.mark.parametrize("code", ["64.74", "61.71", "65", "11.09"])
def test_overview_chart_is_a_plotly_figure_with_title_and_source_line(app_env, code):
    import json

    at = open_app(r=code)
    charts = at.get("plotly_chart")
    assert charts, "no chart"
    spec = json.loads(charts[0].proto.spec)
    assert "Skor IID" in spec["layout"]["title"]["text"]
    assert any(a["text"].startswith("Sumber:") for a in spec["layout"]["annotations"])
