import pytest

from iid import fmt


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: fmt.score(65), "65,00"),
        (lambda: fmt.score(65, "en"), "65.00"),
        (lambda: fmt.integer(1234), "1.234"),
        (lambda: fmt.integer(1234, "en"), "1,234"),
        (lambda: fmt.number(1234567.891, 2), "1.234.567,89"),
        (lambda: fmt.percent(0.125), "12,5%"),
        (lambda: fmt.signed(-1.1), "−1,10"),
        (lambda: fmt.signed(3.25), "+3,25"),
        (lambda: fmt.score(None), "–"),
        (lambda: fmt.score(float("nan")), "–"),
    ],
)
def test_numbers_are_written_the_indonesian_way_by_default(call, expected):
    assert call() == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("62,31", 62.31),
        ("62.31", 62.31),
        ("1.234", 1234),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        (" 45 ", 45),
        ("0.40", 0.4),
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("12.345,67", 12345.67),
        ("-5", -5),
        ("+5", 5),
        ("\t70\u00a0", 70),
        ("007", 7),
    ],
)
def test_parse_number_reads_indonesian_and_english_numbers(text, value):
    assert fmt.parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    # issue 16, item 6: each of these was read as some other number (9, 71, 100, 5, 50, 2026)
    ["", "abc", "12a", "nan", "inf", "9\x1c", "7\x1c1", "7\x1f1", "7 1", "7\t1", "1.0.0", ".5.", "1,0,0", "0,5,0"]
    + ["5_0", "20\x1c26", "1e1", ".5", "5.", "1..2", "+-5", "١٢", "５０", "1,23.4", "1.23,4", "1.2345.678", "=60+10"],
)
def test_parse_number_rejects_text_that_is_not_a_number(text):
    with pytest.raises(ValueError):
        fmt.parse_number(text)


def test_md_escape_neutralises_links_and_html_from_data():
    assert fmt.md_escape("[x](http://evil) <b>") == "\\[x\\]\\(http://evil\\) \\<b\\>"


def test_metric_delta_uses_an_ascii_minus_so_streamlit_shows_a_fall():
    assert fmt.metric_delta(-0.02) == "-0,02"
    assert fmt.metric_delta(1.5, 2, "id", " dari 2024") == "+1,50 dari 2024"
    assert fmt.metric_delta(None) is None


def test_a_dot_with_three_decimals_is_a_decimal_point_for_small_quantities():
    assert fmt.parse_number("2.963", thousands_dot=False) == 2.963
    assert fmt.parse_number("2.963") == 2963


def test_a_small_table_becomes_a_markdown_table_with_its_data_escaped_and_missing_cells_as_dashes():
    import numpy as np
    import pandas as pd

    df = pd.DataFrame(
        {
            "Tahun": [2024, 2025, 2026],
            "Skor": ["61,20", "**62,36**", None],
            "Catatan": ["a | b", "<script>x</script>", np.nan],
            "URL": ["https://bontangkota.go.id/berita/1", "javascript:alert(1)", pd.NA],
        }
    )
    text = fmt.markdown_table(df, links=("URL",), right=("Skor",))
    lines = text.split("\n")
    assert lines[0] == "| Tahun | Skor | Catatan | URL |"
    assert lines[1] == "| ---: | ---: | --- | --- |"  # a year and a score read right-aligned
    assert lines[2] == "| 2024 | 61,20 | a \\| b | [bontangkota\\.go\\.id](https://bontangkota.go.id/berita/1) |"
    assert "\\*\\*62,36\\*\\*" in lines[3] and "\\<script\\>" in lines[3]  # never bold, never HTML
    assert "javascript" in lines[3] and "](javascript" not in lines[3]  # only http(s) becomes a link
    assert lines[4] == "| 2026 | – | – | – |"
    assert "nan" not in text.lower() and "None" not in text and "<NA>" not in text


def test_an_empty_table_is_no_markdown_at_all():
    import pandas as pd

    assert fmt.markdown_table(pd.DataFrame({"a": []})) == ""
    assert fmt.markdown_table(None) == ""


def test_rows_made_into_a_table_column_by_column_give_the_same_frame_as_formatting_a_frame_of_them():
    import pandas as pd

    rows = [
        {"code": "SPD_1", "indikator": "Regulasi inovasi", "bobot": 5.0, "level": 5 / 3, "poin": 2.345, "maks": None},
        {"code": "SID_2", "indikator": "Kecepatan", "bobot": 12.0, "level": 0.0, "poin": 0.0, "maks": 3.0},
    ]
    cols = {"bobot": 0, "poin": 2, "maks": 2}
    made = fmt.rows_frame(rows, cols, "id")
    pd.testing.assert_frame_equal(made, fmt.frame_numbers(pd.DataFrame(rows), cols, "id"))
    assert made["poin"].tolist() == ["2,35", "0,00"] and made["maks"].tolist() == ["–", "3,00"]
    assert made["level"].tolist() == [5 / 3, 0.0]  # the editable level stays an exact number
    assert fmt.rows_frame([], cols).empty


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("RPJMD Provinsi Kalimantan Utara 2025–2029", "Provinsi Kalimantan Utara", "RPJMD 2025–2029"),
        ("Rakor Inovasi Kota Pangkalpinang 2025", "Kota Pangkal Pinang", "Rakor Inovasi Kota Pangkalpinang 2025"),
        ("Kota Bontang", "Kota Bontang", "Kota Bontang"),  # nothing but the name: kept whole
        ("RPJMD (Kota Bontang) 2021–2026", "Kota Bontang", "RPJMD 2021–2026"),
        ("Kota Bontang: Renstra", "Kota Bontang", "Renstra"),
        ("RPJMD 2025–2029", None, "RPJMD 2025–2029"),
    ],
)
def test_a_plan_title_drops_the_region_name_the_page_already_shows(text, name, expected):
    assert fmt.without_name(text, name) == expected
