"""Tren: one region over time — score on the bands with its events and target, national context, movers."""

import streamlit as st

from iid import charts, explore, fmt, ui
from iid.i18n import t

lang, published_only = ui.common_controls()
code = ui.region_picker(lang)
path = ui.db_path()
regs = ui.regions(path).set_index("code")
reg = regs.loc[code]
st.title(t("trend_page_title", lang, name=reg["display_name"]))
comp = ui.comparison(path, (code,), published_only, lang)
data = ui.overview(path, code, published_only)
if comp.has_sample:
    ui.sample_notice(lang)

series = comp.series
with st.container(border=True):
    st.subheader(t("trend_summary", lang))
    for sentence in explore.summary(series, reg["kind"], lang):
        st.markdown(f"- {fmt.md_escape(sentence)}")

bands = ui.bands(path)
fig = charts.trend(series, bands, comp.sources, lang, height=480)
years = sorted(series["year"].unique().tolist())
charts.add_events(fig, data.events, years, lang)
iid_targets = data.targets[data.targets["metric"] == "iid_score"]
for tg in iid_targets.itertuples(index=False):
    charts.add_target_line(
        fig,
        float(tg.value),
        int(tg.target_year),
        f"{t('tg_target', lang)} {fmt.score(tg.value, lang)} ({tg.target_year})",
    )
charts.add_reference_lines(fig, comp.refs, comp.ref_names)
st.plotly_chart(fig, width="stretch", key="trend_main")

c1, c2 = st.columns(2)
with c1:
    st.plotly_chart(charts.rank_lines(series, comp.sources, lang, height=400), width="stretch", key="trend_rank")
    st.caption(t("rank_note", lang))
with c2:
    yoy = series.sort_values("year")[["year", "score"]].dropna()
    yoy["change"] = yoy["score"].diff()
    st.dataframe(
        [
            {
                t("table_year", lang): int(r.year),
                t("table_score", lang): fmt.score(r.score, lang),
                t("axis_change", lang): fmt.signed(r.change, 2, lang) if r.change == r.change else "–",
            }
            for r in yoy.itertuples(index=False)
        ],
        hide_index=True,
        width="stretch",
    )

all_kind = ui.kind_year(path, reg["kind"], published_only)
kinds = t(f"kind_plural_{reg['kind']}", lang)
dist = charts.distribution(all_kind, series[series["score"].notna()], comp.sources, lang)
dist.update_layout(title_text=t("dist_title", lang, kind=kinds))
st.plotly_chart(dist, width="stretch", key="trend_dist")
if all_kind["year"].nunique() >= 2:
    up, down = explore.movers(all_kind, int(all_kind["year"].max()))
    st.plotly_chart(
        charts.movers_bars(up, down, int(all_kind["year"].max()), comp.sources, lang),
        width="stretch",
        key="trend_movers",
    )
