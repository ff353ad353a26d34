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
OTHER_URUSAN = [
    "administrasi kependudukan",
    "perhubungan",
    "komunikasi dan informatika",
    "lingkungan hidup",
    "penanaman modal",
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
