"""Router of the IID dashboard: page config, the page list, navigation. Nothing else.

A page file is never named like its url_path: Streamlit would serve /<name> straight from pages/<name>.py
on a fresh server, before st.navigation runs (the old pages/ mode).
"""

import streamlit as st

from iid import ui
from iid.db import DatabaseUnavailable
from iid.serve import patch_streamlit

patch_streamlit()  # kept compiled scripts, downloads made on click kept for their session (iid/serve.py); once
# an emoji: the browser draws it (a :material/…: icon is fetched from fonts.gstatic.com, which a room offline lacks)
st.set_page_config(page_title="Dasbor IID", page_icon="📈", layout="wide")
lang = ui.current_lang()
ui.page_styles()  # contrast, focus ring (WCAG 2.1 AA); the projector's or the screens' layout
pages = ui.page_list(lang, ui.may("roles"))  # admins only (and the local user) get the users' page
page = st.navigation(pages)
ui.db()  # a database that cannot be opened: one message saying what to do, on every page, instead of a traceback
ui.account_sidebar(lang)  # the serving mode, or Masuk, or the account with its roles and Keluar
ui.lost_write_notice()  # a button's write the shared store lost (its callback ran before this script)
try:
    page.run()
except DatabaseUnavailable as exc:  # the shared store went away during a write: nothing was saved, said once
    st.error(exc.text(lang), icon=":material/database:")
