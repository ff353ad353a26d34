"""Data: import official results (preview, confirm, undo), manage sources, see data quality, download everything."""

import math

import streamlit as st

from iid import check, dataio, display, fmt, settings, ui
from iid.auth import Forbidden
from iid.errors import ImportRejected
from iid.i18n import t
from iid.values import records, text

lang, published_only = ui.common_controls()
db = ui.db()
st.title(t("data_title", lang))
st.caption(t("data_caption", lang))
tabs = ui.tabs(["tab_import", "tab_history", "tab_sources", "tab_quality", "tab_download"], "dtab", lang)


def table(shown: display.Shown, links: tuple[str, ...] = (), **kw) -> None:
    """A read-only table under its labels (iid/display.py); link columns open their URL."""
    config = shown.config | {c: st.column_config.LinkColumn(shown.config[c]["label"]) for c in links}
    st.dataframe(shown.frame, column_config=config, hide_index=True, width="stretch", **kw)


if tabs[0].open:
    with tabs[0]:
        kind = ui.url_choice(t("imp_kind", lang), list(dataio.KINDS), "scores", "kind", lambda k: t(f"kind_{k}", lang))
        with st.container(horizontal=True):
            st.caption(t("imp_templates", lang))
            for label, data, name, key in (
                # made when clicked, not on every rerun
                (
                    "XLSX (ID)",
                    lambda: dataio.template_xlsx(kind, "id"),
                    dataio.template_file_name(kind, "id", "xlsx"),
                    "tpl_xlsx_id",
                ),
                (
                    "CSV (ID, ;)",
                    lambda: dataio.template_csv(kind, "id"),
                    dataio.template_file_name(kind, "id", "csv"),
                    "tpl_csv_id",
                ),
                (
                    "CSV (EN)",
                    lambda: dataio.template_csv(kind, "en"),
                    dataio.template_file_name(kind, "en", "csv"),
                    "tpl_csv_en",
                ),
            ):
                st.download_button(
                    label, data, name, key=key, on_click="ignore", type="tertiary", icon=":material/download:"
                )
        for sentence in settings.problems(lang):  # e.g. IID_UPLOAD_LIMIT_MB=abc: the default limit is used
            st.warning(fmt.md_escape(sentence), icon=":material/settings:")
        # a targets file may also come from the editors of its regions (iid/dataio.py); the write checks each row
        if ui.can_edit(lang, ("import", "target") if kind == "targets" else "import"):
            limit = math.ceil(settings.upload_limit_mb())  # the import limit, said once by the uploader
            upload = st.file_uploader(
                t("imp_file", lang), type=["csv", "xlsx"], key=f"upload_{kind}", max_upload_size=limit
            )
            ui.uploader_words(f"upload_{kind}", limit, "CSV, XLSX", lang)
            c1, c2 = st.columns(2)
            title = c1.text_input(t("imp_source_title", lang), key="imp_title", max_chars=300)
            publisher = c2.text_input(t("imp_publisher", lang), key="imp_publisher", max_chars=200)
            url = c1.text_input(t("imp_url", lang), key="imp_url", max_chars=500).strip()
            ref = c2.text_input(t("imp_ref", lang), key="imp_ref", max_chars=300)
            published = st.checkbox(t("imp_published", lang), key="imp_published")
            url_ok = not url or fmt.safe_url(url) is not None
            if not url_ok:
                st.error(t("url_invalid", lang, field=t("imp_url", lang)))
            if upload is not None:
                pv = dataio.preview(db, upload.getvalue(), upload.name, kind)
                m = st.columns(4)
                m[0].metric(t("imp_add", lang), len(pv.add))
                m[1].metric(t("imp_change", lang), len(pv.change))
                m[2].metric(t("imp_same", lang), len(pv.unchanged))
                m[3].metric(t("imp_rejected", lang), len(pv.problems))
                if pv.problems:
                    st.error(t("imp_problems", lang))
                    table(display.problems(pv.problems, lang))
                else:
                    if not pv.change.empty:
                        st.header(t("imp_change", lang))
                        table(display.preview(db, pv.change, lang))
                    if not pv.add.empty:
                        st.header(t("imp_add", lang))
                        table(display.preview(db, pv.add, lang, new=True))
                    n = len(pv.add) + len(pv.change)
                    if n == 0:
                        st.info(t("imp_nothing", lang))
                    elif st.button(
                        t("imp_confirm", lang, n=n),
                        type="primary",
                        key="imp_confirm",
                        icon=":material/save:",
                        disabled=not url_ok,
                    ):
                        try:
                            res = dataio.apply(
                                db,
                                pv,
                                source_title=title or None,
                                source_url=url or None,
                                source_ref=ref or None,
                                publisher=publisher or None,
                                published=published,
                                actor=ui.actor(),
                            )
                        except Forbidden as exc:
                            ui.refused(exc, lang)
                        except ImportRejected as exc:
                            st.error(fmt.md_escape(exc.problems[0].text(lang)))
                        else:
                            st.success(
                                t("imp_done", lang, id=res.import_id, add=res.rows_added, change=res.rows_changed)
                            )


@ui.callback  # a write: a store lost mid-write is said on the page, not a traceback
def undo_import(import_id: int, lang: str) -> None:
    """Undo the import this button was drawn for, never a newer one: a stale page gets dataio's refusal."""
    try:
        dataio.undo(db, import_id, actor=ui.actor())
    except Forbidden as exc:
        st.session_state["_data_err"] = exc.text(lang)
    except ImportRejected as exc:
        st.session_state["_data_err"] = exc.problems[0].text(lang)
    else:
        st.session_state["_data_msg"] = t("hist_undone", lang, id=import_id)


if tabs[1].open:
    with tabs[1]:
        if "_data_msg" in st.session_state:
            st.success(st.session_state.pop("_data_msg"))
        if "_data_err" in st.session_state:
            st.error(ui.safe_md(st.session_state.pop("_data_err")))
        hist = dataio.history(db)
        if hist.empty:
            st.caption(t("hist_none", lang))
        else:
            table(display.history(hist, lang))
            open_ = hist[hist["undone_at"].isna()]
            last = int(open_["import_id"].max()) if not open_.empty else None
            # offered only to people the undo would not refuse: `data` for every region the import wrote
            if last is not None and ui.can_edit(lang, *dataio.undo_right(db, last)):
                st.button(
                    t("hist_undo", lang, id=last),
                    key=f"undo_{last}",
                    icon=":material/undo:",
                    on_click=undo_import,
                    args=(last, lang),
                )


@ui.callback  # a write: a store lost mid-write is said on the page, not a traceback
def save_source(lang: str) -> None:
    """Check and save the source form; what was typed stays in the form until it is saved."""
    ss = st.session_state
    url = (ss["src_url"] or "").strip()
    if url and fmt.safe_url(url) is None:
        ss["_src_err"] = t("url_invalid", lang, field=t("imp_url", lang))
        return
    try:
        dataio.save_source(
            db,
            ss["src_id"],
            ss["src_kind"],
            ss["src_title"],
            ss["src_pub"] or None,
            url or None,
            ss["src_ref"],
            ss["src_date"],
            ss["src_note"] or None,
            actor=ui.actor(),
        )
    except Forbidden as exc:
        ss["_src_err"] = ui.safe_md(exc.text(lang))
    except ImportRejected as exc:
        ss["_src_err"] = fmt.md_escape(exc.problems[0].text(lang))
    else:
        ss["_src_msg"] = t("src_saved", lang)
        for key in ("src_title", "src_pub", "src_url", "src_ref", "src_note"):
            ss[key] = ""
        ss["src_id"], ss["src_date"] = None, None


if tabs[2].open:
    with tabs[2]:
        src = dataio.sources_table(db)
        # a link only where the stored text is an http(s) URL
        urls = src["url"].map(lambda u: fmt.safe_url(u) or "")  # empty, not a grey "None", where there is no link
        table(display.sources(src.assign(url=urls), lang), links=("url",), height=360)
        st.header(t("src_add", lang))
        if "_src_msg" in st.session_state:
            st.success(st.session_state.pop("_src_msg"))
        if "_src_err" in st.session_state:
            st.error(st.session_state.pop("_src_err"))
        if ui.can_edit(lang, "sources"):
            editable = src[src["kind"] != "sample"]
            allowed = dataio.editable_sources(db, ui.actor())  # a data role for listed regions: their sources only
            if allowed is not None:
                editable = editable[editable["source_id"].isin(allowed)]
            # a source by its title and publisher, as people know it, not by its id
            source_names = {
                r["source_id"]: " · ".join(x for x in (text(r["title"]), text(r["publisher"])) if x)
                for r in records(editable)
            }
            with st.form("source_form"):
                st.selectbox(
                    t("src_edit", lang),
                    [None, *editable["source_id"]],
                    format_func=lambda s: t("src_new", lang) if s is None else source_names.get(s, s),
                    key="src_id",
                )
                f1, f2 = st.columns(2)
                f1.selectbox(
                    t("src_kind", lang),
                    list(dataio.SOURCE_KINDS),
                    format_func=display.source_kind(lang).get,
                    key="src_kind",
                )
                f2.text_input(t("src_title", lang), max_chars=300, key="src_title")
                f1.text_input(t("imp_publisher", lang), max_chars=200, key="src_pub")
                f2.text_input(t("imp_url", lang), max_chars=500, key="src_url")
                f1.text_input(t("imp_ref", lang), max_chars=300, key="src_ref")
                f2.date_input(t("src_date", lang), value=None, key="src_date")
                st.text_area(t("src_note", lang), max_chars=1000, key="src_note")
                st.form_submit_button(t("src_save", lang), icon=":material/save:", on_click=save_source, args=(lang,))

if tabs[3].open:
    with tabs[3]:
        q = display.quality(check.quality(db), lang)
        for key, label in (
            ("missing", t("q_missing", lang)),
            ("mismatch", t("q_mismatch", lang)),
            ("jumps", t("q_jumps", lang, x=30)),
            ("duplicate_sources", t("q_dupes", lang)),
        ):
            st.header(label)
            if q[key].frame.empty:
                st.caption(t("q_none", lang))
            else:
                table(q[key])

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
