"""Comparing regions and following them over time: peers, context averages, ranks, indicator gaps, movers.

Plain Python over the database; every figure keeps a flag saying whether sample data is in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from iid import queries
from iid.db import Database
from iid.errors import UnknownRegion
from iid.values import is_missing, py, record, records, text

MAX_REGIONS = 10

# published_only → the table to read (allow-list, as in queries)
_T = queries.SCORE_VIEWS

KIND_YEAR = {
    v: f"""
select region_code, year, display_name, short_name, kind, province_code, score::double as score, predicate,
       score_is_sample, coalesce(published_rank, computed_rank) as rank, case when published_rank is not null then published_rank_of else computed_rank_of end as rank_of
from {v} where kind = ? and score is not null order by year, score desc
"""
    for v in _T.values()
}

AVERAGES = {
    v: f"""
select year, kind, 'national' as scope, avg(score)::double as average, count(score) as n, bool_or(score_is_sample) as has_sample
from {v} where kind in (select unnest(?)) and score is not null group by year, kind
union all
select year, 'kabkota' as kind, province_code as scope, avg(score)::double, count(score), bool_or(score_is_sample)
from {v} where province_code in (select unnest(?)) and kind <> 'provinsi' and score is not null
group by year, province_code
order by year, scope <> 'national', kind, scope
"""
    for v in _T.values()
}

LATEST_YEAR = {v: f"select max(year) from {v} where score is not null" for v in _T.values()}

PROVINCES_YEAR = {
    v: f"""
select r.code as region_code, r.short_name, r.display_name, s.score::double as score, s.predicate,
       coalesce(s.score_is_sample, false) as score_is_sample, coalesce(s.published_rank, s.computed_rank) as rank
from regions r left join {v} s on s.region_code = r.code and s.year = ?
where r.kind = 'provinsi' order by r.code
"""
    for v in _T.values()
}

RANKING = {
    v: f"""
select region_code, display_name, province_code, score::double as score, predicate, score_is_sample,
       coalesce(published_rank, computed_rank) as rank, case when published_rank is not null then published_rank_of else computed_rank_of end as rank_of,
       published_sources
from {v} where kind = ? and year = ? and score is not null order by score desc, region_code
"""
    for v in _T.values()
}


def latest_year(db: Database, published_only: bool = False) -> int:
    return int(db.scalar(LATEST_YEAR[_T[published_only]]))


def kind_year(db: Database, kind: str, published_only: bool = False) -> pd.DataFrame:
    """Every region of one kind, every year with a score (national context)."""
    return db.df(KIND_YEAR[_T[published_only]], [kind])


def averages(db: Database, kinds: list[str], provinces: list[str], published_only: bool = False) -> pd.DataFrame:
    return db.df(AVERAGES[_T[published_only]], [kinds, provinces])


def provinces_year(db: Database, year: int, published_only: bool = False) -> pd.DataFrame:
    return db.df(PROVINCES_YEAR[_T[published_only]], [year])


def ranking(db: Database, kind: str, year: int, published_only: bool = False) -> pd.DataFrame:
    return db.df(RANKING[_T[published_only]], [kind, year])


KINDS = ("provinsi", "kabupaten", "kota")


class Reads(queries.Reads):
    """What a comparison reads that other selections read too: direct queries here (see queries.Reads)."""

    def kind_year(self, db: Database, kind: str, published_only: bool) -> pd.DataFrame:
        return kind_year(db, kind, published_only)

    def averages(self, db: Database, kinds: list[str], provinces: list[str], published_only: bool) -> pd.DataFrame:
        return averages(db, kinds, provinces, published_only)


DIRECT = Reads()


_ALL_ROWS = {"targets": queries.ALL_TARGETS, "commitments": queries.ALL_COMMITMENTS, "events": queries.ALL_EVENTS}
_UNMASKED = {"Int8": "int8", "Int16": "int16", "Int32": "int32", "Int64": "int64", "boolean": "bool"}


def as_queried(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows cut from a query's frame, as the same query asking for those rows alone would have given them.

    DuckDB picks a column's pandas type from the rows it returns: an integer or boolean column with a missing value
    is nullable (Int32, boolean), without one plain (int32, bool); a text column without any value (or without rows)
    is object holding None, else str. A cut keeps the whole table's types, so they are set again here.
    """
    out = rows.reset_index(drop=True)
    for name, dtype in out.dtypes.items():
        col = out[name]
        if str(dtype) in _UNMASKED:
            if not col.hasnans:
                out[name] = col.astype(_UNMASKED[str(dtype)])
        elif isinstance(dtype, pd.StringDtype) and (out.empty or col.isna().all()):
            out[name] = pd.Series([None] * len(out), dtype=object)
    return out


class Shared(Reads):
    """The same reads cut from whole tables: every region's scores, every average, every source, each read once.

    The app keeps the whole tables once per data version for every region and session (iid.ui.SharedReads
    overrides the all_* methods with its caches); here they are read on each call, which tests use to show the cut
    equals the direct query. The tables are shared: a cut is always a new frame, never a view to write into.
    """

    def all_scores(self, db: Database, published_only: bool) -> pd.DataFrame:
        return db.df(queries.ALL_SCORES[_T[published_only]])

    def all_sources(self, db: Database) -> pd.DataFrame:
        return db.df(queries.ALL_SOURCES)

    def all_averages(self, db: Database, published_only: bool) -> pd.DataFrame:
        """AVERAGES of every kind and every province (the same query, so the same values)."""
        provinces = sorted(self.regions_by_code(db)["province_code"].dropna().unique().tolist())
        return averages(db, list(KINDS), provinces, published_only)

    def all_region_rows(self, db: Database, table: str) -> pd.DataFrame:
        """Every region's stored targets, commitments or events (queries.ALL_TARGETS and the others)."""
        return db.df(_ALL_ROWS[table])

    def _region_rows(self, db: Database, table: str, code: str) -> pd.DataFrame:
        rows = self.all_region_rows(db, table)
        return as_queried(rows[rows["region_code"] == code])

    def targets(self, db: Database, code: str) -> pd.DataFrame:
        return self._region_rows(db, "targets", code)

    def commitments(self, db: Database, code: str) -> pd.DataFrame:
        return self._region_rows(db, "commitments", code)

    def events(self, db: Database, code: str) -> pd.DataFrame:
        return self._region_rows(db, "events", code)

    def national_averages(self, db: Database, published_only: bool) -> dict[tuple[str, int], dict]:
        """(kind, year) → average, n and has_sample, as queries.Reads.kind_average gives them."""
        refs = self.all_averages(db, published_only)
        nat = refs[refs["scope"] == "national"]
        return {
            (k, int(y)): {"average": py(a), "n": int(n), "has_sample": py(h)}
            for k, y, a, n, h in zip(nat["kind"], nat["year"], nat["average"], nat["n"], nat["has_sample"], strict=True)
        }

    def region(self, db: Database, code: str) -> dict:
        regs = self.regions_by_code(db)
        if code not in regs.index:
            raise UnknownRegion(code)
        return {"code": code, **record(regs.loc[code])}

    def scores(self, db: Database, codes: list[str], published_only: bool) -> pd.DataFrame:
        s = self.all_scores(db, published_only)
        return as_queried(s[s["region_code"].isin(codes)])

    def sources(self, db: Database, ids: list[str]) -> pd.DataFrame:
        s = self.all_sources(db)
        return as_queried(s[s["source_id"].isin(set(ids))])

    def averages(self, db: Database, kinds: list[str], provinces: list[str], published_only: bool) -> pd.DataFrame:
        refs = self.all_averages(db, published_only)
        national = refs["scope"] == "national"
        keep = (national & refs["kind"].isin(kinds)) | (~national & refs["scope"].isin(provinces))
        return as_queried(refs[keep])

    def kind_average(self, db: Database, kind: str, year: int, published_only: bool) -> dict:
        found = self.national_averages(db, published_only).get((kind, int(year)))
        return dict(found) if found else {"average": None, "n": 0, "has_sample": None}


@dataclass
class Standing:
    """Where one region stands in one year: rank and percentile nationally (same kind) and in its province."""

    code: str
    score: float | None
    rank_national: int | None
    of_national: int
    percentile_national: float | None  # share of same-kind regions it scores at or above (0–1)
    rank_province: int | None
    of_province: int

    @property
    def national_rank_text(self) -> str | None:
        """'3/98'; '1' for a published rank that does not say how many were ranked; None without a rank."""
        if self.rank_national is None:
            return None
        return f"{self.rank_national}/{self.of_national}" if self.of_national else str(self.rank_national)


def standings(all_kind_year: pd.DataFrame, codes: list[str], year: int) -> dict[str, Standing]:
    """Rank and percentile of each region among all regions of its kind, nationally and within its province."""
    out = {}
    yr = all_kind_year[all_kind_year["year"] == year]
    for code in codes:
        row = yr[yr["region_code"] == code]
        if row.empty:
            out[code] = Standing(code, None, None, len(yr), None, None, 0)
            continue
        score = float(row["score"].iloc[0])
        prov = yr[yr["province_code"] == row["province_code"].iloc[0]]
        out[code] = Standing(
            code=code,
            score=score,
            rank_national=int((yr["score"] > score).sum()) + 1,
            of_national=len(yr),
            percentile_national=float((yr["score"] <= score).mean()),
            rank_province=int((prov["score"] > score).sum()) + 1,
            of_province=len(prov),
        )
    return out


def peers(db: Database, code: str, how: str, published_only: bool = False, limit: int = MAX_REGIONS) -> list[str]:
    """Quick picks: 'kind' (nearest scores of the same kind), 'province', 'predicate', 'top10' (national top of the kind)."""
    reg = queries.region(db, code)
    data = kind_year(db, reg["kind"], published_only)
    if data.empty:
        return [code]
    year = int(data["year"].max())
    yr = data[data["year"] == year]
    mine = yr[yr["region_code"] == code]
    if how == "top10":
        picks = yr.head(limit)["region_code"].tolist()
    elif how == "province":
        picks = [code] + yr[(yr["province_code"] == reg["province_code"]) & (yr["region_code"] != code)][
            "region_code"
        ].tolist()
    elif how == "predicate" and not mine.empty:
        same = yr[(yr["predicate"] == mine["predicate"].iloc[0]) & (yr["region_code"] != code)]
        same = same.assign(d=(same["score"] - float(mine["score"].iloc[0])).abs()).sort_values(["d", "region_code"])
        picks = [code] + same["region_code"].tolist()
    elif how == "kind" and not mine.empty:
        others = yr[yr["region_code"] != code]  # the distances of these rows only: assigning a longer Series to an
        near = others.assign(d=(others["score"] - float(mine["score"].iloc[0])).abs())  # empty frame adopts its rows
        picks = [code] + near.sort_values(["d", "region_code"])["region_code"].tolist()
    else:
        picks = [code]
    return picks[:limit]


def movers(all_kind_year: pd.DataFrame, year: int, n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Biggest rises and falls from the year before, among regions with a score in both years."""
    a = all_kind_year[all_kind_year["year"] == year - 1][["region_code", "score"]].rename(columns={"score": "before"})
    b = all_kind_year[all_kind_year["year"] == year][["region_code", "display_name", "score", "score_is_sample"]]
    m = b.merge(a, on="region_code")
    m["change"] = m["score"] - m["before"]
    up = m.sort_values(["change", "region_code"], ascending=[False, True]).head(n)
    down = m.sort_values(["change", "region_code"], ascending=[True, True]).head(n)
    return up, down


INDICATOR_POINTS = """
with latest as (
    select region_code, max(year) as year from innovation_profiles
    where region_code in (select unnest(?)) and superseded_by is null group by region_code
)
select i.region_code, i.year, ind.code, ind.aspect, ind.name, ind.name_en, ind.number, ind.weight, ind.max_level,
       least(i.level, ind.max_level)::double as level, ip.n_innovations, ry.k_min, ry.max_total,
       s.kind = 'sample' as is_sample
from latest l
join indicator_scores i on i.region_code = l.region_code and i.year = l.year and i.superseded_by is null
join innovation_profiles ip on ip.region_code = i.region_code and ip.year = i.year and ip.superseded_by is null
join indicators ind on ind.rule_year = i.year and ind.code = i.indicator_code
join rule_years ry on ry.year = i.year
join sources s on s.source_id = i.source_id
"""


def indicator_matrix(db: Database, codes: list[str]) -> pd.DataFrame:
    """IID points earned and the maximum per region and indicator (latest year with indicator data).

    Points are on the IID scale (0–100 in total): weight × level (× n / MAX(k, n) for per-innovation indicators)
    / max_total × 100. 'loss_vs_best' is how many points a region is behind the best of the selected regions.
    """
    df = db.df(INDICATOR_POINTS, [codes])
    if df.empty:
        return df
    factor = (df["n_innovations"] / df[["k_min", "n_innovations"]].max(axis=1)).where(df["aspect"] == "SID", 1.0)
    df["points"] = df["weight"] * df["level"] * factor / df["max_total"] * 100
    df["max_points"] = df["weight"] * df["max_level"] / df["max_total"] * 100
    df["loss"] = df["max_points"] - df["points"]
    best = df.groupby("code")["points"].transform("max")
    df["loss_vs_best"] = best - df["points"]
    return df


def indicator_order(matrix: pd.DataFrame) -> list[str]:
    """Indicators where the selected regions lose most against their best peer come first."""
    if matrix.empty:
        return []
    order = matrix.groupby("code").agg(gap=("loss_vs_best", "max"), loss=("loss", "sum"), num=("number", "first"))
    return order.sort_values(["gap", "loss", "num"], ascending=[False, False, True]).index.tolist()


def weakest(matrix: pd.DataFrame, code: str, n: int = 3) -> pd.DataFrame:
    """A region's n indicators that cost it most points against their maximum."""
    m = matrix[matrix["region_code"] == code]
    return m.sort_values(["loss", "number"], ascending=[False, True]).head(n)


@dataclass
class Comparison:
    codes: list[str]
    series: pd.DataFrame  # all years of the chosen regions
    year: int
    latest: pd.DataFrame  # one row per chosen region for `year`
    standings: dict[str, Standing]
    refs: pd.DataFrame  # context averages: kind, scope ('national' or a province code), year, average
    ref_names: dict[tuple[str, str], str]
    sources: pd.DataFrame
    has_sample: bool
    coverage: dict[str, dict] = field(default_factory=dict)  # per kind: queries.coverage() of `year`
    has_own: bool = False
    coverage_years: dict[tuple[str, int], dict] = field(default_factory=dict)  # (kind, year) → coverage()


def compare_year(
    db: Database, codes: list[str], kinds: list[str], published_only: bool = False, national: dict | None = None
) -> int:
    """The year a comparison stands on: the latest national year of the chosen kinds (see v_coverage).

    Where no year is national (published-only data covers a few regions a year), the latest year in which a chosen
    region has a score; else the latest year with any score.
    """
    national = national if national is not None else queries.national_years(db, published_only)
    years = [y for k in kinds for y in national.get(k, [])]
    if years:
        return max(years)
    mine = db.scalar(LATEST_YEAR_OF[_T[published_only]], [codes])
    return int(mine) if mine is not None else latest_year(db, published_only)


LATEST_YEAR_OF = {
    v: f"select max(year) from {v} where score is not null and region_code in (select unnest(?))" for v in _T.values()
}


def compare(
    db: Database, codes: list[str], published_only: bool = False, lang: str = "id", reads: Reads = DIRECT
) -> Comparison:
    """The chosen regions side by side. `reads` gives what other selections read too (the app's: shared)."""
    from iid.i18n import t

    series = reads.scores(db, codes, published_only)
    order = {c: i for i, c in enumerate(codes)}  # the selection's order gives each region its colour in every chart
    series = (
        series.assign(_order=series["region_code"].map(order)).sort_values(["_order", "year"]).drop(columns="_order")
    )
    series["score"] = series["score"].astype(float)
    # a published rank keeps its own "of" (or none); a computed rank never lends its "of" to a published one
    has_pub = series["published_rank"].notna()
    series["rank"] = series["published_rank"].where(has_pub, series["computed_rank"])
    series["rank_of"] = series["published_rank_of"].where(has_pub, series["computed_rank_of"])
    regs = reads.regions_by_code(db)
    kinds = sorted({regs.loc[c, "kind"] for c in codes})
    known = reads.coverage_all(db, published_only)  # read once: the year, the notes and the averages use it
    national = queries.national_years(db, published_only, known)
    year = compare_year(db, codes, kinds, published_only, national)
    latest = pd.DataFrame({"region_code": codes}).merge(series[series["year"] == year], on="region_code", how="left")
    latest["display_name"] = latest["region_code"].map(regs["display_name"])
    latest["score_is_sample"] = latest["score_is_sample"].fillna(False).astype(bool)
    latest["score_is_own"] = latest["score_is_own"].fillna(False).astype(bool)
    stand: dict[str, Standing] = {}
    coverage = {kind: queries.coverage(db, kind, year, published_only, known) for kind in kinds}
    by_year = {k: v for k, v in known.items() if k[0] in kinds}
    for kind in kinds:
        mine = [c for c in codes if regs.loc[c, "kind"] == kind]
        if coverage[kind]["national"]:
            stand |= standings(reads.kind_year(db, kind, published_only), mine, year)
        else:  # not a national year: no rank or percentile computed from a few regions
            for code in mine:
                row = records(latest[latest["region_code"] == code])
                score = row[0]["score"] if row else None
                stand[code] = Standing(code, score, None, coverage[kind]["n"], None, None, 0)
    if published_only:
        # ranks computed over the few published scores would mislead: only published ranks are shown
        for code, st_ in stand.items():
            row = records(latest[latest["region_code"] == code])
            r = row[0] if row else {}
            pub_rank, pub_of = r.get("published_rank"), r.get("published_rank_of")
            rank, of = (int(pub_rank) if pub_rank is not None else None), (int(pub_of) if pub_of else 0)
            # the share of the kind it ranks at or above, read from the published rank itself
            pct = (of - rank + 1) / of if rank is not None and of else None
            stand[code] = Standing(code, st_.score, rank, of, pct, None, 0)
    provinces = sorted({regs.loc[c, "province_code"] for c in codes if regs.loc[c, "kind"] != "provinsi"})
    refs = reads.averages(db, kinds, provinces, published_only)
    refs = refs[refs["n"] >= 3]
    keep = [
        scope != "national" or int(y) in national.get(k, [])
        for k, scope, y in zip(refs["kind"], refs["scope"], refs["year"], strict=True)
    ]
    refs = refs[pd.Series(keep, index=refs.index, dtype=bool)]
    names = {}
    for kind, scope in refs[["kind", "scope"]].drop_duplicates().itertuples(index=False):
        if scope == "national":
            names[(kind, scope)] = t("ref_national", lang, kind=t(f"kind_plural_{kind}", lang))
        else:
            names[(kind, scope)] = t("ref_province", lang, prov=regs.loc[scope, "short_name"])
    return Comparison(
        codes,
        series,
        year,
        latest,
        stand,
        refs,
        names,
        reads.sources(db, queries.source_ids(series)),
        bool(series["score_is_sample"].fillna(False).any()),
        coverage,
        bool(series["score_is_own"].fillna(False).any()),
        by_year,
    )


def summary(
    series: pd.DataFrame,
    kind: str,
    lang: str = "id",
    bands: dict | None = None,
    coverage: dict[tuple[str, int], dict] | None = None,
) -> list[str]:
    """Sentences about one region over time, written from its data: the latest year first, then the long run."""
    from iid import fmt, narrative
    from iid.i18n import predicate_label, t

    rows = records(series.sort_values("year"))
    shown = [r for r in rows if r["score"] is not None or r["predicate"] is not None]
    out = []
    if shown:
        cur = shown[-1]
        prev = next((r for r in shown if r["year"] == cur["year"] - 1), None)
        cov = (coverage or {}).get((kind, int(cur["year"])))
        out.append(narrative.year_sentence(cur, prev, bands or {}, kind, cov, lang))
    scored = [r for r in rows if r["score"] is not None]
    if len(scored) >= 2:
        a, b = scored[0], scored[-1]
        delta = b["score"] - a["score"]
        direction = t("dir_up", lang) if delta > 0 else t("dir_down", lang) if delta < 0 else t("dir_flat", lang)
        out.append(
            t(
                "sum_change",
                lang,
                name=shown[-1]["display_name"],
                direction=direction,
                delta=fmt.number(abs(delta), 2, lang),
                first=int(a["year"]),
                a=fmt.score(a["score"], lang),
                last=int(b["year"]),
                b=fmt.score(b["score"], lang),
            )
        )
    if scored:
        best = max(scored, key=lambda r: (r["score"], r["year"]))
        out.append(t("sum_best", lang, year=int(best["year"]), score=fmt.score(best["score"], lang)))
    with_pred = [r for r in rows if r["predicate"] is not None]
    if len(with_pred) >= 2:
        years: dict[str, list[str]] = {}
        for r in with_pred:
            years.setdefault(r["predicate"], []).append(str(int(r["year"])))
        items = "; ".join(f"{predicate_label(p, lang)}: {', '.join(ys)}" for p, ys in years.items())
        out.append(t("sum_years_in", lang, items=items))
    return out


def has_ranks(series: pd.DataFrame) -> bool:
    """Whether any year of the series has a rank (published or computed) to draw."""
    return bool(series["rank"].notna().any()) if "rank" in series else False


def has_latest_scores(comp: Comparison) -> bool:
    """Whether any chosen region has a score in the comparison's year (else the latest bars would be empty)."""
    return bool(comp.latest["score"].notna().any())


def yearly_changes(series: pd.DataFrame, lang: str = "id") -> list[dict]:
    """Year, score and change from the year before, formatted, for the years with a score."""
    from iid import fmt
    from iid.i18n import t

    rows = [r for r in records(series.sort_values("year")) if r["score"] is not None]
    out, prev = [], None
    for r in rows:
        change = r["score"] - prev["score"] if prev is not None and prev["year"] == r["year"] - 1 else None
        out.append(
            {
                t("table_year", lang): int(r["year"]),
                t("table_score", lang): fmt.score(r["score"], lang),
                t("axis_change", lang): fmt.signed(change, 2, lang),
            }
        )
        prev = r
    return out


def table(comp: Comparison, lang: str = "id") -> pd.DataFrame:
    """The numbers behind the charts, one row per region and year, for the Table tab and its CSV."""
    from iid import narrative
    from iid.i18n import predicate_label

    rows = records(comp.series.sort_values(["region_code", "year"]))
    names = {r["source_id"]: text(r["publisher"]) or text(r["title"]) for r in records(comp.sources)}
    en = lang == "en"
    cols = {
        "code": "Code" if en else "Kode",
        "region": "Region" if en else "Daerah",
        "year": "Year" if en else "Tahun",
        "score": "Score" if en else "Skor",
        "predicate": "Predicate" if en else "Predikat",
        "rank": "Rank" if en else "Peringkat",
        "of": "Of" if en else "Dari",
        "rank_basis": "Rank basis" if en else "Dasar peringkat",
        "kind": "Kind of figure" if en else "Jenis angka",
        "sources": "Sources" if en else "Sumber",
    }
    return pd.DataFrame(
        [
            {
                cols["code"]: r["region_code"],
                cols["region"]: r["display_name"],
                cols["year"]: int(r["year"]),
                cols["score"]: round(r["score"], 2) if r["score"] is not None else None,
                cols["predicate"]: predicate_label(r["predicate"], lang) if r["predicate"] else "–",
                cols["rank"]: str(int(r["rank"])) if r["rank"] is not None else "–",
                cols["of"]: str(int(r["rank_of"])) if r["rank_of"] is not None else "–",
                cols["rank_basis"]: narrative.rank_basis(r, lang) if r["rank"] is not None else "–",
                cols["kind"]: narrative.kind_label(r, lang) if r["score"] is not None else "–",
                cols["sources"]: "; ".join(
                    dict.fromkeys(
                        names.get(i, i)
                        for i in (r["published_sources"] or r["own_sources"] or r["sample_source"] or "").split(",")
                        if i
                    )
                )
                or "–",
            }
            for r in rows
        ],
        columns=list(cols.values()),
    )


def ranking_table(rk: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    from iid.i18n import predicate_label

    en = lang == "en"
    return pd.DataFrame(
        {
            ("Rank" if en else "Peringkat"): rk["rank"].map(lambda r: str(int(r)) if not is_missing(r) else "–"),
            ("Region" if en else "Daerah"): rk["display_name"],
            ("Score" if en else "Skor"): rk["score"].round(2),
            ("Predicate" if en else "Predikat"): rk["predicate"].map(
                lambda p: predicate_label(p, lang) if isinstance(p, str) else "–"
            ),
            ("Sample data" if en else "Data contoh"): rk["score_is_sample"].astype(bool),
        }
    )


def standings_table(comp: Comparison, lang: str = "id") -> list[dict]:
    """Rank, percentile and rank in the province of each chosen region in the latest year, formatted."""
    from iid import fmt
    from iid.i18n import t

    en = lang == "en"
    names = dict(zip(comp.latest["region_code"], comp.latest["display_name"], strict=False))

    def of(rank: int | None, n: int) -> str:
        if rank is None:
            return "–"
        return f"{rank} / {n}" if n else str(rank)  # a published rank may not say how many were ranked

    rows = []
    for code in comp.codes:
        s = comp.standings.get(code)
        if s and s.score is not None:
            rows.append(
                {
                    t("region", lang): names[code],
                    t("table_score", lang): fmt.score(s.score, lang),
                    ("National rank" if en else "Peringkat nasional"): of(s.rank_national, s.of_national),
                    ("Percentile" if en else "Persentil"): fmt.percent(s.percentile_national, 0, lang),
                    ("Rank in province" if en else "Peringkat di provinsi"): of(s.rank_province, s.of_province),
                }
            )
    return rows


def coverage_notes(comp: Comparison, lang: str = "id") -> list[str]:
    """'baru 2 dari 93 kota punya skor 2026' for each chosen kind whose year is not a national year."""
    from iid import narrative

    notes = [narrative.few_phrase(c, lang) for c in comp.coverage.values() if not c["national"]]
    for kind in comp.coverage:
        later = [c for (k, y), c in comp.coverage_years.items() if k == kind and y > comp.year and c["n"]]
        if later and comp.coverage[kind]["national"]:
            notes.append(narrative.later_phrase(comp.year, max(later, key=lambda c: c["year"]), lang))
    return [n[:1].upper() + n[1:] + ("" if n.endswith(".") else ".") for n in notes]


def weakest_sentences(matrix: pd.DataFrame, codes: list[str], names: dict[str, str], lang: str = "id") -> list[str]:
    """One sentence per region naming the three indicators that cost it most points."""
    from iid import fmt
    from iid.i18n import t

    if matrix.empty:
        return []
    ind_names = dict(zip(matrix["code"], matrix["name"] if lang == "id" else matrix["name_en"], strict=False))
    out = []
    for code in codes:
        weak = weakest(matrix, code)
        if not weak.empty:
            items = ", ".join(
                f"{ind_names[r.code]} (−{fmt.number(r.loss, 2, lang)})" for r in weak.itertuples(index=False)
            )
            out.append(t("weakest_sentence", lang, name=names[code], items=items))
    return out


def compare_headline(comp: Comparison, lang: str = "id") -> str:
    """'IID 2025: Kota Bontang 62,36 (#33 of 93), Kota Pontianak 60,61 (#41 of 93).' — written from the data."""
    from iid import fmt

    parts = []
    for r in comp.latest.itertuples(index=False):
        s = comp.standings.get(r.region_code)
        if s and s.score is not None:
            rank = f" (#{s.national_rank_text})" if s.national_rank_text else ""
            parts.append(f"{r.display_name} {fmt.score(s.score, lang)}{rank}")
    if not parts:
        return f"IID {comp.year}"
    return f"IID {comp.year}: " + "; ".join(parts) + "."
