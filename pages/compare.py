"""Bandingkan: 1–10 regions side by side — latest standing, over time, indicators, map, table."""

import streamlit as st

from iid import explore, fmt, ui
from iid.i18n import t

lang, published_only = ui.common_controls()
path = ui.db_path()
st.title(t("cmp_title", lang))
st.caption(t("cmp_caption", lang))
codes = ui.regions_picker(lang)
if not codes:
    st.info(t("pick_one", lang))
    st.stop()

regs = ui.regions_by_code(path)
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
if ui.is_present():
    ui.projector(
        explore.compare_headline(comp, lang),
        ui.figure(path, "compare_latest", tuple(codes), published_only, lang),
        lang,
        "compare",
    )
if comp.has_sample:
    ui.sample_notice(lang)
if comp.has_own:
    ui.own_notice(lang)
tabs = ui.tabs(["tab_latest", "tab_time", "tab_indicators", "tab_map", "tab_table"], "tab", lang)

if tabs[0].open:
    with tabs[0]:
        if explore.has_latest_scores(comp):
            latest_fig = ui.figure(path, "compare_latest", tuple(codes), published_only, lang)  # fetched once
            view_name = ", ".join(regs.loc[c, "short_name"] for c in codes[:3]) + (" dkk" if len(codes) > 3 else "")
            ui.chart_panel(latest_fig, comp.sources, view_name, "bandingkan", comp.year, lang, key="cmp_latest")
        else:
            st.info(t("cmp_no_scores", lang, year=comp.year))
        rows = explore.standings_table(comp, lang)
        if rows:
            ui.plain_table(rows, right=(t("table_score", lang),))
        for note in explore.coverage_notes(comp, lang):
            st.caption(fmt.md_escape(note))
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
        if mode == "rank":
            rank_fig = ui.figure(path, "compare_time", tuple(codes), published_only, lang, tuple(span), "rank")
            ui.chart_panel(rank_fig, comp.sources, "bandingkan", "bandingkan-peringkat", span[1], lang, key="cmp_rank")
            st.caption(t("rank_note", lang))
        else:
            fig = ui.figure(path, "compare_time", tuple(codes), published_only, lang, tuple(span), "score")
            ui.chart_panel(fig, comp.sources, "bandingkan", "bandingkan-waktu", span[1], lang, key="cmp_time")

if tabs[2].open:
    with tabs[2]:
        matrix = ui.indicator_matrix(path, tuple(codes))
        if matrix.empty:
            st.info(t("no_indicators", lang))
        else:
            heat = ui.figure(path, "compare_heatmap", tuple(codes), lang)
            ui.chart_panel(heat, None, "bandingkan", "indikator", comp.year, lang, key="cmp_heat")
            for sentence in explore.weakest_sentences(matrix, codes, regs["display_name"].to_dict(), lang):
                st.markdown("- " + fmt.md_escape(sentence))

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
        event = ui.chart_panel(
            ui.figure(path, "compare_map", tuple(codes), int(map_year), colour_by, published_only, lang),
            comp.sources,
            "bandingkan",
            "peta",
            int(map_year),
            lang,
            key="cmp_map",
            on_select="rerun",
            selection_mode="points",
        )
        ui.narrow_note(t("map_narrow", lang))  # a phone hides the map (ui.SCREEN_CSS): the ranking below replaces it
        picked = [p.get("customdata") for p in (event.selection.points if event and event.selection else [])]
        picked = [c[0] if isinstance(c, list | tuple) and c else c for c in picked]  # a tile's [code, score]
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
        st.header(t("ranking_kind", lang))
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
        ui.table_downloads(
            tbl,
            comp.sources,
            "-".join(regs.loc[c, "short_name"] for c in codes[:4]),
            "bandingkan",
            comp.year,
            lang,
            key="cmp_table",
            decimals={tbl.columns[3]: 2},
        )
