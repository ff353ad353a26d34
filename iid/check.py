"""Validation report of the database (`python -m iid check`): data rules that must hold, and mismatches to show."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from iid.db import Database


@dataclass
class Finding:
    rule: str
    severity: str  # 'error' breaks a data rule; 'warning' is a fact to show (e.g. a published conflict)
    detail: str


CHECKS = {
    "predicate_mismatch": (
        "warning",
        """select region_code, year, display_name, stated_predicate, derived_predicate, score
           from v_scores
           where score_is_published and stated_predicate is not null and derived_predicate is not null
             and stated_predicate <> derived_predicate
           order by year, region_code""",
        "{display_name} {year}: dipublikasikan {stated_predicate}, menurut batas skor {derived_predicate} (skor {score})",
    ),
    "score_conflict": (
        "warning",
        "select region_code, year, display_name, score, score_max from v_scores where conflict order by year, region_code",
        "{display_name} {year}: sumber berbeda ({score} / {score_max})",
    ),
    "score_without_band": (
        "error",
        """select s.region_code, s.year from iid_scores s
           where s.score is not null and not exists (select 1 from predicate_bands b where b.year = s.year)""",
        "{region_code} {year}: tidak ada batas predikat untuk tahun ini",
    ),
    "sample_over_published": (
        "error",
        """select region_code, year from v_scores where score_is_sample and score_is_published""",
        "{region_code} {year}: data contoh menimpa data resmi",
    ),
    "score_not_assessed_region": (
        "error",
        """select s.region_code, s.year from iid_scores s join regions r on r.code = s.region_code where not r.autonomous""",
        "{region_code} {year}: skor untuk wilayah administratif yang tidak dinilai",
    ),
    "sample_formula_mismatch": (
        "error",
        """with p as (
               select ip.region_code, ip.year, ip.source_id, ip.n_innovations, ip.basic_services, ry.k_min,
                      ry.count_factor, ry.count_cap, ry.basic_services_required, ry.max_total
               from innovation_profiles ip join rule_years ry using (year)
               join sources src on src.source_id = ip.source_id and src.kind = 'sample'
           ),
           pts as (
               select i.region_code, i.year, i.source_id,
                      sum(case when ind.aspect = 'SPD' then ind.weight * least(i.level, ind.max_level) else 0 end) as spd,
                      sum(case when ind.aspect = 'SID' then ind.weight * least(i.level, ind.max_level) else 0 end) as sid_mean
               from indicator_scores i join indicators ind on ind.rule_year = i.year and ind.code = i.indicator_code
               group by all
           ),
           calc as (
               select p.region_code, p.year,
                      round((pts.spd
                             + case when p.n_innovations = 0 then 0
                                    else pts.sid_mean * p.n_innovations / greatest(p.k_min, p.n_innovations) end
                             + case when p.basic_services >= p.basic_services_required
                                    then least(p.n_innovations, p.count_cap) * p.count_factor else 0 end)
                            / p.max_total * 100, 2) as formula_score
               from p join pts using (region_code, year, source_id)
           )
           select c.region_code, c.year, c.formula_score, s.score
           from calc c join iid_scores s using (region_code, year)
           join sources src on src.source_id = s.source_id and src.kind = 'sample'
           where abs(c.formula_score - s.score) > 0.011""",
        "{region_code} {year}: skor contoh {score} ≠ rumus {formula_score}",
    ),
}


def readable(db: Database) -> list[Finding]:
    """Every row of every table read once: a file damaged inside (not only cut short) shows here, not on a page."""
    findings = []
    tables = db.rows(
        "select schema_name, table_name from duckdb_tables() where database_name = current_database() "
        "and not temporary order by all"
    )
    for schema, table in tables:
        try:
            db.rows(f'select count(*), sum(hash(t)::hugeint) from "{schema}"."{table}" t')
        except duckdb.Error as exc:
            findings.append(Finding("unreadable", "error", f"{schema}.{table}: {str(exc).splitlines()[0]}"))
    return findings


def run(db: Database) -> list[Finding]:
    findings = readable(db)
    if findings:
        return findings
    for rule, (severity, sql, template) in CHECKS.items():
        df = db.df(sql)
        for rec in df.to_dict("records"):
            findings.append(Finding(rule, severity, template.format(**rec)))
    return findings


QUALITY = {
    "missing": """
        select y.year, r.kind, count(*) filter (where s.score is null and s.predicate is null) as without_published,
               count(*) as regions
        from regions r cross join (select distinct year from iid_scores) y
        left join mv_scores_published s on s.region_code = r.code and s.year = y.year
        where r.autonomous group by all order by y.year, r.kind""",
    "mismatch": """
        select region_code, display_name, year, score::double as score, stated_predicate, derived_predicate
        from mv_scores where score_is_published and stated_predicate <> derived_predicate order by year, region_code""",
    "jumps": """
        with s as (select region_code, display_name, year, score::double as score, score_is_sample,
                          lag(score::double) over (partition by region_code order by year) as prev,
                          lag(year) over (partition by region_code order by year) as prev_year
                   from mv_scores where score is not null)
        select region_code, display_name, prev_year, year, prev, score, score - prev as change, score_is_sample
        from s where prev_year = year - 1 and abs(score - prev) > ? order by abs(score - prev) desc""",
    "duplicate_sources": """
        select url, count(*) as n, string_agg(source_id, ', ' order by source_id) as sources
        from sources where url is not null group by url having count(*) > 1""",
}


def quality(db: Database, jump: float = 30.0) -> dict:
    """The data-quality views of the Data page: gaps, predicate mismatches, implausible jumps, duplicate sources."""
    return {
        "missing": db.df(QUALITY["missing"]),
        "mismatch": db.df(QUALITY["mismatch"]),
        "jumps": db.df(QUALITY["jumps"], [jump]),
        "duplicate_sources": db.df(QUALITY["duplicate_sources"]),
    }
