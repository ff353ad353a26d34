"""Inovasi: the region's innovation register, its pledges, competitions, sustainability and effect on the score."""

import datetime as dt

import streamlit as st

from iid import display, fmt, ui
from iid import register as R
from iid import urusan as U
from iid.auth import Forbidden
from iid.errors import ImportRejected
from iid.i18n import t

lang, published_only = ui.common_controls()
code = ui.region_picker(lang)
db = ui.db()
path = ui.db_path()
reg_info = ui.regions_by_code(path).loc[code]
st.title(t("inv_title", lang, name=fmt.md_escape(reg_info["display_name"])))
st.caption(t("inv_caption", lang))

reg = ui.register(path, code)
if published_only:
    reg = reg[~reg["is_sample"]]
has_sample = bool(reg["is_sample"].any())
if has_sample:
    ui.sample_notice(lang)
years = sorted(set(reg["year_proposed"].dropna().astype(int)) | {dt.date.today().year - 1}, reverse=True)
year, _ = ui.url_value("y", years, years[0], "inv_year", parse=int)
year = st.selectbox(t("inv_year", lang), years, key="inv_year")
ui.write_url("y", year, years[0])
reg_y = reg[reg["year_proposed"] == year]

m = st.columns(3)
m[0].metric(t("inv_all_rows", lang, year=year), fmt.integer(len(reg_y), lang))
m[1].metric(t("inv_counted", lang), fmt.integer(len(R.counted(reg_y)), lang))
m[2].metric(t("inv_verified", lang), fmt.integer((reg_y["status"] == "terverifikasi").sum(), lang))
form_labels, stage_labels, status_labels = R.FORM_LABEL[lang], R.STAGE_LABEL[lang], R.STATUS_LABEL[lang]


def table(shown: display.Shown, **kw) -> None:
    """A read-only table under its labels (iid/display.py)."""
    st.dataframe(shown.frame, column_config=shown.config, hide_index=True, width="stretch", **kw)


comp_all = ui.register_competitions(path)  # every competition's name, to name a code wherever one is shown
comp_name = dict(zip(comp_all["code"], comp_all["name"], strict=True))


def undo_last(where: str) -> None:
    """Undo beside a save: the register's newest change not yet undone, to those who may undo it (the register right
    for this region, as R.undo_batch checks); the button undoes the change it was drawn for, never a newer one."""
    if not ui.may("register", code):
        return
    last = R.last_open_batch(ui.register_changes(path, code))
    if last is None:
        return

    @ui.callback  # a write: a store lost mid-write is said on the page, not a traceback
    def undo_change(batch: int, lang: str) -> None:
        try:
            R.undo_batch(db, batch, actor=ui.actor())
        except Forbidden as exc:
            st.session_state["_inv_error"] = exc.text(lang)
        except ImportRejected as exc:
            st.session_state["_inv_error"] = exc.problems[0].text(lang)
        else:
            st.session_state["_inv_added"] = t("undone_batch", lang, batch=batch)

    st.button(
        t("undo_batch", lang, batch=last),
        key=f"inv_undo_{where}_{last}",
        icon=":material/undo:",
        on_click=undo_change,
        args=(last, lang),
        help=t("inv_undo_hint", lang),
    )


if "_inv_added" in st.session_state:  # what the last save or undo did, kept across its rerun
    st.success(st.session_state.pop("_inv_added"))
if "_inv_error" in st.session_state:  # an undo refused in its callback
    st.error(ui.safe_md(st.session_state.pop("_inv_error")))
tabs = ui.tabs(R.TAB_KEYS, "itab", lang)

if tabs[0].open:
    with tabs[0]:
        if reg.empty:
            st.info(t("inv_empty", lang))
        unit_list = ui.register_units(path, code)
        grid = {  # coded columns show words (format_func) and store the codes
            "innovation_id": st.column_config.TextColumn(t("col_id", lang)),
            "unit": st.column_config.SelectboxColumn(
                t("col_unit", lang), options=unit_list["unit"].tolist(), required=True
            ),
            "unit_type": st.column_config.SelectboxColumn(t("col_unit_type", lang), options=list(R.UNIT_TYPES)),
            "title": st.column_config.TextColumn(t("col_title", lang), required=True, width="large"),
            **{
                col: st.column_config.SelectboxColumn(
                    t(f"col_{col}", lang),
                    options=list(labels),
                    format_func=labels.get,
                    width=width,  # the longest label, whole
                )
                for (col, labels), width in zip(R.code_labels(lang).items(), (240, 125, 135), strict=True)
            },
            "urusan": st.column_config.SelectboxColumn(  # the official list; old text kept as "Lainnya: …"
                t("col_urusan", lang),
                options=[*U.codes(), *sorted(set(reg_y["urusan"].map(U.normalise).dropna()) - set(U.codes()))],
                format_func=lambda c: U.label(c, lang),
                help=t("urusan_help", lang),
                width=240,  # the longer names whole ("Administrasi kependudukan dan pencatatan sipil" wraps less)
            ),
            "year_proposed": st.column_config.NumberColumn(t("col_year_proposed", lang), format="%d"),
            "year_applied": st.column_config.NumberColumn(t("col_year_applied", lang), format="%d"),
            "proposed_on": st.column_config.DateColumn(t("col_proposed_on", lang), format="YYYY-MM-DD"),
            "competitions": st.column_config.MultiselectColumn(  # by name; only those open to the region
                t("col_competitions", lang),
                options=ui.register_competitions(path, code)["code"].tolist(),
                format_func=lambda c: comp_name.get(c, c),
                width=280,
            ),
            "has_team": st.column_config.CheckboxColumn(t("col_has_team", lang)),
            "has_sop": st.column_config.CheckboxColumn(t("col_has_sop", lang)),
            "has_budget": st.column_config.CheckboxColumn(t("col_has_budget", lang)),
            "digital": st.column_config.CheckboxColumn(t("col_digital", lang)),
            "evidence": st.column_config.TextColumn(t("col_evidence", lang)),
        }
        # one page of the year's register at a time, searched and filtered here: the browser never gets it whole
        stages = ["", *R.STAGES]
        ui.url_value("cari", lambda q: len(q) <= 100, "", "inv_q")
        ui.url_value("tahap", stages, "", "inv_stage")
        ui.url_value("hal", lambda n: n >= 1, 1, "inv_page", parse=int)
        query, stage = st.session_state.get("inv_q") or "", st.session_state.get("inv_stage") or ""
        listing = R.register_page(reg_y, query, stage or None, st.session_state.get("inv_page") or 1)
        st.session_state["inv_page"] = listing.page  # clamped: a search or a save may leave fewer pages
        suffix = f"{code}_{year}" + (f"_{listing.view}" if listing.view else "")
        ekey, skey, ckey = f"inv_editor_{suffix}", f"_inv_shown_{suffix}", f"_inv_conflict_{suffix}"
        edits_held = any(
            (st.session_state.get(ekey) or {}).get(k) for k in ("edited_rows", "added_rows", "deleted_rows")
        )

        def first_page() -> None:
            st.session_state["inv_page"] = 1

        f1, f2, f3 = st.columns([3, 2, 1], vertical_alignment="bottom")
        f1.text_input(t("inv_search", lang), key="inv_q", max_chars=100, on_change=first_page, disabled=edits_held)
        f2.selectbox(
            t("col_stage", lang),
            stages,
            key="inv_stage",
            format_func=lambda s: stage_labels.get(s) or t("inv_stage_all", lang),
            on_change=first_page,
            disabled=edits_held,
        )
        if listing.pages > 1:
            f3.number_input(
                t("inv_page", lang), min_value=1, max_value=listing.pages, step=1, key="inv_page", disabled=edits_held
            )
        ui.write_url("cari", query, "")
        ui.write_url("tahap", stage, "")
        ui.write_url("hal", listing.page, 1)
        if edits_held:
            st.caption(t("inv_page_locked", lang))
        elif listing.total or query or stage:
            st.caption(
                t(
                    "inv_page_count",
                    lang,
                    total=fmt.integer(listing.total, lang),
                    page=listing.page,
                    pages=listing.pages,
                )
                if listing.total
                else t("inv_no_match", lang)
            )
        with st.container(horizontal=True):  # every matching row, on every page; the files are made when clicked
            st.download_button(
                t("download_csv", lang),
                lambda: R.export_csv(listing.matching),
                f"IID_{reg_info['short_name'].replace(' ', '-')}_register_{year}.csv",
                mime="text/csv",
                key="inv_csv",
                on_click="ignore",
                icon=":material/download:",
                type="tertiary",
            )
            st.download_button(
                t("download_xlsx", lang),
                lambda: R.export_xlsx(listing.matching, lang),
                f"IID_{reg_info['short_name'].replace(' ', '-')}_register_{year}.xlsx",
                key="inv_xlsx",
                on_click="ignore",
                icon=":material/table:",
                type="tertiary",
            )
        if not ui.can_edit(lang, "register", code):  # the register as a table: no form, grid or save
            st.dataframe(
                R.editor_view(listing.rows),
                column_order=R.GRID,
                column_config=grid,
                hide_index=True,
                width="stretch",
                height=460,
            )
        else:
            with st.expander(t("inv_add", lang), expanded=reg.empty, icon=":material/add:"):
                with st.form("inv_add_form", clear_on_submit=True):
                    a1, a2 = st.columns(2)
                    new_title = a1.text_input(t("inv_f_title", lang), max_chars=300, key="inv_new_title")
                    new_unit = a2.selectbox(
                        t("col_unit", lang),
                        unit_list["unit"].tolist(),
                        index=None,
                        key="inv_new_unit",
                        placeholder=t("inv_pick_unit", lang),
                    )
                    a3, a4, a5 = st.columns(3)
                    new_form = a3.selectbox(t("inv_f_form", lang), list(R.FORMS), format_func=form_labels.get)
                    new_stage = a4.selectbox(t("inv_f_stage", lang), list(R.STAGES), format_func=stage_labels.get)
                    new_status = a5.selectbox(t("col_status", lang), list(R.STATUSES), format_func=status_labels.get)
                    ulabels = U.labels(lang)
                    new_urusan = a1.selectbox(
                        t("inv_f_urusan", lang),
                        list(ulabels),
                        index=None,
                        format_func=ulabels.get,
                        help=t("urusan_help", lang),
                        placeholder=t("inv_pick_urusan", lang),
                        key="inv_new_urusan",
                    )
                    own = ui.register_competitions(path, code)  # national ones and the region's own, never another's
                    new_comps = a2.multiselect(
                        t("comp_choose", lang),
                        own["code"].tolist(),
                        format_func=comp_name.get,
                        key="inv_new_comps",
                        placeholder=t("inv_pick_comps", lang),
                    )
                    b = st.columns(4)
                    new_digital = b[0].checkbox("Digital")
                    new_team = b[1].checkbox(t("inv_f_team", lang))
                    new_sop = b[2].checkbox("SOP")
                    new_budget = b[3].checkbox(t("inv_f_budget", lang))
                    if st.form_submit_button(t("inv_add", lang), type="primary", icon=":material/add:"):
                        unit_type = dict(unit_list.itertuples(index=False, name=None)).get(new_unit, "")
                        row = {
                            "title": new_title,
                            "unit": new_unit or "",
                            "unit_type": unit_type,
                            "form": new_form,
                            "stage": new_stage,
                            "status": new_status,
                            "urusan": new_urusan or "",
                            "competitions": ",".join(new_comps),
                            "digital": new_digital,
                            "has_team": new_team,
                            "has_sop": new_sop,
                            "has_budget": new_budget,
                            "year_proposed": year,
                            "proposed_on": dt.date.today() if dt.date.today().year == year else None,
                        }
                        try:
                            batch = R.save(db, code, [row], {}, [], note="ditambahkan lewat formulir", actor=ui.actor())
                        except Forbidden as exc:
                            ui.refused(exc, lang)
                        except ImportRejected as exc:
                            for p in exc.problems:
                                st.error(fmt.md_escape(p.text(lang)))
                        else:
                            st.session_state["_inv_added"] = t("inv_saved", lang, batch=batch)
                            st.session_state["_inv_saved_by"] = "form"
                            st.rerun()
            if st.session_state.get("_inv_saved_by") == "form":  # after a form save: its undo under the form too
                undo_last("form")  # outside the expander: seen after the save folds the form away
            # The grid is drawn from the page's rows this person last saw, kept while it holds unsaved edits: another
            # person's save must neither reset the grid (Streamlit would drop the edits) nor be overwritten unseen.
            if skey not in st.session_state or not edits_held:
                st.session_state[skey] = listing.rows
                st.session_state.pop(ckey, None)
            shown = st.session_state[skey]
            if R.versions(shown) != R.versions(listing.rows):
                st.info(t("inv_stale", lang))
            view = R.editor_view(shown)
            st.caption(t("inv_grid_howto", lang))  # glide-data-grid drops the first keys typed after a single click
            edited = st.data_editor(
                view,
                key=ekey,
                num_rows="dynamic",
                hide_index=True,
                width="stretch",
                height=460,
                disabled=["innovation_id"],
                column_order=R.GRID,
                column_config=grid,
            )
            # comparing every cell of a large register costs ~0,6 s a rerun: only when the grid holds edits
            now_pending = st.session_state.get(ekey) or {}
            if any(now_pending.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
                new_rows, changed, deleted = R.edits(view, edited, year)
            else:
                new_rows, changed, deleted = [], {}, []

            def save_edits(base: dict[str, str]) -> None:
                if not (new_rows or changed or deleted):
                    st.info(t("inv_nochange", lang))
                    return
                try:
                    batch = R.save(
                        db, code, new_rows, changed, deleted, note="disunting di aplikasi", base=base, actor=ui.actor()
                    )
                except Forbidden as exc:
                    ui.refused(exc, lang)
                except R.EditConflict as exc:
                    st.session_state[ckey] = exc  # the grid keeps every edit; the panel below shows the clash
                    st.rerun()
                except ImportRejected as exc:
                    st.error(t("inv_rejected", lang))
                    table(display.problems(exc.problems, lang, with_file=False))
                else:
                    for k in (ekey, skey, ckey):
                        st.session_state.pop(k, None)
                    st.session_state["_inv_added"] = t("inv_saved", lang, batch=batch)
                    st.session_state["_inv_saved_by"] = "grid"
                    st.rerun()

            with st.container(horizontal=True):
                save_clicked = st.button(t("inv_save", lang), type="primary", icon=":material/save:", key="inv_save")
                discard = edits_held and st.button(t("inv_discard", lang), icon=":material/undo:", key="inv_discard")
                undo_last("grid")
            if discard:
                for k in (ekey, skey, ckey):
                    st.session_state.pop(k, None)
                st.rerun()
            if save_clicked:
                save_edits(R.versions(shown))
            conflict = st.session_state.get(ckey)
            if conflict is not None:
                st.warning(t("inv_conflict", lang, n=len(conflict.rows)), icon=":material/group:")
                table(R.conflict_view(R.conflict_table(conflict, view, changed, deleted, lang), lang))
                k1, k2 = st.columns(2)
                if k1.button(t("inv_conflict_mine", lang), key="inv_conflict_mine", icon=":material/save:"):
                    # saved over exactly the versions shown in this panel: a third save in between is a new conflict
                    save_edits(R.versions(shown) | {i: conflict.versions.get(i) for i in conflict.rows})
                if k2.button(t("inv_conflict_reload", lang), key="inv_conflict_reload", icon=":material/refresh:"):
                    for k in (ekey, skey, ckey):
                        st.session_state.pop(k, None)
                    st.rerun()

if tabs[1].open:
    with tabs[1]:
        statuses = ui.commitment_status(path, code, year)
        if not statuses:
            st.caption(t("no_commitments", lang))
        for cs in statuses:
            c = cs.commitment
            with st.container(border=True):
                st.header(fmt.md_escape(c["label"]))
                st.caption(f"{t('sources', lang)}: {fmt.md_escape(c['source_publisher'])}")
                rule = R.count_rule(c, year, lang)  # said beside every figure: which rows count
                if c["kind"] == "per_unit_per_year":
                    st.progress(
                        cs.achieved / cs.target if cs.target else 0.0,
                        text=t("commit_met", lang, a=fmt.integer(cs.achieved, lang), b=fmt.integer(cs.target, lang)),
                    )
                    st.caption(rule)
                    short = cs.table[cs.table["short_by"] > 0]
                    st.markdown(f"**{t('commit_units_short', lang, n=len(short))}**")
                    table(R.units_view(short, lang), height=min(400, 40 + 35 * len(short)))
                elif c["kind"] == "total_by_year":
                    st.progress(
                        min(cs.achieved / cs.target, 1.0) if cs.target else 0.0,
                        text=t(
                            "commit_total",
                            lang,
                            n=fmt.integer(cs.achieved, lang),
                            q=fmt.integer(cs.target, lang),
                            year=year,
                        ),
                    )
                    st.caption(rule)
                    if cs.pace_per_month is not None and cs.achieved < cs.target:
                        st.markdown(t("commit_pace", lang, x=fmt.number(cs.pace_per_month, 1, lang), m=cs.months_left))
                    elif cs.months_left == 0:
                        st.caption(t("commit_closed", lang, year=year))
                    ui.chart_panel(
                        R.commitment_chart(cs, has_sample, lang),
                        None,
                        reg_info["display_name"],
                        "inovasi-komitmen",
                        year,
                        lang,
                        key=f"inv_pledge_{c['commitment_id']}",
                    )
                else:
                    st.progress(
                        cs.achieved / cs.target if cs.target else 0.0,
                        text=t("commit_met", lang, a=fmt.integer(cs.achieved, lang), b=fmt.integer(cs.target, lang)),
                    )
                    st.caption(rule)
                    comp_label = comp_name.get(c["competition"], c["competition"])
                    st.markdown(
                        f"**{t('commit_none_entered', lang, comp=fmt.md_escape(comp_label))}**: "
                        + fmt.md_escape(", ".join(cs.short_units) or "–")
                    )

if tabs[2].open:
    with tabs[2]:
        pv = ui.register_portfolio(path, code, year, lang, published_only)  # built once per register version, shared
        c1, c2 = st.columns(2)
        name = reg_info["display_name"]
        with c1:
            ui.chart_panel(pv.funnel, None, name, "inovasi-tahap", year, lang, key="inv_funnel", narrow=True)
        c2.metric(t("inv_digital", lang), fmt.percent(pv.digital_share, 0, lang))
        with c2:
            ui.chart_panel(pv.form, None, name, "inovasi-bentuk", year, lang, key="inv_form", narrow=True)

        def rest() -> None:
            """Under the first row: by affair, by year, by unit."""
            ui.chart_panel(pv.urusan, None, name, "inovasi-urusan", year, lang, key="inv_urusan")
            ui.chart_panel(pv.by_year, None, name, "inovasi-tahun", year, lang, key="inv_year_chart")
            st.header(t("inv_by_unit", lang))
            table(pv.units, height=320)

        ui.after_first_chart(rest, lang)

if tabs[3].open:
    with tabs[3]:
        comps = ui.register_competitions(path, code)
        comp_names = dict(zip(comps["code"], comps["name"], strict=True))
        comp = st.selectbox(t("comp_choose", lang), list(comp_names), format_func=comp_names.get, key="inv_comp")
        chart, entries, rules = ui.register_competition(
            path, code, comp, comp_names.get(comp, comp), year, lang, has_sample
        )
        ui.chart_panel(chart, None, reg_info["display_name"], "inovasi-kompetisi", year, lang, key="inv_comp_chart")
        if not rules.frame.empty:
            st.caption(t("comp_rules", lang))
            table(rules)
        table(entries)

if tabs[4].open:
    with tabs[4]:
        st.caption(t("sus_caption", lang))
        miss = ui.register_sustainability(path, code, year, lang, published_only)
        table(miss)
        ui.table_downloads(
            miss.labelled(),
            None,
            reg_info["display_name"],
            "keberlanjutan",
            year,
            lang,
            key="sustain",
        )

if tabs[5].open:
    with tabs[5]:
        rules = ui.rule_years(path)
        rule_year, _ = ui.url_value("ry", sorted(rules), year if year in rules else max(rules), "inv_rule", parse=int)
        rule_year = st.selectbox(t("wi_rule_year", lang), sorted(rules), key="inv_rule")
        ui.write_url("ry", rule_year, year if year in rules else max(rules))
        st.caption(t("score_caption", lang, year=year, rule=rule_year))
        for label, verified in ((t("inv_claimed", lang), False), (t("inv_verified", lang), True)):
            est = ui.score_estimate(path, code, year, rule_year, verified)
            st.markdown(f"**{label}**")
            c = st.columns(4)
            c[0].metric(t("score_sid", lang), fmt.score(est.sid_points, lang))
            c[1].metric(t("score_count", lang), fmt.score(est.count_points, lang))
            c[2].metric(t("score_n", lang), fmt.integer(est.n, lang))
            c[3].metric(t("score_bs", lang), f"{est.basic_services} / 6")
        st.header(t("score_levers", lang))
        table(R.levers_view(est.levers, lang))

if tabs[6].open:
    with tabs[6]:
        with st.container(horizontal=True):
            st.download_button(
                t("download_template", lang),
                lambda: R.template_xlsx(lang),  # made when clicked
                "templat_register_inovasi.xlsx",
                key="inv_tpl",
                on_click="ignore",
                icon=":material/download:",
            )
            st.download_button(
                t("download_register", lang),
                lambda: R.export_xlsx(reg, lang),
                f"IID_{reg_info['short_name'].replace(' ', '-')}_register.xlsx",
                key="inv_export",
                on_click="ignore",
                icon=":material/table:",
            )
        if ui.can_edit(lang, "register", code):
            up = st.file_uploader(t("imp_register", lang), type=["csv", "xlsx"], key=f"inv_upload_{code}")
            ui.uploader_words(f"inv_upload_{code}", st.get_option("server.maxUploadSize"), "CSV, XLSX", lang)
            if up is not None and st.button(t("inv_save", lang), key="inv_import_go", type="primary"):
                try:
                    batch = R.import_register(db, code, up.getvalue(), up.name, actor=ui.actor())
                except Forbidden as exc:
                    ui.refused(exc, lang)
                except ImportRejected as exc:
                    st.error(t("inv_rejected", lang))
                    table(display.problems(exc.problems, lang))
                else:
                    st.session_state["_inv_added"] = t("imp_register_done", lang, batch=batch)
                    st.rerun()
        undo_last("history")
        hist = ui.register_changes(path, code)
        if not hist.empty:
            table(R.changes_view(hist, lang))
