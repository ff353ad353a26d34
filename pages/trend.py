"""Tren: one region over time — score on the bands with its events and target, national context, movers."""

import streamlit as st

from iid import explore, fmt, ui
from iid.i18n import t

lang, published_only = ui.common_controls()
code = ui.region_picker(lang)
path = ui.db_path()
regs = ui.regions_by_code(path)
reg = regs.loc[code]
if ui.is_present():
    tr = ui.story_screen(path, code, "trend", lang, published_only)
    ui.projector(tr.headline, tr.figure, lang, "trend")
st.title(t("trend_page_title", lang, name=reg["display_name"]))
comp = ui.comparison(path, (code,), published_only, lang)
if comp.has_sample:
    ui.sample_notice(lang)

series = comp.series
last_year = int(series["year"].max()) if not series.empty else None
main_fig = ui.figure(path, "trend_main", code, published_only, lang)
ui.chart_panel(main_fig, comp.sources, reg["display_name"], "tren", last_year, lang, key="trend_main")


def rest() -> None:
    """Below the main chart: the summary, the rank, where the region sits among its kind, who moved."""
    with st.container(border=True):  # under the chart it reads: above it, it pushed the chart below a laptop's fold
        st.header(t("trend_summary", lang))
        sentences = explore.summary(series, reg["kind"], lang, ui.bands(path), comp.coverage_years)
        if sentences:  # one list, one element
            st.markdown("\n".join(f"- {fmt.md_escape(sentence)}" for sentence in sentences))

    # full width: a rank chart in half a column leaves its plot a few pixels wide beside the legend
    if explore.has_ranks(series):
        rank_fig = ui.figure(path, "trend_rank", code, published_only, lang)
        ui.chart_panel(rank_fig, comp.sources, reg["display_name"], "tren-peringkat", last_year, lang, key="trend_rank")
        st.caption(t("rank_note", lang))
    else:
        st.info(t("no_ranks", lang))
    changes = explore.yearly_changes(series, lang)
    if changes:
        ui.plain_table(changes, right=(t("table_score", lang), t("axis_change", lang)))

    dist = ui.figure(path, "trend_distribution", code, published_only, lang)
    if dist is not None:
        ui.chart_panel(dist, comp.sources, reg["display_name"], "tren-sebaran", last_year, lang, key="trend_dist")
    else:
        st.info(t("dist_none", lang, kinds=t(f"kind_plural_{reg['kind']}", lang)))
    movers = ui.figure(path, "trend_movers", code, published_only, lang)
    if movers is not None:
        ui.chart_panel(movers, comp.sources, reg["display_name"], "tren-penggerak", last_year, lang, key="trend_movers")


ui.after_first_chart(rest, lang)
