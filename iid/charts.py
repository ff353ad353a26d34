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
        margin={"l": 60, "r": 30, "t": 90, "b": 130},
        hoverlabel={"font": {"family": FONT, "size": 14}},
        legend={"orientation": "h", "y": -0.18, "x": 0},
    )
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-100,
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
    for y in years:
        for b in bands.get(y, []):
            if b.predicate == "Tidak Dapat Dinilai":
                continue
            fig.add_shape(
                type="rect",
                xref="x",
                yref="y",
                x0=y - 0.5,
                x1=y + 0.5,
                y0=b.min_score,
                y1=b.max_score,
                fillcolor=PREDICATE_COLOURS[b.predicate],
                opacity=0.13,
                line_width=0,
                layer="below",
            )
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
        title=t("axis_year", lang),
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
