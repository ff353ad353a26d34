"""Sentences about a target report, written from the data (Indonesian first, English when switched)."""

from __future__ import annotations

from iid import fmt
from iid.i18n import predicate_label, t
from iid.target_report import Report
from iid.targets import METHOD_NAME, MIN_YEARS_FOR_STATUS


def value_decimals(rep: Report) -> int:
    """Decimals of a value of the target's metric: a score 65,00; a count of innovations 100."""
    return 2 if rep.metric == "iid_score" else 0


def rate_decimals(rep: Report) -> int:
    """Decimals of a gain per year: a score +3,02; a count +29,0 (a mean pace of whole counts)."""
    return 2 if rep.metric == "iid_score" else 1


def status_label(rep: Report, lang: str = "id") -> str:
    return t(f"status_{rep.progress.status}", lang) if rep.progress else "–"


def explain(rep: Report, lang: str = "id") -> str:
    """One sentence that says why the status is what it is, naming the years each gain is measured over."""
    p = rep.progress
    if rep.error:
        return t(f"error_{rep.error}", lang)
    if p.status == "achieved":
        return t(
            "explain_achieved", lang, latest=fmt.score(p.latest_value, lang), target=fmt.score(rep.target.value, lang)
        )
    if p.status == "insufficient_data":
        return t("explain_insufficient", lang, n=MIN_YEARS_FOR_STATUS, have=len(p.years_used))
    if p.status == "missed":
        d = value_decimals(rep)
        return t(
            "explain_missed",
            lang,
            year=rep.target.year,
            target=fmt.number(rep.target.value, d, lang),
            latest=fmt.number(p.latest_value, d, lang),
            gap=fmt.number(max(p.gap, 0), d, lang),
        )
    years = {"t0": p.first_year, "t": p.latest_year, "ty": rep.target.year}
    r = rate_decimals(rep)
    if p.status == "decreasing":
        text = t(
            "explain_decreasing_window",
            lang,
            obs=fmt.number(abs(p.g_obs), r, lang),
            req=fmt.number(p.g_req, r, lang),
            **years,
        )
    else:
        text = t(
            "explain_ratio_window",
            lang,
            obs=fmt.number(p.g_obs, r, lang),
            pct=fmt.percent(p.ratio, 0, lang),
            req=fmt.number(p.g_req, r, lang),
            status=t(f"status_{p.status}", lang).lower(),
            rule=t(f"rule_{p.status}", lang),
            **years,
        )
    if p.required_gain is not None and p.first_year != p.latest_year:
        # the KPI "needed / year" runs from the latest year; SDSN's from the window's start: say why they differ
        text += " " + t("explain_from_now", lang, now=fmt.number(p.required_gain, r, lang), **years)
    return text


def projection_sentence(rep: Report, lang: str = "id") -> str | None:
    """Where the pace leads by the target year; the pace is the observed one (with its years) or the assumed gain."""
    p = rep.progress
    if not p or p.projected_value is None:
        return None
    pace = p.projection[1][1] - p.projection[0][1] if len(p.projection) > 1 else 0.0
    diff = rep.target.threshold - p.projected_value
    d, r = value_decimals(rep), rate_decimals(rep)
    unit = "" if rep.metric == "iid_score" else "_count"  # points of a score; a count has no unit word
    diff_text = (
        t(f"short_by{unit}", lang, x=fmt.number(diff, d, lang))
        if diff > 0
        else t(f"above_by{unit}", lang, x=fmt.number(-diff, d, lang))
    )
    args = {"pace": fmt.signed(pace, r, lang), "proj": fmt.number(p.projected_value, d, lang), "year": rep.target.year}
    if rep.gain is not None:
        return t("projection_assumed", lang, diff=diff_text, **args)
    return t("projection_observed", lang, diff=diff_text, t0=p.first_year, t=p.latest_year, **args)


def reached_sentence(rep: Report, lang: str = "id") -> str | None:
    p = rep.progress
    if not p or (p.trend is None and not p.projection and p.year_reached is None):
        return None
    if p.year_reached and p.status == "missed":  # the target year is over: when the value comes, late
        return t(
            "reached_late",
            lang,
            value=fmt.number(rep.target.value, value_decimals(rep), lang),
            year=p.year_reached,
            n=p.year_reached - rep.target.year,
            target_year=rep.target.year,
        )
    return t("reached_in", lang, year=p.year_reached) if p.year_reached else t("not_at_pace", lang)


def predicate_sentence(rep: Report, lang: str = "id") -> str | None:
    if rep.target_predicate is None:
        return None
    value = fmt.score(rep.target.threshold, lang)
    if rep.predicate_named and rep.predicate_named != rep.target_predicate:
        return t(
            "predicate_check_short",
            lang,
            value=value,
            pred=predicate_label(rep.target_predicate, lang),
            year=rep.band_year,
            named=predicate_label(rep.predicate_named, lang),
            minimum=fmt.score(rep.predicate_minimum, lang),
        )
    return t(
        "predicate_check_ok", lang, value=value, pred=predicate_label(rep.target_predicate, lang), year=rep.band_year
    )


def trend_label(rep: Report, lang: str = "id") -> str:
    """The observed pace's label with its years ("Laju teramati / tahun (2021–2025)"); plain when there is none."""
    p = rep.progress
    if p is None or p.trend is None:
        return t("tg_trend_plain", lang)
    return t("tg_trend_window", lang, t0=p.first_year, t=p.latest_year)


def summary_lines(rep: Report, lang: str = "id") -> list[str]:
    """What `python -m iid target` prints."""
    p = rep.progress
    name = rep.region["display_name"]
    en = lang == "en"
    lines = [
        f"{name} — {'target' if en else 'target'} {rep.target.comparator} "
        f"{fmt.number(rep.target.value, value_decimals(rep), lang)} "
        f"{'by' if en else 'pada'} {rep.target.year}"
    ]
    if rep.error:
        return lines + [explain(rep, lang)]

    def label(i, e):
        return e if en else i

    lines += [
        f"{label('Nilai terakhir', 'Latest value')}: {fmt.number(p.latest_value, value_decimals(rep), lang)}"
        f" ({p.latest_year})" + (f" · {t('sample_badge', lang)}" if rep.has_sample else ""),
        f"{label('Selisih', 'Gap')}: {fmt.number(p.gap, value_decimals(rep), lang)}",
        f"{t('tg_required_window', lang, t=p.latest_year, ty=rep.target.year)}: "
        + (fmt.number(p.required_gain, rate_decimals(rep), lang) if p.required_gain is not None else "–"),
        f"{trend_label(rep, lang)}: " + (fmt.signed(p.trend, rate_decimals(rep), lang) if p.trend is not None else "–"),
        f"Status ({method_label(p.method, lang)}): {status_label(rep, lang)} — {explain(rep, lang)}",
    ]
    for s in (projection_sentence(rep, lang), reached_sentence(rep, lang), predicate_sentence(rep, lang)):
        if s:
            lines.append(s)
    lines.append(t("indicative", lang))
    return lines


def method_label(method: str, lang: str) -> str:
    """The status method in the reader's language (the report and the CLI keep its name as stored)."""
    return t("tg_method_sdsn", lang) if method == METHOD_NAME else method
