"""The guided story of one region for workshops: title, score, trend, peers, target, scenario, commitments.

Every headline is written from the data (no sentence with a number in it is typed by hand). The page /presentasi,
the PowerPoint deck and `python -m iid deck` all use build_story().
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from iid import charts, explore, figures, fmt, narrative, queries, scenarios
from iid.db import Database
from iid.i18n import predicate_label, t
from iid.overview import commitment_lines, headline
from iid.values import first, py, records, text


@dataclass
class Screen:
    key: str  # title, score, trend, peers, target, scenario, commitments
    headline: str
    figure: go.Figure | None = None
    lines: list[str] = field(default_factory=list)  # body text (title and commitments screens)
    sources: list[str] = field(default_factory=list)  # for the slide notes
    has_sample: bool = False
    short: str | None = None  # the headline on the projector when the full one would take more than two lines

    @property
    def projector_headline(self) -> str:
        return self.short or self.headline


def _source_lines(df) -> list[str]:
    out = []
    for r in records(df):
        where = first(r["url"], r["document_ref"]) or ""
        label = text(r["publisher"]) or text(r["title"])
        out.append(
            f"{label} — {text(r['title'])}"
            + (f" ({where})" if where else "")
            + (" [data contoh]" if r["kind"] == "sample" else "")
            + (" [penilaian mandiri / tidak resmi]" if r["kind"] == "imported" else "")
        )
    return out


@dataclass
class _Ctx:
    """What every screen needs about the region, read once."""

    db: Database
    code: str
    lang: str
    published_only: bool
    reg: dict
    o: queries.Overview
    comp: explore.Comparison
    name: str
    kinds: str
    province: str
    src: list[str]


def _ctx(db: Database, code: str, lang: str, published_only: bool) -> _Ctx:
    reg = queries.region(db, code)
    o = queries.overview(db, code, published_only)
    return _Ctx(
        db,
        code,
        lang,
        published_only,
        reg,
        o,
        explore.compare(db, [code], published_only, lang),
        reg["display_name"],
        t(f"kind_plural_{reg['kind']}", lang),
        queries.region(db, reg["province_code"])["short_name"],
        _source_lines(o.sources),
    )


def title_screen(c: _Ctx) -> Screen:
    years = sorted(c.o.series["year"].tolist())
    return Screen(
        "title",
        c.name,
        lines=[
            t(
                "story_title_sub",
                c.lang,
                first=years[0] if years else "–",
                last=years[-1] if years else "–",
                kind=t(f"kind_{c.reg['kind']}", c.lang),
                province=c.province,
            ),
            t("story_data_sample", c.lang) if c.o.has_sample else t("story_data_published", c.lang),
        ],
        sources=c.src,
        has_sample=c.o.has_sample,
    )


def score_screen(c: _Ctx) -> Screen | None:
    latest = c.o.latest
    if latest is None:
        return None
    bands = queries.bands(c.db)
    h = headline(c.o, c.lang, bands)
    gauge = charts.score_gauge(
        latest["score"],
        latest["predicate"],
        h.year,
        c.name,
        bands.get(h.year, []),
        c.o.sources,
        bool(latest["score_is_sample"]),
        h.change_value,
        c.lang,
    )
    return Screen(
        "score",
        h.sentence or c.name,
        gauge,
        sources=c.src,
        has_sample=bool(latest["score_is_sample"]),
        short=_score_short(c, bands),
    )


def _score_short(c: _Ctx, bands: dict) -> str | None:
    """'Skor IID 2025: 62,36, naik 1,00 poin dari 2024, tetapi turun ke Inovatif karena …': the score and what
    changed, without the rank and the kind of figure (the gauge and its mark show those)."""
    latest = c.o.latest
    if latest is None or latest["score"] is None:
        return None
    s = narrative.shift(c.o.previous, latest, bands) if c.o.previous else None
    phrase = narrative.change_phrase(s, c.lang) if s is not None else ""
    if not phrase and latest["predicate"]:
        phrase = t("nar_pred", c.lang, p=predicate_label(latest["predicate"], c.lang))
    head = t("story_score_short", c.lang, year=int(latest["year"]), score=fmt.score(latest["score"], c.lang))
    return head + (f", {phrase}" if phrase else "") + "."


def trend_screen(c: _Ctx) -> Screen:
    summary = explore.summary(c.comp.series, c.reg["kind"], c.lang, queries.bands(c.db), c.comp.coverage_years)
    # the score screen told the latest year; the trend screen leads with the long run (the second sentence)
    return Screen(
        "trend",
        (summary[1] if len(summary) > 1 else summary[0]) if summary else c.name,
        figures.trend_main(c.db, c.code, c.published_only, c.lang),
        sources=c.src,
        has_sample=c.comp.has_sample,
    )


def peers_screen(c: _Ctx) -> Screen | None:
    """The region among the kab/kota of its province (or, where there are few, the nearest scores of its kind)."""
    s = c.comp.standings.get(c.code)
    if not (s and s.rank_national):
        return None
    how = "province" if c.reg["kind"] != "provinsi" and s.of_province >= 3 else "kind"
    peer_codes = explore.peers(c.db, c.code, how, c.published_only, limit=6)
    peers_comp = explore.compare(c.db, peer_codes, c.published_only, c.lang)
    ps = peers_comp.standings.get(c.code)
    if how == "province":
        line = t(
            "story_peers",
            c.lang,
            n=ps.of_province,
            kinds=c.kinds,
            province=c.province,
            rank=ps.rank_province,
            pct=fmt.percent(ps.percentile_national, 0, c.lang),
        )
    else:
        line = t(
            "story_peers_national",
            c.lang,
            n=ps.of_national,
            kinds=c.kinds,
            rank=ps.rank_national,
            pct=fmt.percent(ps.percentile_national, 0, c.lang),
        )
    fig = figures.compare_latest(c.db, tuple(peer_codes), c.published_only, c.lang)
    fig.update_layout(title_text=t("story_peers_title", c.lang, name=c.name))
    return Screen("peers", line, fig, sources=_source_lines(peers_comp.sources), has_sample=peers_comp.has_sample)


def target_screen(c: _Ctx) -> Screen | None:
    from iid.target_report import build_report
    from iid.target_text import status_label

    iid_targets = c.o.targets[c.o.targets["metric"] == "iid_score"]
    if iid_targets.empty:
        return None
    tg = records(iid_targets.head(1))[0]
    named = tg["predicate_named"]
    rep = build_report(
        c.db,
        c.code,
        float(tg["value"]),
        int(tg["target_year"]),
        tg["comparator"],
        "iid_score",
        None,
        c.published_only,
        named,
    )
    if rep.progress is None:
        return None
    req = fmt.number(rep.progress.required_gain, 2, c.lang) if rep.progress.required_gain is not None else "–"
    line = t(
        "story_target",
        c.lang,
        value=fmt.score(tg["value"], c.lang),
        year=int(tg["target_year"]),
        status=status_label(rep, c.lang),
        req=req,
    )
    fig = figures.target_of_report(c.db, rep, tg["source_id"], c.published_only, c.lang)
    return Screen(
        "target",
        line,
        fig,
        sources=c.src + [f"{text(tg['plan_document'])} — {text(tg['source_title'])}"],
        has_sample=rep.has_sample,
    )


def scenario_screen(c: _Ctx) -> Screen | None:
    """The newest saved scenarios beside the latest score, each named with the rule year it was simulated under."""
    latest = c.o.latest
    if latest is None or latest["score"] is None:
        return None
    saved = [r for r in scenarios.page(c.db, c.code, per_page=3).rows if py(r["payload"].get("score")) is not None]
    if not saved:
        return None
    sc = saved[0]
    score = float(sc["payload"]["score"])
    rule = py(sc["payload"].get("rule_year"))
    line = t(
        "story_scenario_rule" if rule else "story_scenario",
        c.lang,
        name=sc["name"],
        rule=rule,
        score=fmt.score(score, c.lang),
        delta=fmt.signed(score - float(latest["score"]), 2, c.lang),
    )
    return Screen(
        "scenario",
        line,
        _scenario_bars(saved, float(latest["score"]), int(latest["year"]), c.name, c.lang),
        sources=c.src,
        has_sample=c.o.has_sample,
    )


def commitments_screen(c: _Ctx) -> Screen | None:
    lines = [line for line, _, _ in commitment_lines(c.o, c.lang)]
    if not lines:
        return None
    used = c.o.sources[c.o.sources["source_id"].isin(c.o.commitments["source_id"])]
    return Screen(
        "commitments",
        t("story_commitments" if len(lines) != 1 else "story_commitment_one", c.lang, n=len(lines)),
        lines=lines,
        sources=_source_lines(used),
    )


SCREENS = {
    "title": title_screen,
    "score": score_screen,
    "trend": trend_screen,
    "peers": peers_screen,
    "target": target_screen,
    "scenario": scenario_screen,
    "commitments": commitments_screen,
}


def screen(db: Database, code: str, key: str, lang: str = "id", published_only: bool = False) -> Screen | None:
    """One screen of the story (the projector view of a page)."""
    return SCREENS[key](_ctx(db, code, lang, published_only))


def build_story(db: Database, code: str, lang: str = "id", published_only: bool = False) -> list[Screen]:
    """Every screen that has something to show, in order."""
    c = _ctx(db, code, lang, published_only)
    return [s for fn in SCREENS.values() if (s := fn(c)) is not None]


def _scenario_bars(saved: list[dict], latest: float, year: int, name: str, lang: str) -> go.Figure:
    labels = [f"{year} ({'aktual' if lang == 'id' else 'actual'})"]
    for r in saved:
        rule = py(r["payload"].get("rule_year"))
        labels.append(f"{r['name']} ({t('story_rule_short', lang, rule=rule)})" if rule else r["name"])
    values = [latest, *[float(r["payload"]["score"]) for r in saved]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            marker_color=["#6B6B6B", *["#0072B2"] * len(saved)],
            text=[fmt.score(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(range=[0, 100], gridcolor="#E8E8E8")
    charts.frame(fig, t("story_scenario_title", lang), name, t("source_line", lang, sources=name), True, lang)
    fig.update_layout(height=460)
    return fig
