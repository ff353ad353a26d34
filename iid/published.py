"""Turn the research list of published IID scores (shared/published-iid-scores.csv) into data/ CSVs.

Only rows with status `final` or `conflict` become scores; `provisional`, `self_estimate` and `ambiguous`
rows are not results and are left out (counted in the report). A predicate counts as published only where
the source printed it (`predicate_stated` = yes); otherwise it is derived from the score by the year's bands.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

PREDICATES = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
LOADED_STATUSES = ("final", "conflict")


def canonical_predicate(text: str) -> str | None:
    """Map a predicate as printed ('Kabupaten terinovatif', 'tidak Inovatif') to one of the four predicates."""
    t = re.sub(r"\(.*?\)", "", (text or "")).lower()  # comments in brackets are not the predicate
    if not t.strip():
        return None
    if "tidak dapat dinilai" in t or "disclaimer" in t:
        return "Tidak Dapat Dinilai"
    if "sangat inovatif" in t or "terinovatif" in t:
        return "Sangat Inovatif"
    if "kurang inovatif" in t or "tidak inovatif" in t:
        return "Kurang Inovatif"
    if "inovatif" in t:
        return "Inovatif"
    return None


_RANK_NATIONAL = re.compile(r"^\s*(\d+)\s*(\((all kota|kabupaten|kota|provinsi)\))?\s*$", re.I)


def parse_rank(rank: str, rank_of: str) -> tuple[int | None, int | None, str | None]:
    """National cluster rank and its denominator; a rank of another scope ('2 (within Aceh)') becomes a note."""
    rank, rank_of = (rank or "").strip(), (rank_of or "").strip()
    if not rank:
        return None, None, None
    m = _RANK_NATIONAL.match(rank)
    if m:
        of = int(rank_of) if rank_of.isdigit() else None
        note = None if (not rank_of or rank_of.isdigit()) else rank_of.strip("()")
        return int(m.group(1)), of, note
    note = rank + (f" / {rank_of}" if rank_of else "")
    return None, None, note


def source_id_for(url: str) -> str:
    host = urlparse(url).netloc.lower().removeprefix("www.").split(":")[0]
    slug = re.sub(r"[^a-z0-9]+", "-", host).strip("-")
    return f"pub-{slug}-{hashlib.sha1(url.encode()).hexdigest()[:6]}"


def title_from_url(url: str) -> str:
    """A readable title from the article's URL slug (the research list holds URLs, not titles)."""
    path = urlparse(url).path.rstrip("/")
    last = path.split("/")[-1] if path else ""
    last = re.sub(r"\.(html?|php)$", "", last)
    last = re.sub(r"^(news-\d+-|\d+-)", "", last)
    words = re.sub(r"[-_]+", " ", last).strip()
    if not words or words.isdigit() or len(words) < 8:
        return f"Artikel {urlparse(url).netloc}"
    return words[:1].upper() + words[1:]


@dataclass
class Conversion:
    scores: pd.DataFrame
    sources: pd.DataFrame
    excluded: dict[str, int] = field(default_factory=dict)


def convert(path: Path) -> Conversion:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    excluded = raw.loc[~raw["status"].isin(LOADED_STATUSES), "status"].value_counts().to_dict()
    keep = raw[raw["status"].isin(LOADED_STATUSES)].copy()
    out = []
    for r in keep.itertuples(index=False):
        stated = r.predicate_stated.strip().lower() == "yes"
        predicate = canonical_predicate(r.predicate) if stated else None
        rank, rank_of, rank_note = parse_rank(r.rank, r.rank_of)
        out.append(
            {
                "region_code": r.region_code.strip(),
                "year": int(r.year),
                "score": float(r.score) if r.score.strip() else None,
                "predicate": predicate,
                "predicate_stated": stated and predicate is not None,
                "predicate_as_printed": r.predicate.strip() if stated else None,
                "rank": rank,
                "rank_of": rank_of,
                "rank_note": rank_note,
                "status": r.status,
                "source_id": source_id_for(r.source_url),
                "note": r.note.strip() or None,
            }
        )
    scores = pd.DataFrame(out)
    urls = sorted(set(keep["source_url"]))
    sources = pd.DataFrame(
        [
            {
                "source_id": source_id_for(u),
                "kind": "published",
                "title": title_from_url(u),
                "publisher": urlparse(u).netloc.lower().removeprefix("www.").split(":")[0],
                "url": u,
                "document_ref": None,
                "published_date": None,
                "retrieved_date": None,
                "note": "Dari daftar riset skor IID yang dipublikasikan (published-iid-scores.csv).",
            }
            for u in urls
        ]
    )
    return Conversion(scores=scores, sources=sources, excluded=excluded)


def write(conv: Conversion, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    conv.scores.to_csv(out_dir / "iid_scores_reported.csv", index=False)
    conv.sources.to_csv(out_dir / "sources_reported.csv", index=False)
