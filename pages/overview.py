"""Ringkasan: where a region stands, how it got there, what it aims for — each figure with its source."""

import streamlit as st

from iid import fmt, ui
from iid.i18n import t

lang, published_only = ui.common_controls()
code = ui.region_picker(lang)
data = ui.overview(ui.db_path(), code, published_only)
view = ui.overview_page(ui.db_path(), code, published_only, lang)  # every line and table below, made once
head = view.head
reg = data.region

if ui.is_present():
    score_screen = ui.story_screen(ui.db_path(), code, "score", lang, published_only)
    ui.projector(
        score_screen.projector_headline if score_screen else reg["display_name"],
        ui.figure(ui.db_path(), "overview_trend", code, published_only, lang),
        lang,
        "overview",
    )

st.title(reg["display_name"])
with st.container(horizontal=True, vertical_alignment="center"):  # one row: the first chart stays above the fold
    st.caption(t("overview_caption", lang))
    ui.profile_download(code, reg["display_name"], head.year, lang, published_only)
if data.has_sample:
    ui.sample_notice(lang)
if data.has_own:
    ui.own_notice(lang)

if head.year is None:
    st.info(t("no_data", lang))
else:
    c1, c2, c3, c4 = st.columns(4)
    badge = {"sample": t("sample_badge", lang), "own": t("own_badge", lang)}.get(head.score_kind or "")
    if head.score == "–":
        badge = t("no_score_short", lang)
    score_label = t("latest_score", lang, year=head.year) + (f" · {badge}" if badge else "")
    prev_year = int(data.previous["year"]) if data.previous else head.year - 1
    delta = fmt.metric_delta(
        head.change_value, 2, lang, " " + t("change_short", lang, delta="", year=prev_year).strip()
    )
    c1.metric(score_label, head.score, delta=delta)
    c2.metric(
        t("predicate", lang),
        head.predicate,
        delta=head.predicate_delta,
        delta_arrow=head.predicate_arrow,
        delta_color={"down": "red", "up": "green"}.get(head.predicate_arrow, "off"),
        help=head.predicate_basis,
    )
    c3.metric(head.rank_label, head.rank or "–", help=head.rank_basis)
    if head.sentence:
        (st.warning if head.against_score else st.info)(fmt.md_escape(head.sentence), icon=":material/info:")
    c4.metric(head.average_label, head.average or "–", help=head.average_help or None)
    for message in (head.conflict, head.mismatch):
        if message:
            st.warning(message)

    fig = ui.figure(ui.db_path(), "overview_trend", code, published_only, lang)
    ui.chart_panel(fig, data.sources, reg["display_name"], "ringkasan", head.year, lang, key="overview_trend")


def rest() -> None:
    """Below the first chart: targets, commitments, events, the yearly series and the sources."""
    sides = (("targets", view.targets_md, "no_targets"), ("commitments", view.commitments_md, "no_commitments"))
    for column, (heading, text, none) in zip(st.columns(2), sides, strict=True):
        with column:
            st.header(t(heading, lang))
            if text:
                st.markdown(text)
            else:
                st.caption(t(none, lang))

    if not data.events.empty:
        st.header(t("events", lang))
        st.markdown(view.events_md)

    with st.expander(t("series", lang)):
        if view.years_md:
            st.markdown(view.years_md)  # a plain table (fmt.markdown_table), made once with the view
        ui.table_downloads(view.years, data.sources, reg["display_name"], "ringkasan", head.year, lang, key="overview")

    st.header(t("sources", lang))
    if view.sources_md:
        st.markdown(view.sources_md)
    else:
        st.caption(t("no_sources", lang))


ui.after_first_chart(rest, lang, chart=head.year is not None)
