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
    assert page.count("<svg") == 3  # trend, peers, weakest: charts as SVG, text stays text


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
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout.splitlines()[2:]
        assert fonts and all(" yes " in line for line in fonts)  # every font embedded
