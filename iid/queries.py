"""Every read the app makes, as functions of a Database. Values are bound parameters; the only identifiers
chosen at run time come from the allow-lists in this module."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from iid.db import Database
from iid.errors import UnknownRegion
from iid.rules import Band, Indicator, RuleYear
from iid.values import records

# published_only → the view to read. The only run-time choice of identifier, from this allow-list.
SCORE_VIEWS = {False: "mv_scores", True: "mv_scores_published"}

_SCORE_COLUMNS = """region_code, year, display_name, short_name, kind, province_code, score, score_max, conflict,
    score_is_sample, score_is_published, score_is_own, score_kind, predicate, predicate_is_published, derived_predicate,
    stated_predicate, published_rank, published_rank_of, rank_note, computed_rank, computed_rank_of, national,
    published_sources, own_sources, sample_source"""

# the columns that name a row's sources: published, own imports, sample
SOURCE_COLUMNS = ("published_sources", "own_sources", "sample_source")

SCORES_FOR_REGIONS = {
    view: f"select {_SCORE_COLUMNS} from {view} where region_code in (select unnest(?)) order by region_code, year"
    for view in SCORE_VIEWS.values()
}

# every region's rows, in the same order: explore.Shared cuts any selection's scores from it
ALL_SCORES = {view: f"select {_SCORE_COLUMNS} from {view} order by region_code, year" for view in SCORE_VIEWS.values()}

REGIONS = """
select code, name, short_name, display_name, kind, province_code, autonomous
from regions
order by case kind when 'provinsi' then 0 when 'kota' then 1 else 2 end, code
"""

REGION = "select code, name, short_name, display_name, kind, province_code, autonomous from regions where code = ?"

SEARCH = """
select code, display_name, kind
from regions
where search_text like '%' || lower(?) || '%'
order by case when code = ? then 0 when lower(short_name) = lower(?) then 1 else 2 end, length(name), code
limit ?
"""

SOURCES_BY_ID = """
select source_id, kind, title, publisher, url, document_ref, published_date
from sources
where source_id in (select unnest(?))
order by kind, publisher, title
"""

# every source, in SOURCES_BY_ID's order (the id last: a tie keeps one order): explore.Shared cuts from it
ALL_SOURCES = """
select source_id, kind, title, publisher, url, document_ref, published_date
from sources
order by kind, publisher, title, source_id
"""

TARGETS = """
select t.*, s.title as source_title, s.url as source_url, s.publisher as source_publisher
from targets t join sources s using (source_id)
where t.region_code = ? and t.superseded_by is null
order by t.target_year
"""

COMMITMENTS = """
select c.*, s.title as source_title, s.url as source_url, s.publisher as source_publisher
from commitments c join sources s using (source_id)
where c.region_code = ?
order by c.year_from, c.commitment_id
"""

EVENTS = """
select e.*, s.title as source_title, s.url as source_url, s.publisher as source_publisher
from events e join sources s using (source_id)
where e.region_code = ?
order by e.year, e.event_date nulls last
"""

# every region's rows of the three above, in the same order within a region: explore.Shared cuts a region's from them
ALL_TARGETS = """
select t.*, s.title as source_title, s.url as source_url, s.publisher as source_publisher
from targets t join sources s using (source_id)
where t.superseded_by is null
order by t.region_code, t.target_year
"""
ALL_COMMITMENTS = """
select c.*, s.title as source_title, s.url as source_url, s.publisher as source_publisher
from commitments c join sources s using (source_id)
order by c.region_code, c.year_from, c.commitment_id
"""
ALL_EVENTS = """
select e.*, s.title as source_title, s.url as source_url, s.publisher as source_publisher
from events e join sources s using (source_id)
order by e.region_code, e.year, e.event_date nulls last
"""

BANDS = (
    "select year, predicate, min_score, min_inclusive, max_score, status from predicate_bands order by year, min_score"
)

RULE_YEARS = "select year, k_min, count_factor, count_cap, basic_services_required, max_total, status from rule_years"

INDICATORS = """
select code, aspect, name, name_en, weight, max_level
from indicators where rule_year = ?
order by aspect desc, number
"""

KIND_AVERAGE = {
    view: f"""
select avg(score) as average, count(score) as n, bool_or(score_is_sample) as has_sample
from {view} where kind = ? and year = ? and score is not null
"""
    for view in SCORE_VIEWS.values()
}

COVERAGE_ALL = """
select kind, year, n_regions, n_scored, n_published, national, national_published from mv_coverage order by kind, year
"""
KIND_COUNTS = "select kind, count(*) from regions where autonomous group by kind"


def coverage_all(db: Database, published_only: bool = False) -> dict[tuple[str, int], dict]:
    """Per (kind, year): how many regions have a score, of how many, and whether it is a national year (v_coverage).

    Each value has kind, year, n (regions with a score in this view), of (autonomous regions of the kind), national.
    """
    return {
        (r["kind"], int(r["year"])): {
            "kind": r["kind"],
            "year": int(r["year"]),
            "n": int(r["n_published"] if published_only else r["n_scored"]),
            "of": int(r["n_regions"]),
            "national": bool(r["national_published"] if published_only else r["national"]),
        }
        for r in db.records(COVERAGE_ALL)
    }


def coverage(
    db: Database, kind: str, year: int, published_only: bool = False, known: dict[tuple[str, int], dict] | None = None
) -> dict:
    """coverage_all() of one kind and year (from `known` when the caller has read it); a year nobody has a score in
    has n = 0."""
    found = (known if known is not None else coverage_all(db, published_only)).get((kind, int(year)))
    if found:
        return found
    of = dict(db.rows(KIND_COUNTS)).get(kind, 0)
    return {"kind": kind, "year": int(year), "n": 0, "of": int(of), "national": False}


def national_years(
    db: Database, published_only: bool = False, known: dict[tuple[str, int], dict] | None = None
) -> dict[str, list[int]]:
    """Per kind, the years that count as national years by the coverage rule (v_coverage)."""
    out: dict[str, list[int]] = {"provinsi": [], "kabupaten": [], "kota": []}
    for (kind, year), c in (known if known is not None else coverage_all(db, published_only)).items():
        if c["national"]:
            out.setdefault(kind, []).append(year)
    return out


STATUS_COUNTS = """
select 'iid_scores' as tbl, s.kind, count(*) as n from iid_scores i join sources s using (source_id) group by all
union all
select 'indicator_scores', s.kind, count(*) from indicator_scores i join sources s using (source_id) group by all
union all
select 'innovations', s.kind, count(*) from innovations i join sources s using (source_id) group by all
union all
select 'sources', kind, count(*) from sources group by all
order by 1, 2
"""


def source_ids(series: pd.DataFrame) -> list[str]:
    """Every source id named by a frame of scores (published, own imports and sample)."""
    ids: list[str] = []
    for col in SOURCE_COLUMNS:
        if col in series:
            for v in series[col].dropna():
                ids.extend(str(v).split(","))
    return ids


def regions(db: Database) -> pd.DataFrame:
    return db.df(REGIONS)


def region(db: Database, code: str) -> dict:
    """One region by its Kemendagri code; UnknownRegion if there is none."""
    rows = db.records(REGION, [code])
    if not rows:
        raise UnknownRegion(code)
    return rows[0]


def search_regions(db: Database, text: str, limit: int = 20) -> pd.DataFrame:
    """Regions whose name, short name or code contains the text, exact short names first."""
    t = text.strip()
    return db.df(SEARCH, [t, t, t, limit])


def scores(db: Database, codes: list[str], published_only: bool = False) -> pd.DataFrame:
    """Every year's figure for the regions, as the app shows it (published wins over sample)."""
    return db.df(SCORES_FOR_REGIONS[SCORE_VIEWS[published_only]], [codes])


def sources(db: Database, ids: list[str]) -> pd.DataFrame:
    return db.df(SOURCES_BY_ID, [sorted(set(ids))])


def targets(db: Database, code: str) -> pd.DataFrame:
    return db.df(TARGETS, [code])


def commitments(db: Database, code: str) -> pd.DataFrame:
    return db.df(COMMITMENTS, [code])


def events(db: Database, code: str) -> pd.DataFrame:
    return db.df(EVENTS, [code])


def bands(db: Database) -> dict[int, list[Band]]:
    out: dict[int, list[Band]] = {}
    for r in db.rows(BANDS):
        out.setdefault(r[0], []).append(Band(r[0], r[1], float(r[2]), bool(r[3]), float(r[4]), r[5]))
    return out


def rule_years(db: Database) -> dict[int, RuleYear]:
    return {
        r[0]: RuleYear(r[0], int(r[1]), float(r[2]), int(r[3]), int(r[4]), float(r[5]), r[6])
        for r in db.rows(RULE_YEARS)
    }


def indicators(db: Database, rule_year: int) -> list[Indicator]:
    return [
        Indicator(code=r[0], aspect=r[1], name=r[2], name_en=r[3], weight=float(r[4]), max_level=int(r[5]))
        for r in db.rows(INDICATORS, [rule_year])
    ]


def status_counts(db: Database) -> pd.DataFrame:
    return db.df(STATUS_COUNTS)


@dataclass
class Overview:
    """What the Ringkasan page shows for one region."""

    region: dict
    series: pd.DataFrame  # one row per year
    latest: dict | None  # the latest year with a score or predicate
    previous: dict | None  # the year before the latest with a score
    targets: pd.DataFrame
    commitments: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    has_sample: bool
    kind_average: dict | None = None  # national average of the same kind in the latest year: average, n, has_sample
    coverage: dict | None = None  # coverage of the latest year for the region's kind (see coverage())
    has_own: bool = False  # an own (unofficial) import is among the figures


class Reads:
    """What an overview reads that other regions read too (explore.Reads adds what a comparison reads).

    Direct queries here, for the command line and the exports. The app hands in reads cut from whole tables that are
    read once per data version and shared by every region and session (explore.Shared, iid.ui.SharedReads): the
    same values, without a query per region.
    """

    def regions_by_code(self, db: Database) -> pd.DataFrame:
        return regions(db).set_index("code")

    def region(self, db: Database, code: str) -> dict:
        return region(db, code)

    def scores(self, db: Database, codes: list[str], published_only: bool) -> pd.DataFrame:
        return scores(db, codes, published_only)

    def coverage_all(self, db: Database, published_only: bool) -> dict[tuple[str, int], dict]:
        return coverage_all(db, published_only)

    def sources(self, db: Database, ids: list[str]) -> pd.DataFrame:
        return sources(db, ids)

    def targets(self, db: Database, code: str) -> pd.DataFrame:
        return targets(db, code)

    def commitments(self, db: Database, code: str) -> pd.DataFrame:
        return commitments(db, code)

    def events(self, db: Database, code: str) -> pd.DataFrame:
        return events(db, code)

    def kind_average(self, db: Database, kind: str, year: int, published_only: bool) -> dict:
        """The national average of a kind in a year: average, n (0 when nobody has a score) and has_sample."""
        return db.records(KIND_AVERAGE[SCORE_VIEWS[published_only]], [kind, year])[0]


DIRECT = Reads()


def overview(db: Database, code: str, published_only: bool = False, reads: Reads = DIRECT) -> Overview:
    reg = reads.region(db, code)
    series = reads.scores(db, [code], published_only)
    shown = records(series[series["score"].notna() | series["predicate"].notna()])
    latest = shown[-1] if shown else None
    # the year before the latest, when it has a score or a predicate (a predicate alone still tells a story)
    previous = next((r for r in shown if latest is not None and r["year"] == latest["year"] - 1), None)
    tg, cm, ev = reads.targets(db, code), reads.commitments(db, code), reads.events(db, code)
    ids = source_ids(series)
    for frame in (tg, cm, ev):
        ids.extend(frame["source_id"].dropna().tolist())
    kind_avg, cov = None, None
    if latest is not None:
        cov = coverage(db, reg["kind"], latest["year"], published_only, reads.coverage_all(db, published_only))
        row = reads.kind_average(db, reg["kind"], latest["year"], published_only)
        kind_avg = row if row["n"] else None
    return Overview(
        kind_average=kind_avg,
        coverage=cov,
        has_own=bool(series["score_is_own"].fillna(False).any()),
        region=reg,
        series=series,
        latest=latest,
        previous=previous,
        targets=tg,
        commitments=cm,
        events=ev,
        sources=reads.sources(db, ids),
        has_sample=bool(series["score_is_sample"].fillna(False).any()),
    )


LATEST_PROFILE_YEAR = """
select max(year) from innovation_profiles where region_code = ? and superseded_by is null
"""
PROFILE = """
select ip.n_innovations, ip.basic_services, ip.source_id, s.kind as source_kind
from innovation_profiles ip join sources s using (source_id)
where ip.region_code = ? and ip.year = ? and ip.superseded_by is null
"""
PROFILE_LEVELS = "select indicator_code, level::double from indicator_scores where region_code = ? and year = ? and superseded_by is null"

# innovations proposed a year, from the register: sample innovations are counted as sample (and left out of a
# published-only view), as every other figure is
INNOVATION_COUNTS = """
select i.year_proposed as year, count(*)::double as value, bool_or(coalesce(s.kind = 'sample', false)) as is_sample
from innovations i left join sources s using (source_id)
where i.region_code = ? and not (? and coalesce(s.kind = 'sample', false))
group by i.year_proposed order by i.year_proposed
"""


def latest_profile(db: Database, code: str, published_only: bool = False):
    """The region's latest indicator levels, n and affairs, with the year and whether they are sample data."""
    from iid.rules import Profile

    year = db.scalar(LATEST_PROFILE_YEAR, [code])
    if year is None:
        return None
    row = db.rows(PROFILE, [code, year])[0]
    if published_only and row[3] == "sample":
        return None
    levels = dict(db.rows(PROFILE_LEVELS, [code, year]))
    return {
        "year": int(year),
        "profile": Profile(levels, int(row[0]), int(row[1])),
        "is_sample": row[3] == "sample",
        "source_id": row[2],
    }


def metric_series(db: Database, code: str, metric: str, published_only: bool = False) -> pd.DataFrame:
    """Yearly values of a target's metric: year, value, is_sample."""
    if metric == "iid_score":
        s = scores(db, [code], published_only)
        s = s[s["score"].notna()]
        return pd.DataFrame(
            {
                "year": s["year"].astype(int),
                "value": s["score"].astype(float),
                "is_sample": s["score_is_sample"].astype(bool),
            }
        )
    if metric == "innovation_count":
        df = db.df(INNOVATION_COUNTS, [code, bool(published_only)])
        df["is_sample"] = df["is_sample"].astype(bool)
        return df
    raise ValueError(f"unknown metric {metric}")


ALL_LATEST_PROFILES = """
with latest as (
    select region_code, max(year) as year from innovation_profiles where superseded_by is null group by region_code
)
select ip.region_code, ip.year, ip.n_innovations, ip.basic_services, s.kind = 'sample' as is_sample,
       list(i.indicator_code order by i.indicator_code) as codes, list(i.level::double order by i.indicator_code) as levels
from latest l
join innovation_profiles ip on ip.region_code = l.region_code and ip.year = l.year and ip.superseded_by is null
join sources s on s.source_id = ip.source_id
join indicator_scores i on i.region_code = ip.region_code and i.year = ip.year and i.superseded_by is null
group by all
"""


def all_latest_profiles(db: Database) -> dict[str, dict]:
    """Every region's latest profile in one query (the national tables)."""
    from iid.rules import Profile

    out = {}
    for code, year, n, bs, is_sample, codes, levels in db.rows(ALL_LATEST_PROFILES):
        out[code] = {
            "year": int(year),
            "profile": Profile(dict(zip(codes, levels, strict=True)), int(n), int(bs)),
            "is_sample": bool(is_sample),
        }
    return out
