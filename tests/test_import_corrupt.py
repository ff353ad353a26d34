"""Corrupt cells are refused, naming the row a person sees and the column (issue 16, items 6, 7, 10; issue 10, 13).

A number is a number in one of the spellings the README lists (62,31 · 62.31 · 1.234 · 1.234,5 · 1,234.5), or the
row is refused. A control character (other than tab and line breaks in text) refuses the cell wherever it is:
invisible characters are how a damaged export looks, and `9\\x1c` must not become 9. Text that Excel would run as
a formula is refused in the text fields the importer stores.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from iid import dataio
from iid.errors import ImportRejected
from tests.conftest import ADMIN
from tests.test_import_fuzz import BAD_NUMBERS, Pristine, build_pristine, checksums, xlsx

SCORE = "kode,tahun,skor\n64.74,2025,{}\n"
YEAR = "kode,tahun,skor\n64.74,{},50\n"
LEVEL = "region_code,year,indicator,level\n64.74,2024,sid_video,{}\n"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    return build_pristine(tmp_path_factory)


def quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


# (what, kind, file, name, row, column): the 13 files of the issue first, then more of the same families
CORRUPT = [
    ("score 9\\x1c", "scores", SCORE.format("9\x1c"), "a.csv", 2, "skor"),
    ("score 7\\x1c1", "scores", SCORE.format("7\x1c1"), "a.csv", 2, "skor"),
    ("score 7\\x1f1", "scores", SCORE.format("7\x1f1"), "a.csv", 2, "skor"),
    ("score 7 1", "scores", SCORE.format("7 1"), "a.csv", 2, "skor"),
    ("xlsx score 7\\t1", "scores", [["kode", "tahun", "skor"], ["64.74", 2025, "7\t1"]], "a.xlsx", 2, "skor"),
    ("score 1.0.0", "scores", SCORE.format("1.0.0"), "a.csv", 2, "skor"),
    ("score .5.", "scores", SCORE.format(".5."), "a.csv", 2, "skor"),
    ("score 1,0,0", "scores", SCORE.format(quoted("1,0,0")), "a.csv", 2, "skor"),
    ("score 0,5,0", "scores", SCORE.format(quoted("0,5,0")), "a.csv", 2, "skor"),
    ("score 5_0", "scores", SCORE.format("5_0"), "a.csv", 2, "skor"),
    ("year 20\\x1c26", "scores", YEAR.format("20\x1c26"), "a.csv", 2, "tahun"),
    ("level 2\\x1c", "indicators", LEVEL.format("2\x1c"), "a.csv", 2, "level"),
    (
        "xlsx formula =60+10 (cached 70)",
        "scores",
        [["kode", "tahun", "skor"], ["64.74", 2025, "=60+10"]],
        "a.xlsx",
        2,
        "skor",
    ),
    # more of the same
    ("score 1,0,0 unquoted (a row wider than its header)", "scores", SCORE.format("1,0,0"), "a.csv", 2, "D"),
    ("score 62,31 unquoted in a comma CSV", "scores", SCORE.format("62,31"), "a.csv", 2, "D"),
    *[
        (f"score {v!r}", "scores", SCORE.format(quoted(v)), "a.csv", 2, "skor")
        for v in [*BAD_NUMBERS, "50e0", "5-", "−5", "5\u200b0", "\x0b50", "\x1c5", "5\x7f", "5\x85", "50\x00"]
        + [" 5 0 ", "5\t0", "5\n0", "5\u00a00", "1.23,4", "=1+1", "@SUM(1)", "+A1"]
    ],
    *[
        (f"year {v!r}", "scores", YEAR.format(quoted(v)), "a.csv", 2, "tahun")
        for v in ["2 025", "2_025", "2025\x1c", "202\x1f5", "2025.5"]
    ],
    *[(f"level {v!r}", "indicators", LEVEL.format(quoted(v)), "a.csv", 2, "level") for v in ["1.0.0", "2 1", "1_5"]],
    ("rank 1 2", "scores", "kode,tahun,skor,peringkat\n64.74,2025,50,1 2\n", "a.csv", 2, "peringkat"),
    (
        "target value 6 5",
        "targets",
        "kode;ukuran;nilai;tahun_target;dokumen\n65;iid_score;6 5;2029;RPJMD\n",
        "t.csv",
        2,
        "nilai",
    ),
    ("region 64\\x1c.74", "scores", "kode,tahun,skor\n64\x1c.74,2025,50\n", "a.csv", 2, "kode"),
    (
        "xlsx score _x001C_ (Excel's escape of a control character)",
        "scores",
        [["kode", "tahun", "skor"], ["64.74", 2025, "9\x1c"]],
        "a.xlsx",
        2,
        "skor",
    ),
    # text Excel would run as a formula (16.10)
    (
        "note =HYPERLINK",
        "scores",
        'kode,tahun,skor,catatan\n64.74,2025,50,"=HYPERLINK(""http://x"",""y"")"\n',
        "a.csv",
        2,
        "catatan",
    ),
    ("note +cmd", "scores", "kode,tahun,skor,catatan\n64.74,2025,50,+cmd\n", "a.csv", 2, "catatan"),
    (
        "note -2+3+cmd",
        "scores",
        "kode,tahun,skor,catatan\n64.74,2025,50,-2+3+cmd|' /C calc'!A0\n",
        "a.csv",
        2,
        "catatan",
    ),
    ("note @SUM", "scores", "kode,tahun,skor,catatan\n64.74,2025,50,@SUM(A1)\n", "a.csv", 2, "catatan"),
    (
        "note with a control character",
        "scores",
        "kode,tahun,skor,catatan\n64.74,2025,50,ok\x1c\n",
        "a.csv",
        2,
        "catatan",
    ),
    (
        "xlsx note formula",
        "scores",
        [["kode", "tahun", "skor", "catatan"], ["64.74", 2025, 50, "=1+1"]],
        "a.xlsx",
        2,
        "catatan",
    ),
    (
        "plan document =1+1",
        "targets",
        "kode;ukuran;nilai;tahun_target;dokumen\n65;iid_score;70,00;2029;=1+1\n",
        "t.csv",
        2,
        "dokumen",
    ),
    (
        "plan document -RPJMD",
        "targets",
        "kode;ukuran;nilai;tahun_target;dokumen\n65;iid_score;70,00;2029;-RPJMD\n",
        "t.csv",
        2,
        "dokumen",
    ),
]


def content(file: str | list) -> bytes:
    return xlsx(file) if isinstance(file, list) else file.encode("utf-8")


@pytest.mark.parametrize(("what", "kind", "file", "name", "row", "column"), CORRUPT, ids=[c[0] for c in CORRUPT])
def test_a_corrupt_cell_is_refused_naming_row_and_column_and_changes_nothing(
    pristine, what, kind, file, name, row, column
):
    db = pristine.fresh()
    with pytest.raises(ImportRejected) as info:
        dataio.import_file_bytes(db, content(file), name, kind, actor=ADMIN)
    assert (row, column) in [(p.row, p.column) for p in info.value.problems], info.value
    assert all(p.text("id") and p.text("en") for p in info.value.problems)
    assert checksums(db) == pristine.sums
    pristine.last = pristine.sums


@pytest.mark.parametrize(
    ("kind", "file", "column", "value"),
    [
        ("scores", SCORE.format(quoted("62,31")), "score", 62.31),
        ("scores", SCORE.format("62.31"), "score", 62.31),
        ("scores", SCORE.format(" 70 "), "score", 70.0),
        ("scores", SCORE.format(quoted("70,00")), "score", 70.0),
        ("scores", SCORE.format("+70"), "score", 70.0),
        ("scores", SCORE.format(quoted("\t70\u00a0")), "score", 70.0),
        ("scores", "kode;tahun;skor\n64.74;2025;62,315\n", "score", 62.32),  # kept at two decimals, half up
        ("scores", "kode,tahun,skor,peringkat\n64.74,2025,50,1.000\n", "rank", 1000),
        ("indicators", "region_code;year;indicator;level\n64.74;2024;n_innovations;1.234\n", "level", 1234.0),
        ("indicators", "region_code;year;indicator;level\n64.74;2024;sid_video;2.963\n", "level", 2.963),
        ("indicators", "region_code;year;indicator;level\n64.74;2024;sid_video;2,5\n", "level", 2.5),
        (
            "targets",
            "kode;ukuran;nilai;tahun_target;dokumen\n65;innovation_count;1.234,5;2029;RPJMD\n",
            "value",
            1234.5,
        ),
        (
            "targets",
            'kode,ukuran,nilai,tahun_target,dokumen\n65,innovation_count,"1,234.5",2029,RPJMD\n',
            "value",
            1234.5,
        ),
        ("scores", [["kode", "tahun", "skor"], ["64.74", 2025, Decimal("62.31")]], "score", 62.31),
        (
            "indicators",
            [["region_code", "year", "indicator", "level"], ["64.74", 2024, "sid_video", 1.234]],
            "level",
            1.234,
        ),  # a number stored in a cell is that number, not 1.234 thousands
    ],
)
def test_numbers_in_the_readme_spellings_are_read(pristine, kind, file, column, value):
    pv = dataio.preview(pristine.fresh(), content(file), "a.xlsx" if isinstance(file, list) else "a.csv", kind)
    assert not pv.problems, pv.problems
    rows = (pv.add if len(pv.add) else pv.change)[column].tolist()
    assert rows == [value]


# ---------------------------------------------------------------- row numbers a person sees (16.7)


def test_after_blank_rows_a_bad_row_is_named_by_its_spreadsheet_row(pristine):
    text = "kode,tahun,skor\n64.74,2025,50\n65,2025,51\n\n,,\n11,2024,abc\n"  # a bad row 6 was reported as row 3
    pv = dataio.preview(pristine.fresh(), text.encode(), "a.csv", "scores")
    assert [(p.row, p.column) for p in pv.problems] == [(6, "skor")]


def test_title_rows_blank_rows_and_a_cell_with_a_line_break_keep_the_row_numbers(pristine):
    text = 'Hasil IID 2025;;\n\nkode;tahun;skor;catatan\n64.74;2025;50;"dua\nbaris"\n\n65;2025;51;\n11;2024;x;\n'
    pv = dataio.preview(pristine.fresh(), text.encode(), "a.csv", "scores")
    assert [(p.row, p.column) for p in pv.problems] == [(7, "skor")]  # a quoted line break is one spreadsheet row


def test_an_xlsx_cell_in_the_last_row_is_named_by_that_row(pristine):
    rows = [["kode", "tahun", "skor"], ["64.74", 2025, 50]] + [None] * 1_048_573 + [["65", 2025, "abc"]]
    pv = dataio.preview(pristine.fresh(), xlsx(rows), "a.xlsx", "scores")
    assert [(p.row, p.column) for p in pv.problems] == [(1_048_576, "skor")]  # was reported as row 3


# ---------------------------------------------------------------- typed text: source fields (16.10)


@pytest.mark.parametrize("field", ["source_title", "publisher", "source_ref"])
@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+62 812", "-2+3+cmd|x", "@SUM(A1)", "ok\x1c"])
def test_source_text_typed_with_an_import_is_refused_when_excel_would_run_it(pristine, field, text):
    db = pristine.fresh()
    pv = dataio.preview(db, SCORE.format("50").encode(), "a.csv", "scores")
    with pytest.raises(ImportRejected) as info:
        dataio.apply(db, pv, **{field: text}, actor=ADMIN)
    assert [p.column for p in info.value.problems] == [field]
    assert checksums(db) == pristine.sums
    pristine.last = pristine.sums


@pytest.mark.parametrize("field", ["title", "publisher", "document_ref", "note"])
def test_a_saved_source_refuses_formula_text(pristine, field):
    db = pristine.fresh()
    values = {"title": "Kepmendagri", "publisher": None, "document_ref": "SK 100", "note": None} | {field: "=1+1"}
    with pytest.raises(ImportRejected) as info:
        dataio.save_source(
            db,
            None,
            "published",
            values["title"],
            values["publisher"],
            None,
            values["document_ref"],
            None,
            values["note"],
            actor=ADMIN,
        )
    assert [p.column for p in info.value.problems] == [field] and "rumus" in info.value.problems[0].message_id
    assert checksums(db) == pristine.sums
    pristine.last = pristine.sums


def test_typed_text_problems_is_the_check_other_forms_can_call():
    assert dataio.typed_text_problems("register", {"title": "SIGAP", "unit": "Dinas"}) == []
    [p] = dataio.typed_text_problems("register", {"title": "+SIGAP", "unit": "Dinas"})
    assert (p.file, p.column) == ("register", "title") and "rumus" in p.message_id and "formula" in p.message_en
