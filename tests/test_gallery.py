"""Chart images never clip: margins grow with the labels, and in every gallery SVG nothing leaves the canvas and the
frame's texts (title, subtitle, source, the sample mark, legend, axis labels) never cover one another."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from iid import charts, export, gallery
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


MEASURE = """() => {
  const svg = document.querySelector('svg');
  const W = parseFloat(svg.getAttribute('width')), H = parseFloat(svg.getAttribute('height'));
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() && t.getBBox().width > 0);
  const outside = texts.filter((t) => { const [l, tp, r, b] = box(t); return l < -1 || tp < -1 || r > W + 1 || b > H + 1; })
    .map((t) => t.textContent.slice(0, 60));
  const group = (t) => {
    if (t.closest('.g-gtitle')) return t.classList.contains('gtitle-subtitle') ? 'subtitle' : 'title';
    if (t.closest('.legend')) return 'legend';
    if (t.closest('.xtick')) return 'xtick';
    if (t.closest('.ytick')) return 'ytick';
    if (t.closest('.g-xtitle')) return 'xtitle';
    if (/^(Sumber|Source):/.test(t.textContent)) return 'source';
    if (/^(Data contoh|Sample data|Penilaian mandiri|Own assessment)/.test(t.textContent)) return 'mark';
    return null;
  };
  const framed = texts.map((t) => [group(t), box(t), t.textContent.slice(0, 40)]).filter((g) => g[0]);
  const meets = [];
  for (let i = 0; i < framed.length; i++) for (let j = i + 1; j < framed.length; j++) {
    const [ga, a, ta] = framed[i], [gb, b, tb] = framed[j];
    if (ga === gb) continue;
    if (a[0] < b[2] - 1 && b[0] < a[2] - 1 && a[1] < b[3] - 1 && b[1] < a[3] - 1) meets.push(`${ga} "${ta}" / ${gb} "${tb}"`);
  }
  return {W, H, outside, meets};
}"""


@pytest.fixture(scope="module")
def gallery_svgs(tmp_path_factory) -> list[Path]:
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        pytest.skip("Chromium is needed for chart images (make chromium)")
    out = tmp_path_factory.mktemp("gallery")
    cases = tuple(c for c in gallery.CASES if c.name in ("long", "en"))
    return gallery.render(out, cases, ("svg",), data_dir=ROOT / "data")


def test_the_gallery_draws_every_chart_builder_for_every_case(gallery_svgs):
    names = {p.stem for p in gallery_svgs}
    assert {"compare_latest", "compare_heatmap", "compare_time", "trend_main", "target", "story_score"} <= names
    assert {p.parent.name for p in gallery_svgs} == {"long", "en"}


def test_nothing_in_a_gallery_svg_leaves_the_canvas_or_covers_the_frame(gallery_svgs):
    from playwright.sync_api import sync_playwright

    problems = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium")
        page = browser.new_page(viewport={"width": export.FULL_HD[0], "height": export.FULL_HD[1]})
        for svg in gallery_svgs:
            page.set_content(f"<html><body style='margin:0'>{svg.read_text()}</body></html>")
            m = page.evaluate(MEASURE)
            assert (m["W"], m["H"]) == export.FULL_HD
            if m["outside"] or m["meets"]:
                problems[f"{svg.parent.name}/{svg.name}"] = m["outside"] + m["meets"]
        browser.close()
    assert not problems, problems
