"""Where the IID's rules change between years: predicate bands, k, the count rule, the basic-services rule.

A score can rise while its predicate falls because a band moved (Kota Bontang 2024 → 2025: the Sangat Inovatif
band rose from above 60 to 65,01). Charts mark every change between two shown years, and sentences name it; both
read them from here, so the wording and the numbers are the same everywhere.

Band limits are written as the smallest two-decimal score that earns the predicate (≥ 65,01 for 'above 65'), the
way the decrees and BSKDN's slides print them (60,01–100; 65,01–100).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from iid import fmt
from iid.i18n import STRINGS, predicate_label, t
from iid.rules import PREDICATES, Band, RuleYear

# The per-year constants of RuleYear that change the formula, in the order a label lists them.
RULE_FIELDS = ("k_min", "count_factor", "count_cap", "basic_services_required", "max_total")
KINDS = ("band", *RULE_FIELDS)
_DECIMALS = {"k_min": 0, "count_factor": 2, "count_cap": 0, "basic_services_required": 0, "max_total": 2}


def lowest_score(band: Band) -> float:
    """The smallest two-decimal score a band admits: 60,00 for '≥ 60', 65,01 for '> 65'."""
    return round(band.min_score if band.min_inclusive else band.min_score + 0.01, 2)


def _num(x: float, decimals: int, lang: str) -> str:
    """65 → '65', 65.01 → '65,01', 0.38 → '0,38': no trailing ',00' on whole numbers."""
    if decimals and float(x) == int(x):
        decimals = 0
    return fmt.number(x, decimals, lang)


def threshold(value: float, lang: str = "id") -> str:
    """A band's lower limit as printed: '≥65,01' (id) or '≥65.01' (en)."""
    return "≥" + _num(value, 2, lang)


@dataclass(frozen=True)
class RuleChange:
    """One rule that differs between previous_year and year (year is the first year under the new rule)."""

    year: int
    previous_year: int
    kind: str  # 'band' or one of RULE_FIELDS
    before: float | None  # band: lowest score that earned the predicate (None: no such band before)
    after: float | None
    predicate: str | None = None  # band changes only
    confirmed: bool = True  # False when either year's rule is 'uncertain' or 'assumed' in the data

    @property
    def direction(self) -> str:
        """'up', 'down', 'new' (no such band before) or 'gone'."""
        if self.before is None:
            return "new"
        if self.after is None:
            return "gone"
        return "up" if self.after > self.before else "down"

    def values(self, lang: str = "id") -> tuple[str, str]:
        """Before and after as the label prints them ('≥60,01', '≥65,01'; '10', '12')."""
        if self.kind == "band":
            return tuple(threshold(v, lang) if v is not None else "–" for v in (self.before, self.after))  # type: ignore[return-value]
        d = _DECIMALS[self.kind]
        return _num(self.before, d, lang), _num(self.after, d, lang)  # type: ignore[arg-type]

    def text(self, lang: str = "id") -> str:
        """A short sentence: 'Batas Sangat Inovatif naik: ≥60,01 → ≥65,01', 'k: 10 → 12'."""
        return self._render(lang, short=False)

    def short(self, lang: str = "id") -> str:
        """The label where room is short: 'Sangat Inovatif: ≥60,01 → ≥65,01', 'k: 10 → 12'."""
        return self._render(lang, short=True)

    def _render(self, lang: str, short: bool, after: str | None = None) -> str:
        before, after_ = self.values(lang)
        after = after if after is not None else after_
        if self.kind == "band":
            predicate = predicate_label(self.predicate, lang)
            key = "rc_short_band" if short and self.direction in ("up", "down") else f"rc_band_{self.direction}"
            return t(key, lang, predicate=predicate, before=before, after=after)
        key = f"rc_short_{self.kind}" if short and f"rc_short_{self.kind}" in STRINGS else f"rc_{self.kind}"
        return t(key, lang, before=before, after=after)


def _band_changes(bands: Mapping[int, Iterable[Band]]) -> list[RuleChange]:
    out: list[RuleChange] = []
    years = sorted(bands)
    for prev, year in zip(years, years[1:], strict=False):
        a = {b.predicate: b for b in bands[prev]}
        b = {x.predicate: x for x in bands[year]}
        order = [p for p in PREDICATES if p in a or p in b] + sorted((set(a) | set(b)) - set(PREDICATES))
        for p in order:
            before = lowest_score(a[p]) if p in a else None
            after = lowest_score(b[p]) if p in b else None
            if before == after:
                continue
            confirmed = all(x.status == "confirmed" for x in (a.get(p), b.get(p)) if x is not None)
            out.append(RuleChange(year, prev, "band", before, after, p, confirmed))
    return out


def _rule_changes(rule_years: Mapping[int, RuleYear]) -> list[RuleChange]:
    out: list[RuleChange] = []
    years = sorted(rule_years)
    for prev, year in zip(years, years[1:], strict=False):
        a, b = rule_years[prev], rule_years[year]
        confirmed = a.status == "confirmed" and b.status == "confirmed"
        for field in RULE_FIELDS:
            before, after = getattr(a, field), getattr(b, field)
            if before != after:
                out.append(RuleChange(year, prev, field, before, after, None, confirmed))
    return out


def rule_changes(
    bands: Mapping[int, Iterable[Band]] | None = None, rule_years: Mapping[int, RuleYear] | None = None
) -> list[RuleChange]:
    """Every rule change from one year of the data to the next it holds (queries.bands(), queries.rule_years()).

    Each table is compared with its own previous year; band changes come first within a year, by predicate.
    """
    changes = _band_changes(bands or {}) + _rule_changes(rule_years or {})
    rank = {k: i for i, k in enumerate(KINDS)}
    return sorted(changes, key=lambda c: (c.year, rank[c.kind]))


def in_span(changes: Iterable[RuleChange], first: int, last: int) -> list[RuleChange]:
    """The changes that happen between two years of a chart or a sentence: first < year ≤ last."""
    return [c for c in changes if first < c.year <= last]


def runs(changes: Iterable[RuleChange]) -> list[list[RuleChange]]:
    """Changes of one rule in consecutive years, in the same direction, as one run (k: 10 → 12 → 14 in 2026–2027),
    so a chart can say them once; ordered by the year each run starts, then as rule_changes orders them."""
    rank = {k: i for i, k in enumerate(KINDS)}
    out: list[list[RuleChange]] = []
    open_runs: dict[tuple, list[RuleChange]] = {}
    for c in sorted(changes, key=lambda c: (c.year, rank.get(c.kind, len(rank)))):
        key = (c.kind, c.predicate, c.direction)
        run = open_runs.get(key)
        if run is not None and run[-1].year == c.previous_year and run[-1].after == c.before:
            run.append(c)
        else:
            run = [c]
            open_runs[key] = run
            out.append(run)
    return out


def run_text(run: list[RuleChange], lang: str = "id", short: bool = False) -> str:
    """One run as a label: 'k: 10 → 12 → 14 (2026–2027)'; a run of one change is that change's text."""
    head = run[0]
    if len(run) == 1:
        return head.short(lang) if short else head.text(lang)
    afters = " → ".join(c.values(lang)[1] for c in run)
    return f"{head._render(lang, short, after=afters)} ({head.year}–{run[-1].year})"
