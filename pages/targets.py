"""Target: progress toward a stored or typed target, what-if by indicator, goal seek, saved scenarios."""

import pandas as pd
import streamlit as st

from iid import display, fmt, scenarios, ui, whatif
from iid.auth import Forbidden
from iid.i18n import predicate_label, t
from iid.rules import compute, predicate_for, rule_year_for
from iid.story import target_headline
from iid.target_text import (
    explain,
    method_label,
    predicate_sentence,
    projection_sentence,
    rate_decimals,
    reached_sentence,
    status_label,
    trend_label,
    value_decimals,
)
from iid.values import py, record, records, text


def open_scenario(name: str, payload: dict, code: str, profile_year: int, choices: list, rule_years: list) -> None:
    """Callback of "Buka": runs before the next script run, so every widget is set before it is drawn.

    The target, year, gain and rule year go into the URL (the page's truth, so the link reopens the scenario);
    the innovation count, affairs and levels into the what-if's own state; the editor is drawn afresh.
    """
    r = scenarios.restore(payload, choices, rule_years)
    url, state = st.query_params, st.session_state
    url["t"], state["t_widget"], state["_t_prev"] = r.choice, r.choice, r.choice
    if r.value is not None:
        url["v"], state["_v_value"] = str(r.value), r.value
    if r.year is not None:
        url["ty"], state["ty_widget"] = str(r.year), r.year
    if r.gain is None:
        url.pop("g", None)
    else:
        url["g"] = str(r.gain)
    state["_g_value"] = r.gain
    if r.rule_year is not None:
        url["ry"], state["ry_widget"] = str(r.rule_year), r.rule_year
    if r.n is not None:
        state[f"wi_n_{code}_{profile_year}"] = max(0, min(r.n, 500))
    if r.basic_services is not None:
        state[f"wi_bs_{code}_{profile_year}"] = max(0, min(r.basic_services, 6))
    state[f"_wi_seed_{code}"] = r.levels
    state["_wi_gen"] = state.get("_wi_gen", 0) + 1
    state["_sc_opened"] = (name, r.value, r.year, r.rule_year)
    st.rerun()  # the button is in the page's rest (ui.after_first_chart), the target it opens above it: rerun all


def reset_whatif(code: str, profile_year: int) -> None:
    """Callback: back to the region's own latest profile (drops a reopened scenario's levels)."""
    for key in (f"_wi_seed_{code}", f"wi_n_{code}_{profile_year}", f"wi_bs_{code}_{profile_year}"):
        st.session_state.pop(key, None)
    st.session_state["_wi_gen"] = st.session_state.get("_wi_gen", 0) + 1


@ui.callback  # a write: a store lost mid-write is said on the page, not a traceback
def delete_scenario(scenario_id: int, lang: str) -> None:
    try:
        scenarios.delete(ui.db(), scenario_id, actor=ui.actor())
    except Forbidden as exc:
        st.session_state["_sc_error"] = exc.text(lang)
        return
    picked = st.session_state.get("sc_compare") or []
    st.session_state["sc_compare"] = [i for i in picked if i != scenario_id]


def save_on_next_run() -> None:
    """Callback of "Simpan skenario": the save happens in a run of the whole page. The form is in the page's rest (a
    fragment, ui.after_first_chart); a target typed above it and not yet confirmed reaches the server with the same
    click, and a run of the rest alone would save the target from before it."""
    st.session_state["_sc_save"] = st.session_state.get("sc_name", "")
    st.rerun()


def first_page() -> None:
    st.session_state["sc_page"] = 1


lang, published_only = ui.common_controls()
code = ui.region_picker(lang)
path = ui.db_path()
region = ui.regions_by_code(path).loc[code]
st.title(t("tg_title", lang, name=region["display_name"]))
st.caption(t("tg_caption", lang))

# ---- which target: stored ones for the region, or typed on the spot; all of it in the URL ----
stored = ui.targets(path, code)
options = stored["target_id"].tolist() + ["custom"]
labels = {
    # the region's name is the page's title: the plan's title without it fits the picker at 1280 px
    r["target_id"]: f"{fmt.without_name(text(r['plan_document'], '–'), region['display_name'])} "
    f"({'≥' if r['comparator'] == '>=' else '>'} "
    f"{fmt.number(r['value'], 2 if r['metric'] == 'iid_score' else 0, lang)}, {r['target_year']})"
    for r in records(stored)
} | {"custom": t("tg_custom", lang)}
choice, _ = ui.url_value("t", options, options[0], "t_widget")
if st.session_state.get("_t_prev") not in (None, choice):
    ui.forget_url("v", "ty", "g")
chosen = stored[stored["target_id"] == choice]
row = record(chosen.iloc[0]) if not chosen.empty else None
metric = row["metric"] if row is not None else "iid_score"
default_v = float(row["value"]) if row is not None else 65.0
default_y = int(row["target_year"]) if row is not None else 2029
comparator = row["comparator"] if row is not None else ">="
named = row["predicate_named"] if row is not None else None
top = 100.0 if metric == "iid_score" else 100000.0

c0, c1, c2, c3 = st.columns([3, 1.2, 1.2, 1.6])
choice = c0.selectbox(t("tg_choose", lang), options, key="t_widget", format_func=labels.get)
st.session_state["_t_prev"] = choice
if stored.empty:
    c0.caption(t("tg_no_stored", lang))
ui.write_url("t", choice, options[0])
ui.url_value("ty", lambda x: 2021 <= x <= 2045, default_y, "ty_widget", parse=int)
# decimals typed as the reader writes them (65,00): ui.decimal_input keeps ?v= and ?g= in the URL
big = metric != "iid_score"  # counts of innovations or proposals can reach 1.000
value = ui.decimal_input(
    c1, t("tg_value", lang), "v", default_v, 0.0, top, lang, decimals=0 if big else 2, thousands_dot=big
)
year = int(c2.number_input(t("tg_year", lang), min_value=2021, max_value=2045, step=1, key="ty_widget"))
gain = ui.decimal_input(c3, t("tg_gain", lang), "g", None, -20.0, 20.0, lang, decimals=2)
ui.write_url("ty", year, default_y)

rep = ui.target_report(path, code, float(value), year, comparator, metric, gain, published_only, named)
if rep.has_sample:
    ui.sample_notice(lang)
p = rep.progress
chart_drawn = not (rep.error or p is None)  # the rest below waits for this chart in a fresh browser
if not chart_drawn:
    st.error(explain(rep, lang))
else:
    decimals, rate = value_decimals(rep), rate_decimals(rep)
    first_value = dict(zip(rep.series_years, rep.series_values, strict=True)).get(p.first_year)
    m = st.columns(4)
    m[0].metric(t("tg_latest", lang, year=p.latest_year), fmt.number(p.latest_value, decimals, lang))
    m[1].metric(t("tg_gap", lang), fmt.number(max(p.gap, 0), decimals, lang))
    m[2].metric(
        t("tg_required_window", lang, t=p.latest_year, ty=year),
        fmt.number(p.required_gain, rate, lang) if p.required_gain is not None else "–",
        help=t(
            "tg_required_help",
            lang,
            t=p.latest_year,
            ty=year,
            target=fmt.number(rep.target.threshold, decimals, lang),
            latest=fmt.number(p.latest_value, decimals, lang),
            n=p.years_left,
        ),
    )
    m[3].metric(
        trend_label(rep, lang),
        fmt.signed(p.trend, rate, lang) if p.trend is not None else "–",
        help=t(
            "tg_trend_help",
            lang,
            t0=p.first_year,
            t=p.latest_year,
            first=fmt.number(first_value, decimals, lang),
            latest=fmt.number(p.latest_value, decimals, lang),
            n=p.latest_year - p.first_year,
        )
        if p.trend is not None
        else t("tg_trend_none", lang),
    )
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
    if ui.is_present():  # two lines at most on the projector: the target, its status and the pace it needs
        ui.projector(target_headline(rep, lang), fig, lang, "target")
    target_sources = ui.overview(path, code, published_only).sources
    # the chart right under the figures, above the fold at 1280×720; the words under it come with the rest
    ui.chart_panel(fig, target_sources, region["display_name"], "target", year, lang, key="target_chart")


def words() -> None:
    """Under the chart: the status and what it rests on, the method, the predicate the target reaches, where the
    trend leads. Drawn with the rest (ui.after_first_chart): in a fresh browser they came before the chart was
    drawn, and drawing them took the browser about 0,1 s of its first chart (bench/run.py, Target's first chart)."""
    box = {
        "achieved": st.success,
        "on_track": st.success,
        "moderate": st.info,
        "stagnating": st.warning,
        "decreasing": st.error,
        "insufficient_data": st.info,
        "missed": st.error,
    }[p.status]
    box(f"**{t('tg_status', lang)}: {status_label(rep, lang)}** — {explain(rep, lang)}")
    if metric == "iid_score" and p.status in ("achieved", "on_track", "moderate"):
        # the status follows the score's trend; the target year's rules may score the same work lower
        effect = ui.rule_change_effect(path, code, published_only, year)
        if effect is not None and effect[2] <= -0.005:
            st.warning(
                t("tg_rule_caveat", lang, rule=effect[1], year=effect[0], delta=fmt.signed(effect[2], 2, lang)),
                icon=":material/rule:",
            )
    st.caption(t("tg_method", lang, m=method_label(p.method, lang)) + " · " + t("indicative", lang))
    sentence = predicate_sentence(rep, lang)
    if sentence:
        (st.warning if rep.predicate_named and rep.target_predicate != rep.predicate_named else st.caption)(sentence)
    for s in (projection_sentence(rep, lang), reached_sentence(rep, lang)):
        if s:
            st.markdown(f"- {fmt.md_escape(s)}")


def rest() -> None:
    """Below the target chart: the what-if by indicator, the saved scenarios and their comparison.

    "Simpan skenario" (save_on_next_run) asks once: its request is taken where the scenario is saved, or dropped when
    the rest is drawn without the form. A run stopped on the way (a rerun asked meanwhile preempts it) leaves the
    request, and the words saying it was saved, to the next: taken at the top, a save was lost, with no word, in
    about one click in five."""
    if chart_drawn:
        words()
    _rest()
    st.session_state.pop("_sc_save", None)
    st.session_state.pop("_sc_saved", None)  # "tersimpan" said once, in the run that was drawn whole


def _rest() -> None:
    pending_save = st.session_state.get("_sc_save")
    # ---- what-if by indicator: the target year's rules by default, named wherever a simulated figure is shown ----
    if metric == "iid_score":
        st.header(t("wi_title", lang))
        base = ui.latest_profile(path, code, published_only)
        if base is None:
            st.info(t("wi_unavailable", lang))
        else:
            rules = ui.rule_years(path)
            rule_options = sorted(rules)
            default_ry = rule_year_for(year, rule_options)
            # the rule year follows the target year until a person picks one (then it is in the URL)
            if "ry" not in st.query_params and st.session_state.get("_ry_default") != default_ry:
                st.session_state.pop("ry_widget", None)
            st.session_state["_ry_default"] = default_ry
            ui.url_value("ry", rule_options, default_ry, "ry_widget", parse=int)
            n_key, bs_key = f"wi_n_{code}_{base['year']}", f"wi_bs_{code}_{base['year']}"
            st.session_state.setdefault(n_key, base["profile"].n_innovations)
            st.session_state.setdefault(bs_key, base["profile"].basic_services)
            a, b, c = st.columns(3)
            rule_year = a.selectbox(
                t("wi_rule_year", lang), rule_options, key="ry_widget", help=t("wi_rule_help", lang)
            )
            ui.write_url("ry", rule_year, default_ry)
            rule = rules[rule_year]
            inds = ui.indicators(path, rule_year)
            n = int(b.number_input(t("wi_n", lang), 0, 500, step=1, key=n_key))
            bs = int(c.number_input(t("wi_bs", lang), 0, 6, step=1, key=bs_key))
            if rule_year != default_ry:
                a.caption(t("wi_rule_chosen", lang, rule=rule_year, year=year, default=default_ry))
            elif default_ry != year:
                a.caption(t("wi_rule_fallback", lang, year=year, rule=default_ry))
            else:
                a.caption(t("wi_rule_default", lang, year=year))
            start = compute(base["profile"], rule, inds)
            # the same profile under its own year's rules, to show what the change of rules alone does
            own = (
                compute(base["profile"], rules[base["year"]], ui.indicators(path, base["year"]))
                if rule_year != base["year"] and base["year"] in rules
                else None
            )
            scored = t("wi_profile_scored", lang, year=base["year"], rule=rule_year, score=fmt.score(start.score, lang))
            if own is not None:
                scored += t("wi_profile_own", lang, year=base["year"], score=fmt.score(own.score, lang))
            st.markdown(f"**{fmt.md_escape(scored)}**")
            if own is not None and own.score != start.score:
                st.caption(t("wi_rule_effect", lang, delta=fmt.signed(start.score - own.score, 2, lang)))
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
            shown = whatif.indicator_table(first, rule, inds, lang)
            edited = st.data_editor(
                # numbers as text in the language's format (65,00), the editable level too ('1,27', '2'): a number
                # column writes 1.27 whatever the language; whatif.changed_levels reads it back
                fmt.rows_frame(shown, {"bobot": 0, "poin": 2, "maks": 2}, lang).assign(
                    level=[whatif.level_text(r["level"], lang) for r in shown]
                ),
                key=f"wi_editor_{code}_{rule_year}_{gen}",
                hide_index=True,
                width="stretch",
                height=360,
                disabled=["code", "aspek", "indikator", "bobot", "poin", "maks"],
                column_config={
                    "code": None,
                    "level": st.column_config.TextColumn(
                        "Level (0–3)", alignment="right", validate=whatif.LEVEL_PATTERN, help=t("wi_level_help", lang)
                    ),
                    "bobot": st.column_config.TextColumn("Bobot" if lang == "id" else "Weight", alignment="right"),
                    "poin": st.column_config.TextColumn(  # of the starting profile: the grid does not redraw as one types
                        "Poin awal" if lang == "id" else "Starting points", alignment="right"
                    ),
                    "maks": st.column_config.TextColumn("Maks." if lang == "id" else "Max.", alignment="right"),
                    "aspek": st.column_config.TextColumn("Aspek" if lang == "id" else "Aspect"),
                    "indikator": st.column_config.TextColumn("Indikator" if lang == "id" else "Indicator"),
                },
            )
            # only what a person changed: an untouched row keeps its exact level, so no edit means no change
            changes = whatif.changed_levels(shown, zip(edited["code"], edited["level"], strict=True), lang)
            if bad := whatif.invalid_levels(zip(edited["code"], edited["level"], strict=True)):
                names = {r["code"]: r["indikator"] for r in shown}
                st.warning(
                    t("wi_level_invalid", lang, cells="; ".join(f"«{text}» ({names.get(c, c)})" for c, text in bad))
                )
            current = whatif.apply(first, changes, n=n, basic_services=bs)
            now = compute(current, rule, inds)
            bands = ui.bands(path)
            band_year = rule_year if rule_year in bands else rep.band_year
            r1, r2, r3 = st.columns(3)
            r1.metric(t("wi_start_rule", lang, year=base["year"], rule=rule_year), fmt.score(start.score, lang))
            r2.metric(
                t("wi_result_rule", lang, rule=rule_year),
                fmt.score(now.score, lang),
                delta=fmt.metric_delta(now.score - start.score, 2, lang) if now.score != start.score else None,
            )
            r3.metric(
                t("wi_predicate_rule", lang, rule=rule_year, bands=band_year),
                predicate_label(predicate_for(now.exact, bands.get(band_year, [])), lang),
            )
            if band_year != rule_year:
                st.caption(t("wi_bands_fallback", lang, rule=rule_year, bands=band_year))
            if seed:
                st.button(
                    t("wi_reset", lang, year=base["year"]),
                    on_click=reset_whatif,
                    args=(code, base["year"]),
                    icon=":material/undo:",
                    type="tertiary",
                    key="wi_reset",
                )

            st.subheader(t("gs_title", lang))
            st.caption(t("gs_caption", lang))
            names = {i.code: (i.name if lang == "id" or not i.name_en else i.name_en) for i in inds}
            names |= {whatif.INNOVATIONS: t("wi_n", lang), whatif.SERVICES: t("wi_bs", lang)}
            seek = whatif.goal_seek(current, rule, inds, rep.target.threshold, names)
            if seek.reason == "already_met":
                st.success(t("gs_already_rule", lang, rule=rule_year))
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
                        "gs_reached_rule",
                        lang,
                        target=fmt.score(rep.target.threshold, lang),
                        rule=rule_year,
                        steps=seek.effort,
                        score=fmt.score(seek.end_score, lang),
                    )
                )
                st.dataframe(
                    pd.DataFrame(
                        {
                            t("gs_col_lever", lang): [s.name for s in seek.steps],
                            t("gs_col_from", lang): [
                                fmt.number(s.before, whatif.decimals(s.lever), lang) for s in seek.steps
                            ],
                            t("gs_col_to", lang): [
                                fmt.number(s.after, whatif.decimals(s.lever), lang) for s in seek.steps
                            ],
                            t("gs_col_points", lang): [fmt.signed(s.points, 2, lang) for s in seek.steps],
                        }
                    ),
                    hide_index=True,
                    width="stretch",
                )

            # ---- scenarios: one page at a time, newest first, searchable ----
            st.subheader(t("sc_title", lang))
            db = ui.db()
            opened = st.session_state.pop("_sc_opened", None)
            if opened:
                o_name, o_value, o_year, o_rule = opened
                st.success(
                    t(
                        "sc_opened",
                        lang,
                        name=o_name,
                        value=fmt.number(o_value if o_value is not None else value, 2, lang),
                        year=o_year if o_year is not None else year,
                        rule=o_rule if o_rule is not None else rule_year,
                    )
                )
            if ui.can_edit(lang, "scenario", code):  # the author is the account (or the local user), never typed
                with st.form("save_scenario", clear_on_submit=True):
                    f1, f2 = st.columns(2)
                    f1.text_input(t("sc_name", lang), max_chars=200, key="sc_name")
                    f2.caption(t("sc_author", lang, name=fmt.md_escape(ui.actor().label)))
                    st.form_submit_button(t("sc_save", lang), icon=":material/save:", on_click=save_on_next_run)
                name = pending_save  # asked for by the button, saved in this run of the whole page
                if name is not None:
                    st.session_state.pop("_sc_save", None)  # taken: saved (or refused) once
                if name is not None and not name.strip():
                    st.error(t("sc_name_required", lang))
                elif name is not None:
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
                        "profile_year": base["year"],
                        "n": n,
                        "basic_services": bs,
                        "levels": dict(current.levels),  # exact: reopening gives the same score to the last digit
                        "score": now.score,
                    }
                    try:
                        scenarios.save(db, name, code, payload, actor=ui.actor())
                    except Forbidden as exc:
                        ui.refused(exc, lang)
                    else:  # said in this run, or in the next when this one is stopped before it is drawn
                        st.session_state["_sc_saved"] = t("sc_saved", lang, name=name.strip())
                        # and for a few seconds over any run the same click brings next, which draws the rest anew
                        st.toast(st.session_state["_sc_saved"], icon=":material/save:")
                if "_sc_saved" in st.session_state:
                    st.success(st.session_state["_sc_saved"])
            listing = ui.scenario_page(
                ui.db_path(), code, st.session_state.get("sc_search", ""), st.session_state.get("sc_page", 1)
            )
            st.session_state["sc_page"] = listing.page  # clamped: a deletion may have removed the last page
            if "_sc_error" in st.session_state:  # a deletion refused in its callback
                st.error(ui.safe_md(st.session_state.pop("_sc_error")))
            q1, q2 = st.columns([3, 1])
            if listing.total or listing.query:
                q1.text_input(t("sc_search", lang), key="sc_search", on_change=first_page)
            if listing.pages > 1:
                q2.number_input(t("sc_page", lang), min_value=1, max_value=listing.pages, step=1, key="sc_page")
            if listing.total == 0:
                st.caption(t("sc_no_match", lang) if listing.query else t("sc_none", lang))
            else:
                st.caption(
                    t(
                        "sc_count_one" if listing.total == 1 else "sc_count",
                        lang,
                        total=fmt.integer(listing.total, lang),
                        page=listing.page,
                        pages=listing.pages,
                    )
                )
            who = ui.actor()
            for rec in listing.rows:
                pl = rec["payload"]
                s1, s2, s3 = st.columns([6, 1, 1])
                s1.markdown(
                    f"**{fmt.md_escape(rec['name'])}** · {fmt.md_escape(rec['author'] or '–')} · "
                    f"{rec['created_at']:%Y-%m-%d %H:%M} · "
                    + fmt.md_escape(
                        t(
                            "sc_row_result",
                            lang,
                            score=fmt.score(py(pl.get("score")), lang),
                            rule=py(pl.get("rule_year")) or "–",
                        )
                    )
                )
                s2.button(
                    t("sc_open", lang),
                    key=f"open_{rec['scenario_id']}",
                    on_click=open_scenario,
                    args=(rec["name"], pl, code, base["year"], options, rule_options),
                )
                if scenarios.can_delete(db, who, code, rec.get("created_by")):  # its region's editors, or its author
                    s3.button(
                        t("sc_delete", lang),
                        key=f"del_{rec['scenario_id']}",
                        on_click=delete_scenario,
                        args=(int(rec["scenario_id"]), lang),
                    )
            gone = ui.deleted_scenarios(path, code)  # who deleted which scenario, and when (the newest 20)
            if gone:
                with st.expander(t("sc_deleted", lang, n=fmt.integer(len(gone), lang))):
                    for r in gone:
                        st.caption(
                            t(
                                "sc_deleted_row",
                                lang,
                                name=fmt.md_escape(r["name"]),
                                author=fmt.md_escape(text(r["author"], "–")),
                                who=fmt.md_escape(r["actor_name"]),
                                when=display.when(r["changed_at"]),
                            )
                        )
            # compare: the scenarios on this page plus any picked on another page
            on_page = {int(r["scenario_id"]): {"name": r["name"], "payload": r["payload"]} for r in listing.rows}
            picked = [i for i in st.session_state.get("sc_compare") or [] if i not in on_page]
            known = on_page | scenarios.get_many(db, picked)
            st.session_state["sc_compare"] = [i for i in st.session_state.get("sc_compare") or [] if i in known]
            if known:
                pick = st.multiselect(
                    t("sc_compare", lang),
                    list(known),
                    max_selections=3,
                    format_func=lambda i: known[i]["name"],
                    key="sc_compare",
                    placeholder=t("sc_compare_placeholder", lang),
                    select_all=False,
                )
                if pick:
                    profs = {t("sc_current", lang): current}
                    for sid in pick:
                        r = scenarios.restore(known[sid]["payload"], options, rule_options)
                        profs[known[sid]["name"]] = whatif.apply(
                            base["profile"], r.levels, n=r.n, basic_services=r.basic_services
                        )
                    st.caption(t("sc_compare_rule", lang, rule=rule_year))
                    compared = fmt.rows_frame(
                        whatif.compare(profs, rule, inds), {"score": 2, "spd": 2, "sid": 2, "count": 2}, lang
                    )
                    st.dataframe(
                        compared.rename(columns={k: t(f"sc_col_{k}", lang) for k in compared.columns}),
                        hide_index=True,
                        width="stretch",
                    )


ui.after_first_chart(rest, lang, chart=chart_drawn)
