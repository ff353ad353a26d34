"""The Target page's and `python -m iid target`'s one computation: a region, a target, and what it takes."""

from __future__ import annotations

from dataclasses import dataclass

from iid import queries
from iid.db import Database
from iid.rules import minimum_for, predicate_for
from iid.targets import Progress, Target, TargetError, assess


@dataclass
class Report:
    region: dict
    metric: str
    target: Target
    progress: Progress | None
    error: str | None  # a TargetError reason when the target cannot be assessed
    series_years: list[int]
    series_values: list[float]
    has_sample: bool
    band_year: int | None = None
    target_predicate: str | None = None  # what the target value earns under the latest bands
    predicate_named: str | None = None
    predicate_minimum: float | None = None  # smallest score that earns the named predicate
    gain: float | None = None  # an assumed yearly gain replacing the observed pace in the projection


def build_report(
    db: Database,
    code: str,
    value: float,
    year: int,
    comparator: str = ">=",
    metric: str = "iid_score",
    gain: float | None = None,
    published_only: bool = False,
    predicate_named: str | None = None,
) -> Report:
    region = queries.region(db, code)
    series = queries.metric_series(db, code, metric, published_only)
    target = Target(float(value), int(year), comparator)
    years, values = series["year"].tolist(), series["value"].tolist()
    progress, error = None, None
    if value > 100 and metric == "iid_score":
        error = "above_maximum"
    else:
        try:
            progress = assess(years, values, target, gain)
        except TargetError as exc:
            error = exc.reason
    rep = Report(
        region,
        metric,
        target,
        progress,
        error,
        years,
        values,
        bool(series["is_sample"].any()),
        predicate_named=predicate_named,
        gain=gain,
    )
    if metric == "iid_score":
        bands = queries.bands(db)
        # "the latest bands": the most recent year whose top band is confirmed (later years are uncertain)
        confirmed = [
            y
            for y, bs in bands.items()
            if any(b.predicate == "Sangat Inovatif" and b.status == "confirmed" for b in bs)
        ]
        rep.band_year = max(confirmed) if confirmed else max(bands)
        latest = [b for b in bands[rep.band_year]]
        rep.target_predicate = predicate_for(target.threshold, latest)
        if predicate_named:
            rep.predicate_minimum = minimum_for(predicate_named, latest)
    return rep


def as_dict(rep: Report) -> dict:
    p = rep.progress
    return {
        "region": rep.region["code"],
        "region_name": rep.region["display_name"],
        "metric": rep.metric,
        "target_value": rep.target.value,
        "target_year": rep.target.year,
        "comparator": rep.target.comparator,
        "error": rep.error,
        "latest_year": p.latest_year if p else None,
        "latest_value": round(p.latest_value, 2) if p else None,
        "gap": round(p.gap, 2) if p else None,
        "required_yearly_gain": round(p.required_gain, 3) if p and p.required_gain is not None else None,
        "required_yearly_gain_years": [p.latest_year, rep.target.year] if p else None,
        # the observed pace: mean yearly change over trend_years, the same figure the SDSN status uses
        "trend_slope": round(p.trend, 3) if p and p.trend is not None else None,
        "trend_years": [p.first_year, p.latest_year] if p else None,
        "sdsn_observed_gain": round(p.g_obs, 3) if p and p.g_obs is not None else None,
        "sdsn_required_gain": round(p.g_req, 3) if p and p.g_req is not None else None,
        "sdsn_required_gain_years": [p.first_year, rep.target.year] if p and p.g_req is not None else None,
        "assumed_gain": rep.gain,
        "last_change": round(p.last_change, 2) if p and p.last_change is not None else None,
        "status": p.status if p else None,
        "method": p.method if p else None,
        "ratio": round(p.ratio, 3) if p and p.ratio is not None else None,
        "projected_value": round(p.projected_value, 2) if p and p.projected_value is not None else None,
        "year_reached": p.year_reached if p else None,
        "includes_sample_data": rep.has_sample,
        "target_predicate_latest_bands": rep.target_predicate,
        "band_year": rep.band_year,
        "predicate_named": rep.predicate_named,
        "predicate_named_minimum": rep.predicate_minimum,
    }
