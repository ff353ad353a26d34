"""The generated big register (iid/register_sample.py write_big_register): built through the DuckDB CSV loader, it
spreads over every autonomous region, keeps the schema's rules and is labelled as sample data everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from iid import register as R
from iid.build import build
from iid.db import Database
from iid.register_sample import REGISTER_FILES, SAMPLE_SOURCE, big_data_folder, write_big_register

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
N = 1200  # a little over two innovations per autonomous region


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Database:
    tmp = tmp_path_factory.mktemp("big")
    data = big_data_folder(N, tmp / "data", DATA)
    build(data, tmp / "iid.duckdb")
    db = Database(tmp / "iid.duckdb", read_only=True)
    yield db
    db.close()


def test_the_generated_register_builds_with_every_innovation_and_twenty_levels_each(big):
    assert big.scalar("select count(*) from innovations") == N
    assert big.scalar("select count(*) from innovation_levels") == N * 20
    per_innovation = big.rows("select distinct count(*) from innovation_levels group by innovation_id")
    assert per_innovation == [(20,)]
    assert (
        big.scalar(
            "select count(*) from innovation_levels where innovation_id not in (select innovation_id from innovations)"
        )
        == 0
    )


def test_every_autonomous_region_gets_innovations_and_units_and_no_other_region_does(big):
    autonomous = {c for (c,) in big.rows("select code from regions where autonomous")}
    with_innovations = {c for (c,) in big.rows("select distinct region_code from innovations")}
    assert with_innovations == autonomous
    counts = [n for (n,) in big.rows("select count(*) from innovations group by region_code")]
    assert max(counts) - min(counts) <= 1  # round the regions, one after another
    orphans = big.scalar(
        "select count(*) from innovations i where not exists "
        "(select 1 from units u where u.region_code = i.region_code and u.unit = i.unit and u.unit_type = i.unit_type)"
    )
    assert orphans == 0


def test_every_generated_row_is_sample_data_and_the_register_says_so(big):
    kinds = big.rows(
        "select distinct s.kind from innovations i join sources s using (source_id) "
        "union select distinct s.kind from units u join sources s using (source_id)"
    )
    assert kinds == [("sample",)]
    assert big.scalar("select count(distinct source_id) from innovations") == 1
    assert big.scalar("select any_value(source_id) from innovations") == SAMPLE_SOURCE
    reg = R.register(big, "64.74")
    assert len(reg) >= 2 and reg["is_sample"].all()


def test_the_sample_cities_keep_their_shipped_units(big):
    shipped = big.rows("select count(*) from units where region_code = '64.74' and unit like 'Kelurahan %'")[0][0]
    assert shipped > 10  # Bontang's kelurahan by name, not "Kelurahan 1" … "Kelurahan 8"
    assert big.scalar("select count(*) from units where region_code = '64.74' and unit = 'Kelurahan 1'") == 0


def test_generated_rows_keep_the_register_rules_so_they_can_be_edited(big):
    rows = R.register(big, "61.71")
    units = dict(R.units(big, "61.71").itertuples(index=False, name=None))
    for raw in rows.to_dict("records"):
        cleaned, problems = R.clean_row(raw, units, this_year=2026)
        assert problems == [], problems
    first, last = big.rows("select min(year_proposed), max(year_proposed) from innovations")[0]
    assert 2015 <= first and last == 2025  # newest first: a region's k-th innovation is from 2025 - k (mod 11 years)


def test_the_same_seed_writes_the_same_files(tmp_path):
    write_big_register(300, tmp_path / "a", DATA)
    write_big_register(300, tmp_path / "b", DATA)
    for name in REGISTER_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    write_big_register(300, tmp_path / "c", DATA, seed=2)
    assert (tmp_path / "c" / "innovations_sample.csv").read_bytes() != (
        tmp_path / "a" / "innovations_sample.csv"
    ).read_bytes()


def test_the_shipped_data_folder_is_never_written_to(tmp_path):
    with pytest.raises(ValueError, match="outside"):
        big_data_folder(10, DATA, DATA)
    with pytest.raises(ValueError, match="outside"):
        big_data_folder(10, DATA / "big", DATA)


def test_the_levels_read_by_ids_are_those_a_join_through_the_region_gives(big):
    ids = [i for (i,) in big.rows("select innovation_id from innovations where region_code = '61.71' order by all")]
    joined = big.df(
        "select l.* from innovation_levels l join innovations i using (innovation_id) where i.region_code = '61.71'"
    )
    read = R.levels_of(big, [*ids, "INV-61.71-0000000000"])  # a row made in the app has no levels
    key = ["innovation_id", "indicator_code"]
    assert read.sort_values(key).reset_index(drop=True).equals(joined.sort_values(key).reset_index(drop=True))
    assert R.levels_of(big, []).empty
