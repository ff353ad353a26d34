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
    "kind_plural_provinsi": {"id": "provinsi", "en": "provinces"},
    "kind_plural_kota": {"id": "kota", "en": "cities"},
    "kind_plural_kabupaten": {"id": "kabupaten", "en": "regencies"},
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
    "nav_target": {"id": "Target", "en": "Targets"},
    "status_achieved": {"id": "Tercapai", "en": "Achieved"},
    "status_on_track": {"id": "Sesuai jalur", "en": "On track"},
    "status_moderate": {"id": "Meningkat moderat", "en": "Moderately improving"},
    "status_stagnating": {"id": "Stagnan", "en": "Stagnating"},
    "status_decreasing": {"id": "Menurun", "en": "Decreasing"},
    "status_insufficient_data": {"id": "Data belum cukup", "en": "Not enough data"},
    "explain_achieved": {
        "id": "Nilai terakhir {latest} sudah memenuhi target {target}.",
        "en": "The latest value {latest} already meets the target {target}.",
    },
    "explain_ratio": {
        "id": "Kenaikan teramati {obs} per tahun sejak {t0} adalah {pct} dari kenaikan yang dibutuhkan ({req} per tahun): {status} menurut metode SDSN ({rule}).",
        "en": "The observed gain of {obs} a year since {t0} is {pct} of the gain needed ({req} a year): {status} by the SDSN method ({rule}).",
    },
    "explain_decreasing": {
        "id": "Nilai turun {obs} per tahun sejak {t0}, padahal dibutuhkan kenaikan {req} per tahun: menurun menurut metode SDSN.",
        "en": "The value fell {obs} a year since {t0}, while a gain of {req} a year is needed: decreasing by the SDSN method.",
    },
    "explain_insufficient": {
        "id": "Status belum dapat dihitung: metode ini membutuhkan sedikitnya {n} tahun data yang sebanding (tersedia {have}).",
        "en": "No status yet: the method needs at least {n} comparable years of data ({have} available).",
    },
    "rule_on_track": {"id": "r ≥ 1", "en": "r ≥ 1"},
    "rule_moderate": {"id": "0,5 ≤ r < 1", "en": "0.5 ≤ r < 1"},
    "rule_stagnating": {"id": "0 ≤ r < 0,5", "en": "0 ≤ r < 0.5"},
    "projection_sentence": {
        "id": "Dengan laju {pace} per tahun: {proj} pada {year}, {diff}.",
        "en": "At {pace} a year: {proj} in {year}, {diff}.",
    },
    "short_by": {"id": "kurang {x} poin dari target", "en": "{x} points short of the target"},
    "above_by": {"id": "melampaui target {x} poin", "en": "{x} points above the target"},
    "reached_in": {
        "id": "Target tercapai pada {year} dengan laju ini.",
        "en": "The target is reached in {year} at this pace.",
    },
    "not_at_pace": {"id": "Target tidak tercapai dengan laju ini.", "en": "The target is not reached at this pace."},
    "predicate_check_ok": {
        "id": "Skor {value} mendapat predikat “{pred}” menurut batas {year}.",
        "en": "A score of {value} earns “{pred}” under the {year} bands.",
    },
    "predicate_check_short": {
        "id": "Perhatian: skor {value} hanya mendapat predikat “{pred}” menurut batas {year}; “{named}” baru mulai {minimum}.",
        "en": "Note: a score of {value} earns only “{pred}” under the {year} bands; “{named}” starts at {minimum}.",
    },
    "error_no_data": {"id": "Belum ada data untuk daerah dan ukuran ini.", "en": "No data for this region and metric."},
    "error_year_past": {
        "id": "Tahun target sudah lewat dan target belum tercapai; pilih tahun setelah data terakhir.",
        "en": "The target year has passed and the target was not met; pick a year after the latest data.",
    },
    "error_above_maximum": {
        "id": "Target di atas nilai maksimum yang mungkin (100); tidak dapat dicapai.",
        "en": "The target is above the highest possible value (100); it cannot be reached.",
    },
    "indicative": {
        "id": "Indikatif: IID hanya punya sedikit titik tahunan dan aturannya berubah antartahun.",
        "en": "Indicative: the IID has few yearly points and its rules change between years.",
    },
    "tg_actual": {"id": "Capaian", "en": "Actual"},
    "tg_required": {"id": "Jalur yang dibutuhkan", "en": "Required path"},
    "tg_projection": {"id": "Proyeksi tren", "en": "Trend projection"},
    "tg_band": {"id": "Rentang proyeksi", "en": "Projection range"},
    "tg_target": {"id": "Target", "en": "Target"},
    "tg_chart_title": {"id": "{name}: menuju target {year}", "en": "{name}: toward the {year} target"},
    "tg_chart_subtitle": {
        "id": "Capaian, jalur yang dibutuhkan dan proyeksi tren; rentang dari variasi tahunan",
        "en": "Actual, required path and trend projection; range from year-to-year variability",
    },
    "tg_title": {"id": "Target: {name}", "en": "Targets: {name}"},
    "tg_caption": {
        "id": "Apakah daerah sesuai jalur menuju target RPJMD, apa yang dibutuhkan, dan indikator mana yang menutup selisihnya.",
        "en": "Is the region on track for its RPJMD target, what does it take, and which indicators close the gap.",
    },
    "tg_choose": {"id": "Target", "en": "Target"},
    "tg_custom": {"id": "Ketik target sendiri", "en": "Type a target"},
    "tg_value": {"id": "Nilai target", "en": "Target value"},
    "tg_year": {"id": "Tahun target", "en": "Target year"},
    "tg_gain": {"id": "Asumsi kenaikan per tahun (kosong = tren)", "en": "Assumed yearly gain (empty = trend)"},
    "tg_latest": {"id": "Nilai terakhir ({year})", "en": "Latest value ({year})"},
    "tg_gap": {"id": "Selisih ke target", "en": "Gap to target"},
    "tg_required_gain": {"id": "Perlu naik / tahun", "en": "Needed / year"},
    "tg_trend": {"id": "Tren / tahun", "en": "Trend / year"},
    "tg_status": {"id": "Status", "en": "Status"},
    "tg_method": {"id": "Metode: {m}", "en": "Method: {m}"},
    "tg_no_stored": {
        "id": "Belum ada target tersimpan untuk daerah ini; ketik target di bawah.",
        "en": "No stored target for this region; type one below.",
    },
    "wi_title": {"id": "Simulasi indikator", "en": "Indicator what-if"},
    "wi_caption": {
        "id": "Mulai dari nilai indikator terakhir ({year}); ubah level, jumlah inovasi atau urusan pelayanan dasar. Aturan tahun {rule}: k = {k}, skor jumlah inovasi = min(n, {cap}) × {factor}, syarat {req} dari 6 urusan.",
        "en": "Start from the latest indicator values ({year}); change levels, the number of innovations or basic-service affairs. Rule year {rule}: k = {k}, count score = min(n, {cap}) × {factor}, {req} of 6 affairs required.",
    },
    "wi_rule_year": {"id": "Tahun aturan", "en": "Rule year"},
    "wi_n": {"id": "Jumlah inovasi dilaporkan", "en": "Innovations reported"},
    "wi_bs": {"id": "Urusan pelayanan dasar tercakup (dari 6)", "en": "Basic-service affairs covered (of 6)"},
    "wi_start": {"id": "Skor awal", "en": "Starting score"},
    "wi_result": {"id": "Skor simulasi", "en": "What-if score"},
    "wi_unavailable": {
        "id": "Simulasi indikator membutuhkan data indikator; tidak ada data indikator resmi untuk daerah ini.",
        "en": "The what-if needs indicator data; there is no published indicator data for this region.",
    },
    "gs_title": {"id": "Cari jalan tercepat ke target", "en": "Goal seek: the cheapest way to the target"},
    "gs_caption": {
        "id": "Langkah demi langkah, selalu pilih perbaikan yang memberi poin IID terbanyak per langkah (satu level satu indikator, satu inovasi, atau satu urusan).",
        "en": "Step by step, always the improvement with the most IID points per step (one level of one indicator, one innovation, or one affair).",
    },
    "gs_reached": {
        "id": "Target {target} tercapai dengan {steps} langkah: skor {score}.",
        "en": "Target {target} reached in {steps} steps: score {score}.",
    },
    "gs_already": {"id": "Skor simulasi sudah memenuhi target.", "en": "The what-if score already meets the target."},
    "gs_impossible": {
        "id": "Target {target} tidak dapat dicapai: skor tertinggi yang mungkin menurut aturan {rule} adalah {max}.",
        "en": "Target {target} cannot be reached: the highest possible score under the {rule} rules is {max}.",
    },
    "gs_col_lever": {"id": "Perbaikan", "en": "Improvement"},
    "gs_col_from": {"id": "Dari", "en": "From"},
    "gs_col_to": {"id": "Menjadi", "en": "To"},
    "gs_col_points": {"id": "Poin IID", "en": "IID points"},
    "sc_title": {"id": "Skenario", "en": "Scenarios"},
    "sc_name": {"id": "Nama skenario", "en": "Scenario name"},
    "sc_author": {"id": "Dibuat oleh (bebas)", "en": "Made by (free text)"},
    "sc_save": {"id": "Simpan skenario", "en": "Save scenario"},
    "sc_saved": {"id": "Skenario “{name}” tersimpan.", "en": "Scenario “{name}” saved."},
    "sc_name_required": {"id": "Beri nama skenario terlebih dahulu.", "en": "Give the scenario a name first."},
    "sc_none": {"id": "Belum ada skenario tersimpan untuk daerah ini.", "en": "No saved scenario for this region."},
    "sc_open": {"id": "Buka", "en": "Open"},
    "sc_delete": {"id": "Hapus", "en": "Delete"},
    "sc_compare": {"id": "Bandingkan skenario (2–3)", "en": "Compare scenarios (2–3)"},
    "sc_current": {"id": "Simulasi saat ini", "en": "Current what-if"},
    "nav_compare": {"id": "Bandingkan", "en": "Compare"},
    "nav_trend": {"id": "Tren", "en": "Trend"},
    "cmp_title": {"id": "Bandingkan daerah", "en": "Compare regions"},
    "cmp_caption": {
        "id": "Pilih 1–10 daerah; rata-rata nasional dan provinsi ikut tampil sebagai pembanding.",
        "en": "Pick 1–10 regions; national and provincial averages come along as context.",
    },
    "cmp_pick": {"id": "Daerah yang dibandingkan", "en": "Regions to compare"},
    "cmp_quick": {"id": "Pilihan cepat untuk {name}", "en": "Quick picks for {name}"},
    "peer_kind": {"id": "Skor terdekat ({kind})", "en": "Nearest scores ({kind})"},
    "peer_province": {"id": "Satu provinsi", "en": "Same province"},
    "peer_predicate": {"id": "Predikat sama", "en": "Same predicate"},
    "peer_top10": {"id": "10 teratas nasional", "en": "National top 10"},
    "tab_latest": {"id": "Terbaru", "en": "Latest"},
    "tab_time": {"id": "Dari waktu ke waktu", "en": "Over time"},
    "tab_indicators": {"id": "Indikator", "en": "Indicators"},
    "tab_map": {"id": "Peta", "en": "Map"},
    "tab_table": {"id": "Tabel", "en": "Table"},
    "cmp_latest_title": {"id": "Skor IID {year}", "en": "IID score {year}"},
    "cmp_latest_subtitle": {
        "id": "Label: skor · peringkat nasional dalam jenisnya · persentil; latar = batas predikat; arsir = data contoh",
        "en": "Labels: score · national rank within its kind · percentile; shaded = predicate bands; hatched = sample",
    },
    "rank_note": {
        "id": "Selisih dua atau tiga peringkat tidak bermakna: skor yang berdekatan dapat bertukar tempat karena perbedaan kecil.",
        "en": "A difference of two or three places is not meaningful: close scores can swap places on small differences.",
    },
    "show_rank": {"id": "Tampilkan", "en": "Show"},
    "show_score": {"id": "Skor", "en": "Score"},
    "show_rank_opt": {"id": "Peringkat", "en": "Rank"},
    "years_range": {"id": "Tahun", "en": "Years"},
    "axis_rank": {"id": "Peringkat (1 = terbaik)", "en": "Rank (1 = best)"},
    "axis_change": {"id": "Perubahan skor", "en": "Score change"},
    "rank_title": {"id": "Peringkat nasional per tahun", "en": "National rank by year"},
    "rank_subtitle": {
        "id": "Dalam klaster masing-masing (provinsi, kota, kabupaten)",
        "en": "Within each cluster (province, city, regency)",
    },
    "ref_national": {"id": "Rata-rata nasional {kind}", "en": "National average, {kind}"},
    "ref_province": {"id": "Rata-rata kab/kota {prov}", "en": "Regencies/cities average, {prov}"},
    "heat_title": {"id": "Poin per indikator terhadap maksimum", "en": "Points per indicator against the maximum"},
    "heat_subtitle": {
        "id": "Tahun data indikator terakhir; kiri = indikator dengan selisih terbesar terhadap pembanding terbaik",
        "en": "Latest indicator year; left = indicators with the largest gap to the best peer",
    },
    "heat_source": {"id": "Sumber: data indikator (data contoh)", "en": "Source: indicator data (sample)"},
    "weakest_sentence": {
        "id": "{name}: tiga indikator yang paling banyak mengurangi poin — {items}.",
        "en": "{name}: the three indicators that cost most points — {items}.",
    },
    "no_indicators": {
        "id": "Belum ada data indikator untuk daerah terpilih.",
        "en": "No indicator data for the selected regions.",
    },
    "map_title": {"id": "Provinsi menurut skor IID {year}", "en": "Provinces by IID score {year}"},
    "map_subtitle": {
        "id": "Satu kotak per provinsi, kira-kira di letaknya",
        "en": "One square per province, roughly where it lies",
    },
    "map_colour": {"id": "Warna menurut", "en": "Colour by"},
    "map_year": {"id": "Tahun", "en": "Year"},
    "map_add": {"id": "Tambahkan provinsi ke perbandingan", "en": "Add a province to the comparison"},
    "ranking_kind": {"id": "Peringkat nasional", "en": "National ranking"},
    "download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "too_many": {
        "id": "Paling banyak 10 daerah; sisanya diabaikan.",
        "en": "At most 10 regions; the rest are ignored.",
    },
    "unknown_codes": {
        "id": "Kode daerah tidak dikenal diabaikan: {codes}.",
        "en": "Unknown region codes ignored: {codes}.",
    },
    "pick_one": {"id": "Pilih sedikitnya satu daerah.", "en": "Pick at least one region."},
    "dist_title": {"id": "Sebaran skor semua {kind} per tahun", "en": "Spread of all {kind} scores by year"},
    "dist_subtitle": {
        "id": "Kotak = kuartil; garis = daerah terpilih",
        "en": "Box = quartiles; line = the selected region",
    },
    "dist_all": {"id": "Semua daerah sejenis", "en": "All regions of the kind"},
    "movers_title": {"id": "Naik dan turun terbesar {year}", "en": "Biggest rises and falls {year}"},
    "movers_subtitle": {
        "id": "Perubahan skor dari {prev}, daerah sejenis",
        "en": "Score change from {prev}, same kind",
    },
    "trend_page_title": {"id": "Tren: {name}", "en": "Trend: {name}"},
    "trend_summary": {"id": "Ringkasan", "en": "Summary"},
    "sum_change": {
        "id": "Skor {name} {direction} {delta} poin dari {first} ({a}) ke {last} ({b}).",
        "en": "{name}'s score {direction} {delta} points from {first} ({a}) to {last} ({b}).",
    },
    "dir_up": {"id": "naik", "en": "rose"},
    "dir_down": {"id": "turun", "en": "fell"},
    "dir_flat": {"id": "tetap", "en": "stayed"},
    "sum_best": {"id": "Tahun terbaik: {year} ({score}).", "en": "Best year: {year} ({score})."},
    "sum_predicate": {"id": "Predikat terakhir: {p} ({year}).", "en": "Latest predicate: {p} ({year})."},
    "sum_years_in": {"id": "Tahun per predikat: {items}.", "en": "Years per predicate: {items}."},
    "sum_rank": {"id": "Peringkat {year}: {rank} dari {of} {kind}.", "en": "Rank in {year}: {rank} of {of} {kinds}."},
    "story_score_title": {"id": "{name}: skor IID {year}", "en": "{name}: IID score {year}"},
    "story_score_subtitle": {
        "id": "Skor 0–100 pada batas predikat tahun itu",
        "en": "Score 0–100 on that year's predicate bands",
    },
    "nav_present": {"id": "Presentasi", "en": "Presentation"},
    "present_mode": {"id": "Mode presentasi", "en": "Presentation mode"},
    "present_help": {
        "id": "Tampilan proyektor: tanpa sidebar, huruf besar, satu grafik per layar. Juga lewat ?present=1.",
        "en": "Projector view: no sidebar, large type, one chart per screen. Also via ?present=1.",
    },
    "present_exit": {"id": "Keluar dari mode presentasi", "en": "Leave presentation mode"},
    "story_title_headline": {"id": "{name}", "en": "{name}"},
    "story_title_sub": {
        "id": "Indeks Inovasi Daerah {first}–{last} · {kind}, {province}",
        "en": "Regional Innovation Index {first}–{last} · {kind}, {province}",
    },
    "story_data_published": {
        "id": "Sumber data: hasil yang dipublikasikan (lihat catatan).",
        "en": "Data: published results (see notes).",
    },
    "story_data_sample": {
        "id": "Sumber data: hasil yang dipublikasikan dan DATA CONTOH untuk tahun tanpa skor resmi.",
        "en": "Data: published results and SAMPLE DATA for years without an official score.",
    },
    "story_score": {
        "id": "Skor IID {year}: {score} — {predicate}{change}{rank}.",
        "en": "IID score {year}: {score} — {predicate}{change}{rank}.",
    },
    "story_score_nopub": {
        "id": "IID {year}: predikat {predicate} (skor tidak dipublikasikan).",
        "en": "IID {year}: {predicate} (score not published).",
    },
    "story_change": {"id": ", {delta} dari {year}", "en": ", {delta} from {year}"},
    "story_rank": {"id": "; peringkat {rank} dari {of} {kinds}", "en": "; rank {rank} of {of} {kinds}"},
    "story_peers": {
        "id": "Di antara {n} {kinds} se-{province}: peringkat {rank}; persentil nasional {pct}.",
        "en": "Among {n} {kinds} in {province}: rank {rank}; national percentile {pct}.",
    },
    "story_peers_national": {
        "id": "Peringkat {rank} dari {n} {kinds} secara nasional; persentil {pct}. Pembanding: skor terdekat.",
        "en": "Rank {rank} of {n} {kinds} nationally; percentile {pct}. Peers: the nearest scores.",
    },
    "story_peers_title": {"id": "{name} dan daerah pembanding", "en": "{name} and its peers"},
    "story_target": {
        "id": "Target {value} pada {year}: {status} — perlu naik {req} poin per tahun.",
        "en": "Target {value} by {year}: {status} — a gain of {req} points a year is needed.",
    },
    "story_scenario": {
        "id": "Skenario “{name}”: skor {score} ({delta} dari skor terakhir).",
        "en": "Scenario “{name}”: score {score} ({delta} from the latest score).",
    },
    "story_scenario_title": {"id": "Skenario tersimpan", "en": "Saved scenarios"},
    "story_commitments": {"id": "{n} komitmen inovasi daerah.", "en": "{n} innovation commitments."},
    "story_prev": {"id": "Sebelumnya", "en": "Previous"},
    "story_next": {"id": "Berikutnya", "en": "Next"},
    "story_step": {"id": "Layar {i} dari {n}", "en": "Screen {i} of {n}"},
    "download_deck": {"id": "Unduh PowerPoint", "en": "Download PowerPoint"},
    "download_png": {"id": "PNG 1920×1080", "en": "PNG 1920×1080"},
    "download_png_slide": {"id": "PNG ukuran slide", "en": "PNG slide size"},
    "download_svg": {"id": "SVG", "en": "SVG"},
    "download_xlsx": {"id": "Unduh Excel", "en": "Download Excel"},
    "export_unavailable": {
        "id": "Ekspor gambar membutuhkan Chromium (jalankan `make chromium`): {err}",
        "en": "Image export needs Chromium (run `make chromium`): {err}",
    },
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
