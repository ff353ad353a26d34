"""The IID's rules as plain Python: predicate bands per year and the score formula with per-year constants.

Formula (../shared/IID.md, "The rules change by year"):
    IID = (SPD + ΣSID / MAX(k, n) + count score) / max_total × 100
where SPD = Σ weight × level over the SPD indicators, ΣSID / MAX(k, n) = Σ weight × mean level × n / MAX(k, n)
over the per-innovation indicators, and the count score = min(n, cap) × factor, zero unless the innovations
cover the year's required number of the six basic-service affairs. Exact values throughout; only the final
IID is rounded to two places, and the predicate comes from the exact value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PREDICATES = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
BASIC_SERVICES = 6  # pendidikan, kesehatan, PUPR, perumahan rakyat dan kawasan permukiman, trantibumlinmas, sosial


@dataclass(frozen=True)
class Band:
    year: int
    predicate: str
    min_score: float
    min_inclusive: bool
    max_score: float
    status: str = "confirmed"

    def admits(self, score: float) -> bool:
        return score > self.min_score or (self.min_inclusive and score == self.min_score)


def predicate_for(score: float | None, bands: Iterable[Band]) -> str | None:
    """The predicate a score earns under one year's bands: the highest band whose lower bound it passes."""
    if score is None:
        return None
    ordered = sorted(bands, key=lambda b: (b.min_score, not b.min_inclusive), reverse=True)
    for band in ordered:
        if band.admits(score):
            return band.predicate
    return None


def minimum_for(predicate: str, bands: Iterable[Band]) -> float | None:
    """Smallest two-decimal score that earns the predicate (65,01 when the band starts 'above 65')."""
    for b in bands:
        if b.predicate == predicate:
            return round(b.min_score if b.min_inclusive else b.min_score + 0.01, 2)
    return None


@dataclass(frozen=True)
class RuleYear:
    year: int
    k_min: int
    count_factor: float
    count_cap: int
    basic_services_required: int
    max_total: float
    status: str = "uncertain"


@dataclass(frozen=True)
class Indicator:
    code: str
    aspect: str  # 'SPD' or 'SID'
    name: str
    weight: float
    max_level: int = 3
    name_en: str = ""

    @property
    def max_points(self) -> float:
        return self.weight * self.max_level


@dataclass(frozen=True)
class Profile:
    """What a region reports in a year: indicator levels (SID: mean over innovations), n, affairs covered."""

    levels: Mapping[str, float]
    n_innovations: int
    basic_services: int


@dataclass(frozen=True)
class Breakdown:
    spd: float
    sid: float
    count: float
    total: float
    exact: float  # IID before rounding
    points: Mapping[str, float]  # per indicator, as it enters the total

    @property
    def score(self) -> float:
        return round(self.exact + 1e-9, 2)


def count_score(n: int, basic_services: int, rule: RuleYear) -> float:
    if basic_services < rule.basic_services_required:
        return 0.0
    return min(max(n, 0), rule.count_cap) * rule.count_factor


def sid_factor(n: int, rule: RuleYear) -> float:
    """How much of the per-innovation mean counts: n / MAX(k, n); below k every missing innovation costs."""
    n = max(n, 0)
    return n / max(rule.k_min, n) if n else 0.0


def compute(profile: Profile, rule: RuleYear, indicators: Iterable[Indicator]) -> Breakdown:
    """The IID of one region-year by the rule year's formula, each level capped at its indicator's maximum."""
    factor = sid_factor(profile.n_innovations, rule)
    points: dict[str, float] = {}
    spd = sid = 0.0
    for ind in indicators:
        level = min(max(float(profile.levels.get(ind.code, 0.0)), 0.0), ind.max_level)
        if ind.aspect == "SPD":
            p = ind.weight * level
            spd += p
        else:
            p = ind.weight * level * factor
            sid += p
        points[ind.code] = p
    cnt = count_score(profile.n_innovations, profile.basic_services, rule)
    total = spd + sid + cnt
    return Breakdown(spd=spd, sid=sid, count=cnt, total=total, exact=total / rule.max_total * 100, points=points)


def rule_year_for(year: int, available: Iterable[int]) -> int:
    """The rule year a score for `year` is computed by: its own if stored, else the latest earlier one, else the first.

    Targets lie in the future and the data holds rules up to some year; a 2035 target is simulated with the latest
    rules there are (the page says so), never silently with the year of the latest profile.
    """
    years = sorted(set(available))
    if not years:
        raise ValueError("no rule years in the data")
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else years[0]
