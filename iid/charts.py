"""Chart builders: data in, plotly figure out. Title, subtitle, source line and the "Data contoh" mark are
part of every figure, so every export carries them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from iid import fmt
from iid.i18n import predicate_label, t
from iid.palette import MUTED, PREDICATE_COLOURS, SAMPLE, TEXT, region_colours
from iid.rules import Band

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"


def frame(fig: go.Figure, title: str, subtitle: str, source: str, has_sample: bool, lang: str = "id") -> go.Figure:
    """The common dress of every chart: title and subtitle on top, source line under, sample mark if needed."""
    fig.update_layout(
        title={
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 14, "color": MUTED}},
            "x": 0.01,
            "font": {"size": 20, "color": TEXT},
        },
        font={"family": FONT, "size": 14, "color": TEXT},
        separators=",." if lang == "id" else ".,",
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 60, "r": 30, "t": 100, "b": 90},
        hoverlabel={"font": {"family": FONT, "size": 14}},
        legend={"orientation": "v", "y": 1, "yanchor": "top", "x": 1.02, "xanchor": "left", "font": {"size": 13}},
    )
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-45,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 12, "color": MUTED},
        align="left",
    )
    if has_sample:
        fig.add_annotation(
            text=f"<b>{t('sample_mark', lang)}</b>",
            xref="paper",
            yref="paper",
            x=1,
            y=1.02,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": 13, "color": SAMPLE},
            bordercolor=SAMPLE,
            borderwidth=1.5,
            borderpad=4,
            bgcolor="white",
        )
    return fig


def add_bands(fig: go.Figure, bands: dict[int, list[Band]], years: list[int], lang: str = "id") -> None:
    """Shade each year's predicate bands behind the data (bands change between years)."""
    shapes = [
        {
            "type": "rect",
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
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes])  # one update: add_shape per band is slow
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


def source_text(sources: pd.DataFrame, lang: str = "id", limit: int = 3) -> str:
    names = []
    for r in sources.itertuples(index=False):
        label = r.publisher or r.title
        if label not in names:
            names.append(label)
    more = len(names) - limit
    shown = "; ".join(names[:limit]) + (f" (+{more})" if more > 0 else "")
    return t("source_line", lang, sources=shown or "–")


def trend(
    series: pd.DataFrame,
    bands: dict[int, list[Band]],
    sources: pd.DataFrame,
    lang: str = "id",
    title: str | None = None,
    height: int = 420,
) -> go.Figure:
    """Score per year of one or more regions on that year's predicate bands."""
    fig = go.Figure()
    years = sorted(series["year"].unique().tolist()) or [2021]
    add_bands(fig, bands, years, lang)
    codes = list(dict.fromkeys(series["region_code"]))
    colours = region_colours(codes)
    has_sample = bool(series["score_is_sample"].fillna(False).any())
    for code in codes:
        s = series[series["region_code"] == code].sort_values("year")
        name = s["display_name"].iloc[0]
        scored = s[s["score"].notna()]
        hover = [
            f"<b>{name}</b> {int(r.year)}<br>{t('table_score', lang)}: {fmt.score(r.score, lang)}"
            + (f" – {fmt.score(r.score_max, lang)}" if r.conflict else "")
            + f"<br>{t('predicate', lang)}: {predicate_label(r.predicate, lang)}"
            + f"<br>{t('status_sample', lang) if r.score_is_sample else t('status_published', lang)}"
            for r in scored.itertuples(index=False)
        ]
        fig.add_trace(
            go.Scatter(
                x=scored["year"],
                y=scored["score"].astype(float),
                mode="lines+markers",
                name=name,
                line={"color": colours[code], "width": 3},
                marker={
                    "size": 11,
                    "color": ["white" if smp else colours[code] for smp in scored["score_is_sample"]],
                    "line": {"color": colours[code], "width": 2.5},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (scored["score_max"].astype(float) - scored["score"].astype(float)).fillna(0).tolist(),
                    "arrayminus": [0] * len(scored),
                    "color": colours[code],
                    "thickness": 2,
                    "width": 6,
                },
                hovertext=hover,
                hoverinfo="text",
            )
        )
        only_pred = s[s["score"].isna() & s["predicate"].notna()]
        if not only_pred.empty:
            mids = []
            for r in only_pred.itertuples(index=False):
                b = next((b for b in bands.get(int(r.year), []) if b.predicate == r.predicate), None)
                mids.append((b.min_score + b.max_score) / 2 if b else None)
            fig.add_trace(
                go.Scatter(
                    x=only_pred["year"],
                    y=mids,
                    mode="markers",
                    showlegend=False,
                    marker={"symbol": "diamond-open", "size": 16, "color": colours[code], "line": {"width": 3}},
                    hovertext=[
                        f"<b>{name}</b> {int(r.year)}<br>{predicate_label(r.predicate, lang)}<br>{t('no_score', lang)}"
                        for r in only_pred.itertuples(index=False)
                    ],
                    hoverinfo="text",
                )
            )
    fig.update_xaxes(
        title_text="",
        tickmode="array",
        tickvals=years,
        ticktext=[str(y) for y in years],
        range=[min(years) - 0.5, max(years) + 0.5],
        showgrid=False,
        linecolor=MUTED,
    )
    fig.update_yaxes(title=t("axis_score", lang), range=[0, 100], gridcolor="#E8E8E8", zeroline=False)
    names = series.drop_duplicates("region_code")["display_name"].tolist()
    title = title or t("trend_title", lang, name=", ".join(names[:3]), first=min(years), last=max(years))
    frame(fig, title, t("trend_subtitle", lang), source_text(sources, lang), has_sample, lang)
    fig.update_layout(height=height)
    return fig


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
    for b in bands:
        if b.predicate != "Tidak Dapat Dinilai":
            fig.add_vrect(
                x0=b.min_score,
                x1=b.max_score,
                fillcolor=PREDICATE_COLOURS[b.predicate],
                opacity=0.13,
                line_width=0,
                layer="below",
            )
    labels = []
    for r in df.itertuples(index=False):
        s = standings.get(r.region_code)
        if s and s.rank_national:
            labels.append(
                f" {fmt.score(r.score, lang)} · #{s.rank_national}/{s.of_national} · P{round(s.percentile_national * 100)}"
            )
        else:
            labels.append(f" {fmt.score(r.score, lang)}" if r.score == r.score else " –")
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
    fig.update_xaxes(
        range=[0, 115], title=t("axis_score", lang), gridcolor="#E8E8E8", tickvals=[0, 20, 40, 60, 80, 100]
    )
    fig.update_yaxes(tickfont={"size": 15})
    frame(
        fig,
        t("cmp_latest_title", lang, year=year),
        t("cmp_latest_subtitle", lang),
        source_text(sources, lang),
        bool(latest["score_is_sample"].fillna(False).any()),
        lang,
    )
    fig.update_layout(height=height or max(400, 230 + 56 * len(df)), bargap=0.35)
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


def rank_lines(series: pd.DataFrame, sources: pd.DataFrame, lang: str = "id", height: int = 420) -> go.Figure:
    """Rank per year within each region's cluster (1 = best, at the top)."""
    from iid.palette import region_colours

    fig = go.Figure()
    codes = list(dict.fromkeys(series["region_code"]))
    colours = region_colours(codes)
    for code in codes:
        s = series[(series["region_code"] == code) & series["rank"].notna()].sort_values("year")
        if s.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=s["year"],
                y=s["rank"],
                mode="lines+markers",
                name=s["display_name"].iloc[0],
                line={"color": colours[code], "width": 3},
                marker={"size": 10},
                customdata=s["rank_of"],
                hovertemplate="%{x}: #%{y} / %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    years = sorted(series["year"].unique().tolist())
    fig.update_xaxes(tickmode="array", tickvals=years, showgrid=False)
    fig.update_yaxes(autorange="reversed", title=t("axis_rank", lang), gridcolor="#E8E8E8")
    frame(
        fig,
        t("rank_title", lang),
        t("rank_subtitle", lang),
        source_text(sources, lang),
        bool(series["score_is_sample"].fillna(False).any()),
        lang,
    )
    fig.update_layout(height=height)
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
    by_region = {code: matrix[matrix["region_code"] == code].set_index("code") for code in regions}
    z, text = [], []
    for c in order:
        z.append(
            [
                float(by_region[r].loc[c, "points"] / by_region[r].loc[c, "max_points"])
                if c in by_region[r].index
                else None
                for r in regions
            ]
        )
        text.append(
            [
                f"{fmt.number(by_region[r].loc[c, 'points'], 2, lang)} / {fmt.number(by_region[r].loc[c, 'max_points'], 2, lang)}"
                if c in by_region[r].index
                else ""
                for r in regions
            ]
        )
    fig = go.Figure(
        go.Heatmap(
            z=z,
            y=[names.get(c, c) for c in order],
            x=[disp[r] if disp is not None else r for r in regions],
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
    fig.update_xaxes(side="bottom", tickfont={"size": 14})
    fig.update_yaxes(tickfont={"size": 13}, autorange="reversed")
    frame(
        fig,
        t("heat_title", lang),
        t("heat_subtitle", lang),
        t("heat_source", lang),
        bool(matrix["is_sample"].any()),
        lang,
    )
    fig.update_layout(height=height or 260 + 26 * len(order), margin={"b": 90})
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
    fig.update_xaxes(tickmode="array", tickvals=years, type="category")
    fig.update_yaxes(range=[0, 100], title=t("axis_score", lang), gridcolor="#E8E8E8")
    frame(
        fig,
        t("dist_title", lang),
        t("dist_subtitle", lang),
        source_text(sources, lang),
        bool(all_kind["score_is_sample"].any()),
        lang,
    )
    fig.update_layout(height=height)
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
    fig.update_xaxes(title=t("axis_change", lang), gridcolor="#E8E8E8", zeroline=True, zerolinecolor="#6B6B6B")
    frame(
        fig,
        t("movers_title", lang, year=year),
        t("movers_subtitle", lang, prev=year - 1),
        source_text(sources, lang),
        bool(both["score_is_sample"].any()),
        lang,
    )
    fig.update_layout(height=height)
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
        f"<b>{r.display_name}</b><br>{fmt.score(r.score, lang)} · {predicate_label(r.predicate, lang)}"
        for r in df.itertuples(index=False)
    ]
    label = [
        f"<b>{SHORT[r.region_code]}</b><br>{fmt.number(r.score, 1, lang) if r.score == r.score else '–'}"
        for r in df.itertuples(index=False)
    ]
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
            customdata=df["region_code"],
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
    fig.update_xaxes(visible=False, range=[-0.7, 12.7])
    fig.update_yaxes(visible=False, range=[6.7, -0.7])
    frame(
        fig,
        t("map_title", lang, year=year),
        t("map_subtitle", lang),
        source_text(sources, lang),
        bool(df["score_is_sample"].fillna(False).any()),
        lang,
    )
    fig.update_layout(height=height, plot_bgcolor="white")
    return fig


def add_events(fig: go.Figure, events: pd.DataFrame, years: list[int], lang: str = "id") -> None:
    """Mark a region's dated facts (awards, regulations, predicates announced) on a timeline chart."""
    if events.empty or not years:
        return
    shown = events[(events["year"] >= min(years)) & (events["year"] <= max(years))]
    for i, e in enumerate(shown.itertuples(index=False)):
        title = e.title if lang == "id" else e.title_en
        fig.add_vline(x=e.year, line={"color": "#6B6B6B", "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=e.year,
            y=97 - 7 * (i % 3),
            text=title if len(title) <= 48 else title[:46] + "…",
            showarrow=False,
            xanchor="left",
            xshift=4,
            font={"size": 11, "color": "#3A3A3A"},
            bgcolor="rgba(255,255,255,0.8)",
        )


def add_target_line(fig: go.Figure, value: float, year: int, label: str) -> None:
    fig.add_hline(y=value, line={"color": "#CC79A7", "width": 2, "dash": "dash"})
    fig.add_annotation(
        xref="paper",
        x=1,
        y=value,
        text=label,
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
        font={"size": 12, "color": "#CC79A7"},
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
    f.update_layout(
        title_font_size=36,
        title_subtitle_font_size=22,
        font_size=20,
        legend_font_size=20,
        hoverlabel_font_size=20,
        margin={"t": 130},
    )
    f.update_xaxes(tickfont_size=20, title_font_size=22)
    f.update_yaxes(tickfont_size=20, title_font_size=22)
    for tr in f.data:
        if getattr(tr, "type", "") == "scatter" and tr.line is not None and tr.line.width:
            tr.line.width = max(tr.line.width, 4)
    f.update_layout(
        shapes=[{**s.to_plotly_json(), "opacity": min(0.3, (s.opacity or 0.13) * 2)} for s in f.layout.shapes]
    )
    f.update_annotations(font_size=18)
    f.update_traces(textfont_size=20, selector={"type": "bar"})
    return f


def funnel(
    stage_counts: pd.DataFrame, labels: dict[str, str], title: str, source: str, has_sample: bool, lang: str = "id"
) -> go.Figure:
    """Innovations by stage: inisiatif → uji coba → penerapan."""
    fig = go.Figure(
        go.Funnel(
            y=[labels[s] for s in stage_counts["stage"]],
            x=stage_counts["count"],
            textinfo="value+percent initial",
            marker={"color": ["#56B4E9", "#0072B2", "#009E73"]},
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
) -> go.Figure:
    """Counts as bars (by form, urusan, group…), optionally split by a colour column."""
    from iid.palette import REGION_COLOURS

    fig = go.Figure()
    groups = [(None, df)] if colour is None else list(df.groupby(colour, sort=True))
    for i, (name, g) in enumerate(groups):
        kw = {"x": g[y], "y": g[x], "orientation": "h"} if horizontal else {"x": g[x], "y": g[y]}
        fig.add_trace(
            go.Bar(
                **kw,
                name=str(name) if name is not None else "",
                marker_color=REGION_COLOURS[i % 10],
                text=g[y],
                textposition="auto",
                showlegend=colour is not None,
            )
        )
    fig.update_layout(barmode="stack")
    frame(fig, title, subtitle, source, has_sample, lang)
    fig.update_layout(height=height)
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    return fig
