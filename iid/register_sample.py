"""The labelled sample innovation register: units and a few hundred invented innovations for Kota Bontang,
Kota Pontianak and Kota Pangkal Pinang, so the Inovasi page is useful on first open.

Kecamatan and kelurahan names come from idn-area-data; OPD names follow the standard nomenclature of regional
offices; innovation titles are invented and every row points to the sample source ("Data contoh").
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd

CITIES = ("64.74", "61.71", "19.71")
OPD = [
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat",
    "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Kepegawaian dan Pengembangan SDM",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Satuan Polisi Pamong Praja",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Sosial",
    "Dinas Tenaga Kerja",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Ketahanan Pangan",
    "Dinas Lingkungan Hidup",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan PTSP",
    "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan UMKM",
    "Dinas Pariwisata",
    "Dinas Pemuda dan Olahraga",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Perikanan",
    "Dinas Pertanian",
    "Dinas Perdagangan",
    "Dinas Perindustrian",
    "Badan Kesatuan Bangsa dan Politik",
    "Dinas Pengendalian Penduduk dan KB",
    "Dinas Pemadam Kebakaran",
    "RSUD",
    "Bagian Organisasi",
    "Bagian Hukum",
]
OPD_COUNT = {"64.74": 30, "61.71": 32, "19.71": 36}  # Pangkal Pinang: 36 OPD (seed 002)
URUSAN = {
    "Dinas Pendidikan dan Kebudayaan": "pendidikan",
    "Dinas Kesehatan": "kesehatan",
    "RSUD": "kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang": "pupr",
    "Dinas Perumahan dan Kawasan Permukiman": "perumahan",
    "Satuan Polisi Pamong Praja": "trantibumlinmas",
    "Badan Penanggulangan Bencana Daerah": "trantibumlinmas",
    "Dinas Pemadam Kebakaran": "trantibumlinmas",
    "Dinas Sosial": "sosial",
}
OTHER_URUSAN = [  # codes of iid/urusan.csv (UU 23/2014 and the supporting functions)
    "adminduk",
    "perhubungan",
    "kominfo",
    "lingkungan_hidup",
    "penanaman_modal",
    "perdagangan",
    "pariwisata",
    "keuangan",
    "kepegawaian",
    "perencanaan",
]
ACRONYM = [
    "SIGAP",
    "SI-CEPAT",
    "LAPOR",
    "SEHATI",
    "PINTAR",
    "JEMPOL",
    "SAPA",
    "KLIK",
    "MANTAP",
    "BERKAH",
    "SIAGA",
    "TERPADU",
    "CERIA",
    "PRIMA",
    "SINERGI",
    "GESIT",
    "AMAN",
    "SIMPEL",
    "TANGGAP",
    "HEBAT",
    "RAMAH",
    "SIP",
]
WHAT = [
    "layanan antar dokumen",
    "antrean daring",
    "pengaduan warga lewat WhatsApp",
    "pemetaan UMKM",
    "kelas ibu hamil",
    "jemput bola perekaman KTP-el",
    "perizinan satu pintu daring",
    "pemantauan gizi balita",
    "bank sampah digital",
    "pelatihan kader",
    "peta rawan banjir",
    "absensi berbasis lokasi",
    "dasbor anggaran",
    "posyandu remaja",
    "layanan malam",
    "taman baca kelurahan",
    "laporan jalan rusak",
    "sekolah ramah anak",
    "klinik UMKM",
    "pengelolaan arsip digital",
    "e-retribusi pasar",
    "patroli keamanan terpadu",
    "bantuan sosial tepat sasaran",
]
STAGES = [("penerapan", 0.62), ("uji_coba", 0.22), ("inisiatif", 0.16)]
STATUS = [("terverifikasi", 0.55), ("diajukan", 0.2), ("revisi", 0.1), ("draft", 0.15)]
SID = [
    "sid_regulasi",
    "sid_sdm",
    "sid_anggaran",
    "sid_alat_kerja",
    "sid_bimtek",
    "sid_rkpd",
    "sid_aktor",
    "sid_pelaksana",
    "sid_jejaring",
    "sid_sosialisasi",
    "sid_pedoman",
    "sid_informasi",
    "sid_proses",
    "sid_pengaduan",
    "sid_terintegrasi",
    "sid_replikasi",
    "sid_kecepatan",
    "sid_kemanfaatan",
    "sid_monev",
    "sid_video",
]


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    x, acc = rng.random(), 0.0
    for value, w in weighted:
        acc += w
        if x <= acc:
            return value
    return weighted[-1][0]


def units(raw_dir: Path, source_id: str, rng: random.Random) -> pd.DataFrame:
    dist = pd.read_csv(raw_dir / "districts.csv", dtype=str)
    vill = pd.read_csv(raw_dir / "villages_bontang_pontianak_pangkalpinang.csv", dtype=str)
    rows = []
    short = {"64.74": "Bontang", "61.71": "Pontianak", "19.71": "Pangkalpinang"}
    for city in CITIES:
        for name in OPD[: OPD_COUNT[city]]:
            rows.append((city, name, "OPD"))
        for kec in dist[dist["regency_code"] == city]["name"]:
            rows.append((city, f"Kecamatan {kec}", "Kecamatan"))
        kel = vill[vill["district_code"].str.startswith(city + ".")]["name"].tolist()
        for k in kel:
            rows.append((city, f"Kelurahan {k}", "Kelurahan"))
        for k in rng.sample(kel, min(len(kel), 6)):
            rows.append((city, f"UPT Puskesmas {k}", "Puskesmas"))
        rows += [
            (city, f"UPT Laboratorium Lingkungan {short[city]}", "UPT"),
            (city, f"UPT Pengelolaan Sampah {short[city]}", "UPT"),
            (city, f"Perumda Air Minum {short[city]}", "BUMD"),
        ]
        if city == "19.71":  # schools count in Pangkal Pinang's pledge
            rows += [(city, f"SD Negeri {i} Pangkalpinang", "Sekolah") for i in range(1, 9)]
            rows += [(city, f"SMP Negeri {i} Pangkalpinang", "Sekolah") for i in range(1, 6)]
    return pd.DataFrame(rows, columns=["region_code", "unit", "unit_type"]).assign(source_id=source_id)


def generate_register(raw_dir: Path, source_id: str, seed: int = 1) -> dict[str, pd.DataFrame]:
    rng = random.Random(seed * 7919)
    u = units(raw_dir, source_id, rng)
    innovations, levels = [], []
    counts = {"64.74": 130, "61.71": 110, "19.71": 120}
    comp_of = {"61.71": "KOMPETISI_PONTIANAK"}
    for city in CITIES:
        cu = u[u["region_code"] == city]
        weights = (
            cu["unit_type"]
            .map({"OPD": 5, "Kecamatan": 2, "Kelurahan": 0.6, "Puskesmas": 1.5, "UPT": 1, "BUMD": 1.5, "Sekolah": 1.2})
            .tolist()
        )
        seen = set()
        for i in range(counts[city]):
            unit_row = rng.choices(cu.to_dict("records"), weights=weights)[0]
            year = rng.choice([2023, 2024, 2025, 2025, 2025])
            title = f"{rng.choice(ACRONYM)}: {rng.choice(WHAT)}"
            while (unit_row["unit"], year, title) in seen:
                title = f"{rng.choice(ACRONYM)} {rng.randint(2, 9)}: {rng.choice(WHAT)}"
            seen.add((unit_row["unit"], year, title))
            stage = _pick(rng, STAGES)
            status = _pick(rng, STATUS)
            comps = []
            if rng.random() < 0.3:
                comps.append("KIPP")
            if city in comp_of and rng.random() < 0.45:
                comps.append(comp_of[city])
            iid = f"SMP-{city}-{i + 1:04d}"
            day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
            innovations.append(
                {
                    "innovation_id": iid,
                    "region_code": city,
                    "unit": unit_row["unit"],
                    "unit_type": unit_row["unit_type"],
                    "title": title,
                    "form": rng.choice(["tata_kelola", "pelayanan_publik", "pelayanan_publik", "lainnya"]),
                    "digital": rng.random() < 0.55,
                    "urusan": URUSAN.get(unit_row["unit"], rng.choice(OTHER_URUSAN)),
                    "stage": stage,
                    "year_proposed": year,
                    "proposed_on": day.isoformat(),
                    "year_applied": year + (1 if stage == "penerapan" and rng.random() < 0.4 else 0)
                    if stage == "penerapan"
                    else None,
                    "competitions": ",".join(comps) or None,
                    "has_team": rng.random() < 0.7,
                    "has_sop": rng.random() < 0.55,
                    "has_budget": rng.random() < 0.45,
                    "evidence": None,
                    "status": status,
                    "source_id": source_id,
                }
            )
            quality = rng.uniform(0.3, 0.95)
            for code in SID:
                levels.append(
                    {
                        "innovation_id": iid,
                        "indicator_code": code,
                        "level": sum(rng.random() < quality for _ in range(3)),
                    }
                )
    return {
        "units_sample": u,
        "innovations_sample": pd.DataFrame(innovations),
        "innovation_levels_sample": pd.DataFrame(levels),
    }


# ---------------------------------------------------------------- a big register, for growth figures and tests

SAMPLE_SOURCE = "sample-seed-1"  # the sample's source row (data/sample/sources_sample.csv): every row is "Data contoh"
REGISTER_FILES = ("innovations_sample.csv", "innovation_levels_sample.csv", "units_sample.csv")
# the units of a region without its own list in data/sample: its OPD, then field units by number
GENERIC_UNITS = (
    [(name, "OPD") for name in OPD[:30]]
    + [(f"Kecamatan {k}", "Kecamatan") for k in range(1, 7)]
    + [(f"Kelurahan {k}", "Kelurahan") for k in range(1, 9)]
    + [(f"UPT Puskesmas {k}", "Puskesmas") for k in range(1, 5)]
    + [("UPT Pengelolaan Sampah", "UPT"), ("Perumda Air Minum", "BUMD")]
)


def _sql_text(path: Path) -> str:
    """A file path as an SQL string literal (COPY takes no parameter for its file; the path is ours, never typed)."""
    return "'" + str(path).replace("'", "''") + "'"


def write_big_register(
    n: int, out: Path, data_dir: Path, seed: int = 1, first_year: int = 2015, last_year: int = 2025
) -> dict[str, int]:
    """Write the register CSVs (units, innovations, their levels) for n innovations into out/, in seconds.

    The innovations go round the autonomous regions (provinces, kabupaten, kota) one after another, so every region
    holds about n / 546, spread evenly over first_year..last_year. The three sample cities keep their units from
    data/sample; every row points to the sample source, so the app labels it "Data contoh". Written by DuckDB from
    generated ranges (1.000.000 innovations and 20.000.000 levels in well under a minute); the same seed gives the
    same files. The columns and spelling are those of data/sample's files, so `python -m iid build --from` reads them.
    """
    import duckdb

    from iid.regions import load_regions

    out.mkdir(parents=True, exist_ok=True)
    regions = load_regions(data_dir / "raw" / "idn-area-data")
    codes = sorted(regions.loc[regions["autonomous"], "code"])
    comps = pd.read_csv(data_dir / "published" / "competitions.csv", dtype=str)
    own = comps[comps["region_code"].notna()][["region_code", "code"]]  # a region's own competition
    con = duckdb.connect()
    try:
        con.execute("set enable_progress_bar = false")
        con.execute("create table r as select unnest(?::varchar[]) as code", [codes])
        con.execute(
            "create table g as select unnest(?::varchar[]) as unit, unnest(?::varchar[]) as unit_type",
            [[u for u, _ in GENERIC_UNITS], [k for _, k in GENERIC_UNITS]],
        )
        con.execute(
            "create table shipped as select region_code, unit, unit_type from read_csv(?, all_varchar = true)",
            [str(data_dir / "sample" / "units_sample.csv")],
        )
        con.execute(
            """create table u as
               with all_units as (
                   select region_code, unit, unit_type from shipped
                   union all
                   select r.code, g.unit, g.unit_type from r, g
                   where r.code not in (select region_code from shipped)
               )
               select *, row_number() over (partition by region_code order by unit_type, unit) - 1 as k,
                      count(*) over (partition by region_code) as n_units
               from all_units"""
        )
        con.execute(
            f"copy (select region_code, unit, unit_type, ? as source_id from u order by region_code, k) "
            f"to {_sql_text(out / 'units_sample.csv')} (header)",
            [SAMPLE_SOURCE],
        )
        con.execute(
            "create table urusan_of as select unnest(?::varchar[]) as unit, unnest(?::varchar[]) as urusan",
            [list(URUSAN), list(URUSAN.values())],
        )
        con.execute(
            "create table own as select unnest(?::varchar[]) as region_code, unnest(?::varchar[]) as competition",
            [own["region_code"].tolist(), own["code"].tolist()],
        )
        # x[1..12]: independent uniform numbers in [0, 1) per innovation, from DuckDB's deterministic hash
        con.execute(
            """create table inv as
               with base as (
                   select i, r.ri, r.code as region_code, i // $nr as k, $last - (i // $nr) % $years as year_proposed,
                          hash(i, $seed, 'unit') as hu, hash(i, $seed, 'title') as ht,
                          [(hash(i, $seed, j) % 1000000) / 1e6 for j in range(12)] as x
                   from range($n) t(i) join (select code, row_number() over (order by code) - 1 as ri from r) r
                     on r.ri = t.i % $nr
               )
               select 'SMP-' || b.region_code || '-' || lpad((b.k + 1)::varchar, 6, '0') as innovation_id,
                      b.region_code, u.unit, u.unit_type,
                      $acronym[1 + (ht % len($acronym))::int] || ': ' || $what[1 + (ht // 64 % len($what))::int]
                          || ' #' || (b.k + 1) as title,
                      ['tata_kelola', 'pelayanan_publik', 'pelayanan_publik', 'lainnya'][1 + floor(x[1] * 4)::int]
                          as form,
                      if(x[2] < 0.55, 'True', 'False') as digital,
                      coalesce(m.urusan, $other[1 + (ht // 4096 % len($other))::int]) as urusan,
                      case when x[3] < 0.62 then 'penerapan' when x[3] < 0.84 then 'uji_coba' else 'inisiatif' end
                          as stage,
                      year_proposed,
                      strftime(make_date(year_proposed, 1, 1) + floor(x[4] * 300)::int, '%Y-%m-%d') as proposed_on,
                      case when x[3] < 0.62 then year_proposed + if(x[5] < 0.4 and year_proposed < $last, 1, 0) end
                          as year_applied,
                      nullif(concat_ws(',', if(x[6] < 0.3, 'KIPP', null), if(x[7] < 0.45, o.competition, null)), '')
                          as competitions,
                      if(x[8] < 0.7, 'True', 'False') as has_team,
                      if(x[9] < 0.55, 'True', 'False') as has_sop,
                      if(x[10] < 0.45, 'True', 'False') as has_budget,
                      null as evidence,
                      case when x[11] < 0.55 then 'terverifikasi' when x[11] < 0.75 then 'diajukan'
                           when x[11] < 0.85 then 'revisi' else 'draft' end as status,
                      $source as source_id,
                      b.i, 0.3 + 0.65 * x[12] as quality
               from base b
               join u on u.region_code = b.region_code and u.k = (b.hu % u.n_units::ubigint)
               left join urusan_of m on m.unit = u.unit
               left join own o on o.region_code = b.region_code
               order by b.ri, b.k""",
            {
                "n": n,
                "nr": len(codes),
                "last": last_year,
                "years": last_year - first_year + 1,
                "seed": seed,
                "acronym": ACRONYM,
                "what": WHAT,
                "other": OTHER_URUSAN,
                "source": SAMPLE_SOURCE,
            },
        )
        # in innovation_id order (the table's order: no sort), each innovation's levels one after another
        con.execute(
            f"copy (select * exclude (i, quality) from inv) to {_sql_text(out / 'innovations_sample.csv')} (header)"
        )
        # a level is how many of three tries come under the innovation's quality (as generate_register does)
        con.execute(
            f"""copy (
                select innovation_id, unnest($sid::varchar[]) as indicator_code,
                       unnest([((h & 1023) < quality * 1024)::int + ((h >> 10 & 1023) < quality * 1024)::int
                               + ((h >> 20 & 1023) < quality * 1024)::int
                               for h in [hash(i, $seed, c) for c in $sid::varchar[]]]) as level
                from inv
            ) to {_sql_text(out / "innovation_levels_sample.csv")} (header)""",
            {"sid": SID, "seed": seed},
        )
        return {
            "innovations": n,
            "innovation_levels": n * len(SID),
            "units": con.execute("select count(*) from u").fetchone()[0],
            "regions": len(codes),
        }
    finally:
        con.close()


def big_data_folder(n: int, out: Path, data_dir: Path, seed: int = 1) -> Path:
    """A data folder like data_dir whose sample register holds n generated innovations (write_big_register).

    published/ and raw/ and the rest of sample/ are links to data_dir, so `python -m iid build --from out` builds a
    database that differs from the shipped one in its register only; data_dir itself is never written to.
    """
    out = out.resolve()
    if out == data_dir.resolve() or data_dir.resolve() in out.parents:
        raise ValueError(f"{out}: choose a folder outside {data_dir} (the shipped data stays as it is)")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("published", "raw"):
        link = out / name
        if not link.exists():
            link.symlink_to((data_dir / name).resolve(), target_is_directory=True)
    sample = out / "sample"
    sample.mkdir(exist_ok=True)
    for f in sorted((data_dir / "sample").glob("*.csv")):
        if f.name not in REGISTER_FILES and not (sample / f.name).exists():
            (sample / f.name).symlink_to(f.resolve())
    write_big_register(n, sample, data_dir, seed)
    return out
