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
from iid.i18n import t

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


def warm() -> None:
    """Start the renderer now, so its Chromium starts while the caller builds what it will draw (the deck's story)."""
    with _lock:
        _ensure_server()


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


LAST_IMPORT = "select max(imported_at) from imports where undone_at is null"


def last_import(db) -> object:
    """When figures were last imported (an import not undone), or None: shown under every chart with its citation."""
    return db.scalar(LAST_IMPORT)


def date_text(day, lang: str = "id") -> str:
    """26 November 2026 / 5 Maret 2026: a date as people write it, month names from the translation table."""
    from iid.i18n import t

    months = t("months", lang).split(",")
    return f"{day.day} {months[day.month - 1]} {day.year}"


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


SOURCE_COLUMNS = ("source_id", "kind", "title", "publisher", "url", "document_ref", "published_date")


def sources_for_readers(sources: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """A sources table with its headers and kinds in the reader's language (Jenis: dipublikasikan, data contoh,
    diimpor), not the database's column names and codes."""
    out = sources.copy()
    if "kind" in out.columns:
        out["kind"] = out["kind"].map(lambda k: t(f"source_kind_{k}", lang) if k in SOURCE_KINDS else k)
    return out.rename(columns={c: t(f"source_col_{c}", lang) for c in SOURCE_COLUMNS if c in out.columns})


SOURCE_KINDS = ("published", "sample", "imported")


def xlsx_bytes(
    df: pd.DataFrame,
    sources: pd.DataFrame | None = None,
    sheet: str = "Data",
    decimals: dict[str, int] | None = None,
    title: str | None = None,
    lang: str = "id",
) -> bytes:
    """A formatted workbook: frozen bold header, column widths, number formats (shown with the reader's locale
    separators, so 65,00 in Indonesian Excel), and a sheet listing the sources in the reader's language."""
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
            src = safe_frame(sources_for_readers(sources, lang))
            name = t("xlsx_sources_sheet", lang)
            src.to_excel(xw, sheet_name=name, index=False)
            ws2 = xw.sheets[name]
            ws2.freeze_panes = "A2"
            for cell in ws2[1]:
                cell.font = Font(bold=True)
            for i, col in enumerate(src.columns, start=1):
                ws2.column_dimensions[get_column_letter(i)].width = min(max(len(str(col)) + 2, 14), 70)
    return buf.getvalue()


def deck(screens: Iterable, region_name: str, lang: str = "id", comparison: Iterable = ()) -> bytes:
    """A 16:9 PowerPoint of the story, one slide per screen: its headline, then a native PowerPoint chart (bars and
    lines a presenter can restyle) or the chart's image, a table (levers, pledges, sources) or its lines. Sources in
    the notes, "Data contoh" on every slide with sample figures. `comparison` (a workshop batch) adds its section
    after the title slide."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 13,333 × 7,5 in
    screens = list(screens)
    comparison = list(comparison)
    ordered = screens[:1] + comparison + screens[1:]
    _render_images([s for s in ordered if s.figure is not None and s.native is None])
    for screen in ordered:
        _slide(prs, screen, lang)
    prs.core_properties.title = f"IID — {region_name}"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _render_images(screens: list) -> None:
    """The slide images of every chart that is not drawn natively, rendered once (kaleido's server is shared)."""
    for screen in screens:
        if getattr(screen, "_png", None) is None:
            object.__setattr__(screen, "_png", image(screen.figure, "png", SLIDE_W, SLIDE_H))


_INK = (0x1A, 0x1A, 0x1A)
_BLUE = (0x00, 0x72, 0xB2)
_GREY = (0x6B, 0x6B, 0x6B)


def _slide(prs, screen, lang: str) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[6])
    W, H = prs.slide_width, prs.slide_height
    margin = Emu(457200)  # 0,5 in
    title_box = slide.shapes.add_textbox(margin, Emu(228600), W - 2 * margin, Emu(1005840))
    tf = title_box.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    p.text = screen.headline
    long = len(screen.headline) > 140
    p.font.size = Pt(40 if screen.key == "title" else 20 if long else 24)
    p.font.bold = True
    p.font.color.rgb = RGBColor(*_INK)
    top = Emu(1325880)
    bottom = H - Emu(548640)  # room for the sample mark
    width = W - 2 * margin
    visual = screen.native is not None or screen.figure is not None
    lines = list(screen.lines) if screen.key != "commitments" or screen.table is None else []
    side = visual and bool(lines) and screen.key not in ("title",)
    if screen.native is not None:
        _native_chart(slide, screen.native, margin, top, int(width * (0.66 if side else 1)), bottom - top, lang)
    elif screen.figure is not None:
        png = screen.__dict__.get("_png") or image(screen.figure, "png", SLIDE_W, SLIDE_H)
        pic_h = bottom - top
        pic_w = min(int(width * (0.66 if side else 1)), int(pic_h * 16 / 9))
        slide.shapes.add_picture(io.BytesIO(png), margin if side else int((W - pic_w) / 2), top, width=pic_w)
    elif screen.table is not None:
        _table(slide, screen.table, margin, top, width, bottom - top - (Emu(640080) if lines else 0))
    if lines:
        left = margin + int(width * 0.68) if side else margin
        body_w = int(width * 0.32) if side else width
        body_top = top if side or not screen.table else bottom - Emu(640080)
        body = slide.shapes.add_textbox(left, body_top, body_w, bottom - body_top)
        btf = body.text_frame
        btf.word_wrap = True
        size = 14 if side else 24 if screen.key in ("title", "next") else 18
        for i, line in enumerate(lines):
            para = btf.paragraphs[0] if i == 0 else btf.add_paragraph()
            para.text = line if screen.key == "title" else f"• {line}"
            para.font.size = Pt(size)
            para.space_after = Pt(8)
    if screen.has_sample:
        mark = slide.shapes.add_textbox(W - Emu(2286000) - margin, H - Emu(502920), Emu(2286000), Emu(365760))
        mp = mark.text_frame.paragraphs[0]
        mp.text = "Data contoh" if lang == "id" else "Sample data"
        mp.font.size = Pt(14)
        mp.font.bold = True
        mp.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    notes = slide.notes_slide.notes_text_frame
    notes.text = ("Sumber:\n" if lang == "id" else "Sources:\n") + "\n".join(screen.sources or ["–"])


def _native_chart(slide, spec: dict, x, y, w, h, lang: str) -> None:
    """A PowerPoint chart from a screen's native spec: horizontal or vertical bars, or lines with markers."""
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.util import Pt

    from iid.palette import REGION_COLOURS

    data = CategoryChartData(number_format="#,##0.00")
    data.categories = spec["categories"]
    for name, values in spec["series"]:
        data.add_series(name, [None if v is None else float(v) for v in values])
    if spec["kind"] == "line":
        kind = XL_CHART_TYPE.LINE_MARKERS
    else:
        kind = XL_CHART_TYPE.BAR_CLUSTERED if spec.get("horizontal", True) else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = slide.shapes.add_chart(kind, x, y, w, h, data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = spec["title"]
    chart.chart_title.text_frame.paragraphs[0].font.size = Pt(16)
    chart.font.size = Pt(14)
    multi = len(spec["series"]) > 1
    chart.has_legend = multi
    if multi:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    for i, series in enumerate(chart.plots[0].series):
        colour = REGION_COLOURS[i % 10] if spec.get("regions") or i == 0 else "#6B6B6B"
        rgb = RGBColor.from_string(colour.lstrip("#"))
        if spec["kind"] == "line":
            series.format.line.color.rgb = rgb
            series.format.line.width = Pt(3 if i == 0 else 1.5)
            series.smooth = False
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = rgb
    if spec.get("scale"):
        chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = spec["scale"]
    elif spec["kind"] == "bar":
        chart.value_axis.minimum_scale = 0
    chart.value_axis.tick_labels.number_format = "0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    if spec["kind"] == "bar":
        plot = chart.plots[0]
        plot.has_data_labels = True
        # shown with the reader's separators (65,00 in Indonesian PowerPoint)
        plot.data_labels.number_format = spec.get("format", "#,##0.00")
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.data_labels.font.size = Pt(12)
        plot.gap_width = 60


def _table(slide, table: dict, x, y, w, h) -> None:
    """A table shape: header in bold on blue, at most 12 rows (the notes keep the sources in full)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    rows = table["rows"][:12]
    cols = table["columns"]
    row_h = Emu(min(int(h / (len(rows) + 1)), 457200))
    shape = slide.shapes.add_table(len(rows) + 1, len(cols), x, y, w, row_h * (len(rows) + 1))
    t = shape.table
    longest = [max([len(str(c))] + [len(str(r[i])) for r in rows]) for i, c in enumerate(cols)]
    total = sum(min(n, 60) + 4 for n in longest)
    for i, n in enumerate(longest):
        t.columns[i].width = int(w * (min(n, 60) + 4) / total)
    size = 14 if len(rows) <= 6 and total < 120 else 12 if total < 160 else 11
    for i, c in enumerate(cols):
        cell = t.cell(0, i)
        cell.text = str(c)
        para = cell.text_frame.paragraphs[0]
        para.font.size, para.font.bold = Pt(size), True
        para.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor(*_BLUE)
    for r, row in enumerate(rows, start=1):
        for i, value in enumerate(row):
            cell = t.cell(r, i)
            cell.text = str(value)
            cell.text_frame.paragraphs[0].font.size = Pt(size)
