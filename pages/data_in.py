"""Data: import official results (preview, confirm, undo), manage sources, see data quality, download everything."""

import pandas as pd
import streamlit as st

from iid import check, dataio, ui
from iid.errors import ImportRejected
from iid.i18n import t

lang, published_only = ui.common_controls()
db = ui.db()
st.title(t("data_title", lang))
st.caption(t("data_caption", lang))
tabs = st.tabs(
    [
        t("tab_import", lang),
        t("tab_history", lang),
        t("tab_sources", lang),
        t("tab_quality", lang),
        t("tab_download", lang),
    ],
    key="dtab",
    bind="query-params",
)


def problems_table(problems) -> pd.DataFrame:
    en = lang == "en"
    return pd.DataFrame(
        [
            {
                ("File" if en else "Berkas"): p.file,
                ("Row" if en else "Baris"): p.row,
                ("Column" if en else "Kolom"): p.column,
                ("Value" if en else "Nilai"): p.value,
                ("Problem" if en else "Masalah"): p.message_en if en else p.message_id,
            }
            for p in problems
        ]
    )


if tabs[0].open:
    with tabs[0]:
        kind = ui.url_choice(t("imp_kind", lang), list(dataio.KINDS), "scores", "kind", lambda k: t(f"kind_{k}", lang))
        with st.container(horizontal=True):
            st.caption(t("imp_templates", lang))
            for label, data, name, key in (
                ("XLSX (ID)", dataio.template_xlsx(kind, "id"), f"templat_{kind}.xlsx", "tpl_xlsx_id"),
                ("CSV (ID, ;)", dataio.template_csv(kind, "id"), f"templat_{kind}.csv", "tpl_csv_id"),
                ("CSV (EN)", dataio.template_csv(kind, "en"), f"template_{kind}.csv", "tpl_csv_en"),
            ):
                st.download_button(
                    label, data, name, key=key, on_click="ignore", type="tertiary", icon=":material/download:"
                )
        upload = st.file_uploader(t("imp_file", lang), type=["csv", "xlsx"], key=f"upload_{kind}")
        c1, c2 = st.columns(2)
        title = c1.text_input(t("imp_source_title", lang), key="imp_title", max_chars=300)
        publisher = c2.text_input(t("imp_publisher", lang), key="imp_publisher", max_chars=200)
        url = c1.text_input(t("imp_url", lang), key="imp_url", max_chars=500)
        ref = c2.text_input(t("imp_ref", lang), key="imp_ref", max_chars=300)
        published = st.checkbox(t("imp_published", lang), key="imp_published")
        if upload is not None:
            pv = dataio.preview(db, upload.getvalue(), upload.name, kind)
            m = st.columns(4)
            m[0].metric(t("imp_add", lang), len(pv.add))
            m[1].metric(t("imp_change", lang), len(pv.change))
            m[2].metric(t("imp_same", lang), len(pv.unchanged))
            m[3].metric(t("imp_rejected", lang), len(pv.problems))
            if pv.problems:
                st.error(t("imp_problems", lang))
                st.dataframe(problems_table(pv.problems), hide_index=True, width="stretch")
            else:
                if not pv.change.empty:
                    st.subheader(t("imp_change", lang))
                    st.dataframe(pv.change.drop(columns=["_row"], errors="ignore"), hide_index=True, width="stretch")
                if not pv.add.empty:
                    st.subheader(t("imp_add", lang))
                    st.dataframe(pv.add.drop(columns=["_row"], errors="ignore"), hide_index=True, width="stretch")
                n = len(pv.add) + len(pv.change)
                if n == 0:
                    st.info(t("imp_nothing", lang))
                elif st.button(t("imp_confirm", lang, n=n), type="primary", key="imp_confirm", icon=":material/save:"):
                    try:
                        res = dataio.apply(
                            db,
                            pv,
                            source_title=title or None,
                            source_url=url or None,
                            source_ref=ref or None,
                            publisher=publisher or None,
                            published=published,
                        )
                    except ImportRejected as exc:
                        st.error(exc.problems[0].text(lang))
                    else:
                        ui.clear_caches()
                        st.success(t("imp_done", lang, id=res.import_id, add=res.rows_added, change=res.rows_changed))

if tabs[1].open:
    with tabs[1]:
        if "_data_msg" in st.session_state:
            st.success(st.session_state.pop("_data_msg"))
        hist = dataio.history(db)
        if hist.empty:
            st.caption(t("hist_none", lang))
        else:
            st.dataframe(hist.drop(columns=["sha256"]), hide_index=True, width="stretch")
            open_ = hist[hist["undone_at"].isna()]
            if not open_.empty:
                last = int(open_["import_id"].max())
                if st.button(t("hist_undo", lang, id=last), key="undo_last", icon=":material/undo:"):
                    try:
                        dataio.undo(db, last)
                    except ImportRejected as exc:
                        st.error(exc.problems[0].text(lang))
                    else:
                        ui.clear_caches()
                        st.session_state["_data_msg"] = t("hist_undone", lang, id=last)
                        st.rerun()  # the history shows the undo; the message survives the rerun below

if tabs[2].open:
    with tabs[2]:
        src = dataio.sources_table(db)
        st.dataframe(
            src, hide_index=True, width="stretch", height=360, column_config={"url": st.column_config.LinkColumn("URL")}
        )
        st.subheader(t("src_add", lang))
        editable = src[src["kind"] != "sample"]
        with st.form("source_form", clear_on_submit=True):
            sid = st.selectbox(t("src_edit", lang), [None, *editable["source_id"]], key="src_id")
            f1, f2 = st.columns(2)
            kind_ = f1.selectbox(t("src_kind", lang), list(dataio.SOURCE_KINDS))
            stitle = f2.text_input(t("src_title", lang), max_chars=300)
            spub = f1.text_input(t("imp_publisher", lang), max_chars=200)
            surl = f2.text_input(t("imp_url", lang), max_chars=500)
            sref = f1.text_input(t("imp_ref", lang), max_chars=300)
            sdate = f2.date_input(t("src_date", lang), value=None)
            snote = st.text_area(t("src_note", lang), max_chars=1000)
            if st.form_submit_button(t("src_save", lang), icon=":material/save:"):
                try:
                    dataio.save_source(db, sid, kind_, stitle, spub or None, surl, sref, sdate, snote or None)
                except ImportRejected as exc:
                    st.error(exc.problems[0].text(lang))
                else:
                    ui.clear_caches()
                    st.success(t("src_saved", lang))

if tabs[3].open:
    with tabs[3]:
        q = check.quality(db)
        for key, label in (
            ("missing", t("q_missing", lang)),
            ("mismatch", t("q_mismatch", lang)),
            ("jumps", t("q_jumps", lang, x=30)),
            ("duplicate_sources", t("q_dupes", lang)),
        ):
            st.subheader(label)
            if q[key].empty:
                st.caption(t("q_none", lang))
            else:
                st.dataframe(q[key], hide_index=True, width="stretch")

if tabs[4].open:
    with tabs[4]:
        st.download_button(
            t("dl_zip", lang),
            data=lambda: dataio.export_zip(db),
            file_name="IID_basis-data_csv.zip",
            mime="application/zip",
            key="dl_zip",
            help=t("dl_zip_help", lang),
            icon=":material/archive:",
            on_click="ignore",
        )
