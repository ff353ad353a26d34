"""Hostile shapes of file (issue 16, item 3) and the upload limit setting (item 11).

Memory is measured with tracemalloc around one preview: it stays a small multiple of the file, whatever its shape.
Before the fix a 500 KB line of commas took the server from 380 MB to 2,3 GB, because every row was padded to the
widest row before any check.
"""

from __future__ import annotations

import tracemalloc

import pytest

from iid import dataio, settings
from iid.errors import ImportRejected
from tests.conftest import ADMIN
from tests.test_import_fuzz import _package, xlsx

HEADER = b"kode,tahun,skor\n"


def peak_mb(fn) -> tuple[object, float]:
    """What fn returns, and the most memory Python held while it ran, in MB."""
    tracemalloc.start()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("one row followed by 500.000 commas (the issue's file)", HEADER + b"64.74,2025,50" + b"," * 500_000 + b"\n"),
        ("a line of a million commas between header and data", HEADER + b"," * 1_000_000 + b"\n64.74,2025,50\n"),
    ],
)
def test_empty_trailing_cells_cost_nothing_and_the_row_is_read(published_db, label, data):
    pv, peak = peak_mb(lambda: dataio.preview(published_db, data, "bom.csv", "scores"))
    assert not pv.problems and pv.add["score"].tolist() == [50.0]
    assert peak < 40, f"{label}: {peak:.0f} MB"


def test_a_row_with_values_beyond_column_100_is_refused_naming_the_row(published_db):
    data = HEADER + b"64.74,2025,50\n" + b"65,2025,50" + b",x" * 500_000 + b"\n"
    pv, peak = peak_mb(lambda: dataio.preview(published_db, data, "lebar.csv", "scores"))
    assert [(p.row, p.column) for p in pv.problems] == [(3, None)]
    assert "500.003 kolom" in pv.problems[0].message_id and "paling banyak 100" in pv.problems[0].message_id
    assert peak < 40, f"{peak:.0f} MB"


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("rows of data past the row limit", HEADER + b"64.74,2025,50\n" * 150_000),
        ("blank lines past a worksheet's rows", HEADER + b"\n" * 2_000_000 + b"64.74,2025,50\n"),
        ("one enormous cell", b"kode,tahun,skor,catatan\n64.74,2025,50," + b"y" * 2_000_000 + b"\n"),
        ("short rows of many columns", HEADER + (b"1," * 99 + b"1\n") * 10_000),
    ],
)
def test_memory_stays_a_small_multiple_of_a_file_at_the_limit(published_db, monkeypatch, label, data):
    monkeypatch.setattr(dataio, "SHEET_ROWS", 200_000)  # blank lines are not kept: stop early, as the memory is known
    pv, peak = peak_mb(lambda: dataio.preview(published_db, data, "besar.csv", "scores"))
    assert pv.problems, label  # each of these is refused, with a message
    assert peak < 20 * len(data) / 1024 / 1024 + 10, f"{label}: {peak:.0f} MB for {len(data) / 1e6:.1f} MB"


def test_more_data_rows_than_the_limit_are_refused_at_the_first_row_over_it(published_db, monkeypatch):
    monkeypatch.setattr(dataio, "MAX_ROWS", 3)
    pv = dataio.preview(
        published_db, HEADER + b"64.74,2025,50\n65,2025,50\n11,2024,50\n63,2024,50\n", "x.csv", "scores"
    )
    assert [(p.row, p.column) for p in pv.problems] == [(5, None)] and "3 baris data" in pv.problems[0].message_id


def test_a_file_longer_than_a_worksheet_is_refused(published_db, monkeypatch):
    monkeypatch.setattr(dataio, "SHEET_ROWS", 10)
    pv = dataio.preview(published_db, HEADER + b"\n" * 20 + b"64.74,2025,50\n", "x.csv", "scores")
    assert pv.problems[0].row == 11 and "lembar kerja" in pv.problems[0].message_id


def test_a_cell_longer_than_1000_characters_is_refused_naming_row_and_column(published_db):
    data = b"kode,tahun,skor,catatan\n64.74,2025,50," + b"y" * 1001 + b"\n"
    pv = dataio.preview(published_db, data, "x.csv", "scores")
    assert [(p.row, p.column) for p in pv.problems] == [(2, "catatan")]
    assert "1.001 karakter" in pv.problems[0].message_id


def test_an_xlsx_value_beyond_column_100_is_refused_and_one_in_the_last_row_is_read(published_db):
    far = xlsx([["kode", "tahun", "skor"], ["64.74", 2025, 50] + [None] * 16380 + ["x"]])
    pv = dataio.preview(published_db, far, "lebar.xlsx", "scores")
    assert [(p.row, p.column) for p in pv.problems] == [(2, None)] and "16.384 kolom" in pv.problems[0].message_id
    last = _package(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>kode</t></is></c><c r="B1" t="inlineStr"><is><t>tahun'
        '</t></is></c><c r="C1" t="inlineStr"><is><t>skor</t></is></c></row><row r="1048576"><c '
        'r="A1048576" t="inlineStr"><is><t>64.74</t></is></c><c r="B1048576"><v>2025</v></c><c '
        'r="C1048576"><v>61.5</v></c></row>',
        dimension="A1:C2",
    )  # a stored dimension that is wrong
    pv = dataio.preview(published_db, last, "panjang.xlsx", "scores")
    assert not pv.problems and pv.add[["region_code", "score", "_row"]].values.tolist() == [["64.74", 61.5, 1048576]]


def test_an_xlsx_that_unpacks_to_more_than_ten_times_the_limit_is_refused_unread(published_db, monkeypatch):
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", "0,1")
    bomb = _package('<row r="1"><c r="A1" t="inlineStr"><is><t>kode</t></is></c></row>' + " " * 2_000_000)
    assert len(bomb) < 100 * 1024
    pv = dataio.preview(published_db, bomb, "bom.xlsx", "scores")
    assert "terurai menjadi 2 MB" in pv.problems[0].message_id


# ---------------------------------------------------------------- the upload limit setting (16.11)


@pytest.mark.parametrize("raw", ["abc", "nan", "inf", "-inf", "-1", "0", "", "20 MB", "1e3", "5_0", "2000"])
def test_an_unusable_upload_limit_gives_a_message_and_the_default(monkeypatch, raw):
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", raw)
    assert settings.upload_limit_mb() == 20.0
    [message] = settings.problems()
    assert message.startswith(f"IID_UPLOAD_LIMIT_MB={raw!r} tidak dapat dipakai") and "bawaan 20 dipakai" in message
    assert "the default 20 is used" in settings.problems("en")[0]


@pytest.mark.parametrize(("raw", "mb"), [("5", 5.0), ("0.5", 0.5), ("0,5", 0.5), (" 20 ", 20.0), ("1024", 1024.0)])
def test_a_usable_upload_limit_is_read(monkeypatch, raw, mb):
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", raw)
    assert settings.upload_limit_mb() == mb and settings.problems() == []


@pytest.mark.parametrize("raw", ["abc", "nan", "inf"])
def test_an_unusable_upload_limit_neither_raises_nor_removes_the_limit(published_db, monkeypatch, raw):
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", raw)
    pv = dataio.preview(published_db, HEADER + b"64.74,2025,50\n", "kecil.csv", "scores")
    assert not pv.problems
    big = HEADER + b"#" * (21 * 1024 * 1024)
    with pytest.raises(ImportRejected, match="melebihi batas 20 MB"):
        dataio.import_file_bytes(published_db, big, "besar.csv", "scores", actor=ADMIN)
