"""A one-page A4 region profile for Musrenbang and RPJMD annexes: `python -m iid profile --region 64.74 --out F.pdf`.

The page is HTML whose charts plotly.js draws as SVG in the page itself, printed to PDF by the Chromium the project
already uses for chart images (`chromium --headless --print-to-pdf`): one Chromium for the whole page (kaleido would
start a second one, ~2 s), text stays text and fonts are embedded. It is written from the
same story as the projector and the deck (iid.story), so the three tell it the same way.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from iid import export
from iid.db import Database
from iid.i18n import t

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
WIDTH = 704  # CSS px of the printable width: A4 (210 mm) less 2 × 12 mm margins, at 96 px per inch
COLUMN = (WIDTH - 10) // 2  # a chart in one of two columns (.cols: 10 px apart)

CSS = """
@page { size: A4; margin: 11mm 12mm 10mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; color: #1A1A1A; margin: 0; font-size: 9.5pt;
  line-height: 1.3; }
h1 { font-size: 19pt; margin: 0; }
h2 { font-size: 10.5pt; margin: 7px 0 3px; color: #0072B2; text-transform: uppercase; letter-spacing: .04em; }
.sub { color: #555; font-size: 9pt; }
.mark { float: right; color: #B00020; border: 1.5px solid #B00020; padding: 2px 6px; font-weight: 700;
  font-size: 9pt; }
.score { display: flex; gap: 14px; align-items: center; margin-top: 6px; }
.big { font-size: 30pt; font-weight: 700; line-height: 1; }
.pred { font-size: 12pt; font-weight: 700; }
.cols { display: flex; gap: 10px; }
.cols > div { flex: 1 1 0; min-width: 0; }
.chart { overflow: hidden; }
.rules { font-size: 7.5pt; color: #333; display: flex; gap: 14px; margin-top: 1px; }
.rules b { color: #7A4D00; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th { background: #0072B2; color: white; text-align: left; padding: 2px 4px; }
td { border-bottom: 1px solid #DDD; padding: 2px 4px; vertical-align: top; }
ul { margin: 2px 0; padding-left: 16px; }
.sources { font-size: 7.5pt; color: #333; word-break: break-all; }
.foot { margin-top: 6px; font-size: 7.5pt; color: #555; border-top: 1px solid #CCC; padding-top: 3px; }
"""


def _plotly_js() -> Path:
    """plotly.js as shipped with the plotly package (the version kaleido renders with), read from disk by Chromium."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _print_copy(fig, width: int, height: int):
    """The print copy of a figure at its size, and the rule changes it marks: on paper the rule-change boxes would
    take the plot's height and cover the event notes, so each dotted line gets a letter above the plot and the
    sentence goes under the chart (a legend-like strip, see _chart)."""
    from iid.charts import array_values, fit_to, letter_rule_changes, print_style, source_in_lines, wrap

    f = print_style(fig)
    notes = [(tag, "; ".join(lines)) for tag, lines in letter_rule_changes(f, 10)]
    if notes:  # the strip the boxes needed above the plot gives way to one line of letters
        f.update_layout(margin_t=46 + 16)
    sub = f.layout.title.subtitle.text
    if sub:  # wrapped to the chart's width, never cut at its edge
        lines = wrap(sub, max(int(width / (9.5 * 0.56)) - 2, 20)).count("<br>")
        f.update_layout(title_subtitle_text=wrap(sub, max(int(width / (9.5 * 0.56)) - 2, 20)))
        f.update_layout(margin_t=(f.layout.margin.t or 46) + 12 * lines)
    source_in_lines(f, width=width)  # in lines the column holds: a half-page chart cut it at its right edge
    f.update_traces(constraintext="none", selector={"type": "bar"})  # bar values keep their print size
    labelled = [tr for tr in f.data if tr.type == "bar" and tr.orientation == "h" and tr.text is not None]
    if labelled:  # values beside the bars' ends: the room for them on the right, long ones a size smaller
        for tr in labelled:  # the score alone (rank and percentile are in the headline above the chart)
            tr.text = [str(x).split(" · ")[0] for x in tr.text]
        f.update_layout(margin_r=max(f.layout.margin.r or 12, 34))
    f = fit_to(f, width, height)
    plot_h = height - (f.layout.margin.t or 46) - (f.layout.margin.b or 80)
    legend = f.layout.legend
    if legend.orientation == "h" and legend.yref == "container" and legend.y is not None and plot_h > 0:
        # the same place measured from the plot (paper): Chromium put a container-placed legend over the source line
        under = (f.layout.margin.b or 80) - legend.y * height
        f.update_layout(legend={"yref": "paper", "y": -under / plot_h, "yanchor": "top"})
    rows = max(
        (len(array_values(tr.y)) for tr in f.data if tr.type == "bar" and tr.orientation == "h" and tr.y is not None),
        default=0,
    )
    if rows and plot_h > 0 and plot_h / rows < 13:  # every bar keeps its name: the type fits the rows
        f.update_yaxes(tickfont_size=max(7, plot_h / rows / 1.25))
    events = [a for a in f.layout.annotations if a.name == "event"]
    if events:  # one line of type apart: on a short plot the screen's spacing (7 points of score) would overlap
        plot_px = max(height - (f.layout.margin.t or 46) - (f.layout.margin.b or 80), 40)
        lo, hi = f.layout.yaxis.range or (0, 100)
        step = 1.35 * (events[0].font.size or 8) / plot_px * (hi - lo)
        for i, a in enumerate(events):
            a.update(y=hi - 0.03 * (hi - lo) - step * (i % 3), yanchor="top")
    return f, notes


def _chart(fig, width: int, height: int) -> str:
    """A figure in print styling (type that reads on paper, legend under the plot), fitted to its size, drawn by
    plotly.js as SVG in the page when Chromium opens it (static: no toolbar, no hover); its rule changes listed
    under it, each by the letter on its line."""
    f, notes = _print_copy(fig, width, height)
    spec = f.to_json().replace("</", "<\\/")
    rules = "".join(f"<div><b>{tag}</b> {html.escape(text)}</div>" for tag, text in notes)
    return (
        f"<div class='chart' style='width:{width}px;height:{height}px'></div>"
        f"<script>draw(document.currentScript.previousElementSibling, {spec})</script>"
        + (f"<div class='rules'>{rules}</div>" if rules else "")
    )


DRAW = """
function draw(el, fig) {
  Plotly.newPlot(el, fig.data, fig.layout, {staticPlot: true, displayModeBar: false});
}
"""


def _date(day: dt.date, lang: str) -> str:
    return export.date_text(day, lang)


def _table(table: dict | None, rows: int = 8) -> str:
    if not table or not table["rows"]:
        return ""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table["columns"])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in table["rows"][:rows]
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def page_html(
    db: Database,
    code: str,
    lang: str = "id",
    published_only: bool = False,
    today: dt.date | None = None,
    screens: list | None = None,
) -> str:
    """The profile as one HTML page (A4): score and what changed, trend, peers, weakest indicators, target, pledges,
    next steps, sources, the date printed."""
    from iid import queries
    from iid.story import build_story

    screens = screens if screens is not None else build_story(db, code, lang, published_only)
    by = {s.key: s for s in screens}
    o = queries.overview(db, code, published_only)
    reg = o.region
    title = by["title"]
    latest = o.latest
    sample = any(s.has_sample for s in screens)
    parts = [
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(reg['display_name'])}</title>"
        f"<style>{CSS}</style><script src='{_plotly_js().as_uri()}'></script><script>{DRAW}</script></head><body>"
    ]
    if sample:
        parts.append(f"<div class='mark'>{html.escape(t('sample_badge', lang))}</div>")
    parts.append(f"<h1>{html.escape(reg['display_name'])}</h1>")
    parts.append(
        f"<div class='sub'>{html.escape(' · '.join(title.lines[:1]))} · "
        f"{html.escape(t('profile_printed', lang, date=_date(today or dt.date.today(), lang)))}</div>"
    )
    if latest is not None and "score" in by:
        from iid.fmt import score
        from iid.i18n import predicate_label

        parts.append(
            "<div class='score'><div><div class='big'>"
            + html.escape(score(latest["score"], lang))
            + f"</div><div class='pred'>{html.escape(predicate_label(latest['predicate'], lang))}</div></div>"
            + f"<div>{html.escape(by['score'].headline)}</div></div>"
        )
    if "trend" in by:
        parts.append(f"<h2>{html.escape(t('profile_trend', lang))}</h2><div>{html.escape(by['trend'].headline)}</div>")
        parts.append(_chart(by["trend"].figure, WIDTH, 258))
    side = [s for s in (by.get("peers"), by.get("weakest")) if s is not None and s.figure is not None]
    if side:
        parts.append("<div class='cols'>")
        for s in side:
            head = t("profile_peers" if s.key == "peers" else "profile_weakest", lang)
            parts.append(f"<div><h2>{html.escape(head)}</h2><div>{html.escape(s.projector_headline)}</div>")
            parts.append(_chart(s.figure, COLUMN, 240) + "</div>")
        parts.append("</div>")
    lower = []
    if "target" in by:
        lines = [by["target"].headline] + ([by["levers"].headline] if "levers" in by else [])
        lower.append(
            f"<h2>{html.escape(t('profile_target', lang))}</h2><ul>"
            + "".join(f"<li>{html.escape(x)}</li>" for x in lines)
            + "</ul>"
        )
    if "commitments" in by:
        c = by["commitments"]
        lower.append(
            f"<h2>{html.escape(t('profile_pledges', lang))}</h2>"
            + (_table(c.table, 4) or "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in c.lines) + "</ul>")
        )
    if "next" in by:
        lower.append(
            f"<h2>{html.escape(by['next'].headline)}</h2><ul>"
            + "".join(f"<li>{html.escape(x)}</li>" for x in by["next"].lines[:4])
            + "</ul>"
        )
    if lower:
        half = (len(lower) + 1) // 2
        parts.append(
            "<div class='cols'><div>" + "".join(lower[:half]) + "</div><div>" + "".join(lower[half:]) + "</div></div>"
        )
    if "sources" in by:
        rows = by["sources"].table["rows"]
        parts.append(
            f"<h2>{html.escape(t('profile_sources', lang))}</h2><div class='sources'>"
            + "<br>".join(html.escape(f"{r[0]} — {r[1]}" + (f" · {r[2]}" if r[2] != "–" else "")) for r in rows[:6])
            + "</div>"
        )
    parts.append(f"<div class='foot'>{html.escape(t('profile_foot', lang))}</div></body></html>")
    return "".join(parts)


def chromium() -> str:
    """The Chromium that renders chart images (BROWSER_PATH, as kaleido reads it, else the one on PATH)."""
    found = os.environ.get("BROWSER_PATH") or next((p for name in CHROMIUM if (p := shutil.which(name))), None)
    if not found:
        raise RuntimeError(t("profile_no_chromium", "en"))
    return found


def to_pdf(page: str, timeout: float = 60) -> bytes:
    """Print an HTML page to PDF with headless Chromium (A4 from the page's @page rule, no header or footer)."""
    with tempfile.TemporaryDirectory(prefix="iid-profile-") as tmp:
        src, out = Path(tmp) / "profile.html", Path(tmp) / "profile.pdf"
        src.write_text(page, encoding="utf-8")
        args = [
            chromium(),
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-extensions",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp}/profile-dir",
            f"--print-to-pdf={out}",
            src.as_uri(),
        ]
        subprocess.run(args, capture_output=True, timeout=timeout, check=False)
        if not out.exists():
            raise RuntimeError("Chromium did not print the profile")
        return out.read_bytes()


def pdf(db: Database, code: str, lang: str = "id", published_only: bool = False, screens: list | None = None) -> bytes:
    """The one-page A4 profile of a region as PDF bytes."""
    return to_pdf(page_html(db, code, lang, published_only, screens=screens))
