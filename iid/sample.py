"""Generate the labelled sample dataset (`python -m iid sample --seed 1`).

Published data is thin, so the app also ships generated figures for every assessed region, 2021–2025.
Every row points to the source `sample-seed-N` (kind 'sample') and the app marks it "Data contoh".
The sample respects every published fact: it passes through each published score, lies inside the band
of each published predicate, and follows each published trend (data/published/trend_facts.csv).
Indicator levels are generated so that the rule year's formula reproduces each sample score exactly.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pandas as pd

from iid import queries
from iid.build import memory_db
from iid.rules import Band, Indicator, Profile, RuleYear, compute

YEARS = list(range(2021, 2026))
KIND_MEAN = {"provinsi": 42.0, "kota": 44.0, "kabupaten": 35.0}
BASIC_SERVICES = 6


def sample_source_id(seed: int) -> str:
    return f"sample-seed-{seed}"


def _band_range(predicate: str, bands: list[Band], margin: float = 0.6) -> tuple[float, float]:
    b = next(b for b in bands if b.predicate == predicate)
    lo = b.min_score + (0 if b.min_inclusive else 0.01)
    return lo + margin, b.max_score - margin


def trajectories(
    regions: pd.DataFrame, facts: pd.DataFrame, bands: dict[int, list[Band]], trends: pd.DataFrame, rng: random.Random
) -> dict[tuple[str, int], float]:
    """Target score per region-year: a random walk bent through published scores and clamped to published predicates."""
    published = facts.groupby(["region_code", "year"]).agg(score=("score", "mean"), predicate=("predicate", "first"))
    out: dict[tuple[str, int], float] = {}
    for r in regions.itertuples(index=False):
        level = rng.gauss(KIND_MEAN[r.kind], 14.0)
        walk = []
        for i, _ in enumerate(YEARS):
            if i:
                level += rng.gauss(2.8, 4.5)
            if level > 90.0:  # reflect at the edges rather than pile up on them
                level = 180.0 - level
            level = max(level, 2.0 + rng.random() * 3)
            walk.append(level)
        # offsets that make the walk pass through every published score, interpolated in between
        anchors = {
            y: published.loc[(r.code, y), "score"] - walk[i]
            for i, y in enumerate(YEARS)
            if (r.code, y) in published.index and not math.isnan(published.loc[(r.code, y), "score"])
        }
        values = []
        for i, y in enumerate(YEARS):
            if anchors:
                before = [a for a in anchors if a <= y]
                after = [a for a in anchors if a >= y]
                if before and after:
                    a, b = max(before), min(after)
                    off = anchors[a] if a == b else anchors[a] + (anchors[b] - anchors[a]) * (y - a) / (b - a)
                else:
                    off = anchors[max(before)] if before else anchors[min(after)]
            else:
                off = 0.0
            values.append(min(max(walk[i] + off, 1.0), 98.0))
        for i, y in enumerate(YEARS):
            key = (r.code, y)
            if key in published.index:
                row = published.loc[key]
                if not math.isnan(row["score"]):
                    values[i] = float(row["score"])
                elif isinstance(row["predicate"], str):
                    lo, hi = _band_range(row["predicate"], bands[y])
                    if not lo <= values[i] <= hi:  # move inside the band, a random way in from its edge
                        inward = rng.uniform(0, min(6.0, (hi - lo) / 2))
                        values[i] = lo + inward if values[i] < lo else hi - inward
        for t in trends[trends["region_code"] == r.code].itertuples(index=False):
            idx = [i for i, y in enumerate(YEARS) if t.year_from <= y <= t.year_to]
            ordered = sorted((values[i] for i in idx), reverse=(t.direction == "down"))
            step = -0.8 if t.direction == "down" else 0.8
            for j, i in enumerate(idx):
                values[i] = (
                    ordered[j]
                    if j == 0
                    else (ordered[j] if (ordered[j] - ordered[j - 1]) * step > 0 else ordered[j - 1] + step)
                )
        for i, y in enumerate(YEARS):
            out[(r.code, y)] = values[i]
    return out


def profile_for(target: float, rule: RuleYear, inds: list[Indicator], rng: random.Random) -> Profile:
    """Indicator levels, n and affairs whose formula score is the target (to within rounding of the levels)."""
    spd_inds = [i for i in inds if i.aspect == "SPD"]
    sid_inds = [i for i in inds if i.aspect == "SID"]
    if target <= 0:
        return Profile({i.code: 0.0 for i in inds}, 0, 0)
    f = target / 100
    total = target / 100 * rule.max_total
    n = max(1, int(round(rng.gauss(5 + 45 * f, 6))))
    basic = min(BASIC_SERVICES, max(rule.basic_services_required, int(round(rng.gauss(2 + 4 * f, 1)))))
    p = min(max(f + rng.gauss(0, 0.12), 0.05), 0.95)
    levels = {i.code: float(sum(rng.random() < p for _ in range(3))) for i in spd_inds}
    prof = Profile(levels, n, basic)
    for _ in range(200):
        b = compute(Profile({**levels, **{i.code: 0.0 for i in sid_inds}}, n, basic), rule, inds)
        remaining = total - b.spd - b.count
        factor = n / max(rule.k_min, n)
        sid_max = sum(i.max_points for i in sid_inds) * factor
        if remaining < 0:  # SPD and count alone overshoot: lower an SPD level, or report fewer innovations
            up = [c for c, v in levels.items() if v > 0]
            if up:
                levels[rng.choice(up)] -= 1
            else:
                n = max(1, n - 1)
            continue
        if remaining > sid_max * 0.97:  # not reachable by the SID part: raise an SPD level, or n
            down = [c for c, v in levels.items() if v < 3]
            if down and rng.random() < 0.5:
                levels[rng.choice(down)] += 1
            else:
                n += 1
            continue
        shape = {i.code: rng.uniform(0.35, 1.0) for i in sid_inds}
        need = remaining / factor  # Σ weight × mean level
        sid_levels = {}
        rest = list(sid_inds)
        while rest:
            s = need / sum(i.weight * shape[i.code] for i in rest)
            capped = [i for i in rest if s * shape[i.code] > i.max_level]
            if not capped:
                sid_levels.update({i.code: s * shape[i.code] for i in rest})
                break
            for i in capped:
                sid_levels[i.code] = float(i.max_level)
                need -= i.weight * i.max_level
                rest.remove(i)
        prof = Profile({**levels, **{c: round(v, 3) for c, v in sid_levels.items()}}, n, basic)
        break
    return prof


def generate(data_dir: Path, seed: int = 1) -> dict[str, pd.DataFrame]:
    """All sample tables as DataFrames (written by write())."""
    rng = random.Random(seed)
    db = memory_db(data_dir, include_sample=False)
    regions = db.df("select code, kind from regions where autonomous order by code")
    facts = db.df(
        """select region_code, year, score, case when predicate_stated then predicate end as predicate
           from iid_scores where year between 2021 and 2025"""
    )
    facts["score"] = facts["score"].astype(float)
    trends = pd.read_csv(data_dir / "published" / "trend_facts.csv", dtype={"region_code": str})
    bands, rules = queries.bands(db), queries.rule_years(db)
    inds = {y: queries.indicators(db, y) for y in YEARS}
    published_scores = set(map(tuple, facts.dropna(subset=["score"])[["region_code", "year"]].values.tolist()))
    targets = trajectories(regions, facts, bands, trends, rng)
    src = sample_source_id(seed)
    score_rows, profile_rows, level_rows = [], [], []
    kinds = dict(zip(regions["code"], regions["kind"], strict=False))
    for (code, year), target in sorted(targets.items()):
        # about 1 % of kabupaten a year report nothing usable: Tidak Dapat Dinilai (score 0)
        tdd = kinds[code] == "kabupaten" and rng.random() < 0.012 and (code, year) not in published_scores
        prof = profile_for(0.0 if tdd else target, rules[year], inds[year], rng)
        result = compute(prof, rules[year], inds[year])
        profile_rows.append(
            {
                "region_code": code,
                "year": year,
                "n_innovations": prof.n_innovations,
                "basic_services": prof.basic_services,
                "source_id": src,
            }
        )
        level_rows.extend(
            {"region_code": code, "year": year, "indicator_code": c, "level": f"{v:.3f}", "source_id": src}
            for c, v in prof.levels.items()
        )
        if (code, year) in published_scores:
            continue  # the published score is shown; the sample only explains it with indicators
        score_rows.append(
            {
                "region_code": code,
                "year": year,
                "score": f"{result.score:.2f}",
                "predicate": None,
                "predicate_stated": False,
                "predicate_as_printed": None,
                "rank": None,
                "rank_of": None,
                "rank_note": None,
                "status": "sample",
                "source_id": src,
                "note": None,
            }
        )
    sources = pd.DataFrame(
        [
            {
                "source_id": src,
                "kind": "sample",
                "title": "Data contoh untuk peragaan, bukan angka resmi",
                "publisher": "Dasbor IID (data contoh)",
                "url": None,
                "document_ref": None,
                "published_date": None,
                "retrieved_date": None,
                "note": "Bukan data resmi. Dibuat acak namun konsisten dengan semua skor, predikat dan tren yang dipublikasikan"
                f" (python -m iid sample --seed {seed}).",
            }
        ]
    )
    from iid.register_sample import generate_register

    register = generate_register(data_dir / "raw" / "idn-area-data", src, seed)
    return {
        **register,
        "sources_sample": sources,
        "iid_scores_sample": pd.DataFrame(score_rows),
        "innovation_profiles_sample": pd.DataFrame(profile_rows),
        "indicator_scores_sample": pd.DataFrame(level_rows),
    }


def write(tables: dict[str, pd.DataFrame], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(out_dir / f"{name}.csv", index=False)
