"""Chart builders: data in, plotly figure out. Title, subtitle, source line and the "Data contoh" mark are
part of every figure, so every export carries them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from copy import deepcopy

import pandas as pd
import plotly.graph_objects as go
from plotly.basedatatypes import BasePlotlyType

from iid import fmt
from iid.i18n import predicate_label, t
from iid.palette import MUTED, PREDICATE_COLOURS, RULE_CHANGE, SAMPLE, TEXT, region_colours, rgba
from iid.rule_changes import RuleChange, in_span, run_text, runs
from iid.rules import Band
from iid.values import first, is_missing, py, records
from iid.values import text as text_of

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
# WCAG 2.1 AA: chart text at least 4,5:1 on white. Streamlit's plotly theme greys whatever a figure leaves unset
# (axis ticks and titles #808495, 3,7:1); frame sets them: ticks, axis and colour-bar titles in MUTED (6,1:1).
AXIS_TEXT = MUTED


LEGEND_RIGHT = {"orientation": "v", "y": 1, "yanchor": "top", "x": 1.02, "xanchor": "left", "font": {"size": 13}}
LEGEND_BELOW = {"orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top", "font": {"size": 13}}
PHONE_PX = 358  # the main column of a 390-px phone: a screen figure's legend rows are reserved for it
# the narrowest main column a computer gives a chart (a 1280-px screen's is 820, a window half of a 1920-px one 640):
# the computer's screen copy has lines and legend rows this wide (ui.device_copy picks it by the browser's User-Agent)
DESKTOP_PX = 640
SOURCE_CHARS = 50  # a source line's characters that fit a phone's chart width at 12 px
TITLE_CHARS, SUBTITLE_CHARS = 34, 44  # a title (20 px) and a subtitle (14 px) in lines that fit a phone's chart
LABEL_CHARS = 10  # a bar's category label, in lines of this many characters on screens (a long word stays whole)
LABEL_LINES, LABEL_CHARS_MAX = 3, 16  # labels that need more lines get longer ones, up to LABEL_CHARS_MAX characters


def append_layout(fig: go.Figure, shapes: Iterable[dict] = (), annotations: Iterable[dict] = ()) -> None:
    """Add shapes and annotations after the figure's own, in one assignment each.

    update_layout(shapes=[*old, *new]) first merges every old element with itself, property by property (plotly's
    update path): ~90 ms for a trend chart's bands and rule-change flags, against ~4 ms for the same list assigned.
    """
    for prop, new in (("shapes", tuple(shapes)), ("annotations", tuple(annotations))):
        if new:
            _append_array(fig.layout, prop, new)


def _append_array(layout, prop: str, new: tuple) -> None:
    """layout[prop] = layout[prop] + new, validating and copying only the new elements.

    Assigning the whole tuple made plotly re-create every element already there from its dict, property by
    property, and deep-copy the old and new lists to compare them: each addition cost as much as all before it
    (30 % of building a trend chart). This does what plotly's _set_array_prop does for the elements added: validate
    them (the same validator), store a copy of their dicts after the old ones, tell the figure, adopt them. plotly is
    pinned (7.1.0); a layout in batch mode takes plotly's own path.
    """
    if layout._in_batch_mode:
        layout[prop] = layout[prop] + new
        return
    added = layout._get_validator(prop).validate_coerce(list(new), skip_invalid=layout._skip_invalid)
    old = layout._compound_array_props.get(prop) or ()
    layout._init_props()
    dicts = [*(layout._props.get(prop) or ()), *(deepcopy(a._props) for a in added)]
    layout._props[prop] = dicts
    layout._send_prop_set(prop, dicts)
    for a in added:
        a._orphan_props.clear()
        a._parent = layout
    layout._compound_array_props[prop] = [*old, *added]


def merge_layout(fig: go.Figure, **props) -> go.Figure:
    """fig.update_layout(**props) for layout properties given by their own names as values or nested dicts: the same
    figure, made ~15× faster. update_layout walks every nested key through plotly's property-path checks (16 ms for
    frame's dress of a chart); here a compound property is merged as plain data and assigned once, validated alike.
    """
    for key, value in props.items():
        current = fig.layout[key]
        if isinstance(value, dict) and isinstance(current, BasePlotlyType):
            value = _merged(current.to_plotly_json(), value)
        fig.layout[key] = value
    return fig


def _merged(old: dict, new: dict) -> dict:
    """new laid over old, nested dicts merged key by key, as plotly's update merges compound properties (which also
    keeps an old value equal to the new one: 60 stays 60, not 60.0)."""
    out = dict(old)
    for k, v in new.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merged(out[k], v)
        elif k not in out or not _equal(out[k], v):
            out[k] = v
    return out


def _equal(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # arrays compare element-wise
        return False


def frame(
    fig: go.Figure, title: str, subtitle: str, source: str, has_sample: bool, lang: str = "id", has_own: bool = False
) -> go.Figure:
    """The common dress of every chart: title and subtitle on top, source line under, and the marks a figure needs:
    "Data contoh" for sample data, "Penilaian mandiri" for own (unofficial) imports."""
    merge_layout(
        fig,
        title={
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 14, "color": MUTED}},
            "x": 0.01,
            "font": {"size": 20, "color": TEXT},
            "yref": "container",  # at the top: the subtitle never reaches the plot's highest tick
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 16},
        },
        font={"family": FONT, "size": 14, "color": TEXT},
        separators=",." if lang == "id" else ".,",
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 60, "r": 30, "t": 100, "b": 90},
        hoverlabel={"font": {"family": FONT, "size": 14}},
        legend=LEGEND_RIGHT,
    )
    axis_text = {"tickfont": {"color": AXIS_TEXT}, "title": {"font": {"color": AXIS_TEXT}}}
    merge_layout(fig, xaxis=axis_text, yaxis=axis_text)
    for trace in fig.data:  # colour bars: a heatmap's own, a tile map's on its markers
        for owner in (trace, getattr(trace, "marker", None)):
            if owner is not None and "colorbar" in owner and owner.colorbar.to_plotly_json():
                owner.colorbar.update(tickfont_color=AXIS_TEXT, title_font_color=AXIS_TEXT)
    notes = [
        {
            "name": "source_line",
            "text": source,
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "yshift": -45,
            "xanchor": "left",
            "yanchor": "top",
            "showarrow": False,
            "font": {"size": 12, "color": MUTED},
            "align": "left",
        }
    ]
    marks = [t("sample_mark", lang)] if has_sample else []
    if has_own:
        marks.append(t("own_mark", lang))
    if marks:  # bottom right, on the source line's level: it never covers a title, subtitle or rule-change label
        notes.append(
            {
                "name": "sample_mark",
                "text": f"<b>{' · '.join(marks)}</b>",
                "xref": "paper",
                "yref": "paper",
                "x": 1,
                "y": 0,
                "yshift": -45,
                "xanchor": "right",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 13, "color": SAMPLE},
                "bordercolor": SAMPLE,
                "borderwidth": 1.5,
                "borderpad": 4,
                "bgcolor": "white",
            }
        )
    append_layout(fig, annotations=notes)  # add_annotation is plotly's slow update path
    fit_margins(fig)
    return fig


# ---- room for labels: margins computed from the labels a figure holds, so nothing is cut in any export ----

EM = 0.56  # average width of a character of Noto Sans, in font sizes (a generous estimate)
_TAGS = re.compile(r"<[^>]+>")


def text_px(text: str, size: float) -> float:
    """Estimated width in px of one line of (plotly-markup) text at a font size."""
    return len(html.unescape(_TAGS.sub("", str(text)))) * size * EM


def wrap(text: str, width: int) -> str:
    """Break a label at spaces into lines of at most `width` characters (plotly's <br>); a long word stays whole."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _plain(fig: go.Figure) -> tuple[dict, list[dict]]:
    """The figure's layout and traces as the dicts plotly keeps them, to read only (never to change: writes go
    through the figure, which validates them). Reading a property of plotly's objects walks its validators, unset
    ones too (~20-50 µs a read, most of charts.for_screens); the dicts hold the same values."""
    return fig.layout._props, fig._data


def _category_labels(fig: go.Figure, axis: str) -> list[str]:
    """Text labels along an axis: categories of horizontal bars (y), heatmap rows and columns, vertical bars (x)."""
    layout, data = _plain(fig)
    ax = layout.get(f"{axis}axis") or {}
    if ax.get("visible") is False:
        return []
    if ax.get("ticktext"):
        return [str(v) for v in ax["ticktext"]]
    out: list[str] = []
    for tr in data:
        kind = tr.get("type", "")
        horizontal = tr.get("orientation") == "h"
        take = (
            (kind == "heatmap")
            or (kind in ("bar", "box") and ((axis == "y") == horizontal))
            or (kind == "funnel" and axis == "y")
        )
        vals = tr.get(axis) if take else None
        if vals is not None:
            out += [str(v) for v in vals if isinstance(v, str)]
    return out


def _size(font, default: float) -> float:
    """A font's size (a plotly font or its dict), else the default."""
    size = font.get("size") if isinstance(font, dict) else font.size if font is not None else None
    return float(size) if size else default


def _sub(d: dict, *keys: str) -> dict:
    """d[k1][k2]… of a plain layout dict, {} where one is unset."""
    for k in keys:
        d = d.get(k) or {}
    return d


def _tick_size(layout: dict, axis: str) -> float:
    """The font size of an axis's tick labels: its own, else the figure's, else 14."""
    return _size(_sub(layout, f"{axis}axis", "tickfont"), _size(_sub(layout, "font"), 14))


def fit_margins(fig: go.Figure, width: float | None = None, legend_rows: int | None = None) -> go.Figure:
    """Left and bottom margins grown to the labels the figure holds, the source line and the sample mark put under
    the axis labels, and the mark moved under the source line when both do not fit on one line.

    Plotly's automargin also pushes margins, but the source line sits a fixed distance under the plot and knows
    nothing of it: computed here, the labels, the source and the mark never meet, at any font size.
    """
    layout, data = _plain(fig)
    xaxis, yaxis = _sub(layout, "xaxis"), _sub(layout, "yaxis")
    font = _size(_sub(layout, "font"), 14)
    ytick, xtick = _tick_size(layout, "y"), _tick_size(layout, "x")
    left = 60.0
    ylabels = _category_labels(fig, "y")
    if ylabels:
        widest = max(text_px(line, ytick) for lab in ylabels for line in lab.split("<br>"))
        left = max(left, widest + 28 + (ytick * 1.6 if _sub(yaxis, "title").get("text") else 0))
    xlabels = _category_labels(fig, "x")
    if xaxis.get("visible") is False:
        label_h = 0.0
    else:
        lines = max((lab.count("<br>") + 1 for lab in xlabels), default=1)
        label_h = lines * xtick * 1.3 + 10
    if _sub(xaxis, "title").get("text"):
        label_h += _size(_sub(xaxis, "title", "font"), font) * 1.5
    legend = _sub(layout, "legend")
    below = legend.get("orientation") == "h" and layout.get("height")
    if below:  # a legend under the plot: rows of entries
        size = _size(_sub(legend, "font"), 15)
        names = [tr.get("name") for tr in data if tr.get("showlegend") is not False and tr.get("name")]
        plot_w = (width or layout.get("width") or 700) - left - float(_sub(layout, "margin").get("r") or 30)
        rows, used = 1, 0.0
        for name in names:
            w = text_px(name, size) * 1.15 + 90  # symbol, gap and the space between entries, generously
            if used + w > plot_w and used:
                rows, used = rows + 1, 0.0
            used += w
        row_h = size * 1.9
        if legend_rows is not None:  # counted by the caller (legend_below: a phone's rows); a browser's are 30 px
            rows, row_h = legend_rows, max(row_h, 30)
        legend_top = label_h + 4  # px under the plot; placed from the figure's bottom once the margin is known
        label_h += rows * row_h + 8
    at = {a.get("name"): i for i, a in enumerate(layout.get("annotations") or ()) if a.get("name") in NOTES}
    src = fig.layout.annotations[at["source_line"]] if "source_line" in at else None
    mark = fig.layout.annotations[at["sample_mark"]] if "sample_mark" in at else None
    shift = label_h + 8
    bottom = shift + 12
    if src is not None:
        src.yshift = -shift
        if src._props.get("xshift"):  # anchored at the figure's left edge (for_screens): it moves with the margin
            src.xshift = -left + 12
        src_size = _size(_sub(src._props, "font"), 12)
        src_lines = str(src._props.get("text")).split("<br>")  # a screen copy's source line is wrapped (for_screens)
        bottom = shift + src_size * 1.5 * len(src_lines) + 14
        if mark is not None:
            mark_size = _size(_sub(mark._props, "font"), 13)
            plot_w = (width or layout.get("width") or 700) - left - 200  # a legend may take 200 px on the right
            widest = max(text_px(line, src_size) for line in src_lines)
            beside = widest + text_px(mark._props.get("text"), mark_size) + 40 <= plot_w
            mark.yshift = -shift if beside else -(shift + src_size * 1.5 * len(src_lines) + 4)
            bottom = max(bottom, -mark._props["yshift"] + mark_size * 1.4 + 18)
    elif mark is not None:
        mark.yshift = -shift
        bottom = shift + _size(_sub(mark._props, "font"), 13) * 1.4 + 18
    strip = _note_index(fig, "rule_strip")
    if strip is not None and layout["annotations"][strip].get("xshift"):
        fig.layout.annotations[strip].xshift = -left + 12  # a phone's rule changes (rules_in_lines), as the source
    merge_layout(fig, margin={"l": left, "b": bottom})
    if below:
        # measured from the figure's bottom (container), so the legend never pushes the plot's margins
        merge_layout(fig, legend={"yref": "container", "y": (bottom - legend_top) / layout["height"]})
    return fig


NOTES = ("source_line", "sample_mark")  # the annotations under the plot that fit_margins places


def category_lines(cats: list[str]) -> list[str]:
    """Bar labels in lines of LABEL_CHARS characters; when one of them would need more than LABEL_LINES lines, all in
    the shortest longer lines (up to LABEL_CHARS_MAX) that keep every label to LABEL_LINES. Portofolio's affairs
    ("Administrasi kependudukan dan pencatatan sipil") took five lines of 10 each on a phone, and every one of 16 bars
    got room for five: a chart of 1.750 px."""
    for chars in range(LABEL_CHARS, LABEL_CHARS_MAX + 1):
        labels = [wrap(c, chars) for c in cats]
        if max(label.count("<br>") + 1 for label in labels) <= LABEL_LINES:
            return labels
    return labels


def _room_for_lines(fig: go.Figure, rows: int, lines: int) -> None:
    """A figure with `rows` horizontal bars whose labels take up to `lines` lines grows until each bar has room for
    its label: ten regions of two lines each in Tren's movers (440 px) ran into one another."""
    layout = fig.layout._props
    if lines < 2 or not layout.get("height"):
        return
    tick = _tick_size(layout, "y")
    margin = _sub(layout, "margin")
    plot_h = layout["height"] - float(margin.get("t") or 100) - float(margin.get("b") or 80)
    need = rows * (lines * tick * 1.3 + 6)
    if need > plot_h:
        fig.layout.height = round(layout["height"] + need - plot_h)


def for_screens(fig: go.Figure, width: float = PHONE_PX) -> go.Figure:
    """The screen copy of a chart for a main column at least width px wide: the title, subtitle and source line in
    lines that column shows whole, the legend under the plot in rows from its left edge.

    The server cannot know the viewport, only what the browser says it is: a legend at the right took half of a
    phone's chart and squeezed the plot to a strip. Under the plot, the rows the column needs are reserved at the
    figure's bottom (a wider one leaves one or two blank), and the figure grows by them, so the plot keeps its height.
    The default is a phone's column (PHONE_PX), which any screen shows; a computer's copy (DESKTOP_PX) keeps the
    lines a phone needed from taking a laptop's plot (Target's plot was 266 px of an 880-px chart at 1280×720), and
    its rule-change flags are stacked again for its wider plot. Exports and the projector put the legend back at the
    right (fit_to, present_style), where a slide has room.
    """
    layout, data = _plain(fig)  # read as plain dicts; written through the figure
    scale = width / PHONE_PX  # the characters of a line grow with the column
    source_in_lines(fig, round(SOURCE_CHARS * scale))
    title = _sub(layout, "title")
    extra = 0.0  # title and subtitle lines the column needs: the figure grows by them, the plot keeps its height
    for text, chars, size, put in (
        (title.get("text"), round(TITLE_CHARS * scale), 20, lambda v: setattr(fig.layout.title, "text", v)),
        (
            _sub(title, "subtitle").get("text"),
            round(SUBTITLE_CHARS * scale),
            14,
            lambda v: setattr(fig.layout.title.subtitle, "text", v),
        ),
    ):
        if text and "<br>" not in text and len(_TAGS.sub("", text)) > chars + 2:
            wrapped = wrap(text, chars)
            put(wrapped)
            extra += wrapped.count("<br>") * size * 1.35
    if extra:
        fig.layout.margin.t = float(_sub(layout, "margin").get("t") or 100) + extra
        if layout.get("height"):
            fig.layout.height = layout["height"] + extra
    bars = [tr for tr in data if tr.get("type") == "bar" and tr.get("orientation") == "h" and tr.get("y") is not None]
    cats = list(dict.fromkeys(str(v) for tr in bars for v in tr["y"] if isinstance(v, str)))
    if cats and not _sub(layout, "yaxis").get("ticktext"):  # region names in lines: on a phone they took half the width
        labels = category_lines(cats)
        merge_layout(fig, yaxis={"tickmode": "array", "tickvals": cats, "ticktext": labels})
        _room_for_lines(fig, len(cats), max(label.count("<br>") + 1 for label in labels))
    if width <= PHONE_PX:  # a phone's plot is too narrow for the flags: letters on their lines, sentences on top
        rules_in_lines(fig, width)
    names = _legend_names(fig)
    margin = _sub(layout, "margin")
    room = width - float(margin.get("l") or 60) - float(margin.get("r") or 30)
    if width > PHONE_PX:  # a computer's column: the flags stacked again for the plot's own width
        _rule_flags_inside(fig, room)
    if any(a.get("name") == "event" for a in layout.get("annotations") or ()):
        fit_events(fig, room, 11)  # shortened for a 600-px plot, a phone's notes ran past both of its edges
    if not layout.get("height") or not names:
        return fit_margins(fig, width)
    size = float(LEGEND_BELOW["font"]["size"])
    # a name longer than the legend's width (from the plot's left edge to the figure's right) is put in lines: plotly
    # does not wrap legend entries, and cut it at the figure's edge ("Regencies/cities average, Kalimantan Timu" on a
    # phone); its symbol takes 40 px
    span = width - float(margin.get("l") or 60) - 40
    for i, tr in enumerate(data):
        name = tr.get("name")
        if tr.get("showlegend") is not False and name and "<br>" not in name and text_px(name, size) > span:
            fig.data[i].name = wrap(name, max(int(span / (size * EM)), 12))
    names = _legend_names(fig)
    rows, used = 1, 0.0
    for name in names:  # as plotly wraps them: symbol and gap 50 px, the text at a generous estimate
        w = max(text_px(line, size) for line in name.split("<br>")) + 50
        if used + w > room and used:
            rows, used = rows + 1, 0.0
        used += w
    rows += max((name.count("<br>") for name in names), default=0)  # a row of two-line names is taller
    before = float(margin.get("b") or 90)
    # the margins are ours (fit_margins): plotly pushing them as well moved the plot away from its legend
    merge_layout(fig, legend=LEGEND_BELOW, margin={"autoexpand": False})
    fit_margins(fig, width, legend_rows=rows)
    fig.layout.height = layout["height"] + float(layout["margin"]["b"]) - before  # the plot keeps its height
    fit_margins(fig, width, legend_rows=rows)
    # source line and mark right under the axis labels, the legend's rows under them: blank rows go to the bottom
    block = rows * 30 + 8
    at = [i for i, a in enumerate(layout.get("annotations") or ()) if a.get("name") in NOTES]
    for i in at:
        fig.layout.annotations[i].yshift = layout["annotations"][i]["yshift"] + block
    notes = [layout["annotations"][i] for i in at]
    lowest = max(
        (-a["yshift"] + _size(_sub(a, "font"), 12) * 1.5 * (a["text"].count("<br>") + 1) + 6 for a in notes), default=0
    )
    top = lowest if notes else float(layout["margin"]["b"]) - block
    merge_layout(fig, legend={"y": (float(layout["margin"]["b"]) - top) / layout["height"]})
    return fig


def source_line_of(fig: go.Figure) -> str | None:
    """The source line a figure draws under its plot, as plain text ("Sumber: Register inovasi (data contoh)"); None
    when it has none."""
    i = _note_index(fig, "source_line")
    text = fig.layout.annotations[i].text if i is not None else None
    plain = " ".join(html.unescape(_TAGS.sub(" ", text)).split()) if text else ""
    return plain or None


def source_in_lines(fig: go.Figure, chars: int | None = None, width: float | None = None) -> None:
    """The source line in lines of chars characters, or in lines that fit width px at its own size, from the
    figure's left edge, not the plot's (fit_margins keeps it there); a line already wrapped stays as it is."""
    i = _note_index(fig, "source_line")
    note = _plain(fig)[0]["annotations"][i] if i is not None else {}
    text = note.get("text")
    if not text or "<br>" in text:
        return
    if chars is None:
        chars = max(int((width - 24) / (_size(note.get("font"), 12) * EM)), 20)
    src = fig.layout.annotations[i]
    src.text = wrap(text, chars)
    src.xshift = -1


def _note_index(fig: go.Figure, name: str) -> int | None:
    """The index of the figure's first annotation of that name."""
    return next((i for i, a in enumerate(_plain(fig)[0].get("annotations") or ()) if a.get("name") == name), None)


def _rule_flags_inside(fig: go.Figure, plot_px: float) -> None:
    """A computer's copy of the rule-change flags: stacked again for a plot plot_px wide, and a flag that would run
    past the plot's right edge points left instead.

    add_rule_changes stacked them for a plot beside a legend, narrower than the plot is now, and let a flag run right
    past the plot, into the margin a legend at the right leaves free above it; a screen chart has its legend under the
    plot and no such margin, so the flag was cut at the figure's edge. Widths are estimated as add_rule_changes does;
    the strip above the plot gives back the height the flags no longer need. (A phone's copy has letters instead:
    rules_in_lines.)
    """
    layout, _ = _plain(fig)
    notes = [i for i, a in enumerate(layout.get("annotations") or ()) if a.get("name") == "rule_change"]
    years = _chart_years(fig)
    if not notes or len(years) < 2:
        return
    rng = _sub(layout, "xaxis").get("range")
    lo, hi = (rng[0], rng[1]) if rng else (years[0] - 0.5, years[-1] + 0.5)
    per_year = plot_px / (hi - lo)
    labels = []
    for i in notes:
        a = layout["annotations"][i]
        w, h = _flag_size([_TAGS.sub("", line) for line in a["text"].split("<br>")], RULE_FONT, per_year)
        x = a["x"]
        right = x + w > hi and lo - (x - w) < x + w - hi  # only where pointing left runs out by less
        labels.append(
            {
                "note": i,
                "x": x,
                "x0": x - w if right else x - 0.01,
                "x1": x + 0.01 if right else x + w,
                "xanchor": "right" if right else "left",
                "h": h,
            }
        )
    strip, _ = _stack(labels, sorted(range(len(labels)), key=lambda i: -labels[i]["x"]))
    for lab in labels:
        fig.layout.annotations[lab["note"]].update(xanchor=lab["xanchor"], ay=-lab["bottom"])
    _make_room_on_top(fig, strip, exact=True)


RULE_LETTER = 14  # px: a rule change's letter on its line (phone copy)


def rules_in_lines(fig: go.Figure, width: float) -> None:
    """A phone's copy of the rule-change flags: a letter on each dotted line and, above the plot, each letter with
    its year and sentences in lines the column shows whole (the full sentence is still each letter's hover).

    Flags stacked for a 420-px plot ran past both edges of a phone's 270-px plot and were cut (Target, Kalimantan
    Utara: "…ik: ≥35 → ≥40,01"). The list starts at the figure's left edge, as the source line does (fit_margins
    keeps it there), and the figure grows by it, so the plot keeps its height.
    """
    top = float(_sub(fig.layout._props, "margin").get("t") or 100)
    notes = letter_rule_changes(fig, RULE_LETTER)
    if not notes:
        return
    chars = max(int((width - 24) / (RULE_FONT * EM)), 20)
    indent = "\u00a0" * 4  # under the text after the letter: a non-breaking space is not collapsed
    lines: list[str] = []
    for tag, sentences in notes:
        for i, sentence in enumerate(sentences):  # a sentence a line, wrapped where it is longer than the column
            glued = sentence.replace(" → ", "\x00→\x00")  # "≥60 → ≥60,01" stays on one line
            parts = wrap(f"{tag} {glued}" if i == 0 else glued, chars - (0 if i == 0 else 4)).split("<br>")
            parts = [p.replace("\x00", " ") for p in parts]
            lines += [f"<b>{tag}</b>{parts[0][len(tag) :]}" if i == 0 else indent + parts[0]]
            lines += [indent + p for p in parts[1:]]
    # from the figure's left edge (xshift: fit_margins sets it once the left margin is known), over the letters' row
    _rule_list(fig, lines, RULE_FONT, RULE_LETTER * 1.6 + 4, xshift=-1)
    # the margin lost the flags' strip (letter_rule_changes): it gets the letters' row and the list's lines
    t = float(fig.layout.margin.t) + RULE_FONT * 1.35 * len(lines) + 6
    fig.layout.margin.t = t
    if fig.layout.height:
        fig.layout.height = fig.layout.height + t - top


def _rule_list(fig: go.Figure, lines: list[str], size: float, yshift: float, xshift: float | None = None) -> None:
    """The rule changes' letters listed above the plot, over the row of letters on their lines (letter_rule_changes)."""
    fig.add_annotation(
        name="rule_strip",
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom",
        xshift=xshift,
        yshift=yshift,
        align="left",
        showarrow=False,
        font={"size": size, "color": TEXT},
    )


def legend_right(fig: go.Figure) -> None:
    """Back to the frame's legend at the right of the plot (a copy for an image or the projector)."""
    if fig.layout.legend.orientation == "h":
        fig.update_layout(legend=None, margin_autoexpand=True)
        fig.update_layout(legend=LEGEND_RIGHT)
        fit_margins(fig)


def _legend_names(fig: go.Figure) -> list[str]:
    return [tr["name"] for tr in _plain(fig)[1] if tr.get("showlegend") is not False and tr.get("name")]


def add_bands(fig: go.Figure, bands: dict[int, list[Band]], years: list[int], lang: str = "id") -> None:
    """Shade each year's predicate bands behind the data (bands change between years)."""
    shapes = [
        {
            "type": "rect",
            "name": "predicate_band",
            "xref": "x",
            "yref": "y",
            "x0": y - 0.5,
            "x1": y + 0.5,
            "y0": b.min_score,
            "y1": b.max_score,
            "fillcolor": PREDICATE_COLOURS[b.predicate],
            "opacity": 0.13,
            "line": {"width": 0},
            "layer": "below",
        }
        for y in years
        for b in bands.get(y, [])
        if b.predicate != "Tidak Dapat Dinilai"
    ]
    append_layout(fig, shapes=shapes)  # one assignment: add_shape per band is slow
    # one legend entry per predicate
    for p in ("Sangat Inovatif", "Inovatif", "Kurang Inovatif"):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=predicate_label(p, lang),
                marker={"symbol": "square", "size": 14, "color": PREDICATE_COLOURS[p], "opacity": 0.4},
                hoverinfo="skip",
                showlegend=True,
            )
        )


_NOT_TEXT = {"nan", "none", "nat", "<na>", "null"}


def _label(x: object) -> str | None:
    """Display text of a cell, or None when it is missing, blank or a missing value written out as text."""
    s = text_of(x).strip()
    return None if not s or s.lower() in _NOT_TEXT else s


def source_text(sources: pd.DataFrame | None, lang: str = "id", limit: int = 3) -> str:
    """'Sumber: A; B; C (+2)': each source by its publisher, else its title; missing values never show. A sample source
    comes first, as "Data contoh" / "Sample data": short, so the line does not run under a centred axis title."""
    names: list[str] = []
    # only the columns a label is made of (converting every cell of every row was most of its cost per rerun)
    cols = [c for c in ("publisher", "title", "document_ref", "kind") if sources is not None and c in sources.columns]
    rows = records(sources[cols]) if cols and not sources.empty else []
    # sample data is named first, in the reader's language, never hidden behind "(+2)"
    rows.sort(key=lambda r: r.get("kind") != "sample")
    for r in rows:
        label = (
            t("sample_source_label", lang)
            if r.get("kind") == "sample"
            else first(_label(r.get("publisher")), _label(r.get("title")), _label(r.get("document_ref")))
        )
        if label is not None and label not in names:
            names.append(label)
    more = len(names) - limit
    shown = "; ".join(names[:limit]) + (f" (+{more})" if more > 0 else "")
    return t("source_line", lang, sources=shown or "–")


def point_kinds(rows: Iterable[dict]) -> dict:
    """A score trace's `meta`: each point's kind of figure (published, own, sample; None: not known), so the data
    under the chart ("Unduh data", the table) says which figures are sample data, as the chart's white points do."""
    kinds = []
    for r in rows:
        kind = text_of(r.get("score_kind")) or ("sample" if r.get("score_is_sample") is True else "")
        kinds.append(kind if kind in SCORE_KINDS else None)
    return {"kinds": kinds}


SCORE_KINDS = ("published", "own", "sample")


def trend(
    series: pd.DataFrame,
    bands: dict[int, list[Band]],
    sources: pd.DataFrame,
    lang: str = "id",
    title: str | None = None,
    height: int = 420,
    rule_changes: Iterable[RuleChange] | None = None,
) -> go.Figure:
    """Score per year of one or more regions on that year's predicate bands.

    A year with a published predicate but no score is its predicate's band, hatched and labelled, never a point:
    a point would claim a score nobody published. rule_changes (iid.rule_changes.rule_changes) adds a labelled
    marker between two years wherever the rules changed.
    """
    fig = go.Figure()
    years = sorted(int(y) for y in series["year"].unique().tolist()) or [2021]
    add_bands(fig, bands, years, lang)
    codes = list(dict.fromkeys(series["region_code"]))
    colours = region_colours(codes)
    has_sample = bool(series["score_is_sample"].fillna(False).any())
    rows = records(series)
    only_predicate: list[dict] = []
    lines: list[go.Scatter] = []
    for code in codes:
        s = sorted((r for r in rows if r["region_code"] == code), key=lambda r: r["year"])
        name = text_of(s[0]["display_name"], code)
        scored = [r for r in s if r["score"] is not None]
        only_predicate += [r for r in s if r["score"] is None and r["predicate"] is not None]
        hover = [
            f"<b>{name}</b> {r['year']}<br>{t('table_score', lang)}: {fmt.score(r['score'], lang)}"
            + (f" – {fmt.score(r['score_max'], lang)}" if r.get("conflict") and r.get("score_max") is not None else "")
            + f"<br>{t('predicate', lang)}: {predicate_label(r['predicate'], lang)}"
            + f"<br>{t('score_kind_' + (r.get('score_kind') or 'none'), lang)}"
            for r in scored
        ]
        lines.append(
            go.Scatter(  # [None] keeps a region without scores in the legend, as the key to its colour
                x=[r["year"] for r in scored] or [None],
                y=[float(r["score"]) for r in scored] or [None],
                mode="lines+markers",
                name=name,
                legendgroup=code,
                line={"color": colours[code], "width": 3},
                marker={
                    "size": 11,
                    "color": ["white" if r["score_is_sample"] else colours[code] for r in scored],
                    "line": {"color": colours[code], "width": 2.5},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [
                        (float(r["score_max"]) - float(r["score"])) if r.get("score_max") is not None else 0
                        for r in scored
                    ],
                    "arrayminus": [0] * len(scored),
                    "color": colours[code],
                    "thickness": 2,
                    "width": 6,
                },
                hovertext=hover,
                hoverinfo="text",
                meta=point_kinds(scored),
            )
        )
    if only_predicate:  # under the score lines, so a score in the same year stays visible
        add_predicate_only(fig, only_predicate, bands, colours, lang)
    fig.add_traces(lines)
    merge_layout(
        fig,
        xaxis={
            "title": {"text": ""},
            "tickmode": "array",
            "tickvals": years,
            "ticktext": [str(y) for y in years],
            "range": [min(years) - 0.5, max(years) + 0.5],
            "showgrid": False,
            "linecolor": MUTED,
        },
        yaxis={"title": t("axis_score", lang), "range": [0, 100], "gridcolor": "#E8E8E8", "zeroline": False},
    )
    names = [text_of(r["display_name"], r["region_code"]) for r in {r["region_code"]: r for r in rows}.values()]
    name = ", ".join(names[:3])
    if title is None and len(years) == 1:
        title = t("trend_title_year", lang, name=name, year=years[0])
    title = title or t("trend_title", lang, name=name, first=min(years), last=max(years))
    has_own = bool(series["score_is_own"].fillna(False).any()) if "score_is_own" in series else False
    frame(fig, title, t("trend_subtitle", lang), source_text(sources, lang), has_sample, lang, has_own)
    fig.layout.height = height
    if rule_changes:
        add_rule_changes(fig, rule_changes, lang, years=years)
    return fig


def _wrap_predicate(label: str) -> str:
    """'Sangat Inovatif' → 'Sangat<br>Inovatif': two short lines fit a narrow band."""
    head, _, tail = label.rpartition(" ")
    return f"{head}<br>{tail}" if head else label


def add_predicate_only(
    fig: go.Figure,
    rows: list[dict],
    bands: dict[int, list[Band]],
    colours: dict[str, str],
    lang: str = "id",
) -> None:
    """Years with a published predicate and no score: that year's band for the predicate, hatched in the region's
    colour and labelled with the predicate; regions sharing a year share its column side by side."""
    by_year: dict[int, list[dict]] = {}
    for r in rows:
        by_year.setdefault(int(r["year"]), []).append(r)
    slot = 0.8
    annotations = []
    for year, rs in sorted(by_year.items()):
        width = slot / len(rs)
        for i, r in enumerate(rs):
            colour = colours.get(r["region_code"], MUTED)
            band = next((b for b in bands.get(year, []) if b.predicate == r["predicate"]), None)
            y0, y1 = (band.min_score, band.max_score) if band else (0.0, 100.0)
            x0 = year - slot / 2 + i * width + 0.02
            x1 = x0 + width - 0.04
            name = text_of(r.get("display_name"), r["region_code"])
            label = predicate_label(r["predicate"], lang)
            fig.add_trace(
                go.Scatter(
                    x=[x0, x1, x1, x0, x0],
                    y=[y0, y0, y1, y1, y0],
                    mode="lines",
                    fill="toself",
                    fillcolor=rgba(colour, 0.10),
                    fillpattern={"shape": "/", "fgcolor": colour, "size": 10, "solidity": 0.12},
                    line={"color": colour, "width": 1.5},
                    hoveron="fills",
                    text=f"<b>{name}</b> {year}<br>{label}<br>{t('no_score', lang)}",
                    hoverinfo="text",
                    legendgroup="predicate_only",
                    showlegend=False,
                    meta="predicate_only",
                )
            )
            annotations.append(
                {
                    "name": "predicate_only",
                    "x": (x0 + x1) / 2,
                    "y": (y0 + y1) / 2,
                    "xref": "x",
                    "yref": "y",
                    "text": _wrap_predicate(label),
                    "showarrow": False,
                    "font": {"size": 12, "color": TEXT},
                    "bgcolor": "rgba(255,255,255,0.85)",
                    "bordercolor": colour,
                    "borderwidth": 1,
                    "borderpad": 2,
                }
            )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            fill="toself",
            fillcolor=rgba(MUTED, 0.10),
            fillpattern={"shape": "/", "fgcolor": MUTED, "size": 10, "solidity": 0.12},
            line={"color": MUTED, "width": 1.5},
            name=t("pred_only_legend", lang),
            legendgroup="predicate_only",
            legendrank=1001,  # after the regions
            hoverinfo="skip",
            meta="predicate_only",
        )
    )
    append_layout(fig, annotations=annotations)


RULE_FONT = 12  # px; present_style scales the strip with the font
_RULE_LINE = 1.3  # line height, in font sizes
_RULE_PAD = 3  # px around a label's text
_RULE_GAP = 8  # px between the plot's top and the lowest label
_RULE_SEP = 4  # px between two stacked labels
_RULE_MAX_STRIP = 110  # px: above this the full sentences give way to the short labels


def _chart_years(fig: go.Figure) -> list[int]:
    """The years a time chart shows: its x tick values, else every year its traces hold."""
    layout, data = _plain(fig)
    ticks = _sub(layout, "xaxis").get("tickvals")
    if ticks:
        return sorted({int(v) for v in ticks})
    xs = {py(x) for tr in data for x in (tr["x"] if tr.get("x") is not None else ())}
    return sorted({int(x) for x in xs if isinstance(x, int | float)})


def _stack(labels: list[dict], order: list[int], obstacles: list[dict] = ()) -> tuple[float, int]:
    """Place labels, in the given order, each at the lowest level where it overlaps no other label or obstacle,
    covers no other label's connector and its own connector crosses nothing. Returns (strip height, crossings)."""
    placed: list[dict] = list(obstacles)
    crossed = 0
    for i in order:
        lab = labels[i]
        h = lab["h"]

        def free(b: float, lab: dict = lab, h: float = h) -> bool:
            return all(
                not (p["x0"] < lab["x1"] and lab["x0"] < p["x1"])
                or b + h + _RULE_SEP <= p["bottom"]
                or b >= p["bottom"] + p["h"] + _RULE_SEP
                for p in placed
            )

        def clear(b: float, lab: dict = lab, h: float = h) -> bool:
            for p in placed:
                if lab["x0"] <= p["x"] <= lab["x1"] and b < p["bottom"] + p["h"] + _RULE_SEP:
                    return False  # it would cover p's connector
                if p["x0"] <= lab["x"] <= p["x1"] and b + h + _RULE_SEP > p["bottom"]:
                    return False  # its connector would run through p
            return True

        levels = sorted({_RULE_GAP, *(p["bottom"] + p["h"] + _RULE_SEP for p in placed)})
        levels = [b for b in levels if b >= _RULE_GAP]
        bottom = next((b for b in levels if free(b) and clear(b)), None)
        if bottom is None:
            crossed += 1
            bottom = next(b for b in levels if free(b))
        lab["bottom"] = bottom
        placed.append(lab)
    return max((labels[i]["bottom"] + labels[i]["h"] for i in order), default=0.0) + _RULE_SEP, crossed


def _flag_size(plain_lines: list[str], font: float, px_per_year: float) -> tuple[float, float]:
    """A rule-change flag's width (in years, at 0,56 em a character) and height (px) for its lines of plain text."""
    chars = max(len(line) for line in plain_lines)
    return (chars * font * 0.56 + 2 * _RULE_PAD + 4) / px_per_year, len(
        plain_lines
    ) * font * _RULE_LINE + 2 * _RULE_PAD + 2


def _place(labels: list[dict], lo: float, hi: float, plot_px: float, font: float, keep_right: float = 0) -> float:
    """Stack the labels above the plot, legible and apart; returns the strip's height in px.

    Each label is a flag that starts at its marker and runs right (past the plot's right edge if need be: above
    the plot that margin is free, the legend starts at the plot's top). Widths are estimated from the text
    (0,56 em a character) for a plot plot_px wide. Placed from the right, each flag takes the lowest level where it
    overlaps no flag and covers no connector, so flags further left stand higher and no connector crosses a label.
    keep_right (px) keeps the lowest level free at the plot's right end (the "Data contoh" mark sits there).
    """
    px_per_year = plot_px / (hi - lo)
    for lab in labels:
        w, lab["h"] = _flag_size(lab["plain"], font, px_per_year)
        lab.update(x0=lab["x"] - 0.01, x1=lab["x"] + w, xanchor="left")
    mark = [{"x": float("-inf"), "x0": hi - keep_right / px_per_year, "x1": float("inf"), "bottom": 0, "h": 30}]
    strip, _ = _stack(labels, sorted(range(len(labels)), key=lambda i: -labels[i]["x"]), mark if keep_right else [])
    return strip


def _rule_labels(groups: dict[int, list[list[RuleChange]]], lang: str, short: bool) -> list[dict]:
    """One label per year where a run of changes starts: its lines, their plain text (for widths) and the hover."""
    labels = []
    for year, rs in sorted(groups.items()):
        lines = [run_text(r, lang, short) for r in rs]
        hover = [f"<b>{t('rc_hover_title', lang, year=year)}</b>", *(run_text(r, lang) for r in rs)]
        if any(r[0].kind == "k_min" for r in rs):
            hover.append(t("rc_hover_k", lang))
        # the year first: where labels have to stand aside from their line, the reader still knows its year
        plain = [f"{year} · {lines[0]}", *lines[1:]]
        lines[0] = f"<b>{year}</b> · {lines[0]}"
        if not all(c.confirmed for r in rs for c in r):
            plain.append(t("rc_indicative", lang))
            lines.append(f"<i>{t('rc_indicative', lang)}</i>")
            hover.append(f"<i>{t('rc_hover_indicative', lang)}</i>")
        labels.append({"x": year - 0.5, "lines": lines, "plain": plain, "hover": "<br>".join(hover)})
    return labels


def add_rule_changes(
    fig: go.Figure,
    changes: Iterable[RuleChange] | None,
    lang: str = "id",
    years: list[int] | None = None,
    plot_px: float = 420,  # the plot beside a wide legend in the main column of a 1280-wide screen (narrowest case)
) -> None:
    """A dotted line between two years wherever the rules changed, labelled in a strip above the plot.

    Labels sit above the plotting area, so they cover neither data nor the legend (right of the plot), and the
    figure grows by the strip so the plot keeps its height. A rule that changes in consecutive years is one label
    (k: 10 → 12 → 14 (2026–2027)); when the full sentences would need a tall strip the short labels are used (the
    full sentence stays in the hover). A change whose rule is not confirmed in the data says 'indikatif'.
    """
    years = sorted(years or _chart_years(fig))
    if not changes or len(years) < 2:
        return
    shown = in_span(changes, years[0], years[-1])
    if not shown:
        return
    groups: dict[int, list[list[RuleChange]]] = {}
    for run in runs(shown):
        groups.setdefault(run[0].year, []).append(run)
    rng = fig.layout.xaxis.range
    lo, hi = (rng[0], rng[1]) if rng else (years[0] - 0.5, years[-1] + 0.5)
    # room kept free on the right for the marks' box ("Data contoh", "Penilaian mandiri"): about 8 px a character
    mark = next((a for a in fig.layout.annotations if a.name == "sample_mark" and (a.y or 0) > 0.5), None)
    keep = 30 + 8 * len(re.sub(r"<[^>]+>", "", mark.text)) if mark is not None else 0
    labels = _rule_labels(groups, lang, short=False)
    strip = _place(labels, lo, hi, plot_px, RULE_FONT, keep)
    if strip > _RULE_MAX_STRIP:
        short = _rule_labels(groups, lang, short=True)
        short_strip = _place(short, lo, hi, plot_px, RULE_FONT, keep)
        if short_strip < strip:
            labels, strip = short, short_strip
    shapes = [
        {
            "type": "line",
            "name": "rule_change",
            "xref": "x",
            "yref": "paper",
            "x0": year - 0.5,
            "x1": year - 0.5,
            "y0": 0,
            "y1": 1,
            "line": {"color": RULE_CHANGE, "width": 1.5, "dash": "dot"},
            "layer": "above",
        }
        for year in sorted({c.year for c in shown})
    ]
    notes = [
        {
            "name": "rule_change",
            "x": lab["x"],
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "text": "<br>".join(lab["lines"]),
            "hovertext": lab["hover"],
            "showarrow": True,
            "arrowhead": 0,
            "arrowwidth": 1.5,
            "arrowcolor": RULE_CHANGE,
            "ax": 0,
            "ay": -lab["bottom"],
            "axref": "pixel",
            "ayref": "pixel",
            "xanchor": lab["xanchor"],
            "yanchor": "bottom",
            "align": "left",
            "font": {"size": RULE_FONT, "color": TEXT},
            "bgcolor": "white",
            "bordercolor": RULE_CHANGE,
            "borderwidth": 1,
            "borderpad": _RULE_PAD,
        }
        for lab in labels
    ]
    _make_room_on_top(fig, strip)
    append_layout(fig, shapes=shapes, annotations=notes)


def rule_strip(fig: go.Figure) -> float:
    """Pixels the rule-change labels take above the plot (0 without them): add them to any height set later."""
    meta = fig.layout.meta
    return float(meta.get("rule_strip", 0)) if isinstance(meta, dict) else 0.0


def _make_room_on_top(fig: go.Figure, strip: float, exact: bool = False) -> None:
    """Grow the top margin (and the figure) by the strip; keep the title at the top. exact: the strip is what the
    labels need now, smaller too (stacked again on a wider plot): the margin and the figure shrink with it."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    before = float(meta.get("rule_strip", 0))
    meta["rule_strip"] = strip if exact else max(before, strip)
    added = meta["rule_strip"] - before
    top = (fig.layout.margin.t if fig.layout.margin.t is not None else 100) + added
    if fig.layout.height:  # the plot keeps its height; exports at a fixed size give the strip from the plot
        fig.update_layout(height=fig.layout.height + added)
    merge_layout(
        fig,
        meta=meta,
        margin={"t": top},
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 22}},
    )


def _scale_for(values: list[float]) -> list[list]:
    """A sequential colour-blind-safe scale (light to dark blue) for scores."""
    return [[0, "#F7FBFF"], [0.5, "#6BAED6"], [1, "#08306B"]]


def latest_bars(
    latest: pd.DataFrame,
    standings: dict,
    bands: list[Band],
    year: int,
    sources: pd.DataFrame,
    lang: str = "id",
    height: int | None = None,
) -> go.Figure:
    """Latest-year scores as horizontal bars on the predicate bands, labelled with rank and percentile."""
    from iid.palette import PREDICATE_COLOURS, region_colours

    df = latest.sort_values("score", ascending=True, na_position="first")
    colours = region_colours(latest["region_code"].tolist())
    fig = go.Figure()
    append_layout(  # the bands as add_vrect draws them, in one assignment
        fig,
        shapes=[
            {
                "type": "rect",
                "xref": "x",
                "yref": "y domain",
                "x0": b.min_score,
                "x1": b.max_score,
                "y0": 0,
                "y1": 1,
                "fillcolor": PREDICATE_COLOURS[b.predicate],
                "opacity": 0.13,
                "line": {"width": 0},
                "layer": "below",
            }
            for b in bands
            if b.predicate != "Tidak Dapat Dinilai"
        ],
    )
    labels = []
    for r in df.itertuples(index=False):
        s = standings.get(r.region_code)
        if s and s.rank_national:
            # a published rank may come without the number ranked ("peringkat 1 kota") and so without a percentile
            pct = f" · P{round(s.percentile_national * 100)}" if s.percentile_national is not None else ""
            labels.append(f" {fmt.score(r.score, lang)} · #{s.national_rank_text}{pct}")
        else:
            labels.append(" –" if is_missing(r.score) else f" {fmt.score(r.score, lang)}")
    fig.add_trace(
        go.Bar(
            y=df["display_name"],
            x=df["score"].astype(float),
            orientation="h",
            marker={
                "color": [colours[c] for c in df["region_code"]],
                "pattern": {"shape": ["/" if smp else "" for smp in df["score_is_sample"]], "fgcolor": "white"},
            },
            text=labels,
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 14},
            meta=point_kinds(records(df)),
            hovertemplate="%{y}: %{x:,.2f}<extra></extra>",
            showlegend=False,
        )
    )
    for p in ("Sangat Inovatif", "Inovatif", "Kurang Inovatif"):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=predicate_label(p, lang),
                marker={"symbol": "square", "size": 14, "color": PREDICATE_COLOURS[p], "opacity": 0.4},
            )
        )
    merge_layout(
        fig,
        xaxis={
            "range": [0, 115],
            "title": t("axis_score", lang),
            "gridcolor": "#E8E8E8",
            "tickvals": [0, 20, 40, 60, 80, 100],
        },
        yaxis={"tickfont": {"size": 15}},
    )
    frame(
        fig,
        t("cmp_latest_title", lang, year=year),
        t("cmp_latest_subtitle", lang),
        source_text(sources, lang),
        bool(latest["score_is_sample"].fillna(False).any()),
        lang,
    )
    merge_layout(fig, height=height or max(400, 230 + 56 * len(df)), bargap=0.35)
    return fig


def add_reference_lines(fig: go.Figure, refs: pd.DataFrame, names: dict[str, str]) -> None:
    """Dashed grey lines for context averages (national average of a kind, a province's average)."""
    dashes = ["dash", "dot", "dashdot", "longdash"]
    for i, ((kind, scope), grp) in enumerate(refs.groupby(["kind", "scope"], sort=True)):
        grp = grp.sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=grp["year"],
                y=grp["average"],
                mode="lines",
                name=names.get((kind, scope), scope),
                line={"color": "#6B6B6B", "width": 2, "dash": dashes[i % len(dashes)]},
                hovertemplate="%{x}: %{y:,.2f}<extra>%{fullData.name}</extra>",
            )
        )


def _rank_columns(series: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Published and computed rank (and 'of') per row; a frame with only `rank` counts as computed."""
    none = pd.Series([None] * len(series), index=series.index, dtype=object)
    if "published_rank" in series or "computed_rank" in series:
        return (
            series.get("published_rank", none),
            series.get("published_rank_of", none),
            series.get("computed_rank", none),
            series.get("computed_rank_of", none),
        )
    return none, none, series.get("rank", none), series.get("rank_of", none)


def rank_lines(
    series: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "id",
    height: int = 420,
    rule_changes: Iterable[RuleChange] | None = None,
) -> go.Figure:
    """Rank per year within each region's cluster (1 = best, at the top).

    Published ranks and ranks computed from the data are separate traces, never joined: a line from a published
    15 to a computed 48 would draw a fall that never happened. A year with a published rank shows only that one.
    Of rule_changes only those of the score's formula are marked (k, count, basic services): bands move predicates,
    not ranks.
    """
    fig = go.Figure()
    codes = list(dict.fromkeys(series["region_code"]))
    colours = region_colours(codes)
    pub, pub_of, comp, comp_of = _rank_columns(series)
    df = pd.DataFrame(
        {
            "region_code": series["region_code"],
            "year": series["year"],
            "display_name": series["display_name"],
            "sample": series["score_is_sample"] if "score_is_sample" in series else False,
            "pub": pub,
            "pub_of": pub_of,
            "comp": comp,
            "comp_of": comp_of,
        }
    )
    rows = records(df)
    years = sorted({int(r["year"]) for r in rows})
    computed_sample = any(r["sample"] for r in rows if r["pub"] is None and r["comp"] is not None)
    computed_name = t("rank_trace_computed_sample" if computed_sample else "rank_trace_computed", lang)
    kinds = {
        "published": (t("rank_trace_published", lang), "solid", "circle", 11),
        "computed": (computed_name, "dot", "circle-open", 10),
    }
    used: set[str] = set()
    by_code = {code: sorted((r for r in rows if r["region_code"] == code), key=lambda r: r["year"]) for code in codes}
    ranked = {c: s for c, s in by_code.items() if any(r["pub"] is not None or r["comp"] is not None for r in s)}
    for code, s in ranked.items():
        name = text_of(s[0]["display_name"], code)
        if len(ranked) > 1:  # the region's legend entry, its colour; one region needs none (a key of nothing drawn)
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="lines",
                    name=name,
                    legendgroup=code,
                    line={"color": colours[code], "width": 3},
                    hoverinfo="skip",
                )
            )
        for kind, (label, dash, symbol, size) in kinds.items():
            ys, hover = [], []
            for r in s:
                rank, of = (r["pub"], r["pub_of"]) if kind == "published" else (r["comp"], r["comp_of"])
                if kind == "computed" and r["pub"] is not None:
                    rank = None  # the published rank of that year is the one shown
                ys.append(None if rank is None else int(rank))
                place = t("rank_of", lang, rank=int(rank), of=int(of)) if rank is not None and of is not None else ""
                hover.append(f"<b>{name}</b> {r['year']}<br>{label}: {place or (int(rank) if rank else '')}")
            if all(y is None for y in ys):
                continue
            used.add(kind)
            fig.add_trace(
                go.Scatter(
                    x=[r["year"] for r in s],
                    y=ys,
                    mode="lines+markers",
                    name=f"{name} · {label}",
                    legendgroup=code,
                    showlegend=False,
                    connectgaps=False,
                    line={"color": colours[code], "width": 3 if kind == "published" else 2, "dash": dash},
                    marker={
                        "symbol": symbol,
                        "size": size,
                        "color": colours[code],
                        "line": {"color": colours[code], "width": 2.5},
                    },
                    hovertext=hover,
                    hoverinfo="text",
                    meta=f"rank_{kind}",
                )
            )
    for kind in ("published", "computed"):  # the key to the two styles, in grey
        if kind in used:
            label, dash, symbol, size = kinds[kind]
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="lines+markers",
                    name=label,
                    legendgroup=f"rank_{kind}",
                    line={"color": MUTED, "width": 3 if kind == "published" else 2, "dash": dash},
                    marker={"symbol": symbol, "size": size, "color": MUTED, "line": {"color": MUTED, "width": 2.5}},
                    hoverinfo="skip",
                )
            )
    merge_layout(
        fig,
        xaxis={
            "tickmode": "array",
            "tickvals": years,
            "range": [min(years) - 0.5, max(years) + 0.5] if years else None,
            "showgrid": False,
        },
        yaxis={"autorange": "reversed", "title": t("axis_rank", lang), "gridcolor": "#E8E8E8"},
    )
    frame(
        fig,
        t("rank_title", lang),
        t("rank_subtitle", lang),
        source_text(sources, lang),
        bool(series["score_is_sample"].fillna(False).any()) if "score_is_sample" in series else False,
        lang,
    )
    fig.layout.height = height
    scoring = [c for c in rule_changes or () if c.kind != "band"]  # bands move predicates, never ranks
    if scoring:
        add_rule_changes(fig, scoring, lang, years=years)
    return fig


def indicator_heatmap(
    matrix: pd.DataFrame, order: list[str], names: dict[str, str], lang: str = "id", height: int | None = None
) -> go.Figure:
    """Indicators × regions: share of each indicator's maximum earned; the costliest indicators at the top."""
    regions = list(dict.fromkeys(matrix["region_code"]))
    disp = (
        matrix.drop_duplicates("region_code").set_index("region_code")["display_name"]
        if "display_name" in matrix
        else None
    )
    # (region, indicator) -> (points, max_points), the cells' values as .loc gave them (a .loc per cell cost ~10 ms)
    cell = {
        (r, c): (p, m)
        for r, c, p, m in zip(
            matrix["region_code"].to_numpy(),
            matrix["code"].to_numpy(),
            matrix["points"].to_numpy(),
            matrix["max_points"].to_numpy(),
            strict=True,
        )
    }
    z, text = [], []
    for c in order:
        z.append([float(cell[r, c][0] / cell[r, c][1]) if (r, c) in cell else None for r in regions])
        text.append(
            [
                f"{fmt.number(cell[r, c][0], 2, lang)} / {fmt.number(cell[r, c][1], 2, lang)}" if (r, c) in cell else ""
                for r in regions
            ]
        )
    fig = go.Figure(
        go.Heatmap(
            z=z,
            y=[names.get(c, c) for c in order],
            x=[wrap(disp[r] if disp is not None else r, 18) for r in regions],  # wrapped, never rotated
            meta={"columns": [str(disp[r]) if disp is not None else r for r in regions]},
            text=text,
            texttemplate="%{text}" if len(regions) <= 5 else None,
            textfont={"size": 11},
            colorscale=_scale_for([]),
            zmin=0,
            zmax=1,
            xgap=2,
            ygap=2,
            hovertemplate="%{x}<br>%{y}: %{text}<extra></extra>",
            colorbar={"title": {"text": "% maks." if lang == "id" else "% of max."}, "tickformat": ".0%"},
        )
    )
    merge_layout(
        fig,
        xaxis={"side": "bottom", "tickfont": {"size": 14}, "tickangle": 0},
        yaxis={"tickfont": {"size": 13}, "autorange": "reversed", "tickmode": "linear", "dtick": 1},  # every row named
    )
    frame(
        fig,
        t("heat_title", lang),
        t("heat_subtitle", lang),
        t("heat_source", lang),
        bool(matrix["is_sample"].any()),
        lang,
    )
    fig.layout.height = height or 260 + 26 * len(order)
    fit_margins(fig)
    return fig


def distribution(
    all_kind: pd.DataFrame, highlight: pd.DataFrame, sources: pd.DataFrame, lang: str = "id", height: int = 440
) -> go.Figure:
    """All regions of a kind per year (box) with one region highlighted."""
    from iid.palette import REGION_COLOURS

    fig = go.Figure()
    fig.add_trace(
        go.Box(
            x=all_kind["year"],
            y=all_kind["score"],
            name=t("dist_all", lang),
            marker_color="#9E9E9E",
            boxpoints="outliers",
            line={"width": 1.5},
            fillcolor="rgba(158,158,158,0.25)",
            hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
        )
    )
    h = highlight.sort_values("year")
    fig.add_trace(
        go.Scatter(
            x=h["year"],
            y=h["score"],
            mode="lines+markers",
            name=h["display_name"].iloc[0] if not h.empty else "",
            line={"color": REGION_COLOURS[0], "width": 3},
            marker={"size": 12},
            hovertemplate="%{x}: %{y:,.2f}<extra>%{fullData.name}</extra>",
        )
    )
    years = sorted(all_kind["year"].unique().tolist())
    merge_layout(
        fig,
        xaxis={"tickmode": "array", "tickvals": years, "type": "category"},
        yaxis={"range": [0, 100], "title": t("axis_score", lang), "gridcolor": "#E8E8E8"},
    )
    frame(
        fig,
        t("dist_title", lang),
        t("dist_subtitle", lang),
        source_text(sources, lang),
        bool(all_kind["score_is_sample"].any()),
        lang,
    )
    fig.layout.height = height
    return fig


def movers_bars(
    up: pd.DataFrame, down: pd.DataFrame, year: int, sources: pd.DataFrame, lang: str = "id", height: int = 440
) -> go.Figure:
    both = pd.concat([up, down]).drop_duplicates("region_code").sort_values("change")
    fig = go.Figure(
        go.Bar(
            y=both["display_name"],
            x=both["change"],
            orientation="h",
            marker_color=["#0072B2" if c >= 0 else "#D55E00" for c in both["change"]],
            text=[fmt.signed(c, 2, lang) for c in both["change"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:+.2f}<extra></extra>",
        )
    )
    xaxis = {"title": t("axis_change", lang), "gridcolor": "#E8E8E8", "zeroline": True, "zerolinecolor": "#6B6B6B"}
    if not both.empty:  # room beyond the longest bars for their numbers: the largest fall's ran into the region names
        lo, hi = min(float(both["change"].min()), 0.0), max(float(both["change"].max()), 0.0)
        pad = (hi - lo) * 0.25 or 1.0
        xaxis["range"] = [lo - pad if lo < 0 else lo, hi + pad if hi > 0 else hi]
    merge_layout(fig, xaxis=xaxis)
    frame(
        fig,
        t("movers_title", lang, year=year),
        t("movers_subtitle", lang, prev=year - 1),
        source_text(sources, lang),
        bool(both["score_is_sample"].any()),
        lang,
    )
    fig.layout.height = height
    return fig


def tile_map(
    provinces: pd.DataFrame,
    year: int,
    colour_by: str,
    sources: pd.DataFrame,
    lang: str = "id",
    selected: list[str] | None = None,
    height: int = 520,
) -> go.Figure:
    """38 provinces as squares placed roughly where they lie, coloured by score or predicate."""
    from iid.palette import PREDICATE_COLOURS
    from iid.tiles import SHORT, TILES

    selected = selected or []
    fig = go.Figure()
    df = provinces.copy()
    df["col"] = df["region_code"].map(lambda c: TILES[c][0])
    df["row"] = df["region_code"].map(lambda c: TILES[c][1])
    hover = [
        f"<b>{r.display_name}</b><br>{fmt.score(r.score, lang)} · {predicate_label(py(r.predicate), lang)}"
        for r in df.itertuples(index=False)
    ]
    label = [f"<b>{SHORT[r.region_code]}</b><br>{fmt.number(r.score, 1, lang)}" for r in df.itertuples(index=False)]
    if colour_by == "predicate":
        colours = [PREDICATE_COLOURS.get(p, "#E0E0E0") if isinstance(p, str) else "#E0E0E0" for p in df["predicate"]]
        marker = {"color": colours}
    else:
        marker = {
            "color": df["score"],
            "colorscale": _scale_for([]),
            "cmin": 0,
            "cmax": 100,
            "colorbar": {"title": {"text": t("axis_score", lang)}},
        }
    marker |= {
        "symbol": "square",
        "size": 58,
        "line": {
            "color": ["#000000" if c in selected else "white" for c in df["region_code"]],
            "width": [4 if c in selected else 1 for c in df["region_code"]],
        },
    }
    dark = [(s or 0) > 55 if colour_by == "score" else False for s in df["score"].fillna(0)]
    fig.add_trace(
        go.Scatter(
            x=df["col"],
            y=df["row"],
            mode="markers+text",
            marker=marker,
            text=label,
            # the code for a click (pages/compare.py) and the exact score for "Unduh data" (figure_data)
            customdata=[[r.region_code, py(r.score)] for r in df.itertuples(index=False)],
            meta="tiles",
            textfont={"size": 11, "color": ["white" if d else "#1A1A1A" for d in dark]},
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    if colour_by == "predicate":
        for p in ("Sangat Inovatif", "Inovatif", "Kurang Inovatif"):
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=predicate_label(p, lang),
                    marker={"symbol": "square", "size": 14, "color": PREDICATE_COLOURS[p]},
                )
            )
    merge_layout(fig, xaxis={"visible": False, "range": [-0.7, 12.7]}, yaxis={"visible": False, "range": [6.7, -0.7]})
    frame(
        fig,
        t("map_title", lang, year=year),
        t("map_subtitle", lang),
        source_text(sources, lang),
        bool(df["score_is_sample"].fillna(False).any()),
        lang,
    )
    merge_layout(fig, height=height, plot_bgcolor="white")
    return fig


def add_events(fig: go.Figure, events: pd.DataFrame, years: list[int], lang: str = "id") -> None:
    """Mark a region's dated facts (awards, regulations, predicates announced) on a timeline chart.

    Each note stays inside the plot (a note in the right half runs left from its line), so it never covers the
    legend; it is shortened to the room it has (the full title is its hover text), see fit_events.
    """
    if events.empty or not years:
        return
    shown = events[(events["year"] >= min(years)) & (events["year"] <= max(years))]
    lo, hi = min(years) - 0.5, max(years) + 0.5
    notes, lines = [], []
    for i, e in enumerate(shown.itertuples(index=False)):
        title = e.title if lang == "id" else e.title_en
        lines.append(  # as add_vline draws it
            {
                "type": "line",
                "xref": "x",
                "yref": "y domain",
                "x0": e.year,
                "x1": e.year,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#6B6B6B", "width": 1, "dash": "dot"},
            }
        )
        right = e.year > (lo + hi) / 2
        notes.append(
            {
                "name": "event",
                "x": e.year,
                "y": 97 - 7 * (i % 3),
                "text": title,
                "hovertext": title,
                "showarrow": False,
                "xanchor": "right" if right else "left",
                "xshift": -4 if right else 4,
                "font": {"size": 11, "color": "#3A3A3A"},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
        )
    append_layout(fig, shapes=lines, annotations=notes)
    fit_events(fig, 600, 11)


def fit_events(fig: go.Figure, plot_px: float, size: float) -> None:
    """Shorten each event note to the room between its line and the plot's edge (plot_px wide), at a font size."""
    rng = fig.layout.xaxis.range
    if not rng:
        return
    lo, hi = float(rng[0]), float(rng[1])
    per_year = plot_px / (hi - lo)
    for a in fig.layout.annotations:
        if a.name != "event":
            continue
        full = a.hovertext or a.text
        room = ((a.x - lo) if a.xanchor == "right" else (hi - a.x)) * per_year - 12
        fit = max(int(room / (size * EM)), 12)
        a.text = full if len(full) <= fit else full[: fit - 1].rstrip() + "…"
        a.font.size = size


def add_target_line(fig: go.Figure, value: float, year: int, label: str) -> None:
    append_layout(  # add_hline and add_annotation, in one assignment each
        fig,
        shapes=[
            {
                "type": "line",
                "xref": "x domain",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": value,
                "y1": value,
                "line": {"color": "#CC79A7", "width": 2, "dash": "dash"},
            }
        ],
        annotations=[
            {
                "xref": "paper",
                "x": 1,
                "y": value,
                "text": label,
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"size": 12, "color": "#CC79A7"},
            }
        ],
    )


def score_gauge(
    score: float | None,
    predicate: str | None,
    year: int,
    name: str,
    bands: list[Band],
    sources: pd.DataFrame,
    has_sample: bool,
    delta: float | None = None,
    lang: str = "id",
) -> go.Figure:
    """One big number on a gauge coloured by that year's predicate bands (the 'where we stand' screen)."""
    from iid.palette import PREDICATE_COLOURS

    steps = [
        {"range": [b.min_score, b.max_score], "color": PREDICATE_COLOURS[b.predicate]}
        for b in bands
        if b.predicate != "Tidak Dapat Dinilai"
    ]
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number" + ("+delta" if delta is not None else ""),
            value=score if score is not None else 0,
            number={"valueformat": ",.2f", "font": {"size": 72}},
            delta={
                "reference": (score - delta) if (delta is not None and score is not None) else None,
                "valueformat": "+,.2f",
                "font": {"size": 28},
            }
            if delta is not None
            else None,
            gauge={
                "axis": {"range": [0, 100], "tickfont": {"size": 16}},
                "steps": steps,
                "bar": {"color": "#1A1A1A", "thickness": 0.25},
            },
            title={"text": f"{predicate_label(predicate, lang)}", "font": {"size": 26}},
            domain={"x": [0.1, 0.9], "y": [0, 0.9]},
        )
    )
    frame(
        fig,
        t("story_score_title", lang, name=name, year=year),
        t("story_score_subtitle", lang),
        source_text(sources, lang),
        has_sample,
        lang,
    )
    fig.update_layout(height=460)
    return fig


def present_style(fig: go.Figure) -> go.Figure:
    """A projector copy of a figure: titles ≥ 32 px, axis labels ≥ 20 px, thicker lines, stronger band colours."""
    f = go.Figure(fig)
    legend_right(f)  # the screen copy's legend under the plot (legend_below) is for phones
    grow = 18 / RULE_FONT  # annotations go to 18 px: the rule-change strip grows with them
    strip = rule_strip(f)
    f.update_layout(
        title_font_size=36,
        title_subtitle_font_size=22,
        font_size=20,
        legend_font_size=20,
        hoverlabel_font_size=20,
        margin={"t": 130 + strip * grow},
    )
    f.update_xaxes(tickfont_size=20, title_font_size=22)
    f.update_yaxes(tickfont_size=20, title_font_size=22)
    for tr in f.data:
        if getattr(tr, "type", "") == "scatter" and tr.line is not None and tr.line.width and tr.fill != "toself":
            tr.line.width = max(tr.line.width, 4)
        if getattr(tr, "type", "") == "scatter" and isinstance(tr.marker.size, int | float):
            tr.marker.size = max(tr.marker.size, 14)  # points seen from the back of the room
    f.update_layout(
        shapes=[
            s.to_plotly_json()
            if s.name == "rule_change"
            else {**s.to_plotly_json(), "opacity": min(0.3, (s.opacity or 0.13) * 2)}
            for s in f.layout.shapes
        ]
    )
    f.update_annotations(font_size=18)
    for a in f.layout.annotations:
        if a.name == "rule_change":
            a.ay = a.ay * grow
    f.update_traces(textfont_size=20, selector={"type": "bar"})
    f.update_traces(textfont_size=24, selector={"type": "funnel"})
    f.update_traces(  # the score gauge: its ticks, number and predicate read from the back row
        gauge_axis_tickfont_size=22,
        number_font_size=96,
        delta_font_size=36,
        title_font_size=34,
        selector={"type": "indicator"},
    )
    for a in f.layout.annotations:
        if a.name == "event":
            a.font.size = 16
    fit_events(f, 1100, 16)
    fit_margins(f)
    return f


def print_style(fig: go.Figure) -> go.Figure:
    """A print copy of a figure for a page (the A4 profile): small type, tight margins, the legend under the plot."""
    f = go.Figure(fig)
    k = 0.72
    strip = rule_strip(f) * k
    f.update_layout(
        title_font_size=13,
        title_subtitle_font_size=9.5,
        title_pad_t=4,
        font_size=10,
        legend={"font": {"size": 9.5}, "orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top"},
        margin={"t": 46 + strip, "r": 12},
    )
    f.update_xaxes(tickfont_size=10, title_font_size=10)
    f.update_yaxes(tickfont_size=10, title_font_size=10)
    for a in f.layout.annotations:
        a.font.size = max(7.5, _size(a.font, 12) * k)
        if a.name == "rule_change" and a.ay is not None:
            a.ay = a.ay * k
        if a.name in ("sample_mark",):
            a.borderpad = 2
    for tr in f.data:
        if getattr(tr, "type", "") == "scatter" and isinstance(tr.marker.size, int | float):
            tr.marker.size = tr.marker.size * 0.7
        if getattr(tr, "type", "") == "scatter" and array_values(tr.x) == [None]:
            tr.showlegend = False  # keys to the shading (bands): the subtitle names them; paper is scarce
    f.update_traces(textfont_size=10.5, selector={"type": "bar"})  # the bars' values read on paper (8 pt)
    fit_margins(f)
    return f


def fit_to(fig: go.Figure, width: int, height: int) -> go.Figure:
    """A copy sized for an image of width × height: legend, heatmap rows and event notes fitted, margins grown.

    A browser scrolls a long legend and thins crowded labels; an image cannot, so they are made to fit.
    """
    f = go.Figure(fig)
    legend_right(f)  # an image has a known width: the legend at the right unless it is too long (below)
    f.update_layout(width=width, height=height)
    margin = f.layout.margin
    plot_h = height - (margin.t or 100) - (margin.b or 90)
    entries = sum(1 for tr in f.data if getattr(tr, "showlegend", False) is not False and getattr(tr, "name", None))
    legend_size = _size(f.layout.legend.font, 14)
    if entries and f.layout.legend.orientation != "h" and entries * max(2 * legend_size, 30) > plot_h:
        # more entries than the plot is tall: the legend goes under the plot, in rows over the whole width
        f.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top", "font": {"size": 15}})
    rows = [tr for tr in f.data if getattr(tr, "type", "") == "heatmap"]
    if rows and rows[0].y is not None:
        size = _size(f.layout.yaxis.tickfont, 14)
        fits = plot_h / max(len(rows[0].y), 1) / 1.15
        if fits < size:
            f.update_yaxes(tickfont_size=max(9, fits))
    if rows and isinstance(rows[0].meta, dict) and rows[0].meta.get("columns"):
        # column labels wrapped to the columns' width, the font made smaller where ten or more share the width
        names = rows[0].meta["columns"]
        plot_w = width - (margin.l or 60) - 160  # the colour bar
        col = plot_w / max(len(names), 1)
        size = _size(f.layout.xaxis.tickfont, 14)
        if col / (size * EM) < 10:
            size = max(12, col / (10 * EM))
            f.update_xaxes(tickfont_size=size)
        rows[0].x = [wrap(n, max(int(col / (size * EM)) - 1, 8)) for n in names]
    tiles = [tr for tr in f.data if tr.meta == "tiles"]
    if tiles:  # the tile map's squares grow with the image (a tile is one column of 13.4, one row of 7.4)
        plot_w = width - (margin.l or 60) - (margin.r or 30) - 140
        cell = min(plot_w / 13.4, plot_h / 7.4)
        tiles[0].marker.size = cell * 0.9
        tiles[0].textfont.size = max(11, cell * 0.16)
    legend_w = 0.0
    if entries:
        legend_w = (
            max(text_px(tr.name, _size(f.layout.legend.font, 14)) for tr in f.data if getattr(tr, "name", None)) + 60
        )
    event = next((a for a in f.layout.annotations if a.name == "event"), None)
    if event is not None:
        fit_events(f, width - (margin.l or 60) - legend_w - (margin.r or 30), _size(event.font, 11))
    _room_for_rule_labels(f, width)
    fit_margins(f, width)
    return f


def _room_for_rule_labels(fig: go.Figure, width: int) -> None:
    """Grow the right margin so the rule-change labels, which run right from their line, end inside the image."""
    notes = [a for a in fig.layout.annotations if a.name == "rule_change" and a.xanchor == "left"]
    rng = fig.layout.xaxis.range
    if not notes or not rng:
        return
    lo, hi = float(rng[0]), float(rng[1])
    right = float(fig.layout.margin.r or 30)
    for _ in range(3):  # the plot narrows as the margin grows: settle in a few rounds
        per_year = (width - float(fig.layout.margin.l or 60) - right) / (hi - lo)
        need = max(
            max(text_px(line, _size(a.font, RULE_FONT)) for line in a.text.split("<br>"))
            + 2 * _RULE_PAD
            + 12
            - (hi - a.x) * per_year
            for a in notes
        )
        right = max(right, need)
    fig.update_layout(margin_r=right)


def letter_rule_changes(fig: go.Figure, size: float) -> list[tuple[str, list[str]]]:
    """Each rule-change box made a letter on its dotted line (A, B, …; the full sentences stay its hover), for a
    page or screen too short for the boxes' strip; returns each letter with its lines (markup dropped) so the caller
    lists them beside the chart. The top margin gives the strip back to the plot."""
    rules = sorted((a for a in fig.layout.annotations if a.name == "rule_change"), key=lambda a: a.x)
    notes = []
    for i, a in enumerate(rules):
        tag = chr(ord("A") + i)
        lines = [html.unescape(_TAGS.sub("", line)).strip() for line in (a.text or "").split("<br>")]
        notes.append((tag, [line for line in lines if line]))
        a.update(text=f"<b>{tag}</b>", showarrow=False, yanchor="bottom", xanchor="center", yshift=2, borderpad=2)
        a.font.size = size
    if rules:
        meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
        strip = float(meta.pop("rule_strip", 0))
        fig.update_layout(meta=meta, margin_t=(fig.layout.margin.t or 100) - strip + size * 1.6)
    return notes


PROJECTOR_LEGEND_ROWS = 6  # entries a legend at 20 px shows beside the plot of a 1280×720 screen without scrolling


def projector(fig: go.Figure) -> go.Figure:
    """The projector copy of a figure for the screen: present_style, no fixed height (it fills its container, which
    the presentation view sizes from the viewport), the title a little smaller (the screen's headline is above it)."""
    f = present_style(fig)
    # rule changes: a letter on each line and one strip of their first lines above the plot (the boxes took the
    # plot's height on a 720-pixel screen); the full sentences are each letter's hover
    notes = letter_rule_changes(f, 18)
    top = 124 + (18 * 1.6 if notes else 0)
    f.update_layout(height=None, autosize=True, title_font_size=32, title_subtitle_font_size=22, margin={"t": top})
    if len(_legend_names(f)) > PROJECTOR_LEGEND_ROWS:  # a target's eight entries scrolled beside a 720-px screen's plot
        f.update_layout(legend_font_size=17, legend_tracegroupgap=0, legend_itemwidth=30)
    if notes:
        entries = [f"<b>{tag}</b> {lines[0]}" + (" …" if len(lines) > 1 else "") for tag, lines in notes]
        rows = [""]
        for e in entries:  # about 1100 px of 15-px type a row on a 1280-wide screen
            rows[-1:] = [rows[-1] + "   " + e] if text_px(rows[-1] + e, 15) < 1100 or not rows[-1] else [rows[-1], e]
        _rule_list(f, [r.strip() for r in rows], 15, 18 * 1.6 + 4)
        f.update_layout(margin_t=(f.layout.margin.t or 124) + 15 * 1.35 * len(rows) + 6)
    event = next((a for a in f.layout.annotations if a.name == "event"), None)
    if event is not None:  # event notes shortened at the projector's type to the plot of a 1280-wide screen
        fit_events(f, 700, _size(event.font, 11))
    return f


# ---- the innovation register's charts (iid/register.py) ----

# One colour per stage in every register chart (funnel, by year, competition entries): Okabe–Ito blues to green, light
# to dark as an innovation moves on, each at least 3:1 on white except the first, which always carries a dark label.
STAGE_COLOURS = {"inisiatif": "#56B4E9", "uji_coba": "#0072B2", "penerapan": "#009E73"}


def stage_colours(labels: dict[str, str]) -> dict[str, str]:
    """The stage colours keyed by the stages' labels in a language (count_bars' colours=), in stage order."""
    return {labels[s]: c for s, c in STAGE_COLOURS.items() if s in labels}


def funnel(
    stage_counts: pd.DataFrame, labels: dict[str, str], title: str, source: str, has_sample: bool, lang: str = "id"
) -> go.Figure:
    """Innovations by stage: inisiatif → uji coba → penerapan."""
    fig = go.Figure(
        go.Funnel(
            y=[labels[s] for s in stage_counts["stage"]],
            x=stage_counts["count"],
            textinfo="value+percent initial",
            marker={"color": [STAGE_COLOURS[s] for s in stage_counts["stage"]]},
            textfont={"size": 16},
        )
    )
    frame(fig, title, t("inv_funnel_sub", lang), source, has_sample, lang)
    fig.update_layout(height=380)
    return fig


def count_bars(
    df: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    subtitle: str,
    source: str,
    has_sample: bool,
    lang: str = "id",
    colour: str | None = None,
    height: int = 380,
    horizontal: bool = False,
    colours: dict[str, str] | None = None,
) -> go.Figure:
    """Counts as bars (by form, urusan, group…), optionally split by a colour column; `colours` fixes each split's
    colour and order (the stages: stage_colours), others take the region palette in name order."""
    from iid.palette import REGION_COLOURS

    fig = go.Figure()
    groups = [(None, df)] if colour is None else list(df.groupby(colour, sort=True))
    if colours:
        rank = {name: i for i, name in enumerate(colours)}
        groups.sort(key=lambda g: rank.get(g[0], len(rank)))
    for i, (name, g) in enumerate(groups):
        # categories are typed by people (urusan, units): plotly reads <a>, <b>… in labels, so they go in escaped
        cats = g[x].map(lambda v: html.escape(text_of(v, "–")))
        kw = {"x": g[y], "y": cats, "orientation": "h"} if horizontal else {"x": cats, "y": g[y]}
        fig.add_trace(
            go.Bar(
                **kw,
                name=html.escape(str(name)) if name is not None else "",
                marker_color=(colours or {}).get(name) or REGION_COLOURS[i % 10],
                text=g[y],
                textposition="auto",
                textangle=0,
                showlegend=colour is not None,
            )
        )
    # a count too big for its segment is left to the hover and the Table view, not shrunk or turned on its side
    # (review: thin stacked bars of 'Menurut urusan' showed 6-px numbers turned 90°)
    fig.update_layout(barmode="stack", uniformtext={"minsize": 11, "mode": "hide"})
    frame(fig, title, subtitle, source, has_sample, lang)
    fig.update_layout(height=height)
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    return fig


def pledge_cumulative(
    months: pd.DataFrame,
    target: float,
    title: str,
    subtitle: str,
    target_label: str,
    source: str,
    has_sample: bool,
    lang: str = "id",
) -> go.Figure:
    """A yearly pledge: innovations counted since January, month by month (named), against the pledged total."""
    names = t("months", lang).split(",")
    short = [n[:3] for n in names]  # Jan, Feb … Agu, Okt, Des in Indonesian
    x = [short[int(m) - 1] for m in months["month"]]
    fig = go.Figure(
        go.Bar(
            x=x,
            y=months["cumulative"],
            name=t("inv_cumulative", lang),
            marker_color=STAGE_COLOURS["uji_coba"],
            text=months["cumulative"],
            textposition="auto",
            customdata=[names[int(m) - 1] for m in months["month"]],
            hovertemplate="%{customdata}: %{y}<extra></extra>",
        )
    )
    frame(fig, title, subtitle, source, has_sample, lang)
    fig.update_xaxes(categoryorder="array", categoryarray=short)  # named months need no axis title
    fig.update_yaxes(
        title_text=t("inv_cumulative", lang),
        range=[0, max(float(target), float(months["cumulative"].max() if len(months) else 0)) * 1.12 or 1],
        rangemode="tozero",
    )
    add_target_line(fig, float(target), 0, target_label)
    fig.update_layout(height=320, showlegend=False)
    return fig


def array_values(v: object) -> list | None:
    """A trace's array as a plain list. A figure made from a dict (every shared figure: iid.ui) keeps numeric arrays
    as plotly's typed arrays, {"dtype": "f8", "bdata": <base64>}, which iterate as their two keys: decoded here."""
    if isinstance(v, dict) and "bdata" in v and "dtype" in v:
        import base64

        import numpy as np

        a = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(str(v["dtype"])))
        if v.get("shape"):
            a = a.reshape(tuple(int(n) for n in str(v["shape"]).split(",")))
        return a.tolist()
    if v is None:
        return None
    return list(v) if not isinstance(v, str) else [v]


def data_for_reading(data: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """A chart's table (figure_data) as a person reads it on the page: values in the language's format (113,50; a
    count as 77) and years as years (2026, not 2.026). The downloads keep the numbers."""
    from iid import fmt

    def number(v: object) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool)

    val, cat = t("data_value", lang), t("data_category", lang)
    out = data.copy()
    if val in out:
        nums = [py(v) for v in out[val]]
        decimals = 0 if all(not number(v) or float(v).is_integer() for v in nums) else 2
        out[val] = [fmt.number(v, decimals, lang) if number(v) else "–" if v is None else v for v in nums]
    if cat in out:
        cats = [py(v) for v in out[cat]]
        out[cat] = [str(int(v)) if number(v) and float(v).is_integer() else v for v in cats]
    return out


def figure_data(fig: go.Figure, lang: str = "id") -> pd.DataFrame:
    """The data a chart draws, as one long table (series, category or year, value): what "Unduh data" gives.

    Legend-only keys, shading and the hatched predicate-only boxes are left out; a heatmap gives one row per cell,
    the gauge its one number. Markup in names (<br>, <b>) is dropped.
    """
    series, cat, val = t("data_series", lang), t("data_category", lang), t("data_value", lang)
    kind_col = t("data_kind", lang)
    rows: list[dict] = []

    def plain(v: object) -> object:
        if isinstance(v, str):
            return html.unescape(_TAGS.sub(" ", v)).replace("  ", " ").strip()
        v = py(v)
        return round(v, 6) if isinstance(v, float) else v  # 63.02, not the 63.019999999999996 a sum left

    for tr in fig.data:
        kind = getattr(tr, "type", "")
        axis = fig.layout.xaxis.title.text if getattr(tr, "orientation", None) == "h" else fig.layout.yaxis.title.text
        name = plain(getattr(tr, "name", None) or axis or "")
        if kind == "indicator":
            rows.append({series: plain(fig.layout.title.text), cat: None, val: plain(tr.value)})
        elif kind == "heatmap":
            hx, hy, hz = array_values(tr.x) or [], array_values(tr.y) or [], array_values(tr.z)
            for i, y in enumerate(hy):
                for j, x in enumerate(hx):
                    z = hz[i][j] if hz is not None and i < len(hz) and j < len(hz[i]) else None
                    rows.append({series: plain(x), cat: plain(y), val: plain(z)})
        elif kind in ("scatter", "bar", "box", "funnel"):
            tx, ty = array_values(tr.x), array_values(tr.y)
            if tx is None or tx == [None] or getattr(tr, "fill", None) == "toself" or tr.meta == "tiles":
                if tr.meta != "tiles":
                    continue
            horizontal = getattr(tr, "orientation", None) == "h" or kind == "funnel"
            xs, ys = (ty, tx) if horizontal else (tx, ty)
            if (
                tr.meta == "tiles"
            ):  # the tile map: one province a row (its hover's first line: the full name), its score
                xs = [plain(v.split("<br>")[0]) for v in array_values(tr.hovertext)]
                # the exact score, whether squares are coloured by score or band
                ys = [cd[1] for cd in array_values(tr.customdata)]
                name = fig.layout.title.text
            kinds = tr.meta.get("kinds") if isinstance(tr.meta, dict) else None
            for i, (x, y) in enumerate(zip(xs if xs is not None else [], ys if ys is not None else [], strict=False)):
                if py(y) is not None:
                    row = {series: name, cat: plain(x), val: plain(y)}
                    if kinds is not None and i < len(kinds) and kinds[i] is not None:
                        row[kind_col] = t(f"score_kind_{kinds[i]}", lang)
                    rows.append(row)
    # which figures are sample data, where the chart knows (score charts): the column only when there is one
    if not any(kind_col in r for r in rows):
        return pd.DataFrame(rows, columns=[series, cat, val])
    return pd.DataFrame([{kind_col: "", **r} for r in rows], columns=[series, cat, val, kind_col])
