"""The Target page's chart: actual values, the required path, the projection with its band, and the target."""

from __future__ import annotations

import plotly.graph_objects as go

from iid import fmt
from iid.charts import add_bands, frame
from iid.i18n import t
from iid.palette import MUTED, REGION_COLOURS, TEXT
from iid.rules import Band
from iid.target_report import Report


def bands_by_year(bands: dict[int, list[Band]], years: list[int], fallback: list[Band] | None) -> dict[int, list[Band]]:
    """Each year's predicate bands on the chart: its own when stored, else those of the latest stored year before it
    (the rules stay as last announced: after 2026's raised limit, 2027–2029 do not drop back to 2025's), else
    `fallback` (a year before any stored one)."""
    out = {}
    for year in years:
        earlier = [y for y, bs in bands.items() if y <= year and bs]
        out[year] = bands[max(earlier)] if earlier else list(fallback or [])
    return out


def target_chart(
    rep: Report, bands: dict[int, list[Band]], source: str, lang: str = "id", height: int = 460
) -> go.Figure:
    fig = go.Figure()
    p = rep.progress
    is_score = rep.metric == "iid_score"
    last_year = max([rep.target.year, *rep.series_years]) if rep.series_years else rep.target.year
    first_year = min(rep.series_years) if rep.series_years else rep.target.year
    years = list(range(first_year, last_year + 1))
    if is_score:
        latest_bands = bands.get(rep.band_year) if rep.band_year else None
        add_bands(fig, bands_by_year(bands, years, latest_bands), years, lang)
    colour = REGION_COLOURS[0]
    fig.add_trace(
        go.Scatter(
            x=rep.series_years,
            y=rep.series_values,
            mode="lines+markers",
            name=t("tg_actual", lang),
            line={"color": colour, "width": 3},
            marker={
                "size": 10,
                "color": "white" if rep.has_sample else colour,
                "line": {"color": colour, "width": 2.5},
            },
            hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
        )
    )
    if p is not None and len(p.required_path) > 1:  # no path to draw once the target year is the latest year
        px, py = zip(*p.required_path, strict=True)
        fig.add_trace(
            go.Scatter(
                x=list(px),
                y=list(py),
                mode="lines",
                name=t("tg_required_legend", lang, t=p.latest_year, ty=rep.target.year),
                line={"color": TEXT, "width": 2.5, "dash": "dash"},
                hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
            )
        )
    if p is not None:
        if p.projection:
            xs = [r[0] for r in p.projection]
            projection_name = (
                t("tg_projection_assumed", lang, pace=fmt.signed(rep.gain, 2, lang))
                if rep.gain is not None
                else t("tg_projection_observed", lang, t0=p.first_year, t=p.latest_year)
            )
            fig.add_trace(
                go.Scatter(
                    x=xs + xs[::-1],
                    y=[r[3] for r in p.projection] + [r[2] for r in p.projection][::-1],
                    fill="toself",
                    fillcolor="rgba(213,94,0,0.15)",
                    line={"width": 0},
                    mode="lines",
                    hoverinfo="skip",
                    name=t("tg_band", lang),
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=[r[1] for r in p.projection],
                    mode="lines",
                    name=projection_name,
                    line={"color": "#D55E00", "width": 2.5, "dash": "dot"},
                    hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[rep.target.year],
            y=[rep.target.value],
            mode="markers+text",
            name=t("tg_target", lang),
            marker={"symbol": "star", "size": 20, "color": "#CC79A7", "line": {"color": TEXT, "width": 1}},
            text=[fmt.number(rep.target.value, 2 if is_score else 0, lang)],
            textposition="top center",
            textfont={"size": 15, "color": TEXT},
            cliponaxis=False,  # the value over the star, at the plot's right end, was cut there on a phone ("65,0")
            hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(
        tickmode="array", tickvals=years, range=[first_year - 0.5, last_year + 0.5], showgrid=False, linecolor=MUTED
    )
    top = 100 if is_score else max([rep.target.value, *rep.series_values]) * 1.15
    fig.update_yaxes(
        title=t("axis_score", lang) if is_score else t("metric_innovation_count", lang),
        range=[0, top],
        gridcolor="#E8E8E8",
    )
    title = t("tg_chart_title", lang, name=rep.region["display_name"], year=rep.target.year)
    if p is not None and p.projection and p.first_year != p.latest_year:
        subtitle = t("tg_chart_subtitle_window", lang, t0=p.first_year, t=p.latest_year)
    elif p is None or p.status in ("missed", "insufficient_data"):  # no path and no projection drawn: none named
        subtitle = t("tg_chart_subtitle_plain", lang, year=rep.target.year)
    else:
        subtitle = t("tg_chart_subtitle", lang)
    frame(fig, title, subtitle, source, rep.has_sample, lang)
    fig.update_layout(height=height)
    return fig
