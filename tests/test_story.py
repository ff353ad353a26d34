import pytest

from iid.story import build_story


def test_story_screens_follow_the_guided_order(full_db):
    keys = [s.key for s in build_story(full_db, "65")]
    assert keys == ["title", "score", "trend", "peers", "weakest", "target", "levers", "sources", "next"]


def test_headlines_are_written_from_the_data_in_both_languages(full_db):
    id_ = {s.key: s.headline for s in build_story(full_db, "65", "id", published_only=True)}
    en = {s.key: s.headline for s in build_story(full_db, "65", "en", published_only=True)}
    assert id_["score"] == (
        "Skor IID 2023: 45,86 (dipublikasikan), predikat Inovatif; peringkat 23 dari 38 provinsi (dipublikasikan)."
    )
    assert en["score"].startswith("IID score 2023: 45.86 (published), Innovative; rank 23 of 38 provinces")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_bontangs_score_screen_says_the_predicate_fell_because_the_band_rose_and_the_trend_screen_the_long_run(
    full_db, lang
):
    screens = {s.key: s.headline for s in build_story(full_db, "64.74", lang)}
    want = {
        "id": "naik 1,00 poin dari 2024, tetapi turun ke Inovatif karena batas Sangat Inovatif naik dari 60,01 ke 65,01",
        "en": "up 1.00 points from 2024, but fell to Innovative because the Very Innovative threshold rose from 60.01 to 65.01",
    }[lang]
    assert want in screens["score"]
    assert screens["trend"].startswith({"id": "Skor Kota Bontang naik", "en": "Kota Bontang's score rose"}[lang])


def test_commitments_screen_lists_pangkal_pinangs_pledges(full_db):
    screens = {s.key: s for s in build_story(full_db, "19.71")}
    assert screens["commitments"].headline == "2 komitmen inovasi daerah."
    assert any("KIPP" in line for line in screens["commitments"].lines)


@pytest.mark.parametrize("code", ["64.74", "61.71", "11.09"])
def test_every_story_has_a_title_and_a_score_screen(full_db, code):
    keys = [s.key for s in build_story(full_db, code)]
    assert keys[:3] == ["title", "score", "trend"]


def test_bontangs_deck_says_the_predicate_fell_because_the_band_rose(full_db):
    import io

    from pptx import Presentation

    from iid import export

    deck = Presentation(io.BytesIO(export.deck(build_story(full_db, "64.74"), "Kota Bontang")))
    texts = " ".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    assert "tetapi turun ke Inovatif karena batas Sangat Inovatif naik dari 60,01 ke 65,01" in texts
