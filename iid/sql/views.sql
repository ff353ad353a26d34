-- One row per region and year: the figure the app shows, with where it came from.
-- Published (and imported) figures always win over sample figures for the same region and year.
-- Two published scores that differ are a conflict: score is the lower, score_max the higher, both shown.
create view v_region_year as
with tagged as (
    select s.*, src.kind = 'sample' as is_sample
    from iid_scores as s
    join sources as src using (source_id)
    where s.superseded_by is null
)
select
    region_code,
    year,
    min(score) filter (where not is_sample) as published_score,
    max(score) filter (where not is_sample) as published_score_max,
    count(distinct score) filter (where not is_sample) as published_score_count,
    any_value(score) filter (where is_sample) as sample_score,
    any_value(predicate) filter (where predicate_stated and not is_sample) as stated_predicate,
    count(distinct predicate) filter (where predicate_stated and not is_sample) as stated_predicate_count,
    min(rank) filter (where not is_sample) as published_rank,
    max(rank_of) filter (where not is_sample and rank is not null) as published_rank_of,
    string_agg(distinct rank_note, '; ') filter (where not is_sample) as rank_note,
    string_agg(distinct source_id, ',' order by source_id) filter (where not is_sample) as published_sources,
    any_value(source_id) filter (where is_sample) as sample_source
from tagged
group by region_code, year;

-- The predicate a score earns by its year's bands (exact value, no rounding).
create view v_band_lookup as
select
    ry.region_code,
    ry.year,
    arg_max(b.predicate, b.min_score * 2 + (not b.min_inclusive)::integer) as predicate
from (select region_code, year, coalesce(published_score, sample_score) as score from v_region_year) as ry
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
        coalesce(v.published_score, v.sample_score) as score,
        v.published_score is null and v.sample_score is not null as score_is_sample
    from v_region_year as v
    join regions as r on r.code = v.region_code
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
    coalesce(b.stated_predicate, l.predicate) as predicate,
    b.stated_predicate is not null as predicate_is_published,
    l.predicate as derived_predicate,
    b.stated_predicate,
    b.published_rank,
    b.published_rank_of,
    b.rank_note,
    case when b.score is not null
        then rank() over (partition by b.kind, b.year order by b.score desc nulls last) end as computed_rank,
    count(b.score) over (partition by b.kind, b.year) as computed_rank_of,
    b.published_sources,
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
    coalesce(b.stated_predicate, bd.predicate) as predicate,
    b.stated_predicate is not null as predicate_is_published,
    bd.predicate as derived_predicate,
    b.stated_predicate,
    b.published_rank,
    b.published_rank_of,
    b.rank_note,
    cast(null as bigint) as computed_rank,
    cast(null as bigint) as computed_rank_of,
    b.published_sources,
    cast(null as varchar) as sample_source
from base as b
left join banded as bd using (region_code, year);
