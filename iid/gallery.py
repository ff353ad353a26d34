"""Every chart for the hard cases, as images to look at: `python -m iid gallery DIR`.

The cases are the ones that broke exports before: the longest region names written out in full (Kabupaten
Kepulauan Siau Tagulandang Biaro, Kabupaten Pangkajene dan Kepulauan), ten regions at once, published and sample
figures together, and English. Each chart is written as PNG 1920×1080, a slide-size PNG and SVG (the SVG is what a
test checks: nothing outside the canvas). The database is an in-memory copy of data/, with the long names written
out, so nothing the app serves changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from iid import explore, figures, queries
from iid.db import Database

# the longest names the register holds, written out as people write them on a slide
LONG_NAMES = {
    "71.09": "Kabupaten Kepulauan Siau Tagulandang Biaro",
    "73.10": "Kabupaten Pangkajene dan Kepulauan",
    "16.12": "Kabupaten Penukal Abab Lematang Ilir",
    "71.11": "Kabupaten Bolaang Mongondow Selatan",
    "16.09": "Kabupaten Ogan Komering Ulu Selatan",
}
TEN = ("71.09", "73.10", "64.74", "61.71", "19.71", "16.12", "71.11", "16.09", "11.09", "64.72")


@dataclass(frozen=True)
class Case:
    name: str
    codes: tuple[str, ...]  # the first is the one region of one-region charts
    lang: str


CASES = (
    Case("long", ("71.09", "73.10"), "id"),
    Case("ten", TEN, "id"),
    Case("mixed", ("64.74", "19.71", "65"), "id"),  # published and sample years, events, rule changes, targets
    Case("en", TEN, "en"),
)


def database(data_dir: Path) -> Database:
    """data/ in memory, with the long names written out in full."""
    from iid.build import memory_db

    db = memory_db(data_dir)
    with db.transaction() as cur:
        for code, name in LONG_NAMES.items():
            for table, key in (
                ("regions", "code"),
                ("mv_scores", "region_code"),
                ("mv_scores_published", "region_code"),
            ):
                cur.execute(f"update {table} set display_name = ? where {key} = ?", [name, code])  # fixed names
        db.bump(cur, "scores")
    return db


def _target_args(db: Database, code: str) -> tuple:
    """The region's own IID target if it has one, else a made-up one (70 in 2029) so the chart is drawn."""
    tg = queries.targets(db, code)
    tg = tg[tg["metric"] == "iid_score"] if not tg.empty else tg
    if not tg.empty:
        r = tg.iloc[0]
        return (float(r["value"]), int(r["target_year"]), r["comparator"], "iid_score", None, False, None, None)
    return (70.0, 2029, ">=", "iid_score", None, False, None, None)


def charts_for(db: Database, case: Case) -> Iterator[tuple[str, go.Figure]]:
    """(name, figure) for every chart builder, and the story's own charts, in this case."""
    from iid.story import build_story

    one, codes, lang = case.codes[0], case.codes, case.lang
    comp = explore.compare(db, list(codes), False, lang)
    years = sorted(int(y) for y in comp.series["year"].unique())
    calls: list[tuple[str, Callable[[], go.Figure | None]]] = [
        ("overview_trend", lambda: figures.overview_trend(db, one, False, lang)),
        ("trend_main", lambda: figures.trend_main(db, one, False, lang)),
        ("trend_rank", lambda: figures.trend_rank(db, one, False, lang)),
        ("trend_distribution", lambda: figures.trend_distribution(db, one, False, lang)),
        ("trend_movers", lambda: figures.trend_movers(db, one, False, lang)),
        ("target", lambda: figures.target(db, one, *_target_args(db, one), lang)),
        ("compare_latest", lambda: figures.compare_latest(db, codes, False, lang)),
        ("compare_time", lambda: figures.compare_time(db, codes, False, lang, (years[0], years[-1]))),
        ("compare_rank", lambda: figures.compare_time(db, codes, False, lang, (years[0], years[-1]), "rank")),
        ("compare_heatmap", lambda: figures.compare_heatmap(db, codes, lang)),
        ("compare_map", lambda: figures.compare_map(db, codes, comp.year or years[-1], "score", False, lang)),
        ("compare_map_predicate", lambda: figures.compare_map(db, codes, years[-1], "predicate", False, lang)),
    ]
    for name, make in calls:
        fig = make()
        if fig is not None:
            yield name, fig
    for screen in build_story(db, one, lang):
        if screen.figure is not None and screen.key in ("score", "peers", "scenario"):
            yield f"story_{screen.key}", screen.figure
    yield from _register_charts(db, one, lang)


def _register_charts(db: Database, code: str, lang: str) -> Iterator[tuple[str, go.Figure]]:
    """The innovation register's charts (stage funnel, bars by form, urusan and year), as the Inovasi page draws
    them, for the first region of the case that has a register (the shipped sample has three cities)."""
    from iid import register

    for c in (code, "64.74"):
        reg = register.register(db, c)
        if not reg.empty:
            view = register.portfolio_view(reg, int(reg["year_proposed"].max()), lang)
            yield from (
                ("inv_funnel", view.funnel),
                ("inv_form", view.form),
                ("inv_urusan", view.urusan),
                ("inv_by_year", view.by_year),
            )
            return


def render(
    out: Path,
    cases: tuple[Case, ...] = CASES,
    formats: tuple[str, ...] = ("png", "slide", "svg"),
    data_dir: Path | None = None,
) -> list[Path]:
    """Write every chart of every case under out/<case>/; returns the files written."""
    from iid import export, settings

    db = database(Path(data_dir or settings.data_dir()))
    sizes = {
        "png": ("png", *export.FULL_HD),
        "slide": ("png", export.SLIDE_W, export.SLIDE_H),
        "svg": ("svg", *export.FULL_HD),
    }
    written = []
    for case in cases:
        folder = out / case.name
        folder.mkdir(parents=True, exist_ok=True)
        for name, fig in charts_for(db, case):
            for f in formats:
                kind, w, h = sizes[f]
                path = folder / f"{name}{'_slide' if f == 'slide' else ''}.{kind}"
                path.write_bytes(export.image(fig, kind, w, h))
                written.append(path)
    db.close()
    return written
