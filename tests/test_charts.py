from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from iid import charts, queries
from iid.rule_changes import rule_changes

BONTANG, PONTIANAK, PANGKALPINANG, KALTARA = "64.74", "61.71", "19.71", "65"
# Kalimantan Utara's RPJMD target: at least 65,00 by 2029 (figures.target's arguments)
TARGET_ARGS = (KALTARA, 65.0, 2029, ">=", "iid_score", None, False, None, None, "id")
MISSING_TEXT = re.compile(r"\b(nan|NaN|None|NaT)\b|<NA>")


def sources(**cols) -> pd.DataFrame:
    return pd.DataFrame({"source_id": [f"s{i}" for i in range(len(cols["title"]))], **cols})


def visible_text(fig) -> str:
    """Everything a reader sees: titles, annotations, legend names and hover texts."""
    d = fig.to_plotly_json()
    parts = [json.dumps(d["layout"].get("title", {}), ensure_ascii=False)]
    parts += [a.get("text", "") + "|" + a.get("hovertext", "") for a in d["layout"].get("annotations", [])]
    for tr in d["data"]:
        parts.append(str(tr.get("name", "")))
        for key in ("hovertext", "text"):
            v = tr.get(key)
            values = v if isinstance(v, list | tuple | np.ndarray) else [v]
            parts.extend(str(x) for x in values if x is not None)
    return "\n".join(parts)


# --- source_text ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, "", "nan", "None"])
def test_source_text_falls_back_to_the_title_when_the_publisher_is_missing(missing):
    df = sources(publisher=pd.Series([missing, "BSKDN"], dtype=object), title=["Impor skor 2026", "Paparan"])
    assert charts.source_text(df) == "Sumber: Impor skor 2026; BSKDN"


def test_source_text_reads_a_frame_as_pandas_returns_it_after_an_import_without_publisher():
    # what queries.sources returns when the publisher column is all missing: a float column of NaN
    df = sources(publisher=[np.nan, np.nan], title=["Impor 1", "Impor 2"])
    assert charts.source_text(df, "en") == "Source: Impor 1; Impor 2"


def test_source_text_never_shows_a_missing_value():
    df = sources(publisher=[None, pd.NA], title=[np.nan, None])
    assert charts.source_text(df) == "Sumber: –"
    assert charts.source_text(pd.DataFrame()) == "Sumber: –"


def test_source_text_names_each_publisher_once_and_counts_the_rest():
    df = sources(publisher=["A", "A", "B", "C", "D"], title=["1", "2", "3", "4", "5"])
    assert charts.source_text(df, limit=2) == "Sumber: A; B (+2)"


def test_a_sample_source_is_named_first_in_the_readers_language_never_hidden_behind_a_count():
    df = pd.DataFrame(
        {
            "kind": ["published", "published", "published", "sample"],
            "publisher": ["Mekora.id", "editorialkaltim.com", "spasikaltim.com", "Dasbor IID (data contoh)"],
        }
    )
    assert charts.source_text(df) == "Sumber: Data contoh; Mekora.id; editorialkaltim.com (+1)"
    assert charts.source_text(df, "en").startswith("Source: Sample data; Mekora.id")


# --- the published-only chart: a predicate without a score is a band, not a point -------------------------------------


@pytest.fixture
def pub_series(published_db):
    return queries.scores(published_db, [BONTANG, PONTIANAK, KALTARA], published_only=True)


def test_predicate_only_years_are_hatched_bands_not_points(published_db, pub_series):
    bands = queries.bands(published_db)
    fig = charts.trend(pub_series, bands, pd.DataFrame())
    boxes = [tr for tr in fig.data if tr.meta == "predicate_only" and tr.x[0] is not None]
    # Bontang and Pontianak: a published predicate and no score in 2021–2024 (data/published)
    assert len(boxes) == 8
    for tr in boxes:
        year = round(sum(tr.x[:2]) / 2)
        lo, hi = min(tr.y), max(tr.y)
        assert any(b.min_score == lo and b.max_score == hi for b in bands[year]), (year, lo, hi)
    # no point anywhere but at a published score: Kaltara 45,86 in 2023
    points = [
        (x, y)
        for tr in fig.data
        if "markers" in (tr.mode or "")
        for x, y in zip(tr.x, tr.y, strict=True)
        if y is not None
    ]
    assert points == [(2023, 45.86)]


def test_predicate_only_bands_are_labelled_and_have_one_legend_entry(published_db, pub_series):
    fig = charts.trend(pub_series, queries.bands(published_db), pd.DataFrame(), "en")
    labels = [a.text for a in fig.layout.annotations if a.name == "predicate_only"]
    assert labels.count("Very<br>Innovative") == 2  # Bontang and Pontianak 2024
    assert labels.count("Innovative") == 6
    legend = [tr.name for tr in fig.data if tr.showlegend is not False and tr.name]
    assert legend.count("Predicate only (score not published)") == 1
    assert {"Kota Bontang", "Kota Pontianak"} <= set(legend)  # a region without scores keeps its colour key


def test_two_regions_with_a_predicate_in_the_same_year_stand_side_by_side(published_db, pub_series):
    fig = charts.trend(pub_series, queries.bands(published_db), pd.DataFrame())
    boxes = sorted((min(tr.x), max(tr.x)) for tr in fig.data if tr.meta == "predicate_only" and tr.x[0] is not None)
    in_2024 = [b for b in boxes if 2023.5 < b[0] < 2024.5]
    assert len(in_2024) == 2 and in_2024[0][1] < in_2024[1][0]


# --- rank over time: published and computed ranks never joined ------------------------------------------------------


def test_published_and_computed_ranks_are_separate_unjoined_traces(full_db):
    # Kota Pangkal Pinang 2021: published rank 15 (Sonora Bangka); 2022–2025 ranks computed from sample scores
    series = queries.scores(full_db, [PANGKALPINANG])
    fig = charts.rank_lines(series, pd.DataFrame())
    pub = [tr for tr in fig.data if tr.meta == "rank_published"]
    comp = [tr for tr in fig.data if tr.meta == "rank_computed"]
    assert len(pub) == 1 and len(comp) == 1
    assert dict(zip(pub[0].x, pub[0].y, strict=True)) == {2021: 15, 2022: None, 2023: None, 2024: None, 2025: None}
    assert (
        dict(zip(comp[0].x, comp[0].y, strict=True))[2021] is None
    )  # the year with a published rank shows only that one
    assert all(y is not None for x, y in zip(comp[0].x, comp[0].y, strict=True) if x > 2021)
    assert comp[0].line.dash != pub[0].line.dash
    legend = [tr.name for tr in fig.data if tr.showlegend is not False]
    assert "Peringkat resmi" in legend and "Peringkat dihitung (data contoh)" in legend


def test_the_rank_legend_keys_each_region_by_colour_only_when_there_are_several(full_db):
    # one region: a colour key of its own name drew a solid line beside a chart that has none (Bontang: computed only)
    one = charts.rank_lines(queries.scores(full_db, ["64.74"]), pd.DataFrame())
    assert [tr.name for tr in one.data if tr.showlegend is not False] == ["Peringkat dihitung (data contoh)"]
    two = charts.rank_lines(queries.scores(full_db, ["64.74", "61.71"]), pd.DataFrame())
    legend = [tr.name for tr in two.data if tr.showlegend is not False]
    assert "Kota Bontang" in legend and "Kota Pontianak" in legend


def test_rank_chart_of_a_frame_with_only_rank_columns_still_draws(full_db):
    series = queries.scores(full_db, [KALTARA])
    old = series.assign(rank=series["computed_rank"], rank_of=series["computed_rank_of"])
    old = old.drop(columns=["published_rank", "published_rank_of", "computed_rank", "computed_rank_of"])
    fig = charts.rank_lines(old, pd.DataFrame(), "en")
    assert [tr.meta for tr in fig.data if tr.meta] == ["rank_computed"]


def test_rank_chart_marks_only_rule_changes_that_move_scores(full_db, published_db):
    changes = rule_changes(queries.bands(published_db), queries.rule_years(published_db))
    fig = charts.rank_lines(queries.scores(full_db, [KALTARA]), pd.DataFrame(), rule_changes=changes)
    assert not [s for s in fig.layout.shapes if s.name == "rule_change"]  # 2021–2025: only bands changed


# --- rule-change markers ---------------------------------------------------------------------------------------------


@pytest.fixture
def changes(published_db):
    return rule_changes(queries.bands(published_db), queries.rule_years(published_db))


def test_trend_marks_each_rule_change_between_two_shown_years(full_db, published_db, changes):
    series = queries.scores(full_db, [BONTANG])
    fig = charts.trend(series, queries.bands(published_db), pd.DataFrame(), height=480, rule_changes=changes)
    assert sorted(s.x0 for s in fig.layout.shapes if s.name == "rule_change") == [2022.5, 2024.5]
    notes = [a for a in fig.layout.annotations if a.name == "rule_change"]
    # the label names the band and its move (the short form where the full sentences would stack too high)
    assert any("Sangat Inovatif" in a.text and "≥60,01 → ≥65,01" in a.text for a in notes)
    assert all("Batas" in a.hovertext for a in notes)  # the full sentence stays in the hover
    assert all(a.yref == "paper" and a.y == 1 and a.ay < 0 for a in notes)  # above the plot, off the data
    assert any("indikatif" in a.text for a in notes)  # the 2021–2022 bands are uncertain
    strip = fig.layout.meta["rule_strip"]
    assert fig.layout.margin.t == pytest.approx(100 + strip) and fig.layout.height == pytest.approx(480 + strip)


def test_without_rule_changes_the_trend_is_unchanged(full_db, published_db):
    series = queries.scores(full_db, [BONTANG])
    fig = charts.trend(series, queries.bands(published_db), pd.DataFrame(), height=480)
    assert not [s for s in fig.layout.shapes if s.name == "rule_change"]
    assert fig.layout.margin.t == 100 and fig.layout.height == 480


def test_labels_never_overlap_and_connectors_cross_no_label(changes):
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.update_xaxes(range=[2020.5, 2029.5], tickvals=list(range(2021, 2030)))
    charts.add_rule_changes(fig, changes, "id")
    notes = [a for a in fig.layout.annotations if a.name == "rule_change"]
    assert [a.x for a in notes] == [2022.5, 2024.5, 2025.5]  # k and basic services 2026–2029 as one run
    assert "k: 10 → 12 → 14 → 16 → 18 (2026–2029)" in notes[2].text
    # size the boxes as the helper estimates them (0,56 em a character, a 720 px plot) and check them pairwise
    boxes = []
    for a in notes:
        lines = a.text.replace("<i>", "").replace("</i>", "").split("<br>")
        w = (max(map(len, lines)) * charts.RULE_FONT * 0.56 + 10) / (720 / 9)
        h = len(lines) * charts.RULE_FONT * 1.3 + 8
        boxes.append((a.x, a.x + w, -a.ay, -a.ay + h))
    for i, (x0, x1, b0, b1) in enumerate(boxes):
        for j, (y0, y1, c0, c1) in enumerate(boxes):
            if i != j:
                assert not (x0 < y1 and y0 < x1 and b0 < c1 and c0 < b1), (i, j)  # no overlap
                if y0 < x0 < y1:
                    assert b0 <= c0  # a connector rises only to its own label, under any label it passes


def test_present_style_keeps_markers_strong_and_the_strip_in_proportion(full_db, published_db, changes):
    series = queries.scores(full_db, [BONTANG])
    fig = charts.trend(series, queries.bands(published_db), pd.DataFrame(), rule_changes=changes)
    p = charts.present_style(fig)
    assert all(s.opacity in (None, 1) for s in p.layout.shapes if s.name == "rule_change")
    ay = [a.ay for a in fig.layout.annotations if a.name == "rule_change"]
    assert [a.ay for a in p.layout.annotations if a.name == "rule_change"] == [v * 1.5 for v in ay]
    assert p.layout.margin.t == pytest.approx(130 + 1.5 * fig.layout.meta["rule_strip"])


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("published_only", [False, True])
def test_no_missing_value_reaches_the_charts_text(full_db, changes, lang, published_only):
    codes = [BONTANG, PONTIANAK, PANGKALPINANG, KALTARA]
    series = queries.scores(full_db, codes, published_only)
    srcs = sources(publisher=[np.nan, None], title=["Impor 2026", np.nan])
    bands = queries.bands(full_db)
    for fig in (
        charts.trend(series, bands, srcs, lang, rule_changes=changes),
        charts.rank_lines(series, srcs, lang, rule_changes=changes),
    ):
        assert not MISSING_TEXT.search(visible_text(fig))


def test_a_one_year_trend_is_titled_with_that_year(published_db):
    series = queries.scores(published_db, [KALTARA], published_only=True)  # only 2023 is published (jpnn.com)
    fig = charts.trend(series, queries.bands(published_db), pd.DataFrame())
    assert fig.layout.title.text == "Skor IID Provinsi Kalimantan Utara, 2023"


def test_people_typed_categories_are_shown_as_text_never_as_links_or_markup():
    df = pd.DataFrame({"urusan": ['<a href="https://evil.example">klik</a>', "kesehatan"], "count": [2, 1]})
    fig = charts.count_bars(df, "urusan", "count", "t", "s", "Sumber: –", False)
    labels = list(fig.data[0].x)
    assert labels[0] == "&lt;a href=&quot;https://evil.example&quot;&gt;klik&lt;/a&gt;" and labels[1] == "kesehatan"


# --- screens: a 390-px phone as well as a laptop (charts.for_screens) ----------------------------------------------


def test_a_screen_chart_has_its_legend_under_the_plot_and_the_plot_keeps_its_height(full_db):
    from iid import figures

    built = figures.trend_main(full_db, BONTANG, False, "id")
    plot_h = built.layout.height - built.layout.margin.t - built.layout.margin.b
    fig = figures.build(full_db, "trend_main", BONTANG, False, "id")
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.yref == "container"
    # growing by the wrapped subtitle and the legend's rows, never taking them from the plot
    assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b == pytest.approx(plot_h)
    src = next(a for a in fig.layout.annotations if a.name == "source_line")
    assert all(len(line) <= charts.SOURCE_CHARS for line in src.text.split("<br>"))
    legend_top = fig.layout.margin.b - fig.layout.legend.y * fig.layout.height  # px under the plot
    assert legend_top >= -src.yshift + 12  # the legend's rows start under the source line


def test_an_image_or_the_projector_puts_a_screen_charts_legend_back_at_the_right(full_db):
    from iid import figures

    fig = figures.build(full_db, "trend_main", BONTANG, False, "id")
    for copy in (charts.fit_to(fig, 1920, 1080), charts.projector(fig)):
        assert copy.layout.legend.orientation == "v" and copy.layout.legend.x == 1.02
        assert copy.layout.margin.autoexpand is not False
    assert fig.layout.legend.orientation == "h"  # the screen copy is unchanged (it is shared)


def test_a_screen_bar_chart_writes_region_names_in_short_lines_and_keeps_the_data_as_it_is(full_db):
    from iid import figures

    fig = figures.build(full_db, "compare_latest", (BONTANG, PONTIANAK, PANGKALPINANG), False, "id")
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert ticks["Kota Pangkal Pinang"] == "Kota<br>Pangkal<br>Pinang"
    assert "Kota Pangkal Pinang" in {str(v) for tr in fig.data if tr.y is not None for v in tr.y}


def test_long_bar_labels_get_longer_lines_so_that_none_takes_more_than_three():
    """Portofolio's affairs on a phone: "Administrasi kependudukan dan pencatatan sipil" took five lines of ten
    characters, and each of the 16 bars got room for five (a chart of 1.750 px)."""
    cats = ["Administrasi kependudukan dan pencatatan sipil", "Pendidikan", "Kota Pangkal Pinang"]
    fig = charts.for_screens(go.Figure(go.Bar(y=cats, x=[1, 2, 3], orientation="h"), {"height": 440}))
    labels = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert (
        labels["Administrasi kependudukan dan pencatatan sipil"]
        == "Administrasi<br>kependudukan dan<br>pencatatan sipil"
    )
    assert max(label.count("<br>") + 1 for label in labels.values()) == 3
    assert all(len(line) <= charts.LABEL_CHARS_MAX for label in labels.values() for line in label.split("<br>"))
    # labels that fit three lines of ten keep them
    assert charts.category_lines(["Kota Pangkal Pinang", "Kota Bontang"]) == [
        "Kota<br>Pangkal<br>Pinang",
        "Kota<br>Bontang",
    ]


def test_a_screen_bar_chart_grows_until_every_region_has_room_for_its_lines(full_db):
    """Tren's movers: ten regions of two lines each at 440 px ran into one another (Bontang, 1280x720)."""
    from iid import figures

    fig = figures.build(full_db, "trend_movers", BONTANG, False, "id")
    rows = len(fig.layout.yaxis.tickvals)
    lines = max(label.count("<br>") + 1 for label in fig.layout.yaxis.ticktext)
    assert rows >= 6 and lines >= 2, "the sample's movers are several regions of two lines or more"
    plot_h = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot_h / rows >= lines * 14 * 1.2  # a bar's slot holds its label's lines at the 14-px tick font
    short = charts.for_screens(go.Figure(go.Bar(y=["Kota A", "Kota B"], x=[1, 2], orientation="h"), {"height": 440}))
    assert short.layout.height == 440  # labels of one line: the figure keeps its height


def test_the_movers_numbers_have_room_beyond_the_longest_bars(full_db):
    from iid import figures

    fig = figures.build(full_db, "trend_movers", BONTANG, False, "id")
    lo, hi = fig.layout.xaxis.range
    changes = [float(x) for x in fig.data[0].x]
    assert lo < min(changes) - 0.2 * (max(changes) - min(changes)) and hi > max(changes) * 1.1
    none = pd.DataFrame({"region_code": [], "display_name": [], "change": [], "score_is_sample": []})
    empty = charts.movers_bars(none, none, 2025, pd.DataFrame(), "id")
    assert empty.layout.xaxis.range is None  # no region moved: the axis finds its own range, not NaN to NaN


@pytest.mark.parametrize(("name", "args"), [("trend_main", (BONTANG, False, "id")), ("target", TARGET_ARGS)])
def test_a_computers_rule_change_flags_point_the_way_they_run_out_of_the_plot_least(full_db, name, args):
    """On screen the legend sits under the plot, so a flag running right past the plot was cut at the figure's edge
    (Bontang's 2025 change at 1280×720): such a flag points left from its line instead."""
    from iid import figures

    fig = charts.for_screens(figures.build(full_db, name, *args, screen=False), width=charts.DESKTOP_PX)
    notes = [a for a in fig.layout.annotations if a.name == "rule_change"]
    assert notes, "the chart shows its rule changes"
    years = charts._chart_years(fig)
    lo, hi = fig.layout.xaxis.range or (years[0] - 0.5, years[-1] + 0.5)
    per_year = (charts.DESKTOP_PX - fig.layout.margin.l - fig.layout.margin.r) / (hi - lo)
    for a in notes:
        chars = max(len(charts._TAGS.sub("", line)) for line in a.text.split("<br>"))
        width = (chars * charts.RULE_FONT * 0.56 + 2 * 3 + 4) / per_year
        past_right, past_left = max(0, a.x + width - hi), max(0, lo - (a.x - width))
        # each flag points the way it runs out of the plot least (right, as everywhere else, when it fits)
        assert (a.xanchor == "left") == (past_right == 0 or past_right <= past_left), a.text
    if name == "target":  # 2026's change, three years from the right end, is too long to point right
        assert [a.xanchor for a in sorted(notes, key=lambda a: a.x)][-1] == "right"


@pytest.mark.parametrize(("name", "args"), [("trend_main", (BONTANG, False, "id")), ("target", TARGET_ARGS)])
def test_on_a_phone_each_rule_change_is_a_letter_on_its_line_and_its_sentences_are_listed_above_the_plot(
    full_db, name, args
):
    """Flags stacked for a 420-px plot ran past both edges of a phone's 270-px plot: Target's 2026 flag was cut to
    "…ik: ≥35 → ≥40,01" on the left and its 2023 flag at the screen's right edge."""
    from iid import figures

    raw = figures.build(full_db, name, *args, screen=False)
    phone = charts.for_screens(go.Figure(raw))
    flags = sorted((a for a in raw.layout.annotations if a.name == "rule_change"), key=lambda a: a.x)
    letters = sorted((a for a in phone.layout.annotations if a.name == "rule_change"), key=lambda a: a.x)
    assert flags and [a.x for a in letters] == [a.x for a in flags]
    tags = [chr(ord("A") + i) for i in range(len(flags))]
    assert [a.text for a in letters] == [f"<b>{tag}</b>" for tag in tags]
    assert all(a.xanchor == "center" and a.hovertext == f.hovertext for a, f in zip(letters, flags, strict=True))
    strip = next(a for a in phone.layout.annotations if a.name == "rule_strip")
    lines = strip.text.split("<br>")
    chars = int((charts.PHONE_PX - 24) / (charts.RULE_FONT * charts.EM))
    assert all(len(charts._TAGS.sub("", line)) <= chars for line in lines), lines  # each line whole on a phone
    assert not [line for line in lines if line.rstrip().endswith("→") or line.lstrip("\u00a0").startswith("→")]
    text = " ".join(" ".join(charts._TAGS.sub("", line) for line in lines).split())  # indents are non-breaking
    for tag, flag in zip(tags, flags, strict=True):  # each letter with its year and every sentence of its flag
        year = round(flag.x + 0.5)
        assert f"{tag} {year} · " in text
        for sentence in flag.text.split("<br>"):
            assert " ".join(charts._TAGS.sub("", sentence).split()) in text
    # the list starts at the figure's left edge, as the source line does, above the letters
    src = next(a for a in phone.layout.annotations if a.name == "source_line")
    assert strip.x == 0 and strip.xanchor == "left" and strip.xshift == src.xshift == -phone.layout.margin.l + 12
    assert strip.yshift >= charts.RULE_LETTER * 1.6
    top = phone.layout.margin.t
    assert top >= strip.yshift + len(lines) * charts.RULE_FONT * 1.35
    raw_plot = raw.layout.height - raw.layout.margin.t - raw.layout.margin.b
    plot = phone.layout.height - top - phone.layout.margin.b
    assert plot == pytest.approx(raw_plot, abs=1)  # the plot keeps its height


@pytest.mark.parametrize(("name", "args"), [("trend_main", (BONTANG, False, "id")), ("target", TARGET_ARGS)])
def test_a_computers_screen_copy_keeps_titles_on_one_line_and_gives_back_the_rows_a_phone_needed(full_db, name, args):
    """The phone's copy on a 1280×720 laptop: Target's plot was 266 px of an 880-px chart (title and subtitle in two
    lines each, three flags stacked for a 420-px plot, the legend in a phone's rows)."""
    from iid import figures

    raw = figures.build(full_db, name, *args, screen=False)
    phone = charts.for_screens(go.Figure(raw))
    computer = charts.for_screens(go.Figure(raw), width=charts.DESKTOP_PX)

    def plot_h(fig: go.Figure) -> float:
        return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b

    assert plot_h(computer) == pytest.approx(plot_h(phone))  # the same plot, in a smaller figure
    assert computer.layout.height < phone.layout.height - 60, (computer.layout.height, phone.layout.height)
    assert computer.layout.margin.t < phone.layout.margin.t
    title, subtitle = computer.layout.title.text, computer.layout.title.subtitle.text
    assert "<br>" in phone.layout.title.text + phone.layout.title.subtitle.text
    assert "<br>" not in title and "<br>" not in subtitle, (title, subtitle)
    src = next(a for a in computer.layout.annotations if a.name == "source_line")
    assert all(
        len(line) <= round(charts.SOURCE_CHARS * charts.DESKTOP_PX / charts.PHONE_PX) for line in src.text.split("<br>")
    )
    # every flag still in its own place: no two boxes share a level where they overlap
    flags = [a for a in computer.layout.annotations if a.name == "rule_change"]
    assert flags, "both charts show the rule changes of their years"
    assert charts.rule_strip(computer) <= charts.rule_strip(raw)
    plot_px = charts.DESKTOP_PX - computer.layout.margin.l - computer.layout.margin.r
    lo, hi = computer.layout.xaxis.range or (
        min(charts._chart_years(computer)) - 0.5,
        max(charts._chart_years(computer)) + 0.5,
    )
    per_year = plot_px / (hi - lo)
    spans = []
    for a in flags:
        lines = [charts._TAGS.sub("", line) for line in a.text.split("<br>")]
        w, h = charts._flag_size(lines, charts.RULE_FONT, per_year)
        x0, x1 = (a.x - w, a.x) if a.xanchor == "right" else (a.x, a.x + w)
        spans.append((x0, x1, -a.ay, -a.ay + h))
    for i, (a0, a1, b0, b1) in enumerate(spans):
        for c0, c1, d0, d1 in spans[i + 1 :]:
            assert not (a0 < c1 and c0 < a1 and b0 < d1 and d0 < b1), spans


def test_shapes_and_notes_appended_make_the_figure_plotly_makes_and_stay_editable_through_it():
    import plotly.graph_objects as go

    from iid.charts import append_layout

    def start() -> go.Figure:
        fig = go.Figure(go.Scatter(x=[2020, 2021], y=[60, 62]))
        fig.add_hrect(y0=50, y1=60, fillcolor="#eeeeee", line_width=0)
        fig.add_annotation(x=2020, y=60, text="a", showarrow=False)
        return fig

    new_shapes = [{"type": "line", "x0": 2020, "x1": 2021, "y0": 61, "y1": 61}, {"type": "rect", "x0": 0, "x1": 1}]
    new_notes = [{"x": 2021, "y": 62, "text": "b", "showarrow": False}]
    ours, plotlys = start(), start()
    append_layout(ours, shapes=new_shapes, annotations=new_notes)
    plotlys.layout.shapes = plotlys.layout.shapes + tuple(new_shapes)
    plotlys.layout.annotations = plotlys.layout.annotations + tuple(new_notes)
    assert ours.to_plotly_json() == plotlys.to_plotly_json()
    assert len(ours.layout.shapes) == 3 and ours.layout.annotations[-1].text == "b"
    ours.layout.shapes[0].y1 = 65  # an element there before and one added: both still the figure's own
    ours.layout.annotations[1].text = "c"
    assert (
        ours.to_dict()["layout"]["shapes"][0]["y1"] == 65 and ours.to_dict()["layout"]["annotations"][1]["text"] == "c"
    )
    with pytest.raises(ValueError):  # validated as plotly validates them
        append_layout(ours, shapes=[{"type": "no such shape"}])


def test_a_charts_table_reads_in_the_languages_format_with_years_as_years():
    data = pd.DataFrame({"Seri": ["A", "A", "B"], "Kategori": [2025, 2026.0, 2027], "Nilai": [77, 113.5, None]})
    shown = charts.data_for_reading(data, "id")
    assert shown["Nilai"].tolist() == ["77,00", "113,50", "–"]
    assert shown["Kategori"].tolist() == ["2025", "2026", "2027"]
    counts = charts.data_for_reading(data.assign(Nilai=[77, 1234, 100]), "id")
    assert counts["Nilai"].tolist() == ["77", "1.234", "100"]
    en = charts.data_for_reading(
        data.rename(columns={"Seri": "Series", "Kategori": "Category", "Nilai": "Value"}), "en"
    )
    assert en["Value"].tolist() == ["77.00", "113.50", "–"]
    assert data["Nilai"].tolist()[:2] == [77, 113.5]  # the downloads keep the numbers


def test_the_target_chart_keeps_the_last_announced_bands_for_the_years_after_them():
    from iid.rules import Band
    from iid.target_chart import bands_by_year

    before = [Band(2025, "Inovatif", 35.0, True, 65.0)]
    raised = [Band(2026, "Inovatif", 40.0, False, 65.0)]
    got = bands_by_year({2025: before, 2026: raised}, list(range(2024, 2030)), fallback=before)
    assert got[2024] == before and got[2025] == before  # 2024: before any stored year, the fallback
    assert all(got[y] == raised for y in (2026, 2027, 2028, 2029))  # never back down to 2025's after 2026's rise


def test_kaltaras_target_chart_shades_2027_to_2029_with_the_latest_stored_limits(published_db):
    from iid import figures

    fig = figures.build(
        published_db, "target", "65", 65.0, 2029, ">=", "iid_score", None, True, None, None, "id", screen=False
    )
    inovatif = {
        round(s.x0 + 0.5): s.y0
        for s in fig.layout.shapes
        if s.name == "predicate_band" and s.fillcolor == charts.PREDICATE_COLOURS["Inovatif"]
    }
    stored = queries.bands(published_db)
    last = max(stored)
    floor_of = {b.predicate: b.min_score for b in stored[last]}["Inovatif"]
    assert [y for y in inovatif if y > last] and all(inovatif[y] == floor_of for y in inovatif if y > last)


def test_each_rule_change_label_begins_with_its_year_so_a_box_set_aside_from_its_line_still_says_it(full_db):
    from iid import figures

    fig = figures.build(full_db, "target", *TARGET_ARGS, screen=False)
    boxes = sorted((a for a in fig.layout.annotations if a.name == "rule_change"), key=lambda a: a.x)
    assert boxes and all(a.text.startswith(f"<b>{round(a.x + 0.5)}</b> · ") for a in boxes)
    assert [round(a.x + 0.5) for a in boxes] == sorted({round(a.x + 0.5) for a in boxes})  # one box a year


def test_counts_in_thin_stacked_bars_stay_upright_and_are_hidden_rather_than_shrunk():
    df = pd.DataFrame({"urusan": ["Kesehatan", "Pendidikan", "Kesehatan"], "n": [7, 3, 1], "stage": ["a", "a", "b"]})
    fig = charts.count_bars(
        df, "urusan", "n", "Menurut urusan", "", "Sumber: x", False, colour="stage", horizontal=True
    )
    assert all(tr.textangle == 0 for tr in fig.data)  # never turned on its side
    assert fig.layout.uniformtext.minsize >= 11 and fig.layout.uniformtext.mode == "hide"
