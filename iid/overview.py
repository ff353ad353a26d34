"""What the Ringkasan page says about one region, worked out from the data: plain Python, no Streamlit."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from iid import fmt
from iid.i18n import predicate_label, t
from iid.queries import Overview


def _num(x: object) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x):
        return None
    return float(x)


@dataclass
class Headline:
    """The four figures at the top of the page, already formatted."""

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


def headline(o: Overview, lang: str = "id") -> Headline:
    latest = o.latest
    kind = t(f"kind_{o.region['kind']}", lang)
    if latest is None:
        return Headline(None, "–", False, "–", "", None, None, None, None, t("rank", lang, kind=kind), None, None, None)
    score = _num(latest["score"])
    prev = _num(o.previous["score"]) if o.previous else None
    change = score - prev if score is not None and prev is not None else None
    rank, basis = None, None
    if latest.get("published_rank") is not None and not pd.isna(latest["published_rank"]):
        of = latest.get("published_rank_of")
        rank = (
            t("rank_of", lang, rank=int(latest["published_rank"]), of=int(of))
            if of is not None and not pd.isna(of)
            else f"{int(latest['published_rank'])}"
        )
        basis = t("rank_published", lang)
    elif latest.get("computed_rank") is not None and not pd.isna(latest["computed_rank"]):
        rank = t("rank_of", lang, rank=int(latest["computed_rank"]), of=int(latest["computed_rank_of"]))
        basis = t("rank_computed", lang) if latest["score_is_sample"] else t("rank_published", lang)
    conflict = None
    if latest.get("conflict"):
        conflict = t("conflict", lang, low=fmt.score(score, lang), high=fmt.score(_num(latest["score_max"]), lang))
    mismatch = None
    stated, derived = latest.get("stated_predicate"), latest.get("derived_predicate")
    if stated and derived and stated != derived and latest.get("score_is_published"):
        mismatch = t("mismatch", lang, stated=predicate_label(stated, lang), derived=predicate_label(derived, lang))
    avg_text, avg_help = None, ""
    ka = o.kind_average
    if ka and ka["n"] >= 30:
        avg_text = fmt.score(ka["average"], lang)
        avg_help = t(
            "kind_average_help",
            lang,
            n=fmt.integer(ka["n"], lang),
            kind=t(f"kind_plural_{o.region['kind']}", lang),
            sample=t("kind_average_sample", lang) if ka["has_sample"] else "",
        )
    elif ka:
        avg_help = t("kind_average_few", lang, n=int(ka["n"]))
    return Headline(
        average=avg_text,
        average_label=t("kind_average", lang, kind=kind, year=int(latest["year"])),
        average_help=avg_help,
        year=int(latest["year"]),
        score=fmt.score(score, lang) if score is not None else t("no_score", lang),
        score_is_sample=bool(latest["score_is_sample"]),
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
    )


def target_lines(o: Overview, lang: str = "id") -> list[tuple[str, str | None, str]]:
    """(sentence, source url, source label) per stored target."""
    out = []
    for r in o.targets.itertuples(index=False):
        decimals = 2 if r.metric == "iid_score" else 0
        text = t(
            "target_line",
            lang,
            metric=t(f"metric_{r.metric}", lang),
            cmp="≥" if r.comparator == ">=" else ">",
            value=fmt.number(r.value, decimals, lang),
            year=r.target_year,
            plan=r.plan_document,
        )
        if isinstance(r.predicate_named, str) and r.predicate_named:
            text += f" ({t('predicate_named', lang, p=predicate_label(r.predicate_named, lang))})"
        out.append((text, r.source_url if isinstance(r.source_url, str) else None, r.source_publisher))
    return out


def commitment_lines(o: Overview, lang: str = "id") -> list[tuple[str, str | None, str]]:
    out = []
    for r in o.commitments.itertuples(index=False):
        text = t(
            f"commit_{r.kind}",
            lang,
            label=r.label,
            q=fmt.integer(r.quantity, lang),
            scope=r.unit_scope,
            comp=r.competition if isinstance(r.competition, str) else "",
            year=r.year_from,
        )
        out.append((text, r.source_url if isinstance(r.source_url, str) else None, r.source_publisher))
    return out


def year_table(o: Overview, lang: str = "id") -> pd.DataFrame:
    """The per-year table under the chart: what is shown, and whether it is published or sample."""
    rows = []
    for r in o.series.itertuples(index=False):
        score = _num(r.score)
        text = fmt.score(score, lang) if score is not None else "–"
        if r.conflict:
            text += f" / {fmt.score(_num(r.score_max), lang)}"
        rows.append(
            {
                t("table_year", lang): int(r.year),
                t("table_score", lang): text,
                t("predicate", lang): predicate_label(r.predicate, lang),
                t("table_source", lang): (
                    t("status_sample", lang) if r.score_is_sample else t("status_published", lang)
                )
                + (
                    f" · {t('predicate', lang).lower()} {t('status_published', lang)}"
                    if r.predicate_is_published and r.score_is_sample
                    else ""
                ),
            }
        )
    return pd.DataFrame(rows)


def source_table(o: Overview, lang: str = "id") -> pd.DataFrame:
    """Every source behind the page, with its kind, publisher, title, date and link."""
    kind_label = {"published": t("status_published", lang), "sample": t("status_sample", lang), "imported": "impor"}
    df = o.sources.copy()
    return pd.DataFrame(
        {
            t("sources", lang): df["title"],
            "Penerbit" if lang == "id" else "Publisher": df["publisher"],
            "Jenis" if lang == "id" else "Kind": df["kind"].map(kind_label),
            "Tanggal" if lang == "id" else "Date": df["published_date"].astype(str).replace({"NaT": "", "None": ""}),
            "URL": df["url"],
        }
    )
