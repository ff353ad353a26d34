"""bench/ stays runnable: its arguments, its figures' shape, the protocol message and the generated register's format.

No timing here: speed is measured by `make bench`, never asserted.
"""

from pathlib import Path

import pytest

from tests.conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]
_load = bench_module  # tests/conftest.py


@pytest.fixture(scope="module")
def bench():
    return _load("run")


def test_quick_run_of_two_sections_plans_few_repetitions_and_a_small_register(bench):
    plan = bench.plan(bench.parse_args(["--quick", "--only", "register,pages"]))
    assert plan["sections"] == ["pages", "register"]  # in the bench's own order
    assert plan["reps"] == 2
    assert plan["levels"] == (1, 10)
    assert plan["bursts"] == 1
    assert plan["cluster_levels"] == (10,)
    assert [label for label, _ in plan["register_sizes"]] == ["1x", "20k"]


def test_default_run_measures_every_section_and_big_adds_a_million_innovations(bench):
    plan = bench.plan(bench.parse_args([]))
    assert plan["sections"] == list(bench.SECTIONS)
    assert plan["levels"] == (1, 10, 25, 50)
    assert plan["bursts"] == 7  # a level's figure is the median over bursts (one burst's swings by half)
    assert plan["cluster_levels"] == (10, 50)  # sessions through nginx over 1 and 2 app servers
    assert ("1m", 1_000_000) not in plan["register_sizes"]
    assert ("1m", 1_000_000) in bench.plan(bench.parse_args(["--big"]))["register_sizes"]
    assert plan["store_register"] == 0  # the 400.000-innovation register on both stores comes with --big
    assert bench.plan(bench.parse_args(["--big", "--only", "store"]))["store_register"] == 400_000


def test_the_cluster_section_can_run_alone(bench):
    assert bench.plan(bench.parse_args(["--only", "cluster"]))["sections"] == ["cluster"]


def test_an_unknown_section_is_refused(bench):
    with pytest.raises(SystemExit):
        bench.parse_args(["--only", "pages,speed"])


def test_a_figure_is_its_median_and_spread_and_a_ratio_divides_medians(bench):
    fig = bench.spread([5.0, 1.0, 3.0, 2.0, 4.0, None])
    assert fig == {"p50": 3.0, "p10": 1.4, "p90": 4.6, "n": 5}  # None (not measured) is left out
    assert bench.spread([None]) is None
    assert bench.ratio({"p50": 3.0}, {"p50": 2.0}) == 1.5
    assert bench.ratio(fig, None) is None


def test_bursts_of_one_case_make_one_figure_of_their_medians_and_the_worst_session(bench):
    def one(p50: float, worst: float, errors: int) -> dict:
        return {
            "session_s": {"p50": p50, "p95": p50 * 1.5, "max": worst, "n": 25},
            "first_chart_s": None if errors == 25 else {"p50": p50 / 2, "p95": p50, "max": worst / 2, "n": 25},
            "errors": errors,
            "error_examples": ["timeout"] if errors else [],
            "exceptions": 0,
            "full_runs": 25 - errors,
            "wall_s": p50 * 2,
            "cpu_ms_per_session": 15.0,
            "bytes_per_session": 46000,
        }

    fig = bench.of_bursts([one(0.2, 0.4, 0), one(0.5, 0.9, 1), one(0.3, 0.5, 0)])
    assert fig["session_s"] == {"p50": 0.3, "p95": 0.45, "max": 0.9, "n": 75, "burst_p50s": [0.2, 0.5, 0.3]}
    assert fig["first_chart_s"]["p50"] == 0.15 and fig["bursts"] == 3
    assert (fig["errors"], fig["full_runs"], fig["error_examples"]) == (1, 74, ["timeout"])
    assert bench.of_bursts([one(0.2, 0.4, 25)])["first_chart_s"] is None  # no chart in any burst: not measured


def test_the_websocket_client_asks_for_the_page_and_query_a_browser_would():
    from streamlit.proto.BackMsg_pb2 import BackMsg

    ws = _load("wsclient")
    msg = BackMsg.FromString(ws.rerun_msg("bandingkan", "r=64.74,61.71"))
    assert msg.WhichOneof("type") == "rerun_script"
    assert (msg.rerun_script.page_name, msg.rerun_script.query_string) == ("bandingkan", "r=64.74,61.71")
    assert ws.ws_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"


def test_ratios_taken_round_by_round_give_their_spread_and_skip_rounds_not_measured(bench):
    fig = bench.paired_ratios([2.4, 2.2, None, 2.6, 2.0], [2.0, 2.0, 2.1, 2.0, None])
    assert fig == {"p50": 1.2, "p10": 1.12, "p90": 1.28, "n": 3}
    assert bench.paired_ratios([None], [2.0]) is None
