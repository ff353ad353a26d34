"""The build reads data/'s CSVs with DuckDB (iid/build.py _load_csv): the cells as text, cast by the schema; a bad file
is refused naming the file and what is wrong in it, as the pandas reader did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iid.build import memory_db
from iid.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LEVELS = "sample/innovation_levels_sample.csv"
INNOVATIONS = "sample/innovations_sample.csv"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder whose register files a test may change (the rest links to data/)."""
    out = tmp_path / "data"
    out.mkdir()
    for name in ("published", "raw"):
        (out / name).symlink_to(DATA / name, target_is_directory=True)
    (out / "sample").mkdir()
    for f in (DATA / "sample").glob("*.csv"):
        if f.name in ("innovation_levels_sample.csv", "innovations_sample.csv"):
            shutil.copy(f, out / "sample" / f.name)
        else:
            (out / "sample" / f.name).symlink_to(f)
    return out


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line)


def _row(innovation_id: str, title: str) -> str:
    return (
        f"{innovation_id},64.74,Dinas Sosial,OPD,{title},tata_kelola,True,sosial,uji_coba,2025,2025-02-01,,,True,True,"
        "True,,draft,sample-seed-1\n"
    )


def test_the_shipped_data_loads_with_the_same_counts_as_its_files():
    db = memory_db(DATA)
    for table, file in (("innovations", INNOVATIONS), ("innovation_levels", LEVELS)):
        lines = (DATA / file).read_text(encoding="utf-8").count("\n") - 1
        assert db.scalar(f"select count(*) from {table}") == lines


def test_a_level_given_twice_is_refused_naming_the_file_and_the_key(data):
    _append(data / LEVELS, "SMP-64.74-0001,sid_sdm,2\n")
    with pytest.raises(BuildError, match=r"innovation_levels_sample\.csv: .*duplicate key.*SMP-64\.74-0001, sid_sdm"):
        memory_db(data)


def test_a_cell_the_schema_cannot_read_is_refused_naming_the_file_the_line_and_the_column(data):
    _append(data / LEVELS, "SMP-64.74-0001,sid_baru,tiga\n")
    lines = (data / LEVELS).read_text(encoding="utf-8").count("\n")
    with pytest.raises(BuildError, match=rf"innovation_levels_sample\.csv: .*Line: {lines}.*tiga.*level") as err:
        memory_db(data)
    assert "Possible" not in str(err.value)  # DuckDB's advice on reader options is left out


def test_a_row_with_more_cells_than_the_header_is_refused(data):
    _append(data / LEVELS, "SMP-64.74-0001,sid_baru,2,extra\n")
    with pytest.raises(BuildError, match=r"innovation_levels_sample\.csv: .*Expected Number of Columns: 3 Found: 4"):
        memory_db(data)


def test_a_quoted_cell_keeps_its_line_break_and_its_quotes(data):
    _append(data / INNOVATIONS, _row("X-1", '"Dua baris:\nlayanan ""cepat"""'))
    db = memory_db(data)
    assert db.scalar("select title from innovations where innovation_id = 'X-1'") == 'Dua baris:\nlayanan "cepat"'


def test_a_short_row_ends_in_empty_cells_as_pandas_read_it(data):
    sources = data / "sample" / "sources_sample.csv"
    text = sources.read_text(encoding="utf-8")
    sources.unlink()
    sources.write_text(text + "src-pendek,sample,Baris pendek\n", encoding="utf-8")
    db = memory_db(data)
    row = db.rows("select kind, title, publisher, note from sources where source_id = 'src-pendek'")
    assert row == [("sample", "Baris pendek", None, None)]


def test_an_empty_file_is_refused_naming_it(data):
    (data / LEVELS).write_bytes(b"")
    with pytest.raises(BuildError, match=r"innovation_levels_sample\.csv: .*empty file"):
        memory_db(data)


def test_a_file_that_is_not_utf8_is_refused_naming_it(data):
    _append(data / INNOVATIONS, _row("X-3", "Kafe"))
    raw = (data / INNOVATIONS).read_bytes().replace(b",Kafe,", ",Café,".encode("latin-1"))
    (data / INNOVATIONS).write_bytes(raw)
    with pytest.raises(BuildError, match=r"innovations_sample\.csv: .*(unicode|utf-8)"):
        memory_db(data)


def test_a_header_only_file_adds_nothing_and_a_byte_order_mark_is_read(data):
    (data / LEVELS).write_text("innovation_id,indicator_code,level\n", encoding="utf-8")
    text = (data / INNOVATIONS).read_text(encoding="utf-8")
    (data / INNOVATIONS).write_text("\ufeff" + text, encoding="utf-8")
    db = memory_db(data)
    assert db.scalar("select count(*) from innovation_levels") == 0
    assert db.scalar("select count(*) from innovations") == text.count("\n") - 1
