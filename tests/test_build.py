from pathlib import Path

import pytest

from iid.build import build
from iid.db import Database
from iid.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent


def test_regions_hold_all_38_provinces_and_514_kabupaten_and_kota(full_db):
    counts = dict(full_db.rows("select kind, count(*) from regions group by kind"))
    assert counts == {"provinsi": 38, "kabupaten": 416, "kota": 98}
    assert full_db.scalar("select count(*) from regions where autonomous and kind = 'kota'") == 93
    assert full_db.scalar("select count(*) from regions where autonomous and kind = 'kabupaten'") == 415


@pytest.mark.parametrize(
    ("code", "display", "kind", "province"),
    [
        ("64.74", "Kota Bontang", "kota", "64"),
        ("61.71", "Kota Pontianak", "kota", "61"),
        ("19.71", "Kota Pangkal Pinang", "kota", "19"),
        ("65", "Provinsi Kalimantan Utara", "provinsi", "65"),
    ],
)
def test_key_regions_have_their_kemendagri_codes(full_db, code, display, kind, province):
    row = full_db.rows("select display_name, kind, province_code from regions where code = ?", [code])
    assert row == [(display, kind, province)]


def test_build_replaces_the_database_only_when_the_new_one_is_complete(tmp_path):
    data = tmp_path / "data"
    import shutil

    shutil.copytree(ROOT / "data" / "published", data / "published")
    shutil.copytree(ROOT / "data" / "raw", data / "raw")
    out = tmp_path / "iid.duckdb"
    build(data, out)
    before = out.read_bytes()
    with open(data / "published" / "targets.csv", "a", encoding="utf-8") as f:
        f.write("bad-target,99.99,iid_score,>=,65,2025,2029,,RPJMD,pub-kaltara-workshop-rpjmd,\n")
    with pytest.raises(BuildError, match="targets.csv"):
        build(data, out)
    assert out.read_bytes() == before
    assert not list(tmp_path.glob(".iid-build-*"))


def test_a_database_of_published_data_only_has_no_sample_rows(published_db: Database):
    assert published_db.scalar("select count(*) from sources where kind = 'sample'") == 0
    assert published_db.scalar("select count(*) from v_scores where score_is_sample") == 0
