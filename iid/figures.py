"""Every chart the app shows, assembled from the database by name: the pages, the exports and the deck share these.

A builder takes the database and plain, hashable arguments (codes as tuples), so the UI can cache its figures.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from iid import charts, explore, fmt, queries
from iid.db import Database
from iid.i18n import t
from iid.rule_changes import rule_changes


class Reads:
    """What the builders read. The app hands in its cached versions (iid.ui), so building a figure never recomputes
    a comparison, an overview or a target report that the page already holds; the command line reads directly."""

    def compare(self, db: Database, codes, published_only: bool, lang: str) -> explore.Comparison:
        return explore.compare(db, list(codes), published_only, lang)

    def overview(self, db: Database, code: str, published_only: bool) -> queries.Overview:
        return queries.overview(db, code, published_only)

    def bands(self, db: Database) -> dict:
        return queries.bands(db)

    def indicator_matrix(self, db: Database, codes) -> pd.DataFrame:
        return explore.indicator_matrix(db, list(codes))

    def regions_by_code(self, db: Database) -> pd.DataFrame:
        return queries.regions(db).set_index("code")

    def events(self, db: Database, code: str) -> pd.DataFrame:
        return queries.events(db, code)

    def targets(self, db: Database, code: str) -> pd.DataFrame:
        return queries.targets(db, code)

    def rule_changes(self, db: Database) -> list:
        return changes(db)

    def sources(self, db: Database, ids: list[str]) -> pd.DataFrame:
        return queries.sources(db, ids)

    def national_kind_year(self, db: Database, kind: str, published_only: bool) -> pd.DataFrame:
        return national_kind_year(db, kind, published_only)

    def report(self, db: Database, *args):
        from iid.target_report import build_report

        return build_report(db, *args)


DIRECT = Reads()


def changes(db: Database) -> list:
    """Every change of bands and formula constants between years (labelled markers on time charts)."""
    return rule_changes(queries.bands(db), queries.rule_years(db))


def overview_trend(db: Database, code: str, published_only: bool, lang: str, reads: Reads = DIRECT) -> go.Figure:
    o = reads.overview(db, code, published_only)
    return charts.trend(o.series, reads.bands(db), o.sources, lang, height=440, rule_changes=reads.rule_changes(db))


def compare_latest(
    db: Database, codes: tuple[str, ...], published_only: bool, lang: str, reads: Reads = DIRECT
) -> go.Figure:
    comp = reads.compare(db, list(codes), published_only, lang)
    return charts.latest_bars(
        comp.latest, comp.standings, reads.bands(db).get(comp.year, []), comp.year, comp.sources, lang
    )


def compare_time(
    db: Database,
    codes: tuple[str, ...],
    published_only: bool,
    lang: str,
    span: tuple[int, int],
    mode: str = "score",
    reads: Reads = DIRECT,
) -> go.Figure:
    comp = reads.compare(db, list(codes), published_only, lang)
    shown = comp.series[(comp.series["year"] >= span[0]) & (comp.series["year"] <= span[1])]
    if mode == "rank":
        return charts.rank_lines(shown, comp.sources, lang, rule_changes=reads.rule_changes(db))
    fig = charts.trend(
        shown,
        reads.bands(db),
        comp.sources,
        lang,
        title=t("tab_time", lang) + f" · {span[0]}–{span[1]}",
        rule_changes=reads.rule_changes(db),
    )
    refs = comp.refs[(comp.refs["year"] >= span[0]) & (comp.refs["year"] <= span[1])]
    charts.add_reference_lines(fig, refs, comp.ref_names)
    return fig


def compare_heatmap(db: Database, codes: tuple[str, ...], lang: str, reads: Reads = DIRECT) -> go.Figure | None:
    matrix = reads.indicator_matrix(db, codes)  # the page's own (its Indikator tab reads it first)
    if matrix.empty:
        return None
    regs = reads.regions_by_code(db)
    matrix = matrix.assign(display_name=matrix["region_code"].map(regs["display_name"]))
    names = dict(zip(matrix["code"], matrix["name"] if lang == "id" else matrix["name_en"], strict=False))
    return charts.indicator_heatmap(matrix, explore.indicator_order(matrix), names, lang)


def compare_map(
    db: Database,
    codes: tuple[str, ...],
    year: int,
    colour_by: str,
    published_only: bool,
    lang: str,
    reads: Reads = DIRECT,
) -> go.Figure:
    comp = reads.compare(db, list(codes), published_only, lang)
    provs = explore.provinces_year(db, year, published_only)
    return charts.tile_map(provs, year, colour_by, comp.sources, lang, selected=list(codes))


def trend_main(db: Database, code: str, published_only: bool, lang: str, reads: Reads = DIRECT) -> go.Figure:
    comp = reads.compare(db, [code], published_only, lang)
    # the region's events and targets, not its whole overview (~30 ms cold, which Tren shows nothing else of)
    events, targets = reads.events(db, code), reads.targets(db, code)
    fig = charts.trend(
        comp.series, reads.bands(db), comp.sources, lang, height=480, rule_changes=reads.rule_changes(db)
    )
    charts.add_events(fig, events, sorted(comp.series["year"].unique().tolist()), lang)
    for tg in targets[targets["metric"] == "iid_score"].itertuples(index=False):
        charts.add_target_line(
            fig,
            float(tg.value),
            int(tg.target_year),
            f"{t('tg_target', lang)} {fmt.score(tg.value, lang)} ({tg.target_year})",
        )
    charts.add_reference_lines(fig, comp.refs, comp.ref_names)
    return fig


def trend_rank(db: Database, code: str, published_only: bool, lang: str, reads: Reads = DIRECT) -> go.Figure:
    comp = reads.compare(db, [code], published_only, lang)
    return charts.rank_lines(comp.series, comp.sources, lang, height=400, rule_changes=reads.rule_changes(db))


def national_kind_year(db: Database, kind: str, published_only: bool) -> pd.DataFrame:
    """Every region of a kind in the national years only (coverage rule, v_coverage): no distribution of two cities."""
    all_kind = explore.kind_year(db, kind, published_only)
    years = queries.national_years(db, published_only).get(kind, [])
    return all_kind[all_kind["year"].isin(years)]


def trend_distribution(
    db: Database, code: str, published_only: bool, lang: str, reads: Reads = DIRECT
) -> go.Figure | None:
    reg = queries.region(db, code)
    all_kind = reads.national_kind_year(db, reg["kind"], published_only)
    if all_kind.empty:
        return None
    comp = reads.compare(db, [code], published_only, lang)
    mine = comp.series[comp.series["score"].notna() & comp.series["year"].isin(all_kind["year"].unique())]
    fig = charts.distribution(all_kind, mine, comp.sources, lang)
    fig.update_layout(title_text=t("dist_title", lang, kind=t(f"kind_plural_{reg['kind']}", lang)))
    return fig


def trend_movers(db: Database, code: str, published_only: bool, lang: str, reads: Reads = DIRECT) -> go.Figure | None:
    reg = queries.region(db, code)
    all_kind = reads.national_kind_year(db, reg["kind"], published_only)
    years = sorted(all_kind["year"].unique().tolist())
    if len(years) < 2 or years[-1] - 1 not in years:
        return None
    year = int(years[-1])
    comp = reads.compare(db, [code], published_only, lang)
    up, down = explore.movers(all_kind, year)
    return charts.movers_bars(up, down, year, comp.sources, lang)


def target(
    db: Database,
    code: str,
    value: float,
    year: int,
    comparator: str,
    metric: str,
    gain: float | None,
    published_only: bool,
    predicate_named: str | None,
    source_id: str | None,
    lang: str,
    reads: Reads = DIRECT,
) -> go.Figure:
    rep = reads.report(db, code, value, year, comparator, metric, gain, published_only, predicate_named)
    return target_of_report(db, rep, source_id, published_only, lang, reads)


def target_of_report(
    db: Database, rep, source_id: str | None, published_only: bool, lang: str, reads: Reads = DIRECT
) -> go.Figure:
    """The Target chart of a report already built (the story has one; the page builds it from its arguments)."""
    from iid.target_chart import target_chart

    o = reads.overview(db, rep.region["code"], published_only)
    ids = sorted({*([source_id] if source_id else []), *o.sources["source_id"]})
    fig = target_chart(rep, reads.bands(db), charts.source_text(reads.sources(db, ids), lang), lang)
    if rep.metric == "iid_score":  # a change of bands or scoring rules is about the score, not a count of proposals
        charts.add_rule_changes(fig, reads.rule_changes(db), lang)
    return fig


BUILDERS: dict[str, Callable[..., go.Figure | None]] = {
    "overview_trend": overview_trend,
    "compare_latest": compare_latest,
    "compare_time": compare_time,
    "compare_heatmap": compare_heatmap,
    "compare_map": compare_map,
    "trend_main": trend_main,
    "trend_rank": trend_rank,
    "trend_distribution": trend_distribution,
    "trend_movers": trend_movers,
    "target": target,
}


def build(db: Database, name: str, *args, reads: Reads = DIRECT, screen: bool = True) -> go.Figure | None:
    """A chart for the screen: legend and source line fitted to a phone as well (charts.for_screens); screen=False
    gives it as built, the start of an image or the projector's copy (they dress it for their own size)."""
    fig = BUILDERS[name](db, *args, reads=reads)
    return charts.for_screens(fig) if fig is not None and screen else fig
