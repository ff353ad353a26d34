"""Bringing official results in, and taking all data out, safely.

Import: read a CSV or XLSX the way real files come (Excel on Indonesian computers, title rows, names instead of
codes), check every row, show a preview (add / change old → new / unchanged / rejected with row and column), and
only on confirmation write the whole file in one transaction. Each import is recorded and can be undone exactly:
its rows are deleted and the figures it replaced are shown again.

Export: every table as the CSVs `python -m iid build --from DIR` reads, so data can leave the app and come back.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from iid import auth, fmt, settings
from iid.auth import Actor
from iid.build import refresh_derived
from iid.db import Database
from iid.errors import ImportRejected, Problem
from iid.export import formula_like, safe_frame
from iid.fmt import parse_number
from iid.values import records

PREDICATES = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
FIRST_YEAR = 2021  # the 0–100 era; earlier years used another scale
PROFILE_CODES = {
    "n_innovations": "n_innovations",
    "jumlah_inovasi": "n_innovations",
    "basic_services": "basic_services",
    "urusan_pelayanan_dasar": "basic_services",
}


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...]
    required: bool = True
    help_id: str = ""
    help_en: str = ""


# The region column of the indicator and target files (the scores file also accepts `nama_daerah`).
REGION = Column(
    "region_code",
    ("region_code", "kode", "kode_wilayah", "kode_daerah", "code", "region", "daerah"),
    help_id="Kode Kemendagri atau nama daerah yang unik",
    help_en="Kemendagri code or a unique region name",
)

KINDS: dict[str, list[Column]] = {
    "scores": [
        Column(
            "region_code",
            ("region_code", "kode", "kode_wilayah", "kode_daerah", "code", "region", "daerah", "nama_daerah"),
            help_id="Kode Kemendagri (64.74) atau nama daerah yang unik (Kota Bontang)",
            help_en="Kemendagri code (64.74) or a unique region name (Kota Bontang)",
        ),
        Column("year", ("year", "tahun"), help_id="Tahun IID, 2021 atau sesudahnya", help_en="IID year, 2021 or later"),
        Column(
            "score",
            ("score", "skor", "nilai", "nilai_iid", "skor_iid", "indeks"),
            help_id="0–100, koma atau titik desimal",
            help_en="0–100, decimal comma or point",
        ),
        Column(
            "predicate",
            ("predicate", "predikat"),
            required=False,
            help_id="Sangat Inovatif / Inovatif / Kurang Inovatif / Tidak Dapat Dinilai (boleh kosong)",
            help_en="as printed by the source (may be empty)",
        ),
        Column(
            "rank",
            ("rank", "peringkat"),
            required=False,
            help_id="Peringkat nasional dalam klaster",
            help_en="National rank within the cluster",
        ),
        Column(
            "rank_of",
            ("rank_of", "dari", "jumlah_peringkat"),
            required=False,
            help_id="Jumlah daerah dalam klaster",
            help_en="Number of regions in the cluster",
        ),
        Column("note", ("note", "catatan", "keterangan"), required=False, help_id="Catatan", help_en="Note"),
    ],
    "indicators": [
        REGION,
        Column("year", ("year", "tahun"), help_id="Tahun penilaian", help_en="Assessment year"),
        Column(
            "indicator",
            ("indicator", "indikator", "indicator_code", "kode_indikator"),
            help_id="Kode indikator (sid_video) atau namanya; juga n_innovations / basic_services",
            help_en="Indicator code (sid_video) or its name; also n_innovations / basic_services",
        ),
        Column(
            "level",
            ("level", "nilai", "value", "skor"),
            help_id="Level 0–3 (rata-rata per inovasi untuk indikator SID); jumlah untuk n_innovations",
            help_en="Level 0–3 (mean over innovations for SID); a count for n_innovations",
        ),
    ],
    "targets": [
        REGION,
        Column(
            "metric",
            ("metric", "ukuran", "indikator"),
            help_id="iid_score atau innovation_count",
            help_en="iid_score or innovation_count",
        ),
        Column("value", ("value", "nilai", "target"), help_id="Nilai target", help_en="Target value"),
        Column("target_year", ("target_year", "tahun_target", "tahun"), help_id="Tahun target", help_en="Target year"),
        Column(
            "plan_document",
            ("plan_document", "dokumen", "dokumen_perencanaan"),
            help_id="Dokumen perencanaan, mis. RPJMD 2025–2029",
            help_en="Plan document, e.g. RPJMD 2025–2029",
        ),
        Column(
            "comparator",
            ("comparator", "pembanding"),
            required=False,
            help_id=">= (bawaan) atau >",
            help_en=">= (default) or >",
        ),
        Column(
            "predicate_named",
            ("predicate_named", "predikat"),
            required=False,
            help_id="Predikat yang disebut dokumen (boleh kosong)",
            help_en="Predicate the plan names (may be empty)",
        ),
    ],
}


# ---------------------------------------------------------------- reading files

# Limits that keep a hostile file cheap: they are checked while the file is read, before anything is padded or
# stored, so memory stays a small multiple of the upload limit whatever the file's shape (issue 16, item 3).
MAX_COLUMNS = 100  # a value in column 101 or further refuses the file; empty trailing cells are ignored
MAX_ROWS = 100_000  # data rows in one file (every indicator of every region for several years fits)
SHEET_ROWS = 1_048_576  # rows a spreadsheet holds: a file with more (blank lines included) is refused
MAX_CELL = 1_000  # characters in one cell
HEADER_SEARCH = 10  # the header is one of the first ten rows that are not blank
XLSX_EXPANSION = 10  # an XLSX may unpack to at most ten times the upload limit (a zip bomb is refused unread)
MAX_PROBLEMS = 200  # problems listed one by one; beyond this they are counted
_BLANK = " \t\r\n\u00a0"  # what a cell may hold and still count as empty
_ALLOWED_CONTROLS = "\t\n\r"  # the only control characters a cell may hold (tab, line break)


def _problem(file: str, row: int | None, column: str | None, value: str | None, id_: str, en: str) -> Problem:
    return Problem(file, row, column, value, id_, en)


def _refuse(file: str, id_: str, en: str, row: int | None = None, column: str | None = None) -> ImportRejected:
    """A file refused as a whole (size, emptiness, format, shape): one message, with its row when there is one."""
    return ImportRejected([_problem(file, row, column, None, id_, en)])


def _norm(h: object) -> str:
    return str(h).strip().lower().replace(" ", "_").replace("-", "_")


def _control(text: str) -> str | None:
    """The first control character in a cell other than tab and line breaks, as U+XXXX, else None."""
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS:
            return f"U+{ord(ch):04X}"
    return None


def _show(text: str, width: int = 40) -> str:
    """A cell as a message quotes it: control characters made visible, long text cut."""
    shown = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cc" else c for c in text)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _column_letter(i: int) -> str:
    """0 → 'A', 26 → 'AA': the column as a spreadsheet names it."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _xlsx_number(v: float) -> str:
    """A numeric XLSX cell as text the importer reads back to the same number.

    A float that prints like '1.234' gets a trailing zero ('1.2340'): in text, '1.234' is the Indonesian way of
    writing 1234, but a number stored in a cell is 1,234.
    """
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    s = repr(v)
    if "e" in s or "E" in s:
        s = np.format_float_positional(v, trim="-")
    if re.fullmatch(r"-?[1-9][0-9]{0,2}\.[0-9]{3}", s):
        s += "0"
    return s


def _xlsx_text(cell: object) -> str:
    """The text a cell holds; a formula as its formula ('=60+10'), never its last computed value."""
    v = getattr(cell, "value", None)
    if v is None:
        return ""
    if getattr(cell, "data_type", None) == "f":
        f = v if isinstance(v, str) else str(getattr(v, "text", "") or "")
        return f if f.startswith("=") else "=" + f
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _xlsx_number(v)
    if isinstance(v, str):  # Excel writes a control character as _xHHHH_ (XML cannot hold it): read it back as one
        return _XLSX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), v)
    return str(v)


_XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xlsx_rows(data: bytes, name: str, limit: float) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cells as text) for every row of the first sheet, streamed, formulas as formulas."""
    import openpyxl

    def unreadable(exc: BaseException) -> ImportRejected:
        return _refuse(
            name,
            f"berkas XLSX tidak dapat dibaca ({exc.__class__.__name__}); simpan ulang dari Excel.",
            f"the XLSX file cannot be read ({exc.__class__.__name__}); save it again from Excel.",
        )

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except Exception as exc:  # not a zip, truncated, or a damaged directory
        raise unreadable(exc) from exc
    if unpacked > XLSX_EXPANSION * limit:
        raise _refuse(
            name,
            f"berkas XLSX ini terurai menjadi {unpacked / 1024 / 1024:.0f} MB, lebih dari {XLSX_EXPANSION}× batas "
            "unggah; simpan hanya lembar datanya lalu unggah lagi.",
            f"this XLSX file unpacks to {unpacked / 1024 / 1024:.0f} MB, over {XLSX_EXPANSION}× the upload limit; "
            "save only the data sheet and upload again.",
        )
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken or truncated file
        raise unreadable(exc) from exc
    try:
        if not wb.worksheets:
            raise _refuse(name, "berkas XLSX tidak punya lembar kerja.", "the XLSX file has no worksheet.")
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # the stored dimensions may be wrong; read what is there
        rows = ws.iter_rows(values_only=False)
        number = 0
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                break
            except Exception as exc:  # damaged sheet XML
                raise unreadable(exc) from exc
            number += 1
            real = [c for c in cells if getattr(c, "row", None) is not None]
            if real and real[0].row != number:  # rows stored out of order: Excel never writes them
                raise unreadable(ValueError("rows out of order"))
            yield number, [_xlsx_text(c) for c in cells]
    finally:
        wb.close()


def _separator(text: str, known: set[str]) -> str:
    """The separator under which one of the first lines is a header; else what csv.Sniffer guesses from the first.

    Sniffing only the first line fails on a title row above a semicolon header ("Hasil IID 2025" then kode;tahun).
    """
    lines = [ln for ln in re.split(r"\r\n|\r|\n", text[:65536]) if ln.strip(_BLANK)][:HEADER_SEARCH]
    try:
        sniffed = csv.Sniffer().sniff(lines[0][:4096], delimiters=",;\t").delimiter if lines else ","
    except csv.Error:
        sniffed = ","
    for sep in dict.fromkeys((sniffed, ",", ";", "\t")):
        for line in lines:
            try:
                cells = next(csv.reader([line[:65536]], delimiter=sep), [])
            except csv.Error:
                continue
            if _header_of(cells, known):
                return sep
    return sniffed


def _csv_rows(data: bytes, name: str, known: set[str]) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) for every record of a CSV: a quoted cell with a line break is one row."""
    text = None
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise _refuse(
            name,
            "pengodean teks tidak dikenal; simpan sebagai CSV UTF-8.",
            "unknown text encoding; save as CSV UTF-8.",
        )
    # lines as slices of the text (io.StringIO would hold a second copy at four bytes a character); only a line
    # feed ends a line, or a lone carriage return in a file that has no line feed (old Mac Excel)
    end = "\n" if "\n" in text or "\r" not in text else "\r"
    lines = (m.group() for m in re.finditer(f"[^{end}]*{end}|[^{end}]+$", text))
    reader = csv.reader(lines, delimiter=_separator(text, known), strict=True)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _refuse(
                name,
                f"berkas CSV rusak di baris {number + 1} ({exc}); periksa tanda kutip di baris itu.",
                f"malformed CSV at row {number + 1} ({exc}); check the quotes on that row.",
                row=number + 1,
            ) from exc
        number += 1
        yield number, cells


def _header_of(cells: list[str], known: set[str]) -> list[tuple[int, str]] | None:
    """(position, header text) of the known columns if this row is the header (it names at least two), else None."""
    kept: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, c in enumerate(cells[:MAX_COLUMNS]):
        key = _norm(c)
        if key in known and key not in seen:  # a repeated column: the first one counts, as before
            seen.add(key)
            kept.append((i, c.strip()))
    return kept if len(kept) >= 2 else None


def read_table(data: bytes, name: str, kind: str, known: set[str] | None = None) -> tuple[pd.DataFrame, int]:
    """The known columns of a file as a table of text cells indexed by spreadsheet row, and the header's row.

    Handles UTF-8 (with or without BOM) and Windows-1252, comma, semicolon or tab separators, Windows line endings,
    and an XLSX whose header is below a few title rows. Blank rows are skipped, and every data row keeps the number
    a person sees in the spreadsheet (the frame's index). Raises ImportRejected with a plain message otherwise:
    too big, too wide, too long, a cell with a control character or over MAX_CELL characters.
    """
    limit_mb = settings.upload_limit_mb()
    limit = limit_mb * 1024 * 1024
    if len(data) > limit:
        raise _refuse(
            name,
            f"berkas {len(data) / 1024 / 1024:.1f} MB melebihi batas {limit_mb:g} MB.",
            f"the file is {len(data) / 1024 / 1024:.1f} MB, over the {limit_mb:g} MB limit.",
        )
    if data.isspace() or not data:
        raise _refuse(
            name,
            "berkas kosong; isi dengan data lalu unggah lagi.",
            "the file is empty; fill it with data and upload again.",
        )
    is_xlsx = name.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK"
    known = known or {a for col in KINDS[kind] for a in col.aliases}
    rows = _xlsx_rows(data, name, limit) if is_xlsx else _csv_rows(data, name, known)
    header: list[tuple[int, str]] | None = None
    header_row, looked, width = 0, 0, 0
    body: list[list[str]] = []
    numbers: list[int] = []
    problems: list[Problem] = []
    hidden = 0
    for number, cells in rows:
        if number > SHEET_ROWS:
            raise _refuse(
                name,
                f"berkas lebih panjang dari {fmt.integer(SHEET_ROWS)} baris, batas sebuah lembar kerja; "
                "hapus baris kosong di bawah data lalu unggah lagi.",
                f"the file is longer than {fmt.integer(SHEET_ROWS, 'en')} rows, the most a worksheet holds; "
                "delete the blank rows below the data and upload again.",
                row=number,
            )
        if len(cells) > MAX_COLUMNS and any(c.strip(_BLANK) for c in cells[MAX_COLUMNS:]):
            raise _refuse(
                name,
                f"baris ini berisi {fmt.integer(len(cells))} kolom; paling banyak {MAX_COLUMNS} kolom dibaca. "
                "Hapus kolom yang tidak dipakai lalu unggah lagi.",
                f"this row has {fmt.integer(len(cells), 'en')} columns; at most {MAX_COLUMNS} are read. "
                "Delete the unused columns and upload again.",
                row=number,
            )
        if not any(c.strip(_BLANK) for c in cells[:MAX_COLUMNS]):
            continue  # a blank row: skipped, but the rows after it keep their spreadsheet numbers
        if header is None:
            header = _header_of(cells, known)
            if header is not None:
                header_row = number
                width = max(i for i, c in enumerate(cells[:MAX_COLUMNS]) if c.strip(_BLANK)) + 1
                continue
            looked += 1
            if looked >= HEADER_SEARCH:
                break
            continue
        if len(body) >= MAX_ROWS:
            raise _refuse(
                name,
                f"lebih dari {fmt.integer(MAX_ROWS)} baris data; bagi berkas menjadi beberapa bagian.",
                f"more than {fmt.integer(MAX_ROWS, 'en')} data rows; split the file into parts.",
                row=number,
            )
        stray = next((i for i in range(width, min(len(cells), MAX_COLUMNS)) if cells[i].strip(_BLANK)), None)
        if stray is not None:  # a value right of the last titled column: the row is out of line with its header
            if len(problems) < MAX_PROBLEMS:
                problems.append(
                    _problem(
                        name,
                        number,
                        _column_letter(stray),
                        cells[stray],
                        f"`{_show(cells[stray])}` ada di kolom tanpa judul, sehingga baris ini bergeser dari judulnya; "
                        "periksa pemisah (angka berkoma desimal di CSV berpemisah koma harus diberi tanda kutip).",
                        f"`{_show(cells[stray])}` is in a column with no header, so this row is out of line with the "
                        "header; check the separators (a decimal comma in a comma-separated CSV needs quotes).",
                    )
                )
            else:
                hidden += 1
        row = [cells[i] if i < len(cells) else "" for i, _ in header]
        for value, (_, col) in zip(row, header, strict=True):
            bad = _control(value)
            too_long = len(value) > MAX_CELL
            if not (bad or too_long):
                continue
            if len(problems) >= MAX_PROBLEMS:
                hidden += 1
                continue
            if bad:
                problems.append(
                    _problem(
                        name,
                        number,
                        col,
                        value,
                        f"`{_show(value)}` berisi karakter kendali {bad} yang tak terlihat; hapus lalu unggah lagi.",
                        f"`{_show(value)}` holds the invisible control character {bad}; delete it and upload again.",
                    )
                )
            else:
                problems.append(
                    _problem(
                        name,
                        number,
                        col,
                        _show(value),
                        f"isi sel {fmt.integer(len(value))} karakter; paling banyak {fmt.integer(MAX_CELL)}.",
                        f"the cell holds {fmt.integer(len(value), 'en')} characters; at most {fmt.integer(MAX_CELL, 'en')}.",
                    )
                )
        body.append(row)
        numbers.append(number)
    if header is None:
        need = (
            ", ".join(f"`{c.name}`" for c in KINDS[kind] if c.required)
            if kind in KINDS
            else ", ".join(sorted(known)[:6])
        )
        raise ImportRejected(
            [
                _problem(
                    name,
                    1,
                    None,
                    None,
                    f"baris judul kolom tidak ditemukan; kolom wajib: {need}.",
                    f"no header row found; required columns: {need}.",
                )
            ]
        )
    if problems:
        raise ImportRejected(problems + _more(name, hidden))
    frame = pd.DataFrame(body, columns=[col for _, col in header], index=pd.Index(numbers, name="row"), dtype=str)
    return frame, header_row


def _more(name: str, hidden: int) -> list[Problem]:
    """The line that stands for problems not listed one by one."""
    if not hidden:
        return []
    return [
        _problem(
            name,
            None,
            None,
            None,
            f"… dan {fmt.integer(hidden)} masalah lain dengan jenis yang sama.",
            f"… and {fmt.integer(hidden, 'en')} more problems of the same kinds.",
        )
    ]


# ---------------------------------------------------------------- checking rows


class RegionResolver:
    """A code, or a name that matches exactly one assessed region ('Kota Bontang', 'Bontang')."""

    def __init__(self, db: Database) -> None:
        regs = db.rows("select code, name, short_name, display_name from regions where autonomous")
        self.codes = {code for code, *_ in regs}
        self.by_name: dict[str, set[str]] = {}
        for code, name, short, display in regs:
            for n in {name, short, display, short.replace(" ", "")}:
                self.by_name.setdefault(n.strip().lower(), set()).add(code)

    def resolve(self, text: str) -> tuple[str | None, str | None]:
        """(code, None) or (None, reason)."""
        t = " ".join(text.split())
        if t in self.codes:
            return t, None
        hits = self.by_name.get(t.lower(), set())
        if len(hits) == 1:
            return next(iter(hits)), None
        if len(hits) > 1:
            return None, "ambiguous"
        return None, "unknown"


@dataclass
class Preview:
    kind: str
    file_name: str
    sha256: str
    add: pd.DataFrame
    change: pd.DataFrame  # with old_* columns
    unchanged: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and (len(self.add) + len(self.change)) > 0


def _columns(df: pd.DataFrame, kind: str, name: str, header_row: int) -> tuple[dict[str, str], list[Problem]]:
    found: dict[str, str] = {}
    for col in df.columns:
        key = _norm(col)
        for spec in KINDS[kind]:
            if key in spec.aliases and spec.name not in found:
                found[spec.name] = col
                break
    problems = [
        _problem(
            name,
            header_row,
            spec.name,
            None,
            f"kolom wajib `{spec.name}` tidak ada (boleh juga `{spec.aliases[1]}`).",
            f"required column `{spec.name}` is missing (`{spec.aliases[1]}` is also accepted).",
        )
        for spec in KINDS[kind]
        if spec.required and spec.name not in found
    ]
    return found, problems


def _number(
    text: str, name: str, row: int, column: str, lo: float, hi: float, problems: list[Problem], integer: bool = False
) -> float | None:
    """A cell read as a number in one of the README's spellings and checked against its range, or a problem."""
    try:
        v = parse_number(text, thousands_dot=hi >= 1000)
    except ValueError:
        shown = _show(text)
        id_, en = (
            (
                f"`{shown}` adalah rumus, bukan nilai; tulis angkanya.",
                f"`{shown}` is a formula, not a value; write the number.",
            )
            if formula_like(text)
            else ("sel kosong bukan angka; isi nilainya.", "an empty cell is not a number.")
            if not text
            else (
                f"`{shown}` bukan angka; tulis seperti 62,31 · 62.31 · 1.234 · 1.234,5.",
                f"`{shown}` is not a number; write it like 62.31 · 62,31 · 1,234 · 1,234.5.",
            )
        )
        problems.append(_problem(name, row, column, text, id_, en))
        return None
    if integer and v != int(v):
        problems.append(
            _problem(name, row, column, text, f"`{text}` harus bilangan bulat.", f"`{text}` must be a whole number.")
        )
        return None
    if not lo <= v <= hi:
        problems.append(
            _problem(
                name,
                row,
                column,
                text,
                f"{text} di luar rentang {lo:g}–{hi:g}; perbaiki nilai lalu unggah lagi.",
                f"{text} is outside {lo:g}–{hi:g}; correct the value and upload again.",
            )
        )
        return None
    return v


def _text(text: str, name: str, row: int, column: str, problems: list[Problem]) -> str | None:
    """A free-text cell (a note, a plan document), refused when a spreadsheet would run it as a formula."""
    if formula_like(text):
        problems.append(formula_problem(name, row, column, text))
        return None
    return text or None


def typed_text_problems(file: str, fields: dict[str, str | None]) -> list[Problem]:
    """Text typed into a form (a source's title, a register title): refused if it would run as a formula in Excel
    or holds a control character. Empty fields pass."""
    problems = []
    for column, value in fields.items():
        v = (value or "").strip(_BLANK)  # str.strip() would also take control characters away
        if formula_like(v):
            problems.append(formula_problem(file, None, column, v))
        elif _control(v):
            problems.append(
                _problem(
                    file,
                    None,
                    column,
                    v,
                    f"`{_show(v)}` berisi karakter kendali {_control(v)} yang tak terlihat; hapus lalu simpan lagi.",
                    f"`{_show(v)}` holds the invisible control character {_control(v)}; delete it and save again.",
                )
            )
    return problems


def formula_problem(file: str, row: int | None, column: str | None, text: str) -> Problem:
    """The refusal of text that Excel would run as a formula (`=…`, `+…`, `-…`, `@…`): CSV/XLSX injection."""
    return _problem(
        file,
        row,
        column,
        text,
        f"`{_show(text)}` diawali `{text[:1]}` sehingga Excel menjalankannya sebagai rumus; "
        "hapus tanda itu atau awali dengan kata.",
        f"`{_show(text)}` begins with `{text[:1]}`, so Excel would run it as a formula; "
        "remove that sign or begin with a word.",
    )


def check_rows(
    db: Database, df: pd.DataFrame, kind: str, name: str, header_row: int
) -> tuple[pd.DataFrame, list[Problem]]:
    """Clean rows ready to compare with the database, and every problem found (spreadsheet row numbers)."""
    cols, problems = _columns(df, kind, name, header_row)
    if problems:
        return pd.DataFrame(), problems
    if df.empty:
        return pd.DataFrame(), [_problem(name, None, None, None, "tidak ada baris data.", "no data rows.")]
    regions = RegionResolver(db)
    this_year = dt.date.today().year
    indicator_codes: dict[str, str] = {}
    if kind == "indicators":
        for code, nm, nm_en in db.rows("select distinct code, name, name_en from indicators"):
            indicator_codes |= {code.lower(): code, nm.lower(): code, nm_en.lower(): code}
    clean, seen, listed, hidden = [], {}, [], 0
    for row, rec in zip(df.index.tolist(), df.to_dict("records"), strict=True):
        problems: list[Problem] = []  # this row's; the file's are `listed`, up to MAX_PROBLEMS

        def cell(ours: str, rec: dict = rec) -> str:
            return " ".join(str(rec.get(cols[ours], "")).split()) if ours in cols else ""

        code, why = regions.resolve(cell("region_code"))
        if code is None:
            v = cell("region_code")
            problems.append(
                _problem(
                    name,
                    row,
                    cols["region_code"],
                    v,
                    f"daerah `{v}` tidak dikenal."
                    if why == "unknown"
                    else f"nama `{v}` cocok dengan lebih dari satu daerah; tulis kodenya.",
                    f"unknown region `{v}`."
                    if why == "unknown"
                    else f"`{v}` matches more than one region; write its code.",
                )
            )
        out: dict[str, object] = {"region_code": code, "_row": row}
        if kind == "scores":
            y = _number(cell("year"), name, row, cols["year"], FIRST_YEAR, this_year, problems, integer=True)
            s = _number(cell("score"), name, row, cols["score"], 0, 100, problems)
            p = cell("predicate")
            if p and p not in PREDICATES:
                problems.append(
                    _problem(
                        name,
                        row,
                        cols["predicate"],
                        p,
                        f"predikat `{p}` tidak dikenal; gunakan: {', '.join(PREDICATES)}.",
                        f"unknown predicate `{p}`; use one of: {', '.join(PREDICATES)}.",
                    )
                )
            rank = (
                _number(cell("rank"), name, row, cols["rank"], 1, 1000, problems, integer=True)
                if cell("rank")
                else None
            )
            rank_of = (
                _number(cell("rank_of"), name, row, cols["rank_of"], 1, 1000, problems, integer=True)
                if cell("rank_of")
                else None
            )
            out |= {
                "year": int(y) if y is not None else None,
                "score": _round(s, 2) if s is not None else None,
                "predicate": p or None,
                "rank": int(rank) if rank else None,
                "rank_of": int(rank_of) if rank_of else None,
                "note": _text(cell("note"), name, row, cols.get("note", "note"), problems),
            }
            key = (code, out["year"])
        elif kind == "indicators":
            y = _number(cell("year"), name, row, cols["year"], FIRST_YEAR, this_year + 5, problems, integer=True)
            ind_text = cell("indicator")
            ind = PROFILE_CODES.get(ind_text.lower()) or indicator_codes.get(ind_text.lower())
            if ind is None:
                problems.append(
                    _problem(
                        name,
                        row,
                        cols["indicator"],
                        ind_text,
                        f"indikator `{ind_text}` tidak dikenal.",
                        f"unknown indicator `{ind_text}`.",
                    )
                )
            hi = {"n_innovations": 10000, "basic_services": 6}.get(ind or "", 3)
            lv = _number(
                cell("level"),
                name,
                row,
                cols["level"],
                0,
                hi,
                problems,
                integer=ind in ("n_innovations", "basic_services"),
            )
            out |= {
                "year": int(y) if y is not None else None,
                "indicator_code": ind,
                "level": _round(lv, 3) if lv is not None else None,
            }
            key = (code, out["year"], ind)
        else:  # targets
            metric = cell("metric")
            if metric not in ("iid_score", "innovation_count"):
                problems.append(
                    _problem(
                        name,
                        row,
                        cols["metric"],
                        metric,
                        "ukuran harus `iid_score` atau `innovation_count`.",
                        "metric must be `iid_score` or `innovation_count`.",
                    )
                )
            hi = 100 if metric == "iid_score" else 1_000_000
            v = _number(cell("value"), name, row, cols["value"], 0, hi, problems)
            ty = _number(cell("target_year"), name, row, cols["target_year"], FIRST_YEAR, 2050, problems, integer=True)
            cmp_ = cell("comparator") or ">="
            if cmp_ not in (">=", ">"):
                problems.append(
                    _problem(
                        name,
                        row,
                        cols.get("comparator"),
                        cmp_,
                        "pembanding harus `>=` atau `>`.",
                        "comparator must be `>=` or `>`.",
                    )
                )
            pn = cell("predicate_named")
            if pn and pn not in PREDICATES:
                problems.append(
                    _problem(
                        name,
                        row,
                        cols["predicate_named"],
                        pn,
                        f"predikat `{pn}` tidak dikenal.",
                        f"unknown predicate `{pn}`.",
                    )
                )
            plan = cell("plan_document")
            if not plan:
                problems.append(
                    _problem(
                        name,
                        row,
                        cols["plan_document"],
                        plan,
                        "dokumen perencanaan wajib diisi.",
                        "the plan document is required.",
                    )
                )
            elif formula_like(plan):
                problems.append(formula_problem(name, row, cols["plan_document"], plan))
            out |= {
                "metric": metric,
                "value": v,
                "target_year": int(ty) if ty is not None else None,
                "comparator": cmp_,
                "predicate_named": pn or None,
                "plan_document": plan,
            }
            key = (code, metric, out["target_year"])
        if not problems and None not in key:
            if key in seen:
                problems.append(
                    _problem(
                        name,
                        row,
                        cols["region_code"],
                        cell("region_code"),
                        f"baris ganda: sama dengan baris {seen[key]}.",
                        f"duplicate row: the same as row {seen[key]}.",
                    )
                )
            else:
                seen[key] = row
                clean.append(out)
        room = max(MAX_PROBLEMS - len(listed), 0)
        listed += problems[:room]
        hidden += len(problems) - len(problems[:room])
    frame = pd.DataFrame(clean)
    frame.attrs["columns"] = cols  # our column name → the file's header, for messages about whole groups of rows
    return frame, listed + _more(name, hidden)


def _round(v: float, places: int) -> float:
    """A value at the precision the database keeps (scores 2 decimals, levels 3), halves rounded up as people do."""
    return float(Decimal(repr(v)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------- preview against the database

CURRENT = {
    "scores": """
        select s.region_code, s.year, s.score::double as old_score, s.predicate as old_predicate, s.rank as old_rank,
               s.rank_of as old_rank_of, s.note as old_note, s.source_id as old_source
        from iid_scores s join sources x using (source_id)
        where s.superseded_by is null and x.kind <> 'sample'
          and (s.region_code, s.year) in (select (region_code, year) from frame)""",
    "indicators": """
        select region_code, year, indicator_code, level::double as old_level, source_id as old_source
        from indicator_scores where superseded_by is null
          and (region_code, year) in (select (region_code, year) from frame)
        union all
        select region_code, year, 'n_innovations', n_innovations, source_id from innovation_profiles
        where superseded_by is null and (region_code, year) in (select (region_code, year) from frame)
        union all
        select region_code, year, 'basic_services', basic_services, source_id from innovation_profiles
        where superseded_by is null and (region_code, year) in (select (region_code, year) from frame)""",
    "targets": """
        select region_code, metric, target_year, value as old_value, comparator as old_comparator,
               predicate_named as old_predicate_named, plan_document as old_plan_document, target_id as old_target
        from targets where superseded_by is null
          and (region_code, metric, target_year) in (select (region_code, metric, target_year) from frame)""",
}
KEYS = {
    "scores": ["region_code", "year"],
    "indicators": ["region_code", "year", "indicator_code"],
    "targets": ["region_code", "metric", "target_year"],
}
VALUE = {"scores": ("score", "old_score"), "indicators": ("level", "old_level"), "targets": ("value", "old_value")}
# Other fields a row carries: a row whose value is the same but which states one of these differently is a change
# (a corrected predicate, rank or plan document is not dropped as "unchanged"). An empty optional cell states nothing.
CARRIED = {
    "scores": ("predicate", "rank", "rank_of", "note"),
    "indicators": (),
    "targets": ("comparator", "plan_document", "predicate_named"),
}


def preview(db: Database, data: bytes, name: str, kind: str) -> Preview:
    """Everything the file would do, without writing: rows to add, to change (old → new), unchanged, rejected."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        df, header_row = read_table(data, name, kind)
    except ImportRejected as exc:
        empty = pd.DataFrame()
        return Preview(kind, name, digest, empty, empty, empty, exc.problems)
    rows, problems = check_rows(db, df, kind, name, header_row)
    if rows.empty:
        empty = pd.DataFrame()
        return Preview(kind, name, digest, empty, empty, empty, problems)
    cur = db.cursor()
    try:
        cur.register("frame", rows)
        current = cur.execute(CURRENT[kind]).df()
    finally:
        cur.close()
    if kind == "scores" and not current.empty:
        # two reports that disagree: the lower is shown (as the app does), the higher is kept beside it
        current = current.sort_values("old_score", kind="stable")
        top = (
            current.groupby(KEYS[kind], as_index=False)["old_score"]
            .max()
            .rename(columns={"old_score": "old_score_max"})
        )
        current = current.drop_duplicates(KEYS[kind]).merge(top, on=KEYS[kind])
    if kind == "indicators":
        problems = problems + _profiles_named(rows, current, name)
    merged = rows.merge(current, on=KEYS[kind], how="left")
    new, old = VALUE[kind]
    has_old = merged[old].notna()
    same = has_old & (merged[new].astype(float).round(3) == merged[old].astype(float).round(3))
    if CARRIED[kind] and same.any():
        stated = [
            all(r[f] is None or r[f] == r["old_" + f] for f in CARRIED[kind])
            for r in records(merged[[c for f in CARRIED[kind] for c in (f, "old_" + f)]])
        ]
        same &= pd.Series(stated, index=merged.index)
    return Preview(
        kind,
        name,
        digest,
        merged[~has_old].reset_index(drop=True),
        merged[has_old & ~same].reset_index(drop=True),
        merged[same].reset_index(drop=True),
        problems,
    )


def _profiles_named(rows: pd.DataFrame, current: pd.DataFrame, name: str) -> list[Problem]:
    """A region-year with no innovation profile yet needs both of its numbers in the file.

    An import writes only what the file names; a profile row holds two numbers, so a new one cannot be made from
    one of them (nor from levels alone) without inventing the other.
    """
    have = set()
    if not current.empty:
        have = {
            (r, y)
            for r, y, c in current[["region_code", "year", "indicator_code"]].itertuples(index=False)
            if c == "n_innovations"
        }
    problems = []
    column = rows.attrs.get("columns", {}).get("indicator", "indicator")
    for (region, year), group in rows.groupby(["region_code", "year"], sort=False):
        missing = [c for c in ("n_innovations", "basic_services") if c not in set(group["indicator_code"])]
        if (region, year) in have or not missing:
            continue
        need = " dan ".join(f"`{c}`" for c in missing)
        need_en = " and ".join(f"`{c}`" for c in missing)
        problems.append(
            _problem(
                name,
                int(group["_row"].min()),
                column,
                None,
                f"daerah {region} tahun {year} belum punya profil inovasi; tambahkan baris {need} untuk daerah dan "
                "tahun ini (jumlah inovasi dan urusan pelayanan dasar).",
                f"region {region} has no innovation profile for {year}; add the {need_en} rows for this region and "
                "year (the number of innovations and of basic-service affairs).",
            )
        )
    return problems


# ---------------------------------------------------------------- writing, recording, undoing


@dataclass
class ImportResult:
    import_id: int
    source_id: str
    rows_added: int
    rows_changed: int


def apply(
    db: Database,
    pv: Preview,
    source_title: str | None = None,
    source_url: str | None = None,
    source_ref: str | None = None,
    publisher: str | None = None,
    published: bool = False,
    *,
    actor: Actor,
) -> ImportResult:
    """Write a checked preview in one transaction, or nothing: rejected rows refuse the whole file.

    Needs `data` for every region in the file (a targets file: `data` or `editor` for each region).
    """
    if pv.problems:
        raise ImportRejected(pv.problems)
    if published and not (source_url or source_ref):
        raise ImportRejected(
            [
                _problem(
                    pv.file_name,
                    None,
                    None,
                    None,
                    "sumber berjenis `published` wajib punya URL atau rujukan dokumen.",
                    "a `published` source needs a URL or a document reference.",
                )
            ]
        )
    bad = typed_text_problems(
        pv.file_name, {"source_title": source_title, "publisher": publisher, "source_ref": source_ref}
    )
    if bad:
        raise ImportRejected(bad)
    rows = pd.concat([pv.add, pv.change], ignore_index=True)
    if rows.empty:
        raise ImportRejected(
            [_problem(pv.file_name, None, None, None, "tidak ada baris baru atau berubah.", "no new or changed rows.")]
        )
    now = dt.datetime.now().replace(microsecond=0)
    with db.transaction() as cur:
        auth.require(cur, actor, _import_actions("import", pv.kind), sorted(set(rows["region_code"])))
        db.bump(cur, "scores")
        import_id = cur.execute("select coalesce(max(import_id), 0) + 1 from imports").fetchone()[0]
        # unique even for the same file twice in one second: the import number is part of it
        source_id = f"imp-{import_id}-{now:%Y%m%d%H%M%S}-{pv.sha256[:8]}"
        cur.execute(
            "insert into sources (source_id, kind, title, publisher, url, document_ref, retrieved_date, note, "
            "added_at, added_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source_id,
                "published" if published else "imported",
                source_title or pv.file_name,
                publisher,
                source_url or None,
                source_ref or None,
                now.date(),
                f"Impor #{import_id} dari {pv.file_name}",
                now,
                auth.stamp(actor),
            ],
        )
        cur.register("frame", rows.assign(source_id=source_id, import_id=import_id))
        for stmt in WRITE[pv.kind]:
            cur.execute(stmt)
        cur.unregister("frame")
        cur.execute(
            "insert into imports (import_id, kind, file_name, sha256, imported_at, rows_added, rows_changed, rows_rejected, "
            "source_id, imported_by) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            [
                import_id,
                pv.kind,
                pv.file_name,
                pv.sha256,
                now,
                len(pv.add),
                len(pv.change),
                source_id,
                auth.stamp(actor),
            ],
        )
        refresh_derived(cur)
    return ImportResult(import_id, source_id, len(pv.add), len(pv.change))


WRITE = {
    "scores": [
        """update iid_scores set superseded_by = (select any_value(import_id) from frame)
           where superseded_by is null and (region_code, year) in (select (region_code, year) from frame)
             and source_id in (select source_id from sources where kind <> 'sample')""",
        """insert into iid_scores (region_code, year, score, predicate, predicate_stated, predicate_as_printed, rank, rank_of,
                                   status, source_id, note)
           select region_code, year, score, predicate, predicate is not null, predicate, rank, rank_of, 'final', source_id, note
           from frame""",
    ],
    "indicators": [
        # only what the file names changes: the levels it lists, and the profile of a region-year whose number of
        # innovations or basic-service affairs it lists (the other number is carried into the new profile row)
        """update indicator_scores set superseded_by = (select any_value(import_id) from frame)
           where superseded_by is null
             and (region_code, year, indicator_code) in (select (region_code, year, indicator_code) from frame)""",
        """insert into indicator_scores (region_code, year, indicator_code, level, source_id)
           select region_code, year, indicator_code, level, source_id from frame
           where indicator_code not in ('n_innovations', 'basic_services')""",
        """insert into innovation_profiles (region_code, year, n_innovations, basic_services, source_id)
           select f.region_code, f.year,
                  coalesce(max(f.level) filter (where f.indicator_code = 'n_innovations'), any_value(old.n_innovations))::integer,
                  coalesce(max(f.level) filter (where f.indicator_code = 'basic_services'), any_value(old.basic_services))::integer,
                  any_value(f.source_id)
           from frame f
           left join innovation_profiles old
             on old.region_code = f.region_code and old.year = f.year and old.superseded_by is null
           where f.indicator_code in ('n_innovations', 'basic_services')
           group by f.region_code, f.year""",
        """update innovation_profiles set superseded_by = (select any_value(import_id) from frame)
           where superseded_by is null and source_id <> (select any_value(source_id) from frame)
             and (region_code, year) in (
                 select (region_code, year) from frame where indicator_code in ('n_innovations', 'basic_services'))""",
    ],
    "targets": [
        """update targets set superseded_by = (select any_value(import_id) from frame)
           where superseded_by is null
             and (region_code, metric, target_year) in (select (region_code, metric, target_year) from frame)""",
        """insert into targets (target_id, region_code, metric, comparator, value, target_year, predicate_named, plan_document,
                                source_id)
           select source_id || '-' || row_number() over (), region_code, metric, comparator, value, target_year,
                  predicate_named, plan_document, source_id
           from frame""",
    ],
}

UNDO = [
    "delete from iid_scores where source_id = ?",
    "delete from indicator_scores where source_id = ?",
    "delete from innovation_profiles where source_id = ?",
    "delete from targets where source_id = ?",
]
RESTORE = [
    "update iid_scores set superseded_by = null where superseded_by = ?",
    "update indicator_scores set superseded_by = null where superseded_by = ?",
    "update innovation_profiles set superseded_by = null where superseded_by = ?",
    "update targets set superseded_by = null where superseded_by = ?",
]


def _import_actions(action: str, kind: str) -> str | tuple[str, ...]:
    """The right an import (or its undo) needs per region: `data`; a region's targets may also come from its editor."""
    return (action, "target") if kind == "targets" else action


def undo_right(db: Database, import_id: int) -> tuple[str | tuple[str, ...], list[str] | None]:
    """The right undoing an import needs and the regions it wrote (what undo() will require), so a page offers the
    undo only to people it would not refuse."""
    row = db.rows("select source_id, kind from imports where import_id = ?", [import_id])
    if not row:
        return "undo", None
    source_id, kind = row[0]
    regions = sorted(r for (r,) in db.rows(REGIONS_OF_SOURCE, {"s": source_id}))
    return _import_actions("undo", kind), regions or None  # none: the right held anywhere, as undo() asks


REGIONS_OF_SOURCE = """select region_code from iid_scores where source_id = $s
    union select region_code from indicator_scores where source_id = $s
    union select region_code from innovation_profiles where source_id = $s
    union select region_code from targets where source_id = $s"""


def undo(db: Database, import_id: int, *, actor: Actor) -> None:
    """Take an import back: its rows go, the figures it replaced come back exactly, the record says who and when.

    Needs `undo` (the `data` role) for every region the import wrote. The checks run inside the write transaction,
    so two undos at once cannot both pass them (issue 16, item 4).
    """
    with db.transaction() as cur:
        db.bump(cur, "scores")
        row = cur.execute("select source_id, undone_at, kind from imports where import_id = ?", [import_id]).fetchall()
        if not row:
            auth.require(cur, actor, "undo")  # a visitor learns nothing about imports
            raise _refuse("impor", f"impor #{import_id} tidak ada.", f"import #{import_id} does not exist.")
        source_id, undone, kind = row[0]
        regions = sorted(r for (r,) in cur.execute(REGIONS_OF_SOURCE, {"s": source_id}).fetchall())
        auth.require(cur, actor, _import_actions("undo", kind), regions or None)
        if undone is not None:
            raise _refuse("impor", f"impor #{import_id} sudah dibatalkan.", f"import #{import_id} was already undone.")
        (later,) = cur.execute(
            "select count(*) from imports where import_id > ? and undone_at is null", [import_id]
        ).fetchone()
        if later:
            raise _refuse(
                "impor",
                "batalkan dulu impor yang lebih baru (urutan terbalik).",
                "undo the later imports first (in reverse order).",
            )
        for stmt in UNDO:
            cur.execute(stmt, [source_id])
        for stmt in RESTORE:
            cur.execute(stmt, [import_id])
        cur.execute(
            "update imports set undone_at = ?, undone_by = ? where import_id = ?",
            [dt.datetime.now().replace(microsecond=0), auth.stamp(actor), import_id],
        )
        refresh_derived(cur)


def history(db: Database) -> pd.DataFrame:
    """Every import, newest first; actor_name / undone_by_name: who imported and who undid it (empty before sign-in)."""
    return db.df(
        f"""select i.import_id, i.kind, i.file_name, i.imported_at, i.rows_added, i.rows_changed, i.undone_at,
                  s.title as source_title, s.kind as source_kind, s.url, i.sha256,
                  {auth.name_sql("i.imported_by")} as actor_name, {auth.name_sql("i.undone_by")} as undone_by_name
           from imports i join sources s using (source_id) order by i.import_id desc"""
    )


# ---------------------------------------------------------------- templates

EXAMPLES = {
    "scores": [["64.74", "2025", "62,31", "Inovatif", "", "", ""], ["Kota Pontianak", "2025", "70,50", "", "", "", ""]],
    "indicators": [["64.74", "2025", "sid_video", "3"], ["64.74", "2025", "n_innovations", "24"]],
    "targets": [
        ["65", "iid_score", "65,00", "2029", "RPJMD Provinsi Kalimantan Utara 2025–2029", ">=", "Sangat Inovatif"]
    ],
}


NUMERIC_TEMPLATE = {"year", "score", "level", "value", "target_year", "rank", "rank_of"}


def _template_number(text: str) -> int | float:
    x = parse_number(text, thousands_dot=False)
    return int(x) if x.is_integer() else x


def template_headers(kind: str, lang: str = "id") -> list[str]:
    """A template's column headers: the Indonesian name the importer reads (kode, tahun, skor, indikator) or the
    English one; a level is 'level' in both."""
    return [c.aliases[1] if lang == "id" and len(c.aliases) > 1 and c.name != "level" else c.name for c in KINDS[kind]]


def template_file_name(kind: str, lang: str, ext: str) -> str:
    """templat_skor-iid.xlsx / template_iid-scores.csv: the kind as the import page names it, in the file's language."""
    from iid.i18n import t

    slug = re.sub(r"[^a-z0-9]+", "-", t(f"kind_{kind}", lang).lower()).strip("-")
    return f"{'templat' if lang == 'id' else 'template'}_{slug}.{ext}"


def template_xlsx(kind: str, lang: str = "id") -> bytes:
    """A template with the expected columns, two example rows, and a sheet of allowed values."""
    cols = KINDS[kind]
    headers = template_headers(kind, lang)
    # numbers as numbers (Excel warned of numbers stored as text); a region code such as 64.74 stays text
    rows = [
        [_template_number(v) if c.name in NUMERIC_TEMPLATE and v else v for c, v in zip(cols, r, strict=False)]
        for r in EXAMPLES[kind]
    ]
    df = pd.DataFrame(rows, columns=headers)
    help_rows = pd.DataFrame(
        {
            "kolom" if lang == "id" else "column": headers,
            "wajib" if lang == "id" else "required": ["ya" if c.required else "tidak" for c in cols],
            "isi" if lang == "id" else "content": [c.help_id if lang == "id" else c.help_en for c in cols],
        }
    )
    allowed = pd.DataFrame({"predikat / predicate": list(PREDICATES)})
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, sheet_name="data", index=False)
        help_rows.to_excel(xw, sheet_name="petunjuk" if lang == "id" else "help", index=False)
        if kind != "indicators":  # the predicates a score or a target may name; an indicator file has none
            allowed.to_excel(xw, sheet_name="nilai" if lang == "id" else "allowed", index=False)
    return buf.getvalue()


def template_csv(kind: str, lang: str = "id") -> bytes:
    cols = KINDS[kind]
    headers = template_headers(kind, lang)
    sep = ";" if lang == "id" else ","
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep)
    w.writerow(headers)
    for r in EXAMPLES[kind]:
        w.writerow(r[: len(cols)] if lang == "id" else [c.replace(",", ".") for c in r[: len(cols)]])
    return out.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- export of the whole database

EXPORT_TABLES = {
    # file in the export folder (as `build` reads it) → the query that fills it
    "published/sources_all.csv": "select * exclude (kind), kind from sources where kind <> 'sample' order by source_id",
    "sample/sources_sample.csv": "select * from sources where kind = 'sample' order by source_id",
    "published/predicate_bands.csv": "select * from predicate_bands order by year, min_score desc",
    "published/rule_years.csv": "select * from rule_years order by year",
    "published/indicators.csv": "select * from indicators order by rule_year, aspect desc, number",
    "published/iid_scores_all.csv": """select s.* from iid_scores s join sources x using (source_id)
                                       where x.kind <> 'sample' order by region_code, year, source_id""",
    "sample/iid_scores_sample.csv": """select s.* from iid_scores s join sources x using (source_id)
                                       where x.kind = 'sample' order by region_code, year""",
    "sample/innovation_profiles_sample.csv": "select * from innovation_profiles order by region_code, year, source_id",
    "sample/indicator_scores_sample.csv": "select * from indicator_scores order by region_code, year, indicator_code, source_id",
    "published/targets.csv": "select * from targets order by target_id",
    "published/commitments.csv": "select * from commitments order by commitment_id",
    "published/events.csv": "select * from events order by event_id",
    "sample/innovations_all.csv": "select * from innovations order by innovation_id",
    "sample/units_all.csv": "select * from units order by region_code, unit",
    "sample/innovation_levels_all.csv": "select * from innovation_levels order by innovation_id, indicator_code",
    "published/competitions.csv": "select * from competitions order by code",
    "published/competition_groups.csv": "select * from competition_groups order by all",
    "published/register_log.csv": "select * from register_log order by log_id",
    "published/imports.csv": "select * from imports order by import_id",
    "published/scenarios.csv": "select * from scenarios order by scenario_id",
    "published/scenario_log.csv": "select * from scenario_log order by log_id",
    "published/users.csv": "select * from users order by email",
    "published/user_roles.csv": "select * from user_roles order by email, role, region_code",
    "published/role_log.csv": "select * from role_log order by log_id",
}


def export_dir(db: Database, out: Path, data_dir: Path | None = None) -> list[Path]:
    """Every table as CSV in the layout `python -m iid build --from DIR` reads (regions: the raw files, copied)."""
    import shutil

    data_dir = data_dir or settings.data_dir()
    written = []
    for rel, sql in EXPORT_TABLES.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        safe_frame(db.df(sql)).to_csv(path, index=False)  # text Excel would run as a formula gets a leading '
        written.append(path)
    raw = out / "raw" / "idn-area-data"
    raw.mkdir(parents=True, exist_ok=True)
    for f in (data_dir / "raw" / "idn-area-data").iterdir():
        shutil.copy(f, raw / f.name)
        written.append(raw / f.name)
    (out / "EXPORT.md").write_text(
        "Ekspor basis data Dasbor IID. Bangun kembali dengan: python -m iid build --from <folder ini>\n"
        "Teks yang diawali = + - @ ditulis dengan tanda ' di depannya agar Excel tidak menjalankannya sebagai rumus.\n",
        encoding="utf-8",
    )
    return written


def export_zip(db: Database) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        files = export_dir(db, Path(tmp))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for f in files:
                z.write(f, f.relative_to(tmp).as_posix())
            z.write(Path(tmp) / "EXPORT.md", "EXPORT.md")
        return buf.getvalue()


def import_file(db: Database, path: Path, kind: str = "scores", *, actor: Actor, **source) -> ImportResult:
    """Preview then apply a file from disk (the command line); ImportRejected leaves the database as it was."""
    pv = preview(db, path.read_bytes(), path.name, kind)
    if pv.problems:
        raise ImportRejected(pv.problems)
    return apply(db, pv, actor=actor, **source)


# ---------------------------------------------------------------- sources

SOURCE_KINDS = ("published", "imported")


def save_source(
    db: Database,
    source_id: str | None,
    kind: str,
    title: str,
    publisher: str | None,
    url: str | None,
    document_ref: str | None,
    published_date: dt.date | None,
    note: str | None,
    *,
    actor: Actor,
) -> str:
    """Add or edit a source (needs the `data` role); a published source needs a URL or a document reference."""
    title, url, document_ref = (
        (title or "").strip(_BLANK),
        (url or "").strip() or None,
        (document_ref or "").strip(_BLANK) or None,
    )
    if kind not in SOURCE_KINDS:
        raise ImportRejected(
            [_problem("sumber", None, "kind", kind, "jenis sumber tidak sah.", "invalid source kind.")]
        )
    if not title:
        raise ImportRejected([_problem("sumber", None, "title", "", "judul wajib diisi.", "a title is required.")])
    bad = typed_text_problems(
        "sumber", {"title": title, "publisher": publisher, "document_ref": document_ref, "note": note}
    )
    if bad:
        raise ImportRejected(bad)
    if kind == "published" and not (url or document_ref):
        raise ImportRejected(
            [
                _problem(
                    "sumber",
                    None,
                    "url",
                    "",
                    "sumber `published` wajib punya URL atau rujukan dokumen.",
                    "a `published` source needs a URL or a document reference.",
                )
            ]
        )
    if url and not url.lower().startswith(("http://", "https://")):
        raise ImportRejected(
            [
                _problem(
                    "sumber",
                    None,
                    "url",
                    url,
                    "URL harus diawali http:// atau https://.",
                    "a URL must start with http:// or https://.",
                )
            ]
        )
    with db.transaction() as cur:
        db.bump(cur, "sources")  # a source's words show on every page: every cached result goes
        # a new source belongs to no region; an existing one to every region whose figures or register cite it
        regions = sorted(r for (r,) in cur.execute(SOURCE_REGIONS, {"s": source_id}).fetchall()) if source_id else []
        auth.require(cur, actor, "sources", regions or None)
        if source_id:
            cur.execute(
                "update sources set kind = ?, title = ?, publisher = ?, url = ?, document_ref = ?, "
                "published_date = ?, note = ?, changed_at = ?, changed_by = ? where source_id = ? and kind <> 'sample'",
                [
                    kind,
                    title,
                    publisher,
                    url,
                    document_ref,
                    published_date,
                    note,
                    auth.now(),
                    auth.stamp(actor),
                    source_id,
                ],
            )
        else:
            source_id = f"src-{dt.datetime.now():%Y%m%d%H%M%S}-{secrets.token_hex(4)}"  # unique within a second
            cur.execute(
                "insert into sources (source_id, kind, title, publisher, url, document_ref, published_date, "
                "retrieved_date, note, added_at, added_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    source_id,
                    kind,
                    title,
                    publisher,
                    url,
                    document_ref,
                    published_date,
                    dt.date.today(),
                    note,
                    auth.now(),
                    auth.stamp(actor),
                ],
            )
    return source_id


# The regions a source belongs to: those whose figures or register rows cite it (its edits need `data` for each).
SOURCE_REGIONS = REGIONS_OF_SOURCE + " union select region_code from innovations where source_id = $s"


def editable_sources(db: Database, actor: Actor) -> set[str] | None:
    """The sources actor may edit (save_source with its id), None for every one; a `data` role for listed regions
    edits the sources only those regions' figures and register rows cite (and those no region's rows cite)."""
    mine = auth.regions_for(db, actor, "sources")
    if mine is None:
        return None
    if not mine:
        return set()
    return {
        sid
        for (sid,) in db.rows(
            """with cited as (
                   select source_id, region_code from iid_scores union select source_id, region_code from indicator_scores
                   union select source_id, region_code from innovation_profiles
                   union select source_id, region_code from targets
                   union select source_id, region_code from innovations)
               select s.source_id from sources s
               where s.kind <> 'sample'
                 and not exists (select 1 from cited c where c.source_id = s.source_id
                                 and c.region_code not in (select unnest($mine)))""",
            {"mine": sorted(mine)},
        )
    }


def sources_table(db: Database) -> pd.DataFrame:
    """Every source; changed_at / actor_name: when and by whom it was last added or edited in the app (else empty)."""
    return db.df(
        f"""select s.source_id, s.kind, s.title, s.publisher, s.url, s.document_ref, s.published_date,
                  (select count(*) from iid_scores i where i.source_id = s.source_id) as scores,
                  coalesce(s.changed_at, s.added_at) as changed_at,
                  {auth.name_sql("coalesce(s.changed_by, s.added_by)")} as actor_name
           from sources s order by s.kind, s.publisher, s.title"""
    )


def import_file_bytes(
    db: Database, data: bytes, name: str, kind: str = "scores", *, actor: Actor, **source
) -> ImportResult:
    pv = preview(db, data, name, kind)
    if pv.problems:
        raise ImportRejected(pv.problems)
    return apply(db, pv, actor=actor, **source)
