"""The Target page's sentences name the years each figure is measured over, and agree with the figures."""

from __future__ import annotations

import pytest

from iid.target_report import as_dict, build_report
from iid.target_text import explain, projection_sentence, summary_lines


def test_kaltaras_status_names_both_windows_and_the_gain_still_needed_from_the_latest_year(full_db):
    # shipped sample series 2021–2025: 54,47 in 2025; (54,47 − x2021) / 4 = 3,79; (65 − x2021) / 8 = 3,21;
    # (65 − 54,47) / 4 = 2,63: the three numbers, each with its years
    rep = build_report(full_db, "65", 65.0, 2029)
    text = explain(rep)
    assert "3,79 per tahun (2021–2025)" in text
    assert "dari 2021 ke 2029 (3,21 per tahun)" in text
    assert "dari 2025 masih perlu 2,63 per tahun" in text


def test_the_summary_figures_and_the_status_use_one_observed_pace(full_db):
    rep = build_report(full_db, "65", 65.0, 2029)
    lines = summary_lines(rep)
    assert "Laju/tahun 2021–2025: +3,79" in lines
    assert "Perlu naik/tahun 2025→2029: 2,63" in lines
    d = as_dict(rep)
    assert d["trend_slope"] == d["sdsn_observed_gain"] and d["trend_years"] == [2021, 2025]
    assert d["required_yearly_gain_years"] == [2025, 2029] and d["sdsn_required_gain_years"] == [2021, 2029]


@pytest.mark.parametrize(
    ("gain", "lang", "expected"),
    [
        (None, "id", "Dengan laju teramati +3,79 per tahun (2021–2025): 69,62 pada 2029"),
        (None, "en", "At the observed pace of +3.79 a year (2021–2025): 69.62 in 2029"),
        (2.0, "id", "Dengan asumsi kenaikan +2,00 per tahun: 62,47 pada 2029"),
    ],
)
def test_the_projection_says_whether_its_pace_is_observed_with_its_years_or_assumed(full_db, gain, lang, expected):
    rep = build_report(full_db, "65", 65.0, 2029, gain=gain)
    assert projection_sentence(rep, lang).startswith(expected)


def test_a_single_published_year_gives_no_pace_and_says_a_status_needs_three_years(full_db):
    rep = build_report(full_db, "65", 65.0, 2029, published_only=True)
    assert rep.progress.trend is None and rep.progress.years_used == [2023]
    assert "sedikitnya 3 tahun" in explain(rep)
    assert "Laju/tahun: –" in summary_lines(rep)


def test_a_count_target_is_written_in_whole_counts_with_a_pace_of_one_decimal_and_no_points(full_db):
    # Pangkalpinang's 100 proposals by 2025 (the sample register's counts), and the same series aimed at 2027
    missed = build_report(full_db, "19.71", 100, 2025, metric="innovation_count")
    assert missed.progress.status == "missed"
    assert "Nilai terakhir: 77 (2025) · Data contoh" in summary_lines(missed)
    assert any(line.startswith("Laju/tahun 2023–2025: +29,0") for line in summary_lines(missed))
    ahead = build_report(full_db, "19.71", 150, 2027, metric="innovation_count")
    sentence = projection_sentence(ahead, "id")
    assert sentence.startswith("Dengan laju teramati +29,0 per tahun (2023–2025): 135 pada 2027")
    assert "poin" not in sentence and "kurang 15 dari target" in sentence
    assert "15 short of the target" in projection_sentence(ahead, "en")


def test_a_missed_target_says_when_its_value_comes_late_and_its_chart_names_only_what_it_draws(full_db):
    from iid.target_chart import target_chart
    from iid.target_text import reached_sentence

    rep = build_report(full_db, "19.71", 100, 2025, metric="innovation_count")
    assert rep.progress.status == "missed"
    sentence = reached_sentence(rep, "id")
    assert (
        sentence.startswith("Dengan laju ini, nilai 100 tercapai pada 20") and "setelah tahun target 2025" in sentence
    )
    assert "Target tercapai" not in sentence  # beside "Tidak tercapai" that read as a contradiction
    fig = target_chart(rep, {}, "Sumber: uji", "id")
    assert fig.layout.title.subtitle.text == "Capaian tiap tahun dan target 2025"
