from pathlib import Path

import pandas as pd
import pytest

from iid import published

SHARED = Path(__file__).resolve().parents[2] / "shared" / "published-iid-scores.csv"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Sangat Inovatif", "Sangat Inovatif"),
        ("Kabupaten terinovatif (#1) as printed", "Sangat Inovatif"),
        ('"tidak Inovatif" as printed (Kurang Inovatif band)', "Kurang Inovatif"),
        ("Inovatif (as described; >60 would be Sangat Inovatif)", "Inovatif"),  # Kota Serang 2022, as printed
        ("Tidak Dapat Dinilai", "Tidak Dapat Dinilai"),
        ("", None),
    ],
)
def test_canonical_predicate_reads_what_the_source_printed_not_the_comment(printed, expected):
    assert published.canonical_predicate(printed) == expected


@pytest.mark.parametrize(
    ("rank", "rank_of", "expected"),
    [
        ("143", "415", (143, 415, None)),
        ("1", "(all kota)", (1, None, "all kota")),
        ("2 (within Aceh)", "23", (None, None, "2 (within Aceh) / 23")),
        ("", "", (None, None, None)),
    ],
)
def test_parse_rank_keeps_national_ranks_and_notes_other_scopes(rank, rank_of, expected):
    assert published.parse_rank(rank, rank_of) == expected


def test_committed_published_scores_match_the_research_list():
    """data/published/iid_scores_reported.csv is what `python -m iid published` makes of the shared list."""
    if not SHARED.exists():
        pytest.skip("shared/published-iid-scores.csv is not beside this checkout")
    conv = published.convert(SHARED)
    committed = pd.read_csv(Path("data/published/iid_scores_reported.csv"), dtype={"region_code": str})
    assert len(committed) == len(conv.scores)
    assert committed["score"].round(2).fillna(-1).tolist() == conv.scores["score"].round(2).fillna(-1).tolist()


def test_conversion_keeps_final_and_conflict_rows_and_leaves_out_the_rest():
    if not SHARED.exists():
        pytest.skip("shared/published-iid-scores.csv is not beside this checkout")
    raw = pd.read_csv(SHARED, dtype=str)
    conv = published.convert(SHARED)
    assert len(conv.scores) == raw["status"].isin(["final", "conflict"]).sum()
    assert set(conv.excluded) == {"provisional", "self_estimate", "ambiguous"}
    # the provisional 97,60 of Kab. Balangan is not a result
    assert not ((conv.scores["region_code"] == "63.11") & (conv.scores["year"] == 2025)).any()


def test_the_english_title_of_every_event_names_predicates_in_english():
    from iid.i18n import PREDICATE_EN

    events = pd.read_csv(Path(__file__).parents[1] / "data" / "published" / "events.csv")
    for row in events.itertuples():
        said = [p for p in PREDICATE_EN if p in row.title_en]
        assert not said, f"{row.event_id}: {row.title_en!r} names {said}"
