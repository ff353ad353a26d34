"""Any string in any URL parameter gives a page, never a traceback (Hypothesis over the query string)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_states import PAGES, open_page, problems_in

# Every parameter a page reads, and one it does not know.
NAMES = [
    "r",
    "pub",
    "lang",
    "present",
    "tab",
    "mode",
    "yr",
    "my",
    "mc",
    "rk",
    "s",
    "t",
    "ty",
    "v",
    "y",
    "g",
    "ry",
    "dtab",
    "itab",
    "sc",
    "zz",
]
# Values people and links produce: real codes and numbers, near misses, and any text at all.
NEAR = st.sampled_from(
    [
        "64.74",
        "61.71,64.74",
        "65",
        "99.99",
        "",
        "1",
        "0",
        "en",
        "xx",
        "-1",
        "1e309",
        "nan",
        "2029",
        "65,00",
        "[x](https://evil.example)",
        "<b>x</b>",
        "`",
        "64.74," * 20,
    ]
)
VALUES = st.one_of(NEAR, st.text(max_size=40))
PARAMS = st.dictionaries(st.sampled_from(NAMES), VALUES, min_size=1, max_size=5)


@pytest.mark.parametrize("page_file", PAGES)
def test_any_url_parameters_give_a_page_and_never_a_traceback(app_env, page_file):
    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(params=PARAMS)
    def run(params):
        at = open_page(page_file, **params)
        assert not at.exception, (params, [e.value for e in at.exception])
        typed = " ".join(params.values())
        # a missing value shown as text is a defect, unless the URL itself carried that word
        bad = [p for p in problems_in(at) if "missing value" in p and p.split("'")[1] not in typed]
        assert not bad, (params, bad[:5])

    run()
