"""The deck tells the whole story: which slides a region gets (with and without a target), native PowerPoint
charts for bars and lines, tables for the levers, pledges and sources, the next steps written from the data, and a
workshop batch's comparison section."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation

from iid import export
from iid.story import build_story, comparison_screens

WITHOUT_TARGET = ["title", "score", "trend", "peers", "weakest", "commitments", "portfolio", "sources", "next"]
WITH_TARGET = ["title", "score", "trend", "peers", "weakest", "target", "levers", "sources", "next"]


@pytest.fixture(scope="module")
def decks(full_db):
    out = {}
    for code in ("64.74", "65"):
        story = build_story(full_db, code)
        out[code] = (story, Presentation(io.BytesIO(export.deck(story, code))))
    return out


@pytest.mark.parametrize(("code", "keys"), [("64.74", WITHOUT_TARGET), ("65", WITH_TARGET)])
def test_a_region_gets_the_slides_its_data_supports_with_and_without_a_target(decks, code, keys):
    story, deck = decks[code]
    assert [s.key for s in story] == keys
    assert len(deck.slides) == len(keys)


def _slide(decks, code, key):
    story, deck = decks[code]
    return deck.slides[[s.key for s in story].index(key)]


@pytest.mark.parametrize(
    ("code", "key"), [("64.74", "trend"), ("64.74", "peers"), ("64.74", "weakest"), ("64.74", "portfolio")]
)
def test_bar_and_line_charts_are_native_powerpoint_charts_a_presenter_can_restyle(decks, code, key):
    charts = [sh.chart for sh in _slide(decks, code, key).shapes if sh.has_chart]
    assert len(charts) == 1
    assert charts[0].plots[0].categories and len(list(charts[0].plots[0].series[0].values)) > 0


def test_the_trend_slide_lists_the_events_and_rule_changes_beside_its_chart(decks):
    text = " ".join(sh.text_frame.text for sh in _slide(decks, "64.74", "trend").shapes if sh.has_text_frame)
    assert "Batas Sangat Inovatif naik" in text and "2024: Predikat Sangat Inovatif" in text


def test_the_score_gauge_and_the_target_path_stay_images(decks):
    for code, key in (("64.74", "score"), ("65", "target")):
        assert [sh for sh in _slide(decks, code, key).shapes if sh.shape_type == 13]


def test_the_levers_slide_is_the_goal_seek_table_reaching_the_target(decks):
    story, _ = decks["65"]
    levers = next(s for s in story if s.key == "levers")
    assert levers.headline.startswith("Target 65,00 tercapai menurut aturan 2029")
    table = next(sh.table for sh in _slide(decks, "65", "levers").shapes if sh.has_table)
    assert [table.cell(0, i).text for i in range(4)] == ["Perbaikan", "Dari", "Menjadi", "Poin IID"]
    assert len(table.rows) == min(len(levers.steps), 12) + 1 >= 2
    assert levers.steps[0].points >= levers.steps[-1].points  # the biggest lever first


def test_pledges_carry_their_progress_against_the_register(decks):
    table = next(sh.table for sh in _slide(decks, "64.74", "commitments").shapes if sh.has_table)
    row = [table.cell(1, i).text for i in range(4)]
    assert row[0] == "1 OPD 5 Inovasi" and re.fullmatch(r"\d+ / \d+", row[1]) and row[2].endswith("%")


def test_every_source_is_listed_with_its_url(decks):
    table = next(sh.table for sh in _slide(decks, "64.74", "sources").shapes if sh.has_table)
    urls = [table.cell(r, 2).text for r in range(1, len(table.rows))]
    assert any(u.startswith("https://") for u in urls)


def test_the_closing_slide_names_next_steps_from_the_data(decks):
    story, _ = decks["65"]
    closing = story[-1]
    assert closing.headline == "Langkah berikutnya untuk Provinsi Kalimantan Utara"
    assert any(line.startswith("Perbaikan dengan poin terbanyak per langkah:") for line in closing.lines)
    story, _ = decks["64.74"]
    assert any("1 OPD 5 Inovasi" in line for line in story[-1].lines)


def test_a_workshop_batch_adds_one_comparison_section_after_the_title(full_db):
    codes = ["64.74", "61.71", "19.71"]
    section = comparison_screens(full_db, codes)
    story = build_story(full_db, "64.74")
    deck = Presentation(io.BytesIO(export.deck(story, "Kota Bontang", "id", section)))
    assert len(deck.slides) == len(story) + 2
    latest = [sh for sh in deck.slides[1].shapes if sh.has_chart][0].chart
    assert set(latest.plots[0].categories) == {"Kota Bontang", "Kota Pontianak", "Kota Pangkal Pinang"}
    over_time = [sh for sh in deck.slides[2].shapes if sh.has_chart][0].chart
    assert len(list(over_time.plots[0].series)) == 3
    assert "Sumber:" in deck.slides[1].notes_slide.notes_text_frame.text


def test_english_decks_speak_english(full_db):
    story = build_story(full_db, "65", "en")
    assert story[-1].headline == "Next steps for Provinsi Kalimantan Utara"
    deck = Presentation(io.BytesIO(export.deck(story, "Kaltara", "en")))
    assert deck.slides[1].notes_slide.notes_text_frame.text.startswith("Sources:")
