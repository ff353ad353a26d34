"""Bandingkan: 1–10 regions side by side — latest standing, over time, indicators, map, table."""

import streamlit as st

from iid import charts, explore, fmt, ui
from iid.i18n import t

lang, published_only = ui.common_controls()
path = ui.db_path()
st.title(t("cmp_title", lang))
st.caption(t("cmp_caption", lang))
codes = ui.regions_picker(lang)
if not codes:
    st.info(t("pick_one", lang))
    st.stop()

regs = ui.regions(path).set_index("code")
first = codes[0]
kind_label = t(f"kind_plural_{regs.loc[first, 'kind']}", lang)
with st.container(horizontal=True):
    st.caption(t("cmp_quick", lang, name=regs.loc[first, "display_name"]))
    for how, label in (
        ("kind", t("peer_kind", lang, kind=kind_label)),
        ("province", t("peer_province", lang)),
        ("predicate", t("peer_predicate", lang)),
        ("top10", t("peer_top10", lang)),
    ):
        st.button(
            label,
            key=f"peer_{how}",
            on_click=ui.set_regions,
            args=(ui.peers(path, first, how, published_only),),
            type="tertiary",
            icon=":material/group_add:",
        )

comp = ui.comparison(path, tuple(codes), published_only, lang)
if comp.has_sample:
    ui.sample_notice(lang)
bands = ui.bands(path)
tabs = st.tabs(
    [t("tab_latest", lang), t("tab_time", lang), t("tab_indicators", lang), t("tab_map", lang), t("tab_table", lang)],
    key="tab",
    bind="query-params",
)

if tabs[0].open:
    with tabs[0]:
        year_bands = bands.get(comp.year, [])
        st.plotly_chart(
            charts.latest_bars(comp.latest, comp.standings, year_bands, comp.year, comp.sources, lang),
            width="stretch",
            key="cmp_latest",
        )
        rows = []
        for code in codes:
            s = comp.standings.get(code)
            if s and s.score is not None:
                rows.append(
                    {
                        t("region", lang): regs.loc[code, "display_name"],
                        t("table_score", lang): fmt.score(s.score, lang),
                        (
                            "Peringkat nasional" if lang == "id" else "National rank"
                        ): f"{s.rank_national} / {s.of_national}",
                        ("Persentil" if lang == "id" else "Percentile"): fmt.percent(s.percentile_national, 0, lang),
                        (
                            "Peringkat di provinsi" if lang == "id" else "Rank in province"
                        ): f"{s.rank_province} / {s.of_province}",
                    }
                )
        st.dataframe(rows, hide_index=True, width="stretch")
        st.caption(t("rank_note", lang))

if tabs[1].open:
    with tabs[1]:
        c1, c2 = st.columns([1, 2])
        mode = ui.url_choice(
            t("show_rank", lang),
            ["score", "rank"],
            "score",
            "mode",
            lambda m: t("show_score", lang) if m == "score" else t("show_rank_opt", lang),
            c1,
        )
        years = sorted(comp.series["year"].unique().tolist())
        lo, hi = (years[0], years[-1]) if len(years) > 1 else (years[0], years[0] + 1) if years else (2021, 2025)
        span = c2.slider(
            t("years_range", lang), min_value=lo, max_value=hi, value=(lo, hi), key="yr", bind="query-params"
        )
        shown = comp.series[(comp.series["year"] >= span[0]) & (comp.series["year"] <= span[1])]
        if mode == "rank":
            st.plotly_chart(charts.rank_lines(shown, comp.sources, lang), width="stretch", key="cmp_rank")
            st.caption(t("rank_note", lang))
        else:
            fig = charts.trend(shown, bands, comp.sources, lang, title=t("tab_time", lang) + f" · {span[0]}–{span[1]}")
            refs = comp.refs[(comp.refs["year"] >= span[0]) & (comp.refs["year"] <= span[1])]
            charts.add_reference_lines(fig, refs, comp.ref_names)
            st.plotly_chart(fig, width="stretch", key="cmp_time")

if tabs[2].open:
    with tabs[2]:
        matrix = ui.indicator_matrix(path, tuple(codes))
        if matrix.empty:
            st.info(t("no_indicators", lang))
        else:
            matrix = matrix.assign(display_name=matrix["region_code"].map(regs["display_name"]))
            order = explore.indicator_order(matrix)
            names = dict(zip(matrix["code"], matrix["name"] if lang == "id" else matrix["name_en"], strict=False))
            st.plotly_chart(charts.indicator_heatmap(matrix, order, names, lang), width="stretch", key="cmp_heat")
            for code in codes:
                weak = explore.weakest(matrix, code)
                if not weak.empty:
                    items = ", ".join(
                        f"{names[r.code]} (−{fmt.number(r.loss, 2, lang)})" for r in weak.itertuples(index=False)
                    )
                    st.markdown(
                        "- "
                        + fmt.md_escape(t("weakest_sentence", lang, name=regs.loc[code, "display_name"], items=items))
                    )

if tabs[3].open:
    with tabs[3]:
        c1, c2 = st.columns(2)
        all_years = list(range(2021, comp.year + 1))
        map_year = c1.selectbox(t("map_year", lang), all_years, index=len(all_years) - 1, key="my", bind="query-params")
        colour_by = ui.url_choice(
            t("map_colour", lang),
            ["score", "predicate"],
            "score",
            "mc",
            lambda m: t("show_score", lang) if m == "score" else t("predicate", lang),
            c2,
        )
        provs = ui.provinces_year(path, map_year, published_only)
        event = st.plotly_chart(
            charts.tile_map(provs, map_year, colour_by, comp.sources, lang, selected=codes),
            width="stretch",
            key="cmp_map",
            on_select="rerun",
            selection_mode="points",
        )
        picked = [p.get("customdata") for p in (event.selection.points if event and event.selection else [])]
        picked = [c for c in picked if isinstance(c, str) and c not in codes]
        if picked:
            ui.set_regions((codes + picked)[:10])
            st.rerun()
        st.selectbox(
            t("map_add", lang),
            [None, *[c for c in provs["region_code"] if c not in codes]],
            key="map_add",
            format_func=lambda c: "–" if c is None else regs.loc[c, "display_name"],
            on_change=ui.add_region_from,
            args=("map_add", codes),
        )
        st.subheader(t("ranking_kind", lang))
        rk_kind = ui.url_choice(
            t("show_rank", lang),
            ["provinsi", "kota", "kabupaten"],
            "provinsi",
            "rk",
            lambda k: t(f"kind_plural_{k}", lang),
        )
        rk = ui.ranking(path, rk_kind, map_year, published_only)
        rt = explore.ranking_table(rk, lang)
        st.dataframe(fmt.frame_numbers(rt, {rt.columns[2]: 2}, lang), hide_index=True, width="stretch", height=420)
        st.caption(t("rank_note", lang))

if tabs[4].open:
    with tabs[4]:
        tbl = explore.table(comp, lang)
        st.dataframe(fmt.frame_numbers(tbl, {tbl.columns[3]: 2}, lang), hide_index=True, width="stretch")
        st.download_button(
            t("download_csv", lang),
            tbl.to_csv(index=False).encode("utf-8-sig"),
            file_name=f"IID_bandingkan_{'-'.join(codes)}_{comp.year}.csv",
            mime="text/csv",
            icon=":material/download:",
        )
