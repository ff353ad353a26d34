"""Import a CSV or XLSX of IID scores, all or nothing: every problem is found first, named by file, row and
column; only a file without problems is written, in one transaction."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from iid.build import refresh_derived
from iid.db import Database
from iid.errors import ImportRejected, Problem
from iid.fmt import parse_number

# Accepted headers (Indonesian and English) for each column, lower-case, spaces as underscores.
ALIASES = {
    "region_code": ("region_code", "kode", "kode_wilayah", "kode_daerah", "code"),
    "year": ("year", "tahun"),
    "score": ("score", "skor", "nilai", "nilai_iid", "skor_iid"),
    "predicate": ("predicate", "predikat"),
    "rank": ("rank", "peringkat"),
    "rank_of": ("rank_of", "dari", "jumlah_peringkat"),
    "note": ("note", "catatan"),
}
REQUIRED = ("region_code", "year", "score")
PREDICATES = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
FIRST_YEAR = 2021  # the 0–100 era; earlier years used another scale


@dataclass
class ImportResult:
    import_id: int
    source_id: str
    rows_added: int


def _read_table(path: Path) -> pd.DataFrame:
    name = path.name
    if path.stat().st_size == 0:
        raise ImportRejected(
            [
                Problem(
                    name,
                    None,
                    None,
                    None,
                    "berkas kosong; isi dengan data lalu unggah lagi.",
                    "the file is empty; fill it with data and upload again.",
                )
            ]
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return pd.read_excel(path, dtype=str, sheet_name=0, keep_default_na=False)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportRejected(
                [
                    Problem(
                        name,
                        None,
                        None,
                        None,
                        f"berkas XLSX tidak dapat dibaca ({exc.__class__.__name__}).",
                        f"the XLSX file cannot be read ({exc.__class__.__name__}).",
                    )
                ]
            ) from exc
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ImportRejected(
            [Problem(name, None, None, None, f"berkas CSV rusak: {exc}", f"malformed CSV: {exc}")]
        ) from exc


def _normalise_headers(df: pd.DataFrame) -> dict[str, str]:
    """Map our column names to the file's header names."""
    found = {}
    for col in df.columns:
        key = str(col).strip().lower().replace(" ", "_")
        for ours, names in ALIASES.items():
            if key in names and ours not in found:
                found[ours] = col
    return found


def validate(db: Database, path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Clean rows ready to insert, and every problem found. Row numbers count the header as row 1."""
    name = path.name
    df = _read_table(path)
    problems: list[Problem] = []
    cols = _normalise_headers(df)
    for req in REQUIRED:
        if req not in cols:
            problems.append(
                Problem(
                    name,
                    1,
                    req,
                    None,
                    f"kolom wajib `{req}` tidak ada (atau `{ALIASES[req][1]}`).",
                    f"required column `{req}` is missing.",
                )
            )
    if problems:
        return pd.DataFrame(), problems
    if df.empty:
        return pd.DataFrame(), [Problem(name, None, None, None, "tidak ada baris data.", "no data rows.")]
    known = set(db.df("select code from regions where autonomous")["code"])
    this_year = dt.date.today().year
    clean, seen = [], {}
    for i, rec in enumerate(df.to_dict("records"), start=2):

        def get(ours: str, rec: dict = rec) -> str:
            return str(rec[cols[ours]]).strip()

        code, year_txt, score_txt = get("region_code"), get("year"), get("score")
        ok = True
        if code not in known:
            problems.append(
                Problem(
                    name,
                    i,
                    cols["region_code"],
                    code,
                    f"kode daerah `{code}` tidak dikenal.",
                    f"unknown region code `{code}`.",
                )
            )
            ok = False
        try:
            year = int(parse_number(year_txt))
            if not FIRST_YEAR <= year <= this_year:
                raise ValueError
        except ValueError:
            problems.append(
                Problem(
                    name,
                    i,
                    cols["year"],
                    year_txt,
                    f"tahun `{year_txt}` tidak sah; gunakan {FIRST_YEAR}–{this_year}.",
                    f"year `{year_txt}` is not valid; use {FIRST_YEAR}–{this_year}.",
                )
            )
            ok, year = False, None
        try:
            score = parse_number(score_txt)
            if not 0 <= score <= 100:
                problems.append(
                    Problem(
                        name,
                        i,
                        cols["score"],
                        score_txt,
                        f"{score_txt} di luar rentang 0–100; perbaiki nilai lalu unggah lagi.",
                        f"{score_txt} is outside 0–100; correct the value and upload again.",
                    )
                )
                ok = False
        except ValueError:
            problems.append(
                Problem(
                    name, i, cols["score"], score_txt, f"`{score_txt}` bukan angka.", f"`{score_txt}` is not a number."
                )
            )
            ok, score = False, None
        predicate = get("predicate") if "predicate" in cols else ""
        if predicate and predicate not in PREDICATES:
            problems.append(
                Problem(
                    name,
                    i,
                    cols["predicate"],
                    predicate,
                    f"predikat `{predicate}` tidak dikenal; gunakan salah satu: {', '.join(PREDICATES)}.",
                    f"unknown predicate `{predicate}`; use one of: {', '.join(PREDICATES)}.",
                )
            )
            ok = False
        rank = None
        if "rank" in cols and get("rank"):
            try:
                rank = int(parse_number(get("rank")))
                if rank < 1:
                    raise ValueError
            except ValueError:
                problems.append(
                    Problem(
                        name,
                        i,
                        cols["rank"],
                        get("rank"),
                        "peringkat harus bilangan bulat ≥ 1.",
                        "rank must be a whole number ≥ 1.",
                    )
                )
                ok = False
        if year is not None and code in known:
            key = (code, year)
            if key in seen:
                problems.append(
                    Problem(
                        name,
                        i,
                        cols["region_code"],
                        code,
                        f"baris ganda: {code} tahun {year} sudah ada di baris {seen[key]}.",
                        f"duplicate row: {code} year {year} already in row {seen[key]}.",
                    )
                )
                ok = False
            else:
                seen[key] = i
        if ok:
            clean.append(
                {
                    "region_code": code,
                    "year": year,
                    "score": round(score, 2),
                    "predicate": predicate or None,
                    "predicate_stated": bool(predicate),
                    "rank": rank,
                    "note": get("note") if "note" in cols else None,
                }
            )
    return pd.DataFrame(clean), problems


def import_scores(
    db: Database,
    path: Path,
    source_title: str | None = None,
    source_url: str | None = None,
    source_ref: str | None = None,
    publisher: str | None = None,
) -> ImportResult:
    """Validate the whole file, then write it in one transaction; ImportRejected leaves the database as it was."""
    rows, problems = validate(db, path)
    if problems:
        raise ImportRejected(problems)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    now = dt.datetime.now().replace(microsecond=0)
    source_id = f"imp-{now:%Y%m%d%H%M%S}-{digest[:8]}"
    with db.transaction() as cur:
        cur.execute(
            "insert into sources (source_id, kind, title, publisher, url, document_ref, retrieved_date, note) "
            "values (?, 'imported', ?, ?, ?, ?, ?, ?)",
            [
                source_id,
                source_title or path.name,
                publisher,
                source_url,
                source_ref,
                now.date(),
                f"Impor dari {path.name}",
            ],
        )
        frame = rows.assign(source_id=source_id, status="final")
        cur.register("frame", frame)
        cur.execute(
            "insert into iid_scores (region_code, year, score, predicate, predicate_stated, rank, status, source_id, note) "
            "select region_code, year, score, predicate, predicate_stated, rank, status, source_id, note from frame"
        )
        cur.unregister("frame")
        import_id = cur.execute("select coalesce(max(import_id), 0) + 1 from imports").fetchone()[0]
        cur.execute(
            "insert into imports values (?, ?, ?, ?, ?, 0, ?)",
            [import_id, path.name, digest, now, len(rows), source_id],
        )
        refresh_derived(cur)
    return ImportResult(import_id=import_id, source_id=source_id, rows_added=len(rows))
