"""Exports: chart images, formatted tables and the PowerPoint deck, opened again to check what they hold."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation

from iid import export, figures
from iid.story import build_story


@pytest.mark.parametrize(
    ("name", "view", "year", "ext", "expected"),
    [
        ("Kota Bontang", "tren", 2024, "pptx", "IID_Kota-Bontang_tren_2024.pptx"),
        ("Kab. Pulau Taliabu", "Bandingkan", 2025, "xlsx", "IID_Kab-Pulau-Taliabu_bandingkan_2025.xlsx"),
        ("Provinsi DI Yogyakarta", "target", None, "png", "IID_Provinsi-DI-Yogyakarta_target.png"),
    ],
)
def test_file_names_say_region_view_and_year(name, view, year, ext, expected):
    assert export.file_name(name, view, year, ext) == expected


@pytest.fixture(scope="module")
def bontang_story(full_db):
    return build_story(full_db, "64.74")


@pytest.fixture(scope="module")
def bontang_deck(bontang_story):
    return Presentation(io.BytesIO(export.deck(bontang_story, "Kota Bontang")))


def test_the_deck_has_one_16_9_slide_per_screen_with_its_headline(bontang_story, bontang_deck):
    assert len(bontang_deck.slides) == len(bontang_story) >= 4
    assert bontang_deck.slide_width * 9 == bontang_deck.slide_height * 16
    for slide, screen in zip(bontang_deck.slides, bontang_story, strict=True):
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        assert texts[0] == screen.headline


def test_every_chart_screen_not_drawn_natively_has_an_image_and_every_slide_names_its_sources_in_the_notes(
    bontang_story, bontang_deck
):
    for slide, screen in zip(bontang_deck.slides, bontang_story, strict=True):
        pictures = [sh for sh in slide.shapes if sh.shape_type == 13]
        assert len(pictures) == (1 if screen.figure is not None and screen.native is None else 0)
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Sumber:") and len(notes.splitlines()) >= 2


def test_slides_with_sample_figures_carry_the_data_contoh_mark(bontang_story, bontang_deck):
    for slide, screen in zip(bontang_deck.slides, bontang_story, strict=True):
        marked = any(sh.has_text_frame and sh.text_frame.text == "Data contoh" for sh in slide.shapes)
        assert marked == screen.has_sample


def test_a_chart_image_is_1920_by_1080_png_and_an_svg_is_svg(full_db):
    fig = figures.overview_trend(full_db, "64.74", False, "id")
    png = export.image(fig, "png", 1920, 1080)
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
    slide = export.image(fig, "png", export.SLIDE_W, export.SLIDE_H)
    assert Image.open(io.BytesIO(slide)).size == (export.SLIDE_W, export.SLIDE_H)
    svg = export.image(fig, "svg")
    assert svg.lstrip().startswith(b"<svg") and b"Sumber" in svg and b"Data contoh" in svg


def test_xlsx_has_a_frozen_bold_header_number_formats_and_a_sources_sheet(tmp_path):
    df = pd.DataFrame({"Daerah": ["Kota Bontang", '=HYPERLINK("http://x")'], "Skor": [62.36, 60.61]})
    sources = pd.DataFrame({"title": ["Artikel"], "url": ["https://example.go.id"]})
    wb = load_workbook(io.BytesIO(export.xlsx_bytes(df, sources, "ringkasan", {"Skor": 2})))
    ws = wb["ringkasan"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert ws["B2"].value == 62.36 and ws["B2"].number_format == "#,##0.00"
    assert ws["A3"].value.startswith("'=")  # a formula from data is written as text
    assert wb["Sumber"]["B2"].value == "https://example.go.id"


@pytest.mark.parametrize(
    ("value", "formula"),
    [("=1+1", True), ("+62", True), ("-2+3+cmd|x", True), ("@SUM(A1)", True), ("\t=1", True), ("\r=1", True)]
    + [("ok", False), ("RPJMD 2025–2029", False), ("", False), (62.5, False), (-1, False), (None, False)],
)
def test_formula_like_is_the_one_test_exports_and_imports_share(value, formula):
    assert export.formula_like(value) is formula
    assert export.safe_cell(value) == ("'" + value if formula else value)


def test_csv_export_neutralises_formula_cells():
    text = export.csv_bytes(pd.DataFrame({"a": ["=1+1", "+62", "ok"]})).decode("utf-8-sig")
    assert "'=1+1" in text and "'+62" in text and "\nok" in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-impress) is not installed")
def test_the_deck_converts_cleanly_with_libreoffice(bontang_story, tmp_path):
    path = tmp_path / "deck.pptx"
    path.write_bytes(export.deck(bontang_story, "Kota Bontang"))
    out = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "deck.pdf"
    assert out.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == len(bontang_story)


def test_cli_deck_writes_a_named_deck_for_a_batch_of_regions(built_db_path, tmp_path):
    import sys

    db = tmp_path / "x.duckdb"
    shutil.copy(built_db_path, db)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "iid",
            "--db",
            str(db),
            "deck",
            "--region",
            "64.74,65",
            "--out",
            str(tmp_path / "decks"),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    files = sorted(p.name for p in (tmp_path / "decks").iterdir())
    assert files == ["IID_Kota-Bontang_presentasi_2025.pptx", "IID_Provinsi-Kalimantan-Utara_presentasi_2025.pptx"]
    deck = Presentation(str(tmp_path / "decks" / files[0]))
    assert deck.slides[0].shapes[0].text_frame.text == "Kota Bontang"
    assert "Sources:" in deck.slides[1].notes_slide.notes_text_frame.text
