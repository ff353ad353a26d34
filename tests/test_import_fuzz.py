"""Fuzz of the importer (issue 16, "Done when"): generated CSV and XLSX files, each against a fresh database.

Every generated file is written the way real files come (separators, encodings, decimal commas, title rows, blank
rows, extra columns, aliases, XLSX numbers or text), and may carry one defect. A file with a defect is refused,
names the spreadsheet row and column of the defect, and leaves every table's contents as they were (a checksum of
each table). A file without one lands exactly the values it carries, touches no row it does not name, and its
undo gives back every figure it replaced.

Fresh database: a small one (published data and two innovation profiles) is built once per session into memory;
before each example every table that differs from it is copied back from the pristine copy, and the checksum of
every table is compared with the pristine one, so no example can see another's writes.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from unittest import mock
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iid import dataio
from iid.build import DERIVED, build
from iid.db import Database
from iid.errors import ImportRejected
from tests.conftest import ADMIN

ROOT = Path(__file__).resolve().parent.parent
THIS_YEAR = dt.date.today().year
EXAMPLES = int(os.environ.get("IID_FUZZ_EXAMPLES", "1000"))  # CI runs 1.000; set it higher for a long hunt

# Tables in the order a restore deletes them (children before the sources and regions they refer to).
CHILDREN_FIRST = (
    "imports",
    "iid_scores",
    "indicator_scores",
    "innovation_profiles",
    "targets",
    *DERIVED,  # the materialised tables (mv_scores, mv_scores_published, mv_coverage)
)


# ---------------------------------------------------------------- a fresh database per example


def checksums(db: Database, tables: list[str] | None = None) -> dict[str, tuple]:
    """Row count and an order-free hash of every row, per table of the working database (or of the tables named)."""
    tables = tables or [r[0] for r in db.rows("select table_name from duckdb_tables() where database_name = 'memory'")]
    sql = " union all ".join(f"select '{t}', count(*), sum(hash(x)) from memory.main.{t} x" for t in tables)
    return {r[0]: tuple(r[1:]) for r in db.rows(sql)}


class Pristine:
    """One in-memory database, put back to the pristine state before every example."""

    def __init__(self, path: Path) -> None:
        self.db = Database(":memory:")
        self.db.rows("attach ? as pristine (read_only)", [str(path)])
        self.db.rows("copy from database pristine to memory")
        self.sums = checksums(self.db)
        self.last: dict[str, tuple] | None = self.sums  # the sums of the database as the last example left it
        self.tables = sorted(self.sums, key=lambda t: (CHILDREN_FIRST.index(t) if t in CHILDREN_FIRST else 99, t))

    def fresh(self) -> Database:
        """The database as built: every table that differs from the pristine copy is copied back, then checked.

        The sums of the last example's final state are known (it computed them), so only what changed is touched.
        """
        sums, self.last = self.last or checksums(self.db), None
        changed = [t for t in self.tables if sums[t] != self.sums[t]]
        if changed:
            self._restore(changed)
            assert checksums(self.db, changed) == {t: self.sums[t] for t in changed}, "not back to pristine"
        return self.db

    def _restore(self, tables: list[str] | tuple[str, ...]) -> None:
        order = sorted(tables, key=self.tables.index)
        cur = self.db.cursor()
        try:  # one statement at a time: DuckDB checks a foreign key against committed rows
            for t in order:
                if t in PARENTS:  # referred to by untouched tables: only the rows an example added go
                    key = PARENTS[t]
                    cur.execute(f"delete from memory.main.{t} where {key} not in (select {key} from pristine.main.{t})")
                else:
                    cur.execute(f"delete from memory.main.{t}")
            for t in reversed(order):
                cur.execute(
                    f"insert into memory.main.{t} select * from pristine.main.{t} except select * from memory.main.{t}"
                )
        finally:
            cur.close()


PARENTS = {"sources": "source_id", "regions": "code"}
PROFILED = {("64.74", 2024), ("65", 2024)}  # region-years with an innovation profile in the pristine database


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    return build_pristine(tmp_path_factory)


def build_pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    """Published data and two innovation profiles (PROFILED), built once, held in memory."""
    path = tmp_path_factory.mktemp("fuzz") / "pristine.duckdb"
    build(ROOT / "data", path, include_sample=False)
    db = Database(path)
    try:
        codes = [r[0] for r in db.rows("select code from indicators where rule_year = 2025 order by code")]
        lines = ["region_code,year,indicator,level"]
        for region, year in sorted(PROFILED):
            lines += [f"{region},{year},{c},{(i % 4) * 0.75:.3f}" for i, c in enumerate(codes)]
            lines += [f"{region},{year},n_innovations,24", f"{region},{year},basic_services,4"]
        dataio.import_file_bytes(db, ("\n".join(lines) + "\n").encode(), "profil.csv", "indicators", actor=ADMIN)
    finally:
        db.close()
    return Pristine(path)


# ---------------------------------------------------------------- the model of a file

REGIONS = {  # a code and names that resolve to it uniquely
    "64.74": ["64.74", "Kota Bontang", "Bontang"],
    "61.71": ["61.71", "Kota Pontianak"],
    "65": ["65"],
    "63": ["63"],
    "19.71": ["19.71"],
    "11": ["11"],
}
INDICATORS = ["sid_video", "sid_replikasi", "sid_aktor", "spd_apbd", "spd_ipm", "spd_lakip"]
PROFILE = ["n_innovations", "basic_services"]
ALIASES = {kind: {c.name: c.aliases for c in cols} for kind, cols in dataio.KINDS.items()}
NUMERIC = {"year", "score", "rank", "rank_of", "level", "value", "target_year"}


@dataclass
class Row:
    cells: dict[str, str]  # our column → the text written
    numbers: dict[str, Decimal] = field(default_factory=dict)  # our column → the number it stands for (XLSX)
    expect: dict[str, object] = field(default_factory=dict)  # what must land


@dataclass
class Defect:
    kind: str
    row: int | None  # index of the data row, None for the header
    column: str | None  # our column name


@dataclass
class FileCase:
    kind: str
    columns: list[str]  # our column names, in file order
    rows: list[Row]
    defect: Defect | None = None
    extra_column: str | None = None  # a column the importer does not know, filled with anything


def spell(d: Decimal, places: int, comma: bool, grouping: bool = False) -> str:
    """A number as a person types it: 62,31 · 62.31 · 1.234 (thousands) · 70 or 70,00."""
    if grouping and d == d.to_integral_value() and d >= 1000:
        return f"{int(d):,}".replace(",", ".")
    text = f"{d:.{places}f}"
    return text.replace(".", ",") if comma else text


@st.composite
def numbers(draw, column: str, kind: str, metric: str | None = None, indicator: str | None = None):
    """(text, value, expected) for a numeric cell."""
    comma = draw(st.booleans())
    if column == "year":
        y = draw(st.integers(dataio.FIRST_YEAR, THIS_YEAR if kind == "scores" else THIS_YEAR + 5))
        return str(y), Decimal(y), y
    if column == "target_year":
        y = draw(st.integers(dataio.FIRST_YEAR, 2050))
        return str(y), Decimal(y), y
    if column in ("rank", "rank_of"):
        r = draw(st.integers(1, 1000))
        return str(r), Decimal(r), r
    if column == "score" or (column == "value" and metric == "iid_score"):
        d = Decimal(draw(st.integers(0, 10000))) / 100
        return spell(d, draw(st.sampled_from([0, 1, 2])) if d == d.to_integral_value() else 2, comma), d, float(d)
    if column == "value":  # an innovation count target
        n = Decimal(draw(st.integers(0, 100_000)))
        return spell(n, 0, comma, grouping=draw(st.booleans())), n, float(n)
    if indicator == "n_innovations":
        n = Decimal(draw(st.integers(0, 10000)))
        return spell(n, 0, comma, grouping=draw(st.booleans())), n, int(n)
    if indicator == "basic_services":
        n = Decimal(draw(st.integers(0, 6)))
        return str(n), n, int(n)
    d = Decimal(draw(st.integers(0, 3000))) / 1000  # a level: 0–3, three decimals
    places = 3 if d != round(d, 2) else draw(st.sampled_from([2, 3]))
    return spell(d, places, comma), d, float(d)


SAFE_TEXT = st.text(
    alphabet=st.characters(categories=("L", "N", "Zs"), include_characters=".,()/–'&"),
    min_size=1,
    max_size=24,
).filter(lambda s: s.strip() and not dataio.formula_like(s.strip()))


@st.composite
def files(draw) -> FileCase:
    kind = draw(st.sampled_from(["scores", "indicators", "targets"]))
    rows: list[Row] = []
    if kind == "scores":
        keys = draw(
            st.lists(
                st.tuples(st.sampled_from(sorted(REGIONS)), st.integers(dataio.FIRST_YEAR, THIS_YEAR)),
                min_size=1,
                max_size=6,
                unique=True,
            )
        )
        optional = draw(st.lists(st.sampled_from(["predicate", "rank", "rank_of", "note"]), unique=True))
        columns = ["region_code", "year", "score", *optional]
        for region, year in keys:
            text, _, score = draw(numbers("score", kind))
            row = Row(
                {"region_code": draw(st.sampled_from(REGIONS[region])), "year": str(year), "score": text},
                {"year": Decimal(year), "score": Decimal(text.replace(",", "."))},
                {"region_code": region, "year": year, "score": score},
            )
            for col in optional:
                if col == "predicate":
                    p = draw(st.sampled_from([*dataio.PREDICATES, ""]))
                    row.cells[col], row.expect[col] = p, p or None
                elif col == "note":
                    n = draw(st.one_of(st.just(""), SAFE_TEXT))
                    row.cells[col], row.expect[col] = n, " ".join(n.split()) or None
                elif draw(st.booleans()):
                    text, value, expected = draw(numbers(col, kind))
                    row.cells[col], row.numbers[col], row.expect[col] = text, value, expected
                else:
                    row.cells[col], row.expect[col] = "", None
            rows.append(row)
    elif kind == "indicators":
        columns = ["region_code", "year", "indicator", "level"]
        region_years = draw(
            st.lists(
                st.tuples(st.sampled_from(sorted(REGIONS)), st.sampled_from([2024, 2025, THIS_YEAR + 1])),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        for region, year in region_years:
            codes = draw(st.lists(st.sampled_from(INDICATORS + PROFILE), min_size=1, max_size=5, unique=True))
            if (region, year) not in PROFILED:
                codes += [c for c in PROFILE if c not in codes]  # a new profile needs both of its numbers
            for code in draw(st.permutations(codes)):
                text, value, expected = draw(numbers("level", kind, indicator=code))
                rows.append(
                    Row(
                        {"region_code": region, "year": str(year), "indicator": code, "level": text},
                        {"year": Decimal(year), "level": value},
                        {"region_code": region, "year": year, "indicator_code": code, "level": expected},
                    )
                )
    else:
        optional = draw(st.lists(st.sampled_from(["comparator", "predicate_named"]), unique=True))
        columns = ["region_code", "metric", "value", "target_year", "plan_document", *optional]
        keys = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(sorted(REGIONS)),
                    st.sampled_from(["iid_score", "innovation_count"]),
                    st.integers(2025, 2035),
                ),
                min_size=1,
                max_size=4,
                unique=True,
            )
        )
        for region, metric, year in keys:
            text, value, expected = draw(numbers("value", kind, metric=metric))
            plan = draw(SAFE_TEXT)
            row = Row(
                {
                    "region_code": region,
                    "metric": metric,
                    "value": text,
                    "target_year": str(year),
                    "plan_document": plan,
                },
                {"value": value, "target_year": Decimal(year)},
                {
                    "region_code": region,
                    "metric": metric,
                    "value": expected,
                    "target_year": year,
                    "plan_document": " ".join(plan.split()),
                    "comparator": ">=",
                    "predicate_named": None,
                },
            )
            if "comparator" in optional:
                c = draw(st.sampled_from(["", ">=", ">"]))
                row.cells["comparator"], row.expect["comparator"] = c, c or ">="
            if "predicate_named" in optional:
                p = draw(st.sampled_from([*dataio.PREDICATES, ""]))
                row.cells["predicate_named"], row.expect["predicate_named"] = p, p or None
            rows.append(row)
    case = FileCase(kind, draw(st.permutations(columns)), rows)
    if draw(st.booleans()):
        case.extra_column = draw(st.sampled_from(["nomor", "Keterangan tambahan", "sumber data"]))
    if draw(st.integers(0, 9)) < 6:  # six files in ten carry a defect
        case.defect = draw(defects(case))
    return case


BAD_NUMBERS = [
    "1.0.0",
    ".5.",
    "1,0,0",
    "0,5,0",
    "5_0",
    "7 1",
    "1e1",
    ".5",
    "5.",
    "1..2",
    "+-5",
    "--5",
    "١٢",
    "５０",
    "nan",
    "inf",
    "0x10",
    "50%",
    "(50)",
    "1/2",
    "1,23.4",
]
CONTROLS = ["\x00", "\x01", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x7f", "\x85"]
NOT_NUMBER_CHARS = set("0123456789.,+- \t\n\r\u00a0")


@st.composite
def defects(draw, case: FileCase) -> Defect:
    kinds = ["junk_number", "control", "range", "duplicate", "missing_column", "stray", "region", "formula"]
    if case.kind == "indicators":
        kinds += ["no_profile", "indicator"]
    if case.kind == "scores" and "note" in case.columns or case.kind == "targets":
        kinds += ["formula_text"]
    kind = draw(st.sampled_from(kinds))
    i = draw(st.integers(0, len(case.rows) - 1))
    row = case.rows[i]
    numeric = [c for c in case.columns if c in NUMERIC and row.cells.get(c, "")]
    if kind == "junk_number":
        col = draw(st.sampled_from(numeric))
        text = row.cells[col]
        junk = draw(
            st.one_of(
                st.sampled_from(BAD_NUMBERS),
                st.builds(  # a valid number with one wrong character inside it (not at an end: ends are trimmed)
                    lambda pos, ch: (
                        text[: 1 + pos % (len(text) - 1)] + ch + text[1 + pos % (len(text) - 1) :]
                        if len(text) > 1
                        else text + ch + "1"
                    ),
                    st.integers(0, 20),
                    st.sampled_from(["_", " ", "e", "\t", "\n", "x", "\u00a0", "'"]),
                ),
                st.builds(  # any text with at least one character no number has
                    lambda a, ch, b: a + ch + b,
                    st.text(max_size=5),
                    st.characters(exclude_characters="".join(NOT_NUMBER_CHARS)),
                    st.text(max_size=5),
                ),
            )
        )
        row.cells[col] = junk
        row.numbers.pop(col, None)
        return Defect(kind, i, col)
    if kind == "control":
        col = draw(st.sampled_from([c for c in case.columns if row.cells.get(c, "")]))
        text = row.cells[col]
        pos = draw(st.integers(0, len(text)))
        row.cells[col] = text[:pos] + draw(st.sampled_from(CONTROLS)) + text[pos:]
        row.numbers.pop(col, None)
        return Defect(kind, i, col)
    if kind == "range":
        col = draw(st.sampled_from(numeric))
        bad = {
            "year": [str(dataio.FIRST_YEAR - 1), str(THIS_YEAR + (1 if case.kind == "scores" else 6))],
            "target_year": ["2020", "2051"],
            "score": ["100,01", "105", "-1"],
            "rank": ["0", "1001"],
            "rank_of": ["0", "1001"],
            "value": ["-1"] + (["100.5"] if row.cells.get("metric") == "iid_score" else ["1000001"]),
        }.get(col)
        if col == "level":
            code = row.cells["indicator"]
            bad = {"n_innovations": ["10001", "2,5"], "basic_services": ["7", "-1"]}.get(code, ["3,001", "4"])
        row.cells[col] = draw(st.sampled_from(bad))
        row.numbers.pop(col, None)
        return Defect(kind, i, col)
    if kind == "duplicate":
        j = draw(st.integers(i + 1, len(case.rows)))
        twin = Row(dict(row.cells), dict(row.numbers), dict(row.expect))
        case.rows.insert(j, twin)
        return Defect(kind, j, "region_code")
    if kind == "missing_column":
        required = [c.name for c in dataio.KINDS[case.kind] if c.required]
        col = draw(st.sampled_from(required))
        case.columns.remove(col)
        return Defect(kind, None, col)
    if kind == "stray":
        return Defect(kind, i, None)
    if kind == "region":
        row.cells["region_code"] = draw(st.sampled_from(["99.99", "Kota Atlantis", "64.74.01", "6474", "Tangerang"]))
        return Defect(kind, i, "region_code")
    if kind == "formula":
        col = draw(st.sampled_from(numeric))
        row.cells[col] = "=" + draw(st.sampled_from(["60+10", "A1", "SUM(B2:B3)", '"70"']))
        row.numbers.pop(col, None)
        return Defect(kind, i, col)
    if kind == "formula_text":
        col = "note" if case.kind == "scores" else "plan_document"
        row.cells[col] = draw(st.sampled_from(["=", "+", "-", "@"])) + draw(
            st.sampled_from(['HYPERLINK("http://x","y")', "2+3+cmd|' /C calc'!A0", "cmd", "1"])
        )
        return Defect(kind, i, col)
    if kind == "indicator":
        row.cells["indicator"] = draw(st.sampled_from(["sid_tidak_ada", "video2", "sid video", ""]))
        return Defect(kind, i, "indicator")
    # no_profile: a region-year with no profile yet, named without one of its two numbers
    region = draw(st.sampled_from(sorted(REGIONS)))
    year = THIS_YEAR + 2
    text, value, expected = draw(numbers("level", case.kind, indicator="sid_video"))
    case.rows.append(
        Row(
            {"region_code": region, "year": str(year), "indicator": "sid_video", "level": text},
            {"year": Decimal(year), "level": value},
            {"region_code": region, "year": year, "indicator_code": "sid_video", "level": expected},
        )
    )
    return Defect(kind, len(case.rows) - 1, "indicator")


# ---------------------------------------------------------------- writing a file


@dataclass
class Layout:
    fmt: str  # csv or xlsx
    sep: str
    encoding: str
    newline: str
    title_rows: int
    blank_before: list[int]  # blank rows before each data row
    headers: dict[str, str]  # our column → the header written
    numeric_cells: bool  # XLSX: numbers as numbers, not text


@st.composite
def layouts(draw, case: FileCase) -> Layout:
    headers = {}
    for col in case.columns:
        alias = draw(st.sampled_from(ALIASES[case.kind][col]))
        headers[col] = draw(st.sampled_from([alias, alias.upper(), alias.replace("_", " ").title()]))
    return Layout(
        fmt=draw(st.sampled_from(["csv", "csv", "xlsx"])),
        sep=draw(st.sampled_from([",", ";", "\t"])),
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        title_rows=draw(st.integers(0, 2)),
        blank_before=draw(st.lists(st.integers(0, 2), min_size=len(case.rows), max_size=len(case.rows))),
        headers=headers,
        numeric_cells=draw(st.booleans()),
    )


def grid(case: FileCase, lay: Layout) -> tuple[list[list[object]], list[int], int]:
    """The sheet as rows of cells (None for a blank row), each data row's spreadsheet number, the header's."""
    out: list[list[object]] = []
    for t in range(lay.title_rows):
        out.append(["Hasil Indeks Inovasi Daerah" if t == 0 else "Sumber: Kemendagri"])
    out.append([lay.headers[c] for c in case.columns] + ([case.extra_column] if case.extra_column else []))
    header_row = len(out)
    numbers = []
    for i, row in enumerate(case.rows):
        out += [None] * lay.blank_before[i]
        cells: list[object] = []
        for c in case.columns:
            if lay.fmt == "xlsx" and lay.numeric_cells and c in row.numbers:
                cells.append(row.numbers[c])
            else:
                cells.append(row.cells.get(c, ""))
        if case.extra_column:
            cells.append(f"=x{i}" if i % 2 else f"catatan {i}")  # an unknown column: anything, never read
        if case.defect and case.defect.kind == "stray" and case.defect.row == i:
            cells += ["", "31"]
        out.append(cells)
        numbers.append(len(out))
    return out, numbers, header_row


def render(case: FileCase, lay: Layout) -> tuple[bytes, str]:
    rows, _, _ = grid(case, lay)
    if lay.fmt == "xlsx":
        return xlsx(rows), "berkas.xlsx"
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=lay.sep, lineterminator=lay.newline)
    for r in rows:
        w.writerow([] if r is None else ["" if v is None else str(v) for v in r])
    text = buf.getvalue()
    try:
        data = text.encode(lay.encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if lay.encoding == "cp1252":  # README: a file that reads as UTF-8 is UTF-8; such a Windows-1252 file is not made
        try:
            if data.decode("utf-8") != text:
                data = text.encode("utf-8")
        except UnicodeDecodeError:
            pass
    return data, "berkas.csv"


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _xml_text(s: str) -> str:
    """XML 1.0 cannot hold most control characters: Excel writes them as _xHHHH_."""
    return "".join(f"_x{ord(c):04X}_" if (ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff" else c for c in s)


def xlsx(rows: list[list[object] | None], formulas: dict[tuple[int, int], tuple[str, str]] | None = None) -> bytes:
    """A minimal XLSX (one sheet, inline strings): cells may be numbers, text or formulas with a cached value."""
    formulas = formulas or {}
    body = []
    for r, cells in enumerate(rows, start=1):
        if cells is None:
            continue
        out = []
        for c, v in enumerate(cells):
            ref = f"{_col(c)}{r}"
            if isinstance(v, Decimal | int | float):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif isinstance(v, str) and v.startswith("=") and len(v) > 1:
                out.append(f'<c r="{ref}"><f>{escape(v[1:])}</f><v>70</v></c>')  # Excel stores the last result
            elif v:
                out.append(
                    f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(_xml_text(v))}</t></is></c>'
                )
        for (fr, fc), (f, cached) in formulas.items():
            if fr == r:
                out.append(f'<c r="{_col(fc)}{r}"><f>{escape(f)}</f><v>{cached}</v></c>')
        body.append(f'<row r="{r}">{"".join(out)}</row>')
    return _package("".join(body))


def _package(sheet_data: str, dimension: str | None = None) -> bytes:
    ns = "http://schemas.openxmlformats.org"
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
        f'xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
        f'xmlns="{ns}/spreadsheetml/2006/main">{dim}<sheetData>{sheet_data}</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


# ---------------------------------------------------------------- what landed

LANDED = {
    "scores": """select region_code, year, score::double as score, predicate, rank, rank_of, note
                 from iid_scores where source_id = ? order by all""",
    "indicators": """select region_code, year, indicator_code, level::double as level from indicator_scores
                     where source_id = ?
                     union all select region_code, year, 'n_innovations', n_innovations from innovation_profiles
                     where source_id = ? and (region_code, year, 'n_innovations') in (select * from named)
                     union all select region_code, year, 'basic_services', basic_services from innovation_profiles
                     where source_id = ? and (region_code, year, 'basic_services') in (select * from named)
                     order by all""",
    "targets": """select region_code, metric, target_year, value, plan_document, comparator, predicate_named
                  from targets where source_id = ? order by all""",
}
DATA_TABLES = {
    "scores": ("iid_scores",),
    "indicators": ("indicator_scores", "innovation_profiles"),
    "targets": ("targets",),
}
HISTORY = ("sources", "imports", *DERIVED)


def expected_rows(case: FileCase, changed_keys: set[tuple]) -> list[tuple]:
    keys = dataio.KEYS[case.kind]
    cols = {
        "scores": ["region_code", "year", "score", "predicate", "rank", "rank_of", "note"],
        "indicators": ["region_code", "year", "indicator_code", "level"],
        "targets": ["region_code", "metric", "target_year", "value", "plan_document", "comparator", "predicate_named"],
    }[case.kind]
    out = []
    for row in case.rows:
        key = tuple(row.expect[k] for k in keys)
        if key in changed_keys:
            out.append(tuple(row.expect.get(c) for c in cols))
    return sorted(out, key=lambda t: tuple((v is None, str(v)) for v in t))


def _sorted(rows: list[tuple]) -> list[tuple]:
    return sorted(rows, key=lambda t: tuple((v is None, str(v)) for v in t))


STANDING = {
    "scores": """select score::double as score, predicate, rank, rank_of, note from iid_scores s join sources x
                 using (source_id) where x.kind <> 'sample' and superseded_by is null and region_code = ? and year = ?""",
    "levels": """select level::double as level from indicator_scores
                 where superseded_by is null and region_code = ? and year = ? and indicator_code = ?""",
    "n_innovations": """select n_innovations as level from innovation_profiles
                        where superseded_by is null and region_code = ? and year = ? and ? = 'n_innovations'""",
    "basic_services": """select basic_services as level from innovation_profiles
                         where superseded_by is null and region_code = ? and year = ? and ? = 'basic_services'""",
    "targets": """select value, plan_document, comparator, predicate_named from targets
                  where superseded_by is null and region_code = ? and metric = ? and target_year = ?""",
}


def stands(db: Database, kind: str, expect: dict) -> bool:
    """A current row has the file's value and every field the file states (an empty optional cell states nothing)."""
    keys = dataio.KEYS[kind]
    sql = STANDING[kind] if kind != "indicators" else STANDING.get(expect["indicator_code"], STANDING["levels"])
    for current in db.records(sql, [expect[k] for k in keys]):
        if all(
            expect[c] is None and c not in ("score", "level", "value") or expect[c] == v for c, v in current.items()
        ):
            return True
    return False


# ---------------------------------------------------------------- the fuzz test


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_generated_file_is_refused_unchanged_or_lands_exactly_its_values(pristine, data):
    case = data.draw(files(), label="file")
    lay = data.draw(layouts(case), label="layout")
    content, name = render(case, lay)
    _, numbers, header_row = grid(case, lay)
    check_undo = data.draw(st.integers(0, 5), label="undo") >= 4  # a third of the files
    db = pristine.fresh()
    before = pristine.sums
    # The score tables the app reads are recomputed from the views after every write (iid.build.refresh_derived,
    # about 0,1 s). They are derived, not imported, so they are recomputed only where undo is checked.
    derived = contextlib.nullcontext() if check_undo else mock.patch.object(dataio, "refresh_derived", lambda cur: None)
    with derived:
        try:
            result = dataio.import_file_bytes(db, content, name, case.kind, actor=ADMIN)
        except ImportRejected as exc:
            result, problems = None, exc.problems
    if case.defect is not None:
        assert result is None, f"a file with a defect ({case.defect}) was imported"
        assert checksums(db) == before
        pristine.last = before
        d = case.defect
        where = [(p.row, p.column) for p in problems]
        if d.kind == "missing_column":
            assert (header_row, d.column) in where, (d, where)
        elif d.kind == "stray":
            assert any(r == numbers[d.row] for r, _ in where), (d, numbers, where)
        elif d.kind == "duplicate":
            assert (numbers[d.row], lay.headers["region_code"]) in where, (d, numbers, where)
        else:
            assert (numbers[d.row], lay.headers[d.column]) in where, (d, numbers, where, problems)
        return
    if result is None:  # nothing new: every row already stands as the file states it
        assert [p.message_en for p in problems] == ["no new or changed rows."], problems
        assert checksums(db) == before
        pristine.last = before
        return
    after = checksums(db)
    # every other table is untouched
    touched = set(DATA_TABLES[case.kind]) | set(HISTORY)
    assert {t: s for t, s in after.items() if t not in touched} == {t: s for t, s in before.items() if t not in touched}
    assert after["sources"][0] == before["sources"][0] + 1 and after["imports"][0] == before["imports"][0] + 1
    # the rows it wrote are exactly the file's new or changed rows, with every value it carries
    keys = dataio.KEYS[case.kind]
    cur = db.cursor()
    try:
        if case.kind == "indicators":
            named = sorted({tuple(r.expect[k] for k in keys) for r in case.rows})
            cur.execute("create or replace temp table named (region_code varchar, year int, code varchar)")
            cur.executemany("insert into named values (?, ?, ?)", [list(k) for k in named])
            landed = cur.execute(LANDED["indicators"], [result.source_id] * 3).fetchall()
            cur.execute("drop table named")
        else:
            landed = cur.execute(LANDED[case.kind], [result.source_id]).fetchall()
    finally:
        cur.close()
    landed = _sorted([tuple(float(v) if isinstance(v, Decimal) else v for v in r) for r in landed])
    changed = {tuple(r[: len(keys)]) for r in landed}
    assert landed == expected_rows(case, changed)
    written = result.rows_added + result.rows_changed
    if case.kind == "indicators":  # a rewritten profile row also carries the file's other, unchanged number
        assert written <= len(landed) <= written + sum(r[2] in PROFILE for r in landed)
    else:
        assert len(landed) == written
    # rows the file names but did not write already stood as it states them (value and every stated field)
    for row in case.rows:
        key = tuple(row.expect[k] for k in keys)
        if key not in changed:
            assert stands(db, case.kind, row.expect), (key, row.expect)
    # undo gives back every figure it replaced (checked on a third of the files: it recomputes the score tables)
    if not check_undo:
        pristine.last = after
        return
    dataio.undo(db, result.import_id, actor=ADMIN)
    undone = pristine.last = checksums(db)
    keep = {"sources", "imports"}
    assert {t: s for t, s in undone.items() if t not in keep} == {t: s for t, s in before.items() if t not in keep}
