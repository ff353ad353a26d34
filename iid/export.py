"""Exports for workshops: chart images (PNG, SVG) through kaleido and Debian's Chromium, formatted XLSX tables,
and the PowerPoint deck of a region's story. File names say what they hold."""

from __future__ import annotations

import io
import re
import threading
import unicodedata
import warnings
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from iid.charts import fit_to, present_style

SLIDE_W, SLIDE_H = 1600, 900  # slide-size image (16:9)
FULL_HD = (1920, 1080)
_lock = threading.Lock()
_server_started = False


def file_name(region_name: str, view: str, year: int | str | None, ext: str) -> str:
    """IID_Kota-Bontang_tren_2024.pptx: region, view and year, safe on every file system."""
    ascii_name = unicodedata.normalize("NFKD", region_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")
    parts = ["IID", slug, re.sub(r"[^a-z0-9]+", "-", view.lower()).strip("-")]
    if year is not None:
        parts.append(str(year))
    return "_".join(p for p in parts if p) + f".{ext}"


def _ensure_server() -> None:
    """Start kaleido's renderer once per process: ~0.2 s an image instead of ~2 s."""
    global _server_started
    if not _server_started:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        _server_started = True


def image(
    fig: go.Figure, fmt: str = "png", width: int = FULL_HD[0], height: int = FULL_HD[1], present: bool = True
) -> bytes:
    """The figure as PNG or SVG bytes, with its title, source line and sample mark; projector styling by default."""
    f = fit_to(present_style(fig) if present else fig, width, height)
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # plotly warns that kaleido's options are unused with a server
        _ensure_server()
        return f.to_image(format=fmt, width=width, height=height)


_INJECTION = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    """Text a spreadsheet would run as a formula (CSV/XLSX injection): it begins with = + - @, a tab or a return.

    The one test for it: exports neutralise such text (safe_cell) and imports refuse it in text fields.
    """
    return isinstance(value, str) and value.startswith(_INJECTION)


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is written as text (CSV/XLSX injection)."""
    return "'" + value if formula_like(value) else value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_cell)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV with a BOM so Excel opens it in UTF-8; formula-like text neutralised."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(
    df: pd.DataFrame,
    sources: pd.DataFrame | None = None,
    sheet: str = "Data",
    decimals: dict[str, int] | None = None,
    title: str | None = None,
) -> bytes:
    """A formatted workbook: frozen bold header, column widths, number formats (shown with the reader's locale
    separators, so 65,00 in Indonesian Excel), and a sheet listing the sources."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    buf = io.BytesIO()
    data = safe_frame(df)
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        data.to_excel(xw, sheet_name=sheet[:31], index=False)
        ws = xw.sheets[sheet[:31]]
        ws.freeze_panes = "A2"
        for cell in ws[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="0072B2")
        for i, col in enumerate(data.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in data[col].head(200)]) + 2
            ws.column_dimensions[get_column_letter(i)].width = min(max(width, 8), 60)
            if decimals and col in decimals:
                number_format = "#,##0" if decimals[col] == 0 else "#,##0." + "0" * decimals[col]
                for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    row[0].number_format = number_format
        if title:
            ws.oddHeader.center.text = title
        if sources is not None and not sources.empty:
            src = safe_frame(sources)
            src.to_excel(xw, sheet_name="Sumber", index=False)
            ws2 = xw.sheets["Sumber"]
            ws2.freeze_panes = "A2"
            for cell in ws2[1]:
                cell.font = Font(bold=True)
            for i, col in enumerate(src.columns, start=1):
                ws2.column_dimensions[get_column_letter(i)].width = min(max(len(str(col)) + 2, 14), 70)
    return buf.getvalue()


def deck(screens: Iterable, region_name: str, lang: str = "id") -> bytes:
    """A 16:9 PowerPoint of the story: one headline and one chart image per slide, sources in the notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 13,333 × 7,5 in
    blank = prs.slide_layouts[6]
    W, H = prs.slide_width, prs.slide_height
    margin = Emu(457200)  # 0,5 in
    for screen in screens:
        slide = prs.slides.add_slide(blank)
        title_box = slide.shapes.add_textbox(margin, Emu(228600), W - 2 * margin, Emu(1005840))
        tf = title_box.text_frame
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.text = screen.headline
        p.font.size = Pt(40 if screen.key == "title" else 26)
        p.font.bold = True
        p.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        top = Emu(1280160)
        if screen.figure is not None:
            png = image(screen.figure, "png", SLIDE_W, SLIDE_H)
            avail_h = H - top - Emu(182880)
            pic_w = min(W - 2 * margin, int(avail_h * 16 / 9))
            slide.shapes.add_picture(io.BytesIO(png), int((W - pic_w) / 2), top, width=pic_w)
        if screen.lines:
            body = slide.shapes.add_textbox(
                margin, top + (Emu(0) if screen.figure is None else H), W - 2 * margin, Emu(3200400)
            )
            btf = body.text_frame
            btf.word_wrap = True
            for i, line in enumerate(screen.lines):
                para = btf.paragraphs[0] if i == 0 else btf.add_paragraph()
                para.text = line
                para.font.size = Pt(24)
                para.space_after = Pt(12)
        if screen.has_sample:
            mark = slide.shapes.add_textbox(W - Emu(2286000) - margin, H - Emu(502920), Emu(2286000), Emu(365760))
            mp = mark.text_frame.paragraphs[0]
            mp.text = "Data contoh" if lang == "id" else "Sample data"
            mp.font.size = Pt(14)
            mp.font.bold = True
            mp.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
        notes = slide.notes_slide.notes_text_frame
        notes.text = ("Sumber:\n" if lang == "id" else "Sources:\n") + "\n".join(screen.sources or ["–"])
    prs.core_properties.title = f"IID — {region_name}"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
