"""Presentasi: the guided story of one region, one headline and one chart per screen, for the projector."""

import streamlit as st

from iid import export, fmt, ui
from iid.i18n import t

lang, published_only = ui.common_controls()
code = ui.region_picker(lang)
path = ui.db_path()
screens = ui.story(path, code, lang, published_only)
n = len(screens)
step, _ = ui.url_value("s", lambda i: 1 <= i <= n, 1, "story_step", parse=int)
step = min(max(int(st.session_state.get("story_step", step)), 1), n)


def go(delta: int) -> None:
    now = int(st.session_state.get("story_step", step))  # the screen shown now, not when the button was drawn
    st.session_state["story_step"] = min(max(now + delta, 1), n)


screen = screens[step - 1]
with st.container(key="present_screen"):
    with st.container(key="present_head"):
        if screen.key == "title":
            st.markdown(f"# {fmt.md_escape(screen.headline)}")
        else:
            st.markdown(f"## {fmt.md_escape(screen.projector_headline)}")
    if screen.figure is not None:
        ui.projector_chart(screen.figure, "story")  # one key: the next screen updates the chart in place
    elif screen.lines or screen.table:
        with st.container(key="present_body"):
            if screen.table:
                st.table(ui.story_table(screen.table))
            else:
                for line in screen.lines:
                    st.markdown(f"{'' if screen.key == 'title' else '• '}{fmt.md_escape(line)}")
            if screen.has_sample:
                st.caption(t("sample_badge", lang))
    with st.container(key="present_nav", horizontal=True, vertical_alignment="center"):
        st.button(
            t("story_prev", lang),
            icon=":material/arrow_back:",
            shortcut="Left",
            on_click=go,
            args=(-1,),
            disabled=step <= 1,
            key="story_prev",
        )
        with st.container(key="present_count"):
            st.caption(t("story_step", lang, i=step, n=n))  # a caption, in projector size (ui._PRESENT_CSS)
        st.button(
            t("story_next", lang),
            icon=":material/arrow_forward:",
            shortcut="Right",
            on_click=go,
            args=(1,),
            disabled=step >= n,
            key="story_next",
        )
ui.write_url("s", step, 1)

region_name = ui.regions_by_code(path).loc[code, "display_name"]
latest = ui.overview(path, code, published_only).latest
year = int(latest["year"]) if latest else None
st.download_button(
    t("download_deck", lang),
    data=lambda: export.deck(screens, region_name, lang),
    file_name=export.file_name(region_name, "presentasi", year, "pptx"),
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    key="deck",
    icon=":material/slideshow:",
    on_click="ignore",
)
if screen.figure is not None:
    ui.chart_downloads(screen.figure, region_name, screen.key, year, lang, key=f"story_{screen.key}")
