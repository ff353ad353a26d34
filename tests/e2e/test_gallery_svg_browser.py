"""Every gallery SVG drawn in Chromium: nothing leaves the canvas, and the frame's texts (title, subtitle, source, the
sample mark, legend, axis labels) never cover one another."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from iid import export, gallery

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]

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
    out = tmp_path_factory.mktemp("gallery")
    cases = tuple(c for c in gallery.CASES if c.name in ("long", "en"))
    return gallery.render(out, cases, ("svg",), data_dir=ROOT / "data")


def test_the_gallery_draws_every_chart_builder_for_every_case(gallery_svgs):
    names = {p.stem for p in gallery_svgs}
    assert {"compare_latest", "compare_heatmap", "compare_time", "trend_main", "target", "story_score"} <= names
    assert {p.parent.name for p in gallery_svgs} == {"long", "en"}


def test_nothing_in_a_gallery_svg_leaves_the_canvas_or_covers_the_frame(page: Page, gallery_svgs):
    page.set_viewport_size({"width": export.FULL_HD[0], "height": export.FULL_HD[1]})
    problems = {}
    for svg in gallery_svgs:
        page.set_content(f"<html><body style='margin:0'>{svg.read_text()}</body></html>")
        m = page.evaluate(MEASURE)
        assert (m["W"], m["H"]) == export.FULL_HD
        if m["outside"] or m["meets"]:
            problems[f"{svg.parent.name}/{svg.name}"] = m["outside"] + m["meets"]
    assert not problems, problems
