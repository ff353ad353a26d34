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
    table: dict | None = None  # {"columns": [...], "rows": [[text, ...], ...]}: levers, pledges, sources
    native: dict | None = None  # a bar or line chart the deck draws as a PowerPoint chart (see native_* below)
    steps: list = field(default_factory=list)  # the goal seek's steps (levers), for the closing slide

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
    from iid.rule_changes import in_span, run_text, runs

    years = sorted(int(y) for y in c.comp.series["year"].unique())
    mine = c.comp.series[c.comp.series["region_code"] == c.code].set_index("year")["score"]
    series = [(c.name, [py(mine.get(y)) for y in years])]
    for (kind, scope), grp in c.comp.refs.groupby(["kind", "scope"], sort=True):
        avg = grp.set_index("year")["average"]
        series.append((c.comp.ref_names.get((kind, scope), scope), [py(avg.get(y)) for y in years]))
    notes = [
        f"{int(e.year)}: {e.title if c.lang == 'id' else e.title_en}"
        for e in c.o.events.itertuples(index=False)
        if years and years[0] <= e.year <= years[-1]
    ]
    if years:
        notes += [
            f"{r[0].year}: {run_text(r, c.lang)}" for r in runs(in_span(figures.changes(c.db), years[0], years[-1]))
        ]
    return Screen(
        "trend",
        (summary[1] if len(summary) > 1 else summary[0]) if summary else c.name,
        figures.trend_main(c.db, c.code, c.published_only, c.lang),
        lines=notes,
        sources=c.src,
        has_sample=c.comp.has_sample,
        native=native_line(
            t("trend_title", c.lang, name=c.name, first=years[0], last=years[-1]) if years else c.name,
            [str(y) for y in years],
            series,
        ),
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
    elif not ps.of_national:  # a published rank that does not say how many were ranked, so no percentile either
        line = t("story_peers_rank_only", c.lang, kinds=c.kinds, rank=ps.rank_national)
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
    latest = peers_comp.latest.sort_values("score", ascending=True, na_position="first")
    return Screen(
        "peers",
        line,
        fig,
        sources=_source_lines(peers_comp.sources),
        has_sample=peers_comp.has_sample,
        native=native_bar(
            t("story_peers_title", c.lang, name=c.name),
            latest["display_name"].tolist(),
            [(t("axis_score", c.lang), [py(v) for v in latest["score"]])],
            scale=(0, 100),
        ),
    )


def target_screen(c: _Ctx) -> Screen | None:
    from iid.target_report import build_report

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
    line = target_headline(rep, c.lang)
    fig = figures.target_of_report(c.db, rep, tg["source_id"], c.published_only, c.lang)
    return Screen(
        "target",
        line,
        fig,
        sources=c.src + [f"{text(tg['plan_document'])} — {text(tg['source_title'])}"],
        has_sample=rep.has_sample,
    )


def target_headline(rep, lang: str = "id") -> str:
    """'Target 65,00 pada 2029: Sesuai jalur — perlu naik 2,63 poin per tahun.': the story's and the projector's."""
    from iid.target_text import status_label

    p = rep.progress
    if p is None or rep.metric != "iid_score":
        return f"{t('tg_status', lang)}: {status_label(rep, lang)}" if p is not None else t("tg_status", lang)
    if p.status == "missed":
        return t(
            "story_target_missed",
            lang,
            value=fmt.score(rep.target.value, lang),
            year=int(rep.target.year),
            latest=fmt.score(p.latest_value, lang),
        )
    return t(
        "story_target",
        lang,
        value=fmt.score(rep.target.value, lang),
        year=int(rep.target.year),
        status=status_label(rep, lang),
        req=fmt.number(p.required_gain, 2, lang) if p.required_gain is not None else "–",
    )


def scenario_start(c: _Ctx, payload: dict) -> float | None:
    """The score of the profile a saved scenario started from, under the scenario's own rules: what its changes add
    is measured against it, never against the latest score under other rules (a scenario of 2028 rules that raises the
    2025 profile by 2,40 once read "−1,55 from the latest score": the new rules alone take off 3,95). None when the
    scenario names no rules, or the region's latest profile is no longer the one it started from."""
    from iid.rules import compute

    rule = py(payload.get("rule_year"))
    base = queries.latest_profile(c.db, c.code, c.published_only)
    if rule is None or base is None or base["year"] != py(payload.get("profile_year")):
        return None
    rules = queries.rule_years(c.db)
    if rule not in rules:
        return None
    return compute(base["profile"], rules[rule], queries.indicators(c.db, rule)).score


def scenario_screen(c: _Ctx) -> Screen | None:
    """The newest saved scenarios beside the latest score, each named with the rule year it was simulated under; the
    newest one's gain against its own starting profile under the same rules."""
    latest = c.o.latest
    if latest is None or latest["score"] is None:
        return None
    saved = [r for r in scenarios.page(c.db, c.code, per_page=3).rows if py(r["payload"].get("score")) is not None]
    if not saved:
        return None
    sc = saved[0]
    score = float(sc["payload"]["score"])
    rule = py(sc["payload"].get("rule_year"))
    start = scenario_start(c, sc["payload"])
    if start is not None:
        line = t(
            "story_scenario_gain",
            c.lang,
            name=sc["name"],
            rule=rule,
            score=fmt.score(score, c.lang),
            delta=fmt.signed(score - start, 2, c.lang),
            year=py(sc["payload"].get("profile_year")),
            start=fmt.score(start, c.lang),
        )
    else:
        line = t(
            "story_scenario_rule" if rule else "story_scenario",
            c.lang,
            name=sc["name"],
            rule=rule,
            score=fmt.score(score, c.lang),
            delta=fmt.signed(score - float(latest["score"]), 2, c.lang),
        )
    base = None
    if start is not None and abs(start - float(latest["score"])) >= 0.005:
        base = (t("story_scenario_start", c.lang, year=py(sc["payload"].get("profile_year")), rule=rule), start)
    return Screen(
        "scenario",
        line,
        _scenario_bars(saved, float(latest["score"]), int(latest["year"]), c.name, c.lang, base),
        sources=c.src,
        has_sample=c.o.has_sample,
    )


def commitments_screen(c: _Ctx) -> Screen | None:
    """The region's pledges, each with its progress against the innovation register of the latest register year."""
    from iid import register

    lines = [line for line, _, _ in commitment_lines(c.o, c.lang)]
    if not lines:
        return None
    used = c.o.sources[c.o.sources["source_id"].isin(c.o.commitments["source_id"])]
    year = _register_year(c)
    rows = []
    for st in register.commitment_status(c.db, c.code, year):
        label = text(st.commitment.get("label"))
        share = st.achieved / st.target if st.target else None
        rows.append(
            [
                label,
                f"{fmt.number(st.achieved, 0, c.lang)} / {fmt.number(st.target, 0, c.lang)}",
                fmt.percent(share, 0, c.lang) if share is not None else "–",
                t("commit_units_short", c.lang, n=len(st.short_units)) if st.short_units else "",
            ]
        )
    table = (
        {"columns": [t("story_col_pledge", c.lang, year=year), t("story_col_progress", c.lang), "%", ""], "rows": rows}
        if rows
        else None
    )
    return Screen(
        "commitments",
        t("story_commitments" if len(lines) != 1 else "story_commitment_one", c.lang, n=len(lines)),
        lines=lines,
        sources=_source_lines(used),
        table=table,
        has_sample=c.o.has_sample,
    )


def _register_year(c: _Ctx) -> int:
    """The year pledges are checked in: the latest year of the region's register, else this year."""
    import datetime as dt

    from iid import register

    reg = register.register(c.db, c.code)
    return int(reg["year_proposed"].max()) if not reg.empty else dt.date.today().year


def weakest_screen(c: _Ctx) -> Screen | None:
    """Where points are lost: the indicators furthest below their maximum, in the latest indicator year."""
    matrix = explore.indicator_matrix(c.db, [c.code])
    if matrix.empty:
        return None
    weak = explore.weakest(matrix, c.code, 6).sort_values("loss")
    names = dict(zip(matrix["code"], matrix["name"] if c.lang == "id" else matrix["name_en"], strict=False))
    sentence = explore.weakest_sentences(matrix, [c.code], {c.code: c.name}, c.lang)
    native = native_bar(
        t("story_weakest_title", c.lang, name=c.name),
        [names[k] for k in weak["code"]],
        [(t("story_col_lost", c.lang), [round(float(v), 2) for v in weak["loss"]])],
    )
    has_sample = bool(matrix["is_sample"].any())
    fig = bars_figure(native, t("story_weakest_sub", c.lang), t("heat_source", c.lang), has_sample, c.lang)
    worst = weak.iloc[-1]
    return Screen(
        "weakest",
        sentence[0] if sentence else c.name,
        fig,
        sources=c.src,
        has_sample=has_sample,
        native=native,
        short=t("story_weakest_short", c.lang, name=names[worst["code"]], loss=fmt.number(worst["loss"], 2, c.lang)),
    )


def bars_figure(native: dict, subtitle: str, source: str, has_sample: bool, lang: str) -> go.Figure:
    """A plotly figure of a native bar spec, for the screen and the images (the deck draws the native chart)."""
    name, values = native["series"][0]
    fig = go.Figure(
        go.Bar(
            y=native["categories"],
            x=values,
            orientation="h",
            marker_color="#D55E00",
            text=[fmt.number(v, 2, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            name=name,
            hovertemplate="%{y}: %{x:,.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(title=name, gridcolor="#E8E8E8", rangemode="tozero")
    fig.update_yaxes(tickmode="linear", dtick=1)  # every indicator named, however small the chart
    charts.frame(fig, native["title"], subtitle, source, has_sample, lang)
    fig.update_layout(height=440, showlegend=False)
    return fig


def _target(c: _Ctx) -> dict | None:
    iid_targets = c.o.targets[c.o.targets["metric"] == "iid_score"]
    return None if iid_targets.empty else records(iid_targets.head(1))[0]


def levers_screen(c: _Ctx) -> Screen | None:
    """Goal seek: the smallest set of improvements (greedy, most points per step) that reaches the target."""
    from iid import whatif
    from iid.rules import rule_year_for

    tg, base = _target(c), queries.latest_profile(c.db, c.code, c.published_only)
    rules = queries.rule_years(c.db)
    if tg is None or base is None or not rules:
        return None
    ry = rule_year_for(int(tg["target_year"]), sorted(rules))
    inds = queries.indicators(c.db, ry)
    names = {i.code: (i.name if c.lang == "id" or not i.name_en else i.name_en) for i in inds}
    names |= {whatif.INNOVATIONS: t("wi_n", c.lang), whatif.SERVICES: t("wi_bs", c.lang)}
    target = float(tg["value"]) + (0.01 if tg["comparator"] == ">" else 0)
    seek = whatif.goal_seek(base["profile"], rules[ry], inds, target, names)
    if seek.reason == "already_met":
        line = t("gs_already_rule", c.lang, rule=ry)
    elif not seek.reachable:
        line = t(
            "gs_impossible",
            c.lang,
            target=fmt.score(target, c.lang),
            rule=ry,
            max=fmt.score(whatif.max_score(base["profile"], rules[ry], inds), c.lang),
        )
    else:
        line = t(
            "gs_reached_rule",
            c.lang,
            target=fmt.score(target, c.lang),
            rule=ry,
            steps=seek.effort,
            score=fmt.score(seek.end_score, c.lang),
        )
    rows = [
        [
            st.name,
            fmt.number(st.before, whatif.decimals(st.lever), c.lang),
            fmt.number(st.after, whatif.decimals(st.lever), c.lang),
            fmt.signed(st.points, 2, c.lang),
        ]
        for st in seek.steps[:12]
    ]
    cols = [t("gs_col_lever", c.lang), t("gs_col_from", c.lang), t("gs_col_to", c.lang), t("gs_col_points", c.lang)]
    return Screen(
        "levers",
        line,
        lines=[t("story_levers_basis", c.lang, year=base["year"], rule=ry)],
        sources=c.src,
        has_sample=bool(base["is_sample"]),
        table={"columns": cols, "rows": rows} if rows else None,
        steps=seek.steps,
    )


def portfolio_screen(c: _Ctx) -> Screen | None:
    """The innovation register of the latest year: how many reached each stage."""
    from iid import register

    reg = register.register(c.db, c.code)
    if reg.empty:
        return None
    year = int(reg["year_proposed"].max())
    p = register.portfolio(reg[reg["year_proposed"] == year])
    stages = p["stage"]
    labels = [register.STAGE_LABEL[c.lang][k] for k in stages["stage"]]
    counts = [int(v) for v in stages["count"]]
    has_sample = bool(reg["is_sample"].any())
    fig = charts.funnel(
        stages,
        register.STAGE_LABEL[c.lang],
        t("inv_funnel", c.lang, year=year),
        register.source_line(has_sample, c.lang),
        has_sample,
        c.lang,
    )
    return Screen(
        "portfolio",
        t("story_portfolio", c.lang, n=fmt.integer(counts[0], c.lang), year=year, done=fmt.integer(counts[-1], c.lang)),
        fig,
        sources=[register.source_line(has_sample, c.lang)],
        has_sample=has_sample,
        native={
            **native_bar(t("inv_funnel", c.lang, year=year), labels, [(t("inv_count", c.lang), counts)], False),
            "format": "0",
        },
    )


def sources_screen(c: _Ctx) -> Screen | None:
    """Every source the story stands on, each with where to find it."""
    rows = []
    for r in records(c.o.sources):
        where = first(r["url"], r["document_ref"]) or "–"
        kind = {"sample": t("sample_badge", c.lang), "imported": t("own_badge", c.lang)}.get(r["kind"], "")
        rows.append([text(r["publisher"]) or text(r["title"]), text(r["title"]), where, kind])
    if not rows:
        return None
    cols = [t("story_col_publisher", c.lang), t("story_col_title", c.lang), "URL", ""]
    return Screen(
        "sources", t("story_sources", c.lang, n=len(rows)), sources=c.src, table={"columns": cols, "rows": rows}
    )


def next_screen(c: _Ctx, earlier: list[Screen]) -> Screen | None:
    """Next steps written from what the story found: levers, the weakest indicators, pledges short, data to replace."""
    by = {s.key: s for s in earlier}
    steps: list[str] = []
    levers = by.get("levers")
    if levers is not None and levers.steps:
        first_steps = ", ".join(f"{st.name} ({fmt.signed(st.points, 2, c.lang)})" for st in levers.steps[:3])
        steps.append(t("story_next_levers", c.lang, items=first_steps))
    weak = by.get("weakest")
    if weak is not None and weak.native and not steps:
        cats = weak.native["categories"][::-1][:2]
        steps.append(t("story_next_weakest", c.lang, items=", ".join(cats)))
    target = by.get("target")
    if target is not None:
        steps.append(target.headline)
    for row in (by["commitments"].table or {}).get("rows", []) if "commitments" in by else []:
        if row[3]:
            steps.append(t("story_next_pledge", c.lang, pledge=row[0], short=row[3]))
    if c.o.has_sample:
        steps.append(t("story_next_sample", c.lang))
    if not steps:
        steps.append(t("story_next_keep", c.lang))
    return Screen("next", t("story_next_title", c.lang, name=c.name), lines=steps[:6], sources=c.src)


SCREENS = {
    "title": title_screen,
    "score": score_screen,
    "trend": trend_screen,
    "peers": peers_screen,
    "weakest": weakest_screen,
    "target": target_screen,
    "levers": levers_screen,
    "scenario": scenario_screen,
    "commitments": commitments_screen,
    "portfolio": portfolio_screen,
    "sources": sources_screen,
}


def native_bar(
    title: str, categories: list[str], series: list[tuple[str, list]], horizontal: bool = True, scale=None
) -> dict:
    """A bar chart the deck draws as a PowerPoint chart (restyled there like any other); scale: the value axis."""
    return {
        "kind": "bar",
        "title": title,
        "categories": categories,
        "series": series,
        "horizontal": horizontal,
        "scale": scale,
    }


def native_line(
    title: str, categories: list[str], series: list[tuple[str, list]], scale=(0, 100), regions: bool = False
) -> dict:
    """Lines with markers; regions=True: every series a region in its own colour (else the first, then grey)."""
    return {
        "kind": "line",
        "title": title,
        "categories": categories,
        "series": series,
        "scale": scale,
        "regions": regions,
    }


def screen(db: Database, code: str, key: str, lang: str = "id", published_only: bool = False) -> Screen | None:
    """One screen of the story (the projector view of a page)."""
    return SCREENS[key](_ctx(db, code, lang, published_only))


def build_story(db: Database, code: str, lang: str = "id", published_only: bool = False) -> list[Screen]:
    """Every screen that has something to show, in order, ending with the next steps the data suggests."""
    c = _ctx(db, code, lang, published_only)
    screens = [s for fn in SCREENS.values() if (s := fn(c)) is not None]
    closing = next_screen(c, screens)
    return screens + ([closing] if closing is not None else [])


def comparison_screens(db: Database, codes: list[str], lang: str = "id", published_only: bool = False) -> list[Screen]:
    """A workshop's comparison section: the regions' latest scores side by side, and their scores over time."""
    comp = explore.compare(db, codes, published_only, lang)
    src = _source_lines(comp.sources)
    latest = comp.latest.sort_values("score", ascending=True, na_position="first")
    rows = []
    for r in records(comp.latest.sort_values("score", ascending=False, na_position="last")):
        s = comp.standings.get(r["region_code"])
        rank = (s.national_rank_text if s else None) or "–"
        rows.append([r["display_name"], fmt.score(r["score"], lang), predicate_label(r["predicate"], lang), rank])
    years = sorted(int(y) for y in comp.series["year"].unique())
    series = []
    for code in codes:
        mine = comp.series[comp.series["region_code"] == code]
        if not mine.empty:
            by_year = mine.set_index("year")["score"]
            series.append((text(mine["display_name"].iloc[0]), [py(by_year.get(y)) for y in years]))
    cols = [t("region", lang), t("table_score", lang), t("predicate", lang), t("story_col_rank", lang)]
    return [
        Screen(
            "compare_latest",
            explore.compare_headline(comp, lang),
            figures.compare_latest(db, tuple(codes), published_only, lang),
            sources=src,
            has_sample=comp.has_sample,
            table={"columns": cols, "rows": rows},
            native=native_bar(
                t("cmp_latest_title", lang, year=comp.year),
                latest["display_name"].tolist(),
                [(t("axis_score", lang), [py(v) for v in latest["score"]])],
                scale=(0, 100),
            ),
        ),
        Screen(
            "compare_time",
            t("story_compare_time", lang, n=len(codes)),
            sources=src,
            has_sample=comp.has_sample,
            native=native_line(t("tab_time", lang), [str(y) for y in years], series, regions=True),
        ),
    ]


def _scenario_bars(
    saved: list[dict], latest: float, year: int, name: str, lang: str, base: tuple[str, float] | None = None
) -> go.Figure:
    """The latest actual score, the newest scenario's starting profile under its rules when that differs (base), and
    the saved scenarios; sourced to the dashboard's simulations, not to the region."""
    labels = [f"{year} ({'aktual' if lang == 'id' else 'actual'})"]
    values = [latest]
    colours = ["#6B6B6B"]
    if base is not None:
        labels.append(base[0])
        values.append(base[1])
        colours.append("#A6A6A6")
    for r in saved:
        rule = py(r["payload"].get("rule_year"))
        labels.append(f"{r['name']} ({t('story_rule_short', lang, rule=rule)})" if rule else r["name"])
    values += [float(r["payload"]["score"]) for r in saved]
    colours += ["#0072B2"] * len(saved)
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            marker_color=colours,
            text=[fmt.score(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(range=[0, 100], gridcolor="#E8E8E8")
    charts.frame(fig, t("story_scenario_title", lang), name, t("story_scenario_source", lang), True, lang)
    fig.update_layout(height=460)
    return fig
