"""Speed figures, printed as one JSON object. Run with `make bench` (or `python bench/run.py`).

- build: seconds to build the database from data/*.csv (median of 3)
- overview queries at national scale (552 regions × 5 years × all indicators) and at 10× (synthetic copies of
  every region), p50/p95 in ms, per query and for the whole overview
- the same score series done in pandas on DataFrames already in memory, as a ratio (DuckDB time / pandas time);
  DuckDB reads a table materialised at build/import time (refresh_derived_ms is that refresh's cost), pandas
  recomputes the national picture per request
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from iid import queries  # noqa: E402
from iid.build import build, memory_db, refresh_derived  # noqa: E402
from iid.db import Database  # noqa: E402

DATA = ROOT / "data"


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def scale_up(db: Database, factor: int) -> None:
    """Add factor-1 synthetic copies of every region with all their scores, profiles and indicator levels."""
    with db.transaction() as cur:
        for i in range(1, factor):
            tag = f"x{i}"
            cur.execute(
                "insert into regions select code || ? , name || ' ' || ?, short_name || ' ' || ?, display_name || ' ' || ?,"
                " kind, province_code, autonomous, search_text from regions where code not like '%x%'",
                [tag, tag, tag, tag],
            )
            for table in ("iid_scores", "innovation_profiles", "indicator_scores"):
                cols = [r[0] for r in cur.execute(f"describe {table}").fetchall()]
                sel = ", ".join("region_code || ?" if c == "region_code" else c for c in cols)
                cur.execute(f"insert into {table} select {sel} from {table} where region_code not like '%x%'", [tag])
        refresh_derived(cur)


def pandas_overview(frames: dict[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """The overview's score series done in pandas: published wins over sample, band predicate, rank in kind."""
    s = frames["scores"]
    pub = s[~s["is_sample"]].groupby(["region_code", "year"])["score"].min().rename("pub")
    smp = s[s["is_sample"]].groupby(["region_code", "year"])["score"].first().rename("smp")
    eff = pd.concat([pub, smp], axis=1).reset_index()
    eff["score"] = eff["pub"].fillna(eff["smp"])
    eff = eff.merge(frames["regions"], left_on="region_code", right_on="code")
    eff = eff[eff["autonomous"]]
    eff["rank"] = eff.groupby(["kind", "year"])["score"].rank(ascending=False, method="min")
    b = frames["bands"]
    out = eff[eff["region_code"] == code].copy()
    preds = []
    for r in out.itertuples(index=False):
        yb = b[b["year"] == r.year].sort_values(["min_score", "min_inclusive"], ascending=[False, True])
        p = None
        for band in yb.itertuples(index=False):
            if r.score > band.min_score or (band.min_inclusive and r.score == band.min_score):
                p = band.predicate
                break
        preds.append(p)
    out["predicate"] = preds
    return out


def measure(db: Database, label: str, n: int = 60) -> dict:
    codes = db.df("select code from regions where autonomous")["code"].tolist()
    rng = random.Random(7)
    picks = [rng.choice(codes) for _ in range(n)]
    res: dict[str, float] = {}
    parts = {
        "scores": lambda c: queries.scores(db, [c]),
        "region": lambda c: queries.region(db, c),
        "targets": lambda c: queries.targets(db, c),
        "overview_total": lambda c: queries.overview(db, c),
    }
    for name, fn in parts.items():
        fn(picks[0])  # warm
        it = iter(picks)
        xs = timed(lambda fn=fn, it=it: fn(next(it)), n)
        res[f"{label}_{name}_p50_ms"] = round(pct(xs, 50), 2)
        res[f"{label}_{name}_p95_ms"] = round(pct(xs, 95), 2)
    frames = {
        "scores": db.df(
            "select i.region_code, i.year, i.score::double as score, s.kind = 'sample' as is_sample "
            "from iid_scores i join sources s using (source_id)"
        ),
        "regions": db.df("select code, kind, autonomous from regions"),
        "bands": db.df("select year, predicate, min_score::double as min_score, min_inclusive from predicate_bands"),
    }
    it_pd, it_duck = iter(picks), iter(picks)
    pd_times = timed(lambda: pandas_overview(frames, next(it_pd)), n)
    duck_times = timed(lambda: queries.scores(db, [next(it_duck)]), n)
    res[f"{label}_pandas_scores_p50_ms"] = round(pct(pd_times, 50), 2)
    res[f"{label}_duckdb_vs_pandas_scores_p50_ratio"] = round(pct(duck_times, 50) / pct(pd_times, 50), 3)

    def refresh() -> None:
        with db.transaction() as cur:
            refresh_derived(cur)

    res[f"{label}_refresh_derived_ms"] = round(statistics.median(timed(refresh, 5)), 2)
    res[f"{label}_iid_scores_rows"] = int(db.scalar("select count(*) from iid_scores"))
    res[f"{label}_indicator_rows"] = int(db.scalar("select count(*) from indicator_scores"))
    return res


def measure_targets(db: Database) -> dict:
    """What-if update and goal seek for one region, and the national 'who is on track' table for all regions."""
    from iid import whatif
    from iid.rules import compute
    from iid.targets import Target, TargetError, assess

    res: dict[str, float] = {}
    rules = queries.rule_years(db)
    base = queries.latest_profile(db, "65")
    inds = queries.indicators(db, base["year"])
    rule = rules[base["year"]]
    changed = whatif.apply(base["profile"], {"sid_replikasi": 3.0}, n=base["profile"].n_innovations + 3)
    res["whatif_update_ms_p50"] = round(pct(timed(lambda: compute(changed, rule, inds), 200), 50), 3)
    res["goal_seek_one_region_ms_p50"] = round(
        pct(timed(lambda: whatif.goal_seek(base["profile"], rule, inds, 65.01), 20), 50), 2
    )
    codes = db.df("select code from regions where autonomous")["code"].tolist()
    scores = db.df("select region_code, year, score::double as score from mv_scores where score is not null")

    def all_regions() -> int:
        profiles = queries.all_latest_profiles(db)
        on_track = 0
        for _code, grp in scores.groupby("region_code"):
            try:
                if assess(grp["year"].tolist(), grp["score"].tolist(), Target(65.0, 2029)).status in (
                    "on_track",
                    "achieved",
                ):
                    on_track += 1
            except TargetError:
                pass
        for _code, prof in profiles.items():
            if prof:
                whatif.goal_seek(prof["profile"], rules[prof["year"]], inds, 65.01)
        return on_track

    t0 = time.perf_counter()
    res["national_on_track_count"] = all_regions()
    res["national_status_and_goal_seek_all_regions_s"] = round(time.perf_counter() - t0, 2)
    res["regions_assessed"] = len(codes)
    return res


def measure_pages(db_file: Path) -> dict:
    """Rerun time of each page (AppTest, warm caches) as a ratio to an empty page's rerun."""
    import os

    from streamlit.testing.v1 import AppTest

    os.environ["IID_DB"] = str(db_file)
    res: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.py"
        empty.write_text("import streamlit as st\nst.write('x')\n")
        at = AppTest.from_file(str(empty), default_timeout=60).run()
        base = statistics.median(timed(lambda: at.run(), 15))
    res["empty_page_rerun_ms"] = round(base, 2)
    shell = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    shell.query_params["r"] = ""
    shell.switch_page("pages/compare.py")
    shell.run()
    shell_ms = statistics.median(timed(lambda: shell.run(), 7))
    res["app_shell_rerun_ms"] = round(shell_ms, 2)  # sidebar and picker, no region chosen
    codes = ["64.74", "61.71", "19.71", "64.71", "64.72", "61.72", "65.71", "63.71", "63.72", "62.71"]
    cases = {
        "overview": ("pages/overview.py", {"r": "64.74"}),
        "trend": ("pages/trend.py", {"r": "64.74"}),
        "target": ("pages/targets.py", {"r": "65"}),
    }
    for n in (2, 5, 10):
        cases[f"compare_{n}_regions"] = ("pages/compare.py", {"r": ",".join(codes[:n])})
        cases[f"compare_time_{n}_regions"] = (
            "pages/compare.py",
            {"r": ",".join(codes[:n]), "tab": "Dari waktu ke waktu"},
        )
    for name, (page, params) in cases.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page(page)
        at.run()
        ms = statistics.median(timed(lambda at=at: at.run(), 7))
        res[f"page_{name}_rerun_ms"] = round(ms, 1)
        res[f"page_{name}_rerun_ratio_to_empty"] = round(ms / base, 2)
        res[f"page_{name}_rerun_ratio_to_app_shell"] = round(ms / shell_ms, 2)
    return res


def measure_browser(db_file: Path) -> dict:
    """Seconds from opening a URL to the first chart drawn, on a warm server (Debian's Chromium)."""
    import shutil

    chromium = shutil.which("chromium")
    if not chromium:
        return {"browser_first_chart_s": None}
    from playwright.sync_api import sync_playwright

    from iid.serve import Server

    res: dict[str, float] = {}
    with Server(str(db_file)) as base:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium, args=["--disable-gpu", "--disable-background-networking"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            for path, key in (
                ("/?r=61.71", "overview"),
                ("/bandingkan?r=64.74,61.71", "compare"),
                ("/target?r=65", "target"),
            ):
                url = f"{base}{path}"
                page.goto(url)  # warm
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
                times = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    page.goto(url)
                    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
                    times.append(time.perf_counter() - t0)
                res[f"browser_first_chart_{key}_s"] = round(statistics.median(times), 2)
            browser.close()
    return res


def measure_exports(db: Database) -> dict:
    """Seconds per chart image on a warm renderer, and per PowerPoint deck."""
    import shutil

    if not shutil.which("chromium"):
        return {"export_png_warm_s": None}
    from iid import export, figures
    from iid.story import build_story

    fig = figures.overview_trend(db, "64.74", False, "id")
    export.image(fig)  # starts the renderer
    res = {
        "export_png_1920_warm_s": round(statistics.median(timed(lambda: export.image(fig), 5)) / 1000, 3),
        "export_svg_warm_s": round(statistics.median(timed(lambda: export.image(fig, "svg"), 5)) / 1000, 3),
    }
    t0 = time.perf_counter()
    screens = build_story(db, "65")
    res["story_build_s"] = round(time.perf_counter() - t0, 2)
    res["deck_s"] = round(
        statistics.median(timed(lambda: export.deck(screens, "Provinsi Kalimantan Utara"), 3)) / 1000, 2
    )
    res["deck_slides"] = len(screens)
    return res


def measure_imports(db: Database) -> dict:
    """Import (preview + write) of every region × 2021–2025 scores, and of every indicator of every region for a year."""
    from iid import dataio

    scores = db.df(
        "select region_code, year, round(score::double + 0.5, 2) as score from mv_scores where score is not null"
    )
    data = (
        scores.rename(columns={"region_code": "kode", "year": "tahun", "score": "skor"})
        .to_csv(index=False, sep=";", decimal=",")
        .encode()
    )
    t0 = time.perf_counter()
    pv = dataio.preview(db, data, "skor.csv", "scores")
    t1 = time.perf_counter()
    res = dataio.apply(db, pv)
    t2 = time.perf_counter()
    out = {
        "import_scores_rows": len(scores),
        "import_scores_preview_s": round(t1 - t0, 2),
        "import_scores_write_s": round(t2 - t1, 2),
        "import_scores_total_s": round(t2 - t0, 2),
    }
    t0 = time.perf_counter()
    dataio.undo(db, res.import_id)
    out["undo_scores_s"] = round(time.perf_counter() - t0, 2)
    ind = db.df(
        "select region_code, year, indicator_code as indicator, round(level::double * 0.9, 3) as level from indicator_scores "
        "where year = 2025 and superseded_by is null"
    )
    data = ind.to_csv(index=False).encode()
    t0 = time.perf_counter()
    res = dataio.apply(db, dataio.preview(db, data, "indikator.csv", "indicators"))
    out["import_indicators_rows"] = len(ind)
    out["import_indicators_total_s"] = round(time.perf_counter() - t0, 2)
    dataio.undo(db, res.import_id)
    return out


def measure_register(tmp: Path) -> dict:
    """The Inovasi page's rerun with a 10.000-innovation register, against an empty page and the app shell."""
    import os

    from streamlit.testing.v1 import AppTest

    db_file = tmp / "register.duckdb"
    build(DATA, db_file)
    db = Database(db_file)
    with db.transaction() as cur:
        cur.execute(
            """insert into innovations
               select 'BIG-' || g.i || '-' || i.innovation_id, '64.74', unit, unit_type, title || ' #' || g.i, form, digital,
                      urusan, stage, year_proposed, proposed_on, year_applied, competitions, has_team, has_sop, has_budget,
                      evidence, status, source_id
               from innovations i, range(1, 78) g(i) where i.region_code = '64.74'"""
        )
    n = db.scalar("select count(*) from innovations where region_code = '64.74'")
    db.close()
    os.environ["IID_DB"] = str(db_file)
    res = {"register_rows": int(n)}
    empty = tmp / "empty.py"
    empty.write_text("import streamlit as st\nst.write('x')\n")
    at = AppTest.from_file(str(empty), default_timeout=60).run()
    base = statistics.median(timed(lambda: at.run(), 15))
    for tab in ("Register", "Komitmen", "Portofolio"):
        page = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        page.query_params["r"], page.query_params["y"], page.query_params["itab"] = "64.74", "2025", tab
        page.switch_page("pages/innovations.py")
        page.run()
        ms = statistics.median(timed(lambda page=page: page.run(), 5))
        res[f"register_10k_{tab.lower()}_rerun_ms"] = round(ms, 1)
        res[f"register_10k_{tab.lower()}_ratio_to_empty"] = round(ms / base, 1)
    return res


def main() -> None:
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        secs = []
        for i in range(3):
            secs.append(build(DATA, Path(tmp) / f"b{i}.duckdb").seconds)
        out["build_seconds_median"] = round(statistics.median(secs), 3)
    db = memory_db(DATA)
    out.update(measure(db, "national"))
    out.update(measure_targets(db))
    out.update(measure_exports(db))
    out.update(measure_imports(db))
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "pages.duckdb"
        build(DATA, db_file)
        out.update(measure_pages(db_file))
        served = Path(tmp) / "served.duckdb"  # the server process needs its own file (DuckDB allows one writer)
        build(DATA, served)
        out.update(measure_browser(served))
        out.update(measure_register(Path(tmp)))
    scale_up(db, 10)
    out.update(measure(db, "x10"))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
