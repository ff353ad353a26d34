"""Bringing official results in: tolerant reading, a preview, all-or-nothing writes, undo, export and back."""

from __future__ import annotations

import csv as csvlib
import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from iid import check, dataio, queries, scenarios
from iid.build import build
from iid.db import Database
from iid.errors import ImportRejected
from tests.conftest import ADMIN
from tests.test_import_fuzz import Pristine, build_pristine, checksums

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("iid_scores", "indicator_scores", "innovation_profiles", "targets", "sources", "imports")


def snapshot(db: Database) -> dict[str, str]:
    return {t: db.df(f"select * from {t} order by all").to_csv() for t in TABLES} | {
        "mv": db.df("select * from mv_scores order by region_code, year").to_csv()
    }


def csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_preview_sorts_rows_into_new_changed_and_unchanged(writable_db):
    db, _ = writable_db
    pv = dataio.preview(db, csv("kode;tahun;skor\n65;2023;45,86\n65;2022;47,10\n63;2024;52,00\n"), "x.csv", "scores")
    assert not pv.problems
    assert len(pv.unchanged) == 1  # Kaltara 2023, 45,86 as published
    assert pv.add[["region_code", "year"]].values.tolist() == [["65", 2022]]  # only sample there before
    assert pv.change[["region_code", "year", "old_score", "score"]].values.tolist() == [["63", 2024, 51.71, 52.0]]


@pytest.mark.parametrize("name", ["Kota Bontang", "Bontang", "kota bontang", " Kota  Bontang "])
def test_a_region_may_be_named_instead_of_coded_when_the_name_is_unique(writable_db, name):
    db, _ = writable_db
    pv = dataio.preview(db, csv(f"daerah,tahun,skor\n{name},2025,70\n"), "x.csv", "scores")
    assert not pv.problems and pv.add["region_code"].tolist() == ["64.74"]


def test_an_ambiguous_name_is_rejected_with_row_and_column(writable_db):
    db, _ = writable_db
    pv = dataio.preview(db, csv("daerah,tahun,skor\nTangerang,2025,70\n"), "x.csv", "scores")
    assert pv.problems[0].row == 2 and pv.problems[0].column == "daerah"
    assert "lebih dari satu daerah" in pv.problems[0].message_id


def test_an_xlsx_with_a_title_row_above_the_header_is_read(writable_db, tmp_path):
    db, _ = writable_db
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        pd.DataFrame([["Hasil IID 2025 (Kepmendagri)"], [""]]).to_excel(xw, index=False, header=False, startrow=0)
        pd.DataFrame({"Kode": ["64.74"], "Tahun": ["2025"], "Skor": ["71,25"]}).to_excel(xw, index=False, startrow=2)
    pv = dataio.preview(db, buf.getvalue(), "hasil.xlsx", "scores")
    assert not pv.problems and pv.add["score"].tolist() == [71.25]
    assert pv.add["_row"].tolist() == [4]  # title, blank, header, then the row a person sees as row 4


def test_windows_1252_and_bom_and_crlf_csvs_are_read(writable_db):
    db, _ = writable_db
    cp = "kode;tahun;skor;catatan\r\n64.74;2025;70,5;Keputusan Menteri – hasil\r\n".encode("cp1252")
    bom = "\ufeffkode,tahun,skor\r\n64.74,2025,70.5\r\n".encode()
    for data in (cp, bom):
        pv = dataio.preview(db, data, "x.csv", "scores")
        assert not pv.problems and pv.add["score"].tolist() == [70.5]


@pytest.mark.parametrize(
    ("content", "column", "words"),
    [
        ("kode,tahun,skor\n64.74,2025,=1+1\n", "skor", "rumus"),
        ('kode,tahun,skor\n64.74,2025,=HYPERLINK("http://x")\n', "skor", "rumus"),
        ("kode,tahun,skor\n64.74,2025,105\n", "skor", "di luar rentang 0–100"),
        ("kode,tahun,skor\n64.74,2025,\n", "skor", "bukan angka"),
        ("kode,tahun,skor\n64.74,2020,50\n", "tahun", "di luar rentang 2021"),
        ("kode,tahun,skor\n64.74,2025,50\n64.74,2025,51\n", "kode", "baris ganda"),
    ],
)
def test_bad_cells_are_rejected_naming_row_and_column(writable_db, content, column, words):
    db, _ = writable_db
    pv = dataio.preview(db, csv(content), "x.csv", "scores")
    assert any(p.column == column and words in p.message_id for p in pv.problems)


def test_a_file_over_the_upload_limit_is_refused_with_its_size(writable_db, monkeypatch):
    db, _ = writable_db
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", "0.001")
    pv = dataio.preview(db, csv("kode,tahun,skor\n" + "64.74,2025,50\n" * 200), "big.csv", "scores")
    assert "melebihi batas" in pv.problems[0].message_id


def test_a_10_mb_file_is_refused_under_the_default_limit_only_when_over_it(writable_db, monkeypatch):
    db, _ = writable_db
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", "5")
    big = (
        b"kode,tahun,skor\n"
        + b"64.74,2025,50,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n" * 120_000
    )
    assert len(big) > 8 * 1024 * 1024
    pv = dataio.preview(db, big, "big.csv", "scores")
    assert pv.problems and "melebihi batas 5 MB" in pv.problems[0].message_id


def test_import_then_undo_restores_every_table_exactly(writable_db):
    db, _ = writable_db
    before = snapshot(db)
    pv = dataio.preview(db, csv("kode,tahun,skor\n63,2024,52\n64.74,2025,71\n"), "hasil.csv", "scores")
    res = dataio.apply(db, pv, source_title="Kepmendagri uji", source_url="https://example.go.id/iid", actor=ADMIN)
    assert (res.rows_added, res.rows_changed) == (1, 1)
    s = queries.scores(db, ["63"])
    row = s[s["year"] == 2024].iloc[0]
    assert float(row["score"]) == 52.0 and not row["conflict"]  # the import replaced both conflicting reports
    dataio.undo(db, res.import_id, actor=ADMIN)
    after = snapshot(db)
    keep = ("imports", "sources")  # the import's record and its source stay, as history
    assert {k: v for k, v in after.items() if k not in keep} == {k: v for k, v in before.items() if k not in keep}
    assert (
        db.scalar("select count(*) from sources where source_id <> ?", [res.source_id])
        == before["sources"].count("\n") - 1
    )
    assert db.scalar("select undone_at is not null from imports where import_id = ?", [res.import_id])


def test_imports_are_undone_in_reverse_order(writable_db):
    db, _ = writable_db
    a = dataio.apply(db, dataio.preview(db, csv("kode,tahun,skor\n64.74,2025,71\n"), "a.csv", "scores"), actor=ADMIN)
    dataio.apply(db, dataio.preview(db, csv("kode,tahun,skor\n64.74,2025,72\n"), "b.csv", "scores"), actor=ADMIN)
    with pytest.raises(ImportRejected, match="lebih baru"):
        dataio.undo(db, a.import_id, actor=ADMIN)


def test_a_published_source_needs_a_url_or_document(writable_db):
    db, _ = writable_db
    pv = dataio.preview(db, csv("kode,tahun,skor\n64.74,2025,71\n"), "a.csv", "scores")
    with pytest.raises(ImportRejected, match="URL atau rujukan"):
        dataio.apply(db, pv, published=True, actor=ADMIN)


def test_indicator_import_changes_the_what_if_start_and_undo_restores_it(writable_db):
    db, _ = writable_db
    before = queries.latest_profile(db, "65")
    pv = dataio.preview(
        db,
        csv("region_code,year,indicator,level\n65,2025,sid_video,1\n65,2025,Replikasi,2.5\n65,2025,n_innovations,40\n"),
        "ind.csv",
        "indicators",
    )
    assert not pv.problems and len(pv.change) == 3
    res = dataio.apply(db, pv, actor=ADMIN)
    now = queries.latest_profile(db, "65")
    # only what the file names changes (16.8): the other levels and the number of affairs are kept
    assert now["profile"].levels == before["profile"].levels | {"sid_video": 1.0, "sid_replikasi": 2.5}
    assert now["profile"].n_innovations == 40
    assert now["profile"].basic_services == before["profile"].basic_services
    dataio.undo(db, res.import_id, actor=ADMIN)
    assert queries.latest_profile(db, "65")["profile"] == before["profile"]


def test_a_one_row_indicator_import_changes_that_one_level_as_its_preview_says(writable_db):
    """16.8: one row used to supersede all 35 levels of the region-year while the preview said "1 changed"."""
    db, _ = writable_db
    before = snapshot(db)
    current = "select count(*) from indicator_scores where region_code = '65' and year = 2025 and superseded_by is null"
    assert db.scalar(current) == 35
    pv = dataio.preview(db, csv("region_code,year,indicator,level\n65,2025,sid_video,0.5\n"), "satu.csv", "indicators")
    assert (len(pv.add), len(pv.change), len(pv.unchanged)) == (0, 1, 0)
    res = dataio.apply(db, pv, actor=ADMIN)
    assert db.scalar(current) == 35
    assert db.scalar("select count(*) from indicator_scores where superseded_by = ?", [res.import_id]) == 1
    assert db.scalar("select count(*) from innovation_profiles where superseded_by = ?", [res.import_id]) == 0
    assert queries.latest_profile(db, "65")["profile"].levels["sid_video"] == 0.5
    dataio.undo(db, res.import_id, actor=ADMIN)
    after = snapshot(db)
    assert {k: v for k, v in after.items() if k not in ("imports", "sources")} == {
        k: v for k, v in before.items() if k not in ("imports", "sources")
    }


def test_levels_for_a_region_year_without_a_profile_need_its_two_numbers(writable_db):
    """A new profile row is not invented (n_innovations = 0, basic_services = 0 was written before)."""
    db, _ = writable_db
    text = "region_code,year,indicator,level\n\n65,2027,sid_video,2\n65,2027,n_innovations,12\n"
    pv = dataio.preview(db, csv(text), "baru.csv", "indicators")
    assert [(p.row, p.column) for p in pv.problems] == [(3, "indicator")]
    assert "`basic_services`" in pv.problems[0].message_id and "n_innovations`" not in pv.problems[0].message_id
    pv = dataio.preview(db, csv(text + "65,2027,basic_services,3\n"), "baru.csv", "indicators")
    assert not pv.problems and len(pv.add) == 3


def test_a_row_that_states_a_different_predicate_or_note_is_a_change_not_unchanged(writable_db):
    db, _ = writable_db
    pv = dataio.preview(db, csv("kode;tahun;skor\n65;2023;45,86\n"), "x.csv", "scores")
    assert len(pv.unchanged) == 1  # Kaltara 2023 as published
    pv = dataio.preview(db, csv("kode;tahun;skor;predikat\n65;2023;45,86;Kurang Inovatif\n"), "x.csv", "scores")
    assert len(pv.change) == 1  # the same score with another predicate was dropped as "unchanged"
    res = dataio.apply(db, pv, actor=ADMIN)
    assert db.rows("select score::double, predicate from iid_scores where source_id = ?", [res.source_id]) == [
        (45.86, "Kurang Inovatif")
    ]


def test_the_same_file_confirmed_twice_in_one_second_is_two_imports(writable_db, monkeypatch):
    """16.11: the source id came from a one-second timestamp, so the second confirmation raised a ConstraintException."""
    db, _ = writable_db

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 5, 4, 10, 11, 12, 345)

    monkeypatch.setattr(dataio.dt, "datetime", Frozen)
    pv = dataio.preview(db, csv("kode,tahun,skor\n64.74,2025,71\n"), "a.csv", "scores")
    first = dataio.apply(db, pv, actor=ADMIN)
    second = dataio.apply(db, pv, actor=ADMIN)
    assert first.source_id != second.source_id and second.import_id == first.import_id + 1
    a = dataio.save_source(db, None, "imported", "Sama", None, None, None, None, None, actor=ADMIN)
    b = dataio.save_source(db, None, "imported", "Sama", None, None, None, None, None, actor=ADMIN)
    assert a != b


def test_the_whole_database_export_neutralises_formula_text(writable_db, tmp_path):
    """16.10: the ZIP (/data and `iid export`) wrote =HYPERLINK(…), +… and -2+3+cmd|… cells raw."""
    db, _ = writable_db
    bad = ['=HYPERLINK("http://evil.example","klik")', "+62 812 555", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"]
    with db.transaction() as cur:  # text that older versions accepted
        db.bump(cur)
        cur.execute("update sources set title = ? where source_id = (select min(source_id) from sources)", [bad[0]])
        cur.execute("update targets set plan_document = ?", [bad[1]])
        cur.execute("update iid_scores set note = ? where region_code = '65' and year = 2023", [bad[2]])
        cur.execute("update events set title = ?", [bad[3]])
    files = dataio.export_dir(db, tmp_path / "out")
    cells = {c for f in files if f.suffix == ".csv" for row in csvlib.reader(f.open(encoding="utf-8")) for c in row}
    for cell in bad:
        assert "'" + cell in cells and cell not in cells, cell
    with zipfile.ZipFile(io.BytesIO(dataio.export_zip(db))) as z:
        zipped = z.read("published/targets.csv").decode()
    assert "'+62 812 555" in zipped and ",+62" not in zipped


def test_target_import_replaces_a_stored_target_and_undo_brings_it_back(writable_db):
    db, _ = writable_db
    pv = dataio.preview(
        db, csv("kode;ukuran;nilai;tahun_target;dokumen\n65;iid_score;70,00;2029;RPJMD perubahan\n"), "t.csv", "targets"
    )
    assert pv.change[["old_value", "value"]].values.tolist() == [[65.0, 70.0]]
    res = dataio.apply(db, pv, actor=ADMIN)
    assert queries.targets(db, "65")["value"].tolist() == [70.0]
    dataio.undo(db, res.import_id, actor=ADMIN)
    assert queries.targets(db, "65")["value"].tolist() == [65.0]


def test_export_then_build_from_the_export_gives_the_same_tables(writable_db, tmp_path):
    db, _ = writable_db
    dataio.apply(
        db,
        dataio.preview(db, csv("kode,tahun,skor\n64.74,2025,71\n"), "a.csv", "scores"),
        source_url="https://example.go.id/a",
        published=True,
        actor=ADMIN,
    )
    from iid import auth

    auth.grant(db, ADMIN, "editor@bontang.go.id", "editor", "64.74")  # accounts and roles travel with the export
    scenarios.delete(db, scenarios.save(db, "Dihapus", "64.74", {}, actor=ADMIN), actor=ADMIN)  # and who deleted what
    out = tmp_path / "export"
    dataio.export_dir(db, out)
    rebuilt = tmp_path / "rebuilt.duckdb"
    build(out, rebuilt)
    again = Database(rebuilt)
    try:
        assert again.scalar("select count(*) from user_roles where email = 'editor@bontang.go.id'") == 1
        for table in (
            *TABLES,
            *("regions", "scenarios", "events", "commitments", "predicate_bands", "indicators"),
            *("users", "user_roles", "role_log", "scenario_log"),
        ):
            assert again.df(f"select * from {table} order by all").equals(
                db.df(f"select * from {table} order by all")
            ), table
        # import → export → import: the same file again changes nothing
        pv = dataio.preview(again, csv("kode,tahun,skor\n64.74,2025,71\n"), "a.csv", "scores")
        assert pv.add.empty and pv.change.empty and len(pv.unchanged) == 1
    finally:
        again.close()


def test_cli_export_and_build_from_round_trip(writable_db, tmp_path):
    import subprocess
    import sys

    db, path = writable_db
    db.close()
    out = tmp_path / "dump"
    assert (
        subprocess.run(
            [sys.executable, "-m", "iid", "--db", str(path), "export", str(out)],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
        ).returncode
        == 0
    )
    r = subprocess.run(
        [sys.executable, "-m", "iid", "--db", str(tmp_path / "b.duckdb"), "build", "--from", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr


def test_readers_see_the_old_or_the_new_data_never_half(writable_db):
    db, _ = writable_db
    reader = db.cursor()
    reader.execute("begin transaction")
    before = reader.execute("select count(*), sum(score) from mv_scores").fetchone()
    dataio.apply(
        db, dataio.preview(db, csv("kode,tahun,skor\n64.74,2025,71\n65,2025,50\n"), "a.csv", "scores"), actor=ADMIN
    )
    assert reader.execute("select count(*), sum(score) from mv_scores").fetchone() == before  # its snapshot
    reader.execute("commit")
    assert db.scalar("select score::double from mv_scores where region_code = '64.74' and year = 2025") == 71.0


def test_data_quality_finds_implausible_jumps_and_predicate_mismatches(writable_db):
    db, _ = writable_db
    dataio.apply(db, dataio.preview(db, csv("kode,tahun,skor\n65,2024,95\n"), "a.csv", "scores"), actor=ADMIN)
    q = check.quality(db)
    assert "65" in q["jumps"]["region_code"].tolist()
    assert "36.73" in q["mismatch"]["region_code"].tolist()  # Kota Serang 2022: 60,56 reported Inovatif


VALID = "kode,tahun,skor\n64.74,2025,71\n65,2025,50\n"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    """One database put back to its built state before every Hypothesis example (10.13: they shared one)."""
    return build_pristine(tmp_path_factory)


# Characters a number never holds; every one of them makes a numeric cell refused (README: accepted formats).
NOT_IN_A_NUMBER = st.characters(exclude_characters="0123456789.,+- \t\n\r\u00a0")


@settings(max_examples=60, deadline=None)
@example(row=0, col=2, junk="9\x1c")  # the example of issue 10, item 13: read as 9
@example(row=1, col=1, junk="20\x1c26")
@given(
    row=st.integers(0, 1),
    col=st.integers(1, 2),
    junk=st.builds(lambda a, c, b: a + c + b, st.text(max_size=4), NOT_IN_A_NUMBER, st.text(max_size=4)),
)
def test_any_corrupted_cell_is_rejected_and_changes_nothing(pristine, row, col, junk):
    """Control characters included (10.13: `9\\x1c` was read as 9): each example gets the pristine database."""
    db = pristine.fresh()
    lines = VALID.strip().split("\n")
    cells = lines[row + 1].split(",")
    cells[col] = '"' + junk.replace('"', '""') + '"'
    lines[row + 1] = ",".join(cells)
    with pytest.raises(ImportRejected) as info:
        dataio.import_file_bytes(db, ("\n".join(lines) + "\n").encode(), "x.csv", "scores", actor=ADMIN)
    assert any(p.row == row + 2 and p.column == ["kode", "tahun", "skor"][col] for p in info.value.problems)
    assert checksums(db) == pristine.sums
    pristine.last = pristine.sums


@settings(max_examples=25, deadline=None)
@given(data=st.binary(min_size=1, max_size=400))
def test_random_bytes_are_rejected_with_a_message(pristine, data):
    db = pristine.fresh()
    try:
        dataio.import_file_bytes(db, data, "x.xlsx", "scores", actor=ADMIN)
    except ImportRejected as exc:
        assert exc.problems and exc.problems[0].text("id")
    assert checksums(db) == pristine.sums
    pristine.last = pristine.sums


@settings(max_examples=15, deadline=None)
@given(scores=st.lists(st.decimals(0, 100, places=2), min_size=1, max_size=5, unique=True))
def test_valid_files_round_trip_through_export_exactly(pristine, tmp_path_factory, scores):
    db = pristine.fresh()
    codes = ["64.74", "61.71", "19.71", "65", "11"][: len(scores)]
    text = "kode;tahun;skor\n" + "".join(
        f"{c};2025;{str(s).replace('.', ',')}\n" for c, s in zip(codes, scores, strict=True)
    )
    res = dataio.import_file_bytes(db, text.encode(), "a.csv", "scores", actor=ADMIN)
    out = tmp_path_factory.mktemp("rt")
    dataio.export_dir(db, out)
    exported = pd.read_csv(out / "published" / "iid_scores_all.csv", dtype={"region_code": str})
    mine = exported[exported["source_id"] == res.source_id].sort_values("region_code")
    expected = sorted(zip(codes, [float(s) for s in scores], strict=True))
    assert list(zip(mine["region_code"], mine["score"].astype(float), strict=True)) == expected


def test_templates_are_named_in_the_language_of_their_headers():
    from iid import dataio

    assert dataio.template_file_name("scores", "id", "xlsx") == "templat_skor-iid.xlsx"
    assert dataio.template_file_name("indicators", "id", "csv") == "templat_skor-indikator.csv"
    assert dataio.template_file_name("targets", "id", "csv") == "templat_target.csv"
    assert dataio.template_file_name("scores", "en", "csv") == "template_iid-scores.csv"


@pytest.mark.parametrize("kind", ["scores", "indicators", "targets"])
@pytest.mark.parametrize(("fmt_", "lang"), [("xlsx", "id"), ("csv", "id"), ("csv", "en")])
def test_every_template_reads_back_whole_through_the_import_it_is_for(full_db, kind, fmt_, lang):
    from openpyxl import load_workbook

    from iid import dataio

    data = dataio.template_xlsx(kind, lang) if fmt_ == "xlsx" else dataio.template_csv(kind, lang)
    pv = dataio.preview(full_db, data, dataio.template_file_name(kind, lang, fmt_), kind)
    assert pv.problems == []
    assert len(pv.add) + len(pv.change) + len(pv.unchanged) == len(dataio.EXAMPLES[kind])
    headers = dataio.template_headers(kind, lang)
    if lang == "id":
        assert headers[:2] == ["kode", "tahun"] if kind != "targets" else headers[0] == "kode"
    if fmt_ == "xlsx":
        ws = load_workbook(io.BytesIO(data))["data"]
        assert [c.value for c in ws[1]] == headers
        years = [c.value for c in ws["B"][1:]] if kind != "targets" else []
        assert all(isinstance(y, int) for y in years)  # numbers as numbers, not '2025' as text
        assert isinstance(ws["A"][1].value, str)  # a code such as 64.74 stays text
