-- One row per region and year: the figure the app shows, with where it came from.
-- Three kinds of figures, never blurred: published (source kind 'published'), own or unofficial imports
-- (kind 'imported': a region's self-assessment, "penilaian mandiri / tidak resmi") and sample (kind 'sample').
-- Published wins over own, own over sample, for the same region and year.
-- Two published scores that differ are a conflict: score is the lower, score_max the higher, both shown.
create view v_region_year as
with tagged as (
    select s.*, src.kind as source_kind
    from iid_scores as s
    join sources as src using (source_id)
    where s.superseded_by is null
)
select
    region_code,
    year,
    min(score) filter (where source_kind = 'published') as published_score,
    max(score) filter (where source_kind = 'published') as published_score_max,
    count(distinct score) filter (where source_kind = 'published') as published_score_count,
    min(score) filter (where source_kind = 'imported') as own_score,
    any_value(score) filter (where source_kind = 'sample') as sample_score,
    any_value(predicate) filter (where predicate_stated and source_kind = 'published') as stated_predicate,
    count(distinct predicate) filter (where predicate_stated and source_kind = 'published') as stated_predicate_count,
    min(rank) filter (where source_kind = 'published') as published_rank,
    max(rank_of) filter (where source_kind = 'published' and rank is not null) as published_rank_of,
    string_agg(distinct rank_note, '; ') filter (where source_kind = 'published') as rank_note,
    string_agg(distinct source_id, ',' order by source_id) filter (where source_kind = 'published') as published_sources,
    string_agg(distinct source_id, ',' order by source_id) filter (where source_kind = 'imported') as own_sources,
    any_value(source_id) filter (where source_kind = 'sample') as sample_source
from tagged
group by region_code, year;

-- Coverage rule: a year is a national year for a kind (provinsi, kabupaten, kota) when at least 80 % of that
-- kind's autonomous regions have a score in it. Only then are ranks computed, distributions drawn, movers and
-- averages shown; otherwise the app says how many regions have a score ("baru 2 dari 93 kota punya skor 2026").
-- national: any score (published, own or sample) counts; national_published: published scores only.
-- Materialised as mv_coverage (iid/build.py DERIVED), refreshed with the score tables in every writing transaction.
create view v_coverage as
with n as (
    select kind, count(*) as n_regions from regions where autonomous group by kind
),
s as (
    select
        r.kind,
        v.year,
        count(coalesce(v.published_score, v.own_score, v.sample_score)) as n_scored,
        count(v.published_score) as n_published
    from v_region_year as v
    join regions as r on r.code = v.region_code
    where r.autonomous
    group by r.kind, v.year
)
select
    s.kind,
    s.year,
    n.n_regions,
    s.n_scored,
    s.n_published,
    s.n_scored >= 0.8 * n.n_regions as national,
    s.n_published >= 0.8 * n.n_regions as national_published
from s
join n using (kind);

-- The predicate a score earns by its year's bands (exact value, no rounding).
create view v_band_lookup as
select
    ry.region_code,
    ry.year,
    arg_max(b.predicate, b.min_score * 2 + (not b.min_inclusive)::integer) as predicate
from (select region_code, year, coalesce(published_score, own_score, sample_score) as score from v_region_year) as ry
join predicate_bands as b
    on b.year = ry.year
    and (ry.score > b.min_score or (b.min_inclusive and ry.score = b.min_score))
group by ry.region_code, ry.year;

create view v_scores as
with base as (
    select
        v.*,
        r.display_name,
        r.short_name,
        r.kind,
        r.province_code,
        coalesce(v.published_score, v.own_score, v.sample_score) as score,
        v.published_score is null and v.own_score is null and v.sample_score is not null as score_is_sample,
        v.published_score is null and v.own_score is not null as score_is_own,
        c.national
    from v_region_year as v
    join regions as r on r.code = v.region_code
    left join v_coverage as c on c.kind = r.kind and c.year = v.year
    where r.autonomous
)
select
    b.region_code,
    b.year,
    b.display_name,
    b.short_name,
    b.kind,
    b.province_code,
    b.score,
    b.published_score_max as score_max,
    b.published_score_count > 1 as conflict,
    b.score_is_sample,
    b.published_score is not null as score_is_published,
    b.score_is_own,
    case when b.published_score is not null then 'published' when b.score_is_own then 'own'
         when b.score_is_sample then 'sample' end as score_kind,
    coalesce(b.stated_predicate, l.predicate) as predicate,
    b.stated_predicate is not null as predicate_is_published,
    l.predicate as derived_predicate,
    b.stated_predicate,
    b.published_rank,
    b.published_rank_of,
    b.rank_note,
    -- ranks computed from the data only in a national year (see v_coverage); labelled "computed" wherever shown
    case when b.score is not null and coalesce(b.national, false)
        then rank() over (partition by b.kind, b.year order by b.score desc nulls last) end as computed_rank,
    case when coalesce(b.national, false) then count(b.score) over (partition by b.kind, b.year) end as computed_rank_of,
    coalesce(b.national, false) as national,
    b.published_sources,
    b.own_sources,
    b.sample_source
from base as b
left join v_band_lookup as l using (region_code, year);

-- Published data only: no sample figure, and ranks only where published (a rank computed over the few
-- published scores would mislead).
create view v_scores_published as
with base as (
    select v.*, r.display_name, r.short_name, r.kind, r.province_code
    from v_region_year as v
    join regions as r on r.code = v.region_code
    where r.autonomous and (v.published_score is not null or v.stated_predicate is not null or v.published_rank is not null)
),
banded as (
    select
        b.region_code,
        b.year,
        arg_max(pb.predicate, pb.min_score * 2 + (not pb.min_inclusive)::integer) as predicate
    from base as b
    join predicate_bands as pb
        on pb.year = b.year
        and (b.published_score > pb.min_score or (pb.min_inclusive and b.published_score = pb.min_score))
    group by b.region_code, b.year
)
select
    b.region_code,
    b.year,
    b.display_name,
    b.short_name,
    b.kind,
    b.province_code,
    b.published_score as score,
    b.published_score_max as score_max,
    b.published_score_count > 1 as conflict,
    false as score_is_sample,
    b.published_score is not null as score_is_published,
    false as score_is_own,
    case when b.published_score is not null then 'published' end as score_kind,
    coalesce(b.stated_predicate, bd.predicate) as predicate,
    b.stated_predicate is not null as predicate_is_published,
    bd.predicate as derived_predicate,
    b.stated_predicate,
    b.published_rank,
    b.published_rank_of,
    b.rank_note,
    cast(null as bigint) as computed_rank,
    cast(null as bigint) as computed_rank_of,
    coalesce(c.national_published, false) as national,
    b.published_sources,
    cast(null as varchar) as own_sources,
    cast(null as varchar) as sample_source
from base as b
left join banded as bd using (region_code, year)
left join v_coverage as c on c.kind = b.kind and c.year = b.year;
