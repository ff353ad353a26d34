"""What the Ringkasan page says about one region, worked out from the data: plain Python, no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from iid import fmt, narrative
from iid.i18n import predicate_label, t
from iid.queries import Overview
from iid.values import py, records, text


def _num(x: object) -> float | None:
    v = py(x)
    return None if v is None else float(v)


@dataclass
class Headline:
    """The four figures at the top of the page, already formatted, and the sentence that says what happened."""

    year: int | None
    score: str
    score_is_sample: bool
    predicate: str
    predicate_basis: str  # published / by the bands
    change: str | None
    change_label: str | None
    change_value: float | None
    rank: str | None
    rank_label: str
    rank_basis: str | None
    conflict: str | None
    mismatch: str | None
    average: str | None = None
    average_label: str = ""
    average_help: str = ""
    score_kind: str | None = None  # published / own / sample
    predicate_delta: str | None = None  # 'turun dari Sangat Inovatif'
    predicate_arrow: str = "off"  # 'up' / 'down' / 'off' for st.metric
    sentence: str | None = None  # the latest year in words (iid.narrative.year_sentence)
    against_score: bool = False  # the predicate moved the other way from the score (a band moved)


def headline(o: Overview, lang: str = "id", bands: dict | None = None) -> Headline:
    latest = o.latest
    kind = t(f"kind_{o.region['kind']}", lang)
    if latest is None:
        return Headline(None, "–", False, "–", "", None, None, None, None, t("rank", lang, kind=kind), None, None, None)
    bands = bands or {}
    score = _num(latest["score"])
    prev = _num(o.previous["score"]) if o.previous else None
    change = score - prev if score is not None and prev is not None else None
    rank, basis = None, None
    if latest.get("published_rank") is not None:
        of = latest.get("published_rank_of")
        rank = (
            t("rank_of", lang, rank=int(latest["published_rank"]), of=int(of))
            if of is not None
            else f"{int(latest['published_rank'])}"
        )
        basis = t("rank_published", lang)
    elif latest.get("computed_rank") is not None and latest.get("computed_rank_of") is not None:
        rank = t("rank_of", lang, rank=int(latest["computed_rank"]), of=int(latest["computed_rank_of"]))
        basis = narrative.rank_basis(latest, lang)
    elif o.coverage and not o.coverage["national"] and score is not None:
        basis = narrative.few_phrase(o.coverage, lang)
    conflict = None
    if latest.get("conflict"):
        conflict = t("conflict", lang, low=fmt.score(score, lang), high=fmt.score(_num(latest["score_max"]), lang))
    mismatch = None
    stated, derived = latest.get("stated_predicate"), latest.get("derived_predicate")
    if stated and derived and stated != derived and latest.get("score_is_published"):
        mismatch = t("mismatch", lang, stated=predicate_label(stated, lang), derived=predicate_label(derived, lang))
    avg_text, avg_help = None, ""
    ka = o.kind_average
    if ka and o.coverage and o.coverage["national"]:
        avg_text = fmt.score(ka["average"], lang)
        avg_help = t(
            "kind_average_help",
            lang,
            n=fmt.integer(ka["n"], lang),
            kind=t(f"kind_plural_{o.region['kind']}", lang),
            sample=t("kind_average_sample", lang) if ka["has_sample"] else "",
        )
    elif ka and o.coverage:
        avg_help = narrative.few_phrase(o.coverage, lang)
    shift = narrative.shift(o.previous, latest, bands) if o.previous else None
    pred_delta, arrow = None, "off"
    if shift is not None and shift.move in ("up", "down"):
        pred_delta = t(f"pred_delta_{shift.move}", lang, p=predicate_label(shift.previous_predicate, lang))
        arrow = shift.move
    return Headline(
        average=avg_text,
        average_label=t("kind_average", lang, kind=kind, year=int(latest["year"])),
        average_help=avg_help,
        year=int(latest["year"]),
        score=fmt.score(score, lang) if score is not None else "–",
        score_is_sample=bool(latest["score_is_sample"]),
        score_kind=latest.get("score_kind"),
        predicate=predicate_label(latest["predicate"], lang),
        predicate_basis=t("predicate_published", lang)
        if latest["predicate_is_published"]
        else t("predicate_from_bands", lang),
        change=fmt.signed(change, 2, lang) if change is not None else None,
        change_label=t("change", lang, year=int(o.previous["year"])) if o.previous else None,
        change_value=change,
        rank=rank,
        rank_label=t("rank", lang, kind=kind),
        rank_basis=basis,
        conflict=conflict,
        mismatch=mismatch,
        predicate_delta=pred_delta,
        predicate_arrow=arrow,
        sentence=narrative.year_sentence(latest, o.previous, bands, o.region["kind"], o.coverage, lang),
        against_score=bool(shift and (shift.against_score or shift.band_caused)),
    )


def target_lines(o: Overview, lang: str = "id") -> list[tuple[str, str | None, str]]:
    """(sentence, source url, source label) per stored target."""
    out = []
    for r in records(o.targets):
        decimals = 2 if r["metric"] == "iid_score" else 0
        line = t(
            "target_line",
            lang,
            metric=t(f"metric_{r['metric']}", lang),
            cmp="≥" if r["comparator"] == ">=" else ">",
            value=fmt.number(r["value"], decimals, lang),
            year=r["target_year"],
            plan=text(r["plan_document"]),
        )
        if r["predicate_named"]:
            line += f" ({t('predicate_named', lang, p=predicate_label(r['predicate_named'], lang))})"
        out.append((line, fmt.safe_url(r["source_url"]), text(r["source_publisher"]) or text(r["source_title"], "–")))
    return out


def commitment_lines(o: Overview, lang: str = "id") -> list[tuple[str, str | None, str]]:
    out = []
    for r in records(o.commitments):
        line = t(
            f"commit_{r['kind']}",
            lang,
            label=text(r["label"]),
            q=fmt.integer(r["quantity"], lang),
            scope=text(r["unit_scope"]),
            comp=text(r["competition"]),
            year=r["year_from"],
        )
        out.append((line, fmt.safe_url(r["source_url"]), text(r["source_publisher"]) or text(r["source_title"], "–")))
    return out


def event_lines(o: Overview, lang: str = "id") -> list[dict]:
    """Events under the chart: year, title in the language, publisher and a safe link."""
    return [
        {
            "year": int(e["year"]),
            "title": text(e["title"] if lang == "id" else e["title_en"]),
            "publisher": text(e["source_publisher"]) or text(e["source_title"], "–"),
            "url": fmt.safe_url(e["source_url"]),
        }
        for e in records(o.events)
    ]


def year_table(o: Overview, lang: str = "id") -> pd.DataFrame:
    """The per-year table under the chart: what is shown, and which kind of figure it is."""
    rows = []
    for r in records(o.series):
        score = r["score"]
        text = fmt.score(score, lang) if score is not None else "–"
        if r["conflict"]:
            text += f" / {fmt.score(r['score_max'], lang)}"
        kind = narrative.kind_label(r, lang) if score is not None else "–"
        if r["predicate_is_published"] and not r["score_is_published"]:
            kind += f" · {t('predicate', lang).lower()} {t('status_published', lang)}"
        rank = narrative.rank_phrase(r, o.region["kind"], None, lang)
        rows.append(
            {
                t("table_year", lang): int(r["year"]),
                t("table_score", lang): text,
                t("predicate", lang): predicate_label(r["predicate"], lang) if r["predicate"] else "–",
                t("table_rank", lang): rank or "–",
                t("table_source", lang): kind,
            }
        )
    return pd.DataFrame(rows)


def _day(value: object, lang: str) -> str:
    """A source's date as people write it, on one line (29 Juli 2025, not 2025-07-29); "" when it has none."""
    from iid.export import date_text

    day = pd.to_datetime(text(value)[:10], errors="coerce") if text(value) else pd.NaT
    return "" if pd.isna(day) else date_text(day.date(), lang).replace(" ", "\u00a0")


def source_table(o: Overview, lang: str = "id") -> pd.DataFrame:
    """Every source behind the page, with its kind, publisher, title, date and link."""
    kind_label = {
        "published": t("status_published", lang),
        "sample": t("status_sample", lang),
        "imported": t("score_kind_own", lang),
    }
    rows = [
        {
            t("sources", lang): text(r["title"]),
            "Penerbit" if lang == "id" else "Publisher": text(r["publisher"], "–"),
            "Jenis" if lang == "id" else "Kind": kind_label.get(r["kind"], "–"),
            "Tanggal" if lang == "id" else "Date": _day(r["published_date"], lang),
            "URL": fmt.safe_url(r["url"]) or "",
        }
        for r in records(o.sources)
    ]
    cols = [t("sources", lang), "Penerbit" if lang == "id" else "Publisher", "Jenis" if lang == "id" else "Kind"]
    return pd.DataFrame(rows, columns=[*cols, "Tanggal" if lang == "id" else "Date", "URL"])


def sourced_list(lines: list[tuple[str, str | None, str]], lang: str = "id") -> str:
    """Targets or commitments as one Markdown list, each with its source under it (linked when it has an address)."""
    items = []
    for text_, url, publisher in lines:
        where = f"[{fmt.md_escape(publisher)}]({url})" if url else fmt.md_escape(publisher)
        items.append(f"- {fmt.md_escape(text_)}  \n  {t('sources', lang)}: {where}")
    return "\n".join(items)


def event_list(events: list[dict]) -> str:
    """The events as one Markdown list: year, title, and the publisher linked when there is an address."""
    return "\n".join(
        f"- **{e['year']}** · {fmt.md_escape(e['title'])} ([{fmt.md_escape(e['publisher'])}]({e['url']}))"
        if e["url"]
        else f"- **{e['year']}** · {fmt.md_escape(e['title'])}"
        for e in events
    )


@dataclass(frozen=True)
class Page:
    """Everything Ringkasan shows for one region, language and data choice, made once per data version. Lists and
    small tables come as Markdown: one element each on the page (each element is a message to the browser), and not
    formatted again on every run. `years` stays a table for its downloads."""

    head: Headline
    targets_md: str
    commitments_md: str
    events_md: str
    years: pd.DataFrame
    years_md: str
    sources_md: str


def page(o: Overview, lang: str, bands: dict) -> Page:
    years = year_table(o, lang)
    return Page(
        headline(o, lang, bands),
        sourced_list(target_lines(o, lang), lang),
        sourced_list(commitment_lines(o, lang), lang),
        event_list(event_lines(o, lang) if not o.events.empty else []),
        years,
        fmt.markdown_table(years, right=(t("table_score", lang),)),
        fmt.markdown_table(source_table(o, lang), links=("URL",)),
    )
