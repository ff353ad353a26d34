"""Every user-facing string, in Bahasa Indonesia (first) and English."""

from __future__ import annotations

LANGS = ("id", "en")

PREDICATE_EN = {
    "Sangat Inovatif": "Very Innovative",
    "Inovatif": "Innovative",
    "Kurang Inovatif": "Less Innovative",
    "Tidak Dapat Dinilai": "Cannot Be Assessed",
}

KIND = {
    "id": {"provinsi": "provinsi", "kabupaten": "kabupaten", "kota": "kota"},
    "en": {"provinsi": "provinces", "kabupaten": "regencies", "kota": "cities"},
}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"id": "Dasbor Indeks Inovasi Daerah", "en": "Regional Innovation Index dashboard"},
    "nav_overview": {"id": "Ringkasan", "en": "Overview"},
    "language": {"id": "Bahasa", "en": "Language"},
    "published_only": {"id": "Hanya data resmi yang dipublikasikan", "en": "Published data only"},
    "published_only_help": {
        "id": "Sembunyikan data contoh; tampilkan hanya angka dari sumber yang dipublikasikan.",
        "en": "Hide sample data; show only figures from published sources.",
    },
    "region": {"id": "Daerah", "en": "Region"},
    "region_help": {
        "id": "Ketik sebagian nama, misalnya 'bontang' atau 'pontianak'.",
        "en": "Type part of a name, e.g. 'bontang' or 'pontianak'.",
    },
    "unknown_region": {
        "id": "Kode daerah `{code}` tidak dikenal. Menampilkan {default} sebagai gantinya; pilih daerah lain di samping.",
        "en": "Region code `{code}` is unknown. Showing {default} instead; pick another region in the sidebar.",
    },
    "sample_badge": {"id": "Data contoh", "en": "Sample data"},
    "sample_note": {
        "id": "Sebagian angka di tampilan ini adalah **data contoh** yang dibuat untuk demonstrasi, bukan hasil resmi BSKDN.",
        "en": "Some figures in this view are **sample data** generated for demonstration, not official BSKDN results.",
    },
    "latest_score": {"id": "Skor IID {year}", "en": "IID score {year}"},
    "predicate": {"id": "Predikat", "en": "Predicate"},
    "change": {"id": "Perubahan dari {year}", "en": "Change from {year}"},
    "rank": {"id": "Peringkat nasional ({kind})", "en": "National rank ({kind})"},
    "kind_average": {"id": "Rata-rata nasional {kind} {year}", "en": "National average, {kind} {year}"},
    "kind_average_help": {
        "id": "Rata-rata {n} {kind}{sample}.",
        "en": "Average of {n} {kind}{sample}.",
    },
    "kind_average_sample": {"id": " (termasuk data contoh)", "en": " (includes sample data)"},
    "kind_average_few": {
        "id": "Hanya {n} skor resmi tersedia untuk tahun ini; rata-rata belum bermakna.",
        "en": "Only {n} published scores for this year; an average is not meaningful yet.",
    },
    "change_short": {"id": "{delta} dari {year}", "en": "{delta} from {year}"},
    "rank_of": {"id": "{rank} dari {of}", "en": "{rank} of {of}"},
    "rank_published": {"id": "dipublikasikan", "en": "published"},
    "rank_computed": {
        "id": "dihitung dari data (termasuk data contoh)",
        "en": "computed from the data (includes sample)",
    },
    "no_score": {"id": "Skor tidak dipublikasikan", "en": "Score not published"},
    "no_data": {"id": "Belum ada data untuk daerah ini.", "en": "No data for this region yet."},
    "conflict": {
        "id": "Dua sumber berbeda: {low} dan {high}.",
        "en": "Two sources differ: {low} and {high}.",
    },
    "mismatch": {
        "id": "Predikat yang dipublikasikan ({stated}) berbeda dari predikat menurut batas skor tahun itu ({derived}).",
        "en": "The published predicate ({stated}) differs from the predicate by that year's bands ({derived}).",
    },
    "trend_title": {"id": "Skor IID {name}, {first}–{last}", "en": "IID score of {name}, {first}–{last}"},
    "trend_subtitle": {
        "id": "Skor 0–100; latar berwarna = batas predikat tahun itu",
        "en": "Score 0–100; shaded = that year's predicate bands",
    },
    "axis_year": {"id": "Tahun", "en": "Year"},
    "axis_score": {"id": "Skor IID", "en": "IID score"},
    "source_line": {"id": "Sumber: {sources}", "en": "Source: {sources}"},
    "sample_mark": {"id": "Data contoh", "en": "Sample data"},
    "targets": {"id": "Target", "en": "Targets"},
    "commitments": {"id": "Komitmen", "en": "Commitments"},
    "events": {"id": "Peristiwa", "en": "Events"},
    "sources": {"id": "Sumber", "en": "Sources"},
    "no_targets": {"id": "Belum ada target tersimpan untuk daerah ini.", "en": "No stored target for this region."},
    "no_commitments": {"id": "Belum ada komitmen tersimpan.", "en": "No stored commitment."},
    "target_line": {
        "id": "{metric} {cmp} {value} pada {year} — {plan}",
        "en": "{metric} {cmp} {value} by {year} — {plan}",
    },
    "metric_iid_score": {"id": "Skor IID", "en": "IID score"},
    "metric_innovation_count": {"id": "Jumlah usulan inovasi", "en": "Innovation proposals"},
    "predicate_named": {"id": "predikat \u201c{p}\u201d", "en": "predicate \u201c{p}\u201d"},
    "commit_per_unit_per_year": {
        "id": "{label}: {q} inovasi per {scope} setiap tahun (sejak {year})",
        "en": "{label}: {q} innovations per {scope} every year (since {year})",
    },
    "commit_total_by_year": {
        "id": "{label}: total {q} inovasi pada {year}",
        "en": "{label}: {q} innovations in total in {year}",
    },
    "commit_per_unit_in_competition": {
        "id": "{label}: minimal {q} inovasi per {scope} di {comp} (sejak {year})",
        "en": "{label}: at least {q} innovation per {scope} in {comp} (since {year})",
    },
    "kind_provinsi": {"id": "provinsi", "en": "province"},
    "kind_kota": {"id": "kota", "en": "city"},
    "kind_kabupaten": {"id": "kabupaten", "en": "regency"},
    "published_mark": {"id": "dipublikasikan", "en": "published"},
    "overview_caption": {
        "id": "Posisi terakhir, tren, target dan komitmen daerah — setiap angka dengan sumbernya.",
        "en": "Latest standing, trend, targets and commitments — every figure with its source.",
    },
    "table_year": {"id": "Tahun", "en": "Year"},
    "table_score": {"id": "Skor", "en": "Score"},
    "table_source": {"id": "Sumber", "en": "Source"},
    "series": {"id": "Data per tahun", "en": "Data by year"},
    "predicate_from_bands": {"id": "menurut batas skor", "en": "by the score bands"},
    "predicate_published": {"id": "dipublikasikan", "en": "published"},
    "status_sample": {"id": "data contoh", "en": "sample"},
    "status_published": {"id": "dipublikasikan", "en": "published"},
    "db_missing": {
        "id": "Basis data belum dibuat. Jalankan `make run` atau `python -m iid build`.",
        "en": "The database has not been built. Run `make run` or `python -m iid build`.",
    },
}


def t(key: str, lang: str = "id", **kwargs: object) -> str:
    """The string for key in lang, falling back to Indonesian, formatted with kwargs."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["id"]
    return text.format(**kwargs) if kwargs else text


def predicate_label(predicate: str | None, lang: str = "id") -> str:
    if not predicate:
        return "–"
    return predicate if lang == "id" else PREDICATE_EN.get(predicate, predicate)
