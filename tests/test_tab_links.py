"""A tab is kept in the URL by its label; a link from the other language opens the same tab, not the first."""

import pytest

from iid import register as R
from iid.i18n import t
from tests.conftest import open_page

PAGES = {
    "pages/compare.py": ("tab", ["tab_latest", "tab_time", "tab_indicators", "tab_map", "tab_table"]),
    "pages/data_in.py": ("dtab", ["tab_import", "tab_history", "tab_sources", "tab_quality", "tab_download"]),
    "pages/innovations.py": ("itab", list(R.TAB_KEYS)),
}
CASES = [
    pytest.param(page, param, tab, lang, id=f"{page[6:-3]}-{tab}-{lang}")
    for page, (param, keys) in PAGES.items()
    for tab in keys[1:]  # the first tab is what a lost link falls back to
    for lang in ("id", "en")
]


@pytest.mark.parametrize(("page", "param", "tab", "lang"), CASES)
def test_a_tab_linked_in_the_other_language_opens_the_same_tab_and_the_address_keeps_it(
    app_env, page: str, param: str, tab: str, lang: str
):
    other = "en" if lang == "id" else "id"
    at = open_page(page, timeout=90, **{"r": "64.74", "lang": lang, param: t(tab, other)})
    assert not at.exception, at.exception
    assert at.session_state[param] == t(tab, lang)
    assert at.query_params[param] == t(tab, lang)  # a link copied now opens it again
