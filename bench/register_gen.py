"""A data folder whose innovation register holds N innovations spread over 531 regions, for the growth figures.

Innovations arrive at the national rate (about 36.742 a year over 531 regions, so 1.000.000 is about 25 years),
one region after another, so every region's register grows alike and a year holds what a year would hold: at
100.000 the newest year holds about 69 innovations a region, at 1.000.000 a region holds about 1.883 over 25 years.
Every innovation has its 20 indicator levels (20 million rows at 1.000.000). The CSVs are written by DuckDB in the
format of data/sample/innovations_sample.csv, innovation_levels_sample.csv and units_sample.csv; everything else in
the folder links to data/ (published figures, regions, the rest of the sample), so `python -m iid build --from`
builds a database that differs from the shipped one only in its register.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from iid.regions import load_regions  # noqa: E402
from iid.register_sample import ACRONYM, OPD, OTHER_URUSAN, SID, WHAT  # noqa: E402

DATA = ROOT / "data"
REGISTER_FILES = ("innovations_sample.csv", "innovation_levels_sample.csv", "units_sample.csv")
N_REGIONS = 531  # regions that reported innovations (the issue's national rate)
PER_YEAR = 36_742  # innovations a year, nationally
SAMPLE_CITIES = ("64.74", "61.71", "19.71")  # the shipped sample's cities stay in, so pages can be compared
SOURCE = "sample-seed-1"  # the sample's source row (data/sample/sources_sample.csv)


def regions() -> list[str]:
    """531 autonomous regions: the sample's three cities, then the others in code order."""
    reg = load_regions(DATA / "raw" / "idn-area-data")
    codes = [c for c in sorted(reg.loc[reg["autonomous"], "code"]) if c not in SAMPLE_CITIES]
    return [*SAMPLE_CITIES, *codes[: N_REGIONS - len(SAMPLE_CITIES)]]


def _sql_list(xs: list[str]) -> str:
    return "[" + ", ".join("'" + x.replace("'", "''") + "'" for x in xs) + "]"


UNITS = (
    [(name, "OPD") for name in OPD[:30]]
    + [(f"Kecamatan {k}", "Kecamatan") for k in range(1, 7)]
    + [(f"Kelurahan {k}", "Kelurahan") for k in range(1, 7)]
    + [(f"UPT Puskesmas {k}", "Puskesmas") for k in range(1, 7)]
    + [("UPT Pengelolaan Sampah", "UPT"), ("Perumda Air Minum", "BUMD")]
)


def write_register(n: int, out: Path) -> dict[str, float]:
    """Write the three register CSVs for n innovations into out/; returns rows and seconds."""
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    per_year = max(PER_YEAR, -(-n // 25))  # at most 25 years (2001–2025)
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")  # stdout is the bench's JSON
    codes = regions()
    con.execute("create table r as select unnest(?) as code, generate_subscripts(?, 1) - 1 as ri", [codes, codes])
    con.execute(
        "create table u as select unnest(?) as unit, unnest(?) as unit_type, generate_subscripts(?, 1) - 1 as ui",
        [[u for u, _ in UNITS], [k for _, k in UNITS], [u for u, _ in UNITS]],
    )
    con.execute(
        f"copy (select r.code as region_code, u.unit, u.unit_type, '{SOURCE}' as source_id from r, u "
        f"order by r.ri, u.ui) to '{out / 'units_sample.csv'}' (header)"
    )
    nr, nu = len(codes), len(UNITS)
    # hash(i, salt) is DuckDB's deterministic hash: the same register on every run
    con.execute(
        f"""create table inv as
        with g as (select i, i // {nr} as k, i % {nr} as ri, (hash(i, 'u') >> 1)::bigint as h1, (hash(i, 'x') >> 1)::bigint as h2 from range({n}) t(i))
        select i, 'BEN-' || r.code || '-' || lpad(k::varchar, 6, '0') as innovation_id, r.code as region_code,
               u.unit, u.unit_type,
               {_sql_list(ACRONYM)}[1 + (h1 // 7) % {len(ACRONYM)}] || ': '
                   || {_sql_list(WHAT)}[1 + (h1 // 131) % {len(WHAT)}] || ' #' || k as title,
               ['tata_kelola', 'pelayanan_publik', 'pelayanan_publik', 'lainnya'][1 + (h2 % 4)] as form,
               (h2 // 4) % 100 < 55 as digital,
               {_sql_list(OTHER_URUSAN)}[1 + (h2 // 400) % {len(OTHER_URUSAN)}] as urusan,
               case when (h2 // 4000) % 100 < 62 then 'penerapan' when (h2 // 4000) % 100 < 84 then 'uji_coba'
                    else 'inisiatif' end as stage,
               2025 - (i // {per_year}) as year_proposed,
               (make_date(2025 - (i // {per_year}), 1, 1) + ((h2 // 400000) % 300)::int) as proposed_on,
               (h1 // 1000003) % 100 < 30 as kipp,
               (h1 // 100000007) % 100 < 70 as has_team,
               (h1 // 10000000019) % 100 < 55 as has_sop,
               (h1 // 1000000000039) % 100 < 45 as has_budget,
               ['terverifikasi', 'terverifikasi', 'terverifikasi', 'diajukan', 'revisi', 'draft']
                   [1 + (h2 // 40000000) % 6] as status
        from g join r using (ri) join u on u.ui = (g.h1 % {nu})"""
    )
    con.execute(
        f"""copy (select innovation_id, region_code, unit, unit_type, title, form,
                         case when digital then 'True' else 'False' end as digital, urusan, stage, year_proposed,
                         strftime(proposed_on, '%Y-%m-%d') as proposed_on,
                         case when stage = 'penerapan' then year_proposed end as year_applied,
                         case when kipp then 'KIPP' end as competitions,
                         case when has_team then 'True' else 'False' end as has_team,
                         case when has_sop then 'True' else 'False' end as has_sop,
                         case when has_budget then 'True' else 'False' end as has_budget,
                         null as evidence, status, '{SOURCE}' as source_id
                  from inv order by i) to '{out / "innovations_sample.csv"}' (header)"""
    )
    con.execute(
        f"""copy (select innovation_id, s.code as indicator_code, (hash(i, s.code) % 4)::int as level
                  from inv, (select unnest({_sql_list(SID)}) as code, generate_subscripts({_sql_list(SID)}, 1) as o) s
                  order by i, s.o) to '{out / "innovation_levels_sample.csv"}' (header)"""
    )
    con.close()
    return {"innovations": n, "levels": n * len(SID), "units": nr * nu, "seconds": time.perf_counter() - t0}


def data_folder(n: int | None, out: Path) -> Path:
    """A folder like data/ (links) whose sample register is the generated one (n innovations; None: the shipped one)."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("published", "raw"):
        (out / name).symlink_to(DATA / name, target_is_directory=True)
    sample = out / "sample"
    sample.mkdir()
    for f in sorted((DATA / "sample").glob("*.csv")):
        if n is None or f.name not in REGISTER_FILES:
            (sample / f.name).symlink_to(f)
    if n is not None:
        write_register(n, sample)
    return out


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(write_register(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, Path(tmp)))
        for f in REGISTER_FILES:
            p = Path(tmp) / f
            print(f, p.stat().st_size, p.read_text().splitlines()[:3])
