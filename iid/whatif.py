"""What-if at indicator level and goal seek: which indicator improvements or extra innovations reach a target.

One implementation of the IID formula (iid.rules.compute) serves the Target page, the innovation register and the
command line. Goal seek is deterministic: it repeatedly takes the lever with the most IID points per step of effort
(one level of one indicator, one more innovation, one more basic-service affair each count as one step), ties broken
by lever name, until the target is met or no lever adds points. Because every indicator lever is linear until its
cap, this is the cheapest set when the count levers are not needed, and a close, explained one when they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from iid.rules import BASIC_SERVICES, Indicator, Profile, RuleYear, compute, sid_factor
from iid.values import py

INNOVATIONS = "__n_innovations__"
SERVICES = "__basic_services__"
LEVEL_STEP = 1.0  # one level of one indicator per step (SID: one level of the mean over innovations)
MAX_STEPS = 2000
# what the editor's level cell takes (read_level decides; this only marks a cell red while it is typed)
LEVEL_PATTERN = r"^\s*([0-2]([.,][0-9]*)?|3([.,]0*)?)?\s*$"


@dataclass
class Step:
    lever: str  # indicator code, INNOVATIONS or SERVICES
    name: str
    before: float
    after: float
    points: float  # IID points gained by this lever in total


@dataclass
class GoalSeek:
    reachable: bool
    reason: str | None  # 'already_met', 'above_maximum', None
    start_score: float
    end_score: float
    target: float
    steps: list[Step] = field(default_factory=list)
    profile: Profile | None = None
    effort: int = 0


def apply(
    profile: Profile, levels: dict[str, float] | None = None, n: int | None = None, basic_services: int | None = None
) -> Profile:
    """A new profile with the given changes; nothing else moves."""
    return Profile(
        levels={**profile.levels, **(levels or {})},
        n_innovations=profile.n_innovations if n is None else max(0, int(n)),
        basic_services=profile.basic_services
        if basic_services is None
        else min(max(0, int(basic_services)), BASIC_SERVICES),
    )


def _count_levers(profile: Profile) -> list[tuple[str, Profile]]:
    """One more innovation, one more basic-service affair: not linear (denominator, count rule), so recomputed."""
    out = []
    out.append((INNOVATIONS, apply(profile, n=profile.n_innovations + 1)))
    if profile.basic_services < BASIC_SERVICES:
        out.append((SERVICES, apply(profile, basic_services=profile.basic_services + 1)))
    return out


def max_score(profile: Profile, rule: RuleYear, inds: list[Indicator]) -> float:
    """The best score reachable from this profile: every level at its maximum, n at the cap, all affairs."""
    best = Profile(
        {i.code: float(i.max_level) for i in inds},
        max(profile.n_innovations, rule.count_cap, rule.k_min),
        BASIC_SERVICES,
    )
    return compute(best, rule, inds).exact


def goal_seek(
    profile: Profile, rule: RuleYear, inds: list[Indicator], target: float, names: dict[str, str] | None = None
) -> GoalSeek:
    """Cheapest (greedy, deterministic) set of improvements whose IID meets target (exact value ≥ target)."""
    names = names or {}
    start = compute(profile, rule, inds).exact
    if start >= target:
        return GoalSeek(True, "already_met", start, start, target, [], profile, 0)
    if max_score(profile, rule, inds) < target - 1e-9:
        return GoalSeek(False, "above_maximum", start, start, target, [], profile, 0)
    cur, score, effort = profile, start, 0
    scale = 100 / rule.max_total
    while score < target - 1e-9 and effort < MAX_STEPS:
        factor = sid_factor(cur.n_innovations, rule)
        best = None  # (gain, lever, new profile or None for an indicator step)
        for ind in inds:  # indicator levers are linear until their cap: their gain is known without recomputing
            level = float(cur.levels.get(ind.code, 0.0))
            step = min(ind.max_level, level + LEVEL_STEP) - level
            if step > 1e-9:
                gain = ind.weight * step * (1.0 if ind.aspect == "SPD" else factor) * scale
                if gain > 1e-12 and (
                    best is None or gain > best[0] + 1e-12 or (abs(gain - best[0]) <= 1e-12 and ind.code < best[1])
                ):
                    best = (gain, ind.code, None)
        for lever, cand in _count_levers(cur):
            gain = compute(cand, rule, inds).exact - score
            if gain > 1e-12 and (
                best is None or gain > best[0] + 1e-12 or (abs(gain - best[0]) <= 1e-12 and lever < best[1])
            ):
                best = (gain, lever, cand)
        if best is None:
            break
        gain, lever, cand = best
        if cand is None:
            ind = next(i for i in inds if i.code == lever)
            cand = apply(cur, {lever: min(ind.max_level, float(cur.levels.get(lever, 0.0)) + LEVEL_STEP)})
        cur, effort = cand, effort + 1
        score = compute(cur, rule, inds).exact
    steps = _summarise(profile, cur, rule, inds, names)
    return GoalSeek(
        score >= target - 1e-9,
        None if score >= target - 1e-9 else "above_maximum",
        start,
        score,
        target,
        steps,
        cur,
        effort,
    )


def _summarise(
    before: Profile, after: Profile, rule: RuleYear, inds: list[Indicator], names: dict[str, str]
) -> list[Step]:
    b, a = compute(before, rule, inds), compute(after, rule, inds)
    steps = []
    for ind in inds:
        x0, x1 = float(before.levels.get(ind.code, 0.0)), float(after.levels.get(ind.code, 0.0))
        if x1 > x0 + 1e-9:
            steps.append(
                Step(
                    ind.code,
                    names.get(ind.code, ind.name),
                    x0,
                    x1,
                    (a.points[ind.code] - b.points[ind.code]) / rule.max_total * 100,
                )
            )
    if after.n_innovations != before.n_innovations:
        # adding innovations changes the count score and the SID denominator
        only_n = apply(before, n=after.n_innovations, basic_services=after.basic_services)
        steps.append(
            Step(
                INNOVATIONS,
                names.get(INNOVATIONS, "Jumlah inovasi"),
                before.n_innovations,
                after.n_innovations,
                compute(only_n, rule, inds).exact
                - compute(apply(before, basic_services=after.basic_services), rule, inds).exact,
            )
        )
    if after.basic_services != before.basic_services:
        steps.append(
            Step(
                SERVICES,
                names.get(SERVICES, "Urusan pelayanan dasar"),
                before.basic_services,
                after.basic_services,
                compute(apply(before, basic_services=after.basic_services), rule, inds).exact - b.exact,
            )
        )
    return sorted(steps, key=lambda s: -s.points)


def indicator_table(profile: Profile, rule: RuleYear, inds: list[Indicator], lang: str = "id") -> list[dict]:
    """Rows for the what-if editor: aspect, indicator, weight, level (editable), points earned and maximum."""
    b = compute(profile, rule, inds)
    factor = rule.max_total / 100
    rows = []
    for ind in inds:
        rows.append(
            {
                "code": ind.code,
                "aspek": "SPD" if ind.aspect == "SPD" else "Inovasi (SID)",
                "indikator": ind.name if lang == "id" or not ind.name_en else ind.name_en,
                "bobot": ind.weight,
                # the exact level (a mean over innovations may be 1.6667): the editor shows two decimals, and a
                # rounded value here would come back as an edit and move an untouched simulation by ±0,01
                "level": float(profile.levels.get(ind.code, 0.0)),
                "poin": round(b.points[ind.code] / factor, 3),
                "maks": round(ind.max_points / factor, 3),
            }
        )
    return rows


def decimals(lever: str) -> int:
    """How a lever's before/after is written: counts (innovations, affairs) whole, levels with two decimals."""
    return 0 if lever in (INNOVATIONS, SERVICES) else 2


def level_text(level: float, lang: str = "id") -> str:
    """A level as the editor shows it: '2' for a whole level, '1,27' (id) / '1.27' (en) for a mean over innovations."""
    from iid import fmt

    v = float(level)
    return fmt.integer(v, lang) if v == int(v) else fmt.number(v, 2, lang)


def read_level(value: object) -> float | None:
    """A level typed in the editor: a number from 0 to 3, the Indonesian or the English way ('1,5', '1.5', '2').
    An empty cell is level 0 (not filled), as in the register; anything else, or a number outside 0–3, is None."""
    from iid import fmt

    v = py(value)
    if v is None or (isinstance(v, str) and not v.strip()):
        return 0.0
    try:
        # '2,' as typed on the way to 2,5 is 2
        x = float(v) if not isinstance(v, str) else fmt.parse_number(v.strip().rstrip(",."), thousands_dot=False)
    except ValueError:
        return None
    return x if 0.0 <= x <= 3.0 else None


def changed_levels(shown: list[dict], edited: Iterable[tuple[str, object]], lang: str = "id") -> dict[str, float]:
    """Only the levels a person changed in the editor, by indicator code; an untouched row is never an edit.

    shown: the rows indicator_table gave the editor; edited: (code, level) pairs read back from it, as numbers or as
    the text level_text wrote (text that still reads as shown is no edit: '1,27' stands for the exact 1,2667). A
    cleared cell is level 0 (not filled), as in the register; a cell that is no level from 0 to 3 is left out
    (invalid_levels names it).
    """
    before = {r["code"]: float(r["level"]) for r in shown}
    out: dict[str, float] = {}
    for code, level in edited:
        if code not in before:
            continue
        if isinstance(level, str) and level.strip() == level_text(before[code], lang):
            continue
        new = read_level(level)
        if new is not None and abs(new - before[code]) > 1e-9:
            out[code] = new
    return out


def invalid_levels(edited: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    """(code, what was typed) of every cell that is no level from 0 to 3."""
    return [(code, str(level)) for code, level in edited if read_level(level) is None]


def compare(profiles: dict[str, Profile], rule: RuleYear, inds: list[Indicator]) -> list[dict]:
    """Side-by-side figures of several scenarios: score, parts, n, affairs."""
    out = []
    for name, prof in profiles.items():
        b = compute(prof, rule, inds)
        out.append(
            {
                "scenario": name,
                "score": b.score,
                "spd": round(b.spd / rule.max_total * 100, 2),
                "sid": round(b.sid / rule.max_total * 100, 2),
                "count": round(b.count / rule.max_total * 100, 2),
                "n": prof.n_innovations,
                "basic_services": prof.basic_services,
            }
        )
    return out


def rule_change_effect(profile, rules: dict, indicators_for, profile_year: int, rule_year: int) -> float | None:
    """Points the same profile gains (negative: loses) when scored by rule_year's rules instead of its own year's.

    None when either year's rules are missing or the years are the same. A trend-based status cannot see this: a
    score that is on track under today's rules may fall short under the target year's.
    """
    from iid.rules import compute

    if rule_year == profile_year or profile_year not in rules or rule_year not in rules:
        return None
    own = compute(profile, rules[profile_year], indicators_for(profile_year)).score
    then = compute(profile, rules[rule_year], indicators_for(rule_year)).score
    return then - own
