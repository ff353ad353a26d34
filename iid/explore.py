"""Comparing regions and following them over time: peers, context averages, ranks, indicator gaps, movers.

Plain Python over the database; every figure keeps a flag saying whether sample data is in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from iid import queries
from iid.db import Database

MAX_REGIONS = 10

# published_only → the table to read (allow-list, as in queries)
_T = queries.SCORE_VIEWS

KIND_YEAR = {
    v: f"""
select region_code, year, display_name, short_name, kind, province_code, score::double as score, predicate,
       score_is_sample, coalesce(published_rank, computed_rank) as rank, coalesce(published_rank_of, computed_rank_of) as rank_of
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
order by year
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
       coalesce(published_rank, computed_rank) as rank, coalesce(published_rank_of, computed_rank_of) as rank_of,
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
        near = yr[yr["region_code"] != code].assign(d=(yr["score"] - float(mine["score"].iloc[0])).abs())
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


def compare(db: Database, codes: list[str], published_only: bool = False, lang: str = "id") -> Comparison:
    from iid.i18n import t

    series = queries.scores(db, codes, published_only)
    order = {c: i for i, c in enumerate(codes)}  # the selection's order gives each region its colour in every chart
    series = (
        series.assign(_order=series["region_code"].map(order)).sort_values(["_order", "year"]).drop(columns="_order")
    )
    series["score"] = series["score"].astype(float)
    series["rank"] = series["published_rank"].fillna(series["computed_rank"])
    series["rank_of"] = series["published_rank_of"].fillna(series["computed_rank_of"])
    year = latest_year(db, published_only)
    latest = pd.DataFrame({"region_code": codes}).merge(series[series["year"] == year], on="region_code", how="left")
    regs = queries.regions(db).set_index("code")
    latest["display_name"] = latest["region_code"].map(regs["display_name"])
    latest["score_is_sample"] = latest["score_is_sample"].fillna(False).astype(bool)
    stand: dict[str, Standing] = {}
    kinds = sorted({regs.loc[c, "kind"] for c in codes})
    for kind in kinds:
        ky = kind_year(db, kind, published_only)
        stand |= standings(ky, [c for c in codes if regs.loc[c, "kind"] == kind], year)
    if published_only:
        # ranks computed over the few published scores would mislead: only published ranks are shown
        for code, st_ in stand.items():
            row = latest[latest["region_code"] == code]
            pub_rank = row["published_rank"].iloc[0] if not row.empty else None
            pub_of = row["published_rank_of"].iloc[0] if not row.empty else None
            stand[code] = Standing(
                code,
                st_.score,
                int(pub_rank) if pub_rank == pub_rank and pub_rank is not None else None,
                int(pub_of) if pub_of == pub_of and pub_of is not None else 0,
                None,
                None,
                0,
            )
    provinces = sorted({regs.loc[c, "province_code"] for c in codes if regs.loc[c, "kind"] != "provinsi"})
    refs = averages(db, kinds, provinces, published_only)
    refs = refs[refs["n"] >= 3]
    names = {}
    for kind, scope in refs[["kind", "scope"]].drop_duplicates().itertuples(index=False):
        if scope == "national":
            names[(kind, scope)] = t("ref_national", lang, kind=t(f"kind_plural_{kind}", lang))
        else:
            names[(kind, scope)] = t("ref_province", lang, prov=regs.loc[scope, "short_name"])
    ids: list[str] = []
    for col in ("published_sources", "sample_source"):
        for v in series[col].dropna():
            ids.extend(str(v).split(","))
    return Comparison(
        codes,
        series,
        year,
        latest,
        stand,
        refs,
        names,
        queries.sources(db, ids),
        bool(series["score_is_sample"].fillna(False).any()),
    )


def summary(series: pd.DataFrame, kind: str, lang: str = "id") -> list[str]:
    """Sentences about one region over time, written from its data."""
    from iid import fmt
    from iid.i18n import predicate_label, t

    s = series.sort_values("year")
    scored = s[s["score"].notna()]
    out = []
    name = s["display_name"].iloc[0] if not s.empty else ""
    if len(scored) >= 2:
        a, b = scored.iloc[0], scored.iloc[-1]
        delta = float(b["score"]) - float(a["score"])
        direction = t("dir_up", lang) if delta > 0 else t("dir_down", lang) if delta < 0 else t("dir_flat", lang)
        out.append(
            t(
                "sum_change",
                lang,
                name=name,
                direction=direction,
                delta=fmt.number(abs(delta), 2, lang),
                first=int(a["year"]),
                a=fmt.score(a["score"], lang),
                last=int(b["year"]),
                b=fmt.score(b["score"], lang),
            )
        )
    if not scored.empty:
        best = scored.loc[scored["score"].astype(float).idxmax()]
        out.append(t("sum_best", lang, year=int(best["year"]), score=fmt.score(best["score"], lang)))
    with_pred = s[s["predicate"].notna()]
    if not with_pred.empty:
        last = with_pred.iloc[-1]
        out.append(t("sum_predicate", lang, p=predicate_label(last["predicate"], lang), year=int(last["year"])))
        counts = with_pred.groupby("predicate")["year"].apply(lambda ys: ", ".join(str(int(y)) for y in sorted(ys)))
        items = "; ".join(f"{predicate_label(p, lang)}: {years}" for p, years in counts.items())
        out.append(t("sum_years_in", lang, items=items))
    ranked = s[s["rank"].notna()] if "rank" in s else pd.DataFrame()
    if not ranked.empty:
        r = ranked.iloc[-1]
        out.append(
            t(
                "sum_rank",
                lang,
                year=int(r["year"]),
                rank=int(r["rank"]),
                of=int(r["rank_of"]),
                kind=t(f"kind_plural_{kind}", lang),
                kinds=t(f"kind_plural_{kind}", lang),
            )
        )
    return out


def table(comp: Comparison, lang: str = "id") -> pd.DataFrame:
    """The numbers behind the charts, one row per region and year, for the Table tab and its CSV."""
    from iid.i18n import predicate_label

    s = comp.series.sort_values(["region_code", "year"])
    en = lang == "en"
    return pd.DataFrame(
        {
            ("Code" if en else "Kode"): s["region_code"],
            ("Region" if en else "Daerah"): s["display_name"],
            ("Year" if en else "Tahun"): s["year"].astype(int),
            ("Score" if en else "Skor"): s["score"].round(2),
            ("Predicate" if en else "Predikat"): s["predicate"].map(
                lambda p: predicate_label(p, lang) if isinstance(p, str) else None
            ),
            ("Rank" if en else "Peringkat"): s["rank"],
            ("Of" if en else "Dari"): s["rank_of"],
            ("Sample data" if en else "Data contoh"): s["score_is_sample"].astype(bool),
            ("Sources" if en else "Sumber"): s["published_sources"].fillna(s["sample_source"]),
        }
    )


def ranking_table(rk: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    from iid.i18n import predicate_label

    en = lang == "en"
    return pd.DataFrame(
        {
            ("Rank" if en else "Peringkat"): rk["rank"],
            ("Region" if en else "Daerah"): rk["display_name"],
            ("Score" if en else "Skor"): rk["score"].round(2),
            ("Predicate" if en else "Predikat"): rk["predicate"].map(
                lambda p: predicate_label(p, lang) if isinstance(p, str) else None
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
    rows = []
    for code in comp.codes:
        s = comp.standings.get(code)
        if s and s.score is not None:
            rows.append(
                {
                    t("region", lang): names[code],
                    t("table_score", lang): fmt.score(s.score, lang),
                    ("National rank" if en else "Peringkat nasional"): f"{s.rank_national} / {s.of_national}",
                    ("Percentile" if en else "Persentil"): fmt.percent(s.percentile_national, 0, lang),
                    ("Rank in province" if en else "Peringkat di provinsi"): f"{s.rank_province} / {s.of_province}",
                }
            )
    return rows


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
            parts.append(f"{r.display_name} {fmt.score(s.score, lang)} (#{s.rank_national}/{s.of_national})")
    return f"IID {comp.year}: " + "; ".join(parts) + "."
