"""Target: progress toward a stored or typed target, what-if by indicator, goal seek, saved scenarios."""

import pandas as pd
import streamlit as st

from iid import fmt, scenarios, ui, whatif
from iid.i18n import predicate_label, t
from iid.rules import predicate_for
from iid.target_text import explain, predicate_sentence, projection_sentence, reached_sentence, status_label

lang, published_only = ui.common_controls()
code = ui.region_picker(lang)
path = ui.db_path()
region = ui.regions(path).set_index("code").loc[code]
st.title(t("tg_title", lang, name=region["display_name"]))
st.caption(t("tg_caption", lang))

# ---- which target: stored ones for the region, or typed on the spot; all of it in the URL ----
stored = ui.targets(path, code)
options = stored["target_id"].tolist() + ["custom"]
labels = {
    r.target_id: f"{r.plan_document} ({'≥' if r.comparator == '>=' else '>'} {fmt.number(r.value, 2 if r.metric == 'iid_score' else 0, lang)}, {r.target_year})"
    for r in stored.itertuples(index=False)
} | {"custom": t("tg_custom", lang)}
choice, _ = ui.url_value("t", options, options[0], "t_widget")
if st.session_state.get("_t_prev") not in (None, choice):
    ui.forget_url("v", "ty", "g")
chosen = stored[stored["target_id"] == choice]
row = chosen.iloc[0] if not chosen.empty else None
metric = row["metric"] if row is not None else "iid_score"
default_v = float(row["value"]) if row is not None else 65.0
default_y = int(row["target_year"]) if row is not None else 2029
comparator = row["comparator"] if row is not None else ">="
named = row["predicate_named"] if row is not None and isinstance(row["predicate_named"], str) else None
top = 100.0 if metric == "iid_score" else 100000.0

c0, c1, c2, c3 = st.columns([3, 1.2, 1.2, 1.6])
choice = c0.selectbox(t("tg_choose", lang), options, key="t_widget", format_func=labels.get)
st.session_state["_t_prev"] = choice
if stored.empty:
    c0.caption(t("tg_no_stored", lang))
ui.write_url("t", choice, options[0])
ui.url_value("v", lambda x: 0 <= x <= top, default_v, "v_widget", parse=float)
ui.url_value("ty", lambda x: 2021 <= x <= 2045, default_y, "ty_widget", parse=int)
ui.url_value("g", lambda x: -20 <= x <= 20, None, "g_widget", parse=float)
value = c1.number_input(t("tg_value", lang), min_value=0.0, max_value=top, step=0.5, key="v_widget", format="%.2f")
year = int(c2.number_input(t("tg_year", lang), min_value=2021, max_value=2045, step=1, key="ty_widget"))
gain = c3.number_input(
    t("tg_gain", lang), min_value=-20.0, max_value=20.0, step=0.25, key="g_widget", value=None, format="%.2f"
)
ui.write_url("v", value, default_v)
ui.write_url("ty", year, default_y)
ui.write_url("g", gain, None)

rep = ui.target_report(path, code, float(value), year, comparator, metric, gain, published_only, named)
if rep.has_sample:
    ui.sample_notice(lang)
p = rep.progress
if rep.error or p is None:
    st.error(explain(rep, lang))
else:
    decimals = 2 if metric == "iid_score" else 0
    m = st.columns(4)
    m[0].metric(t("tg_latest", lang, year=p.latest_year), fmt.number(p.latest_value, decimals, lang))
    m[1].metric(t("tg_gap", lang), fmt.number(max(p.gap, 0), decimals, lang))
    m[2].metric(
        t("tg_required_gain", lang), fmt.number(p.required_gain, 2, lang) if p.required_gain is not None else "–"
    )
    m[3].metric(
        t("tg_trend", lang),
        fmt.signed(p.slope, 2, lang) if p.slope is not None else "–",
        help=", ".join(map(str, p.years_used)),
    )
    box = {
        "achieved": st.success,
        "on_track": st.success,
        "moderate": st.info,
        "stagnating": st.warning,
        "decreasing": st.error,
        "insufficient_data": st.info,
    }[p.status]
    box(f"**{t('tg_status', lang)}: {status_label(rep, lang)}** — {explain(rep, lang)}")
    st.caption(t("tg_method", lang, m=p.method) + " · " + t("indicative", lang))
    sentence = predicate_sentence(rep, lang)
    if sentence:
        (st.warning if rep.predicate_named and rep.target_predicate != rep.predicate_named else st.caption)(sentence)
    fig = ui.figure(
        path,
        "target",
        code,
        float(value),
        year,
        comparator,
        metric,
        gain,
        published_only,
        named,
        row["source_id"] if row is not None else None,
        lang,
    )
    if ui.is_present():
        ui.projector(f"{t('tg_status', lang)}: {status_label(rep, lang)} — {explain(rep, lang)}", fig, lang, "target")
    st.plotly_chart(fig, width="stretch", key="target_chart")
    ui.chart_downloads(fig, region["display_name"], "target", year, lang, key="target")
    for s in (projection_sentence(rep, lang), reached_sentence(rep, lang)):
        if s:
            st.markdown(f"- {fmt.md_escape(s)}")

# ---- what-if by indicator ----
if metric == "iid_score":
    st.header(t("wi_title", lang))
    base = ui.latest_profile(path, code, published_only)
    if base is None:
        st.info(t("wi_unavailable", lang))
    else:
        rules = ui.rule_years(path)
        rule_options = sorted(rules)
        ui.url_value("ry", rule_options, base["year"], "ry_widget", parse=int)
        a, b, c = st.columns(3)
        rule_year = a.selectbox(t("wi_rule_year", lang), rule_options, key="ry_widget")
        ui.write_url("ry", rule_year, base["year"])
        rule = rules[rule_year]
        inds = ui.indicators(path, rule_year)
        n = int(
            b.number_input(t("wi_n", lang), 0, 500, value=base["profile"].n_innovations, step=1, key=f"wi_n_{code}")
        )
        bs = int(
            c.number_input(t("wi_bs", lang), 0, 6, value=base["profile"].basic_services, step=1, key=f"wi_bs_{code}")
        )
        st.caption(
            t(
                "wi_caption",
                lang,
                year=base["year"],
                rule=rule_year,
                k=rule.k_min,
                cap=rule.count_cap,
                factor=fmt.number(rule.count_factor, 2, lang),
                req=rule.basic_services_required,
            )
            + (f" · {t('sample_badge', lang)}" if base["is_sample"] else "")
        )
        seed = st.session_state.get(f"_wi_seed_{code}")  # levels of a reopened scenario
        gen = st.session_state.get("_wi_gen", 0)
        first = whatif.apply(base["profile"], seed) if seed else base["profile"]
        table = pd.DataFrame(whatif.indicator_table(first, rule, inds, lang))
        edited = st.data_editor(
            table,
            key=f"wi_editor_{code}_{rule_year}_{gen}",
            hide_index=True,
            width="stretch",
            height=360,
            disabled=["code", "aspek", "indikator", "bobot", "poin", "maks"],
            column_config={
                "code": None,
                "level": st.column_config.NumberColumn(
                    "Level (0–3)", min_value=0.0, max_value=3.0, step=0.5, format="%.2f"
                ),
                "bobot": st.column_config.NumberColumn("Bobot" if lang == "id" else "Weight", format="%d"),
                "poin": st.column_config.NumberColumn("Poin IID" if lang == "id" else "IID points", format="%.2f"),
                "maks": st.column_config.NumberColumn("Maks." if lang == "id" else "Max.", format="%.2f"),
                "aspek": st.column_config.TextColumn("Aspek" if lang == "id" else "Aspect"),
                "indikator": st.column_config.TextColumn("Indikator" if lang == "id" else "Indicator"),
            },
        )
        levels = dict(zip(edited["code"], edited["level"].astype(float), strict=True))
        current = whatif.apply(base["profile"], levels, n=n, basic_services=bs)
        from iid.rules import compute

        start = compute(base["profile"], rule, inds)
        now = compute(current, rule, inds)
        band_year = rule_year if rule_year in ui.bands(path) else rep.band_year
        r1, r2, r3 = st.columns(3)
        r1.metric(t("wi_start", lang), fmt.score(start.score, lang))
        r2.metric(
            t("wi_result", lang), fmt.score(now.score, lang), delta=fmt.metric_delta(now.score - start.score, 2, lang)
        )
        r3.metric(
            t("predicate", lang) + f" ({band_year})",
            predicate_label(predicate_for(round(now.exact, 2), ui.bands(path).get(band_year, [])), lang),
        )

        st.subheader(t("gs_title", lang))
        st.caption(t("gs_caption", lang))
        names = {i.code: (i.name if lang == "id" or not i.name_en else i.name_en) for i in inds}
        names |= {whatif.INNOVATIONS: t("wi_n", lang), whatif.SERVICES: t("wi_bs", lang)}
        seek = whatif.goal_seek(current, rule, inds, rep.target.threshold, names)
        if seek.reason == "already_met":
            st.success(t("gs_already", lang))
        elif not seek.reachable:
            st.error(
                t(
                    "gs_impossible",
                    lang,
                    target=fmt.score(rep.target.threshold, lang),
                    rule=rule_year,
                    max=fmt.score(whatif.max_score(current, rule, inds), lang),
                )
            )
        else:
            st.success(
                t(
                    "gs_reached",
                    lang,
                    target=fmt.score(rep.target.threshold, lang),
                    steps=seek.effort,
                    score=fmt.score(seek.end_score, lang),
                )
            )
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("gs_col_lever", lang): s.name,
                            t("gs_col_from", lang): fmt.number(s.before, 2, lang),
                            t("gs_col_to", lang): fmt.number(s.after, 2, lang),
                            t("gs_col_points", lang): fmt.signed(s.points, 2, lang),
                        }
                        for s in seek.steps
                    ]
                ),
                hide_index=True,
                width="stretch",
            )

        # ---- scenarios ----
        st.subheader(t("sc_title", lang))
        db = ui.db()
        with st.form("save_scenario", clear_on_submit=True):
            f1, f2 = st.columns(2)
            name = f1.text_input(t("sc_name", lang), max_chars=200)
            author = f2.text_input(t("sc_author", lang), max_chars=200)
            if st.form_submit_button(t("sc_save", lang), icon=":material/save:"):
                if not name.strip():
                    st.error(t("sc_name_required", lang))
                else:
                    payload = {
                        "target": {
                            "value": value,
                            "year": year,
                            "comparator": comparator,
                            "metric": metric,
                            "choice": choice,
                        },
                        "gain": gain,
                        "rule_year": rule_year,
                        "n": n,
                        "basic_services": bs,
                        "levels": levels,
                        "score": now.score,
                    }
                    scenarios.save(db, name, code, author, payload)
                    st.success(t("sc_saved", lang, name=name.strip()))
        saved = scenarios.list_for(db, code)
        if saved.empty:
            st.caption(t("sc_none", lang))
        else:
            for rec in saved.itertuples(index=False):
                s1, s2, s3 = st.columns([6, 1, 1])
                s1.markdown(
                    f"**{fmt.md_escape(rec.name)}** · {fmt.md_escape(rec.author or '–')} · "
                    f"{rec.created_at:%Y-%m-%d %H:%M} · {t('wi_result', lang)} {fmt.score(rec.payload.get('score'), lang)}"
                )
                if s2.button(t("sc_open", lang), key=f"open_{rec.scenario_id}"):
                    pl = rec.payload
                    st.session_state["v_widget"] = float(pl["target"]["value"])
                    st.session_state["ty_widget"] = int(pl["target"]["year"])
                    st.session_state["g_widget"] = pl.get("gain")
                    st.session_state["ry_widget"] = int(pl["rule_year"])
                    st.session_state[f"wi_n_{code}"] = int(pl["n"])
                    st.session_state[f"wi_bs_{code}"] = int(pl["basic_services"])
                    st.session_state[f"_wi_seed_{code}"] = pl["levels"]
                    st.session_state["_wi_gen"] = gen + 1
                    st.rerun()
                if s3.button(t("sc_delete", lang), key=f"del_{rec.scenario_id}"):
                    scenarios.delete(db, int(rec.scenario_id))
                    st.rerun()
            pick = st.multiselect(
                t("sc_compare", lang),
                saved["scenario_id"].tolist(),
                max_selections=3,
                format_func=lambda i: saved.set_index("scenario_id").loc[i, "name"],
                key="sc_compare",
            )
            if pick:
                profs = {t("sc_current", lang): current}
                for sid in pick:
                    pl = saved.set_index("scenario_id").loc[sid, "payload"]
                    profs[saved.set_index("scenario_id").loc[sid, "name"]] = whatif.apply(
                        base["profile"], pl["levels"], n=pl["n"], basic_services=pl["basic_services"]
                    )
                st.dataframe(pd.DataFrame(whatif.compare(profs, rule, inds)), hide_index=True, width="stretch")
