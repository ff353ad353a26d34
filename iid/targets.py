"""Progress toward a target: required path, trend, status by a published method, projection, year reached.

Status method: the SDSN Sustainable Development Report trend arrows (dashboards.sdgindex.org, methodology):
    observed gain  g_obs = (x_t − x_0) / (t − t_0)
    required gain  g_req = (T − x_0) / (t_T − t_0)
    r = g_obs / g_req:  on track r ≥ 1 · moderately improving 0,5 ≤ r < 1 · stagnating 0 ≤ r < 0,5 ·
    decreasing g_obs < 0 · maintaining: the target is already reached and the value is not falling.
IID has few yearly points and its rules change between years, so the status needs at least three comparable
years and is always called indicative.
Projection (German sustainability strategy style): x_proj = x_t + mean recent yearly change × (t_T − t), with a
band of ± the standard deviation of past year-to-year changes × √(years ahead).

One observed pace for everything: the trend the page shows, the projection and the status's g_obs are the same
mean yearly change over the same window (the last TREND_WINDOW years with data, t_0–t). Two required paces
exist and each names its years: from the latest year (t → t_T, what is still needed) and, for the SDSN ratio,
from the window's start (t_0 → t_T, as the method defines it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from iid.values import is_missing

METHOD_NAME = "SDSN Sustainable Development Report — trend arrows (linear)"
MIN_YEARS_FOR_STATUS = 3
TREND_WINDOW = 5

STATUSES = ("achieved", "on_track", "moderate", "stagnating", "decreasing", "insufficient_data", "missed")


class TargetError(ValueError):
    """A target that cannot be assessed, with the reason as a message id."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Target:
    value: float
    year: int
    comparator: str = ">="  # '>=' or '>'

    @property
    def threshold(self) -> float:
        """The smallest two-decimal value that meets the target ('> 65' → 65,01)."""
        return self.value if self.comparator == ">=" else round(self.value + 0.01, 2)

    def met_by(self, x: float) -> bool:
        return x >= self.value if self.comparator == ">=" else x > self.value


@dataclass
class Progress:
    latest_year: int
    latest_value: float
    gap: float  # points still to gain (≤ 0 when met)
    years_left: int
    required_gain: float | None  # per year from the latest year to the target year; None when it is not ahead
    required_path: list[tuple[int, float]]
    trend: float | None  # mean yearly change over years_used (first to last); the pace the projection uses
    last_change: float | None
    g_obs: float | None  # the SDSN observed gain: equal to trend whenever a status is computed
    g_req: float | None  # the SDSN required gain, from years_used[0] to the target year
    ratio: float | None
    status: str
    projection: list[tuple[int, float, float, float]]  # year, value, low, high
    projected_value: float | None
    year_reached: int | None  # at the current pace; None = not at this pace
    years_used: list[int] = field(default_factory=list)
    method: str = METHOD_NAME

    @property
    def first_year(self) -> int:
        """The start of the observed window (t_0): where the trend and the SDSN gains are measured from."""
        return self.years_used[0] if self.years_used else self.latest_year


def mean_change(years: Sequence[int], values: Sequence[float]) -> float | None:
    """Mean yearly change from the first to the last point (what SDSN and the projection both use); None below two."""
    if len(years) < 2 or years[-1] == years[0]:
        return None
    return (values[-1] - values[0]) / (years[-1] - years[0])


def required_path(from_year: int, from_value: float, target: Target) -> list[tuple[int, float]]:
    """Straight line from the latest value to the target value in the target year (ends exactly at it)."""
    if target.year <= from_year:
        return [(from_year, from_value)]
    step = (target.threshold - from_value) / (target.year - from_year)
    path = [(y, from_value + step * (y - from_year)) for y in range(from_year, target.year)]
    return path + [(target.year, target.threshold)]


def sdsn_status(
    x0: float, xt: float, t0: int, t: int, target: Target
) -> tuple[str, float | None, float | None, float | None]:
    """Status by the SDSN trend-arrow thresholds; returns (status, g_obs, g_req, ratio)."""
    g_obs = (xt - x0) / (t - t0) if t > t0 else None
    if target.met_by(xt):
        return ("achieved" if g_obs is None or g_obs >= 0 else "decreasing"), g_obs, None, None
    g_req = (target.threshold - x0) / (target.year - t0) if target.year > t0 else None
    if g_obs is None or g_req is None or g_req <= 0:
        return "insufficient_data", g_obs, g_req, None
    if g_obs < 0:
        return "decreasing", g_obs, g_req, g_obs / g_req
    r = g_obs / g_req
    if r >= 1:
        return "on_track", g_obs, g_req, r
    if r >= 0.5:
        return "moderate", g_obs, g_req, r
    return "stagnating", g_obs, g_req, r


def assess(years: Sequence[int], values: Sequence[float], target: Target, gain: float | None = None) -> Progress:
    """Everything the Target page and `python -m iid target` show, from a yearly series and a target.

    gain: an assumed yearly gain for what-if; it replaces the observed trend in the projection.
    """
    pts = sorted((int(y), float(v)) for y, v in zip(years, values, strict=True) if not is_missing(v))
    if not pts:
        raise TargetError("no_data")
    t, xt = pts[-1]
    # the target year is the latest year with data and the target is not met: the result is known (missed), and
    # shown with its figures; a target year before the latest data is one to move past (year_past)
    missed = target.year == t and not target.met_by(xt)
    if target.year < t and not target.met_by(xt):
        raise TargetError("year_past")
    window = pts[-TREND_WINDOW:]
    ys, vs = [p[0] for p in window], [p[1] for p in window]
    trend = mean_change(ys, vs)
    last_change = vs[-1] - vs[-2] if len(vs) >= 2 and ys[-1] - ys[-2] == 1 else None
    if len(window) >= MIN_YEARS_FOR_STATUS:
        status, g_obs, g_req, ratio = sdsn_status(vs[0], xt, ys[0], t, target)
    else:
        status, g_obs, g_req, ratio = ("achieved" if target.met_by(xt) else "insufficient_data"), None, None, None
    if missed:
        status, g_req, ratio = "missed", None, None
    years_left = max(target.year - t, 0)
    req_gain = (target.threshold - xt) / years_left if years_left > 0 else None
    pace = gain if gain is not None else trend
    changes = [b - a for a, b in zip(vs, vs[1:], strict=False)]
    sd = _sd(changes)
    projection, projected = [], None
    if pace is not None and years_left > 0:
        for h in range(0, years_left + 1):
            v = xt + pace * h
            spread = sd * math.sqrt(h) if sd is not None else 0.0
            projection.append((t + h, v, v - spread, v + spread))
        projected = projection[-1][1]
    reached = year_reached(t, xt, pace, target)
    return Progress(
        latest_year=t,
        latest_value=xt,
        gap=target.threshold - xt,
        years_left=years_left,
        required_gain=req_gain,
        required_path=required_path(t, xt, target),
        trend=trend,
        last_change=last_change,
        g_obs=g_obs,
        g_req=g_req,
        ratio=ratio,
        status=status,
        projection=projection,
        projected_value=projected,
        year_reached=reached,
        years_used=ys,
    )


def year_reached(t: int, xt: float, pace: float | None, target: Target, horizon: int = 50) -> int | None:
    """First year the target is met at a constant yearly pace; None when not within the horizon."""
    if target.met_by(xt):
        return t
    if pace is None or pace <= 0:
        return None
    h = math.ceil((target.threshold - xt) / pace - 1e-9)
    return t + h if h <= horizon else None


def _sd(xs: Sequence[float]) -> float | None:
    if len(xs) < 2:
        return None
    m = sum(xs) / len(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))
