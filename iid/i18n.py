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
        "id": "Kode daerah “{code}” tidak dikenal. Menampilkan {default} sebagai gantinya; pilih daerah lain di kotak Daerah.",
        "en": "Region code “{code}” is unknown. Showing {default} instead; pick another region in the Region box.",
    },
    # ---- phones and small screens (ui.narrow_note, ui.SCREEN_CSS) ----
    "map_narrow": {
        "id": "Di layar sempit peta petak diganti oleh peringkat di bawah ini.",
        "en": "On a narrow screen the tile map gives way to the ranking below.",
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
        "id": "dihitung dari skor di basis data, bukan peringkat resmi",
        "en": "computed from the scores in the database, not an official rank",
    },
    "no_score": {"id": "Skor tidak dipublikasikan", "en": "Score not published"},
    "no_score_short": {"id": "tidak dipublikasikan", "en": "not published"},
    "no_data": {"id": "Belum ada data untuk daerah ini.", "en": "No data for this region yet."},
    "rest_loading": {"id": "Memuat bagian berikutnya…", "en": "Loading the rest of the page…"},
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
    "sample_source_label": {"id": "Data contoh", "en": "Sample data"},
    "xlsx_sources_sheet": {"id": "Sumber", "en": "Sources"},
    "source_col_source_id": {"id": "ID sumber", "en": "Source ID"},
    "source_col_kind": {"id": "Jenis", "en": "Kind"},
    "source_col_title": {"id": "Judul", "en": "Title"},
    "source_col_publisher": {"id": "Penerbit", "en": "Publisher"},
    "source_col_url": {"id": "URL", "en": "URL"},
    "source_col_document_ref": {"id": "Rujukan dokumen", "en": "Document reference"},
    "source_col_published_date": {"id": "Tanggal terbit", "en": "Published on"},
    "source_kind_published": {"id": "dipublikasikan", "en": "published"},
    "source_kind_sample": {"id": "data contoh", "en": "sample data"},
    "source_kind_imported": {"id": "diimpor", "en": "imported"},
    "sample_mark": {"id": "Data contoh", "en": "Sample data"},
    "own_mark": {"id": "Penilaian mandiri", "en": "Self-assessment"},
    "rc_band_up": {
        "id": "Batas {predicate} naik: {before} → {after}",
        "en": "{predicate} threshold up: {before} → {after}",
    },
    "rc_band_down": {
        "id": "Batas {predicate} turun: {before} → {after}",
        "en": "{predicate} threshold down: {before} → {after}",
    },
    "rc_band_new": {"id": "Predikat baru {predicate}: {after}", "en": "New predicate {predicate}: {after}"},
    "rc_band_gone": {
        "id": "Predikat {predicate} dihapus (tadinya {before})",
        "en": "{predicate} dropped (was {before})",
    },
    "rc_k_min": {"id": "k: {before} → {after}", "en": "k: {before} → {after}"},
    "rc_count_factor": {
        "id": "Poin per inovasi: {before} → {after}",
        "en": "Points per innovation: {before} → {after}",
    },
    "rc_count_cap": {
        "id": "Inovasi dihitung maks.: {before} → {after}",
        "en": "Innovations counted, max.: {before} → {after}",
    },
    "rc_basic_services_required": {
        "id": "Urusan pelayanan dasar wajib: {before} → {after} dari 6",
        "en": "Basic services required: {before} → {after} of 6",
    },
    "rc_max_total": {"id": "Skor total maks.: {before} → {after}", "en": "Maximum total: {before} → {after}"},
    "rc_indicative": {"id": "indikatif", "en": "indicative"},
    "rc_short_band": {"id": "{predicate}: {before} → {after}", "en": "{predicate}: {before} → {after}"},
    "rc_short_basic_services_required": {
        "id": "Urusan pelayanan dasar: {before} → {after} dari 6",
        "en": "Basic services: {before} → {after} of 6",
    },
    "rc_hover_title": {"id": "Aturan berubah mulai {year}", "en": "Rules change from {year}"},
    "rc_hover_indicative": {
        "id": "indikatif: aturan salah satu tahun belum terkonfirmasi",
        "en": "indicative: one of the two years' rules is not confirmed",
    },
    "rc_hover_k": {"id": "k = pembagi minimum jumlah inovasi", "en": "k = minimum divisor of the innovation count"},
    "rank_trace_published": {"id": "Peringkat resmi", "en": "Published rank"},
    "rank_trace_computed": {"id": "Peringkat dihitung", "en": "Computed rank"},
    "rank_trace_computed_sample": {"id": "Peringkat dihitung (data contoh)", "en": "Computed rank (sample data)"},
    "pred_only_legend": {
        "id": "Hanya predikat (skor tidak dipublikasikan)",
        "en": "Predicate only (score not published)",
    },
    "trend_title_year": {"id": "Skor IID {name}, {year}", "en": "IID score of {name}, {year}"},
    "targets": {"id": "Target", "en": "Targets"},
    "commitments": {"id": "Komitmen", "en": "Commitments"},
    "events": {"id": "Peristiwa", "en": "Events"},
    "sources": {"id": "Sumber", "en": "Sources"},
    "no_sources": {
        "id": "Belum ada sumber: daerah ini belum punya angka di sini.",
        "en": "No sources: this region has no figures here yet.",
    },
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
    "table_rank": {"id": "Peringkat", "en": "Rank"},
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
    "status_missed": {"id": "Tidak tercapai", "en": "Not met"},
    "explain_missed": {
        "id": "Target {target} pada {year} tidak tercapai: nilai {year} adalah {latest}, kurang {gap}. Pilih tahun "
        "target berikutnya untuk melihat laju yang dibutuhkan.",
        "en": "The {year} target of {target} was not met: the {year} value is {latest}, {gap} short. Pick a later "
        "target year to see the pace needed.",
    },
    "story_target_missed": {
        "id": "Target {value} pada {year}: tidak tercapai — nilai {year} adalah {latest}.",
        "en": "Target {value} by {year}: not met — the {year} value is {latest}.",
    },
    "explain_achieved": {
        "id": "Nilai terakhir {latest} sudah memenuhi target {target}.",
        "en": "The latest value {latest} already meets the target {target}.",
    },
    "explain_insufficient": {
        "id": "Status belum dapat dihitung: metode ini membutuhkan sedikitnya {n} tahun data yang sebanding (tersedia {have}).",
        "en": "No status yet: the method needs at least {n} comparable years of data ({have} available).",
    },
    "rule_on_track": {"id": "r ≥ 1", "en": "r ≥ 1"},
    "rule_moderate": {"id": "0,5 ≤ r < 1", "en": "0.5 ≤ r < 1"},
    "rule_stagnating": {"id": "0 ≤ r < 0,5", "en": "0 ≤ r < 0.5"},
    "short_by": {"id": "kurang {x} poin dari target", "en": "{x} points short of the target"},
    "above_by": {"id": "melampaui target {x} poin", "en": "{x} points above the target"},
    "short_by_count": {"id": "kurang {x} dari target", "en": "{x} short of the target"},
    "above_by_count": {"id": "melampaui target sebanyak {x}", "en": "{x} above the target"},
    "reached_in": {
        "id": "Target tercapai pada {year} dengan laju ini.",
        "en": "The target is reached in {year} at this pace.",
    },
    "reached_late": {
        "id": "Dengan laju ini, nilai {value} tercapai pada {year}: {n} tahun setelah tahun target {target_year}.",
        "en": "At this pace, {value} is reached in {year}: {n} year(s) after the target year {target_year}.",
    },
    "tg_chart_subtitle_plain": {
        "id": "Capaian tiap tahun dan target {year}",
        "en": "Actual values each year and the {year} target",
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
    "tg_status": {"id": "Status", "en": "Status"},
    "tg_method": {"id": "Metode: {m}", "en": "Method: {m}"},
    "tg_method_sdsn": {
        "id": "panah tren Sustainable Development Report SDSN (linier)",
        "en": "SDSN Sustainable Development Report trend arrows (linear)",
    },
    "tg_no_stored": {
        "id": "Belum ada target tersimpan untuk daerah ini; ketik target di bawah.",
        "en": "No stored target for this region; type one below.",
    },
    "wi_title": {"id": "Simulasi indikator", "en": "Indicator what-if"},
    "wi_caption": {
        "id": "Mulai dari nilai indikator terakhir ({year}); ubah level (0–3, pecahan dengan koma: 1,5; klik dua kali pada sel), jumlah inovasi atau urusan pelayanan dasar. Aturan tahun {rule}: k = {k}, skor jumlah inovasi = min(n, {cap}) × {factor}, syarat {req} dari 6 urusan.",
        "en": "Start from the latest indicator values ({year}); change levels (0–3, fractions such as 1.5; double-click a cell), the number of innovations or basic-service affairs. Rule year {rule}: k = {k}, count score = min(n, {cap}) × {factor}, {req} of 6 affairs required.",
    },
    "wi_rule_year": {"id": "Tahun aturan", "en": "Rule year"},
    "wi_n": {"id": "Jumlah inovasi dilaporkan", "en": "Innovations reported"},
    "wi_bs": {"id": "Urusan pelayanan dasar tercakup (dari 6)", "en": "Basic-service affairs covered (of 6)"},
    "wi_unavailable": {
        "id": "Simulasi indikator membutuhkan data indikator; tidak ada data indikator resmi untuk daerah ini.",
        "en": "The what-if needs indicator data; there is no published indicator data for this region.",
    },
    "gs_title": {"id": "Cari jalan tercepat ke target", "en": "Goal seek: the cheapest way to the target"},
    "gs_caption": {
        "id": "Langkah demi langkah, selalu pilih perbaikan yang memberi poin IID terbanyak per langkah (satu level satu indikator, satu inovasi, atau satu urusan).",
        "en": "Step by step, always the improvement with the most IID points per step (one level of one indicator, one innovation, or one affair).",
    },
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
    # the columns of the scenarios side by side (whatif.compare): the parts in points of 100
    "sc_col_scenario": {"id": "Skenario", "en": "Scenario"},
    "sc_col_score": {"id": "Skor", "en": "Score"},
    "sc_col_spd": {"id": "SPD (poin)", "en": "SPD (points)"},
    "sc_col_sid": {"id": "SID (poin)", "en": "SID (points)"},
    "sc_col_count": {"id": "Jumlah inovasi (poin)", "en": "Innovation count (points)"},
    "sc_col_n": {"id": "Inovasi dilaporkan", "en": "Innovations reported"},
    "sc_col_basic_services": {"id": "Urusan pelayanan dasar", "en": "Basic-service affairs"},
    "sc_author": {"id": "Dibuat oleh: {name} (dari akun)", "en": "Made by: {name} (from the account)"},
    "sc_save": {"id": "Simpan skenario", "en": "Save scenario"},
    "sc_saved": {"id": "Skenario “{name}” tersimpan.", "en": "Scenario “{name}” saved."},
    "sc_name_required": {"id": "Beri nama skenario terlebih dahulu.", "en": "Give the scenario a name first."},
    "sc_none": {"id": "Belum ada skenario tersimpan untuk daerah ini.", "en": "No saved scenario for this region."},
    "sc_open": {"id": "Buka", "en": "Open"},
    "sc_delete": {"id": "Hapus", "en": "Delete"},
    "sc_compare": {"id": "Bandingkan skenario (2–3)", "en": "Compare scenarios (2–3)"},
    "sc_current": {"id": "Simulasi saat ini", "en": "Current what-if"},
    # ---- Target page: every figure names its years; what-if names its rule year (issue 10, items 6–7) ----
    "tg_required_window": {"id": "Perlu naik/tahun {t}→{ty}", "en": "Needed/year {t}→{ty}"},
    "tg_trend_window": {"id": "Laju/tahun {t0}–{t}", "en": "Pace/year {t0}–{t}"},
    "tg_trend_plain": {"id": "Laju/tahun", "en": "Pace/year"},
    "tg_required_help": {
        "id": "Kenaikan per tahun yang masih dibutuhkan, garis lurus dari nilai {t} ke target pada {ty}: ({target} − {latest}) / {n} tahun.",
        "en": "The yearly gain still needed, a straight line from the {t} value to the target in {ty}: ({target} − {latest}) / {n} years.",
    },
    "tg_trend_help": {
        "id": "Laju teramati: rata-rata kenaikan per tahun {t0}–{t} = ({latest} − {first}) / {n} tahun. Laju yang sama dipakai status SDSN dan proyeksi.",
        "en": "Observed pace: the mean yearly change {t0}–{t} = ({latest} − {first}) / {n} years. The SDSN status and the projection use this same pace.",
    },
    "tg_trend_none": {
        "id": "Butuh sedikitnya dua tahun data untuk laju teramati.",
        "en": "The observed pace needs at least two years of data.",
    },
    "explain_ratio_window": {
        "id": "Laju teramati {obs} per tahun ({t0}–{t}) adalah {pct} dari laju yang dibutuhkan dari {t0} ke {ty} ({req} per tahun): {status} menurut metode SDSN ({rule}).",
        "en": "The observed pace of {obs} a year ({t0}–{t}) is {pct} of the pace needed from {t0} to {ty} ({req} a year): {status} by the SDSN method ({rule}).",
    },
    "explain_decreasing_window": {
        "id": "Nilai turun {obs} per tahun ({t0}–{t}), padahal dibutuhkan kenaikan {req} per tahun dari {t0} ke {ty}: menurun menurut metode SDSN.",
        "en": "The value fell {obs} a year ({t0}–{t}), while a gain of {req} a year from {t0} to {ty} is needed: decreasing by the SDSN method.",
    },
    "explain_from_now": {
        "id": "SDSN mengukur kebutuhan dari awal jendela ({t0}); dari {t} masih perlu {now} per tahun.",
        "en": "SDSN measures the need from the window's start ({t0}); from {t}, {now} a year is still needed.",
    },
    "projection_observed": {
        "id": "Dengan laju teramati {pace} per tahun ({t0}–{t}): {proj} pada {year}, {diff}.",
        "en": "At the observed pace of {pace} a year ({t0}–{t}): {proj} in {year}, {diff}.",
    },
    "projection_assumed": {
        "id": "Dengan asumsi kenaikan {pace} per tahun: {proj} pada {year}, {diff}.",
        "en": "At an assumed gain of {pace} a year: {proj} in {year}, {diff}.",
    },
    "tg_required_legend": {"id": "Jalur yang dibutuhkan ({t}→{ty})", "en": "Required path ({t}→{ty})"},
    "tg_projection_observed": {"id": "Proyeksi (laju {t0}–{t})", "en": "Projection (pace {t0}–{t})"},
    "tg_projection_assumed": {"id": "Proyeksi (asumsi {pace}/tahun)", "en": "Projection (assumed {pace}/year)"},
    "tg_chart_subtitle_window": {
        "id": "Rentang proyeksi dari variasi tahunan {t0}–{t}",
        "en": "Projection range from year-to-year variability {t0}–{t}",
    },
    "wi_profile_scored": {
        "id": "Profil {year} dinilai dengan aturan {rule}: {score}",
        "en": "The {year} profile scored with the {rule} rules: {score}",
    },
    "wi_profile_own": {
        "id": " (dengan aturan {year} sendiri: {score})",
        "en": " (with its own {year} rules: {score})",
    },
    "wi_rule_effect": {
        "id": "Perubahan aturan saja: {delta} poin. Proyeksi tren di atas memakai skor tiap tahun menurut aturannya sendiri, tanpa perubahan ini.",
        "en": "The change of rules alone: {delta} points. The trend projection above uses each year's score under its own rules, without this change.",
    },
    "wi_rule_default": {
        "id": "Aturan tahun target ({year}) dipakai sebagai bawaan.",
        "en": "The target year's rules ({year}) are the default.",
    },
    "wi_rule_fallback": {
        "id": "Aturan {year} belum ada dalam data; dipakai aturan terbaru yang tersedia ({rule}).",
        "en": "The {year} rules are not in the data; the latest rules available ({rule}) are used.",
    },
    "wi_rule_chosen": {
        "id": "Tahun aturan dipilih sendiri: {rule} (bawaan untuk target {year}: aturan {default}).",
        "en": "Rule year chosen by hand: {rule} (the default for a {year} target: the {default} rules).",
    },
    "wi_rule_help": {
        "id": "Aturan (k, skor jumlah inovasi, syarat urusan pelayanan dasar) yang dipakai untuk skor simulasi. Bawaan: aturan tahun target.",
        "en": "The rules (k, count score, basic-service requirement) the what-if score is computed by. Default: the target year's rules.",
    },
    "wi_start_rule": {
        "id": "Skor awal (profil {year}, aturan {rule})",
        "en": "Starting score ({year} profile, {rule} rules)",
    },
    "wi_level_help": {
        "id": "Level 0–3 (0 = tidak diisi); rata-rata antarinovasi boleh pecahan, mis. 1,5.",
        "en": "Level 0–3 (0 = not filled); a mean over innovations may be a fraction, e.g. 1.5.",
    },
    "wi_level_invalid": {
        "id": "Level harus angka 0–3 (mis. 2 atau 1,5); tidak dipakai: {cells}.",
        "en": "A level is a number from 0 to 3 (e.g. 2 or 1.5); not used: {cells}.",
    },
    "wi_result_rule": {"id": "Skor simulasi (aturan {rule})", "en": "What-if score ({rule} rules)"},
    "wi_predicate_rule": {
        "id": "Predikat (aturan {rule}, batas {bands})",
        "en": "Predicate ({rule} rules, {bands} bands)",
    },
    "wi_bands_fallback": {
        "id": "Batas predikat {rule} belum ada dalam data; predikat simulasi memakai batas {bands} (terbaru yang dikonfirmasi).",
        "en": "The {rule} predicate bands are not in the data; the what-if predicate uses the {bands} bands (latest confirmed).",
    },
    "wi_reset": {"id": "Kembali ke profil {year}", "en": "Back to the {year} profile"},
    "gs_reached_rule": {
        "id": "Target {target} tercapai menurut aturan {rule} dengan {steps} langkah: skor {score}.",
        "en": "Target {target} reached under the {rule} rules in {steps} steps: score {score}.",
    },
    "gs_already_rule": {
        "id": "Skor simulasi menurut aturan {rule} sudah memenuhi target.",
        "en": "The what-if score under the {rule} rules already meets the target.",
    },
    "sc_search": {"id": "Cari skenario (nama atau pembuat)", "en": "Search scenarios (name or author)"},
    "sc_page": {"id": "Halaman", "en": "Page"},
    "sc_count": {
        "id": "{total} skenario · halaman {page} dari {pages} · terbaru di atas",
        "en": "{total} scenarios · page {page} of {pages} · newest first",
    },
    "sc_count_one": {"id": "1 skenario · halaman {page} dari {pages}", "en": "1 scenario · page {page} of {pages}"},
    "sc_no_match": {"id": "Tidak ada skenario yang cocok dengan pencarian.", "en": "No scenario matches the search."},
    "sc_row_result": {"id": "skor simulasi {score} (aturan {rule})", "en": "what-if score {score} ({rule} rules)"},
    "sc_opened": {
        "id": "Skenario “{name}” dibuka: target {value} pada {year}, aturan {rule}.",
        "en": "Scenario “{name}” opened: target {value} in {year}, {rule} rules.",
    },
    "sc_compare_placeholder": {"id": "Pilih skenario", "en": "Pick scenarios"},
    "sc_compare_rule": {
        "id": "Semua skenario dinilai dengan aturan {rule}.",
        "en": "Every scenario scored with the {rule} rules.",
    },
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
        "id": "Tahun data indikator terakhir; baris teratas = indikator dengan selisih terbesar terhadap pembanding terbaik",
        "en": "Latest indicator year; top rows = indicators with the largest gap to the best peer",
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
    "dist_title": {"id": "Sebaran skor semua {kind} per tahun", "en": "Spread of the scores of all {kind} by year"},
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
    # ---- iid/narrative.py: what happened between two years ----
    "nar_up": {"id": "naik {delta} poin dari {year}", "en": "up {delta} points from {year}"},
    "nar_down": {"id": "turun {delta} poin dari {year}", "en": "down {delta} points from {year}"},
    "nar_flat": {"id": "sama dengan {year}", "en": "unchanged from {year}"},
    "nar_but": {"id": ", tetapi ", "en": ", but "},
    "nar_and": {"id": " dan ", "en": " and "},
    "nar_pred_up": {"id": "naik ke {p}", "en": "rose to {p}"},
    "nar_pred_down": {"id": "turun ke {p}", "en": "fell to {p}"},
    "nar_pred_same": {"id": "tetap {p}", "en": "stayed {p}"},
    "nar_pred_up_because": {"id": "naik ke {p} karena {reason}", "en": "rose to {p} because {reason}"},
    "nar_pred_down_because": {"id": "turun ke {p} karena {reason}", "en": "fell to {p} because {reason}"},
    "nar_also": {"id": " ({reason})", "en": " ({reason})"},
    "nar_band_rose": {
        "id": "batas {band} naik dari {a} ke {b}",
        "en": "the {band} threshold rose from {a} to {b}",
    },
    "nar_band_fell": {
        "id": "batas {band} turun dari {a} ke {b}",
        "en": "the {band} threshold fell from {a} to {b}",
    },
    "nar_score": {"id": "Skor IID {year}: {score} ({kind})", "en": "IID score {year}: {score} ({kind})"},
    "nar_noscore": {"id": "IID {year}: skor tidak dipublikasikan", "en": "IID {year}: score not published"},
    "nar_pred": {"id": "predikat {p}", "en": "{p}"},
    "nar_rank": {"id": "peringkat {rank} {kinds} ({basis})", "en": "rank {rank} {kinds} ({basis})"},
    "nar_few": {
        "id": "baru {n} dari {of} {kinds} punya skor {year}, jadi belum ada peringkat nasional",
        "en": "only {n} of {of} {kinds} have a {year} score so far, so there is no national rank",
    },
    "pred_delta_up": {"id": "naik dari {p}", "en": "up from {p}"},
    "pred_delta_down": {"id": "turun dari {p}", "en": "down from {p}"},
    "own_badge": {"id": "Penilaian mandiri / tidak resmi", "en": "Self-assessment / unofficial"},
    "own_note": {
        "id": "Sebagian angka di tampilan ini diimpor sebagai penilaian mandiri, bukan hasil resmi BSKDN.",
        "en": "Some figures in this view were imported as a self-assessment, not official BSKDN results.",
    },
    "dist_none": {
        "id": "Sebaran nasional tidak ditampilkan: belum ada tahun yang skornya tersedia untuk sedikitnya 80% {kinds}.",
        "en": "No national distribution: no year has scores for at least 80% of {kinds} yet.",
    },
    "nar_later": {
        "id": "Perbandingan memakai {year}, tahun terakhir dengan skor untuk sedikitnya 80% {kinds}; {few}",
        "en": "The comparison uses {year}, the latest year with scores for at least 80% of {kinds}; {few}",
    },
    "no_ranks": {
        "id": "Belum ada peringkat untuk daerah ini: tidak ada peringkat yang dipublikasikan, dan peringkat hanya "
        "dihitung untuk tahun dengan skor sedikitnya 80% daerah sejenis.",
        "en": "No rank for this region yet: none was published, and ranks are computed only for years with scores "
        "for at least 80% of regions of its kind.",
    },
    "cmp_no_scores": {
        "id": "Tidak ada daerah pilihan yang punya skor {year} dalam tampilan ini.",
        "en": "No chosen region has a {year} score in this view.",
    },
    "tg_rule_caveat": {
        "id": "Status ini mengikuti tren skor. Dengan aturan {rule}, profil {year} yang sama bernilai {delta} poin "
        "(k, jumlah inovasi dan urusan pelayanan dasar berubah): target bisa meleset walau tren sesuai jalur. "
        "Lihat Simulasi indikator di bawah.",
        "en": "This status follows the score's trend. Under the {rule} rules the same {year} profile is worth {delta} "
        "points (k, the innovation count and the basic-services rule change): the target can be missed even on "
        "this trend. See the indicator simulation below.",
    },
    "data_kind": {"id": "Jenis data", "en": "Kind of data"},
    "score_kind_published": {"id": "dipublikasikan", "en": "published"},
    "score_kind_own": {"id": "penilaian mandiri / tidak resmi", "en": "self-assessment / unofficial"},
    "score_kind_sample": {"id": "data contoh", "en": "sample data"},
    "score_kind_none": {"id": "", "en": ""},
    "sum_change": {
        "id": "Skor {name} {direction} {delta} poin dari {first} ({a}) ke {last} ({b}).",
        "en": "{name}'s score {direction} {delta} points from {first} ({a}) to {last} ({b}).",
    },
    "dir_up": {"id": "naik", "en": "rose"},
    "dir_down": {"id": "turun", "en": "fell"},
    "dir_flat": {"id": "tetap", "en": "stayed"},
    "sum_best": {"id": "Tahun terbaik: {year} ({score}).", "en": "Best year: {year} ({score})."},
    "sum_years_in": {"id": "Tahun per predikat: {items}.", "en": "Years per predicate: {items}."},
    "story_score_title": {"id": "{name}: skor IID {year}", "en": "{name}: IID score {year}"},
    "story_score_short": {"id": "Skor IID {year}: {score}", "en": "IID score {year}: {score}"},
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
    "story_peers": {
        "id": "Di antara {n} {kinds} se-{province}: peringkat {rank}; persentil nasional {pct}.",
        "en": "Among {n} {kinds} in {province}: rank {rank}; national percentile {pct}.",
    },
    "story_peers_rank_only": {
        "id": "Peringkat {rank} di antara {kinds} secara nasional (peringkat yang dipublikasikan, tanpa jumlah daerah "
        "yang diperingkat). Pembanding: skor terdekat.",
        "en": "Rank {rank} among {kinds} nationally (the published rank, which does not say how many were ranked). "
        "Peers: the nearest scores.",
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
    "story_scenario_rule": {
        "id": "Skenario “{name}” (aturan {rule}): skor {score} ({delta} dari skor terakhir).",
        "en": "Scenario “{name}” ({rule} rules): score {score} ({delta} from the latest score).",
    },
    "story_scenario_gain": {
        "id": "Skenario “{name}” (aturan {rule}): skor {score}, {delta} dari profil {year} dengan aturan yang sama "
        "({start}).",
        "en": "Scenario “{name}” ({rule} rules): score {score}, {delta} on the {year} profile under the same rules "
        "({start}).",
    },
    "story_scenario_start": {"id": "Profil {year} (aturan {rule})", "en": "{year} profile ({rule} rules)"},
    "story_scenario_source": {
        "id": "Sumber: skenario tersimpan di dasbor ini (simulasi, bukan skor resmi)",
        "en": "Source: scenarios saved in this dashboard (simulations, not official scores)",
    },
    "story_rule_short": {"id": "aturan {rule}", "en": "{rule} rules"},
    "story_scenario_title": {"id": "Skenario tersimpan", "en": "Saved scenarios"},
    "story_commitment_one": {"id": "1 komitmen inovasi daerah.", "en": "1 innovation commitment."},
    "story_commitments": {"id": "{n} komitmen inovasi daerah.", "en": "{n} innovation commitments."},
    "story_col_pledge": {"id": "Komitmen (register {year})", "en": "Pledge (register {year})"},
    "months": {
        "id": "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
        "en": "January,February,March,April,May,June,July,August,September,October,November,December",
    },
    "profile_printed": {"id": "dicetak {date}", "en": "printed {date}"},
    "profile_trend": {"id": "Perjalanan skor", "en": "The score over time"},
    "profile_peers": {"id": "Di antara pembanding", "en": "Among peers"},
    "profile_weakest": {"id": "Poin yang hilang", "en": "Where points are lost"},
    "profile_target": {"id": "Target", "en": "Target"},
    "profile_pledges": {"id": "Komitmen dan capaiannya", "en": "Pledges and their progress"},
    "profile_sources": {"id": "Sumber", "en": "Sources"},
    "profile_foot": {
        "id": "Profil Indeks Inovasi Daerah dari Dasbor IID. Angka resmi berasal dari publikasi yang disebut; "
        "angka bertanda Data contoh dibuat untuk peragaan dan bukan angka resmi.",
        "en": "Regional Innovation Index profile from the IID dashboard. Official figures come from the publications "
        "named; figures marked Sample data are made for demonstration and are not official.",
    },
    "profile_no_chromium": {
        "id": "Chromium tidak ditemukan: pasang dengan make chromium.",
        "en": "Chromium was not found: install it with make chromium.",
    },
    "download_profile": {"id": "Profil A4 (PDF)", "en": "A4 profile (PDF)"},
    "data_series": {"id": "Seri", "en": "Series"},
    "data_category": {"id": "Kategori", "en": "Category"},
    "data_value": {"id": "Nilai", "en": "Value"},
    "panel_chart": {"id": "Grafik", "en": "Chart"},
    "panel_table": {"id": "Tabel", "en": "Table"},
    "panel_sources": {"id": "Sumber", "en": "Sources"},
    # ---- a11y (WCAG 2.1 AA): a chart's text alternative, read by screen readers before the chart ----
    "chart_alt": {
        "id": "Grafik: {title}. {subtitle} Angka yang digambar grafik ini ada di tab Tabel.",
        "en": "Chart: {title}. {subtitle} The figures this chart draws are in the Table tab.",
    },
    "chart_alt_plain": {"id": "Grafik: {title}. {subtitle}", "en": "Chart: {title}. {subtitle}"},
    # ---- end a11y ----
    "panel_download": {"id": "Unduh data", "en": "Download data"},
    "panel_cite": {
        "id": "Kutip: {title}. {source}. {url} (diakses {date}).",
        "en": "Cite: {title}. {source}. {url} (retrieved {date}).",
    },
    "panel_imported": {"id": "Data terakhir diimpor {date}.", "en": "Data last imported {date}."},
    "panel_built": {
        "id": "Belum ada impor; data dari berkas data/ (dibangun {date}).",
        "en": "No imports yet; data from the data/ files (built {date}).",
    },
    "panel_no_sources": {"id": "Tidak ada sumber tercatat.", "en": "No source recorded."},
    "story_weakest_short": {
        "id": "Poin paling banyak hilang di {name} (−{loss}).",
        "en": "Most points are lost on {name} (−{loss}).",
    },
    "story_weakest_sub": {
        "id": "Poin IID yang hilang terhadap nilai maksimum tiap indikator, tahun data indikator terakhir",
        "en": "IID points lost against each indicator's maximum, latest indicator year",
    },
    "story_col_progress": {"id": "Capaian", "en": "Progress"},
    "story_col_lost": {"id": "Poin hilang", "en": "Points lost"},
    "story_col_rank": {"id": "Peringkat", "en": "Rank"},
    "story_col_publisher": {"id": "Penerbit", "en": "Publisher"},
    "story_col_title": {"id": "Judul", "en": "Title"},
    "story_weakest_title": {
        "id": "{name}: indikator dengan poin hilang terbanyak",
        "en": "{name}: the indicators that lose most points",
    },
    "story_levers_basis": {
        "id": "Dari profil indikator {year}, dihitung menurut aturan {rule}.",
        "en": "From the {year} indicator profile, scored under the {rule} rules.",
    },
    "story_portfolio": {
        "id": "{n} inovasi diusulkan pada {year}; {done} sudah diterapkan.",
        "en": "{n} innovations proposed in {year}; {done} implemented.",
    },
    "story_sources": {"id": "{n} sumber data.", "en": "{n} data sources."},
    "story_next_title": {"id": "Langkah berikutnya untuk {name}", "en": "Next steps for {name}"},
    "story_next_levers": {
        "id": "Perbaikan dengan poin terbanyak per langkah: {items}.",
        "en": "The improvements with most points per step: {items}.",
    },
    "story_next_weakest": {"id": "Perbaiki lebih dulu: {items}.", "en": "Improve first: {items}."},
    "story_next_pledge": {"id": "Komitmen “{pledge}”: {short}.", "en": "Pledge “{pledge}”: {short}."},
    "story_next_sample": {
        "id": "Ganti data contoh dengan angka resmi (menu Data → impor, publikasi resmi).",
        "en": "Replace the sample data with official figures (Data → import, official publication).",
    },
    "story_next_keep": {
        "id": "Pertahankan capaian; perbarui data setiap pengumuman IID.",
        "en": "Keep the pace; update the data at every IID announcement.",
    },
    "story_compare_time": {"id": "{n} daerah dari waktu ke waktu.", "en": "{n} regions over time."},
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
    "nav_data": {"id": "Data", "en": "Data"},
    "data_title": {"id": "Data: impor, sumber, kualitas", "en": "Data: import, sources, quality"},
    "data_caption": {
        "id": "Masukkan hasil resmi atau penilaian mandiri tanpa pengembang; setiap impor tercatat dan dapat dibatalkan.",
        "en": "Bring in official results or self-assessments without a developer; every import is recorded and can be undone.",
    },
    "tab_import": {"id": "Impor", "en": "Import"},
    "tab_history": {"id": "Riwayat impor", "en": "Import history"},
    "tab_sources": {"id": "Sumber", "en": "Sources"},
    "tab_quality": {"id": "Kualitas data", "en": "Data quality"},
    "tab_download": {"id": "Unduh semua", "en": "Download all"},
    "imp_kind": {"id": "Jenis data", "en": "Kind of data"},
    "kind_scores": {"id": "Skor IID", "en": "IID scores"},
    "kind_indicators": {"id": "Skor indikator", "en": "Indicator scores"},
    "kind_targets": {"id": "Target", "en": "Targets"},
    "imp_templates": {"id": "Templat", "en": "Templates"},
    "imp_file": {"id": "Berkas CSV atau XLSX", "en": "CSV or XLSX file"},
    "imp_source_title": {
        "id": "Judul sumber (mis. Kepmendagri 400.10.11-6097/2025)",
        "en": "Source title (e.g. decree number)",
    },
    "imp_publisher": {"id": "Penerbit", "en": "Publisher"},
    "imp_url": {"id": "URL sumber", "en": "Source URL"},
    "imp_ref": {"id": "Rujukan dokumen", "en": "Document reference"},
    "imp_published": {
        "id": "Sumber ini publikasi resmi (wajib URL atau rujukan)",
        "en": "This source is an official publication (needs a URL or reference)",
    },
    "imp_add": {"id": "Baris baru", "en": "New rows"},
    "imp_change": {"id": "Mengubah nilai", "en": "Changing a value"},
    "imp_same": {"id": "Sama", "en": "Unchanged"},
    "imp_rejected": {"id": "Ditolak", "en": "Rejected"},
    "imp_problems": {
        "id": "Berkas ditolak seluruhnya; perbaiki baris di bawah lalu unggah lagi. Basis data tidak berubah.",
        "en": "The file is refused as a whole; fix the rows below and upload again. The database is unchanged.",
    },
    "imp_confirm": {"id": "Simpan {n} baris", "en": "Save {n} rows"},
    "imp_done": {
        "id": "Impor #{id} tersimpan: {add} baru, {change} berubah.",
        "en": "Import #{id} saved: {add} new, {change} changed.",
    },
    "imp_nothing": {"id": "Tidak ada baris baru atau berubah.", "en": "No new or changed rows."},
    "hist_undo": {"id": "Batalkan #{id}", "en": "Undo #{id}"},
    "hist_undone": {
        "id": "Impor #{id} dibatalkan; nilai sebelumnya dipulihkan.",
        "en": "Import #{id} undone; previous values restored.",
    },
    "hist_none": {"id": "Belum ada impor.", "en": "No imports yet."},
    "src_add": {"id": "Tambah atau ubah sumber", "en": "Add or edit a source"},
    "src_edit": {"id": "Sumber yang diubah (kosong = baru)", "en": "Source to edit (empty = new)"},
    "src_kind": {"id": "Jenis", "en": "Kind"},
    "src_title": {"id": "Judul", "en": "Title"},
    "src_date": {"id": "Tanggal terbit", "en": "Published on"},
    "src_note": {"id": "Catatan", "en": "Note"},
    "src_save": {"id": "Simpan sumber", "en": "Save source"},
    "src_saved": {"id": "Sumber tersimpan.", "en": "Source saved."},
    "q_missing": {"id": "Daerah tanpa data resmi per tahun", "en": "Regions without published data by year"},
    "q_mismatch": {"id": "Predikat yang tidak sesuai skor", "en": "Predicates that disagree with scores"},
    "q_jumps": {
        "id": "Lonjakan tidak wajar (lebih dari {x} poin setahun)",
        "en": "Implausible jumps (more than {x} points a year)",
    },
    "q_dupes": {"id": "Sumber ganda (URL sama)", "en": "Duplicate sources (same URL)"},
    "q_none": {"id": "Tidak ada.", "en": "None."},
    "dl_zip": {"id": "Unduh seluruh basis data (ZIP berisi CSV)", "en": "Download the whole database (ZIP of CSVs)"},
    "dl_zip_help": {
        "id": "Format yang sama dengan yang dibaca `python -m iid build --from FOLDER`.",
        "en": "The same format `python -m iid build --from FOLDER` reads.",
    },
    "nav_innovations": {"id": "Inovasi", "en": "Innovations"},
    "inv_title": {"id": "Inovasi: {name}", "en": "Innovations: {name}"},
    "inv_caption": {
        "id": "Register inovasi daerah, komitmen, kompetisi dan keberlanjutan — pengganti spreadsheet Bapperida.",
        "en": "The region's innovation register, pledges, competitions and sustainability — instead of spreadsheets.",
    },
    "inv_year": {"id": "Tahun", "en": "Year"},
    "inv_empty": {
        "id": "Register daerah ini masih kosong. Tambahkan baris di tabel atau impor templat di tab Impor.",
        "en": "This region's register is empty. Add rows in the table or import the template in the Import tab.",
    },
    "itab_register": {"id": "Register", "en": "Register"},
    "itab_commit": {"id": "Komitmen", "en": "Commitments"},
    "itab_portfolio": {"id": "Portofolio", "en": "Portfolio"},
    "itab_competition": {"id": "Kompetisi", "en": "Competitions"},
    "itab_sustain": {"id": "Keberlanjutan", "en": "Sustainability"},
    "itab_score": {"id": "Dampak ke skor", "en": "Effect on the score"},
    "itab_import": {"id": "Impor dan riwayat", "en": "Import and history"},
    "inv_claimed": {"id": "Diklaim (bukan draf)", "en": "Claimed (not draft)"},
    "inv_verified": {"id": "Terverifikasi", "en": "Verified"},
    "inv_all": {"id": "Semua baris {year}", "en": "All rows {year}"},
    "inv_save": {"id": "Simpan perubahan", "en": "Save changes"},
    "inv_saved": {"id": "Tersimpan sebagai perubahan #{batch}.", "en": "Saved as change #{batch}."},
    "inv_nochange": {
        "id": "Tidak ada perubahan untuk disimpan. Untuk menyunting sel: klik dua kali (atau pilih lalu tekan Enter), "
        "ketik, lalu tekan Enter atau Tab sebelum menyimpan.",
        "en": "Nothing to save. To edit a cell: double-click it (or select it and press Enter), type, then press "
        "Enter or Tab before saving.",
    },
    "inv_rejected": {"id": "Tidak disimpan; perbaiki yang berikut:", "en": "Not saved; fix the following:"},
    "inv_filter_status": {"id": "Status", "en": "Status"},
    "inv_search": {"id": "Cari judul atau unit", "en": "Search title or unit"},
    "inv_stage_all": {"id": "Semua tahap", "en": "All stages"},
    "inv_page": {"id": "Halaman", "en": "Page"},
    "inv_page_count": {
        "id": "{total} inovasi cocok · halaman {page} dari {pages}",
        "en": "{total} matching innovations · page {page} of {pages}",
    },
    "inv_no_match": {"id": "Tidak ada inovasi yang cocok.", "en": "No innovation matches."},
    "inv_page_locked": {
        "id": "Simpan atau buang suntingan di tabel dulu untuk pindah halaman atau mengubah pencarian.",
        "en": "Save or discard the edits in the table first to change page or search.",
    },
    "inv_discard": {"id": "Buang suntingan", "en": "Discard edits"},
    "commit_units_short": {"id": "{n} unit belum memenuhi", "en": "{n} units short"},
    "commit_met": {"id": "{a} dari {b} unit memenuhi", "en": "{a} of {b} units meet it"},
    "commit_total": {"id": "{n} dari {q} inovasi pada {year}", "en": "{n} of {q} innovations in {year}"},
    "commit_pace": {
        "id": "Perlu {x} inovasi per bulan selama {m} bulan tersisa.",
        "en": "{x} innovations a month needed over the {m} months left.",
    },
    "commit_closed": {"id": "Tahun {year} sudah berakhir.", "en": "The year {year} has ended."},
    "commit_none_entered": {"id": "Unit tanpa inovasi di {comp}", "en": "Units with no entry in {comp}"},
    "inv_funnel": {"id": "Tahap inovasi {year}", "en": "Innovation stages {year}"},
    "inv_funnel_sub": {"id": "Inisiatif → uji coba → penerapan", "en": "Initiative → trial → implemented"},
    "inv_by_form": {"id": "Menurut bentuk", "en": "By form"},
    "inv_by_urusan": {"id": "Menurut urusan", "en": "By government affair"},
    "inv_by_year": {"id": "Per tahun usulan", "en": "By year proposed"},
    "inv_digital": {"id": "Inovasi digital", "en": "Digital innovations"},
    "inv_by_unit": {"id": "Menurut unit", "en": "By unit"},
    "inv_count": {"id": "jumlah inovasi", "en": "number of innovations"},
    "comp_choose": {"id": "Kompetisi", "en": "Competition"},
    "comp_title": {
        "id": "{comp} {year}: peserta per tahap",
        "en": "{comp} {year}: entries by stage",
    },
    "comp_rules": {"id": "Aturan kelompok (dari data)", "en": "Grouping rules (from data)"},
    "sus_caption": {
        "id": "Inovasi tanpa tim, SOP atau anggaran: daftar yang dikejar sebelum mutasi pegawai.",
        "en": "Innovations without a team, an SOP or a budget: the list to chase before staff rotation.",
    },
    "score_caption": {
        "id": "Perkiraan bagian inovasi dari IID menurut register ({year}), rumus aturan {rule}: Σ indikator per inovasi / MAX(k, n) + skor jumlah inovasi.",
        "en": "Estimated innovation part of the IID from the register ({year}), rule year {rule}: Σ per-innovation indicators / MAX(k, n) + count score.",
    },
    "score_sid": {"id": "Poin indikator inovasi", "en": "Innovation indicator points"},
    "score_count": {"id": "Poin jumlah inovasi", "en": "Count points"},
    "score_n": {"id": "Inovasi dihitung", "en": "Innovations counted"},
    "score_bs": {"id": "Urusan pelayanan dasar", "en": "Basic-service affairs"},
    "score_levers": {"id": "Kenaikan level yang paling menambah skor", "en": "Level rises that add most to the score"},
    "imp_register": {"id": "Impor register (CSV/XLSX)", "en": "Import the register (CSV/XLSX)"},
    "imp_register_done": {
        "id": "Impor tersimpan sebagai perubahan #{batch}.",
        "en": "Import saved as change #{batch}.",
    },
    "download_template": {"id": "Unduh templat", "en": "Download template"},
    "download_register": {"id": "Unduh register (XLSX)", "en": "Download the register (XLSX)"},
    "undo_batch": {"id": "Batalkan perubahan #{batch}", "en": "Undo change #{batch}"},
    "undone_batch": {"id": "Perubahan #{batch} dibatalkan.", "en": "Change #{batch} undone."},
    "inv_add": {"id": "Tambah inovasi", "en": "Add an innovation"},
    "inv_f_title": {"id": "Judul inovasi", "en": "Innovation title"},
    "inv_f_form": {"id": "Bentuk", "en": "Form"},
    "inv_f_stage": {"id": "Tahap", "en": "Stage"},
    "inv_f_urusan": {"id": "Urusan pemerintahan", "en": "Government affair"},
    "inv_f_team": {"id": "Ada tim", "en": "Has a team"},
    "inv_f_budget": {"id": "Ada anggaran", "en": "Has a budget"},
    "inv_stale": {
        "id": "Register ini diubah orang lain sejak tabel dibuka. Suntingan Anda tetap di tabel sampai disimpan.",
        "en": "Someone else changed this register since the table opened. Your edits stay in the table until saved.",
    },
    "inv_conflict": {
        "id": "Belum disimpan: {n} baris yang Anda sunting juga diubah orang lain setelah tabel dibuka. "
        "Suntingan Anda masih di tabel. Bandingkan di bawah, lalu simpan versi Anda atau muat ulang.",
        "en": "Not saved: {n} rows you edited were also changed by someone else after the table opened. "
        "Your edits are still in the table. Compare below, then save your version or reload.",
    },
    "inv_conflict_column": {"id": "Kolom", "en": "Column"},
    "inv_conflict_shown": {"id": "Saat tabel dibuka", "en": "When the table opened"},
    "inv_conflict_saved": {"id": "Disimpan orang lain", "en": "Saved by someone else"},
    "inv_conflict_yours": {"id": "Suntingan Anda", "en": "Your edit"},
    "inv_conflict_mine": {"id": "Simpan versi saya untuk baris ini", "en": "Save my version of these rows"},
    "inv_conflict_reload": {
        "id": "Buang suntingan saya dan muat ulang",
        "en": "Discard my edits and reload",
    },
    # table headers: one per field a table on the Inovasi or Data page shows (iid/display.py)
    "col_id": {"id": "ID", "en": "ID"},
    "col_unit": {"id": "Unit", "en": "Unit"},
    "col_unit_type": {"id": "Jenis unit", "en": "Unit type"},
    "col_title": {"id": "Judul", "en": "Title"},
    "col_form": {"id": "Bentuk", "en": "Form"},
    "col_digital": {"id": "Digital", "en": "Digital"},
    "col_urusan": {"id": "Urusan", "en": "Government affair"},
    "col_stage": {"id": "Tahap", "en": "Stage"},
    "col_status": {"id": "Status", "en": "Status"},
    "col_year_proposed": {"id": "Tahun usul", "en": "Year proposed"},
    "col_proposed_on": {"id": "Tanggal usul", "en": "Proposed on"},
    "col_year_applied": {"id": "Tahun terap", "en": "Year applied"},
    "col_competitions": {"id": "Kompetisi", "en": "Competitions"},
    "col_has_team": {"id": "Tim", "en": "Team"},
    "col_has_sop": {"id": "SOP", "en": "SOP"},
    "col_has_budget": {"id": "Anggaran", "en": "Budget"},
    "col_evidence": {"id": "Bukti", "en": "Evidence"},
    "col_count": {"id": "Jumlah inovasi", "en": "Innovations"},
    "col_short_by": {"id": "Kurang", "en": "Short by"},
    "col_entries": {"id": "Inovasi yang diikutkan", "en": "Entries"},
    "col_group_name": {"id": "Kelompok", "en": "Group"},
    "col_missing": {"id": "Belum ada", "en": "Missing"},
    "col_indicator": {"id": "Indikator", "en": "Indicator"},
    "col_level": {"id": "Level", "en": "Level"},
    "col_gain": {"id": "Tambahan skor IID", "en": "IID points added"},
    "col_batch_id": {"id": "Perubahan", "en": "Change"},
    "col_changed_at": {"id": "Waktu", "en": "When"},
    "col_rows": {"id": "Baris", "en": "Rows"},
    "col_actions": {"id": "Tindakan", "en": "Actions"},
    "col_note": {"id": "Catatan", "en": "Note"},
    "col_undone": {"id": "Dibatalkan", "en": "Undone"},
    "col_file": {"id": "Berkas", "en": "File"},
    "col_row": {"id": "Baris", "en": "Row"},
    "col_column": {"id": "Kolom", "en": "Column"},
    "col_value": {"id": "Nilai", "en": "Value"},
    "col_problem": {"id": "Masalah", "en": "Problem"},
    "col_import_id": {"id": "Impor", "en": "Import"},
    "col_kind": {"id": "Jenis data", "en": "Kind of data"},
    "col_file_name": {"id": "Berkas", "en": "File"},
    "col_imported_at": {"id": "Diimpor", "en": "Imported"},
    "col_rows_added": {"id": "Baris baru", "en": "Rows added"},
    "col_rows_changed": {"id": "Baris berubah", "en": "Rows changed"},
    "col_undone_at": {"id": "Dibatalkan", "en": "Undone"},
    "col_source_title": {"id": "Sumber", "en": "Source"},
    "col_source_kind": {"id": "Jenis sumber", "en": "Kind of source"},
    "col_url": {"id": "URL", "en": "URL"},
    "col_source_id": {"id": "ID", "en": "ID"},
    "col_publisher": {"id": "Penerbit", "en": "Publisher"},
    "col_document_ref": {"id": "Rujukan dokumen", "en": "Document reference"},
    "col_published_date": {"id": "Tanggal terbit", "en": "Published on"},
    "col_scores": {"id": "Skor tersimpan", "en": "Scores stored"},
    "col_year": {"id": "Tahun", "en": "Year"},
    "col_region_kind": {"id": "Jenis daerah", "en": "Kind of region"},
    "col_without_published": {"id": "Tanpa data resmi", "en": "Without published data"},
    "col_regions": {"id": "Jumlah daerah", "en": "Regions"},
    "col_region_code": {"id": "Kode", "en": "Code"},
    "col_display_name": {"id": "Daerah", "en": "Region"},
    "col_score": {"id": "Skor", "en": "Score"},
    "col_predicate": {"id": "Predikat", "en": "Predicate"},
    "col_stated_predicate": {"id": "Predikat tertulis", "en": "Stated predicate"},
    "col_derived_predicate": {"id": "Predikat menurut skor", "en": "Predicate by the score"},
    "col_prev_year": {"id": "Tahun sebelumnya", "en": "Previous year"},
    "col_prev": {"id": "Skor sebelumnya", "en": "Previous score"},
    "col_change": {"id": "Perubahan", "en": "Change"},
    "col_score_is_sample": {"id": "Data contoh", "en": "Sample data"},
    "col_n": {"id": "Jumlah", "en": "Count"},
    "col_sources": {"id": "Sumber", "en": "Sources"},
    "col_rank": {"id": "Peringkat", "en": "Rank"},
    "col_rank_of": {"id": "Peringkat dari", "en": "Rank of"},
    "col_indicator_code": {"id": "Indikator", "en": "Indicator"},
    "col_metric": {"id": "Ukuran", "en": "Measure"},
    "col_target_year": {"id": "Tahun target", "en": "Target year"},
    "col_plan_document": {"id": "Dokumen rencana", "en": "Plan document"},
    "col_comparator": {"id": "Pembanding", "en": "Comparator"},
    "col_predicate_named": {"id": "Predikat sasaran", "en": "Target predicate"},
    "col_old": {"id": "{label} (lama)", "en": "{label} (before)"},
    "col_old_source": {"id": "Sumber sebelumnya", "en": "Source before"},
    # register values: what a code means (iid/register.py stores the codes)
    "status_draft": {"id": "Draf", "en": "Draft"},
    "status_diajukan": {"id": "Diajukan", "en": "Submitted"},
    "status_revisi": {"id": "Revisi", "en": "Needs revision"},
    "status_terverifikasi": {"id": "Terverifikasi", "en": "Verified"},
    "action_insert": {"id": "ditambahkan", "en": "added"},
    "action_update": {"id": "diubah", "en": "changed"},
    "action_delete": {"id": "dihapus", "en": "removed"},
    "value_yes": {"id": "ya", "en": "yes"},
    "value_no": {"id": "tidak", "en": "no"},
    "inv_month": {"id": "Bulan", "en": "Month"},
    "inv_cumulative": {"id": "Inovasi sejak Januari", "en": "Innovations since January"},
    "src_new": {"id": "(sumber baru)", "en": "(a new source)"},
    "url_invalid": {
        "id": "URL `{field}` tidak sah: tulis alamat lengkap yang diawali http:// atau https://, tanpa spasi, "
        "tanda kurung atau tanda kutip.",
        "en": "The `{field}` URL is not valid: write a full address starting with http:// or https://, without "
        "spaces, brackets or quotes.",
    },
    "db_missing": {
        "id": "Basis data belum dibuat. Jalankan `make run` atau `python -m iid build`.",
        "en": "The database has not been built. Run `make run` or `python -m iid build`.",
    },
    # why a database file cannot be opened, and what to do (iid.db.DatabaseUnavailable)
    "db_directory": {
        "id": "`{path}` adalah folder, bukan berkas basis data. Pindahkan atau ganti nama folder itu, atau arahkan "
        "IID_DB ke berkas lain, lalu jalankan `python -m iid build`.",
        "en": "`{path}` is a folder, not a database file. Move or rename that folder, or point IID_DB at another "
        "file, then run `python -m iid build`.",
    },
    "db_empty": {
        "id": "Berkas basis data `{path}` kosong (0 byte), sisa proses yang terhenti. Jalankan `python -m iid build` "
        "untuk membuatnya lagi dari data/.",
        "en": "The database file `{path}` is empty (0 bytes), left by an interrupted process. Run "
        "`python -m iid build` to make it again from data/.",
    },
    "db_not_database": {
        "id": "`{path}` bukan basis data IID (bukan berkas DuckDB), jadi tidak ditimpa. Pindahkan berkas itu atau "
        "arahkan IID_DB ke berkas lain, lalu jalankan `python -m iid build`.",
        "en": "`{path}` is not an IID database (not a DuckDB file), so it is not overwritten. Move that file or "
        "point IID_DB at another file, then run `python -m iid build`.",
    },
    "db_damaged": {
        "id": "Basis data `{path}` rusak ({detail}); isinya tidak dapat dibaca. Simpan berkas itu di tempat lain "
        "(mis. `mv {path} {path}.rusak`), lalu jalankan `python -m iid build`; masukan sejak ekspor terakhir perlu "
        "dimasukkan lagi.",
        "en": "The database `{path}` is damaged ({detail}); it cannot be read. Keep the file elsewhere (e.g. "
        "`mv {path} {path}.damaged`), then run `python -m iid build`; entries since the last export must be made "
        "again.",
    },
    "db_stale_wal": {
        "id": "Berkas log `{path}.wal` bukan milik basis data ini (sisa pembangunan ulang yang terhenti), jadi basis "
        "data tidak dapat dibuka. Jalankan `python -m iid build`: log itu disisihkan (tidak dihapus) dan data Anda "
        "dibawa.",
        "en": "The log file `{path}.wal` does not belong to this database (left by an interrupted rebuild), so the "
        "database cannot be opened. Run `python -m iid build`: the log is set aside (not deleted) and your data "
        "is carried over.",
    },
    # issue 13, the PostgreSQL store (iid/store.py)
    "store_shared": {
        "id": "Penyimpanan bersama: PostgreSQL `{where}`",
        "en": "Shared store: PostgreSQL `{where}`",
    },
    "store_shared_help": {
        "id": "Semua server aplikasi dan baris perintah menulis ke penyimpanan ini. Yang disimpan orang lain tampil "
        "di sini dalam satu-dua detik (muat ulang halaman). Dua orang menyimpan baris yang sama: yang pertama "
        "tersimpan, yang kedua diberi tahu dan melihat isian orang pertama.",
        "en": "Every app server and the command line write to this store. What others save shows here within a "
        "second or two (reload the page). Two people saving the same row: the first is saved, the second is told "
        "and shown the first person's entry.",
    },
    "db_store_unreachable": {
        "id": "Penyimpanan PostgreSQL `{path}` tidak dapat dihubungi: {detail}. Periksa alamat, nama pengguna dan "
        "kata sandi di IID_DB, dan bahwa server PostgreSQL menyala.",
        "en": "The PostgreSQL store `{path}` cannot be reached: {detail}. Check the address, user and password in "
        "IID_DB, and that the PostgreSQL server is running.",
    },
    "db_store_empty": {
        "id": "Penyimpanan PostgreSQL `{path}` belum berisi data IID. Isi dulu: `python -m iid build --to {path}` "
        "(dari data/) atau `python -m iid migrate --from data/iid.duckdb --to {path}`.",
        "en": "The PostgreSQL store `{path}` holds no IID data yet. Fill it first: `python -m iid build --to {path}` "
        "(from data/) or `python -m iid migrate --from data/iid.duckdb --to {path}`.",
    },
    "db_store_lost": {
        "id": "Penyimpanan PostgreSQL `{path}` terputus saat menyimpan; tidak ada yang tersimpan. Coba lagi sebentar "
        "lagi; bila terus terjadi, periksa server PostgreSQL. ({detail})",
        "en": "The PostgreSQL store `{path}` went away while saving; nothing was saved. Try again in a moment; if it "
        "keeps happening, check the PostgreSQL server. ({detail})",
    },
    "db_store_not_empty": {
        "id": "Penyimpanan PostgreSQL `{path}` sudah berisi tabel ({detail}); tidak ditimpa. Pakai basis data "
        "PostgreSQL yang kosong, atau tambahkan --replace bila isinya memang boleh dibuang.",
        "en": "The PostgreSQL store `{path}` already holds tables ({detail}); it is not overwritten. Use an empty "
        "PostgreSQL database, or add --replace if its contents may really be thrown away.",
    },
    "db_locked": {
        "id": "Basis data `{path}` sedang dipakai proses lain (misalnya aplikasi). Tutup proses itu lalu ulangi. "
        "({detail})",
        "en": "The database `{path}` is in use by another process (e.g. the app). Stop it and try again. ({detail})",
    },
    "db_folder_unwritable": {
        "id": "Folder `{folder}` tidak dapat ditulisi, jadi basis data `{path}` tidak dapat dibuat atau diubah. "
        "Beri izin tulis pada folder itu, atau arahkan IID_DB ke folder lain.",
        "en": "The folder `{folder}` is not writable, so the database `{path}` cannot be made or changed. Allow "
        "writing to that folder, or point IID_DB at another folder.",
    },
    "db_file_unwritable": {
        "id": "Berkas basis data `{path}` tidak dapat ditulisi (izin berkas). Beri izin tulis (`chmod u+w {path}`) "
        "atau jalankan sebagai pemilik berkas.",
        "en": "The database file `{path}` is not writable (file permissions). Allow writing (`chmod u+w {path}`) or "
        "run as the file's owner.",
    },
    "db_read_only_fs": {
        "id": "`{folder}` ada di sistem berkas hanya-baca, jadi basis data tidak dapat dibuat atau diubah. Arahkan "
        "IID_DB ke folder yang dapat ditulisi (mis. `IID_DB=/tmp/iid.duckdb`), lalu jalankan `python -m iid build`.",
        "en": "`{folder}` is on a read-only file system, so the database cannot be made or changed. Point IID_DB at "
        "a writable folder (e.g. `IID_DB=/tmp/iid.duckdb`), then run `python -m iid build`.",
    },
    "db_build_failed": {
        "id": "Basis data belum ada dan tidak dapat dibuat dari data/: {detail}. Perbaiki berkas itu, lalu muat ulang "
        "halaman ini.",
        "en": "There is no database yet and it cannot be made from data/: {detail}. Correct that file, then reload "
        "this page.",
    },
    "db_other": {
        "id": "Basis data `{path}` tidak dapat dibuka: {detail}. Periksa berkasnya, atau buat lagi dengan "
        "`python -m iid build`.",
        "en": "The database `{path}` cannot be opened: {detail}. Check the file, or make it again with "
        "`python -m iid build`.",
    },
    # iid/auth.py: a write refused for want of a role, and role changes that cannot be made
    "auth_forbidden": {
        "id": "Ditolak: {who} tidak berhak {what}{where}; perlu peran `{role}`. Tidak ada yang diubah.",
        "en": "Refused: {who} may not {what}{where}; this needs the `{role}` role. Nothing was changed.",
    },
    "auth_where": {"id": " untuk {regions}", "en": " for {regions}"},
    "auth_who_anonymous": {"id": "pengunjung yang belum masuk", "en": "a visitor who is not signed in"},
    "auth_giver": {"id": "Peran diberikan oleh admin: {admins}.", "en": "An admin gives roles: {admins}."},
    "auth_giver_none": {
        "id": "Belum ada admin; admin pertama ditambahkan dari baris perintah: "
        "`python -m iid user add EMAIL --role admin`.",
        "en": "There is no admin yet; add the first from the command line: `python -m iid user add EMAIL --role admin`.",
    },
    "auth_do_register": {"id": "mengubah register inovasi", "en": "change the innovation register"},
    "auth_do_scenario": {"id": "menyimpan atau menghapus skenario", "en": "save or delete scenarios"},
    "auth_do_target": {"id": "mengubah target", "en": "change targets"},
    "auth_do_import": {"id": "mengimpor data", "en": "import data"},
    "auth_do_undo": {"id": "membatalkan impor", "en": "undo an import"},
    "auth_do_sources": {"id": "menambah atau mengubah sumber", "en": "add or change sources"},
    "auth_do_roles": {"id": "memberi atau mencabut peran", "en": "give or take back roles"},
    "auth_bad_role": {
        "id": "Peran `{role}` tidak dikenal; gunakan salah satu: {roles}.",
        "en": "Unknown role `{role}`; use one of: {roles}.",
    },
    "auth_bad_email": {
        "id": "`{email}` bukan alamat e-mail; peran diberikan ke alamat yang dipakai untuk masuk.",
        "en": "`{email}` is not an e-mail address; roles are given to the address people sign in with.",
    },
    "auth_bad_region": {
        "id": "Kode daerah `{region}` tidak dikenal; gunakan kode Kemendagri, mis. 64.74.",
        "en": "Unknown region code `{region}`; use a Kemendagri code, e.g. 64.74.",
    },
    "auth_admin_region": {
        "id": "Peran `admin` berlaku untuk semua daerah; hapus `--region`.",
        "en": "The `admin` role covers every region; leave out `--region`.",
    },
    "auth_no_user": {"id": "Tidak ada akun `{email}`.", "en": "There is no account `{email}`."},
    "auth_last_admin": {
        "id": "`{email}` adalah admin terakhir; beri peran admin kepada orang lain dulu (atau cabut dari baris "
        "perintah).",
        "en": "`{email}` is the last admin; give the admin role to someone else first (or remove it from the "
        "command line).",
    },
    # sign-in, roles and the admin page (iid/ui.py account_sidebar / can_edit, pages/users.py)
    "nav_users": {"id": "Pengguna", "en": "Users"},
    "acct_local": {
        "id": "Mode lokal: satu pengguna dengan semua hak, hanya dari komputer ini",
        "en": "Local mode: one user with every right, from this computer only",
    },
    "acct_local_help": {
        "id": "Aplikasi dilayani di 127.0.0.1 tanpa sign-in. Untuk berbagi di jaringan, nyalakan sign-in "
        "(bagian `[auth]` di `.streamlit/secrets.toml`, lihat README).",
        "en": "The app is served on 127.0.0.1 without sign-in. To share it on a network, turn sign-in on "
        "(the `[auth]` section of `.streamlit/secrets.toml`, see the README).",
    },
    "acct_read_only": {
        "id": "**Hanya baca.** Aplikasi ini dibuka di jaringan tanpa sign-in, jadi tidak ada yang bisa mengubah data. "
        "Untuk mengubah: nyalakan sign-in (bagian `[auth]` di `.streamlit/secrets.toml`, lihat README), atau "
        "jalankan di komputer sendiri dengan `make run` (hanya 127.0.0.1).",
        "en": "**Read only.** This app is served on a network without sign-in, so nobody can change data. To change "
        "data: turn sign-in on (the `[auth]` section of `.streamlit/secrets.toml`, see the README), or run it on "
        "your own computer with `make run` (127.0.0.1 only).",
    },
    "acct_misconfigured": {
        "id": "Sign-in belum lengkap: {missing} tidak ada (bagian `[auth]` di `.streamlit/secrets.toml`). "
        "Sampai dilengkapi, aplikasi hanya baca; lihat README.",
        "en": "Sign-in is not complete: {missing} missing (the `[auth]` section of `.streamlit/secrets.toml`). "
        "Until it is, the app is read only; see the README.",
    },
    "acct_signed_out": {
        "id": "Semua orang bisa melihat. Masuk untuk mengubah data daerah Anda.",
        "en": "Everyone can look. Sign in to change your region's data.",
    },
    "acct_login": {"id": "Masuk", "en": "Sign in"},
    "acct_logout": {"id": "Keluar", "en": "Sign out"},
    "acct_roles": {"id": "Peran", "en": "Roles"},
    "acct_roles_help": {
        "id": "`editor`: register inovasi, target dan skenario daerahnya · `data`: impor, pembatalan impor dan "
        "sumber · `admin`: memberi peran (dan semua hak). Tanpa peran: hanya melihat.",
        "en": "`editor`: the region's innovation register, targets and scenarios · `data`: imports, undoing them and "
        "sources · `admin`: gives roles (and holds every right). Without a role: look only.",
    },
    "acct_viewer": {"id": "pembaca (hanya melihat)", "en": "viewer (look only)"},
    "acct_no_email": {
        "id": "Penyedia identitas tidak memberi alamat e-mail yang terverifikasi; akun ini hanya bisa melihat.",
        "en": "The identity provider gave no verified e-mail address; this account can only look.",
    },
    "acct_all_regions": {"id": "semua daerah", "en": "all regions"},
    "edit_read_only": {
        "id": "Hanya baca: tanpa sign-in, aplikasi di jaringan tidak mengizinkan siapa pun {what}. Nyalakan sign-in "
        "(bagian `[auth]` di `.streamlit/secrets.toml`, lihat README).",
        "en": "Read only: served on a network without sign-in, this app lets nobody {what}. Turn sign-in on "
        "(the `[auth]` section of `.streamlit/secrets.toml`, see the README).",
    },
    "edit_sign_in": {
        "id": "Masuk (tombol **Masuk** di samping) untuk {what}.",
        "en": "Sign in (the **Sign in** button in the sidebar) to {what}.",
    },
    "edit_no_role": {
        "id": "Hanya melihat: {who} tidak berhak {what}{where}; perlu peran `{role}`.",
        "en": "Look only: {who} may not {what}{where}; this needs the `{role}` role.",
    },
    "col_email": {"id": "E-mail", "en": "E-mail"},
    "col_name": {"id": "Nama", "en": "Name"},
    "col_role": {"id": "Peran", "en": "Role"},
    "col_scope": {"id": "Daerah", "en": "Region"},
    "col_granted_at": {"id": "Diberikan", "en": "Given"},
    "col_granted_by_name": {"id": "Diberikan oleh", "en": "Given by"},
    "col_actor_name": {"id": "Oleh", "en": "By"},
    "col_undone_by_name": {"id": "Dibatalkan oleh", "en": "Undone by"},
    "col_role_action": {"id": "Perubahan", "en": "Change"},
    "role_action_grant": {"id": "diberikan", "en": "given"},
    "role_action_revoke": {"id": "dicabut", "en": "taken back"},
    "users_title": {"id": "Pengguna dan peran", "en": "Users and roles"},
    "users_caption": {
        "id": "Siapa boleh mengubah apa. Semua orang boleh melihat; peran diberikan ke alamat e-mail yang dipakai "
        "untuk masuk, per daerah atau untuk semua daerah.",
        "en": "Who may change what. Everyone may look; roles are given to the e-mail address people sign in with, "
        "for one region or for all.",
    },
    "users_none": {"id": "Belum ada akun dengan peran.", "en": "No accounts with roles yet."},
    "users_grant": {"id": "Beri peran", "en": "Give a role"},
    "users_email": {"id": "Alamat e-mail", "en": "E-mail address"},
    "users_name": {"id": "Nama (pilihan)", "en": "Name (optional)"},
    "users_role": {"id": "Peran", "en": "Role"},
    "users_region": {"id": "Daerah", "en": "Region"},
    "users_region_help": {
        "id": "Untuk `editor` dan `data`: satu daerah, atau semua daerah. `admin` selalu untuk semua daerah.",
        "en": "For `editor` and `data`: one region, or all regions. `admin` always covers all regions.",
    },
    "users_give": {"id": "Beri peran", "en": "Give role"},
    "users_given": {"id": "{email}: peran `{role}` diberikan{where}.", "en": "{email}: role `{role}` given{where}."},
    "users_had": {
        "id": "{email} sudah punya peran `{role}`{where}.",
        "en": "{email} already has role `{role}`{where}.",
    },
    "users_revoke": {"id": "Cabut peran", "en": "Take a role back"},
    "users_revoke_pick": {"id": "Peran yang dicabut", "en": "Role to take back"},
    "users_revoke_go": {"id": "Cabut", "en": "Take back"},
    "users_revoke_placeholder": {"id": "Pilih akun dan peran", "en": "Pick an account and role"},
    "users_revoked": {
        "id": "{email}: peran `{role}` dicabut{where}.",
        "en": "{email}: role `{role}` taken back{where}.",
    },
    "users_removed": {"id": "Akun {email} dihapus.", "en": "Account {email} removed."},
    "users_log": {"id": "Riwayat peran", "en": "Role log"},
    "users_log_none": {"id": "Belum ada perubahan peran.", "en": "No role changes yet."},
    # ---- teams, closing (helper "teams"): deleted scenarios and who deleted them (scenarios.deleted)
    "sc_deleted": {"id": "Skenario yang dihapus ({n})", "en": "Deleted scenarios ({n})"},
    "sc_deleted_row": {
        "id": "**{name}** · dibuat oleh {author} · dihapus oleh {who}, {when}",
        "en": "**{name}** · made by {author} · deleted by {who}, {when}",
    },
    # ---- register, easy to keep (issue 15; helper "register"): urusan list, count rule, pledge and competition charts
    "urusan_other": {"id": "Lainnya: {text}", "en": "Other: {text}"},
    "urusan_other_bare": {"id": "Lainnya", "en": "Other"},
    "urusan_none": {"id": "(urusan belum diisi)", "en": "(no government affair given)"},
    "urusan_kind_wajib_dasar": {"id": "Wajib, pelayanan dasar", "en": "Obligatory, basic services"},
    "urusan_kind_wajib_non_dasar": {"id": "Wajib, non-pelayanan dasar", "en": "Obligatory, non-basic services"},
    "urusan_kind_pilihan": {"id": "Pilihan", "en": "Optional"},
    "urusan_kind_penunjang": {"id": "Penunjang", "en": "Supporting function"},
    "urusan_help": {
        "id": "Daftar urusan pemerintahan UU 23/2014 (wajib pelayanan dasar, wajib non-pelayanan dasar, pilihan) "
        "dan fungsi penunjang.",
        "en": "The government affairs of Law 23/2014 (obligatory basic services, obligatory non-basic services, "
        "optional) and the supporting functions.",
    },
    "count_rule": {
        "id": "Yang dihitung: inovasi tahun usulan {year} dari unit {types} berstatus {statuses}; draf tidak dihitung.",
        "en": "What counts: innovations proposed in {year} by {types} units with status {statuses}; drafts never count.",
    },
    "inv_all_rows": {"id": "Semua baris {year} (termasuk draf)", "en": "All rows {year} (drafts included)"},
    "inv_counted": {"id": "Dihitung (bukan draf)", "en": "Counted (not drafts)"},
    "commit_chart_title": {
        "id": "Inovasi {year}, kumulatif (target {q})",
        "en": "Innovations {year}, cumulative (target {q})",
    },
    "commit_target_line": {"id": "target {q}", "en": "target {q}"},
    "inv_pick_urusan": {"id": "Pilih urusan", "en": "Choose an affair"},
    "reg_source_sample": {"id": "Register inovasi (data contoh)", "en": "Innovation register (sample data)"},
    "reg_source": {"id": "Register inovasi daerah", "en": "The region's innovation register"},
    "inv_grid_howto": {
        "id": "Menyunting sel: klik dua kali (atau pilih lalu tekan Enter), ketik, tekan Enter, lalu Simpan. Mengetik "
        "langsung setelah satu klik bisa kehilangan huruf pertama.",
        "en": "To edit a cell: double-click it (or select it and press Enter), type, press Enter, then Save. Typing "
        "straight after a single click can lose the first letters.",
    },
    "num_required": {"id": "{label}: isi sebuah angka.", "en": "{label}: type a number."},
    "num_bad": {
        "id": "{label}: “{text}” bukan angka (contoh: 65,00); nilai sebelumnya tetap dipakai.",
        "en": "{label}: “{text}” is not a number (for example 65.00); the previous value stays.",
    },
    "num_range": {
        "id": "{label}: di luar rentang {lo}–{hi}; nilai sebelumnya tetap dipakai.",
        "en": "{label}: outside {lo}–{hi}; the previous value stays.",
    },
    "inv_pick_unit": {"id": "Pilih unit (OPD, sekolah, puskesmas, …)", "en": "Choose a unit (agency, school, …)"},
    "inv_pick_comps": {"id": "Pilih kompetisi (boleh lebih dari satu)", "en": "Choose competitions (any number)"},
    "commit_chart_sub": {
        "id": "Kumulatif per bulan usulan; draf tidak dihitung",
        "en": "Cumulative by month proposed; drafts not counted",
    },
    "comp_no_group": {"id": "tanpa kelompok (tidak ada di aturan)", "en": "no group (not in the rules)"},
    "comp_sub_groups": {
        "id": "Entri (bukan draf) per kelompok dan tahap",
        "en": "Entries (not drafts) by group and stage",
    },
    "comp_sub_no_rules": {
        "id": "Aturan kelompoknya belum ada di data: entri (bukan draf) per jenis unit",
        "en": "No grouping rules in the data: entries (not drafts) by unit type",
    },
    "comp_none_counted": {
        "id": "Belum ada entri {year} (draf tidak dihitung)",
        "en": "No entries in {year} yet (drafts do not count)",
    },
    "inv_undo_hint": {
        "id": "Salah simpan? Batalkan perubahan terakhir Anda di sini.",
        "en": "Saved by mistake? Undo your last change here.",
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
