"""The printed profile: one A4 page whose text can be extracted and whose fonts are embedded, written from the story."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib

import pytest

from iid import profile

needs_chromium = pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="Chromium is needed (make chromium)"
)


def test_the_page_says_score_story_trend_peers_weakest_pledges_sources_and_the_date(full_db):
    page = profile.page_html(full_db, "64.74", "id", today=dt.date(2026, 3, 5))
    for text in (
        "Kota Bontang",
        "dicetak 5 Maret 2026",
        "62,36",
        "turun ke Inovatif karena batas Sangat Inovatif naik dari 60,01 ke 65,01",
        "Perjalanan skor",
        "Di antara pembanding",
        "Poin yang hilang",
        "1 OPD 5 Inovasi",
        "https://mekora.id/",
        "Data contoh",
    ):
        assert text in page, text
    assert page.count("<div class='chart'") == 3  # trend, peers, weakest: drawn as SVG by plotly.js in the page
    assert page.count("draw(document.currentScript") == 3


def test_a_region_with_a_target_shows_its_status_and_the_levers_in_english(full_db):
    page = profile.page_html(full_db, "65", "en", today=dt.date(2026, 3, 5))
    assert "printed 5 March 2026" in page and "Target 65.00 by 2029" in page and "reached under the 2029 rules" in page


def _pdf_pages(data: bytes) -> list[bytes]:
    return re.findall(rb"/Type\s*/Page[^s]", data)


def _pdf_text_streams(data: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    return out


@needs_chromium
def test_the_pdf_is_one_a4_page_with_embedded_fonts_and_extractable_text(full_db, tmp_path):
    data = profile.pdf(full_db, "64.74", "id")
    path = tmp_path / "profile.pdf"
    path.write_bytes(data)
    assert data.startswith(b"%PDF") and len(_pdf_pages(data)) == 1
    box = [float(x) for x in re.search(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", data).group(1).split()]
    assert box[2] == pytest.approx(595, abs=1.5) and box[3] == pytest.approx(842, abs=1.5)  # A4 in points
    assert b"/FontFile2" in data or b"/FontFile3" in data  # fonts embedded, not referenced
    assert any(
        b"/ToUnicode" in s or b"beginbfchar" in s or b"beginbfrange" in s for s in [data, *_pdf_text_streams(data)]
    )
    if shutil.which("pdftotext") and shutil.which("pdffonts"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        assert "Kota Bontang" in text and "62,36" in text and "SUMBER" in text  # headings print in capitals
        assert "Kota Balikpapan" in text and "Opini BPK" in text  # the charts were drawn before the page printed
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout.splitlines()[2:]
        assert fonts and all(" yes " in line for line in fonts)  # every font embedded


def test_on_paper_each_rule_change_is_a_letter_on_its_line_with_its_sentence_under_the_chart(full_db):
    from iid.story import build_story

    trend = {s.key: s for s in build_story(full_db, "64.74")}["trend"].figure
    f, notes = profile._print_copy(trend, profile.WIDTH, 258)
    letters = [a.text for a in f.layout.annotations if a.name == "rule_change"]
    assert letters == ["<b>A</b>", "<b>B</b>"] and [tag for tag, _ in notes] == ["A", "B"]
    assert "Batas Sangat Inovatif naik" in notes[0][1] and "<br>" not in notes[0][1]
    assert f.layout.margin.t < 80  # the boxes' strip gave its height back to the plot
    page = profile.page_html(full_db, "64.74", "id")
    assert "<div class='rules'><div><b>A</b> 2023 · Batas Sangat Inovatif naik" in page  # its year first


def test_on_paper_event_notes_stand_a_line_apart_and_bar_values_keep_their_size(full_db):
    from iid.story import build_story

    by = {s.key: s for s in build_story(full_db, "64.74")}
    f, _ = profile._print_copy(by["trend"].figure, profile.WIDTH, 258)
    events = sorted((a for a in f.layout.annotations if a.name == "event"), key=lambda a: -a.y)
    assert len(events) >= 2
    plot_px = 258 - f.layout.margin.t - f.layout.margin.b
    gaps_px = [(a.y - b.y) / 100 * plot_px for a, b in zip(events, events[1:], strict=False) if a.y != b.y]
    assert all(g >= events[0].font.size * 1.3 for g in gaps_px)
    bars, _ = profile._print_copy(by["weakest"].figure, profile.COLUMN, 240)
    assert all(tr.textfont.size >= 10 and tr.constraintext == "none" for tr in bars.data if tr.type == "bar")


@pytest.mark.parametrize("key", ["trend", "peers", "weakest"])
def test_on_paper_a_charts_source_line_fits_its_width_from_the_charts_left_edge(full_db, key):
    from iid.charts import _size, text_px
    from iid.story import build_story

    by = {s.key: s for s in build_story(full_db, "64.74")}
    width = profile.WIDTH if key == "trend" else profile.COLUMN
    f, _ = profile._print_copy(by[key].figure, width, 240)
    src = next(a for a in f.layout.annotations if a.name == "source_line")
    left = f.layout.margin.l + (src.xshift or 0)  # where the line starts, in px from the figure's left edge
    widest = max(text_px(line, _size(src.font, 8)) for line in src.text.split("<br>"))
    assert left >= 0 and left + widest <= width, (src.text, left, widest, width)
