"""Chart images never clip: margins grow with the labels, columns wrap, the source and the sample mark sit under the
labels, event notes stay in the plot (the gallery's SVGs are checked in Chromium: tests/e2e/test_gallery_svg_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from iid import charts
from iid.rules import Band

ROOT = Path(__file__).resolve().parent.parent
BANDS = [Band(2025, "Kurang Inovatif", 0, True, 35), Band(2025, "Inovatif", 35, False, 65)]


def _latest(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": [f"c{i}" for i in range(len(names))],
            "display_name": names,
            "score": [40.0 + i for i in range(len(names))],
            "score_is_sample": [True] * len(names),
        }
    )


def _heat(names: list[str]) -> pd.DataFrame:
    rows = [
        {"region_code": f"c{i}", "display_name": n, "code": ind, "points": 1.0, "max_points": 2.0, "is_sample": True}
        for i, n in enumerate(names)
        for ind in ("a", "b")
    ]
    return pd.DataFrame(rows)


SHORT = ["Kota Bontang", "Kota Batu"]
LONG = ["Kabupaten Kepulauan Siau Tagulandang Biaro", "Kabupaten Pangkajene dan Kepulauan"]


def test_the_left_margin_of_bars_grows_with_the_longest_region_name_and_with_the_projector_font():
    short = charts.latest_bars(_latest(SHORT), {}, BANDS, 2025, pd.DataFrame(), "id")
    long = charts.latest_bars(_latest(LONG), {}, BANDS, 2025, pd.DataFrame(), "id")
    assert long.layout.margin.l > short.layout.margin.l + 100
    # the longest name at the bars' 15 px fits in the margin; at the projector's 20 px the margin grows again
    assert long.layout.margin.l >= charts.text_px(LONG[0], 15)
    assert charts.present_style(long).layout.margin.l >= charts.text_px(LONG[0], 20)


def test_heatmap_columns_are_wrapped_never_rotated_and_the_source_line_sits_under_them():
    short = charts.indicator_heatmap(_heat(SHORT), ["a", "b"], {"a": "A", "b": "B"}, "id")
    long = charts.indicator_heatmap(_heat(LONG), ["a", "b"], {"a": "A", "b": "B"}, "id")
    assert long.layout.xaxis.tickangle == 0
    assert all("<br>" in x for x in long.data[0].x)
    assert long.layout.margin.b > short.layout.margin.b
    src = next(a for a in long.layout.annotations if a.name == "source_line")
    lines = max(x.count("<br>") + 1 for x in long.data[0].x)
    assert -src.yshift >= lines * 14 * 1.3  # below the wrapped labels


def test_heatmap_subtitle_says_indicators_are_the_rows():
    fig = charts.indicator_heatmap(_heat(SHORT), ["a", "b"], {"a": "A", "b": "B"}, "id")
    assert "baris teratas" in fig.layout.title.subtitle.text and "kiri" not in fig.layout.title.subtitle.text
    en = charts.indicator_heatmap(_heat(SHORT), ["a", "b"], {"a": "A", "b": "B"}, "en")
    assert "top rows" in en.layout.title.subtitle.text


def test_the_sample_mark_sits_beside_the_source_line_never_over_the_subtitle():
    fig = charts.latest_bars(_latest(LONG), {}, BANDS, 2025, pd.DataFrame(), "id")
    mark = next(a for a in fig.layout.annotations if a.name == "sample_mark")
    src = next(a for a in fig.layout.annotations if a.name == "source_line")
    assert mark.y == 0 and mark.yanchor == "top" and mark.yshift <= src.yshift


def test_event_notes_stay_inside_the_plot_and_keep_their_full_title_as_hover():
    fig = charts.trend(
        pd.DataFrame(
            {
                "region_code": ["x"] * 5,
                "display_name": ["Kota X"] * 5,
                "year": [2021, 2022, 2023, 2024, 2025],
                "score": [50.0] * 5,
                "score_is_sample": [False] * 5,
                "predicate": ["Inovatif"] * 5,
            }
        ),
        {},
        pd.DataFrame(),
        "id",
    )
    title = "Komitmen '1 OPD 5 Inovasi' setiap tahun (Workshop Inovasi Daerah 2025) dan sebagainya"
    events = pd.DataFrame({"year": [2023, 2025], "title": [title, "Perda"], "title_en": [title, "Bylaw"]})
    charts.add_events(fig, events, [2021, 2022, 2023, 2024, 2025], "id")
    notes = {a.hovertext: a for a in fig.layout.annotations if a.name == "event"}
    assert notes[title].xanchor == "left" and notes["Perda"].xanchor == "right"  # right half: runs left
    # from the middle to the right edge of a 600 px plot there is room for about 48 characters at 11 px
    assert notes[title].text.endswith("…") and len(notes[title].text) < len(title)
