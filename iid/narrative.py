"""What happened between two years, in words: the score's change and the predicate's, with the band that moved.

A predicate can fall while the score rises, because the bands changed between years (Kota Bontang 2024 → 2025:
"naik 1,00 poin, tetapi turun ke Inovatif karena batas Sangat Inovatif naik dari 60,00 ke 65,01"). Every page,
the story and the deck take their sentences from here, so they tell it the same way. Rows are plain dicts (see
iid.values.record): year, score, predicate, published_rank/of, computed_rank/of, score_kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from iid import fmt
from iid.i18n import predicate_label, t
from iid.rules import Band

# Higher is better; 'Tidak Dapat Dinilai' is below every assessed predicate.
PREDICATE_ORDER = {"Tidak Dapat Dinilai": 0, "Kurang Inovatif": 1, "Inovatif": 2, "Sangat Inovatif": 3}


def band_of(bands: dict[int, list[Band]], year: int, predicate: str | None) -> Band | None:
    return next((b for b in bands.get(int(year), []) if b.predicate == predicate), None)


def floor(b: Band) -> float:
    """The lowest two-decimal score that earns a band: 65,01 for "above 65", 60,00 for "from 60"."""
    return round(b.min_score + (0 if b.min_inclusive else 0.01), 2)


def in_band(b: Band, score: float) -> bool:
    return (score > b.min_score or (b.min_inclusive and score == b.min_score)) and score <= b.max_score


@dataclass(frozen=True)
class Shift:
    """How one year compares with the one before."""

    year: int
    previous_year: int
    delta: float | None  # score change, when both years have a score
    predicate: str | None
    previous_predicate: str | None
    move: str | None  # 'up', 'down', 'same' (predicate), None when either predicate is unknown
    band_moved: Band | None = None  # the band (this year) whose floor moved and explains a move against the score
    band_before: Band | None = None  # the same band the year before
    band_caused: bool = False  # under the year before's bands this year's score keeps the predicate it had

    @property
    def against_score(self) -> bool:
        """The predicate moved the other way from the score (or moved while the score stood still)."""
        if self.move in (None, "same") or self.delta is None:
            return False
        return (self.move == "down" and self.delta >= 0) or (self.move == "up" and self.delta <= 0)


def shift(previous: dict, current: dict, bands: dict[int, list[Band]]) -> Shift:
    """Compare two rows (the year before and this year)."""
    a, b = previous.get("score"), current.get("score")
    delta = float(b) - float(a) if a is not None and b is not None else None
    pa, pb = previous.get("predicate"), current.get("predicate")
    move = None
    if pa in PREDICATE_ORDER and pb in PREDICATE_ORDER:
        d = PREDICATE_ORDER[pb] - PREDICATE_ORDER[pa]
        move = "up" if d > 0 else "down" if d < 0 else "same"
    moved = before = None
    caused = False
    if move in ("up", "down"):
        # falling: the band the region left raised its floor; rising: the band it reached lowered its floor
        key = pa if move == "down" else pb
        now, then = band_of(bands, current["year"], key), band_of(bands, previous["year"], key)
        if now and then and now.min_score != then.min_score:
            moved, before = now, then
            old = band_of(bands, previous["year"], pa)
            caused = b is not None and old is not None and in_band(old, float(b))
    return Shift(int(current["year"]), int(previous["year"]), delta, pb, pa, move, moved, before, caused)


def change_phrase(s: Shift, lang: str = "id") -> str:
    """'naik 1,00 poin dari 2024, tetapi turun ke Inovatif karena batas Sangat Inovatif naik dari 60,00 ke 65,01'."""
    score_part = None
    if s.delta is not None:
        key = "nar_up" if s.delta > 0 else "nar_down" if s.delta < 0 else "nar_flat"
        score_part = t(key, lang, delta=fmt.number(abs(s.delta), 2, lang), year=s.previous_year)
    pred_part = None
    if s.move in ("up", "down"):
        p = predicate_label(s.predicate, lang)
        reason = None
        if s.band_moved is not None and s.band_before is not None:
            reason = t(
                "nar_band_rose" if s.band_moved.min_score > s.band_before.min_score else "nar_band_fell",
                lang,
                band=predicate_label(s.band_moved.predicate, lang),
                a=fmt.score(floor(s.band_before), lang),
                b=fmt.score(floor(s.band_moved), lang),
            )
        if reason and (s.against_score or s.band_caused or s.delta is None):
            pred_part = t(f"nar_pred_{s.move}_because", lang, p=p, reason=reason)
        else:
            pred_part = t(f"nar_pred_{s.move}", lang, p=p) + (t("nar_also", lang, reason=reason) if reason else "")
    elif s.move == "same" and s.predicate:
        pred_part = t("nar_pred_same", lang, p=predicate_label(s.predicate, lang))
    if score_part and pred_part:
        return score_part + t("nar_but" if s.against_score else "nar_and", lang) + pred_part
    return score_part or pred_part or ""


def rank_phrase(row: dict, kind: str, coverage: dict | None, lang: str = "id") -> str | None:
    """'peringkat 15 dari 93 kota (dipublikasikan)', '… (dihitung dari data contoh)', or how few have a score."""
    kinds = t(f"kind_plural_{kind}", lang)
    if row.get("published_rank") is not None:
        of = row.get("published_rank_of")
        rank = t("rank_of", lang, rank=int(row["published_rank"]), of=int(of)) if of else str(row["published_rank"])
        return t("nar_rank", lang, rank=rank, kinds=kinds if of else "", basis=t("rank_published", lang)).replace(
            "  ", " "
        )
    if row.get("computed_rank") is not None and row.get("computed_rank_of"):
        rank = t("rank_of", lang, rank=int(row["computed_rank"]), of=int(row["computed_rank_of"]))
        return t("nar_rank", lang, rank=rank, kinds=kinds, basis=rank_basis(row, lang))
    if coverage and not coverage["national"] and row.get("score") is not None:
        return few_phrase(coverage, lang)
    return None


def rank_basis(row: dict, lang: str = "id") -> str:
    """Where a rank comes from: published, or computed (from sample data, or from the figures in the database)."""
    if row.get("published_rank") is not None:
        return t("rank_published", lang)
    return t("rank_computed", lang)


def few_phrase(coverage: dict, lang: str = "id") -> str:
    """'baru 2 dari 93 kota punya skor 2026': a year that is not a national year (see v_coverage)."""
    return t(
        "nar_few",
        lang,
        n=fmt.integer(coverage["n"], lang),
        of=fmt.integer(coverage["of"], lang),
        kinds=t(f"kind_plural_{coverage['kind']}", lang),
        year=coverage["year"],
    )


def later_phrase(year: int, later: dict, lang: str = "id") -> str:
    """Why a comparison stands on an earlier year than some regions' latest score."""
    return t(
        "nar_later",
        lang,
        year=year,
        kinds=t(f"kind_plural_{later['kind']}", lang),
        few=few_phrase(later, lang),
    )


def kind_label(row: dict, lang: str = "id") -> str:
    """Which of the three kinds of figures a score is: published, own (unofficial import), or sample."""
    return t(f"score_kind_{row.get('score_kind') or 'none'}", lang)


def year_sentence(
    current: dict,
    previous: dict | None,
    bands: dict[int, list[Band]],
    kind: str,
    coverage: dict | None,
    lang: str = "id",
) -> str:
    """The latest year in one sentence: score, change, predicate, rank."""
    year = int(current["year"])
    pred = predicate_label(current.get("predicate"), lang) if current.get("predicate") else None
    if current.get("score") is not None:
        head = t("nar_score", lang, year=year, score=fmt.score(current["score"], lang), kind=kind_label(current, lang))
    else:
        head = t("nar_noscore", lang, year=year)
    bits = [head]
    s = shift(previous, current, bands) if previous else None
    if s is not None:
        phrase = change_phrase(s, lang)
        if phrase:
            bits.append(phrase)
        if s.move is None and pred:
            bits.append(t("nar_pred", lang, p=pred))
    elif pred:
        bits.append(t("nar_pred", lang, p=pred))
    rank = rank_phrase(current, kind, coverage, lang)
    text = ", ".join(bits)
    if rank:
        text += "; " + rank
    return text + "."
