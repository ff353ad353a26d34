"""Pengguna: admins give and take back roles per e-mail and region, and see who changed which role when."""

import streamlit as st

from iid import auth, display, fmt, ui
from iid.i18n import t
from iid.values import py

lang, _ = ui.common_controls()
db = ui.db()
st.title(t("users_title", lang))
st.caption(t("users_caption", lang))
st.caption(t("acct_roles_help", lang))
if not ui.can_edit(lang, "roles"):  # roles taken back while the page was open, or a link followed by a non-admin
    st.stop()

regs = ui.regions(ui.db_path())
regs = regs[regs["autonomous"]]
names = dict(zip(regs["code"], regs["display_name"], strict=True))


def where(role: str, region: str | None) -> str:
    """' untuk Kota Bontang (64.74)', ' untuk semua daerah' (None or '*'); nothing for admin and viewer."""
    if role in ("admin", "viewer"):
        return ""
    shown = t("acct_all_regions", lang) if region in (None, auth.ALL) else ui.region_label(region)
    return t("auth_where", lang, regions=shown)


@ui.callback  # a write: a store lost mid-write is said on the page, not a traceback
def give() -> None:
    """Callback of the form: the write runs before the page is drawn again, so the tables below show it."""
    ss = st.session_state
    role, region = ss["usr_role"], ss["usr_region"]
    region = None if role == "admin" else region
    try:
        changed = auth.grant(db, ui.actor(), ss["usr_email"], role, region, name=ss["usr_name"])
    except (auth.Forbidden, auth.RoleError) as exc:
        ss["_usr_err"] = exc.text(lang)
        return
    email = fmt.md_escape(ss["usr_email"].strip().lower())
    ss["_usr_msg"] = t(
        "users_given" if changed else "users_had", lang, email=email, role=role, where=where(role, region)
    )
    ss["usr_email"], ss["usr_name"] = "", ""


@ui.callback  # a write: a store lost mid-write is said on the page, not a traceback
def take_back() -> None:
    """Take back exactly the row picked (email, role, region; '*' is the role over all regions); a viewer row: the
    account goes. Read from the widget, not from arguments drawn with the page, so it is the row on screen."""
    picked = st.session_state.get("usr_revoke_pick")
    if picked is None:
        return
    email, role, region = picked
    try:
        if role == "viewer":
            auth.revoke(db, ui.actor(), email)
        else:
            auth.revoke(db, ui.actor(), email, role, region)
    except (auth.Forbidden, auth.RoleError) as exc:
        st.session_state["_usr_err"] = exc.text(lang)
        return
    st.session_state["usr_revoke_pick"] = None
    st.session_state["_usr_msg"] = (
        t("users_removed", lang, email=fmt.md_escape(email))
        if role == "viewer"
        else t("users_revoked", lang, email=fmt.md_escape(email), role=role, where=where(role, region))
    )


if "_usr_msg" in st.session_state:
    st.success(st.session_state.pop("_usr_msg"), icon=":material/check:")
if "_usr_err" in st.session_state:
    st.error(ui.safe_md(st.session_state.pop("_usr_err")), icon=":material/block:")

accounts = auth.users(db)
if accounts.empty:
    st.caption(t("users_none", lang))
else:
    shown = display.users(accounts, lang)
    st.dataframe(shown.frame, column_config=shown.config, hide_index=True, width="stretch")

left, right = st.columns([3, 2])
with left.form("usr_grant"):
    st.markdown(f"**{t('users_grant', lang)}**")
    f1, f2 = st.columns(2)
    f1.text_input(t("users_email", lang), max_chars=200, key="usr_email", placeholder="nama@bontangkota.go.id")
    f2.text_input(t("users_name", lang), max_chars=200, key="usr_name")
    f1.segmented_control(t("users_role", lang), ["editor", "data", "admin"], default="editor", key="usr_role")
    f2.selectbox(
        t("users_region", lang),
        [None, *names],
        format_func=lambda c: t("acct_all_regions", lang) if c is None else f"{names[c]} ({c})",
        key="usr_region",
        help=t("users_region_help", lang),
    )
    st.form_submit_button(t("users_give", lang), icon=":material/person_add:", type="primary", on_click=give)

labels = {
    (r["email"], r["role"], py(r["region_code"]) or auth.ALL): " · ".join(
        p for p in (r["email"], r["role"], display.role_scope(r["role"], r["region_code"], r["region_name"], lang)) if p
    )
    for r in accounts.to_dict("records")
}
if labels:
    with right.container(border=True):
        st.markdown(f"**{t('users_revoke', lang)}**")
        st.selectbox(
            t("users_revoke_pick", lang),
            list(labels),
            format_func=labels.get,
            key="usr_revoke_pick",
            index=None,
            placeholder=t("users_revoke_placeholder", lang),
        )
        st.button(
            t("users_revoke_go", lang),
            icon=":material/person_remove:",
            key="usr_revoke_go",
            on_click=take_back,
            disabled=st.session_state.get("usr_revoke_pick") not in labels,
        )

st.header(t("users_log", lang))
log = auth.role_log(db)
if log.empty:
    st.caption(t("users_log_none", lang))
else:
    shown = display.role_log(log, lang, names)
    st.dataframe(
        shown.frame, column_config=shown.config, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(log))
    )
